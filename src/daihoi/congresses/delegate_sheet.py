"""The delegate list of a congress in Excel: its columns, the template, and the check of each row.

It is read the way a member list is (daihoi.imports): the same refusals of a file as a whole,
header row anywhere in the first rows, dates as Excel writes them, legacy TCVN3 / VNI text,
formula cells and one problem per row and column. Only what a row means differs: a row is a
delegate linked to a member of the congress unit's subtree (by member number, else by name and
birth date), or a person of their own (a guest, someone outside the records).
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import IO, Any

from django.db.models import QuerySet
from django.utils import translation

from daihoi.congresses import errors
from daihoi.congresses.models import (
    Congress,
    CongressForm,
    Delegate,
    DelegateKind,
    Sector,
    UnionOfficer,
)
from daihoi.congresses.services import DelegateData, kinds_for
from daihoi.imports import messages as import_messages
from daihoi.imports.checking import (
    Header,
    SheetReader,
    SheetResult,
    as_text,
    capitalize_words,
    parse_date,
)
from daihoi.imports.columns import (
    EDUCATION_LABELS,
    GENDER_CHOICES,
    PARTY_NO_TEXT,
    PARTY_YES_TEXT,
    Column,
    Table,
    education_of,
    gender_of,
    party_of,
)
from daihoi.imports.spreadsheets import (
    SHEET_HELP,
    add_choice,
    choice_list,
    new_template,
    write_help,
)
from daihoi.imports.workbook import Cell, Sheet
from daihoi.rules.names import fold, nfc
from daihoi.rules.numbers import number_vi
from daihoi.units.ethnicities import normalize_ethnicity
from daihoi.units.models import Gender, Member, MemberStatus
from daihoi.units.services import clean_name

MAX_ROWS = 5000  # a delegate list is a few hundred people (§2.12: at most 650 official delegates)
EARLIEST_BIRTH = datetime.date(1900, 1, 1)
_QUERY_CHUNK = 5000  # SQLite takes up to 32,766 parameters a statement (3.32+)

# --------------------------------------------------------------------------- messages

SHEET_EMPTY = (
    "Trang tính “{sheet}” không có dữ liệu. Hãy ghi danh sách đại biểu dưới dòng tiêu đề, "
    "theo tệp mẫu."
)
NO_ROWS = "Trang tính “{sheet}” chỉ có dòng tiêu đề, chưa có đại biểu nào."
NAME_REQUIRED = "Chưa có họ và tên: ghi họ, tên đệm và tên, ví dụ Nguyễn Thị Bình."
KIND_MISSING = "Chưa ghi loại đại biểu: ghi một trong {choices}."
KIND_UNKNOWN = "“{value}” không phải loại đại biểu: ghi một trong {choices}."
KIND_FOR_FORM = "{form} không có đại biểu “{value}”: ghi một trong {choices}."
SECTOR_INVALID = (
    "“{value}” không hợp lệ: ghi Hành chính sự nghiệp (HCSN) hoặc Sản xuất kinh doanh (SXKD)."
)
OFFICER_INVALID = "“{value}” không hợp lệ: ghi Chuyên trách hoặc Không chuyên trách."
BIRTH_IN_FUTURE = "Ngày sinh {date} sau ngày hôm nay: kiểm tra lại năm sinh."
BIRTH_TOO_EARLY = "Năm sinh phải từ 1900 trở đi (đang ghi {date})."
ETHNICITY_UNKNOWN = (
    "“{value}” không có trong danh mục 54 dân tộc Việt Nam: ghi tên dân tộc, ví dụ Kinh, Tày, "
    "Thái, Mông (xem trang “Hướng dẫn” của tệp mẫu)."
)
MEMBER_NOT_FOUND = (
    "Không có đoàn viên mã “{number}” trong {unit} và các đơn vị trực thuộc: kiểm tra lại mã; "
    "nếu người này không phải đoàn viên của đơn vị, để trống ô này."
)
MEMBER_NOT_FOUND_GUEST = (
    "Không có đoàn viên mã “{number}” trong {unit} và các đơn vị trực thuộc: khách mời được "
    "ghi theo các cột của tệp, không gắn với hồ sơ đoàn viên."
)
MEMBER_OTHER_NAME = (
    "Mã “{number}” là của đoàn viên {name} ({unit}), không phải “{given}”: kiểm tra lại mã "
    "hoặc họ tên."
)
MEMBER_NOT_ACTIVE = "Đoàn viên {name} ({unit}) đang ở trạng thái “{status}”."
MEMBER_DIFFERS = errors.LIST_MEMBER_DIFFERS
MEMBER_AMBIGUOUS = (
    "{unit} có {count} đoàn viên cùng họ tên và ngày sinh: ghi Mã đoàn viên để gắn đúng người; "
    "nếu không, người này được nhập không gắn với hồ sơ đoàn viên."
)
RANK_INVALID = (
    "“{value}” không phải bậc lễ tân: ghi một số từ 1 đến {most} (1 là chức vụ cao nhất), "
    "hoặc để trống."
)
NUMBER_TWICE_IN_FILE = "Mã đoàn viên “{number}” trùng với dòng {row} của tệp."
MEMBER_TWICE_IN_FILE = "Cùng một đoàn viên ({name}) với dòng {row} của tệp."
PERSON_TWICE_IN_FILE = "Trùng họ tên và ngày sinh với dòng {row} của tệp."
NAME_TWICE_IN_FILE = (
    "Trùng họ tên với dòng {row} của tệp, không có ngày sinh để phân biệt: kiểm tra có phải "
    "hai người khác nhau không."
)
MEMBER_ALREADY = errors.LIST_MEMBER_ALREADY
PERSON_ALREADY = errors.LIST_PERSON_ALREADY
NAME_ALREADY = errors.LIST_NAME_ALREADY
# A conference's list says "danh sách hội nghị" (errors.worded).

# --------------------------------------------------------------------------- columns

KIND_TEXT = {
    DelegateKind.EX_OFFICIO: "Đương nhiên",
    DelegateKind.ELECTED: "Bầu",
    DelegateKind.APPOINTED: "Chỉ định",
    DelegateKind.ATTENDEE: "Đại biểu",
    DelegateKind.GUEST: "Khách mời",
}
SECTOR_TEXT = {
    Sector.ADMINISTRATIVE: "Hành chính sự nghiệp",
    Sector.BUSINESS: "Sản xuất kinh doanh",
}
OFFICER_TEXT = {
    UnionOfficer.FULL_TIME: "Chuyên trách",
    UnionOfficer.PART_TIME: "Không chuyên trách",
}

DELEGATE_COLUMNS: tuple[Column, ...] = (
    Column(
        "stt",
        "STT",
        "Số thứ tự; không bắt buộc. Số đại biểu do chương trình cấp, tiếp theo danh sách đã có, "
        "theo thứ tự tên.",
        width=6,
        aliases=("TT", "Số TT", "Số thứ tự"),
        imported=False,
    ),
    Column(
        "full_name",
        "Họ và tên",
        "Bắt buộc. Họ, tên đệm và tên, ví dụ Nguyễn Thị Bình.",
        width=28,
        aliases=("Họ tên", "Họ và tên đại biểu", "Tên đại biểu", "Họ và tên đoàn viên"),
        required=True,
    ),
    Column(
        "member_number",
        "Mã đoàn viên",
        "Không bắt buộc. Số thẻ trong hồ sơ đoàn viên của đơn vị: có mã thì người này được gắn "
        "với hồ sơ (họ tên, ngày sinh, dân tộc... lấy theo hồ sơ). Không có mã thì chương trình "
        "tìm theo họ tên và ngày sinh; không thấy thì nhập như người ngoài danh sách đoàn viên "
        "(khách mời thường như vậy).",
        width=16,
        aliases=("Số thẻ đoàn viên", "Số thẻ", "Số thẻ ĐV"),
    ),
    Column(
        "birth_date",
        "Ngày sinh",
        "Ngày/tháng/năm, ví dụ 23/12/1980 (ô kiểu Ngày của Excel cũng được).",
        width=13,
        aliases=("Ngày tháng năm sinh", "Ngày, tháng, năm sinh", "Sinh ngày"),
        is_date=True,
    ),
    Column(
        "gender",
        "Giới tính",
        "Nam hoặc Nữ (viết không dấu “nu” cũng được).",
        width=10,
        aliases=("Nam/Nữ", "Nam, Nữ", "Giới"),
    ),
    Column(
        "ethnicity",
        "Dân tộc",
        "Tên một trong 54 dân tộc Việt Nam, ví dụ Kinh, Tày, Thái, Mông, Ê Đê "
        "(tên gọi khác như “Mèo”, “Kinh (Việt)” được tự chuyển).",
        width=12,
    ),
    Column(
        "is_party_member",
        "Đảng viên",
        "Có (hoặc x) nếu là đảng viên; để trống hoặc Không nếu không phải.",
        width=10,
        aliases=("Là đảng viên", "ĐV"),
    ),
    Column(
        "education",
        "Trình độ",
        "Trình độ học vấn, một trong: " + ", ".join(EDUCATION_LABELS) + ".",
        width=14,
        aliases=("Trình độ học vấn", "Học vấn", "Trình độ văn hóa"),
    ),
    Column("position", "Chức vụ", "Ví dụ Chủ tịch Công đoàn, Chuyên viên.", width=22),
    Column(
        "workplace",
        "Đơn vị công tác",
        "Cơ quan, phòng, ban nơi người này làm việc.",
        width=26,
        aliases=("Nơi làm việc", "Nơi công tác", "Đơn vị"),
    ),
    Column(
        "kind",
        "Loại đại biểu",
        "Bắt buộc. Đương nhiên, Bầu, Chỉ định hoặc Khách mời.",
        width=14,
        aliases=("Loại", "Loại ĐB", "Tư cách", "Thành phần"),
        required=True,
    ),
    Column(
        "protocol_rank",
        "Bậc lễ tân",
        "Khách mời: số từ 1 đến 99, 1 là chức vụ cao nhất; khách mời được giới thiệu theo bậc, "
        "cùng bậc theo thứ tự dòng. Không bắt buộc; bỏ qua với đại biểu.",
        width=10,
        aliases=("Thứ tự lễ tân", "Bậc"),
    ),
    Column(
        "sector",
        "Khu vực",
        "Hành chính sự nghiệp hoặc Sản xuất kinh doanh (cho báo cáo thẩm tra tư cách).",
        width=20,
        aliases=("Khu vực công tác",),
    ),
    Column(
        "union_officer",
        "Cán bộ công đoàn",
        "Chuyên trách hoặc Không chuyên trách (cho báo cáo thẩm tra tư cách).",
        width=18,
        aliases=("Cán bộ CĐ", "Chuyên trách"),
    ),
)
DELEGATES = Table(DELEGATE_COLUMNS, sheet_empty=SHEET_EMPTY, no_rows=NO_ROWS)
_BY_KEY = DELEGATES.by_key
_MAX_LENGTHS = {
    name: Delegate._meta.get_field(name).max_length  # type: ignore[union-attr]
    for name in ("full_name", "position", "workplace")
}


def _vietnamese(label: object) -> str:
    """Return a label in Vietnamese, whatever the page's language: the list is Vietnamese."""
    with translation.override("vi"):
        return str(label)


