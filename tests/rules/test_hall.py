from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daihoi.rules.hall import (
    CO_SO_BCH_TABLE,
    PRESENT_OVER_HALL,
    Check,
    CongressForm,
    ShowOfHandsError,
    UnitLevel,
    btv_required,
    check_appointed,
    check_bch_size,
    check_btv,
    check_congress_form,
    check_delegates,
    check_guests,
    check_surplus,
    congress_form,
    max_appointed,
    max_bch_size,
    max_btv_size,
    max_candidates,
    max_delegates,
    max_guests,
    max_surplus,
    min_bch_size,
    min_delegates,
    problems,
    quorum,
    show_of_hands,
)
from daihoi.rules.profiles import CONG_DOAN, DANG, DOAN, PROFILES

# --- Quorum (rules.md §1.1) --------------------------------------------------------------------


def test_t1_sixty_six_of_a_hundred_is_no_quorum_sixty_seven_is() -> None:
    # rules.md §9 T1 and §1.1 test line.
    assert not quorum(66, 100, CONG_DOAN).reached
    assert quorum(67, 100, CONG_DOAN).reached
    assert quorum(67, 100, CONG_DOAN).needed == 67


def test_t1_sixty_six_of_ninety_nine_is_exactly_two_thirds() -> None:
    result = quorum(66, 99, CONG_DOAN)
    assert result.reached
    assert result.needed == 66
    assert not quorum(65, 99, CONG_DOAN).reached


def test_fifty_five_percent_present_cannot_proceed() -> None:
    # rules.md §1.2, S2's example.
    assert not quorum(55, 100, CONG_DOAN).reached


def test_quorum_message_for_the_screen() -> None:
    assert quorum(67, 100, CONG_DOAN).message == (
        "Có mặt 67/100 đại biểu (67,0%), đủ điều kiện tiến hành đại hội (cần ít nhất 67)."
    )
    assert quorum(66, 100, CONG_DOAN).message == (
        "Có mặt 66/100 đại biểu (66,0%), chưa đủ điều kiện tiến hành đại hội (cần ít nhất 67)."
    )


def test_quorum_message_names_members_and_committee_meetings() -> None:
    result = quorum(1100, 1500, CONG_DOAN, who="đoàn viên")
    assert result.message.startswith("Có mặt 1.100/1.500 đoàn viên (73,3%)")
    meeting = quorum(6, 9, CONG_DOAN, who="ủy viên", meeting="hội nghị")
    assert meeting.message == (
        "Có mặt 6/9 ủy viên (66,7%), đủ điều kiện tiến hành hội nghị (cần ít nhất 6)."
    )


def test_nobody_summoned_is_no_quorum() -> None:
    result = quorum(0, 0, CONG_DOAN)
    assert not result.reached
    assert "Chưa có đại biểu nào được triệu tập" in result.message


def test_negative_counts_are_refused_in_vietnamese() -> None:
    with pytest.raises(ValueError, match="không được âm"):
        quorum(-1, 10, CONG_DOAN)
    with pytest.raises(ValueError, match="không được âm"):
        quorum(0, -1, CONG_DOAN)


def test_more_present_than_summoned_is_refused() -> None:
    with pytest.raises(ValueError, match=r"Số có mặt \(11\) không được lớn hơn"):
        quorum(11, 10, CONG_DOAN)


def test_every_profile_defaults_to_two_thirds() -> None:
    for profile in PROFILES.values():
        assert quorum(67, 100, profile).reached
        assert not quorum(66, 100, profile).reached


def test_quorum_follows_the_profile_share() -> None:
    half = dataclasses.replace(
        CONG_DOAN, quorum=dataclasses.replace(CONG_DOAN.quorum, numerator=1, denominator=2)
    )
    assert quorum(50, 100, half).reached
    assert quorum(50, 100, half).needed == 50


counts = st.integers(min_value=1, max_value=100_000)


@given(counts, st.data())
def test_quorum_is_monotone_in_present(summoned: int, data: st.DataObject) -> None:
    low = data.draw(st.integers(0, summoned))
    high = data.draw(st.integers(low, summoned))
    if quorum(low, summoned, CONG_DOAN).reached:
        assert quorum(high, summoned, CONG_DOAN).reached


