"""Sending, editing and withdrawing a notice: who may, to whom, and what bad input gets."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from bulletin.models import Notice, NoticeAttachment
from intranet.models import Notification
from intranet.privacy.models import PrivacyOverride
from tests.factories import notice, notice_category

pytestmark = pytest.mark.django_db

PHONE = "090-1234-5678"


def form_data(**changes):
    data = {
        "title": "庁舎の停電について",
        "category": notice_category().pk,
        "importance": 2,
        "body": "本庁舎で停電があります。\n\nパソコンの電源を切って退庁してください。",
        "audience": "all",
        "starts_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "ends_at": "",
        "include_sections": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def send(client, user, **changes):
    client.force_login(user)
    return client.post(reverse("bulletin:new"), form_data(**changes))


def errors(response):
    return response.context["form"].errors


def test_the_administration_office_sends_a_notice_to_all_staff(client, office):
    response = send(client, office.office)
    sent = Notice.objects.get()
    assert response.status_code == 302 and response.url == sent.get_absolute_url()
    assert (sent.audience_all, sent.sender, sent.posted_by) == (True, office.gyosei, office.office)


def test_a_plain_body_becomes_paragraphs(client, office):
    send(client, office.office)
    assert Notice.objects.get().body == (
        "<p>本庁舎で停電があります。</p><p>パソコンの電源を切って退庁してください。</p>"
    )


def test_hostile_html_in_the_body_is_not_stored(client, office):
    send(
        client,
        office.office,
        body='<p onclick="x()">停電</p><script>alert(1)</script>'
        '<a href="javascript:alert(1)">ここ</a><img src=x onerror=alert(1)>',
    )
    body = Notice.objects.get().body
    assert body == "<p>停電</p><a>ここ</a>"


def test_a_body_of_a_megabyte_is_refused_with_its_length(client, office):
    response = send(client, office.office, body="a" * 1_000_000)
    assert "1,000,000文字" in errors(response)["body"][0]
    assert not Notice.objects.exists()


def test_a_post_too_large_to_read_gets_a_japanese_page(client, office):
    response = send(client, office.office, body="あ" * 1_000_000)
    assert response.status_code == 400
    assert "送信された内容が大きすぎる" in response.content.decode()
    assert not Notice.objects.exists()


def test_a_body_with_nothing_to_read_is_refused(client, office):
    response = send(client, office.office, body="<script>alert(1)</script>")
    assert errors(response)["body"] == ["お知らせの本文を入力してください。"]


def test_a_display_period_that_ends_before_it_starts_is_refused(client, office):
    response = send(client, office.office, starts_at="2026-12-10T09:00", ends_at="2026-12-01T09:00")
    assert errors(response)["ends_at"] == ["掲示終了日時は掲示開始日時より後にしてください。"]


def test_a_date_that_does_not_exist_is_refused_in_japanese(client, office):
    response = send(client, office.office, starts_at="2026-02-30T09:00")
    assert "日時" in errors(response)["starts_at"][0]


def test_staff_may_not_send_to_all_staff(client, office):
    response = send(client, office.citizen)
    assert errors(response)["audience"]
    assert not Notice.objects.exists()


def test_staff_send_to_their_own_section(client, office):
    send(client, office.citizen, audience="departments", departments=[office.shimin.pk])
    sent = Notice.objects.get()
    assert [row.department for row in sent.audience.all()] == [office.shimin]


def test_staff_may_not_send_to_another_department(client, office):
    response = send(client, office.citizen, audience="departments", departments=[office.jinji.pk])
    assert errors(response)["departments"]
    assert not Notice.objects.exists()


def test_a_category_kept_for_one_section_refuses_the_others(client, office):
    personnel = notice_category("jinji", "人事")
    personnel.posting_departments.set([office.jinji])
    response = send(client, office.office, category=personnel.pk)
    assert errors(response)["category"]
    send(
        client,
        office.hr,
        category=personnel.pk,
        audience="departments",
        departments=[office.jinji.pk],
    )
    assert Notice.objects.get().category == personnel


def test_a_future_start_schedules_the_notice(client, office):
    start = timezone.localtime() + timedelta(days=3)
    response = send(client, office.office, starts_at=start.strftime("%Y-%m-%dT%H:%M"))
    client.get(response.url)
    sent = Notice.objects.get()
    assert sent.is_scheduled()


def test_the_sending_section_edits_and_readers_see_it_updated(client, office):
    sent = notice("旧い件名", sender=office.jinji, starts_at=timezone.now() - timedelta(days=1))
    client.force_login(office.hr_colleague)
    response = client.post(
        reverse("bulletin:edit", args=[sent.pk]),
        form_data(title="新しい件名", audience="departments", departments=[office.jinji.pk]),
    )
    assert response.status_code == 302
    sent.refresh_from_db()
    assert sent.title == "新しい件名" and sent.revised_at is not None


def test_an_edit_keeps_the_earlier_version_as_a_revision(client, office):
    send(client, office.office, title="一回目")
    sent = Notice.objects.get()
    client.post(reverse("bulletin:edit", args=[sent.pk]), form_data(title="二回目"))
    titles = [revision.content["title"] for revision in sent.revisions.order_by("created_at")]
    assert titles == ["一回目", "二回目"]


def test_another_section_may_not_edit_a_notice(client, office):
    sent = notice(sender=office.jinji)
    client.force_login(office.citizen)
    assert client.get(reverse("bulletin:edit", args=[sent.pk])).status_code == 403
    response = client.post(reverse("bulletin:edit", args=[sent.pk]), form_data(title="改ざん"))
    assert response.status_code == 403
    sent.refresh_from_db()
    assert sent.title != "改ざん"


def test_the_sending_section_withdraws_a_notice(client, office):
    sent = notice(sender=office.jinji)
    client.force_login(office.hr)
    client.post(reverse("bulletin:withdraw", args=[sent.pk]), {"confirm": "on"})
    sent.refresh_from_db()
    assert sent.withdrawn_by == office.hr


def test_another_section_may_not_withdraw_a_notice(client, office):
    sent = notice(sender=office.jinji)
    client.force_login(office.citizen)
    response = client.post(reverse("bulletin:withdraw", args=[sent.pk]), {"confirm": "on"})
    assert response.status_code == 403
    sent.refresh_from_db()
    assert not sent.is_withdrawn


def test_a_phone_number_stops_the_notice_and_is_highlighted(client, office):
    response = send(client, office.office, body=f"問い合わせは {PHONE} まで。")
    assert not Notice.objects.exists()
    body = response.content.decode()
    assert f">{PHONE}</mark>" in body
    assert "個人情報" in str(response.context["form"].non_field_errors())


def test_a_finding_ticked_as_not_personal_data_with_a_reason_is_sent_and_recorded(client, office):
    client.force_login(office.office)
    first = client.post(reverse("bulletin:new"), form_data(body=f"問い合わせは {PHONE} まで。"))
    ((key, _label),) = first.context["form"].fields["not_personal_data"].choices
    client.post(
        reverse("bulletin:new"),
        form_data(
            body=f"問い合わせは {PHONE} まで。",
            not_personal_data=[key],
            privacy_reason="庁舎管理の公用携帯で、市のサイトに載っている番号",
        ),
    )
    sent = Notice.objects.get()
    override = PrivacyOverride.objects.get()
    assert (override.object_id, override.text) == (str(sent.pk), PHONE)


def test_a_tick_without_a_reason_is_refused(client, office):
    client.force_login(office.office)
    first = client.post(reverse("bulletin:new"), form_data(body=f"問い合わせは {PHONE} まで。"))
    ((key, _label),) = first.context["form"].fields["not_personal_data"].choices
    response = client.post(
        reverse("bulletin:new"),
        form_data(body=f"問い合わせは {PHONE} まで。", not_personal_data=[key]),
    )
    assert response.context["form"].errors["privacy_reason"]
    assert not Notice.objects.exists()


# Attachments.


def upload(name, content=b"%PDF-1.4 test", size=None):
    if size is not None:
        content = content + b"0" * (size - len(content))
    return SimpleUploadedFile(name, content)


def test_a_pdf_is_attached_and_served_under_its_name(client, office):
    send(client, office.office, files=[upload("停電のお知らせ.pdf")])
    attachment = NoticeAttachment.objects.get()
    client.force_login(office.citizen)
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert (
        "停電のお知らせ.pdf" in response["Content-Disposition"]
        or "filename*=" in response["Content-Disposition"]
    )


def test_an_attachment_is_stored_under_a_name_that_gives_nothing_away(client, office):
    send(client, office.office, files=[upload("人事異動案.pdf")])
    document = NoticeAttachment.objects.get().document
    assert "人事" not in document.file.name and "人事" not in document.title


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("setup.exe", b"MZ\x90\x00", "プログラムまたはスクリプト"),
        ("tool.js", b"alert(1)", "プログラムまたはスクリプト"),
        ("run.bat", b"@echo off", "プログラムまたはスクリプト"),
        ("集計.xlsm", b"PK\x03\x04", "マクロ付き"),
        ("報告.docm", b"PK\x03\x04", "マクロ付き"),
        ("invoice.pdf", b"MZ\x90\x00", "文書ではなくプログラム"),
        ("image.svg", b"<svg/>", "添付できない種類"),
    ],
)
def test_a_blocked_attachment_is_refused_and_nothing_is_stored(
    client, office, name, content, message
):
    response = send(client, office.office, files=[upload(name, content)])
    assert message in " ".join(errors(response)["files"])
    assert not Notice.objects.exists() and not NoticeAttachment.objects.exists()


def test_an_attachment_over_the_limit_is_refused_with_its_size(client, office, settings):
    settings.BULLETIN_ATTACHMENT_MAX_BYTES = 1_000_000
    response = send(client, office.office, files=[upload("大きな資料.pdf", size=2_500_000)])
    assert "2.5 MB" in errors(response)["files"][0]
    assert not Notice.objects.exists()


def test_macro_files_may_be_allowed_by_the_city(client, office, settings):
    settings.BULLETIN_ALLOW_MACRO_ATTACHMENTS = True
    send(client, office.office, files=[upload("集計.xlsm", b"PK\x03\x04")])
    assert NoticeAttachment.objects.get().file_name == "集計.xlsm"


def test_an_attachment_is_not_served_outside_the_audience(client, office):
    send(
        client,
        office.hr,
        audience="departments",
        departments=[office.jinji.pk],
        files=[upload("内示.pdf")],
    )
    attachment = NoticeAttachment.objects.get()
    client.force_login(office.citizen)
    assert client.get(attachment.get_absolute_url()).status_code == 404
    # Wagtail's document address answers as the notice's own: it does not exist.
    assert client.get(attachment.document.url).status_code == 404


def test_a_reminder_reaches_everyone_who_has_not_confirmed_in_one_write(
    client, office, django_assert_max_num_queries
):
    sent = notice(sender=office.gyosei, requires_confirmation=True)
    client.force_login(office.office)
    with django_assert_max_num_queries(20):
        client.post(reverse("bulletin:remind", args=[sent.pk]))
    reminded = set(Notification.objects.values_list("recipient__username", flat=True))
    assert reminded == {  # all but the sender
        user.username for user in (office.hr, office.hr_colleague, office.citizen, office.bu_head)
    }


def test_an_edit_before_the_notice_goes_out_is_not_marked_updated(client, office):
    start = timezone.now() + timedelta(days=2)
    sent = notice("予約中の件名", sender=office.gyosei, starts_at=start)
    client.force_login(office.office)
    client.post(
        reverse("bulletin:edit", args=[sent.pk]),
        form_data(title="直した件名", starts_at=timezone.localtime().strftime("%Y-%m-%dT%H:%M")),
    )
    sent.refresh_from_db()
    assert sent.title == "直した件名" and sent.revised_at is None
