"""A staff member finds pages by Japanese words from the header's search box."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from wagtail.models import Page

from intranet.models import HomePage
from tests.browser.test_layout import overflow
from tests.browser.test_login_dashboard import blocking_violations, log_in

pytestmark = pytest.mark.django_db(transaction=True)

FEW_WITH_EVERY_WORD = "すべての語を含む結果が少ないため、一部の語を含む結果も表示しています"


@pytest.fixture
def content(transactional_db, small_python_faq):
    call_command("load_demo", verbosity=0)
    home = HomePage.objects.get()  # load_demo recreates it after an earlier test's flush
    for number, title in enumerate(["来庁者用駐車場の利用方法", "公用車の給油カードの設定"]):
        page = Page(title=title, slug=f"b{number}")
        home.add_child(instance=page)
        page.save_revision().publish()


def search_from_header(page, words):
    box = page.get_by_role("combobox", name="イントラネット内を検索")
    box.fill(words)
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")


def test_a_word_inside_a_japanese_sentence_is_found_and_opened(page, live_server, content):
    log_in(page, live_server)
    search_from_header(page, "ちゅうしゃじょう")

    assert "1件" in page.get_by_role("heading", level=2).first.inner_text()
    result = page.locator(".result__title a").first
    assert result.locator("mark").inner_text() == "駐車場"
    result.click()
    page.wait_for_url(f"{live_server.url}/b0/")
    assert "来庁者用駐車場の利用方法" in page.title()


def test_the_results_page_has_no_serious_accessibility_violation(page, live_server, content):
    log_in(page, live_server)
    search_from_header(page, "給油")
    expect(page.locator(".result").first).to_be_visible()
    assert blocking_violations(page) == []


def test_a_search_that_finds_nothing_points_to_the_it_desk(page, live_server, content):
    log_in(page, live_server)
    search_from_header(page, "年末調整")
    assert page.get_by_text("情報システム担当").first.is_visible()


def test_a_reversed_date_range_is_explained_and_keeps_the_words(page, live_server, content):
    log_in(page, live_server)
    search_from_header(page, "給油")
    page.get_by_label("日付（開始）").fill("2026-12-01")
    page.get_by_label("日付（終了）").fill("2026-11-01")
    page.locator(".search-filters").get_by_role("button", name="検索").click()
    page.wait_for_url("**date_to=2026-11-01*")

    assert page.get_by_role("heading", name="検索条件を直してください").is_visible()
    assert page.get_by_text("終了日は開始日より後の日付にしてください").first.is_visible()
    assert not page.get_by_text("上の検索欄に言葉を入力してください").is_visible()
    assert page.get_by_role("combobox", name="イントラネット内を検索").input_value() == "給油"
    assert blocking_violations(page) == []


def test_a_faq_result_shows_its_title_answer_and_review_date(page, live_server, content):
    from faq.models import FaqPage

    faq = FaqPage.objects.get(title="パスワードはどのように決めればよいですか？")
    log_in(page, live_server)
    search_from_header(page, "パスワード 決め方")

    result = page.locator(".result").filter(has_text="パスワードはどのように決めればよいですか？")
    assert result.locator(".result__title").inner_text() == faq.title  # full-width ？ kept
    snippet = result.locator(".result__snippet").inner_text()
    assert snippet.endswith("生年月日を使ったパスワードは避けてください。")
    assert "強度" not in snippet and "情報セキュリティ" not in snippet  # keywords and tags
    dated = result.locator("time").get_attribute("datetime")
    assert dated.startswith(faq.last_reviewed_on.isoformat())


@pytest.fixture
def words_found_apart(content):
    home = HomePage.objects.get()
    page = Page(title="駐車場と給油カードの受け渡し場所", slug="both")
    home.add_child(instance=page)
    page.save_revision().publish()


@pytest.mark.parametrize("width", [1280, 375])
def test_words_found_apart_are_one_list_under_the_notice(
    page, live_server, words_found_apart, width
):
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server)
    search_from_header(page, "駐車場 給油")

    notice = page.get_by_text(FEW_WITH_EVERY_WORD)
    expect(notice).to_be_visible()
    titles = page.locator(".result__title")
    expect(titles.first).to_have_text("駐車場と給油カードの受け渡し場所")
    listed = titles.all_inner_texts()
    assert {"来庁者用駐車場の利用方法", "公用車の給油カードの設定"} <= set(listed)
    assert notice.bounding_box()["y"] < titles.first.bounding_box()["y"]
    # The hits that lack a word carry a mark; the one with every word does not.
    assert page.locator(".result").first.get_by_text("一部の語のみ").count() == 0
    assert page.locator(".result").nth(1).get_by_text("一部の語のみ").is_visible()
    assert page.locator(".result-list").count() == 1
    assert page.get_by_text("一部の言葉に一致するページ").count() == 0
    assert overflow(page) <= 0
    assert blocking_violations(page) == []
