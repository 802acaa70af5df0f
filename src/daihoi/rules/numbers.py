"""Numbers, percentages, dates and money written the Vietnamese way (``domain.md``, conventions).

Thousands are grouped with a dot and decimals follow a comma ("1.234,5"; "49,2%"). Rounding is
half up, done on exact integers or decimals: never on floating point.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Context, Decimal

_MILLION = 1_000_000
_BILLION = 1_000_000_000
# Below this amount money is written in full ("2.340.000 đồng"), above it in triệu or tỷ.
_SHORT_MONEY_FROM = 100 * _MILLION


def _group(digits: str) -> str:
    """Put a dot between each group of three digits, counting from the right."""
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return ".".join(groups)


def number_vi(n: int) -> str:
    """Write a whole number with dots between thousands: 1234 -> "1.234"."""
    sign = "-" if n < 0 else ""
    return sign + _group(str(abs(n)))


def _scaled(units: int, places: int) -> str:
    """Write units / 10**places with exactly ``places`` decimals: (12345, 1) -> "1.234,5"."""
    sign = "-" if units < 0 else ""
    whole, fraction = divmod(abs(units), 10**places)
    text = sign + _group(str(whole))
    if places:
        text += "," + str(fraction).zfill(places)
    return text


def _round_half_up(numerator: int, denominator: int) -> int:
    """Divide and round half away from zero, as ``ROUND_HALF_UP`` does."""
    if denominator < 0:
        numerator, denominator = -numerator, -denominator
    quotient, remainder = divmod(abs(numerator), denominator)
    if 2 * remainder >= denominator:
        quotient += 1
    return -quotient if numerator < 0 else quotient


def decimal_vi(d: Decimal | int, places: int) -> str:
    """Write a number with ``places`` decimals, rounded half up: (1234.5, 1) -> "1.234,5"."""
    if places < 0:
        raise ValueError(f"places must not be negative: {places}")
    value = Decimal(d)
    if not value.is_finite():
        raise ValueError(f"not a finite number: {d}")
    # Enough precision that quantize never overflows the default 28 digits.
    context = Context(prec=max(28, value.adjusted() + places + 2))
    units = int(value.scaleb(places, context).quantize(Decimal(1), ROUND_HALF_UP, context))
    return _scaled(units, places)


def percent_vi(part: int, whole: int, places: int = 1) -> str:
    """Write part/whole as a percentage rounded half up: (91, 185) -> "49,2%"; whole 0 -> "0%"."""
    if places < 0:
        raise ValueError(f"places must not be negative: {places}")
    if whole == 0:
        return "0%"
    units = _round_half_up(part * 100 * 10**places, whole)
    return _scaled(units, places) + "%"


def date_vi(d: datetime.date) -> str:
    """Write a date as official documents do: "ngày 08 tháng 02 năm 2020".

    Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II: days below 10 and the months 1 and 2 take a
    leading zero; months from 3 on do not.
    """
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def _short(units: int) -> str:
    """Write a count of tenths without a trailing ",0": 13 -> "1,3", 20 -> "2"."""
    whole, tenth = divmod(units, 10)
    return number_vi(whole) + (f",{tenth}" if tenth else "")


def money_vi(dong: int) -> str:
    """Write an amount of money in đồng: "2.340.000 đồng", "850 triệu đồng", "1,3 tỷ đồng".

    Amounts under 100 triệu are written in full, so they are exact. Larger ones are given in
    triệu or tỷ with one decimal, rounded half up, the way reports and speeches quote totals;
    a figure that must be exact (a reward, a fund balance) goes through ``number_vi``.
    """
    sign = "-" if dong < 0 else ""
    amount = abs(dong)
    if amount < _SHORT_MONEY_FROM:
        return f"{sign}{number_vi(amount)} đồng"
    # Tenths of a triệu; if rounding reaches 1.000 triệu, the amount reads in tỷ.
    millions = _round_half_up(amount * 10, _MILLION)
    if millions < 10_000:
        return f"{sign}{_short(millions)} triệu đồng"
    billions = _round_half_up(amount * 10, _BILLION)
    return f"{sign}{_short(billions)} tỷ đồng"


def years_before(day: datetime.date, years: int) -> datetime.date:
    """Return the same day ``years`` earlier; 29 February falls back to the 28th.

    Someone born on or before this day is at least ``years`` old on ``day``.
    """
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)
