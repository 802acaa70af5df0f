"""The congress's own documents, from its record, as Word (.docx) and PDF.

The resolution (nghị quyết đại hội): the targets of the term word for word, what the congress
elected, the shows of hands it adopted, and the show of hands that adopted the resolution
itself; until the hall has adopted it the paper says DỰ THẢO (draft). The minutes (biên bản đại
hội): time and place, attendance and quorum from the check-in, the organs and their approval,
the agenda, every show of hands that stands with its figures and time (and, where it was
corrected, when and why), every election's result. Headers follow rules.md §8.3 (NĐ 30/2020).
A figure the record does not hold is said to be missing, never made up.
"""

from __future__ import annotations

import datetime
import io

from django.utils import timezone

from daihoi.congresses import results
from daihoi.congresses.models import HallVote, HallVoteSubject, OrganKind
from daihoi.congresses.report import congress_name
from daihoi.documents import blocks, page, pdf, word
from daihoi.documents.blocks import Block, Grid, Head, Para, Signatures, Signer
from daihoi.documents.letterhead import Letterhead, upper
from daihoi.record.facts import CongressRecord, elected_vi, sources_vi
from daihoi.rules.numbers import date_vi, number_vi, percent_vi

_INDENT_MM = 10.0

RESOLUTION = "NGHỊ QUYẾT"
DRAFT = "DỰ THẢO"
RESOLUTION_NUMBER = "Số: ……/NQ-ĐH"
HELD = "{title} họp {day}{venue}."
HELD_VENUE = " tại {venue}"
ATTENDED = "Dự Đại hội có {present}/{summoned} {who} được triệu tập ({percent}){guests}. {quorum}"
ATTENDED_GUESTS = " và {count} khách mời"
NO_CHECK_IN = "Đại hội chưa có số liệu điểm danh."
RESOLVES = "QUYẾT NGHỊ"
ARTICLE = "Điều {n}."
ADOPTS = "Thông qua {title} (tán thành {yes}/{present} {who} có mặt, đạt {percent})."
TARGETS = "Các chỉ tiêu chủ yếu nhiệm kỳ {term}:"
NO_TARGETS = "Chưa có chỉ tiêu nào được ghi cho nhiệm kỳ {term}."
ELECTIONS = "Kết quả bầu cử:"
NO_ELECTIONS = "Đại hội chưa có kết quả bầu cử nào được kiểm phiếu trên hệ thống."
ELECTED = "{title}: {count} đồng chí trúng cử ({seats} cần bầu){pending}: {names}."
ELECTED_ALTERNATES = "Đại biểu dự khuyết: {names}."
PENDING = ", chưa có kết quả cuối cùng"
NONE_ELECTED = "{title}: chưa có người trúng cử{pending}."
CARRY_OUT = (
    "Đại hội giao Ban Chấp hành khóa mới căn cứ Nghị quyết này xây dựng chương trình, kế hoạch "
    "tổ chức thực hiện; đề nghị toàn thể {members} thực hiện thắng lợi Nghị quyết."
)
ADOPTED_AT = (
    "Nghị quyết này được {congress} biểu quyết thông qua lúc {time} {day}: tán thành "
    "{yes}/{present} {who} có mặt ({percent}), không tán thành {no}, không biểu quyết {abstain}."
)
REJECTED_AT = (
    "Biểu quyết lúc {time} {day} chưa thông qua dự thảo Nghị quyết: tán thành {yes}/{present} "
    "{who} có mặt ({percent})."
)
NOT_YET_ADOPTED = "Đại hội chưa biểu quyết thông qua Nghị quyết này."
FOR_PRESIDIUM = "TM. ĐOÀN CHỦ TỊCH"
RECIPIENTS = "Nơi nhận:"
RECIPIENT_LINES = ("- {upper};", "- Ban Chấp hành khóa mới;", "- Lưu: VT.")

