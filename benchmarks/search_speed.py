"""Search speed at scale: what staff wait for on the search page, on every engine, on one data set.

    .venv/bin/python benchmarks/search_speed.py --docs 2000          # a quick check, SQLite only
    PG_SHARED_BUFFERS=4GB TEST_PG_PORT=54351 ES_PORT=9271 \\
        scripts/with-postgres scripts/with-elasticsearch \\
        .venv/bin/python benchmarks/search_speed.py                  # 100,000 docs, all engines

PostgreSQL gets the cache a production server would have (README, "Production
with PostgreSQL"); its default 128 MB would time reads from the system's cache.

One run measures every engine it can reach (SQLite always; PostgreSQL when
DATABASE_URL names one; Elasticsearch when ELASTICSEARCH_URL is set), or
only those ``--engines`` names, and prints one table. Each engine runs in a
child process of its own (Django binds one database per process) on the
same generated documents and queries:
both come from a fixed seed, and the table shows a checksum of the bodies
so that a reader can see every engine had the same data.

The documents are built from the real Japanese text in shared/corpus (the
Python FAQ's answers and the Tokyo assembly minutes, one paragraph a line):
each document is its own shuffled combination of paragraphs, of realistic
lengths (most a few hundred characters, some pages of several thousand, 2 %
of 20,000 characters). The table reports how many bodies are distinct.

The Japanese pipeline runs once per distinct paragraph, and a document's
index terms are its paragraphs' terms joined in order (the pipeline cuts a
text at line ends anyway, so this is what it would make, give or take a
chunk boundary every 4,000 characters). Its real cost is measured apart, on
the first ``--pipeline-sample`` documents, which go through
``SearchDocument.with_terms`` and the engine's ``index`` as a saved
document does: that is the indexing throughput a rebuild pays.

Queries as staff type them: a one-word query is a noun drawn from the
corpus weighted by how often it occurs (a random noun of a random
paragraph); a two- or four-word query is that many nouns of one real
paragraph, in the order written, so that it finds documents as real
queries do. Each query is timed twice: through the search view (Django's
test client, GET /search/?q=…, logged in as a staff member with a
department and groups, so the access filter holds real tokens; this
includes the fallback search, the log write, snippets and rendering) and
through the engine's ``search`` alone. All queries run once to warm up,
then ``--repeats`` times; the table shows median, p95 and the spread
(p5–p95) over every timed run, the median hit count (of the engine call,
AND of every word) and the share of queries that found nothing.
"""

import argparse
import hashlib
import json
import math
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import CORPUS, django_on_a_fresh_database, faq_rows, markdown_table  # noqa: E402

LONG_BODY = 20_000
# (share of documents, shortest, longest body in characters)
LENGTHS = (
    (0.70, 150, 900),
    (0.20, 900, 3_000),
    (0.08, 3_000, 10_000),
    (0.02, LONG_BODY, LONG_BODY),
)
DEPARTMENTS = 40
GROUPS = ("情報システム担当", "人事担当", "財政担当", "広報担当")
STAFF_GROUPS = ("情報システム担当",)
BATCH = 1000


# -- the corpus ----------------------------------------------------------


