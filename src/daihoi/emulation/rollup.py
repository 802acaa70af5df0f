"""Each unit's emulation figures per year, counted once and kept while nothing they count changes.

A unit's tally for a year (``YearTally``) holds what its own members and the unit itself as a
collective achieved that year: the members of the year (active, joined the union by the end of
the year; women among them), how many of them hold each title or reward (and the women), their
task levels in the yearly campaigns, the rewards' amounts decided for them; the unit's own
collective titles, rewards, amounts and levels, and its CĐCS classification (rules.md §6). A
member counts in the unit they are in now (their records follow them across transfers), as
``yearly`` always counted.

A tally is valid while its ``version`` equals the unit's ``UnitStamp``, which database triggers
bump in the same transaction as any write that changes what it counts (migration 0006). A
reader reads the stamps first, then the tallies; whatever is missing or stale is counted again
from the records and stored with the stamp read before counting, so a write committed while
counting leaves the stored tally stale (counted again next time), never wrong.

A subtree's figures are the sum of its units' tallies: one query for the units and their stamps,
one for the tallies, and eight to count the stale units again (none when nothing changed).
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, OuterRef, Q, Subquery, Sum

from daihoi.emulation.models import (
    CampaignKind,
    CollectiveEvaluation,
    Evaluation,
    ProposalLine,
    ProposalStatus,
    TitleRecord,
    UnionClassification,
    UnitStamp,
    YearTally,
)
from daihoi.units.models import Gender, Member, MemberStatus, Unit, path_range

WHOLE_SUBTREE = 300
"""More stale units than this in a subtree: count the whole subtree again by path, not by id."""

# Keys of a tally's figures (short: a province holds tens of thousands of them).
MEMBERS, WOMEN = "m", "w"
TITLES, WOMEN_TITLES, LEVELS, AMOUNTS = "t", "wt", "l", "a"
OWN_TITLES, OWN_LEVELS, OWN_AMOUNTS, OWN_CLASS = "ct", "cl", "ca", "cc"
COUNTERS = (TITLES, WOMEN_TITLES, LEVELS, AMOUNTS, OWN_TITLES, OWN_LEVELS, OWN_AMOUNTS, OWN_CLASS)


@dataclass
class UnitYear:
    """One unit's figures for one year (its own members and itself as a collective)."""

    members: int = 0
    women: int = 0
    titles: Counter[str] = field(default_factory=Counter)
    women_titles: Counter[str] = field(default_factory=Counter)
    levels: Counter[str] = field(default_factory=Counter)
    amounts: Counter[str] = field(default_factory=Counter)
    own_titles: Counter[str] = field(default_factory=Counter)
    own_levels: Counter[str] = field(default_factory=Counter)
    own_amounts: Counter[str] = field(default_factory=Counter)
    own_class: Counter[str] = field(default_factory=Counter)  # its CĐCS classification's level

    def as_json(self) -> dict[str, Any]:
        figures: dict[str, Any] = {}
        if self.members:
            figures[MEMBERS] = self.members
        if self.women:
            figures[WOMEN] = self.women
        for key, counter in zip(COUNTERS, self._counters(), strict=True):
            if counter:
                figures[key] = dict(counter)
        return figures

    @classmethod
    def from_json(cls, figures: dict[str, Any]) -> UnitYear:
        return cls(
            figures.get(MEMBERS, 0),
            figures.get(WOMEN, 0),
            *(Counter(figures.get(key, {})) for key in COUNTERS),
        )

    def _counters(self) -> tuple[Counter[str], ...]:
        return (
            self.titles,
            self.women_titles,
            self.levels,
            self.amounts,
            self.own_titles,
            self.own_levels,
            self.own_amounts,
            self.own_class,
        )


def _where(prefix: str, *, ids: list[int] | None, low: str, high: str) -> Q:
    """The rows whose unit (through ``prefix``) is one of ``ids``, or in the path range."""
    if ids is not None:
        return Q(**{f"{prefix}id__in": ids})
    return Q(**{f"{prefix}path__gte": low, f"{prefix}path__lt": high})


def _joined(prefix: str, year: int) -> Q:
    joined = f"{prefix}union_joined_on"
    return Q(**{f"{joined}__isnull": True}) | Q(**{f"{joined}__lte": datetime.date(year, 12, 31)})


