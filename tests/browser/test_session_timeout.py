"""The idle timeout warns before it ends the session, can be extended, and loses no typed text."""

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command

from faq.models import OpenQuestion
from intranet.demo.organisation import DEMO_PASSWORD
from tests.browser.test_login_dashboard import blocking_violations, log_in

pytestmark = pytest.mark.django_db(transaction=True)

QUESTION = "共有フォルダーに保存できません"
DETAILS = "「アクセスが拒否されました」と表示されます。"


@pytest.fixture
def demo_data(transactional_db, small_python_faq):
    call_command("load_demo", verbosity=0)


def test_a_warning_comes_before_the_end_and_staying_logged_in_renews_the_session(
    page, live_server, demo_data, settings
):
    settings.SESSION_COOKIE_AGE = 60
    settings.SESSION_WARNING_SECONDS = 58  # the warning shows two seconds after a page loads
    log_in(page, live_server)
    warning = page.get_by_role("dialog", name="まもなく自動的にログアウトします")
    warning.wait_for()
    assert blocking_violations(page) == []
    with page.expect_response("**/accounts/session/extend/") as renewal:
        warning.get_by_role("button", name="ログインを続ける").click()
    assert renewal.value.json() == {"seconds_left": 60}
    warning.wait_for(state="hidden")


def test_the_page_says_when_the_session_has_ended_and_links_back(
    page, live_server, demo_data, settings
):
    settings.SESSION_COOKIE_AGE = 8
    settings.SESSION_WARNING_SECONDS = 6
    log_in(page, live_server)
    page.goto(f"{live_server.url}/questions/ask/")
    ended = page.get_by_role("dialog", name="ログアウトしました")
    ended.wait_for()
    assert blocking_violations(page) == []
    link = ended.get_by_role("link", name="もう一度ログイン")
    assert link.get_attribute("href") == "/accounts/login/?next=/questions/ask/"


def test_text_typed_when_the_session_ended_is_put_back_after_logging_in_again(
    page, live_server, demo_data
):
    log_in(page, live_server)
    page.goto(f"{live_server.url}/questions/ask/")
    page.get_by_role("textbox", name="質問", exact=True).fill(QUESTION)
    page.get_by_role("textbox", name="詳細（任意）").fill(DETAILS)
    Session.objects.all().delete()  # the session ends while the staff member types
    page.get_by_role("button", name="送信").click()

    page.wait_for_url("**/accounts/login/?next=/questions/ask/")
    page.get_by_label("ユーザー名").fill("demo")
    page.get_by_label("パスワード").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(f"{live_server.url}/questions/ask/")

    assert page.get_by_role("textbox", name="質問", exact=True).input_value() == QUESTION
    assert page.get_by_role("textbox", name="詳細（任意）").input_value() == DETAILS
    assert page.get_by_text("ログアウトされる前に入力していた内容").is_visible()
    kept = page.evaluate("() => Object.keys(sessionStorage).join(' ')")
    assert "password" not in kept and "username" not in kept
    assert not OpenQuestion.objects.filter(question=QUESTION).exists()


def test_a_draft_is_dropped_once_its_form_was_sent(page, live_server, demo_data):
    log_in(page, live_server)
    page.goto(f"{live_server.url}/questions/ask/")
    page.get_by_role("textbox", name="質問", exact=True).fill("ＩＭＥの辞書登録の方法")
    page.get_by_role("button", name="送信").click()
    page.wait_for_load_state()
    if page.get_by_role("button", name="それでも質問を送る").count():
        page.get_by_role("button", name="それでも質問を送る").click()
    page.wait_for_url("**/questions/*/")
    page.goto(f"{live_server.url}/questions/ask/")
    assert page.get_by_role("textbox", name="質問", exact=True).input_value() == ""
    assert page.evaluate("() => Object.keys(sessionStorage).length") == 0
