"""The schedule's rules: whose calendar, which entries fall in a span, saving an entry.

A person's or a department's calendar is a django-scheduler ``Calendar``
joined to them by a ``CalendarRelation``; an entry (予定) is an ``Event`` with
an ``EventDetail`` beside it. Bookings are not copied into calendars: the
schedule reads them from the booking tables, so a moved or cancelled booking
shows as it is.

Recurrence uses django-scheduler's ``Rule`` (frequency and params) and
``Event.end_recurring_period``, expanded with dateutil directly: for a weekly
rule on several weekdays, ``Event.get_occurrences`` narrows BYDAY to the
first entry's weekday, and it also reads the database once per event.

One occurrence cancelled or changed on its own (「この予定のみ」) is
django-scheduler's persisted ``Occurrence``: ``cancelled``, or another
start, end or title, keyed by the ``original_start`` the rule gives it.
``occurrence_spans`` applies them, reading them from a prefetched
``occurrence_set`` where the caller has one.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from dateutil import rrule
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Prefetch, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from schedule.models import Calendar, Event, Occurrence, Rule

from ..closed_days import closed_day_name
from ..models import Booking, EntryParticipant
from ..recurrence import nth_weekday, nth_weekday_label

WEEKDAY_NAMES = "月火水木金土日"


def local(moment):
    return timezone.localtime(moment)


def naive_local(moment):
    return local(moment).replace(tzinfo=None)


def aware(naive):
    return timezone.make_aware(naive)


def booking_url(booking):
    """The booking's page (``reservations:booking``), or '' where that page does not exist."""
    try:
        return reverse("reservations:booking", args=[booking.pk])
    except NoReverseMatch:
        return ""


# Calendars: one per staff member, one per department, made when first needed.


def personal_slug(user_id):
    return f"staff-{user_id}"


def department_slug(department_id):
    return f"department-{department_id}"


def _calendar_for(obj, slug, name):
    with transaction.atomic():
        calendar, created = Calendar.objects.get_or_create(slug=slug, defaults={"name": name})
        if created:
            calendar.create_relation(obj)
    return calendar


def personal_calendar(user):
    profile = getattr(user, "staff_profile", None)
    name = _("Schedule of %(name)s") % {"name": profile.full_name if profile else user}
    return _calendar_for(user, personal_slug(user.pk), name)


def department_calendar(department):
    name = _("Schedule of %(department)s") % {"department": department.name}
    return _calendar_for(department, department_slug(department.pk), name)


# Repetition, stored as django-scheduler rules.


class Repeat:
    NONE = "none"
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    MONTHLY_BY_WEEKDAY = "monthly_weekday"


def rule_for(repeat, weekdays=(), first_day=None):
    """The shared ``Rule`` for a repetition (made once); None for a one-off entry.

    Monthly by weekday repeats ``first_day``'s place in its month (第2火曜日, or
    最終金曜日 from a fifth week) as BYDAY with BYSETPOS.
    """
    if repeat == Repeat.NONE:
        return None
    if repeat == Repeat.WEEKLY:
        days = ",".join(str(day) for day in sorted(set(int(day) for day in weekdays)))
        params = f"byweekday:{days}" if days else ""
        frequency, name = "WEEKLY", f"weekly {days}".strip()
    elif repeat == Repeat.DAILY:
        frequency, params, name = "DAILY", "", "daily"
    elif repeat == Repeat.MONTHLY_BY_WEEKDAY:
        weekday, nth = first_day.weekday(), nth_weekday(first_day)
        frequency, params = "MONTHLY", f"byweekday:{weekday};bysetpos:{nth}"
        name = f"monthly {weekday} {nth}"
    else:
        frequency, params, name = "MONTHLY", "", "monthly"
    # Not get_or_create: Rule has no unique constraint, so two first uses at once
    # may both create one, and get_or_create would fail on every later use.
    rule = Rule.objects.filter(frequency=frequency, params=params).order_by("pk").first()
    return rule or Rule.objects.create(
        frequency=frequency, params=params, name=name, description=name
    )


def repeat_of(rule):
    """(repeat, weekdays) of a rule, the other way round from ``rule_for``."""
    if rule is None:
        return Repeat.NONE, []
    if rule.frequency == "WEEKLY":
        return Repeat.WEEKLY, _weekdays_of(rule)
    if rule.frequency == "DAILY":
        return Repeat.DAILY, []
    if "bysetpos" in rule.get_params():
        return Repeat.MONTHLY_BY_WEEKDAY, []
    return Repeat.MONTHLY, []


def _weekdays_of(rule):
    days = rule.get_params().get("byweekday", [])
    return [int(day) for day in (days if isinstance(days, list) else [days])]


