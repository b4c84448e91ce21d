"""A blackout period (利用停止期間) added over bookings: listed first, then marked and told."""

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from intranet import roles
from intranet.models import Notification
from reservations import services
from reservations.models import Blackout, Booking
from tests.factories import at, booking, open_weeks, room, staff_member, working_day

pytestmark = pytest.mark.django_db


@pytest.fixture
def office_client(client):
    client.force_login(staff_member(roles=[roles.ADMIN_OFFICE]))
    return client


@pytest.fixture
def day():
    return working_day(7)


@pytest.fixture
def hall():
    return room("大会議室", capacity=40)


@pytest.fixture
def people():
    return {
        "booker": staff_member(full_name="山田 花子"),
        "guest": staff_member(full_name="佐藤 一郎"),
        "both": staff_member(full_name="高橋 次郎"),
    }


@pytest.fixture
def covered(hall, day, people):
    """Two bookings of the hall inside 9:00–17:00 and one in the evening, outside."""
    morning = booking(
        hall,
        at(day, "10:00"),
        at(day, "11:00"),
        user=people["booker"],
        title="庁内調整会議",
        attendees=[people["guest"], people["both"]],
    )
    afternoon = booking(
        hall, at(day, "14:00"), at(day, "15:00"), user=people["both"], title="予算説明会"
    )
    evening = booking(hall, at(day, "18:00"), at(day, "19:00"), title="夜間研修")
    return {"morning": morning, "afternoon": afternoon, "evening": evening}


def period_form(hall, day, start="09:00", end="17:00", reason="空調設備工事", **extra):
    return {
        "resource": hall.pk,
        "starts_at": f"{day:%Y-%m-%d} {start}",
        "ends_at": f"{day:%Y-%m-%d} {end}",
        "reason": reason,
        **extra,
    }


def confirmed(form, bookings):
    """The form as confirmed after seeing ``bookings`` listed."""
    return {**form, "confirm_covered_bookings": ",".join(str(b.pk) for b in bookings)}


def add_period(client, hall, day, **changes):
    """Post the form, then confirm the list it shows, as the office does."""
    form = period_form(hall, day, **changes)
    first = client.post(reverse("reservation_blackouts:add"), form)
    value = (first.context or {}).get("confirm_value", "") if first.status_code == 200 else ""
    return client.post(
        reverse("reservation_blackouts:add"), {**form, "confirm_covered_bookings": value}
    )


def told(user):
    return list(Notification.objects.filter(recipient=user).values_list("message", flat=True))


# Before saving ------------------------------------------------------------------------


def test_the_admin_lists_the_covered_bookings_before_saving(office_client, hall, day, covered):
    response = office_client.post(reverse("reservation_blackouts:add"), period_form(hall, day))
    page = response.content.decode()
    assert "この期間に含まれる予約2件" in page
    assert "庁内調整会議" in page and "予算説明会" in page and "夜間研修" not in page
    assert "山田 花子" in page and "大会議室" in page and "10:00〜11:00" in page
    assert "保存して予約者・参加者に知らせる" in page


def test_nothing_is_saved_or_told_before_the_office_confirms(office_client, hall, day, covered):
    office_client.post(reverse("reservation_blackouts:add"), period_form(hall, day))
    assert not Blackout.objects.exists()
    assert not Notification.objects.exists()
    assert covered["morning"].slots.get().suspensions.count() == 0


def test_a_list_that_changed_since_it_was_shown_is_shown_again(office_client, hall, day, covered):
    seen = confirmed(period_form(hall, day), [covered["morning"]])
    response = office_client.post(reverse("reservation_blackouts:add"), seen)
    assert "この期間に含まれる予約2件" in response.content.decode()
    assert not Blackout.objects.exists()


def test_a_period_over_no_booking_saves_at_once(office_client, hall, day):
    office_client.post(reverse("reservation_blackouts:add"), period_form(hall, day))
    assert Blackout.objects.filter(resource=hall).exists()


# Saving ---------------------------------------------------------------------------------


def test_confirming_saves_and_marks_the_covered_bookings(office_client, hall, day, covered):
    add_period(office_client, hall, day)
    period = Blackout.objects.get(resource=hall)
    marked = {slot.booking_id for slot in period.covered_slots.all()}
    assert marked == {covered["morning"].pk, covered["afternoon"].pk}
    assert Booking.objects.get(pk=covered["morning"].pk).status == Booking.Status.CONFIRMED


def test_each_booker_and_participant_is_told_once_with_the_reason(
    office_client, hall, day, covered, people
):
    add_period(office_client, hall, day)
    for person in people.values():
        messages = told(person)
        assert len(messages) == 1
        assert "空調設備工事" in messages[0]
    assert "2件" in told(people["both"])[0]
    assert told(covered["evening"].booked_by) == []


def test_saving_the_period_again_tells_nobody_twice(office_client, hall, day, covered, people):
    add_period(office_client, hall, day)
    period = Blackout.objects.get(resource=hall)
    form = period_form(hall, day, reason="空調設備工事（延長）")
    office_client.post(reverse("reservation_blackouts:edit", args=[period.pk]), form)
    assert Blackout.objects.get(pk=period.pk).reason == "空調設備工事（延長）"
    assert Notification.objects.count() == len(people)