MINUTES = "BIÊN BẢN"
MINUTES_ISSUER = "Đoàn Thư ký"
MINUTES_NUMBER = "Số: ……/BB-ĐH"
SECTION_TIME = "I. THỜI GIAN, ĐỊA ĐIỂM"
DAY = "Ngày họp: {day}."
PLACE = "Địa điểm: {venue}."
FIRST_ARRIVAL = "Điểm danh đại biểu bắt đầu lúc {time} {day}."
SECTION_ATTENDANCE = "II. THÀNH PHẦN, ĐIỀU KIỆN TIẾN HÀNH"
SUMMONED = "Tổng số {who} được triệu tập: {count}."
PRESENT = "Có mặt: {count} ({percent})."
ABSENT = "Vắng mặt: {count}{detail}."
ABSENT_NAMES = " ({names})"
LEFT = "Trong số vắng mặt có {count} đồng chí đã đến dự rồi ra về."
GUESTS = "Khách mời dự Đại hội ({count}):"
GUEST_LINE = "Đồng chí {name}{position}."
SECTION_ORGANS = "III. CƠ QUAN ĐIỀU HÀNH, GIÚP VIỆC ĐẠI HỘI"
ORGAN = "{organ}: {names}."
ORGAN_HEAD = "{name} ({role})"
ORGAN_APPROVED = "Đại hội biểu quyết: {decision}"
ORGAN_NOT_APPROVED = "Chưa ghi kết quả biểu quyết."
SECTION_AGENDA = "IV. CHƯƠNG TRÌNH ĐẠI HỘI"
AGENDA_LINE = "{order}. {title}{presenter}"
SPEECHES = "Phát biểu, tham luận tại Đại hội:"
SPEECH_LINE = "{time}: {kind} - đồng chí {speaker}{topic}."
SECTION_VOTES = "V. BIỂU QUYẾT"
VOTE_COLUMNS = ("Lúc", "Nội dung", "Có mặt", "Tán thành", "Không tán thành", "Không BQ", "Kết quả")
VOTE_ADOPTED = "Thông qua"
VOTE_REJECTED = "Không thông qua"
NO_VOTES = "Chưa có biểu quyết nào được ghi."
CORRECTED = "Biểu quyết “{title}” lúc {time}: số liệu đã được sửa lúc {when}, lý do: {reason}."
SECTION_ELECTIONS = "VI. KẾT QUẢ BẦU CỬ"
ELECTION_HEAD = "{title} ({seats} cần bầu{alternates}; {rounds} lần bầu{day})."
ELECTION_ALTERNATES = ", {count} dự khuyết"
ELECTION_DAY = ", kiểm phiếu xong {day}"
ELECTION_HALL = "{who} có mặt khi bầu: {present}/{summoned}."
ELECTION_PERSON = "{n}. {name}: {votes}/{base} phiếu ({percent})."
ELECTION_PERSON_NO_FIGURES = "{n}. {name}."
ELECTION_FROM_MINUTES = (
    "{title} ({seats} cần bầu{alternates}; bầu {day}, không bỏ phiếu trên hệ thống)."
)
ELECTION_NONE = "Chưa có người trúng cử."
ELECTION_PENDING = (
    "Cuộc bầu cử chưa có kết quả cuối cùng (còn vòng chưa kiểm phiếu hoặc chờ Đại hội quyết định)."
)
ELECTED_LABEL = "Trúng cử:"
ALTERNATES_LABEL = "Dự khuyết:"
SECTION_CLOSING = "VII. KẾT THÚC"
CLOSING = (
    "Biên bản được lập từ hồ sơ Đại hội (điểm danh, biểu quyết, kiểm phiếu); các số liệu trên "
    "là số liệu đã ghi. Biên bản đã được đọc trước Đại hội."
)
SECRETARY = "THƯ KÝ ĐẠI HỘI"


def _para(text: str, **kwargs: object) -> Para:
    return Para(text, indent_mm=_INDENT_MM, **kwargs)  # type: ignore[arg-type]


def _dash(text: str) -> Para:
    return Para("- " + text, indent_mm=_INDENT_MM, after=2)


def _heading(text: str) -> Para:
    return Para(text, bold=True, before=6, keep_with_next=True)


def _local(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment)


def time_vi(moment: datetime.datetime) -> str:
    """Return "14 giờ 10 phút" for a moment, in local time."""
    local = _local(moment)
    return f"{local.hour:02d} giờ {local.minute:02d} phút"


def _vote_day(vote: HallVote) -> str:
    return date_vi(_local(vote.voted_at).date())


def _letterhead(record: CongressRecord, *, issuer: str, number: str) -> Letterhead:
    congress = record.congress
    vote = record.resolution_vote
    when = _local(vote.voted_at).date() if vote is not None else congress.starts_on
    return Letterhead(
        issuer=issuer,
        parent=congress.unit.parent.name if congress.unit.parent else "",
        number=number,
        place=congress.place,
        when=when,
    )


