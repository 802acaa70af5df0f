"""Page geometry and type sizes of official documents, shared by the Word and PDF paths.

Nghị định 30/2020/NĐ-CP, Phụ lục I (which QĐ 933/QĐ-TLĐ cites, rules.md §8.3): A4; top and
bottom margins 20-25 mm, left 30-35 mm, right 15-20 mm; Times New Roman 13-14 pt.
"""

from __future__ import annotations

A4_WIDTH_MM = 210
A4_HEIGHT_MM = 297

MARGIN_TOP_MM = 20
MARGIN_BOTTOM_MM = 20
MARGIN_LEFT_MM = 30
MARGIN_RIGHT_MM = 15

TEXT_WIDTH_MM = A4_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM

FONT_PT = 13
"""Body text."""
HEADER_PT = 13
"""The issuing body and the motto in the header block."""
COUNTRY_PT = 12
""""CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (12-13 pt, upper case: 12 keeps it on one line)."""
TITLE_PT = 14
"""The document's name ("BIÊN BẢN KIỂM PHIẾU")."""
PARAGRAPH_AFTER_PT = 4

HEADER_LEFT_SHARE = 0.42
"""The left column of the header block (issuing body), as a share of the text width."""

MM_PER_PT = 25.4 / 72
