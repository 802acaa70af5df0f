"""Printable ballots (phiếu bầu cử): A4 PDF, several ballots to a sheet when they fit.

rules.md §2.3: the printed list of approved names, issued by the counting committee, with the
union's stamp at the upper left ("đóng dấu ... góc trái phía trên"); the voter crosses out the
whole line of each person not chosen. The names keep the election's ballot order
(``Election.candidates``), numbered from 1.

Layouts, smallest first: four ballots to a sheet (2 x 2, cut lines between), two to a sheet,
one ballot per page; a long list runs over several pages, in two columns, numbered on, each
page with the stamp box, "(tiếp theo)" and "Trang k/n". The layout is planned from the font's
own advance widths, then checked on WeasyPrint's layout: a ballot whose content would run past
its cell falls back to a roomier layout, so a name is never cut off or hidden.
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from os import PathLike
from pathlib import Path
from typing import Any

from daihoi.documents import page
from daihoi.documents.fonts import text_width_pt
from daihoi.documents.pdf import FAMILY, font_face_css
from daihoi.rules.election import Election, ElectionFormatError
from daihoi.rules.numbers import number_vi

KIND = "PHIẾU BẦU CỬ"
CONTINUED = "(tiếp theo)"
PAGE_OF = "Trang {page}/{pages}"
STAMP = "Dấu của Ban Chấp hành / Ban kiểm phiếu"
INSTRUCTION = (
    "Đồng chí đồng ý bầu ai thì để nguyên, không đồng ý bầu ai thì gạch ngang cả họ và tên "
    "người đó. Số người được bầu không quá {seats} người."
)
COLUMN_NUMBER = "STT"
COLUMN_NAME = "Họ và tên"

MSG_UNSUPPORTED = 'phiếu bầu chỉ in ra tệp .pdf hoặc .docx (nhận được: "{suffix}")'

_LINE_HEIGHT = 1.2
_FIT = 0.94
"""Share of a width a line of text may fill in the plan (kerning and rounding margin)."""


@dataclass(frozen=True)
class Layout:
    """The geometry and type sizes of one way to lay ballots on A4 sheets."""

    name: str
    per_sheet: int
    cell_w_mm: float
    cell_h_mm: float
    pad_mm: float
    stamp_w_mm: float
    stamp_h_mm: float
    org_pt: float
    kind_pt: float
    what_pt: float
    note_pt: float
    name_pt: float
    row_mm: float
    number_mm: float
    max_columns: int
    max_names: int | None
    """More names than this never use the layout (keeps the names large and easy to strike)."""
    fill: float = 1.0
    """Share of the names area a page may use: lowered when the check finds an overflow."""

    @property
    def inner_w_mm(self) -> float:
        return self.cell_w_mm - 2 * self.pad_mm

    @property
    def inner_h_mm(self) -> float:
        return self.cell_h_mm - 2 * self.pad_mm


QUARTER = Layout(
    name="quarter",
    per_sheet=4,
    cell_w_mm=page.A4_WIDTH_MM / 2,
    cell_h_mm=page.A4_HEIGHT_MM / 2,
    pad_mm=7,
    stamp_w_mm=30,
    stamp_h_mm=20,
    org_pt=9.5,
    kind_pt=15,
    what_pt=10.5,
    note_pt=9,
    name_pt=14,
    row_mm=8,
    number_mm=9,
    max_columns=1,
    max_names=6,
)
HALF = Layout(
    name="half",
    per_sheet=2,
    cell_w_mm=page.A4_WIDTH_MM,
    cell_h_mm=page.A4_HEIGHT_MM / 2,
    pad_mm=9,
    stamp_w_mm=36,
    stamp_h_mm=22,
    org_pt=11,
    kind_pt=17,
    what_pt=12,
    note_pt=10.5,
    name_pt=15,
    row_mm=8.5,
    number_mm=11,
    max_columns=2,
    max_names=14,
)
FULL = Layout(
    name="full",
    per_sheet=1,
    cell_w_mm=page.A4_WIDTH_MM,
    cell_h_mm=page.A4_HEIGHT_MM,
    pad_mm=12,
    stamp_w_mm=40,
    stamp_h_mm=25,
    org_pt=12,
    kind_pt=20,
    what_pt=14,
    note_pt=12,
    name_pt=15,
    row_mm=8.5,
    number_mm=13.5,
    max_columns=2,
    max_names=None,
)
LAYOUTS = (QUARTER, HALF, FULL)

_GAP_MM = 2.0
_STRETCH = 1.4
_COLUMN_GAP_MM = 6.0


@dataclass(frozen=True)
class BallotPage:
    """One page of one ballot: its columns of (number, name)."""

    columns: tuple[tuple[tuple[int, str], ...], ...]
    first: bool


@dataclass(frozen=True)
class Plan:
    """How one ballot is printed: the layout and the pages of the ballot."""

    layout: Layout
    pages: tuple[BallotPage, ...]
    row_mm: float
    """Height of a one-line row: the layout's, or up to ``_STRETCH`` times it on a short list."""


