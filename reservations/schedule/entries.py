"""An entry's participants and facilities: who is asked, what is booked, who is busy.

A meeting with colleagues and a room is one act. ``save_entry``
saves the event and calls ``save_people_and_facilities`` in the same
transaction: the participants are set, and the rooms and equipment are booked
(or their bookings changed) through the booking services, so approval,
quotas, closed days and the no-double-booking guarantee hold exactly as when
booking directly. A refusal (``BookingRefused``) undoes the whole entry.

A one-off entry makes one booking; a repeating one makes a booking series,
one booking per occurrence still to come. Changing the entry's time moves its
bookings through the booking services' change path; cancelling it cancels
them. A change or a cancel of a repeating entry reaches what a booking's
「変更する範囲」「取り消す範囲」 reach, in the same words (``THIS``,
``FOLLOWING``, ``ALL``): one occurrence, kept as django-scheduler's
``Occurrence``; this one and the later ones, which become an entry of their
own; or every occurrence still to come. The bookings of those occurrences
follow in the same transaction, so a refused booking leaves the entry as it was.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from schedule.models import Event, Occurrence

from intranet.models import Department
from intranet.notifications import notify_many

from .. import recurrence
from .. import services as booking_services
from ..models import Booking, BookingSeries, EntryParticipant, EventDetail
from .services import (
    Repeat,
    apply_entry,
    aware,
    is_occurrence,
    items_of_people,
    local,
    occurrence_on,
    occurrence_spans,
    occurrences,
    repeat_of,
)

# How far ahead a repeating entry with no end is checked for busy participants.
BUSY_HORIZON = datetime.timedelta(days=92)
# At most this many occurrences are named for each busy participant.
BUSY_SHOWN = 3

_SERIES_FREQUENCY = {
    Repeat.DAILY: BookingSeries.Frequency.DAILY,
    Repeat.WEEKLY: BookingSeries.Frequency.WEEKLY,
    Repeat.MONTHLY: BookingSeries.Frequency.MONTHLY_BY_DATE,
    Repeat.MONTHLY_BY_WEEKDAY: BookingSeries.Frequency.MONTHLY_BY_WEEKDAY,
}


def entry_url(event):
    return reverse("reservations:event", args=[event.pk])


def format_when(event_or_start, end=None):
    """2026年11月26日(木) 14:00〜15:00, as bookings write a span."""
    if end is None:
        event_or_start, end = event_or_start.start, event_or_start.end
    return booking_services.format_span(event_or_start, end)


@dataclass(frozen=True)
class Snapshot:
    """An entry's time and rule before a change: to tell participants when it moved."""

    start: datetime.datetime
    end: datetime.datetime
    rule_id: int | None
    end_recurring_period: datetime.datetime | None

    @classmethod
    def of(cls, event):
        return cls(event.start, event.end, event.rule_id, event.end_recurring_period)

    def moved(self, event):
        return self != Snapshot.of(event)


# Participants.


def attending_participants(event):
    return [
        row.user
        for row in event.participants.filter(
            response=EntryParticipant.Response.ATTENDING
        ).select_related("user__staff_profile")
    ]


def set_participants(event, users):
    """The entry's participants become ``users`` (the organiser left out); the newly asked.

    One who declined and is asked again stays declined: the organiser sees
    their answer on the entry page.
    """
    wanted = {user.pk: user for user in users if user.pk != event.creator_id}
    existing = set(event.participants.values_list("user_id", flat=True))
    event.participants.exclude(user_id__in=wanted).delete()
    new = [user for pk, user in wanted.items() if pk not in existing]
    EntryParticipant.objects.bulk_create(EntryParticipant(event=event, user=user) for user in new)
    return new


def is_participant(user, event):
    return event.participants.filter(user_id=user.pk).exists()


def decline(event, user):
    """The participant will not attend: the entry leaves their schedule, the organiser is told."""
    with transaction.atomic():
        updated = event.participants.filter(
            user_id=user.pk, response=EntryParticipant.Response.ATTENDING
        ).update(response=EntryParticipant.Response.DECLINED, responded_at=timezone.now())
        if not updated:
            return False
        for booking in Booking.objects.filter(schedule_entries__event=event):
            booking.attendees.remove(user)
        profile = getattr(user, "staff_profile", None)
        message = _("%(name)s declined 「%(title)s」 (%(when)s).") % {
            "name": profile.full_name if profile else user.get_username(),
            "title": event.title,
            "when": format_when(event),
        }
        url = entry_url(event)
        transaction.on_commit(lambda: notify_many([event.creator], message, url))
    return True


