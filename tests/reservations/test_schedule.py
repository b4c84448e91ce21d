"""The personal schedule: my week, my entries (one-off and repeating) and my bookings."""

import datetime
import re

import pytest
from django.urls import reverse
from schedule.models import Event, Rule

from reservations import services as booking_services
from reservations.closed_days import closed_day_name
from reservations.schedule import services
from reservations.schedule.services import Repeat
from tests.factories import at, booking, room, staff_member, working_day

from .schedule_factories import entry

pytestmark = pytest.mark.django_db


def week_url(day):
    return f"{reverse('reservations:schedule')}?week={day:%Y-%m-%d}"


def test_my_week_shows_my_entry(staff_client, staff_user):
    day = working_day()
    entry(staff_user, day, title="窓口当番")
    body = staff_client.get(week_url(day)).content.decode()
    assert "窓口当番" in body and "10:00〜11:00" in body


def test_my_week_shows_a_booking_i_made_with_its_room(staff_client, staff_user):
    day = working_day()
    booking(room("第3会議室"), at(day, "13:00"), at(day, "14:00"), user=staff_user, title="面接")
    body = staff_client.get(week_url(day)).content.decode()
    assert "面接" in body and "第3会議室" in body


def test_my_week_shows_a_booking_i_attend(staff_client, staff_user):
    day = working_day()
    booking(room(), at(day, "13:00"), at(day, "14:00"), title="研修", attendees=[staff_user])
    assert "研修" in staff_client.get(week_url(day)).content.decode()


def test_a_cancelled_booking_leaves_my_week(staff_client, staff_user):
    day = working_day()
    made = booking(room(), at(day, "13:00"), at(day, "14:00"), user=staff_user, title="取消会議")
    booking_services.cancel([made])
    assert "取消会議" not in staff_client.get(week_url(day)).content.decode()


def test_another_persons_entry_is_not_in_my_week(staff_client):
    day = working_day()
    entry(staff_member(), day, title="他人の出張")
    assert "他人の出張" not in staff_client.get(week_url(day)).content.decode()


def test_a_public_holiday_is_named_in_the_week(staff_client):
    day = datetime.date(2027, 5, 3)  # 憲法記念日
    body = staff_client.get(week_url(day)).content.decode()
    assert closed_day_name(day) in body


def test_an_unreadable_week_falls_back_to_this_week(staff_client):
    response = staff_client.get(reverse("reservations:schedule") + "?week=2026-13-45")
    assert response.status_code == 200


def test_a_weekly_entry_on_two_weekdays_appears_on_both(staff_user):
    monday = services.week_start(working_day(7))
    entry(staff_user, monday, title="課内ミーティング", repeat=Repeat.WEEKLY, weekdays=[0, 2])
    start, end = (
        services.day_bounds(monday)[0],
        services.day_bounds(monday)[0] + (datetime.timedelta(days=14)),
    )
    days = [item.start.date() for item in services.my_items(staff_user, start, end)]
    assert days == [
        monday,
        monday + datetime.timedelta(days=2),
        monday + datetime.timedelta(days=7),
        monday + datetime.timedelta(days=9),
    ]


def test_a_daily_entry_stops_after_its_last_day(staff_user):
    day = working_day(7)
    entry(
        staff_user, day, title="朝礼", repeat=Repeat.DAILY, until=day + datetime.timedelta(days=2)
    )
    start = services.day_bounds(day)[0]
    items = services.my_items(staff_user, start, start + datetime.timedelta(days=10))
    assert len(items) == 3


def test_a_monthly_entry_repeats_on_the_same_date(staff_user):
    day = datetime.date(2027, 6, 10)
    entry(staff_user, day, title="月例会議", repeat=Repeat.MONTHLY)
    start = services.day_bounds(datetime.date(2027, 8, 1))[0]
    items = services.my_items(staff_user, start, start + datetime.timedelta(days=31))
    assert [item.start.date() for item in items] == [datetime.date(2027, 8, 10)]


