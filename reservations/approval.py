"""Approval of 仮予約: each owner decides its own part; the booking follows from the parts.

A booking of resources that need approval is made 仮予約 (tentative) by
``services``, each such resource's slot waiting (``Decision.PENDING``); once
it commits, ``bookings_requested`` tells the approvers of those resources (one
notification each, however many occurrences a series has). A keeper of a
resource approves or rejects, with a reason, the parts it keeps (``decide``),
for one occurrence or for every waiting occurrence of its series; nobody
decides a part another department keeps, so a room cannot be approved through
its equipment.

The booking is derived from its parts (``settle``): 確定 when every part is
approved; 却下 when every part is rejected; otherwise still 仮予約. A rejected
part frees its resource at once and the one who booked chooses: keep the rest
(``keep_the_rest``, the rejected parts are dropped) or cancel.

Two approvers deciding at once: the booking rows are locked and the parts read
again under the lock, so the booking is confirmed exactly once and a second
decision of the same part gets a clear message and changes nothing.
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
from .models.bookings import Decision


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
    for slot in first.slots.filter(decision=Decision.PENDING).select_related("resource__owner"):
        recipients.update((user.pk, user) for user in rules.approvers(slot.resource))
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


# Parts ---------------------------------------------------------------------------


def parts(booking):
    """The booked resources that need approval, each with its decision, in resource order."""
    return list(
        booking.slots.exclude(decision=Decision.NOT_NEEDED)
        .select_related("resource__owner", "decided_by__staff_profile")
        .order_by("resource__kind", "resource__sort_order", "resource__name")
    )


def waiting_parts(user, booking):
    """The parts of ``booking`` that wait for ``user``'s decision (the resources they keep)."""
    if booking.status != Booking.Status.TENTATIVE:
        return []
    return [
        slot
        for slot in parts(booking)
        if slot.decision == Decision.PENDING and rules.keeps_resource(user, slot.resource)
    ]


def rejected_parts(booking):
    """Parts rejected by their owner while the booking waits for the booker's choice."""
    if booking.status != Booking.Status.TENTATIVE:
        return []
    return [slot for slot in parts(booking) if slot.decision == Decision.REJECTED]


def names_of(slots):
    return "・".join(slot.resource.name for slot in slots)


# The queue ---------------------------------------------------------------------


