"""The bulletin board at scale: SQL queries and render time of the board and of a notice page.

    .venv/bin/python benchmarks/bulletin_pages.py          # 2,000 staff, 50,000 notices, 5M reads
    .venv/bin/python benchmarks/bulletin_pages.py --staff 200 --notices 2000 --reads 50000
    scripts/with-postgres .venv/bin/python benchmarks/bulletin_pages.py

The data (_bulletin_data.py) is generated in two steps, first a tenth of
it and then the rest, and both pages are measured after each, so the table
shows whether the number of queries grows with the data. Pages are requested
by a staff member of 市民課 through Django's test client (the whole
middleware stack, templates included): the board (``bulletin:index``) and
notice pages (``bulletin:notice``) drawn at random from the notices on the
board for that member; opening a notice records it as read, as it does for
staff.
"""

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bulletin_data import BulletinData, add_size_arguments, staff_member_in  # noqa: E402
from _setup import django_on_a_fresh_database, markdown_table, timing_cells  # noqa: E402


def measure(client, urls, requests):
    """(SQL queries of one request, timings in ms of ``requests`` requests over ``urls``)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(urls[0])  # warm caches (templates, the site, the session)
    connection.queries_log.clear()  # the generator filled it; a full log records nothing new
    with CaptureQueriesContext(connection) as captured:
        response = client.get(urls[-1])
    queries = len(captured)  # now: the next request clears Django's query log
    assert response.status_code == 200, (urls[-1], response.status_code)
    timings = []
    for number in range(requests):
        started = time.perf_counter()
        response = client.get(urls[number % len(urls)])
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return queries, timings


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_size_arguments(parser)
    parser.add_argument("--requests", type=int, default=200, help="requests per page")
    args = parser.parse_args()

    django_on_a_fresh_database()
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from bulletin.models import Notice

    data = BulletinData(planned_staff=args.staff)
    client = Client()
    rng = random.Random(5)
    rows, reader = [], None
    print(f"Generating on {connection.vendor}:")
    for share in (10, 1):
        data.add(
            args.staff // share,
            args.notices // share - data.notice_count,
            args.reads // share - data.read_count,
        )
        if reader is None:
            reader = staff_member_in("市民課")
            client.force_login(reader)
        on_board = Notice.objects.visible_to(reader).current()
        sample = rng.sample(list(on_board.values_list("pk", flat=True)), min(100, on_board.count()))
        size = f"{data.notice_count:,} notices, {data.read_count:,} reads"
        pages = [
            (f"board ({on_board.count():,} notices on it)", [reverse("bulletin:index")]),
            ("notice page (100 random)", [reverse("bulletin:notice", args=[pk]) for pk in sample]),
        ]
        for label, urls in pages:
            queries, timings = measure(client, urls, args.requests)
            rows.append([size, label, queries, *timing_cells(timings)])

    generation = sum(seconds for _, seconds in data.timings)
    print(
        f"\n{args.staff:,} staff on {connection.vendor} (data generated in {generation:.0f} s), "
        f"{args.requests} requests per page, logged in as a staff member of 市民課\n"
    )
    headers = ["data", "page", "SQL queries", "median ms", "p95 ms", "spread ms"]
    print(markdown_table(headers, rows))


if __name__ == "__main__":
    main()
