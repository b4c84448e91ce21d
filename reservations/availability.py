"""What is free when: the data behind the day timeline, a resource's week and month, and
「空き会議室を探す」.

Every screen here reads the few rows it needs in a fixed number of queries
(the groups, the resources, their active slots and their blackouts in the
window shown) and works the rest out in Python, so a page costs the same
whether a building has three rooms or three hundred.

The rules mirror ``services.resource_problems`` for what can be shown without
asking the database once per cell: bookable days and hours, closed days,
blackouts, the booking window, the past and other bookings. The booking itself
still goes through ``services``, which checks everything again (the quota too).
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import quote_plus

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .closed_days import closed_day_name
from .models import Blackout, BookingSlot, Resource, ResourceGroup
from .quota import used_in_week
from .services import format_duration

STEP = datetime.timedelta(minutes=15)
DEFAULT_OPENS = datetime.time(8, 0)
DEFAULT_CLOSES = datetime.time(21, 0)
ALTERNATIVE_STARTS = 3
ALTERNATIVE_DAYS = 5


# Links ---------------------------------------------------------------------


def url_or_none(name, *args):
    """The address of a named view, or None while that view is not part of the site."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def new_booking_url(resource, start, end, *, base=""):
    """The booking form for this resource and span: ``/reservations/new/?resource=&start=&end=``.

    Times are local (Asia/Tokyo) ISO 8601 minutes, as a datetime-local field takes them.
    While the booking form is not part of the site the link is "#". ``base`` saves
    looking the form's address up again for every cell of a page.
    """
    if base == "":
        base = url_or_none("reservations:new")
    return _booking_link(base, resource, quote_plus(local_iso(start)), quote_plus(local_iso(end)))


def _booking_link(base, resource, start_query, end_query):
    """The booking form's address from times already encoded for a query string."""
    if base is None:
        return "#"
    return f"{base}?resource={resource.pk}&start={start_query}&end={end_query}"


