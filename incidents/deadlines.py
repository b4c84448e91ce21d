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
    hours = {**DEFAULT_REVIEW_HOURS, **getattr(settings, "INCIDENTS_REVIEW_HOURS", {})}
    known = [lvl for lvl in hours if lvl <= level]
    return hours[max(known)] if known else hours[min(hours)]


def due_at(level, discovered_at):
    return discovered_at + timedelta(hours=review_hours(level))


def is_overdue(report, now):
    return report.state in ("reported", "returned") and report.due_at < now