@pytest.mark.parametrize(
    ("first_day", "expected"),
    [
        pytest.param(  # 第2火曜日
            datetime.date(2027, 6, 8),
            [datetime.date(2027, 7, 13), datetime.date(2027, 8, 10), datetime.date(2027, 9, 14)],
            id="second-tuesday",
        ),
        pytest.param(  # a fifth Friday: 最終金曜日
            datetime.date(2027, 4, 30),
            [datetime.date(2027, 7, 30), datetime.date(2027, 8, 27), datetime.date(2027, 9, 24)],
            id="last-friday",
        ),
    ],
)
def test_a_monthly_entry_by_weekday_keeps_its_place_in_the_month(staff_user, first_day, expected):
    entry(staff_user, first_day, title="課長会", repeat=Repeat.MONTHLY_BY_WEEKDAY)
    start = services.day_bounds(datetime.date(2027, 7, 1))[0]
    items = services.my_items(staff_user, start, start + datetime.timedelta(days=92))
    assert [item.start.date() for item in items] == expected


def test_a_repetition_stored_twice_still_saves_and_uses_the_first(staff_user):
    first = services.rule_for(Repeat.WEEKLY, [0, 2])
    Rule.objects.create(frequency=first.frequency, params=first.params, name="copy")
    made = entry(staff_user, working_day(), repeat=Repeat.WEEKLY, weekdays=[2, 0])
    assert made.rule == first


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"repeat": Repeat.DAILY}, "毎日"),
        ({"repeat": Repeat.WEEKLY, "weekdays": [0, 2]}, "毎週月・水曜日"),
        ({"repeat": Repeat.MONTHLY}, "毎月8日"),
        ({"repeat": Repeat.MONTHLY_BY_WEEKDAY}, "毎月第2火曜日"),
        (
            {"repeat": Repeat.MONTHLY_BY_WEEKDAY, "until": datetime.date(2027, 12, 31)},
            "毎月第2火曜日（2027年12月31日(金)まで）",
        ),
    ],
)
def test_an_entry_page_says_how_it_repeats(staff_client, staff_user, fields, expected):
    made = entry(
        staff_user, datetime.date(2027, 6, 8), title="課長会", skip_closed_days=False, **fields
    )
    body = staff_client.get(reverse("reservations:event", args=[made.pk])).content.decode()
    assert f"<dd>{expected}</dd>" in body


def test_the_entry_form_keeps_a_monthly_by_weekday_repetition(staff_client, staff_user):
    day = datetime.date(2027, 6, 8)
    response = staff_client.post(
        reverse("reservations:event_new"), entry_form(day, repeat="monthly_weekday")
    )
    assert response.status_code == 302
    made = Event.objects.get()
    assert services.repeat_of(made.rule) == (Repeat.MONTHLY_BY_WEEKDAY, [])
    page = staff_client.get(reverse("reservations:event", args=[made.pk])).content.decode()
    assert re.search(r'value="monthly_weekday"[^>]* checked', page)


# Adding, changing and deleting an entry.


def entry_form(day, **fields):
    data = {
        "title": "出張（大阪府庁）",
        "date": f"{day:%Y-%m-%d}",
        "start_time": "13:00",
        "end_time": "17:00",
        "place": "大阪府庁",
        "memo": "",
        "repeat": "none",
        "until": "",
    }
    data.update(fields)
    return data


def test_staff_add_an_entry_to_their_own_calendar(staff_client, staff_user):
    day = working_day()
    response = staff_client.post(reverse("reservations:event_new"), entry_form(day))
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.creator == staff_user and event.calendar.slug == f"staff-{staff_user.pk}"
    assert event.detail.place == "大阪府庁"


def test_an_end_before_the_start_is_refused_in_japanese(staff_client):
    response = staff_client.post(
        reverse("reservations:event_new"),
        entry_form(working_day(), start_time="15:00", end_time="14:00"),
    )
    assert response.status_code == 200
    assert "終了時刻" in response.content.decode()
    assert not Event.objects.exists()


def test_a_weekly_entry_without_weekdays_repeats_on_the_first_dates_weekday(staff_client):
    """As the booking form does: 「空欄なら初日の曜日」."""
    day = working_day()
    staff_client.post(reverse("reservations:event_new"), entry_form(day, repeat="weekly"))
    assert services.repeat_of(Event.objects.get().rule) == (Repeat.WEEKLY, [day.weekday()])


