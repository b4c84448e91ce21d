"""Suggestion latency: the header box's suggestion view, timed on the server, at 100,000 documents.

    .venv/bin/python benchmarks/search_suggest.py --cache-dir /tmp/bench   # SQLite
    scripts/with-postgres .venv/bin/python benchmarks/search_suggest.py  # PostgreSQL
    scripts/with-elasticsearch .venv/bin/python benchmarks/search_suggest.py  # and Elasticsearch

The Japanese pipeline takes about ten minutes for 100,000 documents; with
--cache-dir its output is kept, and the next engine's run starts at once.
What is timed is what the box waits for: a GET of /search/suggest/?q=… through
Django's test client (middleware, login session, the view, JSON), as a real
staff member (a department, the 一般職員 group: the engine's permission filter
is in every query). Documents are generated from the real Japanese text in
shared/corpus: a quarter are FAQs titled with the Python FAQ's questions (each
with a different system name, so titles differ), the rest titled with the
opening of an assembly speech; a tenth are restricted to the IT desk. The
search log holds a realistic spread of past searches over 90 days from 40
departments, so the popular-search list is built and matched too (its build,
once every few minutes, is reported on its own).

What is typed is drawn from the FAQ titles as staff would type them: the
beginning (1–4 characters) of a title word, half of the time its reading in
hiragana as the IME shows it while composing, half as written. Each prefix is
asked after a warm-up; the table gives the median, p95, the spread and the
share of prefixes that got no suggestion, per prefix length and engine.
"""

import argparse
import os
import pickle
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import (  # noqa: E402
    CORPUS,
    django_on_a_fresh_database,
    faq_rows,
    markdown_table,
    timing_cells,
)

BODY_CHARS = 600
DEPARTMENTS = 40
SYSTEMS = [
    "庁内LAN",
    "グループウェア",
    "財務会計システム",
    "文書管理システム",
    "人事給与システム",
    "住民記録システム",
    "電子申請",
    "テレワーク端末",
    "庁内メール",
    "複合機",
    "無線LAN",
    "VPN",
    "Web会議",
    "統合型GIS",
    "例規集",
    "庶務事務システム",
]


def speeches():
    texts = []
    for path in sorted((CORPUS / "minutes").glob("*.txt")):
        parts = re.split(r"\n(?=○)", path.read_text(encoding="utf-8"))
        texts += [part.strip() for part in parts if len(part.strip()) > 80]
    return texts


def generate(count, seed=7):
    """``count`` different documents; every fourth an FAQ titled with a real FAQ question."""
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from search.documents import EVERY_STAFF_MEMBER, SearchDocument, group_token

    questions = [row["question"] for row in faq_rows()]
    answers = [row["answer"] for row in faq_rows()]
    texts = speeches()
    rng = random.Random(seed)
    start = datetime(2020, 1, 1, tzinfo=ZoneInfo("Asia/Tokyo"))
    for number in range(count):
        doc_type = ("faq", "notice", "material", "case")[number % 4]
        if doc_type == "faq":
            title = f"{rng.choice(questions)}（{SYSTEMS[number // 4 % len(SYSTEMS)]}）"
            body = (rng.choice(answers) + "\n" + rng.choice(texts))[:BODY_CHARS]
        else:
            first = rng.choice(texts)
            title = first.split("\n", 1)[0].lstrip("○")[:40] + f" 第{number}号"
            body = (first + "\n" + rng.choice(texts))[:BODY_CHARS]
        restricted = number % 10 == 0
        yield SearchDocument(
            doc_type=doc_type,
            object_id=str(number),
            title=title,
            body=body,
            url=f"/doc/{number}/",
            date=start + timedelta(hours=number),
            department_id=number % DEPARTMENTS,
            access=(group_token("情報システム担当"),) if restricted else (EVERY_STAFF_MEMBER,),
        )


def indexed_documents(count, cache_dir):
    """The documents with their terms; the Japanese pipeline's output is kept between runs."""
    path = Path(cache_dir) / f"suggest-documents-{count}.pickle" if cache_dir else None
    if path and path.exists():
        return pickle.loads(path.read_bytes()), 0.0
    started = time.perf_counter()
    documents = [document.with_terms() for document in generate(count)]
    seconds = time.perf_counter() - started
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(documents))
    return documents, seconds


def title_words():
    """(written, reading) of the content words of the FAQ questions, as staff would type them."""
    from sudachipy import SplitMode

    from intranet.kana import to_hiragana
    from search.text import _tokenizer, normalize

    words = []
    for question in {row["question"] for row in faq_rows()}:
        for morpheme in _tokenizer().tokenize(normalize(question), SplitMode.C):
            if morpheme.part_of_speech()[0] not in {"名詞", "動詞", "形容詞"}:
                continue
            written = morpheme.surface()
            if not written.strip():
                continue
            words.append((written, to_hiragana(morpheme.reading_form() or written)))
    return sorted(set(words))


def prefixes(per_length, seed=13):
    words = title_words()
    rng = random.Random(seed)
    drawn = {}
    for length in (1, 2, 3, 4):
        chosen = []
        while len(chosen) < per_length:
            written, reading = rng.choice(words)
            typed = reading if rng.random() < 0.5 else written
            if len(typed) >= length:
                chosen.append(typed[:length])
        drawn[length] = chosen
    return drawn


