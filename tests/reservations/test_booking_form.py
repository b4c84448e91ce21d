"""The booking form: booking a room, a room with equipment, a vehicle; the timeline's prefill."""

import pytest
from django.urls import reverse

from reservations.models import Booking, BookingSlot
from tests.factories import (
    DepartmentFactory,
    at,
    equipment,
    room,
    staff_member,
    vehicle,
    working_day,
)
from tests.reservations.booking_forms import form_errors, post_booking

pytestmark = pytest.mark.django_db


@pytest.fixture
def day():
    return working_day()


def test_a_room_is_booked_and_the_booker_lands_on_its_page(staff_client, staff_user, day):
    meeting_room = room()
    response = post_booking(staff_client, meeting_room, day)
    made = Booking.objects.get()
    assert response.status_code == 302 and response.url == made.get_absolute_url()
    assert (made.starts_at, made.ends_at, made.booked_by) == (
        at(day, "10:00"),
        at(day, "11:00"),
        staff_user,
    )
    assert made.department == staff_user.staff_profile.department
    assert made.status == Booking.Status.CONFIRMED


def test_the_success_message_gives_the_time_in_japanese(staff_client, day):
    response = post_booking(staff_client, room(), day, follow=True)
    text = response.content.decode()
    assert "予約しました" in text
    assert f"{day.year}年{day.month}月{day.day}日" in text and "10:00〜11:00" in text


def test_a_booking_that_needs_approval_says_it_waits_for_it(staff_client, day):
    response = post_booking(staff_client, room(requires_approval=True), day, follow=True)
    assert Booking.objects.get().status == Booking.Status.TENTATIVE
    assert "仮予約" in response.content.decode() and "承認" in response.content.decode()


def test_a_room_with_equipment_is_one_booking(staff_client, day):
    meeting_room, projector = room(), equipment()
    post_booking(staff_client, meeting_room, day, equipment=[projector.pk])
    made = Booking.objects.get()
    assert set(made.resources.all()) == {meeting_room, projector}


def test_equipment_cannot_ride_along_with_a_vehicle(staff_client, staff_user, day):
    car = vehicle()
    response = post_booking(
        staff_client,
        car,
        day,
        equipment=[equipment().pk],
        destination="府庁",
        driver=staff_user.pk,
    )
    assert "会議室にだけ" in " ".join(form_errors(response))
    assert not Booking.objects.exists()


def test_a_vehicle_booking_records_destination_and_driver(staff_client, staff_user, day):
    driver = staff_member(department=staff_user.staff_profile.department)
    post_booking(staff_client, vehicle(), day, destination="大阪府庁", driver=driver.pk)
    made = Booking.objects.get()
    assert (made.destination, made.driver) == ("大阪府庁", driver)


def test_a_vehicle_booking_needs_destination_and_driver(staff_client, day):
    response = post_booking(staff_client, vehicle(), day)
    errors = response.context["form"].errors
    assert "行き先" in errors["destination"][0]
    assert "運転" in errors["driver"][0]
    assert not Booking.objects.exists()


def test_the_driver_comes_from_my_own_section(staff_client, day):
    stranger = staff_member(department=DepartmentFactory())
    response = post_booking(staff_client, vehicle(), day, destination="府庁", driver=stranger.pk)
    assert "運転" in response.context["form"].errors["driver"][0]
    assert not Booking.objects.exists()


def test_participants_from_my_section_are_recorded(staff_client, staff_user, day):
    colleague = staff_member(department=staff_user.staff_profile.department)
    post_booking(staff_client, room(), day, attendees=[colleague.pk])
    assert list(Booking.objects.get().attendees.all()) == [colleague]


def test_a_participant_from_another_section_is_recorded(staff_client, day):
    """Participants are chosen with the staff picker, from the whole organisation."""
    other = staff_member(department=DepartmentFactory())
    post_booking(staff_client, room(), day, attendees=[other.pk])
    assert list(Booking.objects.get().attendees.all()) == [other]


def test_a_participant_who_has_left_is_refused(staff_client, day):
    gone = staff_member(department=DepartmentFactory())
    gone.is_active = False
    gone.save()
    response = post_booking(staff_client, room(), day, attendees=[gone.pk])
    assert "職員" in response.context["form"].errors["attendees"][0]
    assert not Booking.objects.exists()


def test_a_booking_may_be_made_on_behalf_of_the_department_above(client, day):
    bu = DepartmentFactory(name="総務部", kind="bu")
    user = staff_member(department=DepartmentFactory(name="管財課", parent=bu))
    client.force_login(user)
    post_booking(client, room(), day, department=bu.pk)
    assert Booking.objects.get().department == bu


def test_a_booking_may_not_be_made_on_behalf_of_another_section(staff_client, day):
    response = post_booking(staff_client, room(), day, department=DepartmentFactory().pk)
    assert "所属" in response.context["form"].errors["department"][0]
    assert not Booking.objects.exists()


def test_the_timeline_link_prefills_resource_date_and_times(staff_client, day):
    meeting_room = room()
    response = staff_client.get(
        reverse("reservations:new"),
        {
            "resource": meeting_room.pk,
            "start": f"{day.isoformat()}T13:15",
            "end": f"{day.isoformat()}T14:45",
        },
    )
    form = response.context["form"]
    assert form["resource"].value() == meeting_room.pk
    assert str(form["date"].value()) == day.isoformat()
    assert form["start_time"].value().strftime("%H:%M") == "13:15"
    assert form["end_time"].value().strftime("%H:%M") == "14:45"


def test_the_form_works_without_javascript(staff_client):
    room()
    body = staff_client.get(reverse("reservations:new")).content.decode()
    assert 'type="date"' in body and 'type="time"' in body and 'step="900"' in body
    assert f'action="{reverse("reservations:new")}"' in body and 'method="post"' in body


def test_the_same_slot_twice_is_refused_at_the_top_of_the_form(staff_client, day):
    meeting_room = room()
    post_booking(staff_client, meeting_room, day)
    response = post_booking(staff_client, meeting_room, day, start="10:30", end="11:30")
    top = response.context["form"].non_field_errors()
    assert "既に予約が入っています" in top[0]
    assert BookingSlot.objects.count() == 1


def test_rooms_come_first_and_i_am_not_offered_as_my_own_participant(staff_client, staff_user):
    car, projector, meeting_room = vehicle(), equipment(), room()
    form = staff_client.get(reverse("reservations:new")).context["form"]
    assert list(form.fields["resource"].queryset) == [meeting_room, projector, car]
    assert staff_user not in form.fields["attendees"].queryset
