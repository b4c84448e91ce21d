"""A schedule entry with participants and facilities: one act, under the booking rules."""

import datetime

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from schedule.models import Event

from intranet.models import Notification
from reservations.models import Booking, EntryParticipant
from reservations.schedule import entries, services
from reservations.schedule.dashboard import panel_items
from reservations.schedule.services import Repeat
from tests.factories import at, booking, open_weeks, room, staff_member, working_day

from .schedule_factories import entry

pytestmark = pytest.mark.django_db

NEW = reverse("reservations:event_new")


def week_url(day):
    return f"{reverse('reservations:schedule')}?week={day:%Y-%m-%d}"


def entry_post(day, title="企画会議", start="10:00", end="11:00", **fields):
    data = {
        "title": title,
        "date": f"{day:%Y-%m-%d}",
        "start_time": start,
        "end_time": end,
        "repeat": Repeat.NONE,
    }
    for name, value in fields.items():
        data[name] = (
            [str(getattr(item, "pk", item)) for item in value] if isinstance(value, list) else value
        )
    return data


@pytest.fixture
def colleague():
    """Someone from another section: participants are any staff, not only one's own."""
    return staff_member(full_name="佐藤 花子", full_name_kana="さとう はなこ")


@pytest.fixture
def day():
    return working_day(2)


# Registering: participants and a room in one act.


def test_a_participant_from_another_section_sees_the_entry_on_their_week(
    staff_client, staff_user, colleague, client, day
):
    assert colleague.staff_profile.department != staff_user.staff_profile.department
    response = staff_client.post(NEW, entry_post(day, participants=[colleague]))
    assert response.status_code == 302
    client.force_login(colleague)
    assert "企画会議" in client.get(week_url(day)).content.decode()


