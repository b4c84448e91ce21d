"""On PostgreSQL the database itself refuses a double booking.

An exclusion constraint: no two active slots of one resource whose time
ranges overlap (half-open, so one booking may end when the next begins).
It needs the btree_gist extension for the ``=`` on the resource id. SQLite
has no such constraint; there ``reservations.services`` checks inside a
transaction that takes the write lock first (``transaction_mode`` IMMEDIATE).
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

CONSTRAINT = "reservations_no_double_booking"


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE reservations_bookingslot ADD CONSTRAINT {CONSTRAINT} "
        "EXCLUDE USING gist (resource_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) "
        "WHERE (is_active)"
    )


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE reservations_bookingslot DROP CONSTRAINT IF EXISTS {CONSTRAINT}"
    )


class Migration(migrations.Migration):
    dependencies = [("reservations", "0001_initial")]

    operations = [
        BtreeGistExtension(),
        migrations.RunPython(add_constraint, drop_constraint),
    ]
