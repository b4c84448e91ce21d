"""The personal iCalendar feed, my schedule week and my bookings: the same queries for a
person with two bookings as for one with twenty (a series and attended bookings among them)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reservations.models import CalendarFeedToken
from tests.factories import at, booking, room, staff_member, working_day
from tests.reservations.schedule_factories import entry

pytestmark = pytest.mark.django_db


def busy_person(bookings):
    """A person with ``bookings`` bookings in a week (half of them as a participant) and entries."""
    person, colleague = staff_member(), staff_member()
    day = working_day(2)
    rooms = [room(f"会議室{index}") for index in range(bookings)]
    for index, meeting_room in enumerate(rooms):
        hour = 9 + index % 8
        start, end = at(day, f"{hour}:00"), at(day, f"{hour}:30")
        if index % 2:
            booking(meeting_room, start, end, user=person)
        else:
            booking(meeting_room, start, end, user=colleague, attendees=[person])
        entry(person, day + datetime.timedelta(days=index % 3), "17:00", "17:15")
    return person, day


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "address",
    [
        lambda person, day: reverse(
            "reservations:feed",
            args=[CalendarFeedToken.objects.create(user=person, secret=f"x{person.pk}" * 8).secret],
        ),
        lambda person, day: reverse("reservations:schedule") + f"?week={day.isoformat()}",
        lambda person, day: reverse("reservations:mine"),
    ],
    ids=["personal feed", "schedule week", "my bookings"],
)
def test_a_busier_person_costs_no_more_queries(client, address):
    counts = []
    for size in (2, 20):
        person, day = busy_person(size)
        client.force_login(person)
        counts.append(queries(client, address(person, day)))
    assert counts[0] == counts[1]