def _attended(record: CongressRecord) -> str:
    if not record.summoned or record.first_arrival is None:
        return NO_CHECK_IN
    guests = len(record.guests)
    return ATTENDED.format(
        present=number_vi(record.present),
        summoned=number_vi(record.summoned),
        who=record.who,
        percent=percent_vi(record.present, record.summoned),
        guests=ATTENDED_GUESTS.format(count=number_vi(guests)) if guests else "",
        quorum=record.quorum.message,
    )


def resolution_blocks(record: CongressRecord) -> list[Block]:
    """Return the resolution as blocks (a draft until the hall has adopted it)."""
    congress = record.congress
    vote = record.resolution_vote
    out: list[Block] = [
        Head(_letterhead(record, issuer=congress_name(congress), number=RESOLUTION_NUMBER)),
    ]
    if not record.resolution_adopted:
        out.append(Para(DRAFT, align="center", bold=True, after=0))
    out += [
        Para(RESOLUTION, align="center", bold=True, size=page.TITLE_PT, before=6, after=0),
        Para(congress.title, align="center", bold=True, after=12, keep_with_next=True),
        _para(
            HELD.format(
                title=congress.title,
                day=date_vi(congress.starts_on),
                venue=HELD_VENUE.format(venue=congress.venue) if congress.venue else "",
            )
        ),
        _para(_attended(record)),
        Para(RESOLVES, align="center", bold=True, before=6, after=6, keep_with_next=True),
    ]
    n = 0
    adopted = [v for v in record.votes if v.adopted and v.subject != HallVoteSubject.RESOLUTION]
    if adopted:
        n += 1
        out.append(_heading(ARTICLE.format(n=n)))
        for v in adopted:
            out.append(
                _dash(
                    ADOPTS.format(
                        title=v.title,
                        yes=number_vi(v.votes_yes),
                        present=number_vi(v.votes_present),
                        who=record.who,
                        percent=percent_vi(v.votes_yes, v.votes_present),
                    )
                )
            )
    n += 1
    out.append(_heading(ARTICLE.format(n=n)))
    if record.targets:
        out.append(_para(TARGETS.format(term=congress.term)))
        out += [_dash(t.text.rstrip(" ;.") + ";") for t in record.targets]
    else:
        out.append(_para(NO_TARGETS.format(term=congress.term)))
    n += 1
    out.append(_heading(ARTICLE.format(n=n)))
    if record.outcomes:
        out.append(_para(ELECTIONS))
        for outcome in record.outcomes:
            pending = "" if outcome.complete else PENDING
            if outcome.elected:
                out.append(
                    _dash(
                        ELECTED.format(
                            title=outcome.title,
                            count=number_vi(len(outcome.elected)),
                            seats=number_vi(outcome.seats),
                            pending=pending,
                            names="; ".join(elected_vi(p) for p in outcome.elected),
                        )
                    )
                )
            else:
                out.append(_dash(NONE_ELECTED.format(title=outcome.title, pending=pending)))
            if outcome.alternates:
                names = "; ".join(elected_vi(p) for p in outcome.alternates)
                out.append(Para(ELECTED_ALTERNATES.format(names=names), indent_mm=2 * _INDENT_MM))
        out += [_para(line, italic=True) for line in sources_vi(record.outcomes)]
    else:
        out.append(_para(NO_ELECTIONS))
    n += 1
    out.append(_heading(ARTICLE.format(n=n)))
    out.append(_para(CARRY_OUT.format(members=congress.member_word)))
    if vote is None:
        out.append(_para(NOT_YET_ADOPTED, italic=True))
    else:
        template = ADOPTED_AT if vote.adopted else REJECTED_AT
        out.append(
            _para(
                template.format(
                    congress=congress_name(congress),
                    time=time_vi(vote.voted_at),
                    day=_vote_day(vote),
                    yes=number_vi(vote.votes_yes),
                    present=number_vi(vote.votes_present),
                    who=record.who,
                    percent=percent_vi(vote.votes_yes, vote.votes_present),
                    no=number_vi(vote.votes_no),
                    abstain=number_vi(vote.votes_abstain),
                ),
                italic=True,
            )
        )
    head = record.head_of(OrganKind.DOAN_CHU_TICH)
    upper_unit = congress.unit.parent.name if congress.unit.parent else congress.unit.name
    out.append(Para(RECIPIENTS, bold=True, italic=True, before=6, after=0, keep_with_next=True))
    out += [
        Para(line.format(upper=upper_unit), size=11, after=0, keep_with_next=True)
        for line in RECIPIENT_LINES
    ]
    out.append(Signatures(left=None, right=Signer(FOR_PRESIDIUM, names=(head,) if head else ())))
    return out


