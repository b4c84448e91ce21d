"""SQLite's full-text index: external-content FTS5 tables over the stored terms.

Only inverted indexes are stored (migrations 0004 and 0007); the terms
themselves live once, in ``search_indexeddocument``, and this module keeps
the indexes in step by hand: FTS5 needs a document's old terms to take it
out of an index.

- ``search_fts`` indexes title and body terms: the match, and bm25.
- ``search_title_fts`` indexes the title terms (title and keywords) alone,
  with a prefix index: the title tier, the title window and suggestions
  while typing read it. A column filter on ``search_fts`` would walk the
  doclist of a common word in every body, and a prefix there (ぱす*) would
  expand over every body term that begins with it.
- ``search_indexeddocument_rank`` is a narrow index of what a search reads
  of each match (type, department, date, boost). The table's rows carry the
  body and its terms, so reading a column after them from the row walks its
  overflow pages.

A search reads the matches once, newest first, as far as the count cap (the
capped total, the facets, and the candidates to rank come from that one
statement), scores only the candidates (bm25 and the tiers), and reads the
title, body and address of the page it shows alone. The ranking is the one
``sql_reading`` describes.
"""

import itertools
import math

from django.db import connection

from .base import (
    EMPTY_RESULTS,
    EXACT_TIER,
    ORDER_DATE,
    TITLE_TIER,
    WORD_TIER,
    SearchResults,
    searchable,
)
from .sql_reading import (
    DOCS,
    MAX_COUNTED_WORDS,
    SqlDialect,
    hit_from_row,
    placeholders,
    sql_sum,
    words_of,
)

# An OR of AND-combinations stays this small; beyond it, an OR with a count of matched words.
MAX_COMBINATIONS = 64

FTS = "search_fts"
TITLE_FTS = "search_title_fts"
RANK_INDEX = "search_indexeddocument_rank"


def _quote_fts5(term):
    return '"' + term.replace('"', '""') + '"'


def _docs():
    """The documents table, read through the narrow index where there is one.

    A table rebuilt by a later migration would lose the index: the search then
    reads the rows themselves, slower but right. Looked up once per connection.
    """
    connection.ensure_connection()
    raw = connection.connection
    known = getattr(connection, "_search_rank_index", None)
    if known is None or known[0] is not raw:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = %s", [RANK_INDEX]
            )
            known = (raw, cursor.fetchone() is not None)
        connection._search_rank_index = known
    return f"{DOCS} d INDEXED BY {RANK_INDEX}" if known[1] else f"{DOCS} d"


class _Match:
    """A matching document as the first pass reads it, and its score once ranked."""

    __slots__ = ("id", "doc_type", "department_id", "date", "boost", "score")

    def __init__(self, id, doc_type, department_id, date, boost):
        self.id = id
        self.doc_type = doc_type
        self.department_id = department_id
        self.date = date
        self.boost = boost
        self.score = 0.0

    def date_key(self):
        # Dates are stored as ISO text in UTC: the text sorts as the time does; no date
        # sorts last in descending order, as SQL puts NULLs.
        return (self.date is not None, self.date or "")


