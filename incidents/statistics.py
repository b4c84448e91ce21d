"""Counts of the reports for a period: by month, category × level, department and rule.

Every report sent counts, whatever its state (a draft is not a report yet),
in the month it happened (local time). Each table is one grouped query
(``values().annotate(Count())``), so a page costs the same few queries with
a hundred reports or a hundred thousand.

The administration office reads the exact counts. Everyone else reads the
published statistics (``published=True``): small counts and whatever would
give them away are hidden (``incidents.suppression``), below
``INCIDENTS_MIN_CELL`` (3 unless set).
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from intranet import dates

from . import suppression
from .models import Category, IncidentReport, Level, RuleAxis

DEFAULT_MONTHS = 12
# A longer period would draw a chart nobody can read.
LONGEST_MONTHS = 120
# Levels up to this one are the light ones of the trend's two series.
LIGHT_LEVELS_UP_TO = 2


def min_cell():
    return getattr(settings, "INCIDENTS_MIN_CELL", 3)


def suppressed_label():
    """「3件未満」: what a hidden small count shows."""
    return _("Fewer than %(count)d") % {"count": min_cell()}


def complement_label():
    """「非公表」: what any other hidden count shows."""
    return pgettext("statistics cell", "Not shown")


def _add_months(day, months):
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    """From the first day of ``first`` to the end of the month ``last`` (both first days)."""

    first: datetime.date
    last: datetime.date

    @property
    def start(self):
        return _local_midnight(self.first)

    @property
    def end(self):
        return _local_midnight(_add_months(self.last, 1))

    def months(self):
        """[(year, month), …] from the first month to the last."""
        count = (self.last.year - self.first.year) * 12 + self.last.month - self.first.month + 1
        return [(day.year, day.month) for day in (_add_months(self.first, n) for n in range(count))]


def _local_midnight(day):
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time()), timezone.get_current_timezone()
    )


def default_period(today=None):
    """The last 12 months, this one included."""
    last = (today or timezone.localdate()).replace(day=1)
    return Period(_add_months(last, 1 - DEFAULT_MONTHS), last)


def read_period(query):
    """(Period, [messages]) from ``from`` and ``to`` (2026-04) in a query string.

    What cannot be read falls back to the default and says why; never an error page.
    """
    default = default_period()
    messages = []
    unreadable = _("The month could not be read: write it as year-month, e.g. 2026-04.")
    first, message = dates.query_month(query.get("from"), unreadable=unreadable)
    if message:
        messages.append(_("From: %(message)s") % {"message": message})
    last, message = dates.query_month(query.get("to"), unreadable=unreadable)
    if message:
        messages.append(_("To: %(message)s") % {"message": message})
    if first and last and first > last:
        messages.append(_("The first month comes after the last: the two were swapped."))
        first, last = last, first
    if first and not last:
        last = max(first, min(default.last, _add_months(first, DEFAULT_MONTHS - 1)))
    if last and not first:
        first = _add_months(last, 1 - DEFAULT_MONTHS)
        first = max(first, dates.earliest())
    if not first:
        first, last = default.first, default.last
    if _add_months(first, LONGEST_MONTHS) <= last:
        messages.append(
            _("A period of at most %(count)d months can be shown: its first months are shown.")
            % {"count": LONGEST_MONTHS}
        )
        last = _add_months(first, LONGEST_MONTHS - 1)
    return Period(first, last), messages


def reports_in(period):
    """Every report sent (any state), by when it happened."""
    return IncidentReport.objects.filter(occurred_at__gte=period.start, occurred_at__lt=period.end)


@dataclass
class Cell:
    count: int
    hidden: str = ""  # "", or why it is hidden: suppression.SMALL, COMPLEMENT or WITHHELD

    @property
    def shown(self):
        return None if self.hidden else self.count

    @property
    def text(self):
        if self.hidden == suppression.SMALL:
            return suppressed_label()
        if self.hidden:
            return complement_label()
        return f"{self.count:,}"

    @property
    def csv(self):
        """The count as a number for a spreadsheet, or the same words as the page."""
        return self.count if not self.hidden else self.text


@dataclass
class Table:
    """A table of counts with its totals, as read by the office or as published.

    ``rows`` are (label, [Cell per column], row total Cell); a one-column table shows
    no row totals (each would repeat its cell) and only the grand total at the foot.
    """

    key: str
    caption: str
    corner: str
    columns: list
    rows: list = field(default_factory=list)
    column_totals: list = field(default_factory=list)
    total: Cell = None

    @property
    def one_column(self):
        return len(self.columns) == 1

    @property
    def any_hidden(self):
        cells = [self.total, *self.column_totals]
        for _label, row, row_total in self.rows:
            cells += [*row, row_total]
        return any(cell.hidden for cell in cells)

    @property
    def withheld(self):
        return self.total.hidden == suppression.WITHHELD

    def counts(self):
        """[[count or None per column] per row]: what the chart draws (None when hidden)."""
        return [[cell.shown for cell in row] for _label, row, _total in self.rows]


def _table(key, caption, corner, columns, labelled_counts, published):
    """A Table from [(row label, [count per column])], suppressed when ``published``."""
    width = len(columns)
    values = {}
    for i, (_label, counts) in enumerate(labelled_counts):
        for j, count in enumerate(counts):
            values[(i, j)] = count
        values[(i, None)] = sum(counts)
    for j in range(width):
        values[(None, j)] = sum(counts[j] for _label, counts in labelled_counts)
    values[(None, None)] = sum(values[(i, None)] for i in range(len(labelled_counts)))
    if width == 1:
        # The row totals and the column total repeat other entries: not entries of their own.
        values = {key: count for key, count in values.items() if key[1] is not None}
        values[(None, None)] = values.pop((None, 0))
    hidden = {}
    if published:
        equations = suppression.grid_equations(len(labelled_counts), width)
        hidden = suppression.suppress(values, equations, min_cell())

    def cell(key):
        return Cell(values[key], hidden.get(key, ""))

    table = Table(key, caption, corner, columns)
    for i, (label, _counts) in enumerate(labelled_counts):
        row = [cell((i, j)) for j in range(width)]
        table.rows.append((label, row, row[0] if width == 1 else cell((i, None))))
    if width > 1:
        table.column_totals = [cell((None, j)) for j in range(width)]
    table.total = cell((None, None))
    return table


def monthly_table(period, published):
    """Reports per month, split into levels 0–2 and 3–5: one grouped query.

    A report's month is found by comparing when it happened with each local
    month's end (a CASE over the period's months) rather than by TruncMonth,
    which SQLite works out in Python row by row in the local time zone.
    """
    months = period.months()
    ends = [_local_midnight(_add_months(period.first, n + 1)) for n in range(len(months))]
    month_index = Case(
        *(When(occurred_at__lt=end, then=Value(n)) for n, end in enumerate(ends)),
        output_field=IntegerField(),
    )
    rows = (
        reports_in(period)
        .annotate(month_index=month_index)
        .values("month_index")
        .annotate(
            light=Count("pk", filter=Q(level__lte=LIGHT_LEVELS_UP_TO)),
            heavy=Count("pk", filter=Q(level__gt=LIGHT_LEVELS_UP_TO)),
        )
        .order_by()
    )
    by_month = {months[row["month_index"]]: [row["light"], row["heavy"]] for row in rows}
    return (
        months,
        _table(
            "monthly",
            _("Reports by month"),
            _("Month"),
            [_("Levels 0–2"), _("Levels 3–5")],
            [(month_label(*month), by_month.get(month, [0, 0])) for month in months],
            published,
        ),
    )


def month_label(year, month):
    """「2026年4月」."""
    return date_format(datetime.date(year, month, 1), "YEAR_MONTH_FORMAT")


def category_level_table(period, published):
    """Category × impact level: one grouped query (and the list of categories)."""
    counts = {
        (row["category_id"], row["level"]): row["count"]
        for row in reports_in(period)
        .values("category_id", "level")
        .annotate(count=Count("pk"))
        .order_by()
    }
    used = {category_id for category_id, _level in counts}
    categories = [
        category
        for category in Category.objects.order_by("sort_order", "pk")
        if category.active or category.pk in used
    ]
    return _table(
        "category_level",
        _("Reports by category and impact level"),
        _("Category"),
        [str(label) for label in Level.labels],
        [
            (category.name, [counts.get((category.pk, level), 0) for level in Level.values])
            for category in categories
        ],
        published,
    )


def department_table(period, published):
    """Reports per reporting department (those with reports in the period): one grouped query."""
    rows = (
        reports_in(period)
        .values("department_id", "department__name", "department__parent__name")
        .annotate(count=Count("pk"))
        .order_by("department__sort_order", "department__code", "department_id")
    )
    labelled = [
        (
            " ".join(
                part for part in (row["department__parent__name"], row["department__name"]) if part
            ),
            [row["count"]],
        )
        for row in rows
    ]
    return _table(
        "department",
        _("Reports by department"),
        _("Department"),
        [_("Reports")],
        labelled,
        published,
    )


def rule_axis_table(period, published):
    """Was there a rule, and was it followed: one grouped query."""
    counts = {
        row["rule_axis"]: row["count"]
        for row in reports_in(period).values("rule_axis").annotate(count=Count("pk")).order_by()
    }
    return _table(
        "rule_axis",
        _("Reports by rule"),
        _("Rule"),
        [_("Reports")],
        [(str(label), [counts.get(value, 0)]) for value, label in RuleAxis.choices],
        published,
    )


@dataclass
class Statistics:
    period: Period
    published: bool
    months: list
    monthly: Table
    category_level: Table
    department: Table
    rule_axis: Table

    @property
    def tables(self):
        return [self.monthly, self.category_level, self.department, self.rule_axis]


def statistics(period, published):
    """All four tables for ``period``, exact or as published."""
    months, monthly = monthly_table(period, published)
    return Statistics(
        period=period,
        published=published,
        months=months,
        monthly=monthly,
        category_level=category_level_table(period, published),
        department=department_table(period, published),
        rule_axis=rule_axis_table(period, published),
    )
