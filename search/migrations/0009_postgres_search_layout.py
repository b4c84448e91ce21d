"""PostgreSQL: a small title vector beside the large one, for the title tests of every search.

``title_vector`` holds the title-and-keywords part of ``search_vector``
(its weight-A positions, kept as they are, so phrases match the same), as a
column PostgreSQL derives itself; it has a GIN index of its own. A title
test (the title tier of the score, title-only searches, suggestions while
typing) then reads a few lexemes, where a weight-restricted query on
``search_vector`` makes the index re-check every candidate by reading, and
decompressing, the vector of its whole body.

Both vectors keep statistics of their 10,000 most common lexemes (instead of
1,000), so the planner knows how many documents a word of middling frequency
matches and combines the GIN index with a range of ids (a BitmapAnd) rather
than filtering every match by id afterwards.

The column is filled from the rows already indexed, so no rebuild is needed.
SQLite is left as it is.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    "ALTER TABLE search_indexeddocument ADD COLUMN title_vector tsvector "
    "GENERATED ALWAYS AS (ts_filter(search_vector, '{a}')) STORED",
    "CREATE INDEX search_indexeddocument_title_vector ON search_indexeddocument "
    "USING GIN (title_vector)",
    "ALTER TABLE search_indexeddocument ALTER COLUMN search_vector SET STATISTICS 1000",
    "ALTER TABLE search_indexeddocument ALTER COLUMN title_vector SET STATISTICS 1000",
]
POSTGRES_BACKWARD = [
    "ALTER TABLE search_indexeddocument ALTER COLUMN search_vector SET STATISTICS -1",
    "DROP INDEX IF EXISTS search_indexeddocument_title_vector",
    "ALTER TABLE search_indexeddocument DROP COLUMN IF EXISTS title_vector",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0008_sqlite_search_layout")]

    operations = [migrations.RunPython(forward, backward)]
