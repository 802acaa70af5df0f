"""The serif font that ships with daihoi: Liberation Serif, metric-compatible with Times New Roman.

PDFs embed these files (OFL, see ``fonts/LICENSE``) so they look the same on any machine; Word
files name Times New Roman, which has the same advance widths, so a width measured here holds
for both.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont

FONT_DIR = Path(__file__).resolve().parent / "fonts"

WORD_FONT = "Times New Roman"
"""The font Word files name (every office PC has it)."""

FILES: dict[tuple[bool, bool], Path] = {
    (False, False): FONT_DIR / "LiberationSerif-Regular.ttf",
    (True, False): FONT_DIR / "LiberationSerif-Bold.ttf",
    (False, True): FONT_DIR / "LiberationSerif-Italic.ttf",
    (True, True): FONT_DIR / "LiberationSerif-BoldItalic.ttf",
}
"""The font file for each (bold, italic)."""

POSTSCRIPT_PREFIX = "LiberationSerif"
"""How the embedded fonts are named inside a PDF (after the subset tag "ABCDEF+")."""


@cache
def _metrics(bold: bool, italic: bool) -> tuple[dict[int, str], dict[str, tuple[int, int]], int]:
    font = TTFont(FILES[bold, italic], lazy=True)
    cmap = font.getBestCmap()
    return cmap, font["hmtx"].metrics, font["head"].unitsPerEm


def text_width_pt(text: str, size_pt: float, *, bold: bool = False, italic: bool = False) -> float:
    """Return the advance width of one line of text, in points, without kerning."""
    cmap, advances, units = _metrics(bold, italic)
    total = 0
    for char in text:
        glyph = cmap.get(ord(char))
        if glyph is None:
            # A base letter with combining marks: the marks take no advance.
            continue
        total += advances[glyph][0]
    return total * size_pt / units
