"""Approval of 仮予約: the approver's queue, confirm or reject, and who is told.

A booking of a resource that needs approval is made 仮予約 (tentative) by
``services``; once it commits, ``bookings_requested`` tells the approvers of
that resource (one notification each, however many occurrences a series
has). A keeper of the resource confirms it or rejects it with a reason
(``decide``), for one occurrence or for every waiting occurrence of its
series; the one who booked is told either way.

Two approvers deciding the same request at once: the rows are locked and the
status is checked again under the lock, so the second gets a clear message
and changes nothing.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet import roles
from intranet.notifications import notify_many

from . import rules
from .models import Booking, BookingSlot


class DecisionRefused(ValidationError):
    """The booking cannot be decided (already decided, cancelled, no reason given …)."""


def booking_url(booking):
    """Where a notification about ``booking`` leads: the booking, else the approval queue."""
    try:
        return reverse("reservations:booking", args=[booking.pk])
    except NoReverseMatch:
        return _approvals_url()


def person(user):
    profile = getattr(user, "staff_profile", None)
    return profile.full_name if profile is not None else user.get_username()


def resource_names(booking):
    return "・".join(resource.name for resource in booking.resources.all())


def describe(bookings):
    """「庁内調整会議」（庁議室、2026年11月26日(木) 10:00〜11:00）, or a series' count and span."""
    from .services import format_span

    first = bookings[0]
    if len(bookings) == 1:
        return _("“%(title)s” (%(resources)s, %(span)s)") % {
            "title": first.title,
            "resources": resource_names(first),
            "span": format_span(first.starts_at, first.ends_at),
        }
    last = bookings[-1]
    return _("“%(title)s” (%(resources)s, %(count)d occurrences from %(first)s to %(last)s)") % {
        "title": first.title,
        "resources": resource_names(first),
        "count": len(bookings),
        "first": format_span(first.starts_at, first.ends_at),
        "last": format_span(last.starts_at, last.ends_at),
    }


# Telling the approvers ------------------------------------------------------


def bookings_requested(bookings):
    """Tell the approvers that tentative bookings wait for them (after the booking commits).

    ``bookings`` is one request: a booking, the occurrences of a series booked
    together, or a booking moved back to 仮予約. Each approver of any resource
    in it that needs approval gets ONE notification.
    """
    bookings = sorted(
        (booking for booking in bookings if booking.status == Booking.Status.TENTATIVE),
        key=lambda booking: booking.starts_at,
    )
    if not bookings:
        return []
    first = bookings[0]
    recipients = {}
    for resource in first.resources.all():
        if resource.requires_approval:
            recipients.update((user.pk, user) for user in rules.approvers(resource))
    if not recipients:
        return []
    values = {
        "booking": describe(bookings),
        "person": person(first.booked_by),
        "department": first.department.name,
    }
    if first.sequence and len(bookings) == 1:
        message = _(
            "%(person)s (%(department)s) changed %(booking)s; it waits for your approval again."
        )
    else:
        message = _("%(person)s (%(department)s) asks for approval of %(booking)s.")
    return notify_many(recipients.values(), message % values, _approvals_url())


def _approvals_url():
    try:
        return reverse("reservations:approvals")
    except NoReverseMatch:
        return ""


# The queue ---------------------------------------------------------------------


def waiting_for(user):
    """Tentative bookings of resources needing approval that ``user`` keeps, oldest request first.

    A section head keeps the resources of their department and those below
    it; a system administrator keeps every resource (``rules.keeps_resource``).
    """
    if not user.is_authenticated or not user.has_perm("reservations.approve_booking"):
        return Booking.objects.none()
    kept = BookingSlot.objects.filter(
        booking=OuterRef("pk"),
        resource__requires_approval=True,
        resource__owner__in=roles.managed_departments(user),
    )
    return (
        Booking.objects.filter(status=Booking.Status.TENTATIVE)
        .filter(Exists(kept))
        .select_related("booked_by__staff_profile", "department", "series")
        .prefetch_related("resources")
        .order_by("created_at", "starts_at", "pk")
    )


