"""The booking form asks only what fits the resource, and a clash says who holds the time."""

import pytest
from django.urls import reverse

from tests.factories import (
    DepartmentFactory,
    at,
    booking,
    equipment,
    room,
    staff_member,
    vehicle,
    working_day,
)
from tests.reservations.booking_forms import post_booking

pytestmark = pytest.mark.django_db


@pytest.fixture
def day():
    return working_day()


def form_for(client, resource, day):
    """The booking form as the timeline's link for ``resource`` opens it."""
    response = client.get(
        reverse("reservations:new"),
        {"resource": resource.pk, "start": f"{day}T10:00", "end": f"{day}T11:00"},
    )
    return response.context["form"], response.content.decode()


def shown(body, marker):
    """Whether the block marked ``data-for-kind="…"`` is rendered without ``hidden``."""
    start = body.index(f'data-for-kind="{marker}"')
    return "hidden" not in body[start : body.index(">", start)]


def test_a_room_is_not_asked_for_a_destination_or_driver(staff_client, day):
    equipment()
    form, body = form_for(staff_client, room(), day)
    assert not form.shows_vehicle_fields and not shown(body, "vehicle")
    assert form.shows_equipment and shown(body, "room")


def test_a_vehicle_is_asked_for_destination_and_driver_and_takes_no_equipment(staff_client, day):
    equipment()
    form, body = form_for(staff_client, vehicle(), day)
    assert shown(body, "vehicle")
    assert not shown(body, "room")


def test_equipment_is_asked_for_neither(staff_client, day):
    form, body = form_for(staff_client, equipment(), day)
    assert not shown(body, "vehicle") and not shown(body, "room")


def test_with_nothing_chosen_every_field_is_offered_and_each_option_says_its_kind(staff_client):
    room()
    vehicle()
    body = staff_client.get(reverse("reservations:new")).content.decode()
    assert shown(body, "vehicle") and shown(body, "room")
    assert 'data-kind="room"' in body and 'data-kind="vehicle"' in body


def test_a_vehicle_posted_without_destination_shows_the_fields_with_their_errors(staff_client, day):
    response = post_booking(staff_client, vehicle(), day)
    body = response.content.decode()
    assert shown(body, "vehicle")
    assert "行き先" in body


def test_a_clash_names_who_holds_the_time(staff_client, day):
    holder = staff_member(full_name="山田 太郎", department=DepartmentFactory(name="財政課"))
    meeting_room = room("第1会議室")
    booking(meeting_room, at(day, "10:00"), at(day, "11:00"), user=holder, title="予算査定")
    response = post_booking(staff_client, meeting_room, day, start="10:30", end="11:30")
    [message] = response.context["form"].non_field_errors()
    assert "既に予約が入っています" in message
    assert "予約者：山田 太郎さん（財政課）" in message
