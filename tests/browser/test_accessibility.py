"""axe and markup checks on every staff page, in its ordinary, message, error and suggestion states.

The pages are found the way tests/intranet/test_login_required.py finds them:
by walking the URLconf (every staff URL that takes no argument), plus one
live page of each Wagtail page type, so a page added later is checked the
moment it exists. One logged-in tab visits them all.
"""

import pytest
from django.core.management import call_command
from django.urls import get_resolver
from wagtail.models import get_page_models

from faq.models import FaqFeedback, FaqPage, OpenQuestion
from tests.browser.test_login_dashboard import blocking_violations, log_in
from tests.intranet.test_login_required import walk

pytestmark = pytest.mark.django_db(transaction=True)

# URLs that are not pages to look at: each with the reason.
NOT_PAGES = {
    "logout": "ends the session the walk needs",
    "export_csv": "a file download",
    "export_json": "a file download",
    "statistics_csv": "a file download",
    "similar": "a fragment of the report form, loaded into it as the writer types",
    "suggest": "JSON the header's search box reads as the user types",
    "pick": "JSON the staff picker reads as the user types",
}
OUTSIDE_THE_STAFF_PAGES = ("admin/", "documents/", "_util/")

MISSING_DESCRIPTIONS = """() => Array.from(document.querySelectorAll('[aria-describedby]'))
    .flatMap(element => element.getAttribute('aria-describedby').split(/\\s+/)
        .filter(id => id && !document.getElementById(id))
        .map(id => `${element.name || element.id || element.tagName} -> #${id}`))"""

UNEXPLAINED_ASTERISKS = """() => Array.from(document.forms)
    .filter(form => form.querySelector('.required') && !form.querySelector('.required-note'))
    .map(form => `form ${form.getAttribute('action') || '(this page)'}`)"""


@pytest.fixture
def demo_data(transactional_db, small_python_faq):
    call_command("load_demo", verbosity=0)
    FaqFeedback.objects.filter(user__username="demo").delete()


def argument_free_staff_paths():
    for route, pattern in walk(get_resolver().url_patterns):
        if route.startswith(OUTSIDE_THE_STAFF_PAGES) or "<" in route or "^" in route:
            continue
        if pattern.name not in NOT_PAGES:
            yield "/" + route


def one_page_of_each_type():
    for model in get_page_models():
        page = model.objects.live().filter(depth__gt=1).exact_type(model).first()
        if page is not None:
            yield page.url


def problems_on(page):
    """What axe (serious and critical) and the markup checks find on the page shown."""
    return [
        *blocking_violations(page),
        *(f"aria-describedby names a missing id: {m}" for m in page.evaluate(MISSING_DESCRIPTIONS)),
        *(f"* not explained in {form}" for form in page.evaluate(UNEXPLAINED_ASTERISKS)),
    ]


def check(page, found, state):
    problems = problems_on(page)
    if problems:
        found[f"{state} {page.url}"] = problems


def test_every_staff_page_passes_axe_and_names_only_ids_it_has(page, live_server, demo_data):
    OpenQuestion.objects.create(
        asker=OpenQuestion._meta.get_field("asker").related_model.objects.get(username="demo"),
        question="共有フォルダーの容量を増やせますか",
    )
    paths = [*argument_free_staff_paths(), *one_page_of_each_type(), "/search/?q=VPN"]
    paths += [f"/questions/{question.pk}/" for question in OpenQuestion.objects.all()[:1]]
    log_in(page, live_server)
    found = {}
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        check(page, found, "page")
    assert found == {}
    assert len(paths) >= 12  # the walk found the pages, not an empty list


def test_message_error_and_suggestion_states_pass_axe(page, live_server, demo_data):
    log_in(page, live_server)
    found = {}

    # Messages: thanks for rating an answer; the admin's refusal.
    faq = FaqPage.objects.live().filter(title__contains="VPN").first()
    page.goto(f"{live_server.url}{faq.url}")
    page.get_by_role("button", name="はい").click()
    page.locator(".message").first.wait_for()
    check(page, found, "message")
    page.goto(f"{live_server.url}/admin/")
    assert page.get_by_text("管理画面を利用する権限がありません。").is_visible()
    check(page, found, "message")

    # Errors: an empty question; a weak new password (help and error on one field).
    page.goto(f"{live_server.url}/questions/ask/")
    page.get_by_role("button", name="送信").click()
    page.locator(".field--error").first.wait_for()
    check(page, found, "error")
    page.goto(f"{live_server.url}/accounts/password/")
    page.locator("#id_old_password").fill("wrong")
    page.locator("#id_new_password1").fill("abc")
    page.locator("#id_new_password2").fill("abd")
    page.get_by_role("button", name="パスワード変更").click()
    page.locator(".field--error").first.wait_for()
    check(page, found, "error")

    # Suggestions: the 質問箱 shows FAQs that may already answer the question.
    page.goto(f"{live_server.url}/questions/ask/")
    page.get_by_role("textbox", name="質問", exact=True).fill("自宅から VPN に接続できません")
    page.get_by_role("button", name="送信").click()
    page.get_by_role("heading", name="この質問に既に答えているかもしれないFAQ").wait_for()
    check(page, found, "suggestions")

    # The personal-data warning: the question names a resident and a phone number.
    page.goto(f"{live_server.url}/questions/ask/")
    page.get_by_role("textbox", name="質問", exact=True).fill("住民の方の VPN 申請について")
    details = page.get_by_role("textbox", name="詳細（任意）")
    details.fill("申請者 山田 花子様（電話 090-1234-5678）")
    page.get_by_role("button", name="送信").click()
    page.get_by_role("heading", name="質問に個人情報が含まれているかもしれません").wait_for()
    page.wait_for_function("() => document.activeElement.classList.contains('personal-data')")
    check(page, found, "personal data")

    assert found == {}


def test_the_suggestions_take_the_focus_so_they_are_read_first(page, live_server, demo_data):
    log_in(page, live_server)
    page.goto(f"{live_server.url}/questions/ask/")
    page.get_by_role("textbox", name="質問", exact=True).fill("自宅から VPN に接続できません")
    page.get_by_role("button", name="送信").click()
    page.get_by_role("heading", name="この質問に既に答えているかもしれないFAQ").wait_for()
    page.wait_for_function("() => document.activeElement !== document.body")
    focused = page.evaluate(
        "() => document.activeElement.getAttribute('aria-labelledby') &&"
        " document.getElementById(document.activeElement.getAttribute('aria-labelledby'))"
        ".textContent"
    )
    assert focused == "この質問に既に答えているかもしれないFAQ"
    page.keyboard.press("Tab")
    assert "VPN" in page.evaluate("() => document.activeElement.textContent")


def test_the_markup_checks_catch_a_missing_description_and_an_unexplained_asterisk(page):
    page.set_content(
        '<html lang="ja"><body><main><form><label for="a">名前<span class="required">*</span>'
        '</label><input id="a" aria-describedby="a_helptext"></form></main></body></html>'
    )
    assert page.evaluate(MISSING_DESCRIPTIONS) == ["a -> #a_helptext"]
    assert page.evaluate(UNEXPLAINED_ASTERISKS) == ["form (this page)"]
