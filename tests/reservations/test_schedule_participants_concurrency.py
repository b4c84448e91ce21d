"""Two staff registering a meeting with the same room for the same time at once.

The entry and its booking are one transaction, so the one whose booking the
rules (or, on PostgreSQL, the exclusion constraint) refuse leaves no entry
behind either.

    scripts/with-postgres .venv/bin/pytest -q \
        tests/reservations/test_schedule_participants_concurrency.py
"""

import pytest
from schedule.models import Event

from reservations.models import Booking, EventDetail
from reservations.schedule import entries, services
from tests.factories import at, room, staff_member, working_day

from .test_concurrent_booking import all_at_once, outcomes_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("many-connections")]

PEOPLE = 2


def test_two_meetings_in_one_room_at_once_leave_one_meeting_and_one_booking():
    day = working_day(2)
    meeting_room = room("第3会議室")
    organisers = [staff_member() for _ in range(PEOPLE)]
    colleague = staff_member()
    calendars = [services.personal_calendar(user) for user in organisers]

    def register(number):
        data = services.EntryData(
            title=f"打合せ{number}",
            start=at(day, "10:00"),
            end=at(day, "11:00"),
            participants=[colleague],
            facilities=[meeting_room],
        )
        return entries.save_entry(data, user=organisers[number], calendar=calendars[number])

    outcomes = all_at_once(register, list(range(PEOPLE)))

    assert outcomes_of("error", outcomes) == []
    assert len(outcomes_of("booked", outcomes)) == 1
    refused = outcomes_of("refused", outcomes)
    assert len(refused) == 1 and "第3会議室は" in " ".join(refused[0].messages)
    assert Booking.objects.count() == 1
    winner = outcomes_of("booked", outcomes)[0]
    assert list(Event.objects.values_list("pk", flat=True)) == [winner.pk]
    assert EventDetail.objects.get().bookings.get() == Booking.objects.get()
