"""「参考になった」: one per staff member and post, pressed again to take it back."""

import pytest

from tests.factories import staff_member

from .boards import make_board, make_thread, post_url, thread_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def post():
    return make_thread(make_board(), staff_member()).posts.get()


def test_pressing_helpful_records_a_reaction(staff_client, staff_user, post):
    staff_client.post(post_url("react", post))
    assert list(post.reactions.values_list("user", flat=True)) == [staff_user.pk]


def test_pressing_helpful_again_takes_it_back(staff_client, post):
    staff_client.post(post_url("react", post))
    staff_client.post(post_url("react", post))
    assert not post.reactions.exists()


def test_the_thread_page_counts_reactions(client, post):
    for _ in range(2):
        client.force_login(staff_member())
        client.post(post_url("react", post))
    assert "参考になった（2）" in client.get(thread_url(post.thread)).content.decode()


def test_the_button_says_whether_i_pressed_it(staff_client, post):
    staff_client.post(post_url("react", post))
    assert 'aria-pressed="true"' in staff_client.get(thread_url(post.thread)).content.decode()


def test_a_reaction_needs_a_post_request(staff_client, post):
    assert staff_client.get(post_url("react", post)).status_code == 405


def test_the_pressed_button_looks_pressed():
    """Not by ``aria-pressed`` alone: the style sheet fills a pressed button."""
    from pathlib import Path

    from django.conf import settings

    css = (Path(settings.BASE_DIR) / "bulletin/static/bulletin/conference.css").read_text()
    assert '.helpful-button[aria-pressed="true"]' in css


def test_the_button_is_styled_as_the_helpful_button(staff_client, post):
    body = staff_client.get(thread_url(post.thread)).content.decode()
    assert 'class="button helpful-button" aria-pressed="false"' in body


def test_my_own_post_has_no_button(client):
    author = staff_member()
    post = make_thread(make_board(), author).posts.get()
    client.force_login(author)
    body = client.get(thread_url(post.thread)).content.decode()
    assert post_url("react", post) not in body
    assert "参考になった（0）" in body  # the count is still shown


def test_the_server_refuses_a_mark_on_my_own_post(client):
    author = staff_member()
    post = make_thread(make_board(), author).posts.get()
    client.force_login(author)
    response = client.post(post_url("react", post), follow=True)
    assert not post.reactions.exists()
    assert "自分の投稿に「参考になった」は付けられません。" in response.content.decode()


def test_my_traceable_anonymous_post_is_refused_too(client):
    from bulletin.conference import services
    from bulletin.models import Board

    author = staff_member()
    board = make_board(anonymity=Board.Anonymity.TRACEABLE)
    _thread, post = services.start_thread(board, author, "題", "本文", anonymous=True)
    client.force_login(author)
    client.post(post_url("react", post))
    assert not post.reactions.exists()
