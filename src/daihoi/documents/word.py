"""Word (.docx) building blocks with python-docx: the page, the font, paragraphs, plain tables.

Every style names Times New Roman for all four script slots (ASCII, high ANSI, East-Asian and
complex script) and drops the theme fonts, so Word neither substitutes Calibri nor a font of the
user's language settings. The language is Vietnamese, for the spelling checker.
"""

from __future__ import annotations

from os import PathLike
from pathlib import Path

from docx import Document as new_docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from daihoi.documents import page
from daihoi.documents.fonts import WORD_FONT
from daihoi.rules.names import without_hidden_characters

CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY

Cell = _Cell

_FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
_THEME_SLOTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def _name_font(rfonts: BaseOxmlElement) -> None:
    for slot in _THEME_SLOTS:
        attribute = qn(slot)
        if attribute in rfonts.attrib:
            del rfonts.attrib[attribute]
    for slot in _FONT_SLOTS:
        rfonts.set(qn(slot), WORD_FONT)


# Schema order of the property elements this module adds (ECMA-376 Part 1, §17): Word refuses
# a file whose children are out of order.
# fmt: off
_ORDER: dict[str, tuple[str, ...]] = {
    "w:pPr": (
        "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
        "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
        "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
        "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
        "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
        "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
        "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
        "w:pPrChange",
    ),
    "w:rPr": (
        "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps",
        "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint",
        "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing",
        "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
        "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
        "w:eastAsianLayout", "w:specVanish", "w:oMath",
    ),
    "w:tblPr": (
        "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
        "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd",
        "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
    ),
    "w:trPr": (
        "w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter",
        "w:cantSplit", "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden",
    ),
    "w:tcPr": (
        "w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd",
        "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
    ),
    "w:tblBorders": ("w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"),
    "w:tcBorders": (
        "w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV", "w:tl2br",
        "w:tr2bl",
    ),
    "w:tblCellMar": ("w:top", "w:left", "w:bottom", "w:right"),
    "w:pBdr": ("w:top", "w:left", "w:bottom", "w:right", "w:between", "w:bar"),
}
# fmt: on
_TAG_NAMES = {qn(tag): tag for tag in _ORDER}


def _child(parent: BaseOxmlElement, tag: str, *, first: bool = False) -> BaseOxmlElement:
    """Return the child element with this tag, adding it at its schema place if missing."""
    found: BaseOxmlElement | None = parent.find(qn(tag))
    if found is not None:
        return found
    element = OxmlElement(tag)
    order = _ORDER.get(_TAG_NAMES.get(parent.tag, ""), ())
    if tag in order:
        later = {qn(t) for t in order[order.index(tag) + 1 :]}
        for sibling in parent:
            if sibling.tag in later:
                sibling.addprevious(element)
                return element
        parent.append(element)
    elif first:
        parent.insert(0, element)
    else:
        parent.append(element)
    return element


def new_document(*, title: str = "") -> Document:
    """Return an empty A4 document with the official margins and Times New Roman 13 pt."""
    document = new_docx()
    styles = document.styles.element
    defaults = _child(_child(_child(styles, "w:docDefaults", first=True), "w:rPrDefault"), "w:rPr")
    _name_font(_child(defaults, "w:rFonts", first=True))
    lang = _child(defaults, "w:lang")
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "vi-VN")
    for rfonts in styles.iter(qn("w:rFonts")):
        _name_font(rfonts)

    normal = document.styles["Normal"]
    normal.font.size = Pt(page.FONT_PT)
    normal_rpr = normal.element.get_or_add_rPr()
    _name_font(_child(normal_rpr, "w:rFonts", first=True))
    size_cs = _child(normal_rpr, "w:szCs")
    size_cs.set(qn("w:val"), str(page.FONT_PT * 2))
    spacing = normal.paragraph_format
    spacing.space_before = Pt(0)
    spacing.space_after = Pt(page.PARAGRAPH_AFTER_PT)
    spacing.line_spacing = 1.1

    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(page.A4_WIDTH_MM)
    section.page_height = Mm(page.A4_HEIGHT_MM)
    section.top_margin = Mm(page.MARGIN_TOP_MM)
    section.bottom_margin = Mm(page.MARGIN_BOTTOM_MM)
    section.left_margin = Mm(page.MARGIN_LEFT_MM)
    section.right_margin = Mm(page.MARGIN_RIGHT_MM)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)

    properties = document.core_properties
    properties.title = without_hidden_characters(title)
    properties.language = "vi-VN"
    properties.author = "daihoi"
    return document


