"""The home page's 「未確認のお知らせ」 panel and the 緊急 banner on every page."""

from django.db.models import Exists, OuterRef, Q
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intranet import banners, dashboard

from .models import Notice, NoticeRead

PANEL_SIZE = 8
BANNER_SIZE = 3


def waiting_for(user):
    """Current notices this user still has to act on: 要確認 not confirmed, important unread."""
    mine = NoticeRead.objects.filter(notice=OuterRef("pk"), user=user)
    return (
        Notice.objects.visible_to(user)
        .current()
        .annotate(
            my_read=Exists(mine), my_confirmed=Exists(mine.filter(confirmed_at__isnull=False))
        )
        .filter(
            Q(requires_confirmation=True, my_confirmed=False)
            | Q(importance__lte=Notice.Importance.IMPORTANT, my_read=False)
        )
        .select_related("sender")
        .order_by("importance", "-starts_at", "-pk")
    )


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
        )
    )
    banners.register_banner("bulletin.urgent", urgent_banners)
