"""In a real browser: a repeating entry opened at one occurrence from the week offers the
bookings' 「変更する範囲」 and 「取り消す範囲」 at 1280 px and 375 px; axe finds no serious
issue; cancelling 「この予定のみ」 takes that day off the week and leaves the next."""

import datetime

import pytest
from playwright.sync_api import expect

from intranet.demo.organisation import DEMO_PASSWORD
from intranet.site import ensure_home_page
from reservations.models import Booking
from tests.browser.test_login_dashboard import blocking_violations, log_in
from tests.factories import DepartmentFactory, at, open_weeks, room, staff_member
from tests.reservations.schedule_factories import weekly_meeting

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = "/tmp"


@pytest.fixture
def first():
    return open_weeks(2, weeks=3)


@pytest.fixture
def organiser(transactional_db, first):
    """山田 太郎 with a weekly 定例会 for three weeks, a colleague and a room."""
    ensure_home_page()
    user = staff_member(department=DepartmentFactory(name="情報政策課"), full_name="山田 太郎")
    user.set_password(DEMO_PASSWORD)
    user.save()
    user.weekly = weekly_meeting(
        user,
        first,
        weeks=3,
        participants=[staff_member(full_name="佐藤 花子")],
        facilities=[room("第5会議室")],
    )
    return user


@pytest.mark.parametrize("width", [1280, 375])
def test_one_occurrence_is_opened_from_the_week_and_cancelled_alone(
    page, live_server, organiser, first, width
):
    second = first + datetime.timedelta(weeks=1)
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server, username=organiser.username)
    page.goto(f"{live_server.url}/reservations/schedule/?week={second:%Y-%m-%d}")
    page.get_by_role("link", name="定例会").first.click()
    expect(page).to_have_url(
        f"{live_server.url}/reservations/schedule/events/"
        f"{organiser.weekly.pk}/?date={second:%Y-%m-%d}"
    )
    change = page.get_by_role("group", name="変更する範囲")
    cancel = page.get_by_role("group", name="取り消す範囲")
    for scope in (change, cancel):
        expect(scope).to_be_visible()
        for words in ("この予定のみ", "これ以降すべて", "すべての繰り返し"):
            expect(scope.get_by_role("radio", name=words)).to_be_visible()
    expect(change.get_by_role("radio", name="この予定のみ")).to_be_checked()
    expect(page.get_by_label("対象の日")).to_have_value(f"{second:%Y-%m-%d}")
    page.screenshot(path=f"{SCREENSHOTS}/schedule-occurrence-{width}.png", full_page=True)
    assert blocking_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    cancel.get_by_role("radio", name="この予定のみ").check()
    page.get_by_role("button", name="削除").click()
    expect(page.get_by_text("「定例会」のこの回を取り消しました。")).to_be_visible()
    page.goto(f"{live_server.url}/reservations/schedule/?week={second:%Y-%m-%d}")
    expect(page.get_by_role("link", name="定例会")).to_have_count(0)
    third = second + datetime.timedelta(weeks=1)
    page.goto(f"{live_server.url}/reservations/schedule/?week={third:%Y-%m-%d}")
    expect(page.get_by_role("link", name="定例会")).to_have_count(1)
    statuses = list(Booking.objects.order_by("starts_at").values_list("status", flat=True))
    assert statuses == ["confirmed", "cancelled", "confirmed"]


def test_a_clash_for_one_occurrence_comes_back_with_the_clash_list(
    page, live_server, organiser, first
):
    from tests.factories import booking

    second = first + datetime.timedelta(weeks=1)
    meeting_room = organiser.weekly.detail.bookings.first().resources.get()
    booking(meeting_room, at(second, "14:00"), at(second, "15:00"), user=staff_member())
    page.set_viewport_size({"width": 375, "height": 900})
    log_in(page, live_server, username=organiser.username)
    page.goto(
        f"{live_server.url}/reservations/schedule/events/{organiser.weekly.pk}/"
        f"?date={second:%Y-%m-%d}"
    )
    page.get_by_label("開始時刻").fill("14:00")
    page.get_by_label("終了時刻").fill("15:00")
    page.get_by_role("button", name="変更を保存").click()
    expect(page.get_by_text("既に予約").first).to_be_visible()
    page.screenshot(path=f"{SCREENSHOTS}/schedule-occurrence-clash-375.png", full_page=True)
    assert blocking_violations(page) == []
    assert not organiser.weekly.occurrence_set.exists()
