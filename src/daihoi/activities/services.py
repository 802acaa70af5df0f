"""Use cases of the activities: every write goes through these (forms, Excel import alike).

Each function checks the whole record, collects every problem with the field it is about, and
writes in one transaction, or raises ``ActivityError`` and leaves the database as it was.
People are named as officers know them: by full name, or by member card number where two share
a name; they are looked for in the recording unit's subtree.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from daihoi.activities import errors
from daihoi.activities.errors import ActivityError, FieldError
from daihoi.activities.models import (
    FIRST_YEAR,
    LAST_YEAR,
    Contribution,
    ContributionKind,
    Initiative,
    Level,
    PartyIntroduction,
    ResearchProject,
)
from daihoi.rules.names import fold, nfc
from daihoi.rules.numbers import number_vi
from daihoi.units.models import Member, Unit
from daihoi.units.services import hidden_character_errors

if TYPE_CHECKING:
    from daihoi.accounts.models import User

AMOUNT_MOST = 1_000_000_000_000
"""The largest single contribution taken (1.000 tỷ đồng): more is a typing slip."""

TITLE_MOST = 500
NOTE_MOST = 500
_SEPARATORS = re.compile(r"[,;\n]")
_AMOUNT = re.compile(r"\d{1,3}(?:([. ])\d{3})?(?:\1\d{3})*|\d+")

# --------------------------------------------------------------------------- checks


class Problems:
    """The problems found on one record, each with its field (collected, then raised at once)."""

    def __init__(self) -> None:
        self.found: list[FieldError] = []
        self.fields: set[str] = set()

    def add(self, name: str, message: str) -> None:
        if name not in self.fields:  # one message per field: the first is the one to fix
            self.found.append(FieldError(name, message))
            self.fields.add(name)

    def hidden(self, **fields: tuple[str, str]) -> None:
        for problem in hidden_character_errors(**fields):
            self.add(problem.field or "", problem.message)

    def text(self, name: str, label: str, value: str, *, required: bool, most: int) -> str:
        value = nfc(value)
        if name in self.fields:
            return value
        if required and not value:
            self.add(name, errors.REQUIRED.format(label=label))
        elif len(value) > most:
            self.add(name, errors.TOO_LONG.format(label=label, most=most))
        return value

    def choice(
        self, name: str, label: str, value: str, choices: type[Level | ContributionKind]
    ) -> str:
        value = value.strip()
        if not value:
            self.add(name, errors.REQUIRED.format(label=label))
        elif value not in choices.values:
            allowed = ", ".join(str(c.label) for c in choices)
            self.add(name, errors.CHOICE_UNKNOWN.format(label=label, value=value, allowed=allowed))
        return value

    def day(self, name: str, label: str, value: datetime.date | None, today: datetime.date) -> None:
        if value is None:
            self.add(name, errors.REQUIRED.format(label=label))
        elif value > today:
            self.add(name, errors.DATE_IN_FUTURE.format(label=label, today=f"{today:%d/%m/%Y}"))
        elif value.year < FIRST_YEAR:
            self.add(name, errors.DATE_TOO_EARLY.format(label=label, first=FIRST_YEAR))

    def raise_if_any(self) -> None:
        if self.found:
            raise ActivityError(*self.found)


def _today() -> datetime.date:
    return timezone.localdate()


def parse_amount(text: str) -> int:
    """Read an amount of whole đồng as typed: "30000000", "30.000.000" or "30 000 000".

    A decimal part, a unit word or a negative sign is refused (amounts never float).
    """
    value = nfc(text)
    if not _AMOUNT.fullmatch(value):
        raise ActivityError.on("amount", errors.AMOUNT_NOT_WHOLE.format(value=value))
    return int(value.replace(".", "").replace(" ", ""))


def _check_amount(problems: Problems, amount: int | None) -> None:
    if amount is None:
        problems.add("amount", errors.REQUIRED.format(label="Số tiền"))
    elif amount <= 0:
        problems.add("amount", errors.AMOUNT_POSITIVE)
    elif amount > AMOUNT_MOST:
        problems.add(
            "amount",
            errors.AMOUNT_TOO_LARGE.format(amount=number_vi(amount), most=number_vi(AMOUNT_MOST)),
        )


# --------------------------------------------------------------------------- people


def split_people(text: str) -> list[str]:
    """Return the names or card numbers written in text, one per comma, semicolon or line."""
    return [name for part in _SEPARATORS.split(text) if (name := nfc(part))]


def find_member(*, unit: Unit, name: str, label: str, field: str) -> Member:
    """Return the one member of the unit's subtree with this card number or full name.

    A name matches accents and case aside; when several match that way, the one written with
    the very same accents wins; still several: refused, asking for the card number.
    """
    members = Member.objects.in_subtree(unit)
    by_number = list(members.filter(member_number=name)[:2])
    if len(by_number) == 1:
        return by_number[0]
    folded = fold(name)
    candidates = [m for m in members.search(name)[:200] if fold(m.full_name) == folded]
    if len(candidates) > 1:
        exact = [m for m in candidates if nfc(m.full_name).lower() == name.lower()]
        if len(exact) == 1:
            return exact[0]
        raise ActivityError.on(
            field,
            errors.MEMBER_AMBIGUOUS.format(
                label=label, count=len(candidates), name=name, unit=unit.name
            ),
        )
    if not candidates:
        raise ActivityError.on(
            field, errors.MEMBER_NOT_FOUND.format(label=label, name=name, unit=unit.name)
        )
    return candidates[0]


def _find_people(
    problems: Problems, *, unit: Unit, text: str, label: str, field: str
) -> list[Member]:
    if field in problems.fields:
        return []
    names = split_people(text)
    if not names:
        problems.add(field, errors.AUTHORS_REQUIRED.format(label=label))
        return []
    found: list[Member] = []
    for name in names:
        try:
            member = find_member(unit=unit, name=name, label=label, field=field)
        except ActivityError as error:
            problems.add(field, error.messages[0])
            return []
        if member in found:
            problems.add(field, errors.MEMBER_TWICE.format(label=label, name=name))
            return []
        found.append(member)
    return found


def people_text(members: list[Member]) -> str:
    """Write members back the way they are typed: names, a card number where one is shared."""
    names = [m.full_name for m in members]
    return ", ".join(
        m.member_number if names.count(m.full_name) > 1 and m.member_number else m.full_name
        for m in members
    )


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class InitiativeData:
    """An initiative as typed: authors are names or card numbers, comma separated."""

    title: str
    authors: str
    year: int | None
    level: str
    applied: bool = False
    note: str = ""

    @classmethod
    def of(cls, record: Initiative) -> InitiativeData:
        return cls(
            title=record.title,
            authors=people_text(list(record.authors.all())),
            year=record.year,
            level=record.level,
            applied=record.applied,
            note=record.note,
        )


@dataclass(frozen=True)
class ResearchData:
    title: str
    authors: str
    level: str
    accepted_on: datetime.date | None
    note: str = ""

    @classmethod
    def of(cls, record: ResearchProject) -> ResearchData:
        return cls(
            title=record.title,
            authors=people_text(list(record.authors.all())),
            level=record.level,
            accepted_on=record.accepted_on,
            note=record.note,
        )


@dataclass(frozen=True)
class ContributionData:
    kind: str
    amount: int | None
    given_on: datetime.date | None
    purpose: str

    @classmethod
    def of(cls, record: Contribution) -> ContributionData:
        return cls(
            kind=record.kind,
            amount=record.amount,
            given_on=record.given_on,
            purpose=record.purpose,
        )


@dataclass(frozen=True)
class IntroductionData:
    member: str
    introduced_on: datetime.date | None
    admitted: bool = False
    note: str = ""

    @classmethod
    def of(cls, record: PartyIntroduction) -> IntroductionData:
        return cls(
            member=record.member.member_number or record.member.full_name,
            introduced_on=record.introduced_on,
            admitted=record.admitted,
            note=record.note,
        )


@dataclass
class Checked:
    """A record's fields once checked, ready to write (authors apart: a many-to-many)."""

    values: dict[str, object]
    people: list[Member] = field(default_factory=list)


