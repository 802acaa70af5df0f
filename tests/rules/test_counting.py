"""Counting one round: the test vectors of rules.md §9 and the awkward cases around them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from election_factory import election, repeat

from daihoi.rules.counting import (
    ALTERNATE,
    COMPLETE,
    ELECTED,
    NOT_ELECTED,
    OVER_HALF,
    SHORT,
    TIE,
    TIED,
    WINS_SEAT,
    Result,
    Tie,
    ballot_validity,
    count,
    percent_of,
    percent_vi,
    result_to_json,
    votes_needed,
)
from daihoi.rules.election import (
    MARKED,
    NONE_KEPT,
    TOO_MANY,
    UNOFFICIAL,
    Candidate,
    Election,
)
from daihoi.rules.profiles import BaseKind


def status(result: Result, cid: str) -> str:
    return next(c.status for c in result.candidates if c.id == cid)


def votes(result: Result, cid: str) -> int:
    return next(c.votes for c in result.candidates if c.id == cid)


# --- rules.md §9 test vectors ----------------------------------------------------------------


def s51_election(a_votes_on_valid: int) -> Election:
    """18 ballots collected, 2 of them invalid; A is kept on ``a_votes_on_valid`` valid ones."""
    valid = repeat("A", a_votes_on_valid) + repeat("B", 16 - a_votes_on_valid)
    return election("AB", seats=1, ballots=[*valid, "!unofficial", "!marked"])


def test_t2_ten_votes_of_eighteen_collected_with_two_invalid_is_elected() -> None:
    # rules.md §9 T2, §2.5: the base is the 18 collected, not the 16 valid; 2*10 > 18.
    result = count(s51_election(10))
    assert (result.collected, result.valid, result.invalid) == (18, 16, 2)
    assert result.base_count == 18
    assert result.votes_needed == 10
    assert status(result, "A") == ELECTED
    assert result.elected == ("A",)


def test_t3_nine_votes_of_eighteen_collected_is_not_elected() -> None:
    # rules.md §9 T3: exactly half is not "more than half".
    result = count(s51_election(9))
    assert votes(result, "A") == 9
    assert status(result, "A") == NOT_ELECTED
    assert result.outcome == SHORT


def test_marks_on_invalid_ballots_are_not_votes_s51_worked_example() -> None:
    # rules.md §2.5 (S51): 10 marks for A, 2 of them on invalid ballots, gives 8 of 18: fails.
    # One mark for A is on a ballot keeping 3 names for 1 seat, one on an unofficial paper.
    ballots = [*repeat("A", 8), *repeat("B", 8), "ABC", "!unofficial"]
    result = count(election("ABC", seats=1, ballots=ballots))
    assert result.invalid_by_reason == {UNOFFICIAL: 1, TOO_MANY: 1}
    assert votes(result, "A") == 8
    assert status(result, "A") == NOT_ELECTED


def test_t4_keeping_four_names_for_three_seats_is_invalid() -> None:
    # rules.md §9 T4, §2.4 item 2.
    e = election("ABCDE", seats=3, ballots=["ABCD"])
    assert ballot_validity(e.ballots[0], e) == TOO_MANY


def test_t5_keeping_one_name_for_three_seats_is_valid() -> None:
    # rules.md §9 T5, §2.4 "Valid": fewer names than seats is a valid ballot.
    e = election("ABCDE", seats=3, ballots=["A"])
    assert ballot_validity(e.ballots[0], e) is None


def test_t6_crossing_the_only_name_is_a_valid_vote_against() -> None:
    # rules.md §9 T6, §2.4 item 4 (S4).
    e = election("A", seats=1, ballots=["", "A", "A"])
    assert ballot_validity(e.ballots[0], e) is None
    result = count(e)
    assert (result.valid, result.invalid) == (3, 0)
    assert votes(result, "A") == 2
    assert status(result, "A") == ELECTED  # 2*2 > 3


def test_t7_crossing_all_three_names_is_invalid() -> None:
    # rules.md §9 T7, §2.4 item 4.
    e = election("ABC", seats=2, ballots=[""])
    assert ballot_validity(e.ballots[0], e) == NONE_KEPT


def test_t8_a_name_with_only_the_family_name_struck_counts_for_when_entered_as_kept() -> None:
    # rules.md §9 T8, §2.4 counting edge cases: the committee reads such a line as not crossed
    # and enters the name in "kept"; the engine then counts it as a vote for.
    result = count(election("AB", seats=1, ballots=["A", "A", "B"]))
    assert votes(result, "A") == 2


def test_t9_tie_across_the_last_seat_goes_to_the_congress() -> None:
    # rules.md §9 T9, §2.6: A, B elected; C/D tied for the third seat, congress decides.
    tally = (20, 0, {"A": 15, "B": 12, "C": 11, "D": 11})
    result = count(election("ABCD", seats=3, tally=tally))
    assert result.outcome == TIE
    assert result.elected == ("A", "B")
    assert result.tie == Tie(candidates=("C", "D"), seats=1)
    assert [c.status for c in result.candidates] == [ELECTED, ELECTED, TIED, TIED]
    assert result.unfilled == 0
    assert any("§2.6" in sentence for sentence in result.explanation)


def test_t10_party_chi_bo_five_of_ten_is_not_elected() -> None:
    # rules.md §9 T10, §3.5 (S16): 11 official members, 1 absent with an approved reason, so
    # 10 summoned after deductions; 5 votes of 10 is not more than half: 6 are needed.
    ballots = [*repeat("A", 5), *repeat("B", 5)]
    result = count(election("AB", seats=1, profile="dang", summoned=10, ballots=ballots))
    assert result.base_kind is BaseKind.SUMMONED
    assert result.base_count == 10
    assert result.votes_needed == 6
    assert status(result, "A") == NOT_ELECTED
    assert result.outcome == SHORT


def test_t12_alternates_are_the_next_two_above_half_in_vote_order() -> None:
    # rules.md §9 T12, §2.10 method (b): officials are the top 5; the next two with more than
    # half become alternates 1 and 2 by votes.
    votes_by_id = {"A": 30, "B": 29, "C": 28, "D": 27, "E": 26, "F": 22, "G": 24, "H": 20}
    tally = (40, 0, votes_by_id)
    result = count(election("ABCDEFGH", seats=5, alternates=2, tally=tally))
    assert result.outcome == COMPLETE
    assert result.elected == ("A", "B", "C", "D", "E")
    assert result.alternates == ("G", "F")
    assert status(result, "G") == ALTERNATE
    assert status(result, "H") == NOT_ELECTED  # 20 of 40 is exactly half


# --- the threshold ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("base", "needed"), [(0, 1), (1, 1), (2, 2), (9, 5), (10, 6), (18, 10), (40, 21), (1100, 551)]
)
def test_votes_needed_is_the_least_whole_number_over_half(base: int, needed: int) -> None:
    # rules.md preamble: "quá 1/2" is 2*votes > base. 5 of 9 (not 6: the OpenSlides bug).
    assert votes_needed(base) == needed


def test_exactly_half_is_not_elected() -> None:
    # rules.md §2.5: strictly more than half.
    result = count(election("AB", seats=1, tally=(20, 0, {"A": 10, "B": 10})))
    assert result.elected == ()
    assert result.outcome == SHORT
    assert result.unfilled == 1


def test_union_candidate_wins_on_low_turnout_where_the_party_would_not() -> None:
    # rules.md §3 "Key difference": union base = collected, Party base = summoned.
    ballots = [*repeat("A", 6), *repeat("B", 4)]
    union = count(election("AB", seats=1, summoned=20, ballots=ballots))
    party = count(election("AB", seats=1, profile="dang", summoned=20, ballots=ballots))
    assert union.elected == ("A",)
    assert party.elected == ()


def test_a_file_may_measure_against_valid_ballots() -> None:
    # rules.md §2.5: base "valid" is a local rule (a setting, never the default).
    ballots = [*repeat("A", 9), *repeat("B", 7), "!unofficial", "!unofficial"]
    collected = count(election("AB", seats=1, ballots=ballots))
    valid = count(election("AB", seats=1, ballots=ballots, base=BaseKind.VALID))
    assert collected.elected == ()  # 9 of 18
    assert valid.elected == ("A",)  # 9 of 16
    assert valid.base_kind is BaseKind.VALID
    assert valid.base_count == 16
    assert any("thể lệ bầu cử" in sentence for sentence in valid.explanation)


def test_youth_union_measures_against_ballots_collected() -> None:
    # rules.md §4.4: more than half of ballots collected, valid or not.
    ballots = [*repeat("A", 5), "!marked", "!unclear", "B", "B", "B"]
    result = count(election("AB", seats=1, profile="doan", ballots=ballots))
    assert result.base_count == 10
    assert result.elected == ()


# --- ballot validity by profile --------------------------------------------------------------


def test_party_all_crossed_on_a_list_with_surplus_is_invalid() -> None:
    # rules.md §3.6: "no vote for anyone" on a surplus list.
    e = election("ABC", seats=2, profile="dang", summoned=10, ballots=[""])
    assert ballot_validity(e.ballots[0], e) == NONE_KEPT


def test_party_all_crossed_on_a_list_without_surplus_is_a_vote_against_all() -> None:
    # rules.md §3.6: a no-surplus list is marked agree / disagree, so all "disagree" is valid.
    e = election("ABC", seats=3, profile="dang", summoned=10, ballots=[""])
    assert ballot_validity(e.ballots[0], e) is None


def test_union_all_crossed_on_a_list_without_surplus_is_still_invalid() -> None:
    # rules.md §2.4 item 4: any list of more than one name.
    e = election("AB", seats=2, ballots=[""])
    assert ballot_validity(e.ballots[0], e) == NONE_KEPT


def test_youth_union_single_name_crossed_is_valid_and_multi_name_is_not() -> None:
    # rules.md §4.4: "no vote for anyone" invalid except on a single-name list.
    single = election("A", seats=1, profile="doan", ballots=[""])
    multi = election("AB", seats=1, profile="doan", ballots=[""])
    assert ballot_validity(single.ballots[0], single) is None
    assert ballot_validity(multi.ballots[0], multi) == NONE_KEPT


def test_keeping_exactly_as_many_names_as_seats_is_valid() -> None:
    # rules.md §2.4 item 2: invalid only when kept > seats.
    e = election("ABCDE", seats=3, ballots=["ABC"])
    assert ballot_validity(e.ballots[0], e) is None


def test_a_reason_seen_on_the_paper_stands() -> None:
    e = election("AB", seats=1, ballots=["!marked"])
    assert ballot_validity(e.ballots[0], e) == MARKED


def test_invalid_ballots_are_listed_by_reason_in_a_stable_order() -> None:
    ballots = ["", "ABC", "!unclear", "!unofficial", "", "!marked", "!added-name", "A"]
    result = count(election("ABC", seats=2, ballots=ballots))
    assert list(result.invalid_by_reason.items()) == [
        ("unofficial", 1),
        ("added-name", 1),
        ("marked", 1),
        ("unclear", 1),
        ("too-many", 1),
        ("none-kept", 2),
    ]
    assert result.invalid == 7
    assert result.valid == 1


def test_with_a_tally_the_committee_already_decided_validity() -> None:
    # election-format.md: tally votes come from valid ballots only; nothing is re-judged.
    result = count(election("ABC", seats=2, tally=(30, 4, {"A": 20, "B": 16})))
    assert (result.collected, result.valid, result.invalid) == (30, 26, 4)
    assert result.invalid_by_reason == {}
    assert result.base_count == 30
    assert result.elected == ("A", "B")
    assert votes(result, "C") == 0


# --- seats, ties and shortfalls --------------------------------------------------------------


def test_a_tie_inside_the_seats_is_no_tie() -> None:
    # rules.md §2.6 concerns a tie *across* the last seat only.
    result = count(election("ABCD", seats=3, tally=(20, 0, {"A": 15, "B": 11, "C": 11, "D": 3})))
    assert result.outcome == COMPLETE
    assert result.elected == ("A", "B", "C")
    assert result.tie is None


def test_everyone_tied_for_a_single_seat() -> None:
    # rules.md §2.6: nobody is strictly above the tie, so the tie has the one seat.
    result = count(election("ABC", seats=1, tally=(20, 0, {"A": 12, "B": 12, "C": 12})))
    assert result.outcome == TIE
    assert result.elected == ()
    assert result.tie == Tie(("A", "B", "C"), 1)
    assert not any("Không có người nào" in sentence for sentence in result.explanation)


def test_a_tie_for_two_of_three_places() -> None:
    tally = (20, 0, {"A": 15, "B": 11, "C": 11, "D": 11, "E": 2})
    result = count(election("ABCDE", seats=3, tally=tally))
    assert result.tie == Tie(("B", "C", "D"), 2)
    assert result.elected == ("A",)


def test_a_tie_below_half_is_a_shortfall_not_a_tie() -> None:
    # rules.md §2.7: B and C have exactly half each, so only A passes: one seat unfilled.
    result = count(election("ABC", seats=2, tally=(20, 0, {"A": 15, "B": 10, "C": 10})))
    assert result.outcome == SHORT
    assert result.elected == ("A",)
    assert result.unfilled == 1
    assert result.tie is None
    assert any("§2.7" in sentence for sentence in result.explanation)


def test_shortfall_sentence_follows_the_profile() -> None:
    # rules.md §2.7 union, §3.7 Party, §4.4 Youth Union.
    party = count(election("AB", seats=2, profile="dang", summoned=10, tally=(9, 0, {"A": 6})))
    youth = count(election("AB", seats=2, profile="doan", tally=(9, 0, {"A": 6})))
    assert any("§3.7" in sentence for sentence in party.explanation)
    assert any("§4.4" in sentence for sentence in youth.explanation)


def test_candidates_over_half_once_the_seats_are_filled() -> None:
    result = count(election("ABC", seats=1, tally=(20, 0, {"A": 15, "B": 12, "C": 11})))
    assert [c.status for c in result.candidates] == [ELECTED, OVER_HALF, OVER_HALF]


def test_equal_votes_are_listed_in_ballot_order() -> None:
    # election-format.md: candidates by votes, equal votes in ballot order (Vietnamese order).
    people = {"x": "Trần Văn Tâm", "y": "Lê Thị An", "z": "Phạm Bình"}
    result = count(election(people, seats=1, tally=(10, 0, {"x": 3, "y": 3, "z": 3})))
    assert [c.name for c in result.candidates] == ["Lê Thị An", "Phạm Bình", "Trần Văn Tâm"]


# --- the further vote among the tied (rules.md §2.6) ----------------------------------------


def test_a_tie_revote_elects_whoever_has_more_votes_even_below_half() -> None:
    # rules.md §2.6: "the higher vote-getter(s) in that vote are elected". C 4, D 3 of 10
    # collected: judged again by §2.5 nobody would pass (needs 6) and the round would be short.
    tally = (10, 3, {"C": 4, "D": 3})
    plain = count(election("CD", seats=1, tally=tally))
    assert plain.outcome == SHORT
    result = count(election("CD", seats=1, tally=tally), tie_revote=True)
    assert result.outcome == COMPLETE
    assert result.elected == ("C",)
    assert result.unfilled == 0
    assert status(result, "C") == ELECTED
    assert status(result, "D") == NOT_ELECTED
    assert result.tie_revote
    assert not any("còn thiếu" in sentence for sentence in result.explanation)
    assert any("không xét lại điều kiện quá một phần hai" in s for s in result.explanation)


def test_a_tie_revote_for_two_places_among_three() -> None:
    tally = (9, 0, {"B": 5, "C": 3, "D": 1})
    result = count(election("BCD", seats=2, tally=tally), tie_revote=True)
    assert result.elected == ("B", "C")
    assert result.outcome == COMPLETE


def test_a_tie_revote_still_tied_goes_back_to_the_congress() -> None:
    # rules.md §2.6: "If still tied: congress decides"; those strictly above are elected.
    tally = (9, 0, {"B": 5, "C": 2, "D": 2})
    result = count(election("BCD", seats=2, tally=tally), tie_revote=True)
    assert result.outcome == TIE
    assert result.elected == ("B",)
    assert result.tie == Tie(("C", "D"), 1)
    assert [status(result, c) for c in "BCD"] == [ELECTED, TIED, TIED]
    assert any(
        s.startswith("Nguyễn Văn Bình và Nguyễn Văn Cúc vẫn cùng được 2 phiếu, còn 1 chỗ")
        for s in result.explanation
    )
    assert not any("đều quá một phần hai" in s for s in result.explanation)


def test_a_tie_revote_for_an_alternate_place_says_du_khuyet_not_trung_cu() -> None:
    # rules.md §2.10: the winner of a further vote for an alternate place is an alternate.
    tally = (10, 0, {"D": 4, "E": 3})
    result = count(election("DE", seats=1, tally=tally), tie_revote=True, for_alternates=True)
    assert result.elected == ("D",)
    assert result.for_alternates
    assert any(
        s.startswith("Căn cứ kết quả kiểm phiếu") and "được bầu làm đại biểu dự khuyết" in s
        for s in result.explanation
    )
    assert any("vị trí dự khuyết còn lại" in s for s in result.explanation)
    assert not any(WINS_SEAT in sentence for sentence in result.explanation)


def test_a_tie_revote_ranks_no_alternates() -> None:
    with pytest.raises(ValueError, match="không xếp dự khuyết"):
        count(election("CD", seats=1, alternates=1, tally=(4, 0, {"C": 2})), tie_revote=True)


def test_a_tie_revote_result_keeps_the_result_format() -> None:
    # election-format.md is fixed: the re-vote is not in daihoi.result/1, which keeps its shape.
    tally = (10, 0, {"C": 4, "D": 3})
    result = count(election("CD", seats=1, tally=tally), tie_revote=True)
    document = result_to_json(result)
    assert "tie_revote" not in document
    assert document["outcome"] == COMPLETE
    assert document["elected"] == ["C"]
    assert {c["status"] for c in document["candidates"]} <= {ELECTED, NOT_ELECTED, OVER_HALF}


# --- alternates ------------------------------------------------------------------------------


def test_alternates_tie_at_the_last_alternate_place() -> None:
    # election-format.md "tie": seats filled, a tie crosses the last alternate place: the
    # outcome stays complete, the alternates are those above the tie.
    tally = (40, 0, {"A": 30, "B": 28, "C": 25, "D": 22, "E": 22, "F": 5})
    result = count(election("ABCDEF", seats=2, alternates=2, tally=tally))
    assert result.outcome == COMPLETE
    assert result.elected == ("A", "B")
    assert result.alternates == ("C",)
    assert result.tie == Tie(("D", "E"), 1, alternates=True)
    assert status(result, "D") == TIED


def test_no_alternates_while_a_seat_is_tied() -> None:
    # rules.md §2.10 (a)/(b): alternates only after every official seat is filled.
    tally = (40, 0, {"A": 30, "B": 25, "C": 25, "D": 22})
    result = count(election("ABCD", seats=2, alternates=1, tally=tally))
    assert result.outcome == TIE
    assert result.alternates == ()
    assert status(result, "D") == OVER_HALF


def test_fewer_alternates_than_wanted() -> None:
    # rules.md §2.10: "if too few, the congress decides whether to continue".
    tally = (40, 0, {"A": 30, "B": 28, "C": 25, "D": 12})
    result = count(election("ABCD", seats=2, alternates=2, tally=tally))
    assert result.alternates == ("C",)
    assert result.tie is None
    assert any(
        sentence.startswith("Chỉ có 1 người đủ điều kiện trên 2 đại biểu dự khuyết cần bầu")
        for sentence in result.explanation
    )


def test_no_one_left_for_the_alternate_places_is_said_without_a_zero() -> None:
    tally = (40, 0, {"A": 30, "B": 28, "C": 12})
    result = count(election("ABC", seats=2, alternates=1, tally=tally))
    assert result.alternates == ()
    assert any(
        sentence.startswith("Không có người nào đủ điều kiện làm đại biểu dự khuyết")
        for sentence in result.explanation
    )
    assert not any("Chỉ có 0" in sentence for sentence in result.explanation)


def test_no_alternates_when_short() -> None:
    tally = (40, 0, {"A": 30, "B": 12})
    result = count(election("AB", seats=2, alternates=1, tally=tally))
    assert result.outcome == SHORT
    assert result.alternates == ()


# --- percentages (display only) --------------------------------------------------------------


def test_percent_rounds_half_up_to_two_places() -> None:
    assert percent_of(35, 40) == Decimal("87.50")
    assert percent_of(2, 3) == Decimal("66.67")
    assert percent_of(1, 800) == Decimal("0.13")  # 0.125: half up, not to even
    assert percent_of(91, 185) == Decimal("49.19")


def test_percent_of_an_empty_base_is_zero() -> None:
    result = count(election("AB", seats=1, tally=(0, 0, {})))
    assert result.base_count == 0
    assert [c.percent for c in result.candidates] == [Decimal("0.00")] * 2
    assert result.outcome == SHORT


def test_percent_is_written_the_vietnamese_way() -> None:
    assert percent_vi(Decimal("87.50")) == "87,50%"
    assert percent_vi(Decimal("100.00")) == "100,00%"


# --- the explanation -------------------------------------------------------------------------


def test_explanation_states_the_base_and_who_is_elected() -> None:
    ballots = [*repeat("AB", 30), *repeat("B", 5), "!unofficial", *repeat("C", 4)]
    result = count(election("ABC", seats=2, ballots=ballots, issued=40))
    text = "\n".join(result.explanation)
    assert "tổng số phiếu thu về, kể cả phiếu không hợp lệ (40 phiếu)" in text
    assert "ít nhất 21 phiếu" in text
    assert "Điều lệ Công đoàn Việt Nam" in text
    assert "Nguyễn Văn Bình (35 phiếu, 87,50%); Nguyễn Văn An (30 phiếu, 75,00%)" in text
    assert "Không phải phiếu do Ban kiểm phiếu phát ra: 1" in text


def test_party_explanation_names_the_summoned_base() -> None:
    result = count(election("AB", seats=1, profile="dang", summoned=10, tally=(9, 0, {"A": 7})))
    assert "được triệu tập" in result.explanation[1]
    assert "(10 người)" in result.explanation[1]
    assert "§3.3-3.5" in result.explanation[1]


def test_ballot_number_is_the_position_in_vietnamese_order() -> None:
    people = {"1": "Trần Văn Tâm", "2": "Lê Thị An", "3": "Lê Thị An"}
    e = election(people, seats=1, tally=(1, 0, {}))
    assert [c.id for c in e.candidates] == ["2", "3", "1"]  # identical names keep file order
    assert e.ballot_number("1") == 3
    assert e.candidate("3") == Candidate("3", "Lê Thị An")