def describe_repeat(event):
    """毎週 月・水曜日, 毎月 第2火曜日 … and the last day, or '' for a one-off entry."""
    repeat, weekdays = repeat_of(event.rule)
    if repeat == Repeat.NONE:
        return ""
    first_day = local(event.start).date()
    if repeat == Repeat.DAILY:
        text = _("Every day")
    elif repeat == Repeat.WEEKLY:
        names = "・".join(WEEKDAY_NAMES[day] for day in weekdays)
        text = _("Every week on %(days)s") % {"days": f"{names}曜日"}
    elif repeat == Repeat.MONTHLY_BY_WEEKDAY:
        text = _("Every month on %(day)s") % {"day": nth_weekday_label(first_day)}
    else:
        text = _("Every month on %(day)s") % {"day": f"{first_day.day}日"}
    if event.end_recurring_period is not None:
        last = date_format(local(event.end_recurring_period).date(), "DATE_FORMAT")
        text = _("%(repeat)s, until %(day)s") % {"repeat": text, "day": last}
    if skips_closed_days(event):
        text = _("%(repeat)s (public holidays and closed days left out)") % {"repeat": text}
    return text


def event_rrule(event):
    """The dateutil rrule of a repeating event, in naive Asia/Tokyo wall-clock time."""
    params = event.rule.get_params()
    params = {key: value for key, value in params.items() if key != "count"}
    until = None
    if event.end_recurring_period is not None:
        until = naive_local(event.end_recurring_period)
    return rrule.rrule(
        event.rule.rrule_frequency(), dtstart=naive_local(event.start), until=until, **params
    )


def skips_closed_days(event):
    """Whether a repeating entry leaves out 祝日・閉庁日 (as bookings do); stored on its detail."""
    detail = getattr(event, "detail", None)
    return detail is None or detail.skip_closed_days


@dataclass(frozen=True)
class Span:
    """One time an entry falls: where the rule put it (``original_start``) and where it is.

    ``title`` is the occurrence's own title when it was changed on its own.
    """

    start: datetime.datetime
    end: datetime.datetime
    original_start: datetime.datetime
    title: str = ""
    changed: bool = False


def exceptions_of(event):
    """{original start: ``Occurrence``} of the occurrences cancelled or changed one by one."""
    if event.pk is None or event.rule_id is None:
        return {}
    return {occurrence.original_start: occurrence for occurrence in event.occurrence_set.all()}


def is_occurrence(event, moment):
    """Whether the rule of a repeating ``event`` (closed days left out) falls at ``moment``."""
    naive = naive_local(moment)
    if skips_closed_days(event) and closed_day_name(naive.date()):
        return False
    return naive in event_rrule(event)


def occurrence_spans(event, start, end):
    """Each time ``event`` falls in [start, end), as ``Span``s in order.

    A repeating entry that leaves out closed days has no occurrence starting on one:
    the daily 朝礼 does not show on 成人の日. An occurrence cancelled on its own
    is left out; one moved shows at its new time, wherever the rule had put it.
    """
    if event.rule is None:
        if event.start < end and event.end > start:
            return [Span(event.start, event.end, event.start)]
        return []
    length = event.end - event.start
    changed = exceptions_of(event)
    found = event_rrule(event).between(naive_local(start) - length, naive_local(end), inc=False)
    if skips_closed_days(event):
        found = [moment for moment in found if not closed_day_name(moment.date())]
    spans = [Span(aware(m), aware(m) + length, aware(m)) for m in found if aware(m) not in changed]
    for original, occurrence in changed.items():
        if not occurrence.cancelled and is_occurrence(event, original):
            spans.append(
                Span(occurrence.start, occurrence.end, original, occurrence.title, changed=True)
            )
    spans = [span for span in spans if span.start < end and span.end > start]
    return sorted(spans, key=lambda span: (span.start, span.original_start))


def occurrences(event, start, end):
    """(start, end) of each time ``event`` falls in [start, end), aware, in order."""
    return [(span.start, span.end) for span in occurrence_spans(event, start, end)]


def occurrence_on(event, day):
    """The occurrence the rule puts on ``day`` (a date), still standing, or None.

    A repeating entry falls at most once a day, so its date names an occurrence:
    the one page of an entry opened at ``?date=`` is that occurrence.
    """
    if event.rule is None:
        return Span(event.start, event.end, event.start)
    begin, finish = day_bounds(day)
    for moment in event_rrule(event).between(naive_local(begin), naive_local(finish), inc=True):
        original = aware(moment)
        if original >= finish or not is_occurrence(event, original):
            continue
        exception = exceptions_of(event).get(original)
        if exception is None:
            return Span(original, original + (event.end - event.start), original)
        if exception.cancelled:
            return None
        return Span(exception.start, exception.end, original, exception.title, changed=True)
    return None


def with_exceptions():
    """A prefetch of the occurrences changed one by one, for every event of a query."""
    return Prefetch("occurrence_set", queryset=Occurrence.objects.order_by("original_start"))


