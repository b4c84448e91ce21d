"""The case collection at scale: SQL queries and time of its list, first page and filtered.

    .venv/bin/python benchmarks/incidents_collection.py                  # 100,000 reports
    .venv/bin/python benchmarks/incidents_collection.py --reports 10000
    scripts/with-postgres .venv/bin/python benchmarks/incidents_collection.py

Reports come from ``_incidents_data.py``; about 5% of them are published cases.
Measured twice (a tenth of the reports, then all), as the administration office
(who sees every case) and as a staff member (published ones only): the list
page ``incidents:index`` through Django's test client, its first page and a
page filtered by category and level, when the page answers; and always the
query the list runs (``rules.visible_cases`` with the filters, the first 30
cases with their categories and departments, and the count of all).
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import django_on_a_fresh_database, markdown_table, timing_cells  # noqa: E402
from incidents_statistics import measure  # noqa: E402

PAGE_SIZE = 30


def first_page(user, **filters):
    """What the list shows: the user's visible cases, filtered, the first 30 and the count."""
    from incidents import rules

    cases = rules.visible_cases(user).filter(**filters)
    shown = list(
        cases.order_by("-occurred_on", "-pk")
        .prefetch_related("category", "department")
        .defer("what_happened", "causes", "immediate_action", "prevention", "lessons")[:PAGE_SIZE]
    )
    return shown, cases.count()


def measure_query(user, filters, requests):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first_page(user, **filters)
    with CaptureQueriesContext(connection) as captured:
        first_page(user, **filters)
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        first_page(user, **filters)
        timings.append((time.perf_counter() - started) * 1000)
    return len(captured), timings


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

    from incidents.models import Category
    from intranet import roles
    from tests.factories import staff_member

    data = IncidentsData()
    data.organisation()
    readers = {
        "office": staff_member(roles=[roles.ADMIN_OFFICE], department=data.departments[0]),
        "staff member": staff_member(department=data.departments[7]),
    }
    category = Category.objects.order_by("sort_order", "pk").first()
    filters = {"category": category.pk, "level": 1}
    index = reverse("incidents:index")
    filtered_url = f"{index}?category={category.pk}&level=1"
    rows = []
    for share in (10, 1):
        started = time.perf_counter()
        data.add(args.reports // share)
        print(f"{data.reports:,} reports ({data.cases:,} cases) written in "
              f"{time.perf_counter() - started:.0f} s", file=sys.stderr)  # fmt: skip
        size = f"{data.reports:,} reports, {data.cases:,} cases"
        for who, user in readers.items():
            client = Client()
            client.force_login(user)
            for label, url in [("first page", index), ("category + level", filtered_url)]:
                status, queries, timings = measure(client, url, args.requests)
                name = f"incidents:index {label}, {who}, {size}"
                if status != 200:
                    rows.append([name, f"not measured (HTTP {status})", "", "", ""])
                else:
                    rows.append([name, queries, *timing_cells(timings)])
            for label, where in [("first 30 + count", {}), ("category + level", filters)]:
                queries, timings = measure_query(user, where, args.requests)
                rows.append([f"list query {label}, {who}, {size}", queries, *timing_cells(timings)])

    print(f"\n{connection.vendor}, {args.requests} requests per row\n")
    print(
        markdown_table(["page or query", "SQL queries", "median ms", "p95 ms", "spread ms"], rows)
    )


if __name__ == "__main__":
    main()
