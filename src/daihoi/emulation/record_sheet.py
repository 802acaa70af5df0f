"""Past title records (hồ sơ thành tích) imported from Excel, and exported the same way.

A row is one title or reward of a member (by full name or card number) or of a collective (a
unit of the importing unit's subtree, by name or code) in a year, with the decision it rests on.
The list goes through the activities' sheet engine (``daihoi.activities.sheets``: template,
every row's problems by row and column, all or nothing); the export writes the same columns, so
an exported record reads back as it was.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO, Any

from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_noop

from daihoi.activities import sheets
from daihoi.activities.errors import ActivityError, FieldError
from daihoi.activities.services import find_member
from daihoi.emulation.models import HONOUR_CHOICES, TitleRecord
from daihoi.imports.columns import Column
from daihoi.imports.spreadsheets import new_template, safe_text
from daihoi.rules import emulation as rules
from daihoi.rules.names import fold, has_hidden_characters, nfc
from daihoi.units.models import Member, Unit, path_range

FIRST_YEAR = 1975
WHO_REQUIRED = (
    "Họ và tên: ghi họ và tên (hoặc mã đoàn viên) của cá nhân, hoặc tên tập thể ở cột “Tập thể”."
)
WHO_BOTH = "Tập thể: dòng đã ghi một cá nhân; tập thể ghi ở một dòng riêng."
NUMBER_OTHER_NAME = "Họ và tên: mã “{number}” là của đoàn viên {name}, không phải “{given}”."
UNIT_NOT_FOUND = (
    "Tập thể: không có đơn vị “{name}” trong {unit} và các đơn vị trực thuộc (ghi đúng tên hoặc "
    "mã đơn vị)."
)
UNIT_AMBIGUOUS = "Tập thể: có {count} đơn vị tên “{name}”; ghi mã đơn vị để phân biệt."
YEAR_RANGE = "Năm: phải từ {first} đến {last}."
YEAR_REQUIRED = "Năm: không được để trống."
TITLE_REQUIRED = "Danh hiệu, hình thức khen thưởng: không được để trống."
TITLE_UNKNOWN = (
    "Danh hiệu, hình thức khen thưởng: “{value}” không có trong danh mục (xem trang “Hướng dẫn”)."
)
TITLE_COLLECTIVE = "Danh hiệu, hình thức khen thưởng: “{title}” là danh hiệu của tập thể."
TITLE_INDIVIDUAL = "Danh hiệu, hình thức khen thưởng: “{title}” là danh hiệu của cá nhân."
NUMBER_REQUIRED = "Số quyết định: ghi số quyết định khen thưởng, ví dụ 125/QĐ-LĐLĐ."
NUMBER_TOO_LONG = "Số quyết định: dài quá 200 ký tự."
HIDDEN = (
    "{label}: có ký tự không nhìn thấy (ký tự điều khiển hoặc ký tự đổi chiều chữ), thường do "
    "sao chép từ nơi khác. Hãy xóa rồi gõ lại."
)
DATE_IN_FUTURE = "Ngày quyết định: không được sau ngày hôm nay ({today})."
ALREADY_RECORDED = (
    "Danh hiệu, hình thức khen thưởng: {who} đã có “{title}” năm {year} trong hồ sơ thành "
    "tích ({source})."
)

HONOUR_LABELS = {fold(str(label)): value for value, label in HONOUR_CHOICES}
HONOUR_LABELS.update({fold(value): value for value, _ in HONOUR_CHOICES})
HONOUR_NAMES = {value: str(label) for value, label in HONOUR_CHOICES}


@dataclass(frozen=True)
class RecordData:
    """A past title or reward as written in the list."""

    member: str
    member_number: str
    collective: str
    year: int | None
    title: str
    decision_number: str
    decision_date: datetime.date | None = None


@dataclass(frozen=True)
class CheckedRecord:
    member: Member | None
    unit: Unit | None
    year: int
    title: str
    source: str


def find_unit(unit: Unit, name: str, *, field: str = "collective", label: str = "Tập thể") -> Unit:
    """Find a unit of the subtree by code, else by its exact name (folded); refuse by field."""
    low, high = path_range(unit.path)
    subtree = Unit.objects.filter(path__gte=low, path__lt=high)
    by_code = subtree.filter(code=name).first()
    if by_code is not None:
        return by_code
    folded = fold(name)
    found = [u for u in subtree.search(name)[:50] if fold(u.name) == folded]
    if len(found) > 1:
        message = UNIT_AMBIGUOUS.format(count=len(found), name=name)
        raise ActivityError.on(field, message.replace("Tập thể:", f"{label}:", 1))
    if not found:
        message = UNIT_NOT_FOUND.format(name=name, unit=unit.name)
        raise ActivityError.on(field, message.replace("Tập thể:", f"{label}:", 1))
    return found[0]


def check_record(
    *, unit: Unit, data: RecordData, today: datetime.date | None = None
) -> CheckedRecord:
    """Check one past record; raise ``ActivityError`` with every problem, by field."""
    today = today or timezone.localdate()
    problems: list[FieldError] = []

    def problem(field: str, message: str) -> None:
        if field not in {p.field for p in problems}:
            problems.append(FieldError(field, message))

    for field, label, value in (
        ("member", "Họ và tên", data.member),
        ("collective", "Tập thể", data.collective),
        ("decision_number", "Số quyết định", data.decision_number),
    ):
        if value and has_hidden_characters(value):
            problem(field, HIDDEN.format(label=label))
    member: Member | None = None
    collective: Unit | None = None
    name, number = nfc(data.member), nfc(data.member_number)
    if not (name or number or nfc(data.collective)):
        problem("member", WHO_REQUIRED)
    elif (name or number) and nfc(data.collective):
        problem("collective", WHO_BOTH)
    elif not problems:
        try:
            if name or number:
                member = find_member(
                    unit=unit, name=number or name, label="Họ và tên", field="member"
                )
                if number and name and fold(member.full_name) != fold(name):
                    problem(
                        "member",
                        NUMBER_OTHER_NAME.format(number=number, name=member.full_name, given=name),
                    )
            else:
                collective = find_unit(unit, nfc(data.collective))
        except ActivityError as error:
            problems.extend(error.errors)
    last = today.year
    if data.year is None:
        problem("year", YEAR_REQUIRED)
    elif not FIRST_YEAR <= data.year <= last:
        problem("year", YEAR_RANGE.format(first=FIRST_YEAR, last=last))
    title = data.title.strip()
    if not title:
        problem("title", TITLE_REQUIRED)
    elif title not in HONOUR_NAMES:
        problem("title", TITLE_UNKNOWN.format(value=title))
    elif title in {t.value for t in rules.Title}:
        is_collective = rules.Title(title).collective
        if is_collective and member is not None:
            problem("title", TITLE_COLLECTIVE.format(title=HONOUR_NAMES[title]))
        elif not is_collective and collective is not None:
            problem("title", TITLE_INDIVIDUAL.format(title=HONOUR_NAMES[title]))
    decision = nfc(data.decision_number)
    if not decision:
        problem("decision_number", NUMBER_REQUIRED)
    elif len(decision) > 200:
        problem("decision_number", NUMBER_TOO_LONG)
    if data.decision_date is not None and data.decision_date > today:
        problem("decision_date", DATE_IN_FUTURE.format(today=f"{today:%d/%m/%Y}"))
    if not problems and (member or collective) and data.year is not None:
        held = TitleRecord.objects.filter(
            Q(member=member) if member else Q(unit=collective), year=data.year, title=title
        ).first()
        if held is not None:
            who = member.full_name if member else collective.name  # type: ignore[union-attr]
            problem(
                "title",
                ALREADY_RECORDED.format(
                    who=who,
                    title=HONOUR_NAMES[title],
                    year=data.year,
                    source=held.source or "không ghi căn cứ",
                ),
            )
    if problems:
        raise ActivityError(*problems)
    source = decision
    if data.decision_date is not None:
        source = f"{decision} ngày {data.decision_date:%d/%m/%Y}"
    assert data.year is not None
    return CheckedRecord(member, collective, data.year, title, source)


def save_record(*, unit: Unit, data: RecordData, by: Any = None) -> TitleRecord:
    """Add one past title or reward to the records; refuse it with every problem."""
    checked = check_record(unit=unit, data=data)
    with transaction.atomic():
        return TitleRecord.objects.create(
            member=checked.member,
            unit=checked.unit,
            year=checked.year,
            title=checked.title,
            source=checked.source,
        )


# --------------------------------------------------------------------------- the sheet

COLUMNS = (
    sheets.STT,
    Column(
        "member",
        "Họ và tên",
        "Cá nhân: họ và tên đoàn viên trong đơn vị và các đơn vị trực thuộc. Tập thể: để trống.",
        width=28,
        aliases=("Họ tên", "Cá nhân"),
    ),
    Column(
        "member_number",
        "Mã đoàn viên",
        "Không bắt buộc; ghi khi hai đoàn viên cùng họ tên.",
        width=14,
        aliases=("Số thẻ đoàn viên", "Số thẻ"),
    ),
    Column(
        "collective",
        "Tập thể",
        "Tập thể: tên hoặc mã đơn vị trong đơn vị và các đơn vị trực thuộc. Cá nhân: để trống.",
        width=30,
        aliases=("Tên tập thể", "Đơn vị"),
    ),
    Column("year", "Năm", "Bắt buộc. Năm đạt danh hiệu, ví dụ 2018.", width=8, required=True),
    Column(
        "title",
        "Danh hiệu, hình thức khen thưởng",
        "Bắt buộc. Một trong: " + ", ".join(HONOUR_NAMES.values()) + ".",
        width=34,
        required=True,
        aliases=("Danh hiệu", "Hình thức khen thưởng"),
    ),
    Column(
        "decision_number",
        "Số quyết định",
        "Bắt buộc. Số quyết định công nhận, khen thưởng, ví dụ 125/QĐ-LĐLĐ.",
        width=20,
        required=True,
        aliases=("Quyết định số", "Số QĐ"),
    ),
    Column(
        "decision_date",
        "Ngày quyết định",
        "Không bắt buộc. Ngày/tháng/năm.",
        width=14,
        is_date=True,
        aliases=("Ngày QĐ", "Ngày ký"),
    ),
)


def _data(cells: dict[str, Any]) -> RecordData:
    return RecordData(
        member=sheets.text_of(cells, "member"),
        member_number=sheets.text_of(cells, "member_number"),
        collective=sheets.text_of(cells, "collective"),
        year=sheets.number_of(cells, "year", "Năm", "2018"),
        title=HONOUR_LABELS.get(
            fold(sheets.text_of(cells, "title")), sheets.text_of(cells, "title")
        ),
        decision_number=sheets.text_of(cells, "decision_number"),
        decision_date=sheets.date_of(cells, "decision_date", "Ngày quyết định"),
    )


def _summary(data: RecordData) -> str:
    who = data.member or data.member_number or data.collective
    return f"{who}: {HONOUR_NAMES.get(data.title, data.title)} {data.year} · {data.decision_number}"


RECORDS = sheets.SheetKind(
    slug="ho-so-thanh-tich",
    title=gettext_noop("Hồ sơ thành tích"),
    what=gettext_noop("hồ sơ thành tích (danh hiệu, khen thưởng những năm trước)"),
    columns=COLUMNS,
    help=(
        "Mỗi dòng một danh hiệu hoặc hình thức khen thưởng của một cá nhân (cột Họ và tên, Mã "
        "đoàn viên) hoặc một tập thể (cột Tập thể) trong một năm.",
        *sheets.COMMON_HELP,
    ),
    choices={},  # too many titles for an Excel list rule; the help sheet names them
    data=_data,
    check=check_record,
    key=lambda d: (fold(d.member), d.member_number, fold(d.collective), d.year, d.title),
    existing=lambda unit: {},  # check_record refuses a title already recorded
    save=save_record,
    dump=lambda d: {
        **vars(d),
        "decision_date": d.decision_date.isoformat() if d.decision_date else None,
    },
    load=lambda v: RecordData(
        **{
            **v,
            "decision_date": datetime.date.fromisoformat(v["decision_date"])
            if v["decision_date"]
            else None,
        }
    ),
    summary=_summary,
)
sheets.register(RECORDS)


# --------------------------------------------------------------------------- export


def records_of_unit(unit: Unit) -> QuerySet[TitleRecord]:
    """The records of the subtree's members and collectives, by year: members by name first."""
    low, high = path_range(unit.path)
    return (
        TitleRecord.objects.filter(
            Q(member__unit__path__gte=low, member__unit__path__lt=high)
            | Q(unit__path__gte=low, unit__path__lt=high)
        )
        .select_related("member", "unit", "decision")
        .order_by("year", F("member__name_key").asc(nulls_last=True), "unit__path", "id")
    )


def records_of_member(member: Member) -> QuerySet[TitleRecord]:
    return (
        TitleRecord.objects.filter(member=member)
        .select_related("member", "unit", "decision")
        .order_by("year", "id")
    )


def write_records(records: Iterable[TitleRecord], out: IO[bytes], *, title: str) -> int:
    """Write records in the import's columns (an exported list imports back); return how many."""
    book, sheet = new_template(RECORDS.title, COLUMNS)
    count = 0
    for count, record in enumerate(records, start=1):
        if record.decision is not None:
            number, day = record.decision.number, record.decision.signed_on
        else:
            number, day = record.source, None
        row = [
            count,
            safe_text(sheet, record.member.full_name if record.member else ""),
            safe_text(sheet, record.member.member_number if record.member else ""),
            safe_text(sheet, record.unit.code if record.unit else ""),
            record.year,
            HONOUR_NAMES.get(record.title, record.title),
            safe_text(sheet, number),
            day,
        ]
        sheet.append(row)
        if day is not None:
            sheet.cell(row=count + 1, column=len(row)).number_format = "dd/mm/yyyy"
    sheet.oddHeader.center.text = title
    book.save(out)
    return count
