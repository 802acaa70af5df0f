"""The Excel files people download: the template to fill in, and a unit's members exported.

Both use the column table of daihoi.imports.columns, so an exported list imports back as is.
Times New Roman, a frozen header row, real Excel dates shown as dd/mm/yyyy.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from daihoi.imports.columns import (
    COLUMNS,
    EDUCATION_LABELS,
    GENDER_CHOICES,
    PARTY_NO_TEXT,
    PARTY_YES_TEXT,
    UNIT_NAME,
    Column,
    column_letter,
)
from daihoi.imports.workbook import MAX_ROWS
from daihoi.units.ethnicities import ETHNICITIES
from daihoi.units.models import Education, Gender, Unit
from daihoi.units.words import MEMBER_WORDS_VI, TRADE_UNION, member_word_vi

FONT_NAME = "Times New Roman"
FONT = Font(name=FONT_NAME, size=12)
BOLD = Font(name=FONT_NAME, size=12, bold=True)
TITLE = Font(name=FONT_NAME, size=14, bold=True)
HEADER_FILL = PatternFill("solid", start_color="DDEBF7")
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(vertical="top", wrap_text=True)
DATE_FORMAT = "dd/mm/yyyy"
TEXT_FORMAT = "@"  # phone and member numbers keep their leading zeros
TEXT_KEYS = ("member_number", "phone", "unit_code")

SHEET_HELP = "Hướng dẫn"
SHEET_UNITS = "Đơn vị"
MAX_UNITS_LISTED = 20_000

# A text starting with one of these is a formula to Excel, LibreOffice and CSV readers
# (=HYPERLINK(...), =cmd|..., +1+1, -1+1, @SUM(...)): written as text, never as a formula.
_FORMULA_STARTS = frozenset("=+-@")
# Control characters an .xlsx cannot hold (a name stored with one made the export fail).
_PRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

GENDER_LABELS = {Gender.NAM: GENDER_CHOICES[0], Gender.NU: GENDER_CHOICES[1]}
EDUCATION_NAMES = dict(zip(Education.values, EDUCATION_LABELS, strict=True))


def _new_workbook(*, write_only: bool = False) -> Workbook:
    book = Workbook(write_only=write_only)
    # The default font (of style 0, which cells without a style of their own use): openpyxl
    # has no public setter, and styling each of 1.7 million cells would double the export time.
    book._fonts = IndexedList([FONT])  # type: ignore[attr-defined]
    return book


def _style_columns(sheet: Worksheet, columns: Iterable[Column]) -> None:
    for index, column in enumerate(columns):
        dimension = sheet.column_dimensions[column_letter(index)]
        dimension.width = column.width
        # Column styles: what the user types below the header takes the font and formats.
        dimension.font = FONT
        if column.is_date:
            dimension.number_format = DATE_FORMAT
        elif column.key in TEXT_KEYS:
            dimension.number_format = TEXT_FORMAT


# --------------------------------------------------------------------------- template


def new_template(title: str, columns: tuple[Column, ...]) -> tuple[Workbook, Worksheet]:
    """Start a template: one sheet with the header row, styled columns, the header frozen."""
    book = _new_workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    _style_columns(sheet, columns)
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font, cell.fill, cell.border, cell.alignment = BOLD, HEADER_FILL, BOX, WRAP_CENTER
    sheet.row_dimensions[1].height = 33
    sheet.freeze_panes = "A2"
    return book, sheet


def add_choice(
    sheet: Worksheet,
    columns: tuple[Column, ...],
    key: str,
    formula: str,
    prompt: str,
    *,
    strict: bool = True,
) -> None:
    """Give a column of a template a drop-down list (strict: Excel refuses other values)."""
    index, column = next((i, c) for i, c in enumerate(columns) if c.key == key)
    letter = column_letter(index)
    rule = DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop" if strict else "warning",
        errorTitle="Giá trị không có trong danh sách",
        error=prompt,
        promptTitle=column.header,
        prompt=prompt,
        showInputMessage=True,
    )
    rule.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
    sheet.add_data_validation(rule)


def choice_list(values: Iterable[str]) -> str:
    """Return the formula of a drop-down list written in the rule itself: "Nam,Nữ"."""
    return '"' + ",".join(values) + '"'


def write_template(unit: Unit, units: Iterable[Unit], out: IO[bytes]) -> None:
    """Write the template to import members into a unit (units: its subtree, for the codes)."""
    word = member_word_vi(unit)
    book, sheet = new_template(_sheet_title(word), COLUMNS)

    def choose(key: str, formula: str, prompt: str, *, strict: bool = True) -> None:
        add_choice(sheet, COLUMNS, key, formula, prompt, strict=strict)

    choose("gender", choice_list(GENDER_CHOICES), "Chọn Nam hoặc Nữ.")
    choose(
        "is_party_member",
        f'"{PARTY_YES_TEXT},{PARTY_NO_TEXT}"',
        "Có nếu là đảng viên; để trống hoặc Không nếu không phải.",
    )
    choose("education", choice_list(EDUCATION_LABELS), "Chọn trình độ học vấn.")
    help_sheet = book.create_sheet(SHEET_HELP)
    ethnicity_range = write_help(
        help_sheet, f"HƯỚNG DẪN NHẬP DANH SÁCH {word.upper()}", _member_help(unit), COLUMNS
    )
    # Other names of a group ("Mèo", "Kinh (Việt)") are accepted too: a warning, not a stop.
    choose(
        "ethnicity",
        ethnicity_range,
        "Chọn một trong 54 dân tộc (tên gọi khác vẫn được chấp nhận).",
        strict=False,
    )
    units_sheet = book.create_sheet(SHEET_UNITS)
    count = _write_units(units_sheet, units)
    if count:
        choose(
            "unit_code",
            f"'{SHEET_UNITS}'!$A$2:$A${count + 1}",
            "Để trống: đơn vị đang nhập; hoặc chọn mã một đơn vị trực thuộc.",
        )
    book.save(out)


def _sheet_title(word: str) -> str:
    """Return the members' sheet title: "Đoàn viên", "Đảng viên", "Đoàn viên thanh niên"."""
    return word[:1].upper() + word[1:]


