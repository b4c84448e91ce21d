"""The demo's rooms, equipment, vehicles and month of bookings obey every booking rule."""

import datetime
from collections import defaultdict

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from reservations import approval, demo
from reservations.closed_days import is_closed_day
from reservations.models import (
    Blackout,
    Booking,
    BookingSeries,
    BookingSlot,
    Feature,
    Resource,
    ResourceGroup,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_demo"),
    pytest.mark.xdist_group("reservations-demo"),
]


def user(username):
    return get_user_model().objects.get(username=username)


def local(moment):
    return timezone.localtime(moment)


def active_bookings():
    return Booking.objects.active().prefetch_related("resources")


def test_two_buildings_hold_their_floors():
    buildings = ResourceGroup.objects.filter(parent=None)
    assert set(buildings.values_list("name", flat=True)) == {"本庁舎", "別館"}
    floors = ResourceGroup.objects.filter(parent__name="本庁舎").count()
    assert 3 <= floors <= 4
    assert ResourceGroup.objects.filter(parent__name="別館").count() == 2


def test_the_rooms_of_the_main_building_are_there_with_seats_and_features():
    rooms = Resource.objects.rooms().filter(group__parent__name="本庁舎")
    names = set(rooms.values_list("name", flat=True))
    expected = {f"第{n}会議室" for n in range(1, 6)} | {"大会議室", "庁議室", "応接室"}
    assert expected <= names
    assert all(room.capacity for room in rooms)
    assert set(Feature.objects.values_list("name", flat=True)) >= {
        "プロジェクター",
        "TV会議",
        "ホワイトボード",
        "マイク",
    }


def test_the_council_room_and_the_large_hall_need_their_owners_approval():
    for name in ("庁議室", "大会議室"):
        room = Resource.objects.get(name=name)
        assert room.requires_approval and room.owner.name == "総務課"


def test_equipment_belongs_to_the_information_policy_section():
    equipment = Resource.objects.filter(kind=Resource.Kind.EQUIPMENT)
    assert {"プロジェクター1号", "ノートPC 1号", "Webカメラ1号", "書画カメラ1号"} <= set(
        equipment.values_list("name", flat=True)
    )
    assert set(equipment.values_list("owner__name", flat=True)) == {"情報政策課"}


def test_two_official_vehicles_carry_their_plates():
    vehicles = Resource.objects.filter(kind=Resource.Kind.VEHICLE)
    assert vehicles.count() == 2
    assert all("なにわ 500" in vehicle.name for vehicle in vehicles)


def test_each_persons_vehicle_bookings_stay_within_the_weekly_limit():
    vehicles = Resource.objects.filter(kind=Resource.Kind.VEHICLE)
    assert {vehicle.weekly_quota for vehicle in vehicles} == {datetime.timedelta(hours=8)}
    booked = defaultdict(datetime.timedelta)
    for slot in BookingSlot.objects.filter(resource__in=vehicles, is_active=True).select_related(
        "booking"
    ):
        week = local(slot.starts_at).isocalendar()[:2]
        booked[slot.resource_id, slot.booking.booked_by_id, week] += slot.ends_at - slot.starts_at
    assert booked, "the demo has no vehicle trips"
    assert max(booked.values()) <= datetime.timedelta(hours=8)


def test_loading_again_adds_nothing():
    def counts():
        return (
            ResourceGroup.objects.count(),
            Resource.objects.count(),
            Feature.objects.count(),
            Blackout.objects.count(),
            BookingSeries.objects.count(),
            Booking.objects.count(),
            BookingSlot.objects.count(),
        )

    before = counts()
    demo.load()
    assert counts() == before


def test_there_is_a_month_of_bookings_from_tomorrow():
    today = timezone.localdate()
    days = {local(booking.starts_at).date() for booking in Booking.objects.all()}
    assert min(days) > today
    assert max(days) <= today + datetime.timedelta(days=demo.DAYS_AHEAD)
    assert Booking.objects.count() >= 100


def test_every_booking_is_on_a_working_day():
    for booking in Booking.objects.all():
        day = local(booking.starts_at).date()
        assert day.weekday() < 5 and not is_closed_day(day), booking


