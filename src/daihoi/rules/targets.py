"""A congress resolution's targets (chỉ tiêu nghị quyết): what each measures and whether it is met.

A target measures one thing (``Measure``), compares it (``Comparison``: "trên", "từ ... trở lên",
"không quá", "100%" / "đạt") with a threshold, each year of the term or over the whole term
(``Period``). The values come from the app (emulation records) or are entered by hand; this
module only checks that a target and a value can be true and says, year by year and for the
term, whether the target was met.

The emulation titles and classifications measured are those of rules.md §5.1, §5.2 (titles) and
§6 (the yearly classification); a term is the years of rules.md §7.2. Shares are compared as
exact fractions (``2 * part > base`` style, rules.md's preamble), money is whole đồng.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from daihoi.rules.emulation import (
    CL_CLASSIFICATION,
    CL_GVNDVN,
    LegacyLevel,
    TaskLevel,
    Title,
    UnionLevel,
)
from daihoi.rules.numbers import decimal_vi, money_vi, number_vi, percent_vi

CL_TERM = "§7.2 – nhiệm kỳ"
CL_TITLES = "§5.1, §5.2 – danh hiệu thi đua"
CL_TASKS = "§5.1 – mức hoàn thành nhiệm vụ"

# Messages of TargetError (Vietnamese; the field is named by the error's ``field``).
MSG_NEED_THRESHOLD = "chỉ tiêu “{measure}” cần có ngưỡng (ví dụ: trên 95%)"
MSG_NO_THRESHOLD = "chỉ tiêu “{measure}” chỉ đánh giá đạt / không đạt, không có ngưỡng"
MSG_RECORDED_NO_THRESHOLD = "chỉ ghi nhận kết quả thì không đặt ngưỡng"
MSG_SHARE_RANGE = "tỷ lệ phải từ 0% đến 100% (nhận được: {value}%)"
MSG_ABOVE_ALL = "không thể “trên 100%”: chọn “100%”"
MSG_ALL_IS_HUNDRED = "“100%” không cần ngưỡng khác (nhận được: {value}%)"
MSG_NEGATIVE = "không được là số âm (nhận được: {value})"
MSG_NOT_WHOLE = "phải là số nguyên (nhận được: {value})"
MSG_COMPARISON = "cách so sánh “{comparison}” không dùng được cho chỉ tiêu “{measure}”"
MSG_PERIOD = "chỉ tiêu “{measure}” chỉ đo {period}"
MSG_TITLE_MISSING = "chỉ tiêu “{measure}” cần chọn danh hiệu"
MSG_TITLE_KIND = "danh hiệu “{title}” không dùng được cho chỉ tiêu “{measure}”"
MSG_TITLE_UNUSED = "chỉ tiêu “{measure}” không đo theo danh hiệu"
MSG_LEVEL_MISSING = "chỉ tiêu “{measure}” cần chọn mức xếp loại"
MSG_LEVEL_UNUSED = "chỉ tiêu “{measure}” không đo theo mức xếp loại"
MSG_YEARS = "năm bắt đầu ({first}) sau năm kết thúc ({last})"
MSG_YEAR_OUTSIDE = "năm {year} ngoài các năm của chỉ tiêu ({first} - {last})"
MSG_PART_OVER_WHOLE = "số đạt ({part}) nhiều hơn tổng số ({whole})"
MSG_VALUE_KIND = "giá trị không đúng loại của chỉ tiêu “{measure}”"


class TargetError(ValueError):
    """A target or a value that cannot be true (a share over 100%, a negative count)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(field, message)
        self.field = field
        self.message = message

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class Kind(StrEnum):
    """The kind of value a measure gives."""

    SHARE = "ty-le"
    COUNT = "so-luong"
    MONEY = "so-tien"
    YES_NO = "dat-khong-dat"


