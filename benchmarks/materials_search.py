"""Search latency with 10,000 extracted pages of materials indexed.

    .venv/bin/python benchmarks/materials_search.py --pages 10000
    scripts/with-elasticsearch .venv/bin/python benchmarks/materials_search.py  # and Elasticsearch
    scripts/with-postgres .venv/bin/python benchmarks/materials_search.py  # PostgreSQL

Materials are made through ``materials.services`` (one meeting series, a
tenth of them 関係課のみ and a tenth 非公開, the rest 全庁公開); their pages
are the Tokyo Metropolitan Assembly minutes in shared/corpus cut into
page-size chunks, stored as ``ExtractedPart`` rows in bulk and indexed
through ``registry.batched_updates`` as the extraction task does (on
Elasticsearch: a rebuild from the registry). Queries are phrases of two to
four consecutive words cut from pages the searcher may open, chosen before
anything is searched; they run as an ordinary staff member of another
department, so the access filter is part of every query. Reported: median,
p95 and max latency of a search with its count and facets, and how many
queries found nothing.
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import CORPUS, django_on_a_fresh_database, markdown_table, timing_cells  # noqa: E402

PAGE_CHARS = 1000
PAGES_PER_MATERIAL = 100


def minutes_text(corpus):
    text = "\n".join(
        " ".join(path.read_text(encoding="utf-8").split())
        for path in sorted((Path(corpus) / "minutes").glob("*.txt"))
    )
    if len(text) < PAGE_CHARS * 10:
        sys.exit(f"No minutes in {corpus}/minutes: pass --corpus")
    return text


def page_texts(count, corpus=CORPUS):
    """``count`` different page-size chunks: each pass over the minutes starts elsewhere."""
    text = minutes_text(corpus)
    pages, shift = [], 0
    while len(pages) < count:
        pages += [
            text[start : start + PAGE_CHARS]
            for start in range(shift, len(text) - PAGE_CHARS, PAGE_CHARS)
        ]
        shift += 137
    return pages[:count]


def make_world(materials_count):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from materials import services
    from materials.models import Confidentiality, Meeting, MeetingSeries
    from tests.factories import DepartmentFactory, staff_member

    secretary_department = DepartmentFactory(name="政策企画課")
    concerned = DepartmentFactory(name="財政課")
    series = MeetingSeries.objects.create(
        name="庁内調整会議", secretary_department=secretary_department
    )
    secretary = staff_member(department=secretary_department)
    searcher = staff_member(department=DepartmentFactory(name="市民課"))
    meeting = Meeting.objects.create(
        series=series, title="第1回", held_at="2024-04-01T10:00+09:00", place="第1会議室"
    )
    levels = [Confidentiality.PUBLIC] * 8 + [Confidentiality.DEPARTMENTS, Confidentiality.PRIVATE]
    materials = [
        services.add_material(
            user=secretary,
            upload=SimpleUploadedFile(f"資料{number}.txt", "会議資料".encode()),
            title=f"第{number}回 会議録",
            department=secretary_department,
            meeting=meeting,
            confidentiality=levels[number % len(levels)],
            departments=[concerned],
        )
        for number in range(materials_count)
    ]
    return materials, searcher


def store_pages(materials, texts):
    """Each material's current file gets its share of the pages, indexed in one batch each."""
    from materials.models import ExtractedPart, Material
    from search import registry

    chunks = [texts[i : i + PAGES_PER_MATERIAL] for i in range(0, len(texts), PAGES_PER_MATERIAL)]
    for material, chunk in zip(materials, chunks, strict=False):
        version = Material.objects.get(pk=material.pk).current
        with registry.batched_updates():
            ExtractedPart.objects.filter(version=version).delete()
            parts = ExtractedPart.objects.bulk_create(
                ExtractedPart(version=version, number=n, label=f"p.{n}", text=text)
                for n, text in enumerate(chunk, start=1)
            )
            for part in parts:
                part.version = version
                registry.update(part)


