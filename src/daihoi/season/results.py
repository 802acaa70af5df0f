"""The result file of a congress the unit ran in daihoi: sent from the record, not typed.

The unit picks its congress; the figures of the file (congress date, committee elected,
official delegates elected) come from the congress's counted elections (read through
``daihoi.congresses.results``), and the unit adds what daihoi does not hold: the first meeting of
the new committee (hội nghị BCH lần thứ nhất, rules.md §2.8), whom it elected chủ tịch, phó chủ
tịch, Ủy ban Kiểm tra and its chủ nhiệm, with the votes. The step keeps the congress; its papers
(tờ trình, biên bản kiểm phiếu, danh sách trích ngang, biên bản hội nghị BCH lần thứ nhất) are
generated from that record by ``season.documents``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction

from daihoi.congresses import results
from daihoi.rules import season as season_rules
from daihoi.rules.names import fold, nfc
from daihoi.season import errors
from daihoi.season.errors import FieldError, SeasonError
from daihoi.season.models import (
    FirstMeeting,
    MeetingVote,
    OfficerRole,
    SeasonStep,
    SeasonUnit,
    StepKind,
    StepStatus,
)
from daihoi.season.models import Officer as RegisterOfficer
from daihoi.season.services import _d, _locked_entry, _refuse_twice, _result_problems
from daihoi.season.words import Words, words_of_kind
from daihoi.units.models import KIND_LEVEL

if TYPE_CHECKING:
    from daihoi.accounts.models import User
    from daihoi.units.models import Unit


def reelected_count(
    unit_id: int, people: Sequence[results.Elected], *, before_term: int
) -> int | None:
    """Count the people who sat on the unit's outgoing committee (the officer register's latest
    term before ``before_term``: ``outgoing_committee``), by member record where both sides have
    one, by name otherwise; None if the register holds none."""
    outgoing = outgoing_committee(unit_id=unit_id, before_term=before_term)
    if outgoing is None:
        return None
    return sum(1 for p in people if outgoing.sat_on(p.name, p.member_id))


def make_up(profiles: list[results.Profile], *, year: int) -> tuple[int | None, int | None]:
    """Count the women and the young (rules.season.is_young) of the committee; None if unknown."""
    genders = [p.gender for p in profiles if p.gender]
    years = [p.birth_year for p in profiles if p.birth_year]
    women = sum(1 for g in genders if g == "Nữ") if genders else None
    young = sum(1 for y in years if season_rules.is_young(birth_year=y, in_year=year))
    return women, (young if years else None)


INSPECTION_LABELS = {
    OfficerRole.INSPECTION: "Ủy ban Kiểm tra",
    OfficerRole.INSPECTION_CHAIR: "Chủ nhiệm Ủy ban Kiểm tra",
}


def role_label(role: str, words: Words) -> str:
    """Name an office in the words of the unit's organisation (Chủ tịch, a chi bộ's Bí thư)."""
    if role in (OfficerRole.CHAIR, OfficerRole.SECRETARY):
        return str(words.chair)
    if role == OfficerRole.VICE_CHAIR:
        return str(words.vice_chair)
    if role == OfficerRole.COMMITTEE:
        return str(words.committee_member)
    return INSPECTION_LABELS[OfficerRole(role)]


FIELDS = {
    OfficerRole.CHAIR: "chair",
    OfficerRole.VICE_CHAIR: "vice_chairs",
    OfficerRole.INSPECTION: "inspection",
    OfficerRole.INSPECTION_CHAIR: "inspection_chair",
}
_LINE = re.compile(r"^(?P<name>[^:]+?)\s*[:–-]\s*(?P<votes>\d{1,4})\s*(phiếu)?\s*$")


@dataclass(frozen=True)
class MeetingData:
    """What the unit types of its committee's first meeting: one "Họ và tên: số phiếu" a line."""

    held_on: datetime.date | None
    present: int | None
    chair: str = ""
    vice_chairs: str = ""
    inspection: str = ""
    inspection_chair: str = ""


