"""The IT-desk lead cannot publish an FAQ marked 公開可 that holds a resident's phone number."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from faq.models import FaqIndexPage
from intranet.privacy.models import PrivacyOverride
from tests.browser.test_login_dashboard import blocking_violations, log_in
from tests.factories import public_faq_draft

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = "090-1234-5678"


@pytest.fixture
def public_draft(transactional_db, small_python_faq):
    call_command("load_demo", verbosity=0)
    return public_faq_draft(
        FaqIndexPage.objects.get(slug="network"),
        "住民から折り返しを頼まれたとき",
        f"相談者（電話 {PHONE}）へ折り返します。",
    )


def press_publish(page):
    """Wagtail keeps 公開する in the footer's drop-down; press it as the menu item would."""
    page.evaluate("document.querySelector('button[name=\"action-publish\"]').click()")
    page.wait_for_load_state("networkidle")


def test_publishing_waits_until_the_number_is_removed_or_overridden(
    page, live_server, public_draft
):
    log_in(page, live_server, username="itlead")
    edit_url = f"{live_server.url}/admin/pages/{public_draft.pk}/edit/"
    page.goto(edit_url)
    page.wait_for_load_state("networkidle")
    assert page.locator("mark", has_text=PHONE).count() == 1

    press_publish(page)
    refusal = page.locator(".messages").get_by_text(f"電話番号「{PHONE}」")
    refusal.wait_for()
    assert "入力内容に誤りがあるため" in page.locator(".messages").inner_text()
    public_draft.refresh_from_db()
    assert not public_draft.live

    page.goto(edit_url)
    page.get_by_role("link", name="個人情報ではないと記録する").click()
    page.wait_for_url("**/admin/personal-data/pages/*/")
    page.wait_for_load_state("networkidle")
    assert blocking_violations(page) == []
    page.get_by_label(f"電話番号「{PHONE}」").check()
    page.get_by_label("理由").fill("市民課の公開窓口番号（市の公式サイトに掲載）")
    page.get_by_role("button", name="記録する").click()
    page.wait_for_url(edit_url)
    assert (
        PrivacyOverride.objects.get(
            content_type=ContentType.objects.get_for_model(public_draft),
            object_id=str(public_draft.pk),
        ).text
        == PHONE
    )

    press_publish(page)
    public_draft.refresh_from_db()
    assert public_draft.live
