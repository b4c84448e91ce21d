"""Demo notices: a month of the bulletin board, with who has read and confirmed what.

``load`` is called by ``manage.py load_demo`` after the organisation; it adds
what is missing and leaves what is there (a notice is known by its title),
so it is safe to run again. The notices themselves are in ``demo_notices``.

Who has read a notice is decided by a hash of the notice and the login, so a
second run picks the same staff and adds no rows. The demo login ``demo``
(市民課) is left with an unread 緊急 notice and 要確認 notices it has not
confirmed, so the board shows both the first time someone signs in.
"""

import importlib
import importlib.util
import zlib
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

import search
from intranet.models import Department, StaffProfile
from search import registry

from . import attachments, services
from .demo_notices import CATEGORIES, NOTICES
from .models import Notice, NoticeCategory, NoticeRead
from .publishing import set_audience

CONFERENCE_DEMO = "bulletin.conference.demo"
WEEKDAYS = "月火水木金土日"
# Files sent with some notices: one to all staff, one to a single section, one
# not yet on the board; (notice title, file name, content).
ATTACHMENTS = [
    (
        "会議室の予約方法の変更について",
        "会議室予約の手順.txt",
        "1. イントラネットの「施設予約」を開く\n2. 会議室と日時を選ぶ\n3. 用件を入力して予約する\n",
    ),
    (
        "住民記録システム窓口端末の臨時停止について",
        "時間外窓口での案内文.txt",
        "本日は住民記録システムの作業のため、証明書の発行ができません。"
        "翌開庁日にお越しください。\n",
    ),
    (
        "人事異動の内示の日程について",
        "内示日程表.csv",
        "部,内示日時,場所\n総務部,内示当日 9:00,第1会議室\n市民生活部,内示当日 10:00,第2会議室\n",
    ),
]
IMPORTANCE = {
    "urgent": Notice.Importance.URGENT,
    "important": Notice.Importance.IMPORTANT,
    "normal": Notice.Importance.NORMAL,
}


def load(stdout=None):
    now = timezone.now()
    # Indexed once at the end, when each notice's audience (who may find it) is there.
    with transaction.atomic(), search.deferred_indexing():
        categories = load_categories()
        created = [
            notice
            for number, spec in enumerate(NOTICES)
            if (notice := load_notice(spec, number, categories, now)) is not None
        ]
        reads = sum(add_reads(notice, spec, now) for notice, spec in created)
        add_attachments()
    if stdout is not None:
        stdout.write(
            f"掲示板：お知らせ{len(created)}件、既読・確認の記録{reads}件を追加しました"
            f"（お知らせは合計{Notice.objects.count()}件）。"
        )
    if importlib.util.find_spec(CONFERENCE_DEMO) is not None:
        importlib.import_module(CONFERENCE_DEMO).load_conference_demo(stdout)


def add_attachments():
    """Attach the demo files to their notices, once (a notice with files is left alone)."""
    for title, file_name, text in ATTACHMENTS:
        notice = Notice.objects.filter(title=title).first()
        if notice is None or notice.attachments.exists():
            continue
        upload = SimpleUploadedFile(file_name, text.encode("utf-8"))
        attachments.attach(notice, upload, notice.posted_by)


def load_categories():
    sections = {department.code: department for department in Department.objects.all()}
    categories = {}
    for order, (name, slug, description, posters) in enumerate(CATEGORIES):
        category, created = NoticeCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": order}
        )
        if created:
            category.posting_departments.set(sections[code] for code in posters)
        categories[slug] = category
    return categories