@dataclass(frozen=True)
class Pick:
    role: str
    name: str
    votes: int


def _lines(role: str, text: str, problems: list[FieldError], words: Words) -> list[tuple[str, int]]:
    out = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = " ".join(nfc(raw).split())
        if not line:
            continue
        found = _LINE.match(line)
        if found is None:
            problems.append(
                FieldError(
                    FIELDS[role],
                    errors.MEETING_LINE.format(
                        label=role_label(role, words), line=number, text=line
                    ),
                )
            )
            continue
        out.append((found["name"], int(found["votes"])))
    return out


def _outcome(outcomes: list[results.Outcome], kind: str) -> results.Outcome | None:
    return next((o for o in outcomes if o.kind == kind), None)


def _direct_chair(outcomes: list[results.Outcome]) -> results.Outcome | None:
    """The chair elected by the congress itself: a union's Chủ tịch elected directly (rules.md
    §2.9), a chi bộ's Bí thư (elected at its congress, rules.md §3.1)."""
    return _outcome(outcomes, results.CHAIR) or _outcome(outcomes, results.PARTY_SECRETARY)


def _check_meeting(
    meeting: MeetingData,
    *,
    congress: Any,
    committee: tuple[results.Elected, ...],
    outcomes: list[results.Outcome],
    today: datetime.date,
) -> tuple[list[Pick], list[FieldError]]:
    """Check the first meeting: date, quorum of 2/3, each office over 1/2 of those present."""
    problems: list[FieldError] = []
    size = len(committee)
    words = words_of_kind(congress.unit.kind)
    said = words.committee_short
    if meeting.held_on is None:
        problems.append(
            FieldError("meeting_on", errors.MEETING_HELD_REQUIRED.format(committee=said))
        )
    elif meeting.held_on < congress.starts_on:
        problems.append(
            FieldError(
                "meeting_on",
                errors.MEETING_BEFORE_CONGRESS.format(
                    committee=said, held=_d(meeting.held_on), congress=_d(congress.starts_on)
                ),
            )
        )
    elif meeting.held_on > today:
        problems.append(
            FieldError(
                "meeting_on",
                errors.MEETING_IN_FUTURE.format(
                    committee=said, held=_d(meeting.held_on), today=_d(today)
                ),
            )
        )
    present = meeting.present
    if present is None:
        problems.append(
            FieldError("meeting_present", errors.MEETING_PRESENT_REQUIRED.format(committee=said))
        )
    elif present > size:
        problems.append(
            FieldError(
                "meeting_present",
                errors.MEETING_PRESENT_OVER.format(committee=said, present=present, size=size),
            )
        )
    elif 3 * present < 2 * size:
        problems.append(
            FieldError(
                "meeting_present",
                errors.MEETING_NO_QUORUM.format(committee=said, present=present, size=size),
            )
        )
    members = {fold(p.name): p.name for p in committee}
    picks: list[Pick] = []
    # A chair elected at the congress (bầu trực tiếp, rules.md §2.9) or a Ủy ban Kiểm tra
    # elected there are the congress's: the meeting elects only the others.
    direct_chair = _direct_chair(outcomes)
    congress_inspection = _outcome(outcomes, results.UBKT)
    typed = {
        OfficerRole.CHAIR: "" if direct_chair else meeting.chair,
        OfficerRole.VICE_CHAIR: meeting.vice_chairs,
        OfficerRole.INSPECTION: "" if congress_inspection else meeting.inspection,
        OfficerRole.INSPECTION_CHAIR: meeting.inspection_chair,
    }
    read = {role: _lines(role, text, problems, words) for role, text in typed.items()}
    if direct_chair is None:
        if not read[OfficerRole.CHAIR] and not any(f.field == "chair" for f in problems):
            problems.append(
                FieldError(
                    "chair",
                    errors.MEETING_CHAIR_REQUIRED.format(
                        chair=words.chair, committee=words.committee_short
                    ),
                )
            )
        elif len(read[OfficerRole.CHAIR]) > 1:
            problems.append(
                FieldError(
                    "chair",
                    errors.MEETING_CHAIR_ONE.format(
                        chair=words.chair, count=len(read[OfficerRole.CHAIR])
                    ),
                )
            )
    inspection = (
        {fold(p.name): p.name for p in congress_inspection.elected}
        if congress_inspection
        else {fold(n): n for n, _v in read[OfficerRole.INSPECTION]}
    )
    for role, lines in read.items():
        label = role_label(role, words)
        field = FIELDS[role]
        seen: set[str] = set()
        for name, votes in lines:
            key = fold(name)
            if key in seen:
                problems.append(
                    FieldError(field, errors.MEETING_TWICE.format(label=label, name=name))
                )
                continue
            seen.add(key)
            if role in (OfficerRole.CHAIR, OfficerRole.VICE_CHAIR) and key not in members:
                problems.append(
                    FieldError(
                        field,
                        errors.MEETING_NOT_IN_COMMITTEE.format(
                            label=label, name=name, count=size, committee=words.committee
                        ),
                    )
                )
                continue
            if role == OfficerRole.INSPECTION_CHAIR and key not in inspection:
                problems.append(
                    FieldError(field, errors.MEETING_NOT_IN_INSPECTION.format(name=name))
                )
                continue
            if present is not None and votes > present:
                problems.append(
                    FieldError(
                        field,
                        errors.MEETING_VOTES_OVER.format(
                            label=label, name=name, votes=votes, present=present
                        ),
                    )
                )
                continue
            if present is not None and 2 * votes <= present:
                problems.append(
                    FieldError(
                        field,
                        errors.MEETING_NOT_ELECTED.format(
                            label=label, name=name, votes=votes, present=present
                        ),
                    )
                )
                continue
            canonical = members.get(key) or inspection.get(key) or name
            picks.append(Pick(role, canonical, votes))
    return picks, problems


