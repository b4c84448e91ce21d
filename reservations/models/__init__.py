"""Rooms, equipment and vehicles, and their bookings.

Personal and department schedules are django-scheduler's calendars and events
(``schedule`` app); a booking shows in its people's schedules without being
copied into them.
"""

from .bookings import Booking, BookingQuerySet, BookingSeries, BookingSlot, CalendarFeedToken
from .resources import Blackout, Feature, Resource, ResourceGroup
from .schedule import EntryParticipant, EventDetail, StaffGroup

__all__ = [
    "Blackout",
    "Booking",
    "BookingQuerySet",
    "BookingSeries",
    "BookingSlot",
    "CalendarFeedToken",
    "EntryParticipant",
    "EventDetail",
    "Feature",
    "Resource",
    "ResourceGroup",
    "StaffGroup",
]
