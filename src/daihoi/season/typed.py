"""A result file typed by hand, with its names: a unit whose congress did not run in daihoi.

The unit, or the upper level for it, types the congress's day, the committee elected (one name a
line, with what the danh sách trích ngang says of the person after semicolons, in any order: birth
year, Nam or Nữ, "đảng viên", position and workplace: "Nguyễn Thị An; 1980; Nữ; Chuyên viên Văn
phòng Sở"), the chair and vice chairs the first meeting elected, the Ủy ban Kiểm tra and its chủ
nhiệm, and the official delegates and alternates (in order of votes) elected to the upper
congress. Checked against the plan as a file from the record is (§2.10, §2.12) and written all or
nothing. Once recognized, it gives the recognition decision (Mẫu 7b) and the officer register
their names (``typed_record``), and the upper congress its delegates (``season.upper``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction

from daihoi.congresses import results
from daihoi.rules.names import fold, nfc
from daihoi.rules.profiles import PROFILES, Profile
from daihoi.season import errors
from daihoi.season.errors import FieldError, SeasonError
from daihoi.season.models import (
    OfficerRole,
    SeasonStep,
    SeasonUnit,
    StepKind,
    StepStatus,
    TypedName,
    TypedRole,
)
from daihoi.season.results import Officer, ResultRecord, chair_role, make_up, reelected_count
from daihoi.season.services import _locked_entry, _refuse_twice, _result_problems
from daihoi.season.words import Words, words_of_kind
from daihoi.units.models import KIND_LEVEL
from daihoi.units.services import hidden_character_errors

if TYPE_CHECKING:
    from daihoi.accounts.models import User

LABELS = {
    "committee": "Ban Chấp hành",
    "chair": "Chủ tịch",
    "vice_chairs": "Phó Chủ tịch",
    "inspection": "Ủy ban Kiểm tra",
    "inspection_chair": "Chủ nhiệm Ủy ban Kiểm tra",
    "delegates": "Đại biểu chính thức",
    "alternates": "Đại biểu dự khuyết",
}
ROLES = {
    "committee": TypedRole.COMMITTEE,
    "chair": TypedRole.CHAIR,
    "vice_chairs": TypedRole.VICE_CHAIR,
    "inspection": TypedRole.INSPECTION,
    "inspection_chair": TypedRole.INSPECTION_CHAIR,
    "delegates": TypedRole.DELEGATE,
    "alternates": TypedRole.ALTERNATE,
}


@dataclass(frozen=True)
class TypedResult:
    """What is typed of the congress and its first meeting; each list one name a line."""

    held_on: datetime.date | None
    number: str = ""
    place: str = ""
    committee: str = ""
    chair: str = ""
    vice_chairs: str = ""
    inspection: str = ""
    inspection_chair: str = ""
    delegates: str = ""
    alternates: str = ""
    women: int | None = None
    young: int | None = None
    # Profiles given apart from the lines (an imported workbook's columns), one a person.
    profiles: tuple[results.Profile, ...] = ()


@dataclass(frozen=True)
class TypedCongress:
    """What the recognition decision reads of a congress that did not run in daihoi."""

    number: str
    term_start: int
    term_end: int
    place: str
    profile: str
    starts_on: datetime.date

    @property
    def term(self) -> str:
        return f"{self.term_start} - {self.term_end}"

    @property
    def rules(self) -> Profile:
        return PROFILES[self.profile]


def _profile(
    name: str, parts: list[str], *, label: str, line: int, problems: list[FieldError], field: str
) -> results.Profile | None:
    """Read what follows a name on its line: birth year, Nam / Nữ, "đảng viên", position."""
    gender, year, party, position = "", None, False, []
    for part in parts:
        key = fold(part)
        if part.isdigit():
            if len(part) == 4 and YEARS[0] <= int(part) <= YEARS[1]:
                year = int(part)
            else:
                problems.append(
                    FieldError(
                        field,
                        errors.TYPED_YEAR.format(
                            label=label, line=line, value=part, low=YEARS[0], high=YEARS[1]
                        ),
                    )
                )
        elif key in ("nam", "nu"):
            gender = "Nam" if key == "nam" else "Nữ"
        elif key in ("dang vien", "dv"):
            party = True
        elif part:
            position.append(part)
    where = ", ".join(position)
    if len(where) > 200:
        problems.append(
            FieldError(field, errors.TYPED_PROFILE_TOO_LONG.format(label=label, line=line))
        )
        return None
    if not (gender or year or party or where):
        return None
    return results.Profile(name, gender=gender, birth_year=year, party=party, position=where)


def labels(words: Words) -> dict[str, str]:
    """Name the lists of a typed file in the words of the unit's organisation."""
    return {
        **LABELS,
        "committee": str(words.committee),
        "chair": str(words.chair),
        "vice_chairs": str(words.vice_chair),
    }


