"""Dates typed into a form or put in an address are held to the years the office could mean."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from intranet import dates, roles
from tests.bulletin.test_posting import form_data
from tests.factories import notice_category, room, staff_member
from tests.reservations.booking_forms import booking_data

pytestmark = pytest.mark.django_db

EXTREMES = ["9999-12-31", "0001-01-01"]


def test_the_bounds_run_from_the_earliest_year_to_ten_years_ahead():
    assert dates.earliest() == datetime.date(2000, 1, 1)
    assert dates.latest() == datetime.date(timezone.localdate().year + 10, 12, 31)
    assert dates.within_bounds(timezone.localdate())
    assert not dates.within_bounds(datetime.date.max)
    assert not dates.within_bounds(datetime.datetime(1, 1, 1, tzinfo=datetime.UTC))


def test_the_bounds_come_from_the_settings(settings):
    settings.DATES_EARLIEST_YEAR, settings.DATES_YEARS_AHEAD = 2010, 1
    assert dates.earliest() == datetime.date(2010, 1, 1)
    assert dates.latest().year == timezone.localdate().year + 1
    assert not dates.within_bounds(datetime.date(2009, 12, 31))
    assert "2010年から" in dates.bounds_message()


@pytest.mark.parametrize(
    ("text", "day", "words"),
    [
        ("", None, ""),
        ("2026-11-30", datetime.date(2026, 11, 30), ""),
        ("2026/11/30", datetime.date(2026, 11, 30), ""),
        ("9999-12-31", None, "2000年から"),
        ("0001-01-01", None, "2000年から"),
        ("10000-01-01", None, "読み取れません"),
        ("2026-02-30", None, "読み取れません"),
        ("x" * 5000, None, "読み取れません"),
        ("\x00", None, "読み取れません"),
    ],
)
def test_a_date_in_an_address_is_read_or_explained(text, day, words):
    found, message = dates.query_date(text)
    assert found == day
    assert words in message and bool(message) == bool(words)


def test_a_month_and_a_moment_in_an_address_are_held_to_the_bounds():
    assert dates.query_month("2026-11") == (datetime.date(2026, 11, 1), "")
    assert "2000年から" in dates.query_month("9999-12")[1]
    moment, message = dates.query_datetime("2026-11-30T10:00")
    assert timezone.localtime(moment).hour == 10 and message == ""
    assert "2000年から" in dates.query_datetime("0001-01-01T00:00")[1]
    assert "読み取れません" in dates.query_datetime("2026-11-30")[1]


@pytest.mark.parametrize("value", ["9999-12-31T23:59", "0001-01-01T00:00"])
def test_the_date_and_time_field_refuses_the_ends_of_the_calendar(value):
    field = dates.DateTimeField()
    with pytest.raises(Exception, match="2000") as refused:
        field.clean(value)
    assert refused.value.code == "out_of_bounds"


@pytest.mark.parametrize("url_name", ["reservations:schedule", "reservations:department_schedule"])
@pytest.mark.parametrize("week", EXTREMES)
def test_a_schedule_week_at_the_ends_of_the_calendar_shows_this_week_and_says_why(
    client, url_name, week
):
    user = staff_member()
    client.force_login(user)
    args = [user.staff_profile.department_id] if "department" in url_name else []
    response = client.get(reverse(url_name, args=args), {"week": week})
    assert response.status_code == 200
    assert dates.bounds_message() in response.content.decode()
    monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    assert response.context["monday"] == monday


@pytest.mark.parametrize("day", EXTREMES)
def test_a_booking_at_the_ends_of_the_calendar_is_refused_in_words(client, day):
    client.force_login(staff_member())
    response = client.post(reverse("reservations:new"), booking_data(room(), day))
    assert response.status_code == 200
    assert response.context["form"].errors["date"] == [dates.bounds_message()]


@pytest.mark.parametrize("field", ["starts_at", "ends_at"])
@pytest.mark.parametrize("value", ["0001-01-01T00:00", "9999-12-31T23:59"])
def test_a_notice_at_the_ends_of_the_calendar_is_refused_in_words(client, field, value):
    client.force_login(staff_member(roles=[roles.ADMIN_OFFICE]))
    notice_category()
    response = client.post(reverse("bulletin:new"), form_data(**{field: value}))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [dates.bounds_message()]


@pytest.mark.parametrize("day", EXTREMES)
def test_a_schedule_entry_at_the_ends_of_the_calendar_is_refused_in_words(client, day):
    client.force_login(staff_member())
    data = {"title": "会議", "date": day, "all_day": "on", "repeat": "daily"}
    response = client.post(reverse("reservations:event_new"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["date"] == [dates.bounds_message()]


def test_a_booking_link_with_an_impossible_start_says_so(client):
    client.force_login(staff_member())
    response = client.get(reverse("reservations:new"), {"start": "9999-12-31T10:00"})
    assert response.status_code == 200
    assert dates.bounds_message() in response.content.decode()
    assert response.context["form"]["date"].value() is None
