"""The embedded engine: SQLite FTS5 or PostgreSQL full-text search over the pipeline's terms.

Writing is here; reading (the SQL of a search, its ranking and its capped
counts) is in sql_reading, with the dialects in sqlite_fts and postgres_fts.
"""

from django.db import connection, transaction

from ..models import DocumentAccess, IndexedDocument
from .base import SearchBackend
from .postgres_fts import PostgresDialect, tsvector_literal  # noqa: F401  (migration 0004)
from .sqlite_fts import SQLiteDialect


def _dialect():
    if connection.vendor == "postgresql":
        return PostgresDialect()
    if connection.vendor == "sqlite":
        return SQLiteDialect()
    raise NotImplementedError(f"No full-text search for the {connection.vendor} database")


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

    def search(self, request):
        return _dialect().search(request)

    def count(self, request):
        return _dialect().count(request)