def check_initiative(
    *, unit: Unit, data: InitiativeData, today: datetime.date | None = None
) -> Checked:
    """Check an initiative; raise ``ActivityError`` with every problem, by field."""
    today = today or _today()
    problems = Problems()
    problems.hidden(
        title=("Tên sáng kiến", data.title),
        authors=("Tác giả", data.authors),
        note=("Ghi chú", data.note),
    )
    title = problems.text("title", "Tên sáng kiến", data.title, required=True, most=TITLE_MOST)
    note = problems.text("note", "Ghi chú", data.note, required=False, most=NOTE_MOST)
    level = problems.choice("level", "Cấp công nhận", data.level, Level)
    last = min(LAST_YEAR, today.year)
    if data.year is None:
        problems.add("year", errors.REQUIRED.format(label="Năm công nhận"))
    elif not FIRST_YEAR <= data.year <= last:
        problems.add(
            "year", errors.YEAR_RANGE.format(label="Năm công nhận", first=FIRST_YEAR, last=last)
        )
    authors = _find_people(problems, unit=unit, text=data.authors, label="Tác giả", field="authors")
    problems.raise_if_any()
    return Checked(
        {"title": title, "year": data.year, "level": level, "applied": data.applied, "note": note},
        authors,
    )


def check_research(
    *, unit: Unit, data: ResearchData, today: datetime.date | None = None
) -> Checked:
    today = today or _today()
    problems = Problems()
    label = "Chủ nhiệm, thành viên"
    problems.hidden(
        title=("Tên đề tài", data.title), authors=(label, data.authors), note=("Ghi chú", data.note)
    )
    title = problems.text("title", "Tên đề tài", data.title, required=True, most=TITLE_MOST)
    note = problems.text("note", "Ghi chú", data.note, required=False, most=NOTE_MOST)
    level = problems.choice("level", "Cấp đề tài", data.level, Level)
    problems.day("accepted_on", "Ngày nghiệm thu", data.accepted_on, today)
    authors = _find_people(problems, unit=unit, text=data.authors, label=label, field="authors")
    problems.raise_if_any()
    return Checked(
        {"title": title, "level": level, "accepted_on": data.accepted_on, "note": note}, authors
    )


