"""The election services refuse typed text holding hidden characters (issue 9).

Names and reasons typed into an election (its title, a name added by hand, a withdrawal's
reason, the note of the congress's decision, the reason for a new voting code) went into the
minutes and the exported election file as typed: a control character or a bidirectional
override there broke the documents or hid what a name says. The unit, member and congress
services refused them already; these are the election's own fields.
"""

from __future__ import annotations

import pytest
from django.test import TestCase
from test_hidden_characters_in_documents import spoiled
from world import bch_election, build_hall, build_world, counted_short_round

from daihoi.elections import services
from daihoi.elections.errors import ElectionError
from daihoi.elections.models import Candidate, CongressDecision, Election, Round, VotingPass

REFUSED = "ký tự không nhìn thấy"


class HiddenCharactersRefusedTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.hall = build_hall(cls.w.unit, tellers=(cls.w.officer, cls.w.upper))

    def test_an_election_title_with_a_hidden_character_is_refused_and_nothing_written(
        self,
    ) -> None:
        before = Election.objects.count()
        with pytest.raises(ElectionError, match=REFUSED) as refused:
            services.create_election(
                congress=self.hall.congress,
                kind="bch",
                title=spoiled("Bầu Ban Chấp hành"),
                seats=5,
            )
        assert refused.value.field == "title"
        assert refused.value.message.startswith("Tên cuộc bầu cử:")
        assert Election.objects.count() == before
        assert not Round.objects.filter(election__title__startswith="B").exists()

    def test_a_name_typed_with_a_hidden_character_is_refused(self) -> None:
        election = bch_election(self.hall, names=())
        with pytest.raises(ElectionError, match=REFUSED) as refused:
            services.add_candidate(election=election, full_name=spoiled("Nguyễn Văn An"))
        assert refused.value.field == "full_name"
        assert not Candidate.objects.filter(election=election).exists()

    def test_a_withdrawal_reason_with_a_hidden_character_is_refused(self) -> None:
        election = bch_election(self.hall, names=("An", "Bình"))
        candidate = election.candidates.get(full_name="An")
        with pytest.raises(ElectionError, match=REFUSED) as refused:
            services.withdraw_candidate(candidate=candidate, reason=spoiled("Xin rút"))
        assert refused.value.field == "reason"
        candidate.refresh_from_db()
        assert not candidate.withdrawn

    def test_a_decision_note_with_a_hidden_character_is_refused(self) -> None:
        round_ = counted_short_round(self.hall, self.w.officer)
        with pytest.raises(ElectionError, match=REFUSED) as refused:
            services.decide_next_round(
                round_=round_,
                user=self.w.officer,
                yes=4,
                no=0,
                abstain=0,
                present=4,
                note=spoiled("Bầu tiếp"),
            )
        assert refused.value.field == "note"
        assert not CongressDecision.objects.filter(after_round=round_).exists()
        assert not Round.objects.filter(election=round_.election, number=2).exists()

    def test_a_new_voting_code_reason_with_a_hidden_character_is_refused(self) -> None:
        delegate = self.hall.delegates[0]
        services.issue_voting_pass(delegate=delegate)
        before = VotingPass.objects.get(delegate=delegate).token_hash
        with pytest.raises(ElectionError, match=REFUSED) as refused:
            services.issue_voting_pass(
                delegate=delegate, by=self.w.officer, reason=spoiled("Mất điện thoại")
            )
        assert refused.value.field == "reason"
        assert VotingPass.objects.get(delegate=delegate).token_hash == before
