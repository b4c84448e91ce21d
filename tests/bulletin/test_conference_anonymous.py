"""Anonymous posting: 匿名 for all; the identity kept for moderators where the board says so."""

import pytest

from bulletin.models import Board, Post, Thread
from intranet.models import Notification
from tests.factories import staff_member

from .boards import make_board, make_thread, post_url, reply_url, thread_url

pytestmark = pytest.mark.django_db

ANONYMOUS_THREAD = {"title": "匿名の相談", "body": "本文", "anonymous": "on"}


def anonymous_reply(client, board, poster):
    thread = make_thread(board, staff_member(), title="職場の困りごと")
    client.force_login(poster)
    client.post(reply_url(thread), {"body": "言いにくいことですが。", "anonymous": "on"})
    return thread, thread.posts.latest("pk")


def traceable_board(**fields):
    return make_board(slug="voice", anonymity=Board.Anonymity.TRACEABLE, **fields)


def untraceable_board(**fields):
    return make_board(slug="voice", anonymity=Board.Anonymity.UNTRACEABLE, **fields)


def test_an_untraceable_board_stores_no_author(client):
    _thread, post = anonymous_reply(client, untraceable_board(), staff_member())
    assert (post.anonymous, post.author) == (True, None)


def test_a_traceable_board_stores_the_author(client):
    poster = staff_member()
    _thread, post = anonymous_reply(client, traceable_board(), poster)
    assert (post.anonymous, post.author) == (True, poster)


def test_a_named_board_ignores_a_request_to_post_anonymously(client):
    poster = staff_member()
    _thread, post = anonymous_reply(client, make_board(), poster)
    assert (post.anonymous, post.author) == (False, poster)


def test_a_named_board_offers_no_anonymous_choice(staff_client):
    thread = make_thread(make_board(), staff_member())
    assert "匿名で投稿する" not in staff_client.get(reply_url(thread)).content.decode()


def test_colleagues_see_anonymous_instead_of_the_name(client):
    poster = staff_member(full_name="匿名希望 一郎")
    thread, _post = anonymous_reply(client, traceable_board(), poster)
    client.force_login(staff_member())
    body = client.get(thread_url(thread)).content.decode()
    assert "匿名希望 一郎" not in body
    assert "匿名" in body


def test_a_moderator_sees_who_posted_on_a_traceable_board(client):
    moderator = staff_member()
    thread, _post = anonymous_reply(
        client, traceable_board(moderators=[moderator]), staff_member(full_name="投稿 花子")
    )
    client.force_login(moderator)
    body = client.get(thread_url(thread)).content.decode()
    assert "投稿者：投稿 花子（モデレーターにのみ表示）" in body


def test_the_traceable_form_says_moderators_can_see_the_poster(staff_client):
    thread = make_thread(traceable_board(), staff_member())
    body = staff_client.get(reply_url(thread)).content.decode()
    assert "この電子会議室のモデレーターには投稿者が分かります。" in body


def test_the_untraceable_form_says_the_post_cannot_be_edited_later(staff_client):
    thread = make_thread(untraceable_board(), staff_member())
    assert "後から編集することはできません" in staff_client.get(reply_url(thread)).content.decode()


def test_an_untraceable_anonymous_post_offers_no_edit_link(client):
    poster = staff_member()
    thread, post = anonymous_reply(client, untraceable_board(), poster)
    body = client.get(thread_url(thread)).content.decode()
    assert post_url("edit_post", post) not in body


def test_an_anonymous_quote_shows_anonymous(client):
    poster = staff_member(full_name="引用 される")
    thread, post = anonymous_reply(client, traceable_board(), poster)
    client.force_login(staff_member())
    client.post(reply_url(thread), {"body": "その通り", "quotes": post.pk})
    body = client.get(thread_url(thread)).content.decode()
    assert "匿名さんの投稿を引用" in body
    assert "引用 される" not in body


def test_an_anonymous_thread_on_an_untraceable_board_notifies_nobody(client):
    board = untraceable_board()
    client.force_login(staff_member())
    client.post(f"{board.get_absolute_url()}new/", ANONYMOUS_THREAD)
    thread = Thread.objects.get()
    client.force_login(staff_member())
    client.post(reply_url(thread), {"body": "返信"})
    assert not Notification.objects.exists()


def test_the_anonymous_starter_of_a_traceable_thread_is_notified_without_the_replier(client):
    board = traceable_board()
    starter = staff_member()
    client.force_login(starter)
    client.post(f"{board.get_absolute_url()}new/", ANONYMOUS_THREAD)
    client.force_login(staff_member(full_name="返信 者"))
    client.post(reply_url(Thread.objects.get()), {"body": "返信"})
    notification = Notification.objects.get(recipient=starter)
    assert "返信 者" not in notification.message
    assert Post.objects.filter(author=starter, anonymous=True).exists()
