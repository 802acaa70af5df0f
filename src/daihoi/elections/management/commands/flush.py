"""manage.py flush, which on SQLite also empties the append-only paper-entry log.

SQLite has no TRUNCATE: Django's flush deletes every row, and the log's triggers (migration
elections 0002) refuse that, so the test teardown of a live-server test that entered ballots
would fail. Emptying the whole database is the one time the log goes too: on SQLite this command
drops the triggers of the tables that hold rows, flushes, and creates them again from their
stored SQL, all in one transaction (SQLite's DDL is transactional, so if anything fails the
triggers are back). Empty tables keep their triggers: no schema change, so the usual teardown
does not lock out the requests a live server may still be answering. PostgreSQL's TRUNCATE
fires no row triggers and needs nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands import flush
from django.db import connections, transaction

TRIGGERS_SQL = (
    "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND sql IS NOT NULL"
)


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        database = options["database"]
        connection = connections[database]
        if connection.vendor != "sqlite":
            return super().handle(**options)
        with transaction.atomic(using=database), connection.cursor() as cursor:
            cursor.execute(TRIGGERS_SQL)
            lifted = []
            for name, table, sql in cursor.fetchall():
                cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608
                if cursor.fetchone() is not None:
                    cursor.execute(f"DROP TRIGGER {connection.ops.quote_name(name)}")
                    lifted.append(sql)
            super().handle(**options)
            for sql in lifted:
                cursor.execute(sql)
        return None
