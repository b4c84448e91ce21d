"""Generated booking data at the size issue #12 names: resources, staff and bookings.

    parser = argparse.ArgumentParser(); add_size_arguments(parser)
    data = ReservationsData(seed=11)
    data.add(resources=200, staff=2000, bookings=500_000)

Staff and departments are made as for the bulletin benchmark
(_bulletin_data.py: the demo organisation, about 25 staff per section).
Resources: three quarters meeting rooms in two buildings (本庁舎 and 別館, ten
rooms a floor, 別館 holding a third of them, so with the default 150 rooms
a timeline of 別館 shows 50 rooms), a fifth equipment (projectors, PCs,
cameras), the rest official vehicles; one in ten needs approval, a few have
a blackout day (点検).

Bookings spread over the working days (no weekends, public holidays or the
year-end closure) from 540 days before today to 180 days after it, between
8:30 and 19:30 on a 15-minute grid, 30 minutes to 2 hours long. For each
resource and day a number of bookings is drawn, then adjusted until the
total is exactly the one asked for, and the day's spans are laid out
without overlapping (a random arrangement of spans and gaps), so every row
is accepted by PostgreSQL's exclusion constraint, which stays on. A fifth of
the rooms hold a weekly 庁内調整会議 (9:00–10:00) as a series per quarter.
About 7% of bookings are cancelled (their slot no longer holds the room),
1% rejected, and a third of future bookings of resources that need
approval wait as 仮予約. One staff member (``busy_user_id``) makes one
booking in 200, about 2,500 at the default size: the personal iCal feed's
worst case.

Rows are written in batches without model instances, with their ids given,
by COPY on PostgreSQL and executemany on SQLite.
"""

import datetime
import random
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bulletin_data import BulletinData, utc_text  # noqa: E402

DAYS_BEFORE, DAYS_AFTER = 540, 180
QUARTER = datetime.timedelta(minutes=15)
DAY_OPENS = datetime.time(8, 30)  # the grid bookings are laid out on
DAY_QUARTERS = 44  # 8:30–19:30
SERIES_STARTS, SERIES_QUARTERS = datetime.time(9, 0), 4  # 庁内調整会議 9:00–10:00
BATCH = 50_000
TOKYO = datetime.timezone(datetime.timedelta(hours=9))  # no summer time in Japan

FEATURES = ("プロジェクター", "TV会議", "ホワイトボード", "大型モニター")
EQUIPMENT = ("プロジェクター", "ノートPC", "デジタルカメラ", "ポータブルスピーカー", "書画カメラ")
ROOM_TITLES = (
    "庁内調整会議",
    "課内打合せ",
    "採用面接",
    "新任職員研修",
    "情報セキュリティ研修",
    "予算ヒアリング",
    "業者打合せ",
    "住民説明会準備",
    "議会答弁調整",
    "防災訓練打合せ",
)
VEHICLE_TITLES = ("現地調査", "府庁への出張", "施設点検", "イベント搬入")
DESTINATIONS = ("大阪府庁", "市民交流センター", "南部浄水場", "市立図書館", "清掃工場")
# Share of bookings each kind takes per resource and day, relative to a room.
KIND_WEIGHT = {"room": 1.0, "equipment": 0.7, "vehicle": 0.8}


def add_size_arguments(parser, resources=200, staff=2000, bookings=500_000):
    parser.add_argument("--resources", type=int, default=resources)
    parser.add_argument("--staff", type=int, default=staff)
    parser.add_argument("--bookings", type=int, default=bookings)