class Period(StrEnum):
    """Whether a target must be met each year of the term or over the term as a whole."""

    YEARLY = "hang-nam"
    TERM = "ca-nhiem-ky"

    @property
    def label(self) -> str:
        return "hằng năm" if self is Period.YEARLY else "cả nhiệm kỳ"


class Measure(StrEnum):
    """What a target measures; ``measured`` ones come from the app's records."""

    MEMBER_TITLE = "doan-vien-dat-danh-hieu"
    COLLECTIVE_TITLE = "tap-the-dat-danh-hieu"
    COLLECTIVE_LEVEL = "tap-the-xep-loai"
    UNIT_LEVEL = "don-vi-xep-loai"  # the congress's own union, from its classification (§6)
    MEMBER_TASKS = "doan-vien-hoan-thanh-nhiem-vu"
    SHARE_BY_HAND = "ty-le-nhap-tay"
    COUNT = "so-luong-trong-nhiem-ky"
    MONEY = "so-tien-trong-nhiem-ky"
    YES_NO = "dat-khong-dat-hang-nam"
    TEXT = "noi-dung-khac"
    # Counted from the activities the units record (rules.md §7.2: over the term's years).
    PARTY_INTRODUCTIONS = "gioi-thieu-cho-dang"
    INITIATIVES = "sang-kien"
    RESEARCH = "de-tai-khoa-hoc"
    SHELTERS = "mai-am-cong-doan"
    CONTRIBUTIONS = "tien-tu-thien-an-sinh"

    @property
    def label(self) -> str:
        return _MEASURE_LABELS[self]

    @property
    def kind(self) -> Kind:
        return _MEASURE_KINDS[self]

    @property
    def measured(self) -> bool:
        """Tell whether the app measures it from its records (else it is entered by hand)."""
        return self in _MEASURED

    @property
    def from_activities(self) -> bool:
        """Tell whether it counts the units' recorded activities (introductions, money...)."""
        return self.value in _FROM_ACTIVITIES

    @property
    def periods(self) -> tuple[Period, ...]:
        """The periods it can be judged over, the usual one first."""
        if self.kind is Kind.SHARE:
            return (Period.YEARLY,)  # a share is of one year's members or collectives
        if self.kind in (Kind.COUNT, Kind.MONEY):
            return (Period.TERM, Period.YEARLY)
        return (Period.YEARLY, Period.TERM)


