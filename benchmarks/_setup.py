"""Shared set-up for the benchmark scripts: Django on a throwaway database, the corpus."""

import csv
import math
import os
import sys
import tempfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
# The corpus beside the project (or inside it); CORPUS_DIR names another place.
CORPUS = BASE_DIR.parent / "shared" / "corpus"
if not CORPUS.exists():
    CORPUS = BASE_DIR / "shared" / "corpus"
if os.environ.get("CORPUS_DIR"):
    CORPUS = Path(os.environ["CORPUS_DIR"])


def django_on_a_fresh_database():
    """Configure Django against a new temporary SQLite file (or DATABASE_URL) and migrate it."""
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intranet.settings.test")
    if "DATABASE_URL" not in os.environ:
        path = Path(tempfile.mkdtemp()) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def faq_rows():
    with open(CORPUS / "python_faq_ja.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def markdown_table(headers, rows):
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def timing_cells(milliseconds):
    """Median, p95 and spread (fastest–slowest) of timings in ms, as table cells."""
    import statistics

    ordered = sorted(milliseconds)
    p95 = ordered[max(0, math.ceil(len(ordered) * 0.95) - 1)]
    return [
        f"{statistics.median(ordered):.1f}",
        f"{p95:.1f}",
        f"{ordered[0]:.1f}–{ordered[-1]:.1f}",
    ]
