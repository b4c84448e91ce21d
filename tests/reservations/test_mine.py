"""「わたしの予約」: the page of my bookings and the home page's panel."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reservations import dashboard, services
from reservations.models import Booking
from tests.factories import at, booking, room, staff_member, working_day

pytestmark = pytest.mark.django_db


@pytest.fixture
def day():
    return working_day()


def titles(response):
    return [item.title for item in response.context["page"].object_list]


def test_my_upcoming_bookings_include_the_ones_i_take_part_in(staff_client, staff_user, day):
    meeting_room = room()
    booking(meeting_room, at(day, "13:00"), at(day, "14:00"), user=staff_user, title="予算説明")
    booking(meeting_room, at(day, "10:00"), at(day, "11:00"), title="面接", attendees=[staff_user])
    booking(meeting_room, at(day, "15:00"), at(day, "16:00"), title="他課の会議")
    response = staff_client.get(reverse("reservations:mine"))
    assert titles(response) == ["面接", "予算説明"]


def test_past_bookings_are_on_their_own_tab(staff_client, staff_user, day):
    meeting_room = room()
    old = booking(meeting_room, at(day, "10:00"), at(day, "11:00"), user=staff_user, title="先週")
    begun = timezone.now() - datetime.timedelta(days=7)
    Booking.objects.filter(pk=old.pk).update(
        starts_at=begun, ends_at=begun + datetime.timedelta(hours=1)
    )
    booking(meeting_room, at(day, "13:00"), at(day, "14:00"), user=staff_user, title="来週")
    assert titles(staff_client.get(reverse("reservations:mine"))) == ["来週"]
    past = staff_client.get(reverse("reservations:mine"), {"when": "past"})
    assert titles(past) == ["先週"]


def test_a_cancelled_booking_shows_its_status(staff_client, staff_user, day):
    made = booking(room(), at(day, "10:00"), at(day, "11:00"), user=staff_user)
    services.cancel([made])
    body = staff_client.get(reverse("reservations:mine")).content.decode()
    assert "取消" in body


def test_the_page_is_paginated(staff_client, staff_user, day):
    meeting_room = room(max_duration=datetime.timedelta(hours=1))
    for hour in range(8, 8 + 12):
        booking(meeting_room, at(day, f"{hour}:00"), at(day, f"{hour}:30"), user=staff_user)
    other_day = working_day(days_ahead=(day - timezone.localdate()).days + 1)
    for hour in range(8, 8 + 12):
        booking(meeting_room, at(other_day, f"{hour}:00"), at(other_day, f"{hour}:30"),
                user=staff_user)  # fmt: skip
    first = staff_client.get(reverse("reservations:mine"))
    assert len(first.context["page"].object_list) == 20
    second = staff_client.get(reverse("reservations:mine"), {"page": "2"})
    assert len(second.context["page"].object_list) == 4


def test_a_bad_page_number_is_not_an_error(staff_client):
    for value in ("abc", "9" * 25, "-1"):
        assert staff_client.get(reverse("reservations:mine"), {"page": value}).status_code == 200


def test_the_panel_lists_my_next_bookings_with_a_tentative_mark(rf, staff_user, day):
    booking(room(), at(day, "10:00"), at(day, "11:00"), user=staff_user, title="予算説明")
    booking(room(name="応接室", requires_approval=True), at(day, "13:00"), at(day, "14:00"),
            user=staff_user, title="来客")  # fmt: skip
    request = rf.get("/")
    request.user = staff_user
    items = dashboard.panel_items(request)
    assert [item.title for item in items] == ["予算説明", "【仮予約】来客"]
    assert "10:00〜11:00" in items[0].meta and "第1会議室" in items[0].meta
    assert items[1].url == reverse("reservations:booking", args=[Booking.objects.last().pk])


def test_the_panel_leaves_out_cancelled_and_other_peoples_bookings(rf, staff_user, day):
    meeting_room = room()
    mine = booking(meeting_room, at(day, "10:00"), at(day, "11:00"), user=staff_user)
    services.cancel([mine])
    booking(meeting_room, at(day, "13:00"), at(day, "14:00"), user=staff_member())
    request = rf.get("/")
    request.user = staff_user
    assert dashboard.panel_items(request) == []


def test_the_panel_shows_at_most_eight(rf, staff_user, day):
    meeting_room = room()
    for hour in range(8, 18):
        booking(meeting_room, at(day, f"{hour}:00"), at(day, f"{hour}:30"), user=staff_user)
    request = rf.get("/")
    request.user = staff_user
    assert len(dashboard.panel_items(request)) == 8


def test_the_home_page_shows_the_panel(staff_client, staff_user, day):
    booking(room(), at(day, "10:00"), at(day, "11:00"), user=staff_user, title="予算説明")
    body = staff_client.get("/").content.decode()
    assert "わたしの予約" in body and "予算説明" in body
