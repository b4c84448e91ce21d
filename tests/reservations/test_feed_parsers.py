"""Every iCalendar route, over demo-like data, parses with two independent parsers.

The routes are found by walking the reservations URLconf (every route ending in
``.ics``), so a new calendar route is covered, or this test says it needs an
address, the day it exists. The data hold what calendars trip on: a weekly
series with an occurrence cancelled, one renamed and one moved, a booking
waiting for approval, a cancelled one, and schedule entries that repeat, last
all day or are private, one of them with an occurrence cancelled and one moved
on its own, and one the feed's owner attends as a participant.
"""

import datetime

import icalendar
import pytest
from django.urls import URLPattern, reverse
from django.utils import timezone

from reservations import services
from reservations import urls as reservation_urls
from reservations.models import Booking, CalendarFeedToken
from reservations.schedule import entries
from reservations.schedule import services as schedule
from reservations.schedule.services import Repeat
from reservations.views.feeds import new_secret
from tests.factories import at, booking, open_weeks, room, staff_member, working_day

from .schedule_factories import entry
from .strict_ical import problems
from .test_ical import weekly_series

pytestmark = pytest.mark.django_db


def calendar_routes():
    return {
        pattern.name
        for pattern in reservation_urls.urlpatterns
        if isinstance(pattern, URLPattern) and str(pattern.pattern).endswith(".ics")
    }


def demo_like_data():
    user, meeting_room = staff_member(), room("第1会議室")
    series, starts = weekly_series(user, meeting_room, open_weeks(7))
    services.cancel([Booking.objects.get(series=series, starts_at=starts[1])])
    renamed = Booking.objects.get(series=series, starts_at=starts[2])
    services.move(renamed, start=renamed.starts_at, end=renamed.ends_at, title="臨時の調整会議")
    moved = Booking.objects.get(series=series, starts_at=starts[3])
    later = starts[3] + datetime.timedelta(hours=4)
    services.move(moved, start=later, end=later + datetime.timedelta(hours=1))
    day = working_day()
    booking(meeting_room, at(day, "09:00"), at(day, "09:30"), user=user, title="打合せ")
    dropped = booking(meeting_room, at(day, "13:00"), at(day, "14:00"), user=user)
    services.cancel([dropped])
    booking(room("大会議室", requires_approval=True), at(day, "15:00"), at(day, "16:00"), user=user)
    weekly = entry(
        user, day, title="課内ミーティング", repeat=Repeat.WEEKLY, weekdays=[0, 3], count=6
    )
    spans = schedule.occurrences(weekly, weekly.start, weekly.end_recurring_period)
    entries.cancel_occurrence(weekly, timezone.localtime(spans[1][0]).date())
    moved_day = timezone.localtime(spans[2][0]).date()
    entries.change_occurrence(
        weekly,
        moved_day,
        schedule.EntryData(
            title="課内ミーティング（時間変更）",
            start=at(moved_day, "15:00"),
            end=at(moved_day, "16:00"),
            memo="会議室が変わります",
        ),
    )
    entry(staff_member(), day, "16:00", "17:00", title="係長会議", participants=[user])
    entry(user, day + datetime.timedelta(days=1), title="出張", all_day=True)
    entry(user, day, start="12:00", end="13:00", title="通院", private=True)
    entry(user, datetime.date(2027, 6, 8), title="課長会", repeat=Repeat.MONTHLY_BY_WEEKDAY)
    CalendarFeedToken.objects.create(user=user, secret=new_secret())
    CalendarFeedToken.objects.create(user=user, resource=meeting_room, secret=new_secret())
    return user


def addresses():
    """Every address of every calendar route, by route name."""
    return {
        "feed": [
            reverse("reservations:feed", args=[secret])
            for secret in CalendarFeedToken.objects.values_list("secret", flat=True)
        ],
        "booking_ics": [
            reverse("reservations:booking_ics", args=[pk])
            for pk in Booking.objects.values_list("pk", flat=True)
        ],
    }


def test_every_calendar_route_parses_with_icalendar_and_strictly_with_ical4j(client, tmp_path):
    client.force_login(demo_like_data())
    by_route = addresses()
    assert calendar_routes() == set(by_route), "give the new calendar route its addresses here"
    files = {}
    for route, urls in by_route.items():
        assert urls, f"the data give {route} no address"
        for number, url in enumerate(urls):
            response = client.get(url)
            assert response.status_code == 200, url
            assert response["Content-Type"].startswith("text/calendar"), url
            calendar = icalendar.Calendar.from_ical(response.content)
            assert calendar.walk("VEVENT"), url
            path = tmp_path / f"{route}-{number}.ics"
            path.write_bytes(response.content)
            files[str(path)] = url
    rejected = problems(list(files), tmp_path)
    assert {files[path]: errors for path, errors in rejected.items()} == {}
