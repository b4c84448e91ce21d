"""Every bad input of the booking form gets a clear Japanese message, saves nothing, never a 500."""

import datetime

import jpholiday
import pytest
from django.urls import reverse
from django.utils import timezone

from reservations.closed_days import is_year_end_closure
from reservations.models import Blackout, Booking, BookingSeries, BookingSlot
from tests.factories import at, booking, room, staff_member, working_day
from tests.reservations.booking_forms import form_errors, post_booking

pytestmark = pytest.mark.django_db


@pytest.fixture
def day():
    return working_day()


def refused(response, words):
    """The form came back (no redirect, no 500) with ``words`` in one of its messages."""
    assert response.status_code == 200
    messages = " ".join(form_errors(response))
    assert words in messages, messages
    assert words in response.content.decode()
    assert not Booking.objects.exists()
    assert not BookingSlot.objects.exists()
    assert not BookingSeries.objects.exists()


def next_weekday_matching(test, *, start=None, limit=800):
    day = start or timezone.localdate() + datetime.timedelta(days=1)
    for _ in range(limit):
        if day.weekday() < 5 and test(day):
            return day
        day += datetime.timedelta(days=1)
    raise AssertionError("no such day")


def test_end_before_start(staff_client, day):
    response = post_booking(staff_client, room(), day, start="11:00", end="10:00")
    refused(response, "終了が開始より前になっています")
    assert response.context["form"].errors["end_time"]


def test_zero_length(staff_client, day):
    response = post_booking(staff_client, room(), day, start="10:00", end="10:00")
    refused(response, "予約の長さが0分です")


def test_in_the_past(staff_client):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = post_booking(staff_client, room(), yesterday)
    refused(response, "既に過ぎています")
    assert response.context["form"].errors["start_time"]


def test_outside_bookable_hours(staff_client, day):
    late_room = room(opens_at=datetime.time(9), closes_at=datetime.time(17))
    response = post_booking(staff_client, late_room, day, start="16:30", end="17:30")
    refused(response, "9:00〜17:00の間で予約してください".replace("9:00", "09:00"))


def test_longer_than_the_maximum(staff_client, day):
    short_room = room(max_duration=datetime.timedelta(hours=2))
    response = post_booking(staff_client, short_room, day, start="09:00", end="12:00")
    refused(response, "1回の予約は2時間までです")


def test_beyond_the_booking_window(staff_client):
    near_room = room(booking_window_days=30)
    far = working_day(days_ahead=45)
    response = post_booking(staff_client, near_room, far)
    refused(response, "30日先")


def test_over_capacity(staff_client, day):
    response = post_booking(staff_client, room(capacity=4), day, attendee_count="5")
    refused(response, "定員は4人です")


def test_over_the_weekly_quota(staff_client, staff_user, day):
    limited = room(weekly_quota=datetime.timedelta(hours=2))
    booking(limited, at(day, "09:00"), at(day, "10:30"), user=staff_user)
    response = post_booking(staff_client, limited, day, start="13:00", end="14:00")
    assert "週2時間まで" in " ".join(form_errors(response))
    assert Booking.objects.count() == 1 and BookingSlot.objects.count() == 1


def test_in_a_blackout(staff_client, day):
    closed = room()
    Blackout.objects.create(
        resource=closed, starts_at=at(day, "08:00"), ends_at=at(day, "21:00"), reason="空調工事"
    )
    response = post_booking(staff_client, closed, day)
    refused(response, "空調工事のため利用できません")


def test_on_a_public_holiday(staff_client):
    holiday = next_weekday_matching(jpholiday.is_holiday)
    response = post_booking(staff_client, room(booking_window_days=800), holiday)
    refused(response, "閉庁日（" + jpholiday.is_holiday_name(holiday))


def test_in_the_year_end_closure(staff_client):
    closure = next_weekday_matching(
        lambda d: is_year_end_closure(d) and not jpholiday.is_holiday(d)
    )
    response = post_booking(staff_client, room(booking_window_days=800), closure)
    refused(response, "閉庁日（年末年始）")