def _organ_line(record: CongressRecord, organ: object) -> list[Block]:
    from daihoi.congresses.models import Organ

    assert isinstance(organ, Organ)
    seats = list(organ.members.all())
    names = [
        ORGAN_HEAD.format(name=s.delegate.full_name, role=s.role_label)
        if s.is_head
        else s.delegate.full_name
        for s in seats
    ]
    out: list[Block] = [
        _dash(ORGAN.format(organ=organ.get_kind_display(), names=", ".join(names) or "—"))
    ]
    if organ.adopted is not None and organ.decision:
        out.append(Para(ORGAN_APPROVED.format(decision=organ.decision), indent_mm=2 * _INDENT_MM))
    else:
        out.append(Para(ORGAN_NOT_APPROVED, indent_mm=2 * _INDENT_MM, italic=True))
    return out


def minutes_blocks(record: CongressRecord) -> list[Block]:
    """Return the minutes of the congress as blocks."""
    congress = record.congress
    who = record.who
    out: list[Block] = [
        Head(
            Letterhead(
                issuer=MINUTES_ISSUER,
                parent=upper(congress_name(congress)),
                number=MINUTES_NUMBER,
                place=congress.place,
                when=congress.ends_on or congress.starts_on,
            )
        ),
        Para(MINUTES, align="center", bold=True, size=page.TITLE_PT, before=6, after=0),
        Para(congress.title, align="center", bold=True, after=12, keep_with_next=True),
        _heading(SECTION_TIME),
        _dash(DAY.format(day=date_vi(congress.starts_on))),
    ]
    if congress.venue:
        out.append(_dash(PLACE.format(venue=congress.venue)))
    if record.first_arrival is not None:
        out.append(
            _dash(
                FIRST_ARRIVAL.format(
                    time=time_vi(record.first_arrival), day=date_vi(record.first_arrival.date())
                )
            )
        )
    out.append(_heading(SECTION_ATTENDANCE))
    if record.first_arrival is None:
        out.append(_para(NO_CHECK_IN, italic=True))
    out.append(_dash(SUMMONED.format(who=who, count=number_vi(record.summoned))))
    out.append(
        _dash(
            PRESENT.format(
                count=number_vi(record.present),
                percent=percent_vi(record.present, record.summoned),
            )
        )
    )
    if record.absent:
        names = ", ".join(
            d.full_name + (f": {d.absence_reason}" if d.absence_reason else "")
            for d in record.absent
        )
        out.append(
            _dash(
                ABSENT.format(
                    count=number_vi(len(record.absent)),
                    detail=ABSENT_NAMES.format(names=names),
                )
            )
        )
        if record.left:
            out.append(Para(LEFT.format(count=number_vi(record.left)), indent_mm=2 * _INDENT_MM))
    else:
        out.append(_dash(ABSENT.format(count="0", detail="")))
    out.append(_para(record.quorum.message))
    if record.guests:
        out.append(_para(GUESTS.format(count=number_vi(len(record.guests)))))
        out += [
            Para(
                GUEST_LINE.format(
                    name=g.full_name, position=f" - {g.position}" if g.position else ""
                ),
                indent_mm=2 * _INDENT_MM,
                after=1,
            )
            for g in record.guests
        ]
    out.append(_heading(SECTION_ORGANS))
    for organ in record.organs:
        out += _organ_line(record, organ)
    out.append(_heading(SECTION_AGENDA))
    out += [
        Para(
            AGENDA_LINE.format(
                order=item.order,
                title=item.title,
                presenter=f" ({item.presenter})" if item.presenter else "",
            ),
            indent_mm=_INDENT_MM,
            after=1,
        )
        for item in record.agenda
    ]
    if record.speeches:
        out.append(_para(SPEECHES, keep_with_next=True))
        out += [
            Para(
                SPEECH_LINE.format(
                    time=_local(s.called_at).strftime("%H:%M") if s.called_at else "",
                    kind=s.get_kind_display(),
                    speaker=s.speaker_line,
                    topic=f": “{s.topic}”" if s.topic else "",
                ),
                indent_mm=2 * _INDENT_MM,
                after=1,
            )
            for s in record.speeches
        ]
    out.append(_heading(SECTION_VOTES))
    if record.votes:
        out.append(
            Grid(
                header=VOTE_COLUMNS,
                rows=tuple(
                    (
                        _local(v.voted_at).strftime("%H:%M"),
                        v.title,
                        number_vi(v.votes_present),
                        f"{number_vi(v.votes_yes)} ({percent_vi(v.votes_yes, v.votes_present)})",
                        number_vi(v.votes_no),
                        number_vi(v.votes_abstain),
                        VOTE_ADOPTED if v.adopted else VOTE_REJECTED,
                    )
                    for v in record.votes
                ),
                widths_mm=(15, 50, 17, 26, 20, 15, 22),
                align=("center", "left", "right", "right", "right", "right", "center"),
            )
        )
        for v in record.votes:
            if v.replaces_id is not None:
                out.append(
                    Para(
                        CORRECTED.format(
                            title=v.title,
                            time=_local(v.voted_at).strftime("%H:%M"),
                            when=_local(v.recorded_at).strftime("%H:%M %d/%m/%Y"),
                            reason=v.reason,
                        ),
                        italic=True,
                        size=11,
                        after=1,
                    )
                )
    else:
        out.append(_para(NO_VOTES, italic=True))
    out.append(_heading(SECTION_ELECTIONS))
    if not record.outcomes:
        out.append(_para(NO_ELECTIONS, italic=True))
    for outcome in record.outcomes:
        out += _election_blocks(record, outcome)
    out += [_para(line, italic=True) for line in sources_vi(record.outcomes)]
    out.append(_heading(SECTION_CLOSING))
    out.append(_para(CLOSING))
    out.append(
        Signatures(
            left=Signer(SECRETARY, names=_names(record.head_of(OrganKind.DOAN_THU_KY))),
            right=Signer(FOR_PRESIDIUM, names=_names(record.head_of(OrganKind.DOAN_CHU_TICH))),
        )
    )
    return out


