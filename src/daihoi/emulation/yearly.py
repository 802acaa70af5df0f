"""Read-only: a subtree's emulation year by year, counted for the resolution targets.

Who counts as a member of year Y: the subtree's active members who had joined the union by the
end of Y (no date: always), the convention of ``services.member_counts`` kept over the years.
Collectives: the units strictly below. Titles are the decided records (``TitleRecord``); task
levels are the yearly campaigns' evaluations; a collective's level is its CĐCS classification of
the year (rules.md §6), else its yearly campaign's collective evaluation. A year with no record
and no evaluation at all is "no data", never 0%. Rewards' amounts are the decided proposals'
lines, in whole đồng, counted like the titles. Counted per unit and year once, and kept while
nothing they count changes (``rollup``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from daihoi.emulation.rollup import unit_tallies
from daihoi.rules.emulation import UnionLevel
from daihoi.units.models import Unit

UNION_LEVELS = frozenset(level.value for level in UnionLevel)


@dataclass
class SubtreeYear:
    """One year of a subtree: the bases and what their members and collectives achieved."""

    members: int = 0
    women: int = 0
    member_titles: Counter[str] = field(default_factory=Counter)
    women_titles: Counter[str] = field(default_factory=Counter)
    task_levels: Counter[str] = field(default_factory=Counter)  # yearly campaign evaluations
    collectives: int = 0
    collective_titles: Counter[str] = field(default_factory=Counter)
    collective_levels: Counter[str] = field(default_factory=Counter)
    # The older scale's levels (vững mạnh, khá, trung bình, yếu) of the CĐCS classified on it.
    collective_legacy_levels: Counter[str] = field(default_factory=Counter)
    member_amounts: Counter[str] = field(default_factory=Counter)  # đồng, decided rewards
    collective_amounts: Counter[str] = field(default_factory=Counter)
    unit_level: str | None = None  # the top unit's own classification that year (§6)
    members_recorded: bool = False  # any member title or evaluation that year
    collectives_recorded: bool = False  # any collective title or evaluation that year


def subtree_years(*, unit: Unit, years: Iterable[int]) -> dict[int, SubtreeYear]:
    """Count, for each year, the subtree's members, collectives and their titles and levels.

    The sum of the subtree's year tallies (``rollup``): two queries when nothing changed since
    they were counted, eleven when some unit's must be counted again.
    """
    years = list(years)
    result = {year: SubtreeYear() for year in years}
    if not years:
        return result
    tallies = unit_tallies(unit=unit, years=years)
    for year in years:
        result[year].collectives = len(tallies.units) - 1
    for unit_id, unit_years in tallies.figures.items():
        below = unit_id != unit.pk
        for year, figures in unit_years.items():
            total = result[year]
            total.members += figures.members
            total.women += figures.women
            total.member_titles.update(figures.titles)
            total.women_titles.update(figures.women_titles)
            total.task_levels.update(figures.levels)
            total.member_amounts.update(figures.amounts)
            if not below and figures.own_class:
                total.unit_level = next(iter(figures.own_class))
            if below:
                total.collective_titles.update(figures.own_titles)
                # A CĐCS's classification (rules.md §6) is its level of the year; without
                # one, the level its yearly campaign's collective evaluation gave.
                union = {k: n for k, n in figures.own_class.items() if k in UNION_LEVELS}
                total.collective_levels.update(union or figures.own_levels)
                total.collective_legacy_levels.update(
                    {k: n for k, n in figures.own_class.items() if k not in UNION_LEVELS}
                )
                total.collective_amounts.update(figures.own_amounts)
    for total in result.values():
        total.members_recorded = bool(total.member_titles or total.task_levels)
        total.collectives_recorded = bool(
            total.collective_titles or total.collective_levels or total.collective_legacy_levels
        )
    return result