def test_an_all_day_entry_needs_no_times(staff_client, staff_user):
    day = working_day()
    staff_client.post(
        reverse("reservations:event_new"),
        entry_form(day, all_day="on", start_time="", end_time=""),
    )
    event = Event.objects.get()
    assert event.detail.all_day and event.end - event.start == datetime.timedelta(days=1)


def test_the_owner_changes_an_entry_and_its_revision_goes_up(staff_client, staff_user):
    day = working_day()
    made = entry(staff_user, day, title="研修")
    staff_client.post(
        reverse("reservations:event", args=[made.pk]), entry_form(day, title="研修（午後）")
    )
    made.refresh_from_db()
    assert made.title == "研修（午後）" and made.detail.sequence == 1


def test_someone_else_cannot_change_my_entry(client, staff_user):
    made = entry(staff_user, working_day(), title="研修")
    client.force_login(staff_member())
    response = client.post(
        reverse("reservations:event", args=[made.pk]), entry_form(working_day(), title="乗っ取り")
    )
    assert response.status_code == 403
    made.refresh_from_db()
    assert made.title == "研修"


def test_someone_else_cannot_delete_my_entry(client, staff_user):
    made = entry(staff_user, working_day())
    client.force_login(staff_member())
    response = client.post(reverse("reservations:event", args=[made.pk]), {"action": "delete"})
    assert response.status_code == 403
    assert Event.objects.filter(pk=made.pk).exists()


def test_the_owner_deletes_an_entry(staff_client, staff_user):
    made = entry(staff_user, working_day())
    staff_client.post(reverse("reservations:event", args=[made.pk]), {"action": "delete"})
    assert not Event.objects.filter(pk=made.pk).exists()


def test_a_private_entry_of_someone_else_shows_only_busy(client, staff_user):
    made = entry(staff_user, working_day(), title="人間ドック", place="市民病院", private=True)
    client.force_login(staff_member())
    body = client.get(reverse("reservations:event", args=[made.pk])).content.decode()
    assert "予定あり" in body
    assert "人間ドック" not in body and "市民病院" not in body


def test_the_owner_sees_their_private_entry(staff_client, staff_user):
    made = entry(staff_user, working_day(), title="人間ドック", private=True)
    body = staff_client.get(reverse("reservations:event", args=[made.pk])).content.decode()
    assert "人間ドック" in body


# The permission functions django-scheduler itself calls (settings point them here).


def test_django_scheduler_refuses_another_users_event():
    from schedule.settings import CHECK_EVENT_PERM_FUNC

    owner = staff_member()
    made = entry(owner, working_day())
    assert CHECK_EVENT_PERM_FUNC(made, owner)
    assert not CHECK_EVENT_PERM_FUNC(made, staff_member())


def test_django_scheduler_refuses_another_users_occurrence():
    from schedule.settings import CHECK_OCCURRENCE_PERM_FUNC

    made = entry(staff_member(), working_day())
    occurrence = made.get_occurrences(made.start, made.end)[0]
    assert not CHECK_OCCURRENCE_PERM_FUNC(occurrence, staff_member())


def test_django_scheduler_refuses_another_users_calendar():
    from schedule.settings import CHECK_CALENDAR_PERM_FUNC

    owner = staff_member()
    calendar = services.personal_calendar(owner)
    assert CHECK_CALENDAR_PERM_FUNC(calendar, owner)
    assert not CHECK_CALENDAR_PERM_FUNC(calendar, staff_member())


def test_django_schedulers_edit_decorator_refuses_another_user(rf):
    from schedule.utils import check_event_permissions

    made = entry(staff_member(), working_day())
    reached = []
    view = check_event_permissions(lambda request, **kwargs: reached.append(True))
    request = rf.get("/")
    request.user = staff_member()
    response = view(request, event_id=made.pk, calendar_slug=made.calendar.slug)
    assert not reached and response.status_code in (302, 403, 404)


def test_an_entry_without_a_title_is_refused_in_japanese(staff_client):
    response = staff_client.post(
        reverse("reservations:event_new"), entry_form(working_day(), title="  ")
    )
    assert "件名を入力してください" in response.content.decode()
    assert not Event.objects.exists()


def test_an_unreadable_date_in_the_new_entry_address_is_today(staff_client):
    response = staff_client.get(reverse("reservations:event_new") + "?date=2026-02-31")
    assert response.status_code == 200
