"""Rules the presidium applies in the hall: quorum, show of hands, the list's surplus, sizes.

Every function is pure and returns an immutable result whose Vietnamese message the screen and
the minutes print as is. Thresholds are whole-number comparisons (``rules.md``, preamble). The
checks of a plan (sizes, delegates, guests) return every rule they looked at as a ``Check``, so
a screen can show all problems at once; ``problems`` keeps the failed ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from daihoi.rules.numbers import number_vi, percent_vi
from daihoi.rules.profiles import Profile

Level = Literal["error", "warning"]

# Where each rule comes from: rules.md clause and source tag, printed beside a failed check.
RULE_QUORUM = "rules.md §1.1 [verified-old: S1, S2]"
RULE_SHOW_OF_HANDS = "rules.md §2.1 [unverified: mặc định quá 1/2 số có mặt]"
RULE_ENOUGH_NAMES = "rules.md §2.2 mục 6, §2.4"
RULE_SURPLUS_PARTY = "rules.md §3.2 [verified: S17, S21]"
RULE_SURPLUS_SETTING = "rules.md §2.2 mục 6 [unverified: thiết lập]"
RULE_CONGRESS_FORM = "rules.md §1.4 [verified: S7, S9]"
RULE_BCH_SIZE = "rules.md §2.12 [verified: S7]"
RULE_BTV = "rules.md §2.8 [verified: S6, S7]"
RULE_DELEGATES = "rules.md §2.12 [verified: S7]"
RULE_APPOINTED = "rules.md §2.12 [verified: S47]"
RULE_GUESTS = "rules.md §2.12 [verified: S7]"


# --- Messages (Vietnamese, defined once) -------------------------------------------------------

NEGATIVE_COUNT = "Số {what} không được âm (đã nhập {value})."
PRESENT_OVER_SUMMONED = "Số có mặt ({present}) không được lớn hơn số được triệu tập ({summoned})."
VOTES_OVER_PRESENT = (
    "Tổng số tán thành, không tán thành và không biểu quyết ({total}) "
    "không được lớn hơn số {who} có mặt ({present})."
)
PRESENT_OVER_HALL = (
    "Số {who} có mặt: đã nhập {present}, nhưng theo điểm danh hiện chỉ có {in_hall} {who} "
    "có mặt. Nhập số {who} có mặt khi biểu quyết, không quá {in_hall}."
)
NO_SEATS = "Số lượng cần bầu phải từ 1 trở lên (đã nhập {seats})."

QUORUM_REACHED = (
    "Có mặt {present}/{summoned} {who} ({percent}), "
    "đủ điều kiện tiến hành {meeting} (cần ít nhất {needed})."
)
QUORUM_NOT_REACHED = (
    "Có mặt {present}/{summoned} {who} ({percent}), "
    "chưa đủ điều kiện tiến hành {meeting} (cần ít nhất {needed})."
)
QUORUM_NOBODY_SUMMONED = (
    "Chưa có {who} nào được triệu tập, chưa thể tiến hành {meeting}: "
    "nhập danh sách được triệu tập trước."
)

SHOW_OF_HANDS_ADOPTED = (
    "Tán thành {yes}/{present} {who} có mặt ({percent}); không tán thành {no}; "
    "không biểu quyết {abstain}. Được thông qua (cần ít nhất {needed} {who} tán thành)."
)
SHOW_OF_HANDS_REJECTED = (
    "Tán thành {yes}/{present} {who} có mặt ({percent}); không tán thành {no}; "
    "không biểu quyết {abstain}. Không được thông qua (cần ít nhất {needed} {who} tán thành)."
)
SHOW_OF_HANDS_NOBODY_PRESENT = "Không có {who} nào có mặt: không thể biểu quyết."

ENOUGH_NAMES = "Danh sách bầu cử có {candidates} người cho {seats} người cần bầu."
TOO_FEW_NAMES = (
    "Danh sách bầu cử có {candidates} người, ít hơn số lượng cần bầu ({seats}): "
    "cần bổ sung ít nhất {missing} người."
)
SURPLUS_PRESENT = "Danh sách có số dư {surplus} người."
SURPLUS_MISSING = (
    "Danh sách bầu cử phải có số dư: cần nhiều hơn {seats} người (hiện có {candidates})."
)
SURPLUS_WITHIN_MAX = "Số dư {surplus} người, trong giới hạn tối đa {max_surplus} người ({limit})."
SURPLUS_OVER_MAX = (
    "Danh sách {candidates} người vượt mức tối đa {max_candidates} người cho {seats} người "
    "cần bầu ({limit}): cần bớt {excess} người."
)
SURPLUS_LIMIT_PERCENT = "số dư không quá {percent}% số cần bầu"
SURPLUS_LIMIT_SMALL = "số dư không quá {names} người khi bầu từ 3 đến 5 người"
SURPLUS_UNDER_MIN = (
    "Số dư {surplus} người, dưới mức tối thiểu {min_percent}% số cần bầu "
    "({min_surplus} người): cần bổ sung {missing} người."
)
SURPLUS_WITHIN_MIN = "Số dư {surplus} người, đạt mức tối thiểu {min_percent}% số cần bầu."
SURPLUS_TOO_FEW_SEATS = (
    "Bầu {seats} người: mức số dư tối đa {percent}% không đủ một người, quy chế không nói rõ "
    "trường hợp này; đề nghị đại hội quyết định danh sách."
)

BCH_TOO_SMALL = "{unit} phải có ít nhất {minimum} ủy viên ban chấp hành (đang dự kiến {size})."
BCH_SIZE_OK = "{unit} có {members} đoàn viên: ban chấp hành {size} người, tối đa {maximum}."
BCH_TOO_LARGE = (
    "{unit} có {members} đoàn viên được bầu ban chấp hành tối đa {maximum} người "
    "({row}); đang dự kiến {size}."
)
BCH_OVER_MEMBERS = "Ban chấp hành ({size} người) không thể nhiều hơn số đoàn viên ({members})."
BCH_NO_TABLE = (
    "Chưa có bảng số lượng ban chấp hành cho {unit}: đối chiếu kế hoạch, hướng dẫn của "
    "công đoàn cấp trên."
)
TO_SIZE = (
    "Tổ công đoàn bầu tổ trưởng và, nếu cần, một tổ phó (1 hoặc 2 người; đang dự kiến {size})."
)
ROW_FROM = "từ {low} đoàn viên trở lên"
ROW_UNDER = "dưới {high} đoàn viên"
ROW_BETWEEN = "từ {low} đến dưới {high} đoàn viên"
ROW_ANY = "mọi quy mô"

BTV_REQUIRED = "Ban chấp hành có {bch} ủy viên (từ 9 trở lên) phải bầu ban thường vụ."
BTV_SIZE_OK = "Ban thường vụ {btv} người, không quá 1/3 của {bch} ủy viên ban chấp hành."
BTV_TOO_LARGE = (
    "Ban thường vụ tối đa {maximum} người (không quá 1/3 của {bch} ủy viên ban chấp hành); "
    "đang dự kiến {btv}."
)
BTV_NOT_USED = "Ban chấp hành có {bch} ủy viên (dưới 9) không bầu ban thường vụ."
BTV_NOT_ALLOWED = (
    "Ban chấp hành có {bch} ủy viên (dưới 9) không bầu ban thường vụ; đang dự kiến {btv} người."
)

FORM_OK = "{members} đoàn viên: tổ chức {form}."
FORM_MUST_BE_DELEGATES = (
    "Có {members} đoàn viên (từ 200 trở lên): phải tổ chức đại hội đại biểu, "
    "không tổ chức đại hội toàn thể."
)
FORM_DELEGATES_NEED_APPROVAL = (
    "Có {members} đoàn viên (dưới 200): tổ chức đại hội đại biểu chỉ khi đoàn viên phân tán, "
    "lưu động và được công đoàn cấp trên đồng ý."
)

DELEGATES_NO_TABLE = (
    "Chưa có quy định số đại biểu tối đa cho {unit}: đối chiếu kế hoạch của công đoàn cấp trên."
)
DELEGATES_ENOUGH = (
    "Triệu tập {official} đại biểu chính thức, đạt ít nhất một nửa số tối đa ({maximum})."
)
DELEGATES_TOO_FEW = (
    "Triệu tập {official} đại biểu chính thức, ít hơn một nửa số tối đa {maximum}: "
    "cần ít nhất {minimum}."
)
DELEGATES_WITHIN_MAX = "{official} đại biểu chính thức, không quá số tối đa {maximum} ({unit})."
DELEGATES_OVER_APPROVED = (
    "{official} đại biểu chính thức, vượt số tối đa {maximum}: đã được công đoàn cấp trên "
    "đồng ý, trong mức vượt không quá 10% ({cap})."
)
DELEGATES_OVER_NEEDS_APPROVAL = (
    "{official} đại biểu chính thức, vượt số tối đa {maximum} ({unit}): cần công đoàn cấp trên "
    "đồng ý, và không quá {cap}."
)
DELEGATES_OVER_CAP = (
    "{official} đại biểu chính thức, vượt quá {cap} (số tối đa {maximum} cộng 10%), "
    "kể cả khi công đoàn cấp trên đồng ý."
)
DELEGATES_OVER_MEMBERS = "Số đại biểu ({official}) không thể nhiều hơn số đoàn viên ({members})."

APPOINTED_OK = (
    "Đại biểu chỉ định {appointed} người ({percent} số đại biểu chính thức), "
    "không quá 5% ({maximum} người)."
)
APPOINTED_TOO_MANY = (
    "Đại biểu chỉ định {appointed} người ({percent} số đại biểu chính thức), "
    "vượt mức 5% ({maximum} người)."
)
GUESTS_OK = "Khách mời {guests} người ({percent} số {who}), không quá {limit}% ({maximum} người)."
GUESTS_TOO_MANY = (
    "Khách mời {guests} người ({percent} số {who}), vượt mức {limit}% ({maximum} người)."
)


# --- Results -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    """One rule applied to a plan: whether it holds, how serious a failure is, and why."""

    ok: bool
    level: Level  # what a failure means: "error" blocks, "warning" asks for a decision
    message: str
    rule: str


def problems(checks: Iterable[Check]) -> list[Check]:
    """Keep the checks that failed, errors first."""
    failed = [check for check in checks if not check.ok]
    return sorted(failed, key=lambda check: check.level != "error")


@dataclass(frozen=True)
class QuorumResult:
    reached: bool
    needed: int  # the least number present that reaches the quorum
    present: int
    summoned: int
    message: str


@dataclass(frozen=True)
class Decision:
    adopted: bool
    yes: int
    no: int
    abstain: int
    present: int
    needed: int  # the least number of "yes" that adopts
    message: str


class ShowOfHandsError(ValueError):
    """A show of hands whose figures cannot be true; ``field`` names the figure at fault."""

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.field = field


def _require_counts(counts: dict[str, int]) -> None:
    for what, value in counts.items():
        if value < 0:
            raise ValueError(NEGATIVE_COUNT.format(what=what, value=value))


# --- 1. Quorum ---------------------------------------------------------------------------------


def quorum(
    present: int,
    summoned: int,
    profile: Profile,
    *,
    who: str = "đại biểu",
    meeting: str = "đại hội",
) -> QuorumResult:
    """Tell whether enough of those summoned are present to hold the congress or conference.

    rules.md §1.1 [verified-old: S1 (Điều lệ 2020 Điều 10 k1), S2]: at least 2/3 of those
    summoned (``3*present >= 2*summoned``), the share being ``profile.quorum``; §1.2: without
    it the congress may not proceed. ``who`` and ``meeting`` name the people and the meeting in
    the message ("đoàn viên" / "đại hội" for a members' congress, "ủy viên" / "hội nghị" for a
    committee meeting).
    """
    _require_counts({f"{who} có mặt": present, f"{who} được triệu tập": summoned})
    if present > summoned:
        raise ValueError(PRESENT_OVER_SUMMONED.format(present=present, summoned=summoned))
    share = profile.quorum
    needed = -(-share.numerator * summoned // share.denominator)
    if summoned == 0:
        message = QUORUM_NOBODY_SUMMONED.format(who=who, meeting=meeting)
        return QuorumResult(False, needed, present, summoned, message)
    reached = share.reached_by(present, summoned, strictly=False)
    template = QUORUM_REACHED if reached else QUORUM_NOT_REACHED
    message = template.format(
        present=number_vi(present),
        summoned=number_vi(summoned),
        who=who,
        percent=percent_vi(present, summoned),
        meeting=meeting,
        needed=number_vi(needed),
    )
    return QuorumResult(reached, needed, present, summoned, message)


# --- 2. Show of hands --------------------------------------------------------------------------


def show_of_hands(
    yes: int,
    no: int,
    abstain: int,
    present: int,
    profile: Profile,
    *,
    who: str = "đại biểu",
    in_hall: int | None = None,
) -> Decision:
    """Decide a show-of-hands vote: adopted with more than the profile's share of those present.

    rules.md §2.1 [unverified]: approving organs, the number and the list are shows of hands;
    the majority is not stated, so it is ``profile.show_of_hands``, by default more than half of
    those present (``2*yes > present``). Those present who raise no hand count against.
    ``in_hall``: those the check-in counts as present now; nobody can be present at the vote
    who is not in the hall, so ``present`` above it is refused (rules.md §1.5: the figures are
    taken per vote).
    """
    _require_counts(
        {"tán thành": yes, "không tán thành": no, "không biểu quyết": abstain, "có mặt": present}
    )
    if in_hall is not None and present > in_hall:
        raise ShowOfHandsError(
            PRESENT_OVER_HALL.format(present=present, in_hall=in_hall, who=who), field="present"
        )
    total = yes + no + abstain
    if total > present:
        raise ShowOfHandsError(
            VOTES_OVER_PRESENT.format(total=total, who=who, present=present), field="yes"
        )
    share = profile.show_of_hands
    needed = share.numerator * present // share.denominator + 1
    if present == 0:
        message = SHOW_OF_HANDS_NOBODY_PRESENT.format(who=who)
        return Decision(False, yes, no, abstain, present, needed, message)
    adopted = share.reached_by(yes, present, strictly=True)
    template = SHOW_OF_HANDS_ADOPTED if adopted else SHOW_OF_HANDS_REJECTED
    message = template.format(
        yes=number_vi(yes),
        present=number_vi(present),
        who=who,
        percent=percent_vi(yes, present),
        no=number_vi(no),
        abstain=number_vi(abstain),
        needed=number_vi(needed),
    )
    return Decision(adopted, yes, no, abstain, present, needed, message)


# --- 3. Surplus of the candidate list ----------------------------------------------------------

_SMALL_COMMITTEE = range(3, 6)


def max_surplus(seats: int, profile: Profile) -> int | None:
    """Return how many names the list may have beyond the seats; None when there is no limit.

    rules.md §3.2 [verified: S17 (190-QĐ/TW Điều 14), S21]: Party at most 30% of the seats,
    committees of 3-5 at most one name; §2.2 item 6 [unverified]: union and Youth Union, a
    setting with no limit by default.
    """
    if seats < 1:
        raise ValueError(NO_SEATS.format(seats=seats))
    if profile.small_committee_max_surplus is not None and seats in _SMALL_COMMITTEE:
        return profile.small_committee_max_surplus
    if profile.max_surplus_percent is None:
        return None
    return profile.max_surplus_percent * seats // 100


def max_candidates(seats: int, profile: Profile) -> int | None:
    """Return the most names the list may hold for this many seats (rules.md §3.2, T11)."""
    surplus = max_surplus(seats, profile)
    return None if surplus is None else seats + surplus


def _surplus_limit_text(seats: int, profile: Profile) -> str:
    if profile.small_committee_max_surplus is not None and seats in _SMALL_COMMITTEE:
        return SURPLUS_LIMIT_SMALL.format(names=profile.small_committee_max_surplus)
    return SURPLUS_LIMIT_PERCENT.format(percent=profile.max_surplus_percent)


def check_surplus(candidates: int, seats: int, profile: Profile) -> list[Check]:
    """Check the size of the candidate list against the seats and the profile's surplus rules.

    rules.md §2.2 item 6 and §2.4: a list shorter than the seats cannot fill them (error).
    §3.2 [verified: S17, S21], Party: the list must exceed the seats, by at most 30% (3-5
    seats: one name); errors. §2.2 item 6 [unverified], union and Youth Union:
    ``min_surplus_percent`` / ``max_surplus_percent`` settings, warnings, no limit by default.
    """
    _require_counts({"người trong danh sách": candidates})
    if seats < 1:
        raise ValueError(NO_SEATS.format(seats=seats))
    if candidates < seats:
        message = TOO_FEW_NAMES.format(
            candidates=candidates, seats=seats, missing=seats - candidates
        )
        return [Check(False, "error", message, RULE_ENOUGH_NAMES)]
    checks = [
        Check(
            True,
            "error",
            ENOUGH_NAMES.format(candidates=candidates, seats=seats),
            RULE_ENOUGH_NAMES,
        )
    ]
    level: Level = "error" if profile.surplus_binding else "warning"
    rule = RULE_SURPLUS_PARTY if profile.surplus_binding else RULE_SURPLUS_SETTING
    surplus = candidates - seats
    most = max_surplus(seats, profile)

    if profile.surplus_required and most == 0:
        # A percentage of one or two seats is less than one name: the rules leave it open.
        message = SURPLUS_TOO_FEW_SEATS.format(seats=seats, percent=profile.max_surplus_percent)
        return [*checks, Check(False, "warning", message, rule)]

    if profile.surplus_required:
        ok = surplus > 0
        message = (
            SURPLUS_PRESENT.format(surplus=surplus)
            if ok
            else SURPLUS_MISSING.format(seats=seats, candidates=candidates)
        )
        checks.append(Check(ok, level, message, rule))

    minimum = profile.min_surplus_percent
    if minimum > 0:
        least = -(-minimum * seats // 100)
        ok = 100 * surplus >= minimum * seats
        if ok:
            message = SURPLUS_WITHIN_MIN.format(surplus=surplus, min_percent=minimum)
        else:
            message = SURPLUS_UNDER_MIN.format(
                surplus=surplus, min_percent=minimum, min_surplus=least, missing=least - surplus
            )
        checks.append(Check(ok, level, message, rule))

    if most is not None:
        limit = _surplus_limit_text(seats, profile)
        if surplus <= most:
            message = SURPLUS_WITHIN_MAX.format(surplus=surplus, max_surplus=most, limit=limit)
            checks.append(Check(True, level, message, rule))
        else:
            message = SURPLUS_OVER_MAX.format(
                candidates=candidates,
                max_candidates=seats + most,
                seats=seats,
                limit=limit,
                excess=surplus - most,
            )
            checks.append(Check(False, level, message, rule))
    return checks


# --- 4. Sizes and quotas of the 2025 round (KH 22/KH-TLĐ) --------------------------------------


class UnitLevel(StrEnum):
    """The kinds of union unit whose sizes KH 22/KH-TLĐ sets (rules.md §2.12, §7.1)."""

    CO_SO = "co-so"  # công đoàn cơ sở, nghiệp đoàn cơ sở
    CO_SO_THANH_VIEN = "co-so-thanh-vien"
    BO_PHAN = "bo-phan"
    TO = "to"
    XA_PHUONG = "xa-phuong"  # công đoàn xã, phường, đặc khu
    TAP_DOAN = "tap-doan"  # công đoàn tập đoàn, tổng công ty trực thuộc Tổng Liên đoàn
    TINH = "tinh"  # liên đoàn lao động tỉnh, thành phố; công đoàn ngành trung ương


UNIT_LABELS: dict[UnitLevel, str] = {
    UnitLevel.CO_SO: "Công đoàn cơ sở",
    UnitLevel.CO_SO_THANH_VIEN: "Công đoàn cơ sở thành viên",
    UnitLevel.BO_PHAN: "Công đoàn bộ phận",
    UnitLevel.TO: "Tổ công đoàn",
    UnitLevel.XA_PHUONG: "Công đoàn xã, phường, đặc khu",
    UnitLevel.TAP_DOAN: "Công đoàn tập đoàn, tổng công ty",
    UnitLevel.TINH: "Liên đoàn lao động tỉnh, công đoàn ngành trung ương",
}


class CongressForm(StrEnum):
    TOAN_THE = "toan-the"
    DAI_BIEU = "dai-bieu"


FORM_LABELS: dict[CongressForm, str] = {
    CongressForm.TOAN_THE: "đại hội toàn thể",
    CongressForm.DAI_BIEU: "đại hội đại biểu",
}

# rules.md §2.12 [verified: S7]: BCH of a CĐCS / nghiệp đoàn cơ sở by members, from 3 to 25.
# Each row: (members from, at most this many BCH members); a row holds up to the next one.
CO_SO_BCH_TABLE: tuple[tuple[int, int], ...] = (
    (0, 3),
    (50, 5),
    (150, 9),
    (500, 11),
    (1_000, 13),
    (3_000, 15),
    (7_000, 17),
    (10_000, 19),
    (15_000, 21),
    (20_000, 23),
    (25_000, 25),
)
CO_SO_BCH_MIN = 3
# Levels with one maximum whatever their size; tổ công đoàn: tổ trưởng and, if needed, tổ phó.
FLAT_BCH_MAX: dict[UnitLevel, int] = {
    UnitLevel.CO_SO_THANH_VIEN: 15,
    UnitLevel.BO_PHAN: 7,
    UnitLevel.TO: 2,
    UnitLevel.TAP_DOAN: 27,
}
# Provincial (15...45 by size) and xã/phường tables are not in rules.md: no maximum here.

# rules.md §2.8 [verified: S6, S7]: a BTV from 9 BCH members, of at most 1/3 of the BCH.
BTV_FROM_BCH = 9

# rules.md §1.4 [verified: S7]: đại hội đại biểu from 200 members.
DELEGATE_CONGRESS_FROM = 200

# rules.md §2.12 [verified: S7]: most official delegates, rows as for the BCH table.
GRASSROOTS_DELEGATE_TABLE: tuple[tuple[int, int], ...] = ((0, 150), (5_000, 200))
XA_PHUONG_DELEGATE_TABLE: tuple[tuple[int, int], ...] = ((0, 100), (2_000, 150), (5_000, 200))
DELEGATE_TABLES: dict[UnitLevel, tuple[tuple[int, int], ...]] = {
    UnitLevel.CO_SO: GRASSROOTS_DELEGATE_TABLE,
    UnitLevel.CO_SO_THANH_VIEN: GRASSROOTS_DELEGATE_TABLE,
    UnitLevel.BO_PHAN: GRASSROOTS_DELEGATE_TABLE,
    UnitLevel.XA_PHUONG: XA_PHUONG_DELEGATE_TABLE,
    UnitLevel.TAP_DOAN: ((0, 200),),
}
# Over the maximum: with the upper level's consent, by at most 10%.
DELEGATES_OVER_PERCENT = 10

APPOINTED_MAX_PERCENT = 5  # rules.md §2.12 [verified: S47]; Youth Union §4.5 [verified: S23]
GUESTS_MAX_PERCENT = 15  # grassroots, xã/phường/đặc khu, tập đoàn (rules.md §2.12)
GUESTS_MAX_PERCENT_PROVINCIAL = 30  # provincial and ngành trung ương


def _row(table: tuple[tuple[int, int], ...], members: int) -> int:
    """Return the index of the table row holding this many members."""
    index = 0
    for i, (low, _) in enumerate(table):
        if members >= low:
            index = i
    return index


def _row_text(table: tuple[tuple[int, int], ...], index: int) -> str:
    low = table[index][0]
    high = table[index + 1][0] if index + 1 < len(table) else None
    if high is None:
        return ROW_FROM.format(low=number_vi(low)) if low else ROW_ANY
    if low == 0:
        return ROW_UNDER.format(high=number_vi(high))
    return ROW_BETWEEN.format(low=number_vi(low), high=number_vi(high))


def max_bch_size(members: int, unit_kind: UnitLevel) -> int | None:
    """Return the largest BCH the unit may elect; None where rules.md has no table.

    rules.md §2.12 [verified: S7 (KH 22/KH-TLĐ)]: CĐCS / nghiệp đoàn cơ sở 3 to 25 by members;
    CĐCS thành viên 15; công đoàn bộ phận 7; tổ công đoàn tổ trưởng and tổ phó; tập đoàn 27.
    """
    _require_counts({"đoàn viên": members})
    if unit_kind == UnitLevel.CO_SO:
        return CO_SO_BCH_TABLE[_row(CO_SO_BCH_TABLE, members)][1]
    return FLAT_BCH_MAX.get(unit_kind)


def min_bch_size(unit_kind: UnitLevel) -> int:
    """Return the smallest BCH the unit may elect (rules.md §2.12 [verified: S7]: CĐCS from 3)."""
    return CO_SO_BCH_MIN if unit_kind == UnitLevel.CO_SO else 1


def check_bch_size(size: int, members: int, unit_kind: UnitLevel) -> list[Check]:
    """Check a planned BCH size against the unit's members (rules.md §2.12 [verified: S7])."""
    _require_counts({"ủy viên ban chấp hành": size, "đoàn viên": members})
    unit = UNIT_LABELS[unit_kind]
    smallest = min_bch_size(unit_kind)
    largest = max_bch_size(members, unit_kind)
    checks: list[Check] = []
    if unit_kind == UnitLevel.TO:
        ok = smallest <= size <= FLAT_BCH_MAX[UnitLevel.TO]
        checks.append(Check(ok, "error", TO_SIZE.format(size=size), RULE_BCH_SIZE))
    else:
        if size < smallest:
            message = BCH_TOO_SMALL.format(unit=unit, minimum=smallest, size=size)
            checks.append(Check(False, "error", message, RULE_BCH_SIZE))
        if largest is None:
            message = BCH_NO_TABLE.format(unit=unit.lower())
            checks.append(Check(False, "warning", message, RULE_BCH_SIZE))
        elif size > largest:
            row = ROW_ANY
            if unit_kind == UnitLevel.CO_SO:
                row = _row_text(CO_SO_BCH_TABLE, _row(CO_SO_BCH_TABLE, members))
            message = BCH_TOO_LARGE.format(
                unit=unit, members=number_vi(members), maximum=largest, row=row, size=size
            )
            checks.append(Check(False, "error", message, RULE_BCH_SIZE))
        elif size >= smallest:
            message = BCH_SIZE_OK.format(
                unit=unit, members=number_vi(members), size=size, maximum=largest
            )
            checks.append(Check(True, "error", message, RULE_BCH_SIZE))
    if size > members:
        message = BCH_OVER_MEMBERS.format(size=size, members=number_vi(members))
        checks.append(Check(False, "error", message, RULE_BCH_SIZE))
    return checks


