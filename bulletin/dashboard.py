"""The home page's 「未確認のお知らせ」 panel and the 緊急 banner on every page."""

from django.db.models import Exists, OuterRef
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


def waiting_count(request):
    """How many notices wait for this user: one COUNT, kept on the request.

    The header shows it on every page and the home panel its total; both ask here.
    """
    if not hasattr(request, "_bulletin_waiting_count"):
        user = request.user
        request._bulletin_waiting_count = (
            Notice.objects.visible_to(user).current().waiting_for(user).count()
            if user.is_authenticated
            else 0
        )
    return request._bulletin_waiting_count


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
