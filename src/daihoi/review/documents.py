"""The review report (báo cáo tổng kết phong trào thi đua) as .docx and PDF, from the records.

Seed 004's report states its figures in one paragraph; this one states the same figures, each
summed from the records (``queries.review_figures``), with the year-by-year tables behind them.
NĐ 30/2020's layout as the other union documents (letterhead, title, body, signature).
"""

from __future__ import annotations

import io

from daihoi.congresses.models import Congress
from daihoi.documents import blocks, page, pdf, word
from daihoi.documents.blocks import Block, Grid, Head, Para, Signatures, Signer
from daihoi.documents.letterhead import Letterhead
from daihoi.emulation.models import ProposalLine
from daihoi.review.models import ConferenceReview
from daihoi.review.queries import ReviewFigures, YearShare, decisions_of, review_figures
from daihoi.rules.numbers import number_vi

TITLE = "BÁO CÁO"
SUBJECT = "Tổng kết phong trào thi đua yêu nước {span} năm ({first} - {last})"
AT = "(Trình bày tại {conference})"
NUMBER = "Số: …/BC"
SCOPE = (
    "Số liệu trong báo cáo được tổng hợp từ hồ sơ sáng kiến, đề tài, đóng góp từ thiện và kết "
    "quả bình xét thi đua của {unit} và các đơn vị trực thuộc, từ năm {first} đến năm {last}."
)
SECTION_RESULTS = "I. KẾT QUẢ CÁC PHONG TRÀO THI ĐUA"
INNOVATION = (
    "Trong {span} năm đã có {applied} sáng kiến được áp dụng; {research} đề tài, dự án được "
    "Hội đồng khoa học tỉnh công nhận, {central} sáng kiến được các Bộ, ngành trung ương công "
    "nhận."
)
TASKS = "Hằng năm có {share} cán bộ, công chức, viên chức hoàn thành tốt nhiệm vụ trở lên."
WOMEN = "{Share} nữ công nhân, viên chức, lao động đạt danh hiệu “Giỏi việc nước, đảm việc nhà”."
NO_EVALUATION = "Chưa có kết quả bình xét thi đua hằng năm trong hồ sơ để tính tỷ lệ."
SHARE_ONE = "{percent}"
SHARE_RANGE = "từ {low} đến {high}"
SOLIDARITY = (
    "Các cấp công đoàn đã hỗ trợ, xây dựng {shelters} mái ấm công đoàn với số tiền {money} "
    "({money_full} đồng); kết nối các tổ chức, cá nhân hỗ trợ xây dựng cơ sở hạ tầng, trang "
    "thiết bị… với tổng số tiền {other} ({other_full} đồng)."
)
TABLE_ACTIVITY = "Bảng 1. Sáng kiến, đề tài, mái ấm công đoàn và hỗ trợ khác theo năm"
ACTIVITY_COLUMNS = (
    "Năm",
    "Sáng kiến được áp dụng",
    "Đề tài cấp tỉnh",
    "Sáng kiến cấp bộ, ngành TW",
    "Mái ấm",
    "Tiền mái ấm (đồng)",
    "Hỗ trợ khác (đồng)",
)
TABLE_SHARES = "Bảng 2. Kết quả bình xét hằng năm"
SHARE_COLUMNS = (
    "Năm",
    "Được bình xét",
    "Hoàn thành tốt nhiệm vụ trở lên",
    "Tỷ lệ",
    "Nữ",
    "Đạt “Giỏi việc nước, đảm việc nhà”",
    "Tỷ lệ",
)
TOTAL = "Cộng"
SECTION_HONOURS = "II. KHEN THƯỞNG"
HONOURS = (
    "Nhân dịp này, {unit} tặng Bằng khen cho {collectives} tập thể, {people} cá nhân có "
    "thành tích xuất sắc tiêu biểu trong {campaign}."
)
NO_HONOURS = "Chưa có quyết định khen thưởng của phong trào này."
SIGN = "TM. BAN CHẤP HÀNH\nCHỦ TỊCH"


def _para(text: str, **kwargs: object) -> Para:
    return Para(text, indent_mm=10, **kwargs)  # type: ignore[arg-type]


def _share(shares: tuple[YearShare, YearShare] | None) -> str:
    assert shares is not None
    low, high = shares
    if low.count * high.base == high.count * low.base:
        return SHARE_ONE.format(percent=low.percent)
    return SHARE_RANGE.format(low=low.percent, high=high.percent)


def _honours(review: ConferenceReview) -> str:
    decisions = decisions_of(review.campaign)
    if not decisions:
        return NO_HONOURS
    lines = ProposalLine.objects.filter(proposal__decision__in=decisions)
    collectives = lines.filter(collective=True).count()
    return HONOURS.format(
        unit=review.conference.unit.name,
        collectives=number_vi(collectives),
        people=number_vi(lines.count() - collectives),
        campaign=review.campaign.title[:1].lower() + review.campaign.title[1:],
    )


