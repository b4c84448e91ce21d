"""利用停止期間 over bookings already made: which bookings they cover, the marks, who is told.

A blackout period (工事, 点検) added or changed in the admin may fall on
bookings made before it. Those bookings are neither deleted nor cancelled:
their people decide whether to move or cancel them. What the office sees and
what happens on saving:

- ``covered_bookings`` lists the active bookings, not yet over, whose slot of
  the period's resource overlaps the period: the admin shows them before it
  saves;
- ``apply`` (in the transaction that saves the period) marks each covered
  slot, takes the mark off the slots the period no longer covers, raises the
  changed bookings' SEQUENCE so calendar programs replace their copy, and
  tells each booker and participant once per period, however often the
  period is saved;
- ``release`` raises the SEQUENCE of the bookings a deleted period marked.

The marks are read through ``Booking.suspensions``; ``summary`` is the
calendar title of a marked booking.
"""

from collections import defaultdict

from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.notifications import notify_many

from .approval import describe
from .models import Booking, BookingSlot
from .services import format_span

MARK = "【利用停止】"


def covered_slots(blackout, *, now=None):
    """Active slots of the period's resource that overlap it, of bookings not yet over."""
    now = now or timezone.now()
    return BookingSlot.objects.filter(
        resource_id=blackout.resource_id,
        is_active=True,
        booking__status__in=Booking.ACTIVE_STATUSES,
        starts_at__lt=blackout.ends_at,
        ends_at__gt=max(blackout.starts_at, now),
    )


def covered_bookings(blackout, *, now=None):
    """The bookings the period covers, with what the admin's list shows, earliest first."""
    return list(
        Booking.objects.filter(pk__in=covered_slots(blackout, now=now).values("booking_id"))
        .select_related("booked_by__staff_profile", "department")
        .prefetch_related("resources")
        .order_by("starts_at", "pk")
    )


def already_told(blackout):
    """Ids of the bookings whose people this (saved) period has told."""
    if blackout.pk is None:
        return set()
    return set(blackout.notified_bookings.values_list("pk", flat=True))


def fingerprint(bookings):
    """What the office confirmed: the covered bookings' ids, so a changed list asks again."""
    return ",".join(str(booking.pk) for booking in sorted(bookings, key=lambda b: b.pk))


def apply(blackout, *, now=None):
    """Mark what the saved period covers, unmark what it no longer does, tell whom it concerns.

    Returns the bookings whose people were told this time.
    """
    now = now or timezone.now()
    with transaction.atomic():
        covered = set(covered_slots(blackout, now=now).values_list("pk", flat=True))
        still_inside = Q(
            resource_id=blackout.resource_id,
            starts_at__lt=blackout.ends_at,
            ends_at__gt=blackout.starts_at,
        )
        # A slot stays marked while the period still overlaps it, even once it is over.
        marked = blackout.covered_slots.all()
        removed = set(marked.exclude(still_inside).values_list("pk", flat=True))
        added = covered - set(marked.values_list("pk", flat=True))
        if removed:
            blackout.covered_slots.remove(*removed)
        if added:
            blackout.covered_slots.add(*added)
        _revise(BookingSlot.objects.filter(pk__in=added | removed), now)
        told = already_told(blackout)
        to_tell = [
            booking for booking in covered_bookings(blackout, now=now) if booking.pk not in told
        ]
        if to_tell:
            blackout.notified_bookings.add(*to_tell)
            _tell(blackout, to_tell)
    return to_tell


def release(blackout, *, now=None):
    """Before a period is deleted: the bookings it marked change, so their SEQUENCE rises."""
    _revise(blackout.covered_slots.all(), now or timezone.now())


def _revise(slots, now):
    """A booking whose mark changed is a new revision for calendar programs (SEQUENCE, DTSTAMP)."""
    Booking.objects.filter(pk__in=slots.values("booking_id")).update(
        sequence=F("sequence") + 1, updated_at=now
    )


def _tell(blackout, bookings):
    """One notification per person (booker or participant) for all their covered bookings."""
    people, of_person = {}, defaultdict(list)
    for booking in bookings:
        for person in (booking.booked_by, *booking.attendees.all()):
            people[person.pk] = person
            if booking not in of_person[person.pk]:
                of_person[person.pk].append(booking)
    by_message = defaultdict(list)
    for pk, theirs in of_person.items():
        by_message[_message(blackout, theirs)].append(people[pk])
    for (message, url), recipients in by_message.items():
        notify_many(recipients, message, url)


def _message(blackout, bookings):
    values = {
        "reason": blackout.reason,
        "resource": blackout.resource.name,
        "span": format_span(blackout.starts_at, blackout.ends_at),
        "booking": describe(bookings[:1]),
        "count": len(bookings),
    }
    if len(bookings) == 1:
        message = _(
            "The blackout period “%(reason)s” (%(resource)s, %(span)s) falls on your booking "
            "%(booking)s. It is not cancelled: move it to another time or place, or cancel it."
        )
        return message % values, reverse("reservations:booking", args=[bookings[0].pk])
    message = _(
        "The blackout period “%(reason)s” (%(resource)s, %(span)s) falls on %(count)d of your "
        "bookings, the first %(booking)s. They are not cancelled: move them to another time "
        "or place, or cancel them."
    )
    return message % values, reverse("reservations:mine")


def summary(booking):
    """A booking's title in calendars, 【利用停止】 first while a blackout period covers it."""
    return f"{MARK}{booking.title}" if booking.suspensions else booking.title