def btv_required(bch_size: int) -> bool:
    """Tell whether the BCH elects a ban thường vụ (rules.md §2.8 [verified: S6]: from 9)."""
    return bch_size >= BTV_FROM_BCH


def max_btv_size(bch_size: int) -> int:
    """Return the largest BTV for this BCH: a third of it from 9 members, else none.

    rules.md §2.8 [verified: S6 (Điều lệ XIII Điều 13 k7), S7 (KH 22 B.2)].
    """
    return bch_size // 3 if btv_required(bch_size) else 0


def check_btv(bch_size: int, btv_size: int) -> list[Check]:
    """Check the planned BTV: required from 9 BCH members, at most 1/3 of the BCH, else none.

    rules.md §2.8 [verified: S6 (Điều lệ XIII Điều 13 k7 item 6), S7 (KH 22 B.2)].
    """
    _require_counts({"ủy viên ban chấp hành": bch_size, "ủy viên ban thường vụ": btv_size})
    if not btv_required(bch_size):
        if btv_size == 0:
            return [Check(True, "error", BTV_NOT_USED.format(bch=bch_size), RULE_BTV)]
        message = BTV_NOT_ALLOWED.format(bch=bch_size, btv=btv_size)
        return [Check(False, "error", message, RULE_BTV)]
    checks = [Check(btv_size > 0, "error", BTV_REQUIRED.format(bch=bch_size), RULE_BTV)]
    if 3 * btv_size <= bch_size:
        message = BTV_SIZE_OK.format(btv=btv_size, bch=bch_size)
        checks.append(Check(True, "error", message, RULE_BTV))
    else:
        message = BTV_TOO_LARGE.format(maximum=max_btv_size(bch_size), bch=bch_size, btv=btv_size)
        checks.append(Check(False, "error", message, RULE_BTV))
    return checks


