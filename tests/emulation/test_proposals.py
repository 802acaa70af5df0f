"""Proposals upward and the upper level's decisions: lines from the evaluations and the council,
rewards added by the unit, return with a reason, the decision with its amounts and records.
"""

from __future__ import annotations

import datetime
import re

from django.urls import reverse
from tests.emulation.test_council import CSTDCS, LDTT, CouncilWorld, vote_data

from daihoi.emulation import errors, services
from daihoi.emulation.errors import EmulationError
from daihoi.emulation.models import Decision, Proposal, ProposalStatus, TitleRecord
from daihoi.emulation.services import AwardData, DecisionData

BANG_KHEN = "bang-khen"
DECISION = DecisionData(
    number="245/QĐ-CĐVC",
    signed_on=datetime.date(2025, 12, 20),
    signer="Nguyễn Văn Hùng",
    signer_title="Chủ tịch",
)


class ProposalTests(CouncilWorld):
    def carry_council(self) -> None:
        """The council of 5 keeps Mai and Vọng on every ballot, Xuân on three (60%: not carried)."""
        vote = services.create_council_vote(
            campaign=self.campaign,
            unit=self.w.unit,
            data=vote_data(members=5, present=5, written=0),
            by=None,
        )
        for keys in ("", "", "", "3", "3"):
            services.enter_council_ballot(vote=vote, typed=keys, by=None)
        services.count_council_vote(vote=vote)

    def by_name(self) -> dict[str, object]:
        return {m.full_name: m for m in self.people}

    def lines_of(self, proposal: Proposal) -> set[tuple[str, str]]:
        return {(line.who, line.title) for line in proposal.lines.select_related("member", "unit")}

    def test_the_council_decides_who_is_proposed_for_a_ballot_title(self) -> None:
        proposal = services.start_proposal(campaign=self.campaign, unit=self.w.unit, by=None)
        # No vote counted yet: nobody goes up for CSTĐCS.
        assert {t for _w, t in self.lines_of(proposal)} == {LDTT}
        self.carry_council()
        services.refresh_proposal(proposal=proposal)
        assert self.lines_of(proposal) == {
            ("Lò Thị Mai", LDTT),
            ("Lường Danh Vọng", LDTT),
            ("Tòng Thị Xuân", LDTT),
            ("Lò Thị Mai", CSTDCS),
            ("Lường Danh Vọng", CSTDCS),
        }
        _lines, waiting = services.proposed_from_evaluations(
            campaign=self.campaign, unit=self.w.unit
        )
        assert [(m.full_name, t) for m, t in waiting] == [("Tòng Thị Xuân", CSTDCS)]

    def test_a_unit_adds_rewards_for_its_members_and_collectives_only(self) -> None:
        proposal = services.start_proposal(campaign=self.campaign, unit=self.w.unit, by=None)
        mai = self.by_name()["Lò Thị Mai"]
        services.add_award(
            proposal=proposal,
            data=AwardData(award=BANG_KHEN, note="Thành tích xuất sắc", member=mai),  # type: ignore[arg-type]
        )
        services.add_award(
            proposal=proposal,
            data=AwardData(award=BANG_KHEN, note="Tập thể xuất sắc", collective=self.w.section),
        )
        cases = [
            (
                AwardData(award=BANG_KHEN, note="x", member=self.w.sibling_member),
                errors.AWARD_OUTSIDE.format(
                    name=self.w.sibling_member.full_name, unit=self.w.unit.name
                ),
            ),
            (
                AwardData(award=BANG_KHEN, note=" ", member=mai),  # type: ignore[arg-type]
                errors.AWARD_NOTE_REQUIRED,
            ),
            (
                AwardData(award=BANG_KHEN, note="lần hai", member=mai),  # type: ignore[arg-type]
                errors.AWARD_TWICE.format(who="Lò Thị Mai", title="Bằng khen"),
            ),
            (
                AwardData(award="huan-chuong", note="x", member=mai),
                errors.AWARD_UNKNOWN.format(value="huan-chuong"),
            ),  # type: ignore[arg-type]
            (AwardData(award=BANG_KHEN, note="x"), errors.AWARD_NOBODY),
        ]
        for data, message in cases:
            with self.subTest(message), self.assertRaises(EmulationError) as caught:
                services.add_award(proposal=proposal, data=data)
            assert caught.exception.messages == [message]
        assert proposal.lines.filter(title=BANG_KHEN).count() == 2

    def test_an_empty_proposal_is_not_sent_and_a_sent_one_is_not_edited(self) -> None:
        proposal = services.start_proposal(campaign=self.campaign, unit=self.w.unit, by=None)
        proposal.lines.all().delete()
        with self.assertRaises(EmulationError) as caught:
            services.submit_proposal(proposal=proposal, number="", by=None)
        assert caught.exception.messages == [errors.PROPOSAL_EMPTY]
        services.refresh_proposal(proposal=proposal)
        services.submit_proposal(proposal=proposal, number="12/TTr-CĐCS", by=None)
        with self.assertRaises(EmulationError) as caught:
            services.refresh_proposal(proposal=proposal)
        assert caught.exception.messages == [
            errors.PROPOSAL_NOT_EDITABLE.format(status="Chờ cấp trên xét")
        ]

    def test_the_upper_level_returns_with_a_reason_and_the_unit_sends_again(self) -> None:
        proposal = services.start_proposal(campaign=self.campaign, unit=self.w.unit, by=None)
        services.submit_proposal(proposal=proposal, number="", by=None)
        with self.assertRaises(EmulationError) as caught:
            services.return_proposal(proposal=proposal, reason="  ", by=None)
        assert caught.exception.messages == [errors.RETURN_REASON_REQUIRED]
        services.return_proposal(proposal=proposal, reason="Thiếu biên bản Hội đồng", by=None)
        proposal.refresh_from_db()
        assert (proposal.status, proposal.return_reason) == (
            ProposalStatus.RETURNED,
            "Thiếu biên bản Hội đồng",
        )
        self.carry_council()
        services.refresh_proposal(proposal=proposal)
        services.submit_proposal(proposal=proposal, number="", by=None)
        assert Proposal.objects.get().status == ProposalStatus.SUBMITTED

    def test_the_decision_fixes_the_amounts_and_writes_the_records(self) -> None:
        self.carry_council()
        proposal = services.start_proposal(campaign=self.campaign, unit=self.w.unit, by=None)
        services.add_award(
            proposal=proposal,
            data=AwardData(award=BANG_KHEN, note="Tập thể xuất sắc", collective=self.w.section),
        )
        services.submit_proposal(proposal=proposal, number="", by=None)
        decision = services.decide_proposal(
            proposal=proposal, deciding_unit=self.w.upper_grassroots, data=DECISION, by=None
        )
        amounts = {(line.who, line.title): line.amount for line in proposal.lines.all()}
        # LĐTT 0,3 × 2.340.000 -> 710.000; CSTĐCS 1,0 ×; Bằng khen for a collective 2,0 ×.
        assert amounts == {
            ("Lò Thị Mai", LDTT): 710_000,
            ("Lường Danh Vọng", LDTT): 710_000,
            ("Tòng Thị Xuân", LDTT): 710_000,
            ("Lò Thị Mai", CSTDCS): 2_340_000,
            ("Lường Danh Vọng", CSTDCS): 2_340_000,
            (self.w.section.name, BANG_KHEN): 4_680_000,
        }
        assert decision.total == 3 * 710_000 + 2 * 2_340_000 + 4_680_000
        records = TitleRecord.objects.filter(decision=decision)
        assert records.count() == 6
        assert records.get(unit=self.w.section).title == BANG_KHEN
        assert records.first().source == (  # type: ignore[union-attr]
            "Quyết định số 245/QĐ-CĐVC ngày 20/12/2025 của Công đoàn Viên chức tỉnh Lai Châu"
        )
        assert Proposal.objects.get().status == ProposalStatus.DECIDED

    def test_a_decision_never_lists_a_person_twice_for_a_title_and_year(self) -> None:
        mai = self.by_name()["Lò Thị Mai"]
        TitleRecord.objects.create(member=mai, year=2025, title=LDTT, source="QĐ 9/QĐ-CĐ")  # type: ignore[misc]
        proposal = services.start_proposal(campaign=self.campaign, unit=self.w.unit, by=None)
        services.submit_proposal(proposal=proposal, number="", by=None)
        with self.assertRaises(EmulationError) as caught:
            services.decide_proposal(
                proposal=proposal, deciding_unit=self.w.upper_grassroots, data=DECISION, by=None
            )
        assert caught.exception.messages == [
            errors.DECISION_ALREADY_RECORDED.format(
                who="Lò Thị Mai", title="Lao động tiên tiến", year=2025, source="QĐ 9/QĐ-CĐ"
            )
        ]
        assert not Decision.objects.exists()
        assert TitleRecord.objects.count() == 1
        assert Proposal.objects.get().status == ProposalStatus.SUBMITTED

    def test_a_draft_is_not_decided(self) -> None:
        proposal = services.start_proposal(campaign=self.campaign, unit=self.w.unit, by=None)
        with self.assertRaises(EmulationError) as caught:
            services.decide_proposal(
                proposal=proposal, deciding_unit=self.w.upper_grassroots, data=DECISION, by=None
            )
        assert caught.exception.messages == [errors.PROPOSAL_NOT_WAITING.format(status="Đang soạn")]


