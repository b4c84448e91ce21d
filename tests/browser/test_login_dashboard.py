"""Log in, see the Japanese dashboard, log out; axe finds no serious or critical issue."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import expect

from intranet.demo.organisation import DEMO_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture
def demo_data(transactional_db, small_python_faq):
    call_command("load_demo", verbosity=0)


def log_in(page, live_server, username="demo"):
    page.goto(f"{live_server.url}/")
    page.get_by_label("ユーザー名").fill(username)
    page.get_by_label("パスワード").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(f"{live_server.url}/")


def blocking_violations(page):
    results = Axe().run(page)
    return [
        f"{violation['id']}: {violation['help']}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


def test_log_in_see_the_dashboard_in_japanese_and_log_out(page, live_server, demo_data):
    page.goto(f"{live_server.url}/directory/")
    assert "/accounts/login/" in page.url
    assert page.get_by_role("heading", name="ログイン").is_visible()

    log_in(page, live_server)

    assert page.get_by_role("heading", level=1).inner_text().endswith("さん、おつかれさまです")
    assert page.get_by_role("heading", name="新着・更新FAQ").is_visible()
    assert page.get_by_role("heading", name="わたしの所属").is_visible()
    assert page.get_by_text("市民生活部 市民課").first.is_visible()
    assert page.locator("html").get_attribute("lang") == "ja"

    page.get_by_role("button", name="ログアウト").click()
    page.wait_for_url("**/accounts/login/")
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url


def test_a_wrong_password_is_explained_in_japanese(page, live_server, demo_data):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("ユーザー名").fill("demo")
    page.get_by_label("パスワード").fill("wrong-password")
    page.get_by_role("button", name="ログイン").click()
    assert page.get_by_role("alert").first.inner_text().startswith("正しいユーザー名とパスワード")


def test_the_login_page_has_no_serious_accessibility_violation(page, live_server, demo_data):
    page.goto(f"{live_server.url}/accounts/login/")
    assert blocking_violations(page) == []


def test_the_dashboard_has_no_serious_accessibility_violation(page, live_server, demo_data):
    log_in(page, live_server)
    assert page.get_by_role("heading", name="新着・更新FAQ").is_visible()
    assert blocking_violations(page) == []


def test_the_directory_finds_a_colleague_by_reading(page, live_server, demo_data):
    log_in(page, live_server)
    page.get_by_role("navigation", name="メインメニュー").get_by_role(
        "link", name="職員名簿"
    ).click()
    page.get_by_label("氏名（漢字・かな）").fill("ワタナベ")
    page.get_by_role("button", name="検索").last.click()
    page.wait_for_url("**/directory/?q=*")
    rows = page.locator("table.data-table tbody tr")
    expect(rows.first).to_be_visible()
    assert all("わたなべ" in rows.nth(i).inner_text() for i in range(rows.count()))
    assert blocking_violations(page) == []


def test_the_accessibility_check_catches_a_real_violation(page):
    page.set_content('<html lang="ja"><body><main><img src="/x.png"></main></body></html>')
    assert any(v.startswith("image-alt") for v in blocking_violations(page))