def _words(text: str) -> str:
    return " ".join(fold(text).replace(".", " ").split())


_KIND_WORDS = {
    _words(text): kind
    for kind, texts in {
        DelegateKind.EX_OFFICIO: ("Đương nhiên", "Đại biểu đương nhiên", "Chính thức đương nhiên"),
        DelegateKind.ELECTED: ("Bầu", "Được bầu", "Đại biểu bầu", "Chính thức bầu"),
        DelegateKind.APPOINTED: (
            "Chỉ định",
            "Được chỉ định",
            "Đại biểu chỉ định",
            "Chính thức chỉ định",
        ),
        DelegateKind.MEMBER: ("Đoàn viên", "Đảng viên", "Thành viên", "Dự đại hội toàn thể"),
        DelegateKind.ATTENDEE: ("Đại biểu", "Dự hội nghị", "Đại biểu dự hội nghị"),
        DelegateKind.GUEST: ("Khách mời", "Khách", "Đại biểu khách mời"),
    }.items()
    for text in (*texts, _vietnamese(DelegateKind(kind).label))
}
_SECTOR_WORDS = {
    _words(text): sector
    for sector, texts in {
        Sector.ADMINISTRATIVE: ("Hành chính sự nghiệp", "HCSN", "Hành chính"),
        Sector.BUSINESS: ("Sản xuất kinh doanh", "SXKD", "Sản xuất", "Kinh doanh"),
    }.items()
    for text in texts
}
_OFFICER_WORDS = {
    _words(text): officer
    for officer, texts in {
        UnionOfficer.FULL_TIME: ("Chuyên trách", "Cán bộ công đoàn chuyên trách"),
        UnionOfficer.PART_TIME: (
            "Không chuyên trách",
            "Không chuyên trách, trực tiếp sản xuất",
            "Trực tiếp sản xuất",
        ),
    }.items()
    for text in texts
}


