"""Relevance of each search engine on the judged query set over the Python FAQ and the demo FAQ.

    .venv/bin/python benchmarks/search_relevance.py
    scripts/with-elasticsearch .venv/bin/python benchmarks/search_relevance.py
    scripts/with-postgres .venv/bin/python benchmarks/search_relevance.py

Engines: the intranet's database engine (SQLite FTS5 or PostgreSQL, whichever
DATABASE_URL names), Elasticsearch when ELASTICSEARCH_URL is set, and, for
comparison, stock full-text search as Wagtail's database backend does it on
SQLite: FTS5 with its default unicode61 tokenizer over the raw text, every
query word required.

Prints recall@10, MRR and the number of queries that found nothing, overall
and per kind of query (hiragana, half-width, compound …).
"""

import json
import os
import sqlite3
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import BASE_DIR, django_on_a_fresh_database, faq_rows, markdown_table  # noqa: E402

QUERIES = BASE_DIR / "benchmarks" / "data" / "search_relevance_queries.json"
K = 10


class StockFts5:
    """What stock Wagtail search does on SQLite: FTS5, unicode61 tokenizer, raw text."""

    name = "stock FTS5 (Wagtail default)"

    def __init__(self, rows):
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE fts USING fts5(title, body)")
        self.db.executemany(
            "INSERT INTO fts (rowid, title, body) VALUES (?, ?, ?)",
            [(int(r["id"]), r["question"], r["answer"]) for r in rows],
        )

    def ranked_ids(self, query):
        words = query.split()
        if not words:
            return []
        expression = " AND ".join('"' + w.replace('"', '""') + '"' for w in words)
        try:
            rows = self.db.execute(
                "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY bm25(fts, 4.0, 1.0) LIMIT ?",
                (expression, K),
            ).fetchall()
        except sqlite3.OperationalError:
            return []
        return [row[0] for row in rows]


class IntranetEngine:
    def __init__(self, backend, label):
        self.backend = backend
        self.name = label

    def ranked_ids(self, query):
        from search.backends.base import SearchRequest

        results = self.backend.search(SearchRequest(text=query, access=None, limit=K))
        return [int(hit.object_id) for hit in results.hits]


def demo_faq_rows():
    """The demo IT-desk FAQ as rows, ids from 1001, indexed as the FAQ type indexes it."""
    from faq.demo import FAQS

    return [
        {
            "id": str(1001 + number),
            "question": question,
            "answer": "\n".join(paragraphs + (steps or []) + [keywords, tags]),
        }
        for number, (_slug, question, paragraphs, steps, keywords, tags, *_rest) in enumerate(FAQS)
    ]


def documents(rows):
    from search.documents import SearchDocument

    return [
        SearchDocument(
            doc_type="faq",
            object_id=row["id"],
            title=row["question"],
            body=row["answer"],
            url=f"/faq/{row['id']}/",
        )
        for row in rows
    ]


def evaluate(engine, queries):
    per_kind = defaultdict(lambda: {"recall": 0.0, "rr": 0.0, "zero": 0, "n": 0})
    for item in queries:
        ranked = engine.ranked_ids(item["query"])
        relevant = set(item["relevant"])
        found = [doc for doc in ranked[:K] if doc in relevant]
        reciprocal = next((1 / rank for rank, doc in enumerate(ranked, 1) if doc in relevant), 0)
        for kind in ("all", item["kind"]):
            stats = per_kind[kind]
            stats["recall"] += len(found) / len(relevant)
            stats["rr"] += reciprocal
            stats["zero"] += not ranked
            stats["n"] += 1
    return per_kind


def main():
    django_on_a_fresh_database()
    from django.db import connection

    from search.backends.database import DatabaseBackend

    rows = faq_rows() + demo_faq_rows()
    queries = json.loads(QUERIES.read_text(encoding="utf-8"))["queries"]
    engines = [StockFts5(rows)]
    database = DatabaseBackend()
    database.rebuild(documents(rows))
    engines.append(IntranetEngine(database, f"intranet: {connection.vendor}"))
    if os.environ.get("ELASTICSEARCH_URL"):
        from search.backends.elasticsearch import ElasticsearchBackend

        elastic = ElasticsearchBackend(alias="bench-relevance")
        elastic.rebuild(documents(rows))
        engines.append(IntranetEngine(elastic, "intranet: elasticsearch"))

    results = {engine.name: evaluate(engine, queries) for engine in engines}
    print(
        f"{len(queries)} judged queries over {len(rows)} FAQ entries; recall@{K}, MRR, "
        "queries with zero results\n"
    )
    print(
        markdown_table(
            ["engine", f"recall@{K}", "MRR", "zero-result queries"],
            [
                (
                    name,
                    f"{s['all']['recall'] / s['all']['n']:.3f}",
                    f"{s['all']['rr'] / s['all']['n']:.3f}",
                    f"{s['all']['zero']} / {s['all']['n']}",
                )
                for name, s in results.items()
            ],
        )
    )
    kinds = sorted({item["kind"] for item in queries})
    print(f"\nrecall@{K} by kind of query\n")
    print(
        markdown_table(
            ["engine", *kinds],
            [
                (name, *(f"{s[k]['recall'] / s[k]['n']:.2f}" for k in kinds))
                for name, s in results.items()
            ],
        )
    )
    if os.environ.get("ELASTICSEARCH_URL"):
        for name in elastic._indexes_behind_alias():
            elastic.client.indices.delete(index=name)


if __name__ == "__main__":
    main()