# Measuring ----------------------------------------------------------------------------------


def _mm(pt: float) -> float:
    return pt * page.MM_PER_PT


def _lines(text: str, width_mm: float, size_pt: float, *, bold: bool = False) -> int:
    """Return how many lines text takes in a width (greedy word wrap, as browsers do)."""
    room = width_mm * _FIT
    lines, current = 1, 0.0
    space = _mm(text_width_pt(" ", size_pt, bold=bold))
    for word in text.split():
        width = _mm(text_width_pt(word, size_pt, bold=bold))
        if current and current + space + width > room:
            lines += 1
            current = width
        else:
            current = current + space + width if current else width
        while current > room:  # a word longer than the line breaks anywhere
            lines += 1
            current -= room
    return lines


def _line_mm(size_pt: float) -> float:
    return _mm(size_pt * _LINE_HEIGHT)


def _header_mm(layout: Layout, organization: str, title: str, *, first: bool) -> float:
    """Height of the part above the names (the same formula the CSS below uses)."""
    w = layout.inner_w_mm
    beside = w - layout.stamp_w_mm - 3
    org_lines = _lines(organization, beside, layout.org_pt, bold=True) if organization else 0
    top_text = org_lines * _line_mm(layout.org_pt) + _line_mm(layout.kind_pt) + 1.5
    if not first:
        top_text += _line_mm(layout.note_pt)  # "(tiếp theo)  Trang k/n"
    height = max(layout.stamp_h_mm, top_text) + _GAP_MM
    if title:
        height += _lines(title, w, layout.what_pt, bold=True) * _line_mm(layout.what_pt)
        height += _GAP_MM
    if first:
        note = INSTRUCTION.format(seats=99)
        height += _lines(note, w, layout.note_pt) * _line_mm(layout.note_pt) + _GAP_MM
    return height


def _name_width_mm(layout: Layout, columns: int) -> float:
    column = (layout.inner_w_mm - (columns - 1) * _COLUMN_GAP_MM) / columns
    return column - layout.number_mm - 3  # cell padding


def _row_mm(layout: Layout, name: str, columns: int) -> float:
    extra = _lines(name, _name_width_mm(layout, columns), layout.name_pt) - 1
    return layout.row_mm + extra * _line_mm(layout.name_pt)


# Planning -----------------------------------------------------------------------------------


def _fill_column(rows: Sequence[tuple[int, str, float]], start: int, room: float) -> int:
    """Return the index after the last row that fits in a column of this height."""
    used = 0.0
    index = start
    while index < len(rows) and used + rows[index][2] <= room:
        used += rows[index][2]
        index += 1
    return index


def plan_ballot(
    names: Sequence[str], layout: Layout, *, organization: str, title: str
) -> Plan | None:
    """Return how the names are laid out in this layout, or None when they do not fit it.

    Multi-sheet layouts must hold the whole ballot in one cell; the full-page layout runs
    onto as many pages as needed, in two columns when one page of one column is not enough.
    """
    numbered = list(enumerate(names, start=1))
    if layout.max_names is not None and len(names) > layout.max_names:
        return None
    header_first = _header_mm(layout, organization, title, first=True)
    header_next = _header_mm(layout, organization, title, first=False)
    table_head = layout.row_mm
    room_first = (layout.inner_h_mm - header_first - table_head) * layout.fill
    room_next = (layout.inner_h_mm - header_next - table_head) * layout.fill
    for columns in range(1, layout.max_columns + 1):
        rows = [(n, name, _row_mm(layout, name, columns)) for n, name in numbered]
        total = sum(r[2] for r in rows)
        if total <= room_first * columns:
            one = _balanced(rows, columns, room_first, first=True)
            tallest = max(sum(r[2] for r in rows if r[0] in {n for n, _ in c}) for c in one.columns)
            stretch = min(_STRETCH, 0.95 * room_first / tallest) if tallest else 1.0
            return Plan(layout, (one,), layout.row_mm * stretch)
    if layout.per_sheet > 1:
        return None
    rows = [(n, name, _row_mm(layout, name, 2)) for n, name in numbered]
    return Plan(layout, _paginate(rows, room_first, room_next), layout.row_mm)


