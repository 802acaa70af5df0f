"""Encrypted phone ballots (issue 13): the round's option and key, and the public board.

The board is append-only in the database itself, like the phone ballots (0005): an entry may be
added only while its round is open, and no entry is ever changed or deleted (the hash chain
would show it anyway; the triggers refuse it first). The message is a copy of
``daihoi.elections.errors.BOARD_APPEND_ONLY`` (a migration is frozen; a test checks they agree).
"""

from __future__ import annotations

import importlib
import uuid
from typing import Any

import django.db.models.deletion
from django.db import migrations, models

TABLE = "elections_boardentry"
ROUND = "elections_round"
OPEN = "open"
MESSAGE = "Bảng phiếu mã hoá chỉ được ghi thêm khi vòng bầu đang mở: không sửa, không xóa."

SQLITE_FORWARD = [
    f"""CREATE TRIGGER {TABLE}_no_update BEFORE UPDATE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER {TABLE}_no_delete BEFORE DELETE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER {TABLE}_only_while_open BEFORE INSERT ON {TABLE}
    WHEN IFNULL((SELECT status FROM {ROUND} WHERE id = NEW.round_id), '') != '{OPEN}'
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
            IF state = '{OPEN}' THEN
                RETURN NEW;
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


# SQLite adds the round's new columns by rebuilding its table (new__elections_round, renamed),
# which the phone ballots' and participations' triggers (0005, 0007) name: they are lifted for
# that and put back.
_PHONE_GUARDS = (
    "daihoi.elections.migrations.0005_phone_ballots_append_only",
    "daihoi.elections.migrations.0007_participations_append_only",
)


def _phone_guards(schema_editor: Any, direction: str) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    for name in _PHONE_GUARDS:
        guards = importlib.import_module(name)
        for sql in getattr(guards, direction)["sqlite"]:
            schema_editor.execute(sql, params=None)


def lift_phone_guards(apps: Any, schema_editor: Any) -> None:
    _phone_guards(schema_editor, "BACKWARD")


def restore_phone_guards(apps: Any, schema_editor: Any) -> None:
    _phone_guards(schema_editor, "FORWARD")


def backward(apps: Any, schema_editor: Any) -> None:
    _run(BACKWARD, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("elections", "0007_participations_append_only"),
    ]

    operations = [
        migrations.RunPython(lift_phone_guards, restore_phone_guards, elidable=False),
        migrations.AddField(
            model_name="round",
            name="encrypted",
            field=models.BooleanField(default=False, verbose_name="phiếu điện thoại mã hoá"),
        ),
        migrations.AddField(
            model_name="round",
            name="key_record",
            field=models.JSONField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="round",
            name="public_key",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.RunPython(restore_phone_guards, lift_phone_guards, elidable=False),
        migrations.CreateModel(
            name="BoardEntry",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("position", models.PositiveIntegerField()),
                ("ballot", models.JSONField()),
                ("tracking", models.CharField(max_length=64, verbose_name="mã theo dõi")),
                (
                    "round",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="board",
                        to="elections.round",
                    ),
                ),
            ],
            options={
                "verbose_name": "phiếu mã hoá trên bảng công khai",
                "verbose_name_plural": "bảng phiếu mã hoá",
                "ordering": ("round", "position"),
                "constraints": [
                    models.UniqueConstraint(
                        fields=("round", "position"), name="board_position_unique"
                    ),
                    models.UniqueConstraint(
                        fields=("round", "tracking"), name="board_tracking_unique"
                    ),
                ],
            },
        ),
        migrations.RunPython(forward, backward, elidable=False),
    ]
