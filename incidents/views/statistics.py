"""Statistics of the reports: charts with their tables, and the CSV.

Every staff member may read them. The administration office reads the exact
counts and may preview the published ones (``?published=1``); everyone else
reads only the published ones, small counts hidden (``incidents.statistics``).
The CSV holds the same tables, hidden the same way, as the page for the same
reader.
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from intranet import csv_export

from .. import charts, rules
from .. import statistics as stats


def _read(request):
    """(Statistics, messages, the query to keep in links) for this reader."""
    period, messages = stats.read_period(request.GET)
    office = rules.is_office(request.user)
    published = not office or request.GET.get("published") == "1"
    query = {"from": f"{period.first:%Y-%m}", "to": f"{period.last:%Y-%m}"}
    if office and published:
        query["published"] = "1"
    return stats.statistics(period, published), messages, query, office


def _charts(statistics):
    """The SVG of each table's chart, by the table's key."""
    label = stats.complement_label() if statistics.published else ""
    monthly = statistics.monthly
    series = {
        column: [row[j].shown for _label, row, _total in monthly.rows]
        for j, column in enumerate(monthly.columns)
    }
    category_level = statistics.category_level
    svgs = {
        "monthly": charts.monthly_trend_svg(
            statistics.months, series, title=monthly.caption, suppressed_label=label
        ),
        "category_level": charts.matrix_svg(
            [row_label for row_label, _row, _total in category_level.rows],
            category_level.columns,
            category_level.counts(),
            title=category_level.caption,
            suppressed_label=label,
        ),
    }
    for table in (statistics.department, statistics.rule_axis):
        svgs[table.key] = charts.bar_svg(
            [row_label for row_label, _row, _total in table.rows],
            [row[0].shown for _label, row, _total in table.rows],
            table.caption,
            suppressed_label=label,
        )
    # The charts module writes the SVG itself, from counts and labels it escapes.
    return {key: mark_safe(svg) for key, svg in svgs.items()}  # noqa: S308


def statistics(request):
    statistics, messages, query, office = _read(request)
    svgs = _charts(statistics)
    context = {
        "statistics": statistics,
        "sections": [(table, svgs[table.key]) for table in statistics.tables],
        "messages_period": messages,
        "office": office,
        "from_month": query["from"],
        "to_month": query["to"],
        "csv_query": urlencode(query),
        "exact_query": urlencode({"from": query["from"], "to": query["to"]}),
        "published_query": urlencode({"from": query["from"], "to": query["to"], "published": 1}),
        "min_cell": stats.min_cell(),
        "suppressed_label": stats.suppressed_label(),
        "complement_label": stats.complement_label(),
    }
    return render(request, "incidents/statistics.html", context)


def statistics_csv(request):
    counted, messages, _query, _office = _read(request)
    if messages:
        # A period that could not be used is said in words on the page, whose CSV link then
        # carries the period shown; a file of another period would say nothing of it.
        return statistics(request)
    period = counted.period
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"incident-statistics-{period.first:%Y%m}-{period.last:%Y%m}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv_export.writer(response)
    writer.writerow(
        [
            _("Period"),
            f"{stats.month_label(period.first.year, period.first.month)}〜"
            f"{stats.month_label(period.last.year, period.last.month)}",
        ]
    )
    if counted.published:
        writer.writerow(
            [
                _(
                    "Published statistics: counts below %(count)d and the cells that would "
                    "give them away are hidden."
                )
                % {"count": stats.min_cell()}
            ]
        )
    for table in counted.tables:
        writer.writerow([])
        writer.writerow([table.caption])
        if table.one_column:
            writer.writerow([table.corner, *table.columns])
        else:
            writer.writerow([table.corner, *table.columns, _("Total")])
        for label, row, total in table.rows:
            cells = [cell.csv for cell in row]
            writer.writerow([label, *cells] if table.one_column else [label, *cells, total.csv])
        footer = [cell.csv for cell in table.column_totals]
        writer.writerow([_("Total"), *footer, table.total.csv])
    return response
