"""The embedded engine: SQLite FTS5 or PostgreSQL full-text search over the pipeline's terms.

Filters (access, type, department, date) are part of the same SQL statement
as the full-text match, so counts and facets only ever include what the
user may see.

Storage (migration 0004): the terms live once, in search_indexeddocument.
SQLite's FTS5 table is an *external-content* table over it (only the
inverted index is stored), kept in step by hand here: FTS5 needs a
document's old terms to take it out of the index. PostgreSQL keeps a
tsvector made in Python, with positions (phrases) and weights (title and
keywords A, body B), so no text-search parser touches the terms.

Ranking is the same on both (and on Elasticsearch): tiers first, then the
text score, then the boost. A document that matches more of the words ranks
above one that matches fewer; then more words matched in the title (and
keywords); then more words (of those that have phrases) matched by one of
their own terms rather than only by a phrase of a compound's parts. Within
a tier the text score (bm25 or ts_rank, squashed below 1) and
``SearchDocument.boost`` (-1 to 1) decide, so a boost never lifts a document
across a tier.

Counting stops at ``request.count_cap``: the total and the facets count a
LIMITed sample, never every match of a word found in half the intranet.
"""

import itertools
import math
import zoneinfo
from datetime import UTC, datetime, time, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils.dateparse import parse_datetime

from ..models import DocumentAccess, IndexedDocument
from .base import EMPTY_RESULTS, ORDER_DATE, Hit, SearchBackend, SearchResults

DOCS = "search_indexeddocument"
ACCESS = "search_documentaccess"

# Tier weights of the score (see the module docstring); text score and boost stay below 10.
WORD_TIER = 1000
TITLE_TIER = 100
EXACT_TIER = 10
# Counting matched words per document costs one index lookup per word: beyond this many
# words (a long "similar cases" text) bm25 / ts_rank alone favours documents with more.
MAX_COUNTED_WORDS = 8
# An OR of AND-combinations stays this small; beyond it, an OR with a count of matched words.
MAX_COMBINATIONS = 64


def _placeholders(values):
    return ", ".join(["%s"] * len(values))


def _sum(parts):
    return " + ".join(parts) if parts else "0"


class _Word:
    """One query word as the dialects see it: its terms, phrases, and whether it is a prefix."""

    def __init__(self, word, prefix):
        self.terms = tuple(t for t in word.terms if t)
        self.phrases = tuple(tuple(t for t in p if t) for p in word.phrases if any(p))
        self.prefix = prefix

    @property
    def has_phrases(self):
        return bool(self.phrases)


def _words(request):
    words = list(request.words)
    return [
        _Word(word, request.prefix and index == len(words) - 1) for index, word in enumerate(words)
    ]


# -- SQLite FTS5 -----------------------------------------------------------------------


def _quote_fts5(term):
    return '"' + term.replace('"', '""') + '"'


