"""The paper-entry log (nhật ký nhập phiếu) refuses UPDATE and DELETE in the database itself.

The services only ever add lines (a correction is a new line naming the one it corrects); these
triggers make that hold for anything else that reaches the database too: a shell, a script, a
raw query. Nothing the app does deletes a line: a round, a teller and (through its elections) a
congress are all PROTECTed by the rows that refer to them, so a congress that has voted on paper
cannot be deleted; that is the decision (the log is part of the legal record of the count),
and there is no flag to lift it. Emptying the whole database still works: PostgreSQL's TRUNCATE
(``flush``, test teardown) fires no row triggers, and on SQLite, which has no TRUNCATE, the
elections app's ``flush`` command lifts the triggers for the flush's own transaction.

The message is a copy of ``daihoi.elections.errors.ENTRY_LOG_APPEND_ONLY`` (a migration is
frozen; the tests check that the two agree).
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

TABLE = "elections_paperentry"
MESSAGE = (
    "Nhật ký nhập phiếu chỉ được ghi thêm: không sửa, không xóa dòng đã ghi "
    "(sửa một phiếu bằng một dòng sửa mới)."
)

SQLITE_FORWARD = [
    f"""CREATE TRIGGER {TABLE}_no_update BEFORE UPDATE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER {TABLE}_no_delete BEFORE DELETE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
]
SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS {TABLE}_no_update",
    f"DROP TRIGGER IF EXISTS {TABLE}_no_delete",
]

POSTGRESQL_FORWARD = [
    f"""CREATE FUNCTION {TABLE}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
    END
    $$""",
    f"""CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION {TABLE}_append_only()""",
]
POSTGRESQL_BACKWARD = [
    f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
    f"DROP FUNCTION IF EXISTS {TABLE}_append_only()",
]

FORWARD = {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD}
BACKWARD = {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD}


def _run(statements: dict[str, list[str]], schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor not in statements:
        raise NotImplementedError(f"No append-only triggers for {vendor}: add them here.")
    for sql in statements[vendor]:
        schema_editor.execute(sql, params=None)


def forward(apps: Any, schema_editor: Any) -> None:
    _run(FORWARD, schema_editor)


def backward(apps: Any, schema_editor: Any) -> None:
    _run(BACKWARD, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("elections", "0001_rounds_ballots_entries_phone_votes")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
