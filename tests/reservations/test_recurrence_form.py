"""Booking a repetition through the form: the series, the clash list, booking the rest."""

import datetime

import jpholiday
import pytest
from django.utils import timezone

from reservations.closed_days import is_closed_day
from reservations.models import Booking, BookingSeries
from tests.factories import at, booking, room, working_day
from tests.reservations.booking_forms import booking_data, form_errors, post_booking

pytestmark = pytest.mark.django_db


@pytest.fixture
def monday():
    """A Monday to come whose Mondays and Wednesdays of four weeks are all open days."""
    day = timezone.localdate() + datetime.timedelta(days=2)
    while day.weekday() != 0 or any(
        is_closed_day(day + datetime.timedelta(days=offset))
        for week in range(4)
        for offset in (week * 7, week * 7 + 2)
    ):
        day += datetime.timedelta(days=1)
    return day


def weekly(count=4, **changes):
    return {"repeat": "weekly", "interval": "1", "repeat_count": str(count), **changes}


def local_days(bookings):
    return [timezone.localtime(item.starts_at).date() for item in bookings]


def test_a_weekly_repetition_books_every_week_in_one_series(staff_client, staff_user, monday):
    response = post_booking(staff_client, room(booking_window_days=120), monday, **weekly(count=4))
    series = BookingSeries.objects.get()
    bookings = list(Booking.objects.order_by("starts_at"))
    assert response.status_code == 302 and response.url == bookings[0].get_absolute_url()
    assert local_days(bookings) == [monday + datetime.timedelta(days=7 * n) for n in range(4)]
    assert all(item.series == series and item.original_start == item.starts_at for item in bookings)
    assert series.rrule == "FREQ=WEEKLY;COUNT=4;BYDAY=MO"
    assert (series.frequency, series.count, series.created_by) == ("weekly", 4, staff_user)


def test_monday_and_wednesday_every_week(staff_client, monday):
    post_booking(
        staff_client,
        room(booking_window_days=120),
        monday,
        **weekly(count=4, weekdays=["0", "2"], skip_closed_days=""),
    )
    series = BookingSeries.objects.get()
    assert series.weekdays == "02" and "BYDAY=MO,WE" in series.rrule
    assert local_days(series.bookings.all()) == [
        monday + datetime.timedelta(days=offset) for offset in (0, 2, 7, 9)
    ]


def test_clashing_dates_are_listed_with_their_reasons_and_nothing_is_booked(staff_client, monday):
    meeting_room = room(booking_window_days=120)
    second = monday + datetime.timedelta(days=7)
    booking(meeting_room, at(second, "09:30"), at(second, "10:30"), title="面接")
    response = post_booking(
        staff_client, meeting_room, monday, **weekly(count=3, skip_closed_days="")
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "予約できない日があります" in text
    assert f"{second.month}月{second.day}日" in text and "既に予約が入っています" in text
    assert Booking.objects.count() == 1 and not BookingSeries.objects.exists()


def test_booking_the_rest_books_only_the_free_dates(staff_client, monday):
    meeting_room = room(booking_window_days=120)
    second = monday + datetime.timedelta(days=7)
    booking(meeting_room, at(second, "09:30"), at(second, "10:30"), title="面接")
    data = booking_data(meeting_room, monday, **weekly(count=3, skip_closed_days=""))
    first_answer = staff_client.post("/reservations/new/", data)
    free = 3 - 1
    assert f"残りの{free}件を予約する" in first_answer.content.decode()
    response = staff_client.post("/reservations/new/", {**data, "book_available": "on"})
    assert response.status_code == 302
    series = BookingSeries.objects.get()
    booked = local_days(series.bookings.all())
    assert second not in booked and len(booked) == free
    assert Booking.objects.count() == free + 1


def test_the_rest_is_recomputed_when_booked(staff_client, monday):
    """Between the list and the button, someone takes another date: it is refused too."""
    meeting_room = room(booking_window_days=120)
    data = booking_data(meeting_room, monday, **weekly(count=3, skip_closed_days=""))
    third = monday + datetime.timedelta(days=14)
    booking(meeting_room, at(third, "10:00"), at(third, "11:00"), title="研修")
    second = monday + datetime.timedelta(days=7)
    booking(meeting_room, at(second, "10:00"), at(second, "11:00"), title="面接")
    response = staff_client.post("/reservations/new/", {**data, "book_available": "on"})
    assert response.status_code == 302
    assert BookingSeries.objects.get().bookings.count() == 1


def test_holidays_are_listed_not_dropped(staff_client):
    holiday = next_future_monday_holiday()
    start = holiday - datetime.timedelta(days=7)
    meeting_room = room(booking_window_days=800)
    response = post_booking(staff_client, meeting_room, start, **weekly(count=2), follow=True)
    text = response.content.decode()
    assert "閉庁日のため除外した日" in text and jpholiday.is_holiday_name(holiday) in text
    assert Booking.objects.count() == 1


def test_the_clash_page_lists_holidays_too(staff_client):
    holiday = next_future_monday_holiday()
    start = holiday - datetime.timedelta(days=7)
    meeting_room = room(booking_window_days=800)
    after = holiday + datetime.timedelta(days=7)
    booking(meeting_room, at(after, "10:00"), at(after, "11:00"))
    response = post_booking(staff_client, meeting_room, start, **weekly(count=3))
    text = response.content.decode()
    assert "祝日・閉庁日のため除外" in text and "残りの1件を予約する" in text


def next_future_monday_holiday():
    day = timezone.localdate() + datetime.timedelta(days=8)
    while not (day.weekday() == 0 and jpholiday.is_holiday(day)):
        day += datetime.timedelta(days=1)
    before = day - datetime.timedelta(days=7)
    assert not jpholiday.is_holiday(before)
    return day


@pytest.mark.parametrize(
    "changes, field, words",
    [
        ({"repeat": "weekly"}, "repeat_until", "終了日か回数"),
        (weekly(count=101), "repeat_count", "100回まで"),
        (weekly(count=1), "repeat_count", "2回以上"),
        (
            {"repeat": "daily", "repeat_until": f"{datetime.date.today().year + 3}-01-01"},
            "repeat_until",
            "1年まで",
        ),
        ({"repeat": "daily", "repeat_until": "2999-01-01"}, "repeat_until", "2000年から"),
        ({"repeat": "yearly", "repeat_count": "3"}, "repeat", "繰り返し方"),
        (weekly(weekdays=["7"]), "weekdays", "曜日は一覧から"),
        (weekly(interval="0"), "interval", "1から12"),
    ],
)
def test_a_bad_repetition_is_explained_beside_its_field(staff_client, changes, field, words):
    response = post_booking(staff_client, room(), working_day(), **changes)
    assert words in " ".join(response.context["form"].errors[field])
    assert words in " ".join(form_errors(response))
    assert not Booking.objects.exists() and not BookingSeries.objects.exists()


def test_back_to_the_form_keeps_what_was_typed(staff_client, monday):
    meeting_room = room(booking_window_days=120)
    data = booking_data(meeting_room, monday, **weekly(count=3), title="課内研修")
    response = staff_client.post("/reservations/new/", {**data, "back_to_form": "1"})
    form = response.context["form"]
    assert form["title"].value() == "課内研修" and form["repeat"].value() == "weekly"
    assert not Booking.objects.exists()
