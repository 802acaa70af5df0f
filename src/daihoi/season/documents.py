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
from daihoi.documents.blocks import Block, Grid, Head, PageBreak, Para, Signatures, Signer
from daihoi.documents.letterhead import Letterhead, upper
from daihoi.rules.numbers import date_vi, number_vi, percent_vi
from daihoi.season.models import OfficerRole
from daihoi.season.results import ResultRecord

_INDENT_MM = 10.0

PETITION = "TỜ TRÌNH"
PETITION_NUMBER = "Số: ……/TTr-CĐ"
PETITION_SUBJECT = (
    "Về việc đề nghị công nhận Ban Chấp hành, Chủ tịch, Phó Chủ tịch, Ủy ban Kiểm tra "
    "{unit} {number}nhiệm kỳ {term}"
)
ADDRESSEE = "Kính gửi: Ban Thường vụ {upper}"
BASIS = "Căn cứ {statute} và Hướng dẫn tổ chức đại hội công đoàn các cấp của Tổng Liên đoàn;"
BASIS_PLAN = "Căn cứ đề án nhân sự Ban Chấp hành khóa mới đã được {upper} duyệt ngày {day};"
HELD = "{congress} đã được tổ chức {day}{venue}."
HELD_VENUE = " tại {venue}"
HALL = "Tổng số {who} được triệu tập: {summoned}; có mặt khi bầu cử: {present} ({percent})."
ELECTED_BCH = (
    "Đại hội đã bầu Ban Chấp hành khóa mới gồm {count} đồng chí (số lượng được duyệt: {approved})."
)
ELECTED_DELEGATES = (
    "Đại hội đã bầu {count} đại biểu chính thức{alternates} đi dự đại hội {upper} "
    "(số được phân bổ: {seats})."
)
ALTERNATES = " và {count} đại biểu dự khuyết"
MEETING_DONE = "Hội nghị lần thứ nhất Ban Chấp hành khóa mới ngày {day} đã bầu:"
CHAIR_AT_CONGRESS = "Đại hội đã bầu trực tiếp đồng chí {name} giữ chức Chủ tịch."
INSPECTION_AT_CONGRESS = "Đại hội đã bầu Ủy ban Kiểm tra gồm {count} đồng chí: {names}."
HOLDS = "Đồng chí {names} giữ chức {office}."
INSPECTION_LINE = "Ủy ban Kiểm tra gồm {count} đồng chí: {names}."
ATTACHED = "Hồ sơ kèm theo gồm:"
ATTACHED_ITEMS = (
    "Biên bản kiểm phiếu ({count} bản);",
    "Danh sách trích ngang Ban Chấp hành khóa mới;",
    "Biên bản hội nghị lần thứ nhất Ban Chấp hành khóa mới.",
)
REQUEST = (
    "Ban Chấp hành {unit} kính đề nghị Ban Thường vụ {upper} xem xét, ra quyết định công nhận./."
)
RECIPIENTS = "Nơi nhận:"
RECIPIENT_LINES = ("- Như trên;", "- Lưu: VT.")
FOR_COMMITTEE = "TM. BAN CHẤP HÀNH"
CHAIR_TITLE = "CHỦ TỊCH"

