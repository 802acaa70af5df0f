"""The figures of a review (báo cáo tổng kết), summed from the records of a subtree.

Read through the activities' and the emulation's read-only year sums
(``activities.queries.subtree_activity_years``, ``emulation.yearly.subtree_years``): nothing is
typed, every figure is what the records give.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cmp_to_key

from daihoi.activities.models import Level
from daihoi.activities.queries import subtree_activity_years
from daihoi.emulation.models import Campaign, Decision, TaskLevelChoice, TitleChoice
from daihoi.emulation.yearly import subtree_years
from daihoi.rules.numbers import money_vi, percent_vi
from daihoi.units.models import Unit

WELL_DONE = (TaskLevelChoice.EXCELLENT, TaskLevelChoice.GOOD)


@dataclass(frozen=True)
class YearShare:
    """Of ``base`` people in a year, ``count`` did it."""

    year: int
    count: int
    base: int

    @property
    def percent(self) -> str:
        return percent_vi(self.count, self.base)


@dataclass(frozen=True)
class YearActivity:
    year: int
    initiatives_applied: int
    initiatives_central: int
    research_province: int
    shelters: int
    shelter_money: int
    other_money: int


@dataclass(frozen=True)
class ReviewFigures:
    """What the review reports for a subtree and a run of years."""

    unit: Unit
    first_year: int
    last_year: int
    years: tuple[YearActivity, ...]
    task_shares: tuple[YearShare, ...]  # completed their tasks well or better, of those evaluated
    women_shares: tuple[YearShare, ...]  # women with "Giỏi việc nước, đảm việc nhà", of women

    @property
    def initiatives_applied(self) -> int:
        return sum(y.initiatives_applied for y in self.years)

    @property
    def initiatives_central(self) -> int:
        """Initiatives recognized by the ministries and central bodies (cấp bộ, ngành TW)."""
        return sum(y.initiatives_central for y in self.years)

    @property
    def research_province(self) -> int:
        """Research projects accepted at the province (Hội đồng khoa học tỉnh)."""
        return sum(y.research_province for y in self.years)

    @property
    def shelters(self) -> int:
        return sum(y.shelters for y in self.years)

    @property
    def shelter_money(self) -> int:
        return sum(y.shelter_money for y in self.years)

    @property
    def other_money(self) -> int:
        """Charity and other support, mái ấm apart."""
        return sum(y.other_money for y in self.years)

    @property
    def shelter_money_vi(self) -> str:
        return money_vi(self.shelter_money)

    @property
    def other_money_vi(self) -> str:
        return money_vi(self.other_money)

    @property
    def span(self) -> int:
        return self.last_year - self.first_year

    @staticmethod
    def _range(shares: tuple[YearShare, ...]) -> tuple[YearShare, YearShare] | None:
        """Return the smallest and the largest share (compared exactly), None without data."""
        if not shares:
            return None
        key = cmp_to_key(lambda a, b: a.count * b.base - b.count * a.base)
        return min(shares, key=key), max(shares, key=key)

    @property
    def task_range(self) -> tuple[YearShare, YearShare] | None:
        return self._range(self.task_shares)

    @property
    def women_range(self) -> tuple[YearShare, YearShare] | None:
        return self._range(self.women_shares)


def review_figures(*, unit: Unit, first_year: int, last_year: int) -> ReviewFigures:
    """Sum the subtree's records from first_year to last_year (both included).

    The shares are those of the years evaluated (a yearly campaign's evaluations recorded): a
    year without evaluations is no data, not 0%.
    """
    years = range(first_year, last_year + 1)
    activity = subtree_activity_years(unit=unit, years=years)
    emulation = subtree_years(unit=unit, years=years)
    rows = tuple(
        YearActivity(
            year=y,
            initiatives_applied=activity[y].initiatives_applied,
            initiatives_central=activity[y].initiative_levels[Level.CENTRAL],
            research_province=activity[y].research_levels[Level.PROVINCE],
            shelters=activity[y].shelters,
            shelter_money=activity[y].shelter_money,
            other_money=activity[y].other_money,
        )
        for y in years
    )
    task_shares = []
    women_shares = []
    for y in years:
        evaluated = sum(emulation[y].task_levels.values())
        if not evaluated:
            continue
        well = sum(emulation[y].task_levels[level] for level in WELL_DONE)
        task_shares.append(YearShare(y, well, evaluated))
        if emulation[y].women:
            gvn = emulation[y].women_titles[TitleChoice.GVNDVN]
            women_shares.append(YearShare(y, gvn, emulation[y].women))
    return ReviewFigures(
        unit=unit,
        first_year=first_year,
        last_year=last_year,
        years=rows,
        task_shares=tuple(task_shares),
        women_shares=tuple(women_shares),
    )


def decisions_of(campaign: Campaign) -> list[Decision]:
    """The campaign's decisions (the honours a conference announces), by unit proposing."""
    return list(
        Decision.objects.filter(proposal__campaign=campaign)
        .select_related("proposal__unit", "unit")
        .order_by("proposal__unit__path", "id")
    )