# Busy participants: a warning, never a refusal.


def planned_spans(event):
    """(start, end) of the entry's occurrences, the first ones of an endless repetition."""
    last = event.end_recurring_period or event.start + BUSY_HORIZON
    return occurrences(event, event.start, max(last, event.end))


def busy_participants(event, users):
    """[(user, [span text, …])] of the participants with something else at the entry's time.

    ``event`` may be unsaved (the entry as typed). Their own entries and
    bookings count, private ones too (as 「予定あり」); this entry and its
    bookings do not.
    """
    users = list(users)
    spans = planned_spans(event)
    if not users or not spans:
        return []
    first, last = spans[0][0], max(end for _start, end in spans)
    by_user = items_of_people(users, first, last, viewer=None)
    found = []
    for user in users:
        clashes = []
        for start, end in spans:
            for item in by_user[user.pk]:
                if event.pk and (item.event_id == event.pk or event.pk in item.entry_event_ids):
                    continue
                if item.start < end and item.end > start:
                    clashes.append(format_when(start, end))
                    break
        if clashes:
            found.append((user, clashes))
    return found


# Facilities: the entry's bookings, made and changed through the booking services.


def active_bookings(detail):
    """The entry's bookings that still hold their resources and have not ended."""
    return list(
        detail.bookings.filter(status__in=Booking.ACTIVE_STATUSES, ends_at__gt=timezone.now())
        .prefetch_related("resources")
        .order_by("starts_at", "pk")
    )


def department_of_calendar(calendar):
    """The department whose calendar this is, or None for a personal one."""
    number = calendar.slug.removeprefix("department-")
    if calendar.slug.startswith("department-") and number.isdigit():
        return Department.objects.filter(pk=int(number)).first()
    return None


def _department_for(event, organiser):
    """A department's entry books for that department; a personal one for the organiser's."""
    return department_of_calendar(event.calendar) or organiser.staff_profile.department


def _draft(event, data, participants):
    """The booking the entry asks for.

    Bookings are open to every staff member, so a private entry's booking is
    titled 「予定あり」 and no entry's memo is copied into a booking.
    """
    organiser = event.creator
    return booking_services.BookingDraft(
        user=organiser,
        resources=list(data.facilities),
        title=_("Busy") if data.private else data.title,
        department=_department_for(event, organiser),
        attendee_count=max(data.headcount or 0, len(participants) + 1),
        attendees=list(participants),
    )


def _future_spans(event):
    now = timezone.now()
    return [(start, end) for start, end in planned_spans(event) if start > now]


def _series_rule(event):
    repeat, weekdays = repeat_of(event.rule)
    until = local(event.end_recurring_period).date() if event.end_recurring_period else None
    return recurrence.Rule(
        frequency=_SERIES_FREQUENCY[repeat],
        weekdays="".join(str(day) for day in weekdays),
        until=until,
        skip_closed_days=False,
    )


def _unchanged(booking, start, end, draft):
    return (
        (booking.starts_at, booking.ends_at) == (start, end)
        and {resource.pk for resource in booking.resources.all()}
        == {resource.pk for resource in draft.resources}
        and booking.title == draft.title
        and booking.attendee_count == draft.attendee_count
    )


def _change(old, spans, draft):
    """Move the entry's bookings to its new time through the booking services' change path.

    A booking nothing of which changed is left as it is (an approval it has
    stays); only its participants follow the entry. Each booking takes the
    time of its own occurrence, so one moved on its own stays where it is;
    every refused occurrence is listed, and none changes.
    """
    pairs = list(zip(old, spans, strict=True))
    if all(_unchanged(booking, start, end, draft) for booking, (start, end) in pairs):
        for booking in old:
            booking.attendees.set(draft.attendees)
        return old
    changed, problems = [], {}
    for booking, (start, end) in pairs:
        try:
            changed += booking_services.change_bookings(
                [booking],
                start_time=local(start).time(),
                end_time=local(end).time(),
                day=local(start).date(),
                resources=draft.resources,
                attendees=draft.attendees,
                title=draft.title,
                attendee_count=draft.attendee_count,
            )
        except booking_services.BookingRefused as refused:
            problems.update(refused.problems)
    if problems:
        raise booking_services.BookingRefused(problems)
    return sorted(changed, key=lambda booking: (booking.starts_at, booking.pk))


