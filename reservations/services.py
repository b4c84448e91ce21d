"""Booking rules that span models: the checks every booking passes, and the writes.

Every way of booking (the form, the timeline, a series, a move) goes through
``create_bookings`` or ``move``, so every rule and the no-double-booking
guarantee hold for all of them. Messages are Japanese sentences that say what
is wrong and how to put it right.

No double booking: on PostgreSQL an exclusion constraint (migration 0002)
refuses overlapping active slots of one resource, so a race between two
requests ends with one of them refused by the database; on SQLite the check
below runs inside a transaction that holds the write lock from its first
statement (``transaction_mode`` IMMEDIATE), so no two checks interleave.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import approval
from .closed_days import closed_day_name
from .models import Blackout, Booking, BookingSlot, Resource
from .quota import used_in_week

NO_DOUBLE_BOOKING = "reservations_no_double_booking"


def local(moment):
    return timezone.localtime(moment)


def format_moment(moment):
    """2026年11月26日(木) 14:00"""
    return date_format(local(moment), "DATETIME_FORMAT")


def format_span(start, end):
    if local(start).date() == local(end).date():
        return f"{format_moment(start)}〜{local(end):%H:%M}"
    return f"{format_moment(start)}〜{format_moment(end)}"


def format_duration(span):
    minutes = int(span.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    if minutes and hours:
        return _("%(hours)d hours %(minutes)d minutes") % {"hours": hours, "minutes": minutes}
    if minutes:
        return _("%(minutes)d minutes") % {"minutes": minutes}
    return _("%(hours)d hours") % {"hours": hours}


@dataclass
class BookingDraft:
    """What one booking asks for, before its times: who, which resources, what for."""

    user: object
    resources: list
    title: str
    department: object
    purpose: str = ""
    attendee_count: int = 1
    attendees: list = field(default_factory=list)
    destination: str = ""
    driver: object = None

    def booking_fields(self):
        return {
            "title": self.title,
            "purpose": self.purpose,
            "attendee_count": self.attendee_count,
            "booked_by": self.user,
            "department": self.department,
            "destination": self.destination,
            "driver": self.driver,
        }


def span_problems(start, end, *, now=None):
    """What is wrong with a span whatever is booked: order, length, the past."""
    now = now or timezone.now()
    if end <= start:
        if end == start:
            return [_("The booking has no length: make the end later than the start.")]
        return [_("The end is before the start: make the end later than the start.")]
    if start < now:
        return [
            _("%(span)s has already begun: bookings are for times still to come.")
            % {"span": format_span(start, end)}
        ]
    return []


def resource_problems(resource, start, end, *, user, attendee_count=1, exclude=None, now=None):
    """What stops ``user`` from booking ``resource`` from ``start`` to ``end``, in Japanese.

    Everything except another booking in the way (``conflicts``).
    ``exclude`` is a booking being moved: its own time does not count against it.
    """
    now = now or timezone.now()
    name = resource.name
    if not resource.is_active:
        return [_("%(resource)s is not taking bookings at present.") % {"resource": name}]
    problems = []
    local_start, local_end = local(start), local(end)
    day = local_start.date()
    if not resource.is_bookable_weekday(day):
        problems.append(
            _("%(resource)s cannot be booked on %(weekday)s. It takes bookings on %(days)s.")
            % {
                "resource": name,
                "weekday": "月火水木金土日"[day.weekday()] + "曜日",
                "days": resource.bookable_days_display(),
            }
        )
    elif not resource.open_on_closed_days and closed_day_name(day):
        problems.append(
            _("%(date)s is a closed day (%(reason)s): %(resource)s cannot be booked.")
            % {
                "date": date_format(day, "DATE_FORMAT"),
                "reason": closed_day_name(day),
                "resource": name,
            }
        )
    opens = datetime.datetime.combine(day, resource.opens_at, tzinfo=local_start.tzinfo)
    closes = datetime.datetime.combine(day, resource.closes_at, tzinfo=local_start.tzinfo)
    if local_start < opens or local_end > closes:
        problems.append(
            _("%(resource)s can be booked between %(opens)s and %(closes)s on one day.")
            % {
                "resource": name,
                "opens": f"{resource.opens_at:%H:%M}",
                "closes": f"{resource.closes_at:%H:%M}",
            }
        )
    if end - start > resource.max_duration:
        problems.append(
            _("A booking of %(resource)s may last at most %(longest)s.")
            % {"resource": name, "longest": format_duration(resource.max_duration)}
        )
    last_day = local(now).date() + datetime.timedelta(days=resource.booking_window_days)
    if day > last_day:
        problems.append(
            _("%(resource)s takes bookings up to %(days)d days ahead, until %(date)s.")
            % {
                "resource": name,
                "days": resource.booking_window_days,
                "date": date_format(last_day, "DATE_FORMAT"),
            }
        )
    if resource.capacity is not None and attendee_count > resource.capacity:
        problems.append(
            _("%(resource)s seats %(capacity)d; %(count)d attendees do not fit.")
            % {"resource": name, "capacity": resource.capacity, "count": attendee_count}
        )
    for blackout in Blackout.objects.filter(
        resource=resource, starts_at__lt=end, ends_at__gt=start
    ):
        problems.append(
            _("%(resource)s is closed for %(reason)s from %(span)s.")
            % {
                "resource": name,
                "reason": blackout.reason,
                "span": format_span(blackout.starts_at, blackout.ends_at),
            }
        )
    if resource.weekly_quota is not None:
        problems.extend(_quota_problems(resource, start, end, user=user, exclude=exclude))
    return problems


def _quota_problems(resource, start, end, *, user, exclude=None):
    """The per-person quota counts this user's active bookings in the same week (Mon–Sun)."""
    used = used_in_week([resource], user, start, exclude=exclude)[resource.pk]
    if used + (end - start) > resource.weekly_quota:
        return [
            _(
                "%(resource)s allows %(quota)s per person a week; you have %(used)s booked "
                "in that week already."
            )
            % {
                "resource": resource.name,
                "quota": format_duration(resource.weekly_quota),
                "used": format_duration(used),
            }
        ]
    return []


