"""Conference posts in the intranet search: found by the board's audience, never by author."""

import pytest
from django.urls import reverse

import search
from bulletin.conference import services
from bulletin.models import Board, Post
from search import registry
from search.backends import get_backend
from search.backends.base import SearchRequest

from .boards import make_board, make_thread, post_url
from .conftest import Office

pytestmark = pytest.mark.django_db

MARKER = "ヒミツ"


@pytest.fixture
def office(db):
    return Office()


def found(user, text):
    return search.find(user, text, types=["conference_post"]).hits


def found_titles(user, text):
    return {hit.title for hit in found(user, text)}


def test_posts_are_found_by_the_words_of_their_thread_title(office):
    board = make_board()
    make_thread(board, office.hr, title="電子レンジの使い方について")
    make_thread(board, office.hr, title="給湯室の電子レンジが壊れています")
    assert found_titles(office.citizen, "電子レンジ") == {
        "電子レンジの使い方について",
        "給湯室の電子レンジが壊れています",
    }


def test_posts_are_found_by_their_text(office):
    board = make_board()
    thread = make_thread(board, office.hr, title="窓口")
    services.reply(thread, office.citizen, "番号札の発券機を増やしてはどうでしょう。")
    hits = found(office.citizen, "発券機")
    assert [hit.title for hit in hits] == ["窓口"]
    assert hits[0].url.endswith(f"#post-{Post.objects.get(number=2).pk}")


def test_a_department_board_is_found_by_its_audience_and_moderators_only(office):
    board = make_board(
        slug="somu", departments=[office.somu], moderators=[office.bu_head], name="総務部の会議室"
    )
    make_thread(board, office.office, title=f"{MARKER}電子レンジ")
    assert found_titles(office.hr, "電子レンジ") == {f"{MARKER}電子レンジ"}  # a section below
    assert found_titles(office.bu_head, "電子レンジ") == {f"{MARKER}電子レンジ"}  # moderator
    assert found_titles(office.citizen, "電子レンジ") == set()


def test_the_search_page_shows_an_outsider_no_trace_of_a_department_board(client, office):
    board = make_board(slug="somu", departments=[office.somu])
    make_thread(board, office.hr, title=f"庁舎の電子レンジ{MARKER}")
    make_thread(make_board(slug="all"), office.hr, title="電子レンジの掃除当番")
    client.force_login(office.citizen)
    response = client.get(reverse("search:results"), {"q": "電子レンジ"})
    body = response.content.decode()
    assert "の掃除当番" in body and MARKER not in body
    assert response.context["total"] == 1
    assert sum(count for _t, _label, count in response.context["type_facets"]) == 1


@pytest.mark.parametrize("anonymity", [Board.Anonymity.TRACEABLE, Board.Anonymity.UNTRACEABLE])
def test_an_anonymous_post_never_carries_its_author_into_the_index(office, anonymity):
    board = make_board(anonymity=anonymity)
    thread, post = services.start_thread(
        board, office.hr, "残業の申請方法", "申請の手順が分かりにくいです。", anonymous=True
    )
    document = registry.type_for(post).to_document(post)
    stored = " ".join(
        str(value) for value in (document.title, document.body, document.keywords, document.url)
    )
    assert "人事" not in stored and office.hr.username not in stored
    assert document.department_id is None
    request = SearchRequest(text="人事 太郎", access=None, types=("conference_post",))
    assert not get_backend().search(request).hits


def test_a_hidden_post_leaves_the_index_and_comes_back_when_shown_again(client, office):
    board = make_board(moderators=[office.office])
    thread = make_thread(board, office.hr, title="コピー機の紙詰まり")
    post = thread.posts.get()
    client.force_login(office.office)
    client.post(post_url("hide_post", post), {"reason": "個人名が含まれるため"})
    assert found_titles(office.citizen, "紙詰まり") == set()
    assert found_titles(office.office, "紙詰まり") == set()  # moderators read it on the thread
    client.post(post_url("unhide_post", post))
    assert found_titles(office.citizen, "紙詰まり") == {"コピー機の紙詰まり"}


def test_a_changed_audience_changes_who_finds_the_posts(office, django_capture_on_commit_callbacks):
    board = make_board(slug="somu", departments=[office.somu])
    make_thread(board, office.hr, title="電子レンジの予約表")
    assert found_titles(office.citizen, "電子レンジ") == set()
    with django_capture_on_commit_callbacks(execute=True):
        board.departments.add(office.shimin_bu)
    assert found_titles(office.citizen, "電子レンジ") == {"電子レンジの予約表"}
    with django_capture_on_commit_callbacks(execute=True):
        board.departments.remove(office.shimin_bu)
    assert found_titles(office.citizen, "電子レンジ") == set()


def test_a_renamed_thread_is_found_by_its_new_title(office):
    thread = make_thread(make_board(), office.hr, title="古い題名")
    thread.title = "電子レンジの置き場所"
    thread.save()
    assert found_titles(office.citizen, "電子レンジ") == {"電子レンジの置き場所"}


def test_visible_to_agrees_with_the_index(office):
    open_board = make_board(slug="all")
    closed = make_board(slug="somu", departments=[office.somu])
    for board in (open_board, closed):
        make_thread(board, office.hr, title=f"{board.slug}の電子レンジ")
    indexed_type = registry.type_for(Post.objects.first())
    for user in (office.citizen, office.hr, office.bu_head):
        allowed = {
            post.thread.title
            for post in Post.objects.select_related("thread")
            if indexed_type.visible_to(user, post)
        }
        assert found_titles(user, "電子レンジ") == allowed


def test_a_board_made_untraceable_keeps_no_exact_time_in_the_index(
    office, django_capture_on_commit_callbacks
):
    from django.db import transaction

    from search.models import IndexedDocument

    board = make_board(anonymity=Board.Anonymity.TRACEABLE)
    _thread, post = services.start_thread(
        board, office.hr, "休暇の取り方", "相談です。", anonymous=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            previous = services.lock_anonymity(board)
            board.anonymity = Board.Anonymity.UNTRACEABLE
            board.save()
            services.anonymity_saved(board, previous)
    stored = IndexedDocument.objects.get(key=f"conference_post:{post.pk}").date
    assert (stored.second, stored.microsecond) == (0, 0)
