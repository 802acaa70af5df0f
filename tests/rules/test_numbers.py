from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal, localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daihoi.rules.numbers import date_vi, decimal_vi, money_vi, number_vi, percent_vi


def test_thousands_are_grouped_with_dots() -> None:
    assert number_vi(0) == "0"
    assert number_vi(999) == "999"
    assert number_vi(1234) == "1.234"
    assert number_vi(1_000_000) == "1.000.000"
    assert number_vi(8_558_063) == "8.558.063"
    assert number_vi(-1234) == "-1.234"


def test_decimals_follow_a_comma() -> None:
    assert decimal_vi(Decimal("1234.5"), 1) == "1.234,5"
    assert decimal_vi(Decimal("0.5"), 2) == "0,50"
    assert decimal_vi(1234, 0) == "1.234"
    assert decimal_vi(Decimal("-1234.56"), 1) == "-1.234,6"


def test_decimals_round_half_up() -> None:
    assert decimal_vi(Decimal("2.25"), 1) == "2,3"
    assert decimal_vi(Decimal("2.35"), 1) == "2,4"
    assert decimal_vi(Decimal("-2.25"), 1) == "-2,3"
    assert decimal_vi(Decimal("0.5"), 0) == "1"


def test_a_negative_number_that_rounds_to_zero_has_no_sign() -> None:
    assert decimal_vi(Decimal("-0.04"), 1) == "0,0"


def test_huge_decimals_do_not_overflow_the_context() -> None:
    assert decimal_vi(Decimal("1e40"), 2) == number_vi(10**40) + ",00"


def test_decimal_refuses_nan_and_negative_places() -> None:
    with pytest.raises(ValueError):
        decimal_vi(Decimal("NaN"), 1)
    with pytest.raises(ValueError):
        decimal_vi(Decimal(1), -1)


def test_percent_of_the_seed_002_women() -> None:
    # Seed 002: 185 members of whom 91 women (49,2%).
    assert percent_vi(91, 185) == "49,2%"


def test_percent_keeps_its_decimals() -> None:
    assert percent_vi(67, 100) == "67,0%"
    assert percent_vi(2, 3, places=2) == "66,67%"
    assert percent_vi(1, 3, places=0) == "33%"
    assert percent_vi(1000, 100, places=0) == "1.000%"


def test_percent_rounds_an_exact_half_up() -> None:
    # 1/8 = 12,5% exactly: a float path could round it either way.
    assert percent_vi(1, 8, places=0) == "13%"
    assert percent_vi(1, 16, places=1) == "6,3%"  # 6,25
    assert percent_vi(-1, 8, places=0) == "-13%"


def test_percent_of_nothing_is_zero() -> None:
    assert percent_vi(0, 0) == "0%"
    assert percent_vi(5, 0) == "0%"


@given(st.integers(-(10**9), 10**9), st.integers(1, 10**9), st.integers(0, 4))
def test_percent_matches_decimal_round_half_up(part: int, whole: int, places: int) -> None:
    # 40 significant digits: far more than a quotient of these sizes needs to round right.
    with localcontext(prec=40):
        exact = (Decimal(part) * 100 / Decimal(whole)).quantize(
            Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP
        )
    assert percent_vi(part, whole, places) == decimal_vi(exact, places) + "%"


def test_dates_follow_decree_30_2020() -> None:
    assert date_vi(datetime.date(2017, 12, 23)) == "ngày 23 tháng 12 năm 2017"
    assert date_vi(datetime.date(2020, 7, 8)) == "ngày 08 tháng 7 năm 2020"
    assert date_vi(datetime.date(2020, 2, 8)) == "ngày 08 tháng 02 năm 2020"
    assert date_vi(datetime.date(2023, 1, 1)) == "ngày 01 tháng 01 năm 2023"
    assert date_vi(datetime.date(2023, 3, 12)) == "ngày 12 tháng 3 năm 2023"
    assert date_vi(datetime.date(2017, 9, 19)) == "ngày 19 tháng 9 năm 2017"
    assert date_vi(datetime.date(2020, 10, 10)) == "ngày 10 tháng 10 năm 2020"


def test_small_money_is_written_in_full() -> None:
    assert money_vi(0) == "0 đồng"
    assert money_vi(2_340_000) == "2.340.000 đồng"
    assert money_vi(99_999_999) == "99.999.999 đồng"


def test_money_from_100_million_reads_in_trieu() -> None:
    assert money_vi(100_000_000) == "100 triệu đồng"
    assert money_vi(850_000_000) == "850 triệu đồng"
    assert money_vi(850_540_000) == "850,5 triệu đồng"
    assert money_vi(850_550_000) == "850,6 triệu đồng"


def test_money_from_one_billion_reads_in_ty() -> None:
    assert money_vi(1_300_000_000) == "1,3 tỷ đồng"
    assert money_vi(4_600_000_000) == "4,6 tỷ đồng"
    assert money_vi(1_000_000_000) == "1 tỷ đồng"
    assert money_vi(1_250_000_000) == "1,3 tỷ đồng"
    assert money_vi(1_500_000_000_000) == "1.500 tỷ đồng"


def test_money_that_rounds_to_a_thousand_trieu_reads_as_one_ty() -> None:
    assert money_vi(999_940_000) == "999,9 triệu đồng"
    assert money_vi(999_950_000) == "1 tỷ đồng"


def test_negative_money_keeps_its_sign() -> None:
    assert money_vi(-2_340_000) == "-2.340.000 đồng"
    assert money_vi(-1_300_000_000) == "-1,3 tỷ đồng"
