"""HTML to PDF with WeasyPrint, with the bundled serif font and the official page layout.

Every PDF names only the family loaded here by ``@font-face`` from the package's own files, so
the output never depends on the fonts installed on the machine.
"""

from __future__ import annotations

import html
from os import PathLike
from pathlib import Path

from daihoi.documents import page
from daihoi.documents.fonts import FILES
from daihoi.rules.names import without_hidden_characters

FAMILY = "Liberation Serif Daihoi"
"""The CSS family bound to the bundled Liberation Serif files (a private name, so no system
font of the same name can stand in for it)."""


def font_face_css() -> str:
    """Return the ``@font-face`` rules that load the four bundled faces by file:// URL."""
    rules = []
    for (bold, italic), path in FILES.items():
        rules.append(
            "@font-face {"
            f' font-family: "{FAMILY}";'
            f" src: url({path.as_uri()});"
            f" font-weight: {'bold' if bold else 'normal'};"
            f" font-style: {'italic' if italic else 'normal'};"
            " }"
        )
    return "\n".join(rules)


def base_css(*, margins: bool = True, page_numbers: bool = True) -> str:
    """Return the page and text rules every document shares.

    A4; the official margins (``page.MARGIN_*``) unless a layout draws its own; Times-metric
    serif at ``page.FONT_PT``; page numbers centred in the top margin from the second page on
    (Nghị định 30/2020/NĐ-CP, Phụ lục I: the first page shows none).
    """
    if margins:
        margin = (
            f"{page.MARGIN_TOP_MM}mm {page.MARGIN_RIGHT_MM}mm "
            f"{page.MARGIN_BOTTOM_MM}mm {page.MARGIN_LEFT_MM}mm"
        )
    else:
        margin = "0"
    numbers = ""
    if page_numbers:
        numbers = (
            "@top-center { content: counter(page); font-family: inherit;"
            f" font-size: {page.FONT_PT}pt; vertical-align: middle; }}"
        )
    return f"""{font_face_css()}
@page {{ size: A4; margin: {margin}; {numbers} }}
@page :first {{ @top-center {{ content: none; }} }}
html {{ font-family: "{FAMILY}"; font-size: {page.FONT_PT}pt; line-height: 1.25;
       color: #000; }}
body {{ margin: 0; }}
p {{ margin: 0 0 {page.PARAGRAPH_AFTER_PT}pt 0; text-align: justify; }}
table {{ border-collapse: collapse; }}
.center {{ text-align: center; }}
.right {{ text-align: right; }}
.b {{ font-weight: bold; }}
.i {{ font-style: italic; }}
"""


def html_document(body: str, *, title: str, css: str) -> str:
    """Wrap a body in a complete Vietnamese HTML document with its style sheet."""
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{css}</style></head>"
        f"<body>{body}</body></html>"
    )


def render_pdf(document: str) -> bytes:
    """Render a complete HTML document to PDF bytes."""
    # Imported here: WeasyPrint loads Pango on import, which the Word path does not need.
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    # Our markup holds no such character: only a name stored before they were refused can.
    document = without_hidden_characters(document)
    pdf: bytes | None = HTML(string=document).write_pdf(font_config=fonts)
    assert pdf is not None
    return pdf


def write_pdf(document: str, path: str | PathLike[str]) -> None:
    """Render a complete HTML document to a PDF file."""
    Path(path).write_bytes(render_pdf(document))
