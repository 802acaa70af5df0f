"""The upper congress built from below: its delegates are those the lower congresses elected.

The season's upper unit holds its own congress (``Season.upper_congress``) with the official
delegates each lower congress of the season elected (rules.md §2.10: the number allocated by the
upper level), read from their counted elections through ``daihoi.congresses.results``, or from
the names a unit typed in its result file when its congress did not run in daihoi
(``season.typed``); an official who cannot attend is replaced by the next alternate of the same
unit, by the convening level's decision (``Replacement``); the outgoing committee of the upper
unit (its BCH in the officer register) attends ex officio (đại biểu đương nhiên, rules.md §8.2).
``preview`` says what the list will be, unit by unit; ``build_upper_list`` writes it in one
transaction through ``congresses.services.sync_sourced_delegates``: building again updates,
never duplicates.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from daihoi.congresses import results
from daihoi.congresses import services as congress_services
from daihoi.congresses.errors import CongressError
from daihoi.congresses.services import SourcedDelegate, SyncResult
from daihoi.rules.names import fold, nfc
from daihoi.season import errors
from daihoi.season.errors import FieldError, SeasonError
from daihoi.season.models import (
    LIVE_STATUSES,
    OfficerRole,
    Replacement,
    Season,
    SeasonStep,
    SeasonUnit,
    StepKind,
    TypedName,
    TypedRole,
)
from daihoi.season.models import Officer as RegisterOfficer
from daihoi.season.register import unique_members
from daihoi.season.results import role_label
from daihoi.season.services import _d
from daihoi.season.words import words_of_kind
from daihoi.units.models import PATH_SEGMENT_WIDTH, Unit
from daihoi.units.services import hidden_character_errors

if TYPE_CHECKING:
    from daihoi.accounts.models import User

# What congresses.models.DelegateKind calls them (the congress app checks the kind it gets).
ELECTED = "bau"
EX_OFFICIO = "duong-nhien"


class LineState(StrEnum):
    """Where a lower unit's delegates stand for the upper congress's list."""

    NO_CONGRESS = "chua-co-dai-hoi"
    NO_ELECTION = "khong-bau-dai-bieu"
    NOT_COUNTED = "chua-xong"
    OVER = "vuot-phan-bo"
    SHORT = "thieu"
    FULL = "du"

    @property
    def label(self) -> str:
        return str(STATE_LABELS[self])


STATE_LABELS = {
    LineState.NO_CONGRESS: _("Chưa có đại hội trên daihoi"),
    LineState.NO_ELECTION: _("Chưa có kết quả bầu đại biểu dự đại hội cấp trên"),
    LineState.NOT_COUNTED: _("Bầu đại biểu chưa xong"),
    LineState.OVER: _("Bầu vượt số được phân bổ"),
    LineState.SHORT: _("Bầu thiếu so với phân bổ"),
    LineState.FULL: _("Đủ số được phân bổ"),
}
# The outgoing committee in the convening unit's words (season.words): a union's Ban Chấp
# hành, a đảng bộ's Ban Chấp hành Đảng bộ; written on the delegate list in Vietnamese.
EX_OFFICIO_NOTE = "Ủy viên {committee} khóa đương nhiệm"
EX_OFFICIO_TOO = "Đồng thời là ủy viên {committee} khóa đương nhiệm"
REPLACED_NOTE = "Dự khuyết thay đồng chí {official} ({decision}, ngày {day})"
NOTE_MAX = 300


@dataclass(frozen=True)
class Person:
    """One person of a lower unit for the upper list: an official, or an alternate."""

    key: str
    name: str
    votes: int
    base: int
    delegate_id: int | None
    member_id: int | None
    replaced_by: Replacement | None = None  # an official who cannot attend
    replaces: Replacement | None = None  # an alternate who takes an official's place


@dataclass(frozen=True)
class UnitLine:
    entry: SeasonUnit
    congress: Any
    state: LineState
    officials: list[Person]
    alternates: list[Person]

    @property
    def attending(self) -> list[Person]:
        """Those the unit sends: officials not replaced, then the alternates replacing."""
        kept = [p for p in self.officials if p.replaced_by is None]
        return kept + [p for p in self.alternates if p.replaces is not None]

    @property
    def shortfall(self) -> int:
        return max(self.entry.seats - len(self.officials), 0)

    @property
    def over(self) -> int:
        return max(len(self.officials) - self.entry.seats, 0)


@dataclass(frozen=True)
class UpperList:
    season: Season
    congress: Any
    lines: list[UnitLine]
    ex_officio: list[RegisterOfficer]  # those not elected from below as well
    problems: list[str] = field(default_factory=list)
    records: dict[int, Records] = field(default_factory=dict)  # of the ex officio, by officer
    # Members of the outgoing committee elected from below as well: on the list once, elected.
    also_ex_officio: frozenset[int] = frozenset()

    @property
    def seats(self) -> int:
        return sum(line.entry.seats for line in self.lines)

    @property
    def elected(self) -> int:
        return sum(len(line.officials) for line in self.lines)

    @property
    def attending(self) -> int:
        return sum(len(line.attending) for line in self.lines)

    @property
    def shortfall(self) -> int:
        return sum(line.shortfall for line in self.lines if line.state != LineState.OVER)

    @property
    def replacements(self) -> int:
        return sum(1 for line in self.lines for p in line.alternates if p.replaces)

    @property
    def total(self) -> int:
        return self.attending + len(self.ex_officio)


@dataclass(frozen=True)
class UpperBranch:
    """A unit directly below the season's unit: its units' delegates elected and allocated."""

    unit: Unit
    units: int
    elected: int
    seats: int


@dataclass(frozen=True)
class UpperView:
    """What one page of the upper congress's preview shows: the lines the filters keep (all of
    them, to be paged), the count of each state among the branch's lines, the branches."""

    lines: list[UnitLine]
    counts: list[tuple[LineState, int]]
    total: int
    branches: list[UpperBranch]


