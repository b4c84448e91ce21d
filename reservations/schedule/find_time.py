"""「空き時間を探す」: the earliest times when chosen colleagues and a room are all free.

Everyone's entries and bookings are read once (``services.busy_spans``), the
rooms' booked slots and blackouts once each, and the free times are worked out
in Python, on a 15-minute grid inside working hours on working days.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from ..closed_days import closed_day_name
from ..models import Blackout, BookingSlot, Resource
from .services import aware, local

WORKDAY_STARTS = datetime.time(8, 30)
WORKDAY_ENDS = datetime.time(17, 15)
STEP = datetime.timedelta(minutes=15)
MOST_RESULTS = 10


@dataclass
class FreeTime:
    start: datetime.datetime
    end: datetime.datetime
    room: Resource | None = None

    @property
    def booking_url(self):
        """The booking form for this room at this time (``reservations:new``), or ''."""
        if self.room is None:
            return ""
        try:
            path = reverse("reservations:new")
        except NoReverseMatch:
            return ""
        query = urlencode(
            {
                "resource": self.room.pk,
                "start": local(self.start).strftime("%Y-%m-%dT%H:%M"),
                "end": local(self.end).strftime("%Y-%m-%dT%H:%M"),
            }
        )
        return f"{path}?{query}"


def _overlaps(spans, start, end):
    return any(s < end and e > start for s, e in spans)


def _room_is_open(room, start, end):
    day = local(start).date()
    if not room.is_bookable_weekday(day):
        return False
    if not room.open_on_closed_days and closed_day_name(day):
        return False
    return (
        room.opens_at <= local(start).time()
        and local(end).time() <= room.closes_at
        and (local(end).date() == day)
    )


def candidate_starts(first_day, last_day, length, *, now):
    day = first_day
    while day <= last_day:
        if day.weekday() < 5 and not closed_day_name(day):
            moment = aware(datetime.datetime.combine(day, WORKDAY_STARTS))
            closing = aware(datetime.datetime.combine(day, WORKDAY_ENDS))
            while moment + length <= closing:
                if moment >= now:
                    yield moment
                moment += STEP
        day += datetime.timedelta(days=1)


def find_free_times(users, first_day, last_day, length, *, seats=None, now=None, limit=None):
    """The earliest free times for everyone in ``users`` (and a room with ``seats``, if given)."""
    from .services import busy_spans

    now = now or timezone.now()
    limit = limit or MOST_RESULTS
    span_start = aware(datetime.datetime.combine(first_day, datetime.time()))
    span_end = aware(
        datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time())
    )
    busy = busy_spans(users, span_start, span_end)
    rooms, taken = [], {}
    if seats is not None:
        rooms = list(
            Resource.objects.active()
            .rooms()
            .filter(capacity__gte=seats)
            .order_by("capacity", "sort_order", "name")
        )
        taken = {room.pk: [] for room in rooms}
        in_span = Q(starts_at__lt=span_end, ends_at__gt=span_start, resource__in=rooms)
        for slot in BookingSlot.objects.filter(in_span, is_active=True).only(
            "resource_id", "starts_at", "ends_at"
        ):
            taken[slot.resource_id].append((slot.starts_at, slot.ends_at))
        for blackout in Blackout.objects.filter(in_span).only(
            "resource_id", "starts_at", "ends_at"
        ):
            taken[blackout.resource_id].append((blackout.starts_at, blackout.ends_at))
    found = []
    for start in candidate_starts(first_day, last_day, length, now=now):
        end = start + length
        if any(_overlaps(spans, start, end) for spans in busy.values()):
            continue
        if seats is None:
            found.append(FreeTime(start, end))
        else:
            room = next(
                (
                    room
                    for room in rooms
                    if _room_is_open(room, start, end) and not _overlaps(taken[room.pk], start, end)
                ),
                None,
            )
            if room is None:
                continue
            found.append(FreeTime(start, end, room))
        if len(found) >= limit:
            break
    return found