def _book(event, spans, draft, book_available):
    if event.rule is None:
        return [booking_services.book(draft, *spans[0])]
    if book_available:
        refused = booking_services.refused_spans(draft, spans)
        spans = [span for span in spans if span not in refused] or spans
    rule = _series_rule(event)
    return booking_services.book_series(
        draft, rule, spans, rrule=recurrence.rrule_string(rule, event.start)
    )


def sync_facilities(event, detail, data, participants, *, book_available=False):
    """Book, move or cancel the entry's facilities so they match the entry as saved."""
    old = active_bookings(detail)
    if data.facilities is None:
        for booking in old:
            booking.attendees.set(participants)
        return old
    if not data.facilities:
        if old:
            booking_services.cancel(old)
        return []
    draft = _draft(event, data, participants)
    spans = _future_spans(event)
    if not spans:
        raise booking_services.BookingRefused(
            {None: [_("Facilities are booked only for times still to come.")]}
        )
    one_off = event.rule is None
    same_dates = [local(b.starts_at).date() for b in old] == [local(s).date() for s, _e in spans]
    if old and ((one_off and len(old) == 1) or (not one_off and same_dates)):
        return _change(old, spans, draft)
    if old:
        booking_services.cancel(old)
    bookings = _book(event, spans, draft, book_available)
    detail.bookings.add(*bookings)
    return bookings


def save_people_and_facilities(
    event, detail, data, *, before=None, book_available=False, continues=None
):
    """Participants, then facilities, then the notifications once everything is committed.

    ``continues`` is (asked, declined) user ids of the entry this one carries
    on (「これ以降すべて」): those are not asked again, and keep their answer.
    """
    newly_asked = []
    if data.participants is not None:
        newly_asked = set_participants(event, data.participants)
    if continues is not None:
        asked_before, declined = continues
        newly_asked = [user for user in newly_asked if user.pk not in asked_before]
        event.participants.filter(user_id__in=declined).update(
            response=EntryParticipant.Response.DECLINED, responded_at=timezone.now()
        )
    participants = attending_participants(event)
    sync_facilities(event, detail, data, participants, book_available=book_available)
    url = entry_url(event)
    organiser = getattr(event.creator, "staff_profile", None)
    values = {
        "name": organiser.full_name if organiser else event.creator.get_username(),
        "title": event.title,
        "when": format_when(event),
    }
    asked = _("%(name)s added you to 「%(title)s」 (%(when)s).") % values
    moved = _("「%(title)s」 has moved to %(when)s.") % values
    already = [user for user in participants if user not in newly_asked]
    has_moved = continues is not None or (before is not None and before.moved(event))

    def tell():
        notify_many(newly_asked, asked, url)
        if has_moved:
            notify_many(already, moved, url)

    transaction.on_commit(tell)


# One occurrence, this one and the later ones, or all still to come.

THIS, FOLLOWING, ALL = booking_services.THIS, booking_services.FOLLOWING, booking_services.ALL
# How far ahead an entry with no end is looked at for its next occurrence.
NEXT_HORIZON = datetime.timedelta(days=366 * 2)


def locked(event):
    """The entry's row, locked until the transaction ends: changes to one entry queue up."""
    return Event.objects.select_for_update().get(pk=event.pk)


def _bump_sequence(event):
    """The entry's iCalendar SEQUENCE goes up: calendar programs replace what they had."""
    EventDetail.objects.filter(event=event).update(sequence=F("sequence") + 1)


def occurrence_bookings(detail, original_start, *, now=None):
    """The entry's bookings for the occurrence the rule put at ``original_start``, not begun.

    An entry falls at most once a day and a booking keeps the date it was made
    for (``original_start``) when it moves, so the date names them.
    """
    if detail is None:
        return []
    now = now or timezone.now()
    day = local(original_start).date()
    return [
        booking
        for booking in active_bookings(detail)
        if local(booking.original_start or booking.starts_at).date() == day
        and booking.starts_at >= now
    ]


def next_occurrence(event, *, now=None):
    """The first occurrence not yet begun, or None."""
    now = now or timezone.now()
    last = event.end_recurring_period or now + NEXT_HORIZON
    for span in occurrence_spans(event, now, max(last, now) + (event.end - event.start)):
        if span.start > now:
            return span
    return None


def _exception(event, span, **fields):
    """The occurrence's ``Occurrence`` row, made or updated (one per original start)."""
    length = event.end - event.start
    occurrence, _made = Occurrence.objects.update_or_create(
        event=event,
        original_start=span.original_start,
        defaults={
            "original_end": span.original_start + length,
            "start": span.start,
            "end": span.end,
            "title": span.title or event.title,
            "description": event.description,
            **fields,
        },
    )
    return occurrence


