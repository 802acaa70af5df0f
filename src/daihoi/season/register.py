"""The officer register (sổ theo dõi cán bộ) read as a page, and kept by hand where daihoi is new.

The register is written when the upper level recognizes a committee through a season
(``results.register_officers``). A unit that starts using daihoi has none: its first congress in
daihoi could not say who was re-elected (``results.outgoing_committee``) and its upper congress
would have no ex officio delegates. So its administrator records the committee in office by hand,
once, with the decision that recognized it (``record_incumbent_committee``): the rows are those a
recognition writes (each office, every committee member, the Ủy ban Kiểm tra) without a step, and
with the decision as typed in ``source``. A later recognition ends them as it ends any.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from daihoi.rules import season as rules
from daihoi.rules.names import fold, nfc, sort_key
from daihoi.rules.numbers import number_vi
from daihoi.season import errors
from daihoi.season.errors import FieldError, SeasonError
from daihoi.season.models import Officer, OfficerRole
from daihoi.season.results import chair_role, role_label
from daihoi.season.services import _d, committee_level, term_problems
from daihoi.season.typed import office_problems
from daihoi.season.words import Words, words_of_kind
from daihoi.units.models import Member, MemberStatus, Unit
from daihoi.units.queries import active_members_below
from daihoi.units.services import hidden_character_errors

SOURCE_MAX = 300  # Officer.source
NAME_MAX = 200  # Officer.full_name


@dataclass(frozen=True)
class IncumbentCommittee:
    """What the unit types of its committee in office: the lists one name a line."""

    term_start: int | None
    term_end: int | None
    started_on: datetime.date | None  # the day the upper level recognized the committee
    source: str  # the decision, as the unit writes it: "Quyết định số ... ngày ..."
    chair: str
    vice_chairs: str = ""
    committee: str = ""  # the other members of the committee (the chair and vices may be in it)
    inspection: str = ""
    inspection_chair: str = ""


def labels(words: Words) -> dict[str, str]:
    """Name the fields of the form in the words of the unit's organisation."""
    return {
        "chair": str(words.chair),
        "vice_chairs": str(words.vice_chair),
        "committee": str(words.committee),
        "inspection": "Ủy ban Kiểm tra",
        "inspection_chair": "Chủ nhiệm Ủy ban Kiểm tra",
    }


def unique_members(top: Unit, names: Iterable[str]) -> dict[str, int]:
    """Find the member record of each name in ``top``'s tree, by folded name (one query).

    The one member of that name, or the one active member when several share it; nobody when
    the name stays ambiguous: a namesake's record must not be taken.
    """
    wanted = {sort_key(n) for n in names}
    if not wanted:
        return {}
    found: dict[str, list[tuple[int, str]]] = {}
    rows = (
        Member.objects.in_subtree(top)
        .filter(name_key__in=wanted)
        .values_list("pk", "full_name", "status")
    )
    for pk, name, status in rows:
        found.setdefault(fold(name), []).append((pk, status))
    out: dict[str, int] = {}
    for key, same in found.items():
        active = [pk for pk, status in same if status == MemberStatus.ACTIVE]
        if len(same) == 1:
            out[key] = same[0][0]
        elif len(active) == 1:
            out[key] = active[0]
    return out


def _names(field: str, text: str, label: str, problems: list[FieldError]) -> list[str]:
    seen: dict[str, str] = {}  # folded -> as first typed
    for number, raw in enumerate(text.splitlines(), start=1):
        name = " ".join(nfc(raw).split())
        if not name:
            continue
        if len(name) > NAME_MAX:
            problems.append(
                FieldError(field, errors.TYPED_NAME_TOO_LONG.format(label=label, line=number))
            )
        elif fold(name) in seen:
            first = seen[fold(name)]
            problems.append(FieldError(field, errors.TYPED_TWICE.format(label=label, name=first)))
        else:
            seen[fold(name)] = name
    return list(seen.values())


