"""The papers of the congress season, generated from the record, as Word (.docx) and PDF.

The result file (hồ sơ kết quả đại hội, rules.md §2.8: 38/HD-TLĐ mục 10.4đ) in one document,
each paper on its own pages: the tờ trình to the upper level, the biên bản kiểm phiếu of every
counted round (the elections app's own minutes, through ``daihoi.congresses.results``), the danh
sách trích ngang of the new committee (Mẫu 2) and the biên bản of the committee's first meeting.
Headers follow rules.md §8.3 (the issuing union with its parent above, the national motto).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from daihoi.congresses import results
from daihoi.documents import blocks, page, pdf, word
from daihoi.documents.blocks import Align, Block, Grid, Head, PageBreak, Para, Signatures, Signer
from daihoi.documents.letterhead import Letterhead, upper
from daihoi.rules.numbers import date_vi, number_vi, percent_vi
from daihoi.season.models import OfficerRole
from daihoi.season.results import ResultRecord
from daihoi.season.words import Words

_INDENT_MM = 10.0

PETITION = "TỜ TRÌNH"
PETITION_SUBJECT = "Về việc đề nghị {recognize} {offices} {unit} {number}nhiệm kỳ {term}"
ADDRESSEE = "Kính gửi: {body} {upper}"
BASIS = "Căn cứ {statute};"
BASIS_UNION = "Căn cứ {statute} và Hướng dẫn tổ chức đại hội công đoàn các cấp của Tổng Liên đoàn;"
BASIS_PLAN = "Căn cứ đề án nhân sự {committee} khóa mới đã được {upper} duyệt ngày {day};"
HELD = "{congress} đã được tổ chức {day}{venue}."
HELD_VENUE = " tại {venue}"
HALL = "Tổng số {who} được triệu tập: {summoned}; có mặt khi bầu cử: {present} ({percent})."
ELECTED_BCH = (
    "Đại hội đã bầu {committee} khóa mới gồm {count} đồng chí (số lượng được duyệt: {approved})."
)
ELECTED_DELEGATES = (
    "Đại hội đã bầu {count} đại biểu chính thức{alternates} đi dự đại hội {upper} "
    "(số được phân bổ: {seats})."
)
ALTERNATES = " và {count} đại biểu dự khuyết"
MEETING_DONE = "Hội nghị lần thứ nhất {committee} khóa mới ngày {day} đã bầu:"
CHAIR_AT_CONGRESS = "Đại hội đã bầu trực tiếp đồng chí {name} giữ chức {chair}."
INSPECTION_AT_CONGRESS = "Đại hội đã bầu Ủy ban Kiểm tra gồm {count} đồng chí: {names}."
HOLDS = "Đồng chí {names} giữ chức {office}."
INSPECTION_LINE = "Ủy ban Kiểm tra gồm {count} đồng chí: {names}."
ATTACHED = "Hồ sơ kèm theo gồm:"
ATTACHED_ITEMS = (
    "Biên bản kiểm phiếu ({count} bản);",
    "Danh sách trích ngang {committee} khóa mới;",
    "Biên bản hội nghị lần thứ nhất {committee} khóa mới.",
)
REQUEST = "{committee} {unit} kính đề nghị {body} {upper} xem xét, ra quyết định {recognize}./."
RECIPIENTS = "Nơi nhận:"
RECIPIENT_LINES = ("- Như trên;", "- Lưu: VT.")

ROSTER = "DANH SÁCH TRÍCH NGANG"
ROSTER_SUBJECT = "{committee} {unit} {number}nhiệm kỳ {term}"
ROSTER_COLUMNS = (
    "TT",
    "Họ và tên",
    "Năm sinh (Nam/Nữ)",
    "Dân tộc",
    "Đảng viên",
    "Trình độ",
    "Chức vụ, đơn vị công tác",
    "Số phiếu bầu",
    "Chức danh được bầu",
)
ROSTER_TOTAL = "Tổng số: {count} đồng chí; nữ: {women} ({women_percent})."

MEETING = "BIÊN BẢN"
MEETING_SUBJECT = "Hội nghị lần thứ nhất {committee} {unit} {number}nhiệm kỳ {term}"
MEETING_OPENING = (
    "Hôm nay, {day}, {committee} {unit} khóa mới họp hội nghị lần thứ nhất sau {congress}."
)
MEETING_ATTENDANCE = (
    "Số ủy viên {body}: {committee}; có mặt: {present} ({percent}), đủ điều kiện tiến "
    "hành hội nghị (ít nhất 2/3 số ủy viên)."
)
MEETING_BALLOT = (
    "Hội nghị đã bầu bằng phiếu kín; số phiếu tính trên {present} ủy viên có mặt tham gia "
    "bỏ phiếu. Kết quả:"
)
MEETING_RESULT = "{office}: đồng chí {name}, {votes}/{base} phiếu ({percent})."
MEETING_CLOSING = (
    "Hội nghị kết thúc cùng ngày. Biên bản được lập thành 02 bản, gửi cấp trên 01 bản."
)
SECRETARY = "THƯ KÝ HỘI NGHỊ"
PRESIDING = "CHỦ TRÌ HỘI NGHỊ"

INSPECTION_OFFICE = {
    OfficerRole.INSPECTION: "Ủy viên Ủy ban Kiểm tra",
    OfficerRole.INSPECTION_CHAIR: "Chủ nhiệm Ủy ban Kiểm tra",
}
INSPECTION = "Ủy ban Kiểm tra"
FILE_TITLE = "Hồ sơ kết quả đại hội – {unit}"


def _office(words: Words, role: str) -> str:
    """Name an office in the words of the unit's organisation (Chủ tịch, Bí thư...)."""
    if role in (OfficerRole.CHAIR, OfficerRole.SECRETARY):
        return str(words.chair)
    if role == OfficerRole.VICE_CHAIR:
        return str(words.vice_chair)
    return INSPECTION_OFFICE[OfficerRole(role)]


