"""The credentials report (báo cáo thẩm tra tư cách đại biểu), from live data, as Word and PDF.

rules.md §8.2 (the figures reported at Đại hội XIII CĐVN, S41): summoned / present, by origin
(đương nhiên, bầu, chỉ định), khu vực, cán bộ công đoàn chuyên trách, women, ethnic minorities,
Party members, the oldest and the youngest, trình độ in three groups. A toàn thể congress has
no credentials committee: the presidium reports on the members present instead ("báo cáo tình
hình đoàn viên", S9). The figures are computed by ``credentials_figures`` (no database) from
the delegates' snapshots; the blocks are rendered by daihoi.documents, so .docx and .pdf say the
same.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from daihoi.congresses.models import (
    Congress,
    CongressForm,
    DelegateKind,
    OrganKind,
    OrganMember,
    OrganRole,
    Presence,
    Sector,
    UnionOfficer,
)
from daihoi.documents import blocks, page, pdf, word
from daihoi.documents.blocks import Block, Grid, Head, Para, Signatures, Signer
from daihoi.documents.letterhead import Letterhead, upper
from daihoi.rules import hall
from daihoi.rules.numbers import number_vi, percent_vi
from daihoi.units.ethnicities import is_minority
from daihoi.units.models import POSTGRADUATE, Education, Gender

TITLE = "BÁO CÁO"
SUBJECT_DELEGATES = "Thẩm tra tư cách đại biểu dự {title}"
SUBJECT_MEMBERS = "Tình hình {members} dự {title}"
ISSUER_DELEGATES = "Ban Thẩm tra tư cách đại biểu"
ISSUER_MEMBERS = "Đoàn Chủ tịch"
OPENING_DELEGATES = (
    "Căn cứ {statute} và Quy chế làm việc của Đại hội, Ban Thẩm tra tư cách đại biểu đã "
    "thẩm tra tư cách các đại biểu được triệu tập dự Đại hội. Ban Thẩm tra tư cách đại biểu "
    "báo cáo Đại hội như sau:"
)
OPENING_MEMBERS = "Đoàn Chủ tịch {event} báo cáo tình hình {members} dự {event} như sau:"

SECTION_COUNT = "I. SỐ LƯỢNG {who}"
SECTION_MAKEUP = "II. CƠ CẤU {who} CÓ MẶT"
SECTION_CONCLUSION = "III. KẾT LUẬN"
SUMMONED = "Tổng số {who} được triệu tập: {count} đồng chí{detail}."
SUMMONED_DETAIL = ", trong đó: {parts}"
KIND_PART = {
    DelegateKind.EX_OFFICIO: "đại biểu đương nhiên {n}",
    DelegateKind.ELECTED: "đại biểu được bầu {n}",
    DelegateKind.APPOINTED: "đại biểu chỉ định {n}",
}
PRESENT = "Số {who} có mặt: {count} đồng chí, đạt {percent} số được triệu tập."
ABSENT = "Số {who} vắng mặt: {count} đồng chí{detail}."
ABSENT_DETAIL = ", trong đó có lý do: {count}"
ABSENT_LINE = "Đồng chí {name}: {reason}."
# The departed are among the absent (not present now), so present + absent = summoned.
LEFT = "Trong số vắng mặt có {count} đồng chí đã đến dự rồi ra về trong phiên họp."
GUESTS = "Khách mời dự {event}: {count} đồng chí (không tham gia biểu quyết)."
KIND_COLUMNS = ("Đại biểu", "Triệu tập", "Có mặt", "Tỷ lệ")
MAKEUP_INTRO = "Trong số {count} {who} có mặt:"
MAKEUP_COLUMNS = ("Cơ cấu", "Số lượng", "Tỷ lệ")
ROW_WOMEN = "Nữ"
ROW_MINORITY = "Dân tộc thiểu số"
ROW_PARTY = "Đảng viên"
ROW_SECTOR = {
    Sector.ADMINISTRATIVE: "Khu vực hành chính sự nghiệp",
    Sector.BUSINESS: "Khu vực sản xuất kinh doanh",
}
ROW_OFFICER = {
    UnionOfficer.FULL_TIME: "Cán bộ công đoàn chuyên trách",
    UnionOfficer.PART_TIME: "Không chuyên trách, trực tiếp sản xuất",
}
ROW_EDUCATION = (
    "Trình độ sau đại học",
    "Trình độ đại học, cao đẳng",
    "Trình độ trung cấp trở xuống",
)
ROW_UNKNOWN_EDUCATION = "Chưa rõ trình độ"
OLDEST = "{Who} cao tuổi nhất: đồng chí {name}, {age} tuổi."
YOUNGEST = "{Who} trẻ tuổi nhất: đồng chí {name}, {age} tuổi."
AGE_ON = "(Tuổi tính đến ngày khai mạc {event}.)"
CONCLUSION_DELEGATES = (
    "Ban Thẩm tra tư cách đại biểu đề nghị Đại hội biểu quyết công nhận tư cách "
    "{count} đại biểu có mặt."
)
CONCLUSION_QUORUM = "{message}"
CLOSING = "Kính trình {event}."
SIGN_DELEGATES = "TRƯỞNG BAN THẨM TRA TƯ CÁCH ĐẠI BIỂU"
SIGN_MEMBERS = "TM. ĐOÀN CHỦ TỊCH"

_INDENT_MM = 10.0


@dataclass(frozen=True)
class Person:
    """What the report reads of one person on the list."""

    full_name: str
    kind: str
    presence: str
    gender: str = ""
    birth_date: date | None = None
    ethnicity: str = ""
    is_party_member: bool = False
    education: str = ""
    sector: str = ""
    union_officer: str = ""
    absence_reason: str = ""

    @property
    def votes(self) -> bool:
        return self.kind != DelegateKind.GUEST

    @property
    def present(self) -> bool:
        return self.presence == Presence.PRESENT


@dataclass(frozen=True)
class Row:
    label: str
    count: int
    base: int

    @property
    def percent(self) -> str:
        return percent_vi(self.count, self.base)


@dataclass(frozen=True)
class KindRow:
    kind: str
    label: str
    summoned: int
    present: int


@dataclass(frozen=True)
class Age:
    name: str
    years: int


@dataclass(frozen=True)
class CredentialsFigures:
    summoned: int
    present: int
    left: int
    absent: tuple[Person, ...]  # summoned, not present now (with their reasons when given)
    guests: int
    kinds: tuple[KindRow, ...]
    makeup: tuple[Row, ...]
    oldest: Age | None
    youngest: Age | None


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _education_group(value: str) -> int | None:
    if not value:
        return None
    if value in POSTGRADUATE:
        return 0
    if value in (Education.DAI_HOC, Education.CAO_DANG):
        return 1
    return 2


def credentials_figures(people: Sequence[Person], *, on: date) -> CredentialsFigures:
    """Count the list: summoned and present by kind, and the make-up of those present."""
    voting = [p for p in people if p.votes]
    here = [p for p in voting if p.present]
    base = len(here)
    kinds = tuple(
        KindRow(
            kind,
            DelegateKind(kind).label,
            sum(1 for p in voting if p.kind == kind),
            sum(1 for p in here if p.kind == kind),
        )
        for kind in (DelegateKind.EX_OFFICIO, DelegateKind.ELECTED, DelegateKind.APPOINTED)
        if any(p.kind == kind for p in voting)
    )
    makeup = [
        Row(ROW_WOMEN, sum(1 for p in here if p.gender == Gender.NU), base),
        Row(ROW_MINORITY, sum(1 for p in here if p.ethnicity and is_minority(p.ethnicity)), base),
        Row(ROW_PARTY, sum(1 for p in here if p.is_party_member), base),
    ]
    # Khu vực and cán bộ chuyên trách are printed only where the list records them.
    if any(p.sector for p in here):
        makeup += [Row(label, sum(1 for p in here if p.sector == v), base)
                   for v, label in ROW_SECTOR.items()]  # fmt: skip
    if any(p.union_officer for p in here):
        makeup += [Row(label, sum(1 for p in here if p.union_officer == v), base)
                   for v, label in ROW_OFFICER.items()]  # fmt: skip
    groups = [_education_group(p.education) for p in here]
    makeup += [Row(label, groups.count(i), base) for i, label in enumerate(ROW_EDUCATION)]
    if None in groups:
        makeup.append(Row(ROW_UNKNOWN_EDUCATION, groups.count(None), base))
    # The oldest: earliest birth date; ties go to the first in the list's order.
    dated = [p for p in here if p.birth_date is not None]
    oldest = youngest = None
    if dated:
        first = min(dated, key=lambda p: p.birth_date or on)
        last = max(dated, key=lambda p: p.birth_date or on)
        oldest = Age(first.full_name, _age(first.birth_date or on, on))
        youngest = Age(last.full_name, _age(last.birth_date or on, on))
    return CredentialsFigures(
        summoned=len(voting),
        present=base,
        left=sum(1 for p in voting if p.presence == Presence.LEFT),
        absent=tuple(p for p in voting if not p.present),
        guests=sum(1 for p in people if not p.votes and p.present),
        kinds=kinds,
        makeup=tuple(makeup),
        oldest=oldest,
        youngest=youngest,
    )


def people_of(congress: Congress) -> list[Person]:
    """Read the list in one query, in the order of delegate numbers."""
    names = [
        "full_name",
        "kind",
        "presence",
        "gender",
        "birth_date",
        "ethnicity",
        "is_party_member",
        "education",
        "sector",
        "union_officer",
        "absence_reason",
    ]
    rows = congress.delegates.order_by("number", "name_key", "id").values_list(*names)
    return [Person(*row) for row in rows]


def _head_of(congress: Congress, kind: OrganKind) -> tuple[str, ...]:
    seat = (
        OrganMember.objects.filter(organ__congress=congress, organ__kind=kind, role=OrganRole.HEAD)
        .select_related("delegate")
        .first()
    )
    return (seat.delegate.full_name,) if seat else ()


def _para(text: str, **kwargs: object) -> Para:
    return Para(text, indent_mm=_INDENT_MM, **kwargs)  # type: ignore[arg-type]


def _dash(text: str) -> Para:
    return Para("- " + text, indent_mm=_INDENT_MM, after=2)


def congress_name(congress: Congress) -> str:
    """Return the congress as the header block names it: the title without the term."""
    return congress.title.rsplit(", nhiệm kỳ", 1)[0]


def credentials_blocks(congress: Congress, figures: CredentialsFigures) -> list[Block]:
    """Return the report's blocks; a conference's (no credentials committee, no quorum) is the
    presidium's report of who attends."""
    conference = congress.is_conference
    delegates = congress.form == CongressForm.DAI_BIEU and not conference
    event = congress.event_word
    who = congress.attendee_word
    statute = congress.rules.statute
    out: list[Block] = [
        Head(
            Letterhead(
                issuer=ISSUER_DELEGATES if delegates else ISSUER_MEMBERS,
                parent=upper(congress_name(congress)),
                place=congress.place,
                when=congress.starts_on,
            )
        ),
        Para(TITLE, align="center", bold=True, size=page.TITLE_PT, before=6, after=0),
        Para(
            (SUBJECT_DELEGATES if delegates else SUBJECT_MEMBERS).format(
                title=congress.title, members=who if conference else congress.member_word
            ),
            align="center",
            bold=True,
            after=12,
            keep_with_next=True,
        ),
        _para(
            OPENING_DELEGATES.format(statute=statute)
            if delegates
            else OPENING_MEMBERS.format(
                event=event, members=who if conference else congress.member_word
            )
        ),
        Para(SECTION_COUNT.format(who=upper(who)), bold=True, before=6, keep_with_next=True),
    ]
    parts = [
        KIND_PART[DelegateKind(row.kind)].format(n=number_vi(row.summoned)) for row in figures.kinds
    ]
    detail = SUMMONED_DETAIL.format(parts="; ".join(parts)) if delegates and parts else ""
    out.append(_dash(SUMMONED.format(who=who, count=number_vi(figures.summoned), detail=detail)))
    out.append(
        _dash(
            PRESENT.format(
                who=who,
                count=number_vi(figures.present),
                percent=percent_vi(figures.present, figures.summoned),
            )
        )
    )
    if figures.absent:
        reasons = [p for p in figures.absent if p.absence_reason]
        extra = ABSENT_DETAIL.format(count=number_vi(len(reasons))) if reasons else ""
        out.append(
            _dash(ABSENT.format(who=who, count=number_vi(len(figures.absent)), detail=extra))
        )
        if figures.left:
            out.append(Para(LEFT.format(count=number_vi(figures.left)), indent_mm=2 * _INDENT_MM))
        out.extend(
            Para(
                ABSENT_LINE.format(name=p.full_name, reason=p.absence_reason),
                indent_mm=2 * _INDENT_MM,
                after=1,
                italic=True,
            )
            for p in reasons
        )
    if figures.guests:
        out.append(_dash(GUESTS.format(event=event, count=number_vi(figures.guests))))
    if delegates and figures.kinds:
        out.append(
            Grid(
                header=KIND_COLUMNS,
                rows=tuple(
                    (
                        row.label,
                        number_vi(row.summoned),
                        number_vi(row.present),
                        percent_vi(row.present, row.summoned),
                    )
                    for row in figures.kinds
                ),
                widths_mm=(75, 32, 32, 26),
                align=("left", "right", "right", "right"),
            )
        )
    out.append(
        Para(SECTION_MAKEUP.format(who=upper(who)), bold=True, before=6, keep_with_next=True)
    )
    out.append(_para(MAKEUP_INTRO.format(count=number_vi(figures.present), who=who)))
    out.append(
        Grid(
            header=MAKEUP_COLUMNS,
            rows=tuple((row.label, number_vi(row.count), row.percent) for row in figures.makeup),
            widths_mm=(100, 32, 33),
            align=("left", "right", "right"),
        )
    )
    title_who = who[:1].upper() + who[1:]
    if figures.oldest is not None and figures.youngest is not None:
        out.append(
            _dash(OLDEST.format(Who=title_who, name=figures.oldest.name, age=figures.oldest.years))
        )
        out.append(
            _dash(
                YOUNGEST.format(
                    Who=title_who, name=figures.youngest.name, age=figures.youngest.years
                )
            )
        )
        out.append(_para(AGE_ON.format(event=event), italic=True, size=11))
    if not conference:  # a conference has no quorum to conclude on
        quorum = hall.quorum(figures.present, figures.summoned, congress.rules, who=who)
        out.append(Para(SECTION_CONCLUSION, bold=True, before=6, keep_with_next=True))
        if delegates:
            out.append(_para(CONCLUSION_DELEGATES.format(count=number_vi(figures.present))))
        out.append(_para(CONCLUSION_QUORUM.format(message=quorum.message)))
    out.append(_para(CLOSING.format(event=event), keep_with_next=True))
    head = _head_of(congress, OrganKind.BAN_THAM_TRA if delegates else OrganKind.DOAN_CHU_TICH)
    out.append(
        Signatures(
            left=None, right=Signer(SIGN_DELEGATES if delegates else SIGN_MEMBERS, names=head)
        )
    )
    return out


def report_title(congress: Congress) -> str:
    if congress.is_conference:
        return SUBJECT_MEMBERS.format(title=congress.title, members=congress.attendee_word)
    if congress.form == CongressForm.DAI_BIEU:
        return SUBJECT_DELEGATES.format(title=congress.title, members="")
    return SUBJECT_MEMBERS.format(title=congress.title, members=congress.member_word)


def credentials_report(congress: Congress, *, kind: str) -> bytes:
    """Return the report as .docx (kind "docx") or PDF bytes, from the list as it is now."""
    figures = credentials_figures(people_of(congress), on=congress.starts_on)
    content = credentials_blocks(congress, figures)
    title = report_title(congress)
    if kind == "pdf":
        css = pdf.base_css() + blocks.blocks_css()
        return pdf.render_pdf(pdf.html_document(blocks.blocks_html(content), title=title, css=css))
    document = word.new_document(title=title)
    word.add_page_numbers(document)
    blocks.add_blocks(document, content)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
