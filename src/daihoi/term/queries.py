"""Read side of the targets: each target's values year by year and its verdict.

Measured targets are counted from the records when shown: shares from the emulation records
(``daihoi.emulation.yearly.subtree_years``, six queries for every target of the congress),
counts and money from the activities the units record (``daihoi.activities.queries``, four
more); the others read the values typed by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone
from django.utils.safestring import SafeString

from daihoi.activities.queries import ActivityYear, subtree_activity_years
from daihoi.charts import Point, trend_svg
from daihoi.congresses.models import Congress
from daihoi.emulation.yearly import SubtreeYear, subtree_years
from daihoi.rules import targets as rules
from daihoi.rules.emulation import TaskLevel
from daihoi.term.models import Target, TargetValue
from daihoi.units.models import Unit, path_range


@dataclass(frozen=True)
class YearCell:
    year: int
    text: str
    achieved: bool | None
    typed: TargetValue | None  # the value typed by hand, with its note and evidence
    present: bool  # the year has a value (measured or typed)
    # No value, but a record that says why: the union's level on the other scale (rules.md §6).
    note: str = ""


@dataclass(frozen=True)
class TargetRow:
    target: Target
    rule: rules.Target
    result: rules.TermResult
    cells: list[YearCell]
    threshold_text: str
    verdict: str
    explanation: str
    chart: SafeString

    @property
    def total_text(self) -> str:
        return rules.value_text(self.rule, self.result.total)

    @property
    def measured(self) -> bool:
        return self.rule.measure.measured

    @property
    def notes(self) -> list[YearCell]:
        """The years without a value whose record says why (shown under the table)."""
        return [cell for cell in self.cells if cell.note]

    @property
    def recorded(self) -> bool:
        return self.rule.comparison is rules.Comparison.RECORDED

    @property
    def previous_term(self) -> bool:
        """A result of the term before this congress's (the review it heard)."""
        return (
            self.rule.last_year <= self.target.congress.term_start < self.target.congress.term_end
        )


def _at_least(level: str, counts: dict[str, int]) -> int:
    wanted = TaskLevel(level)
    return sum(n for value, n in counts.items() if TaskLevel(value).at_least(wanted))


def measured_value(rule: rules.Target, year: SubtreeYear) -> rules.Value | None:
    """Return the year's value as the emulation records give it; None when there are none."""
    measure = rule.measure
    if measure is rules.Measure.UNIT_LEVEL and rule.level:
        return rules.unit_level_met(year.unit_level, rule.level)
    if measure is rules.Measure.MEMBER_TITLE and rule.title is not None:
        if not year.members_recorded:
            return None
        if rule.women_only:
            return rules.Share(year.women_titles[rule.title], year.women)
        return rules.Share(year.member_titles[rule.title], year.members)
    if measure is rules.Measure.MEMBER_TASKS and rule.level:
        if not year.task_levels:
            return None
        # A member evaluated in two yearly campaigns of one year counts once at most.
        return rules.Share(min(_at_least(rule.level, year.task_levels), year.members), year.members)
    if measure is rules.Measure.COLLECTIVE_TITLE and rule.title is not None:
        if not year.collectives_recorded:
            return None
        return rules.Share(year.collective_titles[rule.title], year.collectives)
    if measure is rules.Measure.COLLECTIVE_LEVEL and rule.level:
        if not year.collective_levels:
            return None
        part = min(_at_least(rule.level, year.collective_levels), year.collectives)
        return rules.Share(part, year.collectives)
    return None


def activity_value(rule: rules.Target, year: ActivityYear) -> int:
    """Return the year's count or amount of the activity the target measures."""
    measure = rule.measure
    if measure is rules.Measure.PARTY_INTRODUCTIONS:
        return year.introductions
    if measure is rules.Measure.INITIATIVES:
        return year.initiatives
    if measure is rules.Measure.RESEARCH:
        return year.research
    if measure is rules.Measure.SHELTERS:
        return year.shelters
    return year.money_total  # CONTRIBUTIONS


def activity_values(
    rule: rules.Target, counted: dict[int, ActivityYear], *, this_year: int
) -> dict[int, rules.Value]:
    """Return each year's count or amount up to this year, from the units' records.

    A year still to come has no value yet (a sum over the term is not missed before its end);
    a term with no such record at all has no data, rather than a measured nought.
    """
    values: dict[int, rules.Value] = {
        year: activity_value(rule, counted[year]) for year in rule.years if year <= this_year
    }
    return values if any(values.values()) else {}


def _plotted(rule: rules.Target, value: rules.Value | None, running: int) -> Fraction | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return Fraction(1 if value else 0)
    if isinstance(value, rules.Share):
        return value.percent
    return Fraction(running if rule.period is rules.Period.TERM else value)


