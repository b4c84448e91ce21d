"""The home page's 「わたしの予約」 panel: my next bookings, today and later."""

import datetime

from django.urls import reverse
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
    ids = Booking.objects.active().involving([user]).filter(starts_at__gte=midnight).values("pk")
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


def approval_items(request):
    """Requests waiting for this approver, oldest first: a series is one item.

    Each names the approver's own part (the resources they decide), not
    every resource of the booking.
    """
    from . import approval

    items = []
    for waiting in approval.requests_for(request.user, limit=PANEL_SIZE):
        first = waiting.first
        names = waiting.my_resource_names
        meta = f"{services.format_span(first.starts_at, first.ends_at)}・{names}"
        if waiting.is_series:
            meta += _("・%(count)d dates") % {"count": len(waiting.bookings)}
        items.append(
            dashboard.PanelItem(
                title=first.title, url=reverse("reservations:decide", args=[first.pk]), meta=meta
            )
        )
    return items


def register():
    dashboard.register_panel(
        dashboard.DashboardPanel(
            key="reservations.approvals",
            title=gettext_lazy("Bookings waiting for my approval"),
            order=5,
            items=approval_items,
            is_visible=lambda request: request.user.has_perm("reservations.approve_booking"),
            empty_message=gettext_lazy("No booking waits for your approval."),
            more_url="reservations:approvals",
            more_label=gettext_lazy("The approval queue"),
        )
    )
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
