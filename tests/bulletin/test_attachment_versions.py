"""Replacing or removing a notice's attachment: new stored names, history, 「添付ファイル更新」."""

import pytest
from django.urls import reverse
from wagtail.documents import get_document_model

from bulletin.models import Notice, NoticeAttachment, NoticeAttachmentVersion
from tests.bulletin.test_posting import form_data, send, upload

pytestmark = pytest.mark.django_db


def sent_with_file(client, office, **changes):
    send(client, office.office, files=[upload("会議室の配置図.pdf", b"%PDF-1.4 first")], **changes)
    return Notice.objects.get(), NoticeAttachment.objects.get()


def edit(client, user, notice, **changes):
    client.force_login(user)
    data = form_data(
        title=notice.title,
        category=notice.category_id,
        starts_at=notice.starts_at.astimezone().strftime("%Y-%m-%dT%H:%M"),
        **changes,
    )
    return client.post(reverse("bulletin:edit", args=[notice.pk]), data)


def content(response):
    return b"".join(response.streaming_content)


def test_a_replaced_file_is_stored_under_a_random_name_and_readers_see_it_updated(client, office):
    notice, attachment = sent_with_file(client, office)
    edit(
        client,
        office.office,
        notice,
        **{f"replace_{attachment.pk}": upload("会議室の配置図（改訂）.pdf", b"%PDF-1.4 second")},
    )
    attachment.refresh_from_db()
    assert attachment.file_name == "会議室の配置図（改訂）.pdf"
    assert "配置図" not in attachment.document.file.name
    assert attachment.replaced_at is not None
    client.force_login(office.citizen)
    assert content(client.get(attachment.get_absolute_url())) == b"%PDF-1.4 second"
    page = client.get(notice.get_absolute_url()).content.decode()
    assert "添付ファイル更新" in page
    board = client.get(reverse("bulletin:index")).content.decode()
    assert "添付ファイル更新" in board


def test_the_earlier_version_stays_available_to_the_readers(client, office):
    notice, attachment = sent_with_file(client, office)
    edit(client, office.office, notice, **{f"replace_{attachment.pk}": upload("v2.pdf")})
    version = NoticeAttachmentVersion.objects.get()
    assert version.file_name == "会議室の配置図.pdf"
    client.force_login(office.citizen)
    page = client.get(notice.get_absolute_url()).content.decode()
    assert version.get_absolute_url() in page
    response = client.get(version.get_absolute_url())
    assert response.status_code == 200 and content(response) == b"%PDF-1.4 first"


def test_every_version_is_kept_in_order(client, office):
    notice, attachment = sent_with_file(client, office)
    for name in ("v2.pdf", "v3.pdf"):
        edit(client, office.office, notice, **{f"replace_{attachment.pk}": upload(name)})
    assert [version.file_name for version in attachment.versions.all()] == [
        "v2.pdf",
        "会議室の配置図.pdf",
    ]


def test_earlier_versions_are_served_only_to_the_notices_audience(client, office):
    send(
        client,
        office.hr,
        audience="departments",
        departments=[office.jinji.pk],
        files=[upload("内示.pdf")],
    )
    notice, attachment = Notice.objects.get(), NoticeAttachment.objects.get()
    edit(
        client,
        office.hr,
        notice,
        audience="departments",
        departments=[office.jinji.pk],
        **{f"replace_{attachment.pk}": upload("内示（訂正）.pdf")},
    )
    version = NoticeAttachmentVersion.objects.get()
    client.force_login(office.hr_colleague)
    assert client.get(version.get_absolute_url()).status_code == 200
    client.force_login(office.citizen)
    assert client.get(version.get_absolute_url()).status_code == 404
    assert client.get(version.document.url).status_code == 404


def test_a_version_is_found_only_under_its_own_notice(client, office):
    notice, attachment = sent_with_file(client, office)
    edit(client, office.office, notice, **{f"replace_{attachment.pk}": upload("v2.pdf")})
    version = NoticeAttachmentVersion.objects.get()
    send(client, office.office, title="別のお知らせ")
    other = Notice.objects.get(title="別のお知らせ")
    client.force_login(office.citizen)
    url = reverse("bulletin:attachment_version", args=[other.pk, attachment.pk, version.pk])
    assert client.get(url).status_code == 404


def test_a_replacement_is_checked_like_any_attachment(client, office):
    notice, attachment = sent_with_file(client, office)
    response = edit(
        client, office.office, notice, **{f"replace_{attachment.pk}": upload("x.exe", b"MZ")}
    )
    assert response.context["form"].errors[f"replace_{attachment.pk}"]
    assert not NoticeAttachmentVersion.objects.exists()


def test_the_sender_removes_an_attachment_with_its_versions(client, office):
    notice, attachment = sent_with_file(client, office)
    edit(client, office.office, notice, **{f"replace_{attachment.pk}": upload("v2.pdf")})
    edit(client, office.office, notice, **{f"remove_{attachment.pk}": "on"})
    assert not NoticeAttachment.objects.exists()
    assert not NoticeAttachmentVersion.objects.exists()
    assert not get_document_model().objects.exists()
    notice.refresh_from_db()
    assert notice.revised_at is not None


def test_replacing_and_removing_one_file_at_once_is_refused(client, office):
    notice, attachment = sent_with_file(client, office)
    response = edit(
        client,
        office.office,
        notice,
        **{f"replace_{attachment.pk}": upload("v2.pdf"), f"remove_{attachment.pk}": "on"},
    )
    assert response.context["form"].errors[f"replace_{attachment.pk}"]
    assert NoticeAttachment.objects.get().file_name == "会議室の配置図.pdf"