def _dates(
    data: IncumbentCommittee,
    words: Words,
    *,
    ended_on: datetime.date | None,
    today: datetime.date,
    problems: list[FieldError],
) -> None:
    start, end = data.term_start, data.term_end
    if start is None or end is None:
        field = "term_start" if start is None else "term_end"
        problems.append(FieldError(field, errors.REGISTER_TERM_REQUIRED))
    else:
        problems += term_problems(start, end)
    recognize, started = words.recognize, data.started_on
    if started is None:
        problems.append(
            FieldError(
                "started_on",
                errors.REGISTER_STARTED_REQUIRED.format(
                    recognize=recognize, committee=words.committee
                ),
            )
        )
        return
    if started > today:
        problems.append(
            FieldError(
                "started_on",
                errors.REGISTER_STARTED_IN_FUTURE.format(
                    recognize=recognize, day=_d(started), today=_d(today)
                ),
            )
        )
    elif start is not None and end is not None and not start <= started.year <= end:
        problems.append(
            FieldError(
                "started_on",
                errors.REGISTER_STARTED_OUTSIDE_TERM.format(
                    recognize=recognize, day=_d(started), start=start, end=end
                ),
            )
        )
    if ended_on is not None and ended_on < started:
        problems.append(
            FieldError(
                "ended_on",
                errors.REGISTER_ENDED_BEFORE_START.format(ended=_d(ended_on), started=_d(started)),
            )
        )
    elif ended_on is not None and ended_on > today:
        problems.append(
            FieldError(
                "ended_on",
                errors.REGISTER_ENDED_IN_FUTURE.format(ended=_d(ended_on), today=_d(today)),
            )
        )


def source_of(officer: Officer, words: Words) -> str:
    if officer.step is not None:
        step = officer.step
        return errors.REGISTER_FROM_STEP.format(
            recognize=words.recognize,
            number=step.decision_number or "…",
            day=_d(step.decided_on) if step.decided_on else "…",
        )
    return errors.REGISTER_BY_HAND.format(source=officer.source)


def _seats(unit: Unit, lists: dict[str, list[str]]) -> list[tuple[str, str]]:
    """The register's rows, as a recognition writes them (``results.register_officers``): each
    office, then every committee member (its chair and vices among them), then the Ủy ban Kiểm
    tra (its chủ nhiệm among them), in the order of the offices."""
    seats = [(chair_role(unit).value, n) for n in lists["chair"]]
    seats += [(OfficerRole.VICE_CHAIR.value, n) for n in lists["vice_chairs"]]
    seats += [(OfficerRole.INSPECTION_CHAIR.value, n) for n in lists["inspection_chair"]]
    committee = lists["chair"] + lists["vice_chairs"] + lists["committee"]
    inspection = lists["inspection_chair"] + lists["inspection"]
    for role, names in ((OfficerRole.COMMITTEE, committee), (OfficerRole.INSPECTION, inspection)):
        seen: set[str] = set()
        for name in names:
            if fold(name) not in seen:
                seen.add(fold(name))
                seats.append((role.value, name))
    order = list(OfficerRole)
    seats.sort(key=lambda s: order.index(OfficerRole(s[0])))
    return seats