def review_blocks(conference: Congress, figures: ReviewFigures, honours: str) -> list[Block]:
    """Return the report's blocks for a conference and the figures of its subtree."""
    unit = figures.unit
    parent = unit.parent.name if unit.parent_id and unit.parent else ""
    out: list[Block] = [
        Head(
            Letterhead(
                issuer=unit.name,
                parent=parent,
                number=NUMBER,
                place=conference.place,
                when=conference.starts_on,
            )
        ),
        Para(TITLE, align="center", bold=True, size=page.TITLE_PT, before=6, after=0),
        Para(
            SUBJECT.format(span=figures.span, first=figures.first_year, last=figures.last_year),
            align="center",
            bold=True,
            after=0,
        ),
        Para(AT.format(conference=conference.title), align="center", italic=True, after=10),
        _para(SCOPE.format(unit=unit.name, first=figures.first_year, last=figures.last_year)),
        Para(SECTION_RESULTS, bold=True, before=6, keep_with_next=True),
        _para(
            INNOVATION.format(
                span=figures.span,
                applied=number_vi(figures.initiatives_applied),
                research=number_vi(figures.research_province),
                central=number_vi(figures.initiatives_central),
            )
        ),
    ]
    if figures.task_shares:
        out.append(_para(TASKS.format(share=_share(figures.task_range))))
    else:
        out.append(_para(NO_EVALUATION))
    if figures.women_shares:
        share = _share(figures.women_range)
        out.append(_para(WOMEN.format(Share=share[:1].upper() + share[1:])))
    out.append(
        _para(
            SOLIDARITY.format(
                shelters=number_vi(figures.shelters),
                money=figures.shelter_money_vi,
                money_full=number_vi(figures.shelter_money),
                other=figures.other_money_vi,
                other_full=number_vi(figures.other_money),
            )
        )
    )
    rows = [
        (
            str(y.year),
            number_vi(y.initiatives_applied),
            number_vi(y.research_province),
            number_vi(y.initiatives_central),
            number_vi(y.shelters),
            number_vi(y.shelter_money),
            number_vi(y.other_money),
        )
        for y in figures.years
    ]
    rows.append(
        (
            TOTAL,
            number_vi(figures.initiatives_applied),
            number_vi(figures.research_province),
            number_vi(figures.initiatives_central),
            number_vi(figures.shelters),
            number_vi(figures.shelter_money),
            number_vi(figures.other_money),
        )
    )
    out.append(Para(TABLE_ACTIVITY, italic=True, before=6, keep_with_next=True))
    out.append(
        Grid(
            header=ACTIVITY_COLUMNS,
            rows=tuple(rows),
            widths_mm=(14, 24, 20, 26, 16, 32, page.TEXT_WIDTH_MM - 132),
            align=("center", "right", "right", "right", "right", "right", "right"),
            bold_rows=frozenset({len(rows) - 1}),
        )
    )
    if figures.task_shares:
        women = {s.year: s for s in figures.women_shares}
        share_rows = []
        for s in figures.task_shares:
            w = women.get(s.year)
            share_rows.append(
                (
                    str(s.year),
                    number_vi(s.base),
                    number_vi(s.count),
                    s.percent,
                    number_vi(w.base) if w else "—",
                    number_vi(w.count) if w else "—",
                    w.percent if w else "—",
                )
            )
        out.append(Para(TABLE_SHARES, italic=True, before=6, keep_with_next=True))
        out.append(
            Grid(
                header=SHARE_COLUMNS,
                rows=tuple(share_rows),
                widths_mm=(14, 22, 30, 18, 16, 36, page.TEXT_WIDTH_MM - 136),
                align=("center", "right", "right", "right", "right", "right", "right"),
            )
        )
    out.append(Para(SECTION_HONOURS, bold=True, before=6, keep_with_next=True))
    out.append(_para(honours, keep_with_next=True))
    out.append(Signatures(left=None, right=Signer(SIGN)))
    return out


def review_title(conference: Congress) -> str:
    return f"{TITLE} tổng kết phong trào thi đua ({conference.term})"


def review_document(review: ConferenceReview, kind: str) -> bytes:
    """Return the review report as .docx (kind "docx") or PDF bytes, from the records now."""
    conference = review.conference
    figures = review_figures(
        unit=conference.unit, first_year=conference.term_start, last_year=conference.term_end
    )
    content = review_blocks(conference, figures, _honours(review))
    title = review_title(conference)
    if kind == "pdf":
        css = pdf.base_css() + blocks.blocks_css() + ".sig-title { white-space: pre-line; }"
        return pdf.render_pdf(pdf.html_document(blocks.blocks_html(content), title=title, css=css))
    document = word.new_document(title=title)
    word.add_page_numbers(document)
    blocks.add_blocks(document, content)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