@dataclass
class Request:
    """One entry of the queue: a single booking, or the waiting occurrences of one series."""

    bookings: list = field(default_factory=list)

    @property
    def first(self):
        return self.bookings[0]

    @property
    def is_series(self):
        return self.first.series_id is not None

    @property
    def requested_at(self):
        return min(booking.created_at for booking in self.bookings)

    @property
    def requested_at_text(self):
        from .services import format_moment

        return format_moment(self.requested_at)

    @property
    def requester(self):
        return person(self.first.booked_by)

    @property
    def resource_names(self):
        return resource_names(self.first)

    @property
    def occurrences(self):
        """(booking, 2026年11月26日(木) 10:00〜11:00) for each waiting booking, in date order."""
        return spans_of(self.bookings)


def spans_of(bookings):
    from .services import format_span

    return [(booking, format_span(booking.starts_at, booking.ends_at)) for booking in bookings]


def requests_for(user, limit=None):
    """The queue as requests: each series once (its waiting occurrences in date order)."""
    grouped = {}
    for booking in waiting_for(user):
        key = ("series", booking.series_id) if booking.series_id else ("booking", booking.pk)
        grouped.setdefault(key, Request()).bookings.append(booking)
    requests = list(grouped.values())
    for request in requests:
        request.bookings.sort(key=lambda booking: (booking.starts_at, booking.pk))
    requests.sort(key=lambda request: (request.requested_at, request.first.starts_at))
    return requests[:limit] if limit else requests


def waiting_count(user):
    return waiting_for(user).count()


# Deciding ----------------------------------------------------------------------

def reason_required_message():
    return _("Write the reason for rejecting, so that the one who booked can find another way.")


def already_decided_message(status):
    messages = {
        Booking.Status.CONFIRMED: _("This booking has already been approved."),
        Booking.Status.REJECTED: _("This booking has already been rejected."),
        Booking.Status.CANCELLED: _("This booking has been cancelled by the one who made it."),
    }
    return messages.get(status, _("This booking is no longer waiting for approval."))


def decide(booking, user, *, approve, reason="", whole_series=False, now=None):
    """Approve or reject ``booking`` (or every waiting occurrence of its series).

    Approving confirms: 確定, decided by and at, SEQUENCE + 1. Rejecting needs
    a reason, frees the resources (``services.release``) and keeps the
    reason. Only 仮予約 the user may approve are decided; returns them.
    Raises ``DecisionRefused`` with a Japanese message otherwise.
    """
    from . import services

    reason = (reason or "").strip()
    if not approve and not reason:
        raise DecisionRefused(reason_required_message())
    now = now or timezone.now()
    with transaction.atomic():
        if whole_series and booking.series_id:
            targets = Booking.objects.filter(series_id=booking.series_id)
        else:
            targets = Booking.objects.filter(pk=booking.pk)
        locked = list(targets.select_for_update().order_by("starts_at", "pk"))
        current = next((row for row in locked if row.pk == booking.pk), None)
        waiting = [row for row in locked if row.status == Booking.Status.TENTATIVE]
        waiting = [row for row in waiting if rules.can_approve(user, row)]
        if not waiting:
            raise DecisionRefused(already_decided_message(current.status if current else None))
        pks = [row.pk for row in waiting]
        if approve:
            Booking.objects.filter(pk__in=pks, status=Booking.Status.TENTATIVE).update(
                status=Booking.Status.CONFIRMED,
                decided_by=user,
                decided_at=now,
                sequence=F("sequence") + 1,
                updated_at=now,
            )
        else:
            services.release(
                waiting,
                Booking.Status.REJECTED,
                decided_by=user,
                decided_at=now,
                rejection_reason=reason[:500],
            )
        decided = list(
            Booking.objects.filter(pk__in=pks)
            .select_related("booked_by", "department")
            .prefetch_related("resources")
            .order_by("starts_at", "pk")
        )
        transaction.on_commit(lambda: _tell_the_requester(decided, user))
    return decided


def _tell_the_requester(decided, approver):
    """One notification to whoever booked, for the whole decision."""
    first = decided[0]
    values = {"booking": describe(decided), "approver": person(approver)}
    if first.status == Booking.Status.CONFIRMED:
        message = _("%(approver)s approved your booking %(booking)s.") % values
    else:
        message = _("%(approver)s rejected your booking %(booking)s. Reason: %(reason)s") % {
            **values,
            "reason": first.rejection_reason,
        }
    return notify_many([first.booked_by], message, booking_url(first))
