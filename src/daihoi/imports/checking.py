"""Check every row of a member list and turn it into clean member data, or into problems to fix.

Plain functions over a Sheet (daihoi.imports.workbook): tests call them without HTTP. Each row
goes through the member services' own validation (clean_member_data), so a row the import
accepts is exactly a member the form would accept; the checks that only a list needs (dates as
Excel writes them, unit codes, duplicates in the file and in the database) are added here.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, NamedTuple

from daihoi.imports import messages
from daihoi.imports.columns import (
    BY_KEY,
    DATE_KEYS,
    EDUCATION_LABELS,
    GENDER_CHOICES,
    MEMBERS,
    PARTY_NO_TEXT,
    PARTY_YES_TEXT,
    Column,
    Table,
    column_letter,
    education_of,
    gender_of,
    header_key,
    party_of,
)
from daihoi.imports.legacy import (
    CONVERTERS,
    ENCODING_LABELS,
    ColumnEncoding,
    Encoding,
    column_encoding,
    prevailing_encoding,
    reads_as_well_in,
)
from daihoi.imports.legacy import to_unicode as legacy_to_unicode
from daihoi.imports.workbook import Cell, ImportFileError, Sheet
from daihoi.rules.names import nfc
from daihoi.rules.numbers import number_vi
from daihoi.units import errors as unit_errors
from daihoi.units.errors import UnitsError
from daihoi.units.models import Education, Gender, Member, Unit
from daihoi.units.services import MemberData, clean_member_data

HEADER_SEARCH_ROWS = 10
PROGRESS_EVERY = 1000
_QUERY_CHUNK = 5000  # SQLite takes up to 32,766 parameters a statement (3.32+)
_LEGACY_SAMPLE = 5000
NOTE_ROWS = 10  # rows listed in a note of values normalized
MAX_NOTES = 500  # notes of values normalized (dates are grouped by their way of writing)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Problem:
    """One thing to fix (or, for a warning, to look at) in one row, as Excel numbers rows."""

    row: int
    column: str  # the column's header; "" for the row as a whole
    letter: str  # the column's letter in the user's file
    message: str
    warning: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "letter": self.letter,
            "message": self.message,
            "warning": self.warning,
        }


@dataclass
class Normalized:
    """Cells of one column written one way in the file and stored another: a note to read.

    "nu" stored as Nữ, "Tay" as Tày, "1990-05-12" as 12/05/1990. One note per column and
    spelling (per way of writing, for dates), with its first rows and how many in all.
    """

    column: str  # the column's header
    letter: str
    before: str  # as written in the file (the first such cell)
    after: str  # as stored
    rows: list[int] = field(default_factory=list)  # the first NOTE_ROWS rows
    count: int = 0
    example: bool = False  # before and after are the first of several values (dates)

    def as_json(self) -> dict[str, Any]:
        return {
            "column": self.column,
            "letter": self.letter,
            "before": self.before,
            "after": self.after,
            "rows": self.rows,
            "count": self.count,
            "example": self.example,
        }


@dataclass(frozen=True)
class Header:
    """Where the header row is (0-based) and which column (0-based) holds each field."""

    row: int
    columns: dict[str, int]
    ignored: list[str]


class _Read(NamedTuple):
    """A text of a cell as read: in Unicode, the legacy encoding it came from, and a doubt."""

    text: str
    encoding: Encoding | None
    doubt: Encoding | None  # left as it is, though it reads as well in this legacy encoding


@dataclass(frozen=True)
class CheckedRow:
    row: int
    unit_id: int
    data: MemberData


@dataclass
class SheetResult:
    """What a pass over a sheet found, whatever kind of list it holds."""

    problems: list[Problem] = field(default_factory=list)
    rows_read: int = 0
    error_rows: int = 0
    warning_rows: int = 0
    notes: list[str] = field(default_factory=list)  # about the whole file

    @property
    def error_count(self) -> int:
        return sum(not p.warning for p in self.problems)

    @property
    def warning_count(self) -> int:
        return sum(p.warning for p in self.problems)

    @property
    def can_import(self) -> bool:
        return self.rows_read > 0 and self.error_rows == 0


@dataclass
class CheckResult(SheetResult):
    rows: list[CheckedRow] = field(default_factory=list)  # the rows without errors
    twins: int = 0  # rows sharing name, birth date and unit with another, told apart by number
    normalized: list[Normalized] = field(default_factory=list)  # in column order, rows kept


ROW_PROBLEM = "Dòng {row}{column}: {message}"


def problem_lines(result: SheetResult) -> list[str]:
    """Say each error of a pass as a page lists it: "Dòng 5, cột D (Năm sinh): ..."."""
    out = []
    for p in result.problems:
        if p.warning:
            continue
        where = f", cột {p.letter} ({p.column})" if p.letter else ""
        out.append(ROW_PROBLEM.format(row=p.row, column=where, message=p.message))
    return out


# --------------------------------------------------------------------------- header


def find_header(sheet: Sheet, *, table: Table = MEMBERS) -> Header:
    """Find the header row among the first rows (titles may stand above it) and its columns."""
    if not any(_filled(cell) for row in sheet.rows for cell in row):
        raise ImportFileError(table.sheet_empty.format(sheet=sheet.name))
    best: tuple[int, dict[str, list[int]], list[str]] | None = None
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        found: dict[str, list[int]] = {}
        unknown: list[str] = []
        for col, cell in enumerate(row):
            if not isinstance(cell, str) or not cell.strip():
                continue
            text, _ = legacy_to_unicode(cell.strip())
            column = table.header_keys.get(header_key(text))
            if column is None:
                unknown.append(nfc(text))
            else:
                found.setdefault(column.key, []).append(col)
        if best is None or len(found) > len(best[1]):
            best = (index, found, unknown)
    assert best is not None
    index, found, unknown = best
    missing = [c.header for c in table.columns if c.required and c.key not in found]
    if missing:
        raise ImportFileError(
            messages.MISSING_COLUMNS.format(
                sheet=sheet.name,
                columns=", ".join(f"“{name}”" for name in missing),
                rows=HEADER_SEARCH_ROWS,
            )
        )
    for key, places in found.items():
        if len(places) > 1:
            raise ImportFileError(
                messages.DUPLICATE_COLUMN.format(
                    column=table.by_key[key].header,
                    first=column_letter(places[0]),
                    second=column_letter(places[1]),
                )
            )
    by_key = table.by_key
    columns = {key: places[0] for key, places in found.items() if by_key[key].imported}
    ignored = [by_key[key].header for key in found if not by_key[key].imported]
    ignored = [name for name in ignored if name != "STT"] + unknown
    if not any(_row_filled(row, columns) for row in sheet.rows[index + 1 :]):
        raise ImportFileError(table.no_rows.format(sheet=sheet.name))
    return Header(row=index, columns=columns, ignored=ignored)


def _filled(cell: Cell) -> bool:
    return not (cell is None or (isinstance(cell, str) and not cell.strip()))


def _row_filled(row: list[Cell], columns: dict[str, int]) -> bool:
    return any(col < len(row) and _filled(row[col]) for col in columns.values())


# --------------------------------------------------------------------------- values


_DMY = re.compile(
    r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d+)(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"
)
_YMD = re.compile(r"^(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_YEAR = re.compile(r"^\d{4}$")


@functools.lru_cache(maxsize=65_536, typed=True)  # dates repeat: 100,000 people, ~15,000 days
def parse_date(cell: Cell) -> tuple[datetime.date | None, str | None]:
    """Return the date a cell holds and None, or None and what is wrong with it.

    Accepts real Excel dates and the texts dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy and
    yyyy-mm-dd.
    """
    if isinstance(cell, datetime.datetime):
        return cell.date(), None
    if isinstance(cell, datetime.date):
        return cell, None
    if isinstance(cell, bool) or not isinstance(cell, int | float | str):
        return None, messages.DATE_INVALID.format(value=as_text(cell))
    if isinstance(cell, int | float):
        text = as_text(cell)
        if _YEAR.match(text):
            return None, messages.DATE_YEAR_ONLY.format(value=text)
        return None, messages.DATE_NUMBER.format(value=text)
    text = cell.strip()
    if match := _DMY.match(text):
        day, month, year = match.groups()
        if len(year) != 4:
            return None, messages.DATE_SHORT_YEAR.format(value=text)
    elif match := _YMD.match(text):
        year, month, day = match.groups()
    elif _YEAR.match(text):
        return None, messages.DATE_YEAR_ONLY.format(value=text)
    else:
        return None, messages.DATE_INVALID.format(value=text)
    try:
        return datetime.date(int(year), int(month), int(day)), None
    except ValueError:
        return None, messages.DATE_IMPOSSIBLE.format(value=text)


def as_text(cell: Cell) -> str:
    """Return a cell as the text Excel shows (whole numbers without ".0", dates dd/mm/yyyy)."""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, bool):
        return "Có" if cell else "Không"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime.datetime | datetime.date):
        return f"{cell:%d/%m/%Y}"
    return str(cell)


def _phone_text(cell: Cell) -> str:
    text = as_text(cell)
    # A phone number typed in a Number cell lost its leading 0 (912345678 for 0912345678).
    if not isinstance(cell, str) and len(text) == 9 and text.isdigit():
        return "0" + text
    return text


def capitalize_words(name: str) -> str:
    """Capitalize each word: legacy TCVN3 has no capitals with tones, so names lose theirs."""
    return " ".join(word[:1].upper() + word[1:] for word in name.split(" "))


def _strip_label(message: str, column: Column | None) -> str:
    """Drop "Ngày sinh: " from a service message shown beside the column Ngày sinh."""
    if column is not None and message.startswith(column.header + ": "):
        rest = message[len(column.header) + 2 :]
        return rest[:1].upper() + rest[1:]
    return message


_GENDER_LABELS = dict(zip((Gender.NAM, Gender.NU), GENDER_CHOICES, strict=True))
_EDUCATION_LABEL = dict(zip(Education.values, EDUCATION_LABELS, strict=True))
_DAY_AS_STORED = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$")


def _date_shape(text: str) -> str:
    """Return how a date is written: "yyyy-n-n" for 1990-05-12, "n.n.yyyy" for 12.5.1990."""
    return re.sub(r"\d{1,2}", "n", re.sub(r"\d{4}", "yyyy", text))


def normalizations(
    values: dict[str, Cell], data: MemberData
) -> Iterator[tuple[str, str, str, str]]:
    """Yield (column key, group, as written, as stored) for each value stored otherwise than
    written, beyond case and spaces: "nu" -> Nữ, "Tay" -> Tày, "1990-05-12" -> 12/05/1990.

    data: the row once cleaned by the member services.
    """
    labels = {
        "gender": _GENDER_LABELS.get(data.gender, ""),
        "ethnicity": data.ethnicity,
        "education": _EDUCATION_LABEL.get(data.education, ""),
        "is_party_member": PARTY_YES_TEXT if data.is_party_member else PARTY_NO_TEXT,
    }
    for key, stored in labels.items():
        if key in values:
            written = " ".join(as_text(values[key]).split())
            if written and nfc(written).casefold() != stored.casefold():
                yield key, written, written, stored
    for key in DATE_KEYS:
        cell, day = values.get(key), getattr(data, key)
        if isinstance(cell, str) and day is not None and not _DAY_AS_STORED.match(cell):
            yield key, _date_shape(cell), cell, f"{day:%d/%m/%Y}"
    phone = values.get("phone")
    if phone is not None and not isinstance(phone, str) and as_text(phone) != data.phone:
        yield "phone", "number", as_text(phone), data.phone  # the leading 0 a Number cell lost


# --------------------------------------------------------------------------- database


def taken_numbers(numbers: list[str]) -> set[str]:
    """Return the member numbers among these that some member already has (in any unit)."""
    taken: set[str] = set()
    for start in range(0, len(numbers), _QUERY_CHUNK):
        chunk = numbers[start : start + _QUERY_CHUNK]
        # The "not empty" condition lets the database use the partial unique index.
        found = Member.objects.filter(member_number__in=chunk).exclude(member_number="")
        taken.update(found.order_by().values_list("member_number", flat=True))
    return taken


Person = tuple[int, str, datetime.date]  # unit, name casefolded, birth date


@dataclass(frozen=True)
class Existing:
    """A member already in a unit, as a row of a list is compared with it."""

    full_name: str
    birth_date: datetime.date
    member_number: str


def existing_people(unit_ids: list[int]) -> dict[Person, list[Existing]]:
    """Return the members of these units with a birth date, by (unit, name casefolded, date)."""
    people: dict[Person, list[Existing]] = {}
    for start in range(0, len(unit_ids), _QUERY_CHUNK):
        found = Member.objects.filter(
            unit_id__in=unit_ids[start : start + _QUERY_CHUNK], birth_date__isnull=False
        ).order_by("pk")
        fields = ("unit_id", "full_name", "birth_date", "member_number")
        for unit_id, full_name, born, number in found.values_list(*fields):
            person = (unit_id, full_name.casefold(), born)
            people.setdefault(person, []).append(Existing(full_name, born, number))
    return people


def are_twins(number: str, others: list[str]) -> bool:
    """Tell whether a person with the same name, birth date and unit as others is someone else.

    Vietnamese names repeat: in a list of 100,000 members, hundreds of pairs share a name and a
    birth date. Different member numbers on every side tell two people apart (a warning to
    look at); without a number on each side they cannot be told apart (an error).
    """
    return bool(number) and all(others) and number not in others


# --------------------------------------------------------------------------- rows


_TEXT_FIELDS = (
    "religion",
    "professional_level",
    "position",
    "workplace",
    "member_number",
)
_MAX_LENGTHS = {
    name: Member._meta.get_field(name).max_length  # type: ignore[union-attr]
    for name in (*_TEXT_FIELDS, "phone", "ethnicity")
}


class SheetReader:
    """One pass over the rows below a header: cells read as clean values, problems by row.

    The member import (below) and the congress's delegate list build on it, so both treat
    formulas, legacy encodings, empty rows and the order of problems the same way.
    """

    def __init__(self, sheet: Sheet, header: Header, *, table: Table, result: SheetResult) -> None:
        self.sheet = sheet
        self.header = header
        self.table = table
        self.columns = list(header.columns.items())
        self.result = result
        self.error_rows: set[int] = set()
        self.warning_rows: set[int] = set()
        self.legacy_cache: dict[tuple[str, str], _Read] = {}
        texts = self._legacy_texts()
        self.encoding = prevailing_encoding(text for column in texts.values() for text in column)
        # Each column is decided on its own texts (the file's verdict for a column without any).
        self.encodings: dict[str, ColumnEncoding] = {
            key: column_encoding(texts.get(key, ()), file=self.encoding) for key, _ in self.columns
        }
        self.converted_from: dict[Encoding, set[str]] = {}  # encoding -> column keys

    def problem(self, row: int, key: str | None, message: str, *, warning: bool = False) -> None:
        column = self.table.by_key[key] if key else None
        letter = column_letter(self.header.columns[key]) if key in self.header.columns else ""
        self.result.problems.append(
            Problem(row, column.header if column else "", letter, message, warning)
        )
        (self.warning_rows if warning else self.error_rows).add(row)

    def _data_rows(self) -> Iterator[tuple[int, list[Cell]]]:
        for index in range(self.header.row + 1, len(self.sheet.rows)):
            yield index, self.sheet.rows[index]

    def _legacy_texts(self) -> dict[str, list[str]]:
        """Return the non-ASCII texts of each column, from the first rows of the list."""
        texts: dict[str, list[str]] = {}
        for _, row in islice(self._data_rows(), _LEGACY_SAMPLE):
            for key, col in self.columns:
                if col < len(row):
                    cell = row[col]
                    if isinstance(cell, str) and not cell.isascii():
                        texts.setdefault(key, []).append(cell.strip())
        return texts

    def unicode(self, key: str, text: str) -> _Read:
        """Return a text of a column in Unicode, the encoding it came from, and any doubt."""
        cached = self.legacy_cache.get((key, text))
        if cached is None:
            column = self.encodings[key]
            new, encoding = legacy_to_unicode(text, prefer=column.encoding)
            doubt = None
            if encoding is None and column.seen and reads_as_well_in(text, column.seen):
                doubt = column.seen
            cached = _Read(new, encoding, doubt)
            self.legacy_cache[(key, text)] = cached
        return cached

    def read_cells(self, index: int, raw: list[Cell]) -> tuple[dict[str, Cell], set[str], bool]:
        """Return a row's values by column key, the columns already reported, and whether
        legacy text was converted; an empty row gives no values and counts for nothing.

        Text comes back stripped and in Unicode; a formula is reported, not read.
        """
        values: dict[str, Cell] = {}
        reported: set[str] = set()
        converted: list[tuple[str, str, str, Encoding]] = []  # key, before, after, encoding
        doubts: list[tuple[str, str, Encoding]] = []
        formulas = self.sheet.formulas
        width = len(raw)
        for key, col in self.columns:
            cell = raw[col] if col < width else ""
            if formulas and (index, col) in formulas:
                self.problem(index + 1, key, messages.FORMULA)
                reported.add(key)
            elif type(cell) is str:
                if not cell or not (text := cell.strip()):
                    continue
                if text[0] == "=":  # a formula kept as text (from CSV, or typed after ')
                    self.problem(index + 1, key, messages.FORMULA)
                    reported.add(key)
                    continue
                if not text.isascii():
                    read = self.unicode(key, text)
                    if read.encoding is not None:
                        converted.append((key, text, read.text, read.encoding))
                    elif read.doubt is not None:
                        doubts.append((key, text, read.doubt))
                    text = read.text
                values[key] = text
            elif cell is not None:
                values[key] = cell
        if not values and not reported:
            return values, reported, False
        self.result.rows_read += 1
        if converted:
            for column_key, _, _, used in converted:
                self.converted_from.setdefault(used, set()).add(column_key)
            key, before, after, encoding = converted[0]
            headers = dict.fromkeys(self.table.by_key[c[0]].header for c in converted)
            self.problem(
                index + 1,
                key,
                messages.LEGACY_ROW.format(
                    encoding=ENCODING_LABELS[encoding],
                    columns=", ".join(f"“{header}”" for header in headers),
                    before=before,
                    after=after,
                ),
                warning=True,
            )
        for key, text, encoding in doubts:
            self.problem(
                index + 1,
                key,
                messages.LEGACY_DOUBT.format(
                    text=text,
                    column=self.table.by_key[key].header,
                    encoding=ENCODING_LABELS[encoding],
                    reading=CONVERTERS[encoding](text),
                ),
                warning=True,
            )
        return values, reported, bool(converted)

    def finish(self) -> None:
        """Put the problems in row and column order and add the notes about the whole file."""
        result = self.result
        order = self.table.order
        result.problems.sort(key=lambda p: (p.row, order.get(p.column, -1), p.warning))
        result.error_rows = len(self.error_rows)
        result.warning_rows = len(self.warning_rows)
        if self.header.ignored:
            names = ", ".join(f"“{name}”" for name in self.header.ignored)
            result.notes.append(messages.IGNORED_COLUMNS.format(columns=names))
        for encoding, keys in sorted(self.converted_from.items()):
            headers = [c.header for c in self.table.columns if c.key in keys]
            result.notes.append(
                messages.LEGACY_FILE.format(
                    encoding=ENCODING_LABELS[encoding],
                    columns=", ".join(f"“{header}”" for header in headers),
                )
            )


class _Checker(SheetReader):
    """The state of one pass over a member list: units by code, what was seen, problems so far."""

    result: CheckResult

    def __init__(self, sheet: Sheet, header: Header, *, unit: Unit, today: datetime.date) -> None:
        super().__init__(sheet, header, table=MEMBERS, result=CheckResult())
        self.unit = unit
        self.today = today
        self.units = self._units_by_code()
        self.unit_names = {u.pk: u.name for u in self.units.values()} | {unit.pk: unit.name}
        self.numbers: dict[str, list[int]] = {}  # member number -> rows
        self.people: dict[Person, list[tuple[int, str]]] = {}  # rows and their numbers
        # (row, column key, group, as written, as stored), kept for the rows imported
        self.normalized: list[tuple[int, str, str, str, str]] = []

    def _units_by_code(self) -> dict[str, Unit]:
        col = self.header.columns.get("unit_code")
        if col is None:
            return {}
        codes = {
            as_text(row[col]).strip()
            for _, row in self._data_rows()
            if col < len(row) and _filled(row[col])
        }
        found: dict[str, Unit] = {}
        ordered = sorted(codes)
        subtree = Unit.objects.subtree(self.unit).only("id", "code", "name")
        for start in range(0, len(ordered), _QUERY_CHUNK):
            for unit in subtree.filter(code__in=ordered[start : start + _QUERY_CHUNK]):
                found[unit.code] = unit
        return found

    # ---- one row

    def check_row(self, index: int, raw: list[Cell]) -> None:
        row = index + 1
        values, reported, legacy = self.read_cells(index, raw)
        if not values and not reported:
            return
        data = self.member_data(row, values, reported, legacy=legacy)
        unit_id = self.unit_of(row, values, reported)
        try:
            data = clean_member_data(data, today=self.today)
        except UnitsError as error:
            for problem in error.errors:
                key = problem.field if problem.field in BY_KEY else None
                if key not in reported:
                    self.problem(row, key, _strip_label(problem.message, BY_KEY.get(key or "")))
                    reported.add(key or "")
            return
        self.check_lengths(row, data, reported)
        if unit_id is None or row in self.error_rows:
            return
        for key, group, written, stored in normalizations(values, data):
            self.normalized.append((row, key, group, written, stored))
        self.remember(row, unit_id, data)
        self.result.rows.append(CheckedRow(row, unit_id, data))

    def member_data(
        self, row: int, values: dict[str, Cell], reported: set[str], *, legacy: bool
    ) -> MemberData:
        text = {
            key: v if type(v) is str else as_text(v)
            for key, v in values.items()
            if key not in DATE_KEYS  # dates are read from the cell itself
        }
        fields: dict[str, Any] = {}
        name = text.get("full_name", "")
        fields["full_name"] = capitalize_words(name) if legacy else name
        gender = text.get("gender", "")
        fields["gender"] = gender_of(gender) or ""
        if gender and not fields["gender"]:
            self.problem(row, "gender", messages.GENDER_INVALID.format(value=gender))
            reported.add("gender")
        for key in DATE_KEYS:
            if key in values:
                day, message = parse_date(values[key])
                if message:
                    self.problem(row, key, message)
                    reported.add(key)
                fields[key] = day
        party_text = text.get("is_party_member", "")
        party = party_of(party_text)
        if party is None:
            self.problem(row, "is_party_member", messages.PARTY_INVALID.format(value=party_text))
            reported.add("is_party_member")
            party = False
        elif not party_text and fields.get("party_joined_on"):
            party = True
            self.problem(row, "is_party_member", messages.PARTY_FROM_DATE, warning=True)
        fields["is_party_member"] = party
        education = text.get("education", "")
        fields["education"] = education_of(education) or "" if education else ""
        if education and not fields["education"]:
            choices = ", ".join(EDUCATION_LABELS)
            self.problem(
                row,
                "education",
                messages.EDUCATION_INVALID.format(value=education, choices=choices),
            )
            reported.add("education")
        fields["ethnicity"] = text.get("ethnicity", "")
        for key in _TEXT_FIELDS:
            fields[key] = text.get(key, "")
        if "phone" in values:
            fields["phone"] = _phone_text(values["phone"])
        return MemberData(**fields)

    def unit_of(self, row: int, values: dict[str, Cell], reported: set[str]) -> int | None:
        if "unit_code" not in values:
            return None if "unit_code" in reported else self.unit.pk
        code = as_text(values["unit_code"]).strip()
        found = self.units.get(code)
        if found is None:
            self.problem(
                row, "unit_code", messages.UNIT_UNKNOWN.format(code=code, unit=self.unit.name)
            )
            return None
        return found.pk

    def check_lengths(self, row: int, data: MemberData, reported: set[str]) -> None:
        for key, limit in _MAX_LENGTHS.items():
            value = getattr(data, key)
            if len(value) > limit and key not in reported:
                self.problem(
                    row, key, messages.TOO_LONG.format(limit=limit, length=number_vi(len(value)))
                )

    def remember(self, row: int, unit_id: int, data: MemberData) -> None:
        if data.member_number:
            rows = self.numbers.setdefault(data.member_number, [])
            if rows:
                self.problem(
                    row,
                    "member_number",
                    messages.NUMBER_DUPLICATE_IN_FILE.format(
                        number=data.member_number, row=rows[0]
                    ),
                )
            rows.append(row)
        if data.birth_date is not None:
            person = (unit_id, data.full_name.casefold(), data.birth_date)
            seen = self.people.setdefault(person, [])
            if seen:
                first, number = seen[0]
                if are_twins(data.member_number, [n for _, n in seen]):
                    message = messages.PERSON_TWIN_IN_FILE.format(
                        row=first, number=data.member_number, other=number
                    )
                    self.problem(row, "full_name", message, warning=True)
                    self.result.twins += 1
                else:
                    message = messages.PERSON_DUPLICATE_IN_FILE.format(row=first)
                    self.problem(row, "full_name", message)
            seen.append((row, data.member_number))

    # ---- against the database

    def check_database(self) -> None:
        number_message = _strip_label(unit_errors.MEMBER_NUMBER_TAKEN, BY_KEY["member_number"])
        for number in taken_numbers(sorted(self.numbers)):
            for row in self.numbers[number]:
                self.problem(row, "member_number", number_message.format(number=number))
        existing = existing_people(sorted({unit_id for unit_id, _, _ in self.people}))
        for person, members in existing.items():
            numbers = [m.member_number for m in members]
            for row, number in self.people.get(person, ()):
                member = members[0]
                details = {
                    "unit": self.unit_names.get(person[0], ""),
                    "name": member.full_name,
                    "date": f"{member.birth_date:%d/%m/%Y}",
                }
                if are_twins(number, numbers):
                    message = messages.PERSON_TWIN_IN_DATABASE.format(
                        **details, number=number, other=", ".join(numbers)
                    )
                    self.problem(row, "full_name", message, warning=True)
                    self.result.twins += 1
                else:
                    self.problem(row, "full_name", messages.PERSON_IN_DATABASE.format(**details))

    # ---- the whole sheet

    def run(self, progress: Progress | None) -> CheckResult:
        total = len(self.sheet.rows) - self.header.row - 1
        for done, (index, raw) in enumerate(self._data_rows(), start=1):
            self.check_row(index, raw)
            if progress and done % PROGRESS_EVERY == 0:
                progress(done, total)
        self.check_database()
        if progress:
            progress(total, total)
        self.finish()
        result = self.result
        result.rows = [r for r in result.rows if r.row not in self.error_rows]
        result.normalized = self.notes_of_normalized()
        return result

    def notes_of_normalized(self) -> list[Normalized]:
        """Group the values normalized in the rows to import by column and spelling."""
        notes: dict[tuple[str, str], Normalized] = {}
        for row, key, group, written, stored in self.normalized:
            if row in self.error_rows:
                continue
            note = notes.get((key, group))
            if note is None:
                if len(notes) == MAX_NOTES:
                    continue
                column = self.table.by_key[key]
                letter = column_letter(self.header.columns[key])
                note = Normalized(column.header, letter, written, stored)
                notes[key, group] = note
            if (written, stored) != (note.before, note.after):
                note.example = True
            if len(note.rows) < NOTE_ROWS:
                note.rows.append(row)
            note.count += 1
        order = self.table.order
        return sorted(notes.values(), key=lambda n: (order.get(n.column, -1), n.rows[0]))


def check_rows(
    sheet: Sheet,
    header: Header,
    *,
    unit: Unit,
    today: datetime.date,
    progress: Progress | None = None,
) -> CheckResult:
    """Check every row below the header; rows without errors come back as clean member data."""
    return _Checker(sheet, header, unit=unit, today=today).run(progress)


def check_sheet(
    sheet: Sheet, *, unit: Unit, today: datetime.date, progress: Progress | None = None
) -> CheckResult:
    """Find the header, then check every row (raises ImportFileError for the file as a whole)."""
    return check_rows(sheet, find_header(sheet), unit=unit, today=today, progress=progress)
