"""Posts are numbered; the room keeps who read how far, and tells threads, new and unread posts."""

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from bulletin.conference import dashboard as conference_dashboard
from bulletin.conference import services
from bulletin.models import Board, Post, ThreadRead
from tests.factories import DepartmentFactory, staff_member

from .boards import board_url, make_board, make_thread, reply_url, thread_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def author():
    return staff_member(full_name="投稿 花子")


@pytest.fixture
def reader():
    return staff_member(full_name="読者 一郎")


def reply(thread, user, body="返信です。"):
    return services.reply(thread, user, body)


# -- numbers ------------------------------------------------------------------


def test_posts_are_numbered_from_one_in_their_thread(author):
    board = make_board()
    first = make_thread(board, author, posts=3)
    second = make_thread(board, author, posts=2)
    assert list(first.posts.values_list("number", flat=True)) == [1, 2, 3]
    assert list(second.posts.values_list("number", flat=True)) == [1, 2]


def test_a_number_is_never_taken_twice(author):
    thread = make_thread(make_board(), author)
    with pytest.raises(IntegrityError):
        Post.objects.create(thread=thread, author=author, body="重複", number=1)


def test_the_thread_page_shows_each_posts_number(client, author, reader):
    thread = make_thread(make_board(), author)
    reply(thread, reader)
    client.force_login(reader)
    body = client.get(thread_url(thread)).content.decode()
    assert "No.1" in body and "No.2" in body


def test_a_reply_lands_on_the_page_its_number_falls_on(client, author):
    thread = make_thread(make_board(), author, posts=services.POSTS_PER_PAGE)
    client.force_login(author)
    response = client.post(reply_url(thread), {"body": "51番目の返信です。"})
    post = thread.posts.get(number=services.POSTS_PER_PAGE + 1)
    assert response["Location"] == f"{thread_url(thread)}?page=2#post-{post.pk}"


# -- read state ---------------------------------------------------------------


def test_opening_a_thread_reads_its_posts(client, author, reader):
    thread = make_thread(make_board(), author, posts=3)
    client.force_login(reader)
    client.get(thread_url(thread))
    assert ThreadRead.objects.get(user=reader, thread=thread).last_seen_number == 3


def test_reading_an_earlier_page_does_not_take_the_read_state_back(client, author, reader):
    thread = make_thread(make_board(), author, posts=services.POSTS_PER_PAGE + 2)
    client.force_login(reader)
    client.get(thread_url(thread), {"page": 2})
    client.get(thread_url(thread), {"page": 1})
    read = ThreadRead.objects.get(user=reader, thread=thread)
    assert read.last_seen_number == services.POSTS_PER_PAGE + 2


def test_unread_posts_are_marked_on_the_thread_page_once(client, author, reader):
    thread = make_thread(make_board(), author)
    client.force_login(reader)
    assert "badge--unread" in client.get(thread_url(thread)).content.decode()
    assert "badge--unread" not in client.get(thread_url(thread)).content.decode()


def test_my_own_posts_are_never_unread(author):
    thread = make_thread(make_board(), author, posts=2)
    assert (
        services.with_unread(Board.objects.get().threads.all(), author)
        .get(pk=thread.pk)
        .unread_count
        == 0
    )


def test_a_hidden_post_is_not_counted_as_unread(author, reader):
    thread = make_thread(make_board(), author, posts=2)
    thread.posts.filter(number=2).update(hidden_at=timezone.now())
    assert services.with_unread(thread.board.threads.all(), reader).get().unread_count == 1


# -- the board list and the board page -----------------------------------------


