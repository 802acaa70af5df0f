"""Use cases of the congress season: every write goes through these.

Each function checks its input (with ``daihoi.rules.season`` for the law's numbers) and writes in
one transaction, or raises ``SeasonError`` naming each field and leaves the database as it was.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction

from daihoi.rules import season as rules
from daihoi.rules.names import nfc
from daihoi.season import errors
from daihoi.season.errors import FieldError, SeasonError
from daihoi.season.models import (
    LIVE_STATUSES,
    Season,
    SeasonDeadline,
    SeasonStep,
    SeasonUnit,
    StepKind,
    StepStatus,
)
from daihoi.season.words import words_of_kind
from daihoi.units.models import KIND_LEVEL, NESTABLE_KINDS, Unit, UnitKind
from daihoi.units.queries import active_members_below
from daihoi.units.services import hidden_character_errors

if TYPE_CHECKING:
    from daihoi.accounts.models import User

MAX_TERM_YEARS = 5
"""A term is five years; a lower level's may be shorter to align with the upper (rules.md §7.2)."""

COMMITTEE_LEVELS: dict[str, rules.CommitteeLevel] = {
    UnitKind.CDCS: rules.CommitteeLevel.CO_SO,
    UnitKind.CDCS_THANH_VIEN: rules.CommitteeLevel.CO_SO_THANH_VIEN,
    UnitKind.CD_BO_PHAN: rules.CommitteeLevel.BO_PHAN,
    UnitKind.TO_CONG_DOAN: rules.CommitteeLevel.TO,
    UnitKind.LDLD_TINH: rules.CommitteeLevel.TINH,
    UnitKind.CD_NGANH_TW: rules.CommitteeLevel.TINH,
}


def committee_level(kind: str) -> rules.CommitteeLevel:
    """Return how §2.12 sizes the committee of a unit of this kind (none set: the upper decides)."""
    return COMMITTEE_LEVELS.get(kind, rules.CommitteeLevel.NOT_SET)


def kind_label(kind: str) -> str:
    return str(UnitKind(kind).label)


def kinds_below(unit: Unit) -> list[str]:
    """Return the kinds of unit that may stand below this one (those a season can plan)."""
    organization, level = KIND_LEVEL[unit.kind]
    return [
        kind
        for kind, (org, lvl) in KIND_LEVEL.items()
        if org == organization
        and (lvl > level or (lvl == level and kind == unit.kind and kind in NESTABLE_KINDS))
    ]


def term_problems(start: int, end: int) -> list[FieldError]:
    """Return what is wrong with a term's years: out of 1950-2100, the end not after the start,
    longer than MAX_TERM_YEARS (a season's plan and the register's hand entry alike)."""
    problems = []
    for field, year in (("term_start", start), ("term_end", end)):
        if not 1950 <= year <= 2100:
            problems.append(FieldError(field, errors.TERM_YEAR.format(year=year)))
    if end <= start:
        problems.append(FieldError("term_end", errors.TERM_ORDER.format(start=start, end=end)))
    elif end - start > MAX_TERM_YEARS:
        problems.append(
            FieldError(
                "term_end", errors.TERM_TOO_LONG.format(start=start, end=end, years=end - start)
            )
        )
    return problems


@dataclass(frozen=True)
class SeasonData:
    """What the upper level types to open a season."""

    name: str
    term_start: int
    term_end: int
    deadlines: Mapping[str, datetime.date | None]  # kind -> due day


