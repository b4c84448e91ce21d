"""The e-conference room's rules: who sees what, posting, editing, hiding, 「参考になった」.

Every view reaches a board, thread or post through ``board_for``,
``thread_for`` or ``post_for``, which answer 404 for what the user may not
see, so a board for some departments stays invisible in every channel (pages,
forms, reactions, quotes, notifications).
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import log_actions

import intranet

from .. import mail
from ..models import Board, Post, Reaction, Thread

HIDE_ACTION = "bulletin.hide_post"
POSTS_PER_PAGE = 50


def visible_boards(user):
    return Board.objects.visible_to(user)


def board_for(user, slug):
    """The board with this slug, if the user may see it; 404 otherwise."""
    board = visible_boards(user).filter(slug=slug).first()
    if board is None:
        raise Http404(_("No such board."))
    board.viewer_moderates = board.is_moderator(user)
    return board


def thread_for(user, slug, pk):
    board = board_for(user, slug)
    thread = Thread.objects.filter(board=board, pk=pk).first()
    if thread is None:
        raise Http404(_("No such thread."))
    thread.board = board  # keeps the board's viewer_moderates
    return thread


def post_for(user, slug, thread_pk, pk):
    thread = thread_for(user, slug, thread_pk)
    post = Post.objects.filter(thread=thread, pk=pk).select_related("quotes").first()
    if post is None:
        raise Http404(_("No such post."))
    post.thread = thread
    return post


def active_threads(board, now=None):
    return _threads(board).filter(last_posted_at__gte=board.archive_cutoff(now))


def archived_threads(board, now=None):
    return _threads(board).filter(last_posted_at__lt=board.archive_cutoff(now))


def _threads(board):
    return board.threads.annotate(post_count=Count("posts")).order_by("-last_posted_at", "-pk")


def posts_for_page(thread, user):
    """The thread's posts with what the page shows, in a fixed number of queries."""
    return (
        thread.posts.select_related(
            "author__staff_profile__department",
            "hidden_by__staff_profile",
            "quotes__author__staff_profile__department",
        )
        .annotate(
            helpful_count=Count("reactions"),
            helpful_by_me=Exists(Reaction.objects.filter(post=OuterRef("pk"), user_id=user.pk)),
        )
        .order_by("created_at", "pk")
    )


def edit_deadline(post):
    return post.created_at + timedelta(minutes=post.thread.board.edit_window_minutes)


def can_edit(post, user, now=None):
    """The author, within the board's edit window, while the post is shown and the thread open."""
    return (
        post.author_id is not None
        and post.author_id == user.pk
        and not post.is_hidden
        and (now or timezone.now()) <= edit_deadline(post)
        and not post.thread.is_archived(now)
    )


def _author_for(board, user, anonymous):
    """Who is stored as the author: nobody for an anonymous post on an untraceable board."""
    if anonymous and board.anonymity == Board.Anonymity.UNTRACEABLE:
        return None
    return user


@transaction.atomic
def start_thread(board, user, title, body, anonymous=False):
    anonymous = anonymous and board.allows_anonymous
    now = timezone.now()
    thread = Thread.objects.create(board=board, title=title, created_at=now, last_posted_at=now)
    post = Post.objects.create(
        thread=thread,
        author=_author_for(board, user, anonymous),
        anonymous=anonymous,
        body=body,
        created_at=now,
    )
    return thread, post


@transaction.atomic
def reply(thread, user, body, anonymous=False, quotes=None):
    """Add a reply, tell the thread's starter (in-app, and by e-mail once committed)."""
    board = thread.board
    anonymous = anonymous and board.allows_anonymous
    if quotes is not None and quotes.thread_id != thread.pk:
        raise ValueError("A reply quotes a post of its own thread only.")
    now = timezone.now()
    post = Post.objects.create(
        thread=thread,
        author=_author_for(board, user, anonymous),
        anonymous=anonymous,
        body=body,
        quotes=quotes,
        created_at=now,
    )
    Thread.objects.filter(pk=thread.pk).update(last_posted_at=now)
    thread.last_posted_at = now
    _notify_starter(thread, post, user)
    transaction.on_commit(lambda: mail.reply_posted(post))
    return post


def starter_of(thread):
    """Whoever opened the thread, if the system knows (not on an untraceable anonymous thread)."""
    first = thread.posts.order_by("created_at", "pk").select_related("author").first()
    return first.author if first is not None else None


def _notify_starter(thread, post, replier):
    starter = starter_of(thread)
    if starter is None or starter.pk == replier.pk:
        return
    if not visible_boards(starter).filter(pk=thread.board_id).exists():
        return  # moved out of the board's departments: they no longer see it
    intranet.notify(
        starter,
        _("A reply was posted to your thread 「%(title)s」.") % {"title": thread.title},
        thread_url(thread, post),
    )


def edit(post, body):
    post.body = body
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "edited_at"])


@transaction.atomic
def hide(post, moderator, reason):
    """Hide a post from everyone but the board's moderators; the audit log keeps who and why."""
    post.hidden_at = timezone.now()
    post.hidden_by = moderator
    post.hidden_reason = reason
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    log_actions.log(
        post,
        HIDE_ACTION,
        user=moderator,
        data={"reason": reason, "thread": post.thread_id, "board": post.thread.board.slug},
    )


def toggle_helpful(post, user):
    """「参考になった」 on, or off again; returns whether it is now on."""
    deleted, _ = Reaction.objects.filter(post=post, user=user).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            Reaction.objects.create(post=post, user=user)
    except IntegrityError:
        pass  # a second press that crossed the first
    return True


def thread_url(thread, post=None):
    """The thread's address, or that of the page of the thread that shows ``post``."""
    url = reverse("bulletin:thread", args=[thread.board.slug, thread.pk])
    if post is None:
        return url
    earlier = thread.posts.filter(
        Q(created_at__lt=post.created_at) | Q(created_at=post.created_at, pk__lt=post.pk)
    ).count()
    page = earlier // POSTS_PER_PAGE + 1
    return f"{url}?page={page}#post-{post.pk}" if page > 1 else f"{url}#post-{post.pk}"


def display_name(user):
    """How the room names a staff member: their name in the directory, else their login."""
    if user is None:
        return _("(former staff member)")
    profile = getattr(user, "staff_profile", None)
    if profile is not None:
        return profile.full_name
    return user.get_full_name() or user.get_username()


def byline(post, moderates):
    """Who a post shows as its author, to a moderator (``moderates``) or to anyone else.

    ``traced`` is the real name behind 「匿名」, for a moderator of a traceable board only
    (an untraceable board never stored it).
    """
    if post.anonymous:
        traced = display_name(post.author) if moderates and post.author_id else ""
        return {"name": _("Anonymous"), "department": "", "traced": traced}
    profile = getattr(post.author, "staff_profile", None) if post.author_id else None
    return {
        "name": display_name(post.author),
        "department": profile.department.name if profile is not None else "",
        "traced": "",
    }


def prepare_for_display(posts, thread, user):
    """Give each post (and the post it quotes) what the page shows, without further queries."""
    moderates = thread.board.viewer_moderates
    now = timezone.now()
    for post in posts:
        post.thread = thread
        post.byline = byline(post, moderates)
        post.show_body = moderates or not post.is_hidden
        post.editable = can_edit(post, user, now)
        if post.quotes is not None:
            post.quotes.byline = byline(post.quotes, moderates)
            post.quotes.show_body = moderates or not post.quotes.is_hidden
