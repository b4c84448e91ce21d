"""Elasticsearch at a million page-documents: query latency, indexing throughput, rebuild time.

    ES_JAVA_OPTS="-Xms4g -Xmx4g" scripts/with-elasticsearch \\
        .venv/bin/python benchmarks/search_scale.py --docs 1000000

Ten years of meeting materials page by page, with FAQs, notices and cases
beside them, made from the real Japanese text in shared/corpus (the Tokyo
Metropolitan Assembly minutes and the Python FAQ).

How the documents are made, and why. Running a million pages through the
Japanese pipeline (SudachiPy) takes hours on a small machine, so the pipeline
runs once over a pool of distinct passages (a few sentences of one speech or
FAQ answer each); that run is timed, and its docs/s and chars/s are what a real
rebuild pays. Each document's body is a random sequence of passages (its
display text) and its index terms the same passages' terms, so every body
differs (the run counts distinct bodies) and the engine indexes what the
pipeline would have made. Access tokens are realistic: most documents are open
to all staff, some to one department, one group or one restricted area.

Queries are timed through the engine's ``search`` (parsing the query with the
pipeline, the permission filter of a real staff member's access tokens from
``search.documents.user_access_tokens``, the type and department facets, the
total count and 20 hits). One-word queries are nouns of the corpus drawn by
their frequency; two- and four-word queries are nouns that occur together in
one passage, so they find documents as real queries do.
"""

import argparse
import hashlib
import multiprocessing
import os
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _setup  # noqa: E402
from _setup import (  # noqa: E402
    CORPUS,
    django_on_a_fresh_database,
    faq_rows,
    markdown_table,
    timing_cells,
)

ALIAS = "bench-scale"
DEPARTMENTS = 40  # sections (課) under 8 departments (部)
GROUPS = ["情報システム担当", "人事担当", "財政担当", "契約担当", "議会事務局", "監査担当"]
AREAS = 20  # restricted areas of the page tree
COMMITTEES = [
    "総務委員会",
    "財政委員会",
    "文教委員会",
    "都市整備委員会",
    "厚生委員会",
    "経済・港湾委員会",
    "環境・建設委員会",
    "警察・消防委員会",
    "予算特別委員会",
    "決算特別委員会",
    "庁議",
    "部長会議",
    "情報化推進会議",
    "防災会議",
    "行政改革推進本部会議",
]
MATERIAL_KINDS = ["資料", "議事録", "説明資料", "参考資料", "報告書", "事業計画", "予算案"]
# The mix of a city office's index over ten years (shares of all documents).
MIX = {"faq": 0.004, "notice": 0.03, "case": 0.006}


# -- the pool of passages, through the pipeline once ------------------------------------


def passages(max_chars=260):
    """Distinct runs of a few sentences from the minutes' speeches and the FAQ answers."""
    texts = [f"{row['question']}\n{row['answer']}" for row in faq_rows()]
    for path in sorted((CORPUS / "minutes").glob("*.txt")):
        speeches = re.split(r"\n(?=○)", path.read_text(encoding="utf-8"))
        texts += [speech.strip().lstrip("○") for speech in speeches if len(speech.strip()) > 80]
    seen, pool = set(), []
    for text in texts:
        piece = ""
        for sentence in re.split(r"(?<=[。？！\n])", text):
            piece += sentence.strip()
            if len(piece) >= max_chars // 3:
                if piece not in seen:
                    seen.add(piece)
                    pool.append(piece[:max_chars])
                piece = ""
    return pool


def _tokenize_all(texts):
    from search.text import index_text

    return [index_text(text) for text in texts]