def _clean_season(unit: Unit, data: SeasonData) -> tuple[SeasonData, list[FieldError]]:
    problems = hidden_character_errors(name=("Tên kế hoạch", data.name))
    name = " ".join(nfc(data.name).split())
    if not name:
        problems.append(FieldError("name", errors.NAME_REQUIRED))
    start, end = data.term_start, data.term_end
    problems += term_problems(start, end)
    allowed = kinds_below(unit)
    deadlines = {k: v for k, v in data.deadlines.items() if k}
    if not deadlines:
        problems.append(FieldError("deadlines", errors.KINDS_REQUIRED))
    for kind, due in deadlines.items():
        if kind not in UnitKind.values:
            problems.append(FieldError("deadlines", errors.KIND_UNKNOWN.format(value=kind)))
        elif kind not in allowed:
            problems.append(
                FieldError(
                    "deadlines", errors.KIND_NOT_BELOW.format(kind=kind_label(kind), unit=unit.name)
                )
            )
        elif due is None:
            problems.append(
                FieldError("deadlines", errors.DEADLINE_REQUIRED.format(kind=kind_label(kind)))
            )
    return SeasonData(name, start, end, deadlines), problems


@transaction.atomic
def open_season(*, unit: Unit, data: SeasonData, by: User | None) -> Season:
    """Open a season of the upper unit: every unit below of the kinds given enters its plan."""
    data, problems = _clean_season(unit, data)
    below = Unit.objects.subtree(unit).exclude(pk=unit.pk)
    found: dict[str, list[Unit]] = {kind: [] for kind in data.deadlines}
    if not problems:
        for child in below.filter(kind__in=list(data.deadlines)).order_by("path"):
            found[child.kind].append(child)
        for kind, units in found.items():
            if not units:
                problems.append(
                    FieldError(
                        "deadlines",
                        errors.KIND_NONE_BELOW.format(unit=unit.name, kind=kind_label(kind)),
                    )
                )
    if problems:
        raise SeasonError(*problems)
    season = Season.objects.create(
        unit=unit,
        name=data.name,
        term_start=data.term_start,
        term_end=data.term_end,
        created_by=by,
    )
    SeasonDeadline.objects.bulk_create(
        SeasonDeadline(season=season, kind=kind, due=due)
        for kind, due in data.deadlines.items()
        if due is not None
    )
    SeasonUnit.objects.bulk_create(
        SeasonUnit(season=season, unit=child) for units in found.values() for child in units
    )
    return season


@dataclass(frozen=True)
class PlanRow:
    """What the plan gives one unit below."""

    unit_id: int
    planned_on: datetime.date | None
    pilot: bool
    seats: int
    committee_size: int | None


def row_field(entry_unit_id: int, field: str) -> str:
    """Name a field of one row of the plan, as the plan's form names its inputs."""
    return f"u{entry_unit_id}-{field}"


@transaction.atomic
def save_plan(*, season: Season, rows: Sequence[PlanRow]) -> list[SeasonUnit]:
    """Save the plan's rows all or nothing: sizes within §2.12, dates within the deadlines."""
    entries = {e.unit_id: e for e in season.entries.select_related("unit").select_for_update()}
    due = {d.kind: d.due for d in season.deadlines.all()}
    problems: list[FieldError] = []
    for row in rows:
        if row.unit_id not in entries:
            problems.append(FieldError(None, errors.UNIT_NOT_IN_PLAN.format(unit_id=row.unit_id)))
    if problems:
        raise SeasonError(*problems)
    by_unit = {row.unit_id: row for row in rows}
    members = active_members_below(season.unit, [entries[u].unit for u in by_unit])

    def refuse(row: PlanRow, field: str, message: str) -> None:
        unit = entries[row.unit_id].unit
        problems.append(
            FieldError(
                row_field(row.unit_id, field), errors.ROW.format(unit=unit.name, message=message)
            )
        )

    for row in rows:
        unit = entries[row.unit_id].unit
        if row.seats < 0:
            refuse(row, "seats", errors.SEATS_NEGATIVE.format(seats=row.seats))
        if row.committee_size is not None:
            try:
                rules.check_committee_size(
                    level=committee_level(unit.kind),
                    members=members[row.unit_id],
                    size=row.committee_size,
                )
            except rules.SeasonRuleError as error:
                said = words_of_kind(unit.kind).committee_short
                refuse(
                    row,
                    "committee_size",
                    errors.SIZE.format(committee=said, message=error.message),
                )
        limit = due.get(unit.kind)
        if row.planned_on is not None and limit is not None and row.planned_on > limit:
            refuse(
                row,
                "planned_on",
                errors.PLANNED_AFTER_DEADLINE.format(
                    planned=f"{row.planned_on:%d/%m/%Y}",
                    due=f"{limit:%d/%m/%Y}",
                    kind=kind_label(unit.kind),
                ),
            )
        if row.pilot and row.planned_on is None:
            refuse(row, "pilot", errors.PILOT_WITHOUT_DATE)
    _check_pilots_first(rows, entries, refuse)
    if problems:
        raise SeasonError(*problems)
    changed = []
    for row in rows:
        entry = entries[row.unit_id]
        entry.planned_on = row.planned_on
        entry.pilot = row.pilot
        entry.seats = row.seats
        entry.committee_size = row.committee_size
        entry.members = members[row.unit_id]
        changed.append(entry)
    # Small batches: one UPDATE ... CASE over 2,000 rows is slower than ten over 200.
    SeasonUnit.objects.bulk_update(
        changed, ["planned_on", "pilot", "seats", "committee_size", "members"], batch_size=200
    )
    return changed


