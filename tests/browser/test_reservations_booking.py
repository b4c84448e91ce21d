"""In a real browser, as staff do it: book a room from the timeline, book it every week
around someone else's meeting, move a booking and cancel it; axe checks each screen."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from intranet.demo.organisation import DEMO_PASSWORD
from intranet.site import ensure_home_page
from reservations.models import Booking
from tests.browser.test_login_dashboard import blocking_violations, log_in
from tests.factories import at, booking, room, staff_member, working_day

pytestmark = pytest.mark.django_db(transaction=True)

BOOKING_PAGE = re.compile(r"/reservations/\d+/$")


@pytest.fixture
def day():
    return working_day(2)


@pytest.fixture
def staff(transactional_db):
    ensure_home_page()  # an earlier browser test's flush may have taken it
    user = staff_member()
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


@pytest.fixture
def meeting_room(staff):
    return room("第2会議室", capacity=10, features=["ホワイトボード"])


def test_staff_book_a_room_from_the_timeline(page, live_server, staff, meeting_room, day):
    log_in(page, live_server, username=staff.username)
    page.goto(f"{live_server.url}/reservations/?date={day.isoformat()}")
    page.get_by_role("link", name="第2会議室を10:00〜10:15で予約する").click()
    page.wait_for_url(re.compile(r"/reservations/new/\?"))
    expect(page.get_by_label("開始時刻")).to_have_value("10:00")
    assert blocking_violations(page) == []

    page.get_by_label("終了時刻").fill("11:00")
    page.get_by_label("タイトル").fill("係内打合せ")
    page.get_by_role("button", name="予約する", exact=True).click()
    page.wait_for_url(BOOKING_PAGE)
    expect(page.get_by_role("heading", level=1, name="係内打合せ")).to_be_visible()
    expect(page.locator("main")).to_contain_text("確定")
    assert blocking_violations(page) == []

    made = Booking.objects.get(title="係内打合せ")
    assert (made.starts_at, made.ends_at, made.booked_by) == (
        at(day, "10:00"),
        at(day, "11:00"),
        staff,
    )


def test_a_weekly_booking_lists_the_clash_and_books_the_rest(
    page, live_server, staff, meeting_room, day
):
    second_week = day + datetime.timedelta(days=7)
    booking(meeting_room, at(second_week, "09:00"), at(second_week, "10:00"), title="研修")
    log_in(page, live_server, username=staff.username)
    page.goto(
        f"{live_server.url}/reservations/new/?resource={meeting_room.pk}"
        f"&start={day.isoformat()}T09:00&end={day.isoformat()}T10:00"
    )
    page.get_by_label("タイトル").fill("庁内調整会議")
    page.locator("summary").filter(has_text="繰り返し").click()
    page.get_by_label("毎週", exact=True).check()
    page.get_by_label("または回数").fill("4")
    page.get_by_role("button", name="予約する", exact=True).click()

    expect(page.get_by_role("heading", level=1, name="予約できない日があります")).to_be_visible()
    expect(page.locator("main")).to_contain_text(f"{second_week.month}月{second_week.day}日")
    assert blocking_violations(page) == []
    page.get_by_role("button", name=re.compile(r"残りの\d+件を予約する")).click()
    page.wait_for_url(BOOKING_PAGE)

    series = Booking.objects.filter(title="庁内調整会議", status=Booking.Status.CONFIRMED)
    booked_days = {timezone_day(b.starts_at) for b in series}
    assert day in booked_days and second_week not in booked_days
    assert len(booked_days) >= 2 and len({b.series_id for b in series}) == 1


def timezone_day(moment):
    from django.utils import timezone

    return timezone.localtime(moment).date()


def test_a_booking_is_moved_then_cancelled(page, live_server, staff, meeting_room, day):
    held = booking(meeting_room, at(day, "13:00"), at(day, "14:00"), user=staff, title="面接")
    log_in(page, live_server, username=staff.username)
    page.goto(f"{live_server.url}/reservations/{held.pk}/")
    page.get_by_role("link", name="変更", exact=True).click()
    page.wait_for_url(re.compile(rf"/reservations/{held.pk}/edit/$"))
    assert blocking_violations(page) == []
    page.get_by_label("開始時刻").fill("15:00")
    page.get_by_label("終了時刻").fill("16:00")
    page.get_by_role("button", name="変更を保存").click()
    page.wait_for_url(re.compile(rf"/reservations/{held.pk}/$"))
    expect(page.locator("main")).to_contain_text("15:00〜16:00")
    held.refresh_from_db()
    assert (held.starts_at, held.sequence) == (at(day, "15:00"), 1)

    page.get_by_role("link", name="予約を取り消す").click()
    page.wait_for_url(re.compile(rf"/reservations/{held.pk}/cancel/$"))
    assert blocking_violations(page) == []
    page.get_by_role("button", name="取り消す", exact=True).click()
    page.wait_for_url(re.compile(rf"/reservations/{held.pk}/$"))
    expect(page.locator("main")).to_contain_text("取消")
    held.refresh_from_db()
    assert held.status == Booking.Status.CANCELLED


def test_my_bookings_and_my_schedule_pass_axe(page, live_server, staff, meeting_room, day):
    booking(meeting_room, at(day, "10:00"), at(day, "11:00"), user=staff, title="課内会議")
    log_in(page, live_server, username=staff.username)
    for address in ("/reservations/mine/", f"/reservations/schedule/?week={day.isoformat()}"):
        page.goto(f"{live_server.url}{address}")
        expect(page.locator("main")).to_contain_text("課内会議")
        assert blocking_violations(page) == [], address
    for address in ("/reservations/schedule/find-time/", "/reservations/feeds/"):
        page.goto(f"{live_server.url}{address}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert blocking_violations(page) == [], address
