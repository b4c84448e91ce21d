"""The administration office keeps rooms, equipment, vehicles and their rules in the admin."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.menu import admin_menu

from intranet import roles
from reservations.models import Blackout, Resource
from tests.factories import DepartmentFactory, at, resource_group, room, staff_member, working_day

pytestmark = pytest.mark.django_db


@pytest.fixture
def office_client(client):
    client.force_login(staff_member(roles=[roles.ADMIN_OFFICE]))
    return client


def resource_form(**changes):
    group = resource_group()
    form = {
        "kind": "room",
        "name": "第6会議室",
        "group": str(group.pk),
        "location": "本庁舎3階 東側",
        "capacity": "10",
        "description": "",
        "owner": str(DepartmentFactory(name="総務課").pk),
        "opens_at": "08:30",
        "closes_at": "17:30",
        "bookable_weekdays": ["0", "2", "4"],
        "max_duration": "04:00:00",
        "booking_window_days": "60",
        "weekly_quota": "",
        "is_active": "on",
        "sort_order": "0",
    }
    form.update(changes)
    return {key: value for key, value in form.items() if value is not None}


def menu_labels(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return [str(item.label) for item in admin_menu.menu_items_for_request(request)]


# Who gets in ------------------------------------------------------------------------


@pytest.mark.parametrize("role", [roles.ADMIN_OFFICE, roles.SYSTEM_ADMIN])
def test_the_office_and_system_administrators_see_the_room_booking_menu(role):
    assert "施設予約" in menu_labels(staff_member(roles=[role]))


def test_a_section_head_does_not_see_the_room_booking_menu():
    assert "施設予約" not in menu_labels(staff_member(roles=[roles.SECTION_HEAD]))


def test_a_section_head_cannot_open_the_resources_admin(client):
    client.force_login(staff_member(roles=[roles.SECTION_HEAD]))
    response = client.get(reverse("reservation_resources:index"))
    assert response.status_code in (302, 403)


@pytest.mark.parametrize(
    "url_name",
    [
        "reservation_resources:index",
        "reservation_resources:add",
        "reservation_blackouts:index",
        "reservation_groups:index",
        "reservation_features:index",
    ],
)
def test_plain_staff_get_no_access(staff_client, url_name):
    response = staff_client.get(reverse(url_name))
    assert response.status_code in (302, 403)


def test_plain_staff_cannot_add_a_resource_by_posting(staff_client):
    staff_client.post(reverse("reservation_resources:add"), resource_form())
    assert not Resource.objects.filter(name="第6会議室").exists()


# The resource list and form -----------------------------------------------------------


def test_the_resource_list_shows_the_columns_in_japanese(office_client):
    room("庁議室", requires_approval=True)
    page = office_client.get(reverse("reservation_resources:index")).content.decode()
    for label in ("名称", "種別", "庁舎・フロア", "定員", "管理所属", "予約に承認が必要", "利用可"):
        assert label in page
    assert "庁議室" in page and "本庁舎 3階" in page


def test_the_resource_list_filters_by_kind(office_client):
    room("第1会議室")
    Resource.objects.create(
        name="書画カメラ", kind=Resource.Kind.EQUIPMENT, owner=DepartmentFactory()
    )
    page = office_client.get(reverse("reservation_resources:index"), {"kind": "equipment"})
    body = page.content.decode()
    assert "書画カメラ" in body and "第1会議室" not in body


def test_the_resource_list_is_searched_by_name(office_client):
    room("第1会議室")
    room("大会議室")
    body = office_client.get(reverse("reservation_resources:index"), {"q": "大会議"})
    assert "大会議室" in body.content.decode()
    assert "第1会議室" not in body.content.decode()


def test_the_bookable_days_are_ticked_and_kept_as_digits(office_client):
    office_client.post(reverse("reservation_resources:add"), resource_form())
    assert Resource.objects.get(name="第6会議室").bookable_weekdays == "024"


def test_the_form_offers_the_days_and_features_as_checkboxes_in_japanese(office_client):
    room("第1会議室", features=["プロジェクター"])
    page = office_client.get(reverse("reservation_resources:add")).content.decode()
    assert "月曜日" in page and "日曜日" in page
    assert 'type="checkbox" name="bookable_weekdays"' in page
    assert 'type="checkbox" name="features"' in page


def test_a_resource_with_no_bookable_day_is_refused_in_japanese(office_client):
    response = office_client.post(
        reverse("reservation_resources:add"), resource_form(bookable_weekdays=None)
    )
    assert "予約できる曜日を1つ以上選んでください。" in response.content.decode()
    assert not Resource.objects.filter(name="第6会議室").exists()


def test_a_meeting_room_without_seats_is_refused_in_japanese(office_client):
    response = office_client.post(reverse("reservation_resources:add"), resource_form(capacity=""))
    assert "会議室の定員（席数）を入力してください。" in response.content.decode()


def test_closing_before_opening_is_refused_in_japanese(office_client):
    response = office_client.post(
        reverse("reservation_resources:add"), resource_form(opens_at="18:00", closes_at="09:00")
    )
    assert "予約できる時間の終わりは始まりより後にしてください。" in response.content.decode()
    assert not Resource.objects.filter(name="第6会議室").exists()


def test_an_existing_resource_shows_its_days_ticked(office_client):
    kept = room("第1会議室", bookable_weekdays="13")
    page = office_client.get(reverse("reservation_resources:edit", args=[kept.pk]))
    body = page.content.decode()
    assert 'id="id_bookable_weekdays_1" checked' in body
    assert 'id="id_bookable_weekdays_3" checked' in body
    assert 'id="id_bookable_weekdays_0" checked' not in body


# Blackouts, groups, features -----------------------------------------------------------


def test_a_blackout_is_added_for_a_resource(office_client):
    kept = room("大会議室")
    day = working_day(7)
    office_client.post(
        reverse("reservation_blackouts:add"),
        {
            "resource": kept.pk,
            "starts_at": f"{day:%Y-%m-%d} 09:00",
            "ends_at": f"{day:%Y-%m-%d} 17:00",
            "reason": "空調設備点検",
        },
    )
    blackout = Blackout.objects.get(resource=kept)
    assert (blackout.starts_at, blackout.reason) == (at(day, "09:00"), "空調設備点検")


def test_a_blackout_ending_before_it_starts_is_refused_in_japanese(office_client):
    kept = room("大会議室")
    day = working_day(7)
    response = office_client.post(
        reverse("reservation_blackouts:add"),
        {
            "resource": kept.pk,
            "starts_at": f"{day:%Y-%m-%d} 17:00",
            "ends_at": f"{day:%Y-%m-%d} 09:00",
            "reason": "空調設備点検",
        },
    )
    assert "終了は開始より後にしてください。" in response.content.decode()
    assert not Blackout.objects.exists()


def test_groups_are_listed_with_their_building(office_client):
    resource_group("別館", "2階")
    page = office_client.get(reverse("reservation_groups:index")).content.decode()
    assert "別館 2階" in page
