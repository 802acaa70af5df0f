"""The phone vote is secret by construction and counted exactly once, proven on the schema.

Secrecy: the stored ballot has no column or key that could tie it to a delegate, a user or the
"has voted" row, no timestamp, and no insertion order (a random key). Exactly once: many
simultaneous submissions for one delegate on PostgreSQL give one ballot.
"""

from __future__ import annotations

import threading
import uuid

import pytest
from django.apps import apps
from django.db import connection, models
from django.test import TestCase, TransactionTestCase
from world import build_hall, build_world, phone_round, vote

from daihoi.elections import services
from daihoi.elections.errors import AlreadyVoted
from daihoi.elections.models import PhoneBallot, Round, VoterParticipation

TIME_TYPES = (models.DateTimeField, models.DateField, models.TimeField, models.DurationField)


class SchemaSecrecyTests(TestCase):
    def test_the_ballot_model_has_only_its_round_its_names_and_its_receipt(self) -> None:
        fields = {f.name: f for f in PhoneBallot._meta.concrete_fields}
        assert set(fields) == {"id", "round", "kept", "receipt"}
        relations = [f for f in fields.values() if f.is_relation]
        assert [(f.name, f.related_model) for f in relations] == [("round", Round)]

    def test_the_ballot_has_no_timestamp(self) -> None:
        assert not [f for f in PhoneBallot._meta.concrete_fields if isinstance(f, TIME_TYPES)]
        for f in PhoneBallot._meta.concrete_fields:
            assert not getattr(f, "auto_now", False)
            assert not getattr(f, "auto_now_add", False)

    def test_the_ballot_key_is_random_and_the_ballots_are_listed_by_it(self) -> None:
        pk = PhoneBallot._meta.pk
        assert isinstance(pk, models.UUIDField)
        assert pk.default is uuid.uuid4
        assert PhoneBallot._meta.ordering == ("id",)
        assert PhoneBallot.objects.published().query.order_by == ("receipt",)

    def test_the_table_has_no_column_or_key_to_delegates_participations_or_users(self) -> None:
        table = PhoneBallot._meta.db_table
        with connection.cursor() as cursor:
            columns = {
                c.name for c in connection.introspection.get_table_description(cursor, table)
            }
            relations = connection.introspection.get_relations(cursor, table)
        assert columns == {"id", "round_id", "kept", "receipt"}
        assert {value[1] for value in relations.values()} == {Round._meta.db_table}
        forbidden = ("delegate", "user", "participation", "voter", "member", "created", "time")
        assert not [c for c in columns if any(word in c for word in forbidden)]

    def test_nothing_refers_to_a_ballot_and_nothing_links_participation_to_a_ballot(self) -> None:
        for model in apps.get_models():
            for field in model._meta.get_fields():
                if field.is_relation and field.concrete:
                    assert field.related_model is not PhoneBallot, (model, field.name)
        participation = {f.name for f in VoterParticipation._meta.concrete_fields}
        assert participation == {"id", "round", "delegate"}
        assert not [
            f for f in VoterParticipation._meta.concrete_fields if isinstance(f, TIME_TYPES)
        ]

    def test_a_vote_writes_one_participation_and_one_anonymous_ballot(self) -> None:
        w = build_world()
        hall = build_hall(w.unit, tellers=(w.officer, w.upper, w.superuser))
        round_ = phone_round(hall, names=("An", "Bình"), seats=1, user=w.officer)
        receipt = vote(round_, hall.delegates[0], "An")
        ballot = PhoneBallot.objects.get(round=round_)
        assert ballot.receipt == receipt
        values = {str(v) for v in (ballot.pk, ballot.kept, ballot.receipt)}
        assert str(hall.delegates[0].pk) not in values
        participation = VoterParticipation.objects.get(round=round_)
        assert participation.pk != ballot.pk


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="exactly-once under real concurrency needs PostgreSQL (SQLite serializes every write)",
)
class ExactlyOnceOnPostgresTests(TransactionTestCase):
    THREADS = 24

    def test_many_parallel_submissions_for_one_delegate_count_once(self) -> None:
        w = build_world()
        hall = build_hall(w.unit, tellers=(w.officer, w.upper, w.superuser))
        round_ = phone_round(hall, names=("An", "Bình", "Cúc"), seats=2, user=w.officer)
        voter = hall.delegates[0]
        kept = [str(c.pk) for c in round_.candidates.all()][:2]
        start = threading.Barrier(self.THREADS)
        outcomes: list[str] = []
        lock = threading.Lock()

        def submit() -> None:
            try:
                start.wait()
                services.cast_phone_ballot(round_id=round_.pk, delegate=voter, kept=kept)
                outcome = "counted"
            except AlreadyVoted:
                outcome = "refused"
            except Exception as error:  # pragma: no cover - reported by the assertion below
                outcome = f"error: {error!r}"
            finally:
                connection.close()
            with lock:
                outcomes.append(outcome)

        threads = [threading.Thread(target=submit) for _ in range(self.THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(outcomes) == ["counted"] + ["refused"] * (self.THREADS - 1)
        assert PhoneBallot.objects.filter(round=round_).count() == 1
        assert VoterParticipation.objects.filter(round=round_, delegate=voter).count() == 1

    def test_ballots_cast_while_the_vote_closes_are_all_in_or_all_refused(self) -> None:
        w = build_world()
        hall = build_hall(w.unit, delegates=12, tellers=(w.officer, w.upper, w.superuser))
        round_ = phone_round(hall, names=("An", "Bình"), seats=1, user=w.officer)
        kept = [str(round_.candidates.order_by("id").first().pk)]
        start = threading.Barrier(len(hall.delegates) + 1)
        receipts: list[str] = []
        lock = threading.Lock()

        def submit(delegate: object) -> None:
            try:
                start.wait()
                receipt = services.cast_phone_ballot(
                    round_id=round_.pk, delegate=delegate, kept=kept
                )
                with lock:
                    receipts.append(receipt)
            except Exception:  # noqa: S110 - refused after the close: not acknowledged
                pass
            finally:
                connection.close()

        def close() -> None:
            start.wait()
            services.close_round(round_=round_)
            connection.close()

        threads = [threading.Thread(target=submit, args=(d,)) for d in hall.delegates]
        threads.append(threading.Thread(target=close))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        stored = sorted(PhoneBallot.objects.filter(round=round_).values_list("receipt", flat=True))
        assert stored == sorted(receipts)
        round_.refresh_from_db()
        assert services.verify_close(round_).ok