def _check_pilots_first(
    rows: Sequence[PlanRow],
    entries: Mapping[int, SeasonUnit],
    refuse: Callable[[PlanRow, str, str], None],
) -> None:
    """A pilot congress (đại hội điểm) comes before the others of its kind, to learn from it."""
    earliest: dict[str, tuple[datetime.date, str]] = {}
    for row in rows:
        unit = entries[row.unit_id].unit
        if not row.pilot and row.planned_on is not None:
            seen = earliest.get(unit.kind)
            if seen is None or row.planned_on < seen[0]:
                earliest[unit.kind] = (row.planned_on, unit.name)
    for row in rows:
        unit = entries[row.unit_id].unit
        first = earliest.get(unit.kind)
        if row.pilot and row.planned_on is not None and first and row.planned_on > first[0]:
            refuse(
                row,
                "pilot",
                errors.PILOT_NOT_FIRST.format(
                    planned=f"{row.planned_on:%d/%m/%Y}",
                    earliest=f"{first[0]:%d/%m/%Y}",
                    other=first[1],
                ),
            )


# ---------------------------------------------------------------------------------------------
# Steps sent up by a lower unit and answered by the upper level


def _d(day: datetime.date) -> str:
    return f"{day:%d/%m/%Y}"


def calendar() -> rules.Calendar:
    """Return the working-day calendar of the settings' public holidays (rules.md §2.8)."""
    return rules.Calendar.of(settings.DAIHOI_PUBLIC_HOLIDAYS, settings.DAIHOI_WORKING_WEEKENDS)


def live_step(entry: SeasonUnit, kind: str) -> SeasonStep | None:
    """Return the step of this kind that is sent, approved or recognized (a returned one is not)."""
    return entry.steps.filter(kind=kind, status__in=LIVE_STATUSES).first()


def _locked_entry(entry: SeasonUnit) -> SeasonUnit:
    # Two officers sending the same step at once: the second waits and sees the first.
    return SeasonUnit.objects.select_for_update().select_related("unit").get(pk=entry.pk)


def _refuse_twice(entry: SeasonUnit, kind: str) -> None:
    existing = live_step(entry, kind)
    if existing is not None:
        raise SeasonError.on(
            "kind",
            errors.STEP_TWICE.format(
                step=existing.get_kind_display(),
                sent=_d(existing.sent_on),
                status=existing.status_label,
            ),
        )


