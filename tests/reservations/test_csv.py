"""The CSV export: bookings and my entries in the columns of the standard イベント一覧."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from reservations import export
from tests.factories import at, booking, room, staff_member, working_day

from .schedule_factories import entry

pytestmark = pytest.mark.django_db


def export_rows(client, **params):
    response = client.get(reverse("reservations:export_csv"), params)
    assert response.status_code == 200
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def span(day):
    return {"from": f"{day:%Y-%m-%d}", "to": f"{day:%Y-%m-%d}"}


def test_the_header_is_the_standard_event_list(staff_client):
    response = staff_client.get(reverse("reservations:export_csv"), span(working_day()))
    header = response.content.decode("utf-8")[1:].splitlines()[0].split(",")
    assert header == export.COLUMNS
    assert header[:4] == ["全国地方公共団体コード", "ID", "地方公共団体名", "イベント名"]


def test_a_booking_is_a_row_with_its_dates_times_and_place(staff_client):
    day = working_day()
    booking(room("第1会議室", capacity=12), at(day, "10:00"), at(day, "11:30"), title="研修")
    (row,) = export_rows(staff_client, **span(day))
    assert row["イベント名"] == "研修" and row["場所名称"] == "第1会議室"
    assert (row["開始日"], row["開始時間"], row["終了時間"]) == (
        f"{day:%Y-%m-%d}",
        "10:00",
        "11:30",
    )
    assert row["定員"] == "12"


def test_my_own_entries_are_rows_too(staff_client, staff_user):
    day = working_day()
    entry(staff_user, day, title="出張", all_day=True, place="大阪府庁")
    (row,) = export_rows(staff_client, **span(day))
    assert row["イベント名"] == "出張" and row["開始日時特記事項"] == "終日"
    assert row["開始時間"] == "" and row["場所名称"] == "大阪府庁"


def test_someone_elses_entries_are_not_exported(staff_client):
    entry(staff_member(), working_day(), title="他人の予定")
    assert export_rows(staff_client, **span(working_day())) == []


def test_one_resource_only(staff_client):
    day = working_day()
    wanted = room("第1会議室")
    booking(wanted, at(day, "10:00"), at(day, "11:00"), title="対象")
    booking(room("第2会議室"), at(day, "10:00"), at(day, "11:00"), title="対象外")
    rows = export_rows(staff_client, resource=wanted.pk, **span(day))
    assert [row["イベント名"] for row in rows] == ["対象"]


def test_a_formula_in_a_title_is_defused(staff_client):
    day = working_day()
    booking(room(), at(day, "10:00"), at(day, "11:00"), title="=HYPERLINK(1)")
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
