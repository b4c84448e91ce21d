"""One occurrence of a repeating entry, or it and the later ones, changed or cancelled.

The entry's page opened at an occurrence (?date=) offers the bookings' words and
scope rules: 「この予定のみ」「これ以降すべて」「すべての繰り返し」. The entry's
facility bookings follow the same scope in the same transaction, the
participants are told, and every view (day, week, month, department and group
grids) shows what the database says.
"""

import datetime

import pytest
from django.urls import reverse
from schedule.models import Event, Occurrence

from intranet.models import Notification
from reservations.models import Booking, EntryParticipant, StaffGroup
from reservations.schedule import entries, services
from reservations.schedule.services import Repeat
from tests.factories import at, booking, open_weeks, room, staff_member

from .schedule_factories import weekly_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague():
    return staff_member(full_name="佐藤 花子", full_name_kana="さとう はなこ")


@pytest.fixture
def first():
    """A day with three open weeks after it (no holiday on the weekday)."""
    return open_weeks(2, weeks=3)


@pytest.fixture
def meeting_room():
    return room("第5会議室")


@pytest.fixture
def weekly(staff_user, colleague, first, meeting_room):
    """定例会: every week for three weeks, 10:00〜11:00, with a colleague and a room."""
    return weekly_meeting(
        staff_user, first, weeks=3, participants=[colleague], facilities=[meeting_room]
    )


def week(n, first):
    return first + datetime.timedelta(weeks=n)


def event_url(event, day=None):
    url = reverse("reservations:event", args=[event.pk])
    return f"{url}?date={day:%Y-%m-%d}" if day else url


def change_post(day, scope, start="10:00", end="11:00", title="定例会", **fields):
    data = {
        "title": title,
        "date": f"{day:%Y-%m-%d}",
        "start_time": start,
        "end_time": end,
        "repeat": Repeat.WEEKLY,
        "weekdays": [str(day.weekday())],
        "until": "",
        "skip_closed_days": "on",
        "scope": scope,
        "occurrence": f"{day:%Y-%m-%d}",
        "confirm_busy": "on",
        **fields,
    }
    return data


def form_of(client, event, day):
    """The change form as the page fills it for the occurrence on ``day``, to post back."""
    response = client.get(event_url(event, day))
    form = response.context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None or value is False:
            continue
        if value is True:
            value = "on"
        elif isinstance(value, list):
            value = [str(item) for item in value]
        elif isinstance(value, datetime.date):
            value = f"{value:%Y-%m-%d}"
        elif isinstance(value, datetime.time):
            value = f"{value:%H:%M}"
        data[name] = value
    data.update(occurrence=f"{day:%Y-%m-%d}", confirm_busy="on")
    return data


def days_of(event, first):
    event = Event.objects.get(pk=event.pk)
    start, end = services.day_bounds(first)[0], services.day_bounds(week(3, first))[1]
    return [(span.start, span.end) for span in services.occurrence_spans(event, start, end)]


def bookings_by_start():
    return list(
        Booking.objects.order_by("starts_at", "pk").values_list("starts_at", "status", "title")
    )


def titles_on(user, day):
    start, end = services.day_bounds(day)
    return [(item.title, item.time_display()) for item in services.my_items(user, start, end)]


# Cancelling one occurrence.


def test_the_cancel_form_speaks_the_bookings_words(staff_client, weekly, first):
    body = staff_client.get(event_url(weekly, week(1, first))).content.decode()
    assert "取り消す範囲" in body
    for words in ("この予定のみ", "これ以降すべて", "すべての繰り返し"):
        assert words in body


def test_cancelling_this_occurrence_only_cancels_its_booking_and_keeps_the_rest(
    staff_client, staff_user, colleague, weekly, first, django_capture_on_commit_callbacks
):
    second = week(1, first)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            event_url(weekly, second),
            {"action": "delete", "scope": "this", "from_day": f"{second:%Y-%m-%d}"},
        )
    assert response.status_code == 302
    assert [status for _start, status, _title in bookings_by_start()] == [
        Booking.Status.CONFIRMED,
        Booking.Status.CANCELLED,
        Booking.Status.CONFIRMED,
    ]
    assert [start.date() for start, _end in days_of(weekly, first)] == [first, week(2, first)]
    assert Occurrence.objects.get(event=weekly).cancelled
    for person in (staff_user, colleague):
        assert titles_on(person, second) == []
        assert titles_on(person, week(2, first)) == [("定例会", "10:00〜11:00")]
    told = Notification.objects.get(recipient=colleague)
    assert "取り消" in told.message and f"{second.month}月{second.day}日" in told.message


