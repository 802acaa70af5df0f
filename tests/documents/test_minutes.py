"""Golden checks of the minutes of the vote count: what the .docx and the .pdf say, read back."""

from __future__ import annotations

import datetime
import re
import unicodedata
from pathlib import Path

import pytest
from extract import SUBSET, docx_text, flat, pdf_fonts, pdf_pages, pdf_text
from vietnamese_names import counted, election_of

from daihoi.documents.minutes import (
    CommitteeMember,
    MinutesContext,
    minutes_blocks,
    write_minutes,
)
from daihoi.rules.counting import count
from daihoi.rules.election import Candidate, Election, ElectionFormatError, Tally
from daihoi.rules.profiles import PROFILES

SIZES = (1, 9, 17, 60, 185)
SEATS = {1: 1, 9: 5, 17: 9, 60: 15, 185: 25}
ALTERNATES = {1: 0, 9: 1, 17: 2, 60: 0, 185: 3}
# Pinned after looking at the pages (pdftoppm): the table runs on, nothing is cut.
PDF_PAGES = {1: 2, 9: 2, 17: 3, 60: 4, 185: 8}

CONTEXT = MinutesContext(
    issuer_parent="Đại hội Công đoàn cơ sở Sở Công Thương",
    locality="Lai Châu",
    place="Hội trường Sở Công Thương",
    when=datetime.datetime(2017, 9, 19, 14, 30),
    closed=datetime.datetime(2017, 9, 19, 15, 10),
    committee=(
        CommitteeMember("Lò Văn Pâng"),
        CommitteeMember("Nguyễn Thị Bình", "Trưởng ban"),
        CommitteeMember("Y Thanh Hà Niê Kdăm", "Thành viên"),
    ),
    digest="sha256:9f2c4e0b7a1d3c5e8f6a9b0c1d2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6",
)


def _context(n: int) -> MinutesContext | None:
    return CONTEXT if n in (9, 185) else None


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[int, str], Path]:
    folder = tmp_path_factory.mktemp("minutes")
    out = {}
    for n in SIZES:
        election, result = counted(n, seats=SEATS[n], alternates=ALTERNATES[n])
        for suffix in ("docx", "pdf"):
            path = folder / f"bien-ban-{n}.{suffix}"
            write_minutes(election, result, path, context=_context(n))
            out[n, suffix] = path
    return out


def _text(path: Path) -> str:
    return flat(docx_text(path) if path.suffix == ".docx" else pdf_text(path))


@pytest.mark.parametrize("suffix", ["docx", "pdf"])
@pytest.mark.parametrize("n", SIZES)
def test_every_candidate_is_listed_in_vote_order_with_number_votes_share_and_status(
    written: dict[tuple[int, str], Path], n: int, suffix: str
) -> None:
    text = _text(written[n, suffix])
    _, result = counted(n, seats=SEATS[n], alternates=ALTERNATES[n])
    position = 0
    for number, line in enumerate(result.candidates, start=1):
        row = f"{number} {line.name} {line.votes}/{result.base_count} "
        found = text.find(row, position)
        assert found >= 0, f"row {number} ({line.name}) missing or out of order"
        position = found + len(row)
    assert text.count("STT Họ và tên Số phiếu bầu Tỷ lệ Kết quả") >= 1


@pytest.mark.parametrize("suffix", ["docx", "pdf"])
@pytest.mark.parametrize("n", SIZES)
def test_the_title_figures_and_conclusion_are_printed(
    written: dict[tuple[int, str], Path], n: int, suffix: str
) -> None:
    text = _text(written[n, suffix])
    election, result = counted(n, seats=SEATS[n], alternates=ALTERNATES[n])
    assert "BIÊN BẢN KIỂM PHIẾU" in text
    assert flat(election.title) in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "Tổng số đại biểu chính thức được triệu tập: 42" in text
    assert "Số đại biểu có mặt: 40" in text
    assert "Số đại biểu tham gia bỏ phiếu: 40" in text
    assert f"Số lượng cần bầu do Đại hội biểu quyết: {SEATS[n]} người" in text
    assert f"Số người trong danh sách bầu cử: {n} người" in text
    assert "Số phiếu phát ra: 40 phiếu" in text
    assert "Số phiếu thu về: 40 phiếu" in text
    assert "Số phiếu hợp lệ: 39 phiếu" in text
    assert "Số phiếu không hợp lệ: 1 phiếu" in text
    assert "tức ít nhất 21 phiếu" in text
    assert "căn cứ quy định của Điều lệ Công đoàn Việt Nam".lower() in text.lower()
    names = {c.id: c for c in result.candidates}
    for number, cid in enumerate(result.elected, start=1):
        line = names[cid]
        assert f"{number}. Đồng chí {line.name}: {line.votes}/40 phiếu" in text
    assert "Biên bản được lập thành 02 bản" in text
    assert "01 bản gửi công đoàn cấp trên" in text
    assert "TRƯỞNG BAN KIỂM PHIẾU" in text
    assert "rules.md" not in text


