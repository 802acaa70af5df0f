"""Phone ballots are append-only in the database itself, like the paper-entry log (0002).

A phone ballot may be added only while its round is open; no ballot is ever changed; and none is
deleted, except by ``services.close_round`` inside its own transaction: it marks the round
``sealing`` (a status no other transaction ever sees, because the same transaction ends by
marking it closed), takes the round's ballots out and writes them back in random order, so
that neither their physical order nor the transaction that wrote them pairs a ballot with its
participation (docs/secrecy.md). Once the round is closed, its ballots can neither be added to,
changed nor deleted: a raw query, the ORM or a shell are all refused. (The database's owner can
still drop a trigger; the closing digest shown to the hall is what catches that.)

Emptying the whole database still works as for the entry log: PostgreSQL's TRUNCATE fires no
row triggers, and on SQLite the elections app's ``flush`` lifts the triggers of tables that hold
rows for the flush's own transaction.

The message is a copy of ``daihoi.elections.errors.PHONE_BALLOTS_APPEND_ONLY`` and the status a
copy of ``daihoi.elections.models.SEALING`` (a migration is frozen; the tests check that they
agree).
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

TABLE = "elections_phoneballot"
ROUND = "elections_round"
SEALING = "sealing"
OPEN = "open"
MESSAGE = (
    "Phiếu điện thoại chỉ được ghi thêm khi vòng bầu đang mở: không sửa, không xóa phiếu đã ghi."
)

SQLITE_FORWARD = [
    f"""CREATE TRIGGER {TABLE}_no_update BEFORE UPDATE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER {TABLE}_no_delete BEFORE DELETE ON {TABLE}
    WHEN IFNULL((SELECT status FROM {ROUND} WHERE id = OLD.round_id), '') != '{SEALING}'
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",  # noqa: S608 - constants only
    f"""CREATE TRIGGER {TABLE}_only_while_open BEFORE INSERT ON {TABLE}
    WHEN IFNULL((SELECT status FROM {ROUND} WHERE id = NEW.round_id), '')
        NOT IN ('{OPEN}', '{SEALING}')
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",  # noqa: S608 - constants only
]
SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS {TABLE}_no_update",
    f"DROP TRIGGER IF EXISTS {TABLE}_no_delete",
    f"DROP TRIGGER IF EXISTS {TABLE}_only_while_open",
]

POSTGRESQL_FORWARD = [
    f"""CREATE FUNCTION {TABLE}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        state text;
    BEGIN
        IF TG_OP = 'INSERT' THEN
            SELECT status INTO state FROM {ROUND} WHERE id = NEW.round_id;
            IF state IN ('{OPEN}', '{SEALING}') THEN
                RETURN NEW;
            END IF;
        ELSIF TG_OP = 'DELETE' THEN
            SELECT status INTO state FROM {ROUND} WHERE id = OLD.round_id;
            IF state = '{SEALING}' THEN
                RETURN OLD;
            END IF;
        END IF;
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
    END
    $$""",  # noqa: S608 - constants only
    f"""CREATE TRIGGER {TABLE}_append_only BEFORE INSERT OR UPDATE OR DELETE ON {TABLE}
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
    dependencies = [("elections", "0004_voting_pass_reissues")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