@transaction.atomic
def send_personnel_plan(
    *,
    entry: SeasonUnit,
    committee_size: int | None,
    note: str,
    by: User | None,
    today: datetime.date,
) -> SeasonStep:
    """Send the unit's đề án nhân sự up: the committee size proposed, within §2.12 and the plan."""
    entry = _locked_entry(entry)
    _refuse_twice(entry, StepKind.PERSONNEL_PLAN)
    problems: list[FieldError] = []
    said = words_of_kind(entry.unit.kind).committee_short
    if committee_size is None:
        problems.append(FieldError("committee_size", errors.SIZE_REQUIRED.format(committee=said)))
    elif entry.committee_size is not None and committee_size > entry.committee_size:
        problems.append(
            FieldError(
                "committee_size",
                errors.SIZE_OVER_APPROVED.format(
                    committee=said, size=committee_size, approved=entry.committee_size
                ),
            )
        )
    else:
        members = active_members_below(entry.unit, [entry.unit])[entry.unit_id]
        try:
            rules.check_committee_size(
                level=committee_level(entry.unit.kind), members=members, size=committee_size
            )
        except rules.SeasonRuleError as error:
            problems.append(
                FieldError(
                    "committee_size", errors.SIZE.format(committee=said, message=error.message)
                )
            )
    if problems:
        raise SeasonError(*problems)
    return SeasonStep.objects.create(
        entry=entry,
        kind=StepKind.PERSONNEL_PLAN,
        status=StepStatus.SENT,
        sent_on=today,
        sent_by=by,
        note=note.strip(),
        committee_size=committee_size,
    )


def _result_problems(
    entry: SeasonUnit,
    *,
    held_on: datetime.date | None,
    committee_size: int | None,
    delegates_elected: int | None,
    today: datetime.date,
) -> list[FieldError]:
    """Check a result file against the approved plan: date, committee (§2.12), delegates (§2.10)."""
    plan = entry.steps.filter(kind=StepKind.PERSONNEL_PLAN, status=StepStatus.APPROVED).first()
    if plan is None:
        raise SeasonError.on("kind", errors.RESULT_BEFORE_PLAN)
    problems: list[FieldError] = []
    if held_on is None:
        problems.append(FieldError("held_on", errors.HELD_REQUIRED))
    elif held_on > today:
        problems.append(
            FieldError("held_on", errors.HELD_IN_FUTURE.format(held=_d(held_on), today=_d(today)))
        )
    elif plan.answered_on and held_on < plan.answered_on:
        problems.append(
            FieldError(
                "held_on",
                errors.HELD_BEFORE_APPROVAL.format(held=_d(held_on), approved=_d(plan.answered_on)),
            )
        )
    approved = plan.committee_size
    said = words_of_kind(entry.unit.kind).committee_short
    if committee_size is None:
        problems.append(FieldError("committee_size", errors.SIZE_REQUIRED.format(committee=said)))
    elif approved is not None and committee_size > approved:
        problems.append(
            FieldError(
                "committee_size",
                errors.SIZE_OVER_APPROVED.format(
                    committee=said, size=committee_size, approved=approved
                ),
            )
        )
    if delegates_elected is None:
        problems.append(FieldError("delegates_elected", errors.DELEGATES_REQUIRED))
    else:
        try:
            rules.check_delegates_elected(allocated=entry.seats, elected=delegates_elected)
        except rules.SeasonRuleError as error:
            problems.append(
                FieldError("delegates_elected", errors.DELEGATES.format(message=error.message))
            )
    return problems


@transaction.atomic
def send_result(
    *,
    entry: SeasonUnit,
    held_on: datetime.date | None,
    committee_size: int | None,
    delegates_elected: int | None,
    note: str,
    by: User | None,
    today: datetime.date,
) -> SeasonStep:
    """Send up the result of the congress held: committee elected, delegates elected (§2.10)."""
    entry = _locked_entry(entry)
    _refuse_twice(entry, StepKind.RESULT)
    problems = _result_problems(
        entry,
        held_on=held_on,
        committee_size=committee_size,
        delegates_elected=delegates_elected,
        today=today,
    )
    if problems:
        raise SeasonError(*problems)
    return SeasonStep.objects.create(
        entry=entry,
        kind=StepKind.RESULT,
        status=StepStatus.SENT,
        sent_on=today,
        sent_by=by,
        note=note.strip(),
        committee_size=committee_size,
        held_on=held_on,
        delegates_elected=delegates_elected,
    )


