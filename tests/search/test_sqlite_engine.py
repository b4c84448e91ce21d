"""SQLite's own index layout: the title index stays in step, and a search reads little.

What every engine must do is in test_backend_contract.py; these check how
SQLite does it at 100,000 documents without timing anything: the statements
a search sends, what they read, and the indexes they read it from.
"""

import pytest
from django.db import connection

from search.backends.database import DatabaseBackend
from search.query import QueryWord
from tests.search.conftest import ask, document

FTS = "search_fts"
TITLE_FTS = "search_title_fts"  # migration 0007
RANK_INDEX = "search_indexeddocument_rank"  # migration 0007

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.sqlite,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own index layout"),
]


@pytest.fixture
def engine():
    backend = DatabaseBackend()
    backend.clear()
    return backend


def termed(object_id, title_terms, body_terms="", **fields):
    return document(
        object_id,
        title_terms.replace(" ", ""),
        body_terms.replace(" ", ""),
        title_terms=title_terms,
        body_terms=body_terms,
        **fields,
    )


def asked(*terms, **options):
    words = tuple(QueryWord(typed=t, terms=(t,)) for t in terms)
    return ask(" ".join(terms), words=words, **options)


class Statements:
    """The SQL a block sends, with its parameters."""

    def __init__(self):
        self.sent = []

    def __call__(self, execute, sql, params, many, context):
        self.sent.append((sql, params))
        return execute(sql, params, many, context)


def sent_by(call):
    call()  # once before: what a connection looks up once is not a search's cost
    statements = Statements()
    with connection.execute_wrapper(statements):
        result = call()
    return result, statements.sent


def integrity_check(table):
    """FTS5 compares its index with the stored terms; raises if they differ."""
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)")


def test_the_title_index_follows_every_change_of_the_stored_terms(engine):
    engine.index([termed(n, f"題 {n}番", "本文 ぱすわーど") for n in range(1, 6)])
    engine.index([termed(2, "ぱすわーど 変更", "本文")])
    engine.delete(["faq:3"])
    for table in (FTS, TITLE_FTS):
        integrity_check(table)
    assert [hit.key for hit in engine.search(asked("ぱすわーど", title_only=True)).hits] == [
        "faq:2"
    ]
    engine.clear()
    engine.index([termed(9, "ぱすわーど")])
    integrity_check(TITLE_FTS)
    assert engine.search(asked("ぱすわーど", title_only=True)).total == 1


def test_a_search_past_the_count_cap_sends_four_statements(engine):
    engine.index([termed(1, "お知らせ")] + [termed(n, "案内", "お知らせ") for n in range(2, 12)])
    found, sent = sent_by(lambda: engine.search(asked("お知らせ", count_cap=3, limit=2)))
    assert (found.total, found.total_capped, found.hits[0].key) == (3, True, "faq:1")
    assert sum(found.type_counts.values()) == 3
    # The matches (total, facets, window), the title window, the score, the page.
    assert len(sent) == 4


def test_only_the_hits_shown_are_read_whole(engine):
    engine.index([termed(n, "案内", "お知らせ " * 50) for n in range(1, 31)])
    found, sent = sent_by(lambda: engine.search(asked("お知らせ", limit=5)))
    assert found.total == 30
    reading_bodies = [(sql, params) for sql, params in sent if "body," in sql]
    assert len(reading_bodies) == 1
    sql, params = reading_bodies[0]
    assert " MATCH " not in sql  # by the hits' ids, not over the matches
    assert len(params) == 5


def test_every_match_is_read_from_the_narrow_index(engine):
    engine.index([termed(1, "お知らせ")])
    _found, sent = sent_by(lambda: engine.search(asked("お知らせ")))
    first_sql, first_params = sent[0]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + first_sql.replace("%s", "?"), first_params)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert f"COVERING INDEX {RANK_INDEX}" in plan


def test_suggestions_match_the_prefix_in_the_title_index_alone(engine):
    engine.index([termed(1, "ぱすわーど 忘れる"), termed(2, "手順", "ぱすてる ぱすた ぱすぽーと")])
    found, sent = sent_by(
        lambda: engine.search(
            asked("ぱす", prefix=True, title_only=True, types=("faq",), count_cap=8, limit=8)
        )
    )
    assert [hit.key for hit in found.hits] == ["faq:1"]
    matching = [sql for sql, _params in sent if " MATCH " in sql]
    assert matching
    assert not any(f"{FTS} MATCH" in sql for sql in matching)


def test_the_migration_builds_the_title_index_from_the_rows_already_indexed(engine):
    from importlib import import_module

    layout = import_module("search.migrations.0008_sqlite_search_layout")
    engine.index([termed(1, "ぱすわーど 変更"), termed(2, "印刷", "ぱすわーど")])
    with connection.cursor() as cursor:
        for statement in layout.SQLITE_BACKWARD:
            cursor.execute(statement)
    with connection.cursor() as cursor:

        class Editor:  # what the migration asks of a schema editor
            connection = cursor.db

            def execute(self, statement):
                cursor.execute(statement)

        layout.forward(None, Editor())
    integrity_check(TITLE_FTS)
    assert [hit.key for hit in engine.search(asked("ぱすわーど", title_only=True)).hits] == [
        "faq:1"
    ]


def test_past_the_count_cap_newest_first_is_not_the_title_matches_first(engine):
    from search.backends.base import ORDER_DATE
    from tests.search.conftest import at

    engine.index(
        [termed(n, "お知らせ", date=at(2024, 1, n)) for n in range(1, 4)]
        + [termed(n, "案内", "お知らせ", date=at(2024, 1, n)) for n in range(4, 11)]
    )
    found = engine.search(asked("お知らせ", count_cap=3, limit=2, order=ORDER_DATE))
    assert [hit.key for hit in found.hits] == ["faq:10", "faq:9"]