def _capital(text: object) -> str:
    text = str(text)
    return text[:1].upper() + text[1:]


def _offices(record: ResultRecord, *, inspection_chair: bool = False) -> str:
    """Name what the file asks to recognize: "Ban Chấp hành, Chủ tịch, Phó Chủ tịch, ..."."""
    words = record.words
    offices = [str(words.committee), str(words.chair), str(words.vice_chair)]
    if record.holders(OfficerRole.INSPECTION):
        offices.append(INSPECTION)
        if inspection_chair and record.holders(OfficerRole.INSPECTION_CHAIR):
            offices.append(INSPECTION_OFFICE[OfficerRole.INSPECTION_CHAIR])
    return ", ".join(offices)


def _signer(words: Words, body: object, names: tuple[str, ...] = ()) -> Signer:
    return Signer(f"{upper(str(body))}\n{upper(str(words.chair))}", names=names)


def _para(text: str, **kwargs: object) -> Para:
    return Para(text, indent_mm=_INDENT_MM, **kwargs)  # type: ignore[arg-type]


def _number(congress: object) -> str:
    number = getattr(congress, "number", "")
    return f"{number}, " if number else ""


def _names(names: Sequence[str]) -> str:
    return ", ".join(names)


def _upper_name(record: ResultRecord) -> str:
    return str(record.step.entry.season.unit.name)


def _unit_head(record: ResultRecord, *, issuer: str, number: str = "") -> Head:
    unit = record.step.entry.unit
    parent = unit.parent.name if unit.parent_id else ""
    return Head(
        Letterhead(
            issuer=issuer,
            parent=upper(parent),
            number=number,
            place=record.congress.place,
            when=record.step.sent_on,
        )
    )