def _names(name: str) -> tuple[str, ...]:
    return (name,) if name else ()


def _election_blocks(record: CongressRecord, outcome: results.Outcome) -> list[Block]:
    alternates = ELECTION_ALTERNATES.format(count=number_vi(len(outcome.alternates)))
    if outcome.source and outcome.counted_on:
        head = ELECTION_FROM_MINUTES.format(
            title=outcome.title,
            seats=number_vi(outcome.seats),
            alternates=alternates if outcome.alternates else "",
            day=date_vi(outcome.counted_on),
        )
    else:
        head = ELECTION_HEAD.format(
            title=outcome.title,
            seats=number_vi(outcome.seats),
            alternates=alternates if outcome.alternates else "",
            rounds=number_vi(outcome.rounds),
            day=ELECTION_DAY.format(day=date_vi(outcome.counted_on)) if outcome.counted_on else "",
        )
    out: list[Block] = [Para(head, bold=True, indent_mm=_INDENT_MM, keep_with_next=True)]
    if outcome.summoned:
        who = record.who[:1].upper() + record.who[1:]
        out.append(
            _dash(
                ELECTION_HALL.format(
                    who=who,
                    present=number_vi(outcome.present),
                    summoned=number_vi(outcome.summoned),
                )
            )
        )
    if not outcome.complete:
        out.append(_para(ELECTION_PENDING, italic=True))
    if not outcome.elected:
        out.append(_para(ELECTION_NONE, italic=True))
    for label, people in ((ELECTED_LABEL, outcome.elected), (ALTERNATES_LABEL, outcome.alternates)):
        if not people:
            continue
        out.append(_para(label, keep_with_next=True))
        out += [
            Para(
                ELECTION_PERSON.format(
                    n=n,
                    name=p.name,
                    votes=number_vi(p.votes),
                    base=number_vi(p.base),
                    percent=percent_vi(p.votes, p.base),
                )
                if p.has_figures
                else ELECTION_PERSON_NO_FIGURES.format(n=n, name=p.name),
                indent_mm=2 * _INDENT_MM,
                after=1,
            )
            for n, p in enumerate(people, start=1)
        ]
    return out


def render(content: list[Block], *, title: str, kind: str) -> bytes:
    """Return the blocks as PDF (kind "pdf") or Word bytes."""
    if kind == "pdf":
        css = pdf.base_css() + blocks.blocks_css()
        return pdf.render_pdf(pdf.html_document(blocks.blocks_html(content), title=title, css=css))
    document = word.new_document(title=title)
    word.add_page_numbers(document)
    blocks.add_blocks(document, content)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def resolution_title(record: CongressRecord) -> str:
    return f"Nghị quyết {record.congress.title}"


def minutes_title(record: CongressRecord) -> str:
    return f"Biên bản {record.congress.title}"
