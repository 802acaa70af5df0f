"""A subtree's activities summed by year: what the term's targets and the reviews read."""

from __future__ import annotations

import datetime

from django.test import TestCase

from daihoi.activities.models import Contribution, Initiative, PartyIntroduction, ResearchProject
from daihoi.activities.queries import subtree_activity_years
from daihoi.units.testing import build_world


class SubtreeActivityYearsTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        w = cls.w
        for unit, year, level, applied in (
            (w.unit, 2023, "co-so", True),
            (w.section, 2023, "tinh", False),
            (w.section, 2024, "trung-uong", True),
            (w.sibling, 2023, "co-so", True),  # outside unit's subtree
        ):
            Initiative.objects.create(
                unit=unit, title="Sáng kiến", year=year, level=level, applied=applied
            )
        ResearchProject.objects.create(
            unit=w.section, title="Đề tài", level="tinh", accepted_on=datetime.date(2023, 12, 31)
        )
        for unit, day, kind, amount in (
            (w.unit, datetime.date(2023, 1, 1), "mai-am", 50_000_000),
            (w.section, datetime.date(2023, 6, 1), "mai-am", 60_000_000),
            (w.section, datetime.date(2023, 7, 1), "tu-thien", 1_300_000_000),
            (w.unit, datetime.date(2024, 1, 1), "ho-tro-khac", 7),
            (w.sibling, datetime.date(2023, 1, 1), "tu-thien", 999),
        ):
            Contribution.objects.create(
                unit=unit, given_on=day, kind=kind, amount=amount, purpose="Hỗ trợ"
            )
        PartyIntroduction.objects.create(
            unit=w.unit, member=w.member, introduced_on=datetime.date(2024, 2, 3), admitted=True
        )
        PartyIntroduction.objects.create(
            unit=w.sibling, member=w.sibling_member, introduced_on=datetime.date(2024, 2, 3)
        )

    def test_the_subtree_is_summed_by_year_in_four_queries(self) -> None:
        with self.assertNumQueries(4):
            years = subtree_activity_years(unit=self.w.unit, years=[2022, 2023, 2024])
        y2023, y2024 = years[2023], years[2024]
        assert (y2023.initiatives, y2023.initiatives_applied) == (2, 1)
        assert dict(y2023.initiative_levels) == {"co-so": 1, "tinh": 1}
        assert (y2024.initiatives, dict(y2024.initiative_levels)) == (1, {"trung-uong": 1})
        assert (y2023.research, y2024.research) == (1, 0)
        assert y2023.money_total == 1_410_000_000 and y2023.shelters == 2
        assert y2023.money["mai-am"] == 110_000_000
        assert (y2024.money_total, y2024.shelters) == (7, 0)
        assert (y2024.introductions, y2024.admitted, y2023.introductions) == (1, 1, 0)
        assert years[2022].initiatives == 0 and years[2022].money_total == 0

    def test_the_root_sees_every_unit(self) -> None:
        years = subtree_activity_years(unit=self.w.root, years=[2023, 2024])
        assert years[2023].initiatives == 3
        assert years[2023].money_total == 1_410_000_999
        assert years[2024].introductions == 2

    def test_a_section_sees_its_own_only(self) -> None:
        years = subtree_activity_years(unit=self.w.section, years=[2023])
        assert years[2023].initiatives == 1
        assert years[2023].money_total == 1_360_000_000