@transaction.atomic
def record_incumbent_committee(
    *,
    unit: Unit,
    data: IncumbentCommittee,
    today: datetime.date,
    ended_on: datetime.date | None = None,
) -> list[Officer]:
    """Record by hand the unit's committee in office, when the register has none current.

    Checked as a whole and written all or nothing: the term (end after start, at most five
    years), the decision's day (not in the future, in the term) and its text, exactly one chair,
    no name twice in a list, the committee no larger than §2.12 allows for the unit's members.
    ``ended_on`` records a committee whose term has ended (the demo's term before its first
    congress, ``season.demo``); the page records the incumbent only.
    """
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    words = words_of_kind(unit.kind)
    current = (
        Officer.objects.filter(unit_id=unit.pk, ended_on__isnull=True)
        .select_related("step")
        .first()
    )
    if current is not None:
        raise SeasonError.on(
            None,
            errors.REGISTER_HAS_CURRENT.format(
                unit=unit.name,
                committee=words.committee,
                source=source_of(current, words),
                recognize=words.recognize,
            ),
        )
    named = labels(words)
    problems = hidden_character_errors(
        source=("Số, nguồn quyết định", data.source),
        **{f: (named[f], getattr(data, f)) for f in named},
    )
    if problems:
        raise SeasonError(*problems)
    _dates(data, words, ended_on=ended_on, today=today, problems=problems)
    source = " ".join(nfc(data.source).split())
    if not source:
        problems.append(
            FieldError(
                "source",
                errors.REGISTER_SOURCE_REQUIRED.format(
                    recognize=words.recognize,
                    committee=words.committee,
                    example=words.decision_example,
                ),
            )
        )
    elif len(source) > SOURCE_MAX:
        problems.append(
            FieldError(
                "source",
                errors.REGISTER_SOURCE_TOO_LONG.format(limit=SOURCE_MAX, length=len(source)),
            )
        )
    lists = {f: _names(f, getattr(data, f), named[f], problems) for f in named}
    if not lists["chair"]:
        problems.append(
            FieldError("chair", errors.REGISTER_CHAIR_REQUIRED.format(chair=words.chair))
        )
    elif len(lists["chair"]) > 1:
        problems.append(
            FieldError(
                "chair", errors.TYPED_CHAIR_ONE.format(chair=words.chair, count=len(lists["chair"]))
            )
        )
    problems += office_problems(lists, words)
    seats = _seats(unit, lists)
    size = sum(1 for role, _ in seats if role == OfficerRole.COMMITTEE)
    members = active_members_below(unit, [unit])[unit.pk]
    limit = rules.committee_size_limit(level=committee_level(unit.kind), members=members)
    # Only the top of §2.12 is checked: a committee in office may have fewer members than it
    # was elected with, and the unit may know only some of their names.
    if limit.high is not None and size > limit.high:
        message = rules.MSG_SIZE_ABOVE.format(
            size=size, high=limit.high, members=number_vi(members), clause=rules.CL_SIZES
        )
        problems.append(
            FieldError(
                "committee",
                errors.REGISTER_SIZE_OVER.format(label=words.committee, message=message),
            )
        )
    if problems:
        raise SeasonError(*problems)
    assert data.term_start is not None and data.term_end is not None
    assert data.started_on is not None
    records = unique_members(unit, (name for _, name in seats))
    return Officer.objects.bulk_create(
        Officer(
            unit=unit,
            role=role,
            full_name=name,
            member_id=records.get(fold(name)),
            term_start=data.term_start,
            term_end=data.term_end,
            started_on=data.started_on,
            ended_on=ended_on,
            source=source,
            order=n,
        )
        for n, (role, name) in enumerate(seats)
    )


@dataclass(frozen=True)
class Term:
    """One committee of the register: its term, dates and source, its people by office."""

    term_start: int
    term_end: int
    started_on: datetime.date
    ended_on: datetime.date | None
    source: str  # the recognition decision, or "ghi tay: ..." and what the unit typed
    offices: list[tuple[str, list[str]]]  # (office in the unit's words, names) in office order


@dataclass(frozen=True)
class Register:
    current: list[Term]
    past: list[Term]

    @property
    def can_record(self) -> bool:
        return not self.current


def register_of(unit: Unit) -> Register:
    """Return the unit's register by committee, the one in office first, then the past terms
    latest first (one query)."""
    words = words_of_kind(unit.kind)
    terms: dict[tuple[object, ...], Term] = {}
    for o in Officer.objects.filter(unit_id=unit.pk).select_related("step"):
        key = (o.term_start, o.term_end, o.started_on, o.ended_on, o.step_id, o.source)
        term = terms.get(key)
        if term is None:
            term = terms[key] = Term(
                o.term_start, o.term_end, o.started_on, o.ended_on, source_of(o, words), []
            )
        office = role_label(o.role, words)
        if term.offices and term.offices[-1][0] == office:
            term.offices[-1][1].append(o.full_name)
        else:
            term.offices.append((office, [o.full_name]))
    return Register(
        current=[t for t in terms.values() if t.ended_on is None],
        past=[t for t in terms.values() if t.ended_on is not None],
    )
