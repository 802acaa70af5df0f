"""The emulation and activities API: what the pages show, read-only, same access as the pages.

The permission matrix over every endpoint is tests/api/test_api_permissions.py; here, the
content: each list holds its subtree's rows with the engine's reasons and the decided amounts.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from api.api_world import ApiTestCase
from daihoi.activities.models import Contribution, ContributionKind, Initiative, Level
from daihoi.emulation import classification, services
from daihoi.emulation.classification import ClassificationData
from daihoi.emulation.models import TitleRecord
from daihoi.emulation.services import AwardData, DecisionData, EvaluationData
from daihoi.emulation.testing import make_campaign
from daihoi.units.models import Gender
from daihoi.units.services import MemberData, create_member

LDTT = "lao-dong-tien-tien"
BANG_KHEN = "bang-khen"


class EmulationApiTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.campaign = make_campaign(cls.w.province)
        cls.mai = create_member(
            unit=cls.w.unit, data=MemberData(full_name="Lò Thị Mai", gender=Gender.NU)
        )
        services.register_members(
            campaign=cls.campaign, unit=cls.w.unit, members=[cls.mai], titles=[LDTT], by=None
        )
        services.register_members(
            campaign=cls.campaign,
            unit=cls.w.sibling,
            members=[cls.w.sibling_member],
            titles=[LDTT],
            by=None,
        )
        services.evaluate_member(
            campaign=cls.campaign,
            unit=cls.w.unit,
            member=cls.mai,
            data=EvaluationData(task_level="xuat-sac", proposed=(LDTT,)),
            by=None,
        )
        cls.proposal = services.start_proposal(campaign=cls.campaign, unit=cls.w.unit, by=None)
        services.add_award(
            proposal=cls.proposal,
            data=AwardData(award=BANG_KHEN, note="Tập thể xuất sắc", collective=cls.w.section),
        )
        services.submit_proposal(proposal=cls.proposal, number="12/TTr-CĐCS", by=None)
        cls.decision = services.decide_proposal(
            proposal=cls.proposal,
            deciding_unit=cls.w.upper_grassroots,
            data=DecisionData(
                number="245/QĐ-CĐVC",
                signed_on=datetime.date(2025, 12, 20),
                signer="Nguyễn Văn Hùng",
                signer_title="Chủ tịch",
            ),
            by=None,
        )
        initiative = Initiative.objects.create(
            unit=cls.w.section,
            title="Cải tiến quy trình cấp phép",
            year=2025,
            level=Level.GRASSROOTS,
        )
        initiative.authors.add(cls.mai)
        Contribution.objects.create(
            unit=cls.w.unit,
            kind=ContributionKind.SHELTER,
            amount=60_000_000,
            given_on=datetime.date(2025, 5, 19),
            purpose="Mái ấm công đoàn cho chị Lò Thị Hoa",
        )
        Contribution.objects.create(
            unit=cls.w.sibling,
            kind=ContributionKind.CHARITY,
            amount=5_000_000,
            given_on=datetime.date(2025, 6, 1),
            purpose="Ủng hộ bão lũ",
        )

    def base(self, unit_pk: int | None = None) -> str:
        return f"/api/campaigns/{self.campaign.pk}/units/{unit_pk or self.w.unit.pk}"

    def test_campaigns_reaching_the_caller_are_listed_and_filtered(self) -> None:
        listed = self.call("GET", "/api/campaigns/", user=self.w.officer).json()
        assert [c["id"] for c in listed["items"]] == [self.campaign.pk]
        item = listed["items"][0]
        assert (item["unit_id"], item["year"], item["kind"]) == (
            self.w.province.pk,
            2025,
            "thuong-xuyen",
        )
        assert item["kind_label"] == "Thi đua thường xuyên (hằng năm)"
        # The province launched it: the officer cannot name the province as the filter.
        path = f"/api/campaigns/?unit={self.w.province.pk}"
        assert self.call("GET", path, user=self.w.officer).status_code == 404
        mine = self.call("GET", f"/api/campaigns/?unit={self.w.unit.pk}", user=self.w.officer)
        assert mine.json()["count"] == 0
        none = self.call("GET", "/api/campaigns/?year=2024", user=self.w.officer).json()
        assert none["count"] == 0

    def test_registrations_of_the_subtree_only(self) -> None:
        own = self.call("GET", self.base() + "/registrations", user=self.w.viewer).json()
        assert [(r["member_name"], r["title_label"], r["status"]) for r in own["items"]] == [
            ("Lò Thị Mai", "Lao động tiên tiến", "cho-duyet")
        ]
        # From the province, both units' registrations.
        province = self.base(self.w.province.pk) + "/registrations"
        assert self.call("GET", province, user=self.w.upper).json()["count"] == 2
        sibling = self.base(self.w.sibling.pk) + "/registrations"
        assert self.call("GET", sibling, user=self.w.officer).status_code == 404

    def test_evaluations_carry_the_engine_s_verdict_and_reasons(self) -> None:
        [item] = self.call("GET", self.base() + "/evaluations", user=self.w.viewer).json()["items"]
        assert (item["member_id"], item["task_level"], item["proposed"]) == (
            self.mai.pk,
            "xuat-sac",
            [LDTT],
        )
        assert LDTT in item["eligible"]
        assert "Luật TĐKT 2022 Điều 24" in item["explanations"][LDTT]

    def test_proposals_and_decisions_with_their_lines_and_amounts(self) -> None:
        [proposal] = self.call("GET", self.base() + "/proposals", user=self.w.viewer).json()[
            "items"
        ]
        assert (proposal["number"], proposal["status"], proposal["decision_id"]) == (
            "12/TTr-CĐCS",
            "da-quyet-dinh",
            self.decision.pk,
        )
        lines = {(line["who"], line["title"]): line for line in proposal["lines"]}
        assert set(lines) == {("Lò Thị Mai", LDTT), (self.w.section.name, BANG_KHEN)}
        [decision] = self.call("GET", self.base() + "/decisions", user=self.w.upper).json()["items"]
        assert (decision["number"], decision["unit_id"], decision["proposal_unit_id"]) == (
            "245/QĐ-CĐVC",
            self.w.upper_grassroots.pk,
            self.w.unit.pk,
        )
        amounts = [line["amount"] for line in decision["lines"]]
        assert all(isinstance(a, int) for a in amounts)
        assert decision["total"] == sum(amounts) == self.decision.total > 0

    def test_title_records_and_activities_of_the_subtree(self) -> None:
        path = f"/api/units/{self.w.unit.pk}/title-records?year=2025"
        records = self.call("GET", path, user=self.w.viewer).json()
        assert records["count"] == TitleRecord.objects.filter(decision=self.decision).count() == 2
        assert {(r["member_name"], r["unit_name"], r["title"]) for r in records["items"]} == {
            ("Lò Thị Mai", "", LDTT),
            ("", self.w.section.name, BANG_KHEN),
        }
        anonymous = self.call("GET", f"/api/units/{self.w.unit.pk}/title-records")
        assert anonymous.status_code == 401
        initiatives = self.call(
            "GET", f"/api/units/{self.w.unit.pk}/initiatives", user=self.w.viewer
        ).json()
        [initiative] = initiatives["items"]
        assert initiative["authors"] == [{"id": self.mai.pk, "full_name": "Lò Thị Mai"}]
        assert initiative["level_label"] == "Cấp cơ sở"
        money = self.call(
            "GET", f"/api/units/{self.w.unit.pk}/contributions", user=self.w.viewer
        ).json()
        assert [(c["amount"], c["kind"]) for c in money["items"]] == [(60_000_000, "mai-am")]
        above = self.call(
            "GET", f"/api/units/{self.w.province.pk}/contributions?year=2025", user=self.w.upper
        ).json()
        assert above["count"] == 2

    def test_classifications_of_the_subtree_for_a_year(self) -> None:
        classification.record_classification(
            unit=self.w.section,
            within=self.w.unit,
            data=ClassificationData(
                year=2024, scale="hd-1294", group1="38,5", group2="35", group3="12", bonus="3"
            ),
            by=None,
        )
        path = f"/api/units/{self.w.unit.pk}/classifications?year=2024"
        [item] = self.call("GET", path, user=self.w.viewer).json()["items"]
        assert (item["unit_id"], item["level"], item["level_label"]) == (
            self.w.section.pk,
            "tot",
            "Hoàn thành tốt nhiệm vụ",
        )
        assert Decimal(item["total"]) == Decimal("88.5")
        assert "§6, HD 1294/HD-TLĐ" in item["explanation"]
        sibling = f"/api/units/{self.w.sibling.pk}/classifications?year=2024"
        assert self.call("GET", sibling, user=self.w.officer).status_code == 404
        missing = self.call(
            "GET", f"/api/units/{self.w.unit.pk}/classifications", user=self.w.viewer
        )
        assert missing.status_code == 422
        assert missing.json()["errors"] == [{"field": "year", "message": "Năm: bắt buộc phải có."}]

    def test_a_bad_year_names_the_field(self) -> None:
        response = self.call(
            "GET", f"/api/units/{self.w.unit.pk}/initiatives?year=abc", user=self.w.viewer
        )
        assert response.status_code == 422
        assert response.json()["errors"] == [
            {"field": "year", "message": "Năm: phải là số nguyên."}
        ]

    def test_nothing_is_written_through_the_api(self) -> None:
        for path in (
            "/api/campaigns/",
            self.base() + "/registrations",
            self.base() + "/evaluations",
            self.base() + "/proposals",
            f"/api/units/{self.w.unit.pk}/title-records",
            f"/api/units/{self.w.unit.pk}/initiatives",
        ):
            with self.subTest(path):
                assert self.call("POST", path, {}, user=self.w.upper).status_code == 405
