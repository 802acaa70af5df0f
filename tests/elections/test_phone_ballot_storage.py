"""How phone ballots are stored: append-only in the database, and unpaired after the close.

While a round is open a ballot and its participation are written in one transaction, so the
database pairs them (same transaction id; neighbouring rows). After the close, read the
database as its administrator would (SQLite's rowid; PostgreSQL's xmin and ctid, the raw
table files, pageinspect where it can be created) and the best pairing found is no better than
chance. And the database itself refuses to add a ballot to a round that is not open, to
change one, or to delete one (but for the close's own rewrite).
"""

from __future__ import annotations

import importlib
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO
from unittest.mock import patch

import pytest
from django.core.management import call_command
from django.db import DatabaseError, IntegrityError, connection, connections, transaction
from django.test import TestCase, TransactionTestCase
from world import build_hall, build_world, phone_round, vote

from daihoi.elections import errors, models, services
from daihoi.elections.models import PhoneBallot, VoterParticipation

guards = importlib.import_module("daihoi.elections.migrations.0005_phone_ballots_append_only")
voter_guards = importlib.import_module(
    "daihoi.elections.migrations.0007_participations_append_only"
)
BALLOTS, VOTERS = PhoneBallot._meta.db_table, VoterParticipation._meta.db_table
PAGE = 8192
# Pairing the i-th ballot with the i-th participation, by some order the database keeps, gets
# right about 1 of N by chance (the fixed points of a random permutation: Poisson(1)); 7 or more
# happens by chance once in 12,000. Before the close every one of the N pairs is right.
CHANCE = 6


def refused() -> pytest.RaisesExc[IntegrityError]:
    return pytest.raises(IntegrityError, match="Phiếu điện thoại chỉ được ghi thêm")


class AppendOnlyTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.hall = build_hall(cls.w.unit)
        cls.round = phone_round(cls.hall, names=("An", "Bình"), seats=1, user=cls.w.officer)
        cls.receipt = vote(cls.round, cls.hall.delegates[0], "An")

    def ballot(self) -> PhoneBallot:
        return PhoneBallot.objects.get(round=self.round)

    def test_a_ballot_is_never_changed_open_or_closed(self) -> None:
        for state in ("open", "closed"):
            if state == "closed":
                services.close_round(round_=self.round)
            with refused(), transaction.atomic():
                PhoneBallot.objects.filter(round=self.round).update(kept=[])
            with refused(), transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"UPDATE {BALLOTS} SET receipt = 'AAAA-AAAA'")  # noqa: S608
        assert self.ballot().receipt == self.receipt and self.ballot().kept != []

    def test_a_ballot_is_never_deleted_open_or_closed(self) -> None:
        with refused(), transaction.atomic():
            self.ballot().delete()
        services.close_round(round_=self.round)
        with refused(), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {BALLOTS}")  # noqa: S608
        assert self.ballot().receipt == self.receipt

    def test_no_ballot_is_added_to_a_closed_round(self) -> None:
        services.close_round(round_=self.round)
        with refused(), transaction.atomic():
            PhoneBallot.objects.create(round=self.round, kept=[], receipt="ZZZZ-ZZZZ")
        assert PhoneBallot.objects.filter(round=self.round).count() == 1

    def test_the_close_still_rewrites_them_and_the_digest_holds(self) -> None:
        for delegate, name in zip(self.hall.delegates[1:], "AAB", strict=False):
            vote(self.round, delegate, {"A": "An", "B": "Bình"}[name])
        closed = services.close_round(round_=self.round)
        assert closed.status == "closed"
        assert PhoneBallot.objects.filter(round=self.round).count() == 4
        assert services.verify_close(closed).ok

    def test_the_database_says_it_in_vietnamese_the_values_defined_once(self) -> None:
        assert guards.MESSAGE == errors.PHONE_BALLOTS_APPEND_ONLY
        assert guards.SEALING == models.SEALING
        assert guards.OPEN == models.RoundStatus.OPEN
        assert models.SEALING not in models.RoundStatus.values
        with pytest.raises(IntegrityError) as caught, transaction.atomic():
            PhoneBallot.objects.all().delete()
        assert errors.PHONE_BALLOTS_APPEND_ONLY in str(caught.value)


