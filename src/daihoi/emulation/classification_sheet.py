"""Past CĐCS classifications (xếp loại công đoàn cơ sở, rules.md §6) imported from Excel.

A row is one unit of the importing unit's subtree (by name or code) in one year with its points:
from 2019 the groups of HD 1294/HD-TLĐ, before 2019 the older scale's criteria. The level is
computed as on the page (``emulation.classification``), never read from the file. The list goes
through the activities' sheet engine (``daihoi.activities.sheets``: template, every row's
problems by row and column, all or nothing).
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass
from typing import Any

from django.utils.translation import gettext_noop

from daihoi.activities import sheets
from daihoi.activities.errors import ActivityError, FieldError
from daihoi.emulation import classification
from daihoi.emulation.classification import FIRST_1294_YEAR, ClassificationData
from daihoi.emulation.errors import EmulationError
from daihoi.emulation.models import ClassificationScale, UnionClassification
from daihoi.emulation.record_sheet import find_unit
from daihoi.imports.columns import Column
from daihoi.rules.names import fold, has_hidden_characters, nfc
from daihoi.units.models import Unit

UNIT_REQUIRED = "Công đoàn: ghi tên hoặc mã đơn vị được xếp loại."
YEAR_REQUIRED = "Năm: không được để trống."
YEAR_RANGE = "Năm: phải từ {first} đến {last}."
ALREADY_CLASSIFIED = (
    "Năm: {unit} đã được xếp loại năm {year} ({level}); muốn sửa thì sửa trên trang Xếp loại "
    "công đoàn cơ sở."
)
HIDDEN = (
    "{label}: có ký tự không nhìn thấy (ký tự điều khiển hoặc ký tự đổi chiều chữ), thường do "
    "sao chép từ nơi khác. Hãy xóa rồi gõ lại."
)


@dataclass(frozen=True)
class ClassificationRow:
    """A classification as written in the list (points as text)."""

    unit: str
    year: int | None
    group1: str
    group2: str
    group3: str
    bonus: str
    criteria: str
    disciplined_from_warning: int | None
    source: str

    def as_data(self) -> ClassificationData:
        assert self.year is not None
        scale = (
            ClassificationScale.HD_1294
            if self.year >= FIRST_1294_YEAR
            else ClassificationScale.LEGACY
        )
        return ClassificationData(
            year=self.year,
            scale=scale.value,
            group1=self.group1,
            group2=self.group2,
            group3=self.group3,
            bonus=self.bonus,
            criteria=self.criteria,
            disciplined_from_warning=self.disciplined_from_warning or 0,
            source=self.source,
        )


def check_row(*, unit: Unit, data: ClassificationRow, today: datetime.date | None = None) -> Unit:
    """Check one row as the page would; return the unit classified, else raise every problem."""
    today = today or datetime.date.today()
    problems: list[FieldError] = []
    for field, label, value in (
        ("unit", "Công đoàn", data.unit),
        ("source", "Quyết định, biên bản", data.source),
    ):
        if value and has_hidden_characters(value):
            problems.append(FieldError(field, HIDDEN.format(label=label)))
    found: Unit | None = None
    if not nfc(data.unit):
        problems.append(FieldError("unit", UNIT_REQUIRED))
    elif not problems:
        try:
            found = find_unit(unit, nfc(data.unit), field="unit", label="Công đoàn")
        except ActivityError as error:
            problems.extend(error.errors)
    if data.year is None:
        problems.append(FieldError("year", YEAR_REQUIRED))
    elif not classification.FIRST_YEAR <= data.year <= today.year:
        problems.append(
            FieldError("year", YEAR_RANGE.format(first=classification.FIRST_YEAR, last=today.year))
        )
    else:
        try:
            classification.classify(data=data.as_data())
        except EmulationError as error:
            problems.extend(FieldError(e.field, e.message) for e in error.errors)
        if found is not None and not problems:
            held = UnionClassification.objects.filter(unit=found, year=data.year).first()
            if held is not None:
                message = ALREADY_CLASSIFIED.format(
                    unit=found.name, year=data.year, level=held.get_level_display()
                )
                problems.append(FieldError("year", message))
    if problems:
        raise ActivityError(*problems)
    assert found is not None
    return found


def save_row(*, unit: Unit, data: ClassificationRow, by: Any = None) -> UnionClassification:
    found = check_row(unit=unit, data=data)
    return classification.record_classification(unit=found, within=unit, data=data.as_data(), by=by)


COLUMNS = (
    sheets.STT,
    Column(
        "unit",
        "Công đoàn",
        "Bắt buộc. Tên hoặc mã công đoàn cơ sở (trong đơn vị và các đơn vị trực thuộc).",
        width=34,
        required=True,
        aliases=("Tên công đoàn", "Đơn vị", "Công đoàn cơ sở"),
    ),
    Column("year", "Năm", "Bắt buộc. Năm được xếp loại, ví dụ 2021.", width=8, required=True),
    Column("group1", "Nhóm 1", "Từ năm 2019: tối đa 40 điểm, ví dụ 37,5.", width=9),
    Column("group2", "Nhóm 2", "Từ năm 2019: tối đa 40 điểm.", width=9),
    Column("group3", "Nhóm 3", "Từ năm 2019: tối đa 15 điểm.", width=9),
    Column("bonus", "Điểm thưởng", "Từ năm 2019: tối đa 5 điểm; để trống nếu không có.", width=9),
    Column(
        "criteria",
        "Điểm từng tiêu chí",
        "Trước năm 2019: điểm đạt / điểm tối đa của từng tiêu chí, cách nhau bởi dấu chấm phẩy, "
        "ví dụ 18/20; 22/25; 27/30.",
        width=30,
        aliases=("Tiêu chí",),
    ),
    Column(
        "disciplined_from_warning",
        "Số bị kỷ luật từ cảnh cáo",
        "Trước năm 2019: số đoàn viên bị kỷ luật từ cảnh cáo trở lên (để trống: 0).",
        width=12,
    ),
    Column(
        "source",
        "Quyết định, biên bản",
        "Không bắt buộc. Ví dụ: Quyết định số 15/QĐ-LĐLĐ ngày 20/01/2021.",
        width=30,
        aliases=("Căn cứ", "Số quyết định"),
    ),
)


def _data(cells: dict[str, Any]) -> ClassificationRow:
    return ClassificationRow(
        unit=sheets.text_of(cells, "unit"),
        year=sheets.number_of(cells, "year", "Năm", "2021"),
        group1=sheets.text_of(cells, "group1"),
        group2=sheets.text_of(cells, "group2"),
        group3=sheets.text_of(cells, "group3"),
        bonus=sheets.text_of(cells, "bonus"),
        criteria=sheets.text_of(cells, "criteria"),
        disciplined_from_warning=sheets.number_of(
            cells, "disciplined_from_warning", "Số bị kỷ luật từ cảnh cáo", "0"
        ),
        source=sheets.text_of(cells, "source"),
    )


CLASSIFICATIONS = sheets.SheetKind(
    slug="xep-loai-cong-doan",
    title=gettext_noop("Xếp loại công đoàn cơ sở"),
    what=gettext_noop("kết quả xếp loại công đoàn cơ sở những năm trước"),
    columns=COLUMNS,
    help=(
        "Mỗi dòng một công đoàn trong một năm. Từ năm 2019 ghi điểm 3 nhóm và điểm thưởng theo "
        "Hướng dẫn 1294/HD-TLĐ; trước năm 2019 ghi điểm từng tiêu chí theo thang điểm cũ. "
        "Chương trình tự tính tổng điểm và xếp loại, không đọc xếp loại ghi trong tệp.",
        *sheets.COMMON_HELP,
    ),
    choices={},
    data=_data,
    check=check_row,
    key=lambda d: (fold(d.unit), d.year),
    existing=lambda unit: {},  # check_row refuses a year already classified
    save=save_row,
    dump=asdict,
    load=lambda v: ClassificationRow(**v),
    summary=lambda d: f"{d.unit} {d.year}",
)
sheets.register(CLASSIFICATIONS)
