"""A staff member browses the case collection, filters it and opens a case: axe finds nothing."""

import pytest

from intranet.site import ensure_home_page
from tests.browser.test_login_dashboard import blocking_violations
from tests.factories import PASSWORD, DepartmentFactory, staff_member
from tests.incidents import factories

pytestmark = pytest.mark.django_db(transaction=True)


def log_in_as(page, live_server, user):
    page.goto(f"{live_server.url}/")
    page.get_by_label("ユーザー名").fill(user.username)
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(f"{live_server.url}/")


def test_browse_filter_and_read_a_case(page, live_server):
    ensure_home_page()  # an earlier browser test's flush may have taken it
    tax = DepartmentFactory(name="税務課")
    sent = factories.published_case(
        report=factories.submitted_report(department=tax, title="納税通知書の誤送付")[0]
    )
    factories.published_case(
        report=factories.submitted_report(
            department=tax, title="窓口での本人確認漏れ", category=factories.category("紛失")
        )[0]
    )
    log_in_as(page, live_server, staff_member(department=DepartmentFactory(name="市民課")))
    assert page.get_by_role("heading", name="今月の教訓").is_visible()

    page.goto(f"{live_server.url}/incidents/")
    assert page.get_by_role("heading", name="ミス・ヒヤリハット事例集").is_visible()
    assert blocking_violations(page) == []
    page.get_by_label("分類").select_option(label="誤送付・誤交付")
    page.get_by_role("button", name="絞り込む").click()
    assert page.get_by_role("link", name="納税通知書の誤送付").is_visible()
    assert page.get_by_role("link", name="窓口での本人確認漏れ").count() == 0

    page.get_by_role("link", name="納税通知書の誤送付").click()
    page.wait_for_url(f"{live_server.url}{sent.get_absolute_url()}")
    assert page.get_by_role("heading", name="似た事例").is_visible()
    assert page.get_by_label("このアドレスをお知らせやFAQの本文に貼り付けると").input_value() == (
        f"{live_server.url}{sent.get_absolute_url()}"
    )
    assert blocking_violations(page) == []