def cancel_occurrence(event, day):
    """Cancel the occurrence on ``day`` alone (「この予定のみ」) with its bookings.

    The rest of the repetition stays; the participants are told which day
    was cancelled. Returns the number of bookings cancelled.
    """
    with transaction.atomic():
        event = locked(event)
        span = occurrence_on(event, day)
        if span is None:
            return 0
        participants = attending_participants(event)
        detail = EventDetail.objects.filter(event=event).first()
        bookings = occurrence_bookings(detail, span.original_start)
        cancelled = booking_services.cancel(bookings) if bookings else 0
        _exception(event, span, cancelled=True)
        _bump_sequence(event)
        message = _("「%(title)s」 (%(when)s) has been cancelled.") % {
            "title": span.title or event.title,
            "when": format_when(span.start, span.end),
        }
        url = entry_url(event)
        transaction.on_commit(lambda: notify_many(participants, message, url))
    return cancelled


def cancel_entry(event, *, scope=ALL, from_day=None):
    """Cancel the entry and its facility bookings; the participants are told.

    ``THIS`` cancels the occurrence on ``from_day`` alone. ``FOLLOWING`` ends
    a repetition before ``from_day`` and cancels the bookings from that day
    on; what happened before stays on the schedule. ``ALL`` is every
    occurrence still to come, as with bookings: an entry that has begun keeps
    its past. Bookings already begun are never cancelled, as with bookings
    themselves. Returns the number of bookings cancelled.
    """
    if event.rule is not None and scope == THIS and from_day is not None:
        return cancel_occurrence(event, from_day)
    if event.rule is not None and scope == ALL and event.start <= timezone.now():
        upcoming = next_occurrence(event)
        if upcoming is not None:
            scope, from_day = FOLLOWING, local(upcoming.original_start).date()
    detail = EventDetail.objects.filter(event=event).first()
    now = timezone.now()
    with transaction.atomic():
        bookings = active_bookings(detail) if detail else []
        bookings = [booking for booking in bookings if booking.starts_at >= now]
        participants = attending_participants(event)
        keeps_some = False
        if scope == FOLLOWING and event.rule is not None and from_day is not None:
            cut = aware(datetime.datetime.combine(from_day, datetime.time()))
            bookings = [
                booking
                for booking in bookings
                if (booking.original_start or booking.starts_at) >= cut
            ]
            last = cut - datetime.timedelta(seconds=1)
            keeps_some = last >= event.start
        cancelled = booking_services.cancel(bookings) if bookings else 0
        values = {"title": event.title, "when": format_when(event)}
        if keeps_some:
            _end_before(event, cut)
            values["when"] = date_format(from_day, "DATE_FORMAT")
            message = _("「%(title)s」 is cancelled from %(when)s on.") % values
            url = entry_url(event)
        else:
            message = _("「%(title)s」 (%(when)s) has been cancelled.") % values
            url = reverse("reservations:schedule")
            event.delete()
        transaction.on_commit(lambda: notify_many(participants, message, url))
    return cancelled


def _end_before(event, cut):
    """The repetition stops before ``cut``; its occurrences changed on their own after it go."""
    event.end_recurring_period = cut - datetime.timedelta(seconds=1)
    event.save(update_fields=["end_recurring_period"])
    event.occurrence_set.filter(original_start__gte=cut).delete()
    _bump_sequence(event)


def change_occurrence(event, day, data):
    """Change the occurrence on ``day`` alone: its date, times, title and memo.

    Its bookings move with it through the booking services' change path (or
    are made, or cancelled, when the facilities asked for change); a refusal
    raises ``BookingRefused`` and nothing is saved.
    """
    with transaction.atomic():
        event = locked(event)
        span = occurrence_on(event, day)
        if span is None:
            raise booking_services.BookingRefused(
                {None: [_("This entry does not take place on that day.")]}
            )
        detail = EventDetail.objects.filter(event=event).first()
        participants = attending_participants(event)
        bookings = occurrence_bookings(detail, span.original_start)
        _occurrence_facilities(event, detail, data, participants, bookings)
        moved = (span.start, span.end) != (data.start, data.end)
        _exception(
            event,
            span,
            start=data.start,
            end=data.end,
            title=data.title,
            description=data.memo,
            cancelled=False,
        )
        _bump_sequence(event)
        message = _("「%(title)s」 has moved to %(when)s.") % {
            "title": data.title,
            "when": format_when(data.start, data.end),
        }
        url = entry_url(event)
        if moved:
            transaction.on_commit(lambda: notify_many(participants, message, url))
    return event