def conflicts(resources, start, end, exclude=None):
    """Active slots of these resources that overlap the span (half-open: touching is fine)."""
    slots = BookingSlot.objects.filter(
        resource__in=resources, is_active=True, starts_at__lt=end, ends_at__gt=start
    ).select_related("resource", "booking__department", "booking__booked_by__staff_profile")
    if exclude is not None and exclude.pk:
        slots = slots.exclude(booking=exclude)
    return list(slots)


def conflict_message(slot):
    """The clash, what to choose instead (another room, item or vehicle), and who holds it.

    The holder is named as the booking's own page names them to every member of
    staff (予約者 and the department it is for), so the booker can ask them to
    swap without searching: nothing the timeline and that page do not show already.
    """
    message = {
        Resource.Kind.EQUIPMENT: _("%(resource)s is already lent out from %(span)s."),
        Resource.Kind.VEHICLE: _("%(resource)s is already out from %(span)s."),
    }.get(slot.resource.kind) or _("%(resource)s is already booked from %(span)s.")
    clash = message % {
        "resource": slot.resource.name,
        "span": format_span(slot.starts_at, slot.ends_at),
    }
    holder = _("Booked by %(name)s (%(department)s).") % {
        "name": approval.person(slot.booking.booked_by),
        "department": slot.booking.department.name,
    }
    return clash + holder


def occurrence_problems(draft, start, end, *, exclude=None, now=None):
    """Everything that stops this draft from being booked for one span, conflicts included."""
    problems = span_problems(start, end, now=now)
    if problems:
        return problems
    for resource in draft.resources:
        problems.extend(
            resource_problems(
                resource,
                start,
                end,
                user=draft.user,
                attendee_count=draft.attendee_count,
                exclude=exclude,
                now=now,
            )
        )
    problems.extend(
        conflict_message(slot) for slot in conflicts(draft.resources, start, end, exclude=exclude)
    )
    return problems


class BookingRefused(ValidationError):
    """A booking (or some occurrences of a series) could not be made.

    ``problems`` maps each refused span (start, end) to its Japanese messages.
    ``raced`` is true when the check passed but the database refused the write
    (PostgreSQL's exclusion constraint: another request booked in between).
    """

    raced = False

    def __init__(self, problems):
        self.problems = problems
        messages = [message for spans in problems.values() for message in spans]
        super().__init__(messages)


def initial_status(resources):
    if any(resource.requires_approval for resource in resources):
        return Booking.Status.TENTATIVE
    return Booking.Status.CONFIRMED


def new_slot(booking, resource, start, end):
    """A resource held by ``booking``; one that needs approval waits for its owner's decision."""
    decision = BookingSlot.Decision.NOT_NEEDED
    if resource.requires_approval:
        decision = BookingSlot.Decision.PENDING
    return BookingSlot(
        booking=booking, resource=resource, starts_at=start, ends_at=end, decision=decision
    )


