"""Read side of the pages: what a unit page and a member list show, in a fixed number of queries.

Callers pass units they got from daihoi.accounts.access; nothing here checks access again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, Q
from django.db.models.functions import Substr

from daihoi.accounts.access import can_see, units_visible_to
from daihoi.rules.numbers import number_vi, percent_vi
from daihoi.units.models import (
    KIND_LEVEL,
    NESTABLE_KINDS,
    PATH_SEGMENT_WIDTH,
    Gender,
    Member,
    MemberQuerySet,
    Unit,
    UnitQuerySet,
    path_range,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from daihoi.accounts.models import User

    AnyUser = User | AnonymousUser


@dataclass(frozen=True)
class Crumb:
    unit: Unit
    link: bool  # False above the user's own unit: shown, not opened


@dataclass(frozen=True)
class ChildRow:
    unit: Unit
    members: int


@dataclass(frozen=True)
class UnitOverview:
    breadcrumb: list[Crumb]
    children: list[ChildRow]
    members: int
    women: int
    party_members: int
    # At a root: the other trees the user may see (the Party beside the trade union, for a
    # superuser); they have no parent to be reached from.
    other_roots: list[Unit] = field(default_factory=list)

    @property
    def members_vi(self) -> str:
        return number_vi(self.members)

    @property
    def women_percent(self) -> str:
        return percent_vi(self.women, self.members)

    @property
    def party_percent(self) -> str:
        return percent_vi(self.party_members, self.members)


def home_unit_for(user: AnyUser) -> Unit | None:
    """Return the unit a user lands on: their own, or (superuser without one) the first root."""
    unit: Unit | None = getattr(user, "unit", None)
    if unit is None and user.is_superuser:
        unit = Unit.objects.filter(parent=None).order_by("path").first()
    return unit


def breadcrumb(unit: Unit, *, user: AnyUser) -> list[Crumb]:
    """Return the unit's ancestors and the unit itself, root first (one query)."""
    chain = [*Unit.objects.ancestors(unit), unit]
    return [Crumb(u, can_see(user, u)) for u in chain]


def unit_overview(unit: Unit, *, user: AnyUser) -> UnitOverview:
    """Return what the unit page shows: breadcrumb, child units with their members, totals."""
    members = Member.objects.in_subtree(unit).active()
    totals = members.aggregate(
        members=Count("id"),
        women=Count("id", filter=Q(gender=Gender.NU)),
        party=Count("id", filter=Q(is_party_member=True)),
    )
    # Members of each child's subtree in one grouped query: group by the path down to the child.
    child_path = Substr("unit__path", 1, len(unit.path) + PATH_SEGMENT_WIDTH)
    per_child = dict(
        members.filter(unit__depth__gt=unit.depth)
        .annotate(child_path=child_path)
        .values_list("child_path")
        .annotate(n=Count("id"))
        .values_list("child_path", "n")
    )
    children = [
        ChildRow(child, per_child.get(child.path, 0))
        for child in unit.children.order_by("name_key", "id")
    ]
    return UnitOverview(
        breadcrumb=breadcrumb(unit, user=user),
        children=children,
        members=totals["members"],
        women=totals["women"],
        party_members=totals["party"],
        other_roots=other_roots(unit, user=user),
    )


def other_roots(unit: Unit, *, user: AnyUser) -> list[Unit]:
    """Return the roots of the other trees the user may see, when the unit is a root itself."""
    if unit.parent_id is not None:
        return []
    roots = units_visible_to(user).filter(parent=None).exclude(pk=unit.pk)
    return list(roots.order_by("name_key", "id"))


def members_of_subtree(unit: Unit, *, text: str = "", status: str | None = None) -> MemberQuerySet:
    """Return the members of a subtree matching the search, in Vietnamese name order."""
    members = Member.objects.in_subtree(unit).search(text)
    if status:
        members = members.filter(status=status)
    return members.select_related("unit").order_by("name_key", "id")


UNIT_CHOICES = 20


@dataclass(frozen=True)
class UnitChoices:
    units: list[Unit]
    more: bool  # more units matched than are shown: type more of the name


def unit_choices(units: UnitQuerySet, *, text: str, near: Unit, chosen: str = "") -> UnitChoices:
    """Return a short list of units to pick from: the search's, else near's parent and siblings.

    A user above a province sees tens of thousands of units: the page lists at most
    UNIT_CHOICES of them (the one already chosen kept first), never the whole tree.
    """
    if text.strip():
        found = units.search(text).order_by("path")
    else:
        near_by = Q(parent_id=near.parent_id) | Q(pk=near.parent_id)
        found = units.filter(near_by).order_by("depth", "name_key", "id")
    shown = list(found.select_related("parent")[: UNIT_CHOICES + 1])
    more = len(shown) > UNIT_CHOICES
    shown = shown[:UNIT_CHOICES]
    if chosen.isdigit() and all(str(unit.pk) != chosen for unit in shown):
        picked = units.select_related("parent").filter(pk=int(chosen)).first()
        if picked is not None:
            shown.insert(0, picked)
    return UnitChoices(units=shown, more=more)


def possible_parents(unit: Unit, *, user: AnyUser) -> UnitQuerySet | None:
    """Return the units this unit may be moved under, or None when it may not move at all.

    A user's own unit (and a root) stays where it is: moving it would take it out of their view.
    """
    if unit.parent_id is None or not can_see(user, unit.parent):  # type: ignore[arg-type]
        return None
    org, level = KIND_LEVEL[unit.kind]
    kinds = [
        kind
        for kind, (k_org, k_level) in KIND_LEVEL.items()
        if k_org == org and (k_level < level or (kind == unit.kind and kind in NESTABLE_KINDS))
    ]
    low, high = path_range(unit.path)
    return (
        units_visible_to(user)
        .filter(kind__in=kinds)
        .exclude(path__gte=low, path__lt=high)
        .order_by("path")
    )


def active_members_below(top: Unit, units: list[Unit]) -> dict[int, int]:
    """Count the active members of each unit's subtree (units inside top's), in one query.

    For the plans of an upper level (a committee's size follows its members, rules.md §2.12):
    the members of the whole subtree of ``top`` are counted per unit once, then each count is
    added to every listed unit above it.
    """
    wanted = {u.path: u.pk for u in units}
    counts = dict.fromkeys(wanted.values(), 0)
    rows = (
        Member.objects.in_subtree(top)
        .active()
        .values_list("unit__path")
        .annotate(n=Count("id"))
        .order_by()
    )
    for path, n in rows:
        for end in range(PATH_SEGMENT_WIDTH, len(path) + 1, PATH_SEGMENT_WIDTH):
            unit_id = wanted.get(path[:end])
            if unit_id is not None:
                counts[unit_id] += n
    return counts
