"""Schedule entries for the schedule, feed and export tests, made as the entry form makes them."""

import datetime

from reservations.schedule import entries, services
from tests.factories import at


def entry(user, day, start="10:00", end="11:00", title="課内ミーティング", calendar=None, **fields):
    """A schedule entry on ``user``'s calendar (or ``calendar``), through the service."""
    if fields.get("all_day"):
        begins = at(day, "00:00")
        ends = begins + datetime.timedelta(days=1)
    else:
        begins, ends = at(day, start), at(day, end)
    data = services.EntryData(title=title, start=begins, end=ends, **fields)
    return entries.save_entry(
        data, user=user, calendar=calendar or services.personal_calendar(user)
    )


def weekly_meeting(user, first, weeks=3, **fields):
    """定例会: every week for ``weeks`` weeks from ``first``, 10:00〜11:00, on their calendar."""
    return entry(
        user,
        first,
        title="定例会",
        repeat=services.Repeat.WEEKLY,
        weekdays=[first.weekday()],
        until=first + datetime.timedelta(weeks=weeks - 1),
        **fields,
    )
