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

# Steps sent up and answered
STEP_TWICE = (
    "{step}: đã gửi ngày {sent} và đang ở trạng thái “{status}”, không gửi lại được; "
    "chỉ gửi lại khi cấp trên trả lại."
)
RESULT_BEFORE_PLAN = "Hồ sơ kết quả đại hội: chỉ gửi sau khi đề án nhân sự được cấp trên duyệt."
SENT_IN_FUTURE = "Ngày gửi: không được sau ngày hôm nay ({today})."
HELD_REQUIRED = "Ngày đại hội: nhập ngày đại hội đã tổ chức."
HELD_IN_FUTURE = "Ngày đại hội: {held} là sau ngày hôm nay ({today})."
HELD_BEFORE_APPROVAL = "Ngày đại hội: {held} là trước ngày đề án nhân sự được duyệt ({approved})."
SIZE_REQUIRED = "Số ủy viên BCH: nhập số ủy viên."
SIZE_OVER_APPROVED = (
    "Số ủy viên BCH: {size} ủy viên là nhiều hơn {approved} ủy viên cấp trên đã duyệt."
)
DELEGATES_REQUIRED = "Số đại biểu chính thức đã bầu: nhập số đại biểu (0 nếu không bầu)."
DELEGATES = "Số đại biểu chính thức đã bầu: {message}."
NOT_WAITING = "{step}: đang ở trạng thái “{status}”, không còn chờ cấp trên trả lời."
REASON_REQUIRED = "Lý do trả lại: ghi rõ cần bổ sung, sửa gì."
ANSWER_BEFORE_SENT = "Ngày trả lời: {answered} là trước ngày gửi ({sent})."
ANSWER_IN_FUTURE = "Ngày trả lời: {answered} là sau ngày hôm nay ({today})."
RECOGNIZE_INCOMPLETE = (
    "Quyết định công nhận: hồ sơ kết quả đại hội chưa được xác nhận đủ "
    "(trạng thái “{status}”); chỉ công nhận khi hồ sơ đã đủ."
)
DECISION_NUMBER_REQUIRED = "Số quyết định: nhập số quyết định công nhận (ví dụ 125/QĐ-LĐLĐ)."
DECIDED_BEFORE_COMPLETE = "Ngày quyết định: {decided} là trước ngày nhận đủ hồ sơ ({complete})."
DECIDED_IN_FUTURE = "Ngày quyết định: {decided} là sau ngày hôm nay ({today})."
