"""A document as a list of plain blocks, rendered once to HTML (for PDF) and once to Word.

A document module (minutes, reports) says *what* to print with these few blocks; the two
renderers below decide *how*, so the .docx and the .pdf of one document always say the same.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from docx.document import Document
from docx.shared import Mm, Pt

from daihoi.documents import letterhead, page, word

_RANGE = re.compile(r"\d+ - \d+")


def nowrap_ranges(escaped: str) -> str:
    """Keep "2023 - 2028" on one line in HTML (a line may otherwise break after the dash)."""
    return _RANGE.sub(lambda m: f'<span style="white-space: nowrap">{m.group(0)}</span>', escaped)


Align = Literal["left", "center", "right", "justify"]

_WORD_ALIGN = {
    "left": word.LEFT,
    "center": word.CENTER,
    "right": word.RIGHT,
    "justify": word.JUSTIFY,
}


@dataclass(frozen=True)
class Span:
    """A run of text inside a paragraph."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Para:
    """A paragraph: text or spans, with its alignment and spacing (points)."""

    content: str | tuple[Span, ...]
    align: Align = "justify"
    bold: bool = False
    italic: bool = False
    size: float | None = None
    indent_mm: float = 0
    """First-line indent."""
    hanging_mm: float = 0
    """Indent of the lines after the first (a numbered or dashed item)."""
    before: float = 0
    after: float = page.PARAGRAPH_AFTER_PT
    keep_with_next: bool = False
    css_class: str = ""

    def spans(self) -> tuple[Span, ...]:
        if isinstance(self.content, str):
            return (Span(self.content, self.bold, self.italic),)
        return tuple(
            Span(s.text, s.bold or self.bold, s.italic or self.italic) for s in self.content
        )


@dataclass(frozen=True)
class Grid:
    """A table with borders and a header row repeated on each page."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths_mm: tuple[float, ...]
    align: tuple[Align, ...]
    bold_rows: frozenset[int] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Signer:
    """One signature block: the role in capitals, a note, room to sign, then the names."""

    title: str
    note: str = "(Ký, ghi rõ họ tên)"
    names: tuple[str, ...] = ()
    space_mm: float = 20


@dataclass(frozen=True)
class Signatures:
    """Signature blocks side by side (left, right), kept on one page."""

    left: Signer | None
    right: Signer


@dataclass(frozen=True)
class Head:
    """The official header block."""

    letterhead: letterhead.Letterhead


@dataclass(frozen=True)
class PageBreak:
    """The next block starts a new page (one document made of several papers)."""


Block = Head | Para | Grid | Signatures | PageBreak


# HTML ---------------------------------------------------------------------------------------


def blocks_css() -> str:
    """Return the style rules of ``blocks_html``."""
    return (
        letterhead.letterhead_css()
        + """
table.grid { width: 100%; table-layout: fixed; border-collapse: collapse; margin: 4pt 0 8pt; }
table.grid th, table.grid td { border: 0.6pt solid #000; padding: 2pt 4pt;
                               vertical-align: middle; line-height: 1.2; }
table.grid th { font-weight: bold; text-align: center; }
table.grid td.left { text-align: left; }
table.grid td.center { text-align: center; }
table.grid td.right { text-align: right; }
table.grid td.justify { text-align: justify; }
table.grid tr.b { font-weight: bold; }
table.grid tr { page-break-inside: avoid; break-inside: avoid; }
table.signatures { width: 100%; table-layout: fixed; margin-top: 10pt;
                   page-break-inside: avoid; break-inside: avoid; }
