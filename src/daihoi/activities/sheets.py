"""Past records imported from Excel: the template, the check of every row, and the import.

The file is read the way the member list is (``daihoi.imports``): refused as a whole when it is
no workbook, too large, a crafted archive or without the required columns; header row anywhere
in the first rows; legacy TCVN3 / VNI text turned to Unicode, NFC; formulas reported, not read;
hidden characters refused. Each row is then checked by the very service that checks a form
(``daihoi.activities.services`` or the kind's own), so a problem reads the same in both, named
by its row and column. Rows are imported all together or not at all.

A kind of list is a ``SheetKind``; the activities register theirs here, and the emulation its
past title records (``daihoi.emulation.record_sheet``), from its AppConfig.ready().
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop
from openpyxl.worksheet.worksheet import Worksheet

from daihoi.activities import errors, services
from daihoi.activities.errors import ActivityError
from daihoi.activities.models import (
    Contribution,
    ContributionKind,
    Initiative,
    Level,
    ResearchProject,
    SheetImport,
)
from daihoi.imports.checking import (
    Header,
    SheetReader,
    SheetResult,
    as_text,
    find_header,
    parse_date,
)
from daihoi.imports.columns import Column, Table, party_of
from daihoi.imports.spreadsheets import (
    BOLD,
    BOX,
    FONT,
    HEADER_FILL,
    SHEET_HELP,
    TITLE,
    WRAP,
    WRAP_CENTER,
    add_choice,
    choice_list,
    new_template,
)
from daihoi.imports.workbook import Cell, Sheet, read_workbook
from daihoi.rules.names import fold, nfc
from daihoi.rules.numbers import number_vi
from daihoi.units.models import Unit

MAX_ROWS = 20_000
MAX_UNPACKED = 32 * 1024 * 1024
MAX_STORED_PROBLEMS = 5000
PREVIEW_KEPT = datetime.timedelta(days=1)

YES, NO = "Có", "Không"
TWICE_IN_FILE = "Trùng với dòng {row} của tệp."
ALREADY_RECORDED = "Đã có trong sổ của {unit}: {record}."
NOT_A_NUMBER = "{label}: nhập số bằng chữ số, ví dụ {example} (đang ghi “{value}”)."
YES_NO_INVALID = "{label}: ghi Có hoặc Không (đang ghi “{value}”)."
NOT_READY = "Tệp còn lỗi hoặc không có dòng nào để nhập: hãy sửa tệp rồi tải lên lại."
ALREADY_IMPORTED = "Tệp này đã được nhập."
CHANGED_SINCE_PREVIEW = (
    "Dữ liệu đã thay đổi từ lúc kiểm tra tệp (dòng {row}: {message}). Không có dòng nào được "
    "nhập; hãy tải tệp lên lại để kiểm tra lại."
)
IMPORTED = "Đã nhập {count} dòng {what}."


# --------------------------------------------------------------------------- kinds


@dataclass(frozen=True)
class SheetKind:
    """One kind of list: its columns, how a row becomes the service's data, how it is saved.

    ``data(cells)`` builds the data from a row's cells (raising ``ActivityError`` for a cell it
    cannot read); ``check(unit, data, today)`` is the service's check; ``key(data)`` tells two
    rows that record the same thing; ``existing(unit)`` the keys already recorded, with what
    they are; ``save(unit, data, by)`` writes one row; ``dump`` / ``load`` keep data as JSON.
    """

    slug: str
    # Both Vietnamese, as the workbook and the messages say them; marked for the catalog
    # (gettext_noop), the pages translate them ({% translate sheet.what %}).
    title: str  # the sheet's and the page's title
    what: str  # in a sentence: "sáng kiến"
    columns: tuple[Column, ...]
    help: tuple[str, ...]
    choices: dict[str, tuple[str, ...]]
    data: Callable[[dict[str, Cell]], Any]
    check: Callable[..., Any]
    key: Callable[[Any], tuple[Any, ...]]
    existing: Callable[[Unit], dict[tuple[Any, ...], str]]
    save: Callable[..., Any]
    dump: Callable[[Any], dict[str, Any]]
    load: Callable[[dict[str, Any]], Any]
    summary: Callable[[Any], str]

    @property
    def table(self) -> Table:
        return Table(self.columns)


KINDS: dict[str, SheetKind] = {}


def register(kind: SheetKind) -> None:
    KINDS[kind.slug] = kind


# --------------------------------------------------------------------------- cells


def text_of(cells: dict[str, Cell], key: str) -> str:
    return nfc(as_text(cells[key])) if key in cells else ""


def date_of(cells: dict[str, Cell], key: str, label: str) -> datetime.date | None:
    if key not in cells:
        return None
    day, message = parse_date(cells[key])
    if message:
        raise ActivityError.on(key, f"{label}: {message[:1].lower()}{message[1:]}")
    return day


def number_of(cells: dict[str, Cell], key: str, label: str, example: str) -> int | None:
    if key not in cells:
        return None
    cell = cells[key]
    if isinstance(cell, int | float) and not isinstance(cell, bool) and float(cell).is_integer():
        return int(cell)
    text = as_text(cell).strip()
    if text.isdigit():
        return int(text)
    raise ActivityError.on(key, NOT_A_NUMBER.format(label=label, example=example, value=text))


def amount_of(cells: dict[str, Cell], key: str) -> int | None:
    if key not in cells:
        return None
    cell = cells[key]
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        if not float(cell).is_integer():
            raise ActivityError.on(key, errors.AMOUNT_NOT_WHOLE.format(value=as_text(cell)))
        return int(cell)
    return services.parse_amount(as_text(cell))


def yes_no_of(cells: dict[str, Cell], key: str, label: str) -> bool:
    text = text_of(cells, key)
    found = party_of(text)
    if found is None:
        raise ActivityError.on(key, YES_NO_INVALID.format(label=label, value=text))
    return found


def choice_of(cells: dict[str, Cell], key: str, labels: dict[str, str]) -> str:
    """Return the value whose label (accents and case aside) the cell holds; else the text."""
    text = text_of(cells, key)
    return labels.get(fold(text), text)


def _labels(choices: Any) -> dict[str, str]:
    words = {fold(str(c.label)): c.value for c in choices}
    words.update({fold(c.value): c.value for c in choices})
    return words


def _day(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def _undate(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


# --------------------------------------------------------------------------- the four activities

STT = Column("stt", "STT", "Số thứ tự; không bắt buộc.", width=6, aliases=("TT",), imported=False)
PEOPLE_HELP = (
    "Bắt buộc. Họ và tên (hoặc số thẻ đoàn viên) của đoàn viên trong đơn vị và các đơn vị "
    "trực thuộc, nhiều người cách nhau bằng dấu phẩy."
)
LEVEL_LABELS = _labels(Level)
LEVEL_HELP = "Bắt buộc. Một trong: " + ", ".join(str(level.label) for level in Level) + "."
KIND_LABELS = _labels(ContributionKind)
COMMON_HELP = (
    "Ghi mỗi dòng một bản ghi ngay dưới dòng tiêu đề; không đổi tên cột.",
    "Ngày ghi theo dạng ngày/tháng/năm, ví dụ 23/12/2019, hoặc dùng ô kiểu Ngày của Excel. "
    "Không dùng công thức: sao chép rồi Dán đặc biệt → Giá trị.",
    "Sau khi tải lên, chương trình kiểm tra toàn bộ tệp và liệt kê từng lỗi (dòng, cột, cách "
    "sửa). Chỉ khi không còn lỗi mới nhập được, và nhập tất cả các dòng một lần.",
)


def _initiative_data(cells: dict[str, Cell]) -> services.InitiativeData:
    return services.InitiativeData(
        title=text_of(cells, "title"),
        authors=text_of(cells, "authors"),
        year=number_of(cells, "year", "Năm công nhận", "2019"),
        level=choice_of(cells, "level", LEVEL_LABELS),
        applied=yes_no_of(cells, "applied", "Đã áp dụng"),
        note=text_of(cells, "note"),
    )


def _existing_initiatives(unit: Unit) -> dict[tuple[Any, ...], str]:
    from daihoi.activities.queries import in_subtree

    rows = Initiative.objects.filter(in_subtree(unit)).values_list("title", "year", "unit__name")
    return {(fold(title), year): f"“{title}” ({year}, {name})" for title, year, name in rows}


INITIATIVES = SheetKind(
    slug="sang-kien",
    title=gettext_noop("Sáng kiến"),
    what=gettext_noop("sáng kiến"),
    columns=(
        STT,
        Column(
            "title", "Tên sáng kiến", "Bắt buộc.", width=40, required=True, aliases=("Sáng kiến",)
        ),
        Column(
            "authors",
            "Tác giả",
            PEOPLE_HELP,
            width=30,
            required=True,
            aliases=("Tác giả sáng kiến",),
        ),
        Column(
            "year",
            "Năm công nhận",
            "Bắt buộc. Năm, ví dụ 2019.",
            width=10,
            required=True,
            aliases=("Năm",),
        ),
        Column("level", "Cấp công nhận", LEVEL_HELP, width=22, required=True, aliases=("Cấp",)),
        Column(
            "applied",
            "Đã áp dụng",
            "Có nếu đã áp dụng vào thực tế; để trống hoặc Không nếu chưa.",
            width=10,
        ),
        Column("note", "Ghi chú", "Không bắt buộc. Quyết định công nhận (số, ngày).", width=30),
    ),
    help=COMMON_HELP,
    choices={"level": tuple(str(level.label) for level in Level), "applied": (YES, NO)},
    data=_initiative_data,
    check=services.check_initiative,
    key=lambda d: (fold(nfc(d.title)), d.year),
    existing=_existing_initiatives,
    save=services.save_initiative,
    dump=lambda d: vars(d).copy(),
    load=lambda v: services.InitiativeData(**v),
    summary=lambda d: f"{nfc(d.title)} ({d.year}) · {d.authors}",
)


def _research_data(cells: dict[str, Cell]) -> services.ResearchData:
    return services.ResearchData(
        title=text_of(cells, "title"),
        authors=text_of(cells, "authors"),
        level=choice_of(cells, "level", LEVEL_LABELS),
        accepted_on=date_of(cells, "accepted_on", "Ngày nghiệm thu"),
        note=text_of(cells, "note"),
    )


def _existing_research(unit: Unit) -> dict[tuple[Any, ...], str]:
    from daihoi.activities.queries import in_subtree

    rows = ResearchProject.objects.filter(in_subtree(unit)).values_list(
        "title", "accepted_on", "unit__name"
    )
    return {(fold(title), day): f"“{title}” ({day:%d/%m/%Y}, {name})" for title, day, name in rows}


RESEARCH = SheetKind(
    slug="de-tai",
    title=gettext_noop("Đề tài khoa học"),
    what=gettext_noop("đề tài nghiên cứu khoa học"),
    columns=(
        STT,
        Column("title", "Tên đề tài", "Bắt buộc.", width=40, required=True, aliases=("Đề tài",)),
        Column(
            "authors",
            "Chủ nhiệm, thành viên",
            PEOPLE_HELP,
            width=30,
            required=True,
            aliases=("Tác giả", "Chủ nhiệm đề tài"),
        ),
        Column("level", "Cấp đề tài", LEVEL_HELP, width=22, required=True, aliases=("Cấp",)),
        Column(
            "accepted_on",
            "Ngày nghiệm thu",
            "Bắt buộc. Ngày/tháng/năm.",
            width=14,
            required=True,
            is_date=True,
        ),
        Column("note", "Ghi chú", "Không bắt buộc. Quyết định nghiệm thu (số, ngày).", width=30),
    ),
    help=COMMON_HELP,
    choices={"level": tuple(str(level.label) for level in Level)},
    data=_research_data,
    check=services.check_research,
    key=lambda d: (fold(nfc(d.title)), d.accepted_on),
    existing=_existing_research,
    save=services.save_research,
    dump=lambda d: {**vars(d), "accepted_on": _day(d.accepted_on)},
    load=lambda v: services.ResearchData(**{**v, "accepted_on": _undate(v["accepted_on"])}),
    summary=lambda d: f"{nfc(d.title)} · {d.authors}",
)


def _contribution_data(cells: dict[str, Cell]) -> services.ContributionData:
    problems: list[Any] = []
    values: dict[str, Any] = {}
    for key, read in (
        ("amount", lambda: amount_of(cells, "amount")),
        ("given_on", lambda: date_of(cells, "given_on", "Ngày")),
    ):
        try:
            values[key] = read()
        except ActivityError as error:
            problems.extend(error.errors)
            values[key] = None
    if problems:
        raise ActivityError(*problems)
    return services.ContributionData(
        kind=choice_of(cells, "kind", KIND_LABELS),
        amount=values["amount"],
        given_on=values["given_on"],
        purpose=text_of(cells, "purpose"),
    )


def _existing_contributions(unit: Unit) -> dict[tuple[Any, ...], str]:
    from daihoi.activities.queries import in_subtree

    rows = Contribution.objects.filter(in_subtree(unit)).values_list(
        "given_on", "amount", "purpose", "unit__name"
    )
    return {
        (
            day,
            amount,
            fold(purpose),
        ): f"{purpose}, {number_vi(amount)} đồng ({day:%d/%m/%Y}, {name})"
        for day, amount, purpose, name in rows
    }


CONTRIBUTIONS = SheetKind(
    slug="tu-thien",
    title=gettext_noop("Từ thiện, mái ấm"),
    what=gettext_noop("khoản đóng góp"),
    columns=(
        STT,
        Column(
            "given_on",
            "Ngày",
            "Bắt buộc. Ngày/tháng/năm.",
            width=13,
            required=True,
            is_date=True,
            aliases=("Ngày đóng góp", "Ngày trao"),
        ),
        Column(
            "kind",
            "Loại đóng góp",
            "Bắt buộc. Một trong: " + ", ".join(str(k.label) for k in ContributionKind) + ".",
            width=26,
            required=True,
            aliases=("Loại",),
        ),
        Column(
            "purpose",
            "Nội dung",
            "Bắt buộc. Cho ai, việc gì, ví dụ Xây mái ấm cho đoàn viên Lò Văn A.",
            width=40,
            required=True,
        ),
        Column(
            "amount",
            "Số tiền (đồng)",
            "Bắt buộc. Số đồng, ví dụ 60000000 hoặc 60.000.000; không ghi “triệu”, “tỷ”, "
            "không có phần lẻ.",
            width=16,
            required=True,
            aliases=("Số tiền",),
        ),
    ),
    help=COMMON_HELP,
    choices={"kind": tuple(str(k.label) for k in ContributionKind)},
    data=_contribution_data,
    check=services.check_contribution,
    key=lambda d: (d.given_on, d.amount, fold(nfc(d.purpose))),
    existing=_existing_contributions,
    save=services.save_contribution,
    dump=lambda d: {**vars(d), "given_on": _day(d.given_on)},
    load=lambda v: services.ContributionData(**{**v, "given_on": _undate(v["given_on"])}),
    summary=lambda d: f"{nfc(d.purpose)} · {number_vi(d.amount or 0)} đồng",
)


def _introduction_data(cells: dict[str, Cell]) -> services.IntroductionData:
    return services.IntroductionData(
        member=text_of(cells, "member"),
        introduced_on=date_of(cells, "introduced_on", "Ngày giới thiệu"),
        admitted=yes_no_of(cells, "admitted", "Đã được kết nạp"),
        note=text_of(cells, "note"),
    )


INTRODUCTIONS = SheetKind(
    slug="gioi-thieu-dang",
    title=gettext_noop("Giới thiệu cho Đảng"),
    what=gettext_noop("đoàn viên được giới thiệu cho Đảng"),
    columns=(
        STT,
        Column(
            "member",
            "Đoàn viên",
            "Bắt buộc. Họ và tên hoặc số thẻ của đoàn viên trong đơn vị và các đơn vị trực thuộc.",
            width=30,
            required=True,
            aliases=("Họ và tên", "Họ tên"),
        ),
        Column(
            "introduced_on",
            "Ngày giới thiệu",
            "Bắt buộc. Ngày/tháng/năm.",
            width=14,
            required=True,
            is_date=True,
        ),
        Column(
            "admitted",
            "Đã được kết nạp",
            "Có nếu đã được kết nạp vào Đảng; để trống hoặc Không nếu chưa.",
            width=12,
            aliases=("Kết nạp",),
        ),
        Column("note", "Ghi chú", "Không bắt buộc.", width=30),
    ),
    help=COMMON_HELP,
    choices={"admitted": (YES, NO)},
    data=_introduction_data,
    check=services.check_introduction,
    key=lambda d: (fold(nfc(d.member)), d.introduced_on),
    existing=lambda unit: {},  # the service refuses one member introduced twice on a day
    save=services.save_introduction,
    dump=lambda d: {**vars(d), "introduced_on": _day(d.introduced_on)},
    load=lambda v: services.IntroductionData(**{**v, "introduced_on": _undate(v["introduced_on"])}),
    summary=lambda d: (
        f"{nfc(d.member)} ({d.introduced_on:%d/%m/%Y})" if d.introduced_on else d.member
    ),
)

for _kind in (INITIATIVES, RESEARCH, CONTRIBUTIONS, INTRODUCTIONS):
    register(_kind)


# --------------------------------------------------------------------------- template


def write_template(kind: SheetKind, unit: Unit, out: IO[bytes]) -> None:
    """Write the list to fill in, with its drop-down lists and a sheet of help."""
    book, sheet = new_template(kind.title, kind.columns)
    for key, values in kind.choices.items():
        add_choice(
            sheet, kind.columns, key, choice_list(values), "Chọn: " + ", ".join(values) + "."
        )
    lines = [
        f"Danh sách {kind.what} của {unit.name} và các đơn vị trực thuộc, ghi ở trang "
        f"“{kind.title}”.",
        *kind.help,
    ]
    _write_help(
        book.create_sheet(SHEET_HELP), f"HƯỚNG DẪN NHẬP {kind.title.upper()}", lines, kind.columns
    )
    book.save(out)


def _write_help(
    sheet: Worksheet, title: str, lines: list[str], columns: tuple[Column, ...]
) -> None:
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 12
    sheet.column_dimensions["C"].width = 80
    sheet["A1"] = title
    sheet["A1"].font = TITLE
    row = 3
    for line in lines:
        cell = sheet.cell(row=row, column=1, value="• " + line)
        cell.font, cell.alignment = FONT, WRAP
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        sheet.row_dimensions[row].height = 32
        row += 1
    row += 1
    for col, text in enumerate(("Cột", "Bắt buộc", "Cách ghi"), start=1):
        cell = sheet.cell(row=row, column=col, value=text)
        cell.font, cell.fill, cell.border, cell.alignment = BOLD, HEADER_FILL, BOX, WRAP_CENTER
    for column in columns:
        row += 1
        for col, text in enumerate(
            (column.header, YES if column.required else "", column.help), start=1
        ):
            cell = sheet.cell(row=row, column=col, value=text)
            cell.font, cell.border, cell.alignment = FONT, BOX, WRAP


# --------------------------------------------------------------------------- check


@dataclass
class SheetCheck(SheetResult):
    rows: list[tuple[int, dict[str, Any], str]] = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.rows is None:
            self.rows = []


class _Checker(SheetReader):
    result: SheetCheck

    def __init__(
        self, sheet: Sheet, header: Header, *, kind: SheetKind, unit: Unit, today: datetime.date
    ) -> None:
        super().__init__(sheet, header, table=kind.table, result=SheetCheck())
        self.kind = kind
        self.unit = unit
        self.today = today

    def report(self, row: int, error: ActivityError) -> None:
        for problem in error.errors:
            key = problem.field if problem.field in self.table.by_key else None
            self.problem(row, key, problem.message)

    def run(self) -> SheetCheck:
        existing = self.kind.existing(self.unit)
        seen: dict[tuple[Any, ...], int] = {}
        for index, raw in self._data_rows():
            row = index + 1
            cells, reported, _ = self.read_cells(index, raw)
            if not cells and not reported:
                continue
            try:
                data = self.kind.data(cells)
            except ActivityError as error:
                self.report(row, error)
                continue
            try:
                self.kind.check(unit=self.unit, data=data, today=self.today)
            except ActivityError as error:
                self.report(row, error)
                continue
            if reported:
                continue
            key = self.kind.key(data)
            if key in seen:
                self.problem(row, None, TWICE_IN_FILE.format(row=seen[key]))
                continue
            seen[key] = row
            if key in existing:
                self.problem(
                    row, None, ALREADY_RECORDED.format(unit=self.unit.name, record=existing[key])
                )
                continue
            self.result.rows.append((row, self.kind.dump(data), self.kind.summary(data)))
        self.finish()
        return self.result


def start_import(
    *,
    kind: SheetKind,
    unit: Unit,
    user: Any,
    upload: Any,
    today: datetime.date | None = None,
) -> SheetImport:
    """Read and check an uploaded list, and keep the result for its preview.

    Raises ``daihoi.imports.workbook.ImportFileError`` for a file refused as a whole.
    """
    name = (upload.name or f"{kind.slug}.xlsx")[-255:]
    sheet = read_workbook(
        upload, name=name, size=upload.size or 0, max_rows=MAX_ROWS, unpacked_limit=MAX_UNPACKED
    )
    header = find_header(sheet, table=kind.table)
    result = _Checker(
        sheet, header, kind=kind, unit=unit, today=today or timezone.localdate()
    ).run()
    with transaction.atomic():
        stale = timezone.now() - PREVIEW_KEPT
        SheetImport.objects.filter(imported_at__isnull=True, created_at__lt=stale).delete()
        return SheetImport.objects.create(
            unit=unit,
            kind=kind.slug,
            user=user,
            original_name=name,
            rows_read=result.rows_read,
            rows_with_errors=result.error_rows,
            rows_with_warnings=result.warning_rows,
            error_count=result.error_count,
            warning_count=result.warning_count,
            problems=[p.as_json() for p in result.problems[:MAX_STORED_PROBLEMS]],
            notes=result.notes,
            rows=[
                {"row": row, "data": data, "summary": summary} for row, data, summary in result.rows
            ]
            if result.can_import
            else [],
        )


def confirm_import(*, upload: SheetImport, by: Any) -> int:
    """Write every checked row of a previewed list: all of them or none; return how many.

    Each row goes through its service again inside the transaction (what changed since the
    preview is refused there); the import is marked done in the same transaction.
    """
    if upload.is_imported:
        raise ActivityError.on(None, ALREADY_IMPORTED)
    if not upload.can_confirm:
        raise ActivityError.on(None, NOT_READY)
    kind = KINDS[upload.kind]
    rows = upload.rows
    with transaction.atomic():
        claimed = SheetImport.objects.filter(pk=upload.pk, imported_at__isnull=True).update(
            imported_at=timezone.now(), imported_count=len(rows), rows=[]
        )
        if not claimed:
            raise ActivityError.on(None, ALREADY_IMPORTED)
        for row in rows:
            try:
                kind.save(unit=upload.unit, data=kind.load(row["data"]), by=by)
            except ActivityError as error:
                raise ActivityError.on(
                    None,
                    CHANGED_SINCE_PREVIEW.format(row=row["row"], message=error.messages[0]),
                ) from None
    upload.refresh_from_db()
    return len(rows)


def imported_message(kind: SheetKind, count: int) -> str:
    return IMPORTED.format(count=number_vi(count), what=kind.what)
