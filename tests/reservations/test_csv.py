"""The open-data CSV: public events only, in the columns of the current standard イベント一覧."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from reservations import export, services
from tests.factories import at, booking, room, working_day

from .schedule_factories import entry

pytestmark = pytest.mark.django_db

# デジタル庁「自治体標準オープンデータセット（正式版）」イベント一覧, in its order.
STANDARD_EVENT_LIST = (
    "都道府県コード又は市区町村コード,NO,都道府県名,市区町村名,イベント名,イベント名_カナ,"
    "イベント名_英語,開始日,終了日,開始時間,終了時間,開始日時特記事項,説明,料金(基本),"
    "料金(詳細),連絡先名称,連絡先電話番号,連絡先内線番号,主催者,場所名称,住所,方書,緯度,"
    "経度,アクセス方法,駐車場情報,定員,参加申込終了日,参加申込終了時間,参加申込方法,URL,備考"
).split(",")


def hall(name="市民ホール", **fields):
    return room(name, capacity=300, publishes_bookings=True, **fields)


def export_rows(client, **params):
    response = client.get(reverse("reservations:export_csv"), params)
    assert response.status_code == 200
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def span(day):
    return {"from": f"{day:%Y-%m-%d}", "to": f"{day:%Y-%m-%d}"}


def test_the_header_is_the_current_standard_event_list(staff_client):
    response = staff_client.get(reverse("reservations:export_csv"), span(working_day()))
    header = response.content.decode("utf-8")[1:].splitlines()[0].split(",")
    assert header == export.COLUMNS == STANDARD_EVENT_LIST


def test_the_city_fills_its_columns(staff_client, settings):
    settings.LOCAL_GOVERNMENT_CODE = "272167"
    settings.LOCAL_GOVERNMENT_PREFECTURE = "大阪府"
    settings.LOCAL_GOVERNMENT_NAME = "河内長野市"
    day = working_day()
    made = booking(hall(), at(day, "10:00"), at(day, "11:30"), title="市民講座")
    (row,) = export_rows(staff_client, **span(day))
    assert (row["都道府県コード又は市区町村コード"], row["都道府県名"], row["市区町村名"]) == (
        "272167",
        "大阪府",
        "河内長野市",
    )
    assert row["NO"] == f"booking-{made.pk}"


def test_a_public_booking_is_a_row_with_its_dates_times_and_place(staff_client):
    day = working_day()
    booking(hall("市民ホール"), at(day, "10:00"), at(day, "11:30"), title="市民講座")
    (row,) = export_rows(staff_client, **span(day))
    assert row["イベント名"] == "市民講座" and row["場所名称"] == "市民ホール"
    assert (row["開始日"], row["開始時間"], row["終了時間"]) == (
        f"{day:%Y-%m-%d}",
        "10:00",
        "11:30",
    )
    assert row["定員"] == "300"


def test_my_own_entries_never_reach_open_data_not_even_private_ones(staff_client, staff_user):
    day = working_day()
    entry(staff_user, day, title="出張", all_day=True, place="大阪府庁")
    entry(staff_user, day, start="12:00", end="13:00", title="通院", private=True, place="病院")
    booking(hall(), at(day, "10:00"), at(day, "11:00"), title="市民講座")
    response = staff_client.get(reverse("reservations:export_csv"), span(day))
    text = response.content.decode("utf-8")
    assert "出張" not in text and "通院" not in text and "病院" not in text
    assert [row["イベント名"] for row in export_rows(staff_client, **span(day))] == ["市民講座"]


def test_a_booking_of_an_ordinary_room_is_not_published(staff_client):
    day = working_day()
    booking(room("第1会議室"), at(day, "10:00"), at(day, "11:00"), title="人事異動の打合せ")
    assert export_rows(staff_client, **span(day)) == []


def test_tentative_and_cancelled_bookings_are_not_published(staff_client):
    day = working_day()
    booking(hall(requires_approval=True), at(day, "10:00"), at(day, "11:00"), title="仮")
    dropped = booking(hall("市民ホール2"), at(day, "13:00"), at(day, "14:00"), title="中止")
    services.cancel([dropped])
    assert export_rows(staff_client, **span(day)) == []


def test_an_ordinary_room_booked_with_a_hall_is_not_named(staff_client):
    day = working_day()
    booking([hall("市民ホール"), room("控室")], at(day, "10:00"), at(day, "11:00"))
    (row,) = export_rows(staff_client, **span(day))
    assert row["場所名称"] == "市民ホール"


def test_one_resource_only(staff_client):
    day = working_day()
    wanted = hall("市民ホール")
    booking(wanted, at(day, "10:00"), at(day, "11:00"), title="対象")
    booking(hall("文化会館"), at(day, "10:00"), at(day, "11:00"), title="対象外")
    rows = export_rows(staff_client, resource=wanted.pk, **span(day))
    assert [row["イベント名"] for row in rows] == ["対象"]


def test_the_feeds_page_says_what_the_file_is_for(staff_client):
    page = staff_client.get(reverse("reservations:feeds")).content.decode()
    assert reverse("reservations:export_csv") in page
    assert "オープンデータ" in page and "予定は含まれません" in page


def test_a_formula_in_a_title_is_defused(staff_client):
    day = working_day()
    booking(hall(), at(day, "10:00"), at(day, "11:00"), title="=HYPERLINK(1)")
    (row,) = export_rows(staff_client, **span(day))
    assert row["イベント名"] == "'=HYPERLINK(1)"


def test_an_unreadable_date_is_a_japanese_400(staff_client):
    response = staff_client.get(
        reverse("reservations:export_csv"), {"from": "昨日", "to": "2026-12-01"}
    )
    assert response.status_code == 400
    assert "2026-04-01" in response.content.decode()


def test_more_than_a_year_is_refused(staff_client):
    day = working_day()
    response = staff_client.get(
        reverse("reservations:export_csv"),
        {"from": f"{day:%Y-%m-%d}", "to": f"{day + datetime.timedelta(days=400):%Y-%m-%d}"},
    )
    assert response.status_code == 400
    assert "1年" in response.content.decode()


def test_a_forged_resource_is_a_400(staff_client):
    response = staff_client.get(
        reverse("reservations:export_csv"), {**span(working_day()), "resource": "99999"}
    )
    assert response.status_code == 400
