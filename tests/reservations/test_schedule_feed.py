"""The personal calendar feed and schedule entries: the entries one attends, and the
occurrences changed or cancelled on their own, as an independent parser expands them.

The feed is read with the icalendar library and expanded from its text alone, as
calendar programs do: the series' RRULE less its EXDATEs through dateutil's
rruleset, each RECURRENCE-ID override in place of the occurrence it names. No
code of the schedule takes part; what this expands must be exactly what the
schedule shows.
"""

import datetime

import icalendar
import pytest
from dateutil.rrule import rruleset, rrulestr
from django.urls import reverse

from reservations.models import CalendarFeedToken
from reservations.schedule import entries, services
from reservations.schedule.services import Repeat
from reservations.views.feeds import new_secret
from tests.factories import at, open_weeks, staff_member

from .schedule_factories import weekly_meeting

pytestmark = pytest.mark.django_db


def personal_feed(client, user):
    token, _made = CalendarFeedToken.objects.get_or_create(
        user=user, resource=None, defaults={"secret": new_secret()}
    )
    response = client.get(reverse("reservations:feed", args=[token.secret]))
    assert response.status_code == 200
    return icalendar.Calendar.from_ical(response.content)


def uids(calendar):
    return {str(vevent["UID"]) for vevent in calendar.walk("VEVENT")}


@pytest.fixture
def first():
    return open_weeks(2, weeks=4)


@pytest.fixture
def organiser():
    return staff_member()


@pytest.fixture
def colleague():
    return staff_member(full_name="佐藤 花子", full_name_kana="さとう はなこ")


@pytest.fixture
def weekly(organiser, colleague, first):
    """定例会: every week for four weeks, 10:00〜11:00, with a colleague."""
    return weekly_meeting(organiser, first, weeks=4, participants=[colleague], place="第5会議室")


def week(n, first):
    return first + datetime.timedelta(weeks=n)


def expanded(calendar, uid, first):
    """(start, end, summary) of each occurrence the feed's text describes, in order."""
    start, end = services.day_bounds(first)[0], services.day_bounds(week(4, first))[1]
    series, overrides = None, {}
    for vevent in calendar.walk("VEVENT"):
        if str(vevent["UID"]) != str(uid):
            continue
        if "RECURRENCE-ID" in vevent:
            overrides[vevent.decoded("RECURRENCE-ID")] = vevent
        else:
            series = vevent
    first_start = series.decoded("DTSTART")
    length = series.decoded("DTEND") - first_start
    dates = rruleset()
    if "RRULE" in series:
        dates.rrule(rrulestr(series["RRULE"].to_ical().decode(), dtstart=first_start))
    else:
        dates.rdate(first_start)
    exdates = series.get("EXDATE", [])
    for exdate in exdates if isinstance(exdates, list) else [exdates]:
        for value in exdate.dts:
            dates.exdate(value.dt)
    found = []
    for original in dates.between(start - length, end, inc=True):
        override = overrides.get(original)
        if override is None:
            found.append((original, original + length, str(series["SUMMARY"])))
        else:
            found.append(
                (override.decoded("DTSTART"), override.decoded("DTEND"), str(override["SUMMARY"]))
            )
    return sorted(found)


def shown(event, first):
    """(start, end, title) of each occurrence the schedule shows."""
    event.refresh_from_db()
    start, end = services.day_bounds(first)[0], services.day_bounds(week(4, first))[1]
    return [
        (span.start, span.end, span.title or event.title)
        for span in services.occurrence_spans(event, start, end)
    ]


def test_an_entry_i_attend_is_in_my_feed(client, colleague, weekly):
    assert str(weekly.detail.uid) in uids(personal_feed(client, colleague))


def test_an_entry_i_declined_is_not_in_my_feed(client, colleague, weekly):
    entries.decline(weekly, colleague)
    assert str(weekly.detail.uid) not in uids(personal_feed(client, colleague))