def petition_blocks(record: ResultRecord) -> list[Block]:
    """The tờ trình: what the congress and the first meeting did, and the request."""
    step = record.step
    unit = step.entry.unit
    congress = record.congress
    upper_name = _upper_name(record)
    words = record.words
    committee = str(words.committee)
    bch = next((o for o in record.outcomes if o.kind == results.BCH), None)
    basis = BASIS_UNION if words.union_guide else BASIS
    out: list[Block] = [
        _unit_head(record, issuer=unit.name, number=words.petition_number),
        Para(PETITION, align="center", bold=True, size=page.TITLE_PT, before=6, after=0),
        Para(
            PETITION_SUBJECT.format(
                recognize=words.recognize,
                offices=_offices(record),
                unit=unit.name,
                number=_number(congress),
                term=congress.term,
            ),
            align="center",
            bold=True,
            after=10,
        ),
        Para(ADDRESSEE.format(body=words.upper_body, upper=upper_name), align="center", after=10),
        _para(basis.format(statute=congress.rules.statute)),
    ]
    plan = step.entry.steps.filter(kind="de-an-nhan-su", status="da-duyet").first()
    if plan is not None and plan.answered_on:
        out.append(
            _para(
                BASIS_PLAN.format(
                    committee=committee, upper=upper_name, day=f"{plan.answered_on:%d/%m/%Y}"
                )
            )
        )
    venue = HELD_VENUE.format(venue=congress.venue) if congress.venue else ""
    out.append(
        _para(HELD.format(congress=congress.title, day=date_vi(congress.starts_on), venue=venue))
    )
    if bch is not None and bch.summoned:
        out.append(
            _para(
                HALL.format(
                    who=congress.attendee_word,
                    summoned=number_vi(bch.summoned),
                    present=number_vi(bch.present),
                    percent=percent_vi(bch.present, bch.summoned),
                )
            )
        )
    approved = step.entry.steps.filter(kind="de-an-nhan-su", status="da-duyet").first()
    approved_size = approved.committee_size if approved and approved.committee_size else None
    out.append(
        _para(
            ELECTED_BCH.format(
                committee=committee,
                count=number_vi(len(record.committee)),
                approved=number_vi(approved_size) if approved_size else "—",
            )
        )
    )
    if record.delegates is not None:
        alternates = record.delegates.alternates
        out.append(
            _para(
                ELECTED_DELEGATES.format(
                    count=number_vi(len(record.delegates.elected)),
                    alternates=ALTERNATES.format(count=number_vi(len(alternates)))
                    if alternates
                    else "",
                    upper=upper_name,
                    seats=number_vi(step.entry.seats),
                )
            )
        )
    for officer in record.officers:
        if officer.at_congress and officer.role in (OfficerRole.CHAIR, OfficerRole.SECRETARY):
            out.append(_para(CHAIR_AT_CONGRESS.format(name=officer.name, chair=words.chair)))
    at_congress = [o.name for o in record.holders(OfficerRole.INSPECTION) if o.at_congress]
    if at_congress:
        out.append(
            _para(
                INSPECTION_AT_CONGRESS.format(
                    count=number_vi(len(at_congress)), names=_names(at_congress)
                )
            )
        )
    if record.meeting is not None:
        out.append(
            _para(
                MEETING_DONE.format(committee=committee, day=f"{record.meeting.held_on:%d/%m/%Y}")
            )
        )
        for role in (OfficerRole.CHAIR, OfficerRole.VICE_CHAIR, OfficerRole.INSPECTION_CHAIR):
            names = [o.name for o in record.holders(role) if not o.at_congress]
            if names:
                out.append(
                    Para(
                        "- " + HOLDS.format(names=_names(names), office=_office(words, role)),
                        indent_mm=_INDENT_MM,
                        after=2,
                    )
                )
        inspection = [o.name for o in record.holders(OfficerRole.INSPECTION) if not o.at_congress]
        if inspection:
            out.append(
                Para(
                    "- "
                    + INSPECTION_LINE.format(
                        count=number_vi(len(inspection)), names=_names(inspection)
                    ),
                    indent_mm=_INDENT_MM,
                    after=2,
                )
            )
    rounds = sum(o.rounds for o in record.outcomes)
    out.append(_para(ATTACHED, keep_with_next=True))
    items = (
        ATTACHED_ITEMS[0].format(count=number_vi(rounds)),
        *(item.format(committee=committee) for item in ATTACHED_ITEMS[1:]),
    )
    out.extend(
        Para(f"{n}. {text}", indent_mm=_INDENT_MM, after=2) for n, text in enumerate(items, start=1)
    )
    out.append(
        _para(
            REQUEST.format(
                committee=committee,
                unit=unit.name,
                body=words.upper_body,
                upper=upper_name,
                recognize=words.recognize,
            )
        )
    )
    out.extend(
        Para(line, align="left", size=11, bold=n == 0, italic=n == 0, after=0, keep_with_next=True)
        for n, line in enumerate((RECIPIENTS, *RECIPIENT_LINES))
    )
    chair = (record.chair,) if record.chair else ()
    out.append(Signatures(left=None, right=_signer(words, words.on_behalf, chair)))
    return out


