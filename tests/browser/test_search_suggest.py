"""Suggestions under the header's search box, as a staff member types (ARIA combobox).

The IME is driven through Chromium's own input pipeline (CDP
Input.imeSetComposition): the page gets compositionstart, compositionupdate
and `input` events with isComposing set, as when hiragana is typed before it
is converted. The FAQ suggestions while composing need the engines to match
a prefix of title words (SearchRequest.prefix and title_only).
"""

import pytest
from playwright.sync_api import expect

from intranet.site import ensure_home_page
from search.models import SearchQueryLog
from tests.browser.test_login_dashboard import blocking_violations
from tests.factories import PASSWORD, DepartmentFactory, faq_home, live_faq, staff_member

pytestmark = pytest.mark.django_db(transaction=True)

BOX = "イントラネット内を検索"


@pytest.fixture
def content(transactional_db):
    ensure_home_page()  # an earlier transactional test flushed it
    home = faq_home()
    faqs = {
        "forgot": live_faq(home, "パスワードを忘れた", "窓口で再発行します。"),
        "change": live_faq(home, "パスワードの変更方法", "設定画面から変更します。"),
    }
    for department in [DepartmentFactory() for _ in range(3)]:
        SearchQueryLog.objects.create(query="会議室 予約", department=department, hits=4)
    return {"faqs": faqs, "user": staff_member()}


def log_in(page, live_server, user):
    page.goto(f"{live_server.url}/")
    page.get_by_label("ユーザー名").fill(user.username)
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(f"{live_server.url}/")


def compose(page, steps):
    """Type through the IME: each step is the text being composed, not yet converted."""
    session = page.context.new_cdp_session(page)
    for text in steps:
        session.send(
            "Input.imeSetComposition",
            {"text": text, "selectionStart": len(text), "selectionEnd": len(text)},
        )
    return session


def record_input_events(page):
    page.evaluate(
        """() => { window.inputEvents = [];
        document.getElementById('global-search').addEventListener('input',
            event => window.inputEvents.push(event.isComposing)); }"""
    )


def test_hiragana_still_being_composed_suggests_the_faq(page, live_server, content):
    log_in(page, live_server, content["user"])
    box = page.get_by_role("combobox", name=BOX)
    expect(box).to_have_attribute("aria-expanded", "false")
    record_input_events(page)
    box.focus()
    compose(page, ["ぱ", "ぱす", "ぱすわ"])

    listbox = page.get_by_role("listbox", name="検索の候補")
    expect(listbox.get_by_role("option", name="パスワードを忘れた")).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    assert box.input_value() == "ぱすわ"
    assert page.evaluate("window.inputEvents") == [True, True, True]  # still composing
    assert listbox.get_by_role("group", name="FAQ").is_visible()
    assert blocking_violations(page) == []


def test_enter_while_composing_confirms_the_ime_and_opens_nothing(page, live_server, content):
    log_in(page, live_server, content["user"])
    box = page.get_by_role("combobox", name=BOX)
    box.fill("パスワード")
    expect(page.get_by_role("option").first).to_be_visible()
    box.press("ArrowDown")
    # The IME's own Enter (isComposing) belongs to the conversion.
    box.dispatch_event("keydown", {"key": "Enter", "isComposing": True, "bubbles": True})
    page.wait_for_timeout(300)
    assert page.url == f"{live_server.url}/"


def test_up_down_and_enter_open_the_chosen_faq(page, live_server, content):
    log_in(page, live_server, content["user"])
    box = page.get_by_role("combobox", name=BOX)
    box.fill("パスワード")
    options = page.get_by_role("option")
    expect(options).to_have_count(2)

    box.press("ArrowDown")
    first = options.nth(0)
    expect(first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    box.press("ArrowDown")
    box.press("ArrowDown")  # past the last: back to the first
    expect(first).to_have_attribute("aria-selected", "true")
    box.press("ArrowUp")  # before the first: the last
    last = options.nth(1)
    expect(last).to_have_attribute("aria-selected", "true")
    expect(box).to_be_focused()

    title = last.inner_text()
    box.press("Enter")
    page.wait_for_url(f"{live_server.url}{content['faqs']['change'].url}")
    assert title == "パスワードの変更方法"


def test_a_popular_search_is_suggested_from_its_reading_and_searched(page, live_server, content):
    log_in(page, live_server, content["user"])
    box = page.get_by_role("combobox", name=BOX)
    box.focus()
    page.keyboard.insert_text("かいぎ")
    group = page.get_by_role("group", name="よく検索される語")
    expect(group.get_by_role("option", name="会議室 予約")).to_be_visible()
    box.press("ArrowDown")
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert page.get_by_role("combobox", name=BOX).input_value() == "会議室 予約"


def test_escape_closes_the_list_and_enter_then_searches_what_was_typed(page, live_server, content):
    log_in(page, live_server, content["user"])
    box = page.get_by_role("combobox", name=BOX)
    box.fill("パスワード")
    listbox = page.get_by_role("listbox", name="検索の候補")
    expect(listbox).to_be_visible()
    box.press("ArrowDown")
    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    assert box.get_attribute("aria-activedescendant") is None
    assert box.input_value() == "パスワード"
    box.press("Enter")
    page.wait_for_url("**/search/?q=%E3%83%91*")


def test_a_click_on_a_suggestion_opens_it_on_a_phone_sized_screen(page, live_server, content):
    page.set_viewport_size({"width": 375, "height": 700})
    log_in(page, live_server, content["user"])
    box = page.get_by_role("combobox", name=BOX)
    box.fill("パスワード")
    option = page.get_by_role("option", name="パスワードを忘れた")
    expect(option).to_be_visible()
    listbox = page.get_by_role("listbox", name="検索の候補").bounding_box()
    assert listbox["x"] >= 0 and listbox["x"] + listbox["width"] <= 375
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert blocking_violations(page) == []
    option.click()
    page.wait_for_url(f"{live_server.url}{content['faqs']['forgot'].url}")


def test_without_javascript_the_box_simply_searches(browser, live_server, content):
    context = browser.new_context(locale="ja-JP", java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, live_server, content["user"])
        box = page.get_by_role("searchbox", name=BOX)
        box.fill("パスワード")
        box.press("Enter")
        page.wait_for_url("**/search/?q=*")
        assert page.get_by_role("listbox").count() == 0  # the hidden list is never shown
    finally:
        context.close()
