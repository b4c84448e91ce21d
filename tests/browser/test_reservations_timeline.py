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