def roster_rows(record: ResultRecord) -> list[tuple[str, ...]]:
    """Return the danh sách trích ngang's rows: each member of the new committee, in order."""
    profiles = record.profiles()
    rows = []
    for n, (person, profile) in enumerate(zip(record.committee, profiles, strict=True), start=1):
        born = str(profile.birth_year) if profile.birth_year else ""
        if profile.gender:
            born = f"{born} ({profile.gender})" if born else profile.gender
        place = ", ".join(p for p in (profile.position, profile.workplace) if p)
        rows.append(
            (
                str(n),
                person.name,
                born,
                profile.ethnicity,
                "x" if profile.party else "",
                profile.education,
                place,
                f"{number_vi(person.votes)}/{number_vi(person.base)} "
                f"({percent_vi(person.votes, person.base)})",
                record.office_of(person.name),
            )
        )
    return rows


def roster_blocks(record: ResultRecord) -> list[Block]:
    unit = record.step.entry.unit
    congress = record.congress
    rows = roster_rows(record)
    profiles = record.profiles()
    women = sum(1 for p in profiles if p.gender == "Nữ")
    return [
        _unit_head(record, issuer=unit.name),
        Para(ROSTER, align="center", bold=True, size=page.TITLE_PT, before=6, after=0),
        Para(
            ROSTER_SUBJECT.format(
                committee=record.words.committee,
                unit=unit.name,
                number=_number(congress),
                term=congress.term,
            ),
            align="center",
            bold=True,
            after=10,
        ),
        Grid(
            header=ROSTER_COLUMNS,
            rows=tuple(rows),
            widths_mm=(8, 30, 18, 14, 13, 17, 27, 20, 18),
            align=(
                "center",
                "left",
                "center",
                "center",
                "center",
                "left",
                "left",
                "center",
                "left",
            ),
        ),
        _para(
            ROSTER_TOTAL.format(
                count=number_vi(len(rows)),
                women=number_vi(women),
                women_percent=percent_vi(women, len(rows)),
            )
        ),
        Signatures(
            left=None,
            right=_signer(
                record.words, record.words.on_behalf, (record.chair,) if record.chair else ()
            ),
        ),
    ]


