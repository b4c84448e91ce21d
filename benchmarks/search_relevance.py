"""Relevance of search on judged Japanese queries over the Python FAQ and the demo IT-desk FAQ.

    .venv/bin/python benchmarks/search_relevance.py
    TEST_PG_PORT=54361 scripts/with-postgres .venv/bin/python benchmarks/search_relevance.py
    ES_PORT=9281 scripts/with-elasticsearch .venv/bin/python benchmarks/search_relevance.py

    .venv/bin/python benchmarks/search_relevance.py --pool            # candidates to judge
    .venv/bin/python benchmarks/search_relevance.py --misses          # tuning queries missed

Systems, each asked every query and read to its first 10 results:
- stock: full-text search as Wagtail's database backend does it on SQLite: FTS5
  with its default unicode61 tokenizer over the raw text, every word required;
- trigram: a substring baseline: FTS5 with the trigram tokenizer over the raw
  text folded by NFKC and lower case, every word required as a substring
  (words shorter than three characters by LIKE), ranked by BM25;
- the intranet's database engine (SQLite FTS5 or PostgreSQL, whichever
  DATABASE_URL names) and, when ELASTICSEARCH_URL is set in the environment,
  Elasticsearch, each measured twice: "page" is what the search page shows a
  staff member (the view is requested and its ranked list read: the main
  list, and below it any list the page adds when the main one is empty, so a
  fallback counts whichever way the page presents it), "engine" is one
  engine call with every word required.

The judged queries (benchmarks/data/search_relevance_queries.json) are split
into a tuning set and a held-out set that no tuning may look at; the tables
report each set apart, per kind of query: recall@10, mean reciprocal rank
and the queries that showed nothing. ``--pool`` prints, for each query, the
union of every system's first 10 results in a shuffled order and without
saying which system found what: the judges read those and record the
relevant ids. ``--misses`` lists the tuning queries the intranet's page
misses; held-out queries are never listed.
"""

import argparse
import csv
import hashlib
import json
import os
import random
import sqlite3
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import BASE_DIR, django_on_a_fresh_database, markdown_table  # noqa: E402

QUERIES = BASE_DIR / "benchmarks" / "data" / "search_relevance_queries.json"
# The Python FAQ as the demo imports it (the same file as shared/corpus/python_faq_ja.csv).
PYTHON_FAQ = BASE_DIR / "faq" / "demo_data" / "python_faq_ja.csv"
K = 10
ES_ALIAS = "bench-relevance"


# --- the corpus -----------------------------------------------------------------------------


def python_faq_rows():
    with open(PYTHON_FAQ, encoding="utf-8") as f:
        return [
            {"id": int(r["id"]), "question": r["question"], "answer": r["answer"], "keywords": ""}
            for r in csv.DictReader(f)
        ]


def demo_faq_rows():
    """The demo IT-desk FAQ, ids from 1001, as the FAQ type indexes it (faq/search.py).

    The body is the answer as its page shows it (first paragraph, steps, the
    other paragraphs); keywords and tags are keywords, as ``faq_keywords`` makes them.
    """
    from faq.demo import FAQS

    rows = []
    for number, (_slug, question, paragraphs, steps, keywords, tags, *_rest) in enumerate(FAQS):
        answer = [paragraphs[0], *(steps or []), *paragraphs[1:]]
        tag_names = " ".join(tag.strip() for tag in tags.split(","))
        rows.append(
            {
                "id": 1001 + number,
                "question": question,
                "answer": "\n".join(answer),
                "keywords": f"{keywords} {tag_names}",
            }
        )
    return rows


def documents(rows):
    from search.documents import SearchDocument

    return [
        SearchDocument(
            doc_type="faq",
            object_id=str(row["id"]),
            title=row["question"],
            body=row["answer"],
            keywords=row["keywords"],
            url=f"/faq/{row['id']}/",
        )
        for row in rows
    ]


# --- the systems ----------------------------------------------------------------------------


