"""Read-side helpers of the emulation pages: what each page lists, in a few queries."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from daihoi.emulation import services
from daihoi.emulation.access import campaigns_visible_to, scope_unit
from daihoi.emulation.models import (
    HONOUR_CHOICES,
    INDIVIDUAL_TITLE_CHOICES,
    Campaign,
    CouncilStatus,
    CouncilVote,
    Evaluation,
    Proposal,
    ProposalLine,
    Registration,
    RegistrationStatus,
    TitleChoice,
)
from daihoi.rules import counting, keyboard
from daihoi.units.models import PATH_SEGMENT_WIDTH, Member, Unit, path_range

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from daihoi.accounts.models import User


@dataclass(frozen=True)
class CampaignRow:
    campaign: Campaign
    unit: Unit  # where the user works in it: their own unit, or the launching unit


def campaign_rows(user: User | AnonymousUser) -> list[CampaignRow]:
    """Return the campaigns the user sees, each with the unit the user works at in it."""
    return [CampaignRow(c, scope_unit(user, c)) for c in campaigns_visible_to(user)]


NOT_SENT = _("Chưa gửi đăng ký")
WAITING = _("Có đăng ký chờ duyệt")
RETURNED = _("Có đăng ký bị trả lại")
APPROVED = _("Đã duyệt đăng ký")


@dataclass
class ChildProgress:
    """Where a unit below stands in the campaign: its subtree's registrations and evaluations."""

    unit: Unit
    statuses: Counter[str] = field(default_factory=Counter)
    evaluated: int = 0

    @property
    def status(self) -> str:
        if self.statuses[RegistrationStatus.SUBMITTED]:
            return str(WAITING)
        if self.statuses[RegistrationStatus.RETURNED]:
            return str(RETURNED)
        if self.statuses[RegistrationStatus.APPROVED]:
            return str(APPROVED)
        return str(NOT_SENT)

    @property
    def registrations(self) -> int:
        return sum(self.statuses.values())


def _child_path(unit: Unit, path: str) -> str:
    return path[: len(unit.path) + PATH_SEGMENT_WIDTH]


def children_progress(campaign: Campaign, unit: Unit) -> list[ChildProgress]:
    """Return each unit directly below, with its whole subtree's registrations and evaluations."""
    children = {c.path: ChildProgress(c) for c in unit.children.order_by("name_key", "id")}
    if not children:
        return []
    low, high = path_range(unit.path)
    below = {"unit__path__gte": low, "unit__path__lt": high}
    registrations = (
        Registration.objects.filter(campaign=campaign, **below)
        .exclude(unit=unit)
        .values_list("unit__path", "status")
        .annotate(n=Count("id"))
    )
    for path, status, n in registrations:
        children[_child_path(unit, path)].statuses[status] += n
    evaluations = (
        Evaluation.objects.filter(campaign=campaign, **below)
        .exclude(unit=unit)
        .values_list("unit__path")
        .annotate(n=Count("id"))
    )
    for path, n in evaluations:
        children[_child_path(unit, path)].evaluated += n
    return list(children.values())


def registrations_of(campaign: Campaign, unit: Unit) -> list[Registration]:
    """Return the registrations this unit sent: its own first, then its members' by name.

    Each one's titles come in the order the law lists them (Lao động tiên tiến before Chiến sĩ
    thi đua cơ sở), not in the alphabetical order of their codes.
    """
    order = {value: index for index, value in enumerate(TitleChoice.values)}
    registrations = Registration.objects.filter(campaign=campaign, unit=unit).select_related(
        "member", "reviewed_by"
    )
    return sorted(
        registrations,
        key=lambda r: (
            r.member is not None,
            r.member.name_key if r.member else "",
            r.member_id or 0,
            order.get(r.title, len(order)),
        ),
    )


def members_of(unit: Unit) -> QuerySet[Member]:
    """Return the active members of the unit's subtree, in Vietnamese name order."""
    return (
        Member.objects.in_subtree(unit).active().select_related("unit").order_by("name_key", "id")
    )


COUNCIL_CARRIED = _("Hội đồng đồng ý")
COUNCIL_REFUSED = _("Hội đồng không đồng ý")
COUNCIL_WAITING = _("chờ Hội đồng bỏ phiếu")


