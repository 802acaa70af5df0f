"""Use cases of the resolution targets: every write goes through these.

Each function checks the target or the value with ``daihoi.rules.targets`` and writes in one
transaction, or raises ``TermError`` naming the field and leaves the database as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max

from daihoi.congresses.models import Congress
from daihoi.rules import targets as rules
from daihoi.rules.emulation import Title
from daihoi.rules.names import nfc
from daihoi.rules.numbers import number_vi
from daihoi.term import errors
from daihoi.term.errors import FieldError, TermError
from daihoi.term.models import Target, TargetValue
from daihoi.units.services import hidden_character_errors

if TYPE_CHECKING:
    from daihoi.accounts.models import User

PREVIOUS_TERM_YEARS = 10
"""How far before its term a congress may record the previous term's results (rules.md §7.2)."""


@dataclass(frozen=True)
class TargetData:
    """What an officer types about a target."""

    text: str
    measure: str
    comparison: str
    period: str
    first_year: int
    last_year: int
    threshold: Decimal | None = None
    title: str = ""
    level: str = ""

    @classmethod
    def of(cls, target: Target) -> TargetData:
        return cls(
            text=target.text,
            measure=target.measure,
            comparison=target.comparison,
            period=target.period,
            first_year=target.first_year,
            last_year=target.last_year,
            threshold=target.threshold,
            title=target.title,
            level=target.level,
        )


def _choice[E: StrEnum](kind: type[E], value: str, field: str, message: str) -> E:
    try:
        return kind(value)
    except ValueError:
        raise TermError.on(field, message.format(value=value)) from None


def _rule(congress: Congress, data: TargetData) -> rules.Target:
    """Return the typed target, or raise TermError naming the first field that is wrong."""
    problems = hidden_character_errors(text=("Nội dung chỉ tiêu", data.text))
    if problems:
        raise TermError(*problems)
    if not nfc(data.text).strip():
        raise TermError.on("text", errors.TEXT_REQUIRED)
    measure = _choice(rules.Measure, data.measure, "measure", errors.MEASURE_UNKNOWN)
    comparison = _choice(rules.Comparison, data.comparison, "comparison", errors.COMPARISON_UNKNOWN)
    period = _choice(rules.Period, data.period, "period", errors.PERIOD_UNKNOWN)
    title = _choice(Title, data.title, "title", errors.TITLE_UNKNOWN) if data.title else None
    if not (
        congress.term_start - PREVIOUS_TERM_YEARS <= data.first_year
        and data.last_year <= congress.term_end
    ):
        raise TermError.on(
            "first_year",
            errors.YEARS_OUTSIDE_TERM.format(start=congress.term_start, end=congress.term_end),
        )
    threshold: Decimal | int | None = data.threshold
    target = rules.Target(
        measure=measure,
        comparison=comparison,
        threshold=threshold,
        period=period,
        first_year=data.first_year,
        last_year=data.last_year,
        title=title,
        level=data.level or None,
    )
    try:
        rules.check_target(target)
    except rules.TargetError as error:
        field, label = errors.FIELD_LABELS[error.field]
        raise TermError.on(field, errors.RULE.format(label=label, message=error.message)) from None
    return target


@transaction.atomic
def add_target(*, congress: Congress, data: TargetData, by: User | None) -> Target:
    """Add a target at the end of the congress's resolution."""
    _rule(congress, data)
    last = Target.objects.select_for_update().filter(congress=congress).aggregate(Max("position"))
    return Target.objects.create(
        congress=congress,
        position=(last["position__max"] or 0) + 1,
        created_by=by,
        **_fields(data),
    )


def _fields(data: TargetData) -> dict[str, object]:
    return {
        "text": nfc(data.text).strip(),
        "measure": data.measure,
        "comparison": data.comparison,
        "threshold": data.threshold,
        "period": data.period,
        "first_year": data.first_year,
        "last_year": data.last_year,
        "title": data.title,
        "level": data.level,
    }


