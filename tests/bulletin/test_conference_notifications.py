"""A reply tells the thread's starter: under the bell, and (once committed) by the mail hook."""

import pytest

from bulletin import mail
from intranet.models import Notification
from tests.factories import staff_member

from .boards import make_board, make_thread, reply_url, thread_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def starter():
    return staff_member()


@pytest.fixture
def thread(starter):
    return make_thread(make_board(), starter, title="庁内の紙を減らす")


def test_the_starter_is_notified_of_a_reply(staff_client, starter, thread):
    staff_client.post(reply_url(thread), {"body": "賛成です。"})
    notification = Notification.objects.get(recipient=starter)
    assert "「庁内の紙を減らす」に返信がありました" in notification.message
    assert notification.url.startswith(thread_url(thread) + "#post-")


def test_the_starter_is_not_notified_of_their_own_reply(client, starter, thread):
    client.force_login(starter)
    client.post(reply_url(thread), {"body": "補足です。"})
    assert not Notification.objects.exists()


def test_the_mail_hook_gets_the_reply_after_commit(
    staff_client, thread, monkeypatch, django_capture_on_commit_callbacks
):
    sent = []
    monkeypatch.setattr(mail, "reply_posted", sent.append)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        staff_client.post(reply_url(thread), {"body": "賛成です。"})
    assert len(callbacks) == 1
    assert sent == [thread.posts.latest("pk")]