def test_a_day_without_an_occurrence_is_refused_in_japanese(staff_client, weekly, first):
    response = staff_client.post(
        event_url(weekly),
        {
            "action": "delete",
            "scope": "this",
            "from_day": f"{first + datetime.timedelta(1):%Y-%m-%d}",
        },
    )
    assert response.status_code == 200
    assert "その日にこの予定はありません" in response.content.decode()
    assert not Occurrence.objects.exists()


def test_every_occurrence_still_to_come_keeps_what_has_begun(staff_user, colleague):
    started = datetime.date.today() - datetime.timedelta(days=14)
    daily = entries.save_entry(
        services.EntryData(
            title="朝礼",
            start=at(started, "08:30"),
            end=at(started, "08:45"),
            repeat=Repeat.DAILY,
            skip_closed_days=False,
            participants=[colleague],
        ),
        user=staff_user,
        calendar=services.personal_calendar(staff_user),
    )
    entries.cancel_entry(daily, scope=entries.ALL)
    daily.refresh_from_db()
    assert titles_on(colleague, started) == [("朝礼", "08:30〜08:45")]
    assert titles_on(colleague, datetime.date.today() + datetime.timedelta(days=1)) == []


# Changing one occurrence.


def test_the_change_form_opened_at_an_occurrence_offers_this_following_and_all(
    staff_client, weekly, first
):
    body = staff_client.get(event_url(weekly, week(1, first))).content.decode()
    assert "変更する範囲" in body
    assert f'name="occurrence" value="{week(1, first):%Y-%m-%d}"' in body
    assert f'value="{week(1, first):%Y-%m-%d}"' in body


def test_moving_this_occurrence_only_moves_its_booking(
    staff_client, staff_user, colleague, weekly, first, django_capture_on_commit_callbacks
):
    second = week(1, first)
    data = form_of(staff_client, weekly, second)
    data.update(scope="this", start_time="14:00", end_time="15:30", title="定例会（臨時）")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(event_url(weekly, second), data)
    assert response.status_code == 302, response.context["form"].errors
    starts = [(start, status) for start, status, _title in bookings_by_start()]
    assert starts == [
        (at(first, "10:00"), Booking.Status.CONFIRMED),
        (at(second, "14:00"), Booking.Status.CONFIRMED),
        (at(week(2, first), "10:00"), Booking.Status.CONFIRMED),
    ]
    assert days_of(weekly, first) == [
        (at(first, "10:00"), at(first, "11:00")),
        (at(second, "14:00"), at(second, "15:30")),
        (at(week(2, first), "10:00"), at(week(2, first), "11:00")),
    ]
    assert titles_on(colleague, second) == [("定例会（臨時）", "14:00〜15:30")]
    assert titles_on(colleague, week(2, first)) == [("定例会", "10:00〜11:00")]
    told = Notification.objects.filter(recipient=colleague).latest("pk")
    assert "14:00" in told.message


def test_an_occurrence_moves_to_another_day(staff_client, weekly, first):
    second = week(1, first)
    data = form_of(staff_client, weekly, second)
    data.update(scope="this", date=f"{second + datetime.timedelta(days=1):%Y-%m-%d}")
    response = staff_client.post(event_url(weekly, second), data)
    assert response.status_code == 302
    moved = second + datetime.timedelta(days=1)
    assert (at(moved, "10:00"), at(moved, "11:00")) in days_of(weekly, first)
    assert Booking.objects.filter(starts_at=at(moved, "10:00")).exists()


def test_moving_one_occurrence_onto_a_clash_changes_nothing(
    staff_client, weekly, first, meeting_room
):
    second = week(1, first)
    other = booking(meeting_room, at(second, "14:00"), at(second, "15:00"), user=staff_member())
    before = bookings_by_start()
    data = form_of(staff_client, weekly, second)
    data.update(scope="this", start_time="14:00", end_time="15:00")
    response = staff_client.post(event_url(weekly, second), data)
    assert response.status_code == 200
    assert "既に予約" in response.content.decode()
    assert not Occurrence.objects.exists()
    assert bookings_by_start() == before
    other.refresh_from_db()
    assert other.status == Booking.Status.CONFIRMED
    assert days_of(weekly, first)[1] == (at(second, "10:00"), at(second, "11:00"))


