"""Threads with no post for the board's retention period move to its archive, read-only."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from bulletin.models import Thread
from tests.factories import staff_member

from .boards import board_url, make_board, make_thread, post_url, reply_url, thread_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def board():
    return make_board(retention_months=6)


@pytest.fixture
def old_thread(board, staff_user):
    thread = make_thread(board, staff_user, title="昨年度の検討")
    long_ago = timezone.now() - timedelta(days=200)
    Thread.objects.filter(pk=thread.pk).update(last_posted_at=long_ago)
    thread.posts.update(created_at=long_ago)
    thread.refresh_from_db()
    return thread


def test_an_inactive_thread_leaves_the_board_page(staff_client, board, old_thread):
    assert "昨年度の検討" not in staff_client.get(board_url(board)).content.decode()


def test_an_inactive_thread_is_listed_in_the_archive(staff_client, board, old_thread):
    url = reverse("bulletin:board_archive", args=[board.slug])
    assert "昨年度の検討" in staff_client.get(url).content.decode()


def test_an_active_thread_is_not_in_the_archive(staff_client, board, staff_user):
    make_thread(board, staff_user, title="今年度の検討")
    url = reverse("bulletin:board_archive", args=[board.slug])
    assert "今年度の検討" not in staff_client.get(url).content.decode()


def test_an_archived_thread_can_still_be_read(staff_client, old_thread):
    response = staff_client.get(thread_url(old_thread))
    assert "投稿1です。" in response.content.decode()
    assert "アーカイブされています" in response.content.decode()


def test_an_archived_thread_offers_no_reply_form(staff_client, old_thread):
    assert "返信する" not in staff_client.get(thread_url(old_thread)).content.decode()


def test_a_reply_to_an_archived_thread_is_refused_with_a_message(staff_client, old_thread):
    response = staff_client.post(reply_url(old_thread), {"body": "今さらですが"}, follow=True)
    assert old_thread.posts.count() == 1
    assert "返信・編集・「参考になった」はできません" in response.content.decode()


def test_a_reaction_in_an_archived_thread_is_refused(client, old_thread):
    client.force_login(staff_member())
    client.post(post_url("react", old_thread.posts.get()))
    assert not old_thread.posts.get().reactions.exists()


def test_a_post_in_an_archived_thread_cannot_be_edited(staff_client, board, old_thread):
    board.edit_window_minutes = 60 * 24 * 365
    board.save()
    post = old_thread.posts.get()
    staff_client.post(post_url("edit_post", post), {"body": "書き換え"})
    post.refresh_from_db()
    assert post.body == "投稿1です。"
