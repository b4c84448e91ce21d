"""Generated bulletin data at the size an issue names: staff, notices and read records.

    parser = argparse.ArgumentParser(); add_size_arguments(parser)
    data = BulletinData(seed=7, planned_staff=2000)
    data.add(staff=200, notices=5000, reads=500000)      # may be called again to grow

Departments are the demo organisation's (intranet/demo/organisation.py)
with each section copied until there are about 25 staff per section, as in
a city of that size. Staff, notices and read records are written in large
batches without model instances; read records go in with COPY on
PostgreSQL. Each ``add`` only adds: its notices are new, and their read
records come from the staff there are by then, so (notice, user) never
repeats.

Notices spread evenly over the three years before now, with display periods
of one to eight weeks (1% without an end), a few scheduled, about a third for
one or two departments only; read records go to recent notices more than old
ones, and only to their audience.
"""

import math
import random
import time
from dataclasses import dataclass, field
from datetime import timedelta

STAFF_PER_SECTION = 25
YEARS = 3
BATCH = 20_000


def add_size_arguments(parser, staff=2000, notices=50000, reads=5_000_000):
    parser.add_argument("--staff", type=int, default=staff)
    parser.add_argument("--notices", type=int, default=notices)
    parser.add_argument("--reads", type=int, default=reads, help="read records (NoticeRead)")