@pytest.mark.parametrize("n", SIZES)
def test_pdf_page_counts_are_pinned(written: dict[tuple[int, str], Path], n: int) -> None:
    assert len(pdf_pages(written[n, "pdf"])) == PDF_PAGES[n]


@pytest.mark.parametrize("n", SIZES)
def test_the_pdf_embeds_liberation_serif_and_no_other_font(
    written: dict[tuple[int, str], Path], n: int
) -> None:
    fonts = pdf_fonts(written[n, "pdf"])
    assert fonts
    for base, family in fonts.items():
        assert SUBSET.match(base), base
        assert SUBSET.sub("", base).startswith("Liberation-Serif"), base
        assert family == "Liberation Serif"


def test_vietnamese_diacritics_survive_text_extraction(
    written: dict[tuple[int, str], Path],
) -> None:
    raw = pdf_text(written[185, "pdf"])
    assert unicodedata.is_normalized("NFC", raw)
    for letter in "ầệữỹĐơưỷ":
        assert letter in raw, letter


@pytest.mark.parametrize("suffix", ["docx", "pdf"])
def test_the_context_fills_header_time_place_committee_and_digest(
    written: dict[tuple[int, str], Path], suffix: str
) -> None:
    text = _text(written[9, suffix])
    assert "ĐẠI HỘI CÔNG ĐOÀN CƠ SỞ SỞ CÔNG THƯƠNG" in text
    assert "BAN KIỂM PHIẾU" in text
    assert "Lai Châu, ngày 19 tháng 9 năm 2017" in text
    assert "Hồi 14 giờ 30 phút, ngày 19 tháng 9 năm 2017, tại Hội trường Sở Công Thương" in text
    # The chair first whatever the order given.
    assert "1. Đồng chí Nguyễn Thị Bình – Trưởng ban" in text
    assert "2. Đồng chí Lò Văn Pâng – Thành viên" in text
    assert "3. Đồng chí Y Thanh Hà Niê Kdăm – Thành viên" in text
    assert "Biên bản kết thúc hồi 15 giờ 10 phút cùng ngày." in text
    assert f"Mã kiểm chứng phiếu bầu: {CONTEXT.digest}" in text


@pytest.mark.parametrize("suffix", ["docx", "pdf"])
def test_without_context_the_blanks_are_dotted_lines_to_fill_by_hand(
    written: dict[tuple[int, str], Path], suffix: str
) -> None:
    text = _text(written[17, suffix])
    assert "……………, ngày …… tháng …… năm ……" in text
    assert "Hồi …… giờ …… phút, ngày …… tháng …… năm ……, tại ……" in text
    assert "1. Đồng chí …………………………………… – Trưởng ban" in text
    assert "3. Đồng chí …………………………………… – Thành viên" in text
    assert "Mã kiểm chứng" not in text


def _tally(votes: dict[str, int], *, seats: int, alternates: int = 0) -> Election:
    names = ["Lò Văn Pâng", "Hờ A Dính", "Nguyễn Thị Bình", "Rcom Jen", "Trần Văn Dũng"]
    profile = PROFILES["cong-doan"]
    return Election(
        title="Bầu đại biểu đi dự Đại hội Công đoàn Viên chức tỉnh",
        organization="Công đoàn cơ sở Sở Công Thương",
        profile=profile,
        base=profile.base,
        seats=seats,
        alternates=alternates,
        summoned=22,
        present=20,
        issued=20,
        candidates=tuple(Candidate(str(i), name) for i, name in enumerate(names, start=1)),
        ballots=None,
        tally=Tally(collected=20, invalid=0, votes=votes),
    )


def _blocks_text(election: Election) -> str:
    from daihoi.documents.blocks import Grid, Para

    out = []
    for block in minutes_blocks(election, count(election), MinutesContext()):
        if isinstance(block, Para):
            out.append("".join(s.text for s in block.spans()))
        elif isinstance(block, Grid):
            out.extend(" ".join(row) for row in block.rows)
    return flat("\n".join(out))


def test_a_tie_across_the_last_seat_names_the_tied_and_the_congress_decides() -> None:
    # rules.md §9 T9: A 15, B 12, C 11, D 11 for 3 seats (all over half of 20).
    text = _blocks_text(_tally({"1": 15, "2": 12, "3": 11, "4": 11, "5": 3}, seats=3))
    assert "Các đồng chí Nguyễn Thị Bình và Rcom Jen cùng được 11 phiếu" in text
    assert "nhưng chỉ còn 1 chỗ" in text
    assert "Đại hội biểu quyết việc bầu tiếp trong số những người có số phiếu ngang nhau." in text


