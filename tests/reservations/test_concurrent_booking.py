"""Many staff booking the same room at the same moment, each on its own connection.

Fifty threads start together (a barrier) and call ``services.book``, the
path every booking view takes. Each thread opens its own database
connection, as a server's threads do. On SQLite the test database is a file
in WAL mode and a transaction takes the write lock when it begins
(intranet/settings), so the checks run one after another; on PostgreSQL the
checks run side by side and the exclusion constraint of migration 0002
refuses the writes that lost the race.

    scripts/with-postgres .venv/bin/pytest -q tests/reservations/test_concurrent_booking.py
"""

import datetime
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from reservations import services
from reservations.models import Booking, BookingSlot
from tests.factories import at, equipment, room, staff_member, working_day

# Tests that open many connections at once run on one worker, one after another.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("many-connections")]

THREADS = 50


def all_at_once(work, arguments):
    """Run ``work(argument)`` in one thread per argument, started together.

    Returns one outcome per argument, in order: ("booked", result),
    ("refused", BookingRefused) or ("error", any other exception), so a test
    sees every thread's end, not only the first failure.
    """
    barrier = threading.Barrier(len(arguments))

    def run(argument):
        try:
            barrier.wait(timeout=60)
            return "booked", work(argument)
        except services.BookingRefused as refused:
            return "refused", refused
        except Exception as error:  # noqa: BLE001 - the test reports any other error
            return "error", error
        finally:
            connection.close()  # this thread's own connection

    with ThreadPoolExecutor(max_workers=len(arguments)) as pool:
        return list(pool.map(run, arguments))


def outcomes_of(kind, outcomes):
    return [value for what, value in outcomes if what == kind]


def draft(user, resources, title="庁内調整会議"):
    return services.BookingDraft(
        user=user,
        resources=list(resources),
        title=title,
        department=user.staff_profile.department,
    )


def overlapping_spans(day, count):
    """``count`` one-hour spans starting 10:00–10:45: any two of them overlap."""
    starts = [at(day, "10:00") + datetime.timedelta(minutes=15 * (n % 4)) for n in range(count)]
    return [(start, start + datetime.timedelta(hours=1)) for start in starts]


def active_slots(resource, start, end):
    return BookingSlot.objects.filter(
        resource=resource, is_active=True, starts_at__lt=end, ends_at__gt=start
    )


@pytest.fixture
def day(transactional_db):
    return working_day()


@pytest.fixture
def staff(transactional_db):
    return [staff_member() for _ in range(THREADS)]


def book_in_parallel(staff, resources_of, spans):
    """Every staff member books their resources for their span, all at once."""

    def work(number):
        start, end = spans[number]
        return services.book(draft(staff[number], resources_of(number)), start, end)

    return all_at_once(work, list(range(len(staff))))


def test_fifty_staff_booking_one_room_at_once_leaves_exactly_one_booking(day, staff):
    meeting_room = room("第3会議室")
    spans = overlapping_spans(day, THREADS)
    outcomes = book_in_parallel(staff, lambda number: [meeting_room], spans)

    assert outcomes_of("error", outcomes) == []
    assert len(outcomes_of("booked", outcomes)) == 1
    refused = outcomes_of("refused", outcomes)
    assert len(refused) == THREADS - 1
    for refusal in refused:
        message = " ".join(refusal.messages)
        assert "第3会議室は" in message and "既に予約" in message, message
    assert active_slots(meeting_room, at(day, "10:00"), at(day, "11:45")).count() == 1
    assert Booking.objects.count() == 1


@pytest.mark.postgresql
def test_on_postgresql_the_database_refuses_the_writes_that_lost_the_race(day, staff):
    """The service's check and its write are not serialised there: the constraint decides.

    Whether a thread checks before or after the winner commits is up to the
    scheduler, so up to three rounds are run, each on a room of its own; a
    round in which no write reached the constraint (all 49 were refused by
    the check) is run again. Usually the first round has several.
    """
    spans = overlapping_spans(day, THREADS)
    for round_number in range(1, 4):
        meeting_room = room(f"第{round_number}会議室")
        outcomes = book_in_parallel(staff, lambda number, r=meeting_room: [r], spans)
        assert outcomes_of("error", outcomes) == []
        assert active_slots(meeting_room, at(day, "10:00"), at(day, "11:45")).count() == 1
        raced = [refusal for refusal in outcomes_of("refused", outcomes) if refusal.raced]
        if raced:
            break
    assert raced, "in three rounds no write reached the exclusion constraint"
    for refusal in raced:
        message = " ".join(refusal.messages)
        assert f"{meeting_room.name}は" in message and "既に予約" in message, message


def test_a_room_with_a_projector_is_booked_all_or_nothing_under_contention(day, staff):
    """Half the threads share the room, half share the projector; each books both at once.

    A thread that loses on the room must not keep its own projector, and one
    that loses on the projector must not keep its own room.
    """
    shared_room, shared_projector = room("大会議室"), equipment("プロジェクター1号")
    half = THREADS // 2
    own_projectors = [equipment(f"プロジェクター{n + 2}号") for n in range(half)]
    own_rooms = [room(f"小会議室{n + 1}") for n in range(THREADS - half)]

    def resources_of(number):
        if number < half:
            return [shared_room, own_projectors[number]]
        return [own_rooms[number - half], shared_projector]

    start, end = at(day, "13:00"), at(day, "14:00")
    outcomes = book_in_parallel(staff, resources_of, [(start, end)] * THREADS)

    assert outcomes_of("error", outcomes) == []
    booked = outcomes_of("booked", outcomes)
    assert len(booked) == 2  # one per shared resource
    assert len(outcomes_of("refused", outcomes)) == THREADS - 2
    for booking in Booking.objects.all():
        assert booking.slots.filter(is_active=True).count() == 2
    assert BookingSlot.objects.count() == 4
    assert active_slots(shared_room, start, end).count() == 1
    assert active_slots(shared_projector, start, end).count() == 1


def test_two_bookings_moved_onto_the_same_free_time_at_once_one_wins(day, staff):
    meeting_room = room("第3会議室")
    first = services.book(draft(staff[0], [meeting_room]), at(day, "09:00"), at(day, "10:00"))
    second = services.book(draft(staff[1], [meeting_room]), at(day, "11:00"), at(day, "12:00"))
    target = (at(day, "14:00"), at(day, "15:00"))

    outcomes = all_at_once(
        lambda booking: services.move(booking, start=target[0], end=target[1]), [first, second]
    )

    assert outcomes_of("error", outcomes) == []
    assert len(outcomes_of("booked", outcomes)) == 1
    [refusal] = outcomes_of("refused", outcomes)
    assert "既に予約" in " ".join(refusal.messages)
    assert active_slots(meeting_room, *target).count() == 1
    stayed = Booking.objects.exclude(starts_at=target[0]).get()
    assert stayed.starts_at in (at(day, "09:00"), at(day, "11:00")) and stayed.sequence == 0
