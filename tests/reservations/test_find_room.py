"""「空き会議室を探す」: rooms free for a whole span, and the nearest alternatives."""

import datetime

import pytest
from django.urls import reverse

from intranet import dates
from reservations import services
from reservations.availability import office_working_days_after
from reservations.models import Blackout, Feature
from tests.factories import at, booking, resource_group, room, working_day

pytestmark = pytest.mark.django_db

URL = reverse("reservations:find_room")


@pytest.fixture
def day():
    return working_day(2)


def search(client, day, starts="10:00", ends="11:00", **params):
    return client.get(
        URL, {"date": day.isoformat(), "starts": starts, "ends": ends, **params}, follow=False
    )


def found(response):
    return [free.resource.name for free in response.context["search"].rooms]


def test_a_free_room_is_found_with_a_link_to_book_the_span(staff_client, day):
    meeting_room = room("第1会議室")
    response = search(staff_client, day)
    assert found(response) == ["第1会議室"]
    free = response.context["search"].rooms[0]
    assert (free.start, free.end) == (at(day, "10:00"), at(day, "11:00"))
    assert free.url == services_url(meeting_room, day, "10:00", "11:00")


def services_url(resource, day, starts, ends):
    from reservations.availability import new_booking_url

    return new_booking_url(resource, at(day, starts), at(day, ends))


def test_a_room_booked_for_part_of_the_span_is_not_free(staff_client, day):
    taken = room("第1会議室")
    room("第2会議室")
    booking(taken, at(day, "10:45"), at(day, "11:30"))
    assert found(search(staff_client, day)) == ["第2会議室"]


def test_a_booking_that_ends_as_the_span_begins_does_not_count(staff_client, day):
    meeting_room = room("第1会議室")
    booking(meeting_room, at(day, "9:00"), at(day, "10:00"))
    assert found(search(staff_client, day)) == ["第1会議室"]


def test_a_cancelled_booking_does_not_count(staff_client, day):
    meeting_room = room("第1会議室")
    services.cancel([booking(meeting_room, at(day, "10:00"), at(day, "11:00"))])
    assert found(search(staff_client, day)) == ["第1会議室"]


def test_too_few_seats_are_left_out(staff_client, day):
    room("小会議室", capacity=4)
    room("大会議室", capacity=30)
    assert found(search(staff_client, day, seats=10)) == ["大会議室"]


def test_every_chosen_feature_is_needed(staff_client, day):
    room("会議室A", features=["プロジェクター"])
    room("会議室B", features=["プロジェクター", "TV会議"])
    wanted = Feature.objects.filter(name__in=["プロジェクター", "TV会議"])
    response = search(staff_client, day, features=[feature.pk for feature in wanted])
    assert found(response) == ["会議室B"]


def test_rooms_outside_their_hours_blackouts_and_inactive_are_left_out(staff_client, day):
    room("午後だけ", opens_at=datetime.time(13, 0))
    dark = room("工事中")
    Blackout.objects.create(
        resource=dark, starts_at=at(day, "8:00"), ends_at=at(day, "12:00"), reason="工事"
    )
    room("閉鎖", is_active=False)
    room("使える")
    assert found(search(staff_client, day)) == ["使える"]


def test_the_building_narrows_the_search_to_its_floors(staff_client, day):
    room("本庁舎会議室", group=resource_group("本庁舎", "3階"))
    annex = resource_group("別館", "2階")
    room("別館会議室", group=annex)
    assert found(search(staff_client, day, building=annex.parent_id)) == ["別館会議室"]


def test_when_none_fits_the_nearest_free_times_the_same_day_are_offered(staff_client, day):
    meeting_room = room("第1会議室")
    booking(meeting_room, at(day, "9:30"), at(day, "11:00"))
    response = search(staff_client, day, starts="10:00", ends="11:00")
    result = response.context["search"]
    assert result.rooms == []
    starts = [alternative.start for alternative in result.other_times]
    assert starts == [at(day, "8:30"), at(day, "11:00"), at(day, "11:15")]
    assert "近い時間の空き" in response.content.decode()


def test_when_none_fits_the_same_span_on_the_next_working_days_is_offered(staff_client, day):
    meeting_room = room("第1会議室")
    booking(meeting_room, at(day, "8:00"), at(day, "16:00"))
    booking(meeting_room, at(day, "16:00"), at(day, "21:00"))
    result = search(staff_client, day).context["search"]
    assert result.other_times == []
    days = [alternative.start.date() for alternative in result.other_days]
    assert days == office_working_days_after(day, 5)
    assert all(alternative.rooms for alternative in result.other_days)


def test_no_alternatives_when_no_room_has_the_seats(staff_client, day):
    room("小会議室", capacity=4)
    response = search(staff_client, day, seats=50)
    assert response.context["search"].other_days == []
    assert "席数か設備の条件を減らして" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"ends": "09:00"}, "終了を開始より後に"),
        ({"ends": "10:00"}, "時間の長さが0分です"),
        ({"date": "2026-02-30"}, "「年-月-日」の形で"),
        ({"date": "9999-12-31"}, f"2000年から{dates.latest().year}年"),
        ({"starts": "25:00"}, "開始時刻は「時：分」の形で"),
        ({"seats": "-3"}, "席数は1以上"),
        ({"seats": "たくさん"}, "席数は数字で"),
        ({"features": ["99999999999999999999999"]}, "存在しないもの"),
        ({"building": "abc"}, "その建物・フロアはありません"),
    ],
)
def test_bad_input_is_explained_in_japanese(staff_client, day, params, message):
    room()
    response = search(staff_client, day, **params)
    assert response.status_code == 200
    assert response.context["search"] is None
    assert message in response.content.decode()


def test_a_time_already_begun_is_refused(staff_client):
    yesterday = working_day(1) - datetime.timedelta(days=7)
    response = search(staff_client, yesterday)
    assert response.context["search"] is None
    assert "既に始まっています" in response.content.decode()


def test_the_empty_form_suggests_the_next_hour(staff_client):
    response = staff_client.get(URL)
    assert response.status_code == 200
    assert response.context["search"] is None
    assert response.context["form"].initial["starts"].minute == 0


def test_the_span_is_asked_as_start_and_end_times_not_dates(staff_client):
    page = staff_client.get(URL).content.decode()
    assert '<label for="id_starts">開始時刻' in page
    assert '<label for="id_ends">終了時刻' in page
    assert "開始日" not in page