def check_contribution(
    *, unit: Unit, data: ContributionData, today: datetime.date | None = None
) -> Checked:
    today = today or _today()
    problems = Problems()
    problems.hidden(purpose=("Nội dung", data.purpose))
    kind = problems.choice("kind", "Loại đóng góp", data.kind, ContributionKind)
    _check_amount(problems, data.amount)
    problems.day("given_on", "Ngày", data.given_on, today)
    purpose = problems.text("purpose", "Nội dung", data.purpose, required=True, most=NOTE_MOST)
    problems.raise_if_any()
    return Checked(
        {"kind": kind, "amount": data.amount, "given_on": data.given_on, "purpose": purpose}
    )


def check_introduction(
    *,
    unit: Unit,
    data: IntroductionData,
    today: datetime.date | None = None,
    record: PartyIntroduction | None = None,
) -> Checked:
    today = today or _today()
    problems = Problems()
    problems.hidden(member=("Đoàn viên", data.member), note=("Ghi chú", data.note))
    problems.day("introduced_on", "Ngày giới thiệu", data.introduced_on, today)
    note = problems.text("note", "Ghi chú", data.note, required=False, most=NOTE_MOST)
    people = _find_people(problems, unit=unit, text=data.member, label="Đoàn viên", field="member")
    if len(people) > 1:
        problems.add("member", errors.MEMBER_ONE.format(label="Đoàn viên"))
    elif people and data.introduced_on is not None and "introduced_on" not in problems.fields:
        member = people[0]
        joined = member.party_joined_on
        if joined is not None and joined < data.introduced_on:
            problems.add(
                "introduced_on",
                errors.INTRODUCTION_ALREADY_PARTY.format(
                    name=member.full_name, date=f"{joined:%d/%m/%Y}"
                ),
            )
        twice = PartyIntroduction.objects.filter(
            member=member, introduced_on=data.introduced_on
        ).exclude(pk=record.pk if record else None)
        if twice.exists():
            problems.add(
                "introduced_on",
                errors.INTRODUCTION_TWICE.format(
                    name=member.full_name, date=f"{data.introduced_on:%d/%m/%Y}"
                ),
            )
    problems.raise_if_any()
    return Checked(
        {
            "member": people[0],
            "introduced_on": data.introduced_on,
            "admitted": data.admitted,
            "note": note,
        }
    )


def _write[R: Model](
    model: type[R], checked: Checked, *, unit: Unit, by: User | None, record: R | None
) -> R:
    with transaction.atomic():
        if record is None:
            record = model(unit=unit, created_by=by, **checked.values)
        else:
            for name, value in checked.values.items():
                setattr(record, name, value)
        record.save()
        if hasattr(record, "authors"):
            record.authors.set(checked.people)
    return record


def save_initiative(
    *, unit: Unit, data: InitiativeData, by: User | None, record: Initiative | None = None
) -> Initiative:
    """Add an initiative to the unit (or change ``record``); refuse it with every problem."""
    return _write(
        Initiative, check_initiative(unit=unit, data=data), unit=unit, by=by, record=record
    )


def save_research(
    *, unit: Unit, data: ResearchData, by: User | None, record: ResearchProject | None = None
) -> ResearchProject:
    return _write(
        ResearchProject, check_research(unit=unit, data=data), unit=unit, by=by, record=record
    )


def save_contribution(
    *, unit: Unit, data: ContributionData, by: User | None, record: Contribution | None = None
) -> Contribution:
    return _write(
        Contribution, check_contribution(unit=unit, data=data), unit=unit, by=by, record=record
    )


def save_introduction(
    *,
    unit: Unit,
    data: IntroductionData,
    by: User | None,
    record: PartyIntroduction | None = None,
) -> PartyIntroduction:
    checked = check_introduction(unit=unit, data=data, record=record)
    return _write(PartyIntroduction, checked, unit=unit, by=by, record=record)


def delete_record(
    *, record: Initiative | ResearchProject | Contribution | PartyIntroduction
) -> None:
    """Delete one record (its authors' links go with it)."""
    with transaction.atomic():
        record.delete()