def view_of(upper: UpperList, *, branch_id: int | None = None, state: str = "") -> UpperView:
    """Narrow the preview to a branch of the tree and to a state; unknown values: no filter.

    The totals and the problems of ``upper`` stay those of the whole season: a page shows a part
    of the list, the build writes all of it.
    """
    season = upper.season
    children = list(Unit.objects.filter(parent_id=season.unit_id).order_by("name_key", "id"))
    width = len(season.unit.path) + PATH_SEGMENT_WIDTH
    by_path = {c.path: c for c in children}
    tally: dict[int, list[int]] = {c.pk: [0, 0, 0] for c in children}
    kept = []
    for line in upper.lines:
        top = by_path.get(line.entry.unit.path[:width])
        if top is not None:
            t = tally[top.pk]
            t[0] += 1
            t[1] += len(line.officials)
            t[2] += line.entry.seats
        if branch_id is None or (top is not None and top.pk == branch_id):
            kept.append(line)
    counts = [(s, sum(1 for line in kept if line.state is s)) for s in LineState]
    shown = [line for line in kept if line.state == state] if state in LineState else kept
    return UpperView(
        lines=shown,
        counts=counts,
        total=len(kept),
        branches=[UpperBranch(c, *tally[c.pk]) for c in children if tally[c.pk][0]],
    )


def person_key(unit_id: int, person: results.Elected) -> str:
    """Name the person in the source list: by their record at the lower congress, else by name."""
    if person.delegate_id:
        who = f"d{person.delegate_id}"
    elif person.member_id:
        who = f"m{person.member_id}"
    else:
        who = "n" + hashlib.sha256(fold(person.name).encode()).hexdigest()[:16]
    return f"u{unit_id}-{who}"


def source_of(season: Season) -> str:
    return f"mua-dai-hoi-{season.pk}"


def _lower_congresses(season: Season, entries: list[SeasonUnit]) -> dict[int, Any]:
    """Each unit's congress: the one its result file came from, else its latest of the term."""
    steps = SeasonStep.objects.filter(
        entry__season=season,
        kind=StepKind.RESULT,
        status__in=LIVE_STATUSES,
        congress__isnull=False,
    ).values_list("entry__unit_id", "congress_id")
    from_files = dict(steps)
    by_id = results.congresses_by_id(list(from_files.values()))
    latest = results.latest_congresses_of_units(
        [e.unit_id for e in entries if e.unit_id not in from_files], term_start=season.term_start
    )
    out: dict[int, Any] = {u: by_id[c] for u, c in from_files.items() if c in by_id}
    for unit_id, congress in latest.items():
        out.setdefault(unit_id, congress)
    return out


