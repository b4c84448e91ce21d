"""When a report's review is due, by its impact level (``INCIDENTS_REVIEW_HOURS``).

The clock starts when the mistake was found: a level 3 report found on
Monday morning should be confirmed by the section head by Tuesday morning,
however late it was sent. Settings map each level to hours; levels not
named take the largest level below them that is.
"""

from datetime import timedelta

from django.conf import settings

DEFAULT_REVIEW_HOURS = {0: 168, 1: 168, 2: 72, 3: 24, 4: 24, 5: 24}


def review_hours(level):
    """Hours for ``level``: the setting replaces the defaults as a whole, so a city that names
    only levels 0 and 3 has every level in between follow the nearest named level below it."""
    configured = getattr(settings, "INCIDENTS_REVIEW_HOURS", None) or DEFAULT_REVIEW_HOURS
    hours = {int(lvl): value for lvl, value in configured.items()}
    known = [lvl for lvl in hours if lvl <= level]
    return hours[max(known)] if known else hours[min(hours)]


def due_at(level, discovered_at):
    return discovered_at + timedelta(hours=review_hours(level))


def is_overdue(report, now):
    return report.state in ("reported", "returned") and report.due_at < now