def test_every_booking_is_within_its_resources_hours():
    for booking in active_bookings():
        start, end = local(booking.starts_at), local(booking.ends_at)
        assert start.date() == end.date()
        for resource in booking.resources.all():
            assert resource.opens_at <= start.time() and end.time() <= resource.closes_at
            assert booking.ends_at - booking.starts_at <= resource.max_duration
            assert resource.capacity is None or booking.attendee_count <= resource.capacity


def test_no_two_active_bookings_of_one_resource_overlap():
    spans = defaultdict(list)
    for slot in BookingSlot.objects.filter(is_active=True):
        spans[slot.resource_id].append((slot.starts_at, slot.ends_at))
    for resource_spans in spans.values():
        resource_spans.sort()
        for earlier, later in zip(resource_spans, resource_spans[1:], strict=False):
            assert earlier[1] <= later[0]


def test_no_booking_falls_in_the_blackout():
    blackout = Blackout.objects.get(reason="空調設備点検")
    assert not BookingSlot.objects.filter(
        resource=blackout.resource,
        is_active=True,
        starts_at__lt=blackout.ends_at,
        ends_at__gt=blackout.starts_at,
    ).exists()


def test_the_coordination_meeting_is_a_series_every_monday_at_ten():
    series = BookingSeries.objects.filter(bookings__title="庁内調整会議").distinct().get()
    meetings = list(series.bookings.all())
    assert len(meetings) >= 3
    assert all(local(meeting.starts_at).weekday() == 0 for meeting in meetings)
    assert {local(meeting.starts_at).strftime("%H:%M") for meeting in meetings} == {"10:00"}
    assert all(meeting.original_start == meeting.starts_at for meeting in meetings)


def test_the_demo_login_has_bookings_of_its_own():
    mine = Booking.objects.filter(booked_by=user("demo"))
    assert mine.filter(status=Booking.Status.CONFIRMED).exists()
    assert mine.filter(status=Booking.Status.TENTATIVE).exists()


def test_the_demo_section_head_has_requests_waiting():
    waiting = approval.requests_for(user("kacho"))
    assert waiting
    assert {item.first.booked_by.username for item in waiting} == {"demo"}


def test_the_council_room_has_requests_waiting_for_the_general_affairs_head():
    waiting = Booking.objects.filter(
        status=Booking.Status.TENTATIVE, resources__name__in=["庁議室", "大会議室"]
    )
    assert waiting.exists()


def test_approved_demo_bookings_name_who_approved_them():
    approved = Booking.objects.filter(
        status=Booking.Status.CONFIRMED, resources__requires_approval=True
    )
    assert approved.exists()
    assert all(booking.decided_by_id and booking.decided_at for booking in approved)


def test_vehicle_trips_say_where_and_who_drives():
    trips = Booking.objects.filter(resources__kind=Resource.Kind.VEHICLE)
    assert trips.count() >= 5
    assert all(trip.destination and trip.driver_id for trip in trips)


def test_demo_texts_carry_no_markup():
    for title, purpose in Booking.objects.values_list("title", "purpose"):
        assert "<" not in title and "<" not in purpose


def test_the_demo_month_skips_the_year_end_closure_and_holidays():
    days = demo.working_days(datetime.date(2026, 12, 20))
    assert datetime.date(2026, 12, 28) in days
    assert not any(datetime.date(2026, 12, 29) <= day <= datetime.date(2027, 1, 3) for day in days)
    assert datetime.date(2027, 1, 11) not in days  # 成人の日
    assert datetime.date(2027, 1, 4) in days


def test_the_open_data_event_list_holds_the_public_halls_events_and_nothing_else():
    from reservations import demo_data, export

    now = timezone.now()
    listed = export.public_bookings(now, now + datetime.timedelta(days=60))
    assert sorted(booking.title for booking in listed) == sorted(
        title for title, *_rest in demo_data.PUBLIC_EVENTS
    )
    assert all(
        {resource.name for resource in booking.resources.all()} == demo_data.PUBLIC_EVENT_ROOMS
        for booking in listed
    )