@dataclass
class BulletinData:
    seed: int = 7
    planned_staff: int = 0  # departments are sized for this many staff (0: the first add's)
    sections: list = field(default_factory=list)  # [(section id, parent id)]
    staff_by_section: dict = field(default_factory=dict)  # section id → [user id]
    staff_count: int = 0
    notice_count: int = 0
    read_count: int = 0
    last_read_notice: int = 0  # notices up to this pk have had their read records
    timings: list = field(default_factory=list)  # [(what, seconds)]

    def __post_init__(self):
        self.rng = random.Random(self.seed)

    def add(self, staff, notices, reads, log=print):
        """Grow to ``staff`` staff, add ``notices`` notices and about ``reads`` read records."""
        from django.utils import timezone

        self.now = timezone.now()
        for what, step, args in (
            ("departments", self._departments, (max(staff, self.planned_staff),)),
            ("staff", self._staff, (staff - self.staff_count,)),
            ("notices", self._notices, (notices,)),
            ("read records", self._reads, (reads,)),
            ("ANALYZE", self._analyze, ()),
        ):
            started = time.perf_counter()
            count = step(*args)
            seconds = time.perf_counter() - started
            label = what if count is None else f"{count:,} {what}"
            self.timings.append((label, seconds))
            log(f"  {label} in {seconds:.1f} s")

    # Departments and staff -------------------------------------------------------------

    def _departments(self, staff):
        """The demo organisation, each section copied until a section has about 25 staff."""
        from intranet.demo.organisation import DEPARTMENTS
        from intranet.demo.staff import load_departments
        from intranet.models import Department

        if self.sections:
            return 0
        demo_sections = load_departments()
        copies = max(1, math.ceil(staff / STAFF_PER_SECTION / len(demo_sections)))
        rows = []
        for copy in range(2, copies + 1):
            for code, section in demo_sections.items():
                start = 10000 + (copy * 100 + int(code)) * 50
                rows.append(
                    Department(
                        code=f"{code}-{copy}",
                        name=f"{section.name}{copy}",
                        kind=Department.Kind.KA,
                        parent_id=section.parent_id,
                        extension_from=start,
                        extension_to=start + 49,
                        sort_order=section.sort_order * 100 + copy,
                    )
                )
        Department.objects.bulk_create(rows, batch_size=500)
        self.sections = list(
            Department.objects.filter(kind=Department.Kind.KA).values_list("pk", "parent_id")
        )
        self.staff_by_section = {pk: [] for pk, _parent in self.sections}
        return len(DEPARTMENTS) + len(self.sections)

    def _staff(self, count):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.hashers import make_password
        from django.contrib.auth.models import Group

        from intranet.demo.organisation import GIVEN_NAMES, SURNAMES
        from intranet.kana import normalize_for_lookup
        from intranet.models import StaffProfile
        from intranet.roles import STAFF

        User = get_user_model()
        first = self.staff_count
        password = make_password("benchmark-password")
        users = [
            User(username=f"b{number:06d}", password=password, is_active=True)
            for number in range(first, first + count)
        ]
        User.objects.bulk_create(users, batch_size=2000)
        users = list(
            User.objects.filter(username__in=[u.username for u in users]).order_by("username")
        )
        profiles = []
        for number, user in zip(range(first, first + count), users, strict=True):
            (surname, surname_kana), (given, given_kana) = (
                SURNAMES[number % len(SURNAMES)],
                GIVEN_NAMES[(number * 7) % len(GIVEN_NAMES)],
            )
            section, _parent = self.sections[number % len(self.sections)]
            name, kana = f"{surname} {given}", f"{surname_kana} {given_kana}"
            profiles.append(
                StaffProfile(
                    user=user,
                    staff_number=f"B{number:06d}",
                    full_name=name,
                    full_name_kana=kana,
                    department_id=section,
                    job_title="主事",
                    lookup_text=f"{normalize_for_lookup(name)} {normalize_for_lookup(kana)}",
                )
            )
            self.staff_by_section[section].append(user.pk)
        StaffProfile.objects.bulk_create(profiles, batch_size=2000)
        staff_group = Group.objects.get(name=STAFF)
        User.groups.through.objects.bulk_create(
            [User.groups.through(user_id=user.pk, group_id=staff_group.pk) for user in users],
            batch_size=2000,
        )
        self.staff_count += count
        return count

    # Notices ----------------------------------------------------------------------------

    def _categories(self):
        from bulletin.demo_notices import CATEGORIES
        from bulletin.models import NoticeCategory

        for order, (name, slug, description, _posters) in enumerate(CATEGORIES):
            NoticeCategory.objects.get_or_create(
                slug=slug, defaults={"name": name, "description": description, "sort_order": order}
            )
        return list(NoticeCategory.objects.values_list("pk", flat=True))

    def _notices(self, count):
        from bulletin.models import Notice, NoticeAudience

        categories = self._categories()
        parents = sorted({parent for _section, parent in self.sections})
        targets = [section for section, _parent in self.sections] + parents
        rng, span = self.rng, YEARS * 365 * 24 * 60
        first = Notice.objects.count()
        for start in range(0, count, BATCH):
            notices, audiences = [], []
            for number in range(first + start, first + min(count, start + BATCH)):
                # Evenly over the years (about 45 a day for 50,000), the last 3 days scheduled.
                starts_at = self.now - timedelta(minutes=rng.randrange(span) - 4320)
                ends = None if rng.random() < 0.01 else timedelta(days=rng.randint(7, 56))
                importance = rng.choices((0, 1, 2), weights=(2, 15, 83))[0]
                notices.append(
                    Notice(
                        title=f"お知らせ {number + 1}：庁内システムの停止と研修の開催について",
                        body="<p>" + "本文の段落です。" * 20 + "</p>",
                        category_id=rng.choice(categories),
                        importance=importance,
                        sender_id=rng.choice(self.sections)[0],
                        starts_at=starts_at,
                        ends_at=starts_at + ends if ends else None,
                        audience_all=rng.random() < 0.7,
                        pinned=importance == 0 and rng.random() < 0.1,
                        requires_confirmation=rng.random() < 0.2,
                    )
                )
            Notice.objects.bulk_create(notices, batch_size=2000)
            for notice in notices:
                if notice.audience_all:
                    continue
                for department in rng.sample(targets, rng.choice((1, 1, 2))):
                    audiences.append(NoticeAudience(notice_id=notice.pk, department_id=department))
            NoticeAudience.objects.bulk_create(audiences, batch_size=2000)
        self.notice_count += count
        return count

    # Read records -----------------------------------------------------------------------

    def _analyze(self):
        """Planner statistics, as autovacuum (PostgreSQL) or a nightly ANALYZE would keep them."""
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    def _audience(self, notice_id, audience_all, departments):
        if audience_all:
            return self.everyone
        ids = []
        for department in departments:
            for section, parent in self.sections:
                if section == department or parent == department:
                    ids.extend(self.staff_by_section[section])
        return list(dict.fromkeys(ids))  # a 部 and one of its 課 together: each person once

    def _reads(self, count):
        """About ``count`` read records for the notices added last, recent ones read most."""
        from bulletin.models import Notice, NoticeAudience

        self.everyone = [pk for ids in self.staff_by_section.values() for pk in ids]
        new = Notice.objects.filter(pk__gt=self.last_read_notice, starts_at__lte=self.now)
        notices = list(new.values_list("pk", "audience_all", "starts_at", "requires_confirmation"))
        departments = {}
        for notice_id, department in NoticeAudience.objects.filter(
            notice__in=[n[0] for n in notices]
        ).values_list("notice_id", "department_id"):
            departments.setdefault(notice_id, []).append(department)
        audiences = {n[0]: self._audience(n[0], n[1], departments.get(n[0], ())) for n in notices}
        # Weight by age: a notice of the last month is read far more than one of last year.
        weights = {n[0]: 1 / (1 + (self.now - n[2]).days / 60) for n in notices}
        wanted = shares(weights, {pk: len(ids) for pk, ids in audiences.items()}, count)
        written = self._write_reads(self._read_rows(notices, audiences, wanted))
        self.read_count += written
        self.last_read_notice = Notice.objects.order_by("-pk").values_list("pk", flat=True)[0]
        return written

    def _read_rows(self, notices, audiences, wanted):
        rng = self.rng
        for notice_id, _all, starts_at, confirmation in sorted(notices):
            for user_id in rng.sample(audiences[notice_id], wanted[notice_id]):
                read_at = min(starts_at + timedelta(minutes=rng.randint(5, 20000)), self.now)
                confirmed_at = (
                    read_at + timedelta(minutes=rng.randint(0, 600))
                    if confirmation and rng.random() < 0.8
                    else None
                )
                yield notice_id, user_id, read_at, confirmed_at

    def _write_reads(self, rows):
        from django.db import connection, transaction

        written = 0
        columns = "notice_id, user_id, read_at, confirmed_at"
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                copy_sql = f"COPY bulletin_noticeread ({columns}) FROM STDIN"
                with cursor.cursor.copy(copy_sql) as copy:
                    for row in rows:
                        copy.write_row(row)
                        written += 1
                return written
            insert = f"INSERT INTO bulletin_noticeread ({columns}) VALUES (%s, %s, %s, %s)"
            batch = []
            for notice_id, user_id, read_at, confirmed_at in rows:
                batch.append((notice_id, user_id, utc_text(read_at), utc_text(confirmed_at)))
                if len(batch) == BATCH * 5:
                    cursor.executemany(insert, batch)
                    written += len(batch)
                    batch = []
            cursor.executemany(insert, batch)
            return written + len(batch)


def utc_text(moment):
    """A datetime as Django stores it in SQLite, for a few million of them.

    Every datetime here is already in UTC (``timezone.now()`` and values read
    back from the database), so this skips the conversion Django's own
    adapter makes, which would cost a third of the generation time.
    """
    return None if moment is None else moment.replace(tzinfo=None).isoformat(" ")


def shares(weights, caps, count):
    """Split ``count`` in proportion to ``weights``, none above its cap (water-filling)."""
    wanted, open_, remaining = {}, set(weights), count
    while open_ and remaining > 0:
        total = sum(weights[key] for key in open_)
        full = {key for key in open_ if remaining * weights[key] / total >= caps[key]}
        if not full:
            wanted.update({key: round(remaining * weights[key] / total) for key in open_})
            break
        for key in full:
            wanted[key] = caps[key]
            remaining -= caps[key]
        open_ -= full
    return {key: min(wanted.get(key, 0), caps[key]) for key in weights}


def staff_member_in(section_name="市民課"):
    """A staff member of the demo section ``section_name`` (not a copy), to log in as."""
    from intranet.models import Department
    from tests.factories import staff_member

    return staff_member(department=Department.objects.filter(name=section_name).first())
