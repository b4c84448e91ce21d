"""A resource's page: its details, its week (days × half hours) and its month."""

import datetime

import pytest
from django.urls import reverse

from reservations import availability
from reservations.availability import Cell
from reservations.models import Blackout
from tests.factories import at, booking, room, staff_member, working_day

pytestmark = pytest.mark.django_db


@pytest.fixture
def day():
    return working_day(2)


def week_url(resource, day=None):
    url = reverse("reservations:resource", args=[resource.pk])
    return f"{url}?week={day.isoformat()}" if day else url


def month_url(resource, month=None):
    url = reverse("reservations:resource_month", args=[resource.pk])
    return f"{url}?month={month}" if month else url


def column(response, day):
    """The cells of one day of the week shown, top to bottom."""
    index = response.context["week"].days.index(day)
    return [row.cells[index] for row in response.context["week"].rows if row.cells[index]]


def test_the_page_shows_what_the_room_offers_and_its_rules(staff_client):
    meeting_room = room(
        "大会議室",
        capacity=40,
        features=["プロジェクター", "TV会議"],
        requires_approval=True,
        weekly_quota=datetime.timedelta(hours=6),
        location="本庁舎3階 東側",
    )
    html = staff_client.get(week_url(meeting_room)).content.decode()
    for text in (
        "大会議室",
        "40席",
        "プロジェクター",
        "TV会議",
        "管財課",
        "08:00〜21:00",
        "月・火・水・木・金",
        "8時間",
        "90日先まで",
        "1週間に6時間まで",
        "本庁舎 3階",
        "本庁舎3階 東側",
        "管理所属が確定するまで仮予約",
    ):
        assert text in html, text


def test_an_upcoming_blackout_is_listed_with_its_reason(staff_client, day):
    meeting_room = room()
    Blackout.objects.create(
        resource=meeting_room, starts_at=at(day, "9:00"), ends_at=at(day, "17:00"), reason="床工事"
    )
    assert "床工事" in staff_client.get(week_url(meeting_room)).content.decode()


def test_the_week_runs_monday_to_sunday_around_the_day_asked(staff_client, day):
    meeting_room = room()
    days = staff_client.get(week_url(meeting_room, day)).context["week"].days
    assert days[0] == availability.monday_of(day)
    assert [shown.weekday() for shown in days] == list(range(7))
    assert day in days


def test_a_booking_is_a_block_spanning_its_half_hours(staff_client, day):
    meeting_room = room()
    booking(meeting_room, at(day, "10:00"), at(day, "11:30"), title="研修")
    cells = column(staff_client.get(week_url(meeting_room, day)), day)
    block = next(cell for cell in cells if cell.kind == Cell.BOOKED)
    assert (block.start, block.end, block.span) == (at(day, "10:00"), at(day, "11:30"), 3)
    html = staff_client.get(week_url(meeting_room, day)).content.decode()
    assert 'rowspan="3" class="tl-cell tl-booked"' in html


def test_each_day_fills_every_row_once(staff_client, day):
    meeting_room = room()
    booking(meeting_room, at(day, "10:00"), at(day, "11:30"))
    response = staff_client.get(week_url(meeting_room, day))
    rows = len(response.context["week"].rows)
    assert rows == (21 - 8) * 2
    for shown in response.context["week"].days:
        assert sum(cell.span for cell in column(response, shown)) == rows


def test_the_weekend_is_closed_with_its_reason(staff_client, day):
    meeting_room = room()
    response = staff_client.get(week_url(meeting_room, day))
    sunday = response.context["week"].days[6]
    assert [cell.reason for cell in column(response, sunday)] == ["日曜日は予約できません"]


def test_the_previous_and_next_week_are_a_week_apart(staff_client, day):
    meeting_room = room()
    context = staff_client.get(week_url(meeting_room, day)).context
    monday = availability.monday_of(day)
    assert context["previous_week"] == (monday - datetime.timedelta(days=7)).isoformat()
    assert context["next_week"] == (monday + datetime.timedelta(days=7)).isoformat()


