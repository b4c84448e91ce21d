"""FAQ CSV import at scale: rows per second and peak memory.

    .venv/bin/python benchmarks/faq_import.py --rows 10000 --categories 200
    scripts/with-postgres .venv/bin/python benchmarks/faq_import.py  # on PostgreSQL

Rows are made from shared/corpus/python_faq_ja.csv (each question numbered so
that all differ) and spread over the categories, 「親 > 子」. The script times
the check of every row (``read_rows``) and the import itself (``import_rows``:
pages, revisions, audit log, tags, and both search indexes, Japanese pipeline
included) as the command runs them, in one transaction.
"""

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _faq_data import faq_csv, faq_home  # noqa: E402
from _setup import django_on_a_fresh_database, markdown_table  # noqa: E402


def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10000)
    parser.add_argument("--categories", type=int, default=200)
    args = parser.parse_args()

    django_on_a_fresh_database()
    from django.db import connection

    from faq.csv_import import import_rows, read_rows
    from faq.models import FaqIndexPage, FaqPage
    from search.backends import get_backend
    from search.backends.base import SearchRequest

    home = faq_home()
    data = faq_csv(args.rows, args.categories)
    baseline = rss_mb()

    started = time.perf_counter()
    report = read_rows(data, "質問", "回答", "分類", "タグ")
    checked = time.perf_counter() - started
    assert not report.errors, report.errors[:3]

    started = time.perf_counter()
    import_rows(report, home)
    imported = time.perf_counter() - started
    peak = rss_mb()

    assert FaqPage.objects.count() == args.rows == report.created
    categories = FaqIndexPage.objects.count() - 1
    indexed = get_backend().count(SearchRequest(text="Python", access=None, types=("faq",)))
    print(
        f"\n{args.rows:,} rows ({len(data) / 2**20:.1f} MB CSV) into {categories} categories "
        f"on {connection.vendor}; a search for 「Python」 finds {indexed:,} of them\n"
    )
    print(
        markdown_table(
            ["step", "seconds", "rows/s"],
            [
                ["check every row (read_rows)", f"{checked:.1f}", f"{args.rows / checked:,.0f}"],
                [
                    "import (pages, revisions, tags, search)",
                    f"{imported:.1f}",
                    f"{args.rows / imported:,.1f}",
                ],
            ],
        )
    )
    print()
    print(
        markdown_table(
            ["memory", "MB"],
            [["process RSS before the import", f"{baseline:,.0f}"], ["peak RSS", f"{peak:,.0f}"]],
        )
    )


if __name__ == "__main__":
    main()
