"""Use cases of the emulation cycle: every write goes through these.

Each function checks its rules and writes in one transaction, or raises ``EmulationError``
naming the field and leaves the database as it was. Titles are decided by
``daihoi.rules.emulation`` (through ``daihoi.emulation.engine``), never here.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from daihoi.emulation import errors
from daihoi.emulation.engine import awards_of, emulation_settings
from daihoi.emulation.errors import EmulationError, FieldError
from daihoi.emulation.models import (
    COLLECTIVE_TITLE_CHOICES,
    INDIVIDUAL_TITLE_CHOICES,
    AwardChoice,
    Campaign,
    CampaignKind,
    CollectiveEvaluation,
    CouncilPaper,
    CouncilStatus,
    CouncilVote,
    Decision,
    Evaluation,
    Proposal,
    ProposalLine,
    ProposalStatus,
    Registration,
    RegistrationStatus,
    TitleChoice,
    TitleRecord,
)
from daihoi.rules import counting, keyboard
from daihoi.rules import emulation as rules
from daihoi.rules.election import Ballot, Election
from daihoi.rules.names import nfc
from daihoi.units.models import Gender, Member, MemberStatus, Unit, path_range
from daihoi.units.services import hidden_character_errors

if TYPE_CHECKING:
    from daihoi.accounts.models import User

INDIVIDUAL_TITLES = frozenset(value for value, _label in INDIVIDUAL_TITLE_CHOICES)
COLLECTIVE_TITLES = frozenset(value for value, _label in COLLECTIVE_TITLE_CHOICES)
COUNTS_AS_REGISTERED = (RegistrationStatus.SUBMITTED, RegistrationStatus.APPROVED)
# The lists a row's values come from, read once (a table checks thousands of rows).
_TASK_LEVELS = frozenset(t.value for t in rules.TaskLevel)
_DISCIPLINES = frozenset(d.value for d in rules.Discipline)
_INITIATIVES = frozenset(i.value for i in rules.InitiativeLevel)
_TITLE_ORDER = tuple(TitleChoice.values)
_QUERY_CHUNK = 5000  # members a query names (SQLite takes up to 32,766 parameters)
_WRITE_BATCH = 1000  # evaluations an insert writes (20 columns each)

# The labels of the typed fields, as the forms show them, for the hidden-character message.
_LABEL_REASON = "Lý do"
_LABEL_OVERRIDE = "Lý do đề nghị danh hiệu chương trình thấy chưa đủ điều kiện"


def _refuse_hidden(**fields: tuple[str, str]) -> None:
    """Refuse typed text holding a hidden character (issue 9), naming each field.

    The same check as the unit, member and congress services: such characters went into the
    decisions, certificates and the council's minutes as typed.
    """
    if problems := hidden_character_errors(**fields):
        raise EmulationError(*problems)


def title_label(value: str) -> str:
    return str(TitleChoice(value).label) if value in TitleChoice.values else value


# --------------------------------------------------------------------------- campaigns


@dataclass(frozen=True)
class CampaignData:
    title: str
    year: int
    kind: str
    starts_on: datetime.date
    ends_on: datetime.date
    content: str = ""


@transaction.atomic
def create_campaign(*, unit: Unit, data: CampaignData, by: User | None) -> Campaign:
    """Launch a campaign of this unit for its subtree and a year."""
    title = nfc(data.title)
    _refuse_hidden(title=("Tên phong trào", title))
    problems = []
    if not title:
        problems.append(FieldError("title", errors.CAMPAIGN_TITLE_REQUIRED))
    if not 2000 <= data.year <= 2100:
        problems.append(FieldError("year", errors.CAMPAIGN_YEAR_RANGE))
    if data.kind not in CampaignKind.values:
        problems.append(FieldError("kind", errors.CAMPAIGN_KIND_UNKNOWN.format(value=data.kind)))
    if data.ends_on < data.starts_on:
        problems.append(FieldError("ends_on", errors.CAMPAIGN_DATES_ORDER))
    if data.kind == CampaignKind.YEARLY:
        taken = (
            Campaign.objects.select_for_update()
            .filter(unit=unit, year=data.year, kind=CampaignKind.YEARLY)
            .first()
        )
        if taken is not None:
            problems.append(
                FieldError(
                    "year",
                    errors.CAMPAIGN_YEARLY_TAKEN.format(
                        unit=unit.name, year=data.year, title=taken.title
                    ),
                )
            )
    if problems:
        raise EmulationError(*problems)
    return Campaign.objects.create(
        unit=unit,
        year=data.year,
        kind=data.kind,
        title=title,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        content=data.content.strip(),
        created_by=by,
    )


# --------------------------------------------------------------------------- registrations


def _check_titles(titles: Sequence[str], allowed: frozenset[str], message: str) -> None:
    if not titles:
        raise EmulationError.on("titles", errors.REGISTRATION_NO_TITLE)
    wrong = [t for t in titles if t not in allowed]
    if wrong:
        raise EmulationError(
            *(FieldError("titles", message.format(title=title_label(t))) for t in wrong)
        )


@transaction.atomic
def register_members(
    *,
    campaign: Campaign,
    unit: Unit,
    members: Sequence[Member],
    titles: Sequence[str],
    by: User | None,
) -> list[Registration]:
    """Register members of the unit's subtree for individual titles: all of them or none."""
    if not members:
        raise EmulationError.on("members", errors.REGISTRATION_NOBODY)
    _check_titles(titles, INDIVIDUAL_TITLES, errors.REGISTRATION_TITLE_FOR_INDIVIDUAL)
    problems = []
    for member in members:
        if not unit.contains(member.unit):
            problems.append(
                FieldError(
                    "members",
                    errors.REGISTRATION_MEMBER_OUTSIDE.format(
                        name=member.full_name, unit=unit.name
                    ),
                )
            )
        elif member.status != MemberStatus.ACTIVE:
            problems.append(
                FieldError(
                    "members", errors.REGISTRATION_MEMBER_NOT_ACTIVE.format(name=member.full_name)
                )
            )
    taken = Registration.objects.filter(
        campaign=campaign, member__in=members, title__in=titles
    ).select_related("member")
    for registration in taken:
        assert registration.member is not None
        problems.append(
            FieldError(
                "titles",
                errors.REGISTRATION_TWICE.format(
                    name=registration.member.full_name,
                    title=registration.get_title_display(),
                ),
            )
        )
    if problems:
        raise EmulationError(*problems)
    created = Registration.objects.bulk_create(
        Registration(campaign=campaign, unit=unit, member=m, title=t, submitted_by=by)
        for m in members
        for t in titles
    )
    for member in members:
        _refresh_evaluation(campaign, member)
    return created