class _SQLiteDialect:
    """FTS5: the match is a join with the FTS table; bm25 is lower-is-better."""

    def source(self):
        return f"search_fts JOIN {DOCS} d ON d.id = search_fts.rowid"

    def id_column(self):
        return "search_fts.rowid"  # FTS5 walks its matches in this order, and seeks by it

    def _phrase(self, terms, prefix):
        quoted = [_quote_fts5(t) for t in terms]
        if prefix:
            quoted[-1] += "*"
        return " + ".join(quoted)

    def _word(self, word, *, title_only=False, exact_only=False):
        forms = [self._phrase((t,), word.prefix) for t in word.terms]
        if not exact_only:
            forms += [self._phrase(p, word.prefix) for p in word.phrases]
        expression = "(" + " OR ".join(forms) + ")"
        return "{title_terms} : " + expression if title_only else expression

    def _in_index(self, expression):
        return (
            "(d.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s))",
            [expression],
        )

    def match(self, words, required, title_only):
        exprs = [self._word(w, title_only=title_only) for w in words]
        if required >= len(words):
            return "search_fts MATCH %s", [" AND ".join(exprs)]
        if required == 1:
            return "search_fts MATCH %s", [" OR ".join(exprs)]
        if math.comb(len(exprs), required) <= MAX_COMBINATIONS:
            combos = itertools.combinations(exprs, required)
            return "search_fts MATCH %s", [" OR ".join("(" + " AND ".join(c) + ")" for c in combos)]
        counted, params = self.matched_words(words, title_only)
        return f"search_fts MATCH %s AND ({counted}) >= %s", [
            " OR ".join(exprs),
            *params,
            required,
        ]

    def matched_words(self, words, title_only):
        parts, params = [], []
        for w in words:
            sql, p = self._in_index(self._word(w, title_only=title_only))
            parts.append(sql)
            params += p
        return _sum(parts), params

    def title_words(self, words):
        parts, params = [], []
        for w in words:
            sql, p = self._in_index(self._word(w, title_only=True))
            parts.append(sql)
            params += p
        return _sum(parts), params

    def exact_words(self, words, title_only):
        parts, params = [], []
        for w in words:
            if w.has_phrases and w.terms:
                sql, p = self._in_index(self._word(w, title_only=title_only, exact_only=True))
                parts.append(sql)
                params += p
        return _sum(parts), params

    def text_score(self, words):
        # bm25 is negative, lower is better: -bm25 / (1 - bm25) is in [0, 1), higher is better.
        return "(-bm25(search_fts, 4.0, 1.0) / (1.0 - bm25(search_fts, 4.0, 1.0)))", []

    def store_terms(self, cursor, rows):
        cursor.executemany(
            "INSERT INTO search_fts (rowid, title_terms, body_terms) VALUES (%s, %s, %s)", rows
        )

    def delete_terms(self, cursor, ids):
        """Take these documents out of the FTS index: FTS5 needs their old terms to do it."""
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            cursor.execute(
                f"SELECT id, title_terms, body_terms FROM {DOCS} WHERE id IN "
                f"({_placeholders(chunk)})",
                chunk,
            )
            cursor.executemany(
                "INSERT INTO search_fts (search_fts, rowid, title_terms, body_terms) "
                "VALUES ('delete', %s, %s, %s)",
                cursor.fetchall(),
            )

    def clear_terms(self, cursor):
        cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('delete-all')")


# -- PostgreSQL ------------------------------------------------------------------------

# tsvector limits: positions above 16383 are all 16383; at most 256 positions per lexeme;
# a lexeme of at most 2047 bytes.
MAX_POSITION = 16383
MAX_POSITIONS_PER_TERM = 256
MAX_LEXEME_BYTES = 2047


def _quote_tsvector(term):
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(title_terms, body_terms):
    """A tsvector literal of the terms with their positions, title A and body B.

    The body's positions start after a gap, so a phrase never runs from the
    title into the body.
    """
    positions = {}
    position = 0
    for weight, text in (("A", title_terms), ("B", body_terms)):
        for term in (text or "").split():
            position = min(position + 1, MAX_POSITION)
            if len(term.encode()) > MAX_LEXEME_BYTES:
                continue
            seen = positions.setdefault(term, [])
            if len(seen) < MAX_POSITIONS_PER_TERM:
                seen.append(f"{position}{weight}")
        position = min(position + 1, MAX_POSITION)
    return " ".join(f"{_quote_tsvector(term)}:{','.join(p)}" for term, p in positions.items())


def _quote_tsquery(term):
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