def test_the_board_list_shows_threads_new_posts_and_unread_counts(client, author, reader):
    board = make_board()
    read = make_thread(board, author, title="読んだスレッド", posts=2)
    make_thread(board, author, title="未読のスレッド", posts=3)
    old = make_thread(board, author, title="古いスレッド")
    old.posts.update(created_at=timezone.now() - timedelta(days=services.NEW_POST_DAYS + 1))
    client.force_login(reader)
    client.get(thread_url(read))
    response = client.get(reverse("bulletin:boards"))
    listed = response.context["boards"].get(pk=board.pk)
    assert (listed.thread_count, listed.new_count, listed.unread_count) == (3, 5, 4)
    body = response.content.decode()
    assert "スレッド3件" in body and "新着5件" in body and "未読4件" in body


def test_the_board_page_shows_each_threads_unread_count(client, author, reader):
    board = make_board()
    thread = make_thread(board, author, posts=2)
    client.force_login(reader)
    client.get(thread_url(thread))
    reply(thread, author)
    response = client.get(board_url(board))
    assert response.context["page"].object_list[0].unread_count == 1
    assert '<strong class="badge badge--unread">1</strong>' in response.content.decode()


def test_a_board_the_user_may_not_see_is_not_counted(client, reader):
    closed = make_board(slug="closed", departments=[DepartmentFactory()])
    make_thread(closed, staff_member())
    client.force_login(reader)
    assert not client.get(reverse("bulletin:boards")).context["boards"].filter(pk=closed.pk)


# -- 新着の投稿 on the home page ------------------------------------------------


def panel_titles(rf, user):
    request = rf.get("/")
    request.user = user
    return [item.title for item in conference_dashboard.panel_items(request)]


def test_the_panel_lists_threads_with_unread_posts_latest_first(rf, client, author, reader):
    board = make_board()
    first = make_thread(board, author, title="最初のスレッド")
    make_thread(board, author, title="次のスレッド")
    assert panel_titles(rf, reader) == ["次のスレッド", "最初のスレッド"]
    client.force_login(reader)
    client.get(thread_url(first))
    assert panel_titles(rf, reader) == ["次のスレッド"]


def test_the_panel_says_board_and_unread_count_but_no_poster(rf, author, reader):
    make_thread(make_board(), author, title="窓口の改善", posts=2)
    request = rf.get("/")
    request.user = reader
    [item] = conference_dashboard.panel_items(request)
    assert item.meta.startswith("業務改善アイデア・未読2件・")
    assert "投稿" not in item.meta and "花子" not in item.title + item.meta


def test_the_panel_leaves_out_old_threads_and_closed_boards(rf, author, reader):
    old = make_thread(make_board(), author, title="去年のスレッド")
    old.__class__.objects.filter(pk=old.pk).update(
        last_posted_at=timezone.now() - timedelta(days=conference_dashboard.PANEL_DAYS + 1)
    )
    closed = make_board(slug="closed", departments=[DepartmentFactory()])
    make_thread(closed, author, title="部内のスレッド")
    assert panel_titles(rf, reader) == []


def test_the_home_page_shows_the_panel(client, author, reader):
    make_thread(make_board(), author, title="窓口の改善")
    client.force_login(reader)
    body = client.get("/").content.decode()
    assert "新着の投稿" in body and "窓口の改善" in body


def test_the_migration_numbers_existing_posts_in_the_order_they_were_posted(author):
    import pkgutil
    from importlib import import_module

    from django.apps import apps

    import bulletin.migrations

    (name,) = [
        module.name
        for module in pkgutil.iter_modules(bulletin.migrations.__path__)
        if module.name.endswith("_conference_reads")
    ]
    migration = import_module(f"bulletin.migrations.{name}")
    thread = make_thread(make_board(), author, posts=3)
    earlier = timezone.now() - timedelta(hours=1)
    first, second, third = thread.posts.order_by("pk")
    Post.objects.filter(pk=third.pk).update(created_at=earlier, number=30)
    Post.objects.filter(pk=first.pk).update(number=10)
    Post.objects.filter(pk=second.pk).update(number=20)
    migration.number_existing_posts(apps, None)
    numbers = dict(thread.posts.values_list("pk", "number"))
    assert numbers == {third.pk: 1, first.pk: 2, second.pk: 3}