@transaction.atomic
def register_collective(
    *, campaign: Campaign, unit: Unit, titles: Sequence[str], by: User | None
) -> list[Registration]:
    """Register the unit itself for collective titles: all of them or none."""
    _check_titles(titles, COLLECTIVE_TITLES, errors.REGISTRATION_TITLE_FOR_COLLECTIVE)
    taken = Registration.objects.filter(
        campaign=campaign, unit=unit, member__isnull=True, title__in=titles
    )
    if taken:
        raise EmulationError(
            *(
                FieldError(
                    "titles",
                    errors.REGISTRATION_TWICE.format(name=unit.name, title=r.get_title_display()),
                )
                for r in taken
            )
        )
    return Registration.objects.bulk_create(
        Registration(campaign=campaign, unit=unit, member=None, title=t, submitted_by=by)
        for t in titles
    )


@transaction.atomic
def review_registration(
    *, registration: Registration, approve: bool, reason: str, by: User | None
) -> Registration:
    """Approve a waiting registration, or return it with a reason the unit reads."""
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    if locked.status != RegistrationStatus.SUBMITTED:
        raise EmulationError.on(
            None, errors.REGISTRATION_NOT_WAITING.format(status=locked.get_status_display())
        )
    reason = nfc(reason)
    _refuse_hidden(reason=(_LABEL_REASON, reason))
    if not approve and not reason:
        raise EmulationError.on("reason", errors.RETURN_REASON_REQUIRED)
    registration.status = RegistrationStatus.APPROVED if approve else RegistrationStatus.RETURNED
    registration.return_reason = "" if approve else reason
    registration.reviewed_by = by
    registration.reviewed_at = timezone.now()
    registration.save(update_fields=["status", "return_reason", "reviewed_by", "reviewed_at"])
    if registration.member is not None:
        _refresh_evaluation(registration.campaign, registration.member)
    return registration


@transaction.atomic
def resubmit_registration(*, registration: Registration, by: User | None) -> Registration:
    """Send a returned registration up again (the reason it was returned stays on record)."""
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    if locked.status != RegistrationStatus.RETURNED:
        raise EmulationError.on(None, errors.RESUBMIT_NOT_RETURNED)
    registration.status = RegistrationStatus.SUBMITTED
    registration.submitted_by = by
    registration.save(update_fields=["status", "submitted_by"])
    if registration.member is not None:
        _refresh_evaluation(registration.campaign, registration.member)
    return registration


# --------------------------------------------------------------------------- evaluations


@dataclass(frozen=True)
class EvaluationData:
    task_level: str
    active_in_emulation: bool = True
    days_absent: int = 0
    maternity_days: int = 0
    joined_on: datetime.date | None = None
    discipline: str = rules.Discipline.NONE.value
    administrative_sanction: bool = False
    initiative: str = rules.InitiativeLevel.NONE.value
    research_accepted: bool = False
    active_in_union: bool = True
    family_duties_met: bool = True
    proposed: tuple[str, ...] = ()
    override_reason: str = ""

    @classmethod
    def of(cls, evaluation: Evaluation) -> EvaluationData:
        return cls(
            task_level=evaluation.task_level,
            active_in_emulation=evaluation.active_in_emulation,
            days_absent=evaluation.days_absent,
            maternity_days=evaluation.maternity_days,
            joined_on=evaluation.joined_on,
            discipline=evaluation.discipline,
            administrative_sanction=evaluation.administrative_sanction,
            initiative=evaluation.initiative,
            research_accepted=evaluation.research_accepted,
            active_in_union=evaluation.active_in_union,
            family_duties_met=evaluation.family_duties_met,
            proposed=tuple(evaluation.proposed),
            override_reason=evaluation.override_reason,
        )


FACT_LABELS = {
    "days_absent": "Số ngày làm việc nghỉ",
    "maternity_days": "Trong đó nghỉ thai sản",
    "joined_on": "Ngày tuyển dụng",
}


def earlier_records(
    campaign: Campaign, member_ids: Sequence[int]
) -> dict[int, list[tuple[int, str]]]:
    """Return each member's titles of the years before the campaign's, as (year, title) rows."""
    found: dict[int, list[tuple[int, str]]] = {pk: [] for pk in member_ids}
    for start in range(0, len(member_ids), _QUERY_CHUNK):
        rows = TitleRecord.objects.filter(
            member_id__in=member_ids[start : start + _QUERY_CHUNK],
            year__lt=campaign.year,
            title__in=TitleChoice.values,
        ).values_list("member_id", "year", "title")
        for member_id, year, title in rows:
            found[member_id].append((year, title))
    return found


