"""Personal and department schedules on django-scheduler's calendars and events."""

import dataclasses
import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from schedule.models import Event

from intranet import dates
from intranet.models import Department, department_chain

from .. import services as booking_services
from ..models import Booking, EventDetail
from . import entries, grid, groups, rules, services
from .find_time import find_free_times
from .forms import CancelEntryForm, ChangeScopeForm, EntryForm, FindTimeForm


def _day_of(request):
    """The day asked for (?date=YYYY-MM-DD), today when none or unreadable."""
    day, problem = dates.query_date(
        request.GET.get("date"),
        unreadable=_("The date in the address could not be read: showing today."),
    )
    if problem:
        messages.warning(request, problem)
    return day or timezone.localdate()


def _month_of(request):
    """The first day of the month asked for (?month=YYYY-MM), this month when none or unreadable.

    A month far in the past or future is refused with the same message as other dates.
    """
    first, problem = dates.query_month(
        request.GET.get("month"),
        unreadable=_("The month in the address could not be read: showing this month."),
    )
    if problem:
        messages.warning(request, problem)
    return first or timezone.localdate().replace(day=1)


@require_http_methods(["GET"])
def schedule(request):
    monday = grid.week_of(request)
    days = grid.week_days(monday)
    start, end = grid.bounds(days)
    items = services.my_items(request.user, start, end)
    profile = getattr(request.user, "staff_profile", None)
    week = [
        {**grid.day_header(day), "items": day_items}
        for day, day_items in zip(days, grid.spread(items, days), strict=True)
    ]
    return render(
        request,
        "reservations/schedule/week.html",
        {
            **grid.week_context(monday),
            "week": week,
            "department": profile and profile.department,
            "view": "week",
            "anchor": monday,
        },
    )


@require_http_methods(["GET"])
def schedule_day(request):
    day = _day_of(request)
    start, end = services.day_bounds(day)
    profile = getattr(request.user, "staff_profile", None)
    return render(
        request,
        "reservations/schedule/day.html",
        {
            "day": grid.day_header(day),
            "items": services.my_items(request.user, start, end),
            "previous_day": day - datetime.timedelta(days=1),
            "next_day": day + datetime.timedelta(days=1),
            "today": timezone.localdate(),
            "department": profile and profile.department,
            "view": "day",
            "anchor": day,
        },
    )


@require_http_methods(["GET"])
def schedule_month(request):
    first = _month_of(request)
    weeks = grid.month_weeks(first.year, first.month)
    days = [day for week in weeks for day in week]
    start, end = grid.bounds(days)
    per_day = grid.spread(services.my_items(request.user, start, end), days)
    cells = [
        {**grid.day_header(day), "items": items, "in_month": day.month == first.month}
        for day, items in zip(days, per_day, strict=True)
    ]
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    profile = getattr(request.user, "staff_profile", None)
    return render(
        request,
        "reservations/schedule/month.html",
        {
            "first": first,
            "weeks": [cells[index : index + 7] for index in range(0, len(cells), 7)],
            "busy_days": [cell for cell in cells if cell["in_month"] and cell["items"]],
            "weekday_names": services.WEEKDAY_NAMES,
            "previous_month": previous,
            "next_month": following,
            "this_month": timezone.localdate().replace(day=1),
            "department": profile and profile.department,
            "view": "month",
            "anchor": first,
        },
    )


@require_http_methods(["GET"])
def department_schedule(request, pk):
    department = get_object_or_404(Department, pk=pk)
    monday = grid.week_of(request)
    days = grid.week_days(monday)
    start, end = grid.bounds(days)
    members = list(
        services.staff_users()
        .filter(staff_profile__department=department)
        .order_by("staff_profile__full_name_kana", "pk")
    )
    # My own row first: the section I look for is mine.
    members.sort(key=lambda member: member.pk != request.user.pk)
    shared = services.event_items(
        services.events_between([services.department_slug(department.pk)], start, end),
        start,
        end,
        viewer=request.user,
    )
    return render(
        request,
        "reservations/schedule/department.html",
        {
            **grid.week_context(monday),
            **grid.people_week(members, days, viewer=request.user, shared=shared),
            "department": department,
            "may_add": department.pk in department_chain(request.user),
        },
    )


