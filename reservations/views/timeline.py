"""The day timeline of many rooms, a resource's week and month, and 「空き会議室を探す」."""

import datetime

from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from intranet import dates

from .. import availability
from ..closed_days import closed_day_name
from ..models import Blackout, Resource
from ..services import format_duration
from ..timeline_forms import FindRoomForm, TimelineFilterForm


def _day_heading(day):
    """2026年11月30日(月): the project's DATE_FORMAT carries the weekday."""
    return date_format(day, "DATE_FORMAT")


def day_timeline(request):
    """Rooms × quarter hours of one day, grouped by building and floor."""
    tree = availability.GroupTree()
    data = request.GET or {"date": timezone.localdate().isoformat(), "kind": Resource.Kind.ROOM}
    filters = TimelineFilterForm(data, tree=tree)
    day, group_id, kind = filters.values()
    grid = availability.timeline(day, kind=kind, group_id=group_id, tree=tree, user=request.user)
    query = request.GET.copy()
    links = {}
    for name, other in (
        ("previous", day - datetime.timedelta(days=1)),
        ("next", day + datetime.timedelta(days=1)),
        ("today", timezone.localdate()),
    ):
        query["date"] = other.isoformat()
        links[name] = "?" + query.urlencode()
    context = {
        "filters": filters,
        "timeline": grid,
        "day": day,
        "day_heading": _day_heading(day),
        "closed_name": closed_day_name(day),
        "kind_label": Resource.Kind(kind).label,
        "links": links,
        "new_booking_base": availability.url_or_none("reservations:new"),
    }
    return render(request, "reservations/timeline.html", context)


def _resource(pk):
    return get_object_or_404(Resource.objects.select_related("owner", "group"), pk=pk)


def _details(resource, tree):
    return {
        "resource": resource,
        "floor": tree.label(resource.group_id) if resource.group_id else "",
        "features": list(resource.features.all()),
        "longest": format_duration(resource.max_duration),
        "quota": format_duration(resource.weekly_quota) if resource.weekly_quota else "",
        "blackouts": list(
            Blackout.objects.filter(resource=resource, ends_at__gt=timezone.now()).order_by(
                "starts_at"
            )[:10]
        ),
    }


def resource_week(request, pk):
    """A resource's details and its week: seven days × half hours, bookings as blocks."""
    resource = _resource(pk)
    tree = availability.GroupTree()
    asked, date_error = dates.query_date(
        request.GET.get("week"),
        unreadable=_(
            "The week could not be read: this week is shown. Use a date such as 2026-11-30."
        ),
    )
    monday = availability.monday_of(asked or timezone.localdate())
    shown = availability.week(resource, monday, user=request.user)
    context = {
        **_details(resource, tree),
        "week": shown,
        "day_headings": [(_day_heading(day), closed_day_name(day)) for day in shown.days],
        "week_heading": _("Week of %(day)s") % {"day": _day_heading(monday)},
        "previous_week": (monday - datetime.timedelta(days=7)).isoformat(),
        "next_week": (monday + datetime.timedelta(days=7)).isoformat(),
        "this_week": availability.monday_of(timezone.localdate()).isoformat(),
        "date_error": date_error,
    }
    return render(request, "reservations/resource_week.html", context)


def resource_month(request, pk):
    """A resource's month: each day's bookings (time and title), holidays named."""
    resource = _resource(pk)
    tree = availability.GroupTree()
    asked, date_error = dates.query_month(
        request.GET.get("month"),
        unreadable=_(
            "The month could not be read: this month is shown. Use a month such as 2026-11."
        ),
    )
    first = asked or timezone.localdate().replace(day=1)
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    context = {
        **_details(resource, tree),
        "weeks": availability.month(resource, first),
        "month_heading": date_format(first, "YEAR_MONTH_FORMAT"),
        "weekday_names": list("月火水木金土日"),
        "previous_month": f"{previous:%Y-%m}",
        "next_month": f"{following:%Y-%m}",
        "this_month": f"{timezone.localdate():%Y-%m}",
        "date_error": date_error,
    }
    return render(request, "reservations/resource_month.html", context)


def find_room(request):
    """「空き会議室を探す」: rooms free for a span; the nearest free times and days if none."""
    tree = availability.GroupTree()
    asked = "date" in request.GET
    if asked:
        form = FindRoomForm(request.GET, tree=tree)
    else:
        start = timezone.localtime().replace(minute=0, second=0, microsecond=0)
        start += datetime.timedelta(hours=1)
        form = FindRoomForm(
            tree=tree,
            initial={
                "date": start.date(),
                "starts": start.time(),
                "ends": (start + datetime.timedelta(hours=1)).time(),
            },
        )
    search = None
    if asked and form.is_valid():
        data = form.cleaned_data
        search = availability.find_rooms(
            data["date"],
            data["starts"],
            data["ends"],
            seats=data["seats"],
            features=list(data["features"]),
            building_id=data["building"],
        )
    context = {"form": form, "search": search}
    if search is not None:
        context["span_heading"] = _day_heading(data["date"]) + (
            f" {data['starts']:%H:%M}〜{data['ends']:%H:%M}"
        )
    return render(request, "reservations/find_room.html", context)


urlpatterns = [
    path("", day_timeline, name="timeline"),
    path("resources/<int:pk>/", resource_week, name="resource"),
    path("resources/<int:pk>/month/", resource_month, name="resource_month"),
    path("find/", find_room, name="find_room"),
]