def registered_members(campaign: Campaign, member_ids: Sequence[int]) -> set[int]:
    """Return those of the members with a registration of this campaign not returned (§5.2)."""
    found: set[int] = set()
    for start in range(0, len(member_ids), _QUERY_CHUNK):
        found.update(
            Registration.objects.filter(
                campaign=campaign,
                member_id__in=member_ids[start : start + _QUERY_CHUNK],
                status__in=COUNTS_AS_REGISTERED,
            ).values_list("member_id", flat=True)
        )
    return found


def is_registered(campaign: Campaign, member: Member) -> bool:
    """Tell whether the member has a registration of this campaign not returned (§5.2)."""
    return bool(registered_members(campaign, [member.pk]))


def individual_snapshot(
    *,
    campaign: Campaign,
    member: Member,
    data: EvaluationData,
    registered: bool,
    records: Iterable[tuple[int, str]] | None = None,
) -> rules.IndividualYear:
    """Build the engine's snapshot of a member's year, the records of earlier years included.

    Months of work are counted up to the campaign's last day (the day of the evaluation).
    ``records``: the member's ``earlier_records`` when the caller read them for many members.
    """
    if records is None:
        records = earlier_records(campaign, [member.pk])[member.pk]
    problems = [
        FieldError(field, errors.EVALUATION_CHOICE.format(label=label, value=value))
        for field, label, value, values in (
            ("task_level", "Mức hoàn thành nhiệm vụ", data.task_level, _TASK_LEVELS),
            ("discipline", "Kỷ luật", data.discipline, _DISCIPLINES),
            ("initiative", "Sáng kiến", data.initiative, _INITIATIVES),
        )
        if value not in values
    ]
    if problems:
        raise EmulationError(*problems)
    try:
        return rules.IndividualYear(
            year=campaign.year,
            evaluated_on=campaign.ends_on,
            female=member.gender == Gender.NU,
            task_level=rules.TaskLevel(data.task_level),
            active_in_emulation=data.active_in_emulation,
            registered=registered,
            days_absent=data.days_absent,
            maternity_days=data.maternity_days,
            joined_on=data.joined_on,
            discipline=rules.Discipline(data.discipline),
            administrative_sanction=data.administrative_sanction,
            initiative=rules.InitiativeLevel(data.initiative),
            research_accepted=data.research_accepted,
            union_member=True,
            active_in_union=data.active_in_union,
            family_duties_met=data.family_duties_met,
            awards=awards_of(records),
        )
    except rules.EmulationInputError as error:
        label = FACT_LABELS.get(error.place, error.place)
        raise EmulationError.on(
            error.place, errors.EVALUATION_FACT.format(label=label, message=error.message)
        ) from error


Verdicts = dict[rules.IndividualYear, tuple[list[str], dict[str, str]]]


def _verdicts(
    snapshot: rules.IndividualYear, *, decided: Verdicts | None = None
) -> tuple[list[str], dict[str, str]]:
    """Return the titles the engine finds eligible and its explanation of each title.

    ``decided``: the verdicts already found while saving a table, by snapshot: the engine is
    pure, so members with the very same facts (most of a table) get the very same verdict.
    """
    known = decided.get(snapshot) if decided is not None else None
    if known is None:
        result = rules.evaluate_individual(snapshot, emulation_settings())
        eligible = [t.value for t in result.eligible]
        explanations = {v.title.value: v.explanation for v in result.verdicts}
        known = (eligible, explanations)
        if decided is not None:
            decided[snapshot] = known
    return list(known[0]), dict(known[1])


# The fields of an evaluation that a save writes (all but the campaign, the member and the id).
EVALUATION_FIELDS = (
    "unit",
    "task_level",
    "active_in_emulation",
    "days_absent",
    "maternity_days",
    "joined_on",
    "discipline",
    "administrative_sanction",
    "initiative",
    "research_accepted",
    "active_in_union",
    "family_duties_met",
    "eligible",
    "explanations",
    "proposed",
    "override_reason",
    "evaluated_by",
    "updated_at",
)


def _evaluation_fields(
    *,
    campaign: Campaign,
    unit: Unit,
    member: Member,
    data: EvaluationData,
    registered: bool,
    records: Iterable[tuple[int, str]] | None,
    by: User | None,
    decided: Verdicts | None = None,
) -> dict[str, Any]:
    """Check one member's row and decide it: the fields to save, or ``EmulationError``.

    The one way a member's evaluation is computed, for a row (``evaluate_member``) and for the
    whole table (``evaluate_members``). A proposed title the engine finds ineligible is kept
    only with a written reason.
    """
    if not unit.contains(member.unit):
        raise EmulationError.on(
            "member",
            errors.EVALUATION_MEMBER_OUTSIDE.format(name=member.full_name, unit=unit.name),
        )
    wrong = [t for t in data.proposed if t not in INDIVIDUAL_TITLES]
    if wrong:
        raise EmulationError(
            *(
                FieldError(
                    "proposed", errors.EVALUATION_PROPOSED_COLLECTIVE.format(title=title_label(t))
                )
                for t in wrong
            )
        )
    snapshot = individual_snapshot(
        campaign=campaign, member=member, data=data, registered=registered, records=records
    )
    eligible, explanations = _verdicts(snapshot, decided=decided)
    ineligible = [t for t in data.proposed if t not in eligible]
    reason = nfc(data.override_reason)
    _refuse_hidden(override_reason=(_LABEL_OVERRIDE, reason))
    if ineligible and not reason:
        raise EmulationError.on(
            "override_reason",
            errors.EVALUATION_OVERRIDE_REASON.format(
                titles=", ".join(f"“{title_label(t)}”" for t in ineligible)
            ),
        )
    # Ids, not objects: a table builds thousands of rows, and setting a relation costs more.
    return {
        "unit_id": member.unit_id,
        "task_level": data.task_level,
        "active_in_emulation": data.active_in_emulation,
        "days_absent": data.days_absent,
        "maternity_days": data.maternity_days,
        "joined_on": data.joined_on,
        "discipline": data.discipline,
        "administrative_sanction": data.administrative_sanction,
        "initiative": data.initiative,
        "research_accepted": data.research_accepted,
        "active_in_union": data.active_in_union,
        "family_duties_met": data.family_duties_met,
        "eligible": eligible,
        "explanations": explanations,
        "proposed": [t for t in _TITLE_ORDER if t in data.proposed],
        "override_reason": reason if ineligible else "",
        "evaluated_by_id": by.pk if by is not None else None,
    }