def _target_calendar(request):
    """The calendar a new entry goes on: mine, or my department's (?department=)."""
    department_id = request.GET.get("department") or request.POST.get("department")
    if not department_id:
        return services.personal_calendar(request.user), None
    if not str(department_id).isdigit():
        raise PermissionDenied
    department = get_object_or_404(Department, pk=int(department_id))
    calendar = services.department_calendar(department)
    if not rules.can_add_to_calendar(request.user, calendar):
        raise PermissionDenied
    return calendar, department


def _back_to(event_start, department=None):
    week = services.week_start(timezone.localtime(event_start).date())
    if department is not None:
        url = reverse("reservations:department_schedule", args=[department.pk])
    else:
        url = reverse("reservations:schedule")
    return f"{url}?week={week:%Y-%m-%d}"


def _refused(form, refused):
    """The booking services' reasons at the top of the form, dated when several were refused."""
    several = len(refused.problems) > 1
    for span, problems in refused.problems.items():
        for problem in problems:
            if several and span is not None:
                problem = _("%(span)s: %(problem)s") % {
                    "span": booking_services.format_span(*span),
                    "problem": problem,
                }
            form.add_error(None, problem)


def _save(request, form, *, calendar, event=None, scope=None, day=None):
    """Save the entry if its participants are free or the user confirmed; the event or None.

    ``scope`` and ``day`` say which occurrences of a repeating entry change:
    the one on ``day``, it and the later ones, or all still to come (each
    keeping its own date). A facility the booking rules refuse brings the
    form back with the reasons and everything typed, and nothing is saved; a
    repeating entry then offers to book the free dates.
    """
    data = form.entry()
    if scope == entries.ALL and event is not None:
        # Every occurrence keeps its own date: the entry still begins on its first day.
        first = timezone.localtime(event.start).date()
        start = services.aware(
            datetime.datetime.combine(first, timezone.localtime(data.start).time())
        )
        data = dataclasses.replace(data, start=start, end=start + (data.end - data.start))
    checked = data
    if scope == entries.THIS:
        checked = dataclasses.replace(data, repeat=services.Repeat.NONE)
    planned = services.planned_event(checked, calendar=calendar, creator=request.user, event=event)
    if not form.show_busy(entries.busy_participants(planned, data.participants)):
        return None
    book_available = form.cleaned_data.get("book_available", False)
    try:
        if scope == entries.THIS:
            return entries.change_occurrence(event, day, data)
        if scope == entries.FOLLOWING:
            return entries.change_following(
                event, day, data, user=request.user, book_available=book_available
            )
        return entries.save_entry(
            data,
            user=request.user,
            calendar=calendar,
            event=event,
            book_available=book_available,
        )
    except booking_services.BookingRefused as refused:
        _refused(form, refused)
        form.offer_book_available = data.repeat != services.Repeat.NONE and scope != entries.THIS
        return None


def _occurrence_day(request, entry):
    """The occurrence the page is opened at (?date= or the form's), for a repeating entry."""
    if entry.rule is None:
        return None
    value = request.POST.get("occurrence") or request.GET.get("date")
    day, _problem = dates.query_date(value)
    if day is None or services.occurrence_on(entry, day) is None:
        return None
    return day


def _occurrence_initial(entry, day):
    """The entry form filled with one occurrence: its date, times, title and memo."""
    initial = EntryForm.initial_for(entry)
    span = services.occurrence_on(entry, day)
    exception = services.exceptions_of(entry).get(span.original_start)
    start, end = timezone.localtime(span.start), timezone.localtime(span.end)
    initial.update(date=start.date(), title=span.title or entry.title)
    if not initial["all_day"]:
        initial.update(start_time=start.time(), end_time=end.time())
    if exception is not None:
        initial["memo"] = exception.description
    if initial.get("count") and entry.end_recurring_period is not None:
        # The following ones keep their last day, not a count begun again from here.
        initial.update(count=None, until=timezone.localtime(entry.end_recurring_period).date())
    return initial


