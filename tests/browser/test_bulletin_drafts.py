"""In a real browser: a sender previews a draft, sends it, and a reader sees the count in the
header and the total on the home panel; axe finds no serious issue at 1280 px or 375 px."""

import pytest
from playwright.sync_api import expect

from bulletin.models import Notice
from tests.browser.test_bulletin import office  # noqa: F401  (the fixture)
from tests.browser.test_login_dashboard import blocking_violations, log_in
from tests.factories import notice, notice_category

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_sender_previews_a_draft_then_sends_it(page, live_server, office):  # noqa: F811
    notice_category()
    log_in(page, live_server, username=office.office.username)
    page.goto(f"{live_server.url}/bulletin/new/")
    page.get_by_label("件名").fill("庁舎の停電について")
    page.get_by_label("本文").fill("本庁舎で停電があります。\n\n退庁してください。")
    page.get_by_role("button", name="プレビュー").click()
    expect(page.get_by_role("heading", level=1, name="庁舎の停電について")).to_be_visible()
    expect(page.get_by_text("下書きのプレビューです")).to_be_visible()
    assert blocking_violations(page) == []
    assert Notice.objects.get().is_draft
    page.get_by_role("button", name="この内容で送信する").click()
    expect(page.get_by_text("下書きのプレビューです")).to_have_count(0)
    assert not Notice.objects.get().is_draft


@pytest.mark.parametrize("width", [1280, 375])
def test_a_reader_sees_how_many_wait(page, live_server, office, width):  # noqa: F811
    for number in range(10):
        notice(f"確認のお願い{number}", requires_confirmation=True)
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server, username=office.citizen.username)
    expect(page.locator(".waiting-notices__count")).to_have_text("10件")
    panel = page.get_by_role("region", name="未確認のお知らせ")
    expect(panel).to_contain_text("（10件）")
    panel.get_by_role("link", name="ほか2件").click()
    expect(page.get_by_role("status").first).to_contain_text("10件")
    assert blocking_violations(page) == []
