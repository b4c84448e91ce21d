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

from ..closed_days import closed_day_name
from . import rules, services
from .find_time import find_free_times
from .forms import EntryForm, FindTimeForm


def _week_of(request):
    """The Monday of the week asked for (?week=YYYY-MM-DD), this week when none or unreadable."""
    day, problem = dates.query_date(
        request.GET.get("week"),
        unreadable=_("The date in the address could not be read: showing this week."),
    )
    if problem:
        messages.warning(request, problem)
    return services.week_start(day or timezone.localdate())


def _days(monday):
    return [monday + datetime.timedelta(days=offset) for offset in range(7)]


def _week_context(monday):
    return {
        "monday": monday,
        "sunday": monday + datetime.timedelta(days=6),
        "previous_week": monday - datetime.timedelta(days=7),
        "next_week": monday + datetime.timedelta(days=7),
        "this_week": services.week_start(timezone.localdate()),
    }


def _day_header(day):
    return {
        "date": day,
        "weekday": services.weekday_name(day),
        "holiday": closed_day_name(day),
        "is_today": day == timezone.localdate(),
        "is_weekend": day.weekday() >= 5,
    }


def _spread(items, days):
    """Items per day: an item spanning days shows on each of them."""
    per_day = []
    for day in days:
        start, end = services.day_bounds(day)
        per_day.append([item for item in items if item.start < end and item.end > start])
    return per_day


@require_http_methods(["GET"])
def schedule(request):
    monday = _week_of(request)
    days = _days(monday)
    start, end = services.day_bounds(days[0])[0], services.day_bounds(days[-1])[1]
    items = services.my_items(request.user, start, end)
    profile = getattr(request.user, "staff_profile", None)
    week = [
        {**_day_header(day), "items": day_items}
        for day, day_items in zip(days, _spread(items, days), strict=True)
    ]
    return render(
        request,
        "reservations/schedule/week.html",
        {**_week_context(monday), "week": week, "department": profile and profile.department},
    )


@require_http_methods(["GET"])
def department_schedule(request, pk):
    department = get_object_or_404(Department, pk=pk)
    monday = _week_of(request)
    days = _days(monday)
    start, end = services.day_bounds(days[0])[0], services.day_bounds(days[-1])[1]
    members = list(
        services.staff_users()
        .filter(staff_profile__department=department)
        .order_by("staff_profile__full_name_kana", "pk")
    )
    # My own row first: the section I look for is mine.
    members.sort(key=lambda member: member.pk != request.user.pk)
    by_member = services.items_of_people(members, start, end, viewer=request.user)
    shared = services.event_items(
        services.events_between([services.department_slug(department.pk)], start, end),
        start,
        end,
        viewer=request.user,
    )
    rows = [{"member": member, "days": _spread(by_member[member.pk], days)} for member in members]
    return render(
        request,
        "reservations/schedule/department.html",
        {
            **_week_context(monday),
            "department": department,
            "headers": [_day_header(day) for day in days],
            "shared_days": _spread(sorted(shared, key=lambda item: item.sort_key), days),
            "rows": rows,
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
        people = [request.user, *data["colleagues"]]
        results = find_free_times(
            people,
            data["date_from"],
            data["date_to"],
            datetime.timedelta(minutes=data["length"]),
            seats=data["seats"],
        )
    return render(
        request,
        "reservations/schedule/find_time.html",
        {"form": form, "results": results, "asked": asked},
    )


urlpatterns = [
    path("schedule/", schedule, name="schedule"),
    path("schedule/department/<int:pk>/", department_schedule, name="department_schedule"),
    path("schedule/events/new/", event_new, name="event_new"),
    path("schedule/events/<int:pk>/", event, name="event"),
    path("schedule/find-time/", find_time, name="find_time"),
]
