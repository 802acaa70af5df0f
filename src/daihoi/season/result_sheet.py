"""A lower unit's result file imported from Excel: one row a person elected, with a profile.

For a unit whose congress did not run in daihoi, the upper level (or the unit) fills the
template: each person the congress and the first meeting elected, with gender and birth year,
marked in the committee (Ban Chấp hành), its office (Chủ tịch, Phó Chủ tịch), the Ủy ban Kiểm
tra (Ủy viên, Chủ nhiệm) and as a delegate to the upper congress (Chính thức, Dự khuyết: the
alternates in order of votes, as the rows come). The file is read as every list of daihoi is
(``daihoi.imports``): refused as a whole when it is no workbook, too large, a crafted archive
or without the required columns; legacy TCVN3 / VNI text turned to Unicode; formulas reported,
not read; each problem named by its row and column. A file without problems becomes the typed
result file (``season.typed.send_typed_result``), checked against the plan (§2.10, §2.12) and
written in the same transaction: all or nothing. Women and young members of the committee are
counted from the profiles (``rules.season.is_young``), not typed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from typing import IO, TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import translation

from daihoi.congresses import results
from daihoi.imports.checking import (
    SheetReader,
    SheetResult,
    as_text,
    find_header,
    problem_lines,
)
from daihoi.imports.columns import Column, Table, gender_of
from daihoi.imports.spreadsheets import (
    SHEET_HELP,
    add_choice,
    choice_list,
    new_template,
    write_help,
)
from daihoi.imports.workbook import Cell, read_workbook
from daihoi.rules.names import fold
from daihoi.season.errors import FieldError, SeasonError
from daihoi.season.models import SeasonStep, SeasonUnit
from daihoi.season.typed import TypedResult, send_typed_result
from daihoi.season.words import EVERY, UNION, Words, words_of_kind
from daihoi.units.models import Gender

if TYPE_CHECKING:
    from daihoi.accounts.models import User

MAX_ROWS = 500  # a committee, its inspection and the delegates: a few dozen people
MAX_UNPACKED = 8 * 1024 * 1024
TITLE = "Kết quả đại hội"
MARK_YES = "x"
CHAIR, VICE_CHAIR = "Chủ tịch", "Phó Chủ tịch"
INSPECTION_MEMBER, INSPECTION_CHAIR = "Ủy viên", "Chủ nhiệm"
OFFICIAL, ALTERNATE = "Chính thức", "Dự khuyết"

COLUMNS: tuple[Column, ...] = (  # the union's; a unit's own are ``columns_of(words)``
    Column("stt", "STT", "Không bắt buộc.", width=6, aliases=("TT", "Số TT"), imported=False),
    Column(
        "full_name",
        "Họ và tên",
        "Bắt buộc. Mỗi người một dòng, dù giữ nhiều chức danh.",
        width=28,
        aliases=("Họ tên",),
        required=True,
    ),
    Column("gender", "Giới tính", "Nam hoặc Nữ.", width=10, aliases=("Nam/Nữ",)),
    Column(
        "birth_year",
        "Năm sinh",
        "Năm sinh bốn chữ số, ví dụ 1985 (ngày sinh đầy đủ cũng được).",
        width=10,
        aliases=("Ngày sinh",),
    ),
    Column(
        "committee",
        "Ủy viên BCH",
        "Ghi x nếu trúng cử Ban Chấp hành.",
        width=12,
        aliases=("BCH", "Ban Chấp hành"),
    ),
    Column(
        "office",
        "Chức vụ trong BCH",
        "Chủ tịch hoặc Phó Chủ tịch, do hội nghị BCH lần thứ nhất bầu; để trống nếu không.",
        width=16,
        aliases=("Chức vụ",),
    ),
    Column(
        "inspection",
        "Ủy ban Kiểm tra",
        "Ủy viên hoặc Chủ nhiệm; để trống nếu không.",
        width=16,
        aliases=("UBKT",),
    ),
    Column(
        "delegate",
        "Đại biểu dự đại hội cấp trên",
        "Chính thức hoặc Dự khuyết; ghi người dự khuyết theo thứ tự số phiếu từ cao xuống.",
        width=18,
        aliases=("Đại biểu cấp trên", "Đại biểu"),
    ),
    Column("ethnicity", "Dân tộc", "Ví dụ: Kinh, Thái.", width=10),
    Column("party", "Đảng viên", "Ghi x nếu là đảng viên.", width=10),
    Column("education", "Trình độ", "Trình độ chuyên môn, ví dụ Đại học.", width=14),
    Column(
        "position",
        "Chức vụ, đơn vị công tác",
        "Như danh sách trích ngang.",
        width=28,
        aliases=("Chức vụ, đơn vị",),
    ),
)
TABLE = Table(
    COLUMNS,
    sheet_empty="Trang tính “{sheet}” không có gì: hãy ghi kết quả đại hội vào tệp mẫu.",
    no_rows="Trang tính “{sheet}” chỉ có dòng tiêu đề, chưa ghi người trúng cử nào.",
)
CHOICES = {
    "gender": ("Nam", "Nữ"),
    "committee": (MARK_YES,),
    "office": (CHAIR, VICE_CHAIR),
    "inspection": (INSPECTION_MEMBER, INSPECTION_CHAIR),
    "delegate": (OFFICIAL, ALTERNATE),
}


def choices_of(words: Words) -> dict[str, tuple[str, ...]]:
    """The drop-down values, the offices in the unit's words (a chi bộ's Bí thư, Phó Bí thư)."""
    with translation.override(settings.LANGUAGE_CODE):  # the workbook is Vietnamese
        return {**CHOICES, "office": (str(words.chair), str(words.vice_chair))}


# The committee's two columns in a unit's words (season.words); the reader knows them under
# every organisation's words and the first template's, so any template's file reads.
COMMITTEE_HELP = "Ghi x nếu trúng cử {committee}."
OFFICE_HEADER = "Chức vụ trong {committee}"
OFFICE_HELP = (
    "{chair} hoặc {vice_chair}, do Đại hội hoặc hội nghị {committee} lần thứ nhất bầu; để trống "
    "nếu không."
)


def columns_of(words: Words) -> tuple[Column, ...]:
    """The template's columns, the committee and its offices in the unit's words."""
    with translation.override(settings.LANGUAGE_CODE):  # the workbook is Vietnamese
        member = str(words.committee_member)
        office = OFFICE_HEADER.format(committee=words.committee_short)
        said = {
            "committee": (member, COMMITTEE_HELP.format(committee=words.committee)),
            "office": (
                office,
                OFFICE_HELP.format(
                    chair=words.chair,
                    vice_chair=words.vice_chair,
                    committee=words.committee_short,
                ),
            ),
        }
        known = {
            "committee": [
                text
                for w in EVERY
                for text in (str(w.committee_member), str(w.committee), str(w.committee_short))
            ],
            "office": [OFFICE_HEADER.format(committee=w.committee_short) for w in EVERY],
        }
    return tuple(
        replace(
            column,
            header=said[column.key][0],
            help=said[column.key][1],
            aliases=tuple(
                dict.fromkeys(
                    t
                    for t in (column.header, *column.aliases, *known[column.key])
                    if t != said[column.key][0]
                )
            ),
        )
        if column.key in said
        else column
        for column in COLUMNS
    )


def table_of(words: Words) -> Table:
    """The result table a unit's file is read against, its columns named in the unit's words."""
    return Table(columns_of(words), sheet_empty=TABLE.sheet_empty, no_rows=TABLE.no_rows)


HELP = (
    "Dùng cho đơn vị không tổ chức đại hội trên daihoi: mỗi người trúng cử một dòng.",
    "Người dự khuyết ghi theo thứ tự số phiếu: người trên được gọi thay trước.",
    "Số ủy viên nữ và ủy viên trẻ được tính từ giới tính và năm sinh của các ủy viên {committee}.",
    "Tệp được nhập cả hoặc không: còn một lỗi thì chưa có gì được ghi.",
)

APPROVED = (
    "Kết quả đại hội của {unit} ({season}): {committee} được duyệt {approved} ủy viên, "
    "đại biểu dự đại hội cấp trên được phân bổ {seats}."
)
CHOOSE = "{label}: chọn {values} (đang ghi “{value}”)."
YEAR_INVALID = "Năm sinh: ghi năm bốn chữ số từ {low} đến {high} (đang ghi “{value}”)."
NAME_TOO_LONG = "Họ và tên dài quá 200 ký tự."
TEXT_TOO_LONG = "{label} dài quá {limit} ký tự."
NAME_REQUIRED = "Thiếu họ và tên (dòng có ghi chức danh)."
NOTHING_MARKED = (
    "{name}: chưa ghi trúng cử gì ({committee}, chức vụ, Ủy ban Kiểm tra hay đại biểu)."
)
OFFICE_NOT_IN_COMMITTEE = (
    "{name} là {office} nhưng chưa đánh dấu ủy viên {committee} (cột “{column}”)."
)
SAME_PERSON_TWICE = (
    "{name} đã có ở dòng {first}: mỗi người một dòng, ghi mọi chức danh trên dòng đó."
)
IMPORTED = "Đã nhập hồ sơ kết quả đại hội của {unit} từ tệp “{name}”: {people} người trúng cử."


@dataclass(frozen=True)
class Person:
    row: int
    name: str
    gender: str
    birth_year: int | None
    committee: bool
    ethnicity: str
    party: bool
    education: str
    position: str
    office: str
    inspection: str
    delegate: str


GENDER_TEXT = {Gender.NAM: "Nam", Gender.NU: "Nữ"}


def _choice(value: str, values: tuple[str, ...]) -> str | None:
    return next((v for v in values if fold(v) == fold(value)), None)


def _year(cell: Cell, *, today: datetime.date) -> int | None:
    if isinstance(cell, datetime.datetime | datetime.date):
        text = str(cell.year)
    elif isinstance(cell, int | float) and float(cell).is_integer():
        text = str(int(cell))
    else:
        text = as_text(cell).strip()
        if "/" in text or "-" in text:  # a whole date, day first: the year ends it
            text = text.replace("-", "/").rsplit("/", 1)[-1]
    year = int(text) if text.isdigit() and len(text) == 4 else 0
    if not today.year - 100 <= year <= today.year - 15:
        raise ValueError
    return year


class _Reader(SheetReader):
    """One row a person: the marks read and checked, each problem named by row and column."""

    def people(self, *, today: datetime.date, words: Words) -> list[Person]:
        choices_here = choices_of(words)
        # The office is kept as its code (CHAIR, VICE_CHAIR), whatever the words it is typed in.
        office_code = dict(zip(choices_here["office"], (CHAIR, VICE_CHAIR), strict=True))
        office_word = {code: word for word, code in office_code.items()}
        out: list[Person] = []
        seen: dict[str, int] = {}
        for index, raw in self._data_rows():
            values, reported, _ = self.read_cells(index, raw)
            if not values:
                continue
            row = index + 1
            bad = bool(reported)
            name = " ".join(as_text(values.get("full_name", "")).split())
            if not name and "full_name" not in reported:
                self.problem(row, "full_name", NAME_REQUIRED)
                bad = True
            elif len(name) > 200:
                self.problem(row, "full_name", NAME_TOO_LONG)
                bad = True
            picked: dict[str, str] = {}
            for key, choices in choices_here.items():
                text = as_text(values.get(key, "")).strip()
                if key in reported or not text:
                    continue
                if key == "committee" and fold(text) in ("x", "co", "1"):
                    picked[key] = MARK_YES
                    continue
                if key == "gender":
                    found = GENDER_TEXT.get(gender_of(text) or "")
                else:
                    found = _choice(text, choices)
                    if key == "office" and found is not None:
                        found = office_code[found]
                if found is None:
                    label = self.table.by_key[key].header
                    shown = " hoặc ".join(f"“{v}”" for v in choices)
                    self.problem(row, key, CHOOSE.format(label=label, values=shown, value=text))
                    bad = True
                else:
                    picked[key] = found
            year = None
            if "birth_year" in values and "birth_year" not in reported:
                try:
                    year = _year(values["birth_year"], today=today)
                except ValueError:
                    value = as_text(values["birth_year"])
                    low, high = today.year - 100, today.year - 15
                    self.problem(
                        row, "birth_year", YEAR_INVALID.format(low=low, high=high, value=value)
                    )
                    bad = True
            texts = {
                key: " ".join(as_text(values.get(key, "")).split())
                for key in ("ethnicity", "party", "education", "position")
            }
            for key, limit in (("ethnicity", 50), ("education", 100), ("position", 200)):
                if len(texts[key]) > limit:
                    label = self.table.by_key[key].header
                    self.problem(row, key, TEXT_TOO_LONG.format(label=label, limit=limit))
                    bad = True
            if bad or not name:
                continue
            person = Person(
                row=row,
                name=name,
                gender=picked.get("gender", ""),
                birth_year=year,
                committee="committee" in picked,
                ethnicity=texts["ethnicity"],
                party=fold(texts["party"]) in ("x", "co", "1", "dang vien"),
                education=texts["education"],
                position=texts["position"],
                office=picked.get("office", ""),
                inspection=picked.get("inspection", ""),
                delegate=picked.get("delegate", ""),
            )
            if not (person.committee or person.office or person.inspection or person.delegate):
                self.problem(
                    row, None, NOTHING_MARKED.format(name=name, committee=words.committee_short)
                )
                continue
            if person.office and not person.committee:
                said = OFFICE_NOT_IN_COMMITTEE.format(
                    name=name,
                    office=office_word[person.office],
                    committee=words.committee_short,
                    column=self.table.by_key["committee"].header,
                )
                self.problem(row, "office", said)
                continue
            first = seen.setdefault(fold(name), row)
            if first != row:
                self.problem(row, "full_name", SAME_PERSON_TWICE.format(name=name, first=first))
                continue
            out.append(person)
        self.finish()
        return out


def read_people(
    source: IO[bytes], *, name: str, size: int, today: datetime.date, words: Words = UNION
) -> list[Person]:
    """Read the file's people, or refuse it naming every row and column to fix."""
    sheet = read_workbook(
        source, name=name, size=size, max_rows=MAX_ROWS, unpacked_limit=MAX_UNPACKED
    )
    table = table_of(words)
    header = find_header(sheet, table=table)
    result = SheetResult()
    people = _Reader(sheet, header, table=table, result=result).people(today=today, words=words)
    problems = problem_lines(result)
    if problems:
        raise SeasonError(*(FieldError("file", p) for p in problems))
    return people


