"""The header block of Vietnamese official documents, for Word and for HTML/PDF.

rules.md §8.3 (QĐ 933/QĐ-TLĐ, which follows Nghị định 30/2020/NĐ-CP, Phụ lục I): on the left the
issuing body, its parent above in normal weight and itself in bold, with a short line under it;
on the right the national name and the motto in bold, the motto underlined by a line as long as
itself; under them the number (left) and "Địa danh, ngày … tháng … năm …" in italics (right).

One ``Letterhead`` value feeds both renderers::

    head = Letterhead(issuer="BAN KIỂM PHIẾU", parent="ĐẠI HỘI CÔNG ĐOÀN CƠ SỞ ...",
                      place="Lai Châu", when=date(2017, 9, 19))
    add_letterhead(document, head)          # python-docx
    letterhead_html(head)                   # HTML, styled by letterhead_css()
"""

from __future__ import annotations

import datetime
import html
from dataclasses import dataclass

from docx.document import Document
from docx.shared import Pt

from daihoi.documents import page, word
from daihoi.documents.fonts import text_width_pt
from daihoi.rules.numbers import date_vi

COUNTRY = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

BLANK_PLACE = "……………"
BLANK_DATE = "ngày …… tháng …… năm ……"
"""What is printed when the place or the date is not known yet: dots to fill in by hand."""

_ISSUER_RULE_SHARE = 0.4
"""The line under the issuing body: 1/3 to 1/2 of the text above it (NĐ 30/2020)."""
_CELL_PADDING_MM = 1.5


@dataclass(frozen=True)
class Letterhead:
    """What the header block says.

    ``issuer`` is the body that issues the document (printed in bold, e.g. "BAN KIỂM PHIẾU"),
    ``parent`` the body above it (normal weight, e.g. "ĐẠI HỘI CÔNG ĐOÀN CƠ SỞ SỞ CÔNG
    THƯƠNG"); both are printed in capitals. ``number`` ("Số: 07/BB-BKP") is optional. ``place``
    is the locality of the date line; an empty place or a missing date prints dots.
    """

    issuer: str
    parent: str = ""
    number: str = ""
    place: str = ""
    when: datetime.date | None = None


def upper(text: str) -> str:
    """Return Vietnamese text in capitals ("Sở Công Thương" -> "SỞ CÔNG THƯƠNG")."""
    return text.upper()


def date_line(place: str, when: datetime.date | None) -> str:
    """Return "Lai Châu, ngày 19 tháng 9 năm 2017", with dots for what is not known."""
    return f"{place.strip() or BLANK_PLACE}, {date_vi(when) if when else BLANK_DATE}"


def _column_widths_mm() -> tuple[float, float]:
    left = round(page.TEXT_WIDTH_MM * page.HEADER_LEFT_SHARE, 1)
    return left, page.TEXT_WIDTH_MM - left


def _issuer_rule_mm(issuer: str) -> float:
    left, _ = _column_widths_mm()
    inner = left - 2 * _CELL_PADDING_MM
    text = text_width_pt(upper(issuer), page.HEADER_PT, bold=True) * page.MM_PER_PT
    return round(max(15.0, min(text, inner) * _ISSUER_RULE_SHARE), 1)


def _motto_rule_mm() -> float:
    return round(text_width_pt(MOTTO, page.HEADER_PT, bold=True) * page.MM_PER_PT, 1)


def letterhead_css() -> str:
    """Return the style rules of ``letterhead_html``."""
    left, right = _column_widths_mm()
    return f"""
table.letterhead {{ width: 100%; table-layout: fixed; border-collapse: collapse;
                   margin-bottom: 10pt; }}
table.letterhead td {{ padding: 0 {_CELL_PADDING_MM}mm; vertical-align: top;
                      text-align: center; line-height: 1.2; }}
table.letterhead col.lh-left {{ width: {left}mm; }}
table.letterhead col.lh-right {{ width: {right}mm; }}
.lh-parent {{ font-size: {page.HEADER_PT}pt; }}
.lh-issuer {{ font-size: {page.HEADER_PT}pt; font-weight: bold; }}
.lh-country {{ font-size: {page.COUNTRY_PT}pt; font-weight: bold; white-space: nowrap; }}
.lh-motto {{ font-size: {page.HEADER_PT}pt; font-weight: bold; white-space: nowrap; }}
.lh-rule {{ border-top: 0.6pt solid #000; margin: 1.5pt auto 0; height: 0; }}
.lh-number {{ font-size: {page.FONT_PT}pt; padding-top: 4pt; }}
.lh-date {{ font-size: {page.FONT_PT}pt; font-style: italic; padding-top: 6pt; }}
"""


def letterhead_html(head: Letterhead) -> str:
    """Return the header block as an HTML table (style it with ``letterhead_css``)."""
    e = html.escape
    left = ""
    if head.parent:
        left += f'<div class="lh-parent">{e(upper(head.parent))}</div>'
    left += f'<div class="lh-issuer">{e(upper(head.issuer))}</div>'
    left += f'<div class="lh-rule" style="width: {_issuer_rule_mm(head.issuer)}mm"></div>'
    right = (
        f'<div class="lh-country">{e(COUNTRY)}</div>'
        f'<div class="lh-motto">{e(MOTTO)}</div>'
        f'<div class="lh-rule" style="width: {_motto_rule_mm()}mm"></div>'
    )
    number = f'<div class="lh-number">{e(head.number)}</div>' if head.number else ""
    return (
        '<table class="letterhead"><colgroup><col class="lh-left"><col class="lh-right">'
        f"</colgroup><tr><td>{left}</td><td>{right}</td></tr>"
        f"<tr><td>{number}</td>"
        f'<td><div class="lh-date">{e(date_line(head.place, head.when))}</div></td></tr>'
        "</table>"
    )


def add_letterhead(document: Document, head: Letterhead) -> None:
    """Add the header block to a Word document as a borderless two-column table."""
    left, right = _column_widths_mm()
    block = word.table(document, 2, [left, right], borders=False)
    word.cell_margins_mm(block, left=_CELL_PADDING_MM, right=_CELL_PADDING_MM)
    issuer_cell, motto_cell = block.rows[0].cells
    number_cell, date_cell = block.rows[1].cells
    if head.parent:
        word.cell_write(issuer_cell, upper(head.parent), size=page.HEADER_PT, align=word.CENTER)
    word.cell_write(
        issuer_cell, upper(head.issuer), bold=True, size=page.HEADER_PT, align=word.CENTER
    )
    inner_left = left - 2 * _CELL_PADDING_MM
    word.rule(issuer_cell, width_mm=_issuer_rule_mm(head.issuer), within_mm=inner_left)

    word.cell_write(motto_cell, COUNTRY, bold=True, size=page.COUNTRY_PT, align=word.CENTER)
    word.cell_write(motto_cell, MOTTO, bold=True, size=page.HEADER_PT, align=word.CENTER)
    inner_right = right - 2 * _CELL_PADDING_MM
    word.rule(motto_cell, width_mm=_motto_rule_mm(), within_mm=inner_right)

    if head.number:
        paragraph = word.cell_write(number_cell, head.number, align=word.CENTER)
        paragraph.paragraph_format.space_before = Pt(4)
    paragraph = word.cell_write(
        date_cell, date_line(head.place, head.when), italic=True, align=word.CENTER
    )
    paragraph.paragraph_format.space_before = Pt(6)
    word.write(document, after=6)