def test_widening_the_period_lists_and_tells_only_the_newly_covered(
    office_client, hall, day, covered, people
):
    add_period(office_client, hall, day)
    period = Blackout.objects.get(resource=hall)
    edit_url = reverse("reservation_blackouts:edit", args=[period.pk])
    form = period_form(hall, day, end="20:00")
    shown = office_client.post(edit_url, form)
    assert "この期間に含まれる予約3件" in shown.content.decode()
    office_client.post(
        edit_url, {**form, "confirm_covered_bookings": shown.context["confirm_value"]}
    )
    assert len(told(covered["evening"].booked_by)) == 1
    assert Notification.objects.count() == len(people) + 1


def test_shrinking_the_period_takes_the_mark_off(office_client, hall, day, covered):
    add_period(office_client, hall, day)
    period = Blackout.objects.get(resource=hall)
    before = Booking.objects.get(pk=covered["afternoon"].pk).sequence
    office_client.post(
        reverse("reservation_blackouts:edit", args=[period.pk]),
        period_form(hall, day, end="12:00"),
    )
    afternoon = Booking.objects.get(pk=covered["afternoon"].pk)
    assert afternoon.suspensions == []
    assert afternoon.sequence == before + 1
    assert Booking.objects.get(pk=covered["morning"].pk).suspensions


def test_deleting_the_period_takes_the_marks_off(office_client, hall, day, covered):
    add_period(office_client, hall, day)
    period = Blackout.objects.get(resource=hall)
    before = Booking.objects.get(pk=covered["morning"].pk).sequence
    office_client.post(reverse("reservation_blackouts:delete", args=[period.pk]))
    morning = Booking.objects.get(pk=covered["morning"].pk)
    assert not Blackout.objects.exists()
    assert morning.suspensions == [] and morning.sequence == before + 1


def test_a_section_head_cannot_add_a_period(client, hall, day, covered):
    client.force_login(staff_member(roles=[roles.SECTION_HEAD]))
    add_period(client, hall, day)
    assert not Blackout.objects.exists()
    assert not Notification.objects.exists()


def test_new_bookings_inside_a_period_are_still_refused(office_client, hall, day, covered):
    add_period(office_client, hall, day)
    with pytest.raises(services.BookingRefused, match="空調設備工事"):
        booking(hall, at(day, "12:00"), at(day, "13:00"))


# Where the mark shows -----------------------------------------------------------------


@pytest.fixture
def marked(office_client, hall, day, covered):
    add_period(office_client, hall, day)
    return covered


def test_the_booking_page_says_the_period_and_its_reason(client, marked, people):
    client.force_login(people["guest"])
    page = client.get(reverse("reservations:booking", args=[marked["morning"].pk]))
    body = page.content.decode()
    assert "利用停止期間" in body and "空調設備工事" in body
    assert "取り消されていません" in body


def test_my_bookings_mark_the_covered_booking(client, marked, people):
    client.force_login(people["booker"])
    body = client.get(reverse("reservations:mine")).content.decode()
    assert body.count("badge--urgent") == 1 and "利用停止" in body


def test_the_timeline_marks_the_covered_booking(client, marked, people, day):
    client.force_login(people["booker"])
    body = client.get(reverse("reservations:timeline"), {"date": day.isoformat()}).content
    page = body.decode()
    assert page.count("tl-booked--suspended") == 2
    assert "【利用停止】" in page


def personal_feed(client, user):
    from reservations.views.feeds import personal_calendar_bytes

    return icalendar.Calendar.from_ical(personal_calendar_bytes(user))


def events_by_title(calendar):
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_the_personal_feed_marks_the_covered_booking_and_keeps_its_status(client, marked, people):
    events = events_by_title(personal_feed(client, people["booker"]))
    event = events["【利用停止】庁内調整会議"]
    assert str(event["STATUS"]) == "CONFIRMED"
    assert int(event["SEQUENCE"]) == 1


def test_the_resource_feed_marks_only_the_covered_bookings(marked, hall):
    from reservations.views.feeds import resource_calendar_bytes

    events = events_by_title(icalendar.Calendar.from_ical(resource_calendar_bytes(hall)))
    assert set(events) == {"【利用停止】庁内調整会議", "【利用停止】予算説明会", "夜間研修"}


def test_the_booking_ics_marks_the_covered_booking(client, marked, people):
    client.force_login(people["booker"])
    response = client.get(reverse("reservations:booking_ics", args=[marked["morning"].pk]))
    events = events_by_title(icalendar.Calendar.from_ical(response.content))
    assert list(events) == ["【利用停止】庁内調整会議"]


def test_a_covered_occurrence_of_a_series_is_a_marked_override(office_client, hall, people):
    from .test_ical import weekly_series

    series, starts = weekly_series(people["booker"], hall, open_weeks(7))
    second = timezone.localdate(starts[1])
    add_period(office_client, hall, second, start="09:00", end="12:00")
    calendar = personal_feed(office_client, people["booker"])
    events = [event for event in calendar.walk("VEVENT") if str(event["UID"]) == str(series.uid)]
    (master,) = [event for event in events if "RECURRENCE-ID" not in event]
    (override,) = [event for event in events if "RECURRENCE-ID" in event]
    assert str(master["SUMMARY"]) == "庁内調整会議"
    assert override.decoded("RECURRENCE-ID") == starts[1]
    assert str(override["SUMMARY"]) == "【利用停止】庁内調整会議"
