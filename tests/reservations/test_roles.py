"""Who may book, approve and keep the resources, as granted from reservations.setup."""

import pytest

from intranet import roles
from tests.factories import room, staff_member

pytestmark = pytest.mark.django_db

RESOURCE_ADMIN = "reservations.change_resource"


def test_every_staff_member_may_book():
    assert staff_member().has_perm("reservations.add_booking")


def test_plain_staff_neither_approve_nor_keep_resources():
    user = staff_member()
    assert not user.has_perm("reservations.approve_booking")
    assert not user.has_perm(RESOURCE_ADMIN)


def test_a_section_head_approves_but_does_not_keep_the_resource_list():
    user = staff_member(roles=[roles.SECTION_HEAD])
    assert user.has_perm("reservations.approve_booking")
    assert not user.has_perm(RESOURCE_ADMIN)


@pytest.mark.parametrize("role", [roles.ADMIN_OFFICE, roles.SYSTEM_ADMIN])
def test_the_office_and_system_administrators_keep_the_resources_in_the_admin(role):
    user = staff_member(roles=[role])
    assert user.has_perm(RESOURCE_ADMIN) and user.has_perm(roles.ADMIN_ACCESS)
    assert user.has_perm("reservations.add_blackout")


def test_a_system_administrator_may_decide_any_request():
    from reservations import rules

    administrator = staff_member(roles=[roles.SYSTEM_ADMIN])
    assert rules.keeps_resource(administrator, room("庁議室", requires_approval=True))


def test_the_administration_office_does_not_decide_requests():
    from reservations import rules

    office = staff_member(roles=[roles.ADMIN_OFFICE])
    assert not rules.keeps_resource(office, room("庁議室", requires_approval=True))
