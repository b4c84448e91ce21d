"""The day timeline: rooms by building and floor × quarter hours, bookings as blocks."""

import datetime

import pytest
from django.urls import reverse

from intranet import dates
from reservations import availability
from reservations.availability import Cell
from reservations.models import Blackout, Resource
from tests.factories import (
    at,
    booking,
    equipment,
    resource_group,
    room,
    staff_member,
    working_day,
)

pytestmark = pytest.mark.django_db

URL = reverse("reservations:timeline")


@pytest.fixture
def day():
    return working_day(2)


def show(client, day, **params):
    return client.get(URL, {"date": day.isoformat(), **params})


def row_of(response, resource):
    for section in response.context["timeline"].sections:
        for row in section.rows:
            if row.resource == resource:
                return row
    raise AssertionError(f"{resource} is not on the timeline")


def cell_at(row, moment):
    return next(cell for cell in row.cells if cell.start <= moment < cell.end)


def test_rooms_are_grouped_by_building_then_floor_in_their_order(staff_client, day):
    annex = resource_group("別館", "1階")
    annex.parent.sort_order = 2
    annex.parent.save()
    main_second = resource_group("本庁舎", "2階")
    main_third = resource_group("本庁舎", "3階")
    main_third.sort_order, main_second.sort_order = 2, 1
    main_third.save(), main_second.save()
    room("別館会議室", group=annex)
    room("302会議室", group=main_third)
    room("201会議室", group=main_second)
    response = show(staff_client, day)
    labels = [section.label for section in response.context["timeline"].sections]
    assert labels == ["本庁舎 2階", "本庁舎 3階", "別館 1階"]


def test_the_grid_runs_over_the_widest_hours_in_quarter_hours(staff_client, day):
    room("早朝会議室", opens_at=datetime.time(7, 30), closes_at=datetime.time(18, 0))
    room("夜間会議室", opens_at=datetime.time(9, 0), closes_at=datetime.time(21, 0))
    columns = show(staff_client, day).context["timeline"].columns
    assert columns[0] == ("7:30", False)
    assert columns[-1] == ("20:45", False)
    assert len(columns) == (21 * 60 - (7 * 60 + 30)) // 15


def test_a_booking_is_one_block_spanning_its_quarter_hours(staff_client, day):
    meeting_room = room()
    booking(meeting_room, at(day, "10:00"), at(day, "11:00"), title="予算ヒアリング")
    row = row_of(show(staff_client, day), meeting_room)
    block = cell_at(row, at(day, "10:30"))
    assert block.kind == Cell.BOOKED
    assert (block.start, block.end, block.span) == (at(day, "10:00"), at(day, "11:00"), 4)
    assert cell_at(row, at(day, "11:00")).kind == Cell.FREE


def test_a_block_shows_its_title_and_department(staff_client, day):
    meeting_room = room()
    user = staff_member()
    booking(meeting_room, at(day, "10:00"), at(day, "11:00"), user=user, title="予算ヒアリング")
    html = show(staff_client, day).content.decode()
    assert 'colspan="4" class="tl-cell tl-booked"' in html
    assert "予算ヒアリング" in html
    assert user.staff_profile.department.name in html


def test_a_booking_off_the_grid_covers_every_quarter_it_touches(staff_client, day):
    meeting_room = room()
    booking(meeting_room, at(day, "10:10"), at(day, "10:50"))
    block = cell_at(row_of(show(staff_client, day), meeting_room), at(day, "10:00"))
    assert (block.start, block.end, block.span) == (at(day, "10:00"), at(day, "11:00"), 4)


def test_a_tentative_booking_says_so_in_words_and_looks_different(staff_client, day):
    meeting_room = room(requires_approval=True)
    booking(meeting_room, at(day, "13:00"), at(day, "14:00"), title="採用面接")
    html = show(staff_client, day).content.decode()
    assert "tl-booked--tentative" in html
    assert "【仮予約】" in html


def test_a_cancelled_booking_leaves_its_time_free(staff_client, day):
    from reservations import services

    meeting_room = room()
    taken = booking(meeting_room, at(day, "10:00"), at(day, "11:00"))
    services.cancel([taken])
    row = row_of(show(staff_client, day), meeting_room)
    assert cell_at(row, at(day, "10:00")).kind == Cell.FREE


def test_a_free_quarter_links_to_the_booking_form_for_that_quarter(day):
    meeting_room = room()
    cells = availability.timeline(day).sections[0].rows[0].cells
    free = next(cell for cell in cells if cell.start == at(day, "10:00"))
    expected = availability.new_booking_url(meeting_room, at(day, "10:00"), at(day, "10:15"))
    assert free.url == expected
    if expected != "#":
        assert f"resource={meeting_room.pk}" in expected
        assert "start=" + day.isoformat() + "T10%3A00" in expected
        assert "end=" + day.isoformat() + "T10%3A15" in expected


def test_hours_outside_a_rooms_own_hours_are_closed_with_a_reason(staff_client, day):
    room("第1会議室")
    short = room("第2会議室", opens_at=datetime.time(9, 0), closes_at=datetime.time(17, 0))
    row = row_of(show(staff_client, day), short)
    early = cell_at(row, at(day, "8:00"))
    assert early.kind == Cell.CLOSED and early.reason == "予約できる時間外"
    assert early.span == 4
    assert cell_at(row, at(day, "9:00")).kind == Cell.FREE


