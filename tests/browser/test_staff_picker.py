"""The staff picker in a real browser: type a reading, pick with the keyboard, remove a chip.

At 1280 px on the booking form, at 375 px on 「空き時間を探す」, and without
JavaScript as a plain search; axe checks each state.
"""

import re

import pytest
from playwright.sync_api import expect

from intranet.demo.organisation import DEMO_PASSWORD
from intranet.site import ensure_home_page
from reservations.models import Booking
from tests.browser.test_login_dashboard import blocking_violations, log_in
from tests.factories import DepartmentFactory, room, staff_member, working_day

pytestmark = pytest.mark.django_db(transaction=True)

BOOKING_PAGE = re.compile(r"/reservations/\d+/$")


@pytest.fixture
def people(transactional_db):
    ensure_home_page()  # an earlier browser test's flush may have taken it
    somu_bu = DepartmentFactory(name="総務部", kind="bu")
    somu = DepartmentFactory(name="総務課", parent=somu_bu, sort_order=5)
    shimin = DepartmentFactory(name="市民課", sort_order=0)
    me = staff_member(full_name="鈴木 一郎", full_name_kana="すずき いちろう", department=somu)
    me.set_password(DEMO_PASSWORD)
    me.save()
    return {
        "me": me,
        "hanako": staff_member(
            full_name="山田 花子", full_name_kana="やまだ はなこ", department=somu
        ),
        "taro": staff_member(
            full_name="山田 太郎", full_name_kana="やまだ たろう", department=shimin
        ),
    }


def picker_box(page, label):
    return page.get_by_role("combobox", name=label)


def test_pick_participants_with_the_keyboard_and_remove_one(page, live_server, people):
    meeting_room = room("第2会議室", capacity=10)
    day = working_day(2)
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, username=people["me"].username)
    page.goto(
        f"{live_server.url}/reservations/new/?resource={meeting_room.pk}"
        f"&start={day.isoformat()}T10:00&end={day.isoformat()}T11:00"
    )
    page.get_by_label("タイトル").fill("係内打合せ")
    box = picker_box(page, "参加者")
    expect(page.get_by_role("button", name="職員を検索")).to_have_count(0)
    box.press_sequentially("ヤマダ")

    listbox = page.get_by_role("listbox", name="該当する職員")
    options = listbox.get_by_role("option")
    expect(options).to_have_count(2)
    expect(options.first).to_contain_text("山田 花子")  # my own section first
    expect(box).to_have_attribute("aria-expanded", "true")
    assert blocking_violations(page) == []

    box.press("ArrowDown")
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", re.compile(r"-option-1$"))
    box.press("Enter")
    chosen = page.get_by_role("list", name="選んだ人")
    expect(chosen.get_by_role("listitem")).to_have_text(["山田 太郎（市民課）×"])
    expect(page.get_by_role("status").filter(has_text="追加しました")).to_have_text(
        "山田 太郎（市民課）を追加しました"
    )
    expect(box).to_be_focused()
    expect(box).to_have_value("")

    box.press_sequentially("やまだ")
    expect(listbox.get_by_role("option")).to_have_count(1)  # the chosen one is not offered again
    box.press("ArrowDown")
    box.press("Enter")
    expect(chosen.get_by_role("listitem")).to_have_count(2)

    remove = page.get_by_role("button", name="山田 太郎（市民課）を外す")
    remove.focus()
    page.keyboard.press("Enter")
    expect(chosen.get_by_role("listitem")).to_have_text(["山田 花子（総務課）×"])
    expect(box).to_be_focused()
    assert blocking_violations(page) == []

    page.get_by_role("button", name="予約する", exact=True).click()
    page.wait_for_url(BOOKING_PAGE)
    made = Booking.objects.get(title="係内打合せ")
    assert list(made.attendees.all()) == [people["hanako"]]


def test_find_a_free_time_with_colleagues_on_a_phone(page, live_server, people):
    page.set_viewport_size({"width": 375, "height": 812})
    log_in(page, live_server, username=people["me"].username)
    page.goto(f"{live_server.url}/reservations/schedule/find-time/")
    box = picker_box(page, "一緒に参加する職員")
    box.press_sequentially("市民課")  # a department
    expect(page.get_by_role("status").filter(has_text="該当")).to_contain_text(
        "該当する職員は1人です。"
    )
    page.get_by_role("option", name=re.compile("山田 太郎")).click()
    chosen = page.get_by_role("list", name="選んだ人")
    expect(chosen.get_by_role("listitem")).to_have_text(["山田 太郎（市民課）×"])
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert blocking_violations(page) == []

    page.locator("main").get_by_role("button", name="検索", exact=True).click()
    page.wait_for_url(re.compile(rf"colleagues={people['taro'].pk}"))
    expect(page.get_by_role("list", name="選んだ人").get_by_role("listitem")).to_have_text(
        ["山田 太郎（市民課）×"]
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert blocking_violations(page) == []


def test_without_javascript_the_picker_is_a_plain_search(browser, live_server, people):
    context = browser.new_context(locale="ja-JP", java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, live_server, username=people["me"].username)
        page.goto(f"{live_server.url}/reservations/schedule/find-time/")
        page.get_by_label("一緒に参加する職員").fill("やまだ")
        page.get_by_role("button", name="職員を検索").click()
        results = page.get_by_role("group", name=re.compile("「やまだ」に該当する職員：2人"))
        expect(results.get_by_role("checkbox")).to_have_count(2)
        results.get_by_label("山田 太郎（市民課）").check()
        page.locator("main").get_by_role("button", name="検索", exact=True).click()
        page.wait_for_url(re.compile(rf"colleagues={people['taro'].pk}"))
        expect(page.get_by_role("checkbox", name="山田 太郎（市民課）")).to_be_checked()
        expect(page.get_by_role("heading", name="空き時間", exact=True)).to_be_visible()
    finally:
        context.close()
