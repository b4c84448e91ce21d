"""Repeating entries leave out 祝日・閉庁日 as bookings do, and the entry form's repeat part
speaks the booking form's words and offers its choices (an end date or a number of times)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from schedule.models import Event

from reservations.forms import BookingForm
from reservations.models import BookingSeries
from reservations.schedule import services
from reservations.schedule.forms import EntryForm
from reservations.schedule.services import Repeat
from tests.factories import staff_member

from .schedule_factories import entry

pytestmark = pytest.mark.django_db

FIRST_MONDAY = datetime.date(2027, 1, 4)
SEIJIN_NO_HI = datetime.date(2027, 1, 11)  # 成人の日, a Monday


def titles_on(user, day):
    start, end = services.day_bounds(day)
    return [item.title for item in services.my_items(user, start, end)]


def entry_form(day, **fields):
    return {
        "title": "朝礼",
        "date": f"{day:%Y-%m-%d}",
        "start_time": "08:30",
        "end_time": "08:45",
        "repeat": "daily",
        **fields,
    }


def test_the_daily_morning_meeting_does_not_show_on_a_public_holiday(staff_user):
    entry(staff_user, FIRST_MONDAY, "08:30", "08:45", title="朝礼", repeat=Repeat.DAILY)
    assert titles_on(staff_user, SEIJIN_NO_HI) == []
    assert titles_on(staff_user, SEIJIN_NO_HI + datetime.timedelta(days=1)) == ["朝礼"]


def test_the_entry_form_leaves_out_closed_days_unless_unticked(staff_client, staff_user):
    body = staff_client.get(reverse("reservations:event_new")).content.decode()
    assert "祝日・閉庁日（12/29〜1/3）を除く" in body
    assert 'name="skip_closed_days" id="id_skip_closed_days" checked' in body
    staff_client.post(
        reverse("reservations:event_new"), entry_form(FIRST_MONDAY, skip_closed_days="on")
    )
    assert titles_on(staff_user, SEIJIN_NO_HI) == []


def test_an_entry_may_keep_closed_days(staff_client, staff_user):
    staff_client.post(
        reverse("reservations:event_new"),
        entry_form(FIRST_MONDAY, title="当直", skip_closed_days=""),
    )
    assert titles_on(staff_user, SEIJIN_NO_HI) == ["当直"]
    assert Event.objects.get().detail.skip_closed_days is False


def test_an_entry_repeats_a_number_of_times(staff_client, staff_user):
    staff_client.post(reverse("reservations:event_new"), entry_form(FIRST_MONDAY, count="5"))
    made = Event.objects.get()
    # 1/4〜1/8 are the five days; a closed day among them would use up one of the times.
    assert timezone.localtime(made.end_recurring_period).date() == datetime.date(2027, 1, 8)
    assert EntryForm.initial_for(made)["count"] == 5
    assert titles_on(staff_user, datetime.date(2027, 1, 8)) == ["朝礼"]
    assert titles_on(staff_user, datetime.date(2027, 1, 9)) == []


def test_an_end_date_and_a_number_of_times_together_are_refused(staff_client):
    response = staff_client.post(
        reverse("reservations:event_new"),
        entry_form(FIRST_MONDAY, until="2027-01-29", count="5"),
    )
    assert "どちらか一方" in response.context["form"].errors["count"][0]
    assert not Event.objects.exists()


def test_the_two_repeat_forms_use_the_same_words_and_choices():
    entry_fields, booking_fields = EntryForm().fields, BookingForm.base_fields
    entry_choices = [str(label) for value, label in entry_fields["repeat"].choices]
    booking_choices = [str(label) for value, label in booking_fields["repeat"].choices]
    assert entry_choices == booking_choices
    assert len(entry_choices) == 1 + len(BookingSeries.Frequency.choices)
    for entry_name, booking_name in [
        ("repeat", "repeat"),
        ("weekdays", "weekdays"),
        ("until", "repeat_until"),
        ("count", "repeat_count"),
        ("skip_closed_days", "skip_closed_days"),
    ]:
        assert str(entry_fields[entry_name].label) == str(booking_fields[booking_name].label)


def test_an_entrys_page_says_closed_days_are_left_out(staff_client, staff_user):
    made = entry(staff_user, FIRST_MONDAY, repeat=Repeat.DAILY)
    body = staff_client.get(reverse("reservations:event", args=[made.pk])).content.decode()
    assert "毎日（祝日・閉庁日を除く）" in body


def test_the_calendar_feed_leaves_out_the_same_closed_days():
    from reservations.ical import schedule_vevent

    user = staff_member()
    made = entry(
        user, FIRST_MONDAY, "08:30", "08:45", repeat=Repeat.DAILY, until=datetime.date(2027, 1, 15)
    )
    made = Event.objects.select_related("detail", "rule").get(pk=made.pk)
    vevent = schedule_vevent(made)
    left_out = [moment.dt for moment in vevent["EXDATE"].dts]
    assert [moment.date() for moment in left_out] == [SEIJIN_NO_HI]
    assert left_out[0].hour == 8 and left_out[0].minute == 30
