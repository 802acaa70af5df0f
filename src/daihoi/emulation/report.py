"""The year's titles and rewards of a unit's subtree, as an Excel workbook (openpyxl).

Sheet 1, per unit of the subtree (the unit first, each unit under its parent, indented): its
members (the active members of its own subtree now) and, for each title and reward of the year,
how many members hold it and their share of the members; for each collective title and reward,
how many collectives of its subtree hold it. Sheet 2: every record of the year, by unit. Names
are written as text Excel never reads as a formula (imports.spreadsheets.safe_text).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import IO

from django.db.models import Count, Q
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from daihoi.emulation.models import (
    COLLECTIVE_TITLE_CHOICES,
    HONOUR_CHOICES,
    INDIVIDUAL_TITLE_CHOICES,
    AwardChoice,
    TitleRecord,
)
from daihoi.imports.spreadsheets import BOLD, BOX, FONT, HEADER_FILL, TITLE, WRAP_CENTER, safe_text
from daihoi.units.models import PATH_SEGMENT_WIDTH, Member, Unit, path_range

SHEET_SUMMARY = "Tổng hợp {year}"
SHEET_LIST = "Danh sách {year}"
HEADING = "TỔNG HỢP DANH HIỆU THI ĐUA, HÌNH THỨC KHEN THƯỞNG NĂM {year}"
NOTE = (
    "Số đoàn viên: đoàn viên đang sinh hoạt của đơn vị và các đơn vị trực thuộc khi lập báo cáo; "
    "tỷ lệ: số người đạt trên số đoàn viên đó."
)
PEOPLE = "{label}: số người"
SHARE = "{label}: tỷ lệ"
COLLECTIVES = "{label} (tập thể): số tập thể"
LIST_HEADER = ("STT", "Cá nhân / tập thể", "Đơn vị", "Danh hiệu, hình thức khen thưởng", "Căn cứ")
PERCENT = "0.0%"
_SHARE_PLACES = Decimal("0.0001")

INDIVIDUAL_HONOURS = [*INDIVIDUAL_TITLE_CHOICES, *AwardChoice.choices]
COLLECTIVE_HONOURS = [*COLLECTIVE_TITLE_CHOICES, *AwardChoice.choices]


@dataclass
class ReportRow:
    unit: Unit
    depth: int
    members: int = 0
    people: Counter[str] = field(default_factory=Counter)
    collectives: Counter[str] = field(default_factory=Counter)

    def share(self, value: str) -> Decimal | None:
        """The share of the members holding a title, exact to 0,01% (None without members)."""
        if not self.members:
            return None
        return (Decimal(self.people[value]) / self.members).quantize(_SHARE_PLACES, ROUND_HALF_UP)


def _ancestors(path: str, top: int) -> list[str]:
    """The paths of a unit and of each unit above it down from the report's unit."""
    return [path[:end] for end in range(top, len(path) + 1, PATH_SEGMENT_WIDTH)]