def test_on_a_weekday_the_room_does_not_take(staff_client, day):
    weekdays_only = room()
    saturday = day + datetime.timedelta(days=(5 - day.weekday()) % 7)
    response = post_booking(staff_client, weekdays_only, saturday)
    refused(response, "土曜日には予約できません")


def test_on_an_inactive_resource(staff_client, day):
    retired = room(name="旧第3会議室", is_active=False)
    response = post_booking(staff_client, retired, day)
    refused(response, "旧第3会議室は現在、予約を受け付けていません")


def test_a_forged_resource_id(staff_client, day):
    room()
    for forged in ("999999", "9" * 25, "-1", "abc", "1 OR 1=1"):
        response = post_booking(staff_client, forged, day)
        refused(response, "一覧にありません")


def test_forged_equipment_ids(staff_client, day):
    for forged in (["999999"], ["9" * 25], ["x"]):
        response = post_booking(
            staff_client, room(name=f"会議室{forged[0][:3]}"), day, equipment=forged
        )
        refused(response, "備品は一覧から選んでください")


def test_a_room_given_as_equipment_is_refused(staff_client, day):
    other = room(name="第2会議室")
    response = post_booking(staff_client, room(), day, equipment=[other.pk])
    refused(response, "備品は一覧から選んでください")


@pytest.mark.parametrize(
    "field, value, words",
    [
        ("date", "2026-02-30", "日付を「年-月-日」の形"),
        ("date", "99999-99-99", "日付を「年-月-日」の形"),
        ("date", "", "日付を選んでください"),
        ("start_time", "25:00", "時刻を「時：分」の形"),
        ("start_time", "10時", "時刻を「時：分」の形"),
        ("end_time", "", "時刻を入力してください"),
        ("start_time", "10:07", "15分単位"),
        ("attendee_count", "五", "利用人数を数字で"),
        ("attendee_count", "0", "1人以上"),
        ("title", "   ", "件名を入力してください"),
    ],
)
def test_malformed_values_in_the_post(staff_client, day, field, value, words):
    response = post_booking(staff_client, room(), day, **{field: value})
    refused(response, words)
    assert response.context["form"].errors[field]


@pytest.mark.parametrize(
    "params",
    [
        {"resource": "abc", "start": "2026-13-45T99:99", "end": "x"},
        {"resource": "9" * 25, "start": "9" * 25, "end": "-1"},
        {"resource": "-5", "start": "0001-01-01T00:00", "end": "9999-12-31T23:59"},
        {"resource": "<script>", "start": "<script>alert(1)</script>"},
    ],
)
def test_a_malformed_prefill_leaves_the_fields_empty(staff_client, params):
    response = staff_client.get(reverse("reservations:new"), params)
    assert response.status_code == 200
    form = response.context["form"]
    assert form["resource"].value() is None
    assert "<script>alert(1)" not in response.content.decode()


def test_an_inactive_resource_is_not_prefilled(staff_client):
    retired = room(is_active=False)
    response = staff_client.get(reverse("reservations:new"), {"resource": retired.pk})
    assert response.context["form"]["resource"].value() is None


def test_editing_someone_elses_booking_is_forbidden(client, day):
    theirs = booking(room(), at(day, "10:00"), at(day, "11:00"))
    client.force_login(staff_member())
    response = client.post(
        reverse("reservations:edit", args=[theirs.pk]),
        {"date": day.isoformat(), "start_time": "12:00", "end_time": "13:00"},
    )
    assert response.status_code == 403
    assert "権限がありません" in response.content.decode()
    theirs.refresh_from_db()
    assert theirs.starts_at == at(day, "10:00") and theirs.sequence == 0


def test_cancelling_someone_elses_booking_is_forbidden(client, day):
    theirs = booking(room(), at(day, "10:00"), at(day, "11:00"))
    client.force_login(staff_member())
    response = client.post(reverse("reservations:cancel", args=[theirs.pk]))
    assert response.status_code == 403
    theirs.refresh_from_db()
    assert theirs.status == Booking.Status.CONFIRMED