def tokenize_pool(pool):
    """The pool's index terms, and the pipeline's throughput (one process, then two)."""
    from search.text import index_text

    index_text("準備")  # load the dictionary outside the timing
    started = time.perf_counter()
    terms = [index_text(text) for text in pool]
    seconds = time.perf_counter() - started
    sample = pool[: min(len(pool), 3000)]
    halves = [sample[: len(sample) // 2], sample[len(sample) // 2 :]]
    with multiprocessing.get_context("fork").Pool(2) as workers:
        workers.map(_tokenize_all, [["準備"], ["準備"]])  # load the dictionary in each
        started = time.perf_counter()
        workers.map(_tokenize_all, halves)
        two_seconds = time.perf_counter() - started
    chars = sum(map(len, pool))
    sample_chars = sum(map(len, sample))
    return terms, {
        "passages": len(pool),
        "chars": chars,
        "chars_per_s": chars / seconds,
        "two_process_chars_per_s": sample_chars / two_seconds,
    }


# -- documents ---------------------------------------------------------------------------


class Composer:
    """Documents made of the pool's passages, with the terms the pipeline made for them."""

    def __init__(self, pool, terms, faqs, seed=7):
        from search.text import index_text

        self.pool, self.terms, self.rng = pool, terms, random.Random(seed)
        self.faqs = [(row["question"], index_text(row["question"])) for row in faqs]
        words = COMMITTEES + MATERIAL_KINDS
        self.title_terms = {word: index_text(word) for word in words}
        self.bodies, self.headings = set(), {}
        self.duplicates = 0

    def body(self, low, high):
        """About ``rng.uniform(low, high)`` characters of passages: body, terms, first passage."""
        target = self.rng.uniform(low, high)
        texts, terms, length, first = [], [], 0, None
        while length < target:
            number = self.rng.randrange(len(self.pool))
            first = number if first is None else first
            texts.append(self.pool[number])
            terms.append(self.terms[number])
            length += len(self.pool[number])
        body = "\n".join(texts)
        digest = hashlib.blake2b(body.encode(), digest_size=12).digest()
        if digest in self.bodies:
            self.duplicates += 1
        self.bodies.add(digest)
        return body, " ".join(terms), first

    def heading(self, number):
        """A title cut from a passage, and its terms (each passage's through the pipeline once)."""
        title = self.pool[number][:40]
        if number not in self.headings:
            from search.text import index_text

            self.headings[number] = index_text(title)
        return title, self.headings[number]

    def access(self):
        from search.documents import (
            EVERY_STAFF_MEMBER,
            area_token,
            department_token,
            group_token,
        )

        roll = self.rng.random()
        if roll < 0.80:
            return (EVERY_STAFF_MEMBER,)
        if roll < 0.90:
            return (department_token(self.rng.randint(1, DEPARTMENTS + 8)),)
        if roll < 0.95:
            return (group_token(self.rng.choice(GROUPS)),)
        return (area_token(1000 + self.rng.randrange(AREAS)),)

    def documents(self, count):
        from datetime import datetime, timedelta
        from zoneinfo import ZoneInfo

        from search.documents import SearchDocument

        start = datetime(2016, 4, 1, tzinfo=ZoneInfo("Asia/Tokyo"))
        span = 10 * 365 * 24 * 3600
        rng, made, material = self.rng, 0, 0
        while made < count:
            roll = rng.random()
            when = start + timedelta(seconds=rng.randrange(span))
            department = rng.randint(9, DEPARTMENTS + 8)
            common = dict(date=when, department_id=department, access=self.access())
            if roll < MIX["faq"]:
                question, question_terms = rng.choice(self.faqs)
                body, body_terms, _first = self.body(200, 1200)
                kind, title, title_terms, extra = "faq", question, question_terms, {}
            elif roll < MIX["faq"] + MIX["notice"]:
                body, body_terms, first = self.body(200, 1500)
                kind, title, title_terms, extra = "notice", *self.heading(first), {}
            elif roll < MIX["faq"] + MIX["notice"] + MIX["case"]:
                body, body_terms, first = self.body(400, 2500)
                kind, title, title_terms, extra = "case", *self.heading(first), {}
            else:
                # One material: a run of pages, each a document.
                material += 1
                committee, what = rng.choice(COMMITTEES), rng.choice(MATERIAL_KINDS)
                title = f"{when.year}年度 第{rng.randint(1, 12)}回 {committee} {what}"
                title_terms = f"{self.title_terms[committee]} {self.title_terms[what]}"
                for page in range(1, rng.randint(4, 40) + 1):
                    if made >= count:
                        break
                    # Pages of realistic length; a few are long tables of text.
                    long_page = rng.random() < 0.02
                    body, body_terms, _first = (
                        self.body(3000, 8000) if long_page else self.body(300, 1600)
                    )
                    yield SearchDocument(
                        doc_type="material_part",
                        object_id=str(made),
                        title=title,
                        body=body,
                        url=f"/materials/{material}/#page={page}",
                        group=f"/materials/{material}/",
                        part=f"p.{page}",
                        title_terms=title_terms,
                        body_terms=body_terms,
                        **common,
                    )
                    made += 1
                continue
            yield SearchDocument(
                doc_type=kind,
                object_id=str(made),
                title=title,
                body=body,
                url=f"/{kind}/{made}/",
                title_terms=title_terms,
                body_terms=body_terms,
                **common,
                **extra,
            )
            made += 1


# -- the staff member ---------------------------------------------------------------------


def staff_member():
    """A section member (課 under a 部) in one group: ``user_access_tokens`` gives the tokens."""
    from django.contrib.auth.models import Group, User

    from intranet.models import Department, StaffProfile
    from search.documents import user_access_tokens

    parents = [
        Department.objects.create(code=f"B{n}", name=f"第{n}部", kind=Department.Kind.BU)
        for n in range(1, 9)
    ]
    sections = [
        Department.objects.create(code=f"K{n}", name=f"第{n}課", parent=parents[n % 8])
        for n in range(1, DEPARTMENTS + 1)
    ]
    user = User.objects.create_user("shokuin", password="x")
    user.groups.add(Group.objects.get_or_create(name=GROUPS[0])[0])
    StaffProfile.objects.create(
        user=user,
        staff_number="100001",
        full_name="市役所 太郎",
        full_name_kana="しやくしょ たろう",
        department=sections[4],
    )
    return user_access_tokens(User.objects.get(pk=user.pk))


# -- queries ------------------------------------------------------------------------------


def queries(pool, count, seed=11):
    """1-word queries by corpus frequency; 2 and 4 words that occur in one passage."""
    from search.text import _morphemes, query_terms

    def nouns(text):
        return [
            m.surface()
            for m in _morphemes(text)
            if m.part_of_speech()[0] == "名詞"
            and m.part_of_speech()[1] != "数詞"
            and len(m.surface()) >= 2
        ]

    rng = random.Random(seed)
    sample = rng.sample(pool, min(len(pool), 4000))
    per_passage = [list(dict.fromkeys(nouns(text))) for text in sample]
    frequency = Counter(word for words in per_passage for word in words)
    # A word the query parser drops (方法, 理由) would be a query that asks nothing.
    vocabulary = [word for word in frequency if query_terms(word)]
    weights = [frequency[word] for word in vocabulary]
    drawn = {1: [" ".join(rng.choices(vocabulary, weights)) for _ in range(count)]}
    for size in (2, 4):
        rich = [words for words in per_passage if len(words) >= size]
        drawn[size] = [" ".join(rng.sample(rng.choice(rich), size)) for _ in range(count)]
    return drawn


def capped_totals(cap):
    """Make the engine count at most ``cap`` matches, as ``SearchRequest.count_cap`` asks.

    Only for an engine that does not read ``count_cap`` yet; the table says which ran.
    """
    from elasticsearch.dsl import Search

    extra = Search.extra

    def capped(self, **kwargs):
        if kwargs.get("track_total_hits") is True:
            kwargs["track_total_hits"] = cap
        return extra(self, **kwargs)

    Search.extra = capped


def engine_reads_count_cap():
    import inspect

    from search.backends import elasticsearch

    return "count_cap" in inspect.getsource(elasticsearch)


def time_queries(backend, drawn, access, label):
    from search.backends.base import SearchRequest

    for text in drawn[1][:20] + drawn[2][:20]:  # warm up
        backend.search(SearchRequest(text=text, access=access, limit=20))
    rows = []
    for size, texts in drawn.items():
        timings, totals = [], []
        for repeat in range(2):
            for text in texts:
                started = time.perf_counter()
                results = backend.search(SearchRequest(text=text, access=access, limit=20))
                timings.append((time.perf_counter() - started) * 1000)
                if repeat == 0:
                    totals.append(results.total)
        zero = sum(1 for total in totals if total == 0) / len(totals)
        rows.append(
            (
                label,
                size,
                len(timings),
                *timing_cells(timings),
                f"{statistics.median(totals):,.0f}",
                f"{zero:.0%}",
            )
        )
    return rows


# -- the run ------------------------------------------------------------------------------


def store_mb(backend):
    stats = backend.client.indices.stats(index=backend.alias, metric="store,docs")
    primaries = stats["_all"]["primaries"]
    return primaries["store"]["size_in_bytes"] / 1e6, primaries["docs"]["count"]


def heap_mb(backend):
    node = next(iter(backend.client.nodes.stats(metric="jvm")["nodes"].values()))
    return node["jvm"]["mem"]["heap_used_in_bytes"] / 1e6, node["jvm"]["mem"][
        "heap_max_in_bytes"
    ] / 1e6


def drop(backend):
    for name in backend.client.indices.get(index=f"{backend.alias}-*"):
        backend.client.indices.delete(index=name)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200, help="queries per query length")
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument(
        "--pipeline-docs", type=int, default=2000, help="documents indexed with the pipeline"
    )
    parser.add_argument("--corpus", type=Path, help="the corpus directory (shared/corpus)")
    args = parser.parse_args()
    if args.corpus:
        global CORPUS
        CORPUS = _setup.CORPUS = args.corpus

    django_on_a_fresh_database()
    from search.backends.elasticsearch import ElasticsearchBackend
    from search.rebuild import Progress

    access = staff_member()
    print(f"staff member's access tokens: {', '.join(sorted(access))}\n")

    pool = passages()
    terms, pipeline = tokenize_pool(pool)
    composer = Composer(pool, terms, faq_rows())
    page_chars = 950  # the mean page length Composer makes (300–1,600, 2% 3,000–8,000)
    print(
        f"Japanese pipeline over {pipeline['passages']:,} distinct passages "
        f"({pipeline['chars'] / 1e6:.2f} M chars): {pipeline['chars_per_s'] / 1e3:,.0f} k chars/s "
        f"in one process = {pipeline['chars_per_s'] / page_chars:,.0f} pages/s of "
        f"{page_chars} chars; two processes on this machine's 2 cores: "
        f"{pipeline['two_process_chars_per_s'] / 1e3:,.0f} k chars/s "
        f"(x{pipeline['two_process_chars_per_s'] / pipeline['chars_per_s']:.2f})"
        "\nDocuments below are composed of those passages and their terms: the engine indexes"
        " what the pipeline made, without running it again per document.\n"
    )

    backend = ElasticsearchBackend(alias=ALIAS)
    drop(backend)

    # With the pipeline: a sample of documents whose terms the rebuild makes itself.
    from dataclasses import replace

    sample = [
        replace(document, title_terms="", body_terms="")
        for document in Composer(pool, terms, faq_rows(), seed=3).documents(args.pipeline_docs)
    ]
    sample_chars = sum(len(d.title) + len(d.body) for d in sample)
    started = time.perf_counter()
    backend.rebuild(iter(sample), batch_size=args.batch_size)
    with_pipeline = len(sample) / (time.perf_counter() - started)
    started = time.perf_counter()
    backend.rebuild(iter([d.with_terms() for d in sample]), batch_size=args.batch_size)
    tokenized_once = time.perf_counter() - started
    drop(backend)

    # The full set, through the resumable rebuild, its progress as an operator sees it.
    progress = Progress(args.docs, print, every=60)
    started = time.perf_counter()
    backend.rebuild(
        lambda checkpoint: composer.documents(args.docs),
        batch_size=args.batch_size,
        progress=progress,
    )
    load_seconds = time.perf_counter() - started
    progress.report()
    size, count = store_mb(backend)
    distinct = len(composer.bodies)
    print(
        f"\n{count:,} documents indexed; {distinct:,} distinct bodies "
        f"({composer.duplicates:,} repeated); index on disk {size:,.0f} MB"
    )

    mean_chars = sample_chars / len(sample)
    pipeline_docs_per_s = pipeline["chars_per_s"] / mean_chars
    rebuild_hours = args.docs / with_pipeline / 3600
    print(
        "\n"
        + markdown_table(
            ["indexing", "docs/s", f"time for {args.docs:,} documents"],
            [
                (
                    "Japanese pipeline alone (one process)",
                    f"{pipeline_docs_per_s:,.0f}",
                    f"{args.docs / pipeline_docs_per_s / 3600:.1f} h (extrapolated)",
                ),
                (
                    f"rebuild with the pipeline ({len(sample):,} documents)",
                    f"{with_pipeline:,.0f}",
                    f"{rebuild_hours:.1f} h (extrapolated)",
                ),
                (
                    f"rebuild, terms made beforehand ({len(sample):,} documents)",
                    f"{len(sample) / tokenized_once:,.0f}",
                    "",
                ),
                (
                    "rebuild, terms made beforehand (the full set)",
                    f"{args.docs / load_seconds:,.0f}",
                    f"{load_seconds / 60:.1f} min (measured)",
                ),
            ],
        )
    )
    used, heap = heap_mb(backend)
    print(f"\nJVM heap in use {used:,.0f} of {heap:,.0f} MB; mean document {mean_chars:,.0f} chars")
    print(f"machine load (1, 5, 15 min): {', '.join(f'{n:.1f}' for n in os.getloadavg())}")

    drawn = queries(pool, args.queries)
    headers = [
        "total count",
        "words",
        "queries",
        "median ms",
        "p95 ms",
        "spread ms",
        "median hits",
        "zero-hit",
    ]
    rows = []
    if engine_reads_count_cap():
        rows += time_queries(backend, drawn, access, "capped at 1,000 (engine)")
    else:
        rows += time_queries(backend, drawn, access, "exact (engine as it is)")
        capped_totals(1000)
        rows += time_queries(backend, drawn, access, "capped at 1,000 (by this script)")
    print(
        f"\nquery latency at {count:,} documents, as a staff member "
        "(permission filter, type and department facets, 20 hits), each query twice\n"
    )
    print(markdown_table(headers, rows))
    print(f"machine load (1, 5, 15 min): {', '.join(f'{n:.1f}' for n in os.getloadavg())}")
    drop(backend)


if __name__ == "__main__":
    main()
