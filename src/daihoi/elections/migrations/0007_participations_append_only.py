"""Phone-vote participations are append-only in the database itself, like the ballots (0005).

A participation (that a delegate has voted on the phone in a round) is written in the same
transaction as the ballot, and only then. The database now holds it to that on its own: a
participation may be added only while its round is open, never changed (moving a vote to
another delegate, or freeing a delegate to vote again, was possible from a shell or a raw
query), and deleted only by ``services.close_round``'s shuffled rewrite while the round is
``sealing``. Emptying the whole database works as for the ballots (TRUNCATE on PostgreSQL; the
elections app's ``flush`` on SQLite).

The message is a copy of ``daihoi.elections.errors.PARTICIPATIONS_APPEND_ONLY`` and the
statuses copies of ``daihoi.elections.models`` (a migration is frozen; the tests check that
they agree).
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

TABLE = "elections_voterparticipation"
ROUND = "elections_round"
SEALING = "sealing"
OPEN = "open"
MESSAGE = (
    "Danh sách đại biểu đã bỏ phiếu điện thoại chỉ được ghi thêm khi vòng bầu đang mở: "
    "không sửa, không xóa."
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
    dependencies = [("elections", "0006_entry_teller_delegate")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