def corpus_paragraphs():
    """Distinct real paragraphs: the FAQ's answers and the minutes' speeches, a line each."""
    texts = []
    for row in faq_rows():
        texts += [p.strip() for p in row["answer"].split("\n") if len(p.strip()) > 40]
    for path in sorted((CORPUS / "minutes").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").split("\n"):
            line = line.strip().lstrip("○")
            if len(line) > 40:
                texts.append(line)
    return list(dict.fromkeys(texts))


class Corpus:
    """The paragraphs with their index terms (the pipeline runs once per paragraph)."""

    def __init__(self):
        from search.text import index_text

        self.paragraphs = corpus_paragraphs()
        started = time.perf_counter()
        self.terms = [index_text(p) for p in self.paragraphs]
        self.seconds = time.perf_counter() - started
        self.titles = [self._title(p) for p in self.paragraphs]
        self.title_terms = [index_text(t) for t in self.titles]
        self._nouns = {}

    @staticmethod
    def _title(paragraph):
        sentence = re.split(r"[。？！]", paragraph, maxsplit=1)[0]
        return sentence[:40]

    def nouns(self, index):
        """The nouns of one paragraph as written, in order, without repeats."""
        if index not in self._nouns:
            from search.text import _morphemes

            words = []
            for morpheme in _morphemes(self.paragraphs[index]):
                pos = morpheme.part_of_speech()
                surface = morpheme.surface()
                if (
                    pos[0] == "名詞"
                    and pos[1] != "数詞"
                    and len(surface) >= 2
                    and not re.fullmatch(r"[\W\d_a-zA-Z]+|[\u3041-\u309f]+", surface)
                ):
                    words.append(surface)
            self._nouns[index] = list(dict.fromkeys(words))
        return self._nouns[index]


# -- the documents -------------------------------------------------------


def body_length(rng):
    draw = rng.random()
    for share, shortest, longest in LENGTHS:
        if draw < share:
            return rng.randint(shortest, longest)
        draw -= share
    return LENGTHS[0][1]


def generate(corpus, count, seed, tokens, department_ids, with_terms=True):
    """The documents, the same for a seed: (SearchDocument, characters)."""
    from search.documents import EVERY_STAFF_MEMBER, SearchDocument

    rng = random.Random(seed)
    start = datetime(2016, 4, 1, tzinfo=ZoneInfo("Asia/Tokyo"))
    doc_types = ("faq", "notice", "material", "material_part", "material_part", "page")
    for number in range(count):
        wanted = body_length(rng)
        chosen, length = [], 0
        while length < wanted:
            index = rng.randrange(len(corpus.paragraphs))
            chosen.append(index)
            length += len(corpus.paragraphs[index]) + 1
        body = "\n".join(corpus.paragraphs[i] for i in chosen)
        head = chosen[0]
        draw = rng.random()
        if draw < 0.70:
            access = (EVERY_STAFF_MEMBER,)
        elif draw < 0.82:
            access = (tokens["department"](rng.choice(department_ids)),)
        elif draw < 0.92:
            access = (tokens["group"](rng.choice(GROUPS)),)
        else:
            access = (tokens["user"](rng.randint(1, 3000)),)
        doc_type = doc_types[number % len(doc_types)]
        fields = {}
        if doc_type == "material_part":
            fields = {"group": f"/materials/{number // 20}/", "part": f"p.{number % 20 + 1}"}
        if with_terms:
            fields["title_terms"] = corpus.title_terms[head]
            fields["body_terms"] = " ".join(corpus.terms[i] for i in chosen)
        yield SearchDocument(
            doc_type=doc_type,
            object_id=str(number),
            title=corpus.titles[head],
            body=body,
            url=f"/doc/{number}/",
            date=start + timedelta(minutes=47 * number),
            department_id=rng.choice(department_ids),
            access=access,
            **fields,
        )


def queries(corpus, count, seed):
    """{words: [query, ...]}: nouns of real paragraphs, weighted as they occur."""
    rng = random.Random(seed)
    drawn = {1: [], 2: [], 4: []}
    for size in drawn:
        while len(drawn[size]) < count:
            nouns = corpus.nouns(rng.randrange(len(corpus.paragraphs)))
            if len(nouns) < size:
                continue
            if size == 1:
                drawn[size].append(rng.choice(nouns))
            else:
                picked = sorted(rng.sample(range(len(nouns)), size))
                drawn[size].append(" ".join(nouns[i] for i in picked))
    return drawn


# -- one engine, in its own process --------------------------------------


def staff_and_departments():
    """A staff member in a section of a department, in a group; the departments documents name."""
    from django.contrib.auth.models import Group

    from intranet.models import Department
    from tests.factories import DepartmentFactory, staff_member

    bu = DepartmentFactory(kind=Department.Kind.BU, name="総務部")
    ka = DepartmentFactory(parent=bu, name="情報政策課")
    others = [DepartmentFactory() for _ in range(DEPARTMENTS - 2)]
    user = staff_member(department=ka)
    for name in GROUPS:
        group, _created = Group.objects.get_or_create(name=name)
        if name in STAFF_GROUPS:
            user.groups.add(group)
    return user, [bu.pk, ka.pk] + [d.pk for d in others]


def percentile(ordered, share):
    return ordered[max(0, min(len(ordered) - 1, math.ceil(len(ordered) * share) - 1))]


def summary(milliseconds):
    ordered = sorted(milliseconds)
    return {
        "median": statistics.median(ordered),
        "p95": percentile(ordered, 0.95),
        "p5": percentile(ordered, 0.05),
    }


def after_loading(backend):
    """Statistics and sizes, as an administrator would have them after a bulk load.

    PostgreSQL: loading inserts each row, then updates its vector, which leaves
    a dead version of every row behind; VACUUM clears them, as autovacuum does
    on a rebuilt production table, so the timings are not those of a bloated one.
    """
    from django.db import connection

    if backend.name == "elasticsearch":
        backend.client.indices.refresh(index=backend.alias)
        stats = backend.client.indices.stats(index=backend.alias, metric="store")
        return {"size_mb": stats["_all"]["primaries"]["store"]["size_in_bytes"] / 1e6}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
            cursor.execute("SELECT pg_database_size(current_database())")
            return {"size_mb": cursor.fetchone()[0] / 1e6}
        cursor.execute("ANALYZE")
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.execute("PRAGMA page_count")
        pages = cursor.fetchone()[0]
        cursor.execute("PRAGMA page_size")
        return {"size_mb": pages * cursor.fetchone()[0] / 1e6}


def run_engine(args):
    django_on_a_fresh_database()
    from django.test import Client
    from django.urls import reverse

    from search.backends import get_backend
    from search.backends.base import SearchRequest
    from search.documents import department_token, group_token, user_access_tokens, user_token

    backend = get_backend()
    if backend.name == "elasticsearch":
        backend.clear()
    user, department_ids = staff_and_departments()
    tokens = {"department": department_token, "group": group_token, "user": user_token}

    corpus = Corpus()
    result = {
        "paragraphs": len(corpus.paragraphs),
        "paragraph_chars": sum(map(len, corpus.paragraphs)),
        "paragraph_seconds": corpus.seconds,
    }

    # The first documents through the whole pipeline, as a saved document goes.
    sample = list(
        generate(corpus, args.pipeline_sample, args.seed, tokens, department_ids, with_terms=False)
    )
    pipeline = engine = 0.0
    for first in range(0, len(sample), 50):
        batch = sample[first : first + 50]
        started = time.perf_counter()
        batch = [document.with_terms() for document in batch]
        pipeline += time.perf_counter() - started
        started = time.perf_counter()
        backend.index(batch)
        engine += time.perf_counter() - started
    sample_chars = sum(len(d.title) + len(d.body) for d in sample)
    result["pipeline"] = {
        "docs": len(sample),
        "chars": sample_chars,
        "pipeline_seconds": pipeline,
        "engine_seconds": engine,
    }

    # The rest in bulk, with the terms composed from the paragraphs' terms.
    digest, distinct, chars, lengths = hashlib.sha256(), set(), 0, []

    def rest():
        nonlocal chars
        for number, document in enumerate(
            generate(corpus, args.docs, args.seed, tokens, department_ids)
        ):
            body = document.body.encode()
            digest.update(body)
            distinct.add(hashlib.blake2b(body, digest_size=12).digest())
            chars += len(document.title) + len(document.body)
            lengths.append(len(document.body))
            if number >= args.pipeline_sample:
                yield document

    started = time.perf_counter()
    if backend.name == "elasticsearch":
        # Keep the sample: bulk into the live index rather than a new one.
        batch = []
        for document in rest():
            batch.append(document)
            if len(batch) == BATCH:
                backend.index(batch)
                batch = []
        if batch:
            backend.index(batch)
    else:
        backend._index_in_batches(rest(), BATCH, None)
    bulk_seconds = time.perf_counter() - started
    lengths.sort()
    result.update(
        docs=args.docs,
        chars=chars,
        distinct_bodies=len(distinct),
        checksum=digest.hexdigest()[:12],
        body_median=statistics.median(lengths),
        body_max=lengths[-1],
        long_bodies=sum(1 for n in lengths if n >= LONG_BODY),
        bulk_docs=args.docs - args.pipeline_sample,
        bulk_seconds=bulk_seconds,
        **after_loading(backend),
    )

    drawn = queries(corpus, args.queries, args.seed + 1)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    url = reverse("search:results")
    access = user_access_tokens(user)

    failed = {}

    def through_view(text):
        started = time.perf_counter()
        response = client.get(url, {"q": text})
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            failed[text] = response.status_code
        return elapsed

    def through_engine(text):
        started = time.perf_counter()
        found = backend.search(SearchRequest(text=text, access=access, limit=20))
        return (time.perf_counter() - started) * 1000, found

    for texts in drawn.values():  # warm up: caches, connections, the dictionary
        for text in texts:
            through_view(text)
            through_engine(text)
    result["latency"] = {}
    for size, texts in drawn.items():
        view_ms, engine_ms, hits, capped = [], [], [], 0
        order = list(texts) * args.repeats
        random.Random(size).shuffle(order)
        for text in order:
            view_ms.append(through_view(text))
        for text in order:
            elapsed, found = through_engine(text)
            engine_ms.append(elapsed)
        for text in texts:
            _elapsed, found = through_engine(text)
            hits.append(found.total)
            capped += bool(getattr(found, "total_capped", False))
        result["latency"][size] = {
            "view": summary(view_ms),
            "engine": summary(engine_ms),
            "median_hits": statistics.median(hits),
            "zero_share": sum(1 for n in hits if n == 0) / len(hits),
            "capped": capped,
            "examples": texts[:3],
            "failed": sum(1 for text in texts if text in failed),
        }
    if backend.name == "elasticsearch":
        for name in backend._indexes_behind_alias():
            backend.client.indices.delete(index=name)
    Path(args.out).write_text(json.dumps(result), encoding="utf-8")


# -- the run: one child per engine, one table ------------------------------


ENGINE_LABELS = {"sqlite": "SQLite", "postgresql": "PostgreSQL", "elasticsearch": "Elasticsearch"}


def engines_to_run(chosen=()):
    """Every engine this run can reach, or of those only the ones ``--engines`` names."""
    engines = ["sqlite"]
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        engines.append("postgresql")
    if os.environ.get("ELASTICSEARCH_URL"):
        engines.append("elasticsearch")
    return [engine for engine in engines if not chosen or engine in chosen]


def child_environment(engine, scratch):
    env = dict(os.environ)
    if engine != "postgresql":  # a fresh SQLite file of its own, removed after the run
        env["DATABASE_URL"] = f"sqlite:///{Path(scratch) / engine}.sqlite3"
    env["SEARCH_BACKEND"] = "elasticsearch" if engine == "elasticsearch" else "database"
    env["SEARCH_INDEX_NAME"] = f"bench-speed-{os.getpid()}"
    return env


def cells(timing):
    return [
        f"{timing['median']:.1f}",
        f"{timing['p95']:.1f}",
        f"{timing['p5']:.1f}–{timing['p95']:.1f}",
    ]


def report(args, results):
    first = next(iter(results.values()))
    print(
        f"{first['docs']:,} documents, {first['chars'] / 1e6:.1f} M characters, "
        f"{first['distinct_bodies']:,} distinct bodies, body length median "
        f"{first['body_median']:,.0f} / max {first['body_max']:,} characters, "
        f"{first['long_bodies']:,} bodies of {LONG_BODY:,} characters; built from "
        f"{first['paragraphs']:,} distinct real paragraphs (seed {args.seed})."
    )
    paragraph_rate = first["paragraph_chars"] / first["paragraph_seconds"] / 1e3
    print(
        f"Index terms of the bulk documents are their paragraphs' terms, joined (the pipeline "
        f"ran once per paragraph: {paragraph_rate:,.0f}"
        f" k chars/s); the first {args.pipeline_sample} documents went through "
        f"SearchDocument.with_terms and the engine's index.\n"
    )
    rows = []
    for engine, r in results.items():
        p = r["pipeline"]
        whole = p["pipeline_seconds"] + p["engine_seconds"]
        rows.append(
            (
                ENGINE_LABELS[engine],
                r["checksum"],
                f"{p['docs'] / whole:,.0f}",
                f"{p['chars'] / whole / 1e3:,.0f}",
                f"{p['docs'] / p['pipeline_seconds']:,.0f}",
                f"{r['bulk_docs'] / r['bulk_seconds']:,.0f}",
                f"{r['size_mb']:,.0f}",
            )
        )
    print(
        markdown_table(
            [
                "engine",
                "bodies checksum",
                "indexing docs/s (pipeline + engine)",
                "k chars/s (pipeline + engine)",
                "pipeline alone docs/s",
                "engine alone docs/s (terms made)",
                "database / index size MB",
            ],
            rows,
        )
    )
    print(
        f"\nQuery latency in ms, {args.queries} queries per length, each timed {args.repeats}× "
        "after a warm-up; as a staff member (department, section, group). view = GET "
        "/search/?q=… (fallback, log write, snippets, rendering); engine = backend.search alone. "
        "Hits: of the engine call (every word), per query.\n"
    )
    rows = []
    for engine, r in results.items():
        for size, t in r["latency"].items():
            hits = f"{t['median_hits']:,.0f}"
            if t["capped"]:
                hits += f" ({t['capped']} capped)"
            zero = f"{t['zero_share']:.0%}"
            if t["failed"]:
                zero += f"; {t['failed']} queries' pages failed (HTTP 500)"
            rows.append(
                (
                    ENGINE_LABELS[engine],
                    size,
                    *cells(t["view"]),
                    *cells(t["engine"]),
                    hits,
                    zero,
                )
            )
    print(
        markdown_table(
            [
                "engine",
                "words",
                "view median",
                "view p95",
                "view p5–p95",
                "engine median",
                "engine p95",
                "engine p5–p95",
                "median hits",
                "zero-hit queries",
            ],
            rows,
        )
    )
    examples = next(iter(results.values()))["latency"]
    print(
        "\nExample queries: "
        + "; ".join(f"{size} words: " + " / ".join(t["examples"]) for size, t in examples.items())
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=100, help="queries per query length")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs of every query")
    parser.add_argument("--pipeline-sample", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--engines",
        nargs="+",
        choices=list(ENGINE_LABELS),
        default=(),
        help="measure only these of the engines the run can reach (one data set, same method)",
    )
    parser.add_argument("--engine", choices=list(ENGINE_LABELS), help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.pipeline_sample = min(args.pipeline_sample, args.docs)

    if args.engine:
        run_engine(args)
        return
    results = {}
    with tempfile.TemporaryDirectory() as scratch:
        for engine in engines_to_run(args.engines):
            out = Path(scratch) / f"{engine}.json"
            command = [sys.executable, __file__, *sys.argv[1:], "--engine", engine]
            command += ["--out", str(out)]
            started = time.perf_counter()
            subprocess.run(command, env=child_environment(engine, scratch), check=True)
            print(
                f"{ENGINE_LABELS[engine]}: done in {time.perf_counter() - started:,.0f} s",
                file=sys.stderr,
            )
            results[engine] = json.loads(out.read_text(encoding="utf-8"))
    report(args, results)


if __name__ == "__main__":
    main()