def phrases(searcher, count, seed=5):
    """Runs of 2–4 consecutive words starting at a noun, as written on pages ``searcher`` may
    open (a window of a page's own text, particles and all)."""
    from sudachipy import SplitMode

    from materials.models import ExtractedPart
    from materials.rules import visible_materials
    from search.text import _tokenizer

    visible = visible_materials(searcher)
    texts = list(
        ExtractedPart.objects.filter(version__material__in=visible).values_list("text", flat=True)
    )
    rng = random.Random(seed)
    chosen = []
    while len(chosen) < count:
        text = rng.choice(texts)
        window = text[rng.randrange(0, max(1, len(text) - 200)) :][:200]
        words = list(_tokenizer().tokenize(window, SplitMode.C))[1:-1]  # whole words only
        starts = [
            i
            for i, word in enumerate(words[:-4])
            if word.part_of_speech()[0] == "名詞" and len(word.surface()) >= 2
        ]
        if not starts:
            continue
        start = rng.choice(starts)
        end = start + rng.randint(2, 4)
        run = window[words[start].begin() : words[end - 1].end()]
        if len(run) >= 4 and not any(ch.isspace() or ch in "。、○" for ch in run):
            chosen.append(run)
    return chosen


def latency(backend, searcher, queries):
    from search.backends.base import SearchRequest
    from search.documents import user_access_tokens

    access = user_access_tokens(searcher)
    timings, empty = [], 0
    for text in queries:
        started = time.perf_counter()
        results = backend.search(SearchRequest(text=text, access=access, limit=20))
        timings.append((time.perf_counter() - started) * 1000)
        empty += results.total == 0
    return timings, empty


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--corpus", default=str(CORPUS), help="the shared corpus directory")
    args = parser.parse_args()

    django_on_a_fresh_database()
    from django.db import connection

    from materials.models import ExtractedPart
    from search import registry
    from search.backends.database import DatabaseBackend

    materials_count = -(-args.pages // PAGES_PER_MATERIAL)
    materials, searcher = make_world(materials_count)
    texts = page_texts(args.pages, args.corpus)
    started = time.perf_counter()
    store_pages(materials, texts)
    seconds = time.perf_counter() - started
    pages = ExtractedPart.objects.count()
    chars = sum(len(text) for text in texts)
    print(
        f"{pages:,} pages of {len(materials)} materials, {chars / 1e6:.1f} M characters; "
        f"stored and indexed (database, {connection.vendor}) in {seconds:.0f} s "
        f"({pages / seconds:,.0f} pages/s)\n"
    )
    queries = phrases(searcher, args.queries)

    engines = [(f"database ({connection.vendor})", DatabaseBackend())]
    if os.environ.get("ELASTICSEARCH_URL"):
        from search.backends.elasticsearch import ElasticsearchBackend

        backend = ElasticsearchBackend(alias="bench-materials")
        started = time.perf_counter()
        backend.rebuild(registry.all_documents(), batch_size=1000)
        print(f"Elasticsearch rebuilt from the registry in {time.perf_counter() - started:.0f} s\n")
        engines.append(("elasticsearch", backend))

    rows = []
    for name, backend in engines:
        latency(backend, searcher, queries[:10])  # warm up caches
        timings, empty = latency(backend, searcher, queries)
        median, p95, spread = timing_cells(timings)
        rows.append((name, len(queries), median, p95, f"{max(timings):.1f}", empty))
        if backend.name == "elasticsearch":
            for index in backend._indexes_behind_alias():
                backend.client.indices.delete(index=index)

    print(
        f"search latency, {len(queries)} phrases drawn from the pages, limit 20 with count and "
        "facets, as a staff member of another department\n"
    )
    print(
        markdown_table(
            ["engine", "queries", "median ms", "p95 ms", "max ms", "found nothing"], rows
        )
    )
    print(f"\nexamples: {', '.join(queries[:8])}")


if __name__ == "__main__":
    main()
