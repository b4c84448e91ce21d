"""iCalendar (RFC 5545) for bookings and schedule entries, built with the icalendar library.

Times are written in Asia/Tokyo with TZID and the VTIMEZONE they name; DTSTAMP
is the last change (UTC). A booking series is one VEVENT with the series' RRULE:
occurrences the rule names but nobody holds (skipped holidays, clashes,
cancelled ones) are EXDATEs, and an occurrence that differs from the rest
(moved, renamed, waiting for approval) is an override VEVENT with the
series' UID and a RECURRENCE-ID. SEQUENCE is the booking's revision, so a
calendar program replaces what it had; a series' SEQUENCE is the sum of its
occurrences' revisions, so it rises with every change to any of them. A
cancelled or rejected booking is sent as STATUS:CANCELLED.

One booking downloaded alone (``single_booking_vevent``) carries the identity
it has in the feeds: an occurrence of a series is the series' UID with its
RECURRENCE-ID, so importing it beside a subscribed feed updates the same event
instead of making a second one.

No METHOD: a published calendar with METHOD:PUBLISH must name an ORGANIZER
(RFC 5546), which a room's calendar does not have; a feed and a download are
plain RFC 5545 calendars without one.
"""

import datetime
from collections import defaultdict
from zoneinfo import ZoneInfo

import icalendar
from dateutil import rrule as dateutil_rrule
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from intranet.notifications import absolute_url

from .models import Booking
from .schedule.services import booking_url, closed_day_starts, exceptions_of, naive_local
from .suspensions import summary

PRODID = "-//City Office Intranet//Reservations and Schedule//JA"
TOKYO = ZoneInfo("Asia/Tokyo")
STATUSES = {
    Booking.Status.TENTATIVE: "TENTATIVE",
    Booking.Status.CONFIRMED: "CONFIRMED",
    Booking.Status.REJECTED: "CANCELLED",
    Booking.Status.CANCELLED: "CANCELLED",
}
RRULE_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
MOST_OCCURRENCES = 1000


def tokyo(moment):
    return moment.astimezone(TOKYO)


def new_calendar(name):
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Tokyo")
    return calendar


def to_ical(calendar):
    """The calendar's bytes, with a VTIMEZONE for every TZID it uses."""
    calendar.add_missing_timezones(
        first_date=datetime.date(2000, 1, 1), last_date=datetime.date(2038, 1, 1)
    )
    return calendar.to_ical()


def _location(booking):
    """The resources the booking holds; a part its owner rejected no longer counts.

    A booking that holds nothing any more (cancelled, rejected) names them all.
    """
    resources = list(booking.resources.all())
    held = {slot.resource_id for slot in booking.slots.all() if slot.is_active}
    if held:
        resources = [resource for resource in resources if resource.pk in held]
    return "、".join(resource.name for resource in resources)


def booking_vevent(booking, *, uid=None, recurrence_id=None):
    """One VEVENT for one booking (or, with ``recurrence_id``, one occurrence of its series)."""
    event = icalendar.Event()
    event.add("uid", uid or str(booking.uid))
    event.add("dtstamp", booking.updated_at.astimezone(datetime.UTC))
    if recurrence_id is not None:
        event.add("recurrence-id", tokyo(recurrence_id))
    event.add("dtstart", tokyo(booking.starts_at))
    event.add("dtend", tokyo(booking.ends_at))
    event.add("summary", summary(booking))
    location = _location(booking)
    if location:
        event.add("location", location)
    if booking.purpose:
        event.add("description", booking.purpose)
    event.add("status", STATUSES[booking.status])
    event.add("sequence", booking.sequence)
    link = booking_url(booking)
    if link:
        event.add("url", absolute_url(link))
    return event


def _series_rule(series, dtstart):
    """The series' rule expanded from ``dtstart`` (naive Tokyo time), or None if unreadable."""
    text = (series.rrule or "").strip()
    text = text.removeprefix("RRULE:")
    if not text:
        return None, None
    try:
        recur = icalendar.vRecur.from_ical(text)
        rule = dateutil_rrule.rrulestr(text, dtstart=dtstart, ignoretz=True)
    except (ValueError, TypeError):
        return None, None
    starts = []
    for moment in rule:
        starts.append(moment)
        if len(starts) >= MOST_OCCURRENCES:
            break
    return recur, starts