@given(counts)
def test_needed_is_the_least_present_that_reaches_quorum(summoned: int) -> None:
    needed = quorum(0, summoned, CONG_DOAN).needed
    assert quorum(needed, summoned, CONG_DOAN).reached
    assert not quorum(needed - 1, summoned, CONG_DOAN).reached


@given(counts, st.data())
def test_quorum_is_three_present_against_two_summoned(summoned: int, data: st.DataObject) -> None:
    present = data.draw(st.integers(0, summoned))
    assert quorum(present, summoned, CONG_DOAN).reached == (3 * present >= 2 * summoned)


# --- Show of hands (rules.md §2.1) -------------------------------------------------------------


def test_more_than_half_of_those_present_adopts() -> None:
    assert show_of_hands(34, 33, 0, 67, CONG_DOAN).adopted
    assert not show_of_hands(33, 34, 0, 67, CONG_DOAN).adopted
    assert show_of_hands(34, 0, 0, 67, CONG_DOAN).needed == 34


def test_exactly_half_is_not_more_than_half() -> None:
    decision = show_of_hands(50, 50, 0, 100, CONG_DOAN)
    assert not decision.adopted
    assert decision.needed == 51


def test_those_who_raise_no_hand_count_against() -> None:
    # 5 yes out of 9 present adopts even if 4 raised no hand; 4 of 9 does not.
    assert show_of_hands(5, 0, 0, 9, CONG_DOAN).adopted
    assert not show_of_hands(4, 0, 0, 9, CONG_DOAN).adopted


def test_show_of_hands_message() -> None:
    assert show_of_hands(60, 5, 2, 67, CONG_DOAN).message == (
        "Tán thành 60/67 đại biểu có mặt (89,6%); không tán thành 5; không biểu quyết 2. "
        "Được thông qua (cần ít nhất 34 đại biểu tán thành)."
    )
    assert "Không được thông qua" in show_of_hands(30, 37, 0, 67, CONG_DOAN).message


def test_show_of_hands_with_nobody_present_adopts_nothing() -> None:
    decision = show_of_hands(0, 0, 0, 0, CONG_DOAN)
    assert not decision.adopted
    assert "không thể biểu quyết" in decision.message


def test_votes_may_not_exceed_those_present() -> None:
    with pytest.raises(ValueError, match="không được lớn hơn số đại biểu có mặt"):
        show_of_hands(40, 20, 10, 67, CONG_DOAN)
    with pytest.raises(ValueError, match="không được âm"):
        show_of_hands(-1, 0, 0, 10, CONG_DOAN)


def test_present_may_not_exceed_those_checked_in() -> None:
    # 100 in favour with 42 summoned was accepted: nobody is present who is not checked in.
    with pytest.raises(ShowOfHandsError) as refused:
        show_of_hands(100, 0, 0, 100, CONG_DOAN, in_hall=40)
    assert refused.value.field == "present"
    assert str(refused.value) == PRESENT_OVER_HALL.format(present=100, in_hall=40, who="đại biểu")
    with pytest.raises(ShowOfHandsError) as over:
        show_of_hands(30, 10, 1, 40, CONG_DOAN, in_hall=40)
    assert over.value.field == "yes"
    assert show_of_hands(21, 0, 0, 40, CONG_DOAN, in_hall=40).adopted
    assert show_of_hands(20, 0, 0, 38, CONG_DOAN, in_hall=40).adopted  # two stepped out


def test_show_of_hands_follows_the_profile_share() -> None:
    two_thirds = dataclasses.replace(CONG_DOAN, show_of_hands=CONG_DOAN.quorum)
    assert not show_of_hands(6, 3, 0, 9, two_thirds).adopted  # 6/9 is not more than 2/3
    assert show_of_hands(7, 2, 0, 9, two_thirds).adopted


@st.composite
def hands(draw: st.DrawFn) -> tuple[int, int, int, int]:
    present = draw(st.integers(1, 2_000))
    yes = draw(st.integers(0, present - 1))
    no = draw(st.integers(0, present - 1 - yes))
    abstain = draw(st.integers(0, present - 1 - yes - no))
    return yes, no, abstain, present