def kind_texts(congress: Congress) -> dict[str, str]:
    """Return how each kind this congress may have is written in the list, in the usual order."""
    texts = {**KIND_TEXT, DelegateKind.MEMBER: congress.member_word.capitalize()}
    allowed = kinds_for(congress)
    return {kind: texts[kind] for kind in DelegateKind.values if kind in allowed}


# --------------------------------------------------------------------------- template


def template_name(congress: Congress) -> str:
    return f"Danh sách {congress.attendee_word}"


def write_template(congress: Congress, out: IO[bytes]) -> None:
    """Write the delegate list to fill in for this congress, with its drop-down lists and help."""
    kinds = list(kind_texts(congress).values())
    kind_help = "Bắt buộc. Một trong: " + ", ".join(kinds) + "."
    columns = tuple(
        dataclasses.replace(column, help=kind_help) if column.key == "kind" else column
        for column in DELEGATE_COLUMNS
    )
    book, sheet = new_template(template_name(congress), columns)

    def choose(key: str, formula: str, prompt: str, *, strict: bool = True) -> None:
        add_choice(sheet, columns, key, formula, prompt, strict=strict)

    choose("kind", choice_list(kinds), "Chọn: " + ", ".join(kinds) + ".")
    choose("gender", choice_list(GENDER_CHOICES), "Chọn Nam hoặc Nữ.")
    choose(
        "is_party_member",
        choice_list((PARTY_YES_TEXT, PARTY_NO_TEXT)),
        "Có nếu là đảng viên; để trống hoặc Không nếu không phải.",
    )
    choose("education", choice_list(EDUCATION_LABELS), "Chọn trình độ học vấn.")
    choose("sector", choice_list(SECTOR_TEXT.values()), "Chọn khu vực.")
    choose("union_officer", choice_list(OFFICER_TEXT.values()), "Chọn nếu là cán bộ công đoàn.")
    lines = [
        f"{congress.title}.",
        f"Ghi mỗi người một dòng ở trang “{template_name(congress)}”, ngay dưới dòng tiêu đề; "
        "không đổi tên cột (có thể đổi thứ tự cột, bỏ các cột không bắt buộc).",
        "Người có Mã đoàn viên (hoặc cùng họ tên và ngày sinh với một đoàn viên) của "
        f"{congress.unit.name} và các đơn vị trực thuộc được gắn với hồ sơ đoàn viên; "
        "khách mời và người ngoài đơn vị ghi đủ các cột.",
        "Ngày ghi theo dạng ngày/tháng/năm, ví dụ 23/12/1980, hoặc dùng ô kiểu Ngày của Excel. "
        "Không dùng công thức: sao chép rồi Dán đặc biệt → Giá trị.",
        "Chữ gõ bằng bảng mã cũ TCVN3 (.VnTime) hoặc VNI (VNI-Times) được tự chuyển sang "
        "Unicode; hãy xem lại các dòng được cảnh báo ở bước kiểm tra.",
        "Sau khi tải lên, chương trình kiểm tra toàn bộ tệp và liệt kê từng lỗi (dòng, cột, "
        "cách sửa). Chỉ khi không còn lỗi mới nhập được, và nhập tất cả các dòng một lần; "
        "số đại biểu được cấp tiếp theo danh sách đã có.",
    ]
    help_sheet = book.create_sheet(SHEET_HELP)
    title = f"HƯỚNG DẪN NHẬP {template_name(congress).upper()}"
    ethnicity_range = write_help(help_sheet, title, lines, columns)
    choose(
        "ethnicity",
        ethnicity_range,
        "Chọn một trong 54 dân tộc (tên gọi khác vẫn được chấp nhận).",
        strict=False,
    )
    book.save(out)


