"""In a real browser, a staff member starts a thread in a board and replies to it; axe finds no
serious or critical issue on the room's pages."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from bulletin.conference.demo import load_conference_demo
from tests.browser.test_login_dashboard import blocking_violations, log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_room(transactional_db, small_python_faq):
    call_command("load_demo", verbosity=0)
    load_conference_demo()


def open_board(page, live_server, name):
    log_in(page, live_server)
    page.get_by_role("navigation", name="メインメニュー").get_by_role(
        "link", name="職員電子会議室"
    ).click()
    expect(page.get_by_role("heading", level=1, name="職員電子会議室")).to_be_visible()
    page.get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", level=1, name=name)).to_be_visible()


def test_a_staff_member_starts_a_thread_and_replies(page, live_server, demo_room):
    open_board(page, live_server, "業務改善アイデア")
    page.get_by_role("link", name="スレッドを立てる").click()
    page.get_by_label("タイトル").fill("庁内の掲示物を電子化したい")
    page.get_by_label("本文").fill("廊下の掲示板の貼り紙を、電子会議室で共有しませんか。")
    page.get_by_role("button", name="スレッドを立てる").click()
    expect(page.get_by_role("heading", level=1, name="庁内の掲示物を電子化したい")).to_be_visible()
    expect(page.get_by_text("スレッドを投稿しました。")).to_be_visible()

    page.get_by_label("本文").fill("掲示期限も一緒に書けると便利です。")
    page.get_by_role("button", name="返信する").click()
    expect(page.get_by_text("返信を投稿しました。")).to_be_visible()
    expect(page.get_by_text("掲示期限も一緒に書けると便利です。")).to_be_visible()
    assert page.locator("article.post").count() == 2


def test_a_reply_quotes_a_post(page, live_server, demo_room):
    open_board(page, live_server, "業務改善アイデア")
    page.get_by_role("link", name="会議資料は前日までにフォルダーへ、当日の印刷をやめる").click()
    page.get_by_role("link", name="引用して返信").first.click()
    expect(page.locator("blockquote")).to_contain_text("共有フォルダー")
    page.get_by_label("本文").fill("うちの課でも試してみます。")
    page.get_by_role("button", name="返信する").click()
    expect(page.get_by_text("返信を投稿しました。")).to_be_visible()
    expect(page.locator("article.post").last.locator("blockquote")).to_contain_text(
        "共有フォルダー"
    )


def test_an_anonymous_post_shows_anonymous(page, live_server, demo_room):
    open_board(page, live_server, "職場の声")
    page.get_by_role("link", name="スレッドを立てる").click()
    expect(page.get_by_text("モデレーターには投稿者が分かります")).to_be_visible()
    page.get_by_label("タイトル").fill("会議室の空調について")
    page.get_by_label("本文").fill("午後になると会議室がとても暑くなります。")
    page.get_by_label("匿名で投稿する").check()
    page.get_by_role("button", name="スレッドを立てる").click()
    expect(page.get_by_role("heading", level=3, name="匿名")).to_be_visible()


def test_the_rooms_pages_have_no_serious_accessibility_violation(page, live_server, demo_room):
    open_board(page, live_server, "業務改善アイデア")
    assert blocking_violations(page) == []
    page.get_by_role("link", name="窓口の番号札をやめて", exact=False).click()
    expect(page.get_by_role("heading", name="返信", exact=True)).to_be_visible()
    assert blocking_violations(page) == []
    page.goto(f"{live_server.url}/bulletin/conference/kaizen/new/")
    page.get_by_role("button", name="スレッドを立てる").click()
    expect(page.get_by_text("スレッドのタイトルを書いてください。")).to_be_visible()
    assert blocking_violations(page) == []


def test_the_board_list_has_no_serious_accessibility_violation(page, live_server, demo_room):
    log_in(page, live_server)
    page.goto(f"{live_server.url}/bulletin/conference/")
    expect(page.get_by_role("link", name="職場の声")).to_be_visible()
    assert blocking_violations(page) == []


def test_a_pressed_helpful_button_looks_pressed(page, live_server, demo_room):
    open_board(page, live_server, "業務改善アイデア")
    expect(page.get_by_text("未読", exact=False).first).to_be_visible()
    page.get_by_role("link", name="窓口の番号札をやめて", exact=False).click()
    button = page.locator('.helpful-button[aria-pressed="false"]').first
    post_id = button.locator("xpath=ancestor::article").get_attribute("id")
    before = button.evaluate("b => getComputedStyle(b).backgroundColor")
    button.click()
    pressed = page.locator(f'#{post_id} .helpful-button[aria-pressed="true"]')
    expect(pressed).to_be_visible()
    assert pressed.evaluate("b => getComputedStyle(b).backgroundColor") != before
    expect(page.locator(f"#{post_id} .post__number")).to_contain_text("No.")
    page.screenshot(path="/tmp/conference-pressed.png", full_page=True)
    assert blocking_violations(page) == []
