"""Optional e-mail for urgent notices and for replies to one's threads.

Staff choose both on a small screen (off unless chosen). The mail is sent by
a background task, so a slow mail server never holds up posting, and every
rule is checked again when the task runs: a notice withdrawn or no longer
urgent by then is not sent, and a notice reaches only the staff in its
audience, whatever they opted in to. The mail is Japanese, UTF-8, with the
subject prefix of the intranet's notification mail (``intranet.notifications``).
"""

import logging

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from .models import Board, MailPreference, Notice, Post
from .outside import absolute_url, plain_text
from .services import audience_staff

logger = logging.getLogger(__name__)


# The preferences screen.


class MailPreferenceForm(forms.ModelForm):
    class Meta:
        model = MailPreference
        fields = ["urgent_notices", "thread_replies"]
        help_texts = {
            "urgent_notices": gettext_lazy(
                "Notices marked urgent that are sent to you, when they appear on the board."
            ),
            "thread_replies": gettext_lazy(
                "When someone replies to a thread you started (not for threads you started "
                "anonymously on a board where nobody can see who posted)."
            ),
        }


def preferences(request):
    preference = MailPreference.objects.filter(user=request.user).first() or MailPreference(
        user=request.user
    )
    # Not ``request.POST or None``: a form with both boxes cleared posts nothing, and is valid.
    data = request.POST if request.method == "POST" else None
    form = MailPreferenceForm(data, instance=preference)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your e-mail settings were saved."))
        return redirect("bulletin:mail_preferences")
    return render(
        request, "bulletin/mail/preferences.html", {"form": form, "email": request.user.email}
    )


# Building and sending.


def subject(text):
    """The intranet's mail subject: 【庁内イントラネット】…, as notification mail has it."""
    return _("[%(site)s] %(message)s") % {"site": settings.WAGTAIL_SITE_NAME, "message": text}


def send(messages_to_send):
    """Send the messages over one connection; returns how many went out."""
    if not messages_to_send:
        return 0
    with get_connection() as connection:
        return connection.send_messages(messages_to_send)


def _message(user, subject_text, template, context):
    context = {**context, "preferences_url": absolute_url(reverse("bulletin:mail_preferences"))}
    body = render_to_string(f"bulletin/mail/{template}", context)
    return EmailMessage(subject(subject_text), body, to=[user.email])


# Urgent notices.


def urgent_notice_recipients(notice):
    """Active staff in the notice's audience who chose urgent notices by e-mail and have an address.

    Each is checked again against ``Notice.objects.visible_to``, the rule the
    board itself applies, so mail cannot reach further than the board does.
    """
    candidates = (
        audience_staff(notice)
        .filter(bulletin_mail__urgent_notices=True)
        .exclude(email="")
        .select_related("staff_profile__department")
    )
    return [user for user in candidates if notice.is_visible_to(user)]


@task()
def send_urgent_notice(notice_id):
    """E-mail an urgent notice to the staff who want it, if it is on the board now."""
    notices = Notice.objects.select_related("category", "sender__parent")
    notice = notices.filter(pk=notice_id).first()
    if (
        notice is None
        or not notice.is_urgent
        or notice.is_withdrawn
        or notice.is_draft
        or notice.is_archived()
    ):
        return 0
    if notice.is_scheduled():
        # Its start was moved later since the mail was queued: wait for the new start.
        _enqueue_urgent_notice(notice)
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "notice": notice,
            "body": plain_text(notice.body),
            "url": absolute_url(notice.get_absolute_url()),
        }
        title = _("[Urgent] %(title)s") % {"title": notice.title}
        outgoing = [
            _message(user, title, "urgent_notice.txt", context)
            for user in urgent_notice_recipients(notice)
        ]
    return send(outgoing)


def _enqueue_urgent_notice(notice):
    if not notice.is_scheduled():
        send_urgent_notice.enqueue(notice.pk)
        return
    if not send_urgent_notice.get_backend().supports_defer:
        # Sending now would show a notice before its time; sending nothing is the safe side.
        logger.warning("Task backend cannot defer: no mail for scheduled notice %s", notice.pk)
        return
    send_urgent_notice.using(run_after=notice.starts_at).enqueue(notice.pk)


def notice_sent(notice):
    """Called once a notice is sent or scheduled, or raised to 緊急: queue its mail if urgent.

    A scheduled notice is mailed at its start time. The task is queued when
    the surrounding transaction commits, so it never sees a notice that was
    rolled back.
    """
    if notice.is_urgent and not notice.is_withdrawn and not notice.is_draft:
        transaction.on_commit(lambda: _enqueue_urgent_notice(notice))


# Replies to one's threads.


def thread_starter(thread):
    """Who opened the thread, or None when nobody may know (an untraceable anonymous post)."""
    first = thread.posts.order_by("created_at", "pk").select_related("author").first()
    return first.author if first is not None else None


def reply_recipient(post):
    """The thread starter, if this reply should be mailed to them; otherwise None."""
    starter = thread_starter(post.thread)
    if starter is None or post.author_id == starter.pk or not starter.is_active:
        return None
    if post.thread.posts.order_by("created_at", "pk").values_list("pk", flat=True)[0] == post.pk:
        return None  # the opening post is no reply
    if not starter.email:
        return None
    if not MailPreference.objects.filter(user=starter, thread_replies=True).exists():
        return None
    # A starter moved out of the board's departments no longer hears from it.
    if not Board.objects.visible_to(starter).filter(pk=post.thread.board_id).exists():
        return None
    return starter


@task()
def send_reply_mail(post_id):
    """Tell the thread starter a reply came: the thread and a link, not the reply or its author.

    The reply's text stays in the conference room, where a moderator can
    still hide it; and an anonymous reply must not be named in the mail.
    """
    post = Post.objects.select_related("thread__board").filter(pk=post_id).first()
    if post is None or post.is_hidden:
        return 0
    starter = reply_recipient(post)
    if starter is None:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "thread": post.thread,
            "board": post.thread.board,
            "url": absolute_url(post.thread.get_absolute_url()),
        }
        title = _("A reply to 「%(title)s」") % {"title": post.thread.title}
        return send([_message(starter, title, "thread_reply.txt", context)])


def reply_posted(post):
    """Called once a reply is posted: queue a mail to the thread starter, on commit."""
    transaction.on_commit(lambda: send_reply_mail.enqueue(post.pk))