def _shape(booking):
    """What an occurrence shares with the rest of its series when nothing about it changed."""
    return (
        booking.ends_at - booking.starts_at,
        summary(booking),
        _location(booking),
        booking.status,
        booking.purpose,
    )


def series_sequences(series_ids):
    """{series id: SEQUENCE of its master}: the sum of all its occurrences' revisions.

    Every change to an occurrence raises that occurrence's revision, and no
    occurrence is ever deleted, so the sum rises with every change to the
    series. It counts every occurrence, not only those a feed shows, so a feed
    that shows fewer of them (older ones fall out of its window) sees the same
    number.
    """
    rows = (
        Booking.objects.filter(series_id__in=series_ids)
        .values("series_id")
        .annotate(total=Sum("sequence"))
        .order_by()
    )
    return {row["series_id"]: row["total"] or 0 for row in rows}


def series_vevents(series, bookings, *, sequence=None):
    """The VEVENTs of one series: the rule, its EXDATEs and overrides; or one per booking."""
    bookings = sorted(bookings, key=lambda b: (b.original_start or b.starts_at, b.pk))
    active = [booking for booking in bookings if booking.is_active]
    first = bookings[0].original_start or bookings[0].starts_at
    recur, starts = _series_rule(series, naive_local(first))
    if recur is None or not active:
        return [booking_vevent(booking) for booking in bookings]
    by_original = {
        naive_local(booking.original_start): booking
        for booking in bookings
        if booking.original_start is not None
    }
    pattern = active[0]
    shape = _shape(pattern)
    master = icalendar.Event()
    master.add("uid", str(series.uid))
    master.add("dtstamp", max(b.updated_at for b in bookings).astimezone(datetime.UTC))
    master.add("dtstart", tokyo(first))
    master.add("dtend", tokyo(first) + shape[0])
    master.add("rrule", recur)
    master.add("summary", summary(pattern))
    if shape[2]:
        master.add("location", shape[2])
    if pattern.purpose:
        master.add("description", pattern.purpose)
    master.add("status", STATUSES[pattern.status])
    if sequence is None:
        sequence = series_sequences([series.pk]).get(series.pk, 0)
    master.add("sequence", sequence)
    extra, excluded, overrides = [], [], []
    in_rule = set(starts)
    for start in starts:
        booking = by_original.get(start)
        moment = timezone.make_aware(start, TOKYO)
        if booking is None or not booking.is_active:
            excluded.append(moment)
        elif booking.starts_at != moment or _shape(booking) != shape:
            overrides.append(
                booking_vevent(booking, uid=str(series.uid), recurrence_id=booking.original_start)
            )
    for booking in bookings:
        if booking.original_start is None or naive_local(booking.original_start) not in in_rule:
            extra.append(booking_vevent(booking))
    if excluded:
        master.add("exdate", excluded)
    return [master, *overrides, *extra]


def bookings_vevents(bookings):
    """VEVENTs for bookings: those of a series with an RRULE grouped into one, the rest alone."""
    grouped, alone = defaultdict(list), []
    for booking in bookings:
        if booking.series_id is not None and booking.series.rrule:
            grouped[booking.series_id].append(booking)
        else:
            alone.append(booking)
    vevents = [booking_vevent(booking) for booking in alone]
    sequences = series_sequences(list(grouped)) if grouped else {}
    for series_id, members in grouped.items():
        vevents.extend(
            series_vevents(members[0].series, members, sequence=sequences.get(series_id, 0))
        )
    return vevents


def _place_in_series(booking):
    """The occurrence's start in its series' rule, or None if it stands alone in the feeds.

    The same test ``series_vevents`` makes: the series has a readable rule and
    the rule, expanded from the series' first occurrence, names this one.
    """
    series = booking.series
    if series is None or not series.rrule or booking.original_start is None:
        return None
    members = list(
        Booking.objects.filter(series=series).only("pk", "starts_at", "original_start", "status")
    )
    if not any(member.is_active for member in members):
        return None
    first = min(members, key=lambda b: (b.original_start or b.starts_at, b.pk))
    recur, starts = _series_rule(series, naive_local(first.original_start or first.starts_at))
    if recur is None or naive_local(booking.original_start) not in set(starts):
        return None
    return booking.original_start