def closed_day_starts(event, *, horizon=None):
    """Starts of a repeating entry's occurrences left out for 祝日・閉庁日, for iCal EXDATEs.

    An entry with no end is read up to ``horizon`` (a year from today when not given).
    """
    if event.rule is None or not skips_closed_days(event):
        return []
    last = event.end_recurring_period or horizon
    if last is None:
        last = aware(datetime.datetime.combine(timezone.localdate(), datetime.time()))
        last += datetime.timedelta(days=366)
    found = event_rrule(event).between(naive_local(event.start), naive_local(last), inc=True)
    return [aware(moment) for moment in found if closed_day_name(moment.date())]


def last_day_of(repeat, weekdays, first_start, count):
    """The date of the ``count``-th time a repetition falls, closed days counted as bookings
    count them (a date left out still uses up one of the times)."""
    rule = rule_for(repeat, weekdays, local(first_start).date())
    params = {key: value for key, value in rule.get_params().items() if key != "count"}
    dates = rrule.rrule(
        rule.rrule_frequency(), dtstart=naive_local(first_start), count=count, **params
    )
    return list(dates)[-1].date()


# What a schedule shows: entries and bookings, as one kind of item.


def occurrence_url(event, span):
    """The entry's page; for a repeating entry, opened at this occurrence (?date=)."""
    url = reverse("reservations:event", args=[event.pk])
    if event.rule is None:
        return url
    return f"{url}?date={local(span.original_start):%Y-%m-%d}"


@dataclass
class Item:
    """One thing in someone's day: a schedule entry's occurrence or a booking."""

    kind: str  # "event" or "booking"
    title: str
    start: datetime.datetime
    end: datetime.datetime
    url: str = ""
    place: str = ""
    all_day: bool = False
    private: bool = False
    status: str = ""
    owner_ids: set = field(default_factory=set)
    department_id: int | None = None
    event_id: int | None = None
    booking_id: int | None = None
    # A facility booking made by a schedule entry: shown through its entry.
    entry_event_ids: set = field(default_factory=set)

    @property
    def sort_key(self):
        return (self.start, not self.all_day, self.end, self.title)

    def time_display(self):
        if self.all_day:
            return _("All day")
        start, end = local(self.start), local(self.end)
        if start.date() == end.date():
            return f"{start:%H:%M}〜{end:%H:%M}"
        return f"{start:%m/%d %H:%M}〜{end:%m/%d %H:%M}"


def _falls_in(start, end):
    one_off = Q(rule__isnull=True, start__lt=end, end__gt=start)
    repeating = Q(rule__isnull=False, start__lt=end) & (
        Q(end_recurring_period__isnull=True) | Q(end_recurring_period__gte=start)
    )
    return one_off | repeating


def events_between(slugs, start, end):
    """Events of the calendars with these slugs that may fall in [start, end): one query.

    Reading never makes a calendar: one that does not exist yet has no events.
    """
    return (
        Event.objects.filter(calendar__slug__in=slugs)
        .filter(_falls_in(start, end))
        .select_related("rule", "detail", "calendar")
        .prefetch_related(with_exceptions())
    )


def attending(users):
    """The participations of these users that still stand (not declined)."""
    return EntryParticipant.objects.filter(
        user__in=users, response=EntryParticipant.Response.ATTENDING
    )


def people_events_between(users, start, end):
    """Events on these users' own calendars or with them as attending participants: two queries.

    Each event carries ``attending_ids``, the users among ``users`` it shows
    for as a participant.
    """
    users = list(users)
    slugs = [personal_slug(user.pk) for user in users]
    asked = attending(users).values("event_id")
    events = list(
        Event.objects.filter(Q(calendar__slug__in=slugs) | Q(pk__in=asked))
        .filter(_falls_in(start, end))
        .select_related("rule", "detail", "calendar")
        .prefetch_related(with_exceptions())
    )
    by_event = defaultdict(set)
    for event_id, user_id in (
        attending(users)
        .filter(event_id__in=[event.pk for event in events])
        .values_list("event_id", "user_id")
    ):
        by_event[event_id].add(user_id)
    for event in events:
        event.attending_ids = by_event[event.pk]
    return events


def event_items(events, start, end, *, viewer=None):
    """Items for each occurrence; a private entry of someone else reads 「予定あり」."""
    items = []
    for event in events:
        detail = getattr(event, "detail", None)
        private = bool(detail and detail.is_private)
        shown_to = {event.creator_id, *getattr(event, "attending_ids", ())}
        hidden = private and (viewer is None or viewer.pk not in shown_to)
        for span in occurrence_spans(event, start, end):
            items.append(
                Item(
                    kind="event",
                    title=_("Busy") if hidden else (span.title or event.title),
                    start=span.start,
                    end=span.end,
                    url="" if hidden else occurrence_url(event, span),
                    place="" if hidden or detail is None else detail.place,
                    all_day=bool(detail and detail.all_day),
                    private=private,
                    owner_ids={event.creator_id},
                    event_id=event.pk,
                )
            )
    return items


