"""Documents of the emulation cycle, built on the shared renderers of ``daihoi.documents``."""

from __future__ import annotations

import io

from daihoi.documents import ballots as ballot_pdf
from daihoi.documents import blocks, page, pdf, word
from daihoi.documents.blocks import Block, Grid, Head, Para, Signatures, Signer
from daihoi.documents.letterhead import Letterhead, upper
from daihoi.emulation import services
from daihoi.emulation.models import CouncilVote, Decision


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


DECISION_TITLE = "QUYẾT ĐỊNH"
DECISION_ABOUT = "Về việc khen thưởng trong {campaign}"
DECISION_AUTHORITY = "BAN CHẤP HÀNH {unit}"
DECISION_GROUNDS = (
    "Căn cứ Điều lệ Công đoàn Việt Nam;",
    "Căn cứ Luật Thi đua, khen thưởng năm 2022 và Nghị định số 98/2023/NĐ-CP;",
)
DECISION_PROPOSED = "Xét đề nghị của {unit}{number},"
DECISION_DECIDES = "QUYẾT ĐỊNH:"
DECISION_ARTICLE_1 = (
    "Điều 1. Tặng danh hiệu thi đua, hình thức khen thưởng cho {collectives} tập thể và "
    "{people} cá nhân có tên trong danh sách kèm theo Quyết định này."
)
DECISION_ARTICLE_2 = (
    "Điều 2. Tiền thưởng theo quy định, tổng cộng {total} đồng, chi từ quỹ thi đua, khen thưởng "
    "của đơn vị."
)
DECISION_NO_AMOUNT = "Điều 2. Tiền thưởng (nếu có) theo quy định hiện hành."
DECISION_ARTICLE_3 = (
    "Điều 3. Quyết định có hiệu lực kể từ ngày ký. {unit} và các tập thể, cá nhân có tên tại "
    "Điều 1 chịu trách nhiệm thi hành Quyết định này."
)
DECISION_ON_BEHALF = "TM. BAN CHẤP HÀNH"
DECISION_LIST = "DANH SÁCH KHEN THƯỞNG"
DECISION_LIST_OF = "(Kèm theo Quyết định số {number} ngày {date} của {unit})"
DECISION_COLUMNS = ("STT", "Tập thể, cá nhân", "Đơn vị", "Danh hiệu, hình thức", "Tiền thưởng")
DECISION_REASON = "Đề nghị khi chưa đủ điều kiện theo quy định, lý do: {reason}"


def decision_blocks(decision: Decision) -> list[Block]:
    """Return the decision (NĐ 30/2020's layout as union documents use it) and its list.

    A title the engine had found ineligible is listed with the written reason it was kept with.
    """
    from daihoi.rules.numbers import number_vi

    proposal = decision.proposal
    unit = decision.unit
    lines = list(proposal.lines.select_related("member__unit", "unit"))
    lines.sort(key=lambda x: (not x.collective, x.member.name_key if x.member else x.unit.name_key))
    parent = unit.parent.name if unit.parent_id and unit.parent else ""
    head = Letterhead(
        issuer=unit.name,
        parent=parent,
        number=f"Số: {decision.number}",
        place=decision.locality,
        when=decision.signed_on,
    )
    number = f" tại Tờ trình số {proposal.number}" if proposal.number else ""
    collectives = sum(1 for x in lines if x.collective)
    out: list[Block] = [
        Head(head),
        Para(DECISION_TITLE, align="center", bold=True, size=page.TITLE_PT, before=6, after=0),
        Para(
            DECISION_ABOUT.format(campaign=proposal.campaign.title),
            align="center",
            bold=True,
            after=8,
        ),
        Para(upper(DECISION_AUTHORITY.format(unit=unit.name)), align="center", bold=True, after=8),
        *(Para(g, italic=True, indent_mm=10) for g in DECISION_GROUNDS),
        Para(
            DECISION_PROPOSED.format(unit=proposal.unit.name, number=number),
            italic=True,
            indent_mm=10,
        ),
        Para(DECISION_DECIDES, align="center", bold=True, before=4, after=6),
        Para(
            DECISION_ARTICLE_1.format(
                collectives=number_vi(collectives), people=number_vi(len(lines) - collectives)
            ),
            indent_mm=10,
        ),
        Para(
            DECISION_ARTICLE_2.format(total=number_vi(decision.total))
            if decision.total
            else DECISION_NO_AMOUNT,
            indent_mm=10,
        ),
        Para(DECISION_ARTICLE_3.format(unit=proposal.unit.name), indent_mm=10),
        Signatures(
            left=None,
            right=Signer(
                f"{DECISION_ON_BEHALF}\n{upper(decision.signer_title)}",
                names=(decision.signer,),
            ),
        ),
        Para(DECISION_LIST, align="center", bold=True, before=18, after=0, keep_with_next=True),
        Para(
            DECISION_LIST_OF.format(
                number=decision.number, date=f"{decision.signed_on:%d/%m/%Y}", unit=unit.name
            ),
            align="center",
            italic=True,
            after=6,
            keep_with_next=True,
        ),
    ]
    rows = []
    for n, line in enumerate(lines, start=1):
        who = line.unit.name if line.collective else line.who
        where = "" if line.collective else line.unit.name
        honour = line.get_title_display()
        if line.eligible is False and line.note:
            honour = f"{honour}. {DECISION_REASON.format(reason=line.note)}"
        amount = number_vi(line.amount) if line.amount is not None else "—"
        rows.append((str(n), who, where, str(honour), amount))
    out.append(
        Grid(
            header=DECISION_COLUMNS,
            rows=tuple(rows),
            widths_mm=(10, 38, 40, page.TEXT_WIDTH_MM - 112, 24),
            align=("center", "left", "left", "left", "right"),
        )
    )
    return out


def decision_document(decision: Decision, kind: str) -> bytes:
    """Return the decision with its list as .docx or .pdf bytes."""
    content = decision_blocks(decision)
    title = f"{DECISION_TITLE} {decision.number}"
    if kind == "pdf":
        # "TM. BAN CHẤP HÀNH" over the office, on two lines as in Word.
        css = pdf.base_css() + blocks.blocks_css() + ".sig-title { white-space: pre-line; }"
        return pdf.render_pdf(pdf.html_document(blocks.blocks_html(content), title=title, css=css))
    document = word.new_document(title=title)
    word.add_page_numbers(document)
    blocks.add_blocks(document, content)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