def _saved_message(request, event, text):
    detail = EventDetail.objects.filter(event=event).first()
    bookings = entries.active_bookings(detail) if detail else []
    if bookings:
        text += " " + _("The rooms and equipment are booked.")
        if any(booking.status == Booking.Status.TENTATIVE for booking in bookings):
            text += " " + _(
                "It is tentative (仮予約) until the department that keeps the resource "
                "approves it; you will be notified."
            )
    messages.success(request, text)


@require_http_methods(["GET", "POST"])
def event_new(request):
    calendar, department = _target_calendar(request)
    if request.method == "POST":
        form = EntryForm(request.POST, user=request.user)
        if form.is_valid():
            event = _save(request, form, calendar=calendar)
            if event is not None:
                _saved_message(
                    request,
                    event,
                    _("「%(title)s」 was added to the schedule.") % {"title": event.title},
                )
                return redirect(_back_to(event.start, department))
    else:
        day, problem = dates.query_date(request.GET.get("date"))
        if problem:
            messages.warning(request, problem)
        initial = {"date": day or timezone.localdate(), **EntryForm.initial_from_query(request.GET)}
        form = EntryForm(initial=initial, user=request.user)
    return render(
        request,
        "reservations/schedule/event_form.html",
        {"form": form, "department": department, "event": None},
    )


def _may_read(user, entry, detail):
    """A private entry is read by its organiser and its participants; others see 「予定あり」."""
    if not (detail and detail.is_private):
        return True
    return entry.creator_id == user.pk or entries.is_participant(user, entry)


@require_http_methods(["GET", "POST"])
def event(request, pk):
    entry = get_object_or_404(
        Event.objects.select_related("detail", "calendar", "rule", "creator__staff_profile"), pk=pk
    )
    detail = getattr(entry, "detail", None)
    may_edit = rules.can_edit_event(request.user, entry)
    hidden = not _may_read(request.user, entry, detail)
    department = entries.department_of_calendar(entry.calendar)
    day = _occurrence_day(request, entry)
    initial = _occurrence_initial(entry, day) if day else EntryForm.initial_for(entry)
    form = cancel_form = scope_form = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "decline":
            if entries.decline(entry, request.user):
                messages.success(
                    request,
                    _("You declined 「%(title)s」; it has left your schedule.")
                    % {"title": entry.title},
                )
            return redirect("reservations:event", pk=entry.pk)
        if not may_edit:
            raise PermissionDenied
        if action == "delete":
            cancel_form = CancelEntryForm(request.POST, event=entry, occurrence_day=day)
            if cancel_form.is_valid():
                title = entry.title
                scope = cancel_form.cleaned_data.get("scope", entries.ALL)
                entries.cancel_entry(
                    entry, scope=scope, from_day=cancel_form.cleaned_data.get("from_day")
                )
                messages.success(request, _cancelled_message(title, scope))
                return redirect(_back_to(entry.start, department))
            form = EntryForm(initial=initial, user=request.user)
        else:
            form = EntryForm(request.POST, user=request.user)
            scope = day_to_change = None
            if day is not None:
                scope_form = ChangeScopeForm(request.POST, event=entry)
            valid = form.is_valid() and (scope_form is None or scope_form.is_valid())
            if valid and scope_form is not None:
                valid = scope_form.check(form, initial)
                scope = scope_form.cleaned_data["scope"]
                day_to_change = scope_form.cleaned_data["occurrence"]
            if valid and _save(
                request,
                form,
                calendar=entry.calendar,
                event=entry,
                scope=scope,
                day=day_to_change,
            ):
                _saved_message(request, entry, _("The entry was saved."))
                return redirect(_back_to(form.entry().start, department))
    elif may_edit:
        form = EntryForm(initial=initial, user=request.user)
    if may_edit and cancel_form is None:
        cancel_form = CancelEntryForm(event=entry, occurrence_day=day)
    if may_edit and day is not None and scope_form is None:
        scope_form = ChangeScopeForm(
            initial={"scope": entries.THIS, "occurrence": day}, event=entry
        )
    participation = (
        entry.participants.filter(user_id=request.user.pk).first() if not may_edit else None
    )
    span = services.occurrence_on(entry, day) if day else None
    exception = services.exceptions_of(entry).get(span.original_start) if span else None
    upcoming = entries.next_occurrence(entry) if may_edit and entry.rule and not day else None
    return render(
        request,
        "reservations/schedule/event.html",
        {
            "event": entry,
            "title": (span.title if span and span.title else entry.title),
            "memo": exception.description if exception else entry.description,
            "detail": detail,
            "hidden": hidden,
            "may_edit": may_edit,
            "form": form,
            "cancel_form": cancel_form,
            "scope_form": scope_form,
            "occurrence_day": day,
            "next_occurrence_day": upcoming and timezone.localtime(upcoming.original_start).date(),
            "department": department,
            "when": _when(entry, detail, span),
            "repeats": "" if hidden else services.describe_repeat(entry),
            "participants": [] if hidden else _participants(entry),
            "bookings": [] if hidden or detail is None else _bookings(detail),
            "participation": participation,
        },
    )