@given(hands())
def test_adding_a_yes_vote_never_unadopts(vote: tuple[int, int, int, int]) -> None:
    yes, no, abstain, present = vote
    if show_of_hands(yes, no, abstain, present, CONG_DOAN).adopted:
        assert show_of_hands(yes + 1, no, abstain, present, CONG_DOAN).adopted


@given(hands())
def test_adopted_exactly_when_yes_reaches_needed(vote: tuple[int, int, int, int]) -> None:
    decision = show_of_hands(*vote, CONG_DOAN)
    assert decision.adopted == (decision.yes >= decision.needed)
    assert decision.adopted == (2 * decision.yes > decision.present)


# --- Candidate-list surplus (rules.md §2.2 item 6, §3.2) ----------------------------------------


def failed(checks: list[Check]) -> list[str]:
    return [check.message for check in problems(checks)]


def test_t11_party_committee_of_ten_lists_at_most_thirteen() -> None:
    assert max_candidates(10, DANG) == 13
    assert failed(check_surplus(13, 10, DANG)) == []
    over = problems(check_surplus(14, 10, DANG))
    assert [c.level for c in over] == ["error"]
    assert over[0].message == (
        "Danh sách 14 người vượt mức tối đa 13 người cho 10 người cần bầu "
        "(số dư không quá 30% số cần bầu): cần bớt 1 người."
    )


def test_party_list_must_exceed_the_seats() -> None:
    assert failed(check_surplus(10, 10, DANG)) == [
        "Danh sách bầu cử phải có số dư: cần nhiều hơn 10 người (hiện có 10)."
    ]
    assert failed(check_surplus(11, 10, DANG)) == []


def test_party_committees_of_three_to_five_take_one_extra_name() -> None:
    for seats in (3, 4, 5):
        assert max_surplus(seats, DANG) == 1
        assert failed(check_surplus(seats + 1, seats, DANG)) == []
        assert len(failed(check_surplus(seats + 2, seats, DANG))) == 1
    assert max_surplus(6, DANG) == 1  # 30% of 6 is 1,8
    assert max_surplus(7, DANG) == 2  # 30% of 7 is 2,1


def test_party_lists_for_one_or_two_seats_are_left_to_the_congress() -> None:
    checks = problems(check_surplus(2, 1, DANG))
    assert [c.level for c in checks] == ["warning"]
    assert "đề nghị đại hội quyết định" in checks[0].message


def test_fewer_names_than_seats_is_always_an_error() -> None:
    for profile in (CONG_DOAN, DANG, DOAN):
        checks = check_surplus(8, 9, profile)
        assert [(c.ok, c.level) for c in checks] == [(False, "error")]
        assert checks[0].message == (
            "Danh sách bầu cử có 8 người, ít hơn số lượng cần bầu (9): cần bổ sung ít nhất 1 người."
        )


def test_union_and_youth_lists_have_no_surplus_limit_by_default() -> None:
    for profile in (CONG_DOAN, DOAN):
        assert max_candidates(9, profile) is None
        assert failed(check_surplus(9, 9, profile)) == []
        assert failed(check_surplus(40, 9, profile)) == []


def test_union_surplus_settings_warn_when_outside() -> None:
    local = dataclasses.replace(CONG_DOAN, min_surplus_percent=10, max_surplus_percent=20)
    under = problems(check_surplus(9, 9, local))
    assert [c.level for c in under] == ["warning"]
    assert "dưới mức tối thiểu 10%" in under[0].message
    assert failed(check_surplus(10, 9, local)) == []  # 1 extra of 9 is 11%
    assert max_candidates(10, local) == 12
    over = problems(check_surplus(13, 10, local))
    assert [c.level for c in over] == ["warning"]


def test_surplus_refuses_no_seats() -> None:
    with pytest.raises(ValueError, match="Số lượng cần bầu"):
        check_surplus(3, 0, CONG_DOAN)


