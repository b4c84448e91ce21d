"""The administration office keeps the meeting series and library folders in the admin."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from wagtail.admin.menu import admin_menu

from intranet import roles
from materials.models import Library, LibraryCategory, MeetingSeries
from tests.factories import DepartmentFactory, staff_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def office_client(client):
    client.force_login(staff_member(roles=[roles.ADMIN_OFFICE]))
    return client


def menu_labels(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    with translation.override("ja"):
        return [str(item.label) for item in admin_menu.menu_items_for_request(request)]


def test_the_office_finds_the_materials_menu_in_the_admin():
    assert "会議資料・様式" in menu_labels(staff_member(roles=[roles.ADMIN_OFFICE]))


def test_a_section_head_does_not_see_the_materials_menu():
    assert "会議資料・様式" not in menu_labels(staff_member(roles=[roles.SECTION_HEAD]))


def test_the_office_adds_a_series_with_its_secretary_attendees_and_members(office_client):
    secretary = DepartmentFactory(name="行政管理課")
    attending = DepartmentFactory(name="財務部")
    member = staff_member(full_name="会議 出席", department=attending)
    response = office_client.post(
        reverse("materials_series:add"),
        {
            "name": "予算調整会議",
            "description": "予算編成の調整を行います。",
            "secretary_department": secretary.pk,
            "attending_departments": [attending.pk],
            "members": [member.pk],
            "sort_order": "0",
        },
    )
    assert response.status_code == 302
    series = MeetingSeries.objects.get(name="予算調整会議")
    assert series.secretary_department == secretary
    assert list(series.attending_departments.all()) == [attending]
    assert list(series.members.all()) == [member]


def test_members_are_offered_by_name_and_section(office_client):
    staff_member(full_name="会議 出席", department=DepartmentFactory(name="財政課"))
    page = office_client.get(reverse("materials_series:add")).content.decode()
    assert "会議 出席（財政課）" in page


def test_the_office_adds_a_folder_inside_another(office_client):
    parent = LibraryCategory.objects.create(library=Library.FORMS, name="住民票・戸籍")
    office_client.post(
        reverse("materials_categories:add"),
        {"library": Library.FORMS, "name": "証明書", "parent": parent.pk, "sort_order": "0"},
    )
    assert LibraryCategory.objects.get(name="証明書").parent == parent
    page = office_client.get(reverse("materials_categories:index")).content.decode()
    assert "証明書" in page and "様式集" in page


@pytest.mark.parametrize("url_name", ["materials_series:index", "materials_series:add"])
def test_plain_staff_cannot_open_the_series_admin(client, url_name):
    client.force_login(staff_member(roles=[roles.STAFF]))
    response = client.get(reverse(url_name))
    assert response.status_code in (302, 403)


def test_plain_staff_cannot_add_a_series(client):
    client.force_login(staff_member(roles=[roles.STAFF]))
    client.post(
        reverse("materials_series:add"),
        {"name": "勝手な会議", "secretary_department": DepartmentFactory().pk, "sort_order": "0"},
    )
    assert not MeetingSeries.objects.exists()