def single_booking_vevent(booking):
    """One booking as its own download, with the identity the feeds give it."""
    place = _place_in_series(booking)
    if place is None:
        return booking_vevent(booking)
    return booking_vevent(booking, uid=str(booking.series.uid), recurrence_id=place)


def _rrule_of(event):
    rule = event.rule
    recur = {"freq": rule.frequency}
    params = rule.get_params()
    days = params.get("byweekday")
    if days is not None:
        days = days if isinstance(days, list) else [days]
        recur["byday"] = [RRULE_DAYS[int(day)] for day in days]
    if "bysetpos" in params:
        recur["bysetpos"] = params["bysetpos"]
    if event.end_recurring_period is not None:
        detail = getattr(event, "detail", None)
        if detail is not None and detail.all_day:
            recur["until"] = timezone.localtime(event.end_recurring_period).date()
        else:
            recur["until"] = event.end_recurring_period.astimezone(datetime.UTC)
    return icalendar.vRecur(recur)


def _entry_time(vevent, name, moment, all_day):
    if all_day:
        vevent.add(name, timezone.localtime(moment).date())
    else:
        vevent.add(name, tokyo(moment))


def schedule_vevent(event):
    """One VEVENT for a schedule entry; a repeating entry carries its RRULE.

    Occurrences left out for 祝日・閉庁日 and those cancelled on their own are
    EXDATEs.
    """
    detail = getattr(event, "detail", None)
    all_day = detail is not None and detail.all_day
    vevent = icalendar.Event()
    vevent.add("uid", str(detail.uid) if detail else f"schedule-event-{event.pk}")
    vevent.add("dtstamp", event.updated_on.astimezone(datetime.UTC))
    _entry_time(vevent, "dtstart", event.start, all_day)
    _entry_time(vevent, "dtend", event.end, all_day)
    vevent.add("summary", event.title)
    if detail is not None and detail.place:
        vevent.add("location", detail.place)
    if event.description:
        vevent.add("description", event.description)
    if detail is not None and detail.is_private:
        vevent.add("class", "PRIVATE")
    vevent.add("status", "CONFIRMED")
    vevent.add("sequence", detail.sequence if detail else 0)
    if event.rule is not None:
        vevent.add("rrule", _rrule_of(event))
        cancelled = [
            start for start, occurrence in exceptions_of(event).items() if occurrence.cancelled
        ]
        left_out = sorted(set(closed_day_starts(event)) | set(cancelled))
        if left_out:
            if all_day:
                vevent.add("exdate", [timezone.localtime(moment).date() for moment in left_out])
            else:
                vevent.add("exdate", [tokyo(moment) for moment in left_out])
    return vevent


def schedule_vevents(event):
    """The VEVENTs of a schedule entry: the entry, then an override (RECURRENCE-ID) for each
    occurrence moved, renamed or given its own memo, so that a calendar program expands
    exactly the occurrences the schedule shows."""
    master = schedule_vevent(event)
    if event.rule is None:
        return [master]
    detail = getattr(event, "detail", None)
    all_day = detail is not None and detail.all_day
    overrides = []
    for original, occurrence in exceptions_of(event).items():
        if occurrence.cancelled:
            continue
        vevent = icalendar.Event()
        vevent.add("uid", master["UID"])
        vevent.add("dtstamp", occurrence.updated_on.astimezone(datetime.UTC))
        _entry_time(vevent, "recurrence-id", original, all_day)
        _entry_time(vevent, "dtstart", occurrence.start, all_day)
        _entry_time(vevent, "dtend", occurrence.end, all_day)
        vevent.add("summary", occurrence.title or event.title)
        if detail is not None and detail.place:
            vevent.add("location", detail.place)
        if occurrence.description:
            vevent.add("description", occurrence.description)
        if detail is not None and detail.is_private:
            vevent.add("class", "PRIVATE")
        vevent.add("status", "CONFIRMED")
        vevent.add("sequence", master["SEQUENCE"])
        overrides.append(vevent)
    return [master, *overrides]


def calendar_of(name, vevents):
    calendar = new_calendar(name)
    for vevent in vevents:
        calendar.add_component(vevent)
    return to_ical(calendar)


def site_name():
    return getattr(settings, "WAGTAIL_SITE_NAME", "")