@transaction.atomic
def evaluate_member(
    *, campaign: Campaign, unit: Unit, member: Member, data: EvaluationData, by: User | None
) -> Evaluation:
    """Record a member's facts of the year, the engine's verdict on them and the proposal.

    A proposed title the engine finds ineligible is kept only with a written reason.
    """
    fields = _evaluation_fields(
        campaign=campaign,
        unit=unit,
        member=member,
        data=data,
        registered=is_registered(campaign, member),
        records=None,
        by=by,
    )
    evaluation, _created = Evaluation.objects.update_or_create(
        campaign=campaign, member=member, defaults=fields
    )
    return evaluation


@dataclass(frozen=True)
class TableRow:
    """One member's row of the evaluation table, numbered as the officer sees it (file's row)."""

    row: int
    member: Member
    data: EvaluationData


@dataclass(frozen=True)
class RowProblem:
    """What is wrong with one row of the table: its number, the field (None: the row), why."""

    row: int
    field: str | None
    message: str


class EvaluationTableError(EmulationError):
    """Rows of the table were refused: ``rows`` names each by its number and field."""

    def __init__(self, problems: Sequence[RowProblem]) -> None:
        super().__init__(
            *(
                FieldError(p.field, errors.EVALUATION_ROW.format(row=p.row, message=p.message))
                for p in problems
            )
        )
        self.rows = list(problems)


@transaction.atomic
def evaluate_members(
    *, campaign: Campaign, unit: Unit, rows: Sequence[TableRow], by: User | None
) -> int:
    """Record the evaluation table of many members at once: every row, or none; return how many.

    Each row is decided exactly as ``evaluate_member`` decides it (``_evaluation_fields``), with
    the registrations and the earlier records read once for all, and the engine asked once for
    each distinct snapshot of facts; the rows are then written in
    one statement (an insert that updates a member's evaluation already saved). The year tallies
    follow through their triggers, as for any write. A row refused refuses the table, naming the
    row and the field.
    """
    ids = [r.member.pk for r in rows]
    registered = registered_members(campaign, ids)
    records = earlier_records(campaign, ids)
    problems: list[RowProblem] = []
    first_row: dict[int, int] = {}
    decided: Verdicts = {}
    evaluations: list[Evaluation] = []
    for row in rows:
        member = row.member
        first = first_row.setdefault(member.pk, row.row)
        if first != row.row:
            problems.append(
                RowProblem(
                    row.row,
                    "member",
                    errors.EVALUATION_MEMBER_TWICE.format(name=member.full_name, first=first),
                )
            )
            continue
        try:
            fields = _evaluation_fields(
                campaign=campaign,
                unit=unit,
                member=member,
                data=row.data,
                registered=member.pk in registered,
                records=records[member.pk],
                by=by,
                decided=decided,
            )
        except EmulationError as error:
            problems.extend(RowProblem(row.row, e.field, e.message) for e in error.errors)
            continue
        evaluations.append(Evaluation(campaign_id=campaign.pk, member_id=member.pk, **fields))
    if problems:
        raise EvaluationTableError(problems)
    Evaluation.objects.bulk_create(
        evaluations,
        batch_size=_WRITE_BATCH,
        update_conflicts=True,
        unique_fields=["campaign", "member"],
        update_fields=list(EVALUATION_FIELDS),
    )
    return len(evaluations)


def _refresh_evaluation(campaign: Campaign, member: Member) -> None:
    """Decide a member's saved evaluation again after their registration changed.

    The proposal stays as the unit made it; the page shows a proposed title that is no longer
    eligible among those needing a reason.
    """
    evaluation = Evaluation.objects.filter(campaign=campaign, member=member).first()
    if evaluation is None:
        return
    snapshot = individual_snapshot(
        campaign=campaign,
        member=member,
        data=EvaluationData.of(evaluation),
        registered=is_registered(campaign, member),
    )
    evaluation.eligible, evaluation.explanations = _verdicts(snapshot)
    evaluation.save(update_fields=["eligible", "explanations", "updated_at"])


# --------------------------------------------------------------------------- collectives


@dataclass(frozen=True)
class CollectiveData:
    task_level: str
    active_in_emulation: bool = True
    united_and_lawful: bool = True
    proposed: tuple[str, ...] = ()
    override_reason: str = ""


@dataclass(frozen=True)
class MemberCounts:
    """A collective's members as rules.md §5.1 counts them (``CollectiveYear``'s fields)."""

    members: int
    completed: int
    advanced: int
    fighters: int
    disciplined_from_warning: int


