"""Curation: IT-desk staff submit FAQs for review; the IT-desk lead approves and publishes."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

from faq.models import FaqPage
from faq.workflow import WORKFLOW_NAME
from intranet import roles
from tests.factories import staff_member

pytestmark = pytest.mark.django_db


def test_faqs_fall_under_the_faq_review_workflow(vpn_faq):
    assert vpn_faq.get_workflow().name == WORKFLOW_NAME


def test_it_desk_staff_may_edit_but_not_publish(vpn_faq):
    perms = vpn_faq.permissions_for_user(staff_member(roles=[roles.IT_DESK]))
    assert perms.can_edit()
    assert not perms.can_publish()


def test_general_staff_may_not_edit_faqs(vpn_faq):
    perms = vpn_faq.permissions_for_user(staff_member())
    assert not perms.can_edit()


def test_the_lead_approves_a_submitted_draft_and_it_goes_live(vpn_faq):
    writer = staff_member(roles=[roles.IT_DESK])
    lead = staff_member(roles=[roles.IT_DESK_LEAD])
    vpn_faq.title = "VPNに接続できないとき（改訂）"
    revision = vpn_faq.save_revision(user=writer)
    vpn_faq.get_workflow().start(vpn_faq, writer)
    assert Page.objects.get(pk=vpn_faq.pk).title == "VPNに接続できない"  # not yet published

    page = FaqPage.objects.get(pk=vpn_faq.pk)
    state = page.current_workflow_task_state
    assert state.task.specific.user_can_access_editor(page, lead)
    state.task.specific.on_action(state, lead, "approve")

    page.refresh_from_db()
    assert page.title == "VPNに接続できないとき（改訂）"
    assert page.live_revision_id == revision.pk


def test_only_the_lead_may_approve(vpn_faq):
    writer = staff_member(roles=[roles.IT_DESK])
    lead = staff_member(roles=[roles.IT_DESK_LEAD])
    vpn_faq.save_revision(user=writer)
    vpn_faq.get_workflow().start(vpn_faq, writer)
    page = FaqPage.objects.get(pk=vpn_faq.pk)
    task = page.current_workflow_task.specific
    assert task.get_actions(page, writer) == []
    assert "approve" in [action[0] for action in task.get_actions(page, lead)]


def test_a_scheduled_faq_goes_live_when_publish_scheduled_runs(vpn_faq):
    vpn_faq.title = "VPNに接続できない（予約公開）"
    revision = vpn_faq.save_revision(approved_go_live_at=timezone.now() + timedelta(hours=1))
    call_command("publish_scheduled")
    assert FaqPage.objects.get(pk=vpn_faq.pk).title == "VPNに接続できない"

    revision.approved_go_live_at = timezone.now() - timedelta(minutes=1)
    revision.save()
    call_command("publish_scheduled")
    assert FaqPage.objects.get(pk=vpn_faq.pk).title == "VPNに接続できない（予約公開）"