class _PostgresDialect:
    """A tsvector with positions and weights, made in Python; ts_rank scores."""

    def source(self):
        return f"{DOCS} d"

    def id_column(self):
        return "d.id"

    def _operand(self, term, prefix, title_only):
        label = ("*" if prefix else "") + ("A" if title_only else "")
        return _quote_tsquery(term) + (":" + label if label else "")

    def _word(self, word, *, title_only=False, exact_only=False):
        forms = [self._operand(t, word.prefix, title_only) for t in word.terms]
        if not exact_only:
            for phrase in word.phrases:
                last = len(phrase) - 1
                forms.append(
                    "("
                    + " <-> ".join(
                        self._operand(t, word.prefix and i == last, title_only)
                        for i, t in enumerate(phrase)
                    )
                    + ")"
                )
        return "(" + " | ".join(forms) + ")"

    def _matches(self, tsquery):
        return "(d.search_vector @@ %s::tsquery)", [tsquery]

    def match(self, words, required, title_only):
        exprs = [self._word(w, title_only=title_only) for w in words]
        if required >= len(words):
            return "d.search_vector @@ %s::tsquery", [" & ".join(exprs)]
        if required == 1:
            return "d.search_vector @@ %s::tsquery", [" | ".join(exprs)]
        counted, params = self.matched_words(words, title_only)
        return f"d.search_vector @@ %s::tsquery AND ({counted}) >= %s", [
            " | ".join(exprs),
            *params,
            required,
        ]

    def _count(self, words, **options):
        parts, params = [], []
        for w in words:
            sql, p = self._matches(self._word(w, **options))
            parts.append(f"{sql}::int")
            params += p
        return _sum(parts), params

    def matched_words(self, words, title_only):
        return self._count(words, title_only=title_only)

    def title_words(self, words):
        return self._count(words, title_only=True)

    def exact_words(self, words, title_only):
        parts, params = [], []
        for w in words:
            if w.has_phrases and w.terms:
                sql, p = self._matches(self._word(w, title_only=title_only, exact_only=True))
                parts.append(f"{sql}::int")
                params += p
        return _sum(parts), params

    def text_score(self, words):
        # Weights {D, C, B, A}: title A, body B; normalization 32 squashes into [0, 1).
        query = " | ".join(self._word(w) for w in words)
        return "ts_rank('{0, 0, 0.25, 1.0}', d.search_vector, %s::tsquery, 32)", [query]

    def store_terms(self, cursor, rows):
        cursor.executemany(
            f"UPDATE {DOCS} SET search_vector = %s::tsvector WHERE id = %s",
            [(tsvector_literal(title, body), pk) for pk, title, body in rows],
        )

    def delete_terms(self, cursor, ids):
        pass

    def clear_terms(self, cursor):
        pass


def _dialect():
    if connection.vendor == "postgresql":
        return _PostgresDialect()
    if connection.vendor == "sqlite":
        return _SQLiteDialect()
    raise NotImplementedError(f"No full-text search for the {connection.vendor} database")


def _day_start(day):
    """Midnight in Tokyo, as the database compares datetimes (UTC text on SQLite)."""
    start = datetime.combine(day, time.min, tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))
    return connection.ops.adapt_datetimefield_value(start)


def searchable(request):
    """Whether the request has words, each with something to match (else nothing is found)."""
    return bool(request.words) and all(w.terms or w.phrases for w in request.words)


INDEXED_FIELDS = [
    "doc_type",
    "object_id",
    "title",
    "body",
    "url",
    "group",
    "part",
    "marks",
    "date",
    "department_id",
    "boost",
    "title_terms",
    "body_terms",
]