def _check_draft(draft):
    if not draft.resources:
        raise BookingRefused({None: [_("Choose at least one room, item of equipment or vehicle.")]})


def create_bookings(draft, spans, *, series=None, original_starts=None, now=None):
    """Book every span for the draft, all or nothing; return the new bookings.

    A room with its equipment is one act: every resource of every span is
    booked, or nothing is and ``BookingRefused`` says why, span by span.
    """
    _check_draft(draft)
    status = initial_status(draft.resources)
    try:
        with transaction.atomic():
            problems = {}
            for start, end in spans:
                found = occurrence_problems(draft, start, end, now=now)
                if found:
                    problems[(start, end)] = found
            if problems:
                raise BookingRefused(problems)
            bookings = []
            for index, (start, end) in enumerate(spans):
                booking = Booking.objects.create(
                    **draft.booking_fields(),
                    starts_at=start,
                    ends_at=end,
                    status=status,
                    series=series,
                    original_start=original_starts[index] if original_starts else None,
                )
                BookingSlot.objects.bulk_create(
                    new_slot(booking, resource, start, end) for resource in draft.resources
                )
                if draft.attendees:
                    booking.attendees.set(draft.attendees)
                bookings.append(booking)
            if status == Booking.Status.TENTATIVE:
                transaction.on_commit(lambda: approval.bookings_requested(bookings))
    except IntegrityError as error:
        if NO_DOUBLE_BOOKING not in str(error):
            raise
        raise _refused_by_the_database(draft.resources, spans) from error
    return bookings


def _refused_by_the_database(resources, spans):
    """Another request booked the same time between our check and our write (PostgreSQL)."""
    problems = {}
    for start, end in spans:
        found = [conflict_message(slot) for slot in conflicts(resources, start, end)]
        if found:
            problems[(start, end)] = found
    if not problems:
        problems[None] = [
            _("Someone else has just booked the same time. Look again and choose another time.")
        ]
    refused = BookingRefused(problems)
    refused.raced = True
    return refused


def book(draft, start, end, *, now=None):
    """Book one span; the booking, or ``BookingRefused``."""
    return create_bookings(draft, [(start, end)], now=now)[0]


def move(booking, *, start, end, resources=None, now=None, **changes):
    """Change a booking's time, resources or details under every rule; SEQUENCE goes up.

    A moved booking that needs approval waits for it again.
    """
    resources = list(resources if resources is not None else booking.resources.all())
    draft = BookingDraft(
        user=booking.booked_by,
        resources=resources,
        title=changes.get("title", booking.title),
        department=changes.get("department", booking.department),
        attendee_count=changes.get("attendee_count", booking.attendee_count),
    )
    _check_draft(draft)
    try:
        with transaction.atomic():
            locked = Booking.objects.select_for_update().get(pk=booking.pk)
            if not locked.is_active:
                raise BookingRefused(
                    {
                        None: [
                            _(
                                "This booking has been cancelled or rejected and "
                                "can no longer be changed."
                            )
                        ]
                    }
                )
            problems = occurrence_problems(draft, start, end, exclude=locked, now=now)
            if problems:
                raise BookingRefused({(start, end): problems})
            for name, value in changes.items():
                setattr(locked, name, value)
            locked.starts_at, locked.ends_at = start, end
            locked.sequence += 1
            locked.status = initial_status(resources)
            if locked.status == Booking.Status.CONFIRMED:
                locked.decided_by, locked.decided_at = None, None
            locked.save()
            if locked.status == Booking.Status.TENTATIVE:
                transaction.on_commit(lambda: approval.bookings_requested([locked]))
            locked.slots.all().delete()
            BookingSlot.objects.bulk_create(
                new_slot(locked, resource, start, end) for resource in resources
            )
    except IntegrityError as error:
        if NO_DOUBLE_BOOKING not in str(error):
            raise
        raise _refused_by_the_database(resources, [(start, end)]) from error
    booking.refresh_from_db()
    return booking


def release(bookings, status, **fields):
    """Cancel or reject bookings: they stop holding their resources, SEQUENCE goes up."""
    pks = [booking.pk for booking in bookings]
    with transaction.atomic():
        updated = Booking.objects.filter(pk__in=pks, status__in=Booking.ACTIVE_STATUSES).update(
            status=status, sequence=F("sequence") + 1, updated_at=timezone.now(), **fields
        )
        BookingSlot.objects.filter(booking_id__in=pks).update(is_active=False)
    return updated