def test_each_participant_is_notified_with_a_link_to_the_entry(
    staff_client, colleague, day, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(NEW, entry_post(day, participants=[colleague]))
    event = Event.objects.get(title="企画会議")
    notice = Notification.objects.get(recipient=colleague)
    assert "企画会議" in notice.message
    assert notice.url == reverse("reservations:event", args=[event.pk])


def test_the_room_is_booked_with_the_entry_for_its_participants(
    staff_client, staff_user, colleague, day
):
    meeting_room = room("第5会議室")
    response = staff_client.post(
        NEW, entry_post(day, participants=[colleague], facilities=[meeting_room])
    )
    assert response.status_code == 302
    made = Booking.objects.get()
    assert made.booked_by == staff_user
    assert list(made.resources.all()) == [meeting_room]
    assert (made.starts_at, made.ends_at) == (at(day, "10:00"), at(day, "11:00"))
    assert list(made.attendees.all()) == [colleague]
    assert made.attendee_count == 2
    assert made.schedule_entries.get().event.title == "企画会議"


def test_the_organisers_week_shows_the_meeting_once(staff_client, day):
    meeting_room = room("第5会議室")
    staff_client.post(NEW, entry_post(day, facilities=[meeting_room]))
    staff_client.get(week_url(day))  # the page that shows 「…を追加しました」
    body = staff_client.get(week_url(day)).content.decode()
    assert body.count("企画会議") == 1


def test_a_clashing_room_brings_the_form_back_with_the_clash_and_nothing_saved(
    staff_client, colleague, day
):
    meeting_room = room("第5会議室")
    booking(meeting_room, at(day, "10:30"), at(day, "11:30"), title="先約")
    response = staff_client.post(
        NEW,
        entry_post(day, participants=[colleague], facilities=[meeting_room], memo="資料持参"),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "第5会議室は" in body and "既に予約" in body
    assert 'value="企画会議"' in body and "資料持参" in body
    assert f'name="participants" value="{colleague.pk}" checked' in body
    assert not Event.objects.filter(title="企画会議").exists()
    assert Booking.objects.count() == 1
    assert not Notification.objects.filter(recipient=colleague).exists()


def test_a_room_on_a_closed_day_is_refused_as_when_booking_directly(staff_client):
    holiday = datetime.date(2027, 5, 3)  # 憲法記念日
    response = staff_client.post(NEW, entry_post(holiday, facilities=[room("第5会議室")]))
    assert response.status_code == 200
    assert "閉庁日" in response.content.decode() or "祝日" in response.content.decode()
    assert not Event.objects.exists()


def test_a_busy_participant_is_a_warning_the_organiser_may_confirm(staff_client, colleague, day):
    entry(colleague, day, "10:30", "12:00", title="窓口当番")
    response = staff_client.post(NEW, entry_post(day, participants=[colleague]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "佐藤 花子" in body and 'id="busy-participants"' in body
    assert not Event.objects.filter(title="企画会議").exists()

    confirmed = staff_client.post(NEW, entry_post(day, participants=[colleague], confirm_busy="on"))
    assert confirmed.status_code == 302
    assert Event.objects.filter(title="企画会議").exists()


def test_a_participant_busy_with_a_booking_they_attend_is_named_too(colleague, day):
    booking(room("第9会議室"), at(day, "10:00"), at(day, "10:30"), attendees=[colleague])
    planned = entry(staff_member(), day, title="打合せ")
    assert [user for user, _spans in entries.busy_participants(planned, [colleague])] == [colleague]


def test_the_form_takes_colleagues_and_seats_from_find_time(staff_client, colleague):
    other = staff_member(full_name="鈴木 一郎")
    response = staff_client.get(
        f"{NEW}?participants={colleague.pk}&participants={other.pk}&seats=6"
    )
    body = response.content.decode()
    assert f'name="participants" value="{colleague.pk}" checked' in body
    assert f'name="participants" value="{other.pk}" checked' in body
    assert 'name="headcount" value="6"' in body


def test_the_form_opens_at_the_free_span_find_time_links_to(staff_client, colleague):
    response = staff_client.get(
        f"{NEW}?date=2027-01-12&start_time=13:30&end_time=14:30&participants={colleague.pk}"
    )
    body = response.content.decode()
    assert 'name="date" value="2027-01-12"' in body
    assert 'name="start_time" value="13:30' in body
    assert 'name="end_time" value="14:30' in body
    unreadable = staff_client.get(f"{NEW}?start_time=25:99&end_time=<b>").content.decode()
    assert 'name="start_time" value="25' not in unreadable


# Declining.


@pytest.fixture
def meeting(staff_user, colleague, day):
    """A meeting in 第5会議室 with the colleague, registered through the service."""
    data = services.EntryData(
        title="企画会議",
        start=at(day, "10:00"),
        end=at(day, "11:00"),
        participants=[colleague],
        facilities=[room("第5会議室")],
    )
    return entries.save_entry(
        data, user=staff_user, calendar=services.personal_calendar(staff_user)
    )


def logged_in(user):
    """A browser of its own for a second person in the same test."""
    browser = Client()
    browser.force_login(user)
    return browser


def event_url(event):
    return reverse("reservations:event", args=[event.pk])


def test_a_participant_declines_and_the_entry_leaves_their_schedule(
    client, colleague, meeting, day
):
    client.force_login(colleague)
    response = client.post(event_url(meeting), {"action": "decline"})
    assert response.status_code == 302
    participation = EntryParticipant.objects.get(event=meeting, user=colleague)
    assert participation.response == EntryParticipant.Response.DECLINED
    client.get(week_url(day))  # the page that shows 「…を欠席にしました」
    assert "企画会議" not in client.get(week_url(day)).content.decode()


def test_the_organiser_sees_who_declined_and_is_told(
    staff_client, staff_user, colleague, meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        logged_in(colleague).post(event_url(meeting), {"action": "decline"})
    body = staff_client.get(event_url(meeting)).content.decode()
    assert "佐藤 花子" in body and "欠席" in body
    assert Notification.objects.filter(recipient=staff_user, message__contains="佐藤 花子").exists()


# Who reads and who edits.


def test_a_participant_reads_a_private_entry_but_cannot_change_it(
    client, staff_user, colleague, day
):
    private = entry(staff_user, day, title="人事面談", private=True)
    entries.save_entry(
        services.EntryData(
            title="人事面談",
            start=private.start,
            end=private.end,
            private=True,
            participants=[colleague],
        ),
        user=staff_user,
        calendar=private.calendar,
        event=private,
    )
    client.force_login(colleague)
    assert "人事面談" in client.get(event_url(private)).content.decode()
    refused = client.post(event_url(private), entry_post(day, title="書き換え"))
    assert refused.status_code == 403


def test_others_see_only_busy_for_a_private_entry_with_participants(
    client, staff_user, colleague, day
):
    private = entries.save_entry(
        services.EntryData(
            title="人事面談",
            start=at(day, "10:00"),
            end=at(day, "11:00"),
            private=True,
            participants=[colleague],
        ),
        user=staff_user,
        calendar=services.personal_calendar(staff_user),
    )
    client.force_login(staff_member())
    body = client.get(event_url(private)).content.decode()
    assert "人事面談" not in body and "佐藤 花子" not in body


# Changing and cancelling carry the booking with them.


def test_changing_the_time_moves_the_booking(
    staff_client, colleague, meeting, day, django_capture_on_commit_callbacks
):
    made = Booking.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            event_url(meeting),
            entry_post(
                day,
                start="14:00",
                end="15:00",
                participants=[colleague],
                facilities=list(made.resources.all()),
            ),
        )
    assert response.status_code == 302
    made.refresh_from_db()
    assert (made.starts_at, made.ends_at) == (at(day, "14:00"), at(day, "15:00"))
    assert made.sequence == 1 and Booking.objects.count() == 1
    assert Notification.objects.filter(recipient=colleague, message__contains="14:00").exists()


def test_moving_onto_a_clash_changes_neither_the_entry_nor_the_booking(
    staff_client, colleague, meeting, day
):
    made = Booking.objects.get()
    booking(list(made.resources.all()), at(day, "14:00"), at(day, "15:00"), title="先約")
    response = staff_client.post(
        event_url(meeting),
        entry_post(
            day,
            start="14:00",
            end="15:00",
            participants=[colleague],
            facilities=list(made.resources.all()),
        ),
    )
    assert response.status_code == 200 and "既に予約" in response.content.decode()
    meeting.refresh_from_db()
    made.refresh_from_db()
    assert meeting.start == at(day, "10:00") and made.starts_at == at(day, "10:00")


def test_cancelling_the_entry_cancels_its_booking_and_tells_the_participants(
    staff_client, colleague, meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(event_url(meeting), {"action": "delete"})
    assert response.status_code == 302
    assert Booking.objects.get().status == Booking.Status.CANCELLED
    assert not Event.objects.filter(pk=meeting.pk).exists()
    assert Notification.objects.filter(recipient=colleague, message__contains="取り消").exists()


def test_cancelling_a_repeating_entry_from_a_day_on_cancels_only_those_bookings(
    staff_client, staff_user
):
    first = open_weeks(2, weeks=3)
    last = first + datetime.timedelta(weeks=2)
    weekly = entries.save_entry(
        services.EntryData(
            title="定例会",
            start=at(first, "10:00"),
            end=at(first, "11:00"),
            repeat=Repeat.WEEKLY,
            weekdays=[first.weekday()],
            until=last,
            facilities=[room("第5会議室")],
        ),
        user=staff_user,
        calendar=services.personal_calendar(staff_user),
    )
    assert Booking.objects.filter(series__isnull=False).count() == 3
    second = first + datetime.timedelta(weeks=1)
    response = staff_client.post(
        event_url(weekly),
        {"action": "delete", "scope": "following", "from_day": f"{second:%Y-%m-%d}"},
    )
    assert response.status_code == 302
    statuses = list(Booking.objects.order_by("starts_at").values_list("status", flat=True))
    assert statuses == [
        Booking.Status.CONFIRMED,
        Booking.Status.CANCELLED,
        Booking.Status.CANCELLED,
    ]
    weekly.refresh_from_db()
    days = [
        start.date()
        for start, _end in services.occurrences(weekly, at(first, "00:00"), at(last, "23:00"))
    ]
    assert days == [first]


def test_a_repeating_entry_with_a_room_needs_its_last_day(staff_client, day):
    response = staff_client.post(
        NEW,
        entry_post(day, repeat=Repeat.DAILY, facilities=[room("第5会議室")]),
    )
    assert response.status_code == 200
    assert not Event.objects.exists()


def test_a_private_entrys_booking_does_not_tell_what_it_is(staff_user, day):
    entries.save_entry(
        services.EntryData(
            title="人事面談",
            start=at(day, "10:00"),
            end=at(day, "11:00"),
            private=True,
            memo="評価の件",
            facilities=[room("第5会議室")],
        ),
        user=staff_user,
        calendar=services.personal_calendar(staff_user),
    )
    made = Booking.objects.get()
    assert made.title == "予定あり" and made.purpose == ""


def test_a_repeating_entry_with_one_clashing_date_offers_to_book_the_rest(staff_client):
    first = open_weeks(2, weeks=3)
    second, last = first + datetime.timedelta(weeks=1), first + datetime.timedelta(weeks=2)
    meeting_room = room("第5会議室")
    booking(meeting_room, at(second, "10:00"), at(second, "11:00"), title="先約")
    weekly = entry_post(
        first,
        title="定例会",
        repeat=Repeat.WEEKLY,
        weekdays=[str(first.weekday())],
        until=f"{last:%Y-%m-%d}",
        facilities=[meeting_room],
    )
    refused = staff_client.post(NEW, weekly)
    body = refused.content.decode()
    assert refused.status_code == 200 and "既に予約" in body and 'name="book_available"' in body
    assert not Event.objects.exists()

    booked = staff_client.post(NEW, {**weekly, "book_available": "on"})
    assert booked.status_code == 302
    made = Booking.objects.filter(title="定例会").order_by("starts_at")
    assert [item.starts_at.date() for item in made] == [first, last]


def test_the_entry_is_in_the_participants_todays_schedule_panel(staff_user, colleague):
    today = timezone.localdate()
    entries.save_entry(
        services.EntryData(
            title="朝の打合せ",
            start=at(today, "09:00"),
            end=at(today, "09:30"),
            participants=[colleague],
        ),
        user=staff_user,
        calendar=services.personal_calendar(staff_user),
    )
    request = RequestFactory().get("/")
    request.user = colleague
    assert [item.title for item in panel_items(request)] == ["朝の打合せ"]