_FROM_ACTIVITIES = frozenset(
    {
        "gioi-thieu-cho-dang",
        "sang-kien",
        "de-tai-khoa-hoc",
        "mai-am-cong-doan",
        "tien-tu-thien-an-sinh",
    }
)
_MEASURE_LABELS: Mapping[Measure, str] = {
    Measure.MEMBER_TITLE: "Tỷ lệ đoàn viên đạt danh hiệu thi đua trong năm",
    Measure.COLLECTIVE_TITLE: "Tỷ lệ tập thể đạt danh hiệu thi đua trong năm",
    Measure.COLLECTIVE_LEVEL: "Tỷ lệ tập thể (công đoàn cấp dưới) được xếp loại từ một mức trở lên",
    Measure.UNIT_LEVEL: "Công đoàn (đơn vị tổ chức đại hội) được xếp loại từ một mức trở lên",
    Measure.MEMBER_TASKS: "Tỷ lệ đoàn viên hoàn thành nhiệm vụ từ một mức trở lên",
    Measure.SHARE_BY_HAND: "Tỷ lệ khác (nhập tay từng năm)",
    Measure.COUNT: "Số lượng (nhập tay, cộng dồn cả nhiệm kỳ)",
    Measure.MONEY: "Số tiền (nhập tay, cộng dồn cả nhiệm kỳ)",
    Measure.YES_NO: "Đạt / không đạt (nhập tay từng năm)",
    Measure.TEXT: "Nội dung khác (đánh giá bằng tay, có ghi chú và minh chứng)",
    Measure.PARTY_INTRODUCTIONS: "Số đoàn viên ưu tú giới thiệu cho Đảng (cộng dồn cả nhiệm kỳ)",
    Measure.INITIATIVES: "Số sáng kiến được công nhận (cộng dồn cả nhiệm kỳ)",
    Measure.RESEARCH: "Số đề tài nghiên cứu khoa học được nghiệm thu (cộng dồn cả nhiệm kỳ)",
    Measure.SHELTERS: "Số mái ấm công đoàn xây, sửa (cộng dồn cả nhiệm kỳ)",
    Measure.CONTRIBUTIONS: (
        "Số tiền từ thiện, mái ấm công đoàn, hỗ trợ đoàn viên (cộng dồn cả nhiệm kỳ)"
    ),
}
_MEASURE_KINDS: Mapping[Measure, Kind] = {
    Measure.MEMBER_TITLE: Kind.SHARE,
    Measure.COLLECTIVE_TITLE: Kind.SHARE,
    Measure.COLLECTIVE_LEVEL: Kind.SHARE,
    Measure.UNIT_LEVEL: Kind.YES_NO,
    Measure.MEMBER_TASKS: Kind.SHARE,
    Measure.SHARE_BY_HAND: Kind.SHARE,
    Measure.COUNT: Kind.COUNT,
    Measure.MONEY: Kind.MONEY,
    Measure.YES_NO: Kind.YES_NO,
    Measure.TEXT: Kind.YES_NO,
    Measure.PARTY_INTRODUCTIONS: Kind.COUNT,
    Measure.INITIATIVES: Kind.COUNT,
    Measure.RESEARCH: Kind.COUNT,
    Measure.SHELTERS: Kind.COUNT,
    Measure.CONTRIBUTIONS: Kind.MONEY,
}
_MEASURED = frozenset(
    {
        Measure.MEMBER_TITLE,
        Measure.COLLECTIVE_TITLE,
        Measure.COLLECTIVE_LEVEL,
        Measure.UNIT_LEVEL,
        Measure.MEMBER_TASKS,
        *(m for m in Measure if m.from_activities),
    }
)


class Comparison(StrEnum):
    """How the value is held against the threshold, in the resolution's words."""

    ABOVE = "tren"  # "trên 95%": strictly more
    AT_LEAST = "tu-tro-len"  # "từ 03 ... trở lên": at least
    AT_MOST = "khong-qua"  # "không quá 5%": at most
    ALL = "dat"  # "100%" of a share, "đạt" of a yes / no
    RECORDED = "ghi-nhan"  # a figure a review reports without a threshold ("trên 1,3 tỷ đồng")

    @property
    def label(self) -> str:
        return _COMPARISON_LABELS[self]


_COMPARISON_LABELS: Mapping[Comparison, str] = {
    Comparison.ABOVE: "trên",
    Comparison.AT_LEAST: "từ ... trở lên",
    Comparison.AT_MOST: "không quá",
    Comparison.ALL: "100% / đạt",
    Comparison.RECORDED: "ghi nhận kết quả (không đặt ngưỡng)",
}


def comparisons_for(measure: Measure) -> tuple[Comparison, ...]:
    """Return the comparisons a measure's values can be held to."""
    kind = measure.kind
    if kind is Kind.YES_NO:
        return (Comparison.ALL,)
    if kind is Kind.SHARE:
        return (Comparison.ABOVE, Comparison.AT_LEAST, Comparison.AT_MOST, Comparison.ALL)
    return (Comparison.ABOVE, Comparison.AT_LEAST, Comparison.AT_MOST, Comparison.RECORDED)


@dataclass(frozen=True)
class Share:
    """``part`` of ``whole`` (members, collectives): the year's measured or entered share."""

    part: int
    whole: int

    @property
    def percent(self) -> Fraction | None:
        return None if self.whole == 0 else Fraction(100 * self.part, self.whole)

    @classmethod
    def of_percent(cls, percent: Decimal) -> Share:
        """Return a share typed by hand as a percentage ("95,5" -> 955/1000)."""
        exponent = percent.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        scale = 10**places
        return cls(int(percent * scale), 100 * scale)