@pytest.mark.parametrize("private", [False, True], ids=["public entry", "private entry"])
def test_an_entry_i_neither_own_nor_attend_is_not_in_my_feed(client, organiser, first, private):
    made = entries.save_entry(
        services.EntryData(
            title="人事面談",
            start=at(first, "13:00"),
            end=at(first, "14:00"),
            participants=[staff_member()],
            private=private,
        ),
        user=organiser,
        calendar=services.personal_calendar(organiser),
    )
    outsider = staff_member(department=organiser.staff_profile.department)
    token = CalendarFeedToken.objects.create(user=outsider, secret=new_secret())
    body = client.get(reverse("reservations:feed", args=[token.secret])).content
    assert "人事面談".encode() not in body and str(made.detail.uid).encode() not in body


def test_a_private_entry_i_attend_is_in_my_feed_marked_private(client, organiser, colleague):
    day = open_weeks(2, weeks=1)
    made = entries.save_entry(
        services.EntryData(
            title="人事面談",
            start=at(day, "13:00"),
            end=at(day, "14:00"),
            participants=[colleague],
            private=True,
        ),
        user=organiser,
        calendar=services.personal_calendar(organiser),
    )
    (vevent,) = [
        vevent
        for vevent in personal_feed(client, colleague).walk("VEVENT")
        if str(vevent["UID"]) == str(made.detail.uid)
    ]
    assert str(vevent["SUMMARY"]) == "人事面談" and str(vevent["CLASS"]) == "PRIVATE"


def test_a_cancelled_occurrence_is_an_exdate_for_owner_and_participant(
    client, organiser, colleague, weekly, first
):
    entries.cancel_occurrence(weekly, week(1, first))
    for person in (organiser, colleague):
        calendar = personal_feed(client, person)
        (master,) = [
            vevent
            for vevent in calendar.walk("VEVENT")
            if str(vevent["UID"]) == str(weekly.detail.uid)
        ]
        assert [moment.dt for moment in master["EXDATE"].dts] == [at(week(1, first), "10:00")]
        assert expanded(calendar, weekly.detail.uid, first) == shown(weekly, first)
        assert len(shown(weekly, first)) == 3


def test_a_moved_occurrence_is_an_override_with_a_recurrence_id(client, colleague, weekly, first):
    third = week(2, first)
    entries.change_occurrence(
        weekly,
        third,
        services.EntryData(
            title="定例会（臨時）",
            start=at(third + datetime.timedelta(days=1), "15:00"),
            end=at(third + datetime.timedelta(days=1), "16:30"),
        ),
    )
    calendar = personal_feed(client, colleague)
    override = [
        vevent
        for vevent in calendar.walk("VEVENT")
        if str(vevent["UID"]) == str(weekly.detail.uid) and "RECURRENCE-ID" in vevent
    ]
    assert [vevent.decoded("RECURRENCE-ID") for vevent in override] == [at(third, "10:00")]
    assert expanded(calendar, weekly.detail.uid, first) == shown(weekly, first)
    assert (
        at(third + datetime.timedelta(days=1), "15:00"),
        at(third + datetime.timedelta(days=1), "16:30"),
        "定例会（臨時）",
    ) in shown(weekly, first)


def test_an_entry_changed_and_cancelled_one_by_one_expands_as_the_schedule_shows(
    client, organiser, weekly, first
):
    entries.cancel_occurrence(weekly, first)
    second = week(1, first)
    entries.change_occurrence(
        weekly,
        second,
        services.EntryData(title="定例会", start=at(second, "13:00"), end=at(second, "14:00")),
    )
    calendar = personal_feed(client, organiser)
    assert expanded(calendar, weekly.detail.uid, first) == shown(weekly, first)
    assert [start for start, _end, _title in shown(weekly, first)] == [
        at(second, "13:00"),
        at(week(2, first), "10:00"),
        at(week(3, first), "10:00"),
    ]


def test_the_following_ones_split_off_expand_as_two_entries(client, organiser, weekly, first):
    third = week(2, first)
    later = entries.change_following(
        weekly,
        third,
        services.EntryData(
            title="定例会",
            start=at(third, "15:00"),
            end=at(third, "16:00"),
            repeat=Repeat.WEEKLY,
            weekdays=[third.weekday()],
            until=week(3, first),
        ),
        user=organiser,
    )
    calendar = personal_feed(client, organiser)
    assert expanded(calendar, weekly.detail.uid, first) == shown(weekly, first)
    assert expanded(calendar, later.detail.uid, first) == shown(later, first)
    assert len(shown(weekly, first)) == 2 and len(shown(later, first)) == 2
