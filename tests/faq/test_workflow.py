"""Curation: IT-desk staff submit FAQs for review; the IT-desk lead approves and publishes."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

from faq.models import FaqIndexPage, FaqPage
from faq.workflow import WORKFLOW_NAME
from intranet import roles
from intranet.models import HomePage
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


def test_it_desk_rights_and_the_workflow_stop_at_the_faq(vpn_faq):
    """A page another app adds beside the FAQ is neither the IT desk's nor the lead's to approve."""
    home = HomePage.objects.get()
    other = home.add_child(instance=Page(title="掲示板", slug="bulletin"))
    writer = staff_member(roles=[roles.IT_DESK])
    lead = staff_member(roles=[roles.IT_DESK_LEAD])
    assert not other.permissions_for_user(writer).can_edit()
    assert not other.permissions_for_user(lead).can_publish()
    assert not home.permissions_for_user(writer).can_add_subpage()
    assert other.get_workflow() is None
    assert vpn_faq.permissions_for_user(writer).can_edit()
    assert vpn_faq.permissions_for_user(lead).can_publish()


def test_a_second_faq_home_gets_the_rights_and_the_workflow(vpn_faq):
    second = HomePage.objects.get().add_child(
        instance=FaqIndexPage(title="庁内システムFAQ", slug="systems")
    )
    assert second.permissions_for_user(staff_member(roles=[roles.IT_DESK])).can_add_subpage()
    assert second.get_workflow().name == WORKFLOW_NAME


def test_the_leads_review_queue_comes_first_on_the_admin_home(client, vpn_faq):
    writer = staff_member(roles=[roles.IT_DESK])
    vpn_faq.save_revision(user=writer)
    vpn_faq.get_workflow().start(vpn_faq, writer)
    client.force_login(staff_member(roles=[roles.IT_DESK_LEAD]))
    body = client.get("/admin/").content.decode()
    # Wagtail orders it after the FAQ panels; for the lead it is the day's first job.
    panels = re.findall(r'<section class="w-panel[^"]*" id="([\w-]+)-section"', body)
    assert panels[0] == "awaiting-review"
    assert "faq-waiting-questions" in panels
    assert "あなたの承認待ち" in body


def test_wagtails_unused_sample_workflow_is_gone(vpn_faq):
    from wagtail.models import Task, Workflow

    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert not Task.objects.filter(name="Moderators approval").exists()


def test_the_aging_pages_report_names_the_publisher_family_name_first(client, vpn_faq):
    lead = staff_member(roles=[roles.IT_DESK_LEAD])
    lead.last_name, lead.first_name = "山崎", "裕子"
    lead.save()
    vpn_faq.save_revision(user=lead).publish(user=lead)
    client.force_login(lead)
    body = client.get("/admin/reports/aging-pages/").content.decode()
    assert "山崎 裕子" in body
    assert ">None<" not in body.replace(" ", "").replace("\n", "")