table.signatures td { vertical-align: top; text-align: center; padding: 0 2mm; }
.sig-title { font-weight: bold; }
.sig-note { font-style: italic; }
.sig-name { font-weight: bold; }
.keep { page-break-after: avoid; break-after: avoid; }
.digest { overflow-wrap: anywhere; }
.page-break { page-break-before: always; break-before: page; height: 0; margin: 0; }
"""
    )


def _spans_html(spans: tuple[Span, ...]) -> str:
    out = []
    for span in spans:
        text = nowrap_ranges(html.escape(span.text))
        if span.bold:
            text = f"<b>{text}</b>"
        if span.italic:
            text = f"<i>{text}</i>"
        out.append(text)
    return "".join(out)


def _para_html(p: Para) -> str:
    style = [f"text-align: {p.align}"]
    if p.size:
        style.append(f"font-size: {p.size}pt")
    if p.hanging_mm:
        style.append(f"padding-left: {p.hanging_mm}mm; text-indent: {p.indent_mm - p.hanging_mm}mm")
    elif p.indent_mm:
        style.append(f"text-indent: {p.indent_mm}mm")
    style.append(f"margin: {p.before}pt 0 {p.after}pt 0")
    classes = " ".join(c for c in ("keep" if p.keep_with_next else "", p.css_class) if c)
    attribute = f' class="{classes}"' if classes else ""
    return f'<p{attribute} style="{"; ".join(style)}">{_spans_html(p.spans())}</p>'


def _grid_html(g: Grid) -> str:
    cols = "".join(f'<col style="width: {w}mm">' for w in g.widths_mm)
    head = "".join(f"<th>{html.escape(h)}</th>" for h in g.header)
    body = []
    for index, row in enumerate(g.rows):
        # Classes, not inline styles: a style attribute per cell costs WeasyPrint a CSS parse.
        weight = ' class="b"' if index in g.bold_rows else ""
        cells = "".join(
            f'<td class="{a}">{html.escape(c)}</td>' for c, a in zip(row, g.align, strict=True)
        )
        body.append(f"<tr{weight}>{cells}</tr>")
    return (
        f'<table class="grid"><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def _signer_html(s: Signer | None) -> str:
    if s is None:
        return ""
    parts = [f'<div class="sig-title">{html.escape(s.title)}</div>']
    if s.note:
        parts.append(f'<div class="sig-note">{html.escape(s.note)}</div>')
    if s.names:
        for name in s.names:
            parts.append(f'<div style="height: {s.space_mm}mm"></div>')
            parts.append(f'<div class="sig-name">{html.escape(name)}</div>')
    else:
        parts.append(f'<div style="height: {s.space_mm}mm"></div>')
    return "".join(parts)


def blocks_html(blocks: Sequence[Block]) -> str:
    """Return the HTML body of a list of blocks (style it with ``blocks_css``)."""
    out = []
    for block in blocks:
        if isinstance(block, Head):
            out.append(letterhead.letterhead_html(block.letterhead))
        elif isinstance(block, Para):
            out.append(_para_html(block))
        elif isinstance(block, Grid):
            out.append(_grid_html(block))
        elif isinstance(block, PageBreak):
            out.append('<div class="page-break"></div>')
        else:
            out.append(
                '<table class="signatures"><tr>'
                f"<td>{_signer_html(block.left)}</td><td>{_signer_html(block.right)}</td>"
                "</tr></table>"
            )
    return "\n".join(out)


# Word ---------------------------------------------------------------------------------------


def _add_para(document: Document, p: Para) -> None:
    paragraph = document.add_paragraph()
    for span in p.spans():
        word.add_run(paragraph, span.text, bold=span.bold, italic=span.italic, size=p.size)
    paragraph.alignment = _WORD_ALIGN[p.align]
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(p.before)
    fmt.space_after = Pt(p.after)
    if p.hanging_mm:
        fmt.left_indent = Mm(p.hanging_mm)
        fmt.first_line_indent = Mm(p.indent_mm - p.hanging_mm)
    elif p.indent_mm:
        fmt.first_line_indent = Mm(p.indent_mm)
    if p.keep_with_next:
        fmt.keep_with_next = True


def _add_grid(document: Document, g: Grid) -> None:
    grid = word.table(document, 1 + len(g.rows), list(g.widths_mm), borders=True)
    word.cell_margins_mm(grid, left=1.2, right=1.2)
    for cell, text in zip(grid.rows[0].cells, g.header, strict=True):
        word.cell_write(cell, text, bold=True, align=word.CENTER)
    word.repeat_as_header(0, grid)
    for index, row in enumerate(g.rows):
        cells = grid.rows[index + 1].cells
        for cell, text, align in zip(cells, row, g.align, strict=True):
            word.cell_write(cell, text, bold=index in g.bold_rows, align=_WORD_ALIGN[align])
    word.keep_row_together(grid)
    for row in grid.rows:
        for cell in row.cells:
            word.middle(cell)
    word.write(document, after=2)


def _add_signer(cell: word.Cell, s: Signer | None) -> None:
    if s is None:
        return
    word.cell_write(cell, s.title, bold=True, align=word.CENTER)
    if s.note:
        word.cell_write(cell, s.note, italic=True, align=word.CENTER)
    for name in s.names or ("",):
        # The room to sign is the space before the name's line.
        line = word.cell_write(cell, name, bold=True, align=word.CENTER)
        line.paragraph_format.space_before = Mm(s.space_mm)


def _add_signatures(document: Document, s: Signatures) -> None:
    half = page.TEXT_WIDTH_MM / 2
    grid = word.table(document, 1, [half, half], borders=False)
    word.keep_row_together(grid)
    left, right = grid.rows[0].cells
    _add_signer(left, s.left)
    _add_signer(right, s.right)


def add_blocks(document: Document, blocks: Sequence[Block]) -> None:
    """Add a list of blocks to a Word document."""
    for block in blocks:
        if isinstance(block, Head):
            letterhead.add_letterhead(document, block.letterhead)
        elif isinstance(block, Para):
            _add_para(document, block)
        elif isinstance(block, Grid):
            _add_grid(document, block)
        elif isinstance(block, PageBreak):
            document.add_page_break()
        else:
            _add_signatures(document, block)
