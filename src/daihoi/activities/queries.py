"""Read side of the activities: a subtree's records listed, and summed year by year.

``subtree_activity_years`` is what the term's targets, the roll-up and the reviews read: four
queries (one per kind of record) for a subtree and any number of years, each an indexed range on
the units' ``path`` grouped in the database.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear

from daihoi.activities.models import (
    Contribution,
    ContributionKind,
    Initiative,
    PartyIntroduction,
    ResearchProject,
)
from daihoi.units.models import Unit, path_range


@dataclass
class ActivityYear:
    """One year of a subtree's activities."""

    initiatives: int = 0
    initiatives_applied: int = 0
    initiative_levels: Counter[str] = field(default_factory=Counter)
    research: int = 0
    research_levels: Counter[str] = field(default_factory=Counter)
    money: Counter[str] = field(default_factory=Counter)  # whole đồng by contribution kind
    contributions: Counter[str] = field(default_factory=Counter)  # records by kind
    introductions: int = 0
    admitted: int = 0

    @property
    def money_total(self) -> int:
        """Every contribution of the year in đồng (charity, mái ấm and other support)."""
        return sum(self.money.values())

    @property
    def shelter_money(self) -> int:
        return self.money[ContributionKind.SHELTER]

    @property
    def other_money(self) -> int:
        """Charity and other support, mái ấm apart."""
        return self.money_total - self.shelter_money

    @property
    def shelters(self) -> int:
        """Mái ấm công đoàn built or repaired (one record each)."""
        return self.contributions[ContributionKind.SHELTER]


def in_subtree(unit: Unit) -> Q:
    """The records kept by this unit or a unit below it."""
    low, high = path_range(unit.path)
    return Q(unit__path__gte=low, unit__path__lt=high)


def _between(name: str, years: list[int]) -> Q:
    return Q(
        **{
            f"{name}__gte": datetime.date(min(years), 1, 1),
            f"{name}__lte": datetime.date(max(years), 12, 31),
        }
    )


def subtree_activity_years(*, unit: Unit, years: Iterable[int]) -> dict[int, ActivityYear]:
    """Sum the subtree's initiatives, research, contributions and Party introductions by year.

    Four queries whatever the numbers of years and records. A year with no record is all zeros.
    """
    years = sorted(set(years))
    result = {year: ActivityYear() for year in years}
    if not years:
        return result
    scope = in_subtree(unit)
    initiatives = (
        Initiative.objects.filter(scope, year__in=years)
        .values("year", "level", "applied")
        .annotate(n=Count("id"))
    )
    for row in initiatives:
        year = result[row["year"]]
        year.initiatives += row["n"]
        year.initiative_levels[row["level"]] += row["n"]
        if row["applied"]:
            year.initiatives_applied += row["n"]
    research = (
        ResearchProject.objects.filter(scope, _between("accepted_on", years))
        .annotate(y=ExtractYear("accepted_on"))
        .values("y", "level")
        .annotate(n=Count("id"))
    )
    for row in research:
        if row["y"] in result:
            result[row["y"]].research += row["n"]
            result[row["y"]].research_levels[row["level"]] += row["n"]
    money = (
        Contribution.objects.filter(scope, _between("given_on", years))
        .annotate(y=ExtractYear("given_on"))
        .values("y", "kind")
        .annotate(n=Count("id"), total=Sum("amount"))
    )
    for row in money:
        if row["y"] in result:
            result[row["y"]].money[row["kind"]] += int(row["total"])
            result[row["y"]].contributions[row["kind"]] += row["n"]
    introductions = (
        PartyIntroduction.objects.filter(scope, _between("introduced_on", years))
        .annotate(y=ExtractYear("introduced_on"))
        .values("y", "admitted")
        .annotate(n=Count("id"))
    )
    for row in introductions:
        if row["y"] in result:
            result[row["y"]].introductions += row["n"]
            if row["admitted"]:
                result[row["y"]].admitted += row["n"]
    return result


def initiatives_of(unit: Unit, *, year: int | None = None) -> QuerySet[Initiative]:
    """The subtree's initiatives, newest year first, with their unit and authors."""
    found = Initiative.objects.filter(in_subtree(unit)).select_related("unit")
    if year is not None:
        found = found.filter(year=year)
    return found.prefetch_related("authors")


def research_of(unit: Unit, *, year: int | None = None) -> QuerySet[ResearchProject]:
    found = ResearchProject.objects.filter(in_subtree(unit)).select_related("unit")
    if year is not None:
        found = found.filter(accepted_on__year=year)
    return found.prefetch_related("authors")


def contributions_of(unit: Unit, *, year: int | None = None) -> QuerySet[Contribution]:
    found = Contribution.objects.filter(in_subtree(unit)).select_related("unit")
    if year is not None:
        found = found.filter(given_on__year=year)
    return found


def introductions_of(unit: Unit, *, year: int | None = None) -> QuerySet[PartyIntroduction]:
    found = PartyIntroduction.objects.filter(in_subtree(unit)).select_related("unit", "member")
    if year is not None:
        found = found.filter(introduced_on__year=year)
    return found
