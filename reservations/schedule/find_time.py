"""「空き時間を探す」: the times when chosen colleagues and a room are all free.

Everyone's entries and bookings are read once (``services.busy_spans``), the
rooms' booked slots and blackouts once each, and the free times are worked out
in Python, on a 15-minute grid inside working hours on working days. The lunch
hour is left out unless asked for. Starts next to each other make one free span
(10:00〜12:00 for a 1-hour meeting), listed once, not one row per quarter hour.
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from ..closed_days import closed_day_name
from ..models import Blackout, BookingSlot, Resource
from .services import aware, local

WORKDAY_STARTS = datetime.time(8, 30)
WORKDAY_ENDS = datetime.time(17, 15)
LUNCH_STARTS = datetime.time(12, 0)
LUNCH_ENDS = datetime.time(13, 0)
STEP = datetime.timedelta(minutes=15)
MOST_RESULTS = 10


def _url(name, params):
    try:
        path = reverse(name)
    except NoReverseMatch:
        return ""
    return f"{path}?{urlencode(params, doseq=True)}"


@dataclass
class FreeTime:
    """A free span: a meeting of ``length`` may start anywhere from ``start`` and end by ``end``.

    ``colleagues`` (ids) and ``headcount`` go into the entry or booking form it opens.
    """

    start: datetime.datetime
    end: datetime.datetime
    room: Resource | None = None
    length: datetime.timedelta | None = None
    colleagues: list = field(default_factory=list)
    headcount: int | None = None

    @property
    def meeting_end(self):
        return self.start + (self.length or (self.end - self.start))

    @property
    def entry_url(self):
        """The entry form at the span's start, with the colleagues and the headcount."""
        start = local(self.start)
        params = {
            "date": start.strftime("%Y-%m-%d"),
            "start_time": start.strftime("%H:%M"),
            "end_time": local(self.meeting_end).strftime("%H:%M"),
            "participants": self.colleagues,
        }
        if self.headcount:
            params["seats"] = self.headcount
        return _url("reservations:event_new", params)

    @property
    def booking_url(self):
        """The booking form for this room at the span's start (``reservations:new``), or ''."""
        if self.room is None:
            return ""
        params = {
            "resource": self.room.pk,
            "start": local(self.start).strftime("%Y-%m-%dT%H:%M"),
            "end": local(self.meeting_end).strftime("%Y-%m-%dT%H:%M"),
            "attendees": self.colleagues,
        }
        if self.headcount:
            params["attendee_count"] = self.headcount
        return _url("reservations:new", params)


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


def _at(day, time):
    return aware(datetime.datetime.combine(day, time))


def candidate_starts(first_day, last_day, length, *, now, lunch=False):
    """Every quarter hour a meeting of ``length`` may start on working days, in order."""
    day = first_day
    while day <= last_day:
        if day.weekday() < 5 and not closed_day_name(day):
            moment, closing = _at(day, WORKDAY_STARTS), _at(day, WORKDAY_ENDS)
            lunch_start, lunch_end = _at(day, LUNCH_STARTS), _at(day, LUNCH_ENDS)
            while moment + length <= closing:
                over_lunch = moment < lunch_end and moment + length > lunch_start
                if moment >= now and (lunch or not over_lunch):
                    yield moment
                moment += STEP
        day += datetime.timedelta(days=1)


def _rooms_and_taken(seats, span_start, span_end):
    if seats is None:
        return [], {}
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
    for blackout in Blackout.objects.filter(in_span).only("resource_id", "starts_at", "ends_at"):
        taken[blackout.resource_id].append((blackout.starts_at, blackout.ends_at))
    return rooms, taken


def find_free_times(
    users,
    first_day,
    last_day,
    length,
    *,
    seats=None,
    now=None,
    limit=None,
    lunch=False,
    colleagues=(),
    headcount=None,
):
    """The earliest free spans for everyone in ``users`` (and a room with ``seats``, if given).

    Starts a quarter hour apart with the same room join into one span; the lunch
    hour (12:00〜13:00) is left out unless ``lunch``. ``colleagues`` and
    ``headcount`` ride along into each span's links.
    """
    from .services import busy_spans

    now = now or timezone.now()
    limit = limit or MOST_RESULTS
    span_start = _at(first_day, datetime.time())
    span_end = _at(last_day + datetime.timedelta(days=1), datetime.time())
    busy = busy_spans(users, span_start, span_end)
    rooms, taken = _rooms_and_taken(seats, span_start, span_end)
    ids = [user.pk for user in colleagues]
    found = []
    for start in candidate_starts(first_day, last_day, length, now=now, lunch=lunch):
        end = start + length
        if any(_overlaps(spans, start, end) for spans in busy.values()):
            continue
        room = None
        if seats is not None:
            last_room = found[-1].room if found else None
            free = [
                room
                for room in rooms
                if _room_is_open(room, start, end) and not _overlaps(taken[room.pk], start, end)
            ]
            if not free:
                continue
            room = last_room if last_room in free else free[0]
        previous = found[-1] if found else None
        if previous is not None and previous.room == room and previous.end >= start:
            previous.end = end
            continue
        if len(found) >= limit:
            break
        found.append(FreeTime(start, end, room, length, ids, headcount))
    return found
