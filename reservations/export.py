"""Bookings and schedule entries as CSV, in the columns of the national standard open-data set.

The columns are those of 自治体標準オープンデータセット「イベント一覧」 (デジタル庁),
in its order; the ones a booking has nothing for stay empty. The file is
UTF-8 with a BOM and formula-safe (``intranet.csv_export``).
"""

import datetime
import io

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet import csv_export
from intranet.notifications import absolute_url

from .models import Booking
from .schedule import services as schedule

COLUMNS = [
    "全国地方公共団体コード",
    "ID",
    "地方公共団体名",
    "イベント名",
    "イベント名_カナ",
    "イベント名_英字",
    "開始日",
    "終了日",
    "開始時間",
    "終了時間",
    "開始日時特記事項",
    "説明",
    "料金(基本)",
    "料金(詳細)",
    "連絡先名称",
    "連絡先電話番号",
    "連絡先内線番号",
    "主催者",
    "場所名称",
    "住所",
    "方書",
    "緯度",
    "経度",
    "アクセス方法",
    "駐車場情報",
    "定員",
    "参加申込終了日",
    "参加申込終了時間",
    "参加申込方法",
    "参加申込先",
    "参加申込先電話番号",
    "参加申込先内線番号",
    "URL",
    "備考",
]
LONGEST_RANGE = datetime.timedelta(days=366)


def _city():
    return (
        getattr(settings, "LOCAL_GOVERNMENT_CODE", ""),
        getattr(settings, "LOCAL_GOVERNMENT_NAME", ""),
    )


def _times(start, end, all_day):
    start, end = timezone.localtime(start), timezone.localtime(end)
    if all_day:
        last = (end - datetime.timedelta(seconds=1)).date()
        return f"{start:%Y-%m-%d}", f"{last:%Y-%m-%d}", "", ""
    return f"{start:%Y-%m-%d}", f"{end:%Y-%m-%d}", f"{start:%H:%M}", f"{end:%H:%M}"


def booking_row(booking):
    code, city = _city()
    start_day, end_day, start_time, end_time = _times(booking.starts_at, booking.ends_at, False)
    resources = list(booking.resources.all())
    seats = [resource.capacity for resource in resources if resource.capacity is not None]
    url = schedule.booking_url(booking)
    row = dict.fromkeys(COLUMNS, "")
    row.update(
        {
            "全国地方公共団体コード": code,
            "ID": f"booking-{booking.pk}",
            "地方公共団体名": city,
            "イベント名": booking.title,
            "開始日": start_day,
            "終了日": end_day,
            "開始時間": start_time,
            "終了時間": end_time,
            "説明": booking.purpose,
            "連絡先名称": booking.department.name,
            "主催者": booking.department.name,
            "場所名称": "、".join(resource.name for resource in resources),
            "定員": str(max(seats)) if seats else "",
            "URL": absolute_url(url) if url else "",
            "備考": _("Booking (%(status)s), %(count)d attendees")
            % {"status": booking.get_status_display(), "count": booking.attendee_count},
        }
    )
    return row


def event_rows(user, start, end):
    code, city = _city()
    slugs = [schedule.personal_slug(user.pk)]
    rows = []
    for event in schedule.events_between(slugs, start, end):
        detail = getattr(event, "detail", None)
        all_day = bool(detail and detail.all_day)
        for occurrence_start, occurrence_end in schedule.occurrences(event, start, end):
            start_day, end_day, start_time, end_time = _times(
                occurrence_start, occurrence_end, all_day
            )
            row = dict.fromkeys(COLUMNS, "")
            row.update(
                {
                    "全国地方公共団体コード": code,
                    "ID": f"event-{event.pk}-{timezone.localtime(occurrence_start):%Y%m%d%H%M}",
                    "地方公共団体名": city,
                    "イベント名": event.title,
                    "開始日": start_day,
                    "終了日": end_day,
                    "開始時間": start_time,
                    "終了時間": end_time,
                    "開始日時特記事項": _("All day") if all_day else "",
                    "説明": event.description,
                    "場所名称": detail.place if detail else "",
                    "備考": _("Schedule entry"),
                }
            )
            rows.append((occurrence_start, row))
    return rows


def bookings_in(start, end, resource=None):
    bookings = (
        Booking.objects.active()
        .overlapping(start, end)
        .select_related("department")
        .prefetch_related("resources")
        .order_by("starts_at", "pk")
    )
    if resource is not None:
        bookings = bookings.filter(Q(resources=resource)).distinct()
    return bookings


def write_csv(user, start, end, resource=None):
    """The CSV text: active bookings in [start, end) (of one resource, if given), then
    the user's own entries when no resource is chosen; in time order."""
    rows = [
        (booking.starts_at, booking_row(booking)) for booking in bookings_in(start, end, resource)
    ]
    if resource is None:
        rows += event_rows(user, start, end)
    rows.sort(key=lambda pair: pair[0])
    stream = io.StringIO()
    writer = csv_export.dict_writer(stream, COLUMNS)
    writer.writeheader()
    writer.writerows(row for _moment, row in rows)
    return stream.getvalue()