def test_this_occurrence_only_cannot_change_what_belongs_to_the_whole_entry(
    staff_client, weekly, first
):
    second = week(1, first)
    data = form_of(staff_client, weekly, second)
    data.update(scope="this", place="市役所本館")
    response = staff_client.post(event_url(weekly, second), data)
    assert response.status_code == 200
    assert "「これ以降すべて」か「すべての繰り返し」" in response.content.decode()
    assert not Occurrence.objects.exists()


def test_several_occurrences_keep_their_own_dates(staff_client, weekly, first):
    second = week(1, first)
    data = form_of(staff_client, weekly, second)
    data.update(scope="all", date=f"{second + datetime.timedelta(days=1):%Y-%m-%d}")
    response = staff_client.post(event_url(weekly, second), data)
    assert response.status_code == 200
    assert "この予定のみ" in response.context["form"].errors["date"][0]


def test_changing_all_from_an_occurrence_keeps_the_first_day(staff_client, weekly, first):
    second = week(1, first)
    data = form_of(staff_client, weekly, second)
    data.update(scope="all", start_time="13:00", end_time="14:00")
    response = staff_client.post(event_url(weekly, second), data)
    assert response.status_code == 302
    assert [start for start, _end in days_of(weekly, first)] == [
        at(first, "13:00"),
        at(second, "13:00"),
        at(week(2, first), "13:00"),
    ]
    assert [start for start, status, _t in bookings_by_start() if status == "confirmed"] == [
        at(first, "13:00"),
        at(second, "13:00"),
        at(week(2, first), "13:00"),
    ]


def test_a_cancelled_occurrence_stays_cancelled_when_all_move(staff_user, weekly, first):
    entries.cancel_occurrence(weekly, week(1, first))
    data = services.EntryData(
        title="定例会",
        start=at(first, "13:00"),
        end=at(first, "14:00"),
        repeat=Repeat.WEEKLY,
        weekdays=[first.weekday()],
        until=week(2, first),
    )
    entries.save_entry(data, user=staff_user, calendar=weekly.calendar, event=weekly)
    assert [start for start, _end in days_of(weekly, first)] == [
        at(first, "13:00"),
        at(week(2, first), "13:00"),
    ]


# This one and the following ones.


def test_changing_this_and_the_following_ones_splits_the_entry(
    staff_client, staff_user, colleague, weekly, first, django_capture_on_commit_callbacks
):
    second = week(1, first)
    data = form_of(staff_client, weekly, second)
    data.update(scope="following", start_time="15:00", end_time="16:00")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(event_url(weekly, second), data)
    assert response.status_code == 302, response.context["form"].errors
    assert titles_on(colleague, first) == [("定例会", "10:00〜11:00")]
    assert titles_on(colleague, second) == [("定例会", "15:00〜16:00")]
    assert titles_on(colleague, week(2, first)) == [("定例会", "15:00〜16:00")]
    active = [start for start, status, _t in bookings_by_start() if status == "confirmed"]
    assert active == [at(first, "10:00"), at(second, "15:00"), at(week(2, first), "15:00")]
    later = Event.objects.exclude(pk=weekly.pk).get()
    assert later.participants.get().user == colleague
    messages = list(
        Notification.objects.filter(recipient=colleague).values_list("message", flat=True)
    )
    assert not any("あなたを登録" in message for message in messages)  # not asked again
    assert any("変わりました" in message and "15:00" in message for message in messages)


def test_a_participant_who_declined_stays_declined_in_the_following_ones(
    staff_client, colleague, weekly, first
):
    entries.decline(weekly, colleague)
    second = week(1, first)
    data = form_of(staff_client, weekly, second)
    data.update(scope="following", start_time="15:00", end_time="16:00")
    staff_client.post(event_url(weekly, second), data)
    later = Event.objects.exclude(pk=weekly.pk).get()
    assert later.participants.get(user=colleague).response == EntryParticipant.Response.DECLINED
    assert titles_on(colleague, week(2, first)) == []


def test_a_clash_in_the_following_ones_changes_nothing(staff_client, weekly, first, meeting_room):
    third = week(2, first)
    booking(meeting_room, at(third, "15:00"), at(third, "16:00"), user=staff_member())
    before = bookings_by_start()
    ends = Event.objects.get(pk=weekly.pk).end_recurring_period
    second = week(1, first)
    data = form_of(staff_client, weekly, second)
    data.update(scope="following", start_time="15:00", end_time="16:00")
    response = staff_client.post(event_url(weekly, second), data)
    assert response.status_code == 200
    assert "既に予約" in response.content.decode()
    assert bookings_by_start() == before
    assert list(Event.objects.values_list("pk", flat=True)) == [weekly.pk]
    assert Event.objects.get(pk=weekly.pk).end_recurring_period == ends


