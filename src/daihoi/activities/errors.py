"""Messages of the activities (Vietnamese, defined once); each starts with its field's label.

``ActivityError`` is a ``UnitsError``: forms show it with ``daihoi.units.forms.add_errors``, the
Excel import lists it beside the row and the column.
"""

from __future__ import annotations

from daihoi.units.errors import FieldError, UnitsError

REQUIRED = "{label}: không được để trống."
TOO_LONG = "{label}: dài quá {most} ký tự."
YEAR_RANGE = "{label}: phải từ {first} đến {last}."
DATE_IN_FUTURE = "{label}: không được sau ngày hôm nay ({today})."
DATE_TOO_EARLY = "{label}: phải từ năm {first} trở đi."
CHOICE_UNKNOWN = "{label}: “{value}” không có trong danh mục ({allowed})."

AUTHORS_REQUIRED = "{label}: ghi ít nhất một người (họ và tên hoặc số thẻ đoàn viên)."
MEMBER_NOT_FOUND = (
    "{label}: không tìm thấy đoàn viên “{name}” trong {unit} và các đơn vị trực thuộc "
    "(ghi đúng họ và tên hoặc số thẻ đoàn viên)."
)
MEMBER_AMBIGUOUS = (
    "{label}: có {count} đoàn viên tên “{name}” trong {unit} và các đơn vị trực thuộc; "
    "ghi số thẻ đoàn viên để phân biệt."
)
MEMBER_TWICE = "{label}: “{name}” được ghi hai lần."
MEMBER_ONE = "{label}: chỉ ghi một đoàn viên."

AMOUNT_NOT_WHOLE = (
    "Số tiền: nhập số đồng, chỉ gồm chữ số, có thể có dấu chấm ngăn cách hàng nghìn "
    "(ví dụ 30.000.000); nhận được “{value}”."
)
AMOUNT_POSITIVE = "Số tiền: phải lớn hơn 0 đồng."
AMOUNT_TOO_LARGE = "Số tiền: {amount} đồng là quá lớn cho một khoản (tối đa {most} đồng)."

INTRODUCTION_TWICE = "Ngày giới thiệu: {name} đã được giới thiệu cho Đảng ngày {date}."
INTRODUCTION_ALREADY_PARTY = (
    "Ngày giới thiệu: {name} đã là đảng viên từ ngày {date}, trước ngày giới thiệu."
)


class ActivityError(UnitsError):
    """A record was refused; ``errors`` lists every problem, by field."""


__all__ = ["ActivityError", "FieldError"]