def meeting_blocks(record: ResultRecord) -> list[Block]:
    meeting = record.meeting
    assert meeting is not None
    words = record.words
    unit = record.step.entry.unit
    congress = record.congress
    out: list[Block] = [
        _unit_head(record, issuer=unit.name),
        Para(MEETING, align="center", bold=True, size=page.TITLE_PT, before=6, after=0),
        Para(
            MEETING_SUBJECT.format(
                committee=words.committee,
                unit=unit.name,
                number=_number(congress),
                term=congress.term,
            ),
            align="center",
            bold=True,
            after=10,
        ),
        _para(
            MEETING_OPENING.format(
                committee=words.committee,
                day=date_vi(meeting.held_on),
                unit=unit.name,
                congress=congress.title,
            )
        ),
        _para(
            MEETING_ATTENDANCE.format(
                body=words.committee,
                committee=number_vi(meeting.committee),
                present=number_vi(meeting.present),
                percent=percent_vi(meeting.present, meeting.committee),
            )
        ),
        _para(MEETING_BALLOT.format(present=number_vi(meeting.present))),
    ]
    for officer in record.officers:
        if officer.at_congress:
            continue
        out.append(
            Para(
                "- "
                + MEETING_RESULT.format(
                    office=_office(words, officer.role),
                    name=officer.name,
                    votes=number_vi(officer.votes),
                    base=number_vi(officer.base),
                    percent=percent_vi(officer.votes, officer.base),
                ),
                indent_mm=_INDENT_MM,
                after=2,
            )
        )
    out.append(_para(MEETING_CLOSING, keep_with_next=True))
    out.append(
        Signatures(
            left=Signer(SECRETARY),
            right=Signer(PRESIDING, names=(record.chair,) if record.chair else ()),
        )
    )
    return out


def result_file_blocks(record: ResultRecord) -> list[Block]:
    """Return the whole file: each paper from a new page."""
    parts = [petition_blocks(record), *results.minutes_of(record.congress)]
    parts.append(roster_blocks(record))
    if record.meeting is not None:
        parts.append(meeting_blocks(record))
    out: list[Block] = []
    for part in parts:
        if out:
            out.append(PageBreak())
        out.extend(part)
    return out


def render(content: list[Block], *, title: str, kind: str) -> bytes:
    """Return the blocks as PDF (kind "pdf") or Word bytes."""
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


def result_file(record: ResultRecord, *, kind: str) -> bytes:
    """Return the result file generated from the record as .docx (kind "docx") or PDF."""
    title = FILE_TITLE.format(unit=record.step.entry.unit.name)
    return render(result_file_blocks(record), title=title, kind=kind)


# --- The recognition decision (Mẫu 7b, rules.md §2.8; the Party's chuẩn y, §3.1) ------------

DECISION = "QUYẾT ĐỊNH"
DECISION_NUMBER = "Số: {number}"
DECISION_ABOUT = "Về việc {recognize} {offices} {unit} {number}nhiệm kỳ {term}"
DECISION_AUTHORITY = "{body} {upper}"
DECISION_GROUNDS = (
    "Căn cứ {statute};",
    "Xét Tờ trình ngày {sent} của {committee} {unit} và hồ sơ kết quả đại hội (đủ ngày "
    "{complete}),",
)
UNION_GUIDE = (
    "Căn cứ Hướng dẫn số 38/HD-TLĐ của Tổng Liên đoàn Lao động Việt Nam về tổ chức đại hội "
    "công đoàn các cấp;"
)
DECIDES = "QUYẾT ĐỊNH:"
ARTICLE_COMMITTEE = (
    "Điều 1. {recognize} {committee} {unit} {number}nhiệm kỳ {term} gồm {count} đồng chí "
    "(có danh sách kèm theo)."
)
ARTICLE_CHAIRS = "Điều 2. {recognize} đồng chí {chair} giữ chức {office} {unit}{vices}."
ARTICLE_VICES = "; {who} {names} giữ chức {office}"
ARTICLE_INSPECTION = (
    "Điều 3. {recognize} Ủy ban Kiểm tra {unit} {number}nhiệm kỳ {term} gồm {count} đồng chí "
    "(có danh sách kèm theo){chair}."
)
ARTICLE_INSPECTION_CHAIR = "; đồng chí {name} giữ chức Chủ nhiệm Ủy ban Kiểm tra"
ARTICLE_EFFECT = (
    "Điều {n}. Quyết định có hiệu lực kể từ ngày ký. {committee} {unit} và các đồng chí có "
    "tên tại {articles} căn cứ Quyết định thi hành./."
)
DECISION_RECIPIENTS = ("Nơi nhận:", "- Như Điều {n};", "- Lưu: VT.")
FOR_BODY = "TM. {body}"
DECISION_LIST = "DANH SÁCH {lists}"
DECISION_LIST_SUBJECT = "{unit} {number}nhiệm kỳ {term}"
DECISION_LIST_OF = "(Kèm theo Quyết định số {number} ngày {day} của {body} {upper})"
LIST_COMMITTEE = "I. {committee} ({count} đồng chí)"
LIST_INSPECTION = "II. ỦY BAN KIỂM TRA ({count} đồng chí)"
LIST_COLUMNS = ("TT", "Họ và tên", "Chức vụ, đơn vị công tác", "Chức danh")
LIST_ALIGN: tuple[Align, ...] = ("center", "left", "left", "left")
DECISION_TITLE = "Quyết định {recognize} – {unit}"


