"""The paper-entry log refuses UPDATE and DELETE in the database itself, on SQLite and PostgreSQL.

A correction is a new line (test_services); here, whatever reaches the database directly (raw
SQL, the ORM's update/delete) is refused, deleting a congress that voted is refused, and
emptying the whole database (flush, as the live-server tests' teardown does) still works.
"""

from __future__ import annotations

import importlib

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.test import TestCase, TransactionTestCase
from world import build_hall, build_world, closed_paper_round

from daihoi.elections import errors, services
from daihoi.elections.models import PaperEntry

TABLE = PaperEntry._meta.db_table
UPDATE = "UPDATE elections_paperentry SET typed = %s WHERE id = %s"
DELETE = "DELETE FROM elections_paperentry WHERE id = %s"
migration = importlib.import_module("daihoi.elections.migrations.0002_entry_log_append_only")


def refused() -> pytest.RaisesExc[IntegrityError]:
    return pytest.raises(IntegrityError, match="Nhật ký nhập phiếu chỉ được ghi thêm")


def triggers() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
                [TABLE],
            )
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [TABLE]
            )
        return {row[0] for row in cursor.fetchall()}


class AppendOnlyTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.hall = build_hall(cls.w.unit, tellers=(cls.w.officer, cls.w.upper, cls.w.superuser))
        cls.round = closed_paper_round(cls.hall, cls.w.officer)
        cls.line = services.enter_line(round_=cls.round, teller=cls.w.officer, typed="12").line

    def test_a_raw_update_is_refused(self) -> None:
        with refused(), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(UPDATE, ["34", self.line.pk])
        assert PaperEntry.objects.get().typed == "12"

    def test_a_raw_delete_is_refused(self) -> None:
        with refused(), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(DELETE, [self.line.pk])
        assert PaperEntry.objects.count() == 1

    def test_the_orm_cannot_change_or_delete_a_line_either(self) -> None:
        with refused(), transaction.atomic():
            PaperEntry.objects.filter(pk=self.line.pk).update(teller_name="Người khác")
        line = PaperEntry.objects.get()
        line.typed = "34"
        with refused(), transaction.atomic():
            line.save(update_fields=["typed"])
        with refused(), transaction.atomic():
            PaperEntry.objects.all().delete()
        assert PaperEntry.objects.get().typed == "12"

    def test_adding_lines_and_corrections_still_works(self) -> None:
        services.enter_line(round_=self.round, teller=self.w.officer, typed="1=3")
        assert PaperEntry.objects.count() == 2

    def test_a_congress_that_voted_on_paper_cannot_be_deleted(self) -> None:
        with pytest.raises(ProtectedError), transaction.atomic():
            self.hall.congress.delete()
        assert PaperEntry.objects.count() == 1

    def test_the_database_says_it_in_vietnamese_the_message_defined_once(self) -> None:
        assert migration.MESSAGE == errors.ENTRY_LOG_APPEND_ONLY
        with pytest.raises(IntegrityError) as caught, transaction.atomic():
            PaperEntry.objects.all().delete()
        assert errors.ENTRY_LOG_APPEND_ONLY in str(caught.value)


class FlushTests(TransactionTestCase):
    def test_flush_empties_the_log_and_keeps_the_triggers(self) -> None:
        w = build_world()
        round_ = closed_paper_round(
            build_hall(w.unit, tellers=(w.officer, w.upper, w.superuser)), w.officer
        )
        services.enter_line(round_=round_, teller=w.officer, typed="12")
        before = triggers()
        assert before
        call_command("flush", interactive=False, verbosity=0)
        assert not PaperEntry.objects.exists()
        assert triggers() == before
