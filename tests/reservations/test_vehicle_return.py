"""A vehicle's return: the odometer at departure and on return, and when it came back."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reservations.models import Booking
from tests.factories import at, booking, room, staff_member, vehicle, working_day

pytestmark = pytest.mark.django_db


def departed(item, hours_ago=3):
    """The booking, moved below the service to have begun ``hours_ago`` hours ago."""
    start = timezone.now().replace(second=0, microsecond=0) - datetime.timedelta(hours=hours_ago)
    Booking.objects.filter(pk=item.pk).update(
        starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    item.refresh_from_db()
    return item


@pytest.fixture
def trip(staff_user):
    day = working_day()
    driver = staff_member(department=staff_user.staff_profile.department)
    made = booking(
        vehicle(),
        at(day, "09:00"),
        at(day, "12:00"),
        user=staff_user,
        title="現地調査",
        destination="南部公園",
        driver=driver,
    )
    return departed(made)


def return_data(start="12345", end="12398", returned=None):
    returned = returned or timezone.localtime() - datetime.timedelta(minutes=30)
    return {
        "odometer_start": start,
        "odometer_end": end,
        "returned_at": returned.strftime("%Y-%m-%dT%H:%M"),
    }


def test_the_booker_records_the_return(staff_client, trip):
    response = staff_client.post(
        reverse("reservations:return_vehicle", args=[trip.pk]), return_data(), follow=True
    )
    trip.refresh_from_db()
    assert (trip.odometer_start, trip.odometer_end) == (12345, 12398)
    assert trip.returned_at is not None
    assert "走行距離53 km" in response.content.decode()


def test_the_driver_records_the_return(client, trip):
    client.force_login(trip.driver)
    client.post(reverse("reservations:return_vehicle", args=[trip.pk]), return_data())
    trip.refresh_from_db()
    assert trip.odometer_end == 12398


def test_a_reading_on_return_below_the_departure_is_refused(staff_client, trip):
    response = staff_client.post(
        reverse("reservations:return_vehicle", args=[trip.pk]), return_data(end="12000")
    )
    assert "出発時の値（12,345 km）より小さく" in response.context["form"].errors["odometer_end"][0]
    trip.refresh_from_db()
    assert trip.odometer_end is None and trip.returned_at is None


def test_the_same_reading_at_both_ends_is_accepted(staff_client, trip):
    staff_client.post(
        reverse("reservations:return_vehicle", args=[trip.pk]), return_data(end="12345")
    )
    trip.refresh_from_db()
    assert trip.odometer_end == 12345


@pytest.mark.parametrize(
    "changes, field, words",
    [
        ({"odometer_start": "十二"}, "odometer_start", "km単位の整数"),
        ({"odometer_end": ""}, "odometer_end", "帰着時の走行距離計"),
        ({"returned_at": "2026-99-99T99:99"}, "returned_at", "日時を入力してください"),
        ({"odometer_start": "-5"}, "odometer_start", "0"),
    ],
)
def test_bad_readings_are_explained(staff_client, trip, changes, field, words):
    response = staff_client.post(
        reverse("reservations:return_vehicle", args=[trip.pk]), {**return_data(), **changes}
    )
    assert response.status_code == 200
    assert words in " ".join(response.context["form"].errors[field])
    trip.refresh_from_db()
    assert trip.returned_at is None


def test_a_return_in_the_future_is_refused(staff_client, trip):
    later = timezone.localtime() + datetime.timedelta(days=1)
    response = staff_client.post(
        reverse("reservations:return_vehicle", args=[trip.pk]), return_data(returned=later)
    )
    assert "未来" in response.context["form"].errors["returned_at"][0]


def test_someone_else_may_not_record_the_return(client, trip):
    client.force_login(staff_member())
    response = client.post(reverse("reservations:return_vehicle", args=[trip.pk]), return_data())
    assert response.status_code == 403
    trip.refresh_from_db()
    assert trip.returned_at is None


def test_a_trip_still_to_come_cannot_be_returned(staff_client, staff_user):
    day = working_day()
    driver = staff_member(department=staff_user.staff_profile.department)
    later = booking(
        vehicle(), at(day, "09:00"), at(day, "12:00"), user=staff_user,
        destination="府庁", driver=driver,
    )  # fmt: skip
    response = staff_client.post(
        reverse("reservations:return_vehicle", args=[later.pk]), return_data(), follow=True
    )
    assert "開始時刻を過ぎてから" in response.content.decode()
    later.refresh_from_db()
    assert later.returned_at is None


def test_a_room_has_no_return(staff_client, staff_user):
    day = working_day()
    meeting = departed(booking(room(), at(day, "09:00"), at(day, "10:00"), user=staff_user))
    response = staff_client.get(
        reverse("reservations:return_vehicle", args=[meeting.pk]), follow=True
    )
    assert "公用車の予約だけ" in response.content.decode()


def test_the_booking_page_shows_the_trip_and_the_return_button(staff_client, trip):
    body = staff_client.get(trip.get_absolute_url()).content.decode()
    assert "南部公園" in body
    assert reverse("reservations:return_vehicle", args=[trip.pk]) in body


def test_the_return_form_starts_with_the_time_now(staff_client, trip):
    response = staff_client.get(reverse("reservations:return_vehicle", args=[trip.pk]))
    assert response.status_code == 200
    assert 'type="datetime-local"' in response.content.decode()
    assert response.context["form"]["returned_at"].value() is not None


def test_the_reading_at_departure_starts_from_the_last_return(staff_client, staff_user, trip):
    car = trip.resources.get()
    earlier = booking(
        car,
        at(working_day(), "13:00"),
        at(working_day(), "14:00"),
        user=staff_user,
        title="前回の出張",
        destination="北部支所",
        driver=staff_user,
    )
    Booking.objects.filter(pk=earlier.pk).update(
        odometer_start=12400,
        odometer_end=12480,
        returned_at=trip.starts_at - datetime.timedelta(days=1),
    )
    response = staff_client.get(reverse("reservations:return_vehicle", args=[trip.pk]))
    assert response.context["form"]["odometer_start"].value() == 12480
    assert "12,480 km" in response.content.decode()


def test_the_first_trip_of_a_vehicle_starts_with_an_empty_reading(staff_client, trip):
    response = staff_client.get(reverse("reservations:return_vehicle", args=[trip.pk]))
    assert response.context["form"]["odometer_start"].value() is None