def _typed_delegates(season: Season, entries: list[SeasonUnit]) -> dict[int, results.Outcome]:
    """The delegates of the result files typed with their names, as an election's outcome."""
    rows = TypedName.objects.filter(
        step__entry__in=entries,
        step__kind=StepKind.RESULT,
        step__status__in=LIVE_STATUSES,
        step__congress__isnull=True,
        role__in=(TypedRole.DELEGATE, TypedRole.ALTERNATE),
    ).values_list("step__entry__unit_id", "role", "full_name")
    lists: dict[int, tuple[list[str], list[str]]] = {}
    for unit_id, role, name in rows:
        lists.setdefault(unit_id, ([], []))[role == TypedRole.ALTERNATE].append(name)
    return {
        unit_id: results.Outcome(
            kind=results.DELEGATES,
            title="",
            seats=len(elected),
            elected=tuple(results.Elected(n, 0, 0) for n in elected),
            alternates=tuple(results.Elected(n, 0, 0) for n in alternates),
            complete=True,
            rounds=0,
            summoned=0,
            present=0,
            counted_on=None,
        )
        for unit_id, (elected, alternates) in lists.items()
    }


def _line(
    entry: SeasonUnit,
    congress: Any,
    replacements: list[Replacement],
    typed: results.Outcome | None = None,
    outcomes: list[results.Outcome] | None = None,
) -> UnitLine:
    if congress is None and typed is None:
        return UnitLine(entry, None, LineState.NO_CONGRESS, [], [])
    if congress is None:
        outcome: results.Outcome | None = typed
    else:
        found = outcomes if outcomes is not None else results.outcomes_of(congress)
        outcome = next((o for o in found if o.kind == results.DELEGATES), None)
    if outcome is None:
        return UnitLine(entry, congress, LineState.NO_ELECTION, [], [])
    if not outcome.complete:
        return UnitLine(entry, congress, LineState.NOT_COUNTED, [], [])
    by_official = {r.official_key: r for r in replacements}
    by_alternate = {r.alternate_key: r for r in replacements}

    def person(p: results.Elected, *, alternate: bool) -> Person:
        key = person_key(entry.unit_id, p)
        return Person(
            key=key,
            name=p.name,
            votes=p.votes,
            base=p.base,
            delegate_id=p.delegate_id,
            member_id=p.member_id,
            replaced_by=None if alternate else by_official.get(key),
            replaces=by_alternate.get(key) if alternate else None,
        )

    officials = [person(p, alternate=False) for p in outcome.elected]
    alternates = [person(p, alternate=True) for p in outcome.alternates]
    if len(officials) > entry.seats:
        state = LineState.OVER
    elif len(officials) < entry.seats:
        state = LineState.SHORT
    else:
        state = LineState.FULL
    return UnitLine(entry, congress, state, officials, alternates)


def preview(season: Season, *, congress: Any = None) -> UpperList:
    """Return what the upper congress's list will be, unit by unit, and what stops building it."""
    congress = congress if congress is not None else season.upper_congress
    entries = list(season.entries.select_related("unit").prefetch_related("replacements"))
    lowers = _lower_congresses(season, entries)
    typed = _typed_delegates(season, entries)
    # Every lower congress's elections in one batch of queries, not a few queries each.
    outcomes = results.outcomes_by_congress(list({c.pk: c for c in lowers.values()}.values()))
    lines = [
        _line(
            e,
            lowers.get(e.unit_id),
            list(e.replacements.all()),
            typed.get(e.unit_id),
            outcomes.get(lowers[e.unit_id].pk) if e.unit_id in lowers else None,
        )
        for e in entries
    ]
    ex_officio = list(
        RegisterOfficer.objects.filter(
            unit_id=season.unit_id, role=OfficerRole.COMMITTEE, ended_on__isnull=True
        )
    )
    # An outgoing committee member a lower congress elected too is one person: once on the list.
    records = ex_officio_records(season, ex_officio)
    elected = {p.member_id for line in lines for p in line.attending if p.member_id is not None}
    member_of = {o.pk: o.member_id or records.get(o.pk, Records()).member_id for o in ex_officio}
    both = frozenset(m for m in member_of.values() if m is not None and m in elected)
    ex_officio = [o for o in ex_officio if member_of[o.pk] not in both]
    problems = []
    if congress is None:
        problems.append(errors.UPPER_CONGRESS_REQUIRED.format(unit=season.unit.name))
    for line in lines:
        if line.state == LineState.OVER:
            problems.append(
                errors.UPPER_OVER_ALLOCATION.format(
                    unit=line.entry.unit.name, elected=len(line.officials), seats=line.entry.seats
                )
            )
    return UpperList(season, congress, lines, ex_officio, problems, records, both)


