"""One occurrence of a repeating entry changed while others act on the same room or entry.

The occurrence's exception and its booking are one transaction, under the
entry's row lock: whoever wins, the schedule and the bookings agree, and the one
refused leaves nothing half-saved.

    scripts/with-postgres .venv/bin/pytest -q \
        tests/reservations/test_schedule_occurrences_concurrency.py
"""

import datetime

import pytest
from schedule.models import Occurrence

from reservations import services as booking_services
from reservations.models import Booking, EventDetail
from reservations.schedule import entries, services
from tests.factories import at, open_weeks, room, staff_member

from .schedule_factories import weekly_meeting
from .test_concurrent_booking import all_at_once, outcomes_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("many-connections")]


@pytest.fixture
def setting():
    first = open_weeks(2, weeks=3)
    meeting_room = room("第3会議室")
    organiser = staff_member()
    weekly = weekly_meeting(
        organiser, first, weeks=3, participants=[staff_member()], facilities=[meeting_room]
    )
    return weekly, first + datetime.timedelta(weeks=1), meeting_room


def entry_bookings(weekly):
    return list(EventDetail.objects.get(event=weekly).bookings.order_by("starts_at"))


def test_moving_one_occurrence_while_someone_books_its_new_time_leaves_one_winner(setting):
    weekly, second, meeting_room = setting
    other = staff_member()

    def act(number):
        if number == 0:
            return entries.change_occurrence(
                weekly,
                second,
                services.EntryData(
                    title="定例会", start=at(second, "14:00"), end=at(second, "15:00")
                ),
            )
        return booking_services.book(
            booking_services.BookingDraft(
                user=other,
                resources=[meeting_room],
                title="打合せ",
                department=other.staff_profile.department,
            ),
            at(second, "14:00"),
            at(second, "15:00"),
        )

    outcomes = all_at_once(act, [0, 1])

    assert outcomes_of("error", outcomes) == []
    assert len(outcomes_of("booked", outcomes)) == 1
    assert len(outcomes_of("refused", outcomes)) == 1
    at_two = Booking.objects.active().filter(starts_at=at(second, "14:00"))
    assert at_two.count() == 1
    moved = Occurrence.objects.filter(event=weekly, start=at(second, "14:00")).exists()
    mine = [booking.starts_at for booking in entry_bookings(weekly) if booking.is_active]
    if moved:
        assert at(second, "14:00") in mine and at_two.get().booked_by != other
    else:
        assert not Occurrence.objects.exists()
        assert at(second, "10:00") in mine and at_two.get().booked_by == other


def test_cancelling_and_moving_one_occurrence_at_once_agree_with_its_booking(setting):
    weekly, second, _room = setting

    def act(number):
        if number == 0:
            return entries.cancel_occurrence(weekly, second)
        return entries.change_occurrence(
            weekly,
            second,
            services.EntryData(title="定例会", start=at(second, "16:00"), end=at(second, "17:00")),
        )

    outcomes = all_at_once(act, [0, 1])

    assert outcomes_of("error", outcomes) == []
    (occurrence,) = Occurrence.objects.filter(event=weekly)
    (booking,) = [
        booking
        for booking in entry_bookings(weekly)
        if services.local(booking.original_start).date() == second
    ]
    if occurrence.cancelled:
        assert booking.status == Booking.Status.CANCELLED
    else:
        assert booking.is_active and booking.starts_at == occurrence.start