Value = Share | int | bool
"""A year's value: a share, a count or an amount in đồng, or đạt (True) / không đạt (False)."""


@dataclass(frozen=True)
class Target:
    """One target as the resolution words it, typed."""

    measure: Measure
    comparison: Comparison
    threshold: Decimal | int | None  # share: percent; count: number; money: đồng
    period: Period
    first_year: int
    last_year: int
    title: Title | None = None  # MEMBER_TITLE, COLLECTIVE_TITLE
    level: str | None = None  # COLLECTIVE_LEVEL: a UnionLevel; MEMBER_TASKS: a TaskLevel

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)

    @property
    def women_only(self) -> bool:
        """Tell whether the share is of women members only (Giỏi việc nước, rules.md §5.2)."""
        return self.measure is Measure.MEMBER_TITLE and self.title is Title.GVNDVN

    @property
    def clause(self) -> str:
        """The clause of rules.md that defines what is counted."""
        if self.measure is Measure.MEMBER_TITLE and self.title is Title.GVNDVN:
            return CL_GVNDVN
        if self.measure in (Measure.MEMBER_TITLE, Measure.COLLECTIVE_TITLE):
            return CL_TITLES
        if self.measure in (Measure.COLLECTIVE_LEVEL, Measure.UNIT_LEVEL):
            return CL_CLASSIFICATION
        if self.measure is Measure.MEMBER_TASKS:
            return CL_TASKS
        return CL_TERM


def _check_whole(field: str, value: Decimal | int) -> int:
    if isinstance(value, Decimal) and value != value.to_integral_value():
        raise TargetError(field, MSG_NOT_WHOLE.format(value=decimal_vi(value, 2)))
    if value < 0:
        raise TargetError(field, MSG_NEGATIVE.format(value=number_vi(int(value))))
    return int(value)


def _percent_text(value: Decimal | int) -> str:
    text = decimal_vi(Decimal(value), 2)
    return text.rstrip("0").rstrip(",")


def check_target(target: Target) -> None:
    """Refuse a target that cannot be met or measured, naming the field (rules.md §5, §6, §7.2).

    A share's threshold is a percentage from 0 to 100 ("trên 100%" is impossible, "100%" needs
    none); a count or an amount is a whole number, never negative; a yes / no has no threshold.
    """
    measure = target.measure
    if target.first_year > target.last_year:
        raise TargetError("năm", MSG_YEARS.format(first=target.first_year, last=target.last_year))
    if target.period not in measure.periods:
        raise TargetError(
            "thời gian đánh giá",
            MSG_PERIOD.format(measure=measure.label, period=measure.periods[0].label),
        )
    if target.comparison not in comparisons_for(measure):
        raise TargetError(
            "cách so sánh",
            MSG_COMPARISON.format(comparison=target.comparison.label, measure=measure.label),
        )
    _check_title_and_level(target)
    threshold = target.threshold
    if measure.kind is Kind.YES_NO:
        if threshold is not None:
            raise TargetError("ngưỡng", MSG_NO_THRESHOLD.format(measure=measure.label))
        return
    if measure.kind is Kind.SHARE:
        _check_share_threshold(target.comparison, threshold, measure)
        return
    if target.comparison is Comparison.RECORDED:
        if threshold is not None:
            raise TargetError("ngưỡng", MSG_RECORDED_NO_THRESHOLD)
        return
    if threshold is None:
        raise TargetError("ngưỡng", MSG_NEED_THRESHOLD.format(measure=measure.label))
    _check_whole("ngưỡng", threshold)