def year_rows(unit: Unit, year: int) -> list[ReportRow]:
    """Count the year's titles and rewards of every unit of the subtree, rolled up (4 queries)."""
    low, high = path_range(unit.path)
    top = len(unit.path)
    units = Unit.objects.filter(path__gte=low, path__lt=high).order_by("path")
    rows = {u.path: ReportRow(u, (len(u.path) - top) // PATH_SEGMENT_WIDTH) for u in units}
    members = (
        Member.objects.in_subtree(unit).active().values_list("unit__path").annotate(n=Count("id"))
    )
    for path, n in members:
        for above in _ancestors(path, top):
            rows[above].members += n
    people = (
        TitleRecord.objects.filter(
            year=year, member__unit__path__gte=low, member__unit__path__lt=high
        )
        .values_list("member__unit__path", "title")
        .annotate(n=Count("id"))
    )
    for path, title, n in people:
        for above in _ancestors(path, top):
            rows[above].people[title] += n
    collectives = (
        TitleRecord.objects.filter(year=year, unit__path__gte=low, unit__path__lt=high)
        .values_list("unit__path", "title")
        .annotate(n=Count("id"))
    )
    for path, title, n in collectives:
        for above in _ancestors(path, top):
            rows[above].collectives[title] += n
    return list(rows.values())


def _header(sheet: object, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)  # type: ignore[arg-type]
    cell.font, cell.fill, cell.border, cell.alignment = BOLD, HEADER_FILL, BOX, WRAP_CENTER
    return cell


def write_year_report(unit: Unit, year: int, out: IO[bytes], *, lag: str = "") -> int:
    """Write the year's report of a unit's subtree as .xlsx; return the number of unit rows.

    ``lag``: the notice of a report read from the standby, added to the note under the title."""
    book = Workbook(write_only=True)
    summary = book.create_sheet(SHEET_SUMMARY.format(year=year))
    labels = dict(HONOUR_CHOICES)
    columns = ["STT", "Đơn vị", "Số đoàn viên"]
    for _value, label in INDIVIDUAL_HONOURS:
        columns += [PEOPLE.format(label=label), SHARE.format(label=label)]
    columns += [COLLECTIVES.format(label=label) for _value, label in COLLECTIVE_HONOURS]
    summary.column_dimensions["A"].width = 6
    summary.column_dimensions["B"].width = 48
    summary.freeze_panes = "C5"
    title = WriteOnlyCell(summary, value=HEADING.format(year=year))
    title.font = TITLE
    summary.append([title])
    summary.append([None, safe_text(summary, unit.name)])
    note = WriteOnlyCell(summary, value=f"{NOTE} {lag}" if lag else NOTE)
    note.font = Font(name=FONT.name, size=11, italic=True)
    summary.append([note])
    summary.append([_header(summary, str(c)) for c in columns])
    rows = year_rows(unit, year)
    for number, row in enumerate(rows, start=1):
        safe = safe_text(summary, row.unit.name)
        # safe_text gives a text, or a cell already marked as text (a formula-like name).
        name = WriteOnlyCell(summary, value=safe) if isinstance(safe, str) else safe
        assert name is not None
        name.alignment = Alignment(indent=row.depth)
        cells: list[object] = [number, name, row.members]
        for value, _label in INDIVIDUAL_HONOURS:
            share = WriteOnlyCell(summary, value=row.share(value))
            share.number_format = PERCENT
            cells += [row.people[value], share]
        cells += [row.collectives[value] for value, _label in COLLECTIVE_HONOURS]
        summary.append(cells)

    listing = book.create_sheet(SHEET_LIST.format(year=year))
    listing.column_dimensions["B"].width = 32
    listing.column_dimensions["C"].width = 40
    listing.column_dimensions["D"].width = 34
    listing.column_dimensions["E"].width = 48
    listing.freeze_panes = "A2"
    listing.append([_header(listing, c) for c in LIST_HEADER])
    low, high = path_range(unit.path)
    records = (
        TitleRecord.objects.filter(year=year)
        .filter(
            Q(member__unit__path__gte=low, member__unit__path__lt=high)
            | Q(unit__path__gte=low, unit__path__lt=high)
        )
        .select_related("member__unit", "unit")
    )
    ordered = sorted(
        records,
        key=lambda r: (
            (r.member.unit if r.member else r.unit).path,  # type: ignore[union-attr]
            r.member is not None,
            r.member.name_key if r.member else "",
            r.title,
        ),
    )
    for number, record in enumerate(ordered, start=1):
        if record.member is not None:
            who, where = record.member.full_name, record.member.unit.name
        else:
            assert record.unit is not None
            who, where = record.unit.name, ""
        listing.append(
            [
                number,
                safe_text(listing, who),
                safe_text(listing, where),
                str(labels.get(record.title, record.title)),
                safe_text(listing, record.source),
            ]
        )
    book.save(out)
    return len(rows)
