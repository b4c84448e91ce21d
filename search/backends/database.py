"""The embedded engine: SQLite FTS5 or PostgreSQL full-text search over the pipeline's terms.

Filters (access, type, department, date) are part of the same SQL statement
as the full-text match, so counts and facets only ever include what the
user may see.
"""

import zoneinfo
from datetime import UTC, datetime, time, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils.dateparse import parse_datetime

from ..models import DocumentAccess, IndexedDocument
from .base import EMPTY_RESULTS, ORDER_DATE, Hit, SearchBackend, SearchResults

DOCS = "search_indexeddocument"
ACCESS = "search_documentaccess"


def _quote_fts5(term):
    return '"' + term.replace('"', '""') + '"'


def _quote_tsquery(term):
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


class _SQLiteDialect:
    """FTS5: the match is a join with the FTS table; bm25 is lower-is-better."""

    def source(self):
        return f"search_fts JOIN {DOCS} d ON d.id = search_fts.rowid"

    def match(self, terms, match_any):
        joiner = " OR " if match_any else " AND "
        return "search_fts MATCH %s", [joiner.join(_quote_fts5(term) for term in terms)]

    def score(self, terms, match_any):
        return "-bm25(search_fts, 4.0, 1.0)", []

    def store_terms(self, cursor, rows):
        cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(pk,) for pk, *_ in rows])
        cursor.executemany(
            "INSERT INTO search_fts (rowid, title_terms, body_terms) VALUES (%s, %s, %s)", rows
        )

    def delete_terms(self, cursor, ids):
        cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(pk,) for pk in ids])

    def clear_terms(self, cursor):
        cursor.execute("DELETE FROM search_fts")


class _PostgresDialect:
    """A generated tsvector column: nothing to store by hand; ts_rank scores."""

    def source(self):
        return f"{DOCS} d"

    def _tsquery(self, terms, match_any):
        joiner = " | " if match_any else " & "
        return joiner.join(_quote_tsquery(term) for term in terms)

    def match(self, terms, match_any):
        return "d.search_vector @@ %s::tsquery", [self._tsquery(terms, match_any)]

    def score(self, terms, match_any):
        query = self._tsquery(terms, match_any)
        return (
            "4 * ts_rank(d.title_vector, %s::tsquery) + ts_rank(d.search_vector, %s::tsquery)",
            [query, query],
        )

    def store_terms(self, cursor, rows):
        pass

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


def _placeholders(values):
    return ", ".join(["%s"] * len(values))


def _day_start(day):
    """Midnight in Tokyo, as the database compares datetimes (UTC text on SQLite)."""
    start = datetime.combine(day, time.min, tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))
    return connection.ops.adapt_datetimefield_value(start)


class DatabaseBackend(SearchBackend):
    name = "database"
    transactional = True

    # -- writing ---------------------------------------------------------

    @transaction.atomic
    def index(self, documents):
        documents = {d.key: d.with_terms() for d in documents}  # the last of a key wins
        if not documents:
            return
        existing = dict(
            IndexedDocument.objects.filter(key__in=list(documents)).values_list("key", "pk")
        )
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
                title_terms=d.title_terms,
                body_terms=d.body_terms,
            )
            for key, d in documents.items()
        ]
        updated = [row for row in rows if row.pk is not None]
        created = IndexedDocument.objects.bulk_create([row for row in rows if row.pk is None])
        if updated:
            IndexedDocument.objects.bulk_update(
                updated,
                [
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
                    "title_terms",
                    "body_terms",
                ],
            )
        stored = updated + created
        DocumentAccess.objects.filter(document_id__in=[row.pk for row in updated]).delete()
        DocumentAccess.objects.bulk_create(
            DocumentAccess(document_id=row.pk, token=token)
            for row in stored
            for token in set(documents[row.key].access)
        )
        with connection.cursor() as cursor:
            _dialect().store_terms(
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
        match_sql, params = dialect.match(request.terms, request.match_any)
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

    def _facet(self, dialect, request, column, **without):
        where, params = self._where(dialect, request, **without)
        sql = (
            f"SELECT d.{column}, COUNT(*) FROM {dialect.source()} WHERE {where} GROUP BY d.{column}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return {value: count for value, count in cursor.fetchall() if value is not None}

    def search(self, request):
        if not request.terms:
            return EMPTY_RESULTS
        dialect = _dialect()
        where, params = self._where(dialect, request)
        score_sql, score_params = dialect.score(request.terms, request.match_any)
        if request.order == ORDER_DATE:
            order = "d.date DESC, score DESC, d.id"
        else:
            order = "score DESC, d.date DESC, d.id"
        sql = (
            f"SELECT d.key, d.doc_type, d.object_id, d.title, d.body, d.url, d.date, "
            f'd.department_id, d."group", d.part, d.marks, {score_sql} AS score '
            f"FROM {dialect.source()} WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, score_params + params + [request.limit, request.offset])
            rows = cursor.fetchall()
            cursor.execute(f"SELECT COUNT(*) FROM {dialect.source()} WHERE {where}", params)
            total = cursor.fetchone()[0]
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
            total=total,
            type_counts=self._facet(dialect, request, "doc_type", with_types=False),
            department_counts=self._facet(
                dialect, request, "department_id", with_departments=False
            ),
        )

    def count(self, request):
        if not request.terms:
            return 0
        dialect = _dialect()
        where, params = self._where(dialect, request)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {dialect.source()} WHERE {where}", params)
            return cursor.fetchone()[0]


def _as_datetime(value):
    """Raw SQL on SQLite hands datetimes back naive (UTC) or as text."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value
