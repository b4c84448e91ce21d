"""Incident statistics at scale: SQL queries and render time of the statistics page and CSV.

    .venv/bin/python benchmarks/incidents_statistics.py                  # 100,000 reports
    .venv/bin/python benchmarks/incidents_statistics.py --reports 10000 --requests 30
    scripts/with-postgres .venv/bin/python benchmarks/incidents_statistics.py

Reports come from ``_incidents_data.py`` (15 months, 40 sections, ~5%
published). Each page is measured twice, first with a tenth of the reports and
then with all of them, so the table shows that the number of queries does not
grow with the data. Pages go through Django's test client (middleware,
templates and all four charts included) for the default period (the last 12
months): as the administration office (exact counts), the office's preview of
the published statistics, a staff member (published: small cells hidden), and
the staff member's CSV. Charts are drawn once per set of numbers and kept
(``incidents.charts``): the page is measured both drawing them afresh (the
first view after a report changed the numbers) and reusing them.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import django_on_a_fresh_database, markdown_table, timing_cells  # noqa: E402


def forget_charts():
    """Make the next page draw its charts again, as on the first view of new numbers."""
    from incidents import charts

    for draw in (charts.monthly_trend_svg, charts.matrix_svg, charts.bar_svg):
        draw.cache_clear()


def measure(client, url, requests, fresh_charts=False):
    """(status, SQL queries of one request, timings in ms of ``requests`` requests).

    ``fresh_charts``: each request draws its charts (the first view after the
    numbers changed); otherwise the charts drawn by the warm-up request are reused.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm caches (templates, the site, the session)
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    queries = len(captured)
    if response.status_code != 200:
        return response.status_code, None, []
    timings = []
    for _ in range(requests):
        if fresh_charts:
            forget_charts()
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return 200, queries, timings


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=30, help="requests per page")
    args = parser.parse_args()

    django_on_a_fresh_database()
    from _incidents_data import IncidentsData
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from intranet import roles
    from tests.factories import staff_member

    data = IncidentsData()
    data.organisation()
    office = Client()
    office.force_login(staff_member(roles=[roles.ADMIN_OFFICE], department=data.departments[0]))
    staff = Client()
    staff.force_login(staff_member(department=data.departments[7]))
    page = reverse("incidents:statistics")
    csv = reverse("incidents:statistics_csv")
    rows = []
    for share in (10, 1):
        started = time.perf_counter()
        data.add(args.reports // share)
        print(f"{data.reports:,} reports ({data.cases:,} cases) written in "
              f"{time.perf_counter() - started:.0f} s", file=sys.stderr)  # fmt: skip
        for label, client, url, fresh in [
            ("statistics page, office (exact), charts drawn", office, page, True),
            ("statistics page, office (exact), charts reused", office, page, False),
            (
                "statistics page, office preview of the published",
                office,
                page + "?published=1",
                False,
            ),
            ("statistics page, staff member (published), charts drawn", staff, page, True),
            ("statistics page, staff member (published), charts reused", staff, page, False),
            ("statistics CSV, staff member (published)", staff, csv, False),
        ]:
            status, queries, timings = measure(client, url, args.requests, fresh)
            name = f"{label}, {data.reports:,} reports"
            if status != 200:
                rows.append([name, f"not measured (HTTP {status})", "", "", ""])
                continue
            rows.append([name, queries, *timing_cells(timings)])

    print(
        f"\n{connection.vendor}, {args.requests} requests per page, the last 12 months "
        "(four tables and their charts)\n"
    )
    print(markdown_table(["page", "SQL queries", "median ms", "p95 ms", "spread ms"], rows))


if __name__ == "__main__":
    main()