def to_typed(
    people: list[Person], *, held_on: datetime.date | None, number: str, place: str
) -> TypedResult:
    """Turn the rows into the typed result file, each person's profile with it (the committee's
    women and young are counted from them by ``send_typed_result``)."""
    committee = [p for p in people if p.committee]

    def names(keep: list[Person]) -> str:
        return "\n".join(p.name for p in keep)

    return TypedResult(
        held_on=held_on,
        number=number,
        place=place,
        committee=names(committee),
        chair=names([p for p in people if p.office == CHAIR]),
        vice_chairs=names([p for p in people if p.office == VICE_CHAIR]),
        inspection=names([p for p in people if p.inspection]),
        inspection_chair=names([p for p in people if p.inspection == INSPECTION_CHAIR]),
        delegates=names([p for p in people if p.delegate == OFFICIAL]),
        alternates=names([p for p in people if p.delegate == ALTERNATE]),
        profiles=tuple(
            results.Profile(
                p.name,
                gender=p.gender,
                birth_year=p.birth_year,
                ethnicity=p.ethnicity,
                party=p.party,
                education=p.education,
                position=p.position,
            )
            for p in people
        ),
    )


@transaction.atomic
def import_result_sheet(
    *,
    entry: SeasonUnit,
    source: IO[bytes],
    name: str,
    size: int,
    held_on: datetime.date | None,
    number: str,
    place: str,
    note: str,
    by: User | None,
    today: datetime.date,
) -> SeasonStep:
    """Send up the unit's result file read from a workbook: every row written, or nothing."""
    words = words_of_kind(entry.unit.kind)
    people = read_people(source, name=name, size=size, today=today, words=words)
    data = to_typed(people, held_on=held_on, number=number, place=place)
    return send_typed_result(entry=entry, data=data, note=note, by=by, today=today)


def write_template(entry: SeasonUnit, out: IO[bytes]) -> None:
    """Write the workbook to fill in, with its drop-down lists and a sheet of help."""
    words = words_of_kind(entry.unit.kind)
    columns = columns_of(words)
    book, sheet = new_template(TITLE, columns)
    for key, values in choices_of(words).items():
        add_choice(sheet, columns, key, choice_list(values), "Chọn: " + ", ".join(values) + ".")
    with translation.override(settings.LANGUAGE_CODE):
        committee, short = str(words.committee), str(words.committee_short)
    lines = [
        APPROVED.format(
            unit=entry.unit.name,
            season=entry.season.name,
            committee=committee,
            approved=entry.committee_size or "—",
            seats=entry.seats,
        ),
        *(line.format(committee=short) for line in HELP),
    ]
    write_help(book.create_sheet(SHEET_HELP), f"HƯỚNG DẪN NHẬP {TITLE.upper()}", lines, columns)
    book.save(out)
