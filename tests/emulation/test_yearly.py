"""A subtree's emulation year by year (emulation.yearly): what the resolution targets measure."""

from __future__ import annotations

import datetime

from django.test import TestCase

from daihoi.emulation.models import CollectiveEvaluation, Evaluation, TitleRecord
from daihoi.emulation.testing import make_campaign
from daihoi.emulation.yearly import subtree_years
from daihoi.rules.emulation import Title
from daihoi.units.models import Gender, MemberStatus
from daihoi.units.services import MemberData, create_member
from daihoi.units.testing import build_world

LDTT = Title.LDTT.value
GVN = Title.GVNDVN.value


class SubtreeYearsTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        w = cls.w
        cls.hoa = create_member(
            unit=w.unit, data=MemberData(full_name="Lò Thị Hoa", gender=Gender.NU)
        )
        cls.late = create_member(
            unit=w.section,
            data=MemberData(
                full_name="Quàng Văn Sơn",
                gender=Gender.NAM,
                union_joined_on=datetime.date(2020, 3, 1),
            ),
        )
        cls.gone = create_member(
            unit=w.section,
            data=MemberData(full_name="Đỗ Văn Nam", gender=Gender.NAM, status=MemberStatus.LEFT),
        )
        TitleRecord.objects.create(member=w.member, year=2019, title=LDTT)
        TitleRecord.objects.create(member=cls.hoa, year=2019, title=LDTT)
        TitleRecord.objects.create(member=cls.hoa, year=2019, title=GVN)
        TitleRecord.objects.create(member=cls.gone, year=2019, title=LDTT)
        TitleRecord.objects.create(member=w.sibling_member, year=2019, title=LDTT)
        TitleRecord.objects.create(unit=w.section, year=2019, title=Title.TTLDTT.value)
        TitleRecord.objects.create(unit=w.unit, year=2019, title=Title.TTLDXS.value)

    def test_members_of_a_year_are_those_active_who_had_joined_by_its_end(self) -> None:
        years = subtree_years(unit=self.w.unit, years=[2019, 2020])
        assert (years[2019].members, years[2019].women) == (2, 1)
        assert (years[2020].members, years[2020].women) == (3, 1)

    def test_titles_are_counted_in_the_subtree_only_among_the_years_members(self) -> None:
        year = subtree_years(unit=self.w.unit, years=[2019])[2019]
        assert year.member_titles[LDTT] == 2  # not the one who left, not the sibling's member
        assert year.women_titles[GVN] == 1
        assert year.members_recorded

    def test_collectives_are_the_units_strictly_below(self) -> None:
        year = subtree_years(unit=self.w.unit, years=[2019])[2019]
        assert year.collectives == 1
        assert year.collective_titles == {Title.TTLDTT.value: 1}

    def test_a_year_without_records_is_no_data(self) -> None:
        year = subtree_years(unit=self.w.unit, years=[2021])[2021]
        assert not year.members_recorded
        assert not year.collectives_recorded
        assert year.members == 3

    def test_task_and_collective_levels_come_from_the_yearly_campaigns(self) -> None:
        campaign = make_campaign(self.w.unit, year=2021)
        Evaluation.objects.create(
            campaign=campaign, member=self.w.member, unit=self.w.section, task_level="tot"
        )
        Evaluation.objects.create(
            campaign=campaign, member=self.hoa, unit=self.w.unit, task_level="khong-hoan-thanh"
        )
        themed = make_campaign(self.w.unit, year=2021, kind="chuyen-de")
        Evaluation.objects.create(
            campaign=themed, member=self.late, unit=self.w.section, task_level="tot"
        )
        CollectiveEvaluation.objects.create(
            campaign=campaign, unit=self.w.section, task_level="xuat-sac"
        )
        with self.assertNumQueries(11):  # counted, then kept (rollup)
            year = subtree_years(unit=self.w.unit, years=[2021])[2021]
        with self.assertNumQueries(2):
            assert subtree_years(unit=self.w.unit, years=[2021])[2021] == year
        assert year.task_levels == {"tot": 1, "khong-hoan-thanh": 1}
        assert year.collective_levels == {"xuat-sac": 1}
        assert year.members_recorded and year.collectives_recorded
