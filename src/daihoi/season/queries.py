"""Read side of the season pages, in a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Sum

from daihoi.rules import season as rules
from daihoi.season.models import Season, SeasonUnit
from daihoi.season.services import committee_level
from daihoi.units.queries import active_members_below


@dataclass(frozen=True)
class PlanLine:
    entry: SeasonUnit
    members: int
    limit: rules.SizeLimit
    due: datetime.date | None


@dataclass(frozen=True)
class Plan:
    season: Season
    lines: list[PlanLine]
    seats: int
    pilots: int


def plan_of(season: Season) -> Plan:
    """Return the season's plan: each unit below with its members, §2.12 limit and deadline."""
    entries = list(season.entries.select_related("unit"))
    due = {d.kind: d.due for d in season.deadlines.all()}
    members = active_members_below(season.unit, [e.unit for e in entries])
    lines = [
        PlanLine(
            entry=e,
            members=members[e.unit_id],
            limit=rules.committee_size_limit(
                level=committee_level(e.unit.kind), members=members[e.unit_id]
            ),
            due=due.get(e.unit.kind),
        )
        for e in entries
    ]
    return Plan(
        season=season,
        lines=lines,
        seats=sum(e.seats for e in entries),
        pilots=sum(1 for e in entries if e.pilot),
    )


def seasons_of(unit_id: int) -> list[Season]:
    """Return the seasons an upper unit runs, newest term first, with their seat totals."""
    return list(Season.objects.filter(unit_id=unit_id).annotate(seat_total=Sum("entries__seats")))
