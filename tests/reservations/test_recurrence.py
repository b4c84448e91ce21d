"""Expanding a repetition: the dates it gives, the closed days it leaves out, its RRULE."""

import datetime

import jpholiday
import pytest
from dateutil import rrule
from django.utils import timezone

from reservations import recurrence
from reservations.models import BookingSeries
from tests.factories import at

Frequency = BookingSeries.Frequency


def days_of(expansion):
    return [timezone.localtime(start).date() for start, _end in expansion.spans]


def test_weekly_on_monday_and_wednesday_leaves_out_a_real_holiday():
    # 2027年1月11日(月) is 成人の日.
    assert jpholiday.is_holiday_name(datetime.date(2027, 1, 11)) == "成人の日"
    rule = recurrence.Rule(Frequency.WEEKLY, weekdays="02", until=datetime.date(2027, 1, 20))
    expansion = recurrence.expand(
        rule, at(datetime.date(2027, 1, 4), "10:00"), at(datetime.date(2027, 1, 4), "11:00")
    )
    assert days_of(expansion) == [
        datetime.date(2027, 1, 4),
        datetime.date(2027, 1, 6),
        datetime.date(2027, 1, 13),
        datetime.date(2027, 1, 18),
        datetime.date(2027, 1, 20),
    ]
    assert [(timezone.localtime(item.start).date(), item.reason) for item in expansion.skipped] == [
        (datetime.date(2027, 1, 11), "成人の日")
    ]


def test_every_occurrence_keeps_the_first_time_of_day():
    rule = recurrence.Rule(Frequency.WEEKLY, weekdays="02", count=4)
    first = datetime.date(2027, 2, 1)
    expansion = recurrence.expand(rule, at(first, "13:30"), at(first, "15:00"))
    for start, end in expansion.spans:
        assert timezone.localtime(start).strftime("%H:%M") == "13:30"
        assert end - start == datetime.timedelta(minutes=90)


def test_the_year_end_closure_is_left_out_of_a_daily_repetition():
    rule = recurrence.Rule(Frequency.DAILY, until=datetime.date(2027, 1, 5))
    first = datetime.date(2026, 12, 28)
    expansion = recurrence.expand(rule, at(first, "10:00"), at(first, "11:00"))
    assert days_of(expansion) == [datetime.date(2026, 12, 28), datetime.date(2027, 1, 4),
                                  datetime.date(2027, 1, 5)]  # fmt: skip
    reasons = {timezone.localtime(item.start).date(): item.reason for item in expansion.skipped}
    assert reasons[datetime.date(2026, 12, 30)] == "年末年始"
    assert reasons[datetime.date(2027, 1, 1)] == "元日"


def test_closed_days_are_kept_when_the_rule_says_so():
    rule = recurrence.Rule(Frequency.WEEKLY, count=3, skip_closed_days=False)
    first = datetime.date(2027, 1, 4)
    expansion = recurrence.expand(rule, at(first, "10:00"), at(first, "11:00"))
    assert datetime.date(2027, 1, 11) in days_of(expansion) and not expansion.skipped


def test_monthly_on_the_second_tuesday():
    first = datetime.date(2027, 1, 12)  # 第2火曜日
    rule = recurrence.Rule(Frequency.MONTHLY_BY_WEEKDAY, count=3)
    expansion = recurrence.expand(rule, at(first, "10:00"), at(first, "11:00"))
    assert days_of(expansion) == [
        datetime.date(2027, 1, 12),
        datetime.date(2027, 2, 9),
        datetime.date(2027, 3, 9),
    ]
    assert recurrence.nth_weekday_label(first) == "第2火曜日"


def test_monthly_on_the_fifth_weekday_means_the_last_one():
    first = datetime.date(2027, 1, 29)  # the 5th and last Friday of January
    rule = recurrence.Rule(Frequency.MONTHLY_BY_WEEKDAY, count=2)
    expansion = recurrence.expand(rule, at(first, "10:00"), at(first, "11:00"))
    assert days_of(expansion) == [datetime.date(2027, 1, 29), datetime.date(2027, 2, 26)]
    assert "BYDAY=-1FR" in recurrence.rrule_string(rule, at(first, "10:00"))


