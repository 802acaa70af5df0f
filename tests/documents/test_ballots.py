"""Golden checks of the printable ballots: every name, in ballot order, numbered, on A4."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from io import BytesIO
from pathlib import Path

import pytest
from extract import SUBSET, flat, pdf_fonts, pdf_pages
from pypdf import PdfReader
from vietnamese_names import election_of

from daihoi.documents import ballots
from daihoi.documents.ballots import FULL, HALF, QUARTER, BallotPage, Plan, write_ballots
from daihoi.rules.election import Election

SIZES = (1, 9, 17, 60, 185)
SEATS = {1: 1, 9: 5, 17: 9, 60: 15, 185: 25}
# Pinned after looking at the pages (pdftoppm -r 60): sheets of 4, 2, 1 ballots; long lists
# in two columns over several pages.
LAYOUT = {1: "quarter", 9: "half", 17: "full", 60: "full", 185: "full"}
PDF_PAGES = {1: 1, 9: 1, 17: 1, 60: 2, 185: 4}

NUMBERED = re.compile(r"^(\d+)\. (.+)$", re.MULTILINE)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[Election, Path]]:
    folder = tmp_path_factory.mktemp("ballots")
    out = {}
    for n in SIZES:
        election = election_of(n, seats=SEATS[n])
        path = folder / f"phieu-bau-{n}.pdf"
        write_ballots(election, path)
        out[n] = election, path
    return out


def _numbered(text: str) -> list[tuple[int, str]]:
    return [(int(n), name.strip()) for n, name in NUMBERED.findall(text)]


@pytest.mark.parametrize("n", SIZES)
def test_every_name_is_printed_as_written_in_ballot_order_with_its_number(
    written: dict[int, tuple[Election, Path]], n: int
) -> None:
    election, path = written[n]
    expected = [(i, c.name) for i, c in enumerate(election.candidates, start=1)]
    copies = {"quarter": 4, "half": 2, "full": 1}[LAYOUT[n]]
    found = _numbered("\n".join(pdf_pages(path)))
    assert found == expected * copies


@pytest.mark.parametrize("n", SIZES)
def test_the_ballot_says_what_is_elected_how_to_vote_and_where_to_stamp(
    written: dict[int, tuple[Election, Path]], n: int
) -> None:
    election, path = written[n]
    pages = [flat(text) for text in pdf_pages(path)]
    instruction = (
        "Đồng chí đồng ý bầu ai thì để nguyên, không đồng ý bầu ai thì gạch ngang cả họ và tên "
        f"người đó. Số người được bầu không quá {SEATS[n]} người."
    )
    for text in pages:
        assert "PHIẾU BẦU CỬ" in text
        assert "CÔNG ĐOÀN CƠ SỞ SỞ CÔNG THƯƠNG" in text
        assert flat(election.title) in text
        assert "Dấu của Ban Chấp hành / Ban kiểm phiếu" in text
    assert instruction in pages[0]


@pytest.mark.parametrize("n", SIZES)
def test_layout_and_page_counts_are_pinned(
    written: dict[int, tuple[Election, Path]], n: int
) -> None:
    election, path = written[n]
    assert ballots.plan(election).layout.name == LAYOUT[n]
    assert len(pdf_pages(path)) == PDF_PAGES[n]


def test_a_ballot_over_several_pages_repeats_its_header_with_page_numbers(
    written: dict[int, tuple[Election, Path]],
) -> None:
    pages = [flat(text) for text in pdf_pages(written[185][1])]
    assert "Trang 1/4" in pages[0]
    assert "(tiếp theo)" not in pages[0]
    for k, text in enumerate(pages[1:], start=2):
        assert f"(tiếp theo) – Trang {k}/4" in text


@pytest.mark.parametrize("n", SIZES)
def test_the_pdf_embeds_liberation_serif_and_no_other_font(
    written: dict[int, tuple[Election, Path]], n: int
) -> None:
    fonts = pdf_fonts(written[n][1])
    assert fonts
    for base, family in fonts.items():
        assert SUBSET.sub("", base).startswith("Liberation-Serif"), base
        assert family == "Liberation Serif"


def test_vietnamese_diacritics_survive_text_extraction(
    written: dict[int, tuple[Election, Path]],
) -> None:
    raw = "\n".join(pdf_pages(written[185][1]))
    assert unicodedata.is_normalized("NFC", raw)
    for letter in "ầệữỹĐơưỷ":
        assert letter in raw, letter
    for name in ("Rcom Jen", "Lò Văn Pâng", "Hờ A Dính", "Y Thanh Hà Niê Kdăm"):
        assert name in raw


@pytest.mark.parametrize(
    ("n", "layout"),
    [(1, "quarter"), (6, "quarter"), (7, "half"), (14, "half"), (15, "full"), (200, "full")],
)
def test_the_smallest_layout_that_holds_the_names_is_chosen(n: int, layout: str) -> None:
    assert ballots.plan(election_of(n, seats=1)).layout.name == layout


def test_long_names_and_a_long_title_still_show_every_name(tmp_path: Path) -> None:
    election = election_of(
        40,
        seats=9,
        title="Bầu đại biểu chính thức và dự khuyết đi dự Đại hội đại biểu Công đoàn Viên chức "
        "tỉnh Lai Châu lần thứ XIV, nhiệm kỳ 2023 - 2028, tại Hội nghị Ban Chấp hành mở rộng",
    )
    long = tuple(
        replace(c, name=f"{c.name} Tôn Nữ Hoàng Phương Thị Ngọc") for c in election.candidates[:12]
    )
    election = replace(election, candidates=long + election.candidates[12:])
    path = tmp_path / "phieu.pdf"
    write_ballots(election, path)
    found = _numbered("\n".join(pdf_pages(path)))
    # A wrapped name reads back over two lines: compare the numbers and each name's start.
    assert [n for n, _ in found] == list(range(1, 41))
    for (_, name), candidate in zip(found, election.candidates, strict=True):
        assert candidate.name.startswith(name)


def test_content_running_past_its_cell_is_caught_by_the_layout_check() -> None:
    import weasyprint

    election = election_of(14, seats=5)
    rows = tuple((i, c.name) for i, c in enumerate(election.candidates, start=1))
    squeezed = Plan(QUARTER, (BallotPage((rows,), True),), QUARTER.row_mm)
    document = weasyprint.HTML(string=ballots.ballots_html(election, squeezed)).render()
    assert ballots._overflows(document, squeezed)
    fitting = ballots.plan(election)
    document = weasyprint.HTML(string=ballots.ballots_html(election, fitting)).render()
    assert not ballots._overflows(document, fitting)


def test_the_layouts_cut_an_a4_sheet_exactly() -> None:
    for layout in (QUARTER, HALF, FULL):
        rows = 2 if layout.per_sheet > 1 else 1
        columns = layout.per_sheet // rows
        assert layout.cell_w_mm * columns == 210
        assert layout.cell_h_mm * rows == 297


@pytest.mark.parametrize("n", [14, 60])
def test_a_plan_that_underestimates_falls_back_to_a_roomier_layout(
    monkeypatch: pytest.MonkeyPatch, n: int
) -> None:
    # Pretend the header takes no room: the first plan overfills its cells.
    monkeypatch.setattr(ballots, "_header_mm", lambda *args, **kwargs: 0.0)
    election = election_of(n, seats=5)
    first = ballots.plan(election)
    pdf, used = ballots.render_ballots(election)
    assert used != first
    found = _numbered("\n".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages))
    expected = [(i, c.name) for i, c in enumerate(election.candidates, start=1)]
    assert found == expected * used.layout.per_sheet
