"""Read back what a document says: the text of a PDF (pypdf) or a .docx (python-docx), its fonts."""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import docx
import pypdf
from fontTools.ttLib import TTFont


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def flat(text: str) -> str:
    """Collapse every run of whitespace (line ends of wrapped lines) into one space."""
    return " ".join(nfc(text).replace("\u00a0", " ").split())


def pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in pypdf.PdfReader(path).pages]


def pdf_text(path: Path) -> str:
    return "\n".join(pdf_pages(path))


def docx_text(path: Path) -> str:
    """Return the body text in document order; a table row reads as its cells, space-joined."""
    document = docx.Document(str(path))
    out: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            for row in child.iter():
                if row.tag.endswith("}tr"):
                    cells = [
                        "".join(t.text or "" for t in cell.iter() if t.tag.endswith("}t"))
                        for cell in row
                        if cell.tag.endswith("}tc")
                    ]
                    out.append(" ".join(c for c in cells if c))
    return "\n".join(out)


def pdf_fonts(path: Path) -> dict[str, str]:
    """Return {BaseFont: family name read from the embedded font program} for every font used."""
    fonts: dict[str, str] = {}
    for page in pypdf.PdfReader(path).pages:
        resources = page.get("/Resources")
        if resources is None:
            continue
        for font in resources.get_object().get("/Font", {}).values():
            font = font.get_object()
            base = str(font["/BaseFont"]).lstrip("/")
            program = font
            if "/DescendantFonts" in font:
                program = font["/DescendantFonts"][0].get_object()
            descriptor = program["/FontDescriptor"].get_object()
            data = descriptor["/FontFile2"].get_object().get_data()
            ttf = TTFont(io.BytesIO(data))
            fonts[base] = str(ttf["name"].getDebugName(1))
    return fonts


SUBSET = re.compile(r"^[A-Z]{6}\+")