def congress_form(members: int) -> CongressForm:
    """Return the form of congress a CĐCS, CĐCS thành viên or công đoàn bộ phận holds.

    rules.md §1.4 [verified: S7 (KH 22/KH-TLĐ), S9]: đại hội đại biểu from 200 members,
    đại hội toàn thể below.
    """
    _require_counts({"đoàn viên": members})
    if members >= DELEGATE_CONGRESS_FROM:
        return CongressForm.DAI_BIEU
    return CongressForm.TOAN_THE


def check_congress_form(form: CongressForm, members: int) -> list[Check]:
    """Check a chosen form of congress against the members (rules.md §1.4 [verified: S7]).

    From 200 members a toàn thể congress is an error; below 200 a delegates' congress needs the
    upper level's consent (dispersed or mobile members), a warning.
    """
    expected = congress_form(members)
    if form == expected:
        message = FORM_OK.format(members=number_vi(members), form=FORM_LABELS[form])
        return [Check(True, "error", message, RULE_CONGRESS_FORM)]
    if expected == CongressForm.DAI_BIEU:
        message = FORM_MUST_BE_DELEGATES.format(members=number_vi(members))
        return [Check(False, "error", message, RULE_CONGRESS_FORM)]
    message = FORM_DELEGATES_NEED_APPROVAL.format(members=number_vi(members))
    return [Check(False, "warning", message, RULE_CONGRESS_FORM)]


