"""A moderator can undo 非表示: the post is shown to everyone again, and the log keeps who."""

import pytest
from wagtail.models import ModelLogEntry

from bulletin.conference.services import UNHIDE_ACTION
from tests.factories import staff_member

from .boards import make_board, make_thread, post_url, thread_url

pytestmark = pytest.mark.django_db

TEXT = "投稿2です。"


@pytest.fixture
def moderator():
    return staff_member(full_name="司会 進")


@pytest.fixture
def hidden_post(client, moderator):
    thread = make_thread(make_board(moderators=[moderator]), staff_member(), posts=2)
    post = thread.posts.last()
    client.force_login(moderator)
    client.post(post_url("hide_post", post), {"reason": "個人攻撃にあたるため"})
    post.refresh_from_db()
    assert post.is_hidden
    return post


def test_a_moderator_shows_a_hidden_post_again(client, hidden_post):
    response = client.post(post_url("unhide_post", hidden_post))
    assert response.status_code == 302
    hidden_post.refresh_from_db()
    assert not hidden_post.is_hidden
    assert (hidden_post.hidden_by, hidden_post.hidden_reason) == (None, "")


def test_everyone_reads_it_again(client, hidden_post):
    client.post(post_url("unhide_post", hidden_post))
    client.force_login(staff_member())
    assert TEXT in client.get(thread_url(hidden_post.thread)).content.decode()


def test_showing_again_is_logged_like_hiding(client, moderator, hidden_post):
    client.post(post_url("unhide_post", hidden_post))
    entry = ModelLogEntry.objects.get(action=UNHIDE_ACTION)
    assert entry.user == moderator
    assert entry.data["reason"] == "個人攻撃にあたるため"
    assert entry.object_id == str(hidden_post.pk)


def test_the_moderator_sees_the_button_on_a_hidden_post(client, hidden_post):
    body = client.get(thread_url(hidden_post.thread)).content.decode()
    assert post_url("unhide_post", hidden_post) in body
    assert "非表示を取り消す" in body


def test_others_see_no_button_and_are_refused(client, hidden_post):
    client.force_login(staff_member())
    assert (
        post_url("unhide_post", hidden_post)
        not in client.get(thread_url(hidden_post.thread)).content.decode()
    )
    assert client.post(post_url("unhide_post", hidden_post)).status_code == 403
    hidden_post.refresh_from_db()
    assert hidden_post.is_hidden


def test_showing_again_needs_a_post_request(client, hidden_post):
    assert client.get(post_url("unhide_post", hidden_post)).status_code == 405
