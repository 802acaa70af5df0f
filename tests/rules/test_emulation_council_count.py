"""The council's secret ballot counted by the election engine (rules.md §5.1, NĐ 98/2023 Điều 30).

The same ``counting.count`` as congress elections, with the council's profile: the base is the
council's size, a name passes with at least 80% (CSTĐCS) or 90% (higher titles) of it.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from daihoi.rules.counting import ELECTED, NOT_ELECTED, OVER_HALF, SHORT, count, votes_needed
from daihoi.rules.election import Ballot, Tally
from daihoi.rules.emulation import (
    CouncilVote,
    Title,
    council_decides,
    council_election,
)
from daihoi.rules.profiles import CONG_DOAN, PROFILES, Fraction

NOMINEES = (("a", "Lường Danh Vọng"), ("b", "Lò Thị Mai"), ("c", "Tòng Thị Xuân"))


def test_eight_of_ten_members_carry_a_grassroots_fighter() -> None:
    # 10 members; 9 ballots (one absent member sent none): A 8, B 7, C 9.
    election = council_election(
        title=Title.CSTDCS,
        members=10,
        issued=10,
        nominees=NOMINEES,
        tally=Tally(collected=9, invalid=0, votes={"a": 8, "b": 7, "c": 9}),
    )
    result = count(election)
    assert (result.base_count, result.votes_needed) == (10, 8)
    assert result.elected == ("c", "a")
    statuses = {c.id: c.status for c in result.candidates}
    assert statuses == {"a": ELECTED, "b": NOT_ELECTED, "c": ELECTED}
    assert result.outcome == SHORT


def test_a_higher_title_needs_nine_of_ten() -> None:
    election = council_election(
        title=Title.CSTD_PROVINCE,
        members=10,
        issued=10,
        nominees=NOMINEES[:1],
        tally=Tally(collected=10, invalid=0, votes={"a": 8}),
    )
    result = count(election)
    assert result.votes_needed == 9
    assert result.elected == ()


def test_ballots_that_cross_every_name_are_valid_disagreement() -> None:
    # 5 members: 4 ballots agree with A and B, 1 crosses everything: valid, no vote.
    agree = Ballot.keeping("a", "b")
    election = council_election(
        title=Title.CSTDCS,
        members=5,
        issued=5,
        nominees=NOMINEES[:2],
        ballots=[agree, agree, agree, agree, Ballot.keeping()],
    )
    result = count(election)
    assert (result.valid, result.invalid) == (5, 0)
    assert result.votes_needed == 4  # 80% of 5
    assert set(result.elected) == {"a", "b"}
    assert result.outcome == "complete"


def test_golden_council_explanation() -> None:
    election = council_election(
        title=Title.CSTDCS,
        members=9,
        issued=9,
        nominees=NOMINEES[:2],
        tally=Tally(collected=9, invalid=1, votes={"a": 8, "b": 6}),
    )
    assert count(election).explanation == (
        "Số phiếu phát ra: 9; số phiếu thu về: 9; số phiếu hợp lệ: 8; số phiếu không hợp lệ: 1 "
        "(rules.md §2.4).",
        "Người được đề nghị phải được ít nhất 80% tổng số thành viên Hội đồng (9 người, kể cả "
        "thành viên vắng mặt gửi ý kiến bằng văn bản) đồng ý, tức ít nhất 8 phiếu, theo quy định "
        "của Luật Thi đua, khen thưởng 2022 và Nghị định 98/2023/NĐ-CP (rules.md §5.1).",
        "Hội đồng đồng ý đề nghị: Lường Danh Vọng (8 phiếu, 88,89%) (rules.md §5.1).",
        "1 trên 2 người được đề nghị không đủ tỷ lệ phiếu đồng ý: Hội đồng không đề nghị "
        "(rules.md §5.1).",
    )


def test_congress_profiles_keep_more_than_half() -> None:
    assert all(p.threshold is None for p in PROFILES.values())
    assert votes_needed(18) == 10
    assert votes_needed(10, Fraction(4, 5)) == 8
    assert votes_needed(11, Fraction(9, 10)) == 10
    assert CONG_DOAN.threshold is None


@given(st.integers(1, 40), st.sampled_from([Title.CSTDCS, Title.CSTD_NATIONAL]), st.data())
def test_the_counting_engine_agrees_with_the_councils_rule(
    members: int, title: Title, data: st.DataObject
) -> None:
    collected = data.draw(st.integers(0, members))
    yes = data.draw(st.integers(0, collected))
    election = council_election(
        title=title,
        members=members,
        issued=members,
        nominees=NOMINEES[:1],
        tally=Tally(collected=collected, invalid=0, votes={"a": yes}),
    )
    result = count(election)
    # Everyone present voted (no written opinions): the council meets if 2/3 sat.
    verdict = council_decides(
        CouncilVote(title=title, members=members, present=collected, written=0, yes=yes)
    )
    assert result.votes_needed == verdict.votes_needed
    if verdict.quorum:
        assert (result.elected == ("a",)) == verdict.passed
    assert {c.status for c in result.candidates} <= {ELECTED, NOT_ELECTED, OVER_HALF}