@transaction.atomic
def change_target(*, target: Target, data: TargetData) -> Target:
    """Change a target's words or measure; values typed by hand must still fit it."""
    new = _rule(target.congress, data)
    values = list(target.values.all())
    if values and rules.Measure(target.measure).kind is not new.measure.kind:
        raise TermError.on(
            "measure", errors.VALUES_OF_OTHER_KIND.format(count=number_vi(len(values)))
        )
    if new.measure.measured and values:
        raise TermError.on(
            "measure", errors.VALUES_OF_OTHER_KIND.format(count=number_vi(len(values)))
        )
    outside = sorted(v.year for v in values if v.year not in new.years)
    if outside:
        raise TermError.on(
            "first_year",
            errors.VALUES_OUTSIDE_YEARS.format(years=", ".join(str(y) for y in outside)),
        )
    fields = _fields(data)
    for name, value in fields.items():
        setattr(target, name, value)
    target.save(update_fields=[*fields, "updated_at"])
    return target


@transaction.atomic
def remove_target(*, target: Target) -> None:
    """Remove a target and the values typed for it."""
    target.delete()


@dataclass(frozen=True)
class ValueData:
    """A year's value typed by hand: a number (a percentage, a count, đồng) or đạt / không đạt."""

    year: int
    number: Decimal | None = None
    achieved: bool | None = None
    note: str = ""
    evidence: str = ""


_WHAT = {
    rules.Kind.SHARE: "tỷ lệ (%)",
    rules.Kind.COUNT: "số lượng",
    rules.Kind.MONEY: "số tiền (đồng)",
    rules.Kind.YES_NO: "đạt hay không đạt",
}


def _typed_value(target: rules.Target, data: ValueData) -> rules.Value:
    kind = target.measure.kind
    year = data.year
    number = data.number
    if kind is rules.Kind.SHARE:
        if number is None:
            raise TermError.on("value", errors.VALUE_REQUIRED.format(what=_WHAT[kind], year=year))
        if not 0 <= number <= 100:
            raise TermError.on(
                "value", errors.PERCENT_RANGE.format(value=str(number).replace(".", ","))
            )
        return rules.Share.of_percent(number)
    if kind is rules.Kind.YES_NO:
        if data.achieved is None:
            raise TermError.on(
                "achieved", errors.VALUE_REQUIRED.format(what=_WHAT[kind], year=year)
            )
        return data.achieved
    what = _WHAT[kind]
    if number is None:
        raise TermError.on("value", errors.VALUE_REQUIRED.format(what=what, year=year))
    if number != number.to_integral_value():
        raise TermError.on("value", errors.AMOUNT_NOT_WHOLE.format(what=what.capitalize()))
    if number < 0:
        raise TermError.on(
            "value",
            errors.AMOUNT_NEGATIVE.format(what=what.capitalize(), value=number_vi(int(number))),
        )
    return int(number)


@transaction.atomic
def enter_value(*, target: Target, data: ValueData, by: User | None) -> TargetValue:
    """Type (or correct) a year's value of a target nothing in the app measures."""
    rule = target.rule()
    if rule.measure.measured:
        raise TermError.on(
            "year", errors.MEASURED_NOT_TYPED.format(measure=rule.measure.label, year=data.year)
        )
    if data.year not in rule.years:
        raise TermError.on(
            "year",
            errors.YEAR_OUTSIDE.format(year=data.year, first=rule.first_year, last=rule.last_year),
        )
    problems: list[FieldError] = hidden_character_errors(
        note=("Ghi chú", data.note), evidence=("Minh chứng", data.evidence)
    )
    if problems:
        raise TermError(*problems)
    value = _typed_value(rule, data)
    evidence = nfc(data.evidence).strip()
    if not evidence:
        raise TermError.on("evidence", errors.EVIDENCE_REQUIRED)
    kind = rule.measure.kind
    row, _created = TargetValue.objects.update_or_create(
        target=target,
        year=data.year,
        defaults={
            "percent": data.number if kind is rules.Kind.SHARE else None,
            "amount": value if kind in (rules.Kind.COUNT, rules.Kind.MONEY) else None,
            "achieved": value if kind is rules.Kind.YES_NO else None,
            "note": nfc(data.note).strip(),
            "evidence": evidence,
            "entered_by": by,
        },
    )
    return row


@transaction.atomic
def clear_value(*, target: Target, year: int) -> None:
    """Remove a year's typed value (the year reads "chưa có số liệu" again)."""
    target.values.filter(year=year).delete()
