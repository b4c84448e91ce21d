"""The administration office keeps the conference boards in the Wagtail admin."""

import pytest
from django.urls import reverse

from bulletin.models import Board
from intranet import roles
from intranet.models import Department
from tests.factories import DepartmentFactory, staff_member

pytestmark = pytest.mark.django_db

FORM = {
    "name": "庁内DX推進",
    "slug": "dx",
    "purpose": "DXの取り組みを共有します。",
    "anonymity": "named",
    "edit_window_minutes": "30",
    "retention_months": "6",
    "sort_order": "0",
}


@pytest.fixture
def office_client(client):
    client.force_login(staff_member(roles=[roles.ADMIN_OFFICE]))
    return client


def test_the_administration_office_lists_the_boards(office_client):
    Board.objects.create(name="職場の声", slug="voice", purpose="声")
    response = office_client.get(reverse("conference_boards:index"))
    assert "職場の声" in response.content.decode()


def test_the_administration_office_adds_a_board_for_some_departments(office_client):
    department = DepartmentFactory(kind=Department.Kind.BU)
    moderator = staff_member(full_name="司会 進")
    office_client.post(
        reverse("conference_boards:add"),
        {**FORM, "departments": [department.pk], "moderators": [moderator.pk]},
    )
    board = Board.objects.get(slug="dx")
    assert (board.all_staff, list(board.departments.all())) == (False, [department])
    assert list(board.moderators.all()) == [moderator]


def test_a_board_for_nobody_is_refused(office_client):
    response = office_client.post(reverse("conference_boards:add"), FORM)
    assert "参加する所属を選ぶか、全職員に公開してください。" in response.content.decode()
    assert not Board.objects.exists()


def test_moderators_are_offered_by_name_and_section(office_client):
    staff_member(full_name="司会 進", department=DepartmentFactory(name="人事課"))
    response = office_client.get(reverse("conference_boards:add"))
    assert "司会 進（人事課）" in response.content.decode()


def test_general_staff_cannot_open_the_boards_admin(staff_client):
    response = staff_client.get(reverse("conference_boards:index"))
    assert response.status_code in (302, 403)