class ProposalPageTests(CouncilWorld):
    def setUp(self) -> None:
        self.base = {"campaign_id": self.campaign.pk, "unit_id": self.w.unit.pk}

    def action(self, user: object, proposal: Proposal, action: str, data: dict[str, str]) -> int:
        self.client.force_login(user)  # type: ignore[arg-type]
        url = reverse(
            "proposal_action", kwargs={**self.base, "proposal_id": proposal.pk, "action": action}
        )
        return self.client.post(url, data).status_code

    def test_the_unit_writes_and_sends_the_level_above_decides(self) -> None:
        self.client.force_login(self.w.officer)
        response = self.client.post(reverse("proposal_unit", kwargs=self.base))
        proposal = Proposal.objects.get()
        self.assertRedirects(
            response, reverse("proposal_detail", kwargs={**self.base, "proposal_id": proposal.pk})
        )
        assert self.action(self.w.officer, proposal, "gui", {"number": "12/TTr-CĐCS"}) == 302
        decide = {
            "number": "245/QĐ-CĐVC",
            "signed_on": "2025-12-20",
            "signer": "Nguyễn Văn Hùng",
            "signer_title": "Chủ tịch",
        }
        # The unit does not decide its own proposal; a sibling does not even see it.
        assert self.action(self.w.officer, proposal, "quyet-dinh", decide) == 403
        assert self.action(self.w.viewer, proposal, "quyet-dinh", decide) == 403
        assert self.action(self.w.sibling_officer, proposal, "quyet-dinh", decide) == 404
        assert not Decision.objects.exists()
        missing = self.action(self.w.upper, proposal, "quyet-dinh", {**decide, "signer": ""})
        assert missing == 400
        assert self.action(self.w.upper, proposal, "quyet-dinh", decide) == 302
        decision = Decision.objects.get()
        assert decision.unit == self.w.province  # the upper persona's unit decides
        page = self.client.get(
            reverse("proposal_detail", kwargs={**self.base, "proposal_id": proposal.pk})
        ).content.decode()
        assert "Quyết định số 245/QĐ-CĐVC ngày 20/12/2025" in page
        assert "2.130.000" in page  # 3 × 710.000

    def test_the_signers_position_is_prefilled_in_vietnamese_under_an_english_ui(self) -> None:
        proposal = services.start_proposal(campaign=self.campaign, unit=self.w.unit, by=None)
        services.submit_proposal(proposal=proposal, number="12/TTr-CĐCS", by=None)
        self.client.force_login(self.w.upper)
        self.client.post(reverse("set_language"), {"language": "en", "next": "/"})
        url = reverse("proposal_detail", kwargs={**self.base, "proposal_id": proposal.pk})
        page = self.client.get(url).content.decode()
        assert 'lang="en"' in page
        found = re.search(r'name="signer_title" value="([^"]*)"', page)
        assert found is not None and found.group(1) == "Chủ tịch"  # not "Chair"
        decide = {
            "number": "245/QĐ-CĐVC",
            "signed_on": "2025-12-20",
            "signer": "Nguyễn Văn Hùng",
            "signer_title": found.group(1),  # the officer keeps what the form offers
        }
        assert self.action(self.w.upper, proposal, "quyet-dinh", decide) == 302
        assert Decision.objects.get().signer_title == "Chủ tịch"

    def test_the_level_above_sees_where_each_unit_below_stands(self) -> None:
        services.start_proposal(campaign=self.campaign, unit=self.w.unit, by=None)
        self.client.force_login(self.w.upper)
        kwargs = {"campaign_id": self.campaign.pk, "unit_id": self.w.upper_grassroots.pk}
        page = self.client.get(reverse("proposal_unit", kwargs=kwargs)).content.decode()
        assert self.w.unit.name in page and "Đang soạn" in page
        assert self.w.sibling.name in page and "Chưa gửi tờ trình" in page


