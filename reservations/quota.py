"""The per-person weekly quota: what a user has booked of a resource in one week (Mon–Sun).

The booking services refuse a booking over the quota; the day timeline uses
the same count to close a resource whose quota the viewer has used up.
"""

import datetime
from collections import defaultdict

from django.utils import timezone

from .models import BookingSlot


def week_of(moment):
    """The local Monday 0:00 to the next Monday 0:00 around ``moment``."""
    start = timezone.localtime(moment).replace(hour=0, minute=0, second=0, microsecond=0)
    start -= datetime.timedelta(days=start.weekday())
    return start, start + datetime.timedelta(days=7)


def used_in_week(resources, user, moment, *, exclude=None):
    """Time ``user`` has booked of each resource in ``moment``'s week, by resource id.

    Counts the user's active bookings that begin in the week; ``exclude`` (a
    booking being changed) is left out. One query for any number of resources.
    """
    week_start, week_end = week_of(moment)
    slots = BookingSlot.objects.filter(
        resource__in=resources,
        is_active=True,
        booking__booked_by=user,
        starts_at__gte=week_start,
        starts_at__lt=week_end,
    )
    if exclude is not None and exclude.pk:
        slots = slots.exclude(booking=exclude)
    used = defaultdict(datetime.timedelta)
    for resource_id, starts_at, ends_at in slots.values_list("resource_id", "starts_at", "ends_at"):
        used[resource_id] += ends_at - starts_at
    return used