@given(st.integers(1, 500), st.integers(0, 700))
def test_party_list_within_thirty_percent_is_accepted(seats: int, candidates: int) -> None:
    checks = check_surplus(candidates, seats, DANG)
    if seats >= 6 and seats < candidates:
        assert (failed(checks) == []) == (100 * (candidates - seats) <= 30 * seats)


# --- Congress form (rules.md §1.4) -------------------------------------------------------------


def test_two_hundred_members_hold_a_delegates_congress() -> None:
    assert congress_form(199) == CongressForm.TOAN_THE
    assert congress_form(200) == CongressForm.DAI_BIEU


def test_congress_form_checks() -> None:
    assert failed(check_congress_form(CongressForm.DAI_BIEU, 420)) == []
    must = problems(check_congress_form(CongressForm.TOAN_THE, 420))
    assert [c.level for c in must] == ["error"]
    approval = problems(check_congress_form(CongressForm.DAI_BIEU, 150))
    assert [c.level for c in approval] == ["warning"]


# --- T13: a CĐCS with 420 members (rules.md §9) ------------------------------------------------


def test_t13_cdcs_with_420_members() -> None:
    assert congress_form(420) == CongressForm.DAI_BIEU
    assert max_delegates(420, UnitLevel.CO_SO) == 150
    assert min_delegates(420, UnitLevel.CO_SO) == 75
    assert failed(check_delegates(75, 420, UnitLevel.CO_SO)) == []
    assert failed(check_delegates(74, 420, UnitLevel.CO_SO)) == [
        "Triệu tập 74 đại biểu chính thức, ít hơn một nửa số tối đa 150: cần ít nhất 75."
    ]
    assert max_bch_size(420, UnitLevel.CO_SO) == 9
    assert failed(check_bch_size(9, 420, UnitLevel.CO_SO)) == []
    assert len(failed(check_bch_size(10, 420, UnitLevel.CO_SO))) == 1
    # BCH 9: a BTV of at most 3 must be elected.
    assert btv_required(9)
    assert max_btv_size(9) == 3
    assert failed(check_btv(9, 3)) == []
    assert failed(check_btv(9, 0)) == [
        "Ban chấp hành có 9 ủy viên (từ 9 trở lên) phải bầu ban thường vụ."
    ]
    assert len(failed(check_btv(9, 4))) == 1
    # BCH 8: no BTV.
    assert not btv_required(8)
    assert max_btv_size(8) == 0
    assert failed(check_btv(8, 0)) == []
    assert len(failed(check_btv(8, 2))) == 1


# --- BCH sizes (rules.md §2.12) ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("members", "largest"),
    [
        (0, 3),
        (49, 3),
        (50, 5),
        (149, 5),
        (150, 9),
        (499, 9),
        (500, 11),
        (999, 11),
        (1_000, 13),
        (2_999, 13),
        (3_000, 15),
        (6_999, 15),
        (7_000, 17),
        (9_999, 17),
        (10_000, 19),
        (14_999, 19),
        (15_000, 21),
        (19_999, 21),
        (20_000, 23),
        (24_999, 23),
        (25_000, 25),
        (1_000_000, 25),
    ],
)
def test_cdcs_bch_table_boundaries(members: int, largest: int) -> None:
    assert max_bch_size(members, UnitLevel.CO_SO) == largest


def test_cdcs_bch_table_rises_from_three_to_twenty_five() -> None:
    sizes = [size for _, size in CO_SO_BCH_TABLE]
    assert sizes[0] == 3 and sizes[-1] == 25
    assert sizes == sorted(set(sizes))


def test_flat_bch_maxima() -> None:
    assert max_bch_size(5_000, UnitLevel.CO_SO_THANH_VIEN) == 15
    assert max_bch_size(300, UnitLevel.BO_PHAN) == 7
    assert max_bch_size(12, UnitLevel.TO) == 2
    assert max_bch_size(50_000, UnitLevel.TAP_DOAN) == 27
    assert max_bch_size(50_000, UnitLevel.TINH) is None
    assert max_bch_size(3_000, UnitLevel.XA_PHUONG) is None


