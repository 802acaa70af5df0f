"""Read-only: a subtree's emulation year by year, counted for the resolution targets.

Who counts as a member of year Y: the subtree's active members who had joined the union by the
end of Y (no date: always), the convention of ``services.member_counts`` kept over the years.
Collectives: the units strictly below. Titles are the decided records (``TitleRecord``); task
levels and collective levels are the yearly campaigns' evaluations. A year with no record and no
evaluation at all is "no data", never 0%.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, F, Q

from daihoi.emulation.models import (
    CampaignKind,
    CollectiveEvaluation,
    Evaluation,
    TitleRecord,
)
from daihoi.units.models import Gender, Member, Unit, path_range


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
    members_recorded: bool = False  # any member title or evaluation that year
    collectives_recorded: bool = False  # any collective title or evaluation that year


def _joined_by_year_end(prefix: str, year: int) -> Q:
    joined = f"{prefix}union_joined_on"
    return Q(**{f"{joined}__isnull": True}) | Q(**{f"{joined}__lte": datetime.date(year, 12, 31)})


def subtree_years(*, unit: Unit, years: Iterable[int]) -> dict[int, SubtreeYear]:
    """Count, for each year, the subtree's members, collectives and their titles and levels.

    Six queries whatever the number of years and members.
    """
    years = list(years)
    result = {year: SubtreeYear() for year in years}
    if not years:
        return result
    low, high = path_range(unit.path)
    members = Member.objects.in_subtree(unit).active()
    bases = members.aggregate(
        **{f"m{y}": Count("id", filter=_joined_by_year_end("", y)) for y in years},
        **{
            f"w{y}": Count("id", filter=_joined_by_year_end("", y) & Q(gender=Gender.NU))
            for y in years
        },
    )
    for year in years:
        result[year].members = bases[f"m{year}"]
        result[year].women = bases[f"w{year}"]
    member_in_base = Q(member__unit__path__gte=low, member__unit__path__lt=high) & Q(
        member__status="active"
    )
    joined_in_time = Q(member__union_joined_on__isnull=True) | Q(
        member__union_joined_on__year__lte=F("year")
    )
    held = (
        TitleRecord.objects.filter(member_in_base, joined_in_time, year__in=years)
        .values("year", "title", "member__gender")
        # One row per member, year and title (title_record_once_per_member_year_title): a plain
        # count, which PostgreSQL hashes; a distinct one sorted a province's million rows.
        .annotate(n=Count("id"))
    )
    for row in held:
        year = result[row["year"]]
        year.members_recorded = True
        year.member_titles[row["title"]] += row["n"]
        if row["member__gender"] == Gender.NU:
            year.women_titles[row["title"]] += row["n"]
    evaluated = (
        Evaluation.objects.filter(
            member_in_base,
            campaign__kind=CampaignKind.YEARLY,
            campaign__year__in=years,
        )
        .filter(
            Q(member__union_joined_on__isnull=True)
            | Q(member__union_joined_on__year__lte=F("campaign__year"))
        )
        .values("campaign__year", "task_level")
        # One evaluation per member and campaign; a member evaluated in two yearly campaigns of
        # one year (launched by two levels) counts twice, and the share is capped by the base.
        .annotate(n=Count("id"))
    )
    for row in evaluated:
        year = result[row["campaign__year"]]
        year.members_recorded = True
        year.task_levels[row["task_level"]] += row["n"]
    below = Q(path__gt=unit.path, path__lt=high)
    collectives = Unit.objects.filter(below).count()
    for year in years:
        result[year].collectives = collectives
    unit_below = Q(unit__path__gt=unit.path, unit__path__lt=high)
    collective_held = (
        TitleRecord.objects.filter(unit_below, year__in=years)
        .values("year", "title")
        .annotate(n=Count("id"))
    )
    for row in collective_held:
        year = result[row["year"]]
        year.collectives_recorded = True
        year.collective_titles[row["title"]] += row["n"]
    levels = (
        CollectiveEvaluation.objects.filter(
            unit_below, campaign__kind=CampaignKind.YEARLY, campaign__year__in=years
        )
        .values("campaign__year", "task_level")
        .annotate(n=Count("id"))
    )
    for row in levels:
        year = result[row["campaign__year"]]
        year.collectives_recorded = True
        year.collective_levels[row["task_level"]] += row["n"]
    return result
