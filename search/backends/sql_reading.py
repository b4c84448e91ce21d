"""Reading the embedded engine's index: the SQL both databases share, and the parts they fill in.

Filters (access, type, department, date) are part of the same SQL statement
as the full-text match, so counts and facets only ever include what the
user may see.

Ranking is the same on both (and on Elasticsearch; see base.py): tiers
first, then the text score, then the boost. A document that matches more of
the words ranks above one that matches fewer; then more words matched in
the title (and keywords); then more words (of those that have phrases)
matched by one of their own terms rather than only by a phrase of a
compound's parts. Within a tier the text score (bm25 or ts_rank, squashed
below 1) and ``SearchDocument.boost`` (-1 to 1) decide, so a boost never
lifts a document across a tier.

Counting stops at ``request.count_cap``: the total and the facets count a
LIMITed sample, never every match of a word found in half the intranet.

``SqlDialect`` holds the flow; ``sqlite_fts.SQLiteDialect`` and
``postgres_fts.PostgresDialect`` say how a word is matched and scored, how
terms are stored, and may replace any step of the flow where their engine
is better served another way.
"""

import zoneinfo
from datetime import UTC, datetime, time, timedelta

from django.conf import settings
from django.db import connection
from django.utils.dateparse import parse_datetime

from .base import (
    EMPTY_RESULTS,
    EXACT_TIER,
    ORDER_DATE,
    TITLE_TIER,
    WORD_TIER,
    Hit,
    SearchResults,
    searchable,
)

DOCS = "search_indexeddocument"
ACCESS = "search_documentaccess"

# Counting matched words per document costs one index lookup per word: beyond this many
# words (a long "similar cases" text) bm25 / ts_rank alone favours documents with more.
MAX_COUNTED_WORDS = 8


def placeholders(values):
    return ", ".join(["%s"] * len(values))


def sql_sum(parts):
    return " + ".join(parts) if parts else "0"


class Word:
    """One query word as the dialects see it: its terms, phrases, prefixes; is it a prefix.

    ``prefixes`` are the word's own beginnings of terms (see ``QueryWord``);
    ``prefix`` makes every form of the last word of a suggestion a prefix.
    """

    def __init__(self, word, prefix):
        self.terms = tuple(t for t in word.terms if t)
        self.phrases = tuple(tuple(t for t in p if t) for p in word.phrases if any(p))
        self.prefixes = tuple(t for t in word.prefixes if t)
        self.prefix = prefix

    @property
    def has_phrases(self):
        return bool(self.phrases)

    @property
    def has_looser_forms(self):
        """Whether a match may be less than one of the word's own terms: the exact tier tells."""
        return bool(self.phrases or self.prefixes)


def words_of(request):
    words = list(request.words)
    return [
        Word(word, request.prefix and index == len(words) - 1) for index, word in enumerate(words)
    ]


def _day_start(day):
    """Midnight in Tokyo, as the database compares datetimes (UTC text on SQLite)."""
    start = datetime.combine(day, time.min, tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))
    return connection.ops.adapt_datetimefield_value(start)