@dataclass(frozen=True)
class Records:
    """Where an outgoing committee member's profile is kept (gender, birth date, ethnicity...)."""

    delegate_id: int | None = None
    member_id: int | None = None


def ex_officio_records(season: Season, officers: list[RegisterOfficer]) -> dict[int, Records]:
    """Find each outgoing committee member's records, by register officer id.

    The register keeps names only. The profile is in the delegate record at the congress that
    elected the committee, when the recognized file came from a congress run in daihoi (its BCH
    election names the records). Otherwise it is in the member record: the one member of the
    unit's tree with that name (the active one when several are, nobody when the name is
    ambiguous: a namesake's profile must not be taken).
    """
    found: dict[int, Records] = {}
    steps = {o.step_id for o in officers if o.step_id}
    congress_of = dict(
        SeasonStep.objects.filter(pk__in=steps, congress__isnull=False).values_list(
            "pk", "congress_id"
        )
    )
    congresses = results.congresses_by_id(sorted(set(congress_of.values())))
    elected_by_step: dict[int, dict[str, results.Elected]] = {}
    for step_id, congress_id in congress_of.items():
        congress = congresses.get(congress_id)
        outcomes = results.outcomes_of(congress) if congress is not None else []
        bch = next((o for o in outcomes if o.kind == results.BCH), None)
        elected_by_step[step_id] = {fold(p.name): p for p in (bch.elected if bch else ())}
    for officer in officers:
        person = elected_by_step.get(officer.step_id or 0, {}).get(fold(officer.full_name))
        if person is not None and (person.delegate_id or person.member_id):
            found[officer.pk] = Records(person.delegate_id, person.member_id)
    rest = [o for o in officers if o.pk not in found]
    if not rest:
        return found
    members = unique_members(season.unit, (o.full_name for o in rest))
    for officer in rest:
        member_id = members.get(fold(officer.full_name))
        if member_id is not None:
            found[officer.pk] = Records(member_id=member_id)
    return found


def _sourced(upper: UpperList) -> list[SourcedDelegate]:
    people = []
    with translation.override(settings.LANGUAGE_CODE):  # the list is a document of record
        words = words_of_kind(upper.season.unit.kind)
        committee = str(words.committee)
        offices = {role: role_label(role, words) for role in OfficerRole}
    also = EX_OFFICIO_TOO.format(committee=committee)
    for officer in upper.ex_officio:
        found = upper.records.get(officer.pk, Records())
        member_id = officer.member_id or found.member_id
        people.append(
            SourcedDelegate(
                key=f"dn{officer.pk}",
                kind=EX_OFFICIO,
                full_name=officer.full_name,
                origin_unit_id=upper.season.unit_id,
                origin_note=EX_OFFICIO_NOTE.format(committee=committee),
                position=offices[OfficerRole(officer.role)],
                from_delegate_id=found.delegate_id,
                member_id=member_id,
            )
        )
    for line in upper.lines:
        for person in line.attending:
            notes = [also] if person.member_id in upper.also_ex_officio else []
            if person.replaces is not None:
                r = person.replaces
                notes.append(
                    REPLACED_NOTE.format(
                        official=r.official_name, decision=r.decision, day=_d(r.decided_on)
                    )
                )
            note = "; ".join(notes)[:NOTE_MAX]
            people.append(
                SourcedDelegate(
                    key=person.key,
                    kind=ELECTED,
                    full_name=person.name,
                    origin_unit_id=line.entry.unit_id,
                    origin_note=note,
                    from_delegate_id=person.delegate_id,
                    member_id=person.member_id,
                )
            )
    return people