def test_monthly_by_date():
    first = datetime.date(2027, 2, 15)
    rule = recurrence.Rule(Frequency.MONTHLY_BY_DATE, count=3)
    expansion = recurrence.expand(rule, at(first, "10:00"), at(first, "11:00"))
    assert days_of(expansion) == [
        datetime.date(2027, 2, 15),
        datetime.date(2027, 3, 15),
        datetime.date(2027, 4, 15),
    ]


def test_a_count_counts_the_closed_days_it_leaves_out():
    """As RFC 5545 does: COUNT belongs to the rule, the left-out dates are its EXDATEs."""
    rule = recurrence.Rule(Frequency.WEEKLY, count=3)
    first = datetime.date(2027, 1, 4)
    expansion = recurrence.expand(rule, at(first, "10:00"), at(first, "11:00"))
    assert len(expansion.spans) == 2 and len(expansion.skipped) == 1


def test_until_includes_its_own_date():
    rule = recurrence.Rule(Frequency.WEEKLY, until=datetime.date(2027, 2, 15))
    first = datetime.date(2027, 2, 1)
    expansion = recurrence.expand(rule, at(first, "18:00"), at(first, "19:00"))
    assert days_of(expansion)[-1] == datetime.date(2027, 2, 15)


def test_every_other_week():
    rule = recurrence.Rule(Frequency.WEEKLY, interval=2, count=3)
    first = datetime.date(2027, 2, 1)
    expansion = recurrence.expand(rule, at(first, "10:00"), at(first, "11:00"))
    assert days_of(expansion) == [
        datetime.date(2027, 2, 1),
        datetime.date(2027, 2, 15),
        datetime.date(2027, 3, 1),
    ]


@pytest.mark.parametrize(
    "rule, words",
    [
        (recurrence.Rule(Frequency.WEEKLY), "終了日か回数"),
        (
            recurrence.Rule(Frequency.WEEKLY, count=3, until=datetime.date(2027, 3, 1)),
            "どちらか一方",
        ),
        (recurrence.Rule(Frequency.WEEKLY, count=101), "100回まで"),
        (recurrence.Rule(Frequency.WEEKLY, until=datetime.date(2028, 3, 1)), "1年まで"),
        (recurrence.Rule(Frequency.DAILY, until=datetime.date(2027, 12, 1)), "100件を超えます"),
        (recurrence.Rule(Frequency.WEEKLY, until=datetime.date(2027, 1, 1)), "最初の日以降"),
    ],
)
def test_a_rule_without_an_end_or_reaching_too_far_is_refused_in_japanese(rule, words):
    first = datetime.date(2027, 2, 1)
    with pytest.raises(recurrence.RecurrenceError) as refused:
        recurrence.expand(rule, at(first, "10:00"), at(first, "11:00"))
    assert words in refused.value.message


def test_the_rrule_string_of_a_weekly_rule_with_an_end_date():
    rule = recurrence.Rule(Frequency.WEEKLY, weekdays="02", until=datetime.date(2027, 3, 31))
    text = recurrence.rrule_string(rule, at(datetime.date(2027, 2, 1), "10:00"))
    # 2027-03-31 23:59:59 in Tokyo is 14:59:59 UTC.
    assert text == "FREQ=WEEKLY;UNTIL=20270331T145959Z;BYDAY=MO,WE"


def test_the_rrule_string_gives_the_same_dates_as_the_expansion():
    rule = recurrence.Rule(
        Frequency.MONTHLY_BY_WEEKDAY, interval=1, count=5, skip_closed_days=False
    )
    first = at(datetime.date(2027, 1, 12), "10:00")
    text = recurrence.rrule_string(rule, first)
    assert text == "FREQ=MONTHLY;COUNT=5;BYDAY=+2TU"
    parsed = rrule.rrulestr(text, dtstart=timezone.localtime(first).replace(tzinfo=None))
    expansion = recurrence.expand(rule, first, first + datetime.timedelta(hours=1))
    assert [moment.date() for moment in parsed] == days_of(expansion)
