"""The full-text index beside search_indexeddocument, in each database's own way.

SQLite: an FTS5 table whose rowid is the document id. The unicode61
tokenizer only has to split on the spaces between the terms that
search.text made, so Japanese needs nothing from SQLite.

PostgreSQL: generated tsvector columns built straight from those terms
(array_to_tsvector, so no text-search parser or dictionary touches them):
search_vector (title and body, with a GIN index) to match, title_vector to
rank title matches higher. Such vectors carry no positions, so weights
(setweight) would be lost; ranking adds the two ts_rank values instead.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title_terms, body_terms, tokenize = 'unicode61 remove_diacritics 0')",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS search_fts"]

POSTGRES_FORWARD = [
    "ALTER TABLE search_indexeddocument ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (array_to_tsvector(array_cat("
    "string_to_array(title_terms, ' '), string_to_array(body_terms, ' ')))) STORED",
    "ALTER TABLE search_indexeddocument ADD COLUMN title_vector tsvector "
    "GENERATED ALWAYS AS (array_to_tsvector(string_to_array(title_terms, ' '))) STORED",
    "CREATE INDEX search_indexeddocument_vector ON search_indexeddocument "
    "USING GIN (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_indexeddocument_vector",
    "ALTER TABLE search_indexeddocument DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE search_indexeddocument DROP COLUMN IF EXISTS title_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