@transaction.atomic
def send_result_from_congress(
    *,
    entry: SeasonUnit,
    congress_id: int | None,
    meeting: MeetingData,
    note: str,
    by: User | None,
    today: datetime.date,
) -> SeasonStep:
    """Send up the result file of the congress the unit ran in daihoi, figures from its record.

    The congress date, the committee elected and the official delegates elected are the
    record's, checked against the plan as a typed file is (§2.10, §2.12); refused, nothing is
    written.
    """
    entry = _locked_entry(entry)
    _refuse_twice(entry, StepKind.RESULT)
    congress = results.congress_of_unit(entry.unit_id, congress_id or 0)
    if congress is None:
        raise SeasonError.on(
            "congress", errors.CONGRESS_NOT_OF_UNIT.format(congress_id=congress_id or "")
        )
    outcomes = results.outcomes_of(congress)
    bch = _outcome(outcomes, results.BCH)
    if bch is None or not bch.elected:
        said = words_of_kind(congress.unit.kind).committee
        raise SeasonError.on(
            "congress", errors.CONGRESS_NO_BCH.format(congress=congress.title, committee=said)
        )
    for outcome in outcomes:
        if outcome.kind in (
            results.BCH,
            results.CHAIR,
            results.PARTY_SECRETARY,
            results.DELEGATES,
            results.UBKT,
        ) and (not outcome.complete):
            raise SeasonError.on(
                "congress", errors.CONGRESS_BCH_UNDECIDED.format(title=outcome.title)
            )
    delegates = _outcome(outcomes, results.DELEGATES)
    problems = _result_problems(
        entry,
        held_on=congress.starts_on,
        committee_size=len(bch.elected),
        delegates_elected=len(delegates.elected) if delegates else 0,
        today=today,
    )
    # The record's figures are not typed: name them on the congress.
    problems = [FieldError("congress", p.message) for p in problems]
    picks, meeting_problems = _check_meeting(
        meeting, congress=congress, committee=bch.elected, outcomes=outcomes, today=today
    )
    problems += meeting_problems
    if problems:
        raise SeasonError(*problems)
    direct_chair = _direct_chair(outcomes)
    chairs = [p.name for p in direct_chair.elected] if direct_chair else []
    chairs += [p.name for p in picks if p.role == OfficerRole.CHAIR]
    women, young = make_up(results.profiles_of(list(bch.elected)), year=congress.starts_on.year)
    step = SeasonStep.objects.create(
        entry=entry,
        kind=StepKind.RESULT,
        status=StepStatus.SENT,
        sent_on=today,
        sent_by=by,
        note=note.strip(),
        committee_size=len(bch.elected),
        held_on=congress.starts_on,
        delegates_elected=len(delegates.elected) if delegates else 0,
        congress=congress,
        chair_name=chairs[0] if chairs else "",
        women=women,
        young=young,
        reelected=reelected_count(entry.unit_id, bch.elected, before_term=congress.term_start),
    )
    assert meeting.held_on is not None and meeting.present is not None
    first = FirstMeeting.objects.create(
        step=step, held_on=meeting.held_on, committee=len(bch.elected), present=meeting.present
    )
    order = list(OfficerRole)
    MeetingVote.objects.bulk_create(
        MeetingVote(meeting=first, role=p.role, full_name=p.name, votes=p.votes, order=n)
        for n, p in enumerate(sorted(picks, key=lambda p: order.index(OfficerRole(p.role))))
    )
    return step


