"""E-mail from the bulletin board, sent to a real SMTP server on loopback (aiosmtpd).

Urgent notices reach the staff in their audience who chose them; replies
reach the thread starter who chose them; nothing reaches anyone else.
"""

from datetime import timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from bulletin import mail
from bulletin.models import (
    Board,
    MailPreference,
    Notice,
    Post,
    Thread,
)
from tests.factories import DepartmentFactory, notice, staff_member

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def person(department=None, urgent_notices=False, thread_replies=False, **profile):
    """A staff member with an e-mail address and the given mail preferences."""
    user = staff_member(**({"department": department} if department else {}), **profile)
    user.email = f"{user.username}@city.example.jp"
    user.save(update_fields=["email"])
    MailPreference.objects.create(
        user=user, urgent_notices=urgent_notices, thread_replies=thread_replies
    )
    return user


def make_notice(title="庁舎停電のお知らせ", audience=(), **fields):
    """An urgent notice unless said otherwise: the kind that is e-mailed."""
    fields.setdefault("importance", Notice.Importance.URGENT)
    return notice(title, audience, **fields)


@pytest.fixture
def send_notice(django_capture_on_commit_callbacks):
    """What the notice views do once the notice is saved: call notice_sent on commit."""

    def send(notice):
        with django_capture_on_commit_callbacks(execute=True):
            mail.notice_sent(notice)

    return send


def queued_mail():
    return DBTaskResult.objects.filter(task_path="bulletin.mail.send_urgent_notice")


def run_queued_mail():
    """Run the queued mail tasks as the worker does, once the time has come."""
    for queued in queued_mail():
        queued.task.call(*queued.args_kwargs["args"], **queued.args_kwargs["kwargs"])


# Urgent notices.


def test_an_urgent_notice_reaches_staff_who_chose_urgent_mail(smtp_server, send_notice):
    reader = person(urgent_notices=True)

    send_notice(make_notice())

    assert smtp_server.recipients == [reader.email]


def test_the_subject_is_japanese_with_the_intranet_prefix(smtp_server, send_notice):
    person(urgent_notices=True)

    send_notice(make_notice(title="庁舎停電のお知らせ"))

    assert smtp_server.subjects == ["【庁内イントラネット】【緊急】庁舎停電のお知らせ"]


def test_the_raw_message_has_ascii_headers_and_declares_utf8(smtp_server, send_notice):
    person(urgent_notices=True)

    send_notice(make_notice())

    headers, _separator, body = smtp_server.raw[0].partition(b"\r\n\r\n")
    headers.decode("ascii")  # encoded words only: no raw Japanese in a header
    assert b"=?utf-8?" in headers
    assert b'Content-Type: text/plain; charset="utf-8"' in headers
    assert "本日15時から停電します。" in body.decode("utf-8")


