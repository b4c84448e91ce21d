"""Personal and department schedules on django-scheduler's calendars and events."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from schedule.models import Event

from intranet import dates
from intranet.models import Department, department_chain

from . import grid, groups, rules, services
from .find_time import find_free_times
from .forms import EntryForm, FindTimeForm


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
    """The first day of the month asked for (?month=YYYY-MM), this month when none or unreadable."""
    text = str(request.GET.get("month", "")).strip()
    today = timezone.localdate()
    if text:
        try:
            return datetime.datetime.strptime(text, "%Y-%m").date()
        except ValueError:
            messages.warning(
                request, _("The month in the address could not be read: showing this month.")
            )
    return today.replace(day=1)


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


@require_http_methods(["GET", "POST"])
def event_new(request):
    calendar, department = _target_calendar(request)
    if request.method == "POST":
        form = EntryForm(request.POST)
        if form.is_valid():
            event = services.save_entry(form.entry(), user=request.user, calendar=calendar)
            messages.success(
                request,
                _("「%(title)s」 was added to the schedule.") % {"title": event.title},
            )
            return redirect(_back_to(event.start, department))
    else:
        day, problem = dates.query_date(request.GET.get("date"))
        if problem:
            messages.warning(request, problem)
        form = EntryForm(initial={"date": day or timezone.localdate()})
    return render(
        request,
        "reservations/schedule/event_form.html",
        {"form": form, "department": department, "event": None},
    )


def _department_of(calendar):
    slug = calendar.slug
    if slug.startswith("department-") and slug.removeprefix("department-").isdigit():
        return Department.objects.filter(pk=int(slug.removeprefix("department-"))).first()
    return None


@require_http_methods(["GET", "POST"])
def event(request, pk):
    entry = get_object_or_404(
        Event.objects.select_related("detail", "calendar", "rule", "creator__staff_profile"), pk=pk
    )
    detail = getattr(entry, "detail", None)
    may_edit = rules.can_edit_event(request.user, entry)
    hidden = bool(detail and detail.is_private) and entry.creator_id != request.user.pk
    department = _department_of(entry.calendar)
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        if request.POST.get("action") == "delete":
            title = entry.title
            with transaction.atomic():
                entry.delete()
            messages.success(
                request, _("「%(title)s」 was deleted from the schedule.") % {"title": title}
            )
            return redirect(_back_to(entry.start, department))
        form = EntryForm(request.POST)
        if form.is_valid():
            services.save_entry(
                form.entry(), user=request.user, calendar=entry.calendar, event=entry
            )
            messages.success(request, _("The entry was saved."))
            return redirect(_back_to(entry.start, department))
    else:
        form = EntryForm(initial=EntryForm.initial_for(entry)) if may_edit else None
    return render(
        request,
        "reservations/schedule/event.html",
        {
            "event": entry,
            "detail": detail,
            "hidden": hidden,
            "may_edit": may_edit,
            "form": form,
            "department": department,
            "when": _when(entry, detail),
            "repeats": "" if hidden else services.describe_repeat(entry),
        },
    )


def _when(entry, detail):
    start = timezone.localtime(entry.start)
    if detail and detail.all_day:
        return f"{date_format(start, 'DATE_FORMAT')} {_('All day')}"
    return f"{date_format(start, 'DATETIME_FORMAT')}〜{timezone.localtime(entry.end):%H:%M}"


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