WARNED = (rules.Discipline.WARNING.value, rules.Discipline.HEAVIER.value)
COMPLETED = tuple(t.value for t in rules.TaskLevel if t is not rules.TaskLevel.NOT_DONE)


def member_counts(campaign: Campaign, unit: Unit) -> MemberCounts:
    """Count the subtree's active members and, from their evaluations, those who qualify."""
    members = Member.objects.in_subtree(unit).active()
    evaluations = Evaluation.objects.filter(campaign=campaign, member__in=members).values_list(
        "task_level", "eligible", "discipline"
    )
    completed = advanced = fighters = warned = 0
    for task_level, eligible, discipline in evaluations:
        completed += task_level in COMPLETED
        advanced += rules.Title.LDTT.value in eligible
        fighters += rules.Title.CSTDCS.value in eligible
        warned += discipline in WARNED
    return MemberCounts(members.count(), completed, advanced, fighters, warned)


@transaction.atomic
def evaluate_collective(
    *, campaign: Campaign, unit: Unit, data: CollectiveData, by: User | None
) -> CollectiveEvaluation:
    """Record a collective's year and the engine's verdict on TTLĐTT and TTLĐXS (rules.md §5.1).

    A proposed title the engine finds ineligible is kept only with a written reason.
    """
    wrong = [t for t in data.proposed if t not in COLLECTIVE_TITLES]
    if wrong:
        raise EmulationError(
            *(
                FieldError(
                    "proposed",
                    errors.REGISTRATION_TITLE_FOR_COLLECTIVE.format(title=title_label(t)),
                )
                for t in wrong
            )
        )
    counts = member_counts(campaign, unit)
    registered = Registration.objects.filter(
        campaign=campaign, unit=unit, member__isnull=True, status__in=COUNTS_AS_REGISTERED
    ).exists()
    snapshot = rules.CollectiveYear(
        year=campaign.year,
        task_level=rules.TaskLevel(data.task_level),
        members=counts.members,
        completed=counts.completed,
        advanced=counts.advanced,
        fighters=counts.fighters,
        disciplined_from_warning=counts.disciplined_from_warning,
        active_in_emulation=data.active_in_emulation,
        united_and_lawful=data.united_and_lawful,
        registered=registered,
    )
    result = rules.evaluate_collective(snapshot, emulation_settings())
    eligible = [t.value for t in result.eligible]
    ineligible = [t for t in data.proposed if t not in eligible]
    reason = nfc(data.override_reason)
    _refuse_hidden(override_reason=(_LABEL_OVERRIDE, reason))
    if ineligible and not reason:
        raise EmulationError.on(
            "override_reason",
            errors.EVALUATION_OVERRIDE_REASON.format(
                titles=", ".join(f"“{title_label(t)}”" for t in ineligible)
            ),
        )
    evaluation, _created = CollectiveEvaluation.objects.update_or_create(
        campaign=campaign,
        unit=unit,
        defaults={
            "task_level": data.task_level,
            "active_in_emulation": data.active_in_emulation,
            "united_and_lawful": data.united_and_lawful,
            "members": counts.members,
            "completed": counts.completed,
            "advanced": counts.advanced,
            "fighters": counts.fighters,
            "disciplined_from_warning": counts.disciplined_from_warning,
            "eligible": eligible,
            "explanations": {v.title.value: v.explanation for v in result.verdicts},
            "proposed": [t for t in TitleChoice.values if t in data.proposed],
            "override_reason": reason if ineligible else "",
            "evaluated_by": by,
        },
    )
    return evaluation


# --------------------------------------------------------------------------- the council's vote


def council_titles() -> list[tuple[str, str]]:
    """Return the titles the council decides by secret ballot (rules.md §5.1), labelled."""
    settings = emulation_settings()
    return [
        (value, str(label))
        for value, label in TitleChoice.choices
        if rules.council_share(rules.Title(value), settings) is not None
    ]


def council_nominees(*, campaign: Campaign, unit: Unit, title: str) -> list[tuple[str, str]]:
    """Return (member id, full name) of those the unit's evaluations propose for the title.

    In ballot order: the Vietnamese order of names (given name first), as every list of people.
    """
    rows = Evaluation.objects.filter(
        campaign=campaign, member__in=Member.objects.in_subtree(unit)
    ).select_related("member")
    chosen = [e.member for e in rows if title in e.proposed]
    chosen.sort(key=lambda m: (m.name_key, m.pk))
    return [(str(m.pk), m.full_name) for m in chosen]


@dataclass(frozen=True)
class CouncilVoteData:
    title: str
    members: int
    present: int
    written: int
    held_on: datetime.date
    place: str = ""