# --------------------------------------------------------------------------- rows


@dataclass(frozen=True)
class DelegateRow:
    """One checked row: what to add, and the member it is linked to (None: nobody's record)."""

    row: int
    data: DelegateData
    member_id: int | None = None
    member_label: str = ""  # "Nguyễn Văn An (02/01/1980) · Công đoàn bộ phận …", for the preview

    def as_json(self) -> dict[str, Any]:
        data = dataclasses.asdict(self.data)
        if self.data.birth_date is not None:
            data["birth_date"] = self.data.birth_date.isoformat()
        return {
            "row": self.row,
            "member_id": self.member_id,
            "member_label": self.member_label,
            "data": data,
        }

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> DelegateRow:
        data = dict(value["data"])
        if data.get("birth_date"):
            data["birth_date"] = datetime.date.fromisoformat(data["birth_date"])
        return cls(
            row=value["row"],
            data=DelegateData(**data),
            member_id=value["member_id"],
            member_label=value["member_label"],
        )


@dataclass
class DelegateCheck(SheetResult):
    rows: list[DelegateRow] = field(default_factory=list)  # the rows without errors


@dataclass(frozen=True)
class _Found:
    """A member as the check needs it."""

    pk: int
    full_name: str
    birth_date: datetime.date | None
    gender: str
    status: str
    unit_name: str

    @property
    def label(self) -> str:
        born = f" ({self.birth_date:%d/%m/%Y})" if self.birth_date else ""
        return f"{self.full_name}{born} · {self.unit_name}"