def _names(
    field: str,
    text: str,
    problems: list[FieldError],
    profiles: dict[str, results.Profile],
    label: str,
) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for number, raw in enumerate(text.splitlines(), start=1):
        name, *parts = (" ".join(p.split()) for p in nfc(raw).split(";"))
        if not name:
            continue
        profile = _profile(name, parts, label=label, line=number, problems=problems, field=field)
        if profile is not None:
            profiles.setdefault(fold(name), profile)
        if len(name) > 200:
            problems.append(
                FieldError(field, errors.TYPED_NAME_TOO_LONG.format(label=label, line=number))
            )
            continue
        if fold(name) in seen:
            problems.append(FieldError(field, errors.TYPED_TWICE.format(label=label, name=name)))
            continue
        seen.add(fold(name))
        out.append(name)
    return out


YEARS = (1900, 2100)


def _check(
    data: TypedResult, words: Words
) -> tuple[dict[str, list[str]], dict[str, results.Profile], list[FieldError]]:
    named = labels(words)
    committee_word = str(words.committee)
    problems = hidden_character_errors(
        **{f: (named[f], getattr(data, f)) for f in named},
        number=("Lần thứ / khóa", data.number),
        place=("Địa danh", data.place),
    )
    if problems:
        return {}, {}, problems
    profiles = {fold(p.name): p for p in data.profiles}
    lists = {f: _names(f, getattr(data, f), problems, profiles, named[f]) for f in named}
    committee = {fold(n) for n in lists["committee"]}
    size = len(committee)
    if not committee:
        problems.append(
            FieldError(
                "committee", errors.TYPED_COMMITTEE_REQUIRED.format(committee=committee_word)
            )
        )
    if len(lists["chair"]) != 1:
        problems.append(
            FieldError(
                "chair",
                errors.TYPED_CHAIR_ONE.format(chair=words.chair, count=len(lists["chair"])),
            )
        )
    for field in ("chair", "vice_chairs"):
        for name in lists[field]:
            if committee and fold(name) not in committee:
                problems.append(
                    FieldError(
                        field,
                        errors.TYPED_NOT_IN_COMMITTEE.format(
                            label=named[field], name=name, count=size, committee=committee_word
                        ),
                    )
                )
    problems += office_problems(lists, words)
    inspection = {fold(n) for n in lists["inspection"]}
    for name in lists["inspection_chair"]:
        if fold(name) not in inspection:
            problems.append(
                FieldError("inspection_chair", errors.TYPED_NOT_IN_INSPECTION.format(name=name))
            )
    for field, label in (("women", "Số ủy viên nữ"), ("young", "Số ủy viên trẻ")):
        count = getattr(data, field)
        if count is not None and not 0 <= count <= size:
            problems.append(
                FieldError(
                    field,
                    errors.TYPED_COUNT_OVER.format(
                        label=label, count=count, size=size, committee=committee_word
                    ),
                )
            )
    delegates = {fold(n) for n in lists["delegates"]}
    for name in lists["alternates"]:
        if fold(name) in delegates:
            problems.append(
                FieldError("alternates", errors.TYPED_TWICE.format(label="Đại biểu", name=name))
            )
    return lists, profiles, problems


@transaction.atomic
def send_typed_result(
    *, entry: SeasonUnit, data: TypedResult, note: str, by: User | None, today: datetime.date
) -> SeasonStep:
    """Send up a result file typed by hand with its names; refused, nothing is written."""
    entry = _locked_entry(entry)
    _refuse_twice(entry, StepKind.RESULT)
    lists, profiles, problems = _check(data, words_of_kind(entry.unit.kind))
    if lists:
        problems += _result_problems(
            entry,
            held_on=data.held_on,
            committee_size=len(lists["committee"]),
            delegates_elected=len(lists["delegates"]),
            today=today,
        )
    if problems:
        raise SeasonError(*problems)
    women, young = data.women, data.young
    if women is None or young is None:
        # Not typed: counted from the profiles where every member's is given.
        held = data.held_on or today
        known = [profiles.get(fold(n)) for n in lists["committee"]]
        counted = make_up([p for p in known if p is not None], year=held.year)
        if all(p is not None and p.gender for p in known):
            women = counted[0] if women is None else women
        if all(p is not None and p.birth_year for p in known):
            young = counted[1] if young is None else young
    step = SeasonStep.objects.create(
        entry=entry,
        kind=StepKind.RESULT,
        status=StepStatus.SENT,
        sent_on=today,
        sent_by=by,
        note=note.strip(),
        committee_size=len(lists["committee"]),
        held_on=data.held_on,
        delegates_elected=len(lists["delegates"]),
        congress_number=" ".join(nfc(data.number).split())[:40],
        place=" ".join(nfc(data.place).split())[:100],
        chair_name=lists["chair"][0],
        women=women,
        young=young,
        reelected=reelected_count(
            entry.unit_id,
            [results.Elected(n, 0, 0) for n in lists["committee"]],
            before_term=entry.season.term_start,
        ),
    )
    blank = results.Profile("")
    rows = []
    for field, names in lists.items():
        for n, name in enumerate(names):
            profile = profiles.get(fold(name), blank)
            rows.append(
                TypedName(
                    step=step,
                    role=ROLES[field],
                    full_name=name,
                    order=n,
                    gender=profile.gender,
                    birth_year=profile.birth_year,
                    ethnicity=profile.ethnicity[:50],
                    is_party_member=profile.party,
                    education=profile.education[:100],
                    position=profile.position[:200],
                )
            )
    TypedName.objects.bulk_create(rows)
    return step


