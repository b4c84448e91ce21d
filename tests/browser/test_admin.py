"""The IT desk works in the Wagtail admin under the site's Content-Security-Policy."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from faq.models import FaqPage
from tests.browser.test_login_dashboard import blocking_violations, log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_data(transactional_db, small_python_faq):
    call_command("load_demo", verbosity=0)


def test_the_it_desk_edits_an_faq_with_its_date_picker_and_related_faqs(
    page, live_server, demo_data
):
    log_in(page, live_server, username="itdesk")
    page.goto(f"{live_server.url}/admin/")
    assert page.locator("html").get_attribute("lang") == "ja"
    faq = FaqPage.objects.live().filter(title__contains="VPN").first()
    page.goto(f"{live_server.url}/admin/pages/{faq.pk}/edit/")
    page.wait_for_load_state("networkidle")
    # The inline panel's script runs: adding a related FAQ adds a form.
    before = page.locator("[id^='inline_child_related_faqs-']").count()
    page.get_by_role("button", name="関連する FAQを追加").click()
    expect(page.locator("[id^='inline_child_related_faqs-']")).not_to_have_count(before)
    # The settings tab's date picker is one of Wagtail's inline scripts.
    page.get_by_role("tab", name="設定").click()
    page.get_by_label("最終見直し日").click()
    page.locator(".xdsoft_datetimepicker:visible").wait_for(state="visible")


def test_a_script_injected_into_a_staff_page_is_blocked_and_reported(page, live_server, demo_data):
    log_in(page, live_server)
    page.evaluate(
        """() => { const s = document.createElement('script');
                   s.textContent = 'window.injected = true'; document.head.appendChild(s); }"""
    )
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.injected === undefined")
    assert any("script-src" in line for line in page.csp_violations)
    page.csp_violations.clear()  # seen, and the point of this test


def console_errors(page):
    """Errors the page's scripts report from now on (a list that fills as the test runs)."""
    errors = []

    def on_console(message):
        if message.type == "error":
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.mark.parametrize("username", ["kacho", "itdesk", "itlead", "sysadmin"])
def test_each_roles_admin_home_is_the_intranets_and_passes_axe(
    page, live_server, demo_data, username
):
    log_in(page, live_server, username=username)
    errors = console_errors(page)
    page.goto(f"{live_server.url}/admin/")
    page.wait_for_load_state("networkidle")
    assert page.title() == "ダッシュボード - 庁内イントラネット"
    assert page.get_by_role("link", name="イントラネットに戻る").first.is_visible()
    # The way back is not marked as the current screen.
    assert page.locator(".sidebar-menu-item--active").count() == 0
    assert blocking_violations(page) == []
    assert errors == []


def test_the_account_page_runs_without_a_time_zone_error(page, live_server, demo_data):
    """Wagtail offered the zone "localtime", which the page's script rejected with a RangeError."""
    log_in(page, live_server, username="itdesk")
    errors = console_errors(page)
    page.goto(f"{live_server.url}/admin/account/")
    page.wait_for_load_state("networkidle")
    assert page.title() == "アカウント - 庁内イントラネット"
    assert errors == []
    assert blocking_violations(page) == []
