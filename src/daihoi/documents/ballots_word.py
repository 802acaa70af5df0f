"""An editable Word version of the ballot: one ballot per A4 page, the same pages as the PDF's
full-page layout (two columns for long lists, "(tiếp theo)" and "Trang k/n" on each page).

The PDF is the one to print from: it puts several small ballots on a sheet and checks its
own layout. The Word file is for a committee that must change a word before printing; rows
are "at least" their planned height, so a longer text grows a page and never hides a name.
"""

from __future__ import annotations

from dataclasses import replace
from os import PathLike

from docx.document import Document
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell

from daihoi.documents import word
from daihoi.documents.ballots import (
    COLUMN_NAME,
    COLUMN_NUMBER,
    CONTINUED,
    FULL,
    INSTRUCTION,
    KIND,
    PAGE_OF,
    STAMP,
    BallotPage,
    plan_ballot,
)
from daihoi.rules.election import Election
from daihoi.rules.numbers import number_vi

_WORD_FILL = 0.95
"""Word's line heights differ a little from WeasyPrint's: plan each page a little shorter."""
_GAP_MM = 6.0
_NUMBER_MM = FULL.number_mm + 3
"""Word pads cells more than the PDF's table: "185." needs the room."""


def _borders(cell: _Cell, style: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    borders = word._child(tc_pr, "w:tcBorders")
    for edge in ("top", "left", "bottom", "right"):
        element = word._child(borders, f"w:{edge}")
        element.set(qn("w:val"), style)
        if style != "nil":
            element.set(qn("w:sz"), "6")
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), "000000")


def _row_height(grid: Table, index: int, mm: float, rule: WD_ROW_HEIGHT_RULE) -> None:
    row = grid.rows[index]
    row.height = Mm(mm)
    row.height_rule = rule


def _top(document: Document, election: Election, number: int, pages: int, first: bool) -> None:
    layout = FULL
    inner = layout.inner_w_mm
    top = word.table(
        document, 1, [layout.stamp_w_mm, 3, inner - layout.stamp_w_mm - 3], borders=False
    )
    word.cell_margins_mm(top, left=0.5, right=0.5)
    stamp, _, beside = top.rows[0].cells
    _row_height(top, 0, layout.stamp_h_mm, WD_ROW_HEIGHT_RULE.AT_LEAST)
    _borders(stamp, "dashed")
    word.middle(stamp)
    paragraph = word.cell_write(stamp, STAMP, italic=True, size=9, align=word.CENTER)
    for run in paragraph.runs:
        run.font.color.rgb = RGBColor(0x44, 0x44, 0x44)
    organization = election.organization.strip().upper()
    if organization:
        word.cell_write(beside, organization, bold=True, size=layout.org_pt, align=word.CENTER)
    word.cell_write(beside, KIND, bold=True, size=layout.kind_pt, align=word.CENTER)
    if not first:
        more = f"{CONTINUED} – {PAGE_OF.format(page=number, pages=pages)}"
        word.cell_write(beside, more, italic=True, size=layout.note_pt, align=word.CENTER)
    elif pages > 1:
        more = PAGE_OF.format(page=number, pages=pages)
        word.cell_write(beside, more, italic=True, size=layout.note_pt, align=word.CENTER)
    word.write(document, after=0, size=4)
    if election.title:
        word.write(
            document, election.title, bold=True, size=layout.what_pt, align=word.CENTER, after=4
        )
    if first:
        note = INSTRUCTION.format(seats=number_vi(election.seats))
        word.write(document, note, italic=True, size=layout.note_pt, align=word.JUSTIFY, after=4)


def _names(document: Document, one: BallotPage, row_mm: float) -> None:
    layout = FULL
    columns = [column for column in one.columns]
    count = len(columns)
    width = (layout.inner_w_mm - (count - 1) * _GAP_MM) / count
    widths: list[float] = []
    for index in range(count):
        if index:
            widths.append(_GAP_MM)
        widths += [_NUMBER_MM, width - _NUMBER_MM]
    rows = max(len(column) for column in columns)
    grid = word.table(document, rows + 1, widths, borders=False)
    word.cell_margins_mm(grid, left=1.0, right=1.0)
    word.repeat_as_header(0, grid)
    for index, column in enumerate(columns):
        first_col = index * 3
        head_number, head_name = grid.rows[0].cells[first_col : first_col + 2]
        for cell, text in ((head_number, COLUMN_NUMBER), (head_name, COLUMN_NAME)):
            word.cell_write(cell, text, bold=True, size=layout.note_pt, align=word.CENTER)
            _borders(cell, "single")
            word.middle(cell)
        for row_index, (number, name) in enumerate(column, start=1):
            cells = grid.rows[row_index].cells
            number_cell, name_cell = cells[first_col], cells[first_col + 1]
            word.cell_write(number_cell, f"{number}.", size=layout.name_pt, align=word.CENTER)
            word.cell_write(name_cell, name, size=layout.name_pt)
            for cell in (number_cell, name_cell):
                _borders(cell, "single")
                word.middle(cell)
    _row_height(grid, 0, layout.row_mm, WD_ROW_HEIGHT_RULE.AT_LEAST)
    for index in range(1, rows + 1):
        _row_height(grid, index, row_mm, WD_ROW_HEIGHT_RULE.AT_LEAST)
    word.keep_row_together(grid)


def write_ballots_docx(election: Election, path: str | PathLike[str]) -> None:
    """Write the ballot as an editable Word document, one ballot per A4 page."""
    names = [c.name for c in election.candidates]
    layout = replace(FULL, fill=_WORD_FILL)
    chosen = plan_ballot(
        names, layout, organization=election.organization.strip().upper(), title=election.title
    )
    assert chosen is not None  # the full-page layout holds any list
    document = word.new_document(title=f"{KIND} – {election.title}" if election.title else KIND)
    section = document.sections[0]
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Mm(FULL.pad_mm))
    normal = document.styles["Normal"].paragraph_format
    normal.space_after = Pt(0)
    normal.line_spacing = 1.15
    pages = len(chosen.pages)
    for number, one in enumerate(chosen.pages, start=1):
        if number > 1:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _top(document, election, number, pages, one.first)
        _names(document, one, chosen.row_mm)
    word.save(document, path)