def _member_help(unit: Unit) -> list[str]:
    word = member_word_vi(unit)
    return [
        f"Đơn vị nhập: {unit.name} (mã {unit.code}).",
        f"Ghi mỗi {word} một dòng ở trang “{_sheet_title(word)}”, ngay dưới dòng tiêu đề; "
        "không đổi tên cột (có thể đổi thứ tự cột, bỏ các cột không bắt buộc).",
        "Ngày ghi theo dạng ngày/tháng/năm, ví dụ 23/12/1980, hoặc dùng ô kiểu Ngày của Excel.",
        "Không dùng công thức trong các ô dữ liệu: hãy sao chép rồi Dán đặc biệt → Giá trị.",
        f"Mỗi lần nhập tối đa {MAX_ROWS:,} dòng (tệp không quá 20 MB); ".replace(",", ".")
        + "tệp lớn hơn hãy chia thành nhiều tệp.",
        "Chữ gõ bằng bảng mã cũ TCVN3 (.VnTime) hoặc VNI (VNI-Times) được tự chuyển sang "
        "Unicode; hãy xem lại các dòng được cảnh báo ở bước kiểm tra.",
        "Sau khi tải lên, chương trình kiểm tra toàn bộ tệp và liệt kê từng lỗi (dòng, cột, "
        "cách sửa). Chỉ khi không còn lỗi mới nhập được, và nhập tất cả các dòng một lần.",
    ]


def write_help(sheet: Worksheet, title: str, lines: list[str], columns: tuple[Column, ...]) -> str:
    """Write the instructions and each column's help; return the range of the 54 ethnic groups."""
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 12
    sheet.column_dimensions["C"].width = 80
    sheet.column_dimensions["E"].width = 18
    sheet["A1"] = title
    sheet["A1"].font = TITLE
    row = 3
    for line in lines:
        cell = sheet.cell(row=row, column=1, value="• " + line)
        cell.font = FONT
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        cell.alignment = WRAP
        sheet.row_dimensions[row].height = 32
        row += 1
    row += 1
    for col, text in enumerate(("Cột", "Bắt buộc", "Cách ghi"), start=1):
        cell = sheet.cell(row=row, column=col, value=text)
        cell.font, cell.fill, cell.border, cell.alignment = BOLD, HEADER_FILL, BOX, WRAP_CENTER
    for column in columns:
        row += 1
        values = (column.header, "Có" if column.required else "", column.help)
        for col, text in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=col, value=text)
            cell.font, cell.border, cell.alignment = FONT, BOX, WRAP
    first = 3
    header = sheet.cell(row=first - 1, column=5, value="Dân tộc (54)")
    header.font, header.fill, header.border = BOLD, HEADER_FILL, BOX
    for offset, name in enumerate(ETHNICITIES):
        sheet.cell(row=first + offset, column=5, value=name).font = FONT
    end = first + len(ETHNICITIES) - 1
    return f"'{SHEET_HELP}'!$E${first}:$E${end}"