def test_cdcs_bch_has_at_least_three() -> None:
    assert min_bch_size(UnitLevel.CO_SO) == 3
    assert failed(check_bch_size(2, 40, UnitLevel.CO_SO)) == [
        "Công đoàn cơ sở phải có ít nhất 3 ủy viên ban chấp hành (đang dự kiến 2)."
    ]


def test_too_large_bch_names_its_table_row() -> None:
    assert failed(check_bch_size(7, 185, UnitLevel.CO_SO)) == []
    assert failed(check_bch_size(11, 185, UnitLevel.CO_SO)) == [
        "Công đoàn cơ sở có 185 đoàn viên được bầu ban chấp hành tối đa 9 người "
        "(từ 150 đến dưới 500 đoàn viên); đang dự kiến 11."
    ]
    assert "(dưới 50 đoàn viên)" in failed(check_bch_size(5, 30, UnitLevel.CO_SO))[0]
    assert "(từ 25.000 đoàn viên trở lên)" in failed(check_bch_size(27, 30_000, UnitLevel.CO_SO))[0]


def test_section_union_of_seed_000_elects_five() -> None:
    assert failed(check_bch_size(5, 20, UnitLevel.BO_PHAN)) == []
    assert len(failed(check_bch_size(8, 20, UnitLevel.BO_PHAN))) == 1


def test_union_group_elects_a_leader_and_perhaps_a_deputy() -> None:
    assert failed(check_bch_size(1, 8, UnitLevel.TO)) == []
    assert failed(check_bch_size(2, 8, UnitLevel.TO)) == []
    assert len(failed(check_bch_size(3, 8, UnitLevel.TO))) == 1
    assert len(failed(check_bch_size(0, 8, UnitLevel.TO))) == 1


def test_bch_cannot_outnumber_the_members() -> None:
    assert "không thể nhiều hơn số đoàn viên" in failed(check_bch_size(7, 5, UnitLevel.BO_PHAN))[0]


def test_levels_without_a_table_get_a_warning() -> None:
    checks = problems(check_bch_size(35, 60_000, UnitLevel.TINH))
    assert [c.level for c in checks] == ["warning"]


def test_unit_level_also_accepts_its_string_value() -> None:
    assert max_bch_size(420, UnitLevel("co-so")) == 9
    assert str(UnitLevel.CO_SO) == "co-so"


# --- BTV (rules.md §2.8) -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bch", "btv"), [(3, 0), (8, 0), (9, 3), (11, 3), (12, 4), (25, 8), (27, 9)]
)
def test_btv_is_a_third_of_the_bch_from_nine(bch: int, btv: int) -> None:
    assert max_btv_size(bch) == btv


@given(st.integers(0, 100), st.integers(0, 40))
def test_btv_check_agrees_with_its_maximum(bch: int, btv: int) -> None:
    ok = failed(check_btv(bch, btv)) == []
    if btv_required(bch):
        assert ok == (1 <= btv <= max_btv_size(bch))
    else:
        assert ok == (btv == 0)


# --- Delegates (rules.md §1.4, §2.12) ----------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "members", "largest"),
    [
        (UnitLevel.CO_SO, 200, 150),
        (UnitLevel.CO_SO, 4_999, 150),
        (UnitLevel.CO_SO, 5_000, 200),
        (UnitLevel.CO_SO_THANH_VIEN, 5_000, 200),
        (UnitLevel.BO_PHAN, 300, 150),
        (UnitLevel.XA_PHUONG, 0, 100),
        (UnitLevel.XA_PHUONG, 1_999, 100),
        (UnitLevel.XA_PHUONG, 2_000, 150),
        (UnitLevel.XA_PHUONG, 4_999, 150),
        (UnitLevel.XA_PHUONG, 5_000, 200),
        (UnitLevel.TAP_DOAN, 80_000, 200),
    ],
)
def test_delegate_table_boundaries(unit: UnitLevel, members: int, largest: int) -> None:
    assert max_delegates(members, unit) == largest
    assert min_delegates(members, unit) == largest // 2


def test_provincial_delegates_have_no_table_here() -> None:
    assert max_delegates(100_000, UnitLevel.TINH) is None
    checks = problems(check_delegates(300, 100_000, UnitLevel.TINH))
    assert [c.level for c in checks] == ["warning"]