# Every view shows it.


def test_the_day_week_and_month_views_show_the_moved_occurrence_and_not_the_cancelled(
    client, colleague, weekly, first
):
    entries.cancel_occurrence(weekly, first)
    entries.change_occurrence(
        weekly,
        week(1, first),
        services.EntryData(
            title="定例会（時間変更）",
            start=at(week(1, first), "16:00"),
            end=at(week(1, first), "17:00"),
        ),
    )
    client.force_login(colleague)
    day = client.get(reverse("reservations:schedule_day"), {"date": f"{first:%Y-%m-%d}"})
    assert "定例会" not in day.content.decode()
    moved_day = client.get(
        reverse("reservations:schedule_day"), {"date": f"{week(1, first):%Y-%m-%d}"}
    ).content.decode()
    assert "定例会（時間変更）" in moved_day and "16:00〜17:00" in moved_day
    assert f"?date={week(1, first):%Y-%m-%d}" in moved_day
    this_week = client.get(
        reverse("reservations:schedule"), {"week": f"{first:%Y-%m-%d}"}
    ).content.decode()
    assert "定例会" not in this_week
    month = client.get(
        reverse("reservations:schedule_month"), {"month": f"{week(1, first):%Y-%m}"}
    ).content.decode()
    assert "定例会（時間変更）" in month


def test_the_department_and_group_grids_show_the_occurrences_as_they_are(
    staff_client, staff_user, colleague, weekly, first
):
    entries.cancel_occurrence(weekly, week(1, first))
    entries.change_occurrence(
        weekly,
        week(2, first),
        services.EntryData(
            title="定例会", start=at(week(2, first), "16:00"), end=at(week(2, first), "17:00")
        ),
    )
    department = staff_user.staff_profile.department
    group = StaffGroup.objects.create(owner=staff_user, name="防災チーム")
    group.members.set([colleague])
    for url in (
        reverse("reservations:department_schedule", args=[department.pk]),
        reverse("reservations:staff_group", args=[group.pk]),
    ):
        cancelled = staff_client.get(url, {"week": f"{week(1, first):%Y-%m-%d}"})
        assert "定例会" not in cancelled.content.decode(), url
        moved = staff_client.get(url, {"week": f"{week(2, first):%Y-%m-%d}"}).content.decode()
        assert "定例会" in moved and "16:00〜17:00" in moved, url
        assert "10:00〜11:00" not in moved, url


def test_an_occurrence_moved_on_its_own_keeps_its_booking_when_all_change(
    staff_user, colleague, weekly, first, meeting_room
):
    second = week(1, first)
    entries.change_occurrence(
        weekly,
        second,
        services.EntryData(title="定例会", start=at(second, "14:00"), end=at(second, "15:00")),
    )
    entries.save_entry(
        services.EntryData(
            title="定例会",
            start=at(first, "10:00"),
            end=at(first, "11:00"),
            repeat=Repeat.WEEKLY,
            weekdays=[first.weekday()],
            until=week(2, first),
            participants=[colleague],
            facilities=[meeting_room],
            headcount=8,
        ),
        user=staff_user,
        calendar=weekly.calendar,
        event=weekly,
    )
    active = Booking.objects.active().order_by("starts_at")
    assert [(b.starts_at, b.attendee_count) for b in active] == [
        (at(first, "10:00"), 8),
        (at(second, "14:00"), 8),
        (at(week(2, first), "10:00"), 8),
    ]
    assert days_of(weekly, first)[1] == (at(second, "14:00"), at(second, "15:00"))


def test_the_page_of_a_changed_occurrence_shows_its_own_title_time_and_memo(
    client, colleague, weekly, first
):
    second = week(1, first)
    entries.change_occurrence(
        weekly,
        second,
        services.EntryData(
            title="定例会（臨時）",
            start=at(second, "14:00"),
            end=at(second, "15:00"),
            memo="第2会議室に変更",
        ),
    )
    client.force_login(colleague)
    body = client.get(event_url(weekly, second)).content.decode()
    assert "定例会（臨時）" in body and "14:00〜15:00" in body and "第2会議室に変更" in body
    other = client.get(event_url(weekly, week(2, first))).content.decode()
    assert "定例会（臨時）" not in other and "第2会議室に変更" not in other