def _check_share_threshold(
    comparison: Comparison, threshold: Decimal | int | None, measure: Measure
) -> None:
    if comparison is Comparison.ALL:
        if threshold is not None and Decimal(threshold) != 100:
            raise TargetError("ngưỡng", MSG_ALL_IS_HUNDRED.format(value=_percent_text(threshold)))
        return
    if threshold is None:
        raise TargetError("ngưỡng", MSG_NEED_THRESHOLD.format(measure=measure.label))
    if not 0 <= threshold <= 100:
        raise TargetError("ngưỡng", MSG_SHARE_RANGE.format(value=_percent_text(threshold)))
    if comparison is Comparison.ABOVE and threshold == 100:
        raise TargetError("ngưỡng", MSG_ABOVE_ALL)


def _check_title_and_level(target: Target) -> None:
    measure, title, level = target.measure, target.title, target.level
    if measure in (Measure.MEMBER_TITLE, Measure.COLLECTIVE_TITLE):
        if title is None:
            raise TargetError("danh hiệu", MSG_TITLE_MISSING.format(measure=measure.label))
        if title.collective != (measure is Measure.COLLECTIVE_TITLE):
            raise TargetError(
                "danh hiệu", MSG_TITLE_KIND.format(title=title.label, measure=measure.label)
            )
    elif title is not None:
        raise TargetError("danh hiệu", MSG_TITLE_UNUSED.format(measure=measure.label))
    levels = _levels(measure)
    if levels:
        if level not in levels:
            raise TargetError("mức xếp loại", MSG_LEVEL_MISSING.format(measure=measure.label))
    elif level is not None:
        raise TargetError("mức xếp loại", MSG_LEVEL_UNUSED.format(measure=measure.label))


def _levels(measure: Measure) -> tuple[str, ...]:
    if measure is Measure.COLLECTIVE_LEVEL:
        return tuple(UnionLevel)
    if measure is Measure.UNIT_LEVEL:
        return (*UnionLevel, *LegacyLevel)
    if measure is Measure.MEMBER_TASKS:
        return tuple(TaskLevel)
    return ()


def level_label(measure: Measure, level: str) -> str:
    """Return a level's words as the targets say them ("hoàn thành tốt nhiệm vụ")."""
    if measure is Measure.COLLECTIVE_LEVEL:
        return UnionLevel(level).label.lower()
    if measure is Measure.UNIT_LEVEL:
        if level in {lvl.value for lvl in LegacyLevel}:
            return LegacyLevel(level).label.lower()
        return UnionLevel(level).label.lower()
    return TaskLevel(level).label


_UNION_ORDER = tuple(UnionLevel)
_LEGACY_ORDER = tuple(LegacyLevel)


def unit_level_met(level: str | None, wanted: str) -> bool | None:
    """Tell whether a union's classification of a year is ``wanted`` or better (rules.md §6).

    Levels are compared on their own scale only: a year classified on the other scale (before
    2019 vững mạnh … yếu, from 2019 hoàn thành xuất sắc … không hoàn thành nhiệm vụ) or not
    classified has no value (None), as rules.md gives no equivalence between the two.
    """
    for order in (_UNION_ORDER, _LEGACY_ORDER):
        values = [lvl.value for lvl in order]
        if wanted in values:
            if level not in values:
                return None
            return values.index(level) <= values.index(wanted)
    return None


def other_scale_note(level: str, wanted: str) -> str:
    """Say why a year classified on the other scale has no value for a union's level target.

    rules.md §6 gives no equivalence between the older scale (vững mạnh … yếu, before 2019)
    and the 100-point one (from 2019): "Hoàn thành tốt nhiệm vụ (thang điểm khác, không so
    được với mức vững mạnh)".
    """
    found = level_label(Measure.UNIT_LEVEL, level)
    return (
        f"{found[:1].upper()}{found[1:]} (thang điểm khác, không so được với mức "
        f"{level_label(Measure.UNIT_LEVEL, wanted)})"
    )


