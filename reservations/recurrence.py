"""Repeating bookings: a rule, its occurrences, and its RFC 5545 RRULE.

The rule is expanded with dateutil's ``rrule`` (django-scheduler repeats its
events with the same library). Days the office is closed (public holidays and
the year-end closure) are left out when the rule says so, and every date left
out is reported with its reason, so that nobody loses a meeting silently.
An occurrence keeps the rule's time of day on its own date.
"""

import datetime
from dataclasses import dataclass

from dateutil import rrule
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .closed_days import closed_day_name
from .models import BookingSeries

MAX_OCCURRENCES = 100
MAX_DAYS_AHEAD = 366
RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DATEUTIL_DAYS = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU)
_FREQUENCIES = {
    BookingSeries.Frequency.DAILY: rrule.DAILY,
    BookingSeries.Frequency.WEEKLY: rrule.WEEKLY,
    BookingSeries.Frequency.MONTHLY_BY_DATE: rrule.MONTHLY,
    BookingSeries.Frequency.MONTHLY_BY_WEEKDAY: rrule.MONTHLY,
}


class RecurrenceError(ValueError):
    """The rule cannot be expanded as given; ``field`` names the form field to blame."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Rule:
    frequency: str
    interval: int = 1
    weekdays: str = ""  # digits, Monday 0, for weekly rules
    until: datetime.date | None = None
    count: int | None = None
    skip_closed_days: bool = True

    def series_fields(self):
        return {
            "frequency": self.frequency,
            "interval": self.interval,
            "weekdays": self.weekdays,
            "until": self.until,
            "count": self.count,
            "skip_closed_days": self.skip_closed_days,
        }


@dataclass(frozen=True)
class Skipped:
    """An occurrence the rule gives but the booking leaves out, and why."""

    start: datetime.datetime
    end: datetime.datetime
    reason: str


@dataclass(frozen=True)
class Expansion:
    spans: list  # (start, end) of every occurrence to book, in order
    skipped: list  # Skipped, in order


def nth_weekday(day):
    """Which of its month's weekdays ``day`` is: 1 for 第1, … ; -1 for the last (第5)."""
    nth = (day.day - 1) // 7 + 1
    return -1 if nth == 5 else nth


def nth_weekday_label(day):
    """「第2火曜日」 or 「最終金曜日」 for the date a monthly-by-weekday rule starts on."""
    weekday = "月火水木金土日"[day.weekday()] + "曜日"
    nth = nth_weekday(day)
    if nth == -1:
        return _("the last %(weekday)s") % {"weekday": weekday}
    return _("the %(nth)s %(weekday)s") % {"nth": f"第{nth}", "weekday": weekday}


def _weekdays(rule, first_day):
    return rule.weekdays or str(first_day.weekday())


def _dateutil_rule(rule, first_start):
    naive = timezone.localtime(first_start).replace(tzinfo=None)
    options = {"dtstart": naive, "interval": rule.interval}
    if rule.frequency == BookingSeries.Frequency.WEEKLY:
        options["byweekday"] = [
            _DATEUTIL_DAYS[int(day)] for day in sorted(_weekdays(rule, naive.date()))
        ]
    elif rule.frequency == BookingSeries.Frequency.MONTHLY_BY_DATE:
        options["bymonthday"] = naive.day
    elif rule.frequency == BookingSeries.Frequency.MONTHLY_BY_WEEKDAY:
        options["byweekday"] = _DATEUTIL_DAYS[naive.weekday()](nth_weekday(naive.date()))
    if rule.count:
        options["count"] = rule.count
    else:
        options["until"] = datetime.datetime.combine(rule.until, datetime.time(23, 59, 59))
    return rrule.rrule(_FREQUENCIES[rule.frequency], **options)


