"""On a phone (375×812): a compact header whose 「メニュー」 button folds the menu away,
and a notice list that keeps each notice's status on screen; axe finds no serious issue."""

import pytest
from playwright.sync_api import expect

from intranet.demo.organisation import DEMO_PASSWORD
from intranet.site import ensure_home_page
from tests.browser.test_login_dashboard import blocking_violations, log_in
from tests.bulletin.conftest import Office
from tests.factories import notice

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 812}
TITLE = "個人情報保護研修の受講について"


@pytest.fixture
def office(transactional_db):
    ensure_home_page()  # an earlier browser test's flush may have taken it
    office = Office()
    office.citizen.set_password(DEMO_PASSWORD)
    office.citizen.save()
    notice(
        TITLE,
        body="<p>12月15日までに受講してください。</p>",
        sender=office.jinji,
        importance=1,
        requires_confirmation=True,
    )
    return office


def header_share(page):
    """How much of the screen's height the header and its menu take."""
    return page.evaluate(
        "() => document.querySelector('.site-header').getBoundingClientRect().height"
        " / window.innerHeight"
    )


def test_the_header_takes_little_of_a_phone_screen_on_every_page(page, live_server, office):
    page.set_viewport_size(PHONE)
    log_in(page, live_server, username=office.citizen.username)
    shares = {}
    for path in ["/", "/bulletin/", "/search/?q=研修", "/accounts/password/"]:
        page.goto(f"{live_server.url}{path}")
        shares[path] = round(header_share(page), 3)
    assert all(share <= 0.15 for share in shares.values()), shares


def test_the_menu_button_opens_and_closes_the_menu(page, live_server, office):
    page.set_viewport_size(PHONE)
    log_in(page, live_server, username=office.citizen.username)
    button = page.get_by_role("button", name="メニュー")
    nav = page.get_by_role("navigation", name="メインメニュー")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()
    expect(page.get_by_role("button", name="ログアウト")).to_be_hidden()
    assert blocking_violations(page) == []

    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(nav.get_by_role("link", name="掲示板")).to_be_visible()
    expect(page.get_by_role("button", name="ログアウト")).to_be_visible()
    assert blocking_violations(page) == []

    nav.get_by_role("link", name="掲示板").focus()
    page.keyboard.press("Escape")
    expect(nav).to_be_hidden()
    expect(button).to_be_focused()

    button.click()
    nav.get_by_role("link", name="掲示板").click()
    expect(page.get_by_role("heading", level=1, name="掲示板")).to_be_visible()


def test_a_wide_screen_shows_the_menu_without_a_button(page, live_server, office):
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, live_server, username=office.citizen.username)
    expect(page.get_by_role("navigation", name="メインメニュー")).to_be_visible()
    expect(page.get_by_role("button", name="メニュー")).to_be_hidden()


def test_without_javascript_the_menu_stays_open(browser, live_server, office):
    context = browser.new_context(locale="ja-JP", java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    try:
        log_in(page, live_server, username=office.citizen.username)
        expect(page.get_by_role("navigation", name="メインメニュー")).to_be_visible()
        expect(page.locator(".site-menu-button")).to_be_hidden()
    finally:
        context.close()


def test_the_notice_list_keeps_my_status_on_a_phone_screen(page, live_server, office):
    page.set_viewport_size(PHONE)
    log_in(page, live_server, username=office.citizen.username)
    page.goto(f"{live_server.url}/bulletin/")
    row = page.get_by_role("row").filter(has_text=TITLE)
    # Scroll the page down to the notice (never the table sideways).
    page.evaluate("top => window.scrollTo(0, top)", row.bounding_box()["y"])
    status = row.get_by_text("要確認")
    expect(status).to_be_in_viewport()
    box = status.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert page.locator(".table-wrap").evaluate("wrap => wrap.scrollWidth <= wrap.clientWidth")
    assert page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    assert blocking_violations(page) == []