@dataclass(frozen=True)
class EvaluationRow:
    member: Member
    evaluation: Evaluation | None
    # The unit's counted council votes: title -> the member ids the council carried.
    council: dict[str, frozenset[int]] = field(default_factory=dict)
    ballot_titles: frozenset[str] = frozenset()

    @property
    def council_labels(self) -> list[tuple[str, str]]:
        """Each proposed title the council votes on, with where its vote stands for this member."""
        if self.evaluation is None:
            return []
        out = []
        for value, label in TitleChoice.choices:
            if value not in self.evaluation.proposed or value not in self.ballot_titles:
                continue
            carried = self.council.get(value)
            if carried is None:
                state = COUNCIL_WAITING
            else:
                state = COUNCIL_CARRIED if self.member.pk in carried else COUNCIL_REFUSED
            out.append((str(label), str(state)))
        return out

    @property
    def eligible_labels(self) -> list[str]:
        """The titles the engine found eligible, labelled, in the table's order."""
        found = self.evaluation.eligible if self.evaluation else []
        return [str(label) for value, label in TitleChoice.choices if value in found]

    @property
    def proposed_labels(self) -> list[tuple[str, bool]]:
        """The proposed titles, labelled, each with whether it needed a written reason."""
        if self.evaluation is None:
            return []
        eligible = self.evaluation.eligible
        return [
            (str(label), value not in eligible)
            for value, label in TitleChoice.choices
            if value in self.evaluation.proposed
        ]


def evaluation_rows(
    campaign: Campaign, members: list[Member], *, unit: Unit | None = None
) -> list[EvaluationRow]:
    """Pair each member of a page with their evaluation in the campaign, if any (one query),
    and, given the unit, with its council's counted votes (one more)."""
    evaluations = {
        e.member_id: e
        for e in Evaluation.objects.filter(campaign=campaign, member__in=[m.pk for m in members])
    }
    council: dict[str, frozenset[int]] = {}
    if unit is not None:
        votes = CouncilVote.objects.filter(
            campaign=campaign, unit=unit, status=CouncilStatus.COUNTED
        ).values_list("title", "passed")
        council = {title: frozenset(passed) for title, passed in votes}
    ballots = frozenset(value for value, _label in services.council_titles())
    return [EvaluationRow(m, evaluations.get(m.pk), council, ballots) for m in members]


@dataclass(frozen=True)
class TitleCount:
    value: str
    label: str
    eligible: int
    proposed: int


@dataclass(frozen=True)
class EvaluationSummary:
    members: int
    evaluated: int
    titles: list[TitleCount]


def evaluation_summary(
    campaign: Campaign, unit: Unit, *, members: int | None = None
) -> EvaluationSummary:
    """Count the subtree's members, those evaluated, and each title found eligible and proposed.

    ``members``: the count of active members if the caller has it already (a paginator's).
    """
    low, high = path_range(unit.path)
    rows = Evaluation.objects.filter(
        campaign=campaign, member__unit__path__gte=low, member__unit__path__lt=high
    ).values_list("eligible", "proposed")
    eligible: Counter[str] = Counter()
    proposed: Counter[str] = Counter()
    evaluated = 0
    for found, asked in rows:
        evaluated += 1
        eligible.update(found)
        proposed.update(asked)
    return EvaluationSummary(
        members=members_of(unit).count() if members is None else members,
        evaluated=evaluated,
        titles=[
            TitleCount(value, str(label), eligible[value], proposed[value])
            for value, label in INDIVIDUAL_TITLE_CHOICES
        ],
    )


@dataclass(frozen=True)
class CouncilWaiting:
    """A title the council decides by ballot, with the names proposed and its vote if any."""

    value: str
    label: str
    proposed: int
    vote: CouncilVote | None


def council_waiting(campaign: Campaign, unit: Unit) -> list[CouncilWaiting]:
    """Return, for each title put to the council's ballot, who is proposed and the vote."""
    votes = {v.title: v for v in CouncilVote.objects.filter(campaign=campaign, unit=unit)}
    return [
        CouncilWaiting(
            value,
            label,
            len(services.council_nominees(campaign=campaign, unit=unit, title=value)),
            votes.get(value),
        )
        for value, label in services.council_titles()
    ]