def check(rule, first_start):
    """Refuse a rule with no end, with both ends, or reaching too far; Japanese messages."""
    first_day = timezone.localtime(first_start).date()
    if rule.frequency not in _FREQUENCIES:
        raise RecurrenceError(_("Choose how the booking repeats."), "repeat")
    if rule.count and rule.until:
        raise RecurrenceError(
            _("Give either an end date or a number of times, not both."), "repeat_count"
        )
    if not rule.count and not rule.until:
        raise RecurrenceError(
            _("Give the date the repetition ends or how many times it takes place."),
            "repeat_until",
        )
    if rule.count and rule.count > MAX_OCCURRENCES:
        raise RecurrenceError(
            _("A booking can repeat at most %(count)d times.") % {"count": MAX_OCCURRENCES},
            "repeat_count",
        )
    if rule.until:
        if rule.until < first_day:
            raise RecurrenceError(
                _("The repetition must end on or after the first date."), "repeat_until"
            )
        if (rule.until - first_day).days > MAX_DAYS_AHEAD:
            raise RecurrenceError(
                _("A repetition may last at most one year: end it by %(date)s.")
                % {
                    "date": date_format(
                        first_day + datetime.timedelta(days=MAX_DAYS_AHEAD), "DATE_FORMAT"
                    )
                },
                "repeat_until",
            )


def expand(rule, first_start, first_end):
    """Every occurrence of the rule from the first span on: what to book and what is left out."""
    check(rule, first_start)
    length = first_end - first_start
    tz = timezone.get_current_timezone()
    spans, skipped = [], []
    for index, naive in enumerate(_dateutil_rule(rule, first_start)):
        if index >= MAX_OCCURRENCES:
            raise RecurrenceError(
                _(
                    "This repetition would make more than %(count)d bookings. "
                    "End it earlier or repeat less often."
                )
                % {"count": MAX_OCCURRENCES},
                "repeat_until",
            )
        start = timezone.make_aware(naive, tz)
        end = start + length
        reason = closed_day_name(naive.date()) if rule.skip_closed_days else ""
        if reason:
            skipped.append(Skipped(start, end, reason))
        else:
            spans.append((start, end))
    if not spans and not skipped:
        raise RecurrenceError(
            _("The repetition gives no dates: check the weekdays and the end date."), "weekdays"
        )
    return Expansion(spans=spans, skipped=skipped)


def rrule_string(rule, first_start):
    """The RFC 5545 RRULE value (without "RRULE:"), for DTSTART ``first_start`` in Asia/Tokyo.

    UNTIL is given in UTC, as RFC 5545 requires when DTSTART carries a TZID.
    Dates left out for closed days are EXDATEs, not part of the rule.
    """
    local_start = timezone.localtime(first_start)
    parts = [
        "FREQ="
        + {
            BookingSeries.Frequency.DAILY: "DAILY",
            BookingSeries.Frequency.WEEKLY: "WEEKLY",
        }.get(rule.frequency, "MONTHLY")
    ]
    if rule.interval > 1:
        parts.append(f"INTERVAL={rule.interval}")
    if rule.count:
        parts.append(f"COUNT={rule.count}")
    else:
        last = timezone.make_aware(
            datetime.datetime.combine(rule.until, datetime.time(23, 59, 59)),
            timezone.get_current_timezone(),
        )
        parts.append(f"UNTIL={last.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}")
    if rule.frequency == BookingSeries.Frequency.WEEKLY:
        days = sorted(_weekdays(rule, local_start.date()))
        parts.append("BYDAY=" + ",".join(RRULE_DAYS[int(day)] for day in days))
    elif rule.frequency == BookingSeries.Frequency.MONTHLY_BY_DATE:
        parts.append(f"BYMONTHDAY={local_start.day}")
    elif rule.frequency == BookingSeries.Frequency.MONTHLY_BY_WEEKDAY:
        nth = nth_weekday(local_start.date())
        parts.append(f"BYDAY={nth:+d}{RRULE_DAYS[local_start.weekday()]}")
    return ";".join(parts)


def describe(series):
    """「毎週 月・水曜日（2026年12月25日まで）」: a series in one line, for its bookings' pages."""
    first = series.bookings.order_by("original_start", "starts_at").first()
    text = str(series.get_frequency_display())
    if series.interval > 1:
        text = _("%(frequency)s (every %(interval)d)") % {
            "frequency": text,
            "interval": series.interval,
        }
    if series.frequency == BookingSeries.Frequency.WEEKLY and series.weekdays:
        text += " " + "・".join("月火水木金土日"[int(day)] for day in sorted(series.weekdays))
    if series.frequency == BookingSeries.Frequency.MONTHLY_BY_WEEKDAY and first is not None:
        text += " " + nth_weekday_label(
            timezone.localtime(first.original_start or first.starts_at).date()
        )
    if series.until:
        text += " " + _("until %(date)s") % {"date": date_format(series.until, "DATE_FORMAT")}
    elif series.count:
        text += " " + _("%(count)d times") % {"count": series.count}
    return text