def _write_units(sheet: Worksheet, units: Iterable[Unit]) -> int:
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = 70
    for col, text in enumerate(("Mã đơn vị", "Tên đơn vị"), start=1):
        cell = sheet.cell(row=1, column=col, value=text)
        cell.font, cell.fill, cell.border = BOLD, HEADER_FILL, BOX
    sheet.freeze_panes = "A2"
    count = 0
    base_depth: int | None = None
    for count, unit in enumerate(units, start=1):
        if count > MAX_UNITS_LISTED:
            return MAX_UNITS_LISTED
        base_depth = unit.depth if base_depth is None else base_depth
        sheet.cell(row=count + 1, column=1, value=unit.code).font = FONT
        indent = "    " * max(unit.depth - base_depth, 0)
        sheet.cell(row=count + 1, column=2, value=indent + unit.name).font = FONT
    return count


# --------------------------------------------------------------------------- export

EXPORT_COLUMNS = (*COLUMNS, UNIT_NAME)
EXPORT_FIELDS = (
    "full_name",
    "gender",
    "birth_date",
    "ethnicity",
    "religion",
    "is_party_member",
    "party_joined_on",
    "education",
    "professional_level",
    "position",
    "workplace",
    "union_joined_on",
    "member_number",
    "phone",
    "unit__code",
    "unit__name",
)


def safe_text(sheet: Any, value: str | None) -> str | WriteOnlyCell | None:
    """Return text for a write-only sheet's row that Excel never reads as a formula.

    Control characters an .xlsx cannot hold are dropped; a text starting with = + - @ becomes a
    text cell marked as typed after an apostrophe, also once saved again as .csv.
    """
    if not value:
        return None
    value = _PRINTABLE.sub("", value)
    if value[:1] in _FORMULA_STARTS:
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell
    return value


def write_members(
    rows: Iterable[tuple[Any, ...]], out: IO[bytes], *, word: str = MEMBER_WORDS_VI[TRADE_UNION]
) -> int:
    """Write members (tuples of EXPORT_FIELDS, in list order) as .xlsx; return how many.

    Write-only mode streams each row to a temporary file, so memory stays flat for 100,000+
    rows; one styled cell per date column is reused for every row (it is written at once).
    """
    book = _new_workbook(write_only=True)
    sheet = book.create_sheet(_sheet_title(word))
    sheet.freeze_panes = "A2"
    _style_columns(sheet, EXPORT_COLUMNS)  # type: ignore[arg-type]
    header = []
    for column in EXPORT_COLUMNS:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font, cell.fill, cell.border, cell.alignment = BOLD, HEADER_FILL, BOX, WRAP_CENTER
        header.append(cell)
    sheet.append(header)
    dates = []
    for _ in range(3):
        cell = WriteOnlyCell(sheet)
        cell.number_format = DATE_FORMAT
        dates.append(cell)

    def date_cell(index: int, value: datetime.date | None) -> WriteOnlyCell | None:
        if value is None:
            return None
        cell = dates[index]
        cell.value = value
        return cell

    def text(value: str | None) -> str | WriteOnlyCell | None:
        return safe_text(sheet, value)

    count = 0
    for count, row in enumerate(rows, start=1):
        (name, gender, born, ethnicity, religion, party, party_on, education) = row[:8]
        (level, position, workplace, union_on, number, phone, code, unit_name) = row[8:]
        sheet.append(
            [
                count,
                text(name),
                GENDER_LABELS.get(gender, gender),
                date_cell(0, born),
                text(ethnicity),
                text(religion),
                PARTY_YES_TEXT if party else None,
                date_cell(1, party_on),
                EDUCATION_NAMES.get(education) or None,
                text(level),
                text(position),
                text(workplace),
                date_cell(2, union_on),
                text(number),
                text(phone),
                text(code),
                text(unit_name),
            ]
        )
    book.save(out)
    return count
