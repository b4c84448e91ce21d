"""In a real browser: the day timeline shows bookings as blocks; a click on a free slot, a
drag across four slots or Shift + arrow keys open the booking form for that span; axe finds
no serious issue on the timeline, a room's week and 「空き会議室を探す」."""

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from intranet.demo.organisation import DEMO_PASSWORD
from intranet.site import ensure_home_page
from tests.browser.test_login_dashboard import blocking_violations, log_in
from tests.factories import at, booking, room, staff_member, working_day

pytestmark = pytest.mark.django_db(transaction=True)


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
def meeting_room(staff, day):
    first = room("第1会議室", capacity=12, features=["プロジェクター"])
    room("第2会議室", capacity=6, requires_approval=True)
    booking(first, at(day, "10:00"), at(day, "11:00"), title="予算ヒアリング")
    return first


def open_timeline(page, live_server, staff, day):
    log_in(page, live_server, username=staff.username)
    page.goto(f"{live_server.url}/reservations/?date={day.isoformat()}")
    expect(page.get_by_role("heading", level=1, name="施設予約")).to_be_visible()


def booking_form_for(resource, day, start, end):
    """A predicate for page.wait_for_url: the booking form for this resource and span."""
    wanted = {
        "resource": [str(resource.pk)],
        "start": [f"{day.isoformat()}T{start}"],
        "end": [f"{day.isoformat()}T{end}"],
    }

    def matches(url):
        parsed = urlparse(url)
        return parsed.path == "/reservations/new/" and parse_qs(parsed.query) == wanted

    return matches


def free_slot(page, resource, day, start):
    return page.locator(
        f'tr[data-resource="{resource.pk}"] td.tl-free > a[data-start="{day.isoformat()}T{start}"]'
    )


def test_the_timeline_shows_a_booking_as_a_block(page, live_server, staff, meeting_room, day):
    open_timeline(page, live_server, staff, day)
    row = page.locator(f'tr[data-resource="{meeting_room.pk}"]')
    block = row.locator("td.tl-booked")
    expect(block).to_contain_text("予算ヒアリング")
    expect(block).to_have_attribute("colspan", "4")


def test_a_click_on_a_free_slot_opens_the_form_for_that_quarter_hour(
    page, live_server, staff, meeting_room, day
):
    open_timeline(page, live_server, staff, day)
    page.get_by_role("link", name="第1会議室を13:00〜13:15で予約する").click()
    page.wait_for_url(booking_form_for(meeting_room, day, "13:00", "13:15"))


def test_a_drag_across_four_slots_books_an_hour(page, live_server, staff, meeting_room, day):
    open_timeline(page, live_server, staff, day)
    first = free_slot(page, meeting_room, day, "14:00")
    last = free_slot(page, meeting_room, day, "14:45")
    first.scroll_into_view_if_needed()
    start, end = first.bounding_box(), last.bounding_box()
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(end["x"] + end["width"] / 2, end["y"] + end["height"] / 2, steps=12)
    expect(page.get_by_role("status").filter(has_text="14:00〜15:00")).to_be_visible()
    page.mouse.up()
    page.wait_for_url(booking_form_for(meeting_room, day, "14:00", "15:00"))


def test_shift_and_the_arrow_keys_then_enter_book_an_hour(
    page, live_server, staff, meeting_room, day
):
    open_timeline(page, live_server, staff, day)
    free_slot(page, meeting_room, day, "15:00").focus()
    for _ in range(3):
        page.keyboard.press("Shift+ArrowRight")
    expect(page.get_by_role("status").filter(has_text="15:00〜16:00")).to_be_visible()
    page.keyboard.press("Enter")
    page.wait_for_url(booking_form_for(meeting_room, day, "15:00", "16:00"))


def test_the_timeline_passes_axe(page, live_server, staff, meeting_room, day):
    open_timeline(page, live_server, staff, day)
    expect(page.get_by_text("【仮予約】").or_(page.get_by_text("予算ヒアリング"))).to_be_visible()
    assert blocking_violations(page) == []


def test_a_rooms_week_passes_axe(page, live_server, staff, meeting_room, day):
    log_in(page, live_server, username=staff.username)
    page.goto(f"{live_server.url}/reservations/resources/{meeting_room.pk}/?week={day}")
    expect(page.get_by_role("heading", level=1, name="第1会議室")).to_be_visible()
    expect(page.locator("td.tl-booked")).to_contain_text("予算ヒアリング")
    assert blocking_violations(page) == []


