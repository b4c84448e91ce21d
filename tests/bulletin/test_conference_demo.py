"""The demo boards: loaded twice, the same; lively; each board open to whom it says."""

import pytest
from django.contrib.auth import get_user_model

from bulletin.conference import services
from bulletin.conference.demo import load_conference_demo
from bulletin.models import Board, Post, Reaction, Thread
from intranet.demo.staff import load_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_room():
    load_organisation()
    load_conference_demo()


def user(username):
    return get_user_model().objects.get(username=username)


def test_loading_twice_adds_nothing_more(demo_room):
    counts = (Board.objects.count(), Thread.objects.count(), Post.objects.count())
    load_conference_demo()
    assert (Board.objects.count(), Thread.objects.count(), Post.objects.count()) == counts


def test_the_demo_has_boards_threads_and_reactions(demo_room):
    assert Board.objects.count() == 3
    assert Thread.objects.count() >= 6
    assert Reaction.objects.exists()


def test_the_dx_board_is_hidden_from_the_demo_login(demo_room):
    assert not services.visible_boards(user("demo")).filter(slug="dx").exists()


def test_the_dx_board_is_open_to_the_it_desk(demo_room):
    assert services.visible_boards(user("itdesk")).filter(slug="dx").exists()


def test_anonymous_posts_on_the_traceable_board_keep_their_authors(demo_room):
    anonymous = Post.objects.filter(thread__board__slug="voice", anonymous=True)
    assert anonymous.exists()
    assert not anonymous.filter(author=None).exists()


def test_one_thread_is_in_the_archive(demo_room):
    board = Board.objects.get(slug="kaizen")
    assert services.archived_threads(board).count() == 1
