"""Starting threads and replying: what is stored, what is shown, what is refused and why."""

import pytest
from django.urls import reverse

from bulletin.models import Post, Thread
from tests.factories import staff_member

from .boards import make_board, make_thread, reply_url, thread_url

pytestmark = pytest.mark.django_db

MARKUP = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def new_thread_url(board):
    return reverse("bulletin:new_thread", args=[board.slug])


def test_a_staff_member_starts_a_thread(staff_client, staff_user):
    board = make_board()
    data = {"title": "会議資料のペーパーレス化", "body": "タブレットで見ませんか。"}
    response = staff_client.post(new_thread_url(board), data)
    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response["Location"] == thread_url(thread)
    post = thread.posts.get()
    assert (post.author, post.anonymous, post.body) == (staff_user, False, data["body"])


def test_the_thread_page_shows_the_posts_with_the_authors_name(staff_client):
    board = make_board()
    author = staff_member(full_name="佐藤 花子")
    thread = make_thread(board, author)
    body = staff_client.get(thread_url(thread)).content.decode()
    assert "佐藤 花子" in body
    assert "投稿1です。" in body


def test_a_reply_is_stored_and_moves_the_thread_up(staff_client, staff_user):
    board = make_board()
    thread = make_thread(board, staff_member())
    before = thread.last_posted_at
    response = staff_client.post(reply_url(thread), {"body": "賛成です。"})
    reply = thread.posts.latest("pk")
    assert response["Location"] == f"{thread_url(thread)}#post-{reply.pk}"
    assert (reply.author, reply.body) == (staff_user, "賛成です。")
    thread.refresh_from_db()
    assert thread.last_posted_at > before


def test_an_empty_reply_is_refused_in_japanese(staff_client):
    thread = make_thread(make_board(), staff_member())
    response = staff_client.post(reply_url(thread), {"body": "  \n "})
    assert response.status_code == 200
    assert "投稿の本文を書いてください。" in response.content.decode()
    assert thread.posts.count() == 1


def test_a_reply_quotes_a_post_of_the_same_thread(staff_client):
    thread = make_thread(make_board(), staff_member(full_name="田中 誠"), posts=2)
    quoted = thread.posts.first()
    staff_client.post(reply_url(thread), {"body": "同感です。", "quotes": quoted.pk})
    reply = thread.posts.latest("pk")
    assert reply.quotes == quoted
    body = staff_client.get(thread_url(thread)).content.decode()
    assert "<blockquote><p>投稿1です。</p></blockquote>" in body
    assert "田中 誠さんの投稿を引用" in body


def test_the_reply_page_shows_the_post_it_will_quote(staff_client):
    thread = make_thread(make_board(), staff_member(), posts=2)
    quoted = thread.posts.last()
    response = staff_client.get(reply_url(thread), {"quote": quoted.pk})
    assert "<blockquote><p>投稿2です。</p></blockquote>" in response.content.decode()


def test_a_reply_cannot_quote_a_post_of_another_thread(staff_client):
    board = make_board()
    thread = make_thread(board, staff_member())
    other = make_thread(board, staff_member(), title="別の話題")
    response = staff_client.post(
        reply_url(thread), {"body": "引用します。", "quotes": other.posts.get().pk}
    )
    assert "引用できるのは同じスレッドの投稿だけです。" in response.content.decode()
    assert thread.posts.count() == 1


def test_markup_in_a_post_is_stored_as_text_and_shown_escaped(staff_client):
    thread = make_thread(make_board(), staff_member())
    staff_client.post(reply_url(thread), {"body": MARKUP})
    assert thread.posts.latest("pk").body == MARKUP
    body = staff_client.get(thread_url(thread)).content.decode()
    assert "<script>alert" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body


def test_markup_in_a_thread_title_is_shown_escaped(staff_client):
    board = make_board()
    staff_client.post(new_thread_url(board), {"title": MARKUP, "body": "本文"})
    body = staff_client.get(thread_url(Thread.objects.get())).content.decode()
    assert "<img src=x" not in body


def test_a_one_megabyte_post_gets_a_clear_message(staff_client):
    thread = make_thread(make_board(), staff_member())
    response = staff_client.post(reply_url(thread), {"body": "x" * 1_000_000})
    assert response.status_code == 200
    assert "投稿は10000文字以内にしてください" in response.content.decode()
    assert thread.posts.count() == 1


def test_a_post_too_large_to_read_gets_a_clear_message(staff_client):
    """A megabyte of Japanese is 9 MB once form-encoded: more than Django reads at all."""
    thread = make_thread(make_board(), staff_member())
    response = staff_client.post(reply_url(thread), {"body": "あ" * 1_000_000})
    assert response.status_code == 400
    assert "送信された内容が大きすぎる" in response.content.decode()
    assert thread.posts.count() == 1


def test_the_body_field_tells_the_browser_its_limit(staff_client):
    thread = make_thread(make_board(), staff_member())
    assert 'maxlength="10000"' in staff_client.get(reply_url(thread)).content.decode()


def test_control_characters_are_dropped_from_a_post(staff_client):
    thread = make_thread(make_board(), staff_member())
    staff_client.post(reply_url(thread), {"body": "一行目\r\n\x1b[31m二行目\u202e"})
    assert thread.posts.latest("pk").body == "一行目\n[31m二行目"


def test_post_bodies_are_never_html(staff_client):
    thread = make_thread(make_board(), staff_member())
    staff_client.post(reply_url(thread), {"body": "<b>太字</b>"})
    assert Post.objects.latest("pk").body == "<b>太字</b>"
    assert "<b>太字</b>" not in staff_client.get(thread_url(thread)).content.decode()


def test_a_reply_on_a_later_page_leads_to_that_page(staff_client):
    thread = make_thread(make_board(), staff_member(), posts=50)
    response = staff_client.post(reply_url(thread), {"body": "51件目です。"})
    reply = thread.posts.latest("pk")
    assert response["Location"] == f"{thread_url(thread)}?page=2#post-{reply.pk}"
    assert "51件目です。" in staff_client.get(response["Location"]).content.decode()
