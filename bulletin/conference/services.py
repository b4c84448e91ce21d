"""The e-conference room's rules: who sees what, posting, editing, hiding, 「参考になった」.

Every view reaches a board, thread or post through ``board_for``,
``thread_for`` or ``post_for``, which answer 404 for what the user may not
see, so a board for some departments stays invisible in every channel (pages,
forms, reactions, quotes, notifications).
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce, TruncMinute
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import log_actions

import intranet
from intranet.privacy.overrides import forget_reviewers

from .. import mail
from ..models import Board, Post, Reaction, Thread, ThreadRead

HIDE_ACTION = "bulletin.hide_post"
UNHIDE_ACTION = "bulletin.unhide_post"
POSTS_PER_PAGE = 50
# A post is 「新着」 on the board list for this many days after it was posted.
NEW_POST_DAYS = 3


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


def unread_posts(user):
    """Posts shown to everyone that ``user`` has not been shown yet, their own left out.

    A post is read once its thread's page showing it was opened
    (``mark_read``). An untraceable anonymous post has no stored author: its
    poster is shown it on the page they land on after posting.
    """
    seen = ThreadRead.objects.filter(
        thread=OuterRef("thread"), user_id=user.pk, last_seen_number__gte=OuterRef("number")
    )
    return (
        Post.objects.filter(hidden_at__isnull=True).exclude(author_id=user.pk).exclude(Exists(seen))
    )


def new_posts(now=None):
    """Posts shown to everyone and posted in the last ``NEW_POST_DAYS`` days."""
    since = (now or timezone.now()) - timedelta(days=NEW_POST_DAYS)
    return Post.objects.filter(hidden_at__isnull=True, created_at__gte=since)


def count_of(queryset, outer_field):
    """A subquery counting the rows of ``queryset`` whose ``outer_field`` is the outer row."""
    rows = (
        queryset.filter(**{outer_field: OuterRef("pk")})
        .order_by()
        .values(outer_field)
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(rows[:1]), 0)


def boards_for_list(user, now=None):
    """The boards the user sees, each with its threads, new posts and the user's unread posts."""
    return visible_boards(user).annotate(
        thread_count=count_of(Thread.objects.all(), "board"),
        new_count=count_of(new_posts(now), "thread__board"),
        unread_count=count_of(unread_posts(user), "thread__board"),
    )


def with_unread(threads, user):
    return threads.annotate(unread_count=count_of(unread_posts(user), "thread"))


def threads_with_unread(user):
    """Threads of the boards the user sees with posts they have not read, latest first."""
    threads = Thread.objects.filter(board__in=visible_boards(user))
    return (
        with_unread(threads, user)
        .filter(unread_count__gt=0)
        .select_related("board")
        .order_by("-last_posted_at", "-pk")
    )


def mark_unread(posts, thread, user):
    """Mark the posts of this page the user had not read (``post.unread``), then read them all."""
    seen = (
        ThreadRead.objects.filter(thread=thread, user_id=user.pk)
        .values_list("last_seen_number", flat=True)
        .first()
    ) or 0
    for post in posts:
        post.unread = post.number > seen and not post.own and not post.is_hidden
    mark_read(thread, user, max((post.number for post in posts), default=0))


def mark_read(thread, user, number):
    """Remember that ``user`` was shown ``thread``'s posts up to ``number``; never back."""
    if not number:
        return
    moved = ThreadRead.objects.filter(
        thread=thread, user_id=user.pk, last_seen_number__lt=number
    ).update(last_seen_number=number)
    if moved:
        return
    try:
        with transaction.atomic():
            ThreadRead.objects.get_or_create(
                thread=thread, user_id=user.pk, defaults={"last_seen_number": number}
            )
    except IntegrityError:
        pass  # the same reader's other tab stored it first


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
        .order_by("number")
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


class AnonymityChanged(Exception):
    """The board's anonymity is no longer the one the poster was shown: nothing is saved."""


def _author_for(board, user, anonymous):
    """Who is stored as the author: nobody for an anonymous post on an untraceable board."""
    if anonymous and board.anonymity == Board.Anonymity.UNTRACEABLE:
        return None
    return user


def board_time(board, now=None):
    """The time a board stores: to the minute on an untraceable board.

    A time to the microsecond is a key to whoever sent a request at that
    moment (a server's access log, a session's last activity), so an
    untraceable board keeps none. Every post on it is stored to the minute,
    named ones too, so that the posts' order by time stays their order of
    posting.
    """
    now = now or timezone.now()
    if board.anonymity == Board.Anonymity.UNTRACEABLE:
        return now.replace(second=0, microsecond=0)
    return now