def cancel(bookings):
    return release(bookings, Booking.Status.CANCELLED, cancelled_at=timezone.now())


# Series: booking a repetition, and choosing which occurrences a change or a cancel reaches.

THIS, FOLLOWING, ALL = "this", "following", "all"


def refused_spans(draft, spans, *, now=None):
    """For each span that cannot be booked, its Japanese reasons (a dict, in span order)."""
    problems = {}
    for start, end in spans:
        found = occurrence_problems(draft, start, end, now=now)
        if found:
            problems[(start, end)] = found
    return problems


def book_series(draft, rule, spans, *, rrule="", now=None):
    """Book the occurrences of a repeating booking under one series, all or nothing.

    ``rule`` is a ``recurrence.Rule``; ``spans`` the occurrences to book (the
    ones refused may have been left out by the user). The series row is made in
    the same transaction, so a refusal leaves nothing behind.
    """
    from .models import BookingSeries

    with transaction.atomic():
        series = BookingSeries.objects.create(
            **rule.series_fields(), rrule=rrule, created_by=draft.user
        )
        return create_bookings(
            draft,
            spans,
            series=series,
            original_starts=[start for start, _end in spans],
            now=now,
        )


def in_scope(booking, scope, *, now=None):
    """The active bookings a change or a cancel of ``booking`` reaches.

    ``THIS``: the booking itself. ``FOLLOWING``: it and the later occurrences of
    its series. ``ALL``: every occurrence of the series still to come; one that
    has begun is never changed or cancelled by it.
    """
    now = now or timezone.now()
    if booking.series_id is None or scope == THIS:
        return [booking]
    bookings = Booking.objects.active().filter(series_id=booking.series_id)
    if scope == FOLLOWING:
        bookings = bookings.filter(starts_at__gte=booking.starts_at)
    else:
        bookings = bookings.filter(starts_at__gte=now)
    return list(bookings.order_by("starts_at", "pk"))


def change_bookings(
    bookings, *, start_time, end_time, resources, attendees=None, day=None, now=None, **changes
):
    """Move and edit bookings together, all or nothing: each keeps its own date.

    ``day`` moves a single booking to another date. Every occurrence is checked
    under every rule; when any is refused, none changes and ``BookingRefused``
    lists each refused occurrence with its reasons.
    """
    tz = timezone.get_current_timezone()
    problems = {}
    moved = []
    with transaction.atomic():
        for booking in bookings:
            date = day or local(booking.starts_at).date()
            start = timezone.make_aware(datetime.datetime.combine(date, start_time), tz)
            end = timezone.make_aware(datetime.datetime.combine(date, end_time), tz)
            try:
                with transaction.atomic():
                    booking = move(
                        booking, start=start, end=end, resources=resources, now=now, **changes
                    )
            except BookingRefused as refused:
                problems.update(refused.problems)
                continue
            if attendees is not None:
                booking.attendees.set(attendees)
            moved.append(booking)
        if problems:
            raise BookingRefused(problems)
    return moved


def record_vehicle_return(booking, *, odometer_start, odometer_end, returned_at):
    """The odometer at departure and on return, and when the vehicle came back."""
    booking.odometer_start = odometer_start
    booking.odometer_end = odometer_end
    booking.returned_at = returned_at
    booking.save(update_fields=["odometer_start", "odometer_end", "returned_at", "updated_at"])
    return booking


def last_odometer_reading(booking):
    """The reading the vehicle of ``booking`` came back with last time, or None.

    A trip starts where the previous one ended, so the return form offers it
    as the reading at departure: the driver checks one number instead of two.
    """
    if booking.pk is None:
        return None
    vehicles = booking.resources.filter(kind=Resource.Kind.VEHICLE)
    return (
        Booking.objects.filter(
            resources__in=vehicles, odometer_end__isnull=False, returned_at__isnull=False
        )
        .exclude(pk=booking.pk)
        .order_by("-returned_at", "-pk")
        .values_list("odometer_end", flat=True)
        .first()
    )


__all__ = [
    "BookingDraft",
    "BookingRefused",
    "book",
    "book_series",
    "cancel",
    "change_bookings",
    "conflicts",
    "create_bookings",
    "move",
    "in_scope",
    "last_odometer_reading",
    "occurrence_problems",
    "record_vehicle_return",
    "refused_spans",
    "resource_problems",
]
