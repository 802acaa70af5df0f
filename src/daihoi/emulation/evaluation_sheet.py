"""The evaluation table (bảng bình xét) of a unit kept in Excel: downloaded, filled, saved at once.

The workbook is the table an office keeps: one row a member (card number, name, their section),
the facts of the year (task level, days absent, discipline, initiative...), the titles the unit
proposes and the reason for one the engine finds ineligible; the download holds every active
member of the unit's subtree with what is saved, and the titles the engine found eligible
(read back and ignored). The file is read as every list of daihoi is (``daihoi.imports``):
refused as a whole when it is no workbook, too large, a crafted archive or without the required
columns; legacy TCVN3 / VNI text turned to Unicode; formulas reported, not read. Each cell's
problem is named by its row and column; a file without such problems goes to
``services.evaluate_members``, which decides every row as the row's page does and writes them
all in one transaction, or refuses the table naming each row and field: all or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from django.utils import translation

from daihoi.activities import sheets
from daihoi.emulation import queries, services
from daihoi.emulation.errors import EmulationError, FieldError
from daihoi.emulation.models import (
    INDIVIDUAL_TITLE_CHOICES,
    Campaign,
    DisciplineChoice,
    Evaluation,
    InitiativeChoice,
    TaskLevelChoice,
)
from daihoi.emulation.record_sheet import NUMBER_OTHER_NAME
from daihoi.imports.checking import SheetReader, SheetResult, find_header, problem_lines
from daihoi.imports.columns import Column, Table
from daihoi.imports.spreadsheets import (
    SHEET_HELP,
    add_choice,
    choice_list,
    new_template,
    safe_text,
    write_help,
)
from daihoi.imports.workbook import read_workbook
from daihoi.rules.names import fold
from daihoi.units.errors import UnitsError
from daihoi.units.models import Member, Unit

if TYPE_CHECKING:
    from daihoi.accounts.models import User

MAX_ROWS = 20_000
MAX_UNPACKED = 32 * 1024 * 1024
TITLE = "Bảng bình xét"
YES, NO = sheets.YES, sheets.NO

# The workbook's words are Vietnamese whatever the page's language (it is read back).
with translation.override("vi"):
    TASK_LABELS = {value: str(label) for value, label in TaskLevelChoice.choices}
    DISCIPLINE_LABELS = {value: str(label) for value, label in DisciplineChoice.choices}
    INITIATIVE_LABELS = {value: str(label) for value, label in InitiativeChoice.choices}
    TITLE_LABELS = {value: str(label) for value, label in INDIVIDUAL_TITLE_CHOICES}


def _words(labels: dict[str, str]) -> dict[str, str]:
    """A label or a value, accents and case aside, to its value."""
    return {**{fold(v): v for v in labels}, **{fold(label): v for v, label in labels.items()}}


TASK_WORDS = _words(TASK_LABELS)
DISCIPLINE_WORDS = _words(DISCIPLINE_LABELS)
INITIATIVE_WORDS = _words(INITIATIVE_LABELS)
TITLE_WORDS = _words(TITLE_LABELS)

NAME_REQUIRED = "Họ và tên: ghi họ và tên (hoặc mã đoàn viên) của đoàn viên."
MEMBER_NOT_FOUND = (
    "{label}: không có đoàn viên “{name}” trong {unit} và các đơn vị trực thuộc (xem cột Mã "
    "đoàn viên của tệp tải về)."
)
MEMBER_AMBIGUOUS = (
    "Họ và tên: có {count} đoàn viên tên “{name}” trong {unit}; ghi mã đoàn viên để phân biệt."
)
CHOOSE = "{label}: chọn một trong {values} (đang ghi “{value}”)."
TITLE_UNKNOWN = "Danh hiệu đề nghị: “{value}” không phải danh hiệu cá nhân; ghi một trong {values}."

COLUMNS: tuple[Column, ...] = (
    sheets.STT,
    Column(
        "member_number",
        "Mã đoàn viên",
        "Số thẻ đoàn viên, như tệp tải về ghi; để trống thì tìm theo họ và tên.",
        width=14,
        aliases=("Số thẻ đoàn viên", "Số thẻ"),
    ),
    Column(
        "full_name",
        "Họ và tên",
        "Bắt buộc. Đoàn viên của đơn vị và các đơn vị trực thuộc.",
        width=26,
        required=True,
        aliases=("Họ tên",),
    ),
    Column(
        "unit",
        "Đơn vị",
        "Chỉ để xem; chương trình không đọc cột này.",
        width=22,
        imported=False,
        aliases=("Tổ công đoàn", "Công đoàn bộ phận"),
    ),
    Column(
        "task_level",
        "Mức hoàn thành nhiệm vụ",
        "Bắt buộc. Một trong: " + ", ".join(TASK_LABELS.values()) + ".",
        width=26,
        required=True,
        aliases=("Mức hoàn thành", "Xếp loại"),
    ),
    Column(
        "days_absent",
        "Số ngày nghỉ",
        "Số ngày làm việc nghỉ trong năm (để trống: 0).",
        width=9,
        aliases=("Số ngày làm việc nghỉ",),
    ),
    Column(
        "maternity_days",
        "Trong đó nghỉ thai sản",
        "Số ngày nghỉ thai sản trong số ngày nghỉ (để trống: 0).",
        width=10,
        aliases=("Nghỉ thai sản",),
    ),
    Column(
        "joined_on",
        "Ngày tuyển dụng",
        "Chỉ ghi nếu vào làm chưa đủ một năm; ngày/tháng/năm.",
        width=13,
        is_date=True,
    ),
    Column(
        "discipline",
        "Kỷ luật",
        "Để trống nếu không bị kỷ luật; hoặc một trong: "
        + ", ".join(list(DISCIPLINE_LABELS.values())[1:])
        + ".",
        width=18,
    ),
    Column(
        "administrative_sanction",
        "Xử phạt hành chính",
        "Có nếu bị xử phạt vi phạm hành chính trong năm; để trống hoặc Không nếu không.",
        width=10,
    ),
    Column(
        "initiative",
        "Sáng kiến",
        "Để trống nếu không có; hoặc một trong: "
        + ", ".join(list(INITIATIVE_LABELS.values())[1:])
        + ".",
        width=24,
    ),
    Column(
        "research_accepted",
        "Đề tài được nghiệm thu",
        "Có nếu có đề tài, đề án nghiên cứu được nghiệm thu; để trống hoặc Không nếu không.",
        width=10,
    ),
    Column(
        "active_in_emulation",
        "Tích cực thi đua",
        "Tích cực tham gia phong trào thi đua, đoàn kết, tương trợ: Không nếu không "
        "(để trống: Có).",
        width=10,
    ),
    Column(
        "active_in_union",
        "Tích cực hoạt động công đoàn",
        "Không nếu không tích cực tham gia hoạt động công đoàn (để trống: Có).",
        width=12,
    ),
    Column(
        "family_duties_met",
        "Đảm việc nhà",
        "Xét Giỏi việc nước, đảm việc nhà (nữ): Không nếu chưa đảm đang (để trống: Có).",
        width=10,
    ),
    Column(
        "proposed",
        "Danh hiệu đề nghị",
        "Các danh hiệu đơn vị đề nghị, cách nhau bởi dấu chấm phẩy; một trong: "
        + "; ".join(TITLE_LABELS.values())
        + ".",
        width=34,
        aliases=("Đề nghị",),
    ),
    Column(
        "override_reason",
        "Lý do đề nghị",
        "Chỉ khi đề nghị danh hiệu chương trình thấy chưa đủ điều kiện: lý do giữ đề nghị.",
        width=30,
        aliases=("Lý do",),
    ),
    Column(
        "eligible",
        "Chương trình thấy đủ điều kiện",
        "Chương trình ghi khi tải về; không đọc cột này.",
        width=34,
        imported=False,
    ),
)
TABLE = Table(
    COLUMNS,
    sheet_empty="Trang tính “{sheet}” không có gì: hãy tải bảng bình xét về rồi ghi vào đó.",
    no_rows="Trang tính “{sheet}” chỉ có dòng tiêu đề, chưa có đoàn viên nào.",
)
CHOICES = {
    "task_level": tuple(TASK_LABELS.values()),
    "discipline": tuple(DISCIPLINE_LABELS.values()),
    "administrative_sanction": (YES, NO),
    "research_accepted": (YES, NO),
    "active_in_emulation": (YES, NO),
    "active_in_union": (YES, NO),
    "family_duties_met": (YES, NO),
}
HELP = (
    "Mỗi dòng một đoàn viên. Tệp tải về đã có mọi đoàn viên đang sinh hoạt và kết quả đã lưu; "
    "dòng chỉ có mã, họ tên, đơn vị (chưa ghi gì khác) được để nguyên, chưa bình xét.",
    "Chương trình tự xét danh hiệu đủ điều kiện theo quy định (có nêu lý do) khi lưu; cột "
    "“Chương trình thấy đủ điều kiện” chỉ để xem.",
    "Tệp được lưu cả hoặc không: còn một lỗi thì chưa có dòng nào được lưu.",
)
# A choice column's labels, for its message (initiatives have no drop-down: their labels hold
# commas, which split Excel's list).
CHOICE_LABELS = {**CHOICES, "initiative": tuple(INITIATIVE_LABELS.values())}
# The columns of a row's evaluation (beyond who it is): a row without any is not evaluated yet.
FACT_KEYS = tuple(
    c.key for c in COLUMNS if c.imported and c.key not in ("stt", "member_number", "full_name")
)
MEMBER_FIELDS = ("id", "unit_id", "full_name", "member_number", "gender", "status")
# A service's field, as the column of the file that holds it.
FIELD_COLUMN = {"member": "member_number", "proposed": "proposed"}

# The yes/no columns and what an empty cell says.
YES_NO_DEFAULTS = {
    "administrative_sanction": False,
    "research_accepted": False,
    "active_in_emulation": True,
    "active_in_union": True,
    "family_duties_met": True,
}
CHOOSE_TASK = (
    "Mức hoàn thành nhiệm vụ: chọn một trong "
    + ", ".join(f"“{v}”" for v in TASK_LABELS.values())
    + "."
)


@dataclass(frozen=True)
class _Row:
    row: int
    number: str
    name: str
    data: services.EvaluationData


class _Reader(SheetReader):
    """One row a member: cells read and checked, each problem named by row and column."""

    def choice(
        self, row: int, cells: dict[str, Any], key: str, words: dict[str, str], default: str
    ) -> str | None:
        text = sheets.text_of(cells, key)
        if not text:
            return default
        found = words.get(fold(text))
        if found is None:
            values = ", ".join(f"“{v}”" for v in CHOICE_LABELS[key])
            label = self.table.by_key[key].header
            self.problem(row, key, CHOOSE.format(label=label, values=values, value=text))
        return found

    def proposed(self, row: int, cells: dict[str, Any]) -> tuple[str, ...] | None:
        titles: list[str] = []
        for part in sheets.text_of(cells, "proposed").replace(",", ";").split(";"):
            if not (text := part.strip()):
                continue
            found = TITLE_WORDS.get(fold(text))
            if found is None:
                values = "; ".join(f"“{v}”" for v in TITLE_LABELS.values())
                self.problem(row, "proposed", TITLE_UNKNOWN.format(value=text, values=values))
                return None
            titles.append(found)
        return tuple(titles)

    def facts(self, row: int, cells: dict[str, Any], reported: set[str]) -> dict[str, Any]:
        """Read the numbers, the date and the yes/no cells; report each one unread."""
        reads: dict[str, Any] = {
            "days_absent": lambda: sheets.number_of(cells, "days_absent", "Số ngày nghỉ", "3"),
            "maternity_days": lambda: sheets.number_of(
                cells, "maternity_days", "Trong đó nghỉ thai sản", "0"
            ),
            "joined_on": lambda: sheets.date_of(cells, "joined_on", "Ngày tuyển dụng"),
        }
        values: dict[str, Any] = {}
        for key, read in reads.items():
            if key in reported:
                continue
            try:
                values[key] = read()
            except UnitsError as error:
                for problem in error.errors:
                    self.problem(row, key, problem.message)
        for key, default in YES_NO_DEFAULTS.items():
            if key in reported:
                continue
            if key not in cells:
                values[key] = default
                continue
            try:
                values[key] = sheets.yes_no_of(cells, key, self.table.by_key[key].header)
            except UnitsError as error:
                for problem in error.errors:
                    self.problem(row, key, problem.message)
        return values

    def rows(self) -> list[_Row]:
        out: list[_Row] = []
        for index, raw in self._data_rows():
            cells, reported, _ = self.read_cells(index, raw)
            if not cells and not reported:
                continue
            if not reported and not any(key in cells for key in FACT_KEYS):
                continue  # a member not evaluated yet: left as it is
            row = index + 1
            before = len(self.result.problems)
            number = sheets.text_of(cells, "member_number")
            name = " ".join(sheets.text_of(cells, "full_name").split())
            if not (number or name) and "full_name" not in reported:
                self.problem(row, "full_name", NAME_REQUIRED)
            facts = self.facts(row, cells, reported)
            task = self.choice(row, cells, "task_level", TASK_WORDS, "")
            if task == "" and "task_level" not in reported:
                self.problem(row, "task_level", CHOOSE_TASK)
            discipline = self.choice(row, cells, "discipline", DISCIPLINE_WORDS, "khong")
            initiative = self.choice(row, cells, "initiative", INITIATIVE_WORDS, "khong")
            proposed = self.proposed(row, cells)
            if reported or len(self.result.problems) > before:
                continue
            assert task and discipline and initiative and proposed is not None
            data = services.EvaluationData(
                task_level=task,
                active_in_emulation=facts["active_in_emulation"],
                days_absent=facts["days_absent"] or 0,
                maternity_days=facts["maternity_days"] or 0,
                joined_on=facts["joined_on"],
                discipline=discipline,
                administrative_sanction=facts["administrative_sanction"],
                initiative=initiative,
                research_accepted=facts["research_accepted"],
                active_in_union=facts["active_in_union"],
                family_duties_met=facts["family_duties_met"],
                proposed=proposed,
                override_reason=sheets.text_of(cells, "override_reason"),
            )
            out.append(_Row(row=row, number=number, name=name, data=data))
        return out

    def members(self, unit: Unit, rows: list[_Row]) -> list[services.TableRow]:
        """Find each row's member in the unit's subtree (one query), by number, else by name."""
        by_number: dict[str, Member] = {}
        by_name: dict[str, list[Member]] = {}
        # What a row's check reads of a member and its unit, nothing more: thousands of rows.
        members = (
            Member.objects.in_subtree(unit)
            .select_related("unit")
            .only(*MEMBER_FIELDS, "unit__path", "unit__name", "unit__short_name")
        )
        for member in members:
            if member.member_number:
                by_number[member.member_number] = member
            by_name.setdefault(fold(member.full_name), []).append(member)
        out = []
        for row in rows:
            if row.number:
                found = by_number.get(row.number)
                if found is None:
                    self.problem(
                        row.row,
                        "member_number",
                        MEMBER_NOT_FOUND.format(
                            label="Mã đoàn viên", name=row.number, unit=unit.name
                        ),
                    )
                    continue
                if row.name and fold(found.full_name) != fold(row.name):
                    message = NUMBER_OTHER_NAME.format(
                        number=row.number, name=found.full_name, given=row.name
                    )
                    self.problem(row.row, "full_name", message)
                    continue
            else:
                named = by_name.get(fold(row.name), [])
                if len(named) != 1:
                    message = (
                        MEMBER_AMBIGUOUS.format(count=len(named), name=row.name, unit=unit.name)
                        if named
                        else MEMBER_NOT_FOUND.format(
                            label="Họ và tên", name=row.name, unit=unit.name
                        )
                    )
                    self.problem(row.row, "full_name", message)
                    continue
                found = named[0]
            out.append(services.TableRow(row=row.row, member=found, data=row.data))
        return out

    def refused(self, error: services.EvaluationTableError) -> None:
        for problem in error.rows:
            key = FIELD_COLUMN.get(problem.field or "", problem.field)
            if key == "member_number" and key not in self.header.columns:
                key = "full_name"
            self.problem(problem.row, key if key in self.table.by_key else None, problem.message)


def save_table(
    *,
    campaign: Campaign,
    unit: Unit,
    source: IO[bytes],
    name: str,
    size: int,
    by: User | None,
) -> int:
    """Save the evaluation table read from a workbook: every row, or none; return how many.

    Raises ``ImportFileError`` for a file refused as a whole, ``EmulationError`` listing every
    row's problem ("Dòng 5, cột F (Số ngày nghỉ): ...") otherwise.
    """
    sheet = read_workbook(
        source, name=name, size=size, max_rows=MAX_ROWS, unpacked_limit=MAX_UNPACKED
    )
    header = find_header(sheet, table=TABLE)
    result = SheetResult()
    reader = _Reader(sheet, header, table=TABLE, result=result)
    rows = reader.members(unit, reader.rows())
    if not problem_lines(result):
        try:
            return services.evaluate_members(campaign=campaign, unit=unit, rows=rows, by=by)
        except services.EvaluationTableError as error:
            reader.refused(error)
    reader.finish()
    result.problems.sort(key=lambda p: p.row)
    raise EmulationError(*(FieldError("file", line) for line in problem_lines(result)))


def write_table(campaign: Campaign, unit: Unit, out: IO[bytes]) -> int:
    """Write the unit's evaluation table: its active members with what is saved; return how many."""
    book, sheet = new_template(TITLE, COLUMNS)
    for key, values in CHOICES.items():
        add_choice(sheet, COLUMNS, key, choice_list(values), "Chọn: " + ", ".join(values) + ".")
    members = list(queries.members_of(unit))
    saved = {
        e.member_id: e
        for e in Evaluation.objects.filter(campaign=campaign, member__in=[m.pk for m in members])
    }
    for count, member in enumerate(members, start=1):
        evaluation = saved.get(member.pk)
        cells: list[Any] = [
            count,
            safe_text(sheet, member.member_number),
            safe_text(sheet, member.full_name),
            safe_text(sheet, member.unit.short_name or member.unit.name),
        ]
        if evaluation is not None:
            data = services.EvaluationData.of(evaluation)
            cells += [
                TASK_LABELS[data.task_level],
                data.days_absent,
                data.maternity_days,
                data.joined_on,
                DISCIPLINE_LABELS[data.discipline] if data.discipline != "khong" else None,
                YES if data.administrative_sanction else None,
                INITIATIVE_LABELS[data.initiative] if data.initiative != "khong" else None,
                YES if data.research_accepted else None,
                None if data.active_in_emulation else NO,
                None if data.active_in_union else NO,
                None if data.family_duties_met else NO,
                "; ".join(TITLE_LABELS[t] for t in data.proposed if t in TITLE_LABELS) or None,
                safe_text(sheet, data.override_reason),
                "; ".join(TITLE_LABELS[t] for t in evaluation.eligible if t in TITLE_LABELS)
                or None,
            ]
        sheet.append(cells)
        if evaluation is not None and evaluation.joined_on is not None:
            sheet.cell(row=count + 1, column=8).number_format = "dd/mm/yyyy"
    lines = [
        f"Bảng bình xét của {unit.name} trong phong trào “{campaign.title}” ({campaign.year}).",
        *HELP,
    ]
    write_help(book.create_sheet(SHEET_HELP), f"HƯỚNG DẪN {TITLE.upper()}", lines, COLUMNS)
    book.save(out)
    return len(members)