@transaction.atomic
def create_council_vote(
    *, campaign: Campaign, unit: Unit, data: CouncilVoteData, by: User | None
) -> CouncilVote:
    """Set up the council's secret ballot on the names the unit proposes for a title.

    Refused without the council's quorum (``council_quorum`` of all members present, a setting)
    or with nobody proposed; the names are frozen in ballot order.
    """
    place = nfc(data.place)
    _refuse_hidden(place=("Địa điểm", place))
    settings = emulation_settings()
    label = title_label(data.title)
    if data.title not in TitleChoice.values or (
        rules.council_share(rules.Title(data.title), settings) is None
    ):
        raise EmulationError.on("title", errors.COUNCIL_NO_BALLOT.format(title=label))
    if data.members < 1:
        raise EmulationError.on("members", errors.COUNCIL_MEMBERS_REQUIRED)
    if data.present < 0 or data.written < 0 or data.present + data.written > data.members:
        raise EmulationError.on(
            "present",
            errors.COUNCIL_PRESENT_OVER.format(
                present=data.present, written=data.written, members=data.members
            ),
        )
    quorum = settings.council_quorum
    if not quorum.reached_by(data.present, data.members, strictly=False):
        raise EmulationError.on(
            "present",
            errors.COUNCIL_NO_QUORUM.format(
                present=data.present,
                members=data.members,
                share=f"{quorum.numerator}/{quorum.denominator}",
            ),
        )
    if CouncilVote.objects.filter(campaign=campaign, unit=unit, title=data.title).exists():
        raise EmulationError.on("title", errors.COUNCIL_TWICE.format(unit=unit.name, title=label))
    nominees = council_nominees(campaign=campaign, unit=unit, title=data.title)
    if not nominees:
        raise EmulationError.on("title", errors.COUNCIL_NOBODY.format(unit=unit.name, title=label))
    return CouncilVote.objects.create(
        campaign=campaign,
        unit=unit,
        title=data.title,
        members=data.members,
        present=data.present,
        written=data.written,
        held_on=data.held_on,
        place=place,
        nominees=[list(n) for n in nominees],
        created_by=by,
    )


def council_ids(vote: CouncilVote) -> tuple[str, ...]:
    """Return the names' ids in ballot order (number 1 first)."""
    return tuple(str(member_id) for member_id, _name in vote.nominees)


def paper_ballot(paper: CouncilPaper) -> Ballot:
    if paper.invalid:
        return Ballot.void(paper.invalid)
    return Ballot(kept=frozenset(str(k) for k in paper.kept or ()))


def council_engine_election(vote: CouncilVote, *, with_ballots: bool = True) -> Election:
    """Return the engine's election of the vote: the council's profile, its ballots so far."""
    papers = list(vote.papers.all()) if with_ballots else []
    return rules.council_election(
        title=rules.Title(vote.title),
        members=vote.members,
        issued=vote.ballots_most,
        nominees=[(str(i), name) for i, name in vote.nominees],
        ballots=[paper_ballot(p) for p in papers],
        settings=emulation_settings(),
    )


@dataclass(frozen=True)
class EnteredPaper:
    paper: CouncilPaper
    message: str


ENTERED = "Phiếu số {number}: {entry}."
CORRECTED = "Đã sửa phiếu số {number}: {entry}."


@transaction.atomic
def enter_council_ballot(*, vote: CouncilVote, typed: str, by: User | None) -> EnteredPaper:
    """Record one paper ballot as typed (the tellers' grammar, ``rules.keyboard``).

    ``n=...`` corrects ballot n; never more ballots than members present or writing.
    """
    vote = CouncilVote.objects.select_for_update().get(pk=vote.pk)
    if vote.status != CouncilStatus.ENTERING:
        raise EmulationError.on(None, errors.COUNCIL_COUNTED)
    if len(typed.strip()) > 200:
        raise EmulationError.on("keys", errors.COUNCIL_LINE_TOO_LONG.format(most=200))
    ids = council_ids(vote)
    try:
        line = keyboard.parse_line(typed, ids=ids)
    except keyboard.KeyEntryError as error:
        raise EmulationError.on("keys", str(error)) from None
    kept = None if line.ballot.kept is None else sorted(line.ballot.kept, key=int)
    invalid = line.ballot.invalid or ""
    said = keyboard.describe(line.ballot, ids)
    if line.corrects is not None:
        paper = CouncilPaper.objects.filter(vote=vote, number=line.corrects).first()
        if paper is None:
            raise EmulationError.on(
                "keys", errors.COUNCIL_UNKNOWN_NUMBER.format(number=line.corrects)
            )
        paper.kept, paper.invalid, paper.typed, paper.entered_by = kept, invalid, typed, by
        paper.save(update_fields=["kept", "invalid", "typed", "entered_by", "updated_at"])
        return EnteredPaper(paper, CORRECTED.format(number=paper.number, entry=said))
    entered = vote.papers.count()
    if entered >= vote.ballots_most:
        raise EmulationError.on(
            "keys", errors.COUNCIL_TOO_MANY_BALLOTS.format(most=vote.ballots_most)
        )
    paper = CouncilPaper.objects.create(
        vote=vote,
        number=entered + 1,
        kept=kept,
        invalid=invalid,
        typed=typed.strip(),
        entered_by=by,
    )
    return EnteredPaper(paper, ENTERED.format(number=paper.number, entry=said))


@transaction.atomic
def count_council_vote(*, vote: CouncilVote) -> counting.Result:
    """Count the ballots with the congress elections' engine and record who passed."""
    vote = CouncilVote.objects.select_for_update().get(pk=vote.pk)
    if vote.status != CouncilStatus.ENTERING:
        raise EmulationError.on(None, errors.COUNCIL_COUNTED)
    if not vote.papers.exists():
        raise EmulationError.on(None, errors.COUNCIL_NO_PAPERS)
    result = counting.count(council_engine_election(vote))
    vote.result = counting.result_to_json(result)
    vote.passed = [int(i) for i in result.elected]
    vote.status = CouncilStatus.COUNTED
    vote.counted_at = timezone.now()
    vote.save(update_fields=["result", "passed", "status", "counted_at"])
    return result


def council_result(vote: CouncilVote) -> counting.Result:
    """Return the count of a counted vote, again from its ballots (the same engine, same answer)."""
    if vote.status != CouncilStatus.COUNTED:
        raise EmulationError.on(None, errors.COUNCIL_NOT_COUNTED)
    return counting.count(council_engine_election(vote))


