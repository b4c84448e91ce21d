"""What only PostgreSQL's engine does: its small title vector, and one sample per search.

The ranking rules themselves are contract tests (test_backend_contract.py),
run on PostgreSQL too; these check how the PostgreSQL dialect reads its
index, so that a word found in half the intranet stays cheap: title tests
read ``title_vector`` (never a weight-restricted query on the whole
vector, which the GIN index cannot answer without re-reading every
candidate), and the count, the facets and the ranking share one sample of
the newest matches.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.backends.base import ORDER_DATE
from search.backends.database import DatabaseBackend
from search.models import IndexedDocument
from search.query import QueryWord
from tests.search.conftest import at
from tests.search.test_backend_contract import asked, keys, termed

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


@pytest.fixture
def engine():
    backend = DatabaseBackend()
    backend.clear()
    return backend


def title_vector(key):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT title_vector::text FROM search_indexeddocument WHERE id = %s",
            [IndexedDocument.objects.get(key=key).pk],
        )
        return cursor.fetchone()[0]


def test_the_title_vector_holds_the_title_and_keywords_with_their_positions(engine):
    engine.index([termed(1, "情報 せきゅりてぃ 研修", "情報 配信 の 手順")])
    assert title_vector("faq:1") == "'せきゅりてぃ':2A '情報':1A '研修':3A"


def test_the_title_vector_follows_a_reindexed_title(engine):
    engine.index([termed(1, "研修 案内", "研修 案内")])
    engine.index([termed(1, "ぷりんたー", "研修 案内")])
    assert title_vector("faq:1") == "'ぷりんたー':1A"


# The GIN index asked alone: the planner's settings, the lookups, the settings back.
INDEX_LOOKUP = "SELECT set_config(name, value, true) FROM unnest(ARRAY['enable_indexscan'"


def statements_of(search):
    with CaptureQueriesContext(connection) as captured:
        results = search()
    return results, [query["sql"] for query in captured.captured_queries]


def test_title_tests_never_ask_the_whole_vector_for_a_weight(engine):
    engine.index([termed(1, "ぷりんたー 設定"), termed(2, "複合機", "ぷりんたー 設定")])
    found, statements = statements_of(lambda: engine.search(asked("ぷりんたー", "設定")))
    assert keys(found) == ["faq:1", "faq:2"]
    suggested, more = statements_of(
        lambda: engine.search(asked("ぷりんた", prefix=True, title_only=True))
    )
    assert keys(suggested) == ["faq:1"]
    for sql in statements + more:
        assert ":A" not in sql and ":*A" not in sql
    assert any("title_vector @@" in sql for sql in statements + more)


def test_the_count_the_facets_and_the_ranking_share_one_sample(engine):
    engine.index(
        [termed(n, "お知らせ", doc_type="notice" if n % 2 else "faq") for n in range(1, 8)]
    )
    found, statements = statements_of(lambda: engine.search(asked("お知らせ", count_cap=20)))
    assert (found.total, found.type_counts) == (7, {"notice": 4, "faq": 3})
    reading = [sql for sql in statements if "search_indexeddocument" in sql]
    # The sample (read window by window of ids: how many windows depends on where the ids
    # of this database stand), then the score of its documents by id; nothing counts apart.
    *sample, ranking = [sql for sql in reading if "MAX(id)" not in sql]
    assert sample and all(
        sql.startswith((INDEX_LOOKUP, "SELECT d.id, d.doc_type, d.department_id")) for sql in sample
    )
    assert "ts_rank(" in ranking and "= ANY(" in ranking
    assert "COUNT(" not in " ".join(reading)


def test_capped_facets_count_the_newest_matches_that_are_counted_and_ranked(engine):
    engine.index(
        [
            termed(n, "お知らせ", doc_type="faq" if n <= 4 else "notice", date=at(2024, 4, n))
            for n in range(1, 8)
        ]
    )
    found = engine.search(asked("お知らせ", count_cap=3, order=ORDER_DATE))
    assert (found.total, found.total_capped) == (3, True)
    assert found.type_counts == {"notice": 3}
    assert keys(found) == ["notice:7", "notice:6", "notice:5"]


def test_a_filter_keeps_its_facet_counting_every_type(engine):
    engine.index(
        [termed(n, "お知らせ", doc_type="notice" if n % 2 else "faq") for n in range(1, 8)]
    )
    found = engine.search(asked("お知らせ", types=("faq",)))
    assert found.total == 3
    assert found.type_counts == {"notice": 4, "faq": 3}


def test_matches_far_apart_are_all_found_and_counted(engine):
    """The newest matches are read a window of ids at a time: rare matches need several."""
    documents = [termed(n, "案内", "研修") for n in range(1, 60)]
    documents[0] = termed(1, "ぷりんたー")
    documents[1] = termed(2, "案内", "ぷりんたー")
    documents[-1] = termed(59, "案内", "ぷりんたー 設定")
    engine.index(documents)
    found = engine.search(asked("ぷりんたー", count_cap=2, order=ORDER_DATE))
    assert (found.total, found.total_capped) == (2, True)
    assert engine.search(asked("ぷりんたー", count_cap=3)).total == 3
    # Beyond the cap the newest title match is still a candidate, and ranks first.
    assert keys(engine.search(asked("ぷりんたー", count_cap=2)))[0] == "faq:1"


def test_a_window_asks_the_index_alone_then_the_permission_of_what_it_found(engine):
    """The GIN index finds a window's matches; the filters then read those rows by id only.

    Asked together, the planner walks the primary key over the window and
    reads every row's vector; the index lookup is a bitmap scan of its own,
    with the planner's settings back as they were for everything after it.
    """
    engine.index([termed(n, "お知らせ" if n % 2 else "案内") for n in range(1, 9)])
    request = asked("お知らせ", types=("faq",))
    found, statements = statements_of(lambda: engine.search(request))
    assert found.total == 4
    lookups = [sql for sql in statements if sql.startswith(INDEX_LOOKUP) and "d.id >" in sql]
    assert lookups and all(
        "search_vector @@" in sql and "documentaccess" not in sql and "doc_type" not in sql
        for sql in lookups
    )
    filtered = [sql for sql in statements if sql.startswith("SELECT d.id, d.doc_type")]
    assert filtered and all(
        "d.id = ANY(" in sql and "documentaccess" in sql and "search_vector" not in sql
        for sql in filtered
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('enable_indexscan'), current_setting('enable_seqscan')"
        )
        assert cursor.fetchone() == ("on", "on")


def test_the_tiers_of_the_candidates_are_read_from_the_index(engine):
    """Which candidates each word's test finds: the GIN index says, by id, no vector is read."""
    engine.index([termed(1, "案内", "お知らせ"), termed(2, "お知らせ"), termed(3, "案内")])
    found, statements = statements_of(lambda: engine.search(asked("お知らせ")))
    assert keys(found) == ["faq:2", "faq:1"]
    ranking = [sql for sql in statements if sql.startswith("WITH c AS")]
    assert ranking and "@@" not in ranking[0]
    assert any(sql.startswith(INDEX_LOOKUP) and "title_vector @@" in sql for sql in statements)