def add_page_numbers(document: Document) -> None:
    """Number the pages in the top margin, centred, from the second page on (NĐ 30/2020)."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = CENTER
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind is not None:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._r.append(field)
        else:
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = f" {text} "
            run._r.append(instruction)


def write(
    container: Document | _Cell,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    align: WD_ALIGN_PARAGRAPH | None = None,
    after: float | None = None,
    before: float | None = None,
    indent_first_mm: float | None = None,
    keep_with_next: bool = False,
) -> Paragraph:
    """Add a paragraph of one run; ``after``/``before`` are spacing in points."""
    paragraph = container.add_paragraph()
    if text:
        add_run(paragraph, text, bold=bold, italic=italic, size=size)
    fmt = paragraph.paragraph_format
    if align is not None:
        paragraph.alignment = align
    if after is not None:
        fmt.space_after = Pt(after)
    if before is not None:
        fmt.space_before = Pt(before)
    if indent_first_mm is not None:
        fmt.first_line_indent = Mm(indent_first_mm)
    if keep_with_next:
        fmt.keep_with_next = True
    return paragraph


def add_run(
    paragraph: Paragraph,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
) -> None:
    """Append a run of text to a paragraph (without hidden characters: see below)."""
    # Names stored before control characters were refused (issue 9): Word's XML cannot hold
    # them, and python-docx raises on them.
    run = paragraph.add_run(without_hidden_characters(text))
    run.bold = bold or None
    run.italic = italic or None
    if size is not None:
        run.font.size = Pt(size)
        rpr = run._r.get_or_add_rPr()
        size_cs = _child(rpr, "w:szCs")
        size_cs.set(qn("w:val"), str(round(size * 2)))


def cell_write(
    cell: _Cell,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    align: WD_ALIGN_PARAGRAPH | None = None,
) -> Paragraph:
    """Write text in a cell: into its first empty paragraph, else a new one."""
    paragraph: Paragraph = cell.paragraphs[-1]
    if paragraph.text or paragraph.runs:
        paragraph = cell.add_paragraph()
    add_run(paragraph, text, bold=bold, italic=italic, size=size)
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    return paragraph


def table(
    container: Document | _Cell, rows: int, widths_mm: list[float], *, borders: bool
) -> Table:
    """Add a table of fixed column widths, with single borders or none."""
    result = container.add_table(rows=rows, cols=len(widths_mm))
    result.alignment = WD_TABLE_ALIGNMENT.CENTER
    result.autofit = False
    tbl_pr = result._tbl.tblPr
    layout = _child(tbl_pr, "w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table_borders = _child(tbl_pr, "w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = _child(table_borders, f"w:{edge}")
        element.set(qn("w:val"), "single" if borders else "nil")
        if borders:
            element.set(qn("w:sz"), "4")
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), "000000")
    grid = result._tbl.tblGrid
    for column, width in zip(grid.findall(qn("w:gridCol")), widths_mm, strict=True):
        column.set(qn("w:w"), str(round(Mm(width).twips)))
    for row in result.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
    return result


def middle(cell: _Cell) -> None:
    """Centre a cell's content vertically."""
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def repeat_as_header(row_index: int, of: Table) -> None:
    """Repeat a table row at the top of each page the table runs onto."""
    tr_pr = of.rows[row_index]._tr.get_or_add_trPr()
    _child(tr_pr, "w:tblHeader").set(qn("w:val"), "true")


def keep_row_together(of: Table) -> None:
    """Never split a row across pages."""
    for row in of.rows:
        tr_pr = row._tr.get_or_add_trPr()
        _child(tr_pr, "w:cantSplit").set(qn("w:val"), "true")


def rule(
    container: Document | _Cell,
    *,
    width_mm: float,
    within_mm: float,
    style: str = "single",
    after: float = 0,
) -> Paragraph:
    """Draw a horizontal line of a given width, centred within a width, as a paragraph border.

    A bottom border on an empty, tiny paragraph indented from both sides: real text layout,
    no drawing object, so it stays put when the document is edited.
    """
    paragraph = container.add_paragraph()
    side = max(0.0, (within_mm - width_mm) / 2)
    fmt = paragraph.paragraph_format
    fmt.left_indent = Mm(side)
    fmt.right_indent = Mm(side)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(after)
    fmt.line_spacing = Pt(2)
    p_pr = paragraph._p.get_or_add_pPr()
    bottom = _child(_child(p_pr, "w:pBdr"), "w:bottom")
    bottom.set(qn("w:val"), style)
    bottom.set(qn("w:sz"), "6")
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    run = paragraph.add_run()
    run.font.size = Pt(2)
    return paragraph


def cell_margins_mm(cell_table: Table, *, left: float, right: float) -> None:
    """Set the left and right padding of every cell of a table."""
    tbl_pr = cell_table._tbl.tblPr
    margins = _child(tbl_pr, "w:tblCellMar")
    for edge, value in (("left", left), ("right", right)):
        element = _child(margins, f"w:{edge}")
        element.set(qn("w:w"), str(round(Mm(value).twips)))
        element.set(qn("w:type"), "dxa")


def save(document: Document, path: str | PathLike[str]) -> None:
    """Write the document to a .docx file."""
    document.save(str(Path(path)))
