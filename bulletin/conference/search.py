"""Conference posts in the intranet search: found by the board's audience only.

A post's document carries the board's audience as access tokens (all staff,
or its departments and the sections below them, plus its moderators), so the
engines never return it to anyone else. The document names no author, named
or anonymous: what a post says is searchable, who said it is read on the
thread. A hidden post is not indexed; shown again, it is indexed again. A
change of a board's audience or a thread's title reindexes their posts.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_save
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from search import registry
from search.documents import EVERY_STAFF_MEMBER, SearchDocument, department_token, user_token

from ..models import Board, Post, Thread
from . import services

DOC_TYPE = "conference_post"


def access_tokens(board):
    """Who may find the board's posts, as ``Board.objects.visible_to`` says it."""
    if board.all_staff:
        return (EVERY_STAFF_MEMBER,)
    return tuple(
        [department_token(department.pk) for department in board.departments.all()]
        + [user_token(moderator.pk) for moderator in board.moderators.all()]
    )


def post_document(post):
    if post.is_hidden:
        return None
    thread = post.thread
    return SearchDocument(
        doc_type=DOC_TYPE,
        object_id=str(post.pk),
        title=thread.title,
        body=post.body,
        url=services.thread_url(thread, post),
        date=post.edited_at or post.created_at,
        access=access_tokens(thread.board),
        keywords=thread.board.name,
        group=services.thread_url(thread),
        part=_("No.%(number)d") % {"number": post.number},
    )


def visible_to(user, post):
    return (
        not post.is_hidden
        and services.visible_boards(user).filter(pk=post.thread.board_id).exists()
    )


def _queryset():
    return Post.objects.select_related("thread__board").prefetch_related(
        "thread__board__departments", "thread__board__moderators"
    )


def reindex_posts(posts):
    """Index these posts again (their board's audience or their thread's title changed)."""
    with registry.batched_updates():
        for post in posts.select_related("thread__board").prefetch_related(
            "thread__board__departments", "thread__board__moderators"
        ):
            registry.update(post)


def _reindex_board_on_commit(board_ids):
    """Reindex the boards' posts once the saving transaction commits.

    After the commit, as a board's change of anonymity
    (``services.anonymity_saved``) has cut its posts' times to the minute by
    then. The database engine keeps the terms of an unchanged body, so a
    board saved with its departments and moderators, which reindexes it more
    than once, costs little more than once.
    """
    board_ids = set(board_ids)
    if board_ids:
        transaction.on_commit(
            lambda: reindex_posts(Post.objects.filter(thread__board_id__in=board_ids)),
            robust=True,
        )


def _board_audience_changed(sender, instance, action, reverse=False, pk_set=None, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # a department or user whose boards changed
        _reindex_board_on_commit(pk_set or ())
    else:
        _reindex_board_on_commit([instance.pk])


def _board_saved(sender, instance, created=False, raw=False, **kwargs):
    if not created and not raw:
        _reindex_board_on_commit([instance.pk])


def _thread_saved(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    if created or raw:
        return
    if update_fields is not None and "title" not in update_fields:
        return
    reindex_posts(Post.objects.filter(thread=instance))


def register_posts():
    registry.register(
        registry.IndexedType(
            doc_type=DOC_TYPE,
            label=gettext_lazy("Conference posts"),
            model=Post,
            to_document=post_document,
            queryset=_queryset,
            visible_to=visible_to,
        )
    )
    for field in ("departments", "moderators"):
        m2m_changed.connect(
            _board_audience_changed,
            sender=getattr(Board, field).through,
            dispatch_uid=f"bulletin.conference.search.{field}",
        )
    post_save.connect(_board_saved, sender=Board, dispatch_uid="bulletin.conference.search.board")
    post_save.connect(
        _thread_saved, sender=Thread, dispatch_uid="bulletin.conference.search.thread"
    )