def _balanced(
    rows: Sequence[tuple[int, str, float]], columns: int, room: float, *, first: bool
) -> BallotPage:
    """Split rows that fit on one page into columns of about equal height, the first longer."""
    if columns == 1:
        return BallotPage((tuple((n, name) for n, name, _ in rows),), first)
    total = sum(r[2] for r in rows)
    used, split = 0.0, len(rows)
    for index, (_, _, height) in enumerate(rows):
        used += height
        if used >= total / 2:
            split = index + 1
            break
    split = min(split, _fill_column(rows, 0, room))
    left = tuple((n, name) for n, name, _ in rows[:split])
    right = tuple((n, name) for n, name, _ in rows[split:])
    return BallotPage((left, right), first)


def _paginate(
    rows: Sequence[tuple[int, str, float]], room_first: float, room_next: float
) -> tuple[BallotPage, ...]:
    """Fill two columns per page, page after page; the last page's columns are balanced."""
    pages: list[BallotPage] = []
    start = 0
    while start < len(rows):
        first = not pages
        room = room_first if first else room_next
        if sum(r[2] for r in rows[start:]) <= 2 * room:
            pages.append(_balanced(rows[start:], 2, room, first=first))
            break
        middle = _fill_column(rows, start, room)
        end = _fill_column(rows, middle, room)
        if end == start:  # a single row taller than a column: cannot happen with real names
            end = start + 1
        columns = (
            tuple((n, name) for n, name, _ in rows[start:middle]),
            tuple((n, name) for n, name, _ in rows[middle:end]),
        )
        pages.append(BallotPage(columns, first))
        start = end
    return tuple(pages)


def plan(election: Election, *, after: Layout | None = None, fill: float = 1.0) -> Plan:
    """Return the plan of the smallest layout that holds the ballot."""
    names = [c.name for c in election.candidates]
    layouts = list(LAYOUTS)
    if after is not None:
        layouts = layouts[layouts.index(after) + 1 :] or [FULL]
    for layout in layouts:
        chosen = plan_ballot(
            names,
            replace(layout, fill=fill if layout is FULL else 1.0),
            organization=_organization(election),
            title=election.title,
        )
        if chosen is not None:
            return chosen
    raise AssertionError("the full-page layout always holds a ballot")  # pragma: no cover


def _organization(election: Election) -> str:
    return election.organization.strip().upper()


# HTML ---------------------------------------------------------------------------------------


def ballots_css() -> str:
    """Return the style sheet of the ballot sheets (own margins: cells fill the page)."""
    rules = [
        font_face_css(),
        "@page { size: A4; margin: 0; }",
        f'html {{ font-family: "{FAMILY}"; color: #000; }}',
        "body { margin: 0; }",
        f".sheet {{ position: relative; width: {page.A4_WIDTH_MM}mm;"
        f" height: {page.A4_HEIGHT_MM}mm; page-break-after: always; overflow: hidden; }}",
        ".sheet:last-child { page-break-after: auto; }",
        ".cell { position: absolute; box-sizing: border-box; overflow: hidden; }",
        ".cut-v { position: absolute; top: 0; bottom: 0; width: 0;"
        " border-left: 0.5pt dashed #555; }",
        ".cut-h { position: absolute; left: 0; right: 0; height: 0;"
        " border-top: 0.5pt dashed #555; }",
        f"table.top {{ width: 100%; border-collapse: collapse; margin-bottom: {_GAP_MM}mm; }}",
        "table.top td { padding: 0; vertical-align: top; }",
        ".stamp { box-sizing: border-box; border: 0.8pt dashed #000; display: flex;"
        " text-align: center; font-style: italic; color: #444; }",
        ".stamp span { margin: auto; padding: 1mm; }",
        ".org { font-weight: bold; text-align: center; }",
        ".kind { font-weight: bold; text-align: center; }",
        ".more { text-align: center; font-style: italic; }",
        f".what {{ font-weight: bold; text-align: center; margin-bottom: {_GAP_MM}mm; }}",
        f".note {{ font-style: italic; text-align: justify; margin-bottom: {_GAP_MM}mm; }}",
        "table.names { width: 100%; border-collapse: collapse; table-layout: fixed; }",
        "table.names > tbody > tr > td { padding: 0; vertical-align: top; }",
        "table.list { width: 100%; border-collapse: collapse; table-layout: fixed; }",
        "table.list th, table.list td { border: 0.6pt solid #000; padding: 0 1.5mm; }",
        "table.list th { font-weight: bold; text-align: center; }",
        "table.list td.n { text-align: center; }",
        "table.list tr { page-break-inside: avoid; }",
    ]
    for layout in LAYOUTS:
        k = f".{layout.name}"
        rules += [
            f"{k} .stamp {{ width: {layout.stamp_w_mm}mm; height: {layout.stamp_h_mm}mm;"
            f" font-size: {max(7.0, layout.note_pt - 2)}pt; line-height: 1.15; }}",
            f"{k} td.stamp-cell {{ width: {layout.stamp_w_mm + 3}mm; }}",
            f"{k} .org {{ font-size: {layout.org_pt}pt; line-height: {_LINE_HEIGHT}; }}",
            f"{k} .kind {{ font-size: {layout.kind_pt}pt; line-height: {_LINE_HEIGHT};"
            " margin-top: 1.5mm; }",
            f"{k} .more {{ font-size: {layout.note_pt}pt; line-height: {_LINE_HEIGHT}; }}",
            f"{k} .what {{ font-size: {layout.what_pt}pt; line-height: {_LINE_HEIGHT}; }}",
            f"{k} .note {{ font-size: {layout.note_pt}pt; line-height: {_LINE_HEIGHT}; }}",
            f"{k} table.list th {{ font-size: {layout.note_pt}pt; height: {layout.row_mm}mm; }}",
            f"{k} table.list td {{ font-size: {layout.name_pt}pt; line-height: {_LINE_HEIGHT};"
            f" height: {layout.row_mm}mm; }}",
            f"{k} table.list col.n {{ width: {layout.number_mm}mm; }}",
        ]
    return "\n".join(rules)


