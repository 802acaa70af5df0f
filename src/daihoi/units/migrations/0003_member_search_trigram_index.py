"""On PostgreSQL, a trigram index for the accent-free member search (LIKE '%word%').

The search filters ``search_text`` (names, number and phone folded to plain ASCII) with one
``LIKE '%word%'`` per word typed. Without an index that reads every member of the subtree: at
the top of a tree of 1,000,000 members about a second (bench/bench_member_search.py). pg_trgm's
GIN index answers it from the index for words of three or more letters. pg_trgm ships with
PostgreSQL and is a trusted extension (PostgreSQL 13+): the owner of the database may create it.
SQLite, for a single unit's installation, searches without it.
"""

from __future__ import annotations

from django.db import migrations

INDEX = "units_member_search_trgm"


def create_index(apps: object, schema_editor: object) -> None:
    if schema_editor.connection.vendor != "postgresql":  # type: ignore[attr-defined]
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")  # type: ignore[attr-defined]
    schema_editor.execute(  # type: ignore[attr-defined]
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON units_member USING gin (search_text gin_trgm_ops)"
    )


def drop_index(apps: object, schema_editor: object) -> None:
    if schema_editor.connection.vendor == "postgresql":  # type: ignore[attr-defined]
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")  # type: ignore[attr-defined]


class Migration(migrations.Migration):
    dependencies = [("units", "0002_transfer_records_who_made_it")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
