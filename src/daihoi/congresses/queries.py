"""Read side of the congress pages, each in a fixed number of queries.

Callers pass congresses they got from daihoi.congresses.access; nothing here checks access.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import segno
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from daihoi.congresses.access import congresses_visible_to
from daihoi.congresses.models import (
    VOTING_KINDS,
    AttendanceEvent,
    Congress,
    Delegate,
    DelegateQuerySet,
    HallVote,
    Organ,
    OrganMember,
    Presence,
)
from daihoi.congresses.services import (
    Attendance,
    attendance,
    current_quorum,
    latest_hall_vote,
    organ_presence_warning,
    quota_checks,
)
from daihoi.rules import hall
from daihoi.rules.numbers import number_vi, percent_vi

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from daihoi.accounts.models import User

    AnyUser = User | AnonymousUser


def congress_list(user: AnyUser) -> QuerySet[Congress]:
    """Return the congresses the user may see with their figures (one query per page)."""
    voting = Q(delegates__kind__in=VOTING_KINDS)
    return (
        congresses_visible_to(user)
        .annotate(
            summoned=Count("delegates", filter=voting),
            present=Count("delegates", filter=voting & Q(delegates__presence=Presence.PRESENT)),
        )
        .order_by("-starts_on", "-id")
    )


def delegates_of(
    congress: Congress, *, text: str = "", kind: str = "", presence: str = ""
) -> DelegateQuerySet:
    """Return the delegates matching the search (accents aside), by number."""
    found = congress.delegates.search(text)
    if kind:
        found = found.filter(kind=kind)
    if presence:
        found = found.filter(presence=presence)
    return found.select_related("origin_unit").order_by("number", "name_key", "id")


@dataclass(frozen=True)
class HallFigures:
    """What the presidium, the desks and the projector show (one query)."""

    figures: Attendance
    quorum: hall.QuorumResult

    @property
    def percent(self) -> str:
        return percent_vi(self.figures.present, self.figures.summoned)

    @property
    def present_vi(self) -> str:
        return number_vi(self.figures.present)

    @property
    def summoned_vi(self) -> str:
        return number_vi(self.figures.summoned)

    @property
    def needed_vi(self) -> str:
        return number_vi(self.quorum.needed)

    @property
    def missing(self) -> int:
        return max(0, self.quorum.needed - self.figures.present)


@dataclass(frozen=True)
class VoteScreen:
    """The latest show of hands as the projector shows it, figures written the Vietnamese way."""

    vote: HallVote

    @property
    def present_vi(self) -> str:
        return number_vi(self.vote.votes_present)

    @property
    def yes_vi(self) -> str:
        return number_vi(self.vote.votes_yes)

    @property
    def no_vi(self) -> str:
        return number_vi(self.vote.votes_no)

    @property
    def abstain_vi(self) -> str:
        return number_vi(self.vote.votes_abstain)

    @property
    def yes_percent(self) -> str:
        return percent_vi(self.vote.votes_yes, self.vote.votes_present)

    @property
    def no_percent(self) -> str:
        return percent_vi(self.vote.votes_no, self.vote.votes_present)

    @property
    def abstain_percent(self) -> str:
        return percent_vi(self.vote.votes_abstain, self.vote.votes_present)


def hall_vote_history(congress: Congress) -> list[HallVote]:
    """Return every recorded show of hands, corrections and cancellations included, in order.

    A correction follows the record it replaces (same time of the vote); each row knows whether
    it stands (``is_current`` reads the selected ``replaced_by``, no query per row).
    """
    return list(
        congress.hall_votes.select_related(
            "recorded_by", "cancelled_by", "agenda_item", "replaced_by", "replaces"
        ).order_by("voted_at", "recorded_at", "id")
    )


def latest_vote_screen(congress: Congress) -> VoteScreen | None:
    """Return the congress's latest show of hands for the projector, None before the first."""
    vote = latest_hall_vote(congress)
    return VoteScreen(vote) if vote is not None else None


def hall_figures(congress: Congress) -> HallFigures:
    figures = attendance(congress)
    return HallFigures(figures, current_quorum(congress, figures))


@dataclass(frozen=True)
class Overview:
    hall: HallFigures
    problems: list[hall.Check]
    passed: list[hall.Check]
    organs: list[Organ]


def congress_overview(congress: Congress) -> Overview:
    checks = quota_checks(congress)
    organs = list(congress.organs.annotate(size=Count("members")))
    return Overview(
        hall=hall_figures(congress),
        problems=hall.problems(checks),
        passed=[c for c in checks if c.ok],
        organs=organs,
    )


def recent_events(congress: Congress, *, limit: int = 8) -> list[AttendanceEvent]:
    return list(
        AttendanceEvent.objects.filter(congress=congress)
        .select_related("delegate")
        .order_by("-at", "-id")[:limit]
    )


def organs_with_members(congress: Congress) -> list[Organ]:
    """Return the organs with their seats; each organ's ``presence_warning`` names who is away."""
    seats = OrganMember.objects.select_related("delegate", "account").order_by("order", "id")
    organs = list(congress.organs.prefetch_related(Prefetch("members", queryset=seats)))
    for organ in organs:
        organ.presence_warning = organ_presence_warning(organ)  # type: ignore[attr-defined]
    return organs


def _with_undoable(delegates: QuerySet[Delegate]) -> QuerySet[Delegate]:
    """Mark each delegate with ``undoable``: an attendance event not yet undone."""
    live = AttendanceEvent.objects.filter(delegate=OuterRef("pk"), undone=False)
    return delegates.annotate(undoable=Exists(live))


def desk_matches(congress: Congress, text: str, *, limit: int = 12) -> list[Delegate]:
    """Return the delegates a desk's name search finds (accents aside), best first."""
    if not text.strip():
        return []
    found = congress.delegates.search(text)
    digits = text.strip()
    if digits.isdigit():
        found = congress.delegates.filter(number=int(digits)) | found
    return list(_with_undoable(found).order_by("name_key", "id")[:limit])


def desk_row(congress: Congress, delegate_id: int) -> Delegate:
    """Return one delegate as a desk row shows them, after an action."""
    delegate = _with_undoable(congress.delegates.all()).get(pk=delegate_id)
    delegate.congress = congress
    return delegate


@lru_cache(maxsize=64)
def qr_svg(payload: str, *, scale: int = 6) -> str:
    """Return an inline SVG QR code (no XML declaration, no inline styles: CSP-safe)."""
    return segno.make_qr(payload, error="m").svg_inline(scale=scale, border=2, omitsize=True)
