"""Giấy khen and Bằng khen amounts: a setting (rules.md §5 gives none), §5.1's base and rounding."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from daihoi.rules.emulation import (
    DEFAULT_SETTINGS,
    Award,
    EmulationInputError,
    award_amount,
)

DAY = datetime.date(2025, 12, 31)


@pytest.mark.parametrize(
    ("award", "collective", "amount"),
    [
        # 0,3 × 2.340.000 = 702.000, rounded up to tens of thousands (NĐ 152/2025 Điều 49).
        (Award.GIAY_KHEN, False, 710_000),
        # 0,6 × 2.340.000 = 1.404.000 -> 1.410.000.
        (Award.GIAY_KHEN, True, 1_410_000),
        # 1,0 × and 2,0 × 2.340.000: already round.
        (Award.BANG_KHEN, False, 2_340_000),
        (Award.BANG_KHEN, True, 4_680_000),
    ],
)
def test_default_award_amounts(award: Award, collective: bool, amount: int) -> None:
    reward = award_amount(award, collective=collective, day=DAY)
    assert reward.amount == amount
    assert isinstance(reward.amount, int)


def test_the_multiplier_is_a_setting() -> None:
    local = dataclasses.replace(DEFAULT_SETTINGS, award_tenths={(Award.BANG_KHEN, False): 15})
    # 1,5 × 2.340.000 = 3.510.000.
    assert award_amount(Award.BANG_KHEN, collective=False, day=DAY, settings=local).amount == (
        3_510_000
    )
    with pytest.raises(EmulationInputError) as caught:
        award_amount(Award.GIAY_KHEN, collective=True, day=DAY, settings=local)
    assert caught.value.message == "Giấy khen cho tập thể chưa có mức tiền thưởng trong cài đặt"


def test_golden_award_explanation() -> None:
    assert award_amount(Award.BANG_KHEN, collective=True, day=DAY).explanation == (
        "Bằng khen (tập thể): 2 × 2.340.000 đồng lương cơ sở, làm tròn lên hàng chục nghìn = "
        "4.680.000 đồng (§5.1 làm tròn (NĐ 152/2025 Điều 49); hệ số Giấy khen, Bằng khen: cài "
        "đặt, chưa kiểm chứng)."
    )
