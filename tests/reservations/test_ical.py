"""iCalendar: every feed parses with the icalendar library and says what the booking says."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from dateutil.rrule import rrulestr
from django.urls import reverse

from reservations import services
from reservations.models import Booking, BookingSeries, CalendarFeedToken
from reservations.schedule.services import Repeat
from reservations.views.feeds import new_secret
from tests.factories import at, booking, open_weeks, room, staff_member, working_day

from .schedule_factories import entry

pytestmark = pytest.mark.django_db

TOKYO = ZoneInfo("Asia/Tokyo")


def personal_feed(client, user):
    token, _made = CalendarFeedToken.objects.get_or_create(
        user=user, resource=None, defaults={"secret": new_secret()}
    )
    response = client.get(reverse("reservations:feed", args=[token.secret]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def resource_feed(client, resource):
    token = CalendarFeedToken.objects.create(
        user=staff_member(), resource=resource, secret=new_secret()
    )
    response = client.get(reverse("reservations:feed", args=[token.secret]))
    return icalendar.Calendar.from_ical(response.content)


def vevents(calendar):
    return [component for component in calendar.walk("VEVENT")]


def by_uid(calendar, uid):
    return [event for event in vevents(calendar) if str(event["UID"]) == str(uid)]


def test_a_booking_is_in_its_makers_feed_in_tokyo_time(client):
    user, day = staff_member(), working_day()
    made = booking(room("第1会議室"), at(day, "10:00"), at(day, "11:30"), user=user)
    (event,) = by_uid(personal_feed(client, user), made.uid)
    assert event.decoded("DTSTART") == at(day, "10:00")
    assert event["DTSTART"].params["TZID"] == "Asia/Tokyo"
    assert event.decoded("DTEND").astimezone(TOKYO).hour == 11
    assert str(event["LOCATION"]) == "第1会議室"
    assert str(event["STATUS"]) == "CONFIRMED"


def test_the_feed_names_its_prodid_version_and_vtimezone(client):
    user = staff_member()
    booking(room(), at(working_day(), "10:00"), at(working_day(), "11:00"), user=user)
    calendar = personal_feed(client, user)
    assert str(calendar["VERSION"]) == "2.0" and "PRODID" in calendar
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Tokyo"]


def test_every_event_has_a_dtstamp_in_utc(client):
    user = staff_member()
    booking(room(), at(working_day(), "10:00"), at(working_day(), "11:00"), user=user)
    (event,) = vevents(personal_feed(client, user))
    assert event.decoded("DTSTAMP").utcoffset() == datetime.timedelta(0)


def test_a_moved_booking_has_a_higher_sequence(client):
    user, day = staff_member(), working_day()
    made = booking(room(), at(day, "10:00"), at(day, "11:00"), user=user)
    services.move(made, start=at(day, "14:00"), end=at(day, "15:00"))
    (event,) = by_uid(personal_feed(client, user), made.uid)
    assert int(event["SEQUENCE"]) == 1 and event.decoded("DTSTART") == at(day, "14:00")


def test_a_cancelled_booking_is_sent_as_cancelled(client):
    user, day = staff_member(), working_day()
    made = booking(room(), at(day, "10:00"), at(day, "11:00"), user=user)
    services.cancel([made])
    (event,) = by_uid(personal_feed(client, user), made.uid)
    assert str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) == 1


def test_a_booking_that_needs_approval_is_tentative(client):
    user, day = staff_member(), working_day()
    made = booking(room(requires_approval=True), at(day, "10:00"), at(day, "11:00"), user=user)
    (event,) = by_uid(personal_feed(client, user), made.uid)
    assert str(event["STATUS"]) == "TENTATIVE"


def weekly_series(user, resource, first_day, *, skip=()):
    """Four weekly occurrences at 10:00, booked through the service, except those in ``skip``."""
    series = BookingSeries.objects.create(
        frequency=BookingSeries.Frequency.WEEKLY,
        weekdays=str(first_day.weekday()),
        count=4,
        rrule="FREQ=WEEKLY;COUNT=4",
        created_by=user,
    )
    starts = [at(first_day + datetime.timedelta(weeks=n), "10:00") for n in range(4)]
    kept = [start for index, start in enumerate(starts) if index not in skip]
    draft = services.BookingDraft(
        user=user,
        resources=[resource],
        title="庁内調整会議",
        department=user.staff_profile.department,
    )
    services.create_bookings(
        draft,
        [(start, start + datetime.timedelta(hours=1)) for start in kept],
        series=series,
        original_starts=kept,
    )
    return series, starts


def test_a_series_is_one_event_with_its_rrule(client):
    user = staff_member()
    series, starts = weekly_series(user, room(), open_weeks(7))
    (master,) = by_uid(personal_feed(client, user), series.uid)
    assert master["RRULE"]["FREQ"] == ["WEEKLY"] and master["RRULE"]["COUNT"] == [4]
    assert master.decoded("DTSTART") == starts[0]
    assert "EXDATE" not in master


def test_an_occurrence_not_booked_is_an_exdate(client):
    user = staff_member()
    series, starts = weekly_series(user, room(), open_weeks(7), skip={2})
    (master,) = by_uid(personal_feed(client, user), series.uid)
    exdates = [moment.dt for moment in master["EXDATE"].dts]
    assert exdates == [starts[2]]


def test_a_cancelled_occurrence_is_an_exdate(client):
    user = staff_member()
    series, starts = weekly_series(user, room(), open_weeks(7))
    services.cancel([Booking.objects.get(series=series, starts_at=starts[1])])
    (master,) = by_uid(personal_feed(client, user), series.uid)
    assert [moment.dt for moment in master["EXDATE"].dts] == [starts[1]]


def test_a_moved_occurrence_is_an_override_with_a_recurrence_id(client):
    user = staff_member()
    series, starts = weekly_series(user, room(), open_weeks(7))
    moved = Booking.objects.get(series=series, starts_at=starts[3])
    new_start = starts[3] + datetime.timedelta(hours=4)
    services.move(moved, start=new_start, end=new_start + datetime.timedelta(hours=1))
    events = by_uid(personal_feed(client, user), series.uid)
    (override,) = [event for event in events if "RECURRENCE-ID" in event]
    assert override.decoded("RECURRENCE-ID") == starts[3]
    assert override.decoded("DTSTART") == new_start and int(override["SEQUENCE"]) == 1


def test_a_repeating_entry_carries_its_rrule(client):
    user, day = staff_member(), working_day(7)
    made = entry(user, day, title="課内ミーティング", repeat=Repeat.WEEKLY, weekdays=[0, 3])
    (event,) = by_uid(personal_feed(client, user), made.detail.uid)
    assert event["RRULE"]["FREQ"] == ["WEEKLY"] and event["RRULE"]["BYDAY"] == ["MO", "TH"]
    assert event.decoded("DTSTART") == at(day, "10:00")


def test_a_monthly_entry_by_weekday_is_byday_with_bysetpos(client):
    user, second_tuesday = staff_member(), datetime.date(2027, 6, 8)
    made = entry(user, second_tuesday, title="課長会", repeat=Repeat.MONTHLY_BY_WEEKDAY)
    (event,) = by_uid(personal_feed(client, user), made.detail.uid)
    rule = event["RRULE"]
    assert (rule["FREQ"], rule["BYDAY"], rule["BYSETPOS"]) == (["MONTHLY"], ["TU"], [2])
    first = event.decoded("DTSTART").astimezone(TOKYO).replace(tzinfo=None)
    expanded = rrulestr(rule.to_ical().decode(), dtstart=first)
    assert [moment.date() for moment in expanded[:3]] == [
        second_tuesday,
        datetime.date(2027, 7, 13),
        datetime.date(2027, 8, 10),
    ]


def test_an_all_day_entry_is_a_date(client):
    user, day = staff_member(), working_day()
    made = entry(user, day, title="出張", all_day=True)
    (event,) = by_uid(personal_feed(client, user), made.detail.uid)
    assert event.decoded("DTSTART") == day


def test_my_private_entry_is_in_my_own_feed_with_its_title(client):
    user = staff_member()
    entry(user, working_day(), title="通院", private=True)
    assert "通院" in [str(event["SUMMARY"]) for event in vevents(personal_feed(client, user))]


def test_another_users_private_entry_never_reaches_my_feed(client):
    user, other = staff_member(), staff_member()
    entry(other, working_day(), title="通院", private=True)
    token = CalendarFeedToken.objects.create(user=user, secret=new_secret())
    response = client.get(reverse("reservations:feed", args=[token.secret]))
    assert "通院".encode() not in response.content


def test_a_resource_feed_has_its_active_and_cancelled_bookings(client):
    resource, day = room(), working_day()
    kept = booking(resource, at(day, "10:00"), at(day, "11:00"))
    dropped = booking(resource, at(day, "13:00"), at(day, "14:00"))
    services.cancel([dropped])
    booking(room("別の会議室"), at(day, "10:00"), at(day, "11:00"), title="別件")
    calendar = resource_feed(client, resource)
    statuses = {str(event["UID"]): str(event["STATUS"]) for event in vevents(calendar)}
    assert statuses == {str(kept.uid): "CONFIRMED", str(dropped.uid): "CANCELLED"}


def test_one_booking_downloads_as_ics(staff_client):
    day = working_day()
    made = booking(room(), at(day, "10:00"), at(day, "11:00"))
    response = staff_client.get(reverse("reservations:booking_ics", args=[made.pk]))
    assert "attachment" in response["Content-Disposition"]
    (event,) = vevents(icalendar.Calendar.from_ical(response.content))
    assert str(event["UID"]) == str(made.uid) and event.decoded("DTSTART") == at(day, "10:00")


def test_a_series_sequence_rises_with_every_change(client):
    user = staff_member()
    series, starts = weekly_series(user, room(), open_weeks(7))
    (master,) = by_uid(personal_feed(client, user), series.uid)
    before = int(master["SEQUENCE"])
    services.cancel([Booking.objects.get(series=series, starts_at=starts[1])])
    (master,) = by_uid(personal_feed(client, user), series.uid)
    after_cancel = int(master["SEQUENCE"])
    renamed = Booking.objects.get(series=series, starts_at=starts[2])
    services.move(renamed, start=renamed.starts_at, end=renamed.ends_at, title="改称後の会議")
    (master,) = [e for e in by_uid(personal_feed(client, user), series.uid) if "RRULE" in e]
    assert before < after_cancel < int(master["SEQUENCE"])


def test_a_series_sequence_is_the_same_in_a_feed_that_shows_fewer_occurrences(client):
    user, resource = staff_member(), room()
    series, starts = weekly_series(user, resource, open_weeks(7))
    services.cancel([Booking.objects.get(series=series, starts_at=starts[1])])
    personal = [e for e in by_uid(personal_feed(client, user), series.uid) if "RRULE" in e]
    of_room = [e for e in by_uid(resource_feed(client, resource), series.uid) if "RRULE" in e]
    assert int(personal[0]["SEQUENCE"]) == int(of_room[0]["SEQUENCE"]) == 1


def test_no_feed_claims_method_publish_without_an_organizer(client):
    user = staff_member()
    booking(room(), at(working_day(), "10:00"), at(working_day(), "11:00"), user=user)
    calendar = personal_feed(client, user)
    assert "METHOD" not in calendar or "ORGANIZER" in vevents(calendar)[0]


def test_one_occurrence_downloads_with_the_series_uid_and_its_recurrence_id(staff_client):
    user = staff_member()
    series, starts = weekly_series(user, room(), open_weeks(7))
    occurrence = Booking.objects.get(series=series, starts_at=starts[2])
    response = staff_client.get(reverse("reservations:booking_ics", args=[occurrence.pk]))
    (event,) = vevents(icalendar.Calendar.from_ical(response.content))
    assert str(event["UID"]) == str(series.uid)
    assert event.decoded("RECURRENCE-ID") == starts[2]


def test_a_moved_occurrence_downloads_under_its_original_place(staff_client):
    user = staff_member()
    series, starts = weekly_series(user, room(), open_weeks(7))
    moved = Booking.objects.get(series=series, starts_at=starts[1])
    new_start = starts[1] + datetime.timedelta(hours=3)
    services.move(moved, start=new_start, end=new_start + datetime.timedelta(hours=1))
    response = staff_client.get(reverse("reservations:booking_ics", args=[moved.pk]))
    (event,) = vevents(icalendar.Calendar.from_ical(response.content))
    assert str(event["UID"]) == str(series.uid)
    assert event.decoded("RECURRENCE-ID") == starts[1]
    assert event.decoded("DTSTART") == new_start