def council_passed(*, campaign: Campaign, unit: Unit) -> dict[int, set[str]]:
    """Return, by member id, the titles the unit's council agreed to propose (counted votes)."""
    passed: dict[int, set[str]] = {}
    for vote in CouncilVote.objects.filter(
        campaign=campaign, unit=unit, status=CouncilStatus.COUNTED
    ):
        for member_id in vote.passed:
            passed.setdefault(member_id, set()).add(vote.title)
    return passed


# --------------------------------------------------------------------------- proposals upward


def _honour_label(value: str) -> str:
    if value in AwardChoice.values:
        return str(AwardChoice(value).label)
    return title_label(value)


def _require_editable(proposal: Proposal) -> None:
    if not proposal.editable:
        raise EmulationError.on(
            None,
            errors.PROPOSAL_NOT_EDITABLE.format(status=proposal.get_status_display()),
        )


def proposed_from_evaluations(
    *, campaign: Campaign, unit: Unit
) -> tuple[list[ProposalLine], list[tuple[Member, str]]]:
    """Return the lines the unit's evaluations propose, and the names still awaiting the council.

    A title the council decides by ballot (rules.md §5.1) is proposed only for those its counted
    vote carried; the others are the second list (member, title).
    """
    passed = council_passed(campaign=campaign, unit=unit)
    settings = emulation_settings()
    members = Member.objects.in_subtree(unit)
    lines: list[ProposalLine] = []
    waiting: list[tuple[Member, str]] = []
    evaluations = (
        Evaluation.objects.filter(campaign=campaign, member__in=members)
        .select_related("member")
        .order_by("member__name_key", "member_id")
    )
    for e in evaluations:
        for title in e.proposed:
            if rules.council_share(rules.Title(title), settings) is not None and (
                title not in passed.get(e.member_id, set())
            ):
                waiting.append((e.member, title))
                continue
            eligible = title in e.eligible
            lines.append(
                ProposalLine(
                    member=e.member,
                    unit_id=e.unit_id,
                    title=title,
                    eligible=eligible,
                    note="" if eligible else e.override_reason,
                )
            )
    low, high = path_range(unit.path)
    collectives = CollectiveEvaluation.objects.filter(
        campaign=campaign, unit__path__gte=low, unit__path__lt=high
    ).order_by("unit__path")
    for c in collectives:
        for title in c.proposed:
            eligible = title in c.eligible
            lines.append(
                ProposalLine(
                    unit_id=c.unit_id,
                    collective=True,
                    title=title,
                    eligible=eligible,
                    note="" if eligible else c.override_reason,
                )
            )
    return lines, waiting


def _fill(proposal: Proposal) -> None:
    """Replace the proposal's title lines by the evaluations' (the rewards added stay)."""
    proposal.lines.filter(title__in=TitleChoice.values).delete()
    lines, _waiting = proposed_from_evaluations(campaign=proposal.campaign, unit=proposal.unit)
    for line in lines:
        line.proposal = proposal
    ProposalLine.objects.bulk_create(lines)


@transaction.atomic
def start_proposal(*, campaign: Campaign, unit: Unit, by: User | None) -> Proposal:
    """Open the unit's proposal to the level above, filled from its evaluations and council."""
    if unit.parent_id is None:
        raise EmulationError.on(None, errors.PROPOSAL_NO_UPPER.format(unit=unit.name))
    if Proposal.objects.filter(campaign=campaign, unit=unit).exists():
        raise EmulationError.on(None, errors.PROPOSAL_TWICE.format(unit=unit.name))
    proposal = Proposal.objects.create(campaign=campaign, unit=unit, created_by=by)
    _fill(proposal)
    return proposal


@transaction.atomic
def refresh_proposal(*, proposal: Proposal) -> Proposal:
    """Take the evaluations and the council's results again into a proposal being written."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    _require_editable(proposal)
    _fill(proposal)
    return proposal


@dataclass(frozen=True)
class AwardData:
    award: str
    note: str
    member: Member | None = None
    collective: Unit | None = None


@transaction.atomic
def add_award(*, proposal: Proposal, data: AwardData) -> ProposalLine:
    """Propose a Giấy khen or Bằng khen for a member or a collective of the unit's subtree."""
    proposal = Proposal.objects.select_for_update().select_related("unit").get(pk=proposal.pk)
    _require_editable(proposal)
    if data.award not in AwardChoice.values:
        raise EmulationError.on("award", errors.AWARD_UNKNOWN.format(value=data.award))
    if (data.member is None) == (data.collective is None):
        raise EmulationError.on("who", errors.AWARD_NOBODY)
    unit = proposal.unit
    inside = data.collective if data.member is None else data.member.unit
    assert inside is not None
    who = data.member.full_name if data.member is not None else inside.name
    if not unit.contains(inside):
        raise EmulationError.on("who", errors.AWARD_OUTSIDE.format(name=who, unit=unit.name))
    note = nfc(data.note)
    _refuse_hidden(note=("Thành tích", note))
    if not note:
        raise EmulationError.on("note", errors.AWARD_NOTE_REQUIRED)
    twice = proposal.lines.filter(title=data.award)
    twice = (
        twice.filter(member=data.member)
        if data.member is not None
        else twice.filter(collective=True, unit=inside)
    )
    if twice.exists():
        raise EmulationError.on(
            "award", errors.AWARD_TWICE.format(who=who, title=_honour_label(data.award))
        )
    return ProposalLine.objects.create(
        proposal=proposal,
        member=data.member,
        unit=inside,
        collective=data.member is None,
        title=data.award,
        eligible=None,
        note=note,
    )


