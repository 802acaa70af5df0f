"""Resolution targets: what they measure, their thresholds, and whether a term met them.

The seed cases are seed 000's and 001's words ("trên 95%", "từ 03 ... trở lên", "100%").
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daihoi.rules.emulation import CL_CLASSIFICATION, CL_GVNDVN, TaskLevel, Title, UnionLevel
from daihoi.rules.targets import (
    MSG_ABOVE_ALL,
    MSG_NEGATIVE,
    MSG_PART_OVER_WHOLE,
    MSG_RECORDED_NO_THRESHOLD,
    MSG_SHARE_RANGE,
    Comparison,
    Kind,
    Measure,
    Period,
    Share,
    Target,
    TargetError,
    check_target,
    check_value,
    comparisons_for,
    evaluate,
    meets,
    threshold_text,
    unit_level_met,
    value_text,
)

TERM = (2017, 2022)


def target(
    measure: Measure = Measure.MEMBER_TITLE,
    comparison: Comparison = Comparison.ABOVE,
    threshold: Decimal | int | None = Decimal(90),
    period: Period | None = None,
    title: Title | None = Title.DVCDXS,
    level: str | None = None,
    years: tuple[int, int] = TERM,
) -> Target:
    return Target(
        measure=measure,
        comparison=comparison,
        threshold=threshold,
        period=period or measure.periods[0],
        first_year=years[0],
        last_year=years[1],
        title=title,
        level=level,
    )


def refused(t: Target) -> TargetError:
    with pytest.raises(TargetError) as caught:
        check_target(t)
    return caught.value


# --- Thresholds ---------------------------------------------------------------------------


def test_a_share_over_a_hundred_percent_is_refused_naming_the_threshold() -> None:
    error = refused(target(threshold=Decimal(120)))
    assert error.field == "ngưỡng"
    assert error.message == MSG_SHARE_RANGE.format(value="120")


def test_a_negative_share_is_refused() -> None:
    assert refused(target(threshold=Decimal("-5"))).message == MSG_SHARE_RANGE.format(value="-5")


def test_above_a_hundred_percent_cannot_be_met_so_it_is_refused() -> None:
    assert refused(target(threshold=Decimal(100))).message == MSG_ABOVE_ALL


def test_a_negative_count_is_refused_in_vietnamese() -> None:
    error = refused(target(Measure.COUNT, Comparison.AT_LEAST, -3, title=None))
    assert (error.field, error.message) == ("ngưỡng", MSG_NEGATIVE.format(value="-3"))


def test_a_count_threshold_must_be_whole() -> None:
    error = refused(target(Measure.COUNT, Comparison.AT_LEAST, Decimal("2.5"), title=None))
    assert error.field == "ngưỡng"
    assert "số nguyên" in error.message


def test_a_yes_no_target_has_no_threshold() -> None:
    error = refused(target(Measure.YES_NO, Comparison.ALL, Decimal(5), title=None))
    assert error.field == "ngưỡng"


def test_a_yes_no_target_is_only_met_or_not() -> None:
    assert comparisons_for(Measure.YES_NO) == (Comparison.ALL,)
    error = refused(target(Measure.YES_NO, Comparison.ABOVE, None, title=None))
    assert error.field == "cách so sánh"


def test_a_member_share_needs_an_individual_title() -> None:
    assert refused(target(title=None)).field == "danh hiệu"
    assert refused(target(title=Title.TTLDTT)).field == "danh hiệu"


def test_a_collective_share_needs_a_collective_title() -> None:
    assert refused(target(Measure.COLLECTIVE_TITLE, title=Title.LDTT)).field == "danh hiệu"
    check_target(target(Measure.COLLECTIVE_TITLE, Comparison.ALL, None, title=Title.TTLDTT))


def test_a_classification_share_needs_its_level() -> None:
    t = target(Measure.COLLECTIVE_LEVEL, Comparison.ALL, None, title=None)
    assert refused(t).field == "mức xếp loại"
    check_target(
        target(Measure.COLLECTIVE_LEVEL, Comparison.ALL, None, title=None, level=UnionLevel.GOOD)
    )


def test_a_share_is_measured_each_year_not_over_the_term() -> None:
    assert refused(target(period=Period.TERM)).field == "thời gian đánh giá"


def test_years_in_the_wrong_order_are_refused() -> None:
    assert refused(target(years=(2022, 2017))).field == "năm"


# --- Values ---------------------------------------------------------------------------


def test_a_share_whose_part_exceeds_its_whole_is_refused() -> None:
    with pytest.raises(TargetError) as caught:
        check_value(target(), 2018, Share(27, 26))
    assert caught.value.message == MSG_PART_OVER_WHOLE.format(part=27, whole=26)


def test_a_value_outside_the_targets_years_is_refused() -> None:
    with pytest.raises(TargetError) as caught:
        check_value(target(), 2030, Share(1, 2))
    assert caught.value.field == "năm"


def test_a_negative_amount_is_refused() -> None:
    t = target(Measure.MONEY, Comparison.ABOVE, 1_300_000_000, title=None)
    with pytest.raises(TargetError):
        check_value(t, 2018, -1)


# --- Comparisons, exactly ----------------------------------------------------------------


def test_nineteen_of_twenty_is_not_above_ninety_five_percent() -> None:
    assert meets(target(threshold=Decimal(95)), Share(19, 20)) is False


def test_nineteen_of_twenty_is_at_least_ninety_five_percent() -> None:
    assert meets(target(comparison=Comparison.AT_LEAST, threshold=Decimal(95)), Share(19, 20))


def test_a_hundred_percent_needs_everyone() -> None:
    t = target(Measure.COLLECTIVE_TITLE, Comparison.ALL, None, title=Title.TTLDTT)
    assert meets(t, Share(6, 6)) is True
    assert meets(t, Share(5, 6)) is False


def test_a_share_of_nobody_is_not_judged() -> None:
    assert meets(target(), Share(0, 0)) is None


def test_three_introductions_meet_from_three_upward() -> None:
    t = target(Measure.COUNT, Comparison.AT_LEAST, 3, title=None)
    assert meets(t, 3) is True
    assert meets(t, 2) is False


# --- The term -----------------------------------------------------------------------------


def test_a_yearly_target_is_met_over_the_term_only_when_every_year_is() -> None:
    t = target(threshold=Decimal(90), years=(2018, 2020))
    result = evaluate(t, {2018: Share(24, 26), 2019: Share(25, 26), 2020: Share(26, 26)})
    assert [r.achieved for r in result.years] == [True, True, True]
    assert result.achieved is True
    assert result.explanation == "Đạt chỉ tiêu trên 90% trong mọi năm 2018 - 2020."


def test_one_missed_year_misses_the_term() -> None:
    t = target(threshold=Decimal(90), years=(2018, 2020))
    result = evaluate(t, {2018: Share(24, 26), 2019: Share(20, 26)})
    assert result.achieved is False
    assert result.explanation == "Không đạt chỉ tiêu trên 90% trong năm 2019."


def test_a_year_without_value_leaves_the_term_undecided() -> None:
    t = target(threshold=Decimal(90), years=(2018, 2020))
    result = evaluate(t, {2018: Share(24, 26)})
    assert result.achieved is None
    assert result.explanation == "Chưa có số liệu năm 2019, 2020."


def test_a_count_over_the_term_adds_up_and_is_met_as_soon_as_it_reaches() -> None:
    t = target(Measure.COUNT, Comparison.AT_LEAST, 3, title=None)
    assert evaluate(t, {2018: 1, 2019: 2}).achieved is True
    assert evaluate(t, {2018: 1, 2019: 2}).total == 3
    assert evaluate(t, {2018: 1}).achieved is None
    assert evaluate(t, dict.fromkeys(t.years, 0)).achieved is False


def test_charity_above_one_point_three_billion_over_the_term() -> None:
    t = target(Measure.MONEY, Comparison.ABOVE, 1_300_000_000, title=None, years=(2017, 2023))
    result = evaluate(t, {2018: 700_000_000, 2021: 650_000_000})
    assert result.achieved is True
    assert result.explanation == (
        "Cộng dồn 2017 - 2023: 1,4 tỷ đồng, chỉ tiêu trên 1,3 tỷ đồng: đạt."
    )


def test_at_most_over_the_term_is_missed_once_passed() -> None:
    t = target(Measure.COUNT, Comparison.AT_MOST, 2, title=None, years=(2018, 2019))
    assert evaluate(t, {2018: 3}).achieved is False
    assert evaluate(t, {2018: 1}).achieved is None
    assert evaluate(t, {2018: 1, 2019: 1}).achieved is True


def test_a_yes_no_over_the_term_is_its_latest_judgement() -> None:
    t = target(Measure.TEXT, Comparison.ALL, None, period=Period.TERM, title=None)
    assert evaluate(t, {2018: False, 2020: True}).achieved is True


# --- Words ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("t", "words"),
    [
        (target(threshold=Decimal(95)), "trên 95%"),
        (target(threshold=Decimal("95.5")), "trên 95,5%"),
        (target(Measure.COUNT, Comparison.AT_LEAST, 3, title=None), "từ 3 trở lên"),
        (target(Measure.COLLECTIVE_TITLE, Comparison.ALL, None, title=Title.TTLDTT), "100%"),
        (target(Measure.MONEY, Comparison.ABOVE, 1_300_000_000, title=None), "trên 1,3 tỷ đồng"),
        (target(Measure.YES_NO, Comparison.ALL, None, title=None), "đạt"),
        (target(comparison=Comparison.AT_MOST, threshold=Decimal(5)), "không quá 5%"),
    ],
)
def test_thresholds_read_as_the_resolution_words_them(t: Target, words: str) -> None:
    check_target(t)
    assert threshold_text(t) == words


def test_a_measured_share_shows_its_count() -> None:
    assert value_text(target(), Share(25, 26)) == "96,2% (25/26)"


def test_giỏi_việc_nước_is_counted_among_women() -> None:
    t = target(title=Title.GVNDVN)
    assert t.women_only
    assert t.clause == CL_GVNDVN


def test_the_classification_share_cites_rules_section_six() -> None:
    t = target(Measure.COLLECTIVE_LEVEL, Comparison.ALL, None, title=None, level=UnionLevel.GOOD)
    assert t.clause == CL_CLASSIFICATION


def test_tasks_completed_are_counted_from_a_level_of_the_emulation_engine() -> None:
    t = target(Measure.MEMBER_TASKS, title=None, level=TaskLevel.DONE)
    check_target(t)
    assert refused(target(Measure.MEMBER_TASKS, title=None, level="gioi")).field == "mức xếp loại"


# --- Properties ----------------------------------------------------------------------------

percents = st.decimals(min_value=0, max_value=100, places=1, allow_nan=False)


@given(threshold=percents)
def test_every_share_from_zero_to_a_hundred_is_a_valid_at_least_threshold(
    threshold: Decimal,
) -> None:
    check_target(target(comparison=Comparison.AT_LEAST, threshold=threshold))


@given(threshold=st.decimals(min_value=Decimal("100.1"), max_value=10**6, allow_nan=False))
def test_no_share_over_a_hundred_is_accepted(threshold: Decimal) -> None:
    with pytest.raises(TargetError):
        check_target(target(threshold=threshold))


@given(count=st.integers(max_value=-1))
def test_no_negative_count_is_accepted(count: int) -> None:
    with pytest.raises(TargetError):
        check_target(target(Measure.COUNT, Comparison.AT_LEAST, count, title=None))


@given(
    whole=st.integers(min_value=1, max_value=5000),
    data=st.data(),
    threshold=percents,
    comparison=st.sampled_from([Comparison.ABOVE, Comparison.AT_LEAST]),
)
def test_more_members_holding_the_title_never_turns_met_into_missed(
    whole: int, data: st.DataObject, threshold: Decimal, comparison: Comparison
) -> None:
    part = data.draw(st.integers(min_value=0, max_value=whole - 1))
    t = target(comparison=comparison, threshold=threshold)
    if meets(t, Share(part, whole)):
        assert meets(t, Share(part + 1, whole))


@given(
    whole=st.integers(min_value=1, max_value=5000),
    data=st.data(),
    threshold=st.integers(min_value=0, max_value=99),
)
def test_above_is_the_exact_integer_comparison(
    whole: int, data: st.DataObject, threshold: int
) -> None:
    part = data.draw(st.integers(min_value=0, max_value=whole))
    assert meets(target(threshold=Decimal(threshold)), Share(part, whole)) is (
        100 * part > threshold * whole
    )


@given(
    values=st.dictionaries(
        st.integers(min_value=2017, max_value=2022), st.integers(min_value=0, max_value=5)
    )
)
def test_a_term_count_is_the_sum_of_its_years_whatever_their_order(values: dict[int, int]) -> None:
    t = target(Measure.COUNT, Comparison.AT_LEAST, 3, title=None)
    forward = evaluate(t, values)
    backward = evaluate(t, dict(reversed(list(values.items()))))
    assert forward.total == backward.total == (sum(values.values()) if values else None)
    assert forward.achieved == backward.achieved
    if sum(values.values()) >= 3:
        assert forward.achieved is True


@given(
    met=st.dictionaries(st.integers(min_value=2017, max_value=2022), st.booleans()),
)
def test_a_yearly_verdict_is_missed_iff_some_year_is_missed(met: dict[int, bool]) -> None:
    t = target(Measure.YES_NO, Comparison.ALL, None, title=None)
    result = evaluate(t, met)
    if not all(met.values()):
        assert result.achieved is False
    elif len(met) == len(t.years):
        assert result.achieved is True
    else:
        assert result.achieved is None


def test_a_figure_a_review_reports_is_recorded_without_threshold_nor_verdict() -> None:
    t = target(Measure.MONEY, Comparison.RECORDED, None, title=None, years=(2017, 2023))
    check_target(t)
    result = evaluate(t, {2023: 1_300_000_000})
    assert (result.total, result.achieved) == (1_300_000_000, None)
    assert result.explanation == ("Cộng dồn 2017 - 2023: 1,3 tỷ đồng (ghi nhận, không đặt ngưỡng).")
    assert (
        refused(target(Measure.MONEY, Comparison.RECORDED, 5, title=None)).message
        == MSG_RECORDED_NO_THRESHOLD
    )


def test_a_yes_no_verdict_does_not_repeat_its_own_word() -> None:
    t = target(Measure.YES_NO, Comparison.ALL, None, title=None, years=(2017, 2019))
    assert evaluate(t, {2017: True, 2018: False}).explanation == "Không đạt trong năm 2018."
    assert evaluate(t, dict.fromkeys(t.years, True)).explanation == (
        "Đạt trong mọi năm 2017 - 2019."
    )


def test_a_count_with_no_year_typed_has_no_total_yet() -> None:
    result = evaluate(target(Measure.COUNT, Comparison.AT_LEAST, 3, title=None), {})
    assert (result.total, result.achieved) == (None, None)
    assert result.explanation.startswith("Chưa có số liệu năm 2017")


def test_the_activities_measures_are_counted_over_the_term_not_typed() -> None:
    counted = [m for m in Measure if m.from_activities]
    assert {m.value for m in counted} == {
        "gioi-thieu-cho-dang",
        "sang-kien",
        "de-tai-khoa-hoc",
        "mai-am-cong-doan",
        "tien-tu-thien-an-sinh",
    }
    for measure in counted:
        assert measure.measured and measure.periods[0] is Period.TERM
    assert Measure.CONTRIBUTIONS.kind is Kind.MONEY
    assert not Measure.COUNT.measured and not Measure.MONEY.measured  # the hand entry stays


@pytest.mark.parametrize(
    ("level", "wanted", "met"),
    [
        ("xuat-sac", "tot", True),
        ("tot", "tot", True),
        ("hoan-thanh", "tot", False),
        ("vung-manh", "vung-manh", True),
        ("kha", "vung-manh", False),
        ("yeu", "trung-binh", False),
        # The other scale, or no classification: no value (rules.md §6 gives no equivalence).
        ("vung-manh", "tot", None),
        ("xuat-sac", "vung-manh", None),
        (None, "tot", None),
    ],
)
def test_a_union_s_own_level_is_held_to_a_level_of_its_own_scale(
    level: str | None, wanted: str, met: bool | None
) -> None:
    assert unit_level_met(level, wanted) is met
