"""The home page's 「わたしの予約」 panel: my next bookings, today and later."""

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intranet import dashboard

from . import services
from .models import Booking

PANEL_SIZE = 8


def next_bookings(user, *, today=None):
    """Active bookings I made or take part in, from the start of today, soonest first."""
    today = today or timezone.localdate()
    midnight = timezone.make_aware(datetime.datetime.combine(today, datetime.time()))
    ids = (
        Booking.objects.active()
        .filter(Q(booked_by=user) | Q(attendees=user), starts_at__gte=midnight)
        .values("pk")
    )
    return (
        Booking.objects.filter(pk__in=ids).prefetch_related("resources").order_by("starts_at", "pk")
    )


def panel_items(request):
    items = []
    for booking in next_bookings(request.user)[:PANEL_SIZE]:
        names = "・".join(resource.name for resource in booking.resources.all())
        meta = f"{services.format_span(booking.starts_at, booking.ends_at)}・{names}"
        title = booking.title
        if booking.status == Booking.Status.TENTATIVE:
            title = _("[Tentative] %(title)s") % {"title": title}
        items.append(dashboard.PanelItem(title=title, url=booking.get_absolute_url(), meta=meta))
    return items


def register():
    dashboard.register_panel(
        dashboard.DashboardPanel(
            key="reservations.mine",
            title=gettext_lazy("My bookings"),
            order=30,
            items=panel_items,
            empty_message=gettext_lazy("You have no bookings from today on."),
            more_url="reservations:mine",
            more_label=gettext_lazy("All my bookings"),
        )
    )
