"""The season plan of an upper unit: opened for the units below, saved all or nothing."""

from __future__ import annotations

import datetime

import pytest
from django.test import TestCase

from daihoi.season import errors, services
from daihoi.season.errors import SeasonError
from daihoi.season.models import Season, SeasonUnit
from daihoi.season.services import PlanRow, SeasonData
from daihoi.units.models import Gender, UnitKind
from daihoi.units.services import MemberData, create_member
from daihoi.units.testing import build_world

D = datetime.date
CDCS_BY = D(2025, 12, 31)


def season_data(**deadlines: datetime.date | None) -> SeasonData:
    return SeasonData(
        name="Kế hoạch đại hội công đoàn các cấp tỉnh Lai Châu",
        term_start=2023,
        term_end=2028,
        deadlines=deadlines or {UnitKind.CDCS: CDCS_BY},
    )


class OpenSeasonTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def test_every_unit_below_of_the_kinds_given_enters_the_plan(self) -> None:
        season = services.open_season(unit=self.w.province, data=season_data(), by=self.w.upper)
        assert {e.unit for e in season.entries.all()} == {self.w.unit, self.w.sibling}
        assert [(d.kind, d.due) for d in season.deadlines.all()] == [(UnitKind.CDCS, CDCS_BY)]
        assert season.term == "2023 - 2028"

    def test_deadlines_per_level_bring_each_kind(self) -> None:
        season = services.open_season(
            unit=self.w.province,
            data=season_data(**{UnitKind.CD_VIEN_CHUC: D(2025, 10, 31), UnitKind.CDCS: CDCS_BY}),
            by=None,
        )
        assert season.entries.count() == 3

    def test_bad_season_is_refused_naming_each_field_and_nothing_is_written(self) -> None:
        with pytest.raises(SeasonError) as error:
            services.open_season(
                unit=self.w.province,
                data=SeasonData(
                    name="  ",
                    term_start=2023,
                    term_end=2030,
                    deadlines={UnitKind.LDLD_TINH: D(2025, 1, 1), UnitKind.CDCS: None},
                ),
                by=None,
            )
        assert error.value.messages == [
            errors.NAME_REQUIRED,
            errors.TERM_TOO_LONG.format(start=2023, end=2030, years=7),
            errors.KIND_NOT_BELOW.format(
                kind="Liên đoàn Lao động tỉnh, thành phố", unit="Liên đoàn Lao động tỉnh Lai Châu"
            ),
            errors.DEADLINE_REQUIRED.format(kind="Công đoàn cơ sở"),
        ]
        assert not Season.objects.exists()

    def test_a_kind_with_no_unit_below_is_refused(self) -> None:
        with pytest.raises(SeasonError) as error:
            services.open_season(
                unit=self.w.unit, data=season_data(**{UnitKind.TO_CONG_DOAN: CDCS_BY}), by=None
            )
        assert error.value.messages == [
            errors.KIND_NONE_BELOW.format(unit=self.w.unit.name, kind="Tổ công đoàn")
        ]
        assert not Season.objects.exists()


class SavePlanTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        # 60 active members in the unit's subtree: §2.12 allows a BCH of 3 to 5.
        for n in range(59):
            create_member(
                unit=cls.w.unit, data=MemberData(full_name=f"Đoàn Viên {n}", gender=Gender.NU)
            )
        cls.season = services.open_season(unit=cls.w.province, data=season_data(), by=None)

    def row(self, unit_id: int, **values: object) -> PlanRow:
        base: dict[str, object] = {
            "unit_id": unit_id,
            "planned_on": D(2025, 10, 15),
            "pilot": False,
            "seats": 9,
            "committee_size": 5,
        }
        return PlanRow(**{**base, **values})  # type: ignore[arg-type]

    def test_a_good_plan_is_saved_with_the_members_counted(self) -> None:
        services.save_plan(
            season=self.season,
            rows=[
                self.row(self.w.unit.pk, pilot=True, planned_on=D(2025, 9, 20)),
                self.row(self.w.sibling.pk, seats=2, committee_size=3),
            ],
        )
        unit = SeasonUnit.objects.get(season=self.season, unit=self.w.unit)
        assert (unit.pilot, unit.seats, unit.committee_size, unit.members) == (True, 9, 5, 60)
        sibling = SeasonUnit.objects.get(season=self.season, unit=self.w.sibling)
        assert (sibling.seats, sibling.committee_size, sibling.members) == (2, 3, 1)

    def test_a_committee_over_section_2_12_is_refused_with_the_numbers_and_nothing_saved(
        self,
    ) -> None:
        with pytest.raises(SeasonError) as error:
            services.save_plan(
                season=self.season,
                rows=[
                    self.row(self.w.sibling.pk, seats=2, committee_size=3),
                    self.row(self.w.unit.pk, committee_size=7, seats=-1),
                ],
            )
        name = self.w.unit.name
        assert error.value.messages == [
            f"{name} – " + errors.SEATS_NEGATIVE.format(seats=-1),
            f"{name} – Số ủy viên BCH: 7 ủy viên là nhiều hơn mức tối đa 5 cho đơn vị có 60 "
            "đoàn viên (§2.12 – số lượng ủy viên ban chấp hành).",
        ]
        assert [e.field for e in error.value.errors] == [
            f"u{self.w.unit.pk}-seats",
            f"u{self.w.unit.pk}-committee_size",
        ]
        assert not SeasonUnit.objects.filter(season=self.season, seats__gt=0).exists()

    def test_a_date_after_the_deadline_of_its_kind_is_refused(self) -> None:
        with pytest.raises(SeasonError) as error:
            services.save_plan(
                season=self.season, rows=[self.row(self.w.unit.pk, planned_on=D(2026, 1, 5))]
            )
        assert error.value.messages == [
            f"{self.w.unit.name} – "
            + errors.PLANNED_AFTER_DEADLINE.format(
                planned="05/01/2026", due="31/12/2025", kind="Công đoàn cơ sở"
            )
        ]

    def test_a_pilot_congress_comes_before_the_others_of_its_kind(self) -> None:
        with pytest.raises(SeasonError) as error:
            services.save_plan(
                season=self.season,
                rows=[
                    self.row(self.w.unit.pk, pilot=True, planned_on=D(2025, 11, 1)),
                    self.row(self.w.sibling.pk, planned_on=D(2025, 10, 1), committee_size=3),
                ],
            )
        assert error.value.messages == [
            f"{self.w.unit.name} – "
            + errors.PILOT_NOT_FIRST.format(
                planned="01/11/2025", earliest="01/10/2025", other=self.w.sibling.name
            )
        ]

    def test_a_unit_outside_the_plan_is_refused(self) -> None:
        with pytest.raises(SeasonError) as error:
            services.save_plan(season=self.season, rows=[self.row(self.w.section.pk)])
        assert error.value.messages == [errors.UNIT_NOT_IN_PLAN.format(unit_id=self.w.section.pk)]
