"""Domain errors of units and members, and every message they carry (Vietnamese, defined once).

Each message starts with the label of the field it is about, so that a form, an API response and
an import report can all show it as is.
"""

from __future__ import annotations

from dataclasses import dataclass

# Any name or text field
_HIDDEN_CHARACTERS = (
    "có ký tự không nhìn thấy (ký tự điều khiển hoặc ký tự đổi chiều chữ), thường do "
    "sao chép từ nơi khác. Hãy xóa rồi gõ lại."
)
HIDDEN_CHARACTERS = "{label}: " + _HIDDEN_CHARACTERS
# NUL in any form's text field: Django's own check, which comes before the services' (its
# message, "Null characters are not allowed.", is replaced in daihoi.units.apps).
NUL_IN_FIELD = "Ô này " + _HIDDEN_CHARACTERS

# Units
UNIT_NAME_REQUIRED = "Tên đơn vị: không được để trống."
UNIT_CODE_REQUIRED = "Mã đơn vị: không được để trống."
UNIT_CODE_TAKEN = "Mã đơn vị: mã “{code}” đã được dùng cho đơn vị khác."
UNIT_CODE_INVALID = "Mã đơn vị: chỉ dùng chữ không dấu, chữ số, dấu chấm, gạch ngang, gạch dưới."
UNIT_KIND_UNKNOWN = "Loại đơn vị: “{value}” không có trong danh mục."
UNIT_KIND_UNDER_PARENT = "Loại đơn vị: “{kind}” không thể trực thuộc “{parent}” ({parent_kind})."
UNIT_KIND_CHILDREN = (
    "Loại đơn vị: “{kind}” không thể là cấp trên của đơn vị “{child}” ({child_kind})."
)
UNIT_MOVE_INTO_ITSELF = (
    "Đơn vị cấp trên: không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó."
)
UNIT_TOO_DEEP = "Đơn vị cấp trên: cây tổ chức không được sâu quá {depth} cấp."

# Members
FULL_NAME_REQUIRED = "Họ và tên: không được để trống."
FULL_NAME_TOO_LONG = "Họ và tên: dài quá 200 ký tự."
GENDER_REQUIRED = "Giới tính: chọn Nam hoặc Nữ."
BIRTH_DATE_IN_FUTURE = "Ngày sinh: không được sau ngày hôm nay."
BIRTH_DATE_TOO_EARLY = "Ngày sinh: năm sinh phải từ 1900 trở đi."
TOO_YOUNG = "Ngày sinh: người sinh ngày {date} chưa đủ {age} tuổi, chưa thể là đoàn viên."
ETHNICITY_UNKNOWN = "Dân tộc: “{value}” không có trong danh mục 54 dân tộc Việt Nam."
EDUCATION_UNKNOWN = "Trình độ học vấn: “{value}” không có trong danh mục."
PARTY_DATE_WITHOUT_MEMBERSHIP = "Ngày vào Đảng: chỉ nhập khi đoàn viên là đảng viên."
PARTY_DATE_BEFORE_BIRTH = "Ngày vào Đảng: phải sau ngày sinh."
PARTY_DATE_IN_FUTURE = "Ngày vào Đảng: không được sau ngày hôm nay."
UNION_DATE_BEFORE_BIRTH = "Ngày vào Công đoàn: phải sau ngày sinh."
UNION_DATE_IN_FUTURE = "Ngày vào Công đoàn: không được sau ngày hôm nay."
MEMBER_NUMBER_TAKEN = "Số thẻ đoàn viên: số thẻ “{number}” đã được cấp cho đoàn viên khác."
PHONE_INVALID = "Số điện thoại: chỉ gồm chữ số (có thể có dấu +, dấu cách), từ 9 đến 12 số."
STATUS_UNKNOWN = "Tình trạng: “{value}” không có trong danh mục."
TRANSFER_SAME_UNIT = "Chuyển đến đơn vị: đoàn viên đang sinh hoạt ở đơn vị này."
TRANSFER_DATE_IN_FUTURE = "Ngày chuyển: không được sau ngày hôm nay."
TRANSFER_NOT_ACTIVE = "Tình trạng: chỉ chuyển sinh hoạt được đoàn viên đang sinh hoạt."


@dataclass(frozen=True)
class FieldError:
    """One problem with one field (None: with the whole record)."""

    field: str | None
    message: str


class UnitsError(Exception):
    """Rules of units or members were broken; ``errors`` lists every problem found, by field."""

    def __init__(self, *errors: FieldError) -> None:
        super().__init__(" ".join(e.message for e in errors))
        self.errors = errors

    @classmethod
    def on(cls, field: str | None, message: str) -> UnitsError:
        return cls(FieldError(field, message))

    @property
    def messages(self) -> list[str]:
        return [e.message for e in self.errors]