def local_iso(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def aware(day, time):
    return timezone.make_aware(datetime.datetime.combine(day, time))


def local_time_label(moment):
    local = timezone.localtime(moment)
    return f"{local.hour}:{local.minute:02d}"


# Groups --------------------------------------------------------------------


class GroupTree:
    """Every ResourceGroup in one query, with lineage and subtrees worked out in memory."""

    def __init__(self):
        self.groups = {group.pk: group for group in ResourceGroup.objects.all()}

    def lineage(self, group_id):
        chain, seen = [], set()
        while group_id is not None and group_id in self.groups and group_id not in seen:
            seen.add(group_id)
            group = self.groups[group_id]
            chain.append(group)
            group_id = group.parent_id
        return list(reversed(chain))

    def label(self, group_id):
        return " ".join(group.name for group in self.lineage(group_id))

    def sort_key(self, group_id):
        return tuple((group.sort_order, group.name, group.pk) for group in self.lineage(group_id))

    def subtree(self, group_id):
        """The group and every group inside it."""
        ids, todo = set(), [group_id]
        while todo:
            current = todo.pop()
            if current in ids:
                continue
            ids.add(current)
            todo.extend(pk for pk, group in self.groups.items() if group.parent_id == current)
        return ids

    def buildings(self):
        return sorted(
            (group for group in self.groups.values() if group.parent_id is None),
            key=lambda group: (group.sort_order, group.name, group.pk),
        )

    def choices(self):
        """Every group, building first then its floors, labelled with its lineage."""
        ordered = sorted(self.groups, key=self.sort_key)
        return [(pk, self.label(pk)) for pk in ordered]


# Slots and blackouts -------------------------------------------------------


def slots_by_resource(resources, start, end, *, with_bookings=True):
    """Active slots of these resources overlapping the window, by resource id: one query.

    With their bookings (title, department) for a page that shows them; without,
    only each slot's ``starts_at`` and ``ends_at``, all that "is it free?" needs.
    """
    found = {resource.pk: [] for resource in resources}
    slots = BookingSlot.objects.filter(
        resource__in=[resource.pk for resource in resources],
        is_active=True,
        starts_at__lt=end,
        ends_at__gt=start,
    ).order_by("starts_at", "pk")
    if with_bookings:
        slots = slots.select_related("booking__department").prefetch_related("suspensions")
    else:
        slots = slots.values_list("resource_id", "starts_at", "ends_at", named=True)
    for slot in slots:
        found[slot.resource_id].append(slot)
    return found


def blackouts_by_resource(resources, start, end):
    found = {resource.pk: [] for resource in resources}
    blackouts = Blackout.objects.filter(
        resource__in=[resource.pk for resource in resources],
        starts_at__lt=end,
        ends_at__gt=start,
    ).order_by("starts_at", "pk")
    for blackout in blackouts:
        found[blackout.resource_id].append(blackout)
    return found


# Why a time cannot be booked -------------------------------------------------


def day_closed_reason(resource, day, now):
    """Why nothing of ``resource`` can be booked on ``day``, or ''."""
    if not resource.is_active:
        return _("Not taking bookings")
    if day < timezone.localtime(now).date():
        return _("Past")
    if not resource.is_bookable_weekday(day):
        weekday = "月火水木金土日"[day.weekday()] + "曜日"
        return _("Not bookable on %(weekday)s") % {"weekday": weekday}
    if not resource.open_on_closed_days:
        name = closed_day_name(day)
        if name:
            return _("Closed day (%(name)s)") % {"name": name}
    last_day = timezone.localtime(now).date() + datetime.timedelta(
        days=resource.booking_window_days
    )
    if day > last_day:
        return _("Bookings not yet open")
    return ""


def span_closed_reason(resource, start, end, blackouts, now, hours=None):
    """Why ``start``–``end`` of an otherwise bookable day cannot be booked, or ''.

    ``hours``: the resource's opening and closing moments that day, when the
    caller has worked them out once for many spans.
    """
    if hours is None:
        day = timezone.localtime(start).date()
        hours = (aware(day, resource.opens_at), aware(day, resource.closes_at))
    if start < hours[0] or end > hours[1]:
        return _("Outside bookable hours")
    for blackout in blackouts:
        if blackout.starts_at < end and blackout.ends_at > start:
            return blackout.reason
    if start < now:
        return _("Past")
    return ""


def is_free(resource, start, end, slots, blackouts, now):
    """Whether the whole span can be booked: no rule above and no active slot in the way."""
    day = timezone.localtime(start).date()
    if timezone.localtime(end).date() != day and timezone.localtime(end).time() != datetime.time(0):
        return False
    if end - start > resource.max_duration:
        return False
    if day_closed_reason(resource, day, now) or span_closed_reason(
        resource, start, end, blackouts, now
    ):
        return False
    return not any(slot.starts_at < end and slot.ends_at > start for slot in slots)


# Cells of one resource on one day -------------------------------------------


@dataclass(frozen=True)
class GridTime:
    """One boundary of the grid, formatted once for every row of the page that uses it."""

    moment: datetime.datetime
    iso: str  # local, as a datetime-local field takes it: 2026-11-30T10:00
    label: str  # 10:00
    query: str  # ``iso`` encoded for a URL's query string


def grid_times(day, first, last, step=STEP):
    """The boundaries of ``day``'s grid from ``first`` to ``last`` (local times), in order.

    A day whose ``last`` is not after ``first`` runs to ``last`` on the next day.
    """
    moment, end = aware(day, first), aware(day, last)
    if end <= moment:
        end += datetime.timedelta(days=1)
    times = []
    while True:
        local = timezone.localtime(moment)
        iso = local.strftime("%Y-%m-%dT%H:%M")
        times.append(GridTime(moment, iso, f"{local.hour}:{local.minute:02d}", quote_plus(iso)))
        if moment >= end:
            return times
        moment = min(moment + step, end)


@dataclass
class Cell:
    """One run of grid steps of one resource: free, booked, or closed with a reason."""

    FREE, BOOKED, CLOSED = "free", "booked", "closed"

    kind: str
    first: GridTime
    last: GridTime
    span: int = 1
    slot: object = None
    reason: str = ""
    url: str = ""
    resource: object = None

    @property
    def start(self):
        return self.first.moment

    @property
    def end(self):
        return self.last.moment

    @property
    def booking(self):
        return self.slot.booking if self.slot is not None else None

    @property
    def is_tentative(self):
        return self.booking is not None and self.booking.status == "tentative"

    @property
    def is_suspended(self):
        """A blackout period added after the booking covers it (利用停止)."""
        return self.slot is not None and bool(self.slot.suspensions.all())

    @property
    def booking_url(self):
        if self.booking is None:
            return None
        return url_or_none("reservations:booking", self.booking.pk)

    @property
    def start_label(self):
        return self.first.label

    @property
    def end_label(self):
        return self.last.label

    @property
    def booking_span_label(self):
        return f"{local_time_label(self.slot.starts_at)}〜{local_time_label(self.slot.ends_at)}"

    @property
    def start_iso(self):
        return self.first.iso

    @property
    def end_iso(self):
        return self.last.iso


def day_cells(resource, day, first, last, slots, blackouts, now, step=STEP, closed="", times=None):
    """The cells of ``resource`` on ``day`` from ``first`` to ``last`` (local times).

    A booking is one cell spanning the steps it touches; neighbouring closed
    steps with the same reason are one cell; each free step is its own cell
    with a link to book it. ``closed`` closes every free step with that reason.
    ``times`` (``grid_times`` of the day) lets the rows of one page share them.
    """
    times = times or grid_times(day, first, last, step)
    whole_day = day_closed_reason(resource, day, now) or closed
    hours = (aware(day, resource.opens_at), aware(day, resource.closes_at))
    base = url_or_none("reservations:new")
    pending = [slot for slot in slots if slot.ends_at > times[0].moment]
    cells, index, steps = [], 0, len(times) - 1
    while index < steps:
        here, following = times[index], times[index + 1]
        pending = [slot for slot in pending if slot.ends_at > here.moment]
        slot = next((slot for slot in pending if slot.starts_at < following.moment), None)
        if slot is not None:
            until = index + 1
            while until < steps and times[until].moment < slot.ends_at:
                until += 1
            cells.append(
                Cell(Cell.BOOKED, here, times[until], until - index, slot=slot, resource=resource)
            )
            index = until
            continue
        reason = whole_day or span_closed_reason(
            resource, here.moment, following.moment, blackouts, now, hours=hours
        )
        if reason:
            previous = cells[-1] if cells else None
            if previous and previous.kind == Cell.CLOSED and previous.reason == reason:
                previous.last, previous.span = following, previous.span + 1
            else:
                cells.append(Cell(Cell.CLOSED, here, following, reason=reason, resource=resource))
        else:
            url = _booking_link(base, resource, here.query, following.query)
            cells.append(Cell(Cell.FREE, here, following, url=url, resource=resource))
        index += 1
    return cells


def _minutes(time):
    return time.hour * 60 + time.minute + (1 if time.second or time.microsecond else 0)


def _time(minutes):
    """The time ``minutes`` after midnight; the end of the day is 23:59."""
    return datetime.time(23, 59) if minutes >= 24 * 60 else datetime.time(*divmod(minutes, 60))


def grid_hours(resources, step_minutes=15):
    """The widest bookable hours of the resources shown, widened to whole steps."""
    if not resources:
        return DEFAULT_OPENS, DEFAULT_CLOSES
    opens = min(_minutes(resource.opens_at) for resource in resources)
    closes = max(_minutes(resource.closes_at) for resource in resources)
    closes += -closes % step_minutes
    return _time(opens - opens % step_minutes), _time(closes)


def column_labels(times):
    """(label, on_the_hour) for each step of a grid (``grid_times``)."""
    return [(time.label, time.iso.endswith(":00")) for time in times[:-1]]


# The day timeline ------------------------------------------------------------


@dataclass
class TimelineRow:
    resource: Resource
    cells: list


@dataclass
class TimelineSection:
    label: str
    rows: list = field(default_factory=list)


@dataclass
class Timeline:
    day: datetime.date
    columns: list
    sections: list

    @property
    def column_count(self):
        return len(self.columns)


def quota_used_up(resources, user, day, step=STEP):
    """Why each resource whose weekly quota ``user`` has used up in ``day``'s week is closed.

    By resource id; a resource with at least one grid step of its quota left is
    not in it. One query, and none when no resource has a quota.
    """
    limited = [resource for resource in resources if resource.weekly_quota]
    if user is None or not limited:
        return {}
    used = used_in_week(limited, user, aware(day, datetime.time(12)))
    return {
        resource.pk: _("Your weekly limit (%(quota)s) is used up")
        % {"quota": format_duration(resource.weekly_quota)}
        for resource in limited
        if resource.weekly_quota - used[resource.pk] < step
    }


def timeline(day, *, kind=Resource.Kind.ROOM, group_id=None, now=None, tree=None, user=None):
    """Active resources of ``kind`` (inside ``group_id``) × the day's quarter hours, by floor.

    Given the viewer, a resource whose weekly quota they have used up shows no free steps.
    """
    now = now or timezone.now()
    tree = tree or GroupTree()
    resources = Resource.objects.active().filter(kind=kind)
    if group_id is not None:
        resources = resources.filter(group__in=tree.subtree(group_id))
    resources = sorted(
        resources,
        key=lambda resource: (
            resource.group_id is None,
            tree.sort_key(resource.group_id),
            resource.sort_order,
            resource.name,
            resource.pk,
        ),
    )
    first, last = grid_hours(resources)
    window_start, window_end = aware(day, first), aware(day, last)
    slots = slots_by_resource(resources, window_start, window_end)
    blackouts = blackouts_by_resource(resources, window_start, window_end)
    used_up = quota_used_up(resources, user, day)
    times = grid_times(day, first, last)
    sections = []
    for resource in resources:
        label = tree.label(resource.group_id) if resource.group_id else _("Other")
        if not sections or sections[-1].label != label:
            sections.append(TimelineSection(label))
        cells = day_cells(
            resource,
            day,
            first,
            last,
            slots[resource.pk],
            blackouts[resource.pk],
            now,
            closed=used_up.get(resource.pk, ""),
            times=times,
        )
        sections[-1].rows.append(TimelineRow(resource, cells))
    return Timeline(day, column_labels(times), sections)


# A resource's week and month -------------------------------------------------


@dataclass
class WeekRow:
    label: str
    on_the_hour: bool
    cells: list  # a Cell where one starts, None where a cell above spans over


@dataclass
class Week:
    days: list
    rows: list


def monday_of(day):
    return day - datetime.timedelta(days=day.weekday())


def week(resource, any_day, *, now=None, step=datetime.timedelta(minutes=30), user=None):
    """Seven days (Monday first) × the resource's hours, bookings as blocks spanning rows.

    The week is the quota's week: given the viewer, a quota they have used up
    closes every free step of it.
    """
    now = now or timezone.now()
    monday = monday_of(any_day)
    days = [monday + datetime.timedelta(days=offset) for offset in range(7)]
    first, last = grid_hours([resource], step_minutes=int(step.total_seconds() // 60))
    window_start, window_end = aware(days[0], first), aware(days[-1], last)
    slots = slots_by_resource([resource], window_start, window_end)[resource.pk]
    blackouts = blackouts_by_resource([resource], window_start, window_end)[resource.pk]
    closed = quota_used_up([resource], user, monday, step=step).get(resource.pk, "")
    columns = [
        day_cells(resource, day, first, last, slots, blackouts, now, step=step, closed=closed)
        for day in days
    ]
    labels = column_labels(grid_times(days[0], first, last, step))
    rows = [WeekRow(label, hour, [None] * len(days)) for label, hour in labels]
    for column, cells in enumerate(columns):
        index = 0
        for cell in cells:
            if index < len(rows):
                rows[index].cells[column] = cell
            index += cell.span
    return Week(days, rows)


@dataclass
class MonthDay:
    day: datetime.date
    in_month: bool
    closed_name: str
    slots: list


def month(resource, first_of_month):
    """The weeks (Monday first) of the month with each day's active bookings: one query."""
    start = monday_of(first_of_month)
    next_month = (first_of_month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    end = monday_of(next_month - datetime.timedelta(days=1)) + datetime.timedelta(days=7)
    slots = slots_by_resource(
        [resource], aware(start, datetime.time(0)), aware(end, datetime.time(0))
    )[resource.pk]
    by_day = {}
    for slot in slots:
        by_day.setdefault(timezone.localtime(slot.starts_at).date(), []).append(slot)
    weeks, day = [], start
    while day < end:
        weeks.append(
            [
                MonthDay(
                    current,
                    current.month == first_of_month.month,
                    closed_name=closed_day_name(current),
                    slots=by_day.get(current, []),
                )
                for current in (day + datetime.timedelta(days=offset) for offset in range(7))
            ]
        )
        day += datetime.timedelta(days=7)
    return weeks


# 「空き会議室を探す」 -----------------------------------------------------------


@dataclass
class FreeRoom:
    resource: Resource
    start: datetime.datetime
    end: datetime.datetime
    url: str
    floor: str = ""


@dataclass
class Alternative:
    start: datetime.datetime
    end: datetime.datetime
    rooms: list


@dataclass
class RoomSearch:
    start: datetime.datetime
    end: datetime.datetime
    rooms: list
    other_times: list = field(default_factory=list)
    other_days: list = field(default_factory=list)


def office_working_days_after(day, count):
    """The next ``count`` weekdays after ``day`` that are not closed days."""
    found = []
    while len(found) < count:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5 and not closed_day_name(day):
            found.append(day)
    return found


def candidate_rooms(*, seats=None, features=(), building_id=None, tree=None):
    """Active rooms with at least ``seats`` seats, ALL ``features``, in the building."""
    rooms = Resource.objects.active().rooms()
    if seats:
        rooms = rooms.filter(capacity__gte=seats)
    for feature in features:
        rooms = rooms.filter(features=feature)
    if building_id is not None:
        rooms = rooms.filter(group__in=(tree or GroupTree()).subtree(building_id))
    return list(rooms.distinct())


def find_rooms(day, starts, ends, *, seats=None, features=(), building_id=None, now=None):
    """Rooms free for the whole span; when none is, the nearest free times and days.

    Alternatives: the same length starting 15, 30, 45 … minutes earlier or
    later the same day (the nearest ``ALTERNATIVE_STARTS`` that have a room),
    and the same span on the next ``ALTERNATIVE_DAYS`` working days.
    """
    now = now or timezone.now()
    tree = GroupTree()
    rooms = candidate_rooms(seats=seats, features=features, building_id=building_id, tree=tree)
    rooms.sort(key=lambda room: (tree.sort_key(room.group_id), room.sort_order, room.name))
    start, end = aware(day, starts), aware(day, ends)
    later_days = office_working_days_after(day, ALTERNATIVE_DAYS)
    window_end = aware(later_days[-1], datetime.time(0)) + datetime.timedelta(days=1)
    window_start = aware(day, datetime.time(0))
    slots = slots_by_resource(rooms, window_start, window_end, with_bookings=False)
    blackouts = blackouts_by_resource(rooms, window_start, window_end)

    def free_at(span_start, span_end):
        return [
            FreeRoom(
                room,
                span_start,
                span_end,
                new_booking_url(room, span_start, span_end),
                tree.label(room.group_id) if room.group_id else "",
            )
            for room in rooms
            if is_free(room, span_start, span_end, slots[room.pk], blackouts[room.pk], now)
        ]

    search = RoomSearch(start, end, free_at(start, end))
    if search.rooms or not rooms:
        return search
    first, last = grid_hours(rooms)
    earliest, latest = aware(day, first), aware(day, last)
    length = end - start
    offset = STEP
    while len(search.other_times) < ALTERNATIVE_STARTS:
        earlier, later = start - offset, start + offset
        if earlier < earliest and later + length > latest:
            break
        for candidate in (earlier, later):
            if earliest <= candidate and candidate + length <= latest:
                found = free_at(candidate, candidate + length)
                if found and len(search.other_times) < ALTERNATIVE_STARTS:
                    search.other_times.append(Alternative(candidate, candidate + length, found))
        offset += STEP
    search.other_times.sort(key=lambda alternative: alternative.start)
    for later_day in later_days:
        later_start = aware(later_day, starts)
        later_end = aware(later_day, ends)
        search.other_days.append(
            Alternative(later_start, later_end, free_at(later_start, later_end))
        )
    return search
