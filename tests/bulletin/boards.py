"""Builders for e-conference tests: boards, threads and posts, stored as the room stores them."""

from django.urls import reverse

from bulletin.models import Board, Post, Thread


def make_board(slug="ideas", departments=(), moderators=(), **fields):
    fields.setdefault("name", "業務改善アイデア")
    fields.setdefault("purpose", "日々の仕事を良くするアイデアを出し合う場です。")
    fields.setdefault("all_staff", not departments)
    board = Board.objects.create(slug=slug, **fields)
    board.departments.set(departments)
    board.moderators.set(moderators)
    return board


def make_thread(board, author, title="窓口の待ち時間を短くしたい", posts=1, anonymous=False):
    """A thread whose opening post is by ``author``, with ``posts - 1`` replies by them too."""
    thread = Thread.objects.create(board=board, title=title)
    for number in range(posts):
        Post.objects.create(
            thread=thread, author=author, anonymous=anonymous, body=f"投稿{number + 1}です。"
        )
    return thread


def board_url(board):
    return reverse("bulletin:board", args=[board.slug])


def thread_url(thread):
    return reverse("bulletin:thread", args=[thread.board.slug, thread.pk])


def reply_url(thread):
    return reverse("bulletin:reply", args=[thread.board.slug, thread.pk])


def post_url(name, post):
    return reverse(f"bulletin:{name}", args=[post.thread.board.slug, post.thread_id, post.pk])