def test_a_malformed_week_shows_this_week_and_says_why(staff_client):
    meeting_room = room()
    response = staff_client.get(week_url(meeting_room) + "?week=last-tuesday")
    assert response.status_code == 200
    assert "週を読み取れなかった" in response.content.decode()


def test_an_inactive_resource_says_so_and_offers_no_booking(staff_client, day):
    closed = room("旧会議室", is_active=False)
    response = staff_client.get(week_url(closed, day))
    html = response.content.decode()
    assert "現在、予約を受け付けていません" in html
    assert 'class="tl-cell tl-free"' not in html
    assert all(
        cell.kind == Cell.CLOSED
        for shown in response.context["week"].days
        for cell in column(response, shown)
    )


def test_an_unknown_resource_is_not_found(staff_client):
    assert staff_client.get(reverse("reservations:resource", args=[987654])).status_code == 404
    assert (
        staff_client.get(reverse("reservations:resource_month", args=[987654])).status_code == 404
    )


def test_the_month_lists_each_days_bookings_with_time_and_title(staff_client, day):
    meeting_room = room()
    booking(meeting_room, at(day, "13:00"), at(day, "14:30"), title="防災会議")
    response = staff_client.get(month_url(meeting_room, f"{day:%Y-%m}"))
    shown = [entry for week in response.context["weeks"] for entry in week if entry.day == day]
    assert [slot.booking.title for slot in shown[0].slots] == ["防災会議"]
    assert "13:00〜14:30" in response.content.decode()


def test_the_month_names_its_holidays(staff_client):
    meeting_room = room()
    year = working_day().year + 1
    response = staff_client.get(month_url(meeting_room, f"{year}-01"))
    days = {entry.day: entry for week in response.context["weeks"] for entry in week}
    assert days[datetime.date(year, 1, 1)].closed_name == "元日"
    assert "元日" in response.content.decode()


def test_the_month_begins_on_a_monday_and_covers_every_day(staff_client):
    meeting_room = room()
    year = working_day().year + 1
    weeks = staff_client.get(month_url(meeting_room, f"{year}-03")).context["weeks"]
    in_month = [entry.day for week in weeks for entry in week if entry.in_month]
    assert weeks[0][0].day.weekday() == 0
    assert in_month[0] == datetime.date(year, 3, 1)
    assert in_month[-1] == datetime.date(year, 3, 31)


def test_a_tentative_booking_in_the_month_says_so(staff_client, day):
    meeting_room = room(requires_approval=True)
    booking(meeting_room, at(day, "13:00"), at(day, "14:00"), title="採用面接")
    html = staff_client.get(month_url(meeting_room, f"{day:%Y-%m}")).content.decode()
    assert "【仮予約】採用面接" in html


def test_a_malformed_month_shows_this_month_and_says_why(staff_client):
    meeting_room = room()
    response = staff_client.get(month_url(meeting_room, "2026-13"))
    assert response.status_code == 200
    assert "月を読み取れなかった" in response.content.decode()


def test_a_week_at_the_end_of_the_calendar_is_refused_not_a_500(staff_client):
    meeting_room = room()
    response = staff_client.get(week_url(meeting_room) + "?week=9999-12-31")
    assert response.status_code == 200
    assert "日付は2000年から" in response.content.decode()
    month = staff_client.get(month_url(meeting_room, "9999-12"))
    assert month.status_code == 200
    assert "日付は2000年から" in month.content.decode()


def test_a_week_whose_quota_the_viewer_has_used_up_offers_them_no_free_slot(
    staff_client, staff_user, client, day
):
    limited = room("面談室", weekly_quota=datetime.timedelta(hours=1))
    booking(limited, at(day, "10:00"), at(day, "11:00"), user=staff_user)
    mine = staff_client.get(week_url(limited, day))
    assert 'class="tl-cell tl-free"' not in mine.content.decode()
    assert "今週の利用上限（1時間）に達しています" in mine.content.decode()
    assert any(cell.kind == Cell.BOOKED for cell in column(mine, day))

    client.force_login(staff_member())
    theirs = client.get(week_url(limited, day))
    assert any(cell.kind == Cell.FREE for cell in column(theirs, day))
