"""Dates and times that people type or put in an address, read in one place within sane bounds.

Python's dates end at year 9999 and begin at year 1: ``date.max + 1 day`` is an
OverflowError, and so is 0001-01-01 00:00 in Tokyo turned into UTC for the
database. A city office means neither, so every date a form or an address
brings in is held to the years the office could mean (``DATES_EARLIEST_YEAR``
to ``DATES_YEARS_AHEAD`` years after this one, in settings) before anything
adds days to it, stores it or shows its week. Whatever is out of bounds or
unreadable is explained in Japanese, never a server error.

Forms use the fields below (``DateField``, ``DateTimeField``); views read
their query strings with the ``query_*`` functions, which answer the value
and, when the text was unusable, the message to show.
"""

import datetime

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

DATE_FORMATS = ["%Y-%m-%d", "%Y/%m/%d"]
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
# Longer than any date or date and time written out; longer text is not read at all.
LONGEST_TEXT = 32


def earliest():
    """The first day anyone may ask for."""
    return datetime.date(getattr(settings, "DATES_EARLIEST_YEAR", 2000), 1, 1)


def latest():
    """The last day anyone may ask for: the end of the year ``DATES_YEARS_AHEAD`` from now."""
    ahead = getattr(settings, "DATES_YEARS_AHEAD", 10)
    return datetime.date(timezone.localdate().year + ahead, 12, 31)


def within_bounds(day):
    """Whether a date (or a date and time) falls in the years the office could mean."""
    if isinstance(day, datetime.datetime):
        # Its own date, not converted: near year 1 or 9999 a conversion itself overflows.
        day = day.date()
    return day is not None and earliest() <= day <= latest()


def bounds_message():
    """「日付は2000年から2036年までの間で選んでください。」"""
    return _("Choose a date between %(first)d and %(last)d.") % {
        "first": earliest().year,
        "last": latest().year,
    }


def unreadable_message():
    return _("The date could not be read: write it as year-month-day, e.g. 2026-11-30.")


def _parse(text, formats, parse):
    text = str(text or "").strip()
    if not text or len(text) > LONGEST_TEXT:
        return None
    for form in formats:
        try:
            return parse(text, form)
        except ValueError:
            continue
    return None


def _strpdate(text, form):
    return datetime.datetime.strptime(text, form).date()


def parse_date(text):
    """A date from 2026-11-30 (or 2026/11/30), whatever its year; None if unreadable."""
    return _parse(
        text, DATE_FORMATS, lambda text, form: datetime.datetime.strptime(text, form).date()
    )


def query_date(text, *, unreadable=None):
    """(date, message) for a date in an address: (None, "") when absent, (None, why) if unusable.

    ``unreadable`` is the page's own words for text that is no date at all.
    """
    if not str(text or "").strip():
        return None, ""
    day = parse_date(text)
    if day is None:
        return None, unreadable or unreadable_message()
    if not within_bounds(day):
        return None, bounds_message()
    return day, ""


def query_month(text, *, unreadable=None):
    """(first day of the month, message) for 2026-11 in an address, as ``query_date`` does."""
    if not str(text or "").strip():
        return None, ""
    day = _parse(text, ["%Y-%m"], _strpdate)
    if day is None:
        return None, unreadable or _(
            "The month could not be read: write it as year-month, e.g. 2026-11."
        )
    if not within_bounds(day):
        return None, bounds_message()
    return day, ""


def query_datetime(text):
    """(aware local date and time, message) for 2026-11-30T10:00 in an address."""
    if not str(text or "").strip():
        return None, ""
    moment = _parse(text, DATETIME_FORMATS, datetime.datetime.strptime)
    if moment is None:
        return None, _("The date and time could not be read: write them as 2026-11-30T10:00.")
    if not within_bounds(moment):
        return None, bounds_message()
    return timezone.make_aware(moment, timezone.get_current_timezone()), ""


class BoundedMixin:
    """Refuses, in Japanese, a value outside the years the office could mean."""

    def validate(self, value):
        super().validate(value)
        if value not in self.empty_values and not within_bounds(value):
            raise forms.ValidationError(bounds_message(), code="out_of_bounds")


class DateField(BoundedMixin, forms.DateField):
    """A date within the bounds, typed as 2026-11-30 or 2026/11/30."""

    default_error_messages = {
        "invalid": gettext_lazy("Enter the date as year-month-day, e.g. 2026-11-30."),
        "required": gettext_lazy("Enter the date."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_FORMATS)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str) and len(value.strip()) > LONGEST_TEXT:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class DateTimeField(BoundedMixin, forms.DateTimeField):
    """A date and time within the bounds, as a datetime-local input sends it.

    0001-01-01 00:00 in Tokyo has no UTC equivalent: refused here in words, it
    never reaches the database, where it was an OverflowError.
    """

    default_error_messages = {
        "invalid": gettext_lazy("Enter the date and time as 2026-11-30 10:00."),
        "required": gettext_lazy("Enter the date and time."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATETIME_FORMATS)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str) and len(value.strip()) > LONGEST_TEXT:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)