def test_a_closed_day_is_marked_with_its_name(staff_client):
    holiday = datetime.date(working_day(1).year + 1, 1, 1)
    meeting_room = room()
    response = show(staff_client, holiday)
    row = row_of(response, meeting_room)
    assert {cell.kind for cell in row.cells} == {Cell.CLOSED}
    assert row.cells[0].reason.startswith("休館日")
    assert "元日" in row.cells[0].reason
    assert "元日" in response.content.decode()


def test_a_day_the_room_does_not_take_is_closed(staff_client, day):
    saturday = day + datetime.timedelta(days=5 - day.weekday())
    meeting_room = room()
    row = row_of(show(staff_client, saturday), meeting_room)
    assert [cell.reason for cell in row.cells] == ["土曜日は予約できません"]


def test_a_blackout_is_closed_with_its_reason(staff_client, day):
    meeting_room = room()
    Blackout.objects.create(
        resource=meeting_room,
        starts_at=at(day, "13:00"),
        ends_at=at(day, "15:00"),
        reason="空調点検",
    )
    row = row_of(show(staff_client, day), meeting_room)
    blackout = cell_at(row, at(day, "14:00"))
    assert (blackout.kind, blackout.reason, blackout.span) == (Cell.CLOSED, "空調点検", 8)
    assert 'title="空調点検"' in show(staff_client, day).content.decode()


def test_beyond_the_booking_window_nothing_is_free(staff_client, day):
    meeting_room = room(booking_window_days=1)
    far = working_day(10)
    row = row_of(show(staff_client, far), meeting_room)
    assert [cell.reason for cell in row.cells] == ["予約受付前"]


def test_an_inactive_room_is_not_on_the_timeline(staff_client, day):
    room("第1会議室")
    room("閉鎖中会議室", is_active=False)
    names = [
        row.resource.name
        for section in show(staff_client, day).context["timeline"].sections
        for row in section.rows
    ]
    assert names == ["第1会議室"]


def test_the_kind_filter_shows_equipment(staff_client, day):
    room()
    projector = equipment()
    response = show(staff_client, day, kind=Resource.Kind.EQUIPMENT)
    rows = [
        row.resource for section in response.context["timeline"].sections for row in section.rows
    ]
    assert rows == [projector]


def test_the_group_filter_shows_a_building_with_its_floors(staff_client, day):
    main = resource_group("本庁舎", "3階")
    annex = resource_group("別館", "1階")
    inside = room("302会議室", group=main)
    room("別館会議室", group=annex)
    response = show(staff_client, day, group=main.parent_id)
    rows = [
        row.resource for section in response.context["timeline"].sections for row in section.rows
    ]
    assert rows == [inside]


def test_a_malformed_date_is_explained_and_today_is_shown(staff_client):
    response = staff_client.get(URL, {"date": "2026-13-45"})
    assert response.status_code == 200
    assert "年-月-日" in response.content.decode()
    from django.utils import timezone

    assert response.context["day"] == timezone.localdate()


def test_a_forged_group_is_explained_not_a_500(staff_client, day):
    response = show(staff_client, day, group="99999999999999999999")
    assert response.status_code == 200
    assert "その建物・フロアはありません" in response.content.decode()


def test_the_previous_and_next_day_links_keep_the_filters(staff_client, day):
    links = show(staff_client, day, kind="vehicle").context["links"]
    following = (day + datetime.timedelta(days=1)).isoformat()
    assert links["next"] == f"?date={following}&kind=vehicle"


def test_the_table_has_a_caption_and_header_cells(staff_client, day):
    room()
    html = show(staff_client, day).content.decode()
    assert "<caption" in html
    assert '<th scope="row" class="tl-name">' in html
    assert '<th scope="rowgroup"' in html


def test_a_date_at_the_end_of_the_calendar_is_refused_not_a_500(staff_client):
    response = staff_client.get(URL, {"date": "9999-12-31"})
    assert response.status_code == 200
    assert f"2000年から{dates.latest().year}年" in response.content.decode()


def test_the_caption_names_the_day_with_its_weekday_once(staff_client, day):
    room()
    weekday = "月火水木金土日"[day.weekday()]
    html = show(staff_client, day).content.decode()
    assert f"{day.year}年{day.month}月{day.day}日({weekday})の会議室の予約状況" in html


def test_a_room_whose_weekly_limit_the_viewer_has_used_up_offers_them_no_free_slot(
    staff_client, staff_user, client, day
):
    limited = room("面談室", weekly_quota=datetime.timedelta(hours=1))
    booking(limited, at(day, "10:00"), at(day, "11:00"), user=staff_user)
    row = row_of(show(staff_client, day), limited)
    assert [cell.kind for cell in row.cells if cell.kind == Cell.FREE] == []
    closed = cell_at(row, at(day, "14:00"))
    assert (closed.kind, closed.reason) == (Cell.CLOSED, "今週の利用上限（1時間）に達しています")
    assert cell_at(row, at(day, "10:00")).kind == Cell.BOOKED

    client.force_login(staff_member())
    assert cell_at(row_of(show(client, day), limited), at(day, "14:00")).kind == Cell.FREE


def test_a_quarter_hour_left_of_the_weekly_limit_keeps_the_free_slots(
    staff_client, staff_user, day
):
    limited = room("面談室", weekly_quota=datetime.timedelta(hours=1, minutes=15))
    booking(limited, at(day, "10:00"), at(day, "11:00"), user=staff_user)
    row = row_of(show(staff_client, day), limited)
    assert cell_at(row, at(day, "14:00")).kind == Cell.FREE