def _occurrence_facilities(event, detail, data, participants, bookings):
    """Move, make or cancel the bookings of one occurrence to match it as changed."""
    if data.facilities is not None and not data.facilities:
        if bookings:
            booking_services.cancel(bookings)
        return
    draft = _draft(event, data, participants) if data.facilities else None
    if not bookings:
        if draft is not None:
            detail.bookings.add(booking_services.book(draft, data.start, data.end))
        return
    resources = draft.resources if draft else list(bookings[0].resources.all())
    booking_services.change_bookings(
        bookings,
        start_time=local(data.start).time(),
        end_time=local(data.end).time(),
        day=local(data.start).date(),
        resources=resources,
        attendees=participants,
        title=_("Busy") if data.private else data.title,
        attendee_count=draft.attendee_count if draft else bookings[0].attendee_count,
    )


def change_following(event, day, data, *, user, book_available=False):
    """Change the occurrence on ``day`` and every later one: they become an entry of their own.

    The entry stops before ``day``; its bookings from that day on are
    cancelled and the new entry books its own, all in one transaction, so a
    refused booking leaves the entry and its bookings as they were. The
    participants keep their answers and hear that the entry moved.
    """
    with transaction.atomic():
        event = locked(event)
        span = occurrence_on(event, day)
        if span is None:
            raise booking_services.BookingRefused(
                {None: [_("This entry does not take place on that day.")]}
            )
        if span.original_start == event.start:
            return save_entry(data, user=user, calendar=event.calendar, event=event)
        cut = aware(datetime.datetime.combine(day, datetime.time()))
        detail = EventDetail.objects.filter(event=event).first()
        later = [
            booking
            for booking in (active_bookings(detail) if detail else [])
            if (booking.original_start or booking.starts_at) >= cut
        ]
        if later:
            booking_services.cancel(later)
        declined = set(
            event.participants.filter(response=EntryParticipant.Response.DECLINED).values_list(
                "user_id", flat=True
            )
        )
        asked_before = set(event.participants.values_list("user_id", flat=True))
        _end_before(event, cut)
        return save_entry(
            data,
            user=event.creator,
            calendar=event.calendar,
            book_available=book_available,
            continues=(asked_before, declined),
        )


def _carry_exceptions(event, before, old_title):
    """After a change to every occurrence: what was changed on its own follows or goes.

    When the times moved, a cancelled occurrence stays cancelled on its date
    and one moved on its own follows the rest again. An occurrence that
    kept the old title takes the new one.
    """
    exceptions = list(event.occurrence_set.all())
    if not exceptions:
        return
    if event.rule is None:
        event.occurrence_set.all().delete()
        return
    length = event.end - event.start
    for occurrence in exceptions:
        if occurrence.title == old_title:
            occurrence.title = event.title
        if before.moved(event):
            if not occurrence.cancelled:
                occurrence.delete()
                continue
            day = local(occurrence.original_start).date()
            original = aware(datetime.datetime.combine(day, local(event.start).time()))
            if not is_occurrence(event, original):
                occurrence.delete()
                continue
            occurrence.original_start = occurrence.start = original
            occurrence.original_end = occurrence.end = original + length
        occurrence.save()


def save_entry(data, *, user, calendar, event=None, book_available=False, continues=None):
    """Make or change an entry with its participants and facility bookings (nothing half-saved).

    The facilities are booked through the booking services, so every booking
    rule holds; when they refuse, ``BookingRefused`` leaves the database as it
    was. Participants newly asked are notified once the whole entry is saved.
    """
    with transaction.atomic():
        before = None
        if event is None:
            event = Event(calendar=calendar, creator=user)
            apply_entry(event, data)
            event.save()
            detail = EventDetail(event=event)
        else:
            before, old_title = Snapshot.of(event), event.title
            apply_entry(event, data)
            event.save()
            _carry_exceptions(event, before, old_title)
            detail = EventDetail.objects.get_or_create(event=event)[0]
            detail.sequence += 1
        detail.place = data.place
        detail.is_private = data.private
        detail.all_day = data.all_day
        repeats = data.repeat != Repeat.NONE
        detail.skip_closed_days = data.skip_closed_days if repeats else True
        detail.repeat_count = data.count if repeats and data.count else None
        detail.save()
        save_people_and_facilities(
            event,
            detail,
            data,
            before=before,
            book_available=book_available,
            continues=continues,
        )
    return event
