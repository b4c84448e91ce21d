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


def test_the_lunch_hour_is_left_out_by_default(day):
    found = find_free_times([staff_member()], day, day, HOUR)
    assert [(free.start, free.end) for free in found] == [
        (at(day, "08:30"), at(day, "12:00")),
        (at(day, "13:00"), at(day, "17:15")),
    ]


def test_the_lunch_hour_is_included_when_asked(day):
    found = find_free_times([staff_member()], day, day, HOUR, lunch=True)
    assert [(free.start, free.end) for free in found] == [(at(day, "08:30"), at(day, "17:15"))]


def test_each_free_span_is_listed_once(day):
    me = staff_member()
    entry(me, day, "10:00", "11:00")
    entry(me, day, "15:00", "17:15")
    found = find_free_times([me], day, day, datetime.timedelta(minutes=30))
    assert [(free.start, free.end) for free in found] == [
        (at(day, "08:30"), at(day, "10:00")),
        (at(day, "11:00"), at(day, "12:00")),
        (at(day, "13:00"), at(day, "15:00")),
    ]


def _search(client, day, **extra):
    return client.get(
        reverse("reservations:find_time"),
        {
            "date_from": f"{day:%Y-%m-%d}",
            "date_to": f"{day:%Y-%m-%d}",
            "length": "60",
            **extra,
        },
    )


def test_the_page_leaves_out_lunch_unless_ticked(client, day):
    client.force_login(staff_member())
    assert [free.end for free in _search(client, day).context["results"]][0] == at(day, "12:00")
    ticked = _search(client, day, include_lunch="on").context["results"]
    assert ticked[0].end == at(day, "17:15")


def test_the_entry_link_carries_the_colleagues_and_the_headcount(client, day):
    from urllib.parse import parse_qs, urlparse

    me, first, second = staff_member(), staff_member(), staff_member()
    client.force_login(me)
    results = _search(client, day, colleagues=[first.pk, second.pk]).context["results"]
    link = urlparse(results[0].entry_url)
    assert link.path == reverse("reservations:event_new")
    query = parse_qs(link.query)
    assert sorted(query["participants"]) == sorted([str(first.pk), str(second.pk)])
    assert query["seats"] == ["3"]
    assert query["date"] == [f"{day:%Y-%m-%d}"] and query["start_time"] == ["08:30"]
    assert (
        results[0].entry_url.replace("&", "&amp;")
        in _search(client, day, colleagues=[first.pk, second.pk]).content.decode()
    )


def test_the_booking_link_carries_the_attendees_and_the_seats(client, day):
    from urllib.parse import parse_qs, urlparse

    me, colleague = staff_member(), staff_member()
    room("第5会議室", capacity=10)
    client.force_login(me)
    results = _search(client, day, colleagues=[colleague.pk], seats="6").context["results"]
    query = parse_qs(urlparse(results[0].booking_url).query)
    assert query["attendees"] == [str(colleague.pk)] and query["attendee_count"] == ["6"]


def test_the_booking_form_takes_attendees_and_headcount_from_the_link(client, day):
    me = staff_member()
    colleague = staff_member(department=me.staff_profile.department)
    meeting_room = room("第5会議室", capacity=10)
    client.force_login(me)
    response = client.get(
        reverse("reservations:new"),
        {
            "resource": meeting_room.pk,
            "start": f"{day.isoformat()}T10:00",
            "end": f"{day.isoformat()}T11:00",
            "attendees": [colleague.pk],
            "attendee_count": "6",
        },
    )
    form = response.context["form"]
    assert form["attendee_count"].value() == 6
    assert [int(pk) for pk in form["attendees"].value()] == [colleague.pk]


def test_a_bad_headcount_in_the_link_is_dropped(client, day):
    client.force_login(staff_member())
    response = client.get(reverse("reservations:new"), {"attendee_count": "many"})
    assert response.context["form"]["attendee_count"].value() == 1
