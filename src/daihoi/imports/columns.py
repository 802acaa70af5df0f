"""The columns of a member list in Excel: headers, how a header is recognized, allowed values.

One table serves the template, the reader and the export, so the three always agree.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from django.utils import translation

from daihoi.imports import messages
from daihoi.rules.names import fold
from daihoi.units.models import Education, Gender


@dataclass(frozen=True)
class Column:
    key: str  # a MemberData field, or stt / unit_code / unit_name
    header: str
    help: str
    width: int = 14
    aliases: tuple[str, ...] = ()
    required: bool = False
    imported: bool = True  # False: read and ignored (STT, the unit's name)
    is_date: bool = False


GENDER_CHOICES = ("Nam", "Nữ")
PARTY_YES_TEXT, PARTY_NO_TEXT = "Có", "Không"
# The words of the workbook, in Vietnamese whatever language a page is in when this loads.
with translation.override("vi"):
    EDUCATION_LABELS = tuple(str(label) for label in Education.labels)

COLUMNS: tuple[Column, ...] = (
    Column(
        "stt",
        "STT",
        "Số thứ tự; không bắt buộc, chương trình không dùng cột này.",
        width=6,
        aliases=("TT", "Số TT", "Số thứ tự"),
        imported=False,
    ),
    Column(
        "full_name",
        "Họ và tên",
        "Bắt buộc. Họ, tên đệm và tên, ví dụ Nguyễn Thị Bình.",
        width=28,
        aliases=("Họ tên", "Họ và tên đoàn viên", "Tên đoàn viên"),
        required=True,
    ),
    Column(
        "gender",
        "Giới tính",
        "Bắt buộc. Nam hoặc Nữ (viết không dấu “nu” cũng được).",
        width=10,
        aliases=("Nam/Nữ", "Nam, Nữ", "Giới"),
        required=True,
    ),
    Column(
        "birth_date",
        "Ngày sinh",
        "Ngày/tháng/năm, ví dụ 23/12/1980 (ô kiểu Ngày của Excel cũng được). "
        "Đoàn viên phải đủ 15 tuổi.",
        width=13,
        aliases=("Ngày tháng năm sinh", "Ngày, tháng, năm sinh", "Sinh ngày"),
        is_date=True,
    ),
    Column(
        "ethnicity",
        "Dân tộc",
        "Tên một trong 54 dân tộc Việt Nam, ví dụ Kinh, Tày, Thái, Mông, Ê Đê "
        "(tên gọi khác như “Mèo”, “Kinh (Việt)” được tự chuyển).",
        width=12,
    ),
    Column("religion", "Tôn giáo", "Ví dụ Không, Phật giáo, Công giáo.", width=12),
    Column(
        "is_party_member",
        "Đảng viên",
        "Có (hoặc x) nếu là đảng viên; để trống hoặc Không nếu không phải.",
        width=10,
        aliases=("Là đảng viên", "ĐV"),
    ),
    Column(
        "party_joined_on",
        "Ngày vào Đảng",
        "Ngày/tháng/năm, chỉ ghi khi là đảng viên.",
        width=13,
        aliases=("Ngày kết nạp Đảng", "Ngày vào đảng"),
        is_date=True,
    ),
    Column(
        "education",
        "Trình độ học vấn",
        "Một trong: " + ", ".join(EDUCATION_LABELS) + " (THCS, THPT, 12/12 cũng được).",
        width=18,
        aliases=("Học vấn", "Trình độ văn hóa", "Trình độ"),
    ),
    Column(
        "professional_level",
        "Trình độ chuyên môn",
        "Ví dụ Cử nhân Kinh tế, Kỹ sư Xây dựng.",
        width=20,
        aliases=("Chuyên môn", "Chuyên môn nghiệp vụ"),
    ),
    Column("position", "Chức vụ", "Ví dụ Chuyên viên, Trưởng phòng.", width=18),
    Column(
        "workplace",
        "Nơi làm việc",
        "Phòng, ban, bộ phận nơi đoàn viên làm việc.",
        width=22,
        aliases=("Nơi công tác", "Đơn vị công tác"),
    ),
    Column(
        "union_joined_on",
        "Ngày vào Công đoàn",
        "Ngày/tháng/năm kết nạp vào Công đoàn.",
        width=13,
        aliases=("Ngày kết nạp Công đoàn", "Ngày vào CĐ", "Ngày kết nạp"),
        is_date=True,
    ),
    Column(
        "member_number",
        "Số thẻ đoàn viên",
        "Không bắt buộc; nếu có thì mỗi người một số, không trùng.",
        width=16,
        aliases=("Số thẻ", "Số thẻ ĐV", "Mã đoàn viên"),
    ),
    Column(
        "phone",
        "Số điện thoại",
        "Từ 9 đến 12 chữ số, ví dụ 0912 345 678.",
        width=15,
        aliases=("Điện thoại", "SĐT", "ĐT"),
    ),
    Column(
        "unit_code",
        "Mã đơn vị",
        "Không bắt buộc: để trống thì đoàn viên thuộc đơn vị đang nhập; ghi mã một đơn vị "
        "trực thuộc (xem trang “Đơn vị”) để đưa đoàn viên về đơn vị đó.",
        width=16,
        aliases=("Đơn vị", "Mã ĐV"),
    ),
)
# Export only: the unit's name beside its code (ignored when the file is imported back).
UNIT_NAME = Column("unit_name", "Tên đơn vị", "", width=30, imported=False)

DATE_KEYS = tuple(column.key for column in COLUMNS if column.is_date)


def header_key(text: str) -> str:
    """Return what a header is recognized by: no accents, case, spaces or remarks in brackets.

    "Ngày sinh (dd/mm/yyyy)", "NGÀY SINH" and "ngay  sinh" all give "ngaysinh".
    """
    text = re.sub(r"\(.*?\)|\[.*?\]", "", fold(text))
    return "".join(c for c in text if c.isalnum())


class Table:
    """The columns of one kind of list: what a header row is read against.

    ``extra`` columns are recognized (and ignored when not ``imported``) but not written in
    the template, such as the unit's name that an export adds beside its code.
    """

    def __init__(
        self,
        columns: tuple[Column, ...],
        *,
        extra: tuple[Column, ...] = (),
        sheet_empty: str = messages.SHEET_EMPTY,
        no_rows: str = messages.NO_ROWS,
    ) -> None:
        self.columns = columns
        self.sheet_empty = sheet_empty  # {sheet}: the sheet has nothing at all
        self.no_rows = no_rows  # {sheet}: a header and no row below it
        self.by_key = {column.key: column for column in (*columns, *extra)}
        self.header_keys: dict[str, Column] = {}
        for column in (*columns, *extra):
            for text in (column.header, *column.aliases):
                self.header_keys.setdefault(header_key(text), column)
        self.order = {column.header: i for i, column in enumerate(columns)}


MEMBERS = Table(COLUMNS, extra=(UNIT_NAME,))
BY_KEY = MEMBERS.by_key
HEADER_KEYS = MEMBERS.header_keys


def _word(text: str) -> str:
    return " ".join(fold(text).replace(".", " ").split())


GENDER_WORDS = {"nam": Gender.NAM, "nu": Gender.NU}
PARTY_WORDS = {
    **dict.fromkeys(("co", "x", "dang vien", "dv", "1"), True),
    **dict.fromkeys(("", "khong", "0", "-"), False),
}
_EDUCATION_ALIASES = {
    Education.TIEU_HOC: ("cap 1", "cap i", "5/12", "4/10", "tieu hoc"),
    Education.THCS: ("thcs", "cap 2", "cap ii", "9/12", "7/10", "trung hoc co so"),
    Education.THPT: ("thpt", "cap 3", "cap iii", "12/12", "10/10", "trung hoc pho thong"),
    Education.TRUNG_CAP: ("trung cap", "tc"),
    Education.CAO_DANG: ("cao dang", "cd"),
    Education.DAI_HOC: ("dai hoc", "dh", "cu nhan", "ky su"),
    Education.THAC_SI: ("thac si", "thac sy", "ths"),
    Education.TIEN_SI: ("tien si", "tien sy", "ts"),
}
EDUCATION_WORDS = {
    _word(alias): value for value, aliases in _EDUCATION_ALIASES.items() for alias in aliases
}


@functools.lru_cache(maxsize=1024)  # a list repeats a few values
def gender_of(text: str) -> str | None:
    """Return the gender written as Nam / Nữ (any case, with or without accents), or None."""
    return GENDER_WORDS.get(_word(text))


@functools.lru_cache(maxsize=1024)  # a list repeats a few values
def party_of(text: str) -> bool | None:
    """Return whether "Đảng viên" says yes (Có, x) or no (empty, Không), or None if unclear."""
    return PARTY_WORDS.get(_word(text))


@functools.lru_cache(maxsize=1024)  # a list repeats a few values
def education_of(text: str) -> str | None:
    """Return the education level written as its name or a common short form, or None."""
    return EDUCATION_WORDS.get(_word(text))


def column_letter(index: int) -> str:
    """Return Excel's letter of a 0-based column index: 0 -> A, 27 -> AB."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
