"""Staff groups a user keeps (my team across sections): made, changed, deleted by their owner
only, and shown as the same week grid as a department."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reservations.models import StaffGroup
from tests.factories import DepartmentFactory, staff_member, working_day

from .schedule_factories import entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    """Two colleagues from two other sections."""
    return [
        staff_member(department=DepartmentFactory(name="危機管理課"), full_name="防災 太郎"),
        staff_member(department=DepartmentFactory(name="道路課"), full_name="土木 花子"),
    ]


def make_group(owner, members, name="防災プロジェクト"):
    group = StaffGroup.objects.create(owner=owner, name=name)
    group.members.set(members)
    return group


def test_a_user_makes_a_group_of_people_from_other_sections(staff_client, staff_user, team):
    response = staff_client.post(
        reverse("reservations:staff_group_new"),
        {"name": "防災プロジェクト", "members": [person.pk for person in team]},
    )
    group = StaffGroup.objects.get()
    assert response.url == reverse("reservations:staff_group", args=[group.pk])
    assert group.owner == staff_user and set(group.members.all()) == set(team)


def test_a_group_needs_a_name_and_members_in_japanese(staff_client):
    response = staff_client.post(reverse("reservations:staff_group_new"), {"name": " "})
    errors = response.context["form"].errors
    assert "グループ名" in errors["name"][0] and "メンバー" in errors["members"][0]
    assert not StaffGroup.objects.exists()


def test_the_groups_week_is_the_department_grid(staff_client, staff_user, team):
    day = working_day()
    entry(team[0], day, title="避難所点検")
    entry(team[1], day, title="道路パトロール")
    group = make_group(staff_user, team)
    url = reverse("reservations:staff_group", args=[group.pk])
    body = staff_client.get(url, {"week": f"{day:%Y-%m-%d}"}).content.decode()
    assert 'class="schedule-table"' in body and 'class="schedule-days"' in body
    assert "避難所点検" in body and "道路パトロール" in body
    assert "危機管理課" in body and "道路課" in body


def test_the_owner_changes_and_deletes_a_group(staff_client, staff_user, team):
    group = make_group(staff_user, team)
    edit = reverse("reservations:staff_group_edit", args=[group.pk])
    staff_client.post(edit, {"name": "新チーム", "members": [team[0].pk]})
    group.refresh_from_db()
    assert group.name == "新チーム" and list(group.members.all()) == [team[0]]
    staff_client.post(edit, {"action": "delete"})
    assert not StaffGroup.objects.exists()


@pytest.mark.parametrize("name", ["reservations:staff_group", "reservations:staff_group_edit"])
def test_someone_elses_group_is_not_found(client, team, name):
    group = make_group(staff_member(), team)
    client.force_login(team[0])
    assert client.get(reverse(name, args=[group.pk])).status_code == 404
    assert (
        client.post(
            reverse("reservations:staff_group_edit", args=[group.pk]), {"action": "delete"}
        ).status_code
        == 404
    )
    assert StaffGroup.objects.exists()


def test_my_groups_lists_only_mine(staff_client, staff_user, team):
    make_group(staff_user, team, name="私のチーム")
    make_group(team[0], team, name="他人のチーム")
    body = staff_client.get(reverse("reservations:staff_groups")).content.decode()
    assert "私のチーム" in body and "他人のチーム" not in body


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_group_of_fifty_reads_as_many_queries_as_a_group_of_five(staff_client, staff_user):
    day = working_day()
    people = []
    for index in range(50):
        person = staff_member(department=DepartmentFactory(name=f"課{index}"))
        entry(person, day)
        people.append(person)
    group = make_group(staff_user, people[:5])
    url = reverse("reservations:staff_group", args=[group.pk]) + f"?week={day:%Y-%m-%d}"
    _queries(staff_client, url)
    few = _queries(staff_client, url)
    group.members.set(people)
    assert _queries(staff_client, url) == few
