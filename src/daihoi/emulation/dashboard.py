"""The emulation dashboard of a unit's subtree over a range of years (read-only).

For each year: the members (active, joined by the end of the year) and the collectives (the
units below); how many members hold each title and reward and their share (Giỏi việc nước, đảm
việc nhà: of the women); their task levels; how many collectives hold each collective title or
reward and their share, their task levels; the decided rewards' amounts; and the activities the
reviews count (initiatives, research projects, contributions: ``activities.queries``). Counted
from the year tallies (``rollup``) and the activities' four queries. Shares are exact to 0,1%.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import IO

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from daihoi.activities.models import ContributionKind
from daihoi.activities.queries import ActivityYear, subtree_activity_years
from daihoi.charts import Point, trend_svg
from daihoi.emulation.models import (
    COLLECTIVE_TITLE_CHOICES,
    INDIVIDUAL_TITLE_CHOICES,
    AwardChoice,
    ClassificationLevel,
    TaskLevelChoice,
)
from daihoi.emulation.yearly import UNION_LEVELS, SubtreeYear, subtree_years
from daihoi.imports.spreadsheets import BOLD, BOX, HEADER_FILL, TITLE, WRAP_CENTER, safe_text
from daihoi.rules.emulation import Title
from daihoi.rules.numbers import number_vi
from daihoi.units.models import Unit

MOST_YEARS = 10
"""The longest range of years one dashboard shows."""

YEARS_WRONG = "Khoảng năm không hợp lệ: từ năm {first} đến năm {last} (tối đa {most} năm)."


@dataclass(frozen=True)
class Cell:
    count: int | None  # None: no data that year
    base: int  # what the share is of (members, women, collectives); 0: no share
    amount: int | None = None  # đồng, for money rows

    @property
    def share(self) -> Fraction | None:
        if self.count is None or not self.base:
            return None
        return Fraction(self.count * 100, self.base)

    @property
    def text(self) -> str:
        if self.amount is not None:
            return number_vi(self.amount)
        if self.count is None:
            return "–"
        share = self.share
        if share is None:
            return number_vi(self.count)
        tenths = round(share * 10)
        return f"{number_vi(self.count)} ({tenths // 10},{tenths % 10}%)"


@dataclass(frozen=True)
class Line:
    label: str
    cells: list[Cell]
    chart: SafeString | None = None


@dataclass(frozen=True)
class Section:
    heading: str
    lines: list[Line]


@dataclass(frozen=True)
class Dashboard:
    unit: Unit
    years: list[int]
    sections: list[Section]


def _chart(label: str, years: list[int], cells: list[Cell]) -> SafeString | None:
    points = [Point(year, cell.share, None) for year, cell in zip(years, cells, strict=True)]
    if sum(p.value is not None for p in points) < 2 or not any(c.count for c in cells):
        return None
    return trend_svg(points, threshold=None, top=Fraction(100), label=label)


def _counted(
    label: str,
    years: list[int],
    count: Callable[[SubtreeYear], int | None],
    base: Callable[[SubtreeYear], int],
    figures: dict[int, SubtreeYear],
    *,
    chart: bool = True,
) -> Line:
    cells = [Cell(count(figures[y]), base(figures[y])) for y in years]
    return Line(label, cells, _chart(label, years, cells) if chart else None)


def _money(label: str, years: list[int], amount: Callable[[int], int]) -> Line:
    return Line(label, [Cell(None, 0, amount(y)) for y in years])


def build(*, unit: Unit, years: list[int]) -> Dashboard:
    """Count the dashboard of a subtree for the years (given in order)."""
    figures = subtree_years(unit=unit, years=years)
    activities: dict[int, ActivityYear] = subtree_activity_years(unit=unit, years=years)

    def member_count(value: str) -> Callable[[SubtreeYear], int | None]:
        return lambda y: y.member_titles[value] if y.members_recorded else None

    def collective_count(value: str) -> Callable[[SubtreeYear], int | None]:
        return lambda y: y.collective_titles[value] if y.collectives_recorded else None

    def level_count(value: str) -> Callable[[SubtreeYear], int | None]:
        return lambda y: y.task_levels[value] if y.task_levels else None

    def collective_level(value: str) -> Callable[[SubtreeYear], int | None]:
        return lambda y: y.collective_levels[value] if y.collective_levels else None

    def members(y: SubtreeYear) -> int:
        return y.members

    def women(y: SubtreeYear) -> int:
        return y.women

    def collectives(y: SubtreeYear) -> int:
        return y.collectives

    def no_base(_y: SubtreeYear) -> int:
        return 0

    bases = Section(
        _("Số đoàn viên, tập thể"),
        [
            _counted(_("Đoàn viên"), years, members, no_base, figures, chart=False),
            _counted(_("Trong đó nữ"), years, women, no_base, figures, chart=False),
            _counted(
                _("Tập thể (đơn vị trực thuộc)"), years, collectives, no_base, figures, chart=False
            ),
        ],
    )
    individual = [
        _counted(
            str(label),
            years,
            member_count(value),
            women if value == Title.GVNDVN.value else members,
            figures,
        )
        for value, label in [*INDIVIDUAL_TITLE_CHOICES, *AwardChoice.choices]
    ]
    tasks = [
        _counted(str(label), years, level_count(value), members, figures, chart=False)
        for value, label in TaskLevelChoice.choices
    ]
    collective = [
        _counted(
            str(label),
            years,
            collective_count(value),
            collectives,
            figures,
        )
        for value, label in [*COLLECTIVE_TITLE_CHOICES, *AwardChoice.choices]
    ]
    collective_tasks = [
        _counted(str(label), years, collective_level(value), collectives, figures, chart=False)
        for value, label in TaskLevelChoice.choices
    ]
    legacy = [
        _counted(
            str(label),
            years,
            lambda y, value=value: (
                y.collective_legacy_levels[value] if y.collective_legacy_levels else None
            ),
            collectives,
            figures,
            chart=False,
        )
        for value, label in ClassificationLevel.choices
        if value not in UNION_LEVELS
    ]
    old_scale = any(figures[y].collective_legacy_levels for y in years)
    money = [
        _money(
            _("Tiền thưởng cá nhân (đồng)"),
            years,
            lambda y: sum(figures[y].member_amounts.values()),
        ),
        _money(
            _("Tiền thưởng tập thể (đồng)"),
            years,
            lambda y: sum(figures[y].collective_amounts.values()),
        ),
    ]
    activity = [
        Line(_("Sáng kiến được công nhận"), [Cell(activities[y].initiatives, 0) for y in years]),
        Line(_("Đề tài, đề án được nghiệm thu"), [Cell(activities[y].research, 0) for y in years]),
        *(
            _money(
                _("%(kind)s (đồng)") % {"kind": label},
                years,
                lambda y, kind=kind: activities[y].money[kind],
            )
            for kind, label in ContributionKind.choices
        ),
    ]
    return Dashboard(
        unit,
        years,
        [
            bases,
            Section(_("Danh hiệu, khen thưởng của đoàn viên (số người, tỷ lệ)"), individual),
            Section(_("Mức hoàn thành nhiệm vụ của đoàn viên"), tasks),
            Section(_("Danh hiệu, khen thưởng của tập thể (số tập thể, tỷ lệ)"), collective),
            Section(_("Mức hoàn thành nhiệm vụ của tập thể"), collective_tasks),
            *(
                [Section(_("Xếp loại công đoàn theo thang điểm trước năm 2019"), legacy)]
                if old_scale
                else []
            ),
            Section(_("Tiền thưởng theo quyết định khen thưởng"), money),
            Section(_("Sáng kiến, đề tài, từ thiện, an sinh"), activity),
        ],
    )


def write_workbook(board: Dashboard, out: IO[bytes]) -> None:
    """The dashboard as .xlsx: one row per line, one column per year; names as text."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(f"{board.years[0]}-{board.years[-1]}")
    sheet.column_dimensions["A"].width = 60
    title = WriteOnlyCell(
        sheet,
        value=_("TỔNG HỢP THI ĐUA, KHEN THƯỞNG NĂM %(first)s - %(last)s")
        % {"first": board.years[0], "last": board.years[-1]},
    )
    title.font = TITLE
    sheet.append([title])
    sheet.append([safe_text(sheet, board.unit.name)])
    for section in board.sections:
        header = [WriteOnlyCell(sheet, value=section.heading)]
        header += [WriteOnlyCell(sheet, value=str(y)) for y in board.years]
        for cell in header:
            cell.font, cell.fill, cell.border, cell.alignment = BOLD, HEADER_FILL, BOX, WRAP_CENTER
        sheet.append(header)
        for line in section.lines:
            sheet.append([safe_text(sheet, line.label), *(cell.text for cell in line.cells)])
    book.save(out)