def test_the_body_is_plain_text_with_an_absolute_link(smtp_server, send_notice, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://intra.city.example.jp"
    person(urgent_notices=True)
    notice = make_notice(body="<p>本日15時から停電します。</p><p>PCを終了してください。</p>")

    send_notice(notice)

    text = smtp_server.messages[0].get_content()
    assert "本日15時から停電します。\nPCを終了してください。" in text
    assert "<p>" not in text
    assert f"https://intra.city.example.jp/bulletin/{notice.pk}/" in text


def test_each_mail_is_addressed_to_one_recipient_only(smtp_server, send_notice):
    first, second = person(urgent_notices=True), person(urgent_notices=True)

    send_notice(make_notice())

    assert sorted(message["To"] for message in smtp_server.messages) == sorted(
        [first.email, second.email]
    )


def test_staff_who_did_not_choose_urgent_mail_get_none(smtp_server, send_notice):
    person()  # both preferences are off unless chosen
    staff_member()  # no preference at all

    send_notice(make_notice())

    assert smtp_server.received == []


def test_a_normal_notice_is_not_mailed(smtp_server, send_notice):
    person(urgent_notices=True)

    send_notice(make_notice(importance=Notice.Importance.IMPORTANT))

    assert smtp_server.received == []


def test_a_department_notice_reaches_its_own_staff(smtp_server, send_notice):
    bu = DepartmentFactory(kind="bu", name="福祉部")
    section = DepartmentFactory(parent=bu, name="福祉総務課")
    member = person(department=section, urgent_notices=True)

    send_notice(make_notice(audience=[bu]))

    assert smtp_server.recipients == [member.email]


def test_a_department_notice_never_reaches_other_departments(smtp_server, send_notice):
    welfare, finance = DepartmentFactory(name="福祉課"), DepartmentFactory(name="財政課")
    person(department=finance, urgent_notices=True)
    member = person(department=welfare, urgent_notices=True)

    send_notice(make_notice(body="<p>福祉課だけの内容</p>", audience=[welfare]))

    assert smtp_server.recipients == [member.email]


def test_a_rolled_back_notice_is_not_mailed(smtp_server, django_capture_on_commit_callbacks):
    person(urgent_notices=True)

    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            mail.notice_sent(make_notice())
            transaction.set_rollback(True)

    assert smtp_server.received == []


def test_a_scheduled_notice_is_queued_for_its_start_time(smtp_server, send_notice, settings):
    settings.TASKS = DATABASE_TASKS
    person(urgent_notices=True)
    notice = make_notice(starts_at=timezone.now() + timedelta(hours=2))

    send_notice(notice)

    assert smtp_server.received == []
    assert queued_mail().get().run_after == notice.starts_at


def test_a_scheduled_notice_is_mailed_once_its_time_has_come(smtp_server, send_notice, settings):
    settings.TASKS = DATABASE_TASKS
    reader = person(urgent_notices=True)
    notice = make_notice(starts_at=timezone.now() + timedelta(hours=2))
    send_notice(notice)

    Notice.objects.filter(pk=notice.pk).update(starts_at=timezone.now())  # time passes
    run_queued_mail()

    assert smtp_server.recipients == [reader.email]


def test_a_notice_withdrawn_before_its_start_is_not_mailed(smtp_server, send_notice, settings):
    settings.TASKS = DATABASE_TASKS
    person(urgent_notices=True)
    notice = make_notice(starts_at=timezone.now() + timedelta(hours=2))
    send_notice(notice)

    Notice.objects.filter(pk=notice.pk).update(
        starts_at=timezone.now(), withdrawn_at=timezone.now()
    )
    run_queued_mail()

    assert smtp_server.received == []


def test_a_notice_lowered_from_urgent_before_its_start_is_not_mailed(
    smtp_server, send_notice, settings
):
    settings.TASKS = DATABASE_TASKS
    person(urgent_notices=True)
    notice = make_notice(starts_at=timezone.now() + timedelta(hours=2))
    send_notice(notice)

    Notice.objects.filter(pk=notice.pk).update(
        starts_at=timezone.now(), importance=Notice.Importance.NORMAL
    )
    run_queued_mail()

    assert smtp_server.received == []


def test_without_a_deferring_task_backend_a_scheduled_notice_is_never_sent_early(
    smtp_server, send_notice
):
    person(urgent_notices=True)  # the test settings run tasks at once, and cannot defer

    send_notice(make_notice(starts_at=timezone.now() + timedelta(hours=2)))

    assert smtp_server.received == []


# Replies to one's threads.


@pytest.fixture
def board(db):
    return Board.objects.create(name="業務改善", slug="kaizen", purpose="業務改善の提案")


def start_thread(board, author, title="窓口の待ち時間について"):
    thread = Thread.objects.create(board=board, title=title)
    Post.objects.create(thread=thread, author=author, body="待ち時間を短くしたい。")
    return thread


def reply(thread, author, body="番号札の導入はどうでしょう。", **fields):
    post = Post.objects.create(thread=thread, author=author, body=body, **fields)
    mail.reply_posted(post)
    return post


def test_a_reply_is_mailed_to_the_thread_starter_who_chose_it(
    smtp_server, board, django_capture_on_commit_callbacks
):
    starter = person(thread_replies=True)
    thread = start_thread(board, starter)

    with django_capture_on_commit_callbacks(execute=True):
        reply(thread, staff_member())

    assert smtp_server.recipients == [starter.email]
    assert smtp_server.subjects == [
        "【庁内イントラネット】「窓口の待ち時間について」に返信がありました"
    ]


def test_the_reply_mail_names_neither_the_reply_nor_who_wrote_it(
    smtp_server, board, django_capture_on_commit_callbacks
):
    starter = person(thread_replies=True)
    thread = start_thread(board, starter)

    with django_capture_on_commit_callbacks(execute=True):
        reply(thread, staff_member(full_name="河内 花子"), body="番号札の導入はどうでしょう。")

    text = smtp_server.messages[0].get_content()
    assert "番号札" not in text and "河内" not in text
    assert thread.get_absolute_url() in text


def test_no_reply_mail_unless_the_starter_chose_it(
    smtp_server, board, django_capture_on_commit_callbacks
):
    thread = start_thread(board, person(urgent_notices=True))

    with django_capture_on_commit_callbacks(execute=True):
        reply(thread, staff_member())

    assert smtp_server.received == []


def test_no_reply_mail_for_the_starters_own_reply(
    smtp_server, board, django_capture_on_commit_callbacks
):
    starter = person(thread_replies=True)
    thread = start_thread(board, starter)

    with django_capture_on_commit_callbacks(execute=True):
        reply(thread, starter)

    assert smtp_server.received == []


def test_no_reply_mail_when_nobody_may_know_who_started_the_thread(
    smtp_server, board, django_capture_on_commit_callbacks
):
    person(thread_replies=True)
    thread = start_thread(board, None)  # an untraceable anonymous opening post keeps no author

    with django_capture_on_commit_callbacks(execute=True):
        reply(thread, staff_member())

    assert smtp_server.received == []


def test_no_reply_mail_when_the_starter_no_longer_sees_the_board(
    smtp_server, board, django_capture_on_commit_callbacks
):
    starter = person(department=DepartmentFactory(name="財政課"), thread_replies=True)
    thread = start_thread(board, starter)
    board.all_staff = False
    board.save()
    board.departments.add(DepartmentFactory(name="福祉課"))

    with django_capture_on_commit_callbacks(execute=True):
        reply(thread, staff_member())

    assert smtp_server.received == []


# The preferences screen.


def test_both_mail_preferences_are_off_until_chosen(staff_client):
    response = staff_client.get(reverse("bulletin:mail_preferences"))

    form = response.context["form"]
    assert (form["urgent_notices"].value(), form["thread_replies"].value()) == (False, False)


def test_choosing_urgent_mail_is_saved(staff_client, staff_user):
    response = staff_client.post(
        reverse("bulletin:mail_preferences"), {"urgent_notices": "on"}, follow=True
    )

    assert "メールの設定を保存しました" in response.content.decode()
    preference = MailPreference.objects.get(user=staff_user)
    assert (preference.urgent_notices, preference.thread_replies) == (True, False)


def test_clearing_both_choices_is_saved(staff_client, staff_user):
    MailPreference.objects.create(user=staff_user, urgent_notices=True, thread_replies=True)

    staff_client.post(reverse("bulletin:mail_preferences"), {})

    preference = MailPreference.objects.get(user=staff_user)
    assert (preference.urgent_notices, preference.thread_replies) == (False, False)


def test_the_screen_says_when_no_address_is_registered(staff_client):
    response = staff_client.get(reverse("bulletin:mail_preferences"))

    assert "メールアドレスが登録されていない" in response.content.decode()
