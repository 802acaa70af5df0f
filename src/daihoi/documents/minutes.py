"""The minutes of the vote count (biên bản kiểm phiếu), as Word (.docx) or PDF.

Fields follow rules.md §8.1 (Mẫu 4a of Hướng dẫn 38/HD-TLĐ, as a real 2025 CĐCS form fills
it, S50): the committee, summoned / present / voting, seats, list size, ballots issued /
collected / valid / invalid by reason, votes per candidate over the base with the percentage,
the conclusion "căn cứ quy định của Điều lệ ...", copies and filing, time, signatures.

The ``daihoi`` command must work without Django: plain Python, python-docx and WeasyPrint.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import Any

from daihoi.documents import blocks, page, pdf, word
from daihoi.documents.blocks import Block, Grid, Head, Para, Signatures, Signer, Span
from daihoi.documents.letterhead import BLANK_DATE, Letterhead, upper
from daihoi.rules.counting import (
    ALTERNATE,
    ELECTED,
    EXPLAIN_ALTERNATES,
    EXPLAIN_ELECTED,
    EXPLAIN_ELECTED_ALTERNATES,
    SHORT,
    STATUS_LABELS,
    TIE,
    CandidateResult,
    Result,
    for_people,
    percent_vi,
)
from daihoi.rules.election import INVALID_REASON_LABELS, Election, ElectionFormatError
from daihoi.rules.names import nfc
from daihoi.rules.numbers import date_vi, number_vi

CHAIR = "Trưởng ban"
MEMBER = "Thành viên"

TITLE = "BIÊN BẢN KIỂM PHIẾU"
ISSUER = "Ban kiểm phiếu"
CONGRESS_OF = "Đại hội {organization}"
UNTITLED = "Bầu cử ……………………………………………………"
DOTS = "……"
DOTS_LONG = "……………………………………"

OPENING = "Hồi {time}, {date}, tại {place}, Ban kiểm phiếu gồm các đồng chí có tên sau:"
MEMBER_LINE = "{number}. Đồng chí {name} – {role}"
BLANK_MEMBER_LINE = "{number}. Đồng chí " + DOTS_LONG + " – {role}"
BLANK_COMMITTEE_SIZE = 3
STATEMENT_OPENING = (
    "Sau khi Đoàn Chủ tịch phổ biến nguyên tắc, thể lệ bầu cử và Đại hội biểu quyết thông qua "
    "số lượng, danh sách bầu cử, "
)
STATEMENT_OPENING_ALLOCATED = (
    "Sau khi Đoàn Chủ tịch phổ biến nguyên tắc, thể lệ bầu cử, số lượng đại biểu do cấp trên "
    "phân bổ và Đại hội biểu quyết thông qua danh sách bầu cử, "
)
# What the committee did before the vote, by how the round was voted (MinutesContext.voting).
PAPER, PHONE, MIXED = "paper", "phone", "mixed"
STATEMENT_CONDUCT = {
    PAPER: (
        "Ban kiểm phiếu đã kiểm tra thùng phiếu, phát phiếu bầu, hướng dẫn cách ghi phiếu và "
        "điều hành việc bỏ phiếu."
    ),
    PHONE: (
        "Ban kiểm phiếu đã kiểm tra danh sách đại biểu bỏ phiếu trên điện thoại và mã bỏ phiếu "
        "của từng đại biểu, hướng dẫn cách bỏ phiếu trên điện thoại và điều hành việc bỏ phiếu."
    ),
    MIXED: (
        "Ban kiểm phiếu đã kiểm tra thùng phiếu, phát phiếu bầu và mã bỏ phiếu trên điện thoại, "
        "hướng dẫn cách ghi phiếu, cách bỏ phiếu trên điện thoại và điều hành việc bỏ phiếu."
    ),
}
STATEMENT_CLOSING = (
    " Việc bỏ phiếu diễn ra dân chủ, đúng nguyên tắc bỏ phiếu kín và đúng quy định. Ban kiểm "
    "phiếu đã tiến hành kiểm phiếu, kết quả như sau:"
)
SECTION_FIGURES = "I. TÌNH HÌNH BỎ PHIẾU"
SECTION_RESULT = "II. KẾT QUẢ KIỂM PHIẾU"
SECTION_CONCLUSION = "III. KẾT LUẬN"
FIGURE_SUMMONED = "Tổng số đại biểu chính thức được triệu tập: {value}"
FIGURE_PRESENT = "Số đại biểu có mặt: {value}"
FIGURE_VOTING = "Số đại biểu tham gia bỏ phiếu: {value}"
# At a đại hội toàn thể every member is summoned (rules.md §1.3): the members vote.
FIGURE_SUMMONED_MEMBERS = "Tổng số {who} được triệu tập: {value}"
FIGURE_PRESENT_MEMBERS = "Số {who} có mặt: {value}"
FIGURE_VOTING_MEMBERS = "Số {who} tham gia bỏ phiếu: {value}"
FIGURE_SEATS = "Số lượng cần bầu do Đại hội biểu quyết: {value} người"
# Delegates to the upper congress: their number is allocated by the upper level (§2.10).
FIGURE_SEATS_ALLOCATED = "Số đại biểu chính thức cần bầu do cấp trên phân bổ: {value} người"
FIGURE_ALTERNATES = "Số đại biểu dự khuyết cần bầu: {value} người"
FIGURE_SEATS_ALTERNATES = "Số đại biểu dự khuyết cần bầu do Đại hội biểu quyết: {value} người"
FIGURE_SEATS_REVOTE = (
    "Số chỗ còn lại, bầu tiếp trong số những người có số phiếu ngang nhau: {value}"
)
FIGURE_SEATS_REVOTE_ALTERNATES = (
    "Số vị trí dự khuyết còn lại, bầu tiếp trong số những người có số phiếu ngang nhau: {value}"
)
FIGURE_LIST = "Số người trong danh sách bầu cử: {value} người"
FIGURE_ISSUED = "Số phiếu phát ra: {value} phiếu"
FIGURE_COLLECTED = "Số phiếu thu về: {value} phiếu"
FIGURE_VALID = "Số phiếu hợp lệ: {value} phiếu"
FIGURE_INVALID = "Số phiếu không hợp lệ: {value} phiếu"
FIGURE_INVALID_OF_WHICH = FIGURE_INVALID + ", trong đó:"
FIGURE_REASON = "{label}: {value} phiếu"
THRESHOLD = (
    "Người trúng cử phải được quá một phần hai (1/2) số phiếu bầu so với {base} "
    "({count}), tức ít nhất {needed} phiếu."
)
THRESHOLD_ALTERNATES = (
    "Đại biểu dự khuyết phải được quá một phần hai (1/2) số phiếu bầu so với {base} "
    "({count}), tức ít nhất {needed} phiếu."
)
RESULT_INTRO = (
    "Kết quả kiểm phiếu của từng người trong danh sách bầu cử, xếp theo số phiếu bầu từ cao "
    "xuống thấp (tỷ lệ tính trên {base}):"
)
BASE_WORDS = {
    "collected": "tổng số phiếu thu về",
    "valid": "tổng số phiếu hợp lệ",
    "summoned": "tổng số người được triệu tập",
}
BASE_UNITS = {"collected": "phiếu", "valid": "phiếu", "summoned": "người"}
COLUMNS = ("STT", "Họ và tên", "Số phiếu bầu", "Tỷ lệ", "Kết quả")
ALTERNATE_STATUS = STATUS_LABELS[ALTERNATE] + " {rank}"

ELECTED_INTRO = (
    "Căn cứ quy định của {statute}, Ban kiểm phiếu xác định các đồng chí có tên sau đây "
    "trúng cử (xếp theo số phiếu bầu từ cao xuống thấp):"
)
ELECTED_INTRO_ONE = (
    "Căn cứ quy định của {statute}, Ban kiểm phiếu xác định đồng chí có tên sau đây trúng cử:"
)
ELECTED_LINE = "{number}. Đồng chí {name}: {votes}/{base} phiếu, đạt {percent}."
NONE_ELECTED = (
    "Căn cứ quy định của {statute}, không có đồng chí nào được quá một phần hai (1/2) số phiếu "
    "bầu nên chưa có người trúng cử."
)
ALTERNATES_INTRO = "Các đồng chí trúng cử đại biểu dự khuyết, theo thứ tự:"
# A round for alternate places (rules.md §2.10): its winners are alternates, never "trúng cử".
ALTERNATE_WINNER_STATUS = STATUS_LABELS[ALTERNATE]
ELECTED_INTRO_ALTERNATES = (
    "Căn cứ quy định của {statute}, Ban kiểm phiếu xác định các đồng chí có tên sau đây là "
    "đại biểu dự khuyết (xếp theo số phiếu bầu từ cao xuống thấp):"
)
ELECTED_INTRO_ALTERNATES_ONE = (
    "Căn cứ quy định của {statute}, Ban kiểm phiếu xác định đồng chí có tên sau đây là đại "
    "biểu dự khuyết:"
)
NONE_ELECTED_ALTERNATES = (
    "Căn cứ quy định của {statute}, không có đồng chí nào được quá một phần hai (1/2) số phiếu "
    "bầu nên chưa có đại biểu dự khuyết."
)
# The further vote among the tied (rules.md §2.6): more votes wins, no over-half test.
NONE_ELECTED_REVOTE = (
    "Các đồng chí trong danh sách vẫn có số phiếu ngang nhau nên chưa xác định được {who}."
)
NONE_ELECTED_REVOTE_SEAT = "người trúng cử"
NONE_ELECTED_REVOTE_ALTERNATE = "đại biểu dự khuyết"
REVOTE_TIE_TEXT = (
    "Các đồng chí {names} vẫn cùng được {votes} phiếu, còn {seats} {what}. Đại hội biểu quyết "
    "việc bầu tiếp trong số những người có số phiếu ngang nhau hoặc dừng bầu."
)
TIE_TEXT = (
    "Các đồng chí {names} cùng được {votes} phiếu, đều quá một phần hai (1/2), nhưng chỉ còn "
    "{seats} {what}. Đại hội biểu quyết việc bầu tiếp trong số những người có số phiếu "
    "ngang nhau."
)
TIE_SEATS = "chỗ"
TIE_ALTERNATE_SEATS = "vị trí dự khuyết"
SHORT_TEXT = (
    "Số người trúng cử ({elected}) chưa đủ số lượng Đại hội đã biểu quyết ({seats}), còn thiếu "
    "{unfilled} người. Đại hội xem xét, quyết định việc bầu tiếp hoặc để trống số còn thiếu."
)
NOTES_INTRO = "Ghi chú:"
COPIES = "Biên bản được lập thành 02 bản: 01 bản lưu hồ sơ Đại hội, 01 bản gửi {upper_level}."
UPPER_LEVEL = {
    "cong-doan": "công đoàn cấp trên",
    "dang": "cấp ủy cấp trên",
    "doan": "Đoàn cấp trên",
}
UPPER_LEVEL_OTHER = "cấp trên"
CLOSING_SAME_DAY = "Biên bản kết thúc hồi {time} cùng ngày."
CLOSING = "Biên bản kết thúc hồi {time}, {date}."
DIGEST = "Mã kiểm chứng phiếu bầu: {digest}"
HOMOMORPHIC = (
    "Phần phiếu bầu trên điện thoại ({ballots} phiếu) được mã hoá ngay trên điện thoại của đại "
    "biểu và được kiểm bằng cách cộng các phiếu mã hoá theo từng người (kiểm phiếu đồng cấu), "
    "không giải mã riêng phiếu nào; chỉ tổng số phiếu của từng người được giải mã, với phần giải "
    "mã của {members} trong {holders} thành viên Ban Kiểm phiếu giữ khoá (số {indexes}). Mã cuối "
    "của bảng phiếu mã hoá công khai: {final}"
)
HOMOMORPHIC_EMPTY = (
    "Không có phiếu bầu trên điện thoại: bảng phiếu mã hoá công khai không có phiếu nào, tổng số "
    "phiếu điện thoại của mỗi người bằng 0, không cần giải mã. Mã cuối của bảng phiếu mã hoá "
    "công khai: {final}"
)
HOMOMORPHIC_LEFT_OUT = (
    "Thành viên Ban Kiểm phiếu không giữ khoá: {names} (các thành viên khác đã tạo khoá không có "
    "người này, vì vắng mặt hoặc không công bố phần khoá bị khiếu nại)."
)
SIGN_CHAIR = "TRƯỞNG BAN KIỂM PHIẾU"
SIGN_MEMBERS = "THÀNH VIÊN BAN KIỂM PHIẾU"

# Messages for a bad --context file (Vietnamese, as the command shows them).
MSG_UNSUPPORTED = 'biên bản chỉ in ra tệp .docx hoặc .pdf (nhận được: "{suffix}")'
MSG_CONTEXT_TEXT = "phải là chuỗi ký tự"
MSG_CONTEXT_TIME = 'phải là thời điểm dạng "2017-09-19T14:30" hoặc ngày "2017-09-19"'
MSG_CONTEXT_LIST = "phải là một danh sách JSON [...]"
MSG_CONTEXT_MEMBER = 'mỗi thành viên phải là {"name": "...", "role": "Trưởng ban"}'
MSG_CONTEXT_UNKNOWN = "không có trường này; các trường: {fields}"

_ITEM_MM = 10.0
"""Indent of numbered and dashed lines."""


CONTEXT_FIELDS = (
    "issuer",
    "issuer_parent",
    "number",
    "locality",
    "place",
    "when",
    "closed",
    "committee",
    "digest",
)
"""The keys of the ``daihoi minutes --context`` file."""


@dataclass(frozen=True)
class HomomorphicNote:
    """How the phone part of an encrypted round was counted (``MinutesContext.homomorphic``)."""

    ballots: int
    members: tuple[int, ...]
    holders: int
    final: str
    #: Members of the committee left out of the key at its ceremony.
    left_out: tuple[str, ...] = ()


@dataclass(frozen=True)
class CommitteeMember:
    """A member of the counting committee; ``role`` is "Trưởng ban" or "Thành viên"."""

    name: str
    role: str = MEMBER

    @property
    def is_chair(self) -> bool:
        return nfc(self.role).casefold() == CHAIR.casefold()


@dataclass(frozen=True)
class MinutesContext:
    """What the minutes say beyond the count; everything is optional.

    ``issuer_parent`` defaults to "ĐẠI HỘI <organization>"; ``locality`` is the place in the
    date line ("Lai Châu"), ``place`` where the count was held ("Hội trường Sở Công
    Thương"); ``when`` when the count began and ``closed`` when the minutes were closed.
    Whatever is missing is printed as dotted lines to fill in by hand. ``digest`` is printed
    as "Mã kiểm chứng phiếu bầu: …".
    """

    issuer: str = ISSUER
    issuer_parent: str | None = None
    number: str = ""
    locality: str = ""
    place: str = ""
    when: datetime.datetime | None = None
    closed: datetime.datetime | None = None
    committee: tuple[CommitteeMember, ...] = ()
    digest: str | None = None
    # Not read from the command's --context file (its keys are CONTEXT_FIELDS):
    # ``members`` names who votes at a đại hội toàn thể ("đoàn viên", "đảng viên"), "" for a
    # đại hội đại biểu; ``seats_allocated``: the number of seats was allocated by the upper
    # level, not voted by the congress (delegates to the upper congress, rules.md §2.10).
    members: str = ""
    seats_allocated: bool = False
    # How the round was voted: on paper (PAPER), on the delegates' phones alone (PHONE) or both
    # (MIXED); what the committee did before the vote is said accordingly.
    voting: str = PAPER
    # An encrypted round's phone part (issue 13): how many phone ballots, whose partial
    # decryptions were combined (their key indexes), of how many key holders, and the public
    # board's final hash (grouped), printed under the digest.
    homomorphic: HomomorphicNote | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any], *, place: str = "--context") -> MinutesContext:
        """Build a context from decoded JSON (the ``daihoi minutes --context`` file).

        Keys are the field names; times are ISO 8601 ("2017-09-19T14:30"); ``committee`` is a
        list of ``{"name": ..., "role": ...}``. A bad value raises ``ElectionFormatError``
        naming its place.
        """
        fields = CONTEXT_FIELDS
        values: dict[str, Any] = {}
        for key, value in data.items():
            where = f"{place}.{key}"
            if key not in fields:
                raise ElectionFormatError(
                    where, MSG_CONTEXT_UNKNOWN.format(fields=", ".join(fields))
                )
            if value is None:
                continue
            if key in ("when", "closed"):
                values[key] = _parse_time(value, where)
            elif key == "committee":
                values[key] = _parse_committee(value, where)
            else:
                values[key] = nfc(_text(value, where))
        return cls(**values)


def _text(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise ElectionFormatError(where, MSG_CONTEXT_TEXT)
    return value


def _parse_time(value: object, where: str) -> datetime.datetime:
    try:
        return datetime.datetime.fromisoformat(_text(value, where))
    except ValueError:
        raise ElectionFormatError(where, MSG_CONTEXT_TIME) from None


def _parse_committee(value: object, where: str) -> tuple[CommitteeMember, ...]:
    if not isinstance(value, list):
        raise ElectionFormatError(where, MSG_CONTEXT_LIST)
    members = []
    for index, item in enumerate(value):
        here = f"{where}[{index}]"
        if not isinstance(item, Mapping) or not isinstance(item.get("name"), str):
            raise ElectionFormatError(here, MSG_CONTEXT_MEMBER)
        role = item.get("role", MEMBER)
        members.append(CommitteeMember(nfc(item["name"]), nfc(_text(role, f"{here}.role"))))
    return tuple(members)


def write_minutes(
    election: Election,
    result: Result,
    path: str | PathLike[str],
    *,
    context: MinutesContext | Mapping[str, Any] | None = None,
) -> None:
    """Write the minutes of the count to ``path``: Word for .docx, PDF for .pdf.

    ``context`` may also be the decoded JSON of ``MinutesContext.from_json``.
    """
    if context is None:
        context = MinutesContext()
    elif not isinstance(context, MinutesContext):
        context = MinutesContext.from_json(context)
    suffix = Path(path).suffix.lower()
    if suffix not in (".pdf", ".docx"):
        raise ElectionFormatError("-o", MSG_UNSUPPORTED.format(suffix=suffix))
    content = minutes_blocks(election, result, context)
    title = f"{TITLE} – {election.title}" if election.title else TITLE
    if suffix == ".pdf":
        css = pdf.base_css() + blocks.blocks_css()
        pdf.write_pdf(pdf.html_document(blocks.blocks_html(content), title=title, css=css), path)
    else:
        document = word.new_document(title=title)
        word.add_page_numbers(document)
        blocks.add_blocks(document, content)
        word.save(document, path)


def minutes_blocks(election: Election, result: Result, context: MinutesContext) -> list[Block]:
    """Return the content of the minutes, shared by the Word and the PDF output."""
    out: list[Block] = [Head(_letterhead(election, context))]
    out.append(Para(TITLE, align="center", bold=True, size=page.TITLE_PT, before=6, after=2))
    out.append(
        Para(
            election.title or UNTITLED,
            align="center",
            bold=True,
            after=12,
            keep_with_next=True,
        )
    )
    out.extend(_opening(context))
    out.extend(_figures(election, result, context))
    out.extend(_results(result))
    out.extend(_conclusion(election, result))
    out.extend(_closing(election, context))
    return out


def _letterhead(election: Election, context: MinutesContext) -> Letterhead:
    parent = context.issuer_parent
    if parent is None:
        organization = election.organization.strip()
        parent = CONGRESS_OF.format(organization=organization) if organization else ""
    return Letterhead(
        issuer=context.issuer,
        parent=upper(parent),
        number=context.number,
        place=context.locality,
        when=context.when,
    )


def _time(moment: datetime.datetime | None) -> str:
    if moment is None:
        return f"{DOTS} giờ {DOTS} phút"
    return f"{moment.hour:02d} giờ {moment.minute:02d} phút"


def _item(text: str | tuple[Span, ...], **kwargs: Any) -> Para:
    return Para(text, indent_mm=_ITEM_MM / 2, hanging_mm=_ITEM_MM, after=2, **kwargs)


def _dash(text: str) -> Para:
    return _item("- " + text)


def _opening(context: MinutesContext) -> list[Block]:
    out: list[Block] = [
        Para(
            OPENING.format(
                time=_time(context.when),
                date=date_vi(context.when) if context.when else BLANK_DATE,
                place=context.place or DOTS_LONG,
            ),
            indent_mm=_ITEM_MM,
            # Justified, the dotted blanks would stretch into wide gaps.
            align="justify" if context.when and context.place else "left",
        )
    ]
    members = context.committee
    if members:
        # The chair first, then the members in the order given.
        ordered = sorted(members, key=lambda m: not m.is_chair)
        for number, member in enumerate(ordered, start=1):
            role = CHAIR if member.is_chair else member.role
            out.append(_item(MEMBER_LINE.format(number=number, name=member.name, role=role)))
    else:
        for number in range(1, BLANK_COMMITTEE_SIZE + 1):
            role = CHAIR if number == 1 else MEMBER
            out.append(_item(BLANK_MEMBER_LINE.format(number=number, role=role)))
    opening = STATEMENT_OPENING_ALLOCATED if context.seats_allocated else STATEMENT_OPENING
    statement = opening + STATEMENT_CONDUCT[context.voting] + STATEMENT_CLOSING
    out.append(Para(statement, indent_mm=_ITEM_MM, before=4))
    return out


def _maybe(value: int | None) -> str:
    return DOTS if value is None else number_vi(value)


def _figures(election: Election, result: Result, context: MinutesContext) -> list[Block]:
    out: list[Block] = [Para(SECTION_FIGURES, bold=True, before=4, keep_with_next=True)]
    who = context.members
    summoned, present = _maybe(election.summoned), _maybe(election.present)
    voting = number_vi(result.collected)
    if who:
        out.append(_dash(FIGURE_SUMMONED_MEMBERS.format(who=who, value=summoned)))
        out.append(_dash(FIGURE_PRESENT_MEMBERS.format(who=who, value=present)))
        out.append(_dash(FIGURE_VOTING_MEMBERS.format(who=who, value=voting)))
    else:
        out.append(_dash(FIGURE_SUMMONED.format(value=summoned)))
        out.append(_dash(FIGURE_PRESENT.format(value=present)))
        out.append(_dash(FIGURE_VOTING.format(value=voting)))
    if result.tie_revote:
        seats = FIGURE_SEATS_REVOTE_ALTERNATES if result.for_alternates else FIGURE_SEATS_REVOTE
    elif result.for_alternates:
        seats = FIGURE_SEATS_ALTERNATES
    else:
        seats = FIGURE_SEATS_ALLOCATED if context.seats_allocated else FIGURE_SEATS
    out.append(_dash(seats.format(value=number_vi(result.seats))))
    if result.alternates_wanted:
        out.append(_dash(FIGURE_ALTERNATES.format(value=number_vi(result.alternates_wanted))))
    out.append(_dash(FIGURE_LIST.format(value=number_vi(len(election.candidates)))))
    out.append(_dash(FIGURE_ISSUED.format(value=number_vi(result.issued))))
    out.append(_dash(FIGURE_COLLECTED.format(value=number_vi(result.collected))))
    out.append(_dash(FIGURE_VALID.format(value=number_vi(result.valid))))
    if result.invalid_by_reason:
        out.append(_dash(FIGURE_INVALID_OF_WHICH.format(value=number_vi(result.invalid))))
        for reason, n in result.invalid_by_reason.items():
            label = INVALID_REASON_LABELS.get(reason, reason)
            line = "+ " + FIGURE_REASON.format(label=label, value=number_vi(n))
            out.append(Para(line, indent_mm=_ITEM_MM, hanging_mm=_ITEM_MM * 1.5, after=2))
    else:
        out.append(_dash(FIGURE_INVALID.format(value=number_vi(result.invalid))))
    return out


def _status(line: CandidateResult, rank: Mapping[str, int], *, for_alternates: bool) -> str:
    if line.status == ALTERNATE:
        return ALTERNATE_STATUS.format(rank=rank[line.id])
    if line.status == ELECTED and for_alternates:
        return ALTERNATE_WINNER_STATUS
    return STATUS_LABELS.get(line.status, line.status)


def _results(result: Result) -> list[Block]:
    base = number_vi(result.base_count)
    kind = result.base_kind.value
    base_words = BASE_WORDS.get(kind, "")
    rank = {cid: n for n, cid in enumerate(result.alternates, start=1)}
    rows = tuple(
        (
            str(number),
            line.name,
            f"{number_vi(line.votes)}/{base}",
            percent_vi(line.percent),
            _status(line, rank, for_alternates=result.for_alternates),
        )
        for number, line in enumerate(result.candidates, start=1)
    )
    elected = {i for i, line in enumerate(result.candidates) if line.id in result.elected}
    if result.tie_revote:
        # The engine's sentence: the further vote is decided by more votes alone (§2.6).
        rule = for_people(result.explanation[1])
    else:
        threshold = THRESHOLD_ALTERNATES if result.for_alternates else THRESHOLD
        rule = threshold.format(
            base=base_words,
            count=f"{base} {BASE_UNITS.get(kind, '')}".strip(),
            needed=number_vi(result.votes_needed),
        )
    return [
        Para(SECTION_RESULT, bold=True, before=6, keep_with_next=True),
        Para(rule, indent_mm=_ITEM_MM, keep_with_next=True),
        Para(RESULT_INTRO.format(base=base_words), indent_mm=_ITEM_MM, keep_with_next=True),
        Grid(
            header=COLUMNS,
            rows=rows,
            widths_mm=(12, 63, 29, 21, page.TEXT_WIDTH_MM - 125),
            align=("center", "left", "center", "center", "center"),
            bold_rows=frozenset(elected),
        ),
    ]


def _line(result: Result, cid: str, number: int) -> Para:
    line = next(c for c in result.candidates if c.id == cid)
    return _item(
        ELECTED_LINE.format(
            number=number,
            name=line.name,
            votes=number_vi(line.votes),
            base=number_vi(result.base_count),
            percent=percent_vi(line.percent),
        )
    )


def _conclusion(election: Election, result: Result) -> list[Block]:
    statute = election.profile.statute
    names = {c.id: c.name for c in result.candidates}
    votes = {c.id: c.votes for c in result.candidates}
    out: list[Block] = [Para(SECTION_CONCLUSION, bold=True, before=6, keep_with_next=True)]
    if result.elected:
        if result.for_alternates:
            one, many = ELECTED_INTRO_ALTERNATES_ONE, ELECTED_INTRO_ALTERNATES
        else:
            one, many = ELECTED_INTRO_ONE, ELECTED_INTRO
        intro = one if len(result.elected) == 1 else many
        out.append(Para(intro.format(statute=statute), indent_mm=_ITEM_MM, keep_with_next=True))
        out.extend(_line(result, cid, n) for n, cid in enumerate(result.elected, start=1))
    elif result.tie_revote:
        who = NONE_ELECTED_REVOTE_ALTERNATE if result.for_alternates else NONE_ELECTED_REVOTE_SEAT
        out.append(Para(NONE_ELECTED_REVOTE.format(who=who), indent_mm=_ITEM_MM))
    else:
        none = NONE_ELECTED_ALTERNATES if result.for_alternates else NONE_ELECTED
        out.append(Para(none.format(statute=statute), indent_mm=_ITEM_MM))
    if result.alternates:
        out.append(Para(ALTERNATES_INTRO, indent_mm=_ITEM_MM, before=2, keep_with_next=True))
        out.extend(_line(result, cid, n) for n, cid in enumerate(result.alternates, start=1))
    tie = result.tie
    if tie is not None and (result.outcome == TIE or tie.alternates):
        tied = [names[c] for c in tie.candidates]
        joined = ", ".join(tied[:-1]) + " và " + tied[-1] if len(tied) > 1 else tied[0]
        template = REVOTE_TIE_TEXT if result.tie_revote else TIE_TEXT
        alternate_places = tie.alternates or result.for_alternates
        text = template.format(
            names=joined,
            votes=number_vi(votes[tie.candidates[0]]),
            seats=number_vi(tie.seats),
            what=TIE_ALTERNATE_SEATS if alternate_places else TIE_SEATS,
        )
        out.append(Para(text, indent_mm=_ITEM_MM, before=2))
    if result.outcome == SHORT:
        text = SHORT_TEXT.format(
            elected=number_vi(len(result.elected)),
            seats=number_vi(result.seats),
            unfilled=number_vi(result.unfilled),
        )
        out.append(Para(text, indent_mm=_ITEM_MM, before=2))
    notes = _notes(result)
    if notes:
        out.append(
            Para(NOTES_INTRO, italic=True, indent_mm=_ITEM_MM, before=4, keep_with_next=True)
        )
        out.extend(_item("- " + s, italic=True) for s in notes)
    return out


def _notes(result: Result) -> list[str]:
    """Return the counting engine's explanation, less what the minutes already print.

    ``counting.explain`` gives, in order: the ballot figures (section I here), the threshold
    (section II), the elected, the outcome, the alternates; the lists of the elected and of
    the alternates are in the conclusion.
    """
    printed = (
        EXPLAIN_ELECTED.split("{")[0],
        EXPLAIN_ELECTED_ALTERNATES.split("{")[0],
        EXPLAIN_ALTERNATES.split("{")[0],
    )
    return [
        for_people(sentence)
        for sentence in result.explanation[2:]
        if not sentence.startswith(printed)
    ]


def _closing(election: Election, context: MinutesContext) -> list[Block]:
    upper_level = UPPER_LEVEL.get(election.profile.name, UPPER_LEVEL_OTHER)
    # The closing lines stay on the page of the signatures.
    out: list[Block] = [
        Para(
            COPIES.format(upper_level=upper_level),
            indent_mm=_ITEM_MM,
            before=6,
            keep_with_next=True,
        )
    ]
    closed = context.closed
    if closed is not None and context.when is not None and closed.date() == context.when.date():
        closing = CLOSING_SAME_DAY.format(time=_time(closed))
    else:
        date = date_vi(closed) if closed else BLANK_DATE
        closing = CLOSING.format(time=_time(closed), date=date)
    out.append(Para(closing, indent_mm=_ITEM_MM, keep_with_next=True))
    if context.digest:
        out.append(
            Para(
                DIGEST.format(digest=context.digest),
                align="left",
                size=11,
                indent_mm=_ITEM_MM,
                keep_with_next=True,
                css_class="digest",
            )
        )
    note = context.homomorphic
    if note is not None:
        out.append(
            Para(
                HOMOMORPHIC.format(
                    ballots=note.ballots,
                    members=len(note.members),
                    holders=note.holders,
                    indexes=", ".join(str(m) for m in note.members),
                    final=note.final,
                )
                if note.ballots
                else HOMOMORPHIC_EMPTY.format(final=note.final),
                align="left",
                size=11,
                indent_mm=_ITEM_MM,
                keep_with_next=True,
                css_class="digest",
            )
        )
    if note is not None and note.left_out:
        out.append(
            Para(
                HOMOMORPHIC_LEFT_OUT.format(names=", ".join(note.left_out)),
                align="left",
                size=11,
                indent_mm=_ITEM_MM,
                keep_with_next=True,
                css_class="digest",
            )
        )
    members = tuple(m.name for m in context.committee if not m.is_chair)
    chairs = tuple(m.name for m in context.committee if m.is_chair)
    out.append(
        Signatures(
            left=Signer(SIGN_MEMBERS, names=members),
            right=Signer(SIGN_CHAIR, names=chairs),
        )
    )
    return out
