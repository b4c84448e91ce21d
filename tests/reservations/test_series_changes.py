"""Changing and cancelling a booking, one occurrence, this and following, or the whole series."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reservations import recurrence, services
from reservations.closed_days import is_closed_day
from reservations.models import Booking, BookingSeries
from tests.factories import at, booking, room, staff_member, working_day

pytestmark = pytest.mark.django_db


@pytest.fixture
def monday():
    """A Monday to come with four open Mondays in a row."""
    day = timezone.localdate() + datetime.timedelta(days=2)
    while day.weekday() != 0 or any(
        is_closed_day(day + datetime.timedelta(days=7 * week)) for week in range(4)
    ):
        day += datetime.timedelta(days=1)
    return day


@pytest.fixture
def meeting_room():
    return room(booking_window_days=120)


@pytest.fixture
def series(staff_user, meeting_room, monday):
    """Four weekly bookings of the room, 10:00–11:00, made by ``staff_user``."""
    rule = recurrence.Rule(BookingSeries.Frequency.WEEKLY, count=4)
    expansion = recurrence.expand(rule, at(monday, "10:00"), at(monday, "11:00"))
    draft = services.BookingDraft(
        user=staff_user,
        resources=[meeting_room],
        title="庁内調整会議",
        department=staff_user.staff_profile.department,
    )
    return services.book_series(draft, rule, expansion.spans)


def change_data(item, scope=None, **changes):
    start = timezone.localtime(item.starts_at)
    data = {
        "resource": item.resources.get().pk,
        "date": start.date().isoformat(),
        "start_time": "14:00",
        "end_time": "15:30",
        "title": "庁内調整会議（時間変更）",
        "attendee_count": "6",
    }
    if scope:
        data["scope"] = scope
    data.update(changes)
    return data


def times(bookings):
    return [
        (timezone.localtime(item.starts_at).strftime("%H:%M"), item.title, item.sequence)
        for item in Booking.objects.filter(pk__in=[b.pk for b in bookings]).order_by("starts_at")
    ]


def test_a_single_booking_is_moved_and_renamed(staff_client, staff_user, meeting_room):
    day = working_day()
    mine = booking(meeting_room, at(day, "10:00"), at(day, "11:00"), user=staff_user)
    response = staff_client.post(reverse("reservations:edit", args=[mine.pk]), change_data(mine))
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.starts_at, mine.ends_at, mine.title, mine.sequence) == (
        at(day, "14:00"),
        at(day, "15:30"),
        "庁内調整会議（時間変更）",
        1,
    )


def test_a_single_booking_can_move_to_another_date(staff_client, staff_user, meeting_room):
    day, later = working_day(), working_day(days_ahead=5)
    mine = booking(meeting_room, at(day, "10:00"), at(day, "11:00"), user=staff_user)
    staff_client.post(
        reverse("reservations:edit", args=[mine.pk]), change_data(mine, date=later.isoformat())
    )
    mine.refresh_from_db()
    assert mine.starts_at == at(later, "14:00")


def test_this_occurrence_only(staff_client, series):
    second = series[1]
    staff_client.post(reverse("reservations:edit", args=[second.pk]), change_data(second, "this"))
    assert [row[0] for row in times(series)] == ["10:00", "14:00", "10:00", "10:00"]


def test_this_and_following(staff_client, series):
    third = series[2]
    staff_client.post(
        reverse("reservations:edit", args=[third.pk]), change_data(third, "following")
    )
    assert [row[0] for row in times(series)] == ["10:00", "10:00", "14:00", "14:00"]
    assert [row[2] for row in times(series)] == [0, 0, 1, 1]


def test_the_whole_series_keeps_each_date(staff_client, series):
    second = series[1]
    staff_client.post(reverse("reservations:edit", args=[second.pk]), change_data(second, "all"))
    rows = times(series)
    assert [row[0] for row in rows] == ["14:00"] * 4
    assert {row[1] for row in rows} == {"庁内調整会議（時間変更）"}
    days = [timezone.localtime(item.starts_at).date() for item in series]
    assert [
        timezone.localtime(b.starts_at).date() for b in Booking.objects.order_by("starts_at")
    ] == days


def test_a_series_change_with_a_clash_changes_nothing_and_lists_the_date(
    staff_client, series, meeting_room
):
    last = series[3]
    clash_day = timezone.localtime(last.starts_at).date()
    booking(meeting_room, at(clash_day, "15:00"), at(clash_day, "16:00"), title="面接")
    response = staff_client.post(
        reverse("reservations:edit", args=[series[0].pk]), change_data(series[0], "all")
    )
    assert response.status_code == 200
    top = " ".join(response.context["form"].non_field_errors())
    assert f"{clash_day.month}月{clash_day.day}日" in top and "既に予約が入っています" in top
    assert [row[0] for row in times(series)] == ["10:00"] * 4
    assert [row[2] for row in times(series)] == [0] * 4


def test_moving_the_date_of_several_occurrences_is_explained(staff_client, series):
    later = timezone.localtime(series[0].starts_at).date() + datetime.timedelta(days=1)
    response = staff_client.post(
        reverse("reservations:edit", args=[series[0].pk]),
        change_data(series[0], "all", date=later.isoformat()),
    )
    assert "この予定のみ" in response.context["form"].errors["date"][0]
    assert [row[2] for row in times(series)] == [0] * 4


def test_a_change_that_breaks_a_rule_is_refused_at_the_top(staff_client, staff_user):
    small = room(capacity=4)
    day = working_day()
    mine = booking(small, at(day, "10:00"), at(day, "11:00"), user=staff_user)
    response = staff_client.post(
        reverse("reservations:edit", args=[mine.pk]), change_data(mine, attendee_count="9")
    )
    assert "定員は4人です" in response.context["form"].non_field_errors()[0]
    mine.refresh_from_db()
    assert mine.attendee_count == 1 and mine.sequence == 0


def test_the_edit_form_shows_the_booking_as_it_stands(staff_client, series):
    response = staff_client.get(reverse("reservations:edit", args=[series[0].pk]))
    form = response.context["form"]
    assert form["title"].value() == "庁内調整会議"
    assert form["start_time"].value().strftime("%H:%M") == "10:00"
    assert "この予定のみ" in response.content.decode()


def test_cancel_asks_first(staff_client, series):
    response = staff_client.get(reverse("reservations:cancel", args=[series[0].pk]))
    assert response.status_code == 200 and "これ以降すべて" in response.content.decode()
    assert Booking.objects.active().count() == 4


def test_cancel_this_occurrence_only(staff_client, series):
    staff_client.post(reverse("reservations:cancel", args=[series[1].pk]), {"scope": "this"})
    statuses = [item.status for item in Booking.objects.order_by("starts_at")]
    assert statuses == ["confirmed", "cancelled", "confirmed", "confirmed"]


def test_cancel_this_and_following(staff_client, series):
    staff_client.post(reverse("reservations:cancel", args=[series[2].pk]), {"scope": "following"})
    statuses = [item.status for item in Booking.objects.order_by("starts_at")]
    assert statuses == ["confirmed", "confirmed", "cancelled", "cancelled"]


def test_cancel_all_never_cancels_an_occurrence_that_has_begun(staff_client, series):
    """An occurrence whose time has come (moved into the past below the service) stays."""
    first = series[0]
    begun = timezone.now() - datetime.timedelta(minutes=30)
    Booking.objects.filter(pk=first.pk).update(
        starts_at=begun, ends_at=begun + datetime.timedelta(hours=1)
    )
    response = staff_client.post(
        reverse("reservations:cancel", args=[series[1].pk]), {"scope": "all"}, follow=True
    )
    statuses = [item.status for item in Booking.objects.order_by("starts_at")]
    assert statuses == ["confirmed", "cancelled", "cancelled", "cancelled"]
    assert "3件の予約を取り消しました" in response.content.decode()


def test_a_single_booking_is_cancelled_and_frees_its_room(staff_client, staff_user, meeting_room):
    day = working_day()
    mine = booking(meeting_room, at(day, "10:00"), at(day, "11:00"), user=staff_user)
    staff_client.post(reverse("reservations:cancel", args=[mine.pk]))
    mine.refresh_from_db()
    assert mine.status == Booking.Status.CANCELLED and mine.cancelled_at is not None
    booking(meeting_room, at(day, "10:00"), at(day, "11:00"))


def test_a_cancelled_booking_cannot_be_changed(staff_client, staff_user, meeting_room):
    day = working_day()
    mine = booking(meeting_room, at(day, "10:00"), at(day, "11:00"), user=staff_user)
    services.cancel([mine])
    response = staff_client.get(reverse("reservations:edit", args=[mine.pk]), follow=True)
    assert "取消または却下された予約は変更できません" in response.content.decode()


def test_the_keeper_of_the_room_may_change_a_booking(client, meeting_room):
    from intranet import roles

    keeper = staff_member(roles=[roles.SECTION_HEAD], department=meeting_room.owner)
    day = working_day()
    theirs = booking(meeting_room, at(day, "10:00"), at(day, "11:00"))
    client.force_login(keeper)
    response = client.post(reverse("reservations:edit", args=[theirs.pk]), change_data(theirs))
    assert response.status_code == 302
    theirs.refresh_from_db()
    assert theirs.starts_at == at(day, "14:00") and theirs.booked_by != keeper


def test_the_booking_page_shows_status_series_and_buttons(staff_client, series):
    body = staff_client.get(series[0].get_absolute_url()).content.decode()
    assert "確定" in body and "毎週" in body and "4回" in body
    assert reverse("reservations:edit", args=[series[0].pk]) in body
    assert reverse("reservations:cancel", args=[series[0].pk]) in body


def test_someone_else_sees_the_booking_page_without_buttons(client, series):
    client.force_login(staff_member())
    body = client.get(series[0].get_absolute_url()).content.decode()
    assert "庁内調整会議" in body
    assert reverse("reservations:edit", args=[series[0].pk]) not in body