# --- The record of a result file ------------------------------------------------------------


@dataclass(frozen=True)
class Officer:
    role: str
    name: str
    votes: int
    base: int  # the ballots the votes are over (the congress's, or those present at the meeting)
    at_congress: bool  # elected by the congress itself (a direct chair, a Ủy ban Kiểm tra)
    member_id: int | None = None  # the member record, when the result names one


@dataclass(frozen=True)
class ResultRecord:
    """Everything the generated papers say, read from the congress and the first meeting."""

    step: SeasonStep
    congress: Any
    outcomes: list[results.Outcome]
    committee: tuple[results.Elected, ...]
    delegates: results.Outcome | None
    meeting: FirstMeeting | None
    officers: list[Officer]
    typed_profiles: tuple[results.Profile, ...] | None = None  # a typed file's, as typed

    def profiles(self) -> list[results.Profile]:
        """Return the danh sách trích ngang's profile of each member of the committee."""
        if self.typed_profiles is not None:
            return list(self.typed_profiles)
        return results.profiles_of(list(self.committee))

    def holders(self, role: str) -> list[Officer]:
        return [o for o in self.officers if o.role == role]

    @property
    def chair(self) -> str:
        chairs = self.holders(OfficerRole.CHAIR) or self.holders(OfficerRole.SECRETARY)
        return chairs[0].name if chairs else ""

    @property
    def words(self) -> Words:
        """The words of the unit's organisation (a chi bộ's Bí thư and chi ủy)."""
        return words_of_kind(self.step.entry.unit.kind)

    def office_of(self, name: str) -> str:
        """Return the office the person holds in the committee ("Chủ tịch", "Ủy viên BCH")."""
        key = fold(name)
        for role in (OfficerRole.CHAIR, OfficerRole.SECRETARY, OfficerRole.VICE_CHAIR):
            if any(fold(o.name) == key for o in self.holders(role)):
                return role_label(role, self.words)
        member = str(self.words.committee_member)
        if any(fold(o.name) == key for o in self.holders(OfficerRole.INSPECTION_CHAIR)):
            return f"{member}, Chủ nhiệm UBKT"
        return member


