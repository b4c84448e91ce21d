"""The board and thread pages cost the same number of queries with 3 posts as with 30."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bulletin.models import Board, Post, Reaction, Thread
from tests.factories import staff_member

from .boards import board_url, make_board, make_thread, thread_url

pytestmark = pytest.mark.django_db


def queries_for(client, url):
    client.get(url)  # the first request of a test fills caches (site, permissions)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def busy_thread(board, posts, moderator):
    """Posts by different staff, some quoting, hidden, anonymous and marked helpful."""
    thread = Thread.objects.create(board=board, title=f"{posts}件のスレッド")
    previous = None
    for number in range(posts):
        author = staff_member()
        previous = Post.objects.create(
            thread=thread,
            author=author,
            anonymous=number % 4 == 1,
            body=f"投稿{number}",
            quotes=previous if number % 3 == 2 else None,
            hidden_at=thread.created_at if number % 5 == 4 else None,
            hidden_by=moderator if number % 5 == 4 else None,
            hidden_reason="理由" if number % 5 == 4 else "",
        )
        Reaction.objects.create(post=previous, user=author)
    return thread


@pytest.mark.parametrize("as_moderator", [False, True])
def test_the_thread_page_does_not_grow_with_posts(client, as_moderator):
    moderator = staff_member()
    board = make_board(anonymity=Board.Anonymity.TRACEABLE, moderators=[moderator])
    client.force_login(moderator if as_moderator else staff_member())
    few = queries_for(client, thread_url(busy_thread(board, 3, moderator)))
    many = queries_for(client, thread_url(busy_thread(board, 30, moderator)))
    assert many == few


def test_the_board_page_does_not_grow_with_threads(client):
    board = make_board(moderators=[staff_member(), staff_member()])
    client.force_login(staff_member())
    author = staff_member()
    for number in range(3):
        make_thread(board, author, title=f"スレッド{number}", posts=2)
    few = queries_for(client, board_url(board))
    for number in range(3, 30):
        make_thread(board, author, title=f"スレッド{number}", posts=2)
    assert queries_for(client, board_url(board)) == few


def test_the_board_list_does_not_grow_with_boards_threads_or_reads(client):
    reader = staff_member()
    client.force_login(reader)
    author = staff_member()
    thread = make_thread(make_board(slug="b0"), author, posts=2)
    client.get(thread_url(thread))
    url = reverse("bulletin:boards")
    few = queries_for(client, url)
    for number in range(1, 8):
        board = make_board(slug=f"b{number}", moderators=[staff_member()])
        for title in range(3):
            thread = make_thread(board, author, title=f"スレッド{title}", posts=3)
            client.get(thread_url(thread))
    assert queries_for(client, url) == few


def test_the_new_posts_panel_does_not_grow_with_threads(rf):
    from bulletin.conference import dashboard

    reader, author = staff_member(), staff_member()
    request = rf.get("/")
    request.user = reader
    make_thread(make_board(slug="b0"), author)
    with CaptureQueriesContext(connection) as few:
        assert len(dashboard.panel_items(request)) == 1
    for number in range(1, 8):
        make_thread(make_board(slug=f"b{number}"), author, posts=2)
    with CaptureQueriesContext(connection) as many:
        assert len(dashboard.panel_items(request)) == dashboard.PANEL_SIZE
    assert len(many) == len(few)