def test_delegates_over_the_maximum_need_upper_approval() -> None:
    assert failed(check_delegates(150, 420, UnitLevel.CO_SO)) == []
    assert failed(check_delegates(151, 420, UnitLevel.CO_SO)) == [
        "151 đại biểu chính thức, vượt số tối đa 150 (Công đoàn cơ sở): cần công đoàn cấp trên "
        "đồng ý, và không quá 165."
    ]
    assert failed(check_delegates(165, 420, UnitLevel.CO_SO, upper_approved=True)) == []


def test_delegates_never_exceed_the_maximum_plus_ten_percent() -> None:
    assert failed(check_delegates(166, 420, UnitLevel.CO_SO, upper_approved=True)) == [
        "166 đại biểu chính thức, vượt quá 165 (số tối đa 150 cộng 10%), "
        "kể cả khi công đoàn cấp trên đồng ý."
    ]
    assert failed(check_delegates(110, 1_500, UnitLevel.XA_PHUONG, upper_approved=True)) == []
    assert len(failed(check_delegates(111, 1_500, UnitLevel.XA_PHUONG, upper_approved=True))) == 1


def test_delegates_cannot_outnumber_the_members() -> None:
    messages = failed(check_delegates(120, 100, UnitLevel.CO_SO))
    assert "Số đại biểu (120) không thể nhiều hơn số đoàn viên (100)." in messages


def test_all_delegate_problems_are_shown_at_once() -> None:
    checks = [
        *check_delegates(60, 420, UnitLevel.CO_SO),
        *check_appointed(4, 60),
        *check_guests(10, 60, UnitLevel.CO_SO),
    ]
    assert len(problems(checks)) == 3


# --- Appointed delegates and guests (rules.md §2.12) -------------------------------------------


def test_appointed_delegates_are_at_most_five_percent() -> None:
    assert max_appointed(150) == 7
    assert failed(check_appointed(7, 150)) == []
    assert failed(check_appointed(8, 150)) == [
        "Đại biểu chỉ định 8 người (5,3% số đại biểu chính thức), vượt mức 5% (7 người)."
    ]
    assert failed(check_appointed(5, 100)) == []
    assert len(failed(check_appointed(6, 100))) == 1
    assert failed(check_appointed(0, 10)) == []
    assert len(failed(check_appointed(1, 19))) == 1  # 5% of 19 is 0,95
    assert failed(check_appointed(1, 20)) == []


def test_guests_are_at_most_fifteen_percent_at_grassroots() -> None:
    assert max_guests(100, UnitLevel.CO_SO) == 15
    assert failed(check_guests(15, 100, UnitLevel.CO_SO)) == []
    assert len(failed(check_guests(16, 100, UnitLevel.CO_SO))) == 1
    assert failed(check_guests(15, 100, UnitLevel.XA_PHUONG)) == []
    assert len(failed(check_guests(16, 100, UnitLevel.TAP_DOAN))) == 1


def test_guests_are_at_most_thirty_percent_at_provincial_level() -> None:
    assert max_guests(300, UnitLevel.TINH) == 90
    assert failed(check_guests(90, 300, UnitLevel.TINH)) == []
    assert failed(check_guests(91, 300, UnitLevel.TINH)) == [
        "Khách mời 91 người (30,3% số đại biểu chính thức), vượt mức 30% (90 người)."
    ]


@given(st.integers(0, 10_000), st.integers(0, 10_000))
def test_percent_caps_agree_with_their_maxima(part: int, official: int) -> None:
    assert (failed(check_appointed(part, official)) == []) == (part <= max_appointed(official))
    for unit in (UnitLevel.CO_SO, UnitLevel.TINH):
        ok = failed(check_guests(part, official, unit)) == []
        assert ok == (part <= max_guests(official, unit))


def test_problems_puts_errors_first() -> None:
    warning = Check(False, "warning", "w", "r")
    error = Check(False, "error", "e", "r")
    passed = Check(True, "error", "ok", "r")
    assert problems([warning, passed, error]) == [error, warning]
