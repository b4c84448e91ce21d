"""The home page's 「未確認のお知らせ」 panel and the 緊急 banner on every page."""

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse_lazy
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intranet import banners, dashboard

from .models import Notice, NoticeRead

PANEL_SIZE = 8
# The board narrowed to the same notices as the panel and the header's count.
WAITING_URL = format_lazy("{}?status=unconfirmed", reverse_lazy("bulletin:index"))
BANNER_SIZE = 3


def waiting_for(user):
    """Current notices this user still has to act on: 要確認 not confirmed, important unread."""
    return (
        Notice.objects.visible_to(user)
        .current()
        .waiting_for(user)
        .select_related("sender")
        .order_by("importance", "-starts_at", "-pk")
    )


def _waiting(request):
    """(notices waiting for this user, how many of them are 緊急 and unopened), kept on the request.

    One query for the header's count, the home panel's total and the banners:
    a 緊急 notice not opened is always waiting (it is important and unread), so
    the second number says whether the banners need to ask for any.
    """
    if not hasattr(request, "_bulletin_waiting"):
        user = request.user
        if user.is_authenticated:
            unopened = ~Exists(NoticeRead.objects.filter(notice=OuterRef("pk"), user=user))
            counts = (
                Notice.objects.visible_to(user)
                .current()
                .waiting_for(user)
                .aggregate(
                    total=Count("pk"),
                    urgent=Count("pk", filter=Q(unopened, importance=Notice.Importance.URGENT)),
                )
            )
            request._bulletin_waiting = (counts["total"], counts["urgent"])
        else:
            request._bulletin_waiting = (0, 0)
    return request._bulletin_waiting


def waiting_count(request):
    """How many notices wait for this user (the header on every page, the home panel's total)."""
    return _waiting(request)[0]


def panel_items(request):
    items = []
    for notice in waiting_for(request.user)[:PANEL_SIZE]:
        state = _("Confirmation required") if notice.requires_confirmation else _("Unread")
        items.append(
            dashboard.PanelItem(
                title=f"【{notice.get_importance_display()}】{notice.title}"
                if notice.importance != Notice.Importance.NORMAL
                else notice.title,
                url=notice.get_absolute_url(),
                meta=f"{state}・{notice.sender.name}・"
                f"{date_format(localtime(notice.starts_at), 'DATE_FORMAT')}",
            )
        )
    return items


def urgent_banners(request):
    """One banner per 緊急 notice on the board that this user has not opened."""
    if not _waiting(request)[1]:
        return []  # the usual page: no such notice, known from the header's count
    user = request.user
    unread = ~Exists(NoticeRead.objects.filter(notice=OuterRef("pk"), user=user))
    notices = (
        Notice.objects.visible_to(user)
        .current()
        .filter(unread, importance=Notice.Importance.URGENT)
        .order_by("-starts_at")
        .only("pk", "title")[:BANNER_SIZE]
    )
    return [
        banners.Banner(text=notice.title, url=notice.get_absolute_url(), label=_("【緊急】"))
        for notice in notices
    ]


def register():
    dashboard.register_panel(
        dashboard.DashboardPanel(
            key="bulletin.unconfirmed",
            title=gettext_lazy("Notices waiting for you"),
            order=10,
            items=panel_items,
            empty_message=gettext_lazy("You have read and confirmed every important notice."),
            more_url="bulletin:index",
            more_label=gettext_lazy("Bulletin board"),
            total=waiting_count,
            rest_url=WAITING_URL,
        )
    )
    banners.register_banner("bulletin.urgent", urgent_banners)
