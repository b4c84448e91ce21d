"""A week as a grid of people by days: what the department and staff-group weeks share.

The same items are laid out twice: as rows of people for wide screens and as a
list per day for phones; the template shows one or the other by screen width.
Everything is read in a fixed number of queries, however many people there are.
"""

import calendar
import datetime

from django.contrib import messages
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet import dates

from ..closed_days import closed_day_name
from . import services


def week_of(request):
    """The Monday of the week asked for (?week=YYYY-MM-DD), this week when none or unreadable."""
    day, problem = dates.query_date(
        request.GET.get("week"),
        unreadable=_("The date in the address could not be read: showing this week."),
    )
    if problem:
        messages.warning(request, problem)
    return services.week_start(day or timezone.localdate())


def week_context(monday):
    return {
        "monday": monday,
        "sunday": monday + datetime.timedelta(days=6),
        "previous_week": monday - datetime.timedelta(days=7),
        "next_week": monday + datetime.timedelta(days=7),
        "this_week": services.week_start(timezone.localdate()),
    }


def week_days(monday):
    return [monday + datetime.timedelta(days=offset) for offset in range(7)]


def day_header(day):
    return {
        "date": day,
        "weekday": services.weekday_name(day),
        "holiday": closed_day_name(day),
        "is_today": day == timezone.localdate(),
        "is_weekend": day.weekday() >= 5,
    }


def spread(items, days):
    """Items per day: an item spanning days shows on each of them."""
    per_day = []
    for day in days:
        start, end = services.day_bounds(day)
        per_day.append([item for item in items if item.start < end and item.end > start])
    return per_day


def bounds(days):
    return services.day_bounds(days[0])[0], services.day_bounds(days[-1])[1]


def people_week(members, days, *, viewer, shared=None):
    """Rows (one per person, plus ``shared`` items first) and the same as a list per day."""
    start, end = bounds(days)
    by_member = services.items_of_people(members, start, end, viewer=viewer)
    rows = [{"member": member, "days": spread(by_member[member.pk], days)} for member in members]
    shared_days = spread(sorted(shared, key=lambda item: item.sort_key), days) if shared else None
    headers = [day_header(day) for day in days]
    day_lists = []
    for index, header in enumerate(headers):
        people = [
            {"member": row["member"], "items": row["days"][index]}
            for row in rows
            if row["days"][index]
        ]
        day_lists.append(
            {
                **header,
                "shared": shared_days[index] if shared_days else [],
                "people": people,
                "free_count": len(rows) - len(people),
            }
        )
    return {"headers": headers, "rows": rows, "shared_days": shared_days, "day_lists": day_lists}


def month_weeks(year, month):
    """The month's weeks, Monday first, each a list of seven dates (days of the months beside
    included, as a wall calendar shows them)."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    return weeks