def record_of(step: SeasonStep) -> ResultRecord | None:
    """Return the record behind a result file generated from a congress; None for a typed one."""
    if step.kind != StepKind.RESULT or step.congress_id is None:
        return None
    congress = step.congress
    outcomes = results.outcomes_of(congress)
    bch = _outcome(outcomes, results.BCH)
    meeting = FirstMeeting.objects.filter(step=step).prefetch_related("votes").first()
    officers: list[Officer] = []
    at_congress = (
        (OfficerRole.CHAIR, results.CHAIR),
        (OfficerRole.SECRETARY, results.PARTY_SECRETARY),
        (OfficerRole.INSPECTION, results.UBKT),
    )
    for role, kind in at_congress:
        found = _outcome(outcomes, kind)
        if found is not None:
            officers += [
                Officer(role, p.name, p.votes, p.base, True, p.member_id) for p in found.elected
            ]
    if meeting is not None:
        # The meeting elects among the committee (and the Ủy ban Kiểm tra): their records.
        known = {fold(p.name): p.member_id for p in (bch.elected if bch else ())}
        known |= {fold(o.name): o.member_id for o in officers}
        officers += [
            Officer(
                v.role, v.full_name, v.votes, meeting.present, False, known.get(fold(v.full_name))
            )
            for v in meeting.votes.all()
        ]
    order = list(OfficerRole)
    officers.sort(key=lambda o: order.index(OfficerRole(o.role)))
    return ResultRecord(
        step=step,
        congress=congress,
        outcomes=outcomes,
        committee=bch.elected if bch else (),
        delegates=_outcome(outcomes, results.DELEGATES),
        meeting=meeting,
        officers=officers,
    )


def _typed(step: SeasonStep) -> ResultRecord | None:
    from daihoi.season.typed import typed_record  # typed builds on this module

    return typed_record(step)


def decision_record(step: SeasonStep) -> ResultRecord:
    """Return the record a recognition decision is issued from, or refuse (rules.md §2.8).

    The decision is issued only on a complete file recognized by ``services.recognize`` (which
    refuses an incomplete file) and only from a file that names the people: generated from the
    congress record, or typed with its names (a file of figures only has no names to list).
    """
    words = words_of_kind(step.entry.unit.kind)
    if step.kind != StepKind.RESULT or step.status != StepStatus.RECOGNIZED:
        raise SeasonError.on(
            "status",
            errors.RECOGNIZE_INCOMPLETE.format(
                recognize=words.recognize, status=step.get_status_display()
            ),
        )
    record = record_of(step) or _typed(step)
    if record is None:
        said = errors.DECISION_NEEDS_RECORD.format(
            recognize=words.recognize, committee=words.committee
        )
        raise SeasonError.on("status", said)
    return record


# --- The officer register -------------------------------------------------------------------


def register_officers(step: SeasonStep) -> list[Officer]:
    """Record the recognized file's offices in the unit's register; end the previous holders'.

    Called by ``services.recognize`` in its transaction. A typed file with its names
    (``season.typed``) gives them; one with figures only names nobody: the register is left as
    it was.
    """
    record = record_of(step) or _typed(step)
    decided = step.decided_on
    if record is None or decided is None:
        return []
    unit_id = step.entry.unit_id
    RegisterOfficer.objects.filter(unit_id=unit_id, ended_on__isnull=True).update(ended_on=decided)
    congress = record.congress
    holders = [
        (o.role, o.name, o.member_id) for o in record.officers if o.role != OfficerRole.INSPECTION
    ]
    holders += [(OfficerRole.COMMITTEE, p.name, p.member_id) for p in record.committee]
    holders += [(o.role, o.name, o.member_id) for o in record.holders(OfficerRole.INSPECTION)]
    order = list(OfficerRole)
    holders.sort(key=lambda h: order.index(OfficerRole(h[0])))
    return RegisterOfficer.objects.bulk_create(
        RegisterOfficer(
            unit_id=unit_id,
            role=role,
            full_name=name,
            member_id=member_id,
            term_start=congress.term_start,
            term_end=congress.term_end,
            started_on=decided,
            step=step,
            order=n,
        )
        for n, (role, name, member_id) in enumerate(holders)
    )