class StockFts5:
    """What stock Wagtail search does on SQLite: FTS5, unicode61 tokenizer, raw text.

    Wagtail's SQLite backend indexes the title and, as the body, every other
    search field (the answer, keywords and tags); every query word is required.
    """

    name = "stock Wagtail (FTS5 unicode61)"

    def __init__(self, rows):
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE fts USING fts5(title, body)")
        self.db.executemany(
            "INSERT INTO fts (rowid, title, body) VALUES (?, ?, ?)",
            [(r["id"], r["question"], f"{r['answer']}\n{r['keywords']}") for r in rows],
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


def fold(text):
    return unicodedata.normalize("NFKC", text).lower()


class Trigram:
    """A substring baseline: FTS5's trigram tokenizer over the NFKC-folded raw text.

    Every whitespace-separated query word must occur as a substring of the
    title, body or keywords; words of three characters or more go through
    the trigram index (and rank by BM25, title and keywords weighted as the
    stock row weights the title), shorter ones through LIKE. No Japanese
    segmentation, no readings: what a cheap Japanese search does.
    """

    name = "trigram (FTS5 trigram, NFKC)"

    def __init__(self, rows):
        self.db = sqlite3.connect(":memory:")
        self.db.execute(
            "CREATE VIRTUAL TABLE fts USING fts5(title, body, keywords, tokenize='trigram')"
        )
        self.db.executemany(
            "INSERT INTO fts (rowid, title, body, keywords) VALUES (?, ?, ?, ?)",
            [(r["id"], fold(r["question"]), fold(r["answer"]), fold(r["keywords"])) for r in rows],
        )

    def ranked_ids(self, query):
        words = list(dict.fromkeys(fold(query).split()))
        if not words:
            return []
        long = [w for w in words if len(w) >= 3]
        short = [w for w in words if len(w) < 3]
        conditions, params, in_title = [], [], []
        if long:
            conditions.append("fts MATCH ?")
            params.append(" AND ".join('"' + w.replace('"', '""') + '"' for w in long))
        for word in short:
            pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            conditions.append(
                "(title LIKE ? ESCAPE '\\' OR body LIKE ? ESCAPE '\\' "
                "OR keywords LIKE ? ESCAPE '\\')"
            )
            params += [pattern] * 3
            in_title.append(word)
        if long:
            order, order_params = "bm25(fts, 4.0, 1.0, 4.0)", []
        else:  # no index to rank by: words in the title or keywords first
            order = " + ".join("(instr(title, ?) > 0) + (instr(keywords, ?) > 0)" for _ in short)
            order, order_params = f"{order} DESC, rowid", [w for w in short for _ in (1, 2)]
        sql = f"SELECT rowid FROM fts WHERE {' AND '.join(conditions)} ORDER BY {order} LIMIT ?"
        try:
            rows = self.db.execute(sql, (*params, *order_params, K)).fetchall()
        except sqlite3.OperationalError:
            return []
        return [row[0] for row in rows]


class IntranetEngine:
    """One call of an intranet engine, every word required: no fallback, no page."""

    def __init__(self, backend, label, access):
        self.backend = backend
        self.name = f"intranet {label}: engine"
        self.access = access

    def ranked_ids(self, query):
        from search.backends.base import SearchRequest

        results = self.backend.search(SearchRequest(text=query, access=self.access, limit=K))
        return [int(hit.object_id) for hit in results.hits]


class SearchPage:
    """What the search page shows a staff member, in order, read from the view's context.

    The page's results (``entries``, or the page's hits) come first; any list
    the page adds below them when they are empty (``suggestions``: the words
    found apart) follows, as the reader meets it. ``shown_total`` keeps the
    count the page announces (「検索結果: 0 件」 when only the second list has hits).
    """

    def __init__(self, client, backend_name, backend, label):
        self.client = client
        self.backend_name = backend_name
        self.backend = backend
        self.name = f"intranet {label}: page"
        self.shown_total = {}

    def ranked_ids(self, query):
        from django.test import override_settings
        from django.urls import reverse

        from search import backends

        backends._instances[self.backend_name] = self.backend
        with override_settings(SEARCH_BACKEND=self.backend_name):
            response = self.client.get(reverse("search:results"), {"q": query})
        if response.status_code != 200:
            raise RuntimeError(f"the search page answered {response.status_code} for {query!r}")
        context = response.context
        self.shown_total[query] = context.get("total", 0)
        ids = [int(hit.object_id) for hit in self._hits(context)]
        return list(dict.fromkeys(ids))[:K]

    @staticmethod
    def _hits(context):
        if "entries" in context:
            for entry in context["entries"]:
                for result in ([entry["head"]] if entry.get("head") else []) + entry["parts"]:
                    yield result["hit"]
        elif context.get("page") is not None:
            for result in context["page"].object_list:
                yield result["hit"]
        for result in context.get("suggestions") or ():
            yield result["hit"]


# --- judging and scoring --------------------------------------------------------------------


def load_queries():
    return json.loads(QUERIES.read_text(encoding="utf-8"))["queries"]


def judged(queries):
    return [q for q in queries if q.get("relevant")]


def evaluate(system, queries):
    """Per query: the ranked ids, recall@K, reciprocal rank and whether nothing came back."""
    scores = []
    for item in queries:
        ranked = system.ranked_ids(item["query"])[:K]
        relevant = set(item["relevant"])
        found = [doc for doc in ranked if doc in relevant]
        reciprocal = next((1 / rank for rank, doc in enumerate(ranked, 1) if doc in relevant), 0)
        scores.append(
            {
                "item": item,
                "ranked": ranked,
                "recall": len(found) / len(relevant),
                "rr": reciprocal,
                "zero": not ranked,
            }
        )
    return scores


def summary(scores):
    n = len(scores)
    if not n:
        return None
    return {
        "n": n,
        "recall": sum(s["recall"] for s in scores) / n,
        "mrr": sum(s["rr"] for s in scores) / n,
        "zero": sum(s["zero"] for s in scores),
    }


# The blocks of the report: the held-out set first (the figure to trust), then the set that
# tuning may look at, then the queries of the second round alone (both sets).
GROUPS = (
    ("held-out", lambda item: item["set"] == "held-out"),
    ("tuning", lambda item: item["set"] == "tuning"),
    ("round 2 (held-out and tuning)", lambda item: item.get("round") == 2),
)


def tables(systems, results, queries, pages):
    kinds = sorted({q["kind"] for q in queries})
    for title, belongs in GROUPS:
        in_group = [q for q in queries if belongs(q)]
        if not in_group:
            continue
        print(f"\n### {title}: {len(in_group)} judged queries\n")
        rows = []
        for system in systems:
            scores = [s for s in results[system.name] if belongs(s["item"])]
            total = summary(scores)
            zero_shown = ""
            if system in pages:
                zero_shown = sum(
                    1 for s in scores if not system.shown_total.get(s["item"]["query"])
                )
            rows.append(
                (
                    system.name,
                    f"{total['recall']:.3f}",
                    f"{total['mrr']:.3f}",
                    f"{total['zero']} / {total['n']}",
                    zero_shown,
                )
            )
        print(
            markdown_table(
                ["system", f"recall@{K}", "MRR", "nothing shown", "page says 0 件"], rows
            )
        )
        present = [k for k in kinds if any(q["kind"] == k for q in in_group)]
        counts = {k: sum(q["kind"] == k for q in in_group) for k in present}
        print(f"\n{title}, per kind (queries): recall@{K} / MRR / queries that showed nothing\n")
        rows = []
        for system in systems:
            cells = []
            for kind in present:
                scores = [
                    s
                    for s in results[system.name]
                    if belongs(s["item"]) and s["item"]["kind"] == kind
                ]
                total = summary(scores)
                cells.append(f"{total['recall']:.2f} / {total['mrr']:.2f} / {total['zero']}")
            rows.append((system.name, *cells))
        print(markdown_table(["system", *(f"{k} ({counts[k]})" for k in present)], rows))


def pool(systems, queries, rows, seed):
    """Every system's first K for each query, merged, shuffled, unattributed: to judge."""
    by_id = {row["id"]: row for row in rows}
    for item in queries:
        candidates = sorted({doc for system in systems for doc in system.ranked_ids(item["query"])})
        digest = hashlib.sha256(f"{seed}:{item['query']}".encode()).hexdigest()
        random.Random(digest).shuffle(candidates)
        print(f"\n=== {item['query']}   [{item['kind']}, {item['set']}]")
        if not candidates:
            print("    (no system found anything)")
        for doc in candidates:
            row = by_id[doc]
            body = " ".join(row["answer"].split())
            print(f"  {doc:>5}  {row['question']}")
            print(f"         {body[:160]}")
            if row["keywords"]:
                print(f"         [keywords] {row['keywords']}")


def misses(system, scores):
    print(f"\nTuning queries where {system.name} misses a relevant answer in its first {K}\n")
    for score in scores:
        item = score["item"]
        if item["set"] != "tuning" or score["recall"] == 1:
            continue
        missing = sorted(set(item["relevant"]) - set(score["ranked"]))
        print(f"- {item['query']} ({item['kind']}): missing {missing}, got {score['ranked']}")


# --- main -----------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--measure",
        choices=("both", "page", "engine"),
        default="both",
        help="the intranet as the search page shows it, one engine call, or both (default)",
    )
    parser.add_argument(
        "--pool",
        choices=("unjudged", "all", "round1", "round2"),
        nargs="?",
        const="unjudged",
        help="print each query's pooled, shuffled candidates for judging instead of scores",
    )
    parser.add_argument("--seed", default="judge", help="the shuffle's seed for --pool")
    parser.add_argument(
        "--misses", action="store_true", help="list the tuning queries the page misses"
    )
    args = parser.parse_args()

    django_on_a_fresh_database()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from search.backends.database import DatabaseBackend
    from search.documents import user_access_tokens
    from tests.factories import staff_member

    setup_test_environment()  # the test client then keeps each response's context
    rows = python_faq_rows() + demo_faq_rows()
    queries = load_queries()
    staff = staff_member()
    client = Client()
    client.force_login(staff)
    access = user_access_tokens(staff)

    engines = []
    database = DatabaseBackend()
    database.rebuild(documents(rows))
    engines.append(("database", database, connection.vendor))
    elastic = None
    if os.environ.get("ELASTICSEARCH_URL"):
        from search.backends.elasticsearch import ElasticsearchBackend

        elastic = ElasticsearchBackend(alias=ES_ALIAS)
        elastic.rebuild(documents(rows))
        engines.append(("elasticsearch", elastic, "elasticsearch"))

    systems, pages = [StockFts5(rows), Trigram(rows)], []
    for backend_name, backend, label in engines:
        if args.measure in ("both", "page"):
            page = SearchPage(client, backend_name, backend, label)
            systems.append(page)
            pages.append(page)
        if args.measure in ("both", "engine"):
            systems.append(IntranetEngine(backend, label, access))

    try:
        if args.pool:
            chosen = {
                "unjudged": [q for q in queries if q.get("relevant") is None],
                "all": queries,
                "round1": [q for q in queries if q.get("round") == 1],
                "round2": [q for q in queries if q.get("round") == 2],
            }[args.pool]
            pool(systems, chosen, rows, args.seed)
            return
        unjudged = [q["query"] for q in queries if q.get("relevant") is None]
        scored = judged(queries)
        results = {system.name: evaluate(system, scored) for system in systems}
        per_set = {s: sum(q["set"] == s for q in scored) for s in ("held-out", "tuning")}
        print(
            f"{len(scored)} judged queries ({per_set['held-out']} held-out, "
            f"{per_set['tuning']} tuning) over {len(rows)} FAQ entries; first {K} results"
        )
        if unjudged:
            print(f"not judged yet, left out: {len(unjudged)} ({', '.join(unjudged)})")
        tables(systems, results, scored, pages)
        if args.misses and pages:
            misses(pages[0], results[pages[0].name])
    finally:
        if elastic is not None:
            for name in elastic._indexes_behind_alias():
                elastic.client.indices.delete(index=name)


if __name__ == "__main__":
    main()
