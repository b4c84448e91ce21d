"""「空き時間を探す」: the earliest time when chosen colleagues and a room are all free."""

import datetime

import pytest
from django.urls import reverse

from reservations.schedule.find_time import find_free_times
from tests.factories import at, booking, room, staff_member, working_day

from .schedule_factories import entry

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def day():
    return working_day(2)


def test_the_earliest_free_time_starts_the_working_day(day):
    first = find_free_times([staff_member()], day, day, HOUR)[0]
    assert first.start == at(day, "08:30") and first.meeting_end == at(day, "09:30")


def test_a_colleagues_entry_pushes_the_time_back(day):
    me, colleague = staff_member(), staff_member()
    entry(colleague, day, "08:00", "10:00")
    assert find_free_times([me, colleague], day, day, HOUR)[0].start == at(day, "10:00")


def test_a_private_entry_counts_as_busy(day):
    colleague = staff_member()
    entry(colleague, day, "08:30", "09:00", title="通院", private=True)
    assert find_free_times([colleague], day, day, HOUR)[0].start == at(day, "09:00")


def test_a_booking_i_attend_counts_as_busy(day):
    me = staff_member()
    booking(room(), at(day, "08:30"), at(day, "09:15"), attendees=[me])
    assert find_free_times([me], day, day, HOUR)[0].start == at(day, "09:15")


def test_the_room_must_be_free_too(day):
    only_room = room("第1会議室", capacity=10)
    booking(only_room, at(day, "08:30"), at(day, "11:00"))
    first = find_free_times([staff_member()], day, day, HOUR, seats=6)[0]
    assert first.start == at(day, "11:00") and first.room == only_room


def test_a_room_too_small_is_never_offered(day):
    room("小会議室", capacity=4)
    assert find_free_times([staff_member()], day, day, HOUR, seats=6) == []


def test_the_smallest_room_that_fits_is_offered(day):
    room("大会議室", capacity=40)
    small = room("第2会議室", capacity=8)
    assert find_free_times([staff_member()], day, day, HOUR, seats=6)[0].room == small


def test_closed_days_are_skipped():
    holiday = datetime.date(2027, 5, 3)  # 憲法記念日, a Monday
    found = find_free_times([staff_member()], holiday, holiday, HOUR)
    assert found == []


def test_the_page_lists_free_times_with_a_link_to_book(client, day):
    me, colleague = staff_member(), staff_member()
    room("第5会議室", capacity=10)
    client.force_login(me)
    response = client.get(
        reverse("reservations:find_time"),
        {
            "colleagues": [colleague.pk],
            "date_from": f"{day:%Y-%m-%d}",
            "date_to": f"{day:%Y-%m-%d}",
            "length": "60",
            "seats": "4",
        },
    )
    body = response.content.decode()
    assert "第5会議室" in body and "08:30" in body


def test_a_forged_colleague_id_is_refused(client, day):
    client.force_login(staff_member())
    response = client.get(
        reverse("reservations:find_time"),
        {
            "colleagues": ["99999999999999999999"],
            "date_from": f"{day:%Y-%m-%d}",
            "date_to": f"{day:%Y-%m-%d}",
            "length": "60",
        },
    )
    assert response.status_code == 200
    assert response.context["results"] is None
    assert "colleagues" in response.context["form"].errors


def test_more_than_two_weeks_is_refused(client, day):
    client.force_login(staff_member())
    response = client.get(
        reverse("reservations:find_time"),
        {
            "date_from": f"{day:%Y-%m-%d}",
            "date_to": f"{day + datetime.timedelta(days=20):%Y-%m-%d}",
            "length": "60",
        },
    )
    assert "2週間" in response.content.decode()


def _queries(people, day):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        find_free_times(people, day, day + datetime.timedelta(days=6), HOUR, seats=4)
    return len(queries)


def test_the_search_reads_a_fixed_number_of_queries(day):
    room("第1会議室", capacity=10)
    room("第2会議室", capacity=10)
    people = []
    for _ in range(6):
        person = staff_member()
        entry(person, day, "08:30", "12:00", title="研修")
        people.append(person)
    assert _queries(people[:2], day) == _queries(people, day)
