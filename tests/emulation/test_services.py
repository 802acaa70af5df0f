"""Services of the emulation cycle: campaigns, registrations, evaluations, with their refusals.

Each refusal is checked to leave the database as it was.
"""

from __future__ import annotations

import dataclasses
import datetime

from django.test import TestCase

from daihoi.emulation import errors, services
from daihoi.emulation.errors import EmulationError
from daihoi.emulation.models import (
    Campaign,
    CollectiveEvaluation,
    Evaluation,
    Registration,
    RegistrationStatus,
    TitleRecord,
)
from daihoi.emulation.services import CampaignData, EvaluationData
from daihoi.emulation.testing import make_campaign
from daihoi.rules.emulation import Title
from daihoi.units.models import Gender, MemberStatus
from daihoi.units.services import MemberData, create_member, transfer_member
from daihoi.units.testing import build_world

LDTT = Title.LDTT.value
CSTDCS = Title.CSTDCS.value
GOOD = EvaluationData(task_level="tot")
EXCELLENT = EvaluationData(task_level="xuat-sac")


class CampaignTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def data(self, **changes: object) -> CampaignData:
        base = CampaignData(
            title="Thi đua năm 2025",
            year=2025,
            kind="thuong-xuyen",
            starts_on=datetime.date(2025, 1, 1),
            ends_on=datetime.date(2025, 12, 15),
        )
        return dataclasses.replace(base, **changes)  # type: ignore[arg-type]

    def test_a_unit_launches_its_yearly_campaign(self) -> None:
        campaign = services.create_campaign(unit=self.w.province, data=self.data(), by=self.w.upper)
        assert campaign.unit == self.w.province
        assert campaign.created_by == self.w.upper

    def test_one_yearly_campaign_per_unit_and_year(self) -> None:
        first = make_campaign(self.w.province)
        with self.assertRaises(EmulationError) as caught:
            services.create_campaign(unit=self.w.province, data=self.data(), by=None)
        assert caught.exception.messages == [
            errors.CAMPAIGN_YEARLY_TAKEN.format(
                unit=self.w.province.name, year=2025, title=first.title
            )
        ]
        assert Campaign.objects.count() == 1

    def test_themed_campaigns_may_be_many_and_other_units_have_their_own(self) -> None:
        make_campaign(self.w.province)
        services.create_campaign(
            unit=self.w.province, data=self.data(kind="chuyen-de", title="Giỏi việc nước"), by=None
        )
        make_campaign(self.w.unit)
        assert Campaign.objects.count() == 3

    def test_every_problem_is_named_and_nothing_is_written(self) -> None:
        bad = self.data(title="  ", year=1999, ends_on=datetime.date(2024, 12, 31))
        with self.assertRaises(EmulationError) as caught:
            services.create_campaign(unit=self.w.unit, data=bad, by=None)
        assert caught.exception.messages == [
            errors.CAMPAIGN_TITLE_REQUIRED,
            errors.CAMPAIGN_YEAR_RANGE,
            errors.CAMPAIGN_DATES_ORDER,
        ]
        assert not Campaign.objects.exists()


class RegistrationTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.campaign = make_campaign(cls.w.province)

    def test_members_are_registered_for_every_title_chosen(self) -> None:
        created = services.register_members(
            campaign=self.campaign,
            unit=self.w.unit,
            members=[self.w.member],
            titles=[LDTT, CSTDCS],
            by=self.w.officer,
        )
        assert len(created) == 2
        assert {r.status for r in created} == {RegistrationStatus.SUBMITTED}
        assert all(r.unit == self.w.unit and r.submitted_by == self.w.officer for r in created)

    def test_a_member_outside_the_unit_is_refused_and_nobody_is_registered(self) -> None:
        with self.assertRaises(EmulationError) as caught:
            services.register_members(
                campaign=self.campaign,
                unit=self.w.unit,
                members=[self.w.member, self.w.sibling_member],
                titles=[LDTT],
                by=None,
            )
        assert caught.exception.messages == [
            errors.REGISTRATION_MEMBER_OUTSIDE.format(
                name=self.w.sibling_member.full_name, unit=self.w.unit.name
            )
        ]
        assert not Registration.objects.exists()

    def test_a_member_who_left_is_refused(self) -> None:
        gone = create_member(
            unit=self.w.unit,
            data=MemberData(full_name="Hà Văn Đi", gender=Gender.NAM, status=MemberStatus.LEFT),
        )
        with self.assertRaises(EmulationError) as caught:
            services.register_members(
                campaign=self.campaign, unit=self.w.unit, members=[gone], titles=[LDTT], by=None
            )
        assert caught.exception.messages == [
            errors.REGISTRATION_MEMBER_NOT_ACTIVE.format(name="Hà Văn Đi")
        ]

    def test_registering_the_same_title_twice_is_refused_and_nothing_is_added(self) -> None:
        services.register_members(
            campaign=self.campaign,
            unit=self.w.unit,
            members=[self.w.member],
            titles=[LDTT],
            by=None,
        )
        with self.assertRaises(EmulationError) as caught:
            services.register_members(
                campaign=self.campaign,
                unit=self.w.unit,
                members=[self.w.member],
                titles=[CSTDCS, LDTT],
                by=None,
            )
        assert caught.exception.messages == [
            errors.REGISTRATION_TWICE.format(
                name=self.w.member.full_name, title="Lao động tiên tiến"
            )
        ]
        assert Registration.objects.count() == 1

    def test_titles_must_fit_individuals_or_collectives(self) -> None:
        with self.assertRaises(EmulationError) as caught:
            services.register_members(
                campaign=self.campaign,
                unit=self.w.unit,
                members=[self.w.member],
                titles=[Title.TTLDXS.value],
                by=None,
            )
        assert caught.exception.messages == [
            errors.REGISTRATION_TITLE_FOR_INDIVIDUAL.format(title="Tập thể lao động xuất sắc")
        ]
        with self.assertRaises(EmulationError) as caught:
            services.register_collective(
                campaign=self.campaign, unit=self.w.unit, titles=[LDTT], by=None
            )
        assert caught.exception.messages == [
            errors.REGISTRATION_TITLE_FOR_COLLECTIVE.format(title="Lao động tiên tiến")
        ]
        with self.assertRaises(EmulationError) as caught:
            services.register_collective(
                campaign=self.campaign, unit=self.w.unit, titles=[], by=None
            )
        assert caught.exception.messages == [errors.REGISTRATION_NO_TITLE]

    def test_a_collective_registers_once_per_title(self) -> None:
        services.register_collective(
            campaign=self.campaign, unit=self.w.unit, titles=[Title.TTLDXS.value], by=None
        )
        with self.assertRaises(EmulationError):
            services.register_collective(
                campaign=self.campaign, unit=self.w.unit, titles=[Title.TTLDXS.value], by=None
            )
        assert Registration.objects.filter(member__isnull=True).count() == 1

    def test_the_level_above_approves_or_returns_with_a_reason(self) -> None:
        first, second = services.register_members(
            campaign=self.campaign,
            unit=self.w.unit,
            members=[self.w.member],
            titles=[LDTT, CSTDCS],
            by=None,
        )
        services.review_registration(registration=first, approve=True, reason="", by=self.w.upper)
        with self.assertRaises(EmulationError) as caught:
            services.review_registration(
                registration=second, approve=False, reason=" ", by=self.w.upper
            )
        assert caught.exception.messages == [errors.RETURN_REASON_REQUIRED]
        services.review_registration(
            registration=second, approve=False, reason="Thiếu sáng kiến", by=self.w.upper
        )
        first.refresh_from_db()
        second.refresh_from_db()
        assert (first.status, first.reviewed_by) == (RegistrationStatus.APPROVED, self.w.upper)
        assert (second.status, second.return_reason) == (
            RegistrationStatus.RETURNED,
            "Thiếu sáng kiến",
        )

    def test_a_reviewed_registration_is_not_reviewed_again_but_a_returned_one_is_resent(
        self,
    ) -> None:
        (registration,) = services.register_members(
            campaign=self.campaign,
            unit=self.w.unit,
            members=[self.w.member],
            titles=[LDTT],
            by=None,
        )
        services.review_registration(
            registration=registration, approve=False, reason="Sai danh hiệu", by=None
        )
        with self.assertRaises(EmulationError) as caught:
            services.review_registration(
                registration=registration, approve=True, reason="", by=None
            )
        assert caught.exception.messages == [
            errors.REGISTRATION_NOT_WAITING.format(status="Trả lại")
        ]
        services.resubmit_registration(registration=registration, by=self.w.officer)
        registration.refresh_from_db()
        assert registration.status == RegistrationStatus.SUBMITTED
        with self.assertRaises(EmulationError) as caught:
            services.resubmit_registration(registration=registration, by=None)
        assert caught.exception.messages == [errors.RESUBMIT_NOT_RETURNED]


class EvaluationTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.campaign = make_campaign(cls.w.province)

    def register(self, *titles: str) -> list[Registration]:
        return services.register_members(
            campaign=self.campaign,
            unit=self.w.unit,
            members=[self.w.member],
            titles=list(titles) or [LDTT],
            by=None,
        )

    def evaluate(self, data: EvaluationData) -> Evaluation:
        return services.evaluate_member(
            campaign=self.campaign, unit=self.w.unit, member=self.w.member, data=data, by=None
        )

    def test_the_engine_decides_and_explains(self) -> None:
        self.register()
        evaluation = self.evaluate(EXCELLENT)
        assert evaluation.eligible == [LDTT, CSTDCS, Title.DVCDXS.value]
        assert evaluation.explanations[CSTDCS].startswith("Chiến sĩ thi đua cơ sở: đủ điều kiện.")
        assert "Luật TĐKT 2022 Điều 23" in evaluation.explanations[CSTDCS]
        assert evaluation.unit == self.w.section

    def test_an_unregistered_member_gets_no_title_and_is_told_why(self) -> None:
        evaluation = self.evaluate(GOOD)
        assert evaluation.eligible == []
        assert "Không đăng ký thi đua" in evaluation.explanations[LDTT]

    def test_a_registration_after_the_evaluation_decides_again(self) -> None:
        self.evaluate(GOOD)
        (registration,) = self.register()
        assert Evaluation.objects.get().eligible == [LDTT, Title.DVCDXS.value]
        services.review_registration(
            registration=registration, approve=False, reason="Nộp muộn", by=None
        )
        assert Evaluation.objects.get().eligible == []

    def test_the_year_is_counted_to_the_campaigns_last_day(self) -> None:
        # Campaign ends 15/12/2025: recruited 16/02/2025 is 9 whole months, 15/02 is 10.
        self.register()
        late = self.evaluate(dataclasses.replace(GOOD, joined_on=datetime.date(2025, 2, 16)))
        assert late.eligible == []
        assert "chưa đủ 10 tháng" in late.explanations[LDTT]
        on_time = self.evaluate(dataclasses.replace(GOOD, joined_on=datetime.date(2025, 2, 15)))
        assert LDTT in on_time.eligible

    def test_a_woman_may_be_good_at_work_and_at_home(self) -> None:
        services.register_members(
            campaign=self.campaign,
            unit=self.w.sibling,
            members=[self.w.sibling_member],
            titles=[Title.GVNDVN.value],
            by=None,
        )
        evaluation = services.evaluate_member(
            campaign=self.campaign,
            unit=self.w.sibling,
            member=self.w.sibling_member,
            data=GOOD,
            by=None,
        )
        assert Title.GVNDVN.value in evaluation.eligible

    def test_an_ineligible_proposal_needs_a_written_reason(self) -> None:
        self.register()
        asking = dataclasses.replace(GOOD, proposed=(CSTDCS, LDTT))
        with self.assertRaises(EmulationError) as caught:
            self.evaluate(asking)
        assert caught.exception.messages == [
            errors.EVALUATION_OVERRIDE_REASON.format(titles="“Chiến sĩ thi đua cơ sở”")
        ]
        assert not Evaluation.objects.exists()
        reasoned = dataclasses.replace(asking, override_reason="Có sáng kiến chờ công nhận")
        evaluation = self.evaluate(reasoned)
        assert evaluation.proposed == [LDTT, CSTDCS]
        assert evaluation.ineligible_proposed == [CSTDCS]
        assert evaluation.override_reason == "Có sáng kiến chờ công nhận"

    def test_a_reason_without_an_ineligible_proposal_is_not_kept(self) -> None:
        self.register()
        evaluation = self.evaluate(
            dataclasses.replace(GOOD, proposed=(LDTT,), override_reason="không cần")
        )
        assert evaluation.override_reason == ""

    def test_collective_titles_are_not_proposed_for_a_member(self) -> None:
        with self.assertRaises(EmulationError) as caught:
            self.evaluate(dataclasses.replace(GOOD, proposed=(Title.TTLDTT.value,)))
        assert caught.exception.errors[0].field == "proposed"

    def test_impossible_facts_are_refused_by_field(self) -> None:
        with self.assertRaises(EmulationError) as caught:
            self.evaluate(dataclasses.replace(GOOD, days_absent=3, maternity_days=5))
        (problem,) = caught.exception.errors
        assert problem.field == "maternity_days"
        assert problem.message.startswith("Trong đó nghỉ thai sản: ")
        with self.assertRaises(EmulationError) as caught:
            self.evaluate(dataclasses.replace(GOOD, joined_on=datetime.date(2026, 1, 1)))
        assert caught.exception.errors[0].field == "joined_on"
        assert not Evaluation.objects.exists()

    def test_a_member_outside_the_unit_is_refused(self) -> None:
        with self.assertRaises(EmulationError) as caught:
            services.evaluate_member(
                campaign=self.campaign,
                unit=self.w.unit,
                member=self.w.sibling_member,
                data=GOOD,
                by=None,
            )
        assert caught.exception.errors[0].field == "member"

    def test_saving_again_updates_the_one_evaluation(self) -> None:
        self.register()
        self.evaluate(GOOD)
        self.evaluate(EXCELLENT)
        assert Evaluation.objects.get().task_level == "xuat-sac"

    def test_the_provincial_title_reads_the_records_kept_across_a_transfer(self) -> None:
        # CSTĐCS 2023 and 2024 recorded while in the section; moved to the sibling CĐCS.
        for year in (2023, 2024):
            TitleRecord.objects.create(member=self.w.member, year=year, title=CSTDCS)
        TitleRecord.objects.create(member=self.w.member, year=2025, title=CSTDCS)  # not earlier
        transfer_member(member=self.w.member, to_unit=self.w.sibling, on=datetime.date(2025, 3, 1))
        self.w.member.refresh_from_db()
        services.register_members(
            campaign=self.campaign,
            unit=self.w.sibling,
            members=[self.w.member],
            titles=[CSTDCS],
            by=None,
        )
        evaluation = services.evaluate_member(
            campaign=self.campaign,
            unit=self.w.sibling,
            member=self.w.member,
            data=dataclasses.replace(EXCELLENT, initiative="tinh"),
            by=None,
        )
        assert Title.CSTD_PROVINCE.value in evaluation.eligible
        assert "3 năm liên tục" in evaluation.explanations[Title.CSTD_PROVINCE.value]


