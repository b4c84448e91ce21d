"""The author edits their post within the board's edit window; the post is marked 「編集済み」."""

from datetime import timedelta

import pytest
from django.utils import timezone

from bulletin.models import Post
from tests.factories import staff_member

from .boards import make_board, make_thread, post_url, thread_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(staff_user):
    return make_thread(make_board(edit_window_minutes=30), staff_user).posts.get()


def test_the_author_edits_within_the_window(staff_client, post):
    staff_client.post(post_url("edit_post", post), {"body": "訂正しました。"})
    post.refresh_from_db()
    assert post.body == "訂正しました。"
    assert post.edited_at is not None


def test_an_edited_post_is_marked_edited(staff_client, post):
    staff_client.post(post_url("edit_post", post), {"body": "訂正しました。"})
    assert "編集済み" in staff_client.get(thread_url(post.thread)).content.decode()


def test_an_unedited_post_is_not_marked_edited(staff_client, post):
    assert "編集済み" not in staff_client.get(thread_url(post.thread)).content.decode()


def test_the_author_cannot_edit_after_the_window(staff_client, post):
    Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - timedelta(minutes=31))
    response = staff_client.post(post_url("edit_post", post), {"body": "遅れた訂正"}, follow=True)
    post.refresh_from_db()
    assert post.body == "投稿1です。"
    assert "投稿から30分間" in response.content.decode()


def test_the_edit_link_goes_once_the_window_has_passed(staff_client, post):
    Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - timedelta(minutes=31))
    body = staff_client.get(thread_url(post.thread)).content.decode()
    assert post_url("edit_post", post) not in body


def test_an_edit_is_checked_for_personal_data(staff_client, post):
    response = staff_client.post(post_url("edit_post", post), {"body": "連絡先は090-1234-5678です"})
    post.refresh_from_db()
    assert post.body == "投稿1です。"
    assert "<mark" in response.content.decode()


def test_an_edit_by_someone_else_is_forbidden(client, post):
    client.force_login(staff_member())
    assert client.get(post_url("edit_post", post)).status_code == 403
