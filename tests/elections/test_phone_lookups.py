"""The phone's lookups (``elections.rows``): the delegate of a voter session and the round with
its election each come from one raw query, as the same models the ORM reads, field for field
and type for type (booleans, dates, JSON, on SQLite and PostgreSQL alike)."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.test import TestCase
from test_encrypted_ballots import committee
from world import approved_round, bch_election, build_hall, build_world

from daihoi.elections import encrypted, services, voter_views
from daihoi.elections.models import Election, Round


def fields(instance: Model) -> dict[str, tuple[type, Any]]:
    return {
        f.attname: (type(getattr(instance, f.attname)), getattr(instance, f.attname))
        for f in instance._meta.concrete_fields
    }


class PhoneLookupTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.hall = build_hall(cls.w.unit)
        round_ = approved_round(bch_election(cls.hall, seats=2, names=("An", "Bình", "Cúc")))
        services.set_voting(round_=round_, paper=False, phone=True)
        commitments, _ = committee(round_)
        encrypted.set_round_key(round_=round_, commitments=commitments, threshold=2)
        services.open_round(round_=round_, user=cls.w.officer)
        cls.round = Round.objects.get(pk=round_.pk)
        cls.delegate = cls.hall.delegates[0]
        cls.token = services.issue_voting_pass(delegate=cls.delegate)

    def test_the_round_and_its_election_are_one_query_and_the_orms_models(self) -> None:
        with self.assertNumQueries(1):
            found = voter_views._round(self.delegate, self.round.pk)
            election = found.election  # read with the round, not after
        assert fields(found) == fields(self.round)
        assert fields(election) == fields(Election.objects.get(pk=self.round.election_id))
        assert found.key_record["threshold"] == 2 and found.encrypted is True
        assert found.opened_at is not None and found.opened_at.tzinfo is not None
        assert not found._state.adding and found._state.db == "default"

    def test_the_voter_sessions_delegate_is_one_query_and_the_orms_model(self) -> None:
        token_hash = services.hash_of_code(self.token)
        assert token_hash is not None
        with self.assertNumQueries(1):
            found = services.delegate_for_hash(token_hash)
        assert found is not None and fields(found) == fields(type(found).objects.get(pk=found.pk))
        assert services.delegate_for_hash("0" * 64) is None