class DatabaseBackend(SearchBackend):
    name = "database"
    transactional = True

    # -- writing ---------------------------------------------------------

    @transaction.atomic
    def index(self, documents):
        documents = {d.key: d.with_terms() for d in documents}  # the last of a key wins
        if not documents:
            return
        dialect = _dialect()
        existing = dict(
            IndexedDocument.objects.filter(key__in=list(documents)).values_list("key", "pk")
        )
        if existing:
            with connection.cursor() as cursor:
                dialect.delete_terms(cursor, sorted(existing.values()))
        rows = [
            IndexedDocument(
                pk=existing.get(key),
                key=key,
                doc_type=d.doc_type,
                object_id=d.object_id,
                title=d.title,
                body=d.body,
                url=d.url,
                group=d.group,
                part=d.part,
                marks=" ".join(d.marks),
                date=d.date,
                department_id=d.department_id,
                boost=max(-1.0, min(1.0, float(d.boost or 0.0))),
                title_terms=d.title_terms,
                body_terms=d.body_terms,
            )
            for key, d in documents.items()
        ]
        updated = [row for row in rows if row.pk is not None]
        created = IndexedDocument.objects.bulk_create([row for row in rows if row.pk is None])
        if updated:
            IndexedDocument.objects.bulk_update(updated, INDEXED_FIELDS)
        stored = updated + created
        DocumentAccess.objects.filter(document_id__in=[row.pk for row in updated]).delete()
        DocumentAccess.objects.bulk_create(
            DocumentAccess(document_id=row.pk, token=token)
            for row in stored
            for token in set(documents[row.key].access)
        )
        with connection.cursor() as cursor:
            dialect.store_terms(
                cursor, [(row.pk, row.title_terms, row.body_terms) for row in stored]
            )

    @transaction.atomic
    def delete(self, keys):
        ids = list(IndexedDocument.objects.filter(key__in=list(keys)).values_list("pk", flat=True))
        if not ids:
            return
        with connection.cursor() as cursor:
            _dialect().delete_terms(cursor, ids)
        IndexedDocument.objects.filter(pk__in=ids).delete()

    @transaction.atomic
    def clear(self):
        with connection.cursor() as cursor:
            _dialect().clear_terms(cursor)
        DocumentAccess.objects.all().delete()
        IndexedDocument.objects.all().delete()

    # -- reading ---------------------------------------------------------

    def _where(self, dialect, request, *, with_types=True, with_departments=True):
        match_sql, params = dialect.match(_words(request), request.required, request.title_only)
        clauses = [match_sql]
        if request.access is not None:
            tokens = sorted(request.access)
            clauses.append(
                f"EXISTS (SELECT 1 FROM {ACCESS} a WHERE a.document_id = d.id "
                f"AND a.token IN ({_placeholders(tokens)}))"
            )
            params += tokens
        if with_types and request.types:
            clauses.append(f"d.doc_type IN ({_placeholders(request.types)})")
            params += list(request.types)
        if with_departments and request.department_ids:
            clauses.append(f"d.department_id IN ({_placeholders(request.department_ids)})")
            params += list(request.department_ids)
        if request.date_from:
            clauses.append("d.date >= %s")
            params.append(_day_start(request.date_from))
        if request.date_to:
            clauses.append("d.date < %s")
            params.append(_day_start(request.date_to + timedelta(days=1)))
        return " AND ".join(clauses), params

    def _score(self, dialect, request):
        """The score (see the module docstring) as SQL, with its parameters."""
        words = _words(request)
        parts, params = [], []
        if request.required < len(words) <= MAX_COUNTED_WORDS:
            sql, p = dialect.matched_words(words, request.title_only)
            parts.append(f"{WORD_TIER} * ({sql})")
            params += p
        if not request.title_only and len(words) <= MAX_COUNTED_WORDS:
            sql, p = dialect.title_words(words)
            parts.append(f"{TITLE_TIER} * ({sql})")
            params += p
        if any(w.has_phrases for w in words) and len(words) <= MAX_COUNTED_WORDS:
            sql, p = dialect.exact_words(words, request.title_only)
            parts.append(f"{EXACT_TIER} * ({sql})")
            params += p
        sql, p = dialect.text_score(words)
        parts += [sql, "d.boost"]
        params += p
        return " + ".join(parts), params

    def _capped_count(self, dialect, request, column=None, **without):
        """How many match (at most the cap, plus one to tell), or the facet over that sample."""
        where, params = self._where(dialect, request, **without)
        cap = request.count_cap
        if column is None:
            sql = (
                f"SELECT COUNT(*) FROM (SELECT 1 FROM {dialect.source()} WHERE {where} LIMIT %s) s"
            )
            with connection.cursor() as cursor:
                cursor.execute(sql, params + [cap + 1])
                return cursor.fetchone()[0]
        sql = (
            f"SELECT s.value, COUNT(*) FROM (SELECT d.{column} AS value FROM {dialect.source()} "
            f"WHERE {where} LIMIT %s) s GROUP BY s.value"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params + [cap])
            return {value: count for value, count in cursor.fetchall() if value is not None}

    def _ranked_rows(self, dialect, request, where, params, since=None, offset=None):
        """Matches in ``where`` (from id ``since`` on), best first: one page, or the top rows."""
        score_sql, score_params = self._score(dialect, request)
        if request.order == ORDER_DATE:
            order = "d.date DESC, score DESC, d.id"
        else:
            order = "score DESC, d.date DESC, d.id"
        if since is not None:
            where, params = f"{where} AND {dialect.id_column()} >= %s", params + [since]
        sql = (
            f"SELECT d.key, d.doc_type, d.object_id, d.title, d.body, d.url, d.date, "
            f'd.department_id, d."group", d.part, d.marks, {score_sql} AS score '
            f"FROM {dialect.source()} WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s"
        )
        if offset is None:
            limit, offset = request.offset + request.limit, 0
        else:
            limit = request.limit
        with connection.cursor() as cursor:
            cursor.execute(sql, score_params + params + [limit, offset])
            return cursor.fetchall()

    def _window_start(self, dialect, request, where, params):
        """The id from which on the newest ``count_cap`` matches lie (None: fewer match)."""
        sql = (
            f"SELECT {dialect.id_column()} FROM {dialect.source()} WHERE {where} "
            f"ORDER BY {dialect.id_column()} DESC LIMIT 1 OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params + [request.count_cap - 1])
            row = cursor.fetchone()
        return row[0] if row else None

    def _ranked_window(self, dialect, request, where, params):
        """When more than ``count_cap`` match, rank a bounded set of candidates.

        Scoring every match of a word found in half the intranet is the cost
        of a search (bm25 or ts_rank over tens of thousands of rows). The
        candidates are the newest ``count_cap`` documents that match in the
        title (the top tier) and the newest ``count_cap`` of all matches; they
        are ranked by the same score and merged.
        """
        title_where, title_params = self._where(dialect, request.without(title_only=True))
        rows = {}
        for part_where, part_params in ((title_where, title_params), (where, params)):
            since = self._window_start(dialect, request, part_where, part_params)
            for row in self._ranked_rows(dialect, request, part_where, part_params, since):
                rows.setdefault(row[0], row)
        if request.order == ORDER_DATE:
            ordered = sorted(rows.values(), key=lambda r: (_sort_date(r[6]), r[11]), reverse=True)
        else:
            ordered = sorted(rows.values(), key=lambda r: (r[11], _sort_date(r[6])), reverse=True)
        return ordered[request.offset : request.offset + request.limit]

    def search(self, request):
        if not searchable(request):
            return EMPTY_RESULTS
        dialect = _dialect()
        where, params = self._where(dialect, request)
        total = self._capped_count(dialect, request)
        rows = []
        if request.limit > 0 and request.offset < total:
            if total > request.count_cap:
                rows = self._ranked_window(dialect, request, where, params)
            else:
                rows = self._ranked_rows(dialect, request, where, params, offset=request.offset)
        hits = [
            Hit(
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
            for (
                key,
                doc_type,
                object_id,
                title,
                body,
                url,
                date,
                department_id,
                group,
                part,
                marks,
                score,
            ) in rows
        ]
        return SearchResults(
            hits=hits,
            total=min(total, request.count_cap),
            type_counts=self._capped_count(dialect, request, "doc_type", with_types=False),
            department_counts=self._capped_count(
                dialect, request, "department_id", with_departments=False
            ),
            total_capped=total > request.count_cap,
        )

    def count(self, request):
        if not searchable(request):
            return 0
        return min(self._capped_count(_dialect(), request), request.count_cap)


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
