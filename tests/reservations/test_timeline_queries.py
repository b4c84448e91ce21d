"""Timeline, week, month and 「空き会議室を探す」: the same queries for 3 rooms or 30."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reservations.models import Blackout, Feature
from tests.factories import at, booking, resource_group, room, staff_member, working_day

pytestmark = pytest.mark.django_db


@pytest.fixture
def day():
    return working_day(2)


def rooms_with_bookings(count, day):
    """``count`` rooms over two buildings, each with two bookings (one tentative) and a blackout."""
    user = staff_member()
    made = []
    for index in range(count):
        group = resource_group("本庁舎" if index % 2 else "別館", f"{index % 3 + 1}階")
        made.append(
            room(
                f"会議室{index:02d}",
                group=group,
                features=["プロジェクター"],
                requires_approval=index % 2 == 0,
            )
        )
        booking(made[-1], at(day, "10:00"), at(day, "11:00"), user=user)
        booking(made[-1], at(day, "14:00"), at(day, "15:30"), user=user)
        Blackout.objects.create(
            resource=made[-1], starts_at=at(day, "18:00"), ends_at=at(day, "19:00"), reason="点検"
        )
    return made


def queries_for(client, url, params):
    """Queries of the second of two identical requests (the first fills the session's caches)."""
    client.get(url, params)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured)


def counts(client, day, url_for, params_for):
    """Queries of one page with 3 rooms, then with 30 (27 more added)."""
    few = rooms_with_bookings(3, day)
    with_few = queries_for(client, url_for(few[0]), params_for(few[0]))
    rooms_with_bookings(27, day)
    with_many = queries_for(client, url_for(few[0]), params_for(few[0]))
    return with_few, with_many


def test_the_timeline_costs_the_same_for_3_or_30_rooms(staff_client, day):
    few, many = counts(
        staff_client,
        day,
        lambda _: reverse("reservations:timeline"),
        lambda _: {"date": day.isoformat()},
    )
    assert few == many


def test_a_week_costs_the_same_for_few_or_many_bookings(staff_client, day):
    few, many = counts(
        staff_client,
        day,
        lambda resource: reverse("reservations:resource", args=[resource.pk]),
        lambda _: {"week": day.isoformat()},
    )
    assert few == many


def test_a_month_costs_the_same_for_few_or_many_bookings(staff_client, day):
    few, many = counts(
        staff_client,
        day,
        lambda resource: reverse("reservations:resource_month", args=[resource.pk]),
        lambda _: {"month": f"{day:%Y-%m}"},
    )
    assert few == many


def test_a_week_with_many_bookings_of_its_own_costs_the_same(staff_client, day):
    meeting_room = room()
    url = reverse("reservations:resource", args=[meeting_room.pk])
    booking(meeting_room, at(day, "9:00"), at(day, "9:30"))
    one = queries_for(staff_client, url, {"week": day.isoformat()})
    for hour in range(10, 20):
        booking(meeting_room, at(day, f"{hour}:00"), at(day, f"{hour}:30"))
    assert queries_for(staff_client, url, {"week": day.isoformat()}) == one


def test_find_room_costs_the_same_for_3_or_30_rooms(staff_client, day):
    def params(_):
        projector = Feature.objects.get(name="プロジェクター")
        # 10:00 is taken everywhere: the alternatives are searched too.
        return {
            "date": day.isoformat(),
            "starts": "10:00",
            "ends": "11:00",
            "seats": "4",
            "features": [projector.pk],
        }

    few, many = counts(staff_client, day, lambda _: reverse("reservations:find_room"), params)
    assert few == many