ROSTER = "DANH SÁCH TRÍCH NGANG"
ROSTER_SUBJECT = "Ban Chấp hành {unit} {number}nhiệm kỳ {term}"
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
MEETING_SUBJECT = "Hội nghị lần thứ nhất Ban Chấp hành {unit} {number}nhiệm kỳ {term}"
MEETING_OPENING = (
    "Hôm nay, {day}, Ban Chấp hành {unit} khóa mới họp hội nghị lần thứ nhất sau {congress}."
)
MEETING_ATTENDANCE = (
    "Số ủy viên Ban Chấp hành: {committee}; có mặt: {present} ({percent}), đủ điều kiện tiến "
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

OFFICE = {
    OfficerRole.CHAIR: "Chủ tịch",
    OfficerRole.VICE_CHAIR: "Phó Chủ tịch",
    OfficerRole.INSPECTION: "Ủy viên Ủy ban Kiểm tra",
    OfficerRole.INSPECTION_CHAIR: "Chủ nhiệm Ủy ban Kiểm tra",
}
FILE_TITLE = "Hồ sơ kết quả đại hội – {unit}"


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
    bch = next((o for o in record.outcomes if o.kind == results.BCH), None)
    out: list[Block] = [
        _unit_head(record, issuer=unit.name, number=PETITION_NUMBER),
        Para(PETITION, align="center", bold=True, size=page.TITLE_PT, before=6, after=0),
        Para(
            PETITION_SUBJECT.format(unit=unit.name, number=_number(congress), term=congress.term),
            align="center",
            bold=True,
            after=10,
        ),
        Para(ADDRESSEE.format(upper=upper_name), align="center", after=10),
        _para(BASIS.format(statute=congress.rules.statute)),
    ]
    plan = step.entry.steps.filter(kind="de-an-nhan-su", status="da-duyet").first()
    if plan is not None and plan.answered_on:
        out.append(_para(BASIS_PLAN.format(upper=upper_name, day=f"{plan.answered_on:%d/%m/%Y}")))
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
        if officer.at_congress and officer.role == OfficerRole.CHAIR:
            out.append(_para(CHAIR_AT_CONGRESS.format(name=officer.name)))
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
        out.append(_para(MEETING_DONE.format(day=f"{record.meeting.held_on:%d/%m/%Y}")))
        for role in (OfficerRole.CHAIR, OfficerRole.VICE_CHAIR, OfficerRole.INSPECTION_CHAIR):
            names = [o.name for o in record.holders(role) if not o.at_congress]
            if names:
                out.append(
                    Para(
                        "- " + HOLDS.format(names=_names(names), office=OFFICE[role]),
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
    items = (ATTACHED_ITEMS[0].format(count=number_vi(rounds)), *ATTACHED_ITEMS[1:])
    out.extend(
        Para(f"{n}. {text}", indent_mm=_INDENT_MM, after=2) for n, text in enumerate(items, start=1)
    )
    out.append(_para(REQUEST.format(unit=unit.name, upper=upper_name)))
    out.extend(
        Para(line, align="left", size=11, bold=n == 0, italic=n == 0, after=0, keep_with_next=True)
        for n, line in enumerate((RECIPIENTS, *RECIPIENT_LINES))
    )
    chair = (record.chair,) if record.chair else ()
    out.append(Signatures(left=None, right=Signer(f"{FOR_COMMITTEE}\n{CHAIR_TITLE}", names=chair)))
    return out


def roster_rows(record: ResultRecord) -> list[tuple[str, ...]]:
    """Return the danh sách trích ngang's rows: each member of the new committee, in order."""
    profiles = results.profiles_of(list(record.committee))
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
    profiles = results.profiles_of(list(record.committee))
    women = sum(1 for p in profiles if p.gender == "Nữ")
    return [
        _unit_head(record, issuer=unit.name),
        Para(ROSTER, align="center", bold=True, size=page.TITLE_PT, before=6, after=0),
        Para(
            ROSTER_SUBJECT.format(unit=unit.name, number=_number(congress), term=congress.term),
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
            right=Signer(
                f"{FOR_COMMITTEE}\n{CHAIR_TITLE}", names=(record.chair,) if record.chair else ()
            ),
        ),
    ]


def meeting_blocks(record: ResultRecord) -> list[Block]:
    meeting = record.meeting
    assert meeting is not None
    unit = record.step.entry.unit
    congress = record.congress
    out: list[Block] = [
        _unit_head(record, issuer=unit.name),
        Para(MEETING, align="center", bold=True, size=page.TITLE_PT, before=6, after=0),
        Para(
            MEETING_SUBJECT.format(unit=unit.name, number=_number(congress), term=congress.term),
            align="center",
            bold=True,
            after=10,
        ),
        _para(
            MEETING_OPENING.format(
                day=date_vi(meeting.held_on), unit=unit.name, congress=congress.title
            )
        ),
        _para(
            MEETING_ATTENDANCE.format(
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
                    office=OFFICE[OfficerRole(officer.role)],
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
