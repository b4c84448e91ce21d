"""The full-text index laid out to store the terms once and to know phrases and weights.

SQLite: the FTS5 table becomes an external-content table over
search_indexeddocument (content='search_indexeddocument', content_rowid='id'):
it keeps only the inverted index, no second copy of the terms. The engine
(search.backends.database) keeps it in step, giving FTS5 a document's old
terms when it changes or goes.

PostgreSQL: the generated, position-less vectors give way to one
search_vector column that the engine writes as a tsvector literal made in
Python, with positions (so phrases of a compound's parts match) and weights
(title and keywords A, body B, used by ts_rank).

Both indexes are rebuilt here from the rows already indexed, so no
``manage.py rebuild_search_index`` is needed after migrating.
"""

from django.db import migrations, models

SQLITE_FORWARD = [
    "DROP TABLE IF EXISTS search_fts",
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title_terms, body_terms, content = 'search_indexeddocument', content_rowid = 'id', "
    "tokenize = 'unicode61 remove_diacritics 0')",
    "INSERT INTO search_fts (search_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TABLE IF EXISTS search_fts",
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title_terms, body_terms, tokenize = 'unicode61 remove_diacritics 0')",
    "INSERT INTO search_fts (rowid, title_terms, body_terms) "
    "SELECT id, title_terms, body_terms FROM search_indexeddocument",
]

POSTGRES_FORWARD = [
    "DROP INDEX IF EXISTS search_indexeddocument_vector",
    "ALTER TABLE search_indexeddocument DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE search_indexeddocument DROP COLUMN IF EXISTS title_vector",
    "ALTER TABLE search_indexeddocument ADD COLUMN search_vector tsvector "
    "NOT NULL DEFAULT ''::tsvector",
    "CREATE INDEX search_indexeddocument_vector ON search_indexeddocument "
    "USING GIN (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_indexeddocument_vector",
    "ALTER TABLE search_indexeddocument DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE search_indexeddocument ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (array_to_tsvector(array_cat("
    "string_to_array(title_terms, ' '), string_to_array(body_terms, ' ')))) STORED",
    "ALTER TABLE search_indexeddocument ADD COLUMN title_vector tsvector "
    "GENERATED ALWAYS AS (array_to_tsvector(string_to_array(title_terms, ' '))) STORED",
    "CREATE INDEX search_indexeddocument_vector ON search_indexeddocument "
    "USING GIN (search_vector)",
]


def _fill_postgres_vectors(schema_editor):
    from search.backends.database import tsvector_literal

    with schema_editor.connection.cursor() as read:
        read.execute("SELECT id, title_terms, body_terms FROM search_indexeddocument ORDER BY id")
        while batch := read.fetchmany(500):
            with schema_editor.connection.cursor() as write:
                write.executemany(
                    "UPDATE search_indexeddocument SET search_vector = %s::tsvector WHERE id = %s",
                    [(tsvector_literal(title, body), pk) for pk, title, body in batch],
                )


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}.get(vendor, []):
        schema_editor.execute(statement)
    if vendor == "postgresql":
        _fill_postgres_vectors(schema_editor)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}.get(vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_document_parts")]

    operations = [
        migrations.AddField(
            model_name="indexeddocument",
            name="boost",
            field=models.FloatField(default=0.0),
        ),
        migrations.RunPython(forward, backward),
    ]