@transaction.atomic
def build_upper_list(*, season: Season) -> SyncResult:
    """Write the upper congress's delegates from the lower congresses, all or nothing.

    Refused, with the numbers, when no upper congress is chosen or a unit elected more officials
    than it was allocated (rules.md §2.10); building again brings the list up to date.
    """
    season = Season.objects.select_for_update().select_related("unit").get(pk=season.pk)
    upper = preview(season)
    if upper.problems:
        raise SeasonError(*(FieldError(None, p) for p in upper.problems))
    try:
        return congress_services.sync_sourced_delegates(
            congress=upper.congress, source=source_of(season), people=_sourced(upper)
        )
    except CongressError as error:
        raise SeasonError(
            *(FieldError(None, errors.UPPER_LIST_REFUSED.format(message=m)) for m in error.messages)
        ) from error


@transaction.atomic
def set_upper_congress(*, season: Season, congress_id: int | None) -> Season:
    """Choose the upper unit's congress that receives the delegates (a delegate congress)."""
    congress = results.congress_of_unit(season.unit_id, congress_id or 0)
    if congress is None:
        raise SeasonError.on(
            "congress",
            errors.UPPER_CONGRESS_NOT_OF_UNIT.format(
                congress_id=congress_id or "", unit=season.unit.name
            ),
        )
    if not congress.is_delegate_form:
        raise SeasonError.on(
            "congress", errors.UPPER_NOT_DELEGATE_FORM.format(congress=congress.title)
        )
    season.upper_congress = congress
    season.save(update_fields=["upper_congress"])
    return season


@transaction.atomic
def replace_official(
    *,
    entry: SeasonUnit,
    official: str,
    decision: str,
    decided_on: datetime.date | None,
    by: User | None,
    today: datetime.date,
) -> Replacement:
    """Record the convening level's decision: the next alternate of the unit replaces an official.

    The alternate is the next in order of votes not yet replacing anyone (rules.md §2.10).
    """
    entry = SeasonUnit.objects.select_for_update().select_related("unit", "season").get(pk=entry.pk)
    season = entry.season
    congress = _lower_congresses(season, [entry]).get(entry.unit_id)
    typed = _typed_delegates(season, [entry]).get(entry.unit_id)
    line = _line(entry, congress, list(entry.replacements.all()), typed)
    unit = entry.unit.name
    problems = hidden_character_errors(
        official=("Đại biểu chính thức", official), decision=("Quyết định", decision)
    )
    if problems:
        raise SeasonError(*problems)
    decision = " ".join(nfc(decision).split())
    if not decision:
        problems.append(FieldError("decision", errors.REPLACE_DECISION_REQUIRED))
    if decided_on is None:
        problems.append(FieldError("decided_on", errors.REPLACE_DECISION_REQUIRED))
    elif decided_on > today:
        problems.append(
            FieldError(
                "decided_on",
                errors.REPLACE_DECIDED_IN_FUTURE.format(decided=_d(decided_on), today=_d(today)),
            )
        )
    if line.state not in (LineState.FULL, LineState.SHORT, LineState.OVER):
        problems.append(FieldError("official", errors.REPLACE_NO_RESULTS.format(unit=unit)))
        raise SeasonError(*problems)
    wanted = fold(" ".join(nfc(official).split()))
    found = next((p for p in line.officials if fold(p.name) == wanted), None)
    if found is None:
        problems.append(
            FieldError("official", errors.REPLACE_UNKNOWN_OFFICIAL.format(unit=unit, name=official))
        )
    elif found.replaced_by is not None:
        r = found.replaced_by
        problems.append(
            FieldError(
                "official",
                errors.REPLACE_TWICE.format(
                    name=found.name, alternate=r.alternate_name, decision=r.decision
                ),
            )
        )
    free = [p for p in line.alternates if p.replaces is None]
    if found is not None and not free:
        problems.append(
            FieldError(
                "official",
                errors.REPLACE_NO_ALTERNATE.format(
                    unit=unit,
                    name=found.name,
                    alternates=len(line.alternates),
                    used=len(line.alternates) - len(free),
                ),
            )
        )
    if problems:
        raise SeasonError(*problems)
    assert found is not None and decided_on is not None
    alternate = free[0]  # the alternates come in order of votes (congresses.results)
    return Replacement.objects.create(
        entry=entry,
        official_name=found.name,
        official_key=found.key,
        alternate_name=alternate.name,
        alternate_key=alternate.key,
        decision=decision,
        decided_on=decided_on,
        created_by=by,
    )
