"""Two active bookings of one resource never overlap, however they are made."""

import pytest
from django.db import IntegrityError, transaction

from reservations import services
from reservations.models import Booking, BookingSlot
from tests.factories import at, booking, equipment, room, staff_member, working_day

pytestmark = pytest.mark.django_db


@pytest.fixture
def day():
    return working_day()


def test_an_overlapping_booking_is_refused_in_japanese(day):
    first = room()
    booking(first, at(day, "10:00"), at(day, "11:00"))
    with pytest.raises(services.BookingRefused) as refused:
        booking(first, at(day, "10:30"), at(day, "11:30"))
    assert "第1会議室は" in refused.value.messages[0]
    assert "既に予約" in refused.value.messages[0]
    assert Booking.objects.count() == 1


def test_a_booking_may_begin_when_the_last_one_ends(day):
    first = room()
    booking(first, at(day, "10:00"), at(day, "11:00"))
    booking(first, at(day, "11:00"), at(day, "12:00"))
    assert BookingSlot.objects.filter(resource=first, is_active=True).count() == 2


def test_a_cancelled_booking_frees_its_time(day):
    first = room()
    taken = booking(first, at(day, "10:00"), at(day, "11:00"))
    services.cancel([taken])
    again = booking(first, at(day, "10:00"), at(day, "11:00"))
    assert again.status == Booking.Status.CONFIRMED
    taken.refresh_from_db()
    assert taken.status == Booking.Status.CANCELLED and taken.sequence == 1


def test_a_room_with_equipment_is_booked_all_or_nothing(day):
    meeting_room, projector = room(), equipment()
    booking(projector, at(day, "10:00"), at(day, "11:00"))
    with pytest.raises(services.BookingRefused) as refused:
        booking([meeting_room, projector], at(day, "10:30"), at(day, "11:30"))
    assert "プロジェクター1号" in refused.value.messages[0]
    assert not BookingSlot.objects.filter(resource=meeting_room).exists()
    assert Booking.objects.count() == 1


def test_moving_a_booking_does_not_clash_with_itself(day):
    first = room()
    moved = booking(first, at(day, "10:00"), at(day, "11:00"))
    services.move(moved, start=at(day, "10:30"), end=at(day, "11:30"))
    moved.refresh_from_db()
    assert (moved.starts_at, moved.ends_at, moved.sequence) == (
        at(day, "10:30"),
        at(day, "11:30"),
        1,
    )


def test_moving_onto_another_booking_is_refused_and_changes_nothing(day):
    first = room()
    booking(first, at(day, "13:00"), at(day, "14:00"))
    moved = booking(first, at(day, "10:00"), at(day, "11:00"))
    with pytest.raises(services.BookingRefused):
        services.move(moved, start=at(day, "13:30"), end=at(day, "14:30"))
    moved.refresh_from_db()
    assert moved.starts_at == at(day, "10:00") and moved.sequence == 0


@pytest.mark.postgresql
def test_postgresql_itself_refuses_overlapping_active_slots(day):
    """Below the service: the exclusion constraint of migration 0002 (PostgreSQL only)."""
    first = room()
    held = booking(first, at(day, "10:00"), at(day, "11:00"))
    other = Booking.objects.create(
        title="割り込み",
        starts_at=at(day, "10:30"),
        ends_at=at(day, "11:30"),
        booked_by=staff_member(),
        department=held.department,
    )
    with pytest.raises(IntegrityError, match=services.NO_DOUBLE_BOOKING), transaction.atomic():
        BookingSlot.objects.create(
            booking=other, resource=first, starts_at=other.starts_at, ends_at=other.ends_at
        )