PASSED = _("Được Hội đồng đề nghị")
NOT_PASSED = _("Không đủ tỷ lệ đồng ý")


@dataclass(frozen=True)
class CouncilLine:
    number: int
    name: str
    votes: int
    percent: str
    status: str
    passed: bool


@dataclass(frozen=True)
class CouncilPaperLine:
    number: int
    entry: str
    typed: str


@dataclass(frozen=True)
class CouncilSheet:
    """The vote's page: the names, the ballots entered, the totals (final once counted)."""

    lines: list[CouncilLine]
    papers: list[CouncilPaperLine]
    entered: int
    most: int
    needed: int
    base: int
    valid: int
    invalid: int
    counted: bool
    explanation: tuple[str, ...]


def council_sheet(vote: CouncilVote) -> CouncilSheet:
    """Count the ballots entered so far by the engine (the same count as the final one)."""
    election = services.council_engine_election(vote)
    result = counting.count(election)
    ids = services.council_ids(vote)
    number = {cid: n for n, cid in enumerate(ids, start=1)}
    by_id = {c.id: c for c in result.candidates}
    lines = []
    for cid in ids:
        line = by_id[cid]
        passed = cid in result.elected
        lines.append(
            CouncilLine(
                number[cid],
                line.name,
                line.votes,
                counting.percent_vi(line.percent),
                str(PASSED if passed else NOT_PASSED),
                passed,
            )
        )
    papers = [
        CouncilPaperLine(
            p.number,
            keyboard.describe(services.paper_ballot(p), ids),
            p.typed,
        )
        for p in vote.papers.all()
    ]
    return CouncilSheet(
        lines=lines,
        papers=papers,
        entered=len(papers),
        most=vote.ballots_most,
        needed=result.votes_needed,
        base=result.base_count,
        valid=result.valid,
        invalid=result.invalid,
        counted=vote.status == CouncilStatus.COUNTED,
        explanation=tuple(counting.for_people(s) for s in result.explanation),
    )


@dataclass(frozen=True)
class ProposalState:
    """A unit below and where its proposal stands, as the level above sees it."""

    unit: Unit
    proposal: Proposal | None

    @property
    def status(self) -> str:
        if self.proposal is None:
            return str(NOT_SENT_PROPOSAL)
        return str(self.proposal.get_status_display())


NOT_SENT_PROPOSAL = _("Chưa gửi tờ trình")


def proposals_below(campaign: Campaign, unit: Unit) -> list[ProposalState]:
    """Return every unit below with a proposal, and each direct child without one (not sent)."""
    low, high = path_range(unit.path)
    proposals = {
        p.unit_id: p
        for p in Proposal.objects.filter(
            campaign=campaign, unit__path__gte=low, unit__path__lt=high
        )
        .exclude(unit=unit)
        .select_related("unit")
    }
    states = [
        ProposalState(c, proposals.pop(c.pk, None))
        for c in unit.children.order_by("name_key", "id")
    ]
    deeper = sorted(proposals.values(), key=lambda p: p.unit.path)
    return states + [ProposalState(p.unit, p) for p in deeper]


def proposal_lines(proposal: Proposal) -> list[ProposalLine]:
    """Return a proposal's lines: collectives first, then people by name, each title in order."""
    order = {value: n for n, (value, _label) in enumerate(HONOUR_CHOICES)}
    lines = proposal.lines.select_related("member", "unit")
    return sorted(
        lines,
        key=lambda line: (
            not line.collective,
            line.member.name_key if line.member else line.unit.name_key,
            order.get(line.title, len(order)),
        ),
    )


def awaiting_council(proposal: Proposal) -> list[tuple[Member, str]]:
    """Return (member, title label) of those proposed for a title the council did not carry."""
    _lines, waiting = services.proposed_from_evaluations(
        campaign=proposal.campaign, unit=proposal.unit
    )
    return [(m, services.title_label(t)) for m, t in waiting]


def units_of(unit: Unit) -> QuerySet[Unit]:
    """Return the unit and the units below it, by path (the collectives a reward may go to)."""
    low, high = path_range(unit.path)
    return Unit.objects.filter(path__gte=low, path__lt=high).order_by("path")