@dataclass
class _Parsed:
    row: int
    data: DelegateData
    number: str


Person = tuple[str, datetime.date | None]


def person_key(name: str, born: datetime.date | None) -> Person:
    """Return what tells two people apart in a list: the name (case aside) and birth date."""
    return nfc(name).casefold(), born


class DelegateChecker(SheetReader):
    """One pass over a delegate list: each row read, linked to a member, and checked for twins."""

    result: DelegateCheck

    def __init__(
        self, sheet: Sheet, header: Header, *, congress: Congress, today: datetime.date
    ) -> None:
        super().__init__(sheet, header, table=DELEGATES, result=DelegateCheck())
        self.congress = congress
        self.worded = partial(errors.worded, conference=congress.is_conference)
        self.unit = congress.unit
        self.today = today
        self.kinds = kind_texts(congress)
        self.choices = ", ".join(self.kinds.values())

    # ---- one row, on its own

    def parse(self, index: int, raw: list[Cell]) -> _Parsed | None:
        row = index + 1
        values, reported, legacy = self.read_cells(index, raw)
        if not values and not reported:
            return None
        text = {key: as_text(v) for key, v in values.items() if key != "birth_date"}
        fields: dict[str, Any] = {}
        name = clean_name(text.get("full_name", ""))
        fields["full_name"] = capitalize_words(name) if legacy else name
        if not name and "full_name" not in reported:
            self.problem(row, "full_name", NAME_REQUIRED)
        fields["kind"] = self.kind_of(row, text.get("kind", ""), reported)
        gender = text.get("gender", "")
        fields["gender"] = gender_of(gender) or ""
        if gender and not fields["gender"]:
            self.problem(row, "gender", import_messages.GENDER_INVALID.format(value=gender))
        if "birth_date" in values:
            fields["birth_date"] = self.birth_date(row, values["birth_date"])
        ethnicity = text.get("ethnicity", "")
        fields["ethnicity"] = normalize_ethnicity(ethnicity) or ""
        if ethnicity and not fields["ethnicity"]:
            self.problem(row, "ethnicity", ETHNICITY_UNKNOWN.format(value=nfc(ethnicity)))
        party_text = text.get("is_party_member", "")
        party = party_of(party_text)
        if party is None:
            message = import_messages.PARTY_INVALID.format(value=party_text)
            self.problem(row, "is_party_member", message)
        fields["is_party_member"] = bool(party)
        education = text.get("education", "")
        fields["education"] = (education_of(education) or "") if education else ""
        if education and not fields["education"]:
            message = import_messages.EDUCATION_INVALID.format(
                value=education, choices=", ".join(EDUCATION_LABELS)
            )
            self.problem(row, "education", message)
        fields["position"] = nfc(text.get("position", ""))
        fields["protocol_rank"] = self.rank(row, text.get("protocol_rank", ""))
        fields["workplace"] = nfc(text.get("workplace", ""))
        fields["sector"] = self.choice(row, "sector", text, _SECTOR_WORDS, SECTOR_INVALID)
        fields["union_officer"] = self.choice(
            row, "union_officer", text, _OFFICER_WORDS, OFFICER_INVALID
        )
        for key, limit in _MAX_LENGTHS.items():
            length = len(fields[key])
            if length > limit:
                message = import_messages.TOO_LONG.format(limit=limit, length=number_vi(length))
                self.problem(row, key, message)
        number = nfc(text.get("member_number", ""))
        return _Parsed(row, DelegateData(**fields), number)

    def rank(self, row: int, text: str) -> int | None:
        value = text.strip()
        if not value:
            return None
        rank = int(value) if value.isdigit() else 0
        if not 1 <= rank <= errors.PROTOCOL_RANK_MOST:
            most = errors.PROTOCOL_RANK_MOST
            self.problem(row, "protocol_rank", RANK_INVALID.format(value=value, most=most))
            return None
        return rank

    def kind_of(self, row: int, text: str, reported: set[str]) -> str:
        if not text:
            if "kind" not in reported:
                self.problem(row, "kind", KIND_MISSING.format(choices=self.choices))
            return ""
        kind = _KIND_WORDS.get(_words(text))
        if kind is None:
            self.problem(row, "kind", KIND_UNKNOWN.format(value=text, choices=self.choices))
            return ""
        if kind not in self.kinds:
            form = _vietnamese(CongressForm(self.congress.form).label)
            message = KIND_FOR_FORM.format(form=form, value=text, choices=self.choices)
            self.problem(row, "kind", message)
            return ""
        return kind

    def birth_date(self, row: int, cell: Cell) -> datetime.date | None:
        born, message = parse_date(cell)
        if message:
            self.problem(row, "birth_date", message)
        elif born is not None and born > self.today:
            self.problem(row, "birth_date", BIRTH_IN_FUTURE.format(date=f"{born:%d/%m/%Y}"))
        elif born is not None and born < EARLIEST_BIRTH:
            self.problem(row, "birth_date", BIRTH_TOO_EARLY.format(date=f"{born:%d/%m/%Y}"))
        return born

    def choice(
        self, row: int, key: str, text: dict[str, str], words: dict[str, str], message: str
    ) -> str:
        value = text.get(key, "")
        if not value:
            return ""
        found = words.get(_words(value))
        if found is None:
            self.problem(row, key, message.format(value=value))
            return ""
        return found

    # ---- the members and the congress's list

    def members_by_number(self, numbers: list[str]) -> dict[str, _Found]:
        found: dict[str, _Found] = {}
        for start in range(0, len(numbers), _QUERY_CHUNK):
            chunk = numbers[start : start + _QUERY_CHUNK]
            for number, member in _found(self._subtree().filter(member_number__in=chunk)):
                found[number] = member
        return found

    def members_by_person(self, dates: list[datetime.date]) -> dict[Person, list[_Found]]:
        found: dict[Person, list[_Found]] = {}
        for start in range(0, len(dates), _QUERY_CHUNK):
            chunk = dates[start : start + _QUERY_CHUNK]
            for _, member in _found(self._subtree().filter(birth_date__in=chunk)):
                found.setdefault(person_key(member.full_name, member.birth_date), []).append(member)
        return found

    def _subtree(self) -> QuerySet[Member]:
        return Member.objects.in_subtree(self.unit).order_by("pk")

    # ---- the whole sheet

    def run(self) -> DelegateCheck:
        parsed = [p for index, raw in self._data_rows() if (p := self.parse(index, raw))]
        by_number = self.members_by_number(sorted({p.number for p in parsed if p.number}))
        dates = sorted({p.data.birth_date for p in parsed if p.data.birth_date})
        by_person = self.members_by_person(dates)
        listed = ListedDelegates.of(self.congress)
        seen = _Seen()
        for p in parsed:
            member = self.link(p, by_number, by_person)
            self.check_twins(p, member, seen, listed)
            if p.row not in self.error_rows:
                label = member.label if member else ""
                self.result.rows.append(
                    DelegateRow(p.row, p.data, member.pk if member else None, label)
                )
        self.finish()
        return self.result

    def link(
        self,
        p: _Parsed,
        by_number: dict[str, _Found],
        by_person: dict[Person, list[_Found]],
    ) -> _Found | None:
        """Return the member a row names (by number, else by name and birth date), or None."""
        data = p.data
        if p.number:
            member = by_number.get(p.number)
            if member is None:
                guest = data.kind == DelegateKind.GUEST
                message = MEMBER_NOT_FOUND_GUEST if guest else MEMBER_NOT_FOUND
                text = message.format(number=p.number, unit=self.unit.name)
                self.problem(p.row, "member_number", text, warning=guest)
                return None
            if data.full_name and fold(member.full_name) != fold(data.full_name):
                message = MEMBER_OTHER_NAME.format(
                    number=p.number,
                    name=member.full_name,
                    unit=member.unit_name,
                    given=data.full_name,
                )
                self.problem(p.row, "full_name", message)
                return None
        elif data.birth_date is not None and data.full_name:
            matches = by_person.get(person_key(data.full_name, data.birth_date), [])
            if len(matches) > 1:
                message = MEMBER_AMBIGUOUS.format(unit=self.unit.name, count=len(matches))
                self.problem(p.row, "member_number", message, warning=True)
                return None
            if not matches:
                return None
            member = matches[0]
        else:
            return None
        self.compare(p, member)
        return member

    def compare(self, p: _Parsed, member: _Found) -> None:
        """Warn where the file says otherwise than the member record, which the list keeps."""
        if member.status != MemberStatus.ACTIVE:
            status = _vietnamese(MemberStatus(member.status).label)
            message = MEMBER_NOT_ACTIVE.format(
                name=member.full_name, unit=member.unit_name, status=status
            )
            self.problem(p.row, "member_number", message, warning=True)
        born = p.data.birth_date
        if born is not None and member.birth_date is not None and born != member.birth_date:
            message = self.worded(MEMBER_DIFFERS).format(
                given=f"{born:%d/%m/%Y}",
                name=member.full_name,
                saved=f"{member.birth_date:%d/%m/%Y}",
            )
            self.problem(p.row, "birth_date", message, warning=True)
        gender = p.data.gender
        if gender and member.gender and gender != member.gender:
            message = self.worded(MEMBER_DIFFERS).format(
                given=_vietnamese(Gender(gender).label),
                name=member.full_name,
                saved=_vietnamese(Gender(member.gender).label),
            )
            self.problem(p.row, "gender", message, warning=True)

    def check_twins(
        self, p: _Parsed, member: _Found | None, seen: _Seen, listed: ListedDelegates
    ) -> None:
        """Report a person listed twice in the file, or already on the congress's list.

        A linked row is the member as the records know them; two rows linked to two different
        members are two people, whatever their names.
        """
        row = p.row
        if p.number:
            first = seen.numbers.setdefault(p.number, row)
            if first != row:
                message = NUMBER_TWICE_IN_FILE.format(number=p.number, row=first)
                self.problem(row, "member_number", message)
                return
        if member is not None:
            first = seen.members.setdefault(member.pk, row)
            if first != row:
                message = MEMBER_TWICE_IN_FILE.format(name=member.full_name, row=first)
                self.problem(row, "full_name", message)
                return
            if member.pk in listed.members:
                number = listed.members[member.pk] or "—"
                message = self.worded(MEMBER_ALREADY).format(name=member.full_name, number=number)
                self.problem(row, "full_name", message)
                return
            name, born = member.full_name, member.birth_date
        else:
            name, born = p.data.full_name, p.data.birth_date
        if not name:
            return
        person = person_key(name, born)
        pk = member.pk if member else None
        first, first_pk = seen.people.setdefault(person, (row, pk))
        if first != row and (pk is None or first_pk is None):
            if born is not None:
                self.problem(row, "full_name", PERSON_TWICE_IN_FILE.format(row=first))
            else:
                self.problem(row, "full_name", NAME_TWICE_IN_FILE.format(row=first), warning=True)
            return
        # On the list already: the same name and birth date is the same person, unless both
        # are members the records tell apart; a name without a birth date is only a warning.
        people = listed.people if member is None else listed.unlinked
        if born is not None and person in people:
            date = f"{born:%d/%m/%Y}"
            number = people[person] or "—"
            message = self.worded(PERSON_ALREADY).format(name=name, date=date, number=number)
            self.problem(row, "full_name", message)
        elif member is None and (
            (born is None and person[0] in listed.names)
            or (born is not None and (person[0], None) in listed.people)
        ):
            number = listed.names[person[0]] or "—"
            self.problem(
                row,
                "full_name",
                self.worded(NAME_ALREADY).format(name=name, number=number),
                warning=True,
            )