def test_a_phrase_tests_a_bounded_number_of_vectors_and_then_counts_a_lower_bound(
    engine, monkeypatch
):
    """A phrase of common parts reads each candidate's vector: at most a budget of them.

    Candidates the index finds by the word's own term match for certain and
    cost nothing; when the budget runs out before the sample is full, the
    matches found are counted as a lower bound and ranked, newest first.
    """
    from search.backends import postgres_fts

    security = QueryWord(
        typed="情報セキュリティ", terms=("情報せきゅりてぃ",), phrases=(("情報", "せきゅりてぃ"),)
    )
    documents = [termed(n, "研修", "情報 せきゅりてぃ 対策") for n in range(1, 9)]  # a phrase
    documents += [termed(n, "研修", "せきゅりてぃ 情報 配信") for n in range(9, 13)]  # apart
    documents += [termed(n, "研修", "情報せきゅりてぃ") for n in range(13, 15)]  # its own term
    engine.index(documents)
    found = engine.search(asked(security))
    assert (found.total, found.total_capped) == (10, False)

    monkeypatch.setattr(postgres_fts, "TESTED_VECTORS", 3)
    found = engine.search(asked(security))
    # The two with the term are certain; of the rest only the three newest (apart) are
    # tested, and the older phrases are left unread.
    assert (found.total, found.total_capped) == (2, True)
    assert sorted(keys(found)) == ["faq:13", "faq:14"]
