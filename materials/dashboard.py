"""The home page's 「新着の会議資料」 panel: the newest meeting materials this user may open.

The list is ``rules.visible_materials(user)``, the rule every channel
reads (``materials.rules``), so a 非公開 or 関係課のみ material never shows to
someone who may not open it, and a 全庁公開 one held for the personal-data
check shows only to its editors. One query, however many materials there are.
"""

from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy

from intranet import dashboard

from . import rules

PANEL_SIZE = 6


def newest_meeting_materials(user):
    return (
        rules.visible_materials(user)
        .filter(meeting__isnull=False)
        .select_related("meeting__series")
        .order_by("-updated_at", "-pk")
    )


def panel_items(request):
    return [
        dashboard.PanelItem(
            title=material.title,
            url=material.get_absolute_url(),
            meta=f"{material.meeting.series.name} {material.meeting.title}・"
            f"{date_format(localtime(material.updated_at), 'DATE_FORMAT')}",
        )
        for material in newest_meeting_materials(request.user)[:PANEL_SIZE]
    ]


def register():
    dashboard.register_panel(
        dashboard.DashboardPanel(
            key="materials.recent",
            title=gettext_lazy("New meeting materials"),
            order=35,
            items=panel_items,
            empty_message=gettext_lazy("No meeting materials yet."),
            more_url="materials:index",
            more_label=gettext_lazy("Meeting materials"),
        )
    )
