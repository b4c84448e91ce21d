"""Search speed at scale: indexing throughput, index size, query latency and memory.

    .venv/bin/python benchmarks/search_speed.py --documents 100000
    scripts/with-elasticsearch .venv/bin/python benchmarks/search_speed.py  # and Elasticsearch
    scripts/with-postgres .venv/bin/python benchmarks/search_speed.py  # PostgreSQL, not SQLite

Documents are generated from the real Japanese text in shared/corpus: the
Python FAQ (question and answer) and the Tokyo Metropolitan Assembly minutes
(one speech a paragraph), combined so that every document differs. The
Japanese pipeline runs once (timed on its own); every engine then indexes the
same terms. Queries of 1, 2 and 4 words are drawn from nouns of the corpus and
run as an ordinary staff member (so the permission filter is part of every
query).
"""

import argparse
import os
import random
import re
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import CORPUS, django_on_a_fresh_database, faq_rows, markdown_table  # noqa: E402

BODY_CHARS = 600


def paragraphs():
    texts = [f"{row['question']}\n{row['answer']}" for row in faq_rows()]
    for path in sorted((CORPUS / "minutes").glob("*.txt")):
        speeches = re.split(r"\n(?=○)", path.read_text(encoding="utf-8"))
        texts += [speech.strip() for speech in speeches if len(speech.strip()) > 80]
    return texts


def generate(count, seed=7):
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from search.documents import EVERY_STAFF_MEMBER, SearchDocument, group_token

    texts = paragraphs()
    rng = random.Random(seed)
    start = datetime(2020, 1, 1, tzinfo=ZoneInfo("Asia/Tokyo"))
    for number in range(count):
        first, second = rng.choice(texts), rng.choice(texts)
        title = first.split("\n", 1)[0].lstrip("○")[:40]
        body = (first + "\n" + second)[:BODY_CHARS]
        restricted = number % 10 == 0
        yield SearchDocument(
            doc_type=("faq", "notice", "material", "case")[number % 4],
            object_id=str(number),
            title=title,
            body=body,
            url=f"/doc/{number}/",
            date=start + timedelta(hours=number),
            department_id=number % 40,
            access=(group_token("情報システム担当"),) if restricted else (EVERY_STAFF_MEMBER,),
        )


def query_words(count, seed=11):
    from search.text import _morphemes

    nouns = set()
    for row in faq_rows():
        for morpheme in _morphemes(row["question"] + row["answer"][:200]):
            if morpheme.part_of_speech()[0] == "名詞" and len(morpheme.surface()) >= 2:
                nouns.add(morpheme.surface())
    nouns = sorted(nouns)
    rng = random.Random(seed)
    return {size: [" ".join(rng.sample(nouns, size)) for _ in range(count)] for size in (1, 2, 4)}


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def sqlite_size_mb():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA page_count")
        pages = cursor.fetchone()[0]
        cursor.execute("PRAGMA page_size")
        return pages * cursor.fetchone()[0] / 1e6


def postgres_size_mb():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_total_relation_size('search_indexeddocument') "
            "+ pg_total_relation_size('search_documentaccess')"
        )
        return cursor.fetchone()[0] / 1e6


def elasticsearch_size_mb(backend):
    stats = backend.client.indices.stats(index=backend.alias, metric="store")
    return stats["_all"]["primaries"]["store"]["size_in_bytes"] / 1e6


def elasticsearch_heap_mb(backend):
    stats = backend.client.nodes.stats(metric="jvm")
    node = next(iter(stats["nodes"].values()))
    return node["jvm"]["mem"]["heap_used_in_bytes"] / 1e6


def latency(backend, queries):
    from search.backends.base import SearchRequest

    access = frozenset({"staff"})
    rows = []
    for size, texts in queries.items():
        timings, hits = [], []
        for text in texts:
            started = time.perf_counter()
            results = backend.search(SearchRequest(text=text, access=access, limit=20))
            timings.append((time.perf_counter() - started) * 1000)
            hits.append(results.total)
        timings.sort()
        rows.append(
            (
                size,
                f"{statistics.median(timings):.1f}",
                f"{timings[int(len(timings) * 0.95) - 1]:.1f}",
                f"{statistics.median(hits):.0f}",
            )
        )
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=100, help="queries per query length")
    args = parser.parse_args()

    django_on_a_fresh_database()
    from django.db import connection

    from search.backends.database import DatabaseBackend

    started = time.perf_counter()
    documents = [document.with_terms() for document in generate(args.documents)]
    pipeline_seconds = time.perf_counter() - started
    chars = sum(len(d.title) + len(d.body) for d in documents)
    queries = query_words(args.queries)
    print(
        f"{args.documents:,} documents, {chars / 1e6:.1f} M characters; "
        f"Japanese pipeline: {args.documents / pipeline_seconds:,.0f} docs/s "
        f"({chars / pipeline_seconds / 1e3:,.0f} k chars/s), peak RSS {peak_rss_mb():,.0f} MB\n"
    )

    engines = [(f"database ({connection.vendor})", DatabaseBackend())]
    if os.environ.get("ELASTICSEARCH_URL"):
        from search.backends.elasticsearch import ElasticsearchBackend

        engines.append(("elasticsearch", ElasticsearchBackend(alias="bench-speed")))

    summary, timings = [], []
    for name, backend in engines:
        started = time.perf_counter()
        backend.rebuild(iter(documents), batch_size=1000)
        seconds = time.perf_counter() - started
        if backend.name == "elasticsearch":
            size, memory = (
                elasticsearch_size_mb(backend),
                f"JVM heap {elasticsearch_heap_mb(backend):,.0f} MB",
            )
        elif connection.vendor == "sqlite":
            size, memory = sqlite_size_mb(), f"process RSS {peak_rss_mb():,.0f} MB"
        else:
            size, memory = postgres_size_mb(), f"process RSS {peak_rss_mb():,.0f} MB"
        summary.append((name, f"{args.documents / seconds:,.0f}", f"{size:,.0f}", memory))
        timings += [(name, *row) for row in latency(backend, queries)]
        if backend.name == "elasticsearch":
            for index in backend._indexes_behind_alias():
                backend.client.indices.delete(index=index)

    print(markdown_table(["engine", "indexing docs/s", "index size MB", "memory"], summary))
    print(f"\nquery latency, {args.queries} queries per length, limit 20, as a staff member\n")
    print(markdown_table(["engine", "words", "median ms", "p95 ms", "median hits"], timings))


if __name__ == "__main__":
    main()
