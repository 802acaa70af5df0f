"""The season's board as an Excel workbook: one row per unit, the board's filters applied."""

from __future__ import annotations

import datetime
from typing import IO, Any

from django.conf import settings
from django.utils import translation
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from daihoi.imports.spreadsheets import BOLD, BOX, HEADER_FILL, TITLE, WRAP_CENTER, safe_text
from daihoi.season.queries import Board

COLUMNS = (
    ("Đơn vị", 40),
    ("Loại đơn vị", 22),
    ("Thuộc", 30),
    ("Ngày dự kiến", 12),
    ("Hạn kế hoạch", 12),
    ("Trạng thái", 30),
    ("Ngày đại hội", 12),
    ("Ủy viên {committee} đã bầu", 10),
    ("Ủy viên {committee} được duyệt", 10),
    ("{chair}", 28),
    ("Ủy viên nữ", 10),
    ("Ủy viên trẻ (dưới 35 tuổi)", 10),
    ("Ủy viên tái cử", 10),
    ("Đại biểu chính thức đã bầu", 10),
    ("Đại biểu được phân bổ", 10),
    ("Số quyết định {recognize}", 18),
    ("Ngày quyết định", 12),
    ("Cần nhắc", 50),
)
SHEET = "Bảng theo dõi"
DAY = "DD/MM/YYYY"


def _day(sheet: Any, day: datetime.date | None) -> WriteOnlyCell | None:
    if day is None:
        return None
    cell = WriteOnlyCell(sheet, value=day)
    cell.number_format = DAY
    return cell


def write_board(board: Board, out: IO[bytes]) -> int:
    """Write the board's rows as .xlsx (counts as numbers, days as dates); return how many."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET)
    for n, (_label, width) in enumerate(COLUMNS):
        sheet.column_dimensions[chr(ord("A") + n)].width = width
    sheet.freeze_panes = "A3"
    title = WriteOnlyCell(sheet, value=safe_text(sheet, board.season.name) or "")
    title.font = TITLE
    sheet.append([title, safe_text(sheet, board.season.unit.name)])
    header = []
    words = board.words
    with translation.override(settings.LANGUAGE_CODE):  # the workbook is Vietnamese
        said = {
            "committee": str(words.committee_short),
            "chair": str(words.chair),
            "recognize": str(words.recognize),
        }
    for label, _width in COLUMNS:
        cell = WriteOnlyCell(sheet, value=label.format(**said))
        cell.font, cell.fill, cell.border, cell.alignment = BOLD, HEADER_FILL, BOX, WRAP_CENTER
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in board.rows:
        entry, result = row.entry, row.result
        sheet.append(
            [
                safe_text(sheet, entry.unit.name),
                safe_text(sheet, entry.unit.get_kind_display()),
                safe_text(sheet, row.branch),
                _day(sheet, entry.planned_on),
                _day(sheet, row.due),
                safe_text(sheet, row.status_label),
                _day(sheet, result.held_on if result else None),
                result.committee_size if result else None,
                entry.committee_size,
                safe_text(sheet, result.chair_name) if result else None,
                result.women if result else None,
                result.young if result else None,
                result.reelected if result else None,
                result.delegates_elected if result else None,
                entry.seats,
                safe_text(sheet, result.decision_number) if result else None,
                _day(sheet, result.decided_on if result else None),
                safe_text(sheet, " ".join(row.warnings)),
            ]
        )
        count += 1
    book.save(out)
    return count