def _who(count: int) -> str:
    return "các đồng chí" if count > 1 else "đồng chí"


def decision_blocks(record: ResultRecord, *, signer: str = "") -> list[Block]:
    """The upper level's decision, and its list (Mẫu 7b; the Party's chuẩn y, in its words)."""
    step = record.step
    words = record.words
    recognize = _capital(words.recognize)
    committee = str(words.committee)
    unit = step.entry.unit
    upper_unit = step.entry.season.unit
    congress = record.congress
    number, term = _number(congress), congress.term
    parent = upper_unit.parent.name if upper_unit.parent_id and upper_unit.parent else ""
    decided = step.decided_on
    assert decided is not None and step.answered_on is not None
    out: list[Block] = [
        Head(
            Letterhead(
                issuer=upper_unit.name,
                parent=upper(parent),
                number=DECISION_NUMBER.format(number=step.decision_number),
                place=congress.place,
                when=decided,
            )
        ),
        Para(DECISION, align="center", bold=True, size=page.TITLE_PT, before=6, after=0),
        Para(
            DECISION_ABOUT.format(
                recognize=words.recognize,
                offices=_offices(record, inspection_chair=True),
                unit=unit.name,
                number=number,
                term=term,
            ),
            align="center",
            bold=True,
            after=8,
        ),
        Para(
            upper(DECISION_AUTHORITY.format(body=words.upper_body, upper=upper_unit.name)),
            align="center",
            bold=True,
            after=8,
        ),
    ]
    grounds = (
        DECISION_GROUNDS[0].format(statute=congress.rules.statute),
        *((UNION_GUIDE,) if words.union_guide else ()),
        DECISION_GROUNDS[1].format(
            sent=f"{step.sent_on:%d/%m/%Y}",
            committee=committee,
            unit=unit.name,
            complete=f"{step.answered_on:%d/%m/%Y}",
        ),
    )
    out.extend(Para(g, italic=True, indent_mm=_INDENT_MM) for g in grounds)
    out.append(Para(DECIDES, align="center", bold=True, before=4, after=6))
    out.append(
        _para(
            ARTICLE_COMMITTEE.format(
                recognize=recognize,
                committee=committee,
                unit=unit.name,
                number=number,
                term=term,
                count=number_vi(len(record.committee)),
            )
        )
    )
    articles = ["Điều 1"]
    vices = [o.name for o in record.holders(OfficerRole.VICE_CHAIR)]
    if record.chair:
        vice_text = (
            ARTICLE_VICES.format(who=_who(len(vices)), names=_names(vices), office=words.vice_chair)
            if vices
            else ""
        )
        out.append(
            _para(
                ARTICLE_CHAIRS.format(
                    recognize=recognize,
                    chair=record.chair,
                    office=words.chair,
                    unit=unit.name,
                    vices=vice_text,
                )
            )
        )
        articles.append("Điều 2")
    inspection = record.holders(OfficerRole.INSPECTION)
    inspection_chair = record.holders(OfficerRole.INSPECTION_CHAIR)
    if inspection:
        n = len(articles) + 1
        chair_text = (
            ARTICLE_INSPECTION_CHAIR.format(name=inspection_chair[0].name)
            if inspection_chair
            else ""
        )
        out.append(
            _para(
                ARTICLE_INSPECTION.format(
                    recognize=recognize,
                    unit=unit.name,
                    number=number,
                    term=term,
                    count=number_vi(len(inspection)),
                    chair=chair_text,
                ).replace("Điều 3.", f"Điều {n}.")
            )
        )
        articles.append(f"Điều {n}")
    effect = len(articles) + 1
    out.append(
        _para(
            ARTICLE_EFFECT.format(
                n=effect,
                committee=committee,
                unit=unit.name,
                articles=", ".join(articles[:-1]) + " và " + articles[-1]
                if len(articles) > 1
                else articles[0],
            )
        )
    )
    out.extend(
        Para(
            line.format(n=effect),
            align="left",
            size=11,
            bold=i == 0,
            italic=i == 0,
            after=0,
            keep_with_next=True,
        )
        for i, line in enumerate(DECISION_RECIPIENTS)
    )
    out.append(
        Signatures(
            left=None,
            right=_signer(
                words, FOR_BODY.format(body=words.upper_body), (signer,) if signer else ()
            ),
        )
    )
    # The list attached: the committee, then the Ủy ban Kiểm tra.
    profiles = record.profiles()
    committee_rows = tuple(
        (
            str(n),
            person.name,
            ", ".join(p for p in (profile.position, profile.workplace) if p),
            record.office_of(person.name),
        )
        for n, (person, profile) in enumerate(zip(record.committee, profiles, strict=True), 1)
    )
    chair_names = {o.name for o in inspection_chair}
    inspection_rows = tuple(
        (
            str(n),
            o.name,
            "",
            "Chủ nhiệm" if o.name in chair_names else "Ủy viên",
        )
        for n, o in enumerate(inspection, 1)
    )
    widths = (10, 50, page.TEXT_WIDTH_MM - 105, 45)
    out += [
        PageBreak(),
        Para(
            DECISION_LIST.format(
                lists=upper(committee + (", " + INSPECTION if inspection_rows else ""))
            ),
            align="center",
            bold=True,
            size=page.TITLE_PT,
            after=0,
        ),
        Para(
            DECISION_LIST_SUBJECT.format(unit=unit.name, number=number, term=term),
            align="center",
            bold=True,
            after=0,
        ),
        Para(
            DECISION_LIST_OF.format(
                number=step.decision_number,
                day=f"{decided:%d/%m/%Y}",
                body=words.upper_body,
                upper=upper_unit.name,
            ),
            align="center",
            italic=True,
            after=8,
        ),
        Para(
            LIST_COMMITTEE.format(committee=upper(committee), count=number_vi(len(committee_rows))),
            bold=True,
            keep_with_next=True,
        ),
        Grid(header=LIST_COLUMNS, rows=committee_rows, widths_mm=widths, align=LIST_ALIGN),
    ]
    if inspection_rows:
        out += [
            Para(
                LIST_INSPECTION.format(count=number_vi(len(inspection_rows))),
                bold=True,
                before=6,
                keep_with_next=True,
            ),
            Grid(header=LIST_COLUMNS, rows=inspection_rows, widths_mm=widths, align=LIST_ALIGN),
        ]
    return out


def decision_file(record: ResultRecord, *, kind: str, signer: str = "") -> bytes:
    """Return the recognition decision as .docx (kind "docx") or PDF."""
    title = DECISION_TITLE.format(
        recognize=record.words.recognize, unit=record.step.entry.unit.name
    )
    return render(decision_blocks(record, signer=signer), title=title, kind=kind)