def fill_search_log(entries, seed=17):
    """Past searches over 90 days from every department: FAQ title words, Zipf-weighted."""
    from datetime import timedelta

    from django.utils import timezone

    from intranet.models import Department
    from search.models import SearchQueryLog

    departments = list(Department.objects.all())
    vocabulary = [written.lower() for written, _reading in title_words()]
    rng = random.Random(seed)
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    now = timezone.now()
    rows = []
    for _ in range(entries):
        words = rng.choices(vocabulary, weights=weights, k=rng.choice((1, 1, 2)))
        rows.append(
            SearchQueryLog(
                query=" ".join(dict.fromkeys(words))[:200],
                department=rng.choice(departments),
                hits=0 if rng.random() < 0.15 else rng.randint(1, 300),
            )
        )
    made = SearchQueryLog.objects.bulk_create(rows, batch_size=2000)
    for entry in made:  # spread over the last 90 days
        entry.created_at = now - timedelta(minutes=rng.randint(0, 90 * 24 * 60))
    SearchQueryLog.objects.bulk_update(made, ["created_at"], batch_size=2000)


def staff_member():
    """A real staff member: a department, a profile, the 一般職員 group (no special rights)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from intranet import roles
    from intranet.models import Department, StaffProfile

    for number in range(DEPARTMENTS):
        Department.objects.get_or_create(
            code=f"B{number:03d}",
            defaults={
                "name": f"第{number}課",
                "kind": Department.Kind.KA,
                "extension_from": 5000 + number * 10,
                "extension_to": 5009 + number * 10,
            },
        )
    user = get_user_model().objects.create_user("bench-staff", password="unused-password")
    user.groups.add(Group.objects.get_or_create(name=roles.STAFF)[0])
    StaffProfile.objects.create(
        user=user,
        staff_number="B00001",
        full_name="計測 花子",
        full_name_kana="けいそく はなこ",
        department=Department.objects.get(code="B000"),
        extension="5001",
        job_title="主事",
    )
    return user


def time_suggestions(client, drawn, warm_up):
    from django.urls import reverse

    url = reverse("search:suggest")
    every = [text for texts in drawn.values() for text in texts]
    for text in every[:warm_up]:
        client.get(url, {"q": text})
    rows = []
    for length, texts in drawn.items():
        timings, empty, counts = [], 0, []
        for text in texts:
            started = time.perf_counter()
            response = client.get(url, {"q": text})
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (text, response.status_code)
            found = sum(len(group["items"]) for group in response.json()["groups"])
            counts.append(found)
            empty += not found
        rows.append(
            (
                length,
                *timing_cells(timings),
                f"{empty / len(texts):.0%}",
                f"{sum(counts) / len(counts):.1f}",
            )
        )
    return rows


def popular_build_ms():
    from search import suggest

    suggest.forget_popular_queries()
    started = time.perf_counter()
    entries = suggest.popular_queries()
    return (time.perf_counter() - started) * 1000, len(entries)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--prefixes", type=int, default=200, help="prefixes per length")
    parser.add_argument("--log-entries", type=int, default=30_000, help="past searches")
    parser.add_argument("--warm-up", type=int, default=50)
    parser.add_argument(
        "--cache-dir", default="", help="keep the pipeline's output here between runs"
    )
    args = parser.parse_args()

    django_on_a_fresh_database()
    from django.db import connection
    from django.test import Client, override_settings

    from search.backends import get_backend, reset_backends

    documents, pipeline_seconds = indexed_documents(args.documents, args.cache_dir)
    user = staff_member()
    fill_search_log(args.log_entries)
    drawn = prefixes(args.prefixes)
    print(
        f"{args.documents:,} documents ({args.documents // 4:,} FAQs), "
        f"Japanese pipeline {pipeline_seconds:.0f} s; {args.log_entries:,} past searches; "
        f"{args.prefixes} prefixes per length\n"
    )

    engines = [(f"database ({connection.vendor})", "database")]
    if os.environ.get("EXPECT_ELASTICSEARCH") or os.environ.get("ELASTICSEARCH_URL"):
        engines.append(("elasticsearch", "elasticsearch"))

    rows, builds = [], []
    for label, name in engines:
        with override_settings(SEARCH_BACKEND=name, SEARCH_INDEX_NAME="bench-suggest"):
            reset_backends()
            backend = get_backend()
            backend.rebuild(iter(documents), batch_size=1000)
            if connection.vendor == "postgresql" and name == "database":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            build_ms, kept = popular_build_ms()
            builds.append((label, f"{build_ms:.0f}", kept))
            client = Client()
            client.force_login(user)
            rows += [(label, *row) for row in time_suggestions(client, drawn, args.warm_up)]
            if name == "elasticsearch":
                for index in backend._indexes_behind_alias():
                    backend.client.indices.delete(index=index)
            reset_backends()

    print(
        markdown_table(
            [
                "engine",
                "typed chars",
                "median ms",
                "p95 ms",
                "fastest–slowest ms",
                "no suggestion",
                "mean suggestions",
            ],
            rows,
        )
    )
    print("\nbuilding the popular-search list (once every few minutes, per process)\n")
    print(markdown_table(["engine", "build ms", "queries kept"], builds))


if __name__ == "__main__":
    main()