class SqlDialect:
    """The search flow over ``search_indexeddocument`` (alias ``d``) and its full-text index.

    A dialect fills in: ``source`` and ``id_column`` (what the statement
    reads from), ``match`` / ``matched_words`` / ``title_words`` /
    ``exact_words`` / ``text_score`` (SQL with parameters), and
    ``store_terms`` / ``delete_terms`` / ``clear_terms`` (writing).
    """

    def source(self):
        raise NotImplementedError

    def id_column(self):
        raise NotImplementedError

    def match(self, words, required, title_only):
        raise NotImplementedError

    def matched_words(self, words, title_only):
        raise NotImplementedError

    def title_words(self, words):
        raise NotImplementedError

    def exact_words(self, words, title_only):
        raise NotImplementedError

    def text_score(self, words):
        raise NotImplementedError

    def store_terms(self, cursor, rows):
        raise NotImplementedError

    def delete_terms(self, cursor, ids):
        raise NotImplementedError

    def clear_terms(self, cursor):
        raise NotImplementedError

    # -- the flow ----------------------------------------------------------

    def access_clause(self, tokens, document_id):
        """SQL: the document (its id column ``document_id``) carries one of ``tokens``."""
        return (
            f"EXISTS (SELECT 1 FROM {ACCESS} a WHERE a.document_id = {document_id} "
            f"AND a.token IN ({placeholders(tokens)}))"
        )

    def filters(self, request, *, document_id="d.id", with_types=True, with_departments=True):
        """The access, type, department and date conditions: SQL clauses and their parameters."""
        clauses, params = [], []
        if request.access is not None:
            tokens = sorted(request.access)
            clauses.append(self.access_clause(tokens, document_id))
            params += tokens
        if with_types and request.types:
            clauses.append(f"d.doc_type IN ({placeholders(request.types)})")
            params += list(request.types)
        if with_departments and request.department_ids:
            clauses.append(f"d.department_id IN ({placeholders(request.department_ids)})")
            params += list(request.department_ids)
        if request.date_from:
            clauses.append("d.date >= %s")
            params.append(_day_start(request.date_from))
        if request.date_to:
            clauses.append("d.date < %s")
            params.append(_day_start(request.date_to + timedelta(days=1)))
        return clauses, params

    def where(self, request, *, with_types=True, with_departments=True):
        match_sql, params = self.match(words_of(request), request.required, request.title_only)
        clauses, filter_params = self.filters(
            request, with_types=with_types, with_departments=with_departments
        )
        return " AND ".join([match_sql, *clauses]), params + filter_params

    def tiers(self, request):
        """The score's tiers (see the module docstring) as SQL, with its parameters."""
        words = words_of(request)
        parts, params = [], []
        if request.required < len(words) <= MAX_COUNTED_WORDS:
            sql, p = self.matched_words(words, request.title_only)
            parts.append(f"{WORD_TIER} * ({sql})")
            params += p
        if not request.title_only and len(words) <= MAX_COUNTED_WORDS:
            sql, p = self.title_words(words)
            parts.append(f"{TITLE_TIER} * ({sql})")
            params += p
        if any(w.has_looser_forms for w in words) and len(words) <= MAX_COUNTED_WORDS:
            sql, p = self.exact_words(words, request.title_only)
            parts.append(f"{EXACT_TIER} * ({sql})")
            params += p
        return sql_sum(parts), params

    def score(self, request):
        """The score (see the module docstring): tiers, text score and boost, with parameters."""
        tiers, params = self.tiers(request)
        text, text_params = self.text_score(words_of(request))
        return f"{tiers} + {text} + d.boost", params + text_params

    def capped_count(self, request, column=None, **without):
        """How many match (at most the cap, plus one to tell), or the facet over that sample."""
        where, params = self.where(request, **without)
        cap = request.count_cap
        if column is None:
            sql = f"SELECT COUNT(*) FROM (SELECT 1 FROM {self.source()} WHERE {where} LIMIT %s) s"
            with connection.cursor() as cursor:
                cursor.execute(sql, params + [cap + 1])
                return cursor.fetchone()[0]
        sql = (
            f"SELECT s.value, COUNT(*) FROM (SELECT d.{column} AS value FROM {self.source()} "
            f"WHERE {where} LIMIT %s) s GROUP BY s.value"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params + [cap])
            return {value: count for value, count in cursor.fetchall() if value is not None}

    def ranked_rows(self, request, where, params, since=None, offset=None):
        """Matches in ``where`` (from id ``since`` on), best first: one page, or the top rows."""
        score_sql, score_params = self.score(request)
        if request.order == ORDER_DATE:
            order = "d.date DESC, score DESC, d.id"
        else:
            order = "score DESC, d.date DESC, d.id"
        if since is not None:
            where, params = f"{where} AND {self.id_column()} >= %s", params + [since]
        sql = (
            f"SELECT d.key, d.doc_type, d.object_id, d.title, d.body, d.url, d.date, "
            f'd.department_id, d."group", d.part, d.marks, {score_sql} AS score '
            f"FROM {self.source()} WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s"
        )
        if offset is None:
            limit, offset = request.offset + request.limit, 0
        else:
            limit = request.limit
        with connection.cursor() as cursor:
            cursor.execute(sql, score_params + params + [limit, offset])
            return cursor.fetchall()

    def window_start(self, request, where, params):
        """The id from which on the newest ``count_cap`` matches lie (None: fewer match)."""
        sql = (
            f"SELECT {self.id_column()} FROM {self.source()} WHERE {where} "
            f"ORDER BY {self.id_column()} DESC LIMIT 1 OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params + [request.count_cap - 1])
            row = cursor.fetchone()
        return row[0] if row else None

    def ranked_window(self, request, where, params):
        """When more than ``count_cap`` match, rank a bounded set of candidates.

        Scoring every match of a word found in half the intranet is the cost
        of a search (bm25 or ts_rank over tens of thousands of rows). The
        candidates are the newest ``count_cap`` documents that match in the
        title (the top tier) and the newest ``count_cap`` of all matches; they
        are ranked by the same score and merged.
        """
        title_where, title_params = self.where(request.without(title_only=True))
        rows = {}
        for part_where, part_params in ((title_where, title_params), (where, params)):
            since = self.window_start(request, part_where, part_params)
            for row in self.ranked_rows(request, part_where, part_params, since):
                rows.setdefault(row[0], row)
        if request.order == ORDER_DATE:
            ordered = sorted(rows.values(), key=lambda r: (_sort_date(r[6]), r[11]), reverse=True)
        else:
            ordered = sorted(rows.values(), key=lambda r: (r[11], _sort_date(r[6])), reverse=True)
        return ordered[request.offset : request.offset + request.limit]

    def search(self, request):
        if not searchable(request):
            return EMPTY_RESULTS
        where, params = self.where(request)
        total = self.capped_count(request)
        capped = self.is_lower_bound(request, total)
        rows = []
        if request.limit > 0 and request.offset < total:
            if capped:
                rows = self.ranked_window(request, where, params)
            else:
                rows = self.ranked_rows(request, where, params, offset=request.offset)
        hits = [hit_from_row(row[:-1], row[-1]) for row in rows]
        return SearchResults(
            hits=hits,
            total=min(total, request.count_cap),
            type_counts=self.capped_count(request, "doc_type", with_types=False),
            department_counts=self.capped_count(request, "department_id", with_departments=False),
            total_capped=capped,
        )

    def is_lower_bound(self, request, total):
        """Whether the count ``total`` is only a lower bound: more than the cap matched."""
        return total > request.count_cap

    def count(self, request):
        if not searchable(request):
            return 0
        return min(self.capped_count(request), request.count_cap)


def hit_from_row(row, score):
    """A hit from a documents row and its score: one shape for every dialect's reads.

    The row holds key, doc_type, object_id, title, body, url, date,
    department_id, group, part and marks, in that order.
    """
    key, doc_type, object_id, title, body, url, date, department_id, group, part, marks = row
    return Hit(
        key=key,
        doc_type=doc_type,
        object_id=object_id,
        title=title,
        body=body,
        url=url,
        date=_as_datetime(date),
        department_id=department_id,
        score=float(score),
        group=group,
        part=part,
        marks=tuple(marks.split()),
    )


def _sort_date(value):
    """A row's date as a sort key (None first, as DESC puts NULLs last on both databases)."""
    value = _as_datetime(value)
    return (value is not None, value or datetime.min.replace(tzinfo=UTC))


def _as_datetime(value):
    """Raw SQL on SQLite hands datetimes back naive (UTC) or as text."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value
