"""Rules profiles: the trade union, the Party and the Youth Union count and decide differently.

Each field names the clause of ``rules.md`` it carries. A profile is data, not code: a local
election rule (thể lệ) that differs is a new ``Profile`` built with ``dataclasses.replace``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class BaseKind(StrEnum):
    """What the "more than half" threshold is measured against."""

    COLLECTED = "collected"  # ballots collected, invalid ones included
    VALID = "valid"  # valid ballots only (a local rule; never the default)
    SUMMONED = "summoned"  # members or delegates summoned, after the allowed deductions


@dataclass(frozen=True)
class Fraction:
    """A share as whole numbers, compared without floating point."""

    numerator: int
    denominator: int

    def reached_by(self, part: int, whole: int, *, strictly: bool) -> bool:
        """Tell whether part/whole is at least (or, strictly, more than) this fraction."""
        left = part * self.denominator
        right = self.numerator * whole
        return left > right if strictly else left >= right


@dataclass(frozen=True)
class Profile:
    """The rules one kind of organization applies to its congresses and elections."""

    name: str
    label: str
    # Threshold base: rules.md §2.5 (union), §3.3-3.5 (Party), §4.4 (Youth Union).
    base: BaseKind
    # Every name crossed on a list of more than one name: invalid (rules.md §2.4 item 4,
    # §3.6 "no vote for anyone", §4.4). A single-name list may be crossed: a vote against.
    all_crossed_invalid_on_multi_name_list: bool
    # Quorum: at least this share of those summoned (rules.md §1.1; Party and Youth Union: not
    # found, §3.8, so the same 2/3 as a setting).
    quorum: Fraction
    # Show of hands: more than this share of those present (rules.md §2.1: unverified default).
    show_of_hands: Fraction
    # Candidate-list surplus over seats, in percent (rules.md §2.2 item 6, §3.2). None: no limit.
    min_surplus_percent: int
    max_surplus_percent: int | None
    # Party: committees of 3-5 members may have a surplus of at most one name (rules.md §3.2).
    small_committee_max_surplus: int | None
    # Citation printed in minutes: "căn cứ quy định của ..." (rules.md §8.1).
    statute: str
    # Party: a list without surplus is marked agree / disagree, so crossing every name is a
    # valid vote against all (rules.md §3.6); the invalid "no vote for anyone" needs a surplus.
    all_crossed_valid_without_surplus: bool = False
    # Party: the list must exceed the seats (số dư) (rules.md §3.2).
    surplus_required: bool = False
    # Surplus limits are binding rules (errors) where a source states them (Party, §3.2) and
    # advisory settings (warnings) where none was found (union §2.2 item 6, Youth Union).
    surplus_binding: bool = False
    # Who passes: more than half of the base (§2.5, §3.3-3.5, §4.4), unless a profile sets a
    # share reached "at least" (the emulation council: 80% or 90% of all members, §5.1).
    threshold: Fraction | None = None


CONG_DOAN = Profile(
    name="cong-doan",
    label="Công đoàn",
    base=BaseKind.COLLECTED,
    all_crossed_invalid_on_multi_name_list=True,
    quorum=Fraction(2, 3),
    show_of_hands=Fraction(1, 2),
    min_surplus_percent=0,
    max_surplus_percent=None,
    small_committee_max_surplus=None,
    statute="Điều lệ Công đoàn Việt Nam",
)

DANG = Profile(
    name="dang",
    label="Đảng Cộng sản Việt Nam",
    base=BaseKind.SUMMONED,
    all_crossed_invalid_on_multi_name_list=True,
    quorum=Fraction(2, 3),
    show_of_hands=Fraction(1, 2),
    min_surplus_percent=0,
    max_surplus_percent=30,
    small_committee_max_surplus=1,
    statute="Điều lệ Đảng Cộng sản Việt Nam và Quy chế bầu cử trong Đảng",
    all_crossed_valid_without_surplus=True,
    surplus_required=True,
    surplus_binding=True,
)

DOAN = Profile(
    name="doan",
    label="Đoàn TNCS Hồ Chí Minh",
    base=BaseKind.COLLECTED,
    all_crossed_invalid_on_multi_name_list=True,
    quorum=Fraction(2, 3),
    show_of_hands=Fraction(1, 2),
    min_surplus_percent=0,
    max_surplus_percent=None,
    small_committee_max_surplus=None,
    statute="Điều lệ Đoàn TNCS Hồ Chí Minh",
)

PROFILES: dict[str, Profile] = {p.name: p for p in (CONG_DOAN, DANG, DOAN)}


def council_profile(share: Fraction) -> Profile:
    """Return the profile of an emulation council's secret ballot on proposed names.

    rules.md §5.1 "CSTĐCS approval" [verified: S29 (NĐ 98/2023 Điều 30 k7)]: a name passes
    with at least ``share`` of ALL council members (absent members by written opinion), so the
    base is the council's size (``summoned``) and the share is reached "at least". Each name
    is agreed or not on its own: crossing every name is a valid ballot. Not a congress
    profile, so not in ``PROFILES``.
    """
    return Profile(
        name=COUNCIL_PROFILE,
        label="Hội đồng Thi đua – Khen thưởng",
        base=BaseKind.SUMMONED,
        all_crossed_invalid_on_multi_name_list=False,
        quorum=Fraction(2, 3),
        show_of_hands=Fraction(1, 2),
        min_surplus_percent=0,
        max_surplus_percent=None,
        small_committee_max_surplus=None,
        statute="Luật Thi đua, khen thưởng 2022 và Nghị định 98/2023/NĐ-CP",
        threshold=share,
    )


COUNCIL_PROFILE = "hoi-dong-tdkt"
