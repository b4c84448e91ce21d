"""One word for one thing in the bookings: 終了した予約, 取り消す範囲, 閉庁日, 帰着, 備品, 人."""

import pytest
from django.urls import reverse

from bulletin.models import Board
from reservations import forms
from reservations.models import Booking, BookingSlot
from reservations.services import conflict_message
from tests.factories import at, booking, equipment, room, vehicle, working_day

pytestmark = pytest.mark.django_db


def test_my_finished_bookings_are_called_finished_bookings(staff_client):
    body = staff_client.get(reverse("reservations:mine")).content.decode()
    assert "終了した予約" in body and "終了した時間" not in body


def test_the_cancel_and_change_scopes_are_named_as_ranges():
    assert str(forms.CancelForm.base_fields["scope"].label) == "取り消す範囲"
    assert str(forms.ChangeForm.base_fields["scope"].label) == "変更する範囲"


def test_the_year_end_closure_is_called_a_closed_day():
    label = str(forms.BookingForm.base_fields["skip_closed_days"].label)
    assert label == "祝日・閉庁日（12/29〜1/3）を除く"


@pytest.mark.parametrize(
    ("make", "advice"),
    [
        (room, "別の時間か別の部屋"),
        (equipment, "別の時間か別の備品"),
        (vehicle, "別の時間か別の公用車"),
    ],
)
def test_a_clash_suggests_another_of_the_same_kind(staff_user, make, advice):
    day = working_day()
    booking(make(), at(day, "10:00"), at(day, "11:00"), user=staff_user)
    assert advice in conflict_message(BookingSlot.objects.get())


def test_a_vehicle_seats_people_not_seats(staff_client):
    car = vehicle()  # five seats
    body = staff_client.get(reverse("reservations:resource", args=[car.pk])).content.decode()
    assert "5人" in body and "5席" not in body


def test_the_vehicle_return_says_kitaku_and_writes_thousands_with_a_comma(staff_client, staff_user):
    day = working_day()
    trip = booking(vehicle(), at(day, "09:00"), at(day, "12:00"), user=staff_user)
    Booking.objects.filter(pk=trip.pk).update(
        odometer_start=12345, odometer_end=12480, returned_at=at(day, "12:00")
    )
    body = staff_client.get(reverse("reservations:booking", args=[trip.pk])).content.decode()
    assert "12,345 km → 12,480 km" in body
    labels = [str(field.label) for field in forms.VehicleReturnForm().fields.values()]
    assert "返却" not in "".join(labels) and "帰着日時" in labels


def test_conference_boards_are_not_called_meeting_rooms():
    assert str(Board._meta.verbose_name) == "電子会議室"
    assert str(Board._meta.verbose_name_plural) == "電子会議室"