def office_problems(lists: dict[str, list[str]], words: Words) -> list[FieldError]:
    """Return what is wrong with the offices named: a vice chair who is the chair, more than one
    chair of the Ủy ban Kiểm tra (a typed result file and the register's hand entry alike)."""
    problems = []
    chairs = {fold(n) for n in lists["chair"]}
    for name in lists["vice_chairs"]:
        if fold(name) in chairs:
            problems.append(
                FieldError(
                    "vice_chairs",
                    errors.TYPED_CHAIR_AND_VICE.format(
                        vice=words.vice_chair, name=name, chair=words.chair
                    ),
                )
            )
    if len(lists["inspection_chair"]) > 1:
        problems.append(
            FieldError(
                "inspection_chair",
                errors.TYPED_INSPECTION_CHAIR_ONE.format(count=len(lists["inspection_chair"])),
            )
        )
    return problems


def typed_names(step: SeasonStep) -> dict[str, list[str]]:
    """Return the names of a typed file by role, in the order typed."""
    out: dict[str, list[str]] = {}
    for row in step.typed_names.all():
        out.setdefault(row.role, []).append(row.full_name)
    return out


def typed_profiles(step: SeasonStep) -> list[results.Profile]:
    """Return the profile of each member of a typed file's committee, in the order typed."""
    return [
        results.Profile(
            row.full_name,
            gender=row.gender,
            birth_year=row.birth_year,
            ethnicity=row.ethnicity,
            party=row.is_party_member,
            education=row.education,
            position=row.position,
        )
        for row in step.typed_names.all()
        if row.role == TypedRole.COMMITTEE
    ]


def typed_record(step: SeasonStep) -> ResultRecord | None:
    """Return what the decision and the register read of a typed file; None if it names nobody."""
    if step.kind != StepKind.RESULT or step.congress_id is not None:
        return None
    names = typed_names(step)
    committee = names.get(TypedRole.COMMITTEE, [])
    if not committee:
        return None
    held = step.held_on or step.sent_on
    season = step.entry.season
    congress = TypedCongress(
        number=step.congress_number,
        term_start=season.term_start,
        term_end=season.term_end,
        place=step.place,
        profile=KIND_LEVEL[step.entry.unit.kind][0],
        starts_on=held,
    )
    # The head typed as "chair" holds the unit's office of head: a Party unit's is its Bí thư,
    # as a congress's result and the register's hand entry record it (``led_cell`` reads it).
    head = chair_role(step.entry.unit)
    officers = [
        Officer(head if role == OfficerRole.CHAIR else role, name, 0, 0, False)
        for role in (
            OfficerRole.CHAIR,
            OfficerRole.VICE_CHAIR,
            OfficerRole.INSPECTION_CHAIR,
            OfficerRole.INSPECTION,
        )
        for name in names.get(role, [])
    ]
    order = list(OfficerRole)
    officers.sort(key=lambda o: order.index(OfficerRole(o.role)))
    delegates = names.get(TypedRole.DELEGATE, [])
    alternates = names.get(TypedRole.ALTERNATE, [])
    outcome = results.Outcome(
        kind=results.DELEGATES,
        title="",
        seats=len(delegates),
        elected=tuple(results.Elected(n, 0, 0) for n in delegates),
        alternates=tuple(results.Elected(n, 0, 0) for n in alternates),
        complete=True,
        rounds=0,
        summoned=0,
        present=0,
        counted_on=held,
    )
    return ResultRecord(
        step=step,
        congress=congress,
        outcomes=[],
        committee=tuple(results.Elected(n, 0, 0) for n in committee),
        delegates=outcome if delegates or alternates else None,
        meeting=None,
        officers=officers,
        typed_profiles=tuple(typed_profiles(step)),
    )
