"""The emulation services refuse typed text holding hidden characters (issue 9).

A campaign's name, the council's meeting place, a reward's achievement, a proposal's or a
decision's number, its signer and the reason for returning a proposal go into the decisions,
the certificates and the council's minutes as typed. A control character or a bidirectional
override there hid what the text says or broke the document; the unit, member and congress
services refused them already, and so do these, naming the field, writing nothing.
"""

from __future__ import annotations

import dataclasses
import datetime

from tests.emulation.test_council import CouncilWorld, vote_data
from tests.emulation.test_proposals import BANG_KHEN, DECISION

from daihoi.emulation import services
from daihoi.emulation.errors import EmulationError
from daihoi.emulation.models import Campaign, CouncilVote, Decision, Proposal, ProposalStatus
from daihoi.emulation.services import AwardData, CampaignData

REFUSED = "ký tự không nhìn thấy"
HIDDEN = "\x01\x1b\u202e\u2066"


def spoiled(text: str) -> str:
    """Return text with hidden characters slipped in after its first letter."""
    return text[0] + HIDDEN + text[1:]


class HiddenCharactersRefusedTests(CouncilWorld):
    def refused_fields(self, caught: EmulationError) -> list[str | None]:
        assert all(REFUSED in message for message in caught.messages), caught.messages
        return [error.field for error in caught.errors]

    def test_a_campaign_name_with_a_hidden_character_is_refused(self) -> None:
        before = Campaign.objects.count()
        data = CampaignData(
            title=spoiled("Thi đua chuyên đề"),
            year=2025,
            kind="chuyen-de",
            starts_on=datetime.date(2025, 3, 1),
            ends_on=datetime.date(2025, 9, 1),
        )
        with self.assertRaises(EmulationError) as caught:
            services.create_campaign(unit=self.w.province, data=data, by=None)
        assert self.refused_fields(caught.exception) == ["title"]
        assert caught.exception.messages[0].startswith("Tên phong trào:")
        assert Campaign.objects.count() == before

    def test_a_council_meeting_place_with_a_hidden_character_is_refused(self) -> None:
        with self.assertRaises(EmulationError) as caught:
            services.create_council_vote(
                campaign=self.campaign,
                unit=self.w.unit,
                data=vote_data(place=spoiled("Phòng họp Sở")),
                by=None,
            )
        assert self.refused_fields(caught.exception) == ["place"]
        assert not CouncilVote.objects.exists()

    def test_an_achievement_with_a_hidden_character_is_refused(self) -> None:
        proposal = services.start_proposal(campaign=self.campaign, unit=self.w.unit, by=None)
        lines = proposal.lines.count()
        with self.assertRaises(EmulationError) as caught:
            services.add_award(
                proposal=proposal,
                data=AwardData(
                    award=BANG_KHEN, note=spoiled("Thành tích xuất sắc"), member=self.people[0]
                ),
            )
        assert self.refused_fields(caught.exception) == ["note"]
        assert proposal.lines.count() == lines

    def test_a_proposal_number_with_a_hidden_character_is_refused_and_it_is_not_sent(
        self,
    ) -> None:
        proposal = services.start_proposal(campaign=self.campaign, unit=self.w.unit, by=None)
        with self.assertRaises(EmulationError) as caught:
            services.submit_proposal(proposal=proposal, number=spoiled("12/TTr-CĐCS"), by=None)
        assert self.refused_fields(caught.exception) == ["number"]
        assert Proposal.objects.get().status == ProposalStatus.DRAFT

    def test_a_return_reason_with_a_hidden_character_is_refused(self) -> None:
        proposal = services.start_proposal(campaign=self.campaign, unit=self.w.unit, by=None)
        services.submit_proposal(proposal=proposal, number="", by=None)
        with self.assertRaises(EmulationError) as caught:
            services.return_proposal(proposal=proposal, reason=spoiled("Thiếu hồ sơ"), by=None)
        assert self.refused_fields(caught.exception) == ["reason"]
        assert Proposal.objects.get().status == ProposalStatus.SUBMITTED

    def test_a_decision_with_hidden_characters_names_every_field_and_is_not_made(self) -> None:
        proposal = services.start_proposal(campaign=self.campaign, unit=self.w.unit, by=None)
        services.submit_proposal(proposal=proposal, number="", by=None)
        data = dataclasses.replace(
            DECISION, signer=spoiled(DECISION.signer), locality=spoiled("Lai Châu")
        )
        with self.assertRaises(EmulationError) as caught:
            services.decide_proposal(
                proposal=proposal, deciding_unit=self.w.upper_grassroots, data=data, by=None
            )
        assert self.refused_fields(caught.exception) == ["signer", "locality"]
        assert not Decision.objects.exists()
        assert Proposal.objects.get().status == ProposalStatus.SUBMITTED