def test_find_room_with_its_alternatives_passes_axe(page, live_server, staff, meeting_room, day):
    log_in(page, live_server, username=staff.username)
    page.goto(f"{live_server.url}/reservations/find/")
    page.get_by_label("日付").fill(day.isoformat())
    page.get_by_label("開始").fill("10:00")
    page.get_by_label("終了").fill("11:00")
    page.get_by_label("必要な席数").fill("10")
    page.locator("form.find-room-form").get_by_role("button", name="検索").click()
    expect(page.get_by_role("heading", name="同じ日の別の時間")).to_be_visible()
    assert blocking_violations(page) == []


# Drawn to scale, one tab stop, arrow keys, closed spans a keyboard reaches ----------


@pytest.fixture
def busy_day(meeting_room, day):
    """A long title at 9:00–10:00 (it widened its hour before) and a half-hour blackout."""
    from reservations.models import Blackout, Resource

    other = Resource.objects.get(name="第2会議室")
    booking(
        other,
        at(day, "09:00"),
        at(day, "10:00"),
        title="令和9年度当初予算編成方針説明会（全庁）",
    )
    Blackout.objects.create(
        resource=other, starts_at=at(day, "13:00"), ends_at=at(day, "13:30"), reason="床の清掃"
    )
    return other


def column_widths(page):
    return page.locator("thead th.tl-time").evaluate_all(
        "cells => cells.map(cell => cell.getBoundingClientRect().width)"
    )


def tab_stops_in(page, selector):
    """How many elements inside ``selector`` the Tab key stops at."""
    return page.locator(selector).evaluate(
        """grid => Array.from(grid.querySelectorAll('a[href], button, input, [tabindex]'))
            .filter(element => element.tabIndex >= 0 && element.getClientRects().length)
            .length"""
    )


def test_every_quarter_hour_is_as_wide_as_the_others(page, live_server, staff, busy_day, day):
    page.set_viewport_size({"width": 1280, "height": 900})
    open_timeline(page, live_server, staff, day)
    widths = column_widths(page)
    assert len(widths) == 52  # 8:00–21:00
    assert max(widths) - min(widths) <= 1


def test_the_business_day_fits_at_1280_without_sideways_scrolling(
    page, live_server, staff, busy_day, day
):
    page.set_viewport_size({"width": 1280, "height": 900})
    open_timeline(page, live_server, staff, day)
    box = page.locator(".tl-scroll")
    assert box.evaluate("element => element.scrollWidth <= element.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_grid_is_one_tab_stop(page, live_server, staff, busy_day, day):
    open_timeline(page, live_server, staff, day)
    assert page.locator("table[data-timeline]").get_attribute("role") == "grid"
    assert tab_stops_in(page, "table[data-timeline]") == 1


def test_the_arrow_keys_move_between_quarter_hours_and_rooms(
    page, live_server, staff, busy_day, meeting_room, day
):
    open_timeline(page, live_server, staff, day)
    free_slot(page, meeting_room, day, "12:45").focus()
    page.keyboard.press("ArrowRight")
    expect(free_slot(page, meeting_room, day, "13:00")).to_be_focused()
    page.keyboard.press("ArrowDown")
    closed = page.locator(f'tr[data-resource="{busy_day.pk}"] td.tl-closed')
    expect(closed).to_be_focused()
    expect(closed).to_have_accessible_name("床の清掃")
    page.keyboard.press("ArrowRight")
    expect(free_slot(page, busy_day, day, "13:30")).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(free_slot(page, meeting_room, day, "13:30")).to_be_focused()
    page.keyboard.press("Home")
    expect(page.get_by_role("link", name="第1会議室", exact=True)).to_be_focused()
    page.keyboard.press("End")
    expect(free_slot(page, meeting_room, day, "20:45")).to_be_focused()
    assert tab_stops_in(page, "table[data-timeline]") == 1


def test_enter_on_a_slot_reached_by_arrow_keys_opens_its_form(
    page, live_server, staff, busy_day, meeting_room, day
):
    open_timeline(page, live_server, staff, day)
    free_slot(page, meeting_room, day, "11:00").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    page.wait_for_url(booking_form_for(meeting_room, day, "11:15", "11:30"))


def test_a_closed_span_stands_out_from_a_free_slot(page, live_server, staff, busy_day, day):
    open_timeline(page, live_server, staff, day)
    closed = page.locator(f'tr[data-resource="{busy_day.pk}"] td.tl-closed')
    expect(closed).to_have_attribute("title", "床の清掃")
    stripes = closed.evaluate("cell => getComputedStyle(cell).backgroundImage")
    assert "rgb(107, 107, 107)" in stripes  # #6b6b6b: 5.3:1 against the white of a free slot


@pytest.mark.parametrize("width", [1280, 375])
def test_the_busy_timeline_passes_axe(page, live_server, staff, busy_day, day, width):
    page.set_viewport_size({"width": width, "height": 900})
    open_timeline(page, live_server, staff, day)
    assert blocking_violations(page) == []
