"""Atom feeds of notices behind a personal, revocable secret.

A feed reader has no session, so the two feed views are exempt from the login
every other page asks for: the secret in the address stands in for it, and
the feed shows exactly what its owner would see on the board today. The
owner can reissue the secret (the old address stops working) or revoke it.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.syndication.views import Feed
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .models import FeedToken, Notice, NoticeCategory
from .outside import absolute_url, plain_text

logger = logging.getLogger(__name__)

FEED_SIZE = 50


# The token's life: one active secret per staff member at a time.


def active_token(user):
    return FeedToken.objects.filter(user=user, revoked_at__isnull=True).first()


def revoke_tokens(user):
    """Revoke every active secret of ``user``; returns how many there were."""
    return FeedToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def issue_token(user):
    """A new secret for ``user``; the addresses made with the old one stop working."""
    with transaction.atomic():
        revoke_tokens(user)
        return FeedToken.objects.create(user=user)


def feed_addresses(token):
    """(category or None, absolute feed address) for the all-categories feed and each category."""
    addresses = [(None, absolute_url(reverse("bulletin:feed", args=[token.secret])))]
    for category in NoticeCategory.objects.all():
        path = reverse("bulletin:category_feed", args=[token.secret, category.slug])
        addresses.append((category, absolute_url(path)))
    return addresses


def manage(request):
    """The staff member's feed addresses; a POST issues a new secret or revokes it."""
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "issue":
            issue_token(request.user)
            messages.success(
                request,
                _(
                    "New feed addresses were made. Addresses you used before no longer work: "
                    "register the new ones in your feed reader."
                ),
            )
        elif action == "revoke":
            if revoke_tokens(request.user):
                messages.success(request, _("Your feed addresses were revoked."))
        else:
            messages.error(request, _("Choose whether to make new addresses or revoke them."))
        return redirect("bulletin:feeds")
    token = active_token(request.user)
    return render(
        request,
        "bulletin/feeds/manage.html",
        {"token": token, "addresses": feed_addresses(token) if token else []},
    )


# The feed itself.


@dataclass(frozen=True)
class FeedSubject:
    owner: object
    category: NoticeCategory | None


class PlainSummaryAtom1Feed(Atom1Feed):
    """Atom whose entry summary is plain text (``type="text"``), not HTML for the reader to run."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("summary_text"):
            handler.addQuickElement("summary", item["summary_text"], {"type": "text"})


class NoticeFeed(Feed):
    feed_type = PlainSummaryAtom1Feed
    language = "ja"

    def get_object(self, request, subject):
        return subject

    def title(self, subject):
        if subject.category is None:
            return _("%(site)s: notices") % {"site": settings.WAGTAIL_SITE_NAME}
        return _("%(site)s: notices in %(category)s") % {
            "site": settings.WAGTAIL_SITE_NAME,
            "category": subject.category.name,
        }

    def subtitle(self, subject):
        return _("The notices on the bulletin board now.")

    def link(self, subject):
        return absolute_url(reverse("bulletin:index"))

    def feed_guid(self, subject):
        # The same for every secret: a reissued address is the same feed.
        slug = subject.category.slug if subject.category else "all"
        return f"{absolute_url(reverse('bulletin:feeds'))}#{slug}"

    def items(self, subject):
        notices = Notice.objects.visible_to(subject.owner).current()
        if subject.category is not None:
            notices = notices.filter(category=subject.category)
        return notices.select_related("category", "sender__parent").order_by("-starts_at", "-pk")[
            :FEED_SIZE
        ]

    def item_title(self, notice):
        if notice.is_urgent:
            return _("[Urgent] %(title)s") % {"title": notice.title}
        return notice.title

    def item_link(self, notice):
        return absolute_url(notice.get_absolute_url())

    def item_description(self, notice):
        return None  # the plain-text summary goes in item_extra_kwargs

    def item_extra_kwargs(self, notice):
        return {"summary_text": plain_text(notice.body)}

    def item_author_name(self, notice):
        return str(notice.sender)

    def item_pubdate(self, notice):
        return notice.starts_at

    def item_updateddate(self, notice):
        return max(notice.revised_at or notice.starts_at, notice.starts_at)

    def item_categories(self, notice):
        return [notice.category.name]


def unavailable(request, status, message):
    """A short Japanese page for an address that does not (or no longer) work.

    The path holds the secret, so Django's request log, which writes the path
    of every 4xx answer, is told the answer is logged already, and a line
    without the path is written instead.
    """
    response = render(
        request, "bulletin/feeds/unavailable.html", {"message": message}, status=status
    )
    response._has_been_logged = True  # Django's own flag (django.utils.log.log_response)
    logger.warning("Notice feed refused (%s)", status)
    return response


@login_not_required
@require_safe
def feed(request, secret, category=None):
    """The Atom feed of ``secret``'s owner: all categories, or the one named in the address."""
    token = FeedToken.objects.select_related("user").filter(secret=secret).first()
    if token is None:
        return unavailable(
            request, 404, _("This feed address is not valid. Check the address you registered.")
        )
    if token.revoked_at is not None or not token.user.is_active:
        return unavailable(
            request,
            410,
            _(
                "This feed address has been revoked and no longer works. "
                "Make a new address on the feed settings screen of the bulletin board."
            ),
        )
    subject_category = None
    if category is not None:
        subject_category = NoticeCategory.objects.filter(slug=category).first()
        if subject_category is None:
            return unavailable(request, 404, _("There is no notice category at this address."))
    response = NoticeFeed()(request, subject=FeedSubject(token.user, subject_category))
    # What the feed holds is personal: no cache between the reader and the server keeps it.
    patch_cache_control(response, private=True, no_cache=True)
    return response