def _lock_board(board, shown_anonymity):
    """Hold the board's row while a post is stored, and check the promise the poster saw.

    A change of the board's anonymity takes the same lock (``lock_anonymity``),
    so a post is stored either wholly before the change or wholly after it.
    """
    current = lock_anonymity(board)
    board.anonymity = current
    if shown_anonymity is not None and shown_anonymity != current:
        raise AnonymityChanged


@transaction.atomic
def start_thread(board, user, title, body, anonymous=False, shown_anonymity=None):
    """Open a thread; ``shown_anonymity`` is the board's setting the form showed, if known."""
    _lock_board(board, shown_anonymity)
    anonymous = anonymous and board.allows_anonymous
    now = board_time(board)
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
def reply(thread, user, body, anonymous=False, quotes=None, shown_anonymity=None):
    """Add a reply, tell the thread's starter (in-app, and by e-mail once committed)."""
    board = thread.board
    if quotes is not None and quotes.thread_id != thread.pk:
        raise ValueError("A reply quotes a post of its own thread only.")
    _lock_board(board, shown_anonymity)
    anonymous = anonymous and board.allows_anonymous
    now = board_time(board)
    post = Post.objects.create(
        thread=thread,
        author=_author_for(board, user, anonymous),
        anonymous=anonymous,
        body=body,
        quotes=quotes,
        created_at=now,
    )
    # A minute-truncated time may lie before a time stored before the board
    # became untraceable: the thread's last post time never goes back.
    Thread.objects.filter(pk=thread.pk, last_posted_at__lt=now).update(last_posted_at=now)
    thread.last_posted_at = max(thread.last_posted_at, now)
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
    post.edited_at = board_time(post.thread.board)
    post.save(update_fields=["body", "edited_at"])


def lock_anonymity(board):
    """The board's stored anonymity, its row held until the transaction ends (``_lock_board``)."""
    return Board.objects.select_for_update().values_list("anonymity", flat=True).get(pk=board.pk)


def anonymity_saved(board, previous):
    """Call in the transaction that saved ``board``'s new anonymity over ``previous``.

    On becoming untraceable, the board forgets what it now promises nobody
    knows: its earlier anonymous posts lose their stored author (and the
    personal-data overrides on them their reviewer), and its times are cut to
    the minute. A switch the other way keeps every earlier post as it was:
    only posts made after it are traceable. Returns how many authors were
    forgotten.
    """
    if board.anonymity != Board.Anonymity.UNTRACEABLE or previous == board.anonymity:
        return 0
    traced = traced_posts(board)
    forgotten = traced.count()
    for author_id, thread_id in set(traced.values_list("author_id", "thread_id")):
        # 「返信がありました」 to the starter of an anonymous thread says who started it.
        thread_address = reverse("bulletin:thread", args=[board.slug, thread_id])
        intranet.withdraw_notifications(author_id, thread_address)
    forget_reviewers(Post, traced.values_list("pk", flat=True))
    traced.update(author=None)
    posts = Post.objects.filter(thread__board=board)
    posts.update(created_at=TruncMinute("created_at"))
    posts.filter(edited_at__isnull=False).update(edited_at=TruncMinute("edited_at"))
    Thread.objects.filter(board=board).update(
        created_at=TruncMinute("created_at"), last_posted_at=TruncMinute("last_posted_at")
    )
    return forgotten


def traced_posts(board):
    """Anonymous posts on the board whose author is stored (a traceable board's)."""
    return Post.objects.filter(thread__board=board, anonymous=True, author__isnull=False)


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


@transaction.atomic
def unhide(post, moderator):
    """Show a hidden post to everyone again; the audit log keeps who, as for hiding."""
    reason = post.hidden_reason
    post.hidden_at = None
    post.hidden_by = None
    post.hidden_reason = ""
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    log_actions.log(
        post,
        UNHIDE_ACTION,
        user=moderator,
        data={"reason": reason, "thread": post.thread_id, "board": post.thread.board.slug},
    )


def is_own(post, user):
    """Whether the system knows ``user`` wrote ``post`` (an untraceable anonymous post: never)."""
    return post.author_id is not None and post.author_id == user.pk


class OwnPost(Exception):
    """Nobody marks their own post 「参考になった」."""


def toggle_helpful(post, user):
    """「参考になった」 on, or off again; returns whether it is now on."""
    if is_own(post, user):
        raise OwnPost
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
    page = (post.number - 1) // POSTS_PER_PAGE + 1
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
        post.own = is_own(post, user)
        if post.quotes is not None:
            post.quotes.byline = byline(post.quotes, moderates)
            post.quotes.show_body = moderates or not post.quotes.is_hidden