def test_too_few_over_half_states_the_unfilled_seats_and_another_round() -> None:
    text = _blocks_text(_tally({"1": 15, "2": 12, "3": 9, "4": 4, "5": 3}, seats=3))
    assert "Số người trúng cử (2) chưa đủ số lượng Đại hội đã biểu quyết (3)" in text
    assert "còn thiếu 1 người" in text
    assert "Đại hội xem xét, quyết định việc bầu tiếp" in text


def test_alternates_are_listed_in_rank_order_after_the_elected() -> None:
    election = _tally({"1": 19, "2": 18, "3": 16, "4": 14, "5": 3}, seats=2, alternates=2)
    text = _blocks_text(election)
    assert "Các đồng chí trúng cử đại biểu dự khuyết, theo thứ tự:" in text
    assert "1. Đồng chí Nguyễn Thị Bình: 16/20 phiếu, đạt 80,00%." in text.split("theo thứ tự")[1]
    assert "2. Đồng chí Rcom Jen: 14/20 phiếu, đạt 70,00%." in text
    assert "Dự khuyết 1" in text and "Dự khuyết 2" in text


def test_invalid_ballots_are_broken_down_by_reason_in_vietnamese() -> None:
    from daihoi.rules.election import Ballot

    profile = PROFILES["cong-doan"]
    election = Election(
        title="Bầu Ban Chấp hành",
        organization="Công đoàn bộ phận Văn phòng",
        profile=profile,
        base=profile.base,
        seats=2,
        alternates=0,
        summoned=None,
        present=None,
        issued=6,
        candidates=(
            Candidate("a", "Lò Văn Pâng"),
            Candidate("b", "Hờ A Dính"),
            Candidate("c", "X"),
        ),
        ballots=(
            Ballot.keeping("a", "b"),
            Ballot.keeping("a"),
            Ballot.keeping("a", "b", "c"),
            Ballot.keeping(),
            Ballot.void("unofficial"),
        ),
        tally=None,
    )
    text = _blocks_text(election)
    assert "Số phiếu không hợp lệ: 3 phiếu, trong đó:" in text
    assert "+ Không phải phiếu do Ban kiểm phiếu phát ra: 1 phiếu" in text
    assert "+ Để lại quá số lượng cần bầu: 1 phiếu" in text
    assert "+ Gạch hết tên: 1 phiếu" in text
    assert "Tổng số đại biểu chính thức được triệu tập: ……" in text


def test_the_command_line_context_json_becomes_a_minutes_context() -> None:
    context = MinutesContext.from_json(
        {
            "locality": "Lai Châu",
            "when": "2017-09-19T14:30",
            "committee": [{"name": "Nguyễn Thi\u0323 Bình", "role": "Trưởng ban"}],
            "digest": None,
        }
    )
    assert context.when == datetime.datetime(2017, 9, 19, 14, 30)
    assert context.committee == (CommitteeMember("Nguyễn Thị Bình", "Trưởng ban"),)
    assert context.committee[0].is_chair


@pytest.mark.parametrize(
    ("data", "place"),
    [
        ({"when": "19/9/2017"}, "--context.when"),
        ({"committee": [{"role": "Trưởng ban"}]}, "--context.committee[0]"),
        ({"committee": "Nguyễn Thị Bình"}, "--context.committee"),
        ({"place": 3}, "--context.place"),
        ({"venue": "Hội trường"}, "--context.venue"),
    ],
)
def test_a_bad_context_value_is_rejected_with_its_place(
    data: dict[str, object], place: str
) -> None:
    with pytest.raises(ElectionFormatError) as error:
        MinutesContext.from_json(data)
    assert error.value.place == place


def test_write_minutes_accepts_the_decoded_json_of_the_command(tmp_path: Path) -> None:
    election = election_of(3, seats=2)
    path = tmp_path / "bb.docx"
    write_minutes(election, count(election), path, context={"locality": "Điện Biên"})
    assert "Điện Biên, ngày …… tháng …… năm ……" in flat(docx_text(path))


def test_the_docx_table_is_a_real_word_table_with_a_repeating_header(
    written: dict[tuple[int, str], Path],
) -> None:
    import docx

    document = docx.Document(str(written[60, "docx"]))
    grid = document.tables[1]
    assert len(grid.rows) == 61
    assert [c.text for c in grid.rows[0].cells] == [
        "STT",
        "Họ và tên",
        "Số phiếu bầu",
        "Tỷ lệ",
        "Kết quả",
    ]
    assert grid.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    assert re.fullmatch(r"\d+", grid.rows[60].cells[0].text)
