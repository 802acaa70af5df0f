"""The shared layer: bundled fonts, the official header block, Word page and font settings."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
from extract import docx_text, flat, pdf_fonts, pdf_text
from vietnamese_names import election_of

from daihoi.documents import blocks, page, pdf, word
from daihoi.documents.ballots import write_ballots
from daihoi.documents.fonts import FILES, FONT_DIR, text_width_pt
from daihoi.documents.letterhead import (
    Letterhead,
    add_letterhead,
    date_line,
    letterhead_html,
)

HEAD = Letterhead(
    issuer="Ban Kiểm phiếu",
    parent="Đại hội Công đoàn cơ sở Sở Công Thương",
    number="Số: 01/BB-BKP",
    place="Lai Châu",
    when=datetime.date(2017, 9, 19),
)


def test_the_four_liberation_serif_faces_ship_with_their_licence() -> None:
    assert len(FILES) == 4
    for path in FILES.values():
        assert path.is_file() and path.parent == FONT_DIR
    licence = (FONT_DIR / "LICENSE").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert "Reserved Font Name Liberation" in licence


def test_every_vietnamese_letter_has_a_glyph_in_every_face() -> None:
    from fontTools.ttLib import TTFont

    letters = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
    vowels_with_tones = "àảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
    wanted = letters + letters.upper() + vowels_with_tones + vowels_with_tones.upper() + "…–"
    for path in FILES.values():
        cmap = TTFont(path, lazy=True).getBestCmap()
        assert [c for c in wanted if ord(c) not in cmap] == []


def test_widths_are_measured_from_the_font() -> None:
    # Times-metric: "Độc lập - Tự do - Hạnh phúc" in bold 13 pt is about 6 cm.
    assert 150 < text_width_pt("Độc lập - Tự do - Hạnh phúc", 13, bold=True) < 175
    assert text_width_pt("ệ", 13) == text_width_pt("e", 13)


def test_the_date_line_writes_the_date_officially_or_leaves_dots() -> None:
    assert date_line("Lai Châu", datetime.date(2017, 9, 19)) == "Lai Châu, ngày 19 tháng 9 năm 2017"
    assert date_line("Hải Phòng", datetime.date(2020, 2, 8)) == (
        "Hải Phòng, ngày 08 tháng 02 năm 2020"
    )
    assert date_line("", None) == "……………, ngày …… tháng …… năm ……"


def test_the_html_header_block_has_both_columns_the_rules_and_the_date() -> None:
    html = letterhead_html(HEAD)
    assert "ĐẠI HỘI CÔNG ĐOÀN CƠ SỞ SỞ CÔNG THƯƠNG" in html
    assert '<div class="lh-issuer">BAN KIỂM PHIẾU</div>' in html
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html
    assert "Độc lập - Tự do - Hạnh phúc" in html
    assert html.count('class="lh-rule"') == 2
    assert "Số: 01/BB-BKP" in html
    assert "Lai Châu, ngày 19 tháng 9 năm 2017" in html


def test_the_word_header_block_is_a_borderless_two_column_table(tmp_path: Path) -> None:
    document = word.new_document(title="Thử")
    add_letterhead(document, HEAD)
    path = tmp_path / "head.docx"
    word.save(document, path)
    reopened = docx.Document(str(path))
    head = reopened.tables[0]
    assert len(head.columns) == 2
    left, right = (cell.text for cell in head.rows[0].cells)
    assert "ĐẠI HỘI CÔNG ĐOÀN CƠ SỞ SỞ CÔNG THƯƠNG" in left and "BAN KIỂM PHIẾU" in left
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right
    assert head.rows[1].cells[1].text == "Lai Châu, ngày 19 tháng 9 năm 2017"
    borders = head._tbl.tblPr.find(word.qn("w:tblBorders"))
    assert {b.get(word.qn("w:val")) for b in borders} == {"nil"}
    issuer = head.rows[0].cells[0].paragraphs[1].runs[0]
    assert issuer.bold and not head.rows[0].cells[0].paragraphs[0].runs[0].bold
    assert head.rows[1].cells[1].paragraphs[0].runs[0].italic


def test_word_documents_are_a4_with_the_official_margins_in_times_new_roman(
    tmp_path: Path,
) -> None:
    document = word.new_document()
    word.write(document, "Tiếng Việt")
    path = tmp_path / "a4.docx"
    word.save(document, path)
    section = docx.Document(str(path)).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.top_margin.mm) == page.MARGIN_TOP_MM == 20
    assert round(section.bottom_margin.mm) == page.MARGIN_BOTTOM_MM == 20
    assert round(section.left_margin.mm) == page.MARGIN_LEFT_MM == 30
    assert 15 <= round(section.right_margin.mm) <= 20
    with zipfile.ZipFile(path) as package:
        styles = package.read("word/styles.xml").decode()
    # Every script slot names Times New Roman; no theme font can stand in for it.
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert f'w:{slot}="Times New Roman"' in styles
    assert "Theme=" not in styles and "theme=" not in styles
    assert 'w:lang w:val="vi-VN"' in styles
    normal = docx.Document(str(path)).styles["Normal"]
    assert normal.font.size.pt == page.FONT_PT == 13


def test_ranges_of_years_stay_on_one_line_in_html() -> None:
    assert blocks.nowrap_ranges("nhiệm kỳ 2023 - 2028") == (
        'nhiệm kỳ <span style="white-space: nowrap">2023 - 2028</span>'
    )


def test_a_pdf_never_depends_on_the_fonts_installed_on_the_machine(tmp_path: Path) -> None:
    # Hide every system font from fontconfig: the PDF must come out the same.
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<fontconfig><cachedir>'
        f"{tmp_path / 'cache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    out = tmp_path / "phieu.pdf"
    script = (
        "import sys, warnings; warnings.simplefilter('ignore');"
        f"sys.path.insert(0, {str(Path(__file__).parent)!r});"
        "from vietnamese_names import election_of;"
        "from daihoi.documents.ballots import write_ballots;"
        f"write_ballots(election_of(9, seats=5), {str(out)!r})"
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(config)}
    subprocess.run([sys.executable, "-c", script], check=True, env=env, timeout=120)
    fonts = pdf_fonts(out)
    assert set(fonts.values()) == {"Liberation Serif"}
    same = tmp_path / "cung.pdf"
    write_ballots(election_of(9, seats=5), same)
    assert pdf_text(out) == pdf_text(same)


def test_html_documents_load_the_bundled_faces_by_file_url() -> None:
    css = pdf.font_face_css()
    assert css.count("@font-face") == 4
    for path in FILES.values():
        assert path.as_uri() in css


def test_the_word_ballot_lists_every_name_in_order_one_ballot_per_page(tmp_path: Path) -> None:
    election = election_of(185, seats=25)
    path = tmp_path / "phieu-bau.docx"
    write_ballots(election, path)
    document = docx.Document(str(path))
    found: list[tuple[str, str]] = []
    for grid in document.tables[1::2]:
        width = len(grid.columns)
        for first in range(0, width, 3):
            for row in grid.rows[1:]:
                number, name = row.cells[first].text, row.cells[first + 1].text
                if number:
                    found.append((number, name))
    expected = [(f"{i}.", c.name) for i, c in enumerate(election.candidates, start=1)]
    assert found == expected
    text = flat(docx_text(path))
    assert text.count("PHIẾU BẦU CỬ") == 4
    assert "(tiếp theo) – Trang 4/4" in text
    assert "Số người được bầu không quá 25 người." in text