def _cancelled_message(title, scope):
    if scope == entries.THIS:
        return _("The occurrence of 「%(title)s」 was cancelled.") % {"title": title}
    return _("「%(title)s」 was deleted from the schedule.") % {"title": title}


def _participants(entry):
    return list(
        entry.participants.select_related("user__staff_profile__department").order_by(
            "response", "user__staff_profile__full_name_kana", "pk"
        )
    )


def _bookings(detail):
    return [
        {
            "booking": booking,
            "span": booking_services.format_span(booking.starts_at, booking.ends_at),
            "resources": "、".join(resource.name for resource in booking.resources.all()),
        }
        for booking in entries.active_bookings(detail)
    ]


def _when(entry, detail, span=None):
    """When the entry (or, opened at one occurrence, that occurrence) takes place."""
    begin, finish = (span.start, span.end) if span else (entry.start, entry.end)
    start = timezone.localtime(begin)
    if detail and detail.all_day:
        return f"{date_format(start, 'DATE_FORMAT')} {_('All day')}"
    return f"{date_format(start, 'DATETIME_FORMAT')}〜{timezone.localtime(finish):%H:%M}"


@require_http_methods(["GET"])
def find_time(request):
    staff = (
        services.staff_users()
        .exclude(pk=request.user.pk)
        .order_by(
            "staff_profile__department__sort_order",
            "staff_profile__department__code",
            "staff_profile__full_name_kana",
        )
    )
    asked = "date_from" in request.GET
    today = timezone.localdate()
    form = FindTimeForm(
        request.GET if asked else None,
        staff=staff,
        initial={"date_from": today, "date_to": today + datetime.timedelta(days=6)},
    )
    results = None
    if asked and form.is_valid():
        data = form.cleaned_data
        colleagues = list(data["colleagues"])
        results = find_free_times(
            [request.user, *colleagues],
            data["date_from"],
            data["date_to"],
            datetime.timedelta(minutes=data["length"]),
            seats=data["seats"],
            lunch=data["include_lunch"],
            colleagues=colleagues,
            headcount=data["seats"] or len(colleagues) + 1,
        )
    return render(
        request,
        "reservations/schedule/find_time.html",
        {"form": form, "results": results, "asked": asked},
    )


urlpatterns = [
    path("schedule/", schedule, name="schedule"),
    path("schedule/day/", schedule_day, name="schedule_day"),
    path("schedule/month/", schedule_month, name="schedule_month"),
    path("schedule/department/<int:pk>/", department_schedule, name="department_schedule"),
    *groups.urlpatterns,
    path("schedule/events/new/", event_new, name="event_new"),
    path("schedule/events/<int:pk>/", event, name="event"),
    path("schedule/find-time/", find_time, name="find_time"),
]