def load_notice(spec, number, categories, now):
    """Create the notice ``spec`` describes; returns (notice, spec), or None if it exists."""
    sender = Department.objects.get(code=spec.sender)
    starts_at = start_time(spec.ago, number, now)
    if Notice.objects.filter(title=spec.title, sender=sender).exists():
        return None
    notice = Notice.objects.create(
        title=spec.title,
        body=body_html(spec.body, DemoText(starts_at, sender)),
        category=categories[spec.category],
        importance=IMPORTANCE[spec.importance],
        sender=sender,
        posted_by=poster(sender),
        starts_at=starts_at,
        ends_at=starts_at + timedelta(days=spec.shown_days) if spec.shown_days else None,
        audience_all=not spec.audience,
        pinned=spec.pinned,
        requires_confirmation=spec.confirm,
        revised_at=min(starts_at + timedelta(hours=20), now) if spec.revised else None,
    )
    if spec.audience:
        departments = [Department.objects.get(code=code) for code in spec.audience]
        set_audience(notice, departments, spec.include_sections)
    if notice.is_scheduled(now):
        registry.update_at(notice, starts_at)  # found in search from the day it appears
    return notice, spec


def start_time(ago, number, now):
    """A working-day moment ``ago`` days before ``now``; not after ``now`` unless scheduled."""
    local = timezone.localtime(now) - timedelta(days=int(ago))
    if local.weekday() >= 5:  # offices send on working days: Friday before, Monday after
        shift = local.weekday() - 4 if ago >= 0 else local.weekday() - 7
        local -= timedelta(days=shift)
    moment = local.replace(
        hour=8 + (number * 5) % 9, minute=(number * 13) % 60, second=0, microsecond=0
    )
    if ago >= 0 and moment > now:
        moment = now - timedelta(hours=ago * 24 if ago < 1 else 1, minutes=number)
    return moment


def poster(section):
    """A 主査 of the sending section (any of its staff if it has none)."""
    staff = StaffProfile.objects.filter(department=section).select_related("user")
    profile = staff.filter(job_title="主査").order_by("staff_number").first()
    profile = profile or staff.order_by("staff_number").first()
    return profile.user if profile else None


class DemoText(dict):
    """``format_map`` values: ``{d5}``, ``{w5}``, ``{s5}`` dates, ``{ext}`` extensions."""

    def __init__(self, starts_at, sender):
        super().__init__(ext=sender.extension_from, ext1=sender.extension_from + 1)
        self.day = timezone.localtime(starts_at).date()

    def __missing__(self, key):
        day = self.day + timedelta(days=int(key[1:]))
        if key[0] == "w" and day.weekday() >= 5:  # a weekday: Monday after a weekend
            day += timedelta(days=7 - day.weekday())
        elif key[0] == "s":  # a Saturday
            day += timedelta(days=(5 - day.weekday()) % 7)
        return f"{day.month}月{day.day}日（{WEEKDAYS[day.weekday()]}）"


def body_html(blocks, values):
    """Paragraphs and bulleted lists: the only markup a demo notice has."""
    html = []
    for block in blocks:
        if isinstance(block, str):
            html.append(f"<p>{escape(block.format_map(values))}</p>")
        else:
            items = "".join(f"<li>{escape(item.format_map(values))}</li>" for item in block)
            html.append(f"<ul>{items}</ul>")
    return "\n".join(html)


def chosen(notice, username, percent):
    """Whether ``username`` is among the ``percent`` of staff who did something: stable per run."""
    return zlib.crc32(f"{notice.title}\n{username}".encode()) % 100 < percent


def add_reads(notice, spec, now):
    """Read (and confirmed) records for a sent notice; returns how many were added."""
    if notice.starts_at > now:
        return 0
    rows = []
    for number, user in enumerate(services.audience_staff(notice).order_by("username")):
        if user.username == "demo" and spec.demo:
            is_reader = spec.demo == "read"
            confirmed = False
        else:
            is_reader = chosen(notice, user.username, spec.read)
            confirmed = spec.confirm and chosen(notice, f"確認:{user.username}", spec.confirmed)
        if not is_reader:
            continue
        read_at = min(notice.starts_at + timedelta(minutes=20 + (number * 97) % 2000), now)
        confirmed_at = min(read_at + timedelta(minutes=5 + number % 50), now) if confirmed else None
        rows.append(
            NoticeRead(notice=notice, user=user, read_at=read_at, confirmed_at=confirmed_at)
        )
    return len(NoticeRead.objects.bulk_create(rows, ignore_conflicts=True))