def _column_html(rows: Sequence[tuple[int, str]]) -> str:
    e = html.escape
    body = "".join(f'<tr><td class="n">{n}.</td><td>{e(name)}</td></tr>' for n, name in rows)
    return (
        '<table class="list"><colgroup><col class="n"><col></colgroup>'
        f"<thead><tr><th>{COLUMN_NUMBER}</th><th>{COLUMN_NAME}</th></tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def _ballot_page_html(election: Election, one: BallotPage, number: int, pages: int) -> str:
    e = html.escape
    organization = _organization(election)
    beside = f'<div class="org">{e(organization)}</div>' if organization else ""
    beside += f'<div class="kind">{KIND}</div>'
    if not one.first:
        beside += (
            f'<div class="more">{CONTINUED} – {PAGE_OF.format(page=number, pages=pages)}</div>'
        )
    elif pages > 1:
        beside += f'<div class="more">{PAGE_OF.format(page=number, pages=pages)}</div>'
    out = [
        '<table class="top"><tr>'
        f'<td class="stamp-cell"><div class="stamp"><span>{e(STAMP)}</span></div></td>'
        f"<td>{beside}</td></tr></table>"
    ]
    if election.title:
        out.append(f'<div class="what">{e(election.title)}</div>')
    if one.first:
        note = INSTRUCTION.format(seats=number_vi(election.seats))
        out.append(f'<div class="note">{e(note)}</div>')
    columns = [column for column in one.columns if column]
    if len(one.columns) == 1:
        out.append(_column_html(one.columns[0]))
    else:
        # Two columns side by side, a gap between: a layout table, the most robust in print.
        cells = f'<td style="width: {_COLUMN_GAP_MM}mm"></td>'.join(
            f"<td>{_column_html(column)}</td>" for column in columns
        )
        if len(columns) == 1:
            cells += f'<td style="width: {_COLUMN_GAP_MM}mm"></td><td></td>'
        out.append(f'<table class="names"><tr>{cells}</tr></table>')
    return "".join(out)


def _sheets(chosen: Plan) -> Iterator[list[tuple[int, BallotPage]]]:
    """Yield the ballot pages printed on each sheet (copies of one page for multi-up)."""
    for number, one in enumerate(chosen.pages, start=1):
        yield [(number, one)] * chosen.layout.per_sheet


def ballots_html(election: Election, chosen: Plan) -> str:
    """Return the HTML document of the ballot sheets."""
    layout = chosen.layout
    per_row = 2 if layout.per_sheet == 4 else 1
    pages = len(chosen.pages)
    sheets = []
    for sheet in _sheets(chosen):
        cells = []
        for index, (number, one) in enumerate(sheet):
            x = (index % per_row) * layout.cell_w_mm
            y = (index // per_row) * layout.cell_h_mm
            cells.append(
                f'<div class="cell {layout.name}" data-cell="1" style="left: {x}mm; top: {y}mm;'
                f" width: {layout.cell_w_mm}mm; height: {layout.cell_h_mm}mm;"
                f' padding: {layout.pad_mm}mm">'
                f"{_ballot_page_html(election, one, number, pages)}</div>"
            )
        if per_row == 2:
            cells.append(f'<div class="cut-v" style="left: {layout.cell_w_mm}mm"></div>')
        if layout.per_sheet > 1:
            cells.append(f'<div class="cut-h" style="top: {layout.cell_h_mm}mm"></div>')
        sheets.append(f'<div class="sheet">{"".join(cells)}</div>')
    title = html.escape(f"{KIND} – {election.title}" if election.title else KIND)
    # The plan's row height (stretched on a short list), one rule rather than one per cell.
    rows = f".cell.{layout.name} table.list td {{ height: {chosen.row_mm:.2f}mm; }}"
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{ballots_css()}\n{rows}</style></head>"
        f"<body>{''.join(sheets)}</body></html>"
    )


# Checking the layout ------------------------------------------------------------------------


def _overflows(document: Any, chosen: Plan) -> bool:
    """Tell whether the laid-out sheets differ from the plan: a name row missing, a cell split
    at the page's end, content past the bottom of its cell, or more sheets than planned.

    Reads WeasyPrint's laid-out boxes (``Page._page_box``): the one place that knows where
    each line really went. An absolutely placed cell that runs past the page is cut there
    and its last rows vanish without any error, hence the row count.
    """
    if len(document.pages) != len(chosen.pages):
        return True
    planned = sum(len(column) for one in chosen.pages for column in one.columns)
    rows = 0
    pad = chosen.layout.pad_mm / page.MM_PER_PT * 4 / 3  # CSS px
    for one in document.pages:
        for cell in _cells(one._page_box):
            if cell.padding_bottom < pad - 0.5:
                return True  # split: the rest went nowhere
            bottom = cell.position_y + cell.margin_height() - cell.padding_bottom + 0.5
            if any(y > bottom for y in _bottoms(cell)):
                return True
            rows += _number_cells(cell)
    return rows != planned * chosen.layout.per_sheet


def _number_cells(box: Any) -> int:
    """Count the laid-out number cells (one per name row) inside a box."""
    total = 0
    for child in getattr(box, "children", ()):
        element = getattr(child, "element", None)
        if child.element_tag == "td" and element is not None and element.get("class") == "n":
            if type(child).__name__ == "TableCellBox":
                total += 1
                continue
        total += _number_cells(child)
    return total


def _cells(box: Any) -> Iterator[Any]:
    """Yield the ballot cells (absolutely placed, so wrapped in a placeholder box)."""
    element = getattr(box, "element", None)
    if element is not None and element.get("data-cell") and box.element_tag == "div":
        yield box
        return
    for child in getattr(box, "children", ()):
        yield from _cells(child)


def _bottoms(box: Any) -> Iterator[float]:
    """Yield the bottom edge of every box inside this one."""
    for child in getattr(box, "children", ()):
        if hasattr(child, "margin_height"):
            yield child.position_y + child.margin_height()
        yield from _bottoms(child)


def render_ballots(election: Election) -> tuple[bytes, Plan]:
    """Render the ballot sheets to PDF bytes; return them with the plan used."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    chosen = plan(election)
    fill = 1.0
    while True:
        fonts = FontConfiguration()
        document = HTML(string=ballots_html(election, chosen)).render(font_config=fonts)
        if not _overflows(document, chosen):
            pdf = document.write_pdf()
            assert pdf is not None
            return pdf, chosen
        # Roomier next time: the next layout, or fewer names per full page.
        if chosen.layout.name != FULL.name:
            chosen = plan(election, after=_layout(chosen.layout.name))
        else:
            fill -= 0.1
            if fill < 0.3:
                raise AssertionError("ballot layout does not converge")  # pragma: no cover
            chosen = plan(election, after=HALF, fill=fill)


def _layout(name: str) -> Layout:
    return next(layout for layout in LAYOUTS if layout.name == name)


def write_ballots(election: Election, path: str | PathLike[str]) -> None:
    """Write printable ballots to ``path`` (.pdf; .docx gives an editable Word ballot)."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".docx":
        from daihoi.documents.ballots_word import write_ballots_docx

        write_ballots_docx(election, target)
        return
    if suffix != ".pdf":
        raise ElectionFormatError("-o", MSG_UNSUPPORTED.format(suffix=suffix))
    pdf, _ = render_ballots(election)
    target.write_bytes(pdf)