@dataclass
class _Seen:
    """The first row of each member number, member and person met so far in the file."""

    numbers: dict[str, int] = field(default_factory=dict)
    members: dict[int, int] = field(default_factory=dict)
    people: dict[Person, tuple[int, int | None]] = field(default_factory=dict)


@dataclass
class ListedDelegates:
    """Who is on the congress's list already (their numbers): by member, by person, by name."""

    members: dict[int, int | None]
    people: dict[Person, int | None]
    unlinked: dict[Person, int | None]  # people typed by hand, not linked to a member
    names: dict[str, int | None]

    @classmethod
    def of(cls, congress: Congress) -> ListedDelegates:
        listed = cls({}, {}, {}, {})
        rows = congress.delegates.order_by("number", "pk").values_list(
            "member_id", "full_name", "birth_date", "number"
        )
        for member_id, full_name, born, number in rows:
            person = person_key(full_name, born)
            if member_id is not None:
                listed.members[member_id] = number
            else:
                listed.unlinked.setdefault(person, number)
            listed.people.setdefault(person, number)
            listed.names.setdefault(person[0], number)
        return listed


def _found(members: QuerySet[Member]) -> Iterator[tuple[str, _Found]]:
    rows = members.values_list(
        "pk", "member_number", "full_name", "birth_date", "gender", "status", "unit__name"
    )
    for pk, number, full_name, born, gender, status, unit_name in rows:
        yield number, _Found(pk, full_name, born, gender, status, unit_name)


def check_delegate_rows(
    sheet: Sheet, header: Header, *, congress: Congress, today: datetime.date
) -> DelegateCheck:
    """Check every row below the header; rows without errors come back ready to add."""
    return DelegateChecker(sheet, header, congress=congress, today=today).run()