def check_value(target: Target, year: int, value: Value) -> None:
    """Refuse a year's value that cannot be true for the target (a part over its whole)."""
    if year not in target.years:
        raise TargetError(
            "năm",
            MSG_YEAR_OUTSIDE.format(year=year, first=target.first_year, last=target.last_year),
        )
    kind = target.measure.kind
    if kind is Kind.YES_NO:
        if not isinstance(value, bool):
            raise TargetError("giá trị", MSG_VALUE_KIND.format(measure=target.measure.label))
        return
    if kind is Kind.SHARE:
        if not isinstance(value, Share):
            raise TargetError("giá trị", MSG_VALUE_KIND.format(measure=target.measure.label))
        if value.part < 0 or value.whole < 0:
            raise TargetError(
                "giá trị", MSG_NEGATIVE.format(value=number_vi(min(value.part, value.whole)))
            )
        if value.part > value.whole:
            raise TargetError(
                "giá trị", MSG_PART_OVER_WHOLE.format(part=value.part, whole=value.whole)
            )
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise TargetError("giá trị", MSG_VALUE_KIND.format(measure=target.measure.label))
    if value < 0:
        raise TargetError("giá trị", MSG_NEGATIVE.format(value=number_vi(value)))


def meets(target: Target, value: Value) -> bool | None:
    """Tell whether one value meets the target; None when a share has nobody to count.

    A recorded figure (``Comparison.RECORDED``) is never judged.
    """
    comparison = target.comparison
    if comparison is Comparison.RECORDED:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, Share):
        percent = value.percent
        if percent is None:
            return None
        if comparison is Comparison.ALL:
            return value.part == value.whole
        return _compare(comparison, percent, Fraction(Decimal(target.threshold or 0)))
    return _compare(comparison, Fraction(value), Fraction(target.threshold or 0))


def _compare(comparison: Comparison, value: Fraction, threshold: Fraction) -> bool:
    if comparison is Comparison.ABOVE:
        return value > threshold
    if comparison is Comparison.AT_LEAST:
        return value >= threshold
    return value <= threshold  # AT_MOST; ALL is handled by the caller


@dataclass(frozen=True)
class YearResult:
    year: int
    value: Value | None
    achieved: bool | None  # None: no value yet, or not judged year by year


@dataclass(frozen=True)
class TermResult:
    """The target over its years: each year's value and verdict, the term's total and verdict."""

    target: Target
    years: tuple[YearResult, ...]
    total: Value | None  # the sum over the term (count, money); else None
    achieved: bool | None  # None: not decided yet (a year has no value, a sum is still short)

    @property
    def explanation(self) -> str:
        return explain(self)


def evaluate(target: Target, values: Mapping[int, Value]) -> TermResult:
    """Judge the target year by year and over the term (rules.md §7.2: the term's years).

    Yearly: each year with a value is met or not; the term is met when every year is, missed
    as soon as one year is missed, undecided while a year has no value. Over the term: counts
    and amounts add up, and "trên" / "từ ... trở lên" is met as soon as the sum reaches the
    threshold (sums only grow), "không quá" missed as soon as it passes it; otherwise the verdict
    waits for the last year. A yes / no over the term is its latest judgement.
    """
    for year, value in values.items():
        check_value(target, year, value)
    yearly = target.period is Period.YEARLY
    rows = tuple(
        YearResult(
            year,
            values.get(year),
            meets(target, values[year]) if yearly and year in values else None,
        )
        for year in target.years
    )
    complete = all(year in values for year in target.years)
    if yearly:
        verdicts = [row.achieved for row in rows]
        if any(v is False for v in verdicts):
            return TermResult(target, rows, None, False)
        done = complete and all(v is True for v in verdicts)
        return TermResult(target, rows, None, True if done else None)
    if target.measure.kind is Kind.YES_NO:
        judged = [values[y] for y in target.years if y in values]
        return TermResult(target, rows, None, bool(judged[-1]) if judged else None)
    total = 0
    for year in target.years:
        amount = values.get(year)
        if isinstance(amount, int) and not isinstance(amount, bool):
            total += amount
    if not values:
        return TermResult(target, rows, None, None)
    met = meets(target, total)
    if target.comparison is Comparison.RECORDED:
        return TermResult(target, rows, total, None)
    if target.comparison is Comparison.AT_MOST:
        achieved: bool | None = False if not met else (True if complete else None)
    else:
        achieved = True if met else (False if complete else None)
    return TermResult(target, rows, total, achieved)


