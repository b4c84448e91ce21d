"""Two approvers deciding the same request at the same moment: one decides, one is told."""

import threading

import pytest
from django.db import connection

from intranet import roles
from intranet.models import Notification
from reservations import approval
from reservations.models import Booking
from tests.factories import DepartmentFactory, at, booking, room, staff_member, working_day

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
