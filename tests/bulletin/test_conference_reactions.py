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
