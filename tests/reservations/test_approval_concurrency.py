"""Approvers deciding at the same moment, each on its own connection (SQLite and PostgreSQL).

Two heads of one section deciding the same request: one decides, one is told.
Two owners deciding their own parts of one booking: the booking ends in one
consistent state, confirmed exactly once when both approve.

    scripts/with-postgres .venv/bin/pytest -q tests/reservations/test_approval_concurrency.py
"""

import threading

import pytest
from django.db import connection

from intranet import roles
from intranet.models import Notification
from reservations import approval
from reservations.models import Booking, BookingSlot
from tests.factories import (
    DepartmentFactory,
    at,
    booking,
    equipment,
    room,
    staff_member,
    working_day,
)

# Tests that open many connections at once run on one worker, one after another.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("many-connections")]


def test_of_two_simultaneous_decisions_exactly_one_is_made():
    owner = DepartmentFactory(name="総務課")
    approver, deputy = (staff_member(roles=[roles.SECTION_HEAD], department=owner) for _ in "12")
    requester = staff_member()
    day = working_day()
    request = booking(
        room("庁議室", owner=owner, requires_approval=True),
        at(day, "10:00"),
        at(day, "11:00"),
        user=requester,
    )
    start = threading.Barrier(2)
    outcomes = []

    def decide(user, approve):
        try:
            start.wait()
            approval.decide(
                Booking.objects.get(pk=request.pk), user, approve=approve, reason="改修工事のため"
            )
            outcomes.append("decided")
        except approval.DecisionRefused as refused:
            outcomes.append(refused.messages[0])
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(approver, True)),
        threading.Thread(target=decide, args=(deputy, False)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("decided") == 1
    [refusal] = [outcome for outcome in outcomes if outcome != "decided"]
    assert refusal in {"この予約は既に承認されています。", "この予約は既に却下されています。"}
    request.refresh_from_db()
    assert request.sequence == 1
    assert Notification.objects.filter(recipient=requester).count() == 1


# Two owners, each deciding its own part of one booking, at the same moment ---------------


def two_owner_request():
    """A 仮予約 of a room (総務課) and equipment (情報政策課), each needing its owner's approval."""
    room_owner, equipment_owner = (
        DepartmentFactory(name="総務課"),
        DepartmentFactory(name="情報政策課"),
    )
    room_head = staff_member(roles=[roles.SECTION_HEAD], department=room_owner)
    equipment_head = staff_member(roles=[roles.SECTION_HEAD], department=equipment_owner)
    requester = staff_member()
    day = working_day()
    council_room = room("庁議室", owner=room_owner, requires_approval=True)
    video_set = equipment("TV会議セット", owner=equipment_owner, requires_approval=True)
    request = booking([council_room, video_set], at(day, "10:00"), at(day, "11:00"), user=requester)
    return request, (room_head, equipment_head), (council_room, video_set), requester


def at_once(request, decisions):
    """Each (user, approve) decides ``request`` in its own thread, all started together."""
    start = threading.Barrier(len(decisions))
    outcomes = []

    def decide(user, approve):
        try:
            start.wait(timeout=60)
            approval.decide(
                Booking.objects.get(pk=request.pk), user, approve=approve, reason="点検日のため"
            )
            outcomes.append("decided")
        except Exception as error:  # noqa: BLE001 - the test reports any other error
            outcomes.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=decision) for decision in decisions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_two_owners_approving_at_once_confirm_the_booking_exactly_once():
    request, heads, resources, requester = two_owner_request()
    outcomes = at_once(request, [(heads[0], True), (heads[1], True)])

    assert outcomes == ["decided", "decided"]
    request.refresh_from_db()
    assert request.status == Booking.Status.CONFIRMED
    assert request.sequence == 1
    decisions = set(request.slots.values_list("decision", flat=True))
    assert decisions == {BookingSlot.Decision.APPROVED}
    [message] = Notification.objects.filter(recipient=requester).values_list("message", flat=True)
    assert "承認" in message


def test_one_owner_approving_while_the_other_rejects_leaves_one_consistent_state():
    request, heads, (council_room, video_set), requester = two_owner_request()
    outcomes = at_once(request, [(heads[0], True), (heads[1], False)])

    assert outcomes == ["decided", "decided"]
    request.refresh_from_db()
    assert request.status == Booking.Status.TENTATIVE
    room_part = BookingSlot.objects.get(booking=request, resource=council_room)
    equipment_part = BookingSlot.objects.get(booking=request, resource=video_set)
    assert (room_part.decision, room_part.is_active) == (BookingSlot.Decision.APPROVED, True)
    assert (equipment_part.decision, equipment_part.is_active) == (
        BookingSlot.Decision.REJECTED,
        False,
    )
    [message] = Notification.objects.filter(recipient=requester).values_list("message", flat=True)
    assert "TV会議セット" in message and "点検日のため" in message