def current_officers(unit_id: int) -> list[RegisterOfficer]:
    """Return the unit's officers now in office, in the order of the offices."""
    return list(RegisterOfficer.objects.filter(unit_id=unit_id, ended_on__isnull=True))


def officer_history(unit_id: int) -> list[RegisterOfficer]:
    """Return every office the unit's register holds, the latest term first."""
    return list(RegisterOfficer.objects.filter(unit_id=unit_id))


COMMITTEE_ROLES = frozenset({OfficerRole.COMMITTEE, OfficerRole.CHAIR, OfficerRole.SECRETARY})
INSPECTION_ROLES = frozenset({OfficerRole.INSPECTION, OfficerRole.INSPECTION_CHAIR})


@dataclass(frozen=True)
class OutgoingCommittee:
    """The unit's committee of the term before a congress, as the officer register holds it.

    A person is matched by member record where both the register and the result have one (two
    members of the same name are two people; a renamed member is one), else by name folded
    (``rules.names.fold``): a typed file and the register's older rows keep names only.
    """

    term_start: int
    term_end: int
    seats: tuple[tuple[str, str, int | None], ...]  # (role, folded name, member id) per office

    def _held(self, roles: frozenset[str], name: str, member_id: int | None) -> bool:
        key = fold(name)
        for role, held_key, held_id in self.seats:
            if role not in roles:
                continue
            if member_id is not None and held_id is not None:
                if member_id == held_id:
                    return True
            elif held_key == key:
                return True
        return False

    def sat_on(self, name: str, member_id: int | None = None) -> bool:
        """Tell whether the person sat on the committee (the chair or secretary among them)."""
        return self._held(COMMITTEE_ROLES, name, member_id)

    def chaired(self, name: str, member_id: int | None = None) -> bool:
        return self._held(frozenset({OfficerRole.CHAIR}), name, member_id)

    def led_cell(self, name: str, member_id: int | None = None) -> bool:
        """Tell whether the person was the Bí thư of the term before."""
        return self._held(frozenset({OfficerRole.SECRETARY}), name, member_id)

    def inspected(self, name: str, member_id: int | None = None) -> bool:
        """Tell whether the person sat on the Ủy ban Kiểm tra of the term before."""
        return self._held(INSPECTION_ROLES, name, member_id)


def chair_role(unit: Unit) -> OfficerRole:
    """The office of a unit's head: a Party unit's Bí thư (``led_cell``), else the Chủ tịch."""
    return OfficerRole.SECRETARY if KIND_LEVEL[unit.kind][0] == "dang" else OfficerRole.CHAIR


def outgoing_committee(*, unit_id: int, before_term: int) -> OutgoingCommittee | None:
    """Return the unit's latest committee of a term that began before ``before_term`` (one
    query); None when the register holds none (nothing is then said of re-election)."""
    rows = list(
        RegisterOfficer.objects.filter(
            unit_id=unit_id,
            term_start__lt=before_term,
            role__in=COMMITTEE_ROLES | INSPECTION_ROLES,
        )
        .order_by("-term_start", "order", "id")
        .values_list("term_start", "term_end", "role", "full_name", "member_id")
    )
    if not rows:
        return None
    start, end = rows[0][0], rows[0][1]
    return OutgoingCommittee(
        term_start=start,
        term_end=end,
        seats=tuple(
            (role, fold(name), member_id)
            for first, _, role, name, member_id in rows
            if first == start
        ),
    )


def current_signer(unit_id: int, role: str = OfficerRole.CHAIR) -> str:
    """Return who signs for the unit in that office now ("" when the register has nobody)."""
    holder = RegisterOfficer.objects.filter(unit_id=unit_id, role=role, ended_on__isnull=True)
    first = holder.first()
    return first.full_name if first else ""
