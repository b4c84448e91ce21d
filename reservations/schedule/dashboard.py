"""The home page's 「今日の予定」 panel: today's entries and bookings, in time order."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intranet import dashboard

from . import services

PANEL_SIZE = 8


def panel_items(request):
    start, end = services.day_bounds(timezone.localdate())
    items = []
    for item in services.my_items(request.user, start, end)[:PANEL_SIZE]:
        meta = [item.time_display()]
        if item.place:
            meta.append(item.place)
        if item.kind == "booking":
            meta.append(_("Booking (%(status)s)") % {"status": item.status})
        items.append(dashboard.PanelItem(title=item.title, url=item.url, meta="・".join(meta)))
    return items


def register():
    dashboard.register_panel(
        dashboard.DashboardPanel(
            key="reservations.today",
            title=gettext_lazy("Today's schedule"),
            order=5,
            items=panel_items,
            empty_message=gettext_lazy("Nothing is planned for you today."),
            more_url="reservations:schedule",
            more_label=gettext_lazy("My schedule"),
        )
    )
