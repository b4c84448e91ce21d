"""SQLite: a title-only full-text index with prefixes, and a narrow index of what a search reads.

``search_title_fts`` is an external-content FTS5 table over
``search_indexeddocument.title_terms`` (the terms stay stored once, in that
table) with a prefix index of the first one to three characters of each
term. The title tier, the title window and suggestions while typing read it
instead of a column filter on ``search_fts``, which walks the doclists of
both columns, and expands a prefix over every body term too.

``search_indexeddocument_rank`` holds the columns a search reads of every
match (type, department, date, boost): the rows themselves carry the body
and its terms, and reading a column stored after them walks the row's
overflow pages.

Both are built here from the rows already indexed; the engine
(search.backends.sqlite_fts) keeps them in step. Nothing changes on
PostgreSQL.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "DROP TABLE IF EXISTS search_title_fts",
    "CREATE VIRTUAL TABLE search_title_fts USING fts5("
    "title_terms, content = 'search_indexeddocument', content_rowid = 'id', "
    "tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3')",
    "INSERT INTO search_title_fts (search_title_fts) VALUES ('rebuild')",
    "CREATE INDEX IF NOT EXISTS search_indexeddocument_rank ON search_indexeddocument "
    "(id, doc_type, department_id, date, boost)",
]
SQLITE_BACKWARD = [
    "DROP INDEX IF EXISTS search_indexeddocument_rank",
    "DROP TABLE IF EXISTS search_title_fts",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0007_more_starter_synonyms")]

    operations = [migrations.RunPython(forward, backward)]
