"""The days the city office is closed: public holidays (jpholiday) and 12/29–1/3."""

import datetime

import jpholiday
from django.utils.translation import gettext as _


def is_year_end_closure(day):
    """The year-end and new-year closure, 12月29日 to 1月3日, by the city's ordinance."""
    return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


def closed_day_name(day):
    """Why the office is closed on ``day`` (a holiday's name or 年末年始), or '' when it is open.

    Weekends are not here: which weekdays a resource takes is its own setting.
    """
    if isinstance(day, datetime.datetime):
        day = day.date()
    holiday = jpholiday.is_holiday_name(day)
    if holiday:
        return holiday
    if is_year_end_closure(day):
        return _("Year-end and New Year holidays")
    return ""


def is_closed_day(day):
    return bool(closed_day_name(day))
