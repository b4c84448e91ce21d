"""The feed and e-mail screens of the bulletin board in a real browser, checked with axe."""

import pytest
from django.conf import settings
from django.test import Client

from bulletin.models import FeedToken, NoticeCategory
from tests.browser.test_login_dashboard import blocking_violations
from tests.factories import staff_member

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def logged_in(page, live_server):
    """A staff member's session in the browser tab (the login page has its own tests)."""
    user = staff_member()
    NoticeCategory.objects.create(name="研修", slug="kenshu")
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return user


def test_making_and_revoking_feed_addresses(page, live_server, logged_in):
    page.goto(f"{live_server.url}/bulletin/feeds/")
    assert blocking_violations(page) == []

    page.get_by_role("button", name="フィードのアドレスを作成する").click()
    page.wait_for_selector("table")
    secret = FeedToken.objects.get(user=logged_in).secret
    assert page.get_by_role("row", name="研修").is_visible()
    assert blocking_violations(page) == []

    page.get_by_role("button", name="アドレスを取り消す").click()
    page.get_by_text("フィードのアドレスを取り消しました。").wait_for()
    page.goto(f"{live_server.url}/bulletin/feeds/{secret}/")
    assert page.get_by_role("heading", name="フィードを表示できません").is_visible()
    assert blocking_violations(page) == []


def test_choosing_mail_in_the_browser(page, live_server, logged_in):
    page.goto(f"{live_server.url}/bulletin/mail/")
    assert blocking_violations(page) == []

    page.get_by_label("緊急のお知らせをメールで受け取る").check()
    page.get_by_role("button", name="保存").click()
    page.get_by_text("メールの設定を保存しました。").wait_for()

    assert page.get_by_label("緊急のお知らせをメールで受け取る").is_checked()
    assert not page.get_by_label("自分のスレッドへの返信をメールで受け取る").is_checked()
