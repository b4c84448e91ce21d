"""Moderators hide a post with a reason: others see a notice, moderators the text; logged."""

import pytest
from wagtail.models import ModelLogEntry

from bulletin.models import Post
from tests.factories import staff_member

from .boards import make_board, make_thread, post_url, reply_url, thread_url

pytestmark = pytest.mark.django_db

HIDDEN = "この投稿はモデレーターにより非表示にされました"


@pytest.fixture
def moderator():
    return staff_member(full_name="司会 進")


@pytest.fixture
def thread(moderator):
    board = make_board(moderators=[moderator])
    return make_thread(board, staff_member(), posts=2)


@pytest.fixture
def hidden_post(client, moderator, thread):
    post = thread.posts.last()
    client.force_login(moderator)
    client.post(post_url("hide_post", post), {"reason": "個人攻撃にあたるため"})
    post.refresh_from_db()
    return post


def test_a_moderator_hides_a_post_with_a_reason(hidden_post, moderator):
    assert hidden_post.is_hidden
    assert (hidden_post.hidden_by, hidden_post.hidden_reason) == (moderator, "個人攻撃にあたるため")


def test_hiding_needs_a_reason(client, moderator, thread):
    client.force_login(moderator)
    response = client.post(post_url("hide_post", thread.posts.last()), {"reason": " "})
    assert "非表示にする理由を書いてください。" in response.content.decode()
    assert not Post.objects.filter(hidden_at__isnull=False).exists()


def test_hiding_is_kept_in_the_audit_log(hidden_post, moderator):
    entry = ModelLogEntry.objects.get(action="bulletin.hide_post")
    assert (entry.object_id, entry.user_id) == (str(hidden_post.pk), moderator.pk)
    assert entry.data["reason"] == "個人攻撃にあたるため"


def test_the_audit_log_names_the_action_in_japanese(hidden_post):
    entry = ModelLogEntry.objects.get(action="bulletin.hide_post")
    assert entry.formatter.format_message(entry) == "モデレーターが投稿を非表示にしました"


def test_others_see_that_the_post_was_hidden_not_its_text(client, hidden_post, thread):
    client.force_login(staff_member())
    body = client.get(thread_url(thread)).content.decode()
    assert HIDDEN in body
    assert "投稿2です。" not in body
    assert "個人攻撃にあたるため" not in body


def test_a_moderator_still_reads_the_text_and_the_reason(client, hidden_post, thread):
    body = client.get(thread_url(thread)).content.decode()
    assert "投稿2です。" in body
    assert "個人攻撃にあたるため" in body


def test_a_quote_of_a_hidden_post_does_not_show_its_text(client, hidden_post, thread):
    client.force_login(staff_member())
    client.post(reply_url(thread), {"body": "引用", "quotes": hidden_post.pk})
    body = client.get(thread_url(thread)).content.decode()
    assert "投稿2です。" not in body


def test_a_hidden_post_cannot_be_edited_by_its_author(client, hidden_post):
    client.force_login(hidden_post.author)
    client.post(post_url("edit_post", hidden_post), {"body": "書き換え"})
    hidden_post.refresh_from_db()
    assert hidden_post.body == "投稿2です。"


def test_a_hidden_post_cannot_be_marked_helpful(client, hidden_post):
    client.force_login(staff_member())
    client.post(post_url("react", hidden_post))
    assert not hidden_post.reactions.exists()