@dataclass
class ReservationsData:
    seed: int = 11
    staff: BulletinData = None
    user_section: dict = field(default_factory=dict)  # user id → section id
    resources: list = field(default_factory=list)  # [(id, kind, requires_approval)]
    buildings: dict = field(default_factory=dict)  # name → group id
    busy_user_id: int = None
    booking_count: int = 0
    series_count: int = 0
    timings: list = field(default_factory=list)  # [(what, seconds)]

    def __post_init__(self):
        self.rng = random.Random(self.seed)

    def add(self, resources, staff, bookings, log=print):
        """Make the staff, ``resources`` resources and exactly ``bookings`` bookings."""
        from django.utils import timezone

        self.today = timezone.localdate()
        self.now = timezone.now()
        for what, step, args in (
            ("departments and staff", self._staff, (staff,)),
            ("resources", self._resources, (resources,)),
            ("bookings", self._bookings, (bookings,)),
            ("ANALYZE", self._analyze, ()),
        ):
            started = time.perf_counter()
            count = step(*args)
            seconds = time.perf_counter() - started
            label = what if count is None else f"{count:,} {what}"
            self.timings.append((label, seconds))
            log(f"  {label} in {seconds:.1f} s")

    @property
    def seconds(self):
        return sum(seconds for _, seconds in self.timings)

    # Staff ------------------------------------------------------------------------------

    def _staff(self, count):
        self.staff = BulletinData(seed=self.seed, planned_staff=count)
        self.staff._departments(count)
        self.staff._staff(count)
        by_section = self.staff.staff_by_section
        self.user_section = {u: section for section, users in by_section.items() for u in users}
        self.users = sorted(self.user_section)
        self.busy_user_id = self.users[0]
        return count

    # Resources --------------------------------------------------------------------------

    def _resources(self, count):
        from intranet.models import Department
        from reservations.models import Blackout, Feature, Resource, ResourceGroup

        rng = self.rng
        rooms = round(count * 0.75)
        vehicles = max(1, round(count * 0.05)) if count >= 4 else 0
        equipment = count - rooms - vehicles
        owner = Department.objects.filter(name="管財課").values_list("pk", flat=True).first()
        sections = [section for section, _parent in self.staff.sections]
        owner = owner or sections[0]
        features = [Feature.objects.get_or_create(name=name)[0] for name in FEATURES]

        annex_rooms = rooms // 3
        floors = []
        for order, (building, building_rooms) in enumerate(
            (("本庁舎", rooms - annex_rooms), ("別館", annex_rooms))
        ):
            top = ResourceGroup.objects.create(name=building, sort_order=order)
            self.buildings[building] = top.pk
            for floor in range(-(-building_rooms // 10)):
                group = ResourceGroup.objects.create(
                    name=f"{floor + 1}階", parent=top, sort_order=floor
                )
                floors += [group] * min(10, building_rooms - floor * 10)

        made = []
        for number, group in enumerate(floors):
            made.append(
                Resource(
                    kind=Resource.Kind.ROOM,
                    name=f"{group.parent.name}{group.name} 第{number % 10 + 1}会議室",
                    group=group,
                    location=f"{group.parent.name}{group.name}",
                    capacity=rng.choice((4, 6, 8, 12, 12, 20, 30, 60)),
                    owner_id=owner,
                    requires_approval=rng.random() < 0.1,
                    sort_order=number,
                )
            )
        for number in range(equipment):
            made.append(
                Resource(
                    kind=Resource.Kind.EQUIPMENT,
                    name=f"{EQUIPMENT[number % len(EQUIPMENT)]}{number // len(EQUIPMENT) + 1}号",
                    owner_id=rng.choice(sections),
                    requires_approval=rng.random() < 0.1,
                    sort_order=number,
                )
            )
        for number in range(vehicles):
            made.append(
                Resource(
                    kind=Resource.Kind.VEHICLE,
                    name=f"公用車 なにわ500 あ {10 + number:02d}-{34 + number:02d}",
                    capacity=5,
                    owner_id=owner,
                    requires_approval=number % 2 == 0,
                    weekly_quota=datetime.timedelta(hours=20),
                    sort_order=number,
                )
            )
        Resource.objects.bulk_create(made, batch_size=500)
        made = list(Resource.objects.order_by("pk"))
        Through = Resource.features.through
        Through.objects.bulk_create(
            [
                Through(resource_id=resource.pk, feature_id=feature.pk)
                for resource in made
                if resource.kind == Resource.Kind.ROOM
                for feature in features
                if rng.random() < 0.4
            ],
            batch_size=2000,
        )
        self.resources = [(r.pk, r.kind, r.requires_approval) for r in made]
        # A day of 点検 for one resource in twenty, in the coming weeks: no bookings that day.
        self.blackout_days = {}
        blackouts = []
        for pk, _kind, _approval in self.resources[::20]:
            day = self.today + datetime.timedelta(days=rng.randint(7, 60))
            self.blackout_days[pk] = day
            start = datetime.datetime.combine(day, datetime.time(0, 0), tzinfo=TOKYO)
            blackouts.append(
                Blackout(
                    resource_id=pk,
                    starts_at=start,
                    ends_at=start + datetime.timedelta(days=1),
                    reason="定期点検",
                )
            )
        Blackout.objects.bulk_create(blackouts)
        return len(made)

    # Bookings ---------------------------------------------------------------------------

    def working_days(self):
        from reservations.closed_days import is_closed_day

        days = []
        for offset in range(-DAYS_BEFORE, DAYS_AFTER + 1):
            day = self.today + datetime.timedelta(days=offset)
            if day.weekday() < 5 and not is_closed_day(day):
                days.append(day)
        return days

    def _counts(self, days, total):
        """How many bookings each (resource, day) gets: drawn, then adjusted to ``total``."""
        rng = self.rng
        weights = [KIND_WEIGHT[kind] for _pk, kind, _approval in self.resources]
        scale = total / (sum(weights) * len(days))
        cap = DAY_QUARTERS // 4  # at most 11 bookings of about an hour on a day
        closed = {  # a blackout day takes no bookings
            (row, days.index(self.blackout_days[pk]))
            for row, (pk, _kind, _approval) in enumerate(self.resources)
            if self.blackout_days.get(pk) in days
        }
        counts = [
            [min(cap, int(2 * scale * weight * rng.random() + 0.5)) for _day in days]
            for weight in weights
        ]
        for row, column in closed:
            counts[row][column] = 0
        difference = total - sum(map(sum, counts))
        if cap * (len(days) * len(weights) - len(closed)) < total:
            raise ValueError(f"{total:,} bookings do not fit {len(weights)} resources")
        step = 1 if difference > 0 else -1
        while difference:
            row, column = rng.randrange(len(counts)), rng.randrange(len(days))
            if (row, column) not in closed and 0 <= counts[row][column] + step <= cap:
                counts[row][column] += step
                difference -= step
        return counts

    def _series(self, days):
        """Weekly 庁内調整会議 series, one per quarter, on a fifth of the rooms."""
        from reservations.models import BookingSeries

        rng = self.rng
        rooms = [pk for pk, kind, _approval in self.resources if kind == "room"]
        first = days[0] - datetime.timedelta(days=days[0].weekday())
        quarters = [first + datetime.timedelta(weeks=13 * n) for n in range(len(days) // 65 + 2)]
        series, by_room_day = [], {}
        next_id = last_pk(BookingSeries)
        for room in rooms[::5]:
            weekday = rng.randrange(5)
            for quarter_start in quarters:
                next_id += 1
                until = quarter_start + datetime.timedelta(weeks=13, days=-1)
                series.append(
                    BookingSeries(
                        pk=next_id,
                        frequency=BookingSeries.Frequency.WEEKLY,
                        weekdays=str(weekday),
                        until=until,
                        rrule=f"FREQ=WEEKLY;BYDAY={'MO TU WE TH FR'.split()[weekday]};"
                        f"UNTIL={until:%Y%m%d}T235959Z",
                        created_by_id=rng.choice(self.users),
                    )
                )
                for week in range(13):
                    day = quarter_start + datetime.timedelta(weeks=week, days=weekday)
                    by_room_day[(room, day)] = next_id
        BookingSeries.objects.bulk_create(series, batch_size=1000)
        self.series_count += len(series)
        return by_room_day

    def _bookings(self, total):
        from django.core.management.color import no_style
        from django.db import connection

        from reservations.models import Booking, BookingSlot

        days = self.working_days()
        counts = self._counts(days, total)
        series = self._series(days)
        next_booking, next_slot = last_pk(Booking) + 1, last_pk(BookingSlot) + 1
        self.booking_columns = [f.column for f in Booking._meta.concrete_fields]
        self.slot_columns = [f.column for f in BookingSlot._meta.concrete_fields]
        bookings, slots, written = [], [], 0
        for (resource, kind, approval), per_day in zip(self.resources, counts, strict=True):
            for day, count in zip(days, per_day, strict=True):
                if not count:
                    continue
                for start, end, series_id in self._day_spans(resource, day, count, series):
                    booking, slot = self._rows(
                        next_booking, next_slot, resource, kind, approval, start, end, series_id
                    )
                    bookings.append(booking)
                    slots.append(slot)
                    next_booking += 1
                    next_slot += 1
                    if len(bookings) == BATCH:
                        written += self._write(bookings, slots)
                        bookings, slots = [], []
        written += self._write(bookings, slots)
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), [Booking, BookingSlot]):
                cursor.execute(statement)
        self.booking_count += written
        return written

    def _day_spans(self, resource, day, count, series):
        """``count`` spans on ``day`` that do not overlap, the series' meeting first if any."""
        rng = self.rng
        midnight = datetime.datetime.combine(day, datetime.time(0, 0), tzinfo=TOKYO)
        opens = midnight + datetime.timedelta(hours=DAY_OPENS.hour, minutes=DAY_OPENS.minute)
        quarters, spans = DAY_QUARTERS, []
        series_id = series.get((resource, day))
        if series_id:
            start = midnight + datetime.timedelta(hours=SERIES_STARTS.hour)
            spans.append((start, start + SERIES_QUARTERS * QUARTER, series_id))
            count -= 1
            opens = start + SERIES_QUARTERS * QUARTER  # the rest of the day after the meeting
            quarters -= (opens - midnight - datetime.timedelta(hours=8, minutes=30)) // QUARTER
        lengths = [rng.choice((2, 2, 4, 4, 4, 6, 8)) for _ in range(count)]
        while sum(lengths) > quarters:  # a crowded day: shorten the longest (30 minutes at least)
            longest = lengths.index(max(lengths))
            lengths[longest] -= 2
        free = quarters - sum(lengths)
        # Stars and bars: where the gaps fall among the spans, every arrangement alike.
        breaks = sorted(rng.sample(range(free + len(lengths)), len(lengths)))
        before = 0
        for number, (position, length) in enumerate(zip(breaks, lengths, strict=True)):
            start = opens + (position - number + before) * QUARTER
            spans.append((start, start + length * QUARTER, None))
            before += length
        return [(s.astimezone(datetime.UTC), e.astimezone(datetime.UTC), i) for s, e, i in spans]

    def _rows(self, booking_id, slot_id, resource, kind, approval, start, end, series_id):
        from reservations.models import Booking

        rng = self.rng
        user = self.busy_user_id if rng.random() < 0.005 else rng.choice(self.users)
        future = start > self.now
        status, cancelled_at, decided_by, decided_at, reason = "confirmed", None, None, None, ""
        roll = rng.random()
        if roll < 0.07:
            status = Booking.Status.CANCELLED
            cancelled_at = min(start - datetime.timedelta(days=1), self.now)
        elif roll < 0.08 and approval:
            status, reason = Booking.Status.REJECTED, "同じ時間に市の行事があるため"
        elif future and approval and roll < 0.4:
            status = Booking.Status.TENTATIVE
        if approval and status in (Booking.Status.CONFIRMED, Booking.Status.REJECTED):
            decided_by = rng.choice(self.users)
            decided_at = min(start - datetime.timedelta(days=2), self.now)
        created = min(start - datetime.timedelta(days=rng.randint(1, 30)), self.now)
        vehicle = kind == "vehicle"
        returned = vehicle and not future and status == "confirmed"
        odometer = 20_000 + booking_id % 30_000
        title = (
            "庁内調整会議" if series_id else rng.choice(VEHICLE_TITLES if vehicle else ROOM_TITLES)
        )
        values = {
            "id": booking_id,
            "uid": uuid.UUID(int=rng.getrandbits(128), version=4),
            "title": title,
            "purpose": "" if rng.random() < 0.5 else f"{title}のため",
            "attendee_count": rng.randint(1, 4) if vehicle else rng.randint(2, 12),
            "starts_at": start,
            "ends_at": end,
            "status": str(status),
            "booked_by_id": user,
            "department_id": self.user_section[user],
            "series_id": series_id,
            "original_start": start if series_id else None,
            "sequence": 1 if status in ("cancelled", "rejected") else 0,
            "created_at": created,
            "updated_at": cancelled_at or decided_at or created,
            "decided_by_id": decided_by,
            "decided_at": decided_at,
            "rejection_reason": reason,
            "cancelled_at": cancelled_at,
            "destination": rng.choice(DESTINATIONS) if vehicle else "",
            "driver_id": user if vehicle else None,
            "odometer_start": odometer if returned else None,
            "odometer_end": odometer + rng.randint(5, 80) if returned else None,
            "returned_at": end if returned else None,
        }
        booking = [values[column] for column in self.booking_columns]
        active = status in ("confirmed", "tentative")
        decision = "not_needed"
        if approval:
            decision = {"confirmed": "approved", "rejected": "rejected"}.get(status, "pending")
            if status == "cancelled" and decided_at is not None:
                decision = "approved"
        slot_values = {
            "id": slot_id,
            "booking_id": booking_id,
            "resource_id": resource,
            "starts_at": start,
            "ends_at": end,
            "is_active": active,
            "decision": decision,
            "decided_by_id": decided_by,
            "decided_at": decided_at,
            "comment": reason,
        }
        slot = [slot_values[column] for column in self.slot_columns]
        return booking, slot

    def _write(self, bookings, slots):
        from django.db import connection, transaction

        if not bookings:
            return 0
        with transaction.atomic(), connection.cursor() as cursor:
            for table, columns, rows in (
                ("reservations_booking", self.booking_columns, bookings),
                ("reservations_bookingslot", self.slot_columns, slots),
            ):
                names = ", ".join(columns)
                if connection.vendor == "postgresql":
                    with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(row)
                else:
                    marks = ", ".join(["%s"] * len(columns))
                    cursor.executemany(
                        f"INSERT INTO {table} ({names}) VALUES ({marks})",
                        [[sqlite_value(value) for value in row] for row in rows],
                    )
        return len(bookings)

    def _analyze(self):
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    # Schedules --------------------------------------------------------------------------

    def schedule_for(self, user, events=300):
        """A personal calendar for ``user`` with a weekly 朝礼 and ``events`` single events.

        The calendar is the one the schedule pages read (``personal_calendar``).
        """
        from schedule.models import Event, Rule

        from reservations.schedule.services import personal_calendar

        rng = self.rng
        calendar = personal_calendar(user)
        weekly = Rule.objects.get_or_create(
            frequency="WEEKLY", defaults={"name": "毎週", "description": "毎週"}
        )[0]
        first = datetime.datetime.combine(
            self.today - datetime.timedelta(days=DAYS_BEFORE), datetime.time(8, 45), tzinfo=TOKYO
        )
        Event.objects.create(
            calendar=calendar,
            creator=user,
            title="課内朝礼",
            start=first,
            end=first + datetime.timedelta(minutes=15),
            rule=weekly,
            end_recurring_period=first + datetime.timedelta(days=DAYS_BEFORE + DAYS_AFTER),
        )
        days = self.working_days()
        made = []
        for _ in range(events):
            start = datetime.datetime.combine(
                rng.choice(days), datetime.time(rng.randint(9, 17), 0), tzinfo=TOKYO
            )
            made.append(
                Event(
                    calendar=calendar,
                    creator=user,
                    title=rng.choice(("外出", "窓口当番", "研修受講", "打合せ", "出張")),
                    start=start,
                    end=start + datetime.timedelta(hours=rng.choice((1, 2))),
                )
            )
        Event.objects.bulk_create(made, batch_size=500)
        return calendar


def last_pk(model):
    return model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def double_bookings(resource_ids=None):
    """Pairs of active slots of one resource that overlap: 0 is the only right answer.

    For a few resources, a self-join of their active slots; for the whole
    table, each active slot against the one before it on the same resource
    (if any two overlap, two neighbours in start order do), which stays fast
    at 500,000 rows.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        if resource_ids:
            marks = ", ".join(["%s"] * len(resource_ids))
            cursor.execute(
                "SELECT COUNT(*) FROM reservations_bookingslot a "
                "JOIN reservations_bookingslot b ON a.resource_id = b.resource_id "
                "AND a.id < b.id AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at "
                f"WHERE a.is_active AND b.is_active AND a.resource_id IN ({marks})",
                list(resource_ids),
            )
        else:
            cursor.execute(
                "SELECT COUNT(*) FROM (SELECT starts_at, LAG(ends_at) OVER "
                "(PARTITION BY resource_id ORDER BY starts_at, id) AS previous_end "
                "FROM reservations_bookingslot WHERE is_active) s "
                "WHERE s.previous_end > s.starts_at"
            )
        return cursor.fetchone()[0]


def sqlite_value(value):
    """A value as Django stores it in SQLite (datetimes here are already UTC)."""
    if isinstance(value, datetime.datetime):
        return utc_text(value)
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, bool):
        return int(value)
    return value


def busy_staff_member(data):
    """The generated staff member who books most, to log in as."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=data.busy_user_id)