class SQLiteDialect(SqlDialect):
    """FTS5: the match is a join with the FTS table; bm25 is lower-is-better."""

    def source(self):
        return f"{FTS} JOIN {DOCS} d ON d.id = {FTS}.rowid"

    def id_column(self):
        return f"{FTS}.rowid"  # FTS5 walks its matches in this order, and seeks by it

    # -- the match expression ----------------------------------------------

    def _phrase(self, terms, prefix):
        quoted = [_quote_fts5(t) for t in terms]
        if prefix:
            quoted[-1] += "*"
        return " + ".join(quoted)

    def _word(self, word, *, exact_only=False):
        forms = [self._phrase((t,), word.prefix) for t in word.terms]
        if not exact_only:
            forms += [self._phrase(p, word.prefix) for p in word.phrases]
            forms += [self._phrase((t,), True) for t in word.prefixes]
        return "(" + " OR ".join(forms) + ")"

    def _in_index(self, outer, table, expression, within=None):
        """Whether document ``outer`` matches ``expression`` in ``table`` (ids ``within``)."""
        sql = f"{outer} IN (SELECT rowid FROM {table} WHERE {table} MATCH %s"
        params = [expression]
        if within:
            sql += " AND rowid BETWEEN %s AND %s"
            params += list(within)
        return f"({sql}))", params

    def _table_match(self, table, words, required):
        """``table MATCH …`` for ``required`` of the words (and a count when there are many)."""
        exprs = [self._word(w) for w in words]
        if required >= len(words):
            return f"{table} MATCH %s", [" AND ".join(exprs)]
        if required == 1:
            return f"{table} MATCH %s", [" OR ".join(exprs)]
        if math.comb(len(exprs), required) <= MAX_COMBINATIONS:
            combos = itertools.combinations(exprs, required)
            return f"{table} MATCH %s", [" OR ".join("(" + " AND ".join(c) + ")" for c in combos)]
        counted, params = self._count_words(f"{table}.rowid", table, words)
        return f"{table} MATCH %s AND ({counted}) >= %s", [" OR ".join(exprs), *params, required]

    def _count_words(self, outer, table, words, within=None, exact_only=False):
        parts, params = [], []
        for w in words:
            if exact_only and not (w.has_looser_forms and w.terms):
                continue
            sql, p = self._in_index(outer, table, self._word(w, exact_only=exact_only), within)
            parts.append(sql)
            params += p
        return sql_sum(parts), params

    # The shared flow's parts, as they read here (search and count below use them through
    # ``_tiers``; the flow itself is not used on SQLite).

    def match(self, words, required, title_only):
        return self._table_match(TITLE_FTS if title_only else FTS, words, required)

    def matched_words(self, words, title_only):
        return self._count_words("d.id", TITLE_FTS if title_only else FTS, words)

    def title_words(self, words):
        return self._count_words("d.id", TITLE_FTS, words)

    def exact_words(self, words, title_only):
        table = TITLE_FTS if title_only else FTS
        return self._count_words("d.id", table, words, exact_only=True)

    def text_score(self, words):
        # bm25 is negative, lower is better: -bm25 / (1 - bm25) is in [0, 1), higher is better.
        return f"(-bm25({FTS}, 4.0, 1.0) / (1.0 - bm25({FTS}, 4.0, 1.0)))", []

    # -- reading -------------------------------------------------------------

    def access_clause(self, tokens, document_id):
        # The unary plus keeps the planner on the document's own few tokens.
        return super().access_clause(tokens, document_id).replace("AND a.token", "AND +a.token")

    def _matching(self, request, words, table, limit, *, with_types=True, with_departments=True):
        """The newest ``limit`` documents that match (and that the user may see), newest first."""
        match_sql, params = self._table_match(table, words, request.required)
        clauses, filter_params = self.filters(
            request,
            document_id=f"{table}.rowid",
            with_types=with_types,
            with_departments=with_departments,
        )
        clauses, params = [match_sql, *clauses], params + filter_params
        sql = (
            # +d.date: the stored text as it is (it sorts as the time does), not parsed.
            f"SELECT {table}.rowid, d.doc_type, d.department_id, +d.date, d.boost "
            f"FROM {table} JOIN {_docs()} ON d.id = {table}.rowid "
            f"WHERE {' AND '.join(clauses)} ORDER BY {table}.rowid DESC LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params + [limit])
            return [_Match(*row) for row in cursor.fetchall()]

    def _tiers(self, request, words, table, within, every_word_in_title=False):
        """The score's tiers as SQL over ``table``, the subqueries bounded to ids ``within``."""
        outer = f"{table}.rowid"
        parts, params = [], []
        if request.required < len(words) <= MAX_COUNTED_WORDS:
            sql, p = self._count_words(outer, table, words, within)
            parts.append(f"{WORD_TIER} * ({sql})")
            params += p
        if every_word_in_title:
            parts.append(f"{TITLE_TIER * len(words)}")
        elif not request.title_only and len(words) <= MAX_COUNTED_WORDS:
            sql, p = self._count_words(outer, TITLE_FTS, words, within)
            parts.append(f"{TITLE_TIER} * ({sql})")
            params += p
        if any(w.has_looser_forms for w in words) and len(words) <= MAX_COUNTED_WORDS:
            sql, p = self._count_words(outer, table, words, within, exact_only=True)
            parts.append(f"{EXACT_TIER} * ({sql})")
            params += p
        return sql_sum(parts), params

    def _with_title_window(self, request, words, window):
        """The candidates when more than the cap match: the window and the title window.

        The newest of all matches may hold none of the (rarer) matches in the
        title: the newest ``count_cap`` of those are candidates too. When every
        word must match and the title window alone fills the page, it is the
        page's candidates alone: every word in the title is the top title tier,
        which nothing else of the window reaches (a title match of the window is
        in the title window too, being among the newest title matches). Newest
        first, the window comes first.
        """
        title_window = self._matching(request, words, TITLE_FTS, request.count_cap)
        every_word = request.required >= len(words) and len(words) <= MAX_COUNTED_WORDS
        by_relevance = request.order != ORDER_DATE
        if by_relevance and every_word and request.offset + request.limit <= len(title_window):
            return {m.id: m for m in title_window}, True
        candidates = dict(window)
        for m in title_window:
            candidates.setdefault(m.id, m)
        return candidates, False

    def _score(self, request, words, table, candidates, every_word_in_title=False):
        """Set each candidate's score: the tiers, the text score (bm25) and the boost.

        One statement over the candidates alone: FTS5 walks the matches
        between the oldest and the newest of them, and bm25 and the tiers are
        worked out only for the candidates.
        """
        ids = sorted(candidates)
        within = (ids[0], ids[-1])
        tiers, tier_params = self._tiers(request, words, table, within, every_word_in_title)
        match_sql, match_params = self._table_match(table, words, request.required)
        weights = ", 4.0, 1.0" if table == FTS else ""
        sql = (
            f"SELECT {table}.rowid, bm25({table}{weights}), {tiers} FROM {table} "
            f"WHERE {match_sql} AND {table}.rowid BETWEEN %s AND %s "
            f"AND +{table}.rowid IN ({placeholders(ids)})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, tier_params + match_params + list(within) + ids)
            for id_, bm25, tier in cursor.fetchall():
                match = candidates[id_]
                match.score = tier + (-bm25 / (1.0 - bm25)) + match.boost

    def _ranked(self, request, candidates):
        """The candidates best first (relevance or date), ties by id as the SQL flow had it."""
        ordered = sorted(candidates.values(), key=lambda m: m.id)
        if request.order == ORDER_DATE:
            ordered.sort(key=lambda m: (m.date_key(), m.score), reverse=True)
        else:
            ordered.sort(key=lambda m: (m.score, m.date_key()), reverse=True)
        return ordered

    def _hits(self, matches):
        """The page's hits, with what the results page shows, in the order given."""
        if not matches:
            return []
        ids = [m.id for m in matches]
        sql = (
            f"SELECT id, key, doc_type, object_id, title, body, url, date, department_id, "
            f'"group", part, marks FROM {DOCS} WHERE id IN ({placeholders(ids)})'
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, ids)
            rows = {row[0]: row for row in cursor.fetchall()}
        hits = []
        for match in matches:
            row = rows.get(match.id)
            if row is None:  # gone since the first statement
                continue
            hits.append(hit_from_row(row[1:], match.score))
        return hits

    def _facet(self, request, words, table, sample, attribute, **without):
        """A facet over the capped sample (or over its own sample, when a filter narrows it)."""
        if sample is None:
            sample = self._matching(request, words, table, request.count_cap, **without)
        counts = {}
        for match in sample[: request.count_cap]:
            value = getattr(match, attribute)
            if value is not None:
                counts[value] = counts.get(value, 0) + 1
        return counts

    def search(self, request):
        if not searchable(request):
            return EMPTY_RESULTS
        words = words_of(request)
        cap = request.count_cap
        table = TITLE_FTS if request.title_only else FTS
        matches = self._matching(request, words, table, cap + 1)
        total = len(matches)
        window = matches[:cap]
        hits = []
        if request.limit > 0 and request.offset < total:
            candidates, in_title = {m.id: m for m in window}, False
            if total > cap and not request.title_only:
                candidates, in_title = self._with_title_window(request, words, candidates)
            self._score(request, words, table, candidates, every_word_in_title=in_title)
            ranked = self._ranked(request, candidates)
            hits = self._hits(ranked[request.offset : request.offset + request.limit])
        return SearchResults(
            hits=hits,
            total=min(total, cap),
            type_counts=self._facet(
                request,
                words,
                table,
                None if request.types else window,
                "doc_type",
                with_types=False,
            ),
            department_counts=self._facet(
                request,
                words,
                table,
                None if request.department_ids else window,
                "department_id",
                with_departments=False,
            ),
            total_capped=total > cap,
        )

    def count(self, request):
        if not searchable(request):
            return 0
        words = words_of(request)
        table = TITLE_FTS if request.title_only else FTS
        return min(
            len(self._matching(request, words, table, request.count_cap + 1)), request.count_cap
        )

    # -- writing -------------------------------------------------------------

    def store_terms(self, cursor, rows):
        cursor.executemany(
            f"INSERT INTO {FTS} (rowid, title_terms, body_terms) VALUES (%s, %s, %s)", rows
        )
        cursor.executemany(
            f"INSERT INTO {TITLE_FTS} (rowid, title_terms) VALUES (%s, %s)",
            [(pk, title) for pk, title, _body in rows],
        )

    def delete_terms(self, cursor, ids):
        """Take these documents out of the FTS indexes: FTS5 needs their old terms to do it."""
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            cursor.execute(
                f"SELECT id, title_terms, body_terms FROM {DOCS} WHERE id IN "
                f"({placeholders(chunk)})",
                chunk,
            )
            old = cursor.fetchall()
            cursor.executemany(
                f"INSERT INTO {FTS} ({FTS}, rowid, title_terms, body_terms) "
                "VALUES ('delete', %s, %s, %s)",
                old,
            )
            cursor.executemany(
                f"INSERT INTO {TITLE_FTS} ({TITLE_FTS}, rowid, title_terms) "
                "VALUES ('delete', %s, %s)",
                [(pk, title) for pk, title, _body in old],
            )

    def clear_terms(self, cursor):
        cursor.execute(f"INSERT INTO {FTS} ({FTS}) VALUES ('delete-all')")
        cursor.execute(f"INSERT INTO {TITLE_FTS} ({TITLE_FTS}) VALUES ('delete-all')")