def threshold_text(target: Target) -> str:
    """Say the comparison and threshold as a resolution does: "trên 95%", "từ 3 trở lên"."""
    kind = target.measure.kind
    if kind is Kind.YES_NO:
        return "đạt"
    if target.comparison is Comparison.ALL:
        return "100%"
    if target.comparison is Comparison.RECORDED:
        return "ghi nhận kết quả"
    threshold = target.threshold or 0
    if kind is Kind.SHARE:
        amount = _percent_text(threshold) + "%"
    elif kind is Kind.MONEY:
        amount = money_vi(int(threshold))
    else:
        amount = number_vi(int(threshold))
    if target.comparison is Comparison.AT_LEAST:
        return f"từ {amount} trở lên"
    return f"{target.comparison.label} {amount}"


def value_text(target: Target, value: Value | None) -> str:
    """Write a value as the dashboard and the review show it: "96,2% (25/26)", "1,3 tỷ đồng"."""
    if value is None:
        return "chưa có số liệu"
    if isinstance(value, bool):
        return "Đạt" if value else "Không đạt"
    if isinstance(value, Share):
        if value.whole == 0:
            return "không có ai để tính"
        if target.measure is Measure.SHARE_BY_HAND:
            return percent_vi(value.part, value.whole)
        return f"{percent_vi(value.part, value.whole)} ({value.part}/{value.whole})"
    if target.measure.kind is Kind.MONEY:
        return money_vi(value)
    return number_vi(value)


def verdict_text(achieved: bool | None, *, recorded: bool = False) -> str:
    if recorded:
        return "Ghi nhận kết quả"
    if achieved is None:
        return "Chưa đủ số liệu"
    return "Đạt" if achieved else "Không đạt"


def explain(result: TermResult) -> str:
    """Say in one Vietnamese sentence why the term's verdict is what it is."""
    target = result.target
    wanted = threshold_text(target)
    if target.comparison is Comparison.RECORDED:
        if result.total is None:
            return "Chưa có số liệu."
        return (
            f"Cộng dồn {target.first_year} - {target.last_year}: "
            f"{value_text(target, result.total)} (ghi nhận, không đặt ngưỡng)."
        )
    if target.period is Period.TERM and result.total is not None:
        return (
            f"Cộng dồn {target.first_year} - {target.last_year}: "
            f"{value_text(target, result.total)}, chỉ tiêu {wanted}: "
            f"{verdict_text(result.achieved).lower()}."
        )
    # A yes / no target is its own words: "đạt" needs no repeating.
    wanted = "" if target.measure.kind is Kind.YES_NO else f" chỉ tiêu {wanted}"
    missed = [str(r.year) for r in result.years if r.achieved is False]
    if missed:
        return f"Không đạt{wanted} trong năm {', '.join(missed)}."
    waiting = [str(r.year) for r in result.years if r.value is None]
    if result.achieved is None and waiting:
        return f"Chưa có số liệu năm {', '.join(waiting)}."
    if result.achieved is None:
        return "Chưa đủ số liệu để đánh giá."
    if target.period is Period.TERM:
        return f"Đạt{wanted} ({target.first_year} - {target.last_year})."
    return f"Đạt{wanted} trong mọi năm {target.first_year} - {target.last_year}."
