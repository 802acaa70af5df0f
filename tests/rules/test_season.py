"""Season rules: working-day deadlines (§2.8), committee sizes (§2.12), delegate seats (§2.10)."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from hypothesis import given
from hypothesis import strategies as st

from daihoi.rules.season import (
    CO_SO_LADDER,
    MSG_ELECTED_OVER_ALLOCATED,
    MSG_SIZE_ABOVE,
    MSG_SIZE_BELOW,
    Calendar,
    CommitteeLevel,
    SeasonRuleError,
    add_working_days,
    check_committee_size,
    check_delegates_elected,
    committee_size_limit,
    recognition_deadline,
    working_days_between,
)

D = datetime.date
VN = Calendar.of(settings.DAIHOI_PUBLIC_HOLIDAYS, settings.DAIHOI_WORKING_WEEKENDS)
PLAIN = Calendar()


def test_ten_working_days_from_a_thursday_skip_two_weekends() -> None:
    # Thursday 6 March 2025: Fri 7, Mon 10 ... Fri 14, Mon 17 ... Thu 20 is the tenth.
    assert add_working_days(D(2025, 3, 6), 10, calendar=PLAIN) == D(2025, 3, 20)


def test_ten_working_days_across_tet_at_ty_skip_the_five_days_off() -> None:
    # File complete Thursday 23/1/2025; Tết: 27-31/1 off. Fri 24/1 is the first, Thu 13/2 the tenth.
    assert add_working_days(D(2025, 1, 23), 10, calendar=VN) == D(2025, 2, 13)
    assert add_working_days(D(2025, 1, 23), 10, calendar=PLAIN) == D(2025, 2, 6)


def test_the_bridge_day_of_may_2025_is_off_and_its_make_up_saturday_is_worked() -> None:
    # 25/4/2025 (Fri): Sat 26/4 is worked (1), Mon 28 (2), Tue 29 (3); 30/4, 1/5, 2/5 are off;
    # Mon 5/5 (4) ... Fri 9/5 (8), Mon 12/5 (9), Tue 13/5 (10).
    assert add_working_days(D(2025, 4, 25), 10, calendar=VN) == D(2025, 5, 13)
    assert VN.is_working_day(D(2025, 4, 26))
    assert not VN.is_working_day(D(2025, 5, 2))


def test_default_holidays_hold_the_fixed_holidays_of_2025_to_2027() -> None:
    days = set(settings.DAIHOI_PUBLIC_HOLIDAYS)
    for year in (2025, 2026, 2027):
        assert D(year, 1, 1) in days
        assert D(year, 9, 2) in days
        assert D(year, 4, 30) in days
    assert {D(2026, 2, 16), D(2026, 2, 20), D(2025, 5, 1), D(2026, 5, 1)} <= days
    assert all(d.weekday() < 5 for d in days), "a holiday listed on a weekend changes nothing"


def test_recognition_is_due_ten_working_days_after_a_complete_file_and_warns_when_late() -> None:
    on_time = recognition_deadline(
        file_complete_on=D(2025, 3, 6), today=D(2025, 3, 13), calendar=PLAIN
    )
    assert (on_time.due, on_time.used, on_time.left, on_time.overdue) == (
        D(2025, 3, 20),
        5,
        5,
        False,
    )
    assert "còn 5 ngày làm việc" in on_time.explanation
    late = recognition_deadline(
        file_complete_on=D(2025, 3, 6), today=D(2025, 3, 21), calendar=PLAIN
    )
    assert (late.used, late.left, late.overdue) == (11, 0, True)
    assert late.explanation.startswith("Quá hạn: hạn công nhận là ngày 20 tháng 3 năm 2025")
    due_day = recognition_deadline(
        file_complete_on=D(2025, 3, 6), today=D(2025, 3, 20), calendar=PLAIN
    )
    assert not due_day.overdue


def test_a_decision_is_judged_on_its_own_date_not_today() -> None:
    decided = recognition_deadline(
        file_complete_on=D(2025, 3, 6),
        today=D(2025, 6, 1),
        decided_on=D(2025, 3, 19),
        calendar=PLAIN,
    )
    assert decided.decided and not decided.overdue and decided.used == 9
    with pytest.raises(SeasonRuleError) as error:
        recognition_deadline(
            file_complete_on=D(2025, 3, 6),
            today=D(2025, 3, 6),
            decided_on=D(2025, 3, 5),
            calendar=PLAIN,
        )
    assert error.value.field == "ngày quyết định"


@pytest.mark.parametrize(
    ("members", "high"),
    [(0, 3), (49, 3), (50, 5), (149, 5), (150, 9), (499, 9), (500, 11), (999, 11), (1_000, 13),
     (2_999, 13), (3_000, 15), (7_000, 17), (10_000, 19), (15_000, 21), (20_000, 23),
     (24_999, 23), (25_000, 25), (300_000, 25)],
)  # fmt: skip
def test_a_grassroots_committee_follows_the_ladder_of_kh_22(members: int, high: int) -> None:
    limit = committee_size_limit(level=CommitteeLevel.CO_SO, members=members)
    assert (limit.low, limit.high) == (3, high)


def test_a_committee_too_large_is_refused_with_the_numbers() -> None:
    with pytest.raises(SeasonRuleError) as error:
        check_committee_size(level=CommitteeLevel.CO_SO, members=120, size=7)
    assert error.value.field == "số ủy viên"
    assert error.value.message == MSG_SIZE_ABOVE.format(
        size=7, high=5, members="120", clause="§2.12 – số lượng ủy viên ban chấp hành"
    )
    with pytest.raises(SeasonRuleError) as error:
        check_committee_size(level=CommitteeLevel.CO_SO, members=2_500, size=2)
    assert error.value.message == MSG_SIZE_BELOW.format(
        size=2, low=3, members="2.500", clause="§2.12 – số lượng ủy viên ban chấp hành"
    )


def test_other_levels_of_section_2_12() -> None:
    assert committee_size_limit(level=CommitteeLevel.BO_PHAN, members=40).high == 7
    assert committee_size_limit(level=CommitteeLevel.CO_SO_THANH_VIEN, members=900).high == 15
    assert committee_size_limit(level=CommitteeLevel.TAP_DOAN, members=90_000).high == 27
    assert committee_size_limit(level=CommitteeLevel.TINH, members=90_000).text == (
        "từ 15 đến 45 ủy viên"
    )
    assert committee_size_limit(level=CommitteeLevel.HA_NOI, members=1).high == 55
    assert committee_size_limit(level=CommitteeLevel.HO_CHI_MINH, members=1).high == 65
    assert committee_size_limit(level=CommitteeLevel.NOT_SET, members=10).high is None
    assert check_committee_size(level=CommitteeLevel.NOT_SET, members=10, size=31).low == 1


def test_delegates_elected_over_the_allocation_are_refused() -> None:
    check_delegates_elected(allocated=9, elected=9)
    with pytest.raises(SeasonRuleError) as error:
        check_delegates_elected(allocated=9, elected=10)
    assert error.value.message == MSG_ELECTED_OVER_ALLOCATED.format(
        elected=10, allocated=9, clause="§2.10 – số đại biểu chính thức do cấp trên phân bổ"
    )


# Properties -----------------------------------------------------------------------------------

days_2025_2027 = st.dates(min_value=D(2025, 1, 1), max_value=D(2027, 12, 31))
calendars = st.builds(
    Calendar.of,
    st.lists(days_2025_2027, max_size=30),
    st.lists(days_2025_2027.filter(lambda d: d.weekday() >= 5), max_size=5),
)


@given(start=days_2025_2027, days=st.integers(min_value=1, max_value=40), calendar=calendars)
def test_the_deadline_is_a_working_day_exactly_that_many_working_days_later(
    start: datetime.date, days: int, calendar: Calendar
) -> None:
    due = add_working_days(start, days, calendar=calendar)
    assert calendar.is_working_day(due)
    assert working_days_between(start, due, calendar=calendar) == days
    assert working_days_between(start, due - datetime.timedelta(days=1), calendar=calendar) == (
        days - 1
    )


@given(
    start=days_2025_2027,
    days=st.integers(min_value=0, max_value=40),
    holidays=st.lists(days_2025_2027, max_size=30),
    more=st.lists(days_2025_2027, max_size=10),
)
def test_more_holidays_never_bring_a_deadline_earlier(
    start: datetime.date, days: int, holidays: list[datetime.date], more: list[datetime.date]
) -> None:
    fewer = add_working_days(start, days, calendar=Calendar.of(holidays))
    later = add_working_days(start, days, calendar=Calendar.of([*holidays, *more]))
    assert start + datetime.timedelta(days=days) <= fewer <= later


@given(
    complete=days_2025_2027,
    today_offset=st.integers(min_value=0, max_value=60),
    calendar=calendars,
)
def test_overdue_exactly_when_today_is_past_the_due_day(
    complete: datetime.date, today_offset: int, calendar: Calendar
) -> None:
    today = complete + datetime.timedelta(days=today_offset)
    state = recognition_deadline(file_complete_on=complete, today=today, calendar=calendar)
    assert state.overdue == (today > state.due)
    assert state.overdue == (state.used > 10 or (state.used == 10 and today > state.due))
    if not state.overdue:
        assert state.used + state.left == 10


@given(members=st.integers(min_value=0, max_value=200_000), size=st.integers(1, 40))
def test_a_size_is_accepted_exactly_within_the_ladder(members: int, size: int) -> None:
    limit = committee_size_limit(level=CommitteeLevel.CO_SO, members=members)
    assert limit.high is not None
    accepted = True
    try:
        check_committee_size(level=CommitteeLevel.CO_SO, members=members, size=size)
    except SeasonRuleError as error:
        accepted = False
        assert str(size) in error.message
    assert accepted == (limit.low <= size <= limit.high)


@given(a=st.integers(0, 100_000), b=st.integers(0, 100_000))
def test_more_members_never_allow_a_smaller_committee(a: int, b: int) -> None:
    small, large = sorted((a, b))
    low = committee_size_limit(level=CommitteeLevel.CO_SO, members=small).high
    high = committee_size_limit(level=CommitteeLevel.CO_SO, members=large).high
    assert low is not None and high is not None and low <= high
    assert len(CO_SO_LADDER) == 10


@given(allocated=st.integers(0, 500), elected=st.integers(0, 500))
def test_delegates_are_accepted_exactly_up_to_the_allocation(allocated: int, elected: int) -> None:
    try:
        check_delegates_elected(allocated=allocated, elected=elected)
    except SeasonRuleError:
        assert elected > allocated
    else:
        assert elected <= allocated


@given(
    start=days_2025_2027,
    length=st.integers(min_value=-10, max_value=800),
    holidays=st.lists(days_2025_2027, max_size=30),
    worked=st.lists(days_2025_2027, max_size=10),
)
def test_counting_working_days_by_weeks_agrees_with_walking_day_by_day(
    start: datetime.date, length: int, holidays: list[datetime.date], worked: list[datetime.date]
) -> None:
    calendar = Calendar.of(holidays, worked)
    end = start + datetime.timedelta(days=length)
    walked = sum(
        1
        for k in range(1, max(length, 0) + 1)
        if calendar.is_working_day(start + datetime.timedelta(days=k))
    )
    assert working_days_between(start, end, calendar=calendar) == walked
