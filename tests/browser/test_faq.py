"""A staff member browses the FAQ, rates an answer and asks the IT desk."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from faq.models import FaqFeedback, OpenQuestion
from tests.browser.test_login_dashboard import blocking_violations, log_in

pytestmark = pytest.mark.django_db(transaction=True)

VPN_QUESTION = "VPN に接続できないときの対処方法を教えてください。"


@pytest.fixture
def demo_faq(transactional_db, small_python_faq):
    call_command("load_demo", verbosity=0)
    FaqFeedback.objects.filter(user__username="demo").delete()


def test_browse_to_an_answer_and_rate_it(page, live_server, demo_faq):
    log_in(page, live_server)
    menu = page.get_by_role("navigation", name="メインメニュー")
    menu.get_by_role("link", name="FAQ", exact=True).click()
    page.get_by_role("link", name="ネットワーク").click()
    page.get_by_role("link", name=VPN_QUESTION).first.click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(re.compile(re.escape(VPN_QUESTION) + "$"))
    assert blocking_violations(page) == []

    page.get_by_label("コメント（任意）").fill("手順どおりで接続できました。")
    page.get_by_role("button", name="はい").click()
    expect(page.get_by_text("ご回答ありがとうございました")).to_be_visible()
    vote = FaqFeedback.objects.get(user__username="demo")
    assert (vote.helpful, vote.comment) == (True, "手順どおりで接続できました。")


def test_ask_the_it_desk_after_seeing_matching_faqs(page, live_server, demo_faq):
    log_in(page, live_server)
    page.get_by_role("navigation", name="メインメニュー").get_by_role(
        "link", name="情報システム担当に質問する"
    ).click()
    page.get_by_role("textbox", name="質問", exact=True).fill("自宅から VPN に接続できません")
    page.get_by_role("button", name="送信").click()

    suggestions = page.get_by_role("heading", name="この質問に既に答えているかもしれないFAQ")
    expect(suggestions).to_be_visible()
    assert page.get_by_role("link", name=VPN_QUESTION).is_visible()
    assert blocking_violations(page) == []
    assert not OpenQuestion.objects.filter(question__contains="自宅から").exists()

    page.get_by_role("button", name="それでも質問を送る").click()
    page.wait_for_url("**/questions/*/")
    assert page.get_by_text("回答待ち").first.is_visible()
    question = OpenQuestion.objects.get(question="自宅から VPN に接続できません")
    assert question.asker.username == "demo"


def test_the_faq_home_and_its_categories_list_each_question_once(page, live_server, demo_faq):
    from urllib.parse import unquote

    log_in(page, live_server)
    page.goto(f"{live_server.url}/faq/")
    assert page.get_by_role("heading", name="カテゴリ").is_visible()
    assert page.get_by_text("このカテゴリにはまだ質問がありません").count() == 0

    page.get_by_role("link", name="セキュリティ").click()
    page.wait_for_url(f"{live_server.url}/faq/security/")
    titles = page.locator("main .faq-list a").all_inner_texts()
    assert len(titles) == 4 and len(set(titles)) == 4
    assert blocking_violations(page) == []

    page.goto(f"{live_server.url}/faq/")
    page.get_by_role("link", name="Python 開発").click()
    page.wait_for_url(f"{live_server.url}/faq/python/")
    page.get_by_role("link", name="一般情報").click()
    page.wait_for_url(lambda url: unquote(url).endswith("/一般情報/"))
    assert unquote(page.url) == f"{live_server.url}/faq/python/一般情報/"
    assert page.get_by_role("link", name="Python とは何ですか？").is_visible()
    assert blocking_violations(page) == []
