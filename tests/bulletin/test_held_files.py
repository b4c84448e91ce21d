"""A notice sent back (by the personal-data guard or any check) keeps the files chosen for it."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from bulletin.models import Notice, NoticeAttachment
from intranet.held_uploads import HeldUpload
from tests.bulletin.test_attachment_versions import edit, sent_with_file
from tests.bulletin.test_posting import PHONE, form_data, upload

pytestmark = pytest.mark.django_db

FLAGGED = f"問い合わせは {PHONE} まで。"
HELD_KEY = "files-held"


def post(client, user, url=None, **changes):
    client.force_login(user)
    return client.post(url or reverse("bulletin:new"), form_data(**changes))


def held_tokens(response, name="files"):
    return [held.token for held in response.context["form"].held_uploads[name]]


def test_files_of_a_notice_the_guard_sends_back_go_out_with_it(client, office):
    first = post(client, office.office, body=FLAGGED, files=[upload("配置図.pdf", b"%PDF-1 map")])
    assert not Notice.objects.exists()
    page = first.content.decode()
    assert "添付済み" in page and "配置図.pdf" in page
    tokens = held_tokens(first)
    assert len(tokens) == 1 and f'value="{tokens[0]}"' in page
    ((key, _label),) = first.context["form"].fields["not_personal_data"].choices
    post(
        client,
        office.office,
        body=FLAGGED,
        not_personal_data=[key],
        privacy_reason="庁舎管理の公用携帯の番号",
        **{HELD_KEY: tokens},
    )
    attachment = NoticeAttachment.objects.get()
    assert attachment.notice == Notice.objects.get()
    assert attachment.file_name == "配置図.pdf"
    assert attachment.document.file.read() == b"%PDF-1 map"
    assert not HeldUpload.objects.exists()


def test_files_are_kept_when_another_field_is_wrong_and_more_can_be_added(client, office):
    first = post(client, office.office, title=" ", files=[upload("a.pdf")])
    assert "title" in first.context["form"].errors
    post(client, office.office, files=[upload("b.pdf")], **{HELD_KEY: held_tokens(first)})
    assert sorted(NoticeAttachment.objects.values_list("file_name", flat=True)) == [
        "a.pdf",
        "b.pdf",
    ]


def test_a_held_file_can_be_dropped(client, office):
    first = post(client, office.office, title=" ", files=[upload("a.pdf"), upload("b.pdf")])
    tokens = held_tokens(first)
    post(client, office.office, **{HELD_KEY: tokens, "files-drop": [tokens[0]]})
    assert list(NoticeAttachment.objects.values_list("file_name", flat=True)) == ["b.pdf"]
    assert not HeldUpload.objects.exists()


def test_a_file_refused_by_its_check_is_not_held(client, office):
    post(client, office.office, body=FLAGGED, files=[upload("x.exe", b"MZ")])
    assert not HeldUpload.objects.exists()


def test_files_held_for_someone_else_are_refused(client, office):
    first = post(client, office.office, title=" ", files=[upload("内示.pdf")])
    response = post(client, office.hr, **{HELD_KEY: held_tokens(first)})
    assert "もう一度選んでください" in " ".join(response.context["form"].errors["files"])
    assert not Notice.objects.exists()
    assert HeldUpload.objects.get().user == office.office


def test_a_replacement_of_an_attachment_sent_back_is_kept(client, office):
    notice, attachment = sent_with_file(client, office)
    field = f"replace_{attachment.pk}"
    first = edit(client, office.office, notice, body=FLAGGED, **{field: upload("v2.pdf", b"v2")})
    page = first.content.decode()
    assert "添付済み" in page and "v2.pdf" in page
    ((key, _label),) = first.context["form"].fields["not_personal_data"].choices
    edit(
        client,
        office.office,
        notice,
        body=FLAGGED,
        not_personal_data=[key],
        privacy_reason="公用携帯",
        **{f"{field}-held": held_tokens(first, field)},
    )
    attachment.refresh_from_db()
    assert attachment.file_name == "v2.pdf" and attachment.document.file.read() == b"v2"


def test_files_held_longer_than_a_day_are_cleaned(
    client, office, django_capture_on_commit_callbacks
):
    post(client, office.office, title=" ", files=[upload("old.pdf")])
    old = HeldUpload.objects.get()
    HeldUpload.objects.update(created_at=timezone.now() - timedelta(days=1, minutes=1))
    storage, name = old.file.storage, old.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("clean_held_uploads", stdout=io.StringIO())
    assert not HeldUpload.objects.exists()
    assert not storage.exists(name)


def test_holding_a_new_file_cleans_stale_ones(client, office):
    post(client, office.office, title=" ", files=[upload("old.pdf")])
    HeldUpload.objects.update(created_at=timezone.now() - timedelta(days=2))
    post(client, office.hr, title=" ", files=[upload("new.pdf")])
    assert list(HeldUpload.objects.values_list("original_name", flat=True)) == ["new.pdf"]


def test_a_held_file_past_a_day_is_refused(client, office):
    first = post(client, office.office, title=" ", files=[upload("old.pdf")])
    HeldUpload.objects.update(created_at=timezone.now() - timedelta(days=2))
    response = post(client, office.office, **{HELD_KEY: held_tokens(first)})
    assert response.context["form"].errors["files"]
    assert not Notice.objects.exists()
