"""Documents of the emulation cycle, built on the shared renderers of ``daihoi.documents``."""

from __future__ import annotations

import io

from daihoi.documents import ballots as ballot_pdf
from daihoi.documents import blocks, page, pdf, word
from daihoi.documents.blocks import Block, Grid, Head, Para, Signatures, Signer
from daihoi.documents.letterhead import Letterhead, upper
from daihoi.emulation import services
from daihoi.emulation.models import CouncilVote


def council_ballots_pdf(vote: CouncilVote) -> bytes:
    """Return the council's printable ballots: the names in ballot order, one ballot a page."""
    election = services.council_engine_election(vote, with_ballots=False)
    content, _plan = ballot_pdf.render_ballots(election)
    return content


MINUTES_ISSUER = "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG"
MINUTES_TITLE = "BIÊN BẢN KIỂM PHIẾU"
MINUTES_SUBJECT = "Bỏ phiếu kín đề nghị danh hiệu “{title}” năm {year}"
MINUTES_OPENING = (
    "Ngày {date}, tại {place}, Hội đồng Thi đua – Khen thưởng {unit} họp, bỏ phiếu kín xét "
    "đề nghị danh hiệu “{title}” năm {year} đối với {names} người do bảng bình xét của đơn vị "
    "đề nghị."
)
MINUTES_FIGURES = (
    ("Tổng số thành viên Hội đồng: {members} người", "members"),
    ("Số thành viên dự họp: {present} người", "present"),
    ("Số thành viên vắng mặt gửi ý kiến bằng văn bản: {written} người", "written"),
)
MINUTES_BALLOTS = (
    "Số phiếu phát ra: {issued}; số phiếu thu về: {collected}; số phiếu hợp lệ: {valid}; "
    "số phiếu không hợp lệ: {invalid}."
)
MINUTES_COLUMNS = ("STT", "Họ và tên", "Số phiếu đồng ý", "Tỷ lệ", "Kết quả")
MINUTES_SECTION_FIGURES = "I. THÀNH PHẦN VÀ TÌNH HÌNH BỎ PHIẾU"
MINUTES_SECTION_RESULT = "II. KẾT QUẢ KIỂM PHIẾU"
MINUTES_SECTION_CONCLUSION = "III. KẾT LUẬN"
MINUTES_SIGN_LEFT = "THƯ KÝ HỘI ĐỒNG"
MINUTES_SIGN_RIGHT = "CHỦ TỊCH HỘI ĐỒNG"
MINUTES_PLACE = "……………………"


def council_minutes_blocks(vote: CouncilVote) -> list[Block]:
    """Return the content of the council's minutes: who sat, the ballots, each name's votes."""
    from daihoi.rules import counting
    from daihoi.rules.numbers import number_vi

    result = services.council_result(vote)
    title = services.title_label(vote.title)
    year = vote.campaign.year
    unit = vote.unit
    head = Letterhead(
        issuer=MINUTES_ISSUER,
        parent=upper(unit.name),
        place="",
        when=vote.held_on,
    )
    out: list[Block] = [
        Head(head),
        Para(MINUTES_TITLE, align="center", bold=True, size=page.TITLE_PT, before=6, after=2),
        Para(MINUTES_SUBJECT.format(title=title, year=year), align="center", bold=True, after=12),
        Para(
            MINUTES_OPENING.format(
                date=f"{vote.held_on:%d/%m/%Y}",
                place=vote.place or MINUTES_PLACE,
                unit=unit.name,
                title=title,
                year=year,
                names=number_vi(len(vote.nominees)),
            ),
            indent_mm=10,
        ),
        Para(MINUTES_SECTION_FIGURES, bold=True, before=4, keep_with_next=True),
    ]
    values = {"members": vote.members, "present": vote.present, "written": vote.written}
    for text, key in MINUTES_FIGURES:
        out.append(Para("- " + text.format(**{key: number_vi(values[key])}), indent_mm=5))
    out.append(
        Para(
            "- "
            + MINUTES_BALLOTS.format(
                issued=number_vi(result.issued),
                collected=number_vi(result.collected),
                valid=number_vi(result.valid),
                invalid=number_vi(result.invalid),
            ),
            indent_mm=5,
        )
    )
    passed = set(result.elected)
    order = services.council_ids(vote)
    lines = {c.id: c for c in result.candidates}
    rows = []
    for number, cid in enumerate(order, start=1):
        line = lines[cid]
        rows.append(
            (
                str(number),
                line.name,
                f"{number_vi(line.votes)}/{number_vi(result.base_count)}",
                counting.percent_vi(line.percent),
                "Được đề nghị" if cid in passed else "Không đủ tỷ lệ",
            )
        )
    out += [
        Para(MINUTES_SECTION_RESULT, bold=True, before=6, keep_with_next=True),
        Grid(
            header=MINUTES_COLUMNS,
            rows=tuple(rows),
            widths_mm=(12, 62, 30, 22, page.TEXT_WIDTH_MM - 126),
            align=("center", "left", "center", "center", "center"),
            bold_rows=frozenset(i for i, cid in enumerate(order) if cid in passed),
        ),
        Para(MINUTES_SECTION_CONCLUSION, bold=True, before=6, keep_with_next=True),
    ]
    out += [
        Para(counting.for_people(sentence), indent_mm=10) for sentence in result.explanation[1:]
    ]
    out.append(
        Signatures(left=Signer(MINUTES_SIGN_LEFT), right=Signer(MINUTES_SIGN_RIGHT)),
    )
    return out


def council_minutes(vote: CouncilVote, suffix: str) -> bytes:
    """Return the council's minutes as .docx or .pdf bytes."""
    content = council_minutes_blocks(vote)
    title = f"{MINUTES_TITLE} – {vote}"
    if suffix == "pdf":
        css = pdf.base_css() + blocks.blocks_css()
        return pdf.render_pdf(pdf.html_document(blocks.blocks_html(content), title=title, css=css))
    document = word.new_document(title=title)
    word.add_page_numbers(document)
    blocks.add_blocks(document, content)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
