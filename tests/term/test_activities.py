"""Targets counted from the activities the units record: Party introductions, money, initiatives.

A recorded contribution or introduction moves the dashboard's value and verdict; the hand entry
stays for what the app does not measure.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.test import TestCase
from django.urls import reverse

from daihoi.activities import services as activities
from daihoi.activities.services import ContributionData, InitiativeData, IntroductionData
from daihoi.congresses.testing import make_congress
from daihoi.term import services
from daihoi.term.errors import TermError
from daihoi.term.services import TargetData, ValueData
from daihoi.units.models import Gender
from daihoi.units.services import MemberData, create_member
from daihoi.units.testing import build_world


def term_target(measure: str, threshold: int, years: tuple[int, int]) -> TargetData:
    return TargetData(
        text=f"chỉ tiêu {measure}",
        measure=measure,
        comparison="tu-tro-len" if measure != "tien-tu-thien-an-sinh" else "tren",
        period="ca-nhiem-ky",
        first_year=years[0],
        last_year=years[1],
        threshold=Decimal(threshold),
    )


class ActivityTargetTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        w = cls.w
        cls.congress = make_congress(w.unit, term=(2017, 2022))
        cls.party = services.add_target(
            congress=cls.congress,
            data=term_target("gioi-thieu-cho-dang", 3, (2017, 2022)),
            by=None,
        )
        cls.money = services.add_target(
            congress=cls.congress,
            data=term_target("tien-tu-thien-an-sinh", 1_300_000_000, (2017, 2022)),
            by=None,
        )
        cls.initiatives = services.add_target(
            congress=cls.congress, data=term_target("sang-kien", 2, (2017, 2022)), by=None
        )
        cls.people = [w.member] + [
            create_member(
                unit=w.section, data=MemberData(full_name=f"Đoàn Viên {n}", gender=Gender.NU)
            )
            for n in range(1, 4)
        ]
        cls.url = reverse("term_dashboard", kwargs={"congress_id": cls.congress.pk})

    def rows(self) -> dict[int, object]:
        self.client.force_login(self.w.officer)
        response = self.client.get(self.url)
        return {row.target.pk: row for row in response.context["current"]}

    def introduce(self, n: int, day: datetime.date, unit: object = None) -> None:
        activities.save_introduction(
            unit=unit or self.w.unit,
            data=IntroductionData(member=f"Đoàn Viên {n}", introduced_on=day),
            by=None,
        )

    def give(self, amount: int, day: datetime.date, unit: object = None) -> None:
        activities.save_contribution(
            unit=unit or self.w.section,
            data=ContributionData(kind="tu-thien", amount=amount, given_on=day, purpose="Ủng hộ"),
            by=None,
        )

    def test_without_any_record_the_term_has_no_data(self) -> None:
        rows = self.rows()
        party = rows[self.party.pk]
        assert party.result.total is None and party.result.achieved is None  # type: ignore[attr-defined]
        assert {c.text for c in party.cells} == {"chưa có số liệu"}  # type: ignore[attr-defined]

    def test_a_recorded_introduction_moves_the_value_and_the_verdict(self) -> None:
        self.introduce(1, datetime.date(2018, 4, 1))
        self.introduce(2, datetime.date(2020, 9, 2))
        party = self.rows()[self.party.pk]
        assert party.result.total == 2  # type: ignore[attr-defined]
        assert party.result.achieved is False  # the term is over, 2 of 3  # type: ignore[attr-defined]
        cells = {c.year: c.text for c in party.cells}  # type: ignore[attr-defined]
        assert (cells[2017], cells[2018], cells[2020]) == ("0", "1", "1")
        self.introduce(3, datetime.date(2022, 12, 31))
        party = self.rows()[self.party.pk]
        assert (party.result.total, party.result.achieved) == (3, True)  # type: ignore[attr-defined]
        self.assertContains(
            self.client.get(self.url), "Cộng dồn 2017 - 2022: 3, chỉ tiêu từ 3 trở lên: đạt."
        )

    def test_recorded_money_is_summed_in_whole_dong_over_the_subtree(self) -> None:
        self.give(1_000_000_000, datetime.date(2019, 1, 1))
        self.give(300_000_000, datetime.date(2021, 6, 1), unit=self.w.unit)
        self.give(999_999_999, datetime.date(2021, 6, 1), unit=self.w.sibling)  # not below
        money = self.rows()[self.money.pk]
        assert money.result.total == 1_300_000_000  # type: ignore[attr-defined]
        assert money.result.achieved is False  # "trên 1,3 tỷ": not above  # type: ignore[attr-defined]
        self.give(1, datetime.date(2022, 1, 1))
        money = self.rows()[self.money.pk]
        assert (money.result.total, money.result.achieved) == (1_300_000_001, True)  # type: ignore[attr-defined]
        assert money.total_text == "1,3 tỷ đồng"  # type: ignore[attr-defined]

    def test_initiatives_count_by_the_year_they_were_recognized(self) -> None:
        for year in (2016, 2019, 2023):  # outside, inside, outside the term
            activities.save_initiative(
                unit=self.w.unit,
                data=InitiativeData(
                    title=f"Sáng kiến {year}", authors="Đoàn Viên 1", year=year, level="co-so"
                ),
                by=None,
            )
        row = self.rows()[self.initiatives.pk]
        assert (row.result.total, row.result.achieved) == (1, False)  # type: ignore[attr-defined]

    def test_a_year_still_to_come_has_no_value_so_the_term_is_not_missed_early(self) -> None:
        this_year = datetime.date.today().year
        congress = make_congress(self.w.unit, number="khóa VI", term=(this_year - 1, this_year + 3))
        target = services.add_target(
            congress=congress,
            data=term_target("gioi-thieu-cho-dang", 3, (this_year - 1, this_year + 3)),
            by=None,
        )
        self.introduce(1, datetime.date(this_year, 1, 2))
        self.client.force_login(self.w.officer)
        response = self.client.get(reverse("term_dashboard", kwargs={"congress_id": congress.pk}))
        (row,) = response.context["current"]
        assert row.target == target
        cells = {c.year: c.text for c in row.cells}
        assert (cells[this_year - 1], cells[this_year], cells[this_year + 1]) == (
            "0",
            "1",
            "chưa có số liệu",
        )
        assert (row.result.total, row.result.achieved) == (1, None)

    def test_a_counted_target_takes_no_typed_value(self) -> None:
        with pytest.raises(TermError):
            services.enter_value(
                target=self.party,
                data=ValueData(year=2018, number=Decimal(5), evidence="Sổ"),
                by=None,
            )

    def test_the_activities_cost_four_queries_whatever_the_targets(self) -> None:
        self.client.force_login(self.w.officer)
        self.client.get(self.url)
        # The page's five (session, user, congress, targets, typed values) and the four sums.
        with self.assertNumQueries(5 + 4):
            self.client.get(self.url)
        services.add_target(
            congress=self.congress, data=term_target("mai-am-cong-doan", 10, (2017, 2022)), by=None
        )
        with self.assertNumQueries(5 + 4):
            self.client.get(self.url)