class DecisionDocumentTests(CouncilWorld):
    def test_the_decision_and_its_list_show_the_reason_an_ineligible_title_was_kept(
        self,
    ) -> None:
        import io

        import docx
        import pypdf

        from daihoi.emulation.models import Evaluation

        mai = next(m for m in self.people if m.full_name == "Lò Thị Mai")
        services.evaluate_member(
            campaign=self.campaign,
            unit=self.w.unit,
            member=mai,
            data=services.EvaluationData(
                task_level="tot",
                proposed=(LDTT, "doan-vien-cong-doan-xuat-sac", "gioi-viec-nuoc-dam-viec-nha"),
                days_absent=45,
                override_reason="Nghỉ điều trị tai nạn lao động",
            ),
            by=None,
        )
        assert Evaluation.objects.get(member=mai).ineligible_proposed
        proposal = services.start_proposal(campaign=self.campaign, unit=self.w.unit, by=None)
        services.submit_proposal(proposal=proposal, number="12/TTr-CĐCS", by=None)
        services.decide_proposal(
            proposal=proposal, deciding_unit=self.w.upper_grassroots, data=DECISION, by=None
        )
        self.client.force_login(self.w.officer)
        kwargs = {
            "campaign_id": self.campaign.pk,
            "unit_id": self.w.unit.pk,
            "proposal_id": proposal.pk,
        }
        word = docx.Document(
            io.BytesIO(
                self.client.get(
                    reverse("decision_document", kwargs={**kwargs, "kind": "docx"})
                ).content
            )
        )
        texts = [p.text for p in word.paragraphs]
        assert "QUYẾT ĐỊNH" in texts
        assert "Xét đề nghị của Công đoàn cơ sở Sở Công Thương tại Tờ trình số 12/TTr-CĐCS," in (
            texts
        )
        cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
        assert (
            "Lao động tiên tiến. Đề nghị khi chưa đủ điều kiện theo quy định, lý do: "
            "Nghỉ điều trị tai nạn lao động" in cells
        )
        pdf = self.client.get(reverse("decision_document", kwargs={**kwargs, "kind": "pdf"}))
        pages = pypdf.PdfReader(io.BytesIO(pdf.content)).pages
        text = " ".join(" ".join(p.extract_text() for p in pages).split())
        assert "DANH SÁCH KHEN THƯỞNG" in text and "Số: 245/QĐ-CĐVC" in text
