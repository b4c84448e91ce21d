"""The e-conference room's screens: boards, threads, replies, edits, hiding, 「参考になった」.

Views are thin: who may see what and how a post is stored live in ``services``.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .forms import EditForm, HideForm, ReplyForm, ThreadForm

THREADS_PER_PAGE = 30


def board_list(request):
    boards = services.boards_for_list(request.user)
    return render(request, "bulletin/conference/board_list.html", {"boards": boards})


def board(request, slug):
    return _thread_list(request, slug, archive=False)


def board_archive(request, slug):
    return _thread_list(request, slug, archive=True)


def _thread_list(request, slug, archive):
    board = services.board_for(request.user, slug)
    threads = services.archived_threads(board) if archive else services.active_threads(board)
    threads = services.with_unread(threads, request.user)
    page = Paginator(threads, THREADS_PER_PAGE).get_page(request.GET.get("page"))
    members = board.departments.all()
    moderators = board.moderators.select_related("staff_profile")
    return render(
        request,
        "bulletin/conference/board.html",
        {
            "board": board,
            "page": page,
            "archive": archive,
            "members": members,
            "moderators": [services.display_name(user) for user in moderators],
        },
    )


def thread(request, slug, pk):
    thread = services.thread_for(request.user, slug, pk)
    posts = services.posts_for_page(thread, request.user)
    page = Paginator(posts, services.POSTS_PER_PAGE).get_page(request.GET.get("page"))
    services.prepare_for_display(page.object_list, thread, request.user)
    services.mark_unread(page.object_list, thread, request.user)
    archived = thread.is_archived()
    form = None
    if not archived and not page.has_next():
        form = ReplyForm(thread=thread)
    return render(
        request,
        "bulletin/conference/thread.html",
        {
            "board": thread.board,
            "thread": thread,
            "page": page,
            "archived": archived,
            "form": form,
        },
    )


def new_thread(request, slug):
    board = services.board_for(request.user, slug)
    form = ThreadForm(board=board)
    if request.method == "POST":
        form = ThreadForm(request.POST, board=board)
        if form.is_valid():
            try:
                with transaction.atomic():
                    thread, post = services.start_thread(
                        board,
                        request.user,
                        form.cleaned_data["title"],
                        form.cleaned_data["body"],
                        anonymous=form.cleaned_data.get("anonymous", False),
                        shown_anonymity=form.shown_anonymity(),
                    )
                    _record_overrides(form, post)
            except services.AnonymityChanged:
                form.anonymity_changed()
            else:
                messages.success(request, _("Your thread was posted."))
                return redirect(thread)
    return render(request, "bulletin/conference/new_thread.html", {"board": board, "form": form})


def reply(request, slug, pk):
    thread = services.thread_for(request.user, slug, pk)
    if thread.is_archived():
        return _read_only(request, thread)
    form = ReplyForm(thread=thread, initial={"quotes": _quoted_pk(request, thread)})
    if request.method == "POST":
        form = ReplyForm(request.POST, thread=thread)
        if form.is_valid():
            try:
                with transaction.atomic():
                    post = services.reply(
                        thread,
                        request.user,
                        form.cleaned_data["body"],
                        anonymous=form.cleaned_data.get("anonymous", False),
                        quotes=form.cleaned_data["quotes"],
                        shown_anonymity=form.shown_anonymity(),
                    )
                    _record_overrides(form, post)
            except services.AnonymityChanged:
                form.anonymity_changed()
            else:
                messages.success(request, _("Your reply was posted."))
                return redirect(services.thread_url(thread, post))
    quoted = _quoted_post(form, thread, request.user)
    return render(
        request,
        "bulletin/conference/reply.html",
        {"board": thread.board, "thread": thread, "form": form, "quoted": quoted},
    )


def edit_post(request, slug, thread_pk, pk):
    post = services.post_for(request.user, slug, thread_pk, pk)
    thread = post.thread
    if thread.is_archived():
        return _read_only(request, thread)
    if post.author_id is None or post.author_id != request.user.pk:
        raise PermissionDenied
    if not services.can_edit(post, request.user):
        messages.error(request, _edit_refusal(post))
        return redirect(services.thread_url(thread, post))
    form = EditForm(instance=post, initial={"body": post.body})
    if request.method == "POST":
        form = EditForm(request.POST, instance=post)
        if form.is_valid():
            with transaction.atomic():
                services.edit(post, form.cleaned_data["body"])
                _record_overrides(form, post)
            messages.success(request, _("Your post was updated."))
            return redirect(services.thread_url(thread, post))
    return render(
        request,
        "bulletin/conference/edit_post.html",
        {
            "board": thread.board,
            "thread": thread,
            "post": post,
            "form": form,
            "deadline": services.edit_deadline(post),
        },
    )


def hide_post(request, slug, thread_pk, pk):
    post = services.post_for(request.user, slug, thread_pk, pk)
    thread = post.thread
    if not thread.board.viewer_moderates:
        raise PermissionDenied
    if post.is_hidden:
        messages.info(request, _("This post is already hidden."))
        return redirect(services.thread_url(thread, post))
    form = HideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.hide(post, request.user, form.cleaned_data["reason"])
        messages.success(request, _("The post was hidden. Moderators can still read it."))
        return redirect(services.thread_url(thread, post))
    services.prepare_for_display([post], thread, request.user)
    return render(
        request,
        "bulletin/conference/hide_post.html",
        {"board": thread.board, "thread": thread, "post": post, "form": form},
    )


@require_POST
def unhide_post(request, slug, thread_pk, pk):
    post = services.post_for(request.user, slug, thread_pk, pk)
    thread = post.thread
    if not thread.board.viewer_moderates:
        raise PermissionDenied
    if post.is_hidden:
        services.unhide(post, request.user)
        messages.success(request, _("The post is shown to everyone again."))
    else:
        messages.info(request, _("This post is not hidden."))
    return redirect(services.thread_url(thread, post))


@require_POST
def react(request, slug, thread_pk, pk):
    post = services.post_for(request.user, slug, thread_pk, pk)
    thread = post.thread
    if thread.is_archived():
        return _read_only(request, thread)
    if post.is_hidden:
        messages.error(request, _("A hidden post cannot be marked as helpful."))
    elif services.is_own(post, request.user):
        messages.error(request, _("You cannot mark your own post as helpful."))
    elif services.toggle_helpful(post, request.user):
        messages.success(request, _("Marked as helpful."))
    else:
        messages.info(request, _("No longer marked as helpful."))
    return redirect(services.thread_url(thread, post))


def _record_overrides(form, post):
    """Store the poster's 「個人情報ではない」 as the post stores its poster.

    An untraceable anonymous post has no author, so its overrides record no
    reviewer either, and their time is the post's own (to the minute).
    """
    form.record_overrides(post, post.author, at=services.board_time(post.thread.board))


def _read_only(request, thread):
    messages.error(
        request,
        _(
            "This thread has had no posts for %(months)d months and is archived: it can be "
            "read but not replied to, edited or reacted to. Start a new thread instead."
        )
        % {"months": thread.board.retention_months},
    )
    return redirect(services.thread_url(thread))


def _edit_refusal(post):
    if post.is_hidden:
        return _("A hidden post cannot be edited.")
    return _("A post can be edited until %(deadline)s (%(minutes)d minutes after posting).") % {
        "deadline": date_format(services.edit_deadline(post), "DATETIME_FORMAT"),
        "minutes": post.thread.board.edit_window_minutes,
    }


def _quoted_pk(request, thread):
    quote = request.GET.get("quote", "")
    if quote.isdigit() and thread.posts.filter(pk=quote).exists():
        return int(quote)
    return None


def _quoted_post(form, thread, user):
    """The post the reply form quotes, ready to show above the form (None if none or invalid)."""
    value = form["quotes"].value()
    if not value or not str(value).isdigit():
        return None
    post = services.posts_for_page(thread, user).filter(pk=value).first()
    if post is not None:
        services.prepare_for_display([post], thread, user)
    return post