@transaction.atomic
def remove_line(*, line: ProposalLine) -> None:
    """Take a line off a proposal being written."""
    proposal = Proposal.objects.select_for_update().get(pk=line.proposal_id)
    _require_editable(proposal)
    line.delete()


@transaction.atomic
def submit_proposal(*, proposal: Proposal, number: str, by: User | None) -> Proposal:
    """Send the proposal to the level above."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    _require_editable(proposal)
    if not proposal.lines.exists():
        raise EmulationError.on(None, errors.PROPOSAL_EMPTY)
    number = nfc(number)
    _refuse_hidden(number=("Số tờ trình", number))
    proposal.number = number
    proposal.status = ProposalStatus.SUBMITTED
    proposal.submitted_at = timezone.now()
    proposal.save(update_fields=["number", "status", "submitted_at"])
    return proposal


def _require_waiting(proposal: Proposal) -> None:
    if proposal.status != ProposalStatus.SUBMITTED:
        raise EmulationError.on(
            None, errors.PROPOSAL_NOT_WAITING.format(status=proposal.get_status_display())
        )


@transaction.atomic
def return_proposal(*, proposal: Proposal, reason: str, by: User | None) -> Proposal:
    """Send a proposal back to its unit with the reason it reads."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    _require_waiting(proposal)
    reason = nfc(reason)
    _refuse_hidden(reason=(_LABEL_REASON, reason))
    if not reason:
        raise EmulationError.on("reason", errors.RETURN_REASON_REQUIRED)
    proposal.status = ProposalStatus.RETURNED
    proposal.return_reason = reason
    proposal.reviewed_by = by
    proposal.reviewed_at = timezone.now()
    proposal.save(update_fields=["status", "return_reason", "reviewed_by", "reviewed_at"])
    return proposal


@dataclass(frozen=True)
class DecisionData:
    number: str
    signed_on: datetime.date
    signer: str
    signer_title: str
    locality: str = ""


def line_reward(line: ProposalLine, *, day: datetime.date) -> tuple[int | None, str]:
    """Return a line's reward in whole đồng (None: the law gives none) and how it was reckoned."""
    settings = emulation_settings()
    try:
        if line.title in AwardChoice.values:
            award = rules.award_amount(
                rules.Award(line.title), collective=line.collective, day=day, settings=settings
            )
            return award.amount, award.explanation
        reward = rules.reward_amount(rules.Title(line.title), day=day, settings=settings)
    except rules.EmulationInputError as error:
        return None, error.message
    return reward.amount, reward.explanation


@transaction.atomic
def decide_proposal(
    *, proposal: Proposal, deciding_unit: Unit, data: DecisionData, by: User | None
) -> Decision:
    """Decide a proposal: the decision, each line's reward, and the records (hồ sơ thành tích).

    Refused if anyone on it already holds the same title or reward for the year.
    """
    proposal = (
        Proposal.objects.select_for_update().select_related("campaign", "unit").get(pk=proposal.pk)
    )
    _require_waiting(proposal)
    number, signer, signer_title = nfc(data.number), nfc(data.signer), nfc(data.signer_title)
    locality = nfc(data.locality)
    _refuse_hidden(
        number=("Số quyết định", number),
        signer=("Người ký", signer),
        signer_title=("Chức vụ người ký", signer_title),
        locality=("Địa danh", locality),
    )
    problems = []
    if not number:
        problems.append(FieldError("number", errors.DECISION_NUMBER_REQUIRED))
    if not signer:
        problems.append(FieldError("signer", errors.DECISION_SIGNER_REQUIRED))
    if not signer_title:
        problems.append(FieldError("signer_title", errors.DECISION_SIGNER_TITLE_REQUIRED))
    year = proposal.campaign.year
    lines = list(proposal.lines.select_related("member", "unit"))
    for line in lines:
        held = TitleRecord.objects.filter(year=year, title=line.title)
        held = (
            held.filter(unit=line.unit, member__isnull=True)
            if line.collective
            else held.filter(member=line.member)
        )
        record = held.first()
        if record is not None:
            problems.append(
                FieldError(
                    None,
                    errors.DECISION_ALREADY_RECORDED.format(
                        who=line.who,
                        title=_honour_label(line.title),
                        year=year,
                        source=record.source or "không ghi căn cứ",
                    ),
                )
            )
    if problems:
        raise EmulationError(*problems)
    source = f"Quyết định số {number} ngày {data.signed_on:%d/%m/%Y} của {deciding_unit.name}"
    total = 0
    for line in lines:
        amount, explanation = line_reward(line, day=data.signed_on)
        line.amount, line.amount_explanation = amount, explanation[:300]
        total += amount or 0
    ProposalLine.objects.bulk_update(lines, ["amount", "amount_explanation"])
    decision = Decision.objects.create(
        proposal=proposal,
        unit=deciding_unit,
        number=number,
        signed_on=data.signed_on,
        signer=signer,
        signer_title=signer_title,
        locality=locality,
        total=total,
        created_by=by,
    )
    TitleRecord.objects.bulk_create(
        TitleRecord(
            member=None if line.collective else line.member,
            unit=line.unit if line.collective else None,
            year=year,
            title=line.title,
            source=source[:255],
            decision=decision,
        )
        for line in lines
    )
    proposal.status = ProposalStatus.DECIDED
    proposal.reviewed_by = by
    proposal.reviewed_at = timezone.now()
    proposal.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    return decision
