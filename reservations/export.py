"""Public events as open data: a CSV in the columns of the national イベント一覧.

The file follows デジタル庁「自治体標準オープンデータセット（正式版）」の
「イベント一覧」 (the 正式版 that renamed 推奨データセット; header 都道府県コード又は
市区町村コード, NO, 都道府県名, 市区町村名, …, イベント名_英語, …, URL, 備考), its
32 columns in its order; those a booking has nothing for stay empty. It
replaces the earlier 推奨データセット column set (全国地方公共団体コード, ID,
地方公共団体名, … イベント名_英字, 34 columns).

Open data is what anyone may read, so the file holds only bookings that may be
published: confirmed bookings of a resource marked ``publishes_bookings`` (a
hall that holds events open to the public). Never a personal schedule entry,
never a booking of an ordinary meeting room, never one tentative, cancelled or
rejected. The file is UTF-8 with a BOM and formula-safe (``intranet.csv_export``).
"""

import datetime
import io

from django.conf import settings
from django.utils import timezone

from intranet import csv_export

from .models import Booking

COLUMNS = [
    "都道府県コード又は市区町村コード",
    "NO",
    "都道府県名",
    "市区町村名",
    "イベント名",
    "イベント名_カナ",
    "イベント名_英語",
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
    "URL",
    "備考",
]

LONGEST_RANGE = datetime.timedelta(days=366)


def _city():
    return (
        getattr(settings, "LOCAL_GOVERNMENT_CODE", ""),
        getattr(settings, "LOCAL_GOVERNMENT_PREFECTURE", ""),
        getattr(settings, "LOCAL_GOVERNMENT_NAME", ""),
    )


def booking_row(booking, resources):
    """One public booking as a row; ``resources`` are its resources that publish bookings."""
    code, prefecture, city = _city()
    start, end = timezone.localtime(booking.starts_at), timezone.localtime(booking.ends_at)
    seats = [resource.capacity for resource in resources if resource.capacity is not None]
    row = dict.fromkeys(COLUMNS, "")
    row.update(
        {
            "都道府県コード又は市区町村コード": code,
            "NO": f"booking-{booking.pk}",
            "都道府県名": prefecture,
            "市区町村名": city,
            "イベント名": booking.title,
            "開始日": f"{start:%Y-%m-%d}",
            "終了日": f"{end:%Y-%m-%d}",
            "開始時間": f"{start:%H:%M}",
            "終了時間": f"{end:%H:%M}",
            "説明": booking.purpose,
            "連絡先名称": booking.department.name,
            "主催者": booking.department.name,
            "場所名称": "、".join(resource.name for resource in resources),
            "住所": "、".join(r.location for r in resources if r.location),
            "定員": str(max(seats)) if seats else "",
        }
    )
    return row


def public_bookings(start, end, resource=None):
    """Confirmed bookings in [start, end) that hold a resource whose bookings are public."""
    bookings = (
        Booking.objects.filter(status=Booking.Status.CONFIRMED, resources__publishes_bookings=True)
        .overlapping(start, end)
        .select_related("department")
        .prefetch_related("resources")
        .order_by("starts_at", "pk")
        .distinct()
    )
    if resource is not None:
        bookings = bookings.filter(resources=resource)
    return bookings


def write_csv(start, end, resource=None):
    """The CSV text: public bookings in [start, end) (of one resource, if given), in time order."""
    stream = io.StringIO()
    writer = csv_export.dict_writer(stream, COLUMNS)
    writer.writeheader()
    for booking in public_bookings(start, end, resource):
        published = [r for r in booking.resources.all() if r.publishes_bookings]
        writer.writerow(booking_row(booking, published))
    return stream.getvalue()