class CollectiveEvaluationTests(TestCase):
    """TTLĐTT and TTLĐXS of a CĐCS from its members' evaluations (rules.md §5.1)."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.campaign = make_campaign(cls.w.province)
        # The CĐCS: Lường Danh Vọng (in its section) and two more members.
        cls.people = [cls.w.member] + [
            create_member(unit=cls.w.unit, data=MemberData(full_name=name, gender=Gender.NU))
            for name in ("Lò Thị Mai", "Tòng Thị Xuân")
        ]
        services.register_members(
            campaign=cls.campaign, unit=cls.w.unit, members=cls.people, titles=[LDTT], by=None
        )
        services.register_collective(
            campaign=cls.campaign,
            unit=cls.w.unit,
            titles=[Title.TTLDTT.value, Title.TTLDXS.value],
            by=None,
        )

    def evaluate(self, member_index: int, data: EvaluationData) -> None:
        services.evaluate_member(
            campaign=self.campaign,
            unit=self.w.unit,
            member=self.people[member_index],
            data=data,
            by=None,
        )

    def collective(self, **changes: object) -> CollectiveEvaluation:
        data = dataclasses.replace(services.CollectiveData(task_level="xuat-sac"), **changes)  # type: ignore[arg-type]
        return services.evaluate_collective(
            campaign=self.campaign, unit=self.w.unit, data=data, by=None
        )

    def test_every_member_excellent_or_good_makes_an_excellent_collective(self) -> None:
        self.evaluate(0, EXCELLENT)  # LĐTT and CSTĐCS
        self.evaluate(1, GOOD)
        self.evaluate(2, GOOD)
        evaluation = self.collective()
        assert (evaluation.members, evaluation.completed, evaluation.advanced) == (3, 3, 3)
        assert evaluation.fighters == 1
        assert evaluation.eligible == [Title.TTLDTT.value, Title.TTLDXS.value]
        assert "Luật TĐKT 2022 Điều 27" in evaluation.explanations[Title.TTLDXS.value]

    def test_a_member_not_evaluated_counts_as_not_completed(self) -> None:
        # 2 of 3 LĐTT: over half (TTLĐTT) but under 70% and not 100% completed (no TTLĐXS).
        self.evaluate(0, EXCELLENT)
        self.evaluate(1, GOOD)
        evaluation = self.collective()
        assert (evaluation.members, evaluation.completed, evaluation.advanced) == (3, 2, 2)
        assert evaluation.eligible == [Title.TTLDTT.value]
        assert (
            "2/3 thành viên hoàn thành nhiệm vụ (cần 100%)"
            in (evaluation.explanations[Title.TTLDXS.value])
        )

    def test_a_warned_member_bars_the_advanced_collective(self) -> None:
        self.evaluate(0, EXCELLENT)
        self.evaluate(1, GOOD)
        self.evaluate(2, dataclasses.replace(GOOD, discipline="canh-cao"))
        evaluation = self.collective(task_level="tot")
        assert evaluation.disciplined_from_warning == 1
        assert evaluation.eligible == []

    def test_an_ineligible_collective_proposal_needs_a_reason(self) -> None:
        with self.assertRaises(EmulationError) as caught:
            self.collective(proposed=(Title.TTLDXS.value,))
        assert caught.exception.errors[0].field == "override_reason"
        assert not CollectiveEvaluation.objects.exists()
        with self.assertRaises(EmulationError) as caught:
            self.collective(proposed=(LDTT,))
        assert caught.exception.errors[0].field == "proposed"

    def test_an_unregistered_collective_gets_no_title(self) -> None:
        for index, data in enumerate((EXCELLENT, GOOD, GOOD)):
            self.evaluate(index, data)
        evaluation = services.evaluate_collective(
            campaign=self.campaign,
            unit=self.w.section,
            data=services.CollectiveData(task_level="xuat-sac"),
            by=None,
        )
        assert evaluation.members == 1
        assert evaluation.eligible == []
        assert "Tập thể không đăng ký thi đua" in evaluation.explanations[Title.TTLDTT.value]