def waiting_for(user):
    """Tentative bookings with a part ``user`` keeps still undecided, oldest request first.

    A section head keeps the resources of their department and those below
    it; a system administrator keeps every resource (``rules.keeps_resource``).
    """
    if not user.is_authenticated or not user.has_perm("reservations.approve_booking"):
        return Booking.objects.none()
    kept = BookingSlot.objects.filter(
        booking=OuterRef("pk"),
        decision=Decision.PENDING,
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
    """One entry of the queue: a single booking, or the waiting occurrences of one series.

    ``mine`` are the parts the approver decides; ``others`` the parts other
    departments decide, with where they stand.
    """

    bookings: list = field(default_factory=list)
    mine: list = field(default_factory=list)
    others: list = field(default_factory=list)

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
    def my_resource_names(self):
        return names_of(self.mine)

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
    requests = requests[:limit] if limit else requests
    for request in requests:
        request.mine = waiting_parts(user, request.first)
        mine = {slot.pk for slot in request.mine}
        request.others = [slot for slot in parts(request.first) if slot.pk not in mine]
    return requests


def waiting_count(user):
    return waiting_for(user).count()


# Deciding ----------------------------------------------------------------------


def reason_required_message():
    return _("Write the reason for rejecting, so that the one who booked can find another way.")


def already_decided_message(status, part=None):
    """Why there is nothing left to decide: the booking's state, or the user's part's."""
    if status == Booking.Status.TENTATIVE and part is not None:
        values = {"resources": part.resource.name}
        if part.decision == Decision.APPROVED:
            return (
                _(
                    "%(resources)s of this booking has already been approved; "
                    "it waits for the other departments."
                )
                % values
            )
        if part.decision == Decision.REJECTED:
            return _("%(resources)s of this booking has already been rejected.") % values
    messages = {
        Booking.Status.CONFIRMED: _("This booking has already been approved."),
        Booking.Status.REJECTED: _("This booking has already been rejected."),
        Booking.Status.CANCELLED: _("This booking has been cancelled by the one who made it."),
    }
    return messages.get(status, _("This booking is no longer waiting for approval."))


def _lock(booking, whole_series):
    """The booking (or its series' occurrences) locked for this transaction, in date order."""
    if whole_series and booking.series_id:
        targets = Booking.objects.filter(series_id=booking.series_id)
    else:
        targets = Booking.objects.filter(pk=booking.pk)
    return list(targets.select_for_update().order_by("starts_at", "pk"))


def decide(booking, user, *, approve, reason="", whole_series=False, now=None):
    """Approve or reject the parts ``user`` keeps of ``booking`` (or of its waiting series).

    Only the parts of the resources the user keeps are decided; the booking
    then follows from all its parts (``settle``). Rejecting needs a reason,
    frees the rejected resources at once and keeps the reason with the part.
    Returns the bookings decided, read again after the decision. Raises
    ``DecisionRefused`` with a Japanese message when nothing is left to decide.
    """
    reason = (reason or "").strip()
    if not approve and not reason:
        raise DecisionRefused(reason_required_message())
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(booking, whole_series)
        current = next((row for row in locked if row.pk == booking.pk), None)
        waiting = {row.pk: row for row in locked if row.status == Booking.Status.TENTATIVE}
        mine = [
            slot
            for slot in BookingSlot.objects.filter(
                booking_id__in=list(waiting), decision=Decision.PENDING
            ).select_related("resource__owner")
            if rules.keeps_resource(user, slot.resource)
        ]
        if not mine:
            raise DecisionRefused(refusal_for(current, user))
        BookingSlot.objects.filter(pk__in=[slot.pk for slot in mine]).update(
            decision=Decision.APPROVED if approve else Decision.REJECTED,
            decided_by=user,
            decided_at=now,
            comment="" if approve else reason[:500],
            **({} if approve else {"is_active": False}),
        )
        pks = sorted({slot.booking_id for slot in mine}, key=lambda pk: waiting[pk].starts_at)
        for pk in pks:
            settle(waiting[pk], now=now)
        decided = _read_again(pks)
        parts_decided = [slot.resource for slot in mine if slot.booking_id == pks[0]]
        transaction.on_commit(
            lambda: _tell_the_requester(decided, user, parts_decided, approve, reason)
        )
    return decided


def refusal_for(booking, user):
    """What ``user`` is told when nothing of ``booking`` is left for them to decide."""
    if booking is None:
        return already_decided_message(None)
    kept = [slot for slot in parts(booking) if rules.keeps_resource(user, slot.resource)]
    return already_decided_message(booking.status, kept[0] if kept else None)


def _read_again(pks):
    bookings = (
        Booking.objects.filter(pk__in=pks)
        .select_related("booked_by", "department", "decided_by__staff_profile")
        .prefetch_related("resources")
        .order_by("starts_at", "pk")
    )
    return list(bookings)


def settle(booking, *, now=None):
    """Bring the (locked, tentative) booking in line with its parts; returns its status.

    Every part approved: 確定, decided by whoever approved last, SEQUENCE + 1.
    Every part rejected: 却下, resources freed, with the owners' reasons.
    Otherwise it stays 仮予約: parts still wait, or the booker has to choose
    what to do about a rejected one.
    """
    from . import services

    now = now or timezone.now()
    slots = list(booking.slots.order_by("decided_at", "pk"))
    kept = [slot for slot in slots if slot.decision != Decision.REJECTED]
    rejected = [slot for slot in slots if slot.decision == Decision.REJECTED]
    if not kept:
        last = rejected[-1] if rejected else None
        services.release(
            [booking],
            Booking.Status.REJECTED,
            decided_by_id=last.decided_by_id if last else None,
            decided_at=now,
            rejection_reason=" / ".join(dict.fromkeys(s.comment for s in rejected if s.comment))[
                :500
            ],
        )
        return Booking.Status.REJECTED
    if rejected or any(slot.decision == Decision.PENDING for slot in slots):
        return Booking.Status.TENTATIVE
    approved = [slot for slot in slots if slot.decision == Decision.APPROVED]
    last = max(approved, key=lambda slot: (slot.decided_at, slot.pk)) if approved else None
    Booking.objects.filter(pk=booking.pk, status=Booking.Status.TENTATIVE).update(
        status=Booking.Status.CONFIRMED,
        decided_by_id=last.decided_by_id if last else None,
        decided_at=now,
        sequence=F("sequence") + 1,
        updated_at=now,
    )
    return Booking.Status.CONFIRMED


def _tell_the_requester(decided, approver, resources, approve, reason):
    """One notification to whoever booked for each outcome of this decision.

    Confirmed bookings: one message. Bookings whose only part was rejected:
    the rejection. A part rejected while others remain: which resource, why,
    and that the booker chooses between keeping the rest and cancelling.
    A part approved while others still wait: nothing yet (the booking page
    shows each part).
    """
    confirmed = [b for b in decided if b.status == Booking.Status.CONFIRMED]
    rejected = [b for b in decided if b.status == Booking.Status.REJECTED]
    choosing = [] if approve else [b for b in decided if b.status == Booking.Status.TENTATIVE]
    sent = []
    if confirmed:
        values = {"booking": describe(confirmed), "approver": _approvers_of(confirmed[0])}
        message = _("%(approver)s approved your booking %(booking)s.") % values
        sent += notify_many([confirmed[0].booked_by], message, booking_url(confirmed[0]))
    if rejected:
        message = _("%(approver)s rejected your booking %(booking)s. Reason: %(reason)s") % {
            "booking": describe(rejected),
            "approver": person(approver),
            "reason": reason,
        }
        sent += notify_many([rejected[0].booked_by], message, booking_url(rejected[0]))
    if choosing:
        message = _(
            "%(approver)s rejected %(resources)s in your booking %(booking)s. Reason: %(reason)s "
            "Open the booking to keep the rest or cancel it."
        ) % {
            "approver": person(approver),
            "resources": "・".join(resource.name for resource in resources),
            "booking": describe(choosing),
            "reason": reason,
        }
        sent += notify_many([choosing[0].booked_by], message, booking_url(choosing[0]))
    return sent


def _approvers_of(booking):
    """Whoever approved the parts of ``booking``, in order: 「総務 課長・情報 課長」."""
    deciders = {}
    for slot in booking.slots.filter(decision=Decision.APPROVED).order_by("decided_at", "pk"):
        if slot.decided_by is not None:
            deciders.setdefault(slot.decided_by_id, person(slot.decided_by))
    return "・".join(deciders.values()) or person(booking.decided_by)


# The booker's choice after a rejected part ---------------------------------------


def no_choice_message():
    return _("This booking no longer waits for your choice.")


def keep_the_rest(booking, *, whole_series=False, now=None):
    """Drop the rejected parts and keep the rest; the rest may still wait for approval.

    With ``whole_series``, every occurrence of the series that waits for the
    same choice. Returns the bookings changed, read again; raises
    ``DecisionRefused`` when none waits for the choice.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = [row for row in _lock(booking, whole_series) if _waits_for_choice(row)]
        if not locked:
            raise DecisionRefused(no_choice_message())
        pks = [row.pk for row in locked]
        BookingSlot.objects.filter(booking_id__in=pks, decision=Decision.REJECTED).delete()
        Booking.objects.filter(pk__in=pks).update(sequence=F("sequence") + 1, updated_at=now)
        for row in locked:
            settle(row, now=now)
        return _read_again(pks)


def cancel_the_rest(booking, *, whole_series=False):
    """Cancel the booking (or its occurrences) that waited for the choice after a rejection."""
    from . import services

    with transaction.atomic():
        locked = [row for row in _lock(booking, whole_series) if _waits_for_choice(row)]
        if not locked:
            raise DecisionRefused(no_choice_message())
        services.cancel(locked)
        return _read_again([row.pk for row in locked])


def _waits_for_choice(booking):
    return (
        booking.status == Booking.Status.TENTATIVE
        and booking.slots.filter(decision=Decision.REJECTED).exists()
    )