@transaction.atomic
def answer_step(
    *,
    step: SeasonStep,
    approve: bool,
    reason: str,
    answered_on: datetime.date,
    by: User | None,
    today: datetime.date,
) -> SeasonStep:
    """Approve a step sent up (a result file: complete, the §2.8 deadline starts) or return it."""
    step = SeasonStep.objects.select_for_update().get(pk=step.pk)
    if step.status != StepStatus.SENT:
        raise SeasonError.on(
            "status",
            errors.NOT_WAITING.format(
                step=step.get_kind_display(), status=step.get_status_display()
            ),
        )
    problems: list[FieldError] = []
    reason = reason.strip()
    if not approve and not reason:
        problems.append(FieldError("reason", errors.REASON_REQUIRED))
    if answered_on < step.sent_on:
        problems.append(
            FieldError(
                "answered_on",
                errors.ANSWER_BEFORE_SENT.format(answered=_d(answered_on), sent=_d(step.sent_on)),
            )
        )
    elif answered_on > today:
        problems.append(
            FieldError(
                "answered_on",
                errors.ANSWER_IN_FUTURE.format(answered=_d(answered_on), today=_d(today)),
            )
        )
    if problems:
        raise SeasonError(*problems)
    step.status = StepStatus.APPROVED if approve else StepStatus.RETURNED
    step.reason = "" if approve else reason
    step.answered_on = answered_on
    step.answered_by = by
    step.save(update_fields=["status", "reason", "answered_on", "answered_by"])
    return step


@transaction.atomic
def recognize(
    *,
    step: SeasonStep,
    decision_number: str,
    decided_on: datetime.date,
    by: User | None,
    today: datetime.date,
) -> SeasonStep:
    """Record the recognition decision (Mẫu 7b) of a complete result file (rules.md §2.8)."""
    step = SeasonStep.objects.select_for_update().get(pk=step.pk)
    words = words_of_kind(step.entry.unit.kind)
    if step.kind != StepKind.RESULT or step.status != StepStatus.APPROVED:
        raise SeasonError.on(
            "status",
            errors.RECOGNIZE_INCOMPLETE.format(
                recognize=words.recognize, status=step.get_status_display()
            ),
        )
    problems: list[FieldError] = []
    number = " ".join(decision_number.split())
    if not number:
        said = errors.DECISION_NUMBER_REQUIRED.format(
            recognize=words.recognize, example=words.decision_example
        )
        problems.append(FieldError("decision_number", said))
    complete = step.answered_on
    assert complete is not None  # an approved step has its answer's date
    if decided_on < complete:
        problems.append(
            FieldError(
                "decided_on",
                errors.DECIDED_BEFORE_COMPLETE.format(
                    decided=_d(decided_on), complete=_d(complete)
                ),
            )
        )
    elif decided_on > today:
        problems.append(
            FieldError(
                "decided_on",
                errors.DECIDED_IN_FUTURE.format(decided=_d(decided_on), today=_d(today)),
            )
        )
    if problems:
        raise SeasonError(*problems)
    step.status = StepStatus.RECOGNIZED
    step.decision_number = number
    step.decided_on = decided_on
    step.save(update_fields=["status", "decision_number", "decided_on"])
    # The officer register follows the recognition (a file from the congress record names them).
    from daihoi.season.results import register_officers

    register_officers(step)
    return step


def recognition_deadline(
    step: SeasonStep, *, today: datetime.date, days_off: rules.Calendar | None = None
) -> rules.Deadline | None:
    """Judge a result file against the 10 working days of §2.8 (None until the file is complete)."""
    if step.kind != StepKind.RESULT or step.answered_on is None:
        return None
    if step.status not in (StepStatus.APPROVED, StepStatus.RECOGNIZED):
        return None
    return rules.recognition_deadline(
        file_complete_on=step.answered_on,
        today=today,
        decided_on=step.decided_on,
        calendar=days_off or calendar(),
    )