def _chart(rule: rules.Target, result: rules.TermResult) -> SafeString:
    kind = rule.measure.kind
    points: list[Point] = []
    running = 0
    for row in result.years:
        if isinstance(row.value, int) and not isinstance(row.value, bool):
            running += row.value
        points.append(Point(row.year, _plotted(rule, row.value, running), row.achieved))
    threshold: Fraction | None = None
    if kind is rules.Kind.SHARE:
        top = Fraction(100)
        threshold = (
            Fraction(100)
            if rule.comparison is rules.Comparison.ALL
            else Fraction(rule.threshold or 0)
        )
    elif kind is rules.Kind.YES_NO:
        top = Fraction(1)
    else:
        if rule.threshold is not None:
            threshold = Fraction(rule.threshold)
        values = [p.value for p in points if p.value is not None]
        top = max([*values, threshold or Fraction(0)]) * Fraction(11, 10)
    label = f"Diễn biến {rule.first_year} - {rule.last_year}, chỉ tiêu {rules.threshold_text(rule)}"
    return trend_svg(points, threshold=threshold, top=top, label=label)


def target_rows(
    congress: Congress, targets: Iterable[Target] | None = None, *, charts: bool = True
) -> list[TargetRow]:
    """Return each target of the congress with its yearly values, verdicts and chart."""
    if targets is None:
        targets = congress.targets.prefetch_related("values")
    targets = list(targets)
    measured_years = sorted(
        {
            y
            for t in targets
            if rules.Measure(t.measure).measured and not rules.Measure(t.measure).from_activities
            for y in t.rule().years
        }
    )
    counted = subtree_years(unit=congress.unit, years=measured_years) if measured_years else {}
    activity_years = sorted(
        {y for t in targets if rules.Measure(t.measure).from_activities for y in t.rule().years}
    )
    activities = (
        subtree_activity_years(unit=congress.unit, years=activity_years) if activity_years else {}
    )
    this_year = timezone.localdate().year
    rows = []
    for target in targets:
        target.congress = congress
        rule = target.rule()
        typed = {v.year: v for v in target.values.all()}
        values: dict[int, rules.Value]
        if rule.measure.from_activities:
            values = activity_values(rule, activities, this_year=this_year)
        elif rule.measure.measured:
            values = {}
            for year in rule.years:
                measured = measured_value(rule, counted[year])
                if measured is not None:
                    values[year] = measured
        else:
            values = {year: v.value() for year, v in typed.items() if year in rule.years}
        result = rules.evaluate(rule, values)
        notes: dict[int, str] = {}
        if rule.measure is rules.Measure.UNIT_LEVEL and rule.level:
            for year in rule.years:
                level = counted[year].unit_level
                if level is not None and year not in values:
                    notes[year] = rules.other_scale_note(level, rule.level)
        cells = [
            YearCell(
                year=row.year,
                text=rules.value_text(rule, row.value),
                achieved=row.achieved,
                typed=typed.get(row.year),
                present=row.value is not None,
                note=notes.get(row.year, ""),
            )
            for row in result.years
        ]
        rows.append(
            TargetRow(
                target=target,
                rule=rule,
                result=result,
                cells=cells,
                threshold_text=rules.threshold_text(rule),
                verdict=rules.verdict_text(
                    result.achieved, recorded=rule.comparison is rules.Comparison.RECORDED
                ),
                explanation=result.explanation,
                chart=_chart(rule, result) if charts else SafeString(""),
            )
        )
    return rows


@dataclass(frozen=True)
class CongressSummary:
    congress: Congress
    achieved: int
    missed: int
    open: int
    rows: list[TargetRow]

    @property
    def years(self) -> list[int]:
        return sorted({cell.year for row in self.rows for cell in row.cells})


def congresses_with_targets(unit: Unit) -> QuerySet[Congress]:
    """Return the congresses of the unit's subtree that adopted targets, by unit then newest."""
    low, high = path_range(unit.path)
    return (
        Congress.objects.filter(unit__path__gte=low, unit__path__lt=high)
        .annotate(target_count=Count("targets"))
        .filter(target_count__gt=0)
        .select_related("unit")
        .order_by("unit__path", "-term_start", "-id")
    )


def summaries(congresses: Iterable[Congress]) -> list[CongressSummary]:
    """Return each congress's targets judged, with how many were met, missed or still open."""
    result = []
    congresses = list(congresses)
    targets: dict[int, list[Target]] = {c.pk: [] for c in congresses}
    for target in Target.objects.filter(congress__in=congresses).prefetch_related(
        Prefetch("values", queryset=TargetValue.objects.order_by("year"))
    ):
        targets[target.congress_id].append(target)
    for congress in congresses:
        rows = target_rows(congress, targets[congress.pk], charts=False)
        judged = [r.result.achieved for r in rows if not r.recorded and not r.previous_term]
        result.append(
            CongressSummary(
                congress,
                achieved=sum(v is True for v in judged),
                missed=sum(v is False for v in judged),
                open=sum(v is None for v in judged),
                rows=rows,
            )
        )
    return result
