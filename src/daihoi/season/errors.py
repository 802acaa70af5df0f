"""Domain errors of the congress season and every message users see (Vietnamese, defined once).

``SeasonError`` is a ``UnitsError``: one message per field, each starting with the field's label.
A row of the plan names its unit first.
"""

from __future__ import annotations

from daihoi.units.errors import FieldError, UnitsError

NAME_REQUIRED = "Tên kế hoạch: không được để trống."
TERM_ORDER = "Nhiệm kỳ: năm kết thúc ({end}) phải sau năm bắt đầu ({start})."
TERM_TOO_LONG = "Nhiệm kỳ: {start} - {end} dài {years} năm, quá 5 năm (rules.md §7.2)."
TERM_YEAR = "Nhiệm kỳ: năm {year} không hợp lệ (từ 1950 đến 2100)."
KINDS_REQUIRED = "Đơn vị phải tổ chức đại hội: chọn ít nhất một loại đơn vị và hạn hoàn thành."
KIND_UNKNOWN = "Loại đơn vị: “{value}” không có trong danh mục."
KIND_NOT_BELOW = "Loại đơn vị: “{kind}” không thể trực thuộc “{unit}”."
KIND_NONE_BELOW = "Loại đơn vị: “{unit}” không có đơn vị “{kind}” nào trực thuộc."
DEADLINE_REQUIRED = "Hạn hoàn thành: nhập hạn cho “{kind}”."

ROW = "{unit} – {message}"
UNIT_NOT_IN_PLAN = "Đơn vị: đơn vị số {unit_id} không thuộc kế hoạch này."
SIZE = "Số ủy viên BCH: {message}."
SEATS_NEGATIVE = "Số đại biểu được phân bổ: không được là số âm (nhận được: {seats})."
PLANNED_AFTER_DEADLINE = (
    "Ngày dự kiến đại hội: {planned} là sau hạn {due} của kế hoạch cho “{kind}”."
)
PILOT_WITHOUT_DATE = "Đại hội điểm: cần ngày dự kiến đại hội."
PILOT_NOT_FIRST = (
    "Đại hội điểm: {planned} không trước các đại hội khác cùng loại "
    "(sớm nhất {earliest} của {other})."
)


class SeasonError(UnitsError):
    """A season or its plan was refused; ``errors`` lists every problem, by field."""


__all__ = ["FieldError", "SeasonError"]
