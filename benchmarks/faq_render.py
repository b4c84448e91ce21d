"""FAQ pages at scale: SQL queries and render time of an FAQ, a category and the FAQ home.

    .venv/bin/python benchmarks/faq_render.py --faqs 10000 --categories 200
    scripts/with-postgres .venv/bin/python benchmarks/faq_render.py  # on PostgreSQL

The FAQs are imported as in faq_import.py. Pages are measured twice, first
with a tenth of the FAQs and then with all of them, so the table shows that
the number of queries does not grow with the number of FAQs. Each page is
requested by a logged-in staff member through Django's test client (the whole
middleware stack, templates included); FAQ pages are drawn at random, and
twenty of them are read before each round so that the "most read" lists have
something to show.
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _faq_data import faq_csv, faq_home  # noqa: E402
from _setup import django_on_a_fresh_database, markdown_table  # noqa: E402


def import_faqs(home, count, categories, start):
    from faq.csv_import import import_rows, read_rows

    report = read_rows(faq_csv(count, categories, start), "質問", "回答", "分類", "タグ")
    import_rows(report, home)


def measure(client, urls, requests):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from faq import view_counts

    view_counts.flush()
    client.get(urls[0])  # warm caches (site root paths, templates)
    connection.queries_log.clear()  # the import filled it; a full log records nothing new
    with CaptureQueriesContext(connection) as captured:
        response = client.get(urls[-1])
    queries = len(captured)  # now: the next request clears Django's query log
    assert response.status_code == 200, (urls[-1], response.status_code)
    timings = []
    for number in range(requests):
        started = time.perf_counter()
        client.get(urls[number % len(urls)])
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return queries, statistics.median(timings), timings[int(len(timings) * 0.95) - 1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--faqs", type=int, default=10000)
    parser.add_argument("--categories", type=int, default=200)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    django_on_a_fresh_database()
    from django.db import connection
    from django.test import Client

    from faq import view_counts
    from faq.models import FaqIndexPage, FaqPage
    from tests.factories import staff_member

    home = faq_home()
    client = Client()
    client.force_login(staff_member())
    rng = random.Random(5)
    rows, imported = [], 0
    for size in (args.faqs // 10, args.faqs):
        import_faqs(home, size - imported, args.categories, imported)
        imported = size
        top = FaqIndexPage.objects.child_of(home).order_by("path").first()
        leaf = FaqIndexPage.objects.child_of(top).order_by("path").first()
        sample = rng.sample(list(FaqPage.objects.all()), min(100, imported))
        faq_urls = [page.url for page in sample]
        for url in faq_urls[:20]:  # some reading, so the "most read" lists are not empty
            client.get(url)
        view_counts.flush()
        pages = [
            ("FAQ home", [home.url]),
            ("top category (20 subcategories)", [top.url]),
            (f"leaf category ({FaqPage.objects.child_of(leaf).count()} FAQs)", [leaf.url]),
            ("FAQ page (100 random)", faq_urls),
        ]
        for label, urls in pages:
            queries, median, p95 = measure(client, urls, args.requests)
            rows.append([f"{size:,}", label, queries, f"{median:.1f}", f"{p95:.1f}"])

    print(
        f"\n{args.faqs:,} FAQs in {args.categories} categories on {connection.vendor}, "
        f"{args.requests} requests per page\n"
    )
    print(markdown_table(["FAQs", "page", "SQL queries", "median ms", "p95 ms"], rows))


if __name__ == "__main__":
    main()