def count_units(
    *, ids: list[int] | None, low: str, high: str, years: list[int]
) -> dict[tuple[int, int], UnitYear]:
    """Count the figures of the units ``ids`` (None: every unit of the path range), from the
    records, for each year: eight queries whatever the number of units and years."""
    found: dict[tuple[int, int], UnitYear] = defaultdict(UnitYear)
    if not years:
        return found

    def where(prefix: str) -> Q:
        return _where(prefix, ids=ids, low=low, high=high)

    members = Member.objects.filter(where("unit__"), status=MemberStatus.ACTIVE)
    bases = members.values("unit_id").annotate(
        **{f"m{y}": Count("id", filter=_joined("", y)) for y in years},
        **{f"w{y}": Count("id", filter=_joined("", y) & Q(gender=Gender.NU)) for y in years},
    )
    for row in bases:
        for year in years:
            if row[f"m{year}"]:
                unit_year = found[row["unit_id"], year]
                unit_year.members = row[f"m{year}"]
                unit_year.women = row[f"w{year}"]
    member_counted = where("member__unit__") & Q(member__status=MemberStatus.ACTIVE)
    own_records = (
        TitleRecord.objects.filter(where("unit__"), member__isnull=True, year__in=years)
        .values_list("unit_id", "year", "title")
        .annotate(n=Count("id"))
    )
    for unit_id, year, title, n in own_records:
        found[unit_id, year].own_titles[title] += n
    records = (
        TitleRecord.objects.filter(member_counted, _in_time("year"), year__in=years)
        .values_list("member__unit_id", "year", "title", "member__gender")
        # One row per member, year and title (title_record_once_per_member_year_title).
        .annotate(n=Count("id"))
    )
    for unit_id, year, title, gender, n in records:
        unit_year = found[unit_id, year]
        unit_year.titles[title] += n
        if gender == Gender.NU:
            unit_year.women_titles[title] += n
    evaluated = (
        Evaluation.objects.filter(
            member_counted,
            campaign__kind=CampaignKind.YEARLY,
            campaign__year__in=years,
        )
        .filter(_in_time("campaign__year"))
        .values_list("member__unit_id", "campaign__year", "task_level")
        .annotate(n=Count("id"))
    )
    for unit_id, year, level, n in evaluated:
        found[unit_id, year].levels[level] += n
    levels = (
        CollectiveEvaluation.objects.filter(
            where("unit__"), campaign__kind=CampaignKind.YEARLY, campaign__year__in=years
        )
        .values_list("unit_id", "campaign__year", "task_level")
        .annotate(n=Count("id"))
    )
    for unit_id, year, level, n in levels:
        found[unit_id, year].own_levels[level] += n
    classified = (
        UnionClassification.objects.filter(where("unit__"), year__in=years)
        .order_by()
        .values_list("unit_id", "year", "level")
    )
    for unit_id, year, level in classified:
        found[unit_id, year].own_class[level] += 1
    decided = ProposalLine.objects.filter(
        proposal__status=ProposalStatus.DECIDED,
        proposal__campaign__year__in=years,
        amount__isnull=False,
    )
    own_amounts = (
        decided.filter(where("unit__"), member__isnull=True)
        .values_list("unit_id", "proposal__campaign__year", "title")
        .annotate(total=Sum("amount"))
    )
    for unit_id, year, title, total in own_amounts:
        found[unit_id, year].own_amounts[title] += total
    amounts = (
        decided.filter(member_counted)
        .filter(_in_time("proposal__campaign__year"))
        .values_list("member__unit_id", "proposal__campaign__year", "title")
        .annotate(total=Sum("amount"))
    )
    for unit_id, year, title, total in amounts:
        found[unit_id, year].amounts[title] += total
    return found


def _in_time(year: str) -> Q:
    """The member had joined the union by the end of the row's year (no date: always)."""
    return Q(member__union_joined_on__isnull=True) | Q(member__union_joined_on__year__lte=F(year))


@dataclass
class SubtreeTallies:
    units: list[int]  # every unit of the subtree, the top one included
    figures: dict[int, dict[int, UnitYear]]  # {unit id: {year: figures}}, empty ones left out


def unit_tallies(*, unit: Unit, years: Iterable[int]) -> SubtreeTallies:
    """Every unit of the subtree's figures for each year.

    Two queries when every tally is valid; stale or missing ones are counted again (eight
    queries) and stored (one).
    """
    years = sorted(set(years))
    low, high = path_range(unit.path)
    stamped = Unit.objects.filter(path__gte=low, path__lt=high).annotate(
        stamp=Subquery(UnitStamp.objects.filter(unit_id=OuterRef("pk")).values("version")[:1])
    )
    stamps = {pk: stamp or 0 for pk, stamp in stamped.values_list("pk", "stamp")}
    ids = list(stamps)
    result: dict[int, dict[int, UnitYear]] = {}
    if not years:
        return SubtreeTallies(ids, result)
    fresh: set[tuple[int, int]] = set()
    tallies = YearTally.objects.filter(
        unit__path__gte=low, unit__path__lt=high, year__in=years
    ).values_list("unit_id", "year", "version", "figures")
    for unit_id, year, version, figures in tallies:
        if version != stamps[unit_id]:
            continue
        fresh.add((unit_id, year))
        if figures:
            result.setdefault(unit_id, {})[year] = UnitYear.from_json(figures)
    stale = sorted({u for u in ids for y in years if (u, y) not in fresh})
    if not stale:
        return SubtreeTallies(ids, result)
    whole = len(stale) > WHOLE_SUBTREE
    counted = count_units(ids=None if whole else stale, low=low, high=high, years=years)
    rows = []
    for unit_id in stale:
        for year in years:
            unit_year = counted.get((unit_id, year)) or UnitYear()
            figures = unit_year.as_json()
            version = stamps[unit_id]
            rows.append(YearTally(unit_id=unit_id, year=year, version=version, figures=figures))
            if figures:
                result.setdefault(unit_id, {})[year] = unit_year
            elif unit_id in result:
                result[unit_id].pop(year, None)
    # Another reader may store the same tallies meanwhile: the last one written stays, and a
    # tally counted before a later write keeps the older version (stale, counted again).
    YearTally.objects.bulk_create(
        rows,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["unit", "year"],
        update_fields=["version", "figures"],
    )
    return SubtreeTallies(ids, result)
