"""Drafts and the preview: nobody but the sending section sees a notice before it is sent."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from bulletin.models import Notice
from search import registry
from tests.bulletin.test_posting import form_data
from tests.factories import staff_member

pytestmark = pytest.mark.django_db


def draft_of(client, office, action="draft", **changes):
    """A draft of 人事課 to 総務部 (and its sections)."""
    client.force_login(office.hr)
    fields = {"title": "下書きのお知らせ", "audience": "departments"}
    fields["departments"] = [office.somu.pk]
    fields.update(changes)
    response = client.post(reverse("bulletin:new"), {**form_data(**fields), "action": action})
    return response, Notice.objects.get()


def test_a_draft_is_saved_but_not_sent(client, office):
    response, draft = draft_of(client, office)
    assert draft.is_draft and response.url == draft.get_absolute_url()
    client.force_login(staff_member(department=office.gyosei))  # in the audience
    assert "下書きのお知らせ" not in client.get(reverse("bulletin:index")).content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert registry.type_for(draft).to_document(draft) is None


def test_the_sending_section_sees_its_draft_in_the_sent_list(client, office):
    _response, draft = draft_of(client, office)
    client.force_login(office.hr_colleague)
    body = client.get(reverse("bulletin:sent")).content.decode()
    assert "下書きのお知らせ" in body and "下書き" in body


def test_the_preview_is_the_notice_page_as_readers_will_see_it(client, office):
    response, draft = draft_of(client, office, action="preview", requires_confirmation="on")
    page = client.get(response.url)
    body = page.content.decode()
    assert "<p>本庁舎で停電があります。</p>" in body
    assert "下書きのプレビューです" in body
    assert "この内容で送信する" in body
    # The confirmation button readers will get is shown, but cannot be pressed here.
    assert "disabled>確認しました" in body.replace("\n", "")


def test_sending_a_draft_puts_it_on_the_board_from_then(client, office):
    _response, draft = draft_of(client, office)
    Notice.objects.filter(pk=draft.pk).update(starts_at=timezone.now() - timedelta(days=3))
    response = client.post(reverse("bulletin:publish", args=[draft.pk]))
    draft.refresh_from_db()
    assert response.status_code == 302 and not draft.is_draft
    assert draft.starts_at > timezone.now() - timedelta(minutes=1)
    client.force_login(staff_member(department=office.gyosei))
    assert "下書きのお知らせ" in client.get(reverse("bulletin:index")).content.decode()


def test_sending_from_the_editor_sends_the_draft(client, office):
    _response, draft = draft_of(client, office)
    fields = form_data(title="送るお知らせ", audience="departments", departments=[office.somu.pk])
    client.post(reverse("bulletin:edit", args=[draft.pk]), {**fields, "action": "send"})
    draft.refresh_from_db()
    assert not draft.is_draft and draft.title == "送るお知らせ"


def test_only_the_sending_section_may_send_a_draft(client, office):
    _response, draft = draft_of(client, office)
    client.force_login(office.citizen)
    assert client.post(reverse("bulletin:publish", args=[draft.pk])).status_code == 403
    draft.refresh_from_db()
    assert draft.is_draft


def test_an_urgent_draft_sends_no_mail_until_it_is_sent(
    client, office, django_capture_on_commit_callbacks, monkeypatch
):
    from bulletin import mail

    queued = []
    monkeypatch.setattr(mail, "_enqueue_urgent_notice", queued.append)
    with django_capture_on_commit_callbacks(execute=True):
        _response, draft = draft_of(client, office, importance=0)
    assert queued == []
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("bulletin:publish", args=[draft.pk]))
    assert [notice.pk for notice in queued] == [draft.pk]