def participation_refused() -> pytest.RaisesExc[IntegrityError]:
    return pytest.raises(IntegrityError, match="Danh sách đại biểu đã bỏ phiếu điện thoại")


class ParticipationsAppendOnlyTests(TestCase):
    """Who has voted is as fixed as what was voted: no vote moved, nobody freed to vote again."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.hall = build_hall(cls.w.unit)
        cls.round = phone_round(cls.hall, names=("An", "Bình"), seats=1, user=cls.w.officer)
        vote(cls.round, cls.hall.delegates[0], "An")

    def voters(self) -> list[int]:
        return list(
            VoterParticipation.objects.filter(round=self.round).values_list(
                "delegate_id", flat=True
            )
        )

    def test_a_participation_is_never_moved_to_another_delegate_open_or_closed(self) -> None:
        other = self.hall.delegates[1]
        for state in ("open", "closed"):
            if state == "closed":
                services.close_round(round_=self.round)
            with participation_refused(), transaction.atomic():
                VoterParticipation.objects.filter(round=self.round).update(delegate=other)
            with participation_refused(), transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"UPDATE {VOTERS} SET delegate_id = %s", [other.pk])  # noqa: S608
        assert self.voters() == [self.hall.delegates[0].pk]

    def test_a_participation_is_never_deleted_so_nobody_votes_twice(self) -> None:
        with participation_refused(), transaction.atomic():
            VoterParticipation.objects.filter(round=self.round).delete()
        with pytest.raises(errors.AlreadyVoted):
            vote(self.round, self.hall.delegates[0], "Bình")
        services.close_round(round_=self.round)
        with participation_refused(), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {VOTERS}")  # noqa: S608
        assert self.voters() == [self.hall.delegates[0].pk]

    def test_no_participation_is_added_to_a_closed_round(self) -> None:
        services.close_round(round_=self.round)
        with participation_refused(), transaction.atomic():
            VoterParticipation.objects.create(round=self.round, delegate=self.hall.delegates[2])
        assert self.voters() == [self.hall.delegates[0].pk]

    def test_the_close_still_rewrites_them_and_the_values_are_defined_once(self) -> None:
        assert voter_guards.MESSAGE == errors.PARTICIPATIONS_APPEND_ONLY
        assert (voter_guards.SEALING, voter_guards.OPEN) == (
            models.SEALING,
            models.RoundStatus.OPEN,
        )
        vote(self.round, self.hall.delegates[1], "Bình")
        closed = services.close_round(round_=self.round)
        assert sorted(self.voters()) == sorted(d.pk for d in self.hall.delegates[:2])
        assert services.verify_close(closed).ok


class FlushTests(TransactionTestCase):
    def test_flush_empties_the_ballots_and_keeps_the_triggers(self) -> None:
        w = build_world()
        hall = build_hall(w.unit)
        round_ = phone_round(hall, names=("An", "Bình"), seats=1, user=w.officer)
        vote(round_, hall.delegates[0], "An")
        services.close_round(round_=round_)
        call_command("flush", interactive=False, verbosity=0)
        assert not PhoneBallot.objects.exists()
        w = build_world()
        closed = services.close_round(
            round_=phone_round(build_hall(w.unit), names=("An",), seats=1, user=w.officer)
        )
        with refused(), transaction.atomic():  # the triggers are still there
            PhoneBallot.objects.create(round=closed, kept=[], receipt="ZZZZ-ZZZZ")


def rank_pairs(first: dict[str, int], second: dict[str, int]) -> list[tuple[str, str]]:
    """Pair the i-th of one by position with the i-th of the other."""
    return list(
        zip(
            sorted(first, key=first.__getitem__),
            sorted(second, key=second.__getitem__),
            strict=True,
        )
    )


def right(pairs: list[tuple[str, str]], truth: set[tuple[str, str]]) -> int:
    return len(set(pairs) & truth)


@pytest.mark.alone  # another process's transaction in the same cluster would keep old rows
class AdministratorReadsTheDatabaseAfterTheCloseTests(TransactionTestCase):
    """24 delegates vote in turn; after the close nothing the database keeps pairs them."""

    VOTERS = 24

    def setUp(self) -> None:
        w = build_world()
        hall = build_hall(w.unit, delegates=self.VOTERS)
        self.round = phone_round(hall, names=("An", "Bình", "Cúc"), seats=2, user=w.officer)
        receipts = {}
        for n, delegate in enumerate(hall.delegates):
            receipts[delegate.pk] = vote(self.round, delegate, ("An", "Bình", "Cúc")[n % 3])
        participations = dict(
            VoterParticipation.objects.filter(round=self.round).values_list("delegate_id", "id")
        )
        self.truth = {(str(participations[d]), r) for d, r in receipts.items()}
        self.receipts = sorted(receipts.values())
        self.participations = [str(p) for p in participations.values()]

    def physical(self, table: str, column: str) -> dict[str, int]:
        """Return each row's key by its physical position (rowid, or ctid's block and item)."""
        if connection.vendor == "sqlite":
            sql = f"SELECT {column}, rowid FROM {table} WHERE round_id = %s"  # noqa: S608
        else:
            sql = (
                f"SELECT {column}::text, (ctid::text::point)[0] * 1000 + (ctid::text::point)[1] "  # noqa: S608
                f"FROM {table} WHERE round_id = %s"
            )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.round.pk])
            return {str(uuid.UUID(str(k))) if column == "id" else k: p for k, p in cursor}

    def test_while_open_the_order_of_the_rows_pairs_every_vote(self) -> None:
        pairs = rank_pairs(self.physical(VOTERS, "id"), self.physical(BALLOTS, "receipt"))
        assert right(pairs, self.truth) == self.VOTERS  # stated in docs/secrecy.md

    def test_after_the_close_rowid_or_ctid_pair_no_better_than_chance(self) -> None:
        services.close_round(round_=self.round)
        pairs = rank_pairs(self.physical(VOTERS, "id"), self.physical(BALLOTS, "receipt"))
        assert right(pairs, self.truth) <= CHANCE

    @pytest.mark.skipif(connection.vendor != "postgresql", reason="xmin is PostgreSQL's")
    def test_after_the_close_xmin_pairs_nothing(self) -> None:
        services.close_round(round_=self.round)
        ballot_sql = f"SELECT xmin::text, receipt FROM {BALLOTS} WHERE round_id = %s"  # noqa: S608
        voter_sql = f"SELECT xmin::text, id::text FROM {VOTERS} WHERE round_id = %s"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(ballot_sql, [self.round.pk])
            ballots = cursor.fetchall()
            cursor.execute(voter_sql, [self.round.pk])
            voters = cursor.fetchall()
        assert right(xmin_pairs(voters, ballots), self.truth) <= CHANCE
        assert len({x for x, _ in ballots}) == 1  # one transaction wrote them all: the close

    @pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's pages")
    def test_after_the_close_the_raw_table_files_hold_one_copy_in_no_useful_order(self) -> None:
        services.close_round(round_=self.round)
        ballots = self.raw_file(BALLOTS)
        voters = self.raw_file(VOTERS)
        ballot_at = {r: ballots.find(r.encode()) for r in self.receipts}
        voter_at = {p: voters.find(uuid.UUID(p).bytes) for p in self.participations}
        assert all(at >= 0 for at in [*ballot_at.values(), *voter_at.values()])
        # No copy left behind by the rewrite (a dead row keeps its bytes until the page is
        # rewritten): each receipt and each participation once in its table's file.
        assert [ballots.count(r.encode()) for r in self.receipts] == [1] * self.VOTERS
        assert [voters.count(uuid.UUID(p).bytes) for p in self.participations] == [1] * self.VOTERS
        assert right(rank_pairs(voter_at, ballot_at), self.truth) <= CHANCE

    @pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's pages")
    def test_the_close_waits_out_an_older_transaction_before_compacting(self) -> None:
        # A transaction begun before the close could still see the rows the close deleted
        # (another request; autovacuum's ANALYZE, which a busy CI machine ran at that moment):
        # compacting then would copy them into the new file. The scrub waits for it to end.
        with older_transaction(seconds=1.0):
            services.close_round(round_=self.round)
        ballots = self.raw_file(BALLOTS)
        assert [ballots.count(r.encode()) for r in self.receipts] == [1] * self.VOTERS

    @pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's pages")
    def test_an_older_transaction_that_outlasts_the_wait_is_logged_and_the_command_mends_it(
        self,
    ) -> None:
        with (
            older_transaction(seconds=1.5),
            patch.object(services, "SCRUB_WAIT_SECONDS", 0.2),
            self.assertLogs("daihoi.elections.services", "WARNING") as logs,
        ):
            services.close_round(round_=self.round)
        assert "manage.py scrub_phone_votes" in logs.output[0]
        call_command("scrub_phone_votes", stdout=StringIO())
        ballots = self.raw_file(BALLOTS)
        assert [ballots.count(r.encode()) for r in self.receipts] == [1] * self.VOTERS

    @pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's pageinspect")
    def test_after_the_close_pageinspect_finds_no_pairing_dead_or_alive(self) -> None:
        services.close_round(round_=self.round)
        if not self.pageinspect():
            pytest.skip("pageinspect cannot be created here (contrib missing or no right)")
        ballots = self.tuples(BALLOTS, {r: r.encode() for r in self.receipts})
        voters = self.tuples(VOTERS, {p: uuid.UUID(p).bytes for p in self.participations})
        assert right(xmin_pairs(voters, ballots), self.truth) <= CHANCE

    def raw_file(self, table: str) -> bytes:
        """Read the table's file as the server's administrator can, after a checkpoint."""
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("CHECKPOINT")
                cursor.execute("SELECT pg_read_binary_file(pg_relation_filepath(%s))", [table])
                return bytes(cursor.fetchone()[0])
        except DatabaseError:
            pytest.skip("reading the server's files needs a superuser")

    def pageinspect(self) -> bool:
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pageinspect")
        except DatabaseError:
            return False
        return True

    def tuples(self, table: str, keys: dict[str, bytes]) -> list[tuple[str, str]]:
        """Return (xmin, key) of every tuple in the table's pages, dead ones included."""
        found = []
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_relation_size(%s)", [table])
            for block in range(cursor.fetchone()[0] // PAGE):
                cursor.execute(
                    "SELECT t_xmin::text, t_data FROM heap_page_items(get_raw_page(%s, %s)) "
                    "WHERE t_data IS NOT NULL",
                    [table, block],
                )
                for xmin, data in cursor.fetchall():
                    key = next((k for k, b in keys.items() if b in bytes(data)), None)
                    if key is not None:
                        found.append((xmin, key))
        return found


@contextmanager
def older_transaction(*, seconds: float) -> Iterator[None]:
    """Hold a snapshot open in another connection, begun now, for the given seconds."""
    began = threading.Event()

    def hold() -> None:
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                # Another table: a lock on the phone tables would make the VACUUM wait anyway.
                cursor.execute("SELECT count(*) FROM django_migrations")
                began.set()
                time.sleep(seconds)
        finally:
            connections.close_all()

    thread = threading.Thread(target=hold)
    thread.start()
    began.wait(timeout=10)
    try:
        yield
    finally:
        thread.join()


def xmin_pairs(
    voters: list[tuple[str, str]], ballots: list[tuple[str, str]]
) -> list[tuple[str, str]]:
    """Pair a participation and a ballot written by the same transaction, alone in it."""
    by_voter, by_ballot = defaultdict(set), defaultdict(set)
    for xmin, key in voters:
        by_voter[xmin].add(key)
    for xmin, key in ballots:
        by_ballot[xmin].add(key)
    return [
        (next(iter(by_voter[x])), next(iter(by_ballot[x])))
        for x in by_voter.keys() & by_ballot.keys()
        if len(by_voter[x]) == 1 and len(by_ballot[x]) == 1
    ]