def max_delegates(members: int, unit_kind: UnitLevel) -> int | None:
    """Return the most official delegates the unit may summon; None where rules.md has no table.

    rules.md §1.4, §2.12 [verified: S7 (KH 22/KH-TLĐ)]: CĐCS (and its member and section
    unions) 150, 200 from 5,000 members; công đoàn xã/phường/đặc khu 100 / 150 / 200 under
    2,000 / from 2,000 / from 5,000 members; tập đoàn, tổng công ty 200.
    """
    _require_counts({"đoàn viên": members})
    table = DELEGATE_TABLES.get(unit_kind)
    if table is None:
        return None
    return table[_row(table, members)][1]


def min_delegates(members: int, unit_kind: UnitLevel) -> int | None:
    """Return the fewest official delegates to summon: half the maximum, rounded up.

    rules.md §2.12 [verified: S7]: "phải triệu tập ít nhất 1/2 số tối đa".
    """
    most = max_delegates(members, unit_kind)
    return None if most is None else -(-most // 2)


def check_delegates(
    official: int,
    members: int,
    unit_kind: UnitLevel,
    *,
    upper_approved: bool = False,
) -> list[Check]:
    """Check the number of official delegates summoned to a delegates' congress.

    rules.md §2.12 [verified: S7 (KH 22/KH-TLĐ)]: at least half of the maximum; over the
    maximum only with the upper level's consent (``upper_approved``) and by at most 10%.
    """
    _require_counts({"đại biểu chính thức": official, "đoàn viên": members})
    unit = UNIT_LABELS[unit_kind]
    most = max_delegates(members, unit_kind)
    checks: list[Check] = []
    if most is None:
        message = DELEGATES_NO_TABLE.format(unit=unit.lower())
        checks.append(Check(False, "warning", message, RULE_DELEGATES))
    else:
        least = -(-most // 2)
        values = {"official": number_vi(official), "maximum": number_vi(most), "unit": unit}
        if 2 * official >= most:
            checks.append(Check(True, "error", DELEGATES_ENOUGH.format(**values), RULE_DELEGATES))
        else:
            message = DELEGATES_TOO_FEW.format(minimum=number_vi(least), **values)
            checks.append(Check(False, "error", message, RULE_DELEGATES))
        cap = most + most * DELEGATES_OVER_PERCENT // 100
        if official <= most:
            message = DELEGATES_WITHIN_MAX.format(**values)
            checks.append(Check(True, "error", message, RULE_DELEGATES))
        elif official > cap:
            message = DELEGATES_OVER_CAP.format(cap=number_vi(cap), **values)
            checks.append(Check(False, "error", message, RULE_DELEGATES))
        elif upper_approved:
            message = DELEGATES_OVER_APPROVED.format(cap=number_vi(cap), **values)
            checks.append(Check(True, "error", message, RULE_DELEGATES))
        else:
            message = DELEGATES_OVER_NEEDS_APPROVAL.format(cap=number_vi(cap), **values)
            checks.append(Check(False, "error", message, RULE_DELEGATES))
    if official > members:
        message = DELEGATES_OVER_MEMBERS.format(
            official=number_vi(official), members=number_vi(members)
        )
        checks.append(Check(False, "error", message, RULE_DELEGATES))
    return checks


def max_appointed(official: int) -> int:
    """Return the most appointed (chỉ định) delegates: 5% of the official delegates, rounded down.

    rules.md §2.12 [verified: S47]; Youth Union §4.5 [verified: S23].
    """
    return APPOINTED_MAX_PERCENT * official // 100


def check_appointed(appointed: int, official: int) -> list[Check]:
    """Check appointed delegates against 5% of the official ones (rules.md §2.12, S47)."""
    _require_counts({"đại biểu chỉ định": appointed, "đại biểu chính thức": official})
    ok = 100 * appointed <= APPOINTED_MAX_PERCENT * official
    template = APPOINTED_OK if ok else APPOINTED_TOO_MANY
    message = template.format(
        appointed=number_vi(appointed),
        percent=percent_vi(appointed, official),
        maximum=number_vi(max_appointed(official)),
    )
    return [Check(ok, "error", message, RULE_APPOINTED)]


def guests_max_percent(unit_kind: UnitLevel) -> int:
    """Return the guest cap in percent of official delegates (rules.md §2.12 [verified: S7])."""
    if unit_kind == UnitLevel.TINH:
        return GUESTS_MAX_PERCENT_PROVINCIAL
    return GUESTS_MAX_PERCENT


def max_guests(official: int, unit_kind: UnitLevel) -> int:
    """Return the most guests allowed for this many official delegates, rounded down."""
    return guests_max_percent(unit_kind) * official // 100


def check_guests(
    guests: int, official: int, unit_kind: UnitLevel, *, who: str = "đại biểu chính thức"
) -> list[Check]:
    """Check invited guests against their cap (rules.md §2.12 [verified: S7 (KH 22/KH-TLĐ)]).

    ``who`` names those the cap is a share of: the official delegates, or at a toàn thể
    congress the members summoned ("đoàn viên").
    """
    _require_counts({"khách mời": guests, who: official})
    limit = guests_max_percent(unit_kind)
    ok = 100 * guests <= limit * official
    template = GUESTS_OK if ok else GUESTS_TOO_MANY
    message = template.format(
        guests=number_vi(guests),
        percent=percent_vi(guests, official),
        who=who,
        limit=limit,
        maximum=number_vi(max_guests(official, unit_kind)),
    )
    return [Check(ok, "error", message, RULE_GUESTS)]