def bookings_between(users, start, end):
    """Active bookings made by or attended by these users in [start, end): two queries."""
    return (
        Booking.objects.active()
        .overlapping(start, end)
        .involving(users)
        .prefetch_related("resources", "attendees", "schedule_entries")
    )


def booking_items(bookings):
    items = []
    for booking in bookings:
        items.append(
            Item(
                kind="booking",
                title=booking.title,
                start=booking.starts_at,
                end=booking.ends_at,
                url=booking_url(booking),
                place="、".join(resource.name for resource in booking.resources.all()),
                status=booking.get_status_display(),
                owner_ids={booking.booked_by_id, *(user.pk for user in booking.attendees.all())},
                department_id=booking.department_id,
                booking_id=booking.pk,
                entry_event_ids={detail.event_id for detail in booking.schedule_entries.all()},
            )
        )
    return items


def _without_entry_bookings(items):
    """A facility booking made by an entry shows once, as the entry, where the entry shows."""
    shown = {item.event_id for item in items if item.kind == "event"}
    return [item for item in items if not (item.entry_event_ids & shown)]


def my_items(user, start, end):
    """The user's own entries, the entries they attend and their bookings, in time order."""
    return items_of_people([user], start, end, viewer=user)[user.pk]


def items_of_people(users, start, end, *, viewer):
    """{user id: items} for many people at once, in a fixed number of queries.

    An entry shows for the one whose calendar it is on and for each
    participant who has not declined.
    """
    users = list(users)
    by_slug = {personal_slug(user.pk): user.pk for user in users}
    found = defaultdict(list)
    for event in people_events_between(users, start, end):
        owners = set(event.attending_ids)
        if event.calendar.slug in by_slug:
            owners.add(by_slug[event.calendar.slug])
        items = event_items([event], start, end, viewer=viewer)
        for owner in owners:
            found[owner].extend(items)
    ids = set(by_slug.values())
    for item in booking_items(bookings_between(users, start, end)):
        for owner in item.owner_ids & ids:
            found[owner].append(item)
    return {
        user.pk: sorted(_without_entry_bookings(found[user.pk]), key=lambda item: item.sort_key)
        for user in users
    }


def busy_spans(users, start, end):
    """{user id: [(start, end)]} of every entry and booking: private ones count as busy."""
    return {
        user_id: [(item.start, item.end) for item in items]
        for user_id, items in items_of_people(users, start, end, viewer=None).items()
    }


def day_bounds(day):
    start = aware(datetime.datetime.combine(day, datetime.time()))
    return start, start + datetime.timedelta(days=1)


def week_start(day):
    return day - datetime.timedelta(days=day.weekday())


def weekday_name(day):
    return WEEKDAY_NAMES[day.weekday()]


# Saving an entry: the event, its participants and its facility bookings, all or nothing.


@dataclass
class EntryData:
    """What the entry form hands over, already checked.

    ``participants`` are the colleagues asked (the organiser is not one of
    them); ``facilities`` the rooms and equipment to book for every occurrence;
    ``headcount`` the people in the room when more come than are listed.
    """

    title: str
    start: datetime.datetime
    end: datetime.datetime
    all_day: bool = False
    place: str = ""
    memo: str = ""
    private: bool = False
    repeat: str = Repeat.NONE
    weekdays: list = field(default_factory=list)
    until: datetime.date | None = None
    participants: list | None = None
    facilities: list | None = None
    headcount: int | None = None
    count: int | None = None
    skip_closed_days: bool = True


def apply_entry(event, data):
    event.title = data.title
    event.start, event.end = data.start, data.end
    event.description = data.memo
    event.rule = rule_for(data.repeat, data.weekdays, local(data.start).date())
    event.end_recurring_period = None
    until = data.until
    if event.rule is not None and data.count:
        until = last_day_of(data.repeat, data.weekdays, data.start, data.count)
    if event.rule is not None and until is not None:
        event.end_recurring_period = aware(
            datetime.datetime.combine(until, datetime.time(23, 59, 59))
        )


def planned_event(data, *, calendar, creator, event=None):
    """The entry as it would be saved, unsaved: to check who is busy before saving."""
    planned = Event(
        pk=event.pk if event else None,
        calendar=calendar,
        creator=event.creator if event else creator,
    )
    apply_entry(planned, data)
    return planned


def staff_users():
    return (
        get_user_model()
        .objects.filter(is_active=True, staff_profile__isnull=False)
        .select_related("staff_profile__department")
    )
