"""Domain errors of emulation and every message users see (Vietnamese, defined once).

``EmulationError`` is a ``UnitsError``: forms show it with ``daihoi.units.forms.add_errors``, one
message per field, each starting with the field's label.
"""

from __future__ import annotations

from daihoi.units.errors import FieldError, UnitsError

# Campaigns
CAMPAIGN_TITLE_REQUIRED = "Tên phong trào: không được để trống."
CAMPAIGN_YEAR_RANGE = "Năm: phải từ 2000 đến 2100."
CAMPAIGN_DATES_ORDER = "Ngày kết thúc: không được trước ngày bắt đầu."
CAMPAIGN_YEARLY_TAKEN = (
    "Năm: {unit} đã phát động phong trào thi đua thường xuyên năm {year} (“{title}”)."
)
CAMPAIGN_KIND_UNKNOWN = "Loại phong trào: “{value}” không có trong danh mục."

# Registrations
REGISTRATION_NOBODY = "Đoàn viên: chọn ít nhất một người."
REGISTRATION_NO_TITLE = "Danh hiệu: chọn ít nhất một danh hiệu."
REGISTRATION_TITLE_FOR_INDIVIDUAL = "Danh hiệu: “{title}” không phải danh hiệu cá nhân."
REGISTRATION_TITLE_FOR_COLLECTIVE = "Danh hiệu: “{title}” không phải danh hiệu tập thể."
REGISTRATION_MEMBER_OUTSIDE = "Đoàn viên: {name} không thuộc {unit} hoặc các đơn vị trực thuộc."
REGISTRATION_MEMBER_NOT_ACTIVE = "Đoàn viên: {name} không còn sinh hoạt, không đăng ký được."
REGISTRATION_TWICE = "Danh hiệu: {name} đã đăng ký “{title}” trong phong trào này."
REGISTRATION_NOT_WAITING = "Đăng ký này đã được xử lý ({status}), không duyệt lại được."
RETURN_REASON_REQUIRED = "Lý do trả lại: ghi rõ lý do để đơn vị sửa và gửi lại."
REVIEW_NOT_ABOVE = "Chỉ công đoàn cấp trên của {unit} mới duyệt được đăng ký của đơn vị."
RESUBMIT_NOT_RETURNED = "Chỉ gửi lại được đăng ký đã bị trả lại."

# Evaluations
EVALUATION_MEMBER_OUTSIDE = "Đoàn viên: {name} không thuộc {unit} hoặc các đơn vị trực thuộc."
EVALUATION_FACT = "{label}: {message}"
EVALUATION_PROPOSED_COLLECTIVE = "Danh hiệu đề nghị: “{title}” là danh hiệu tập thể."
EVALUATION_OVERRIDE_REASON = (
    "Lý do: chương trình thấy chưa đủ điều kiện {titles}; muốn giữ đề nghị thì ghi rõ lý do."
)


class EmulationError(UnitsError):
    """Rules of the emulation cycle were broken; ``errors`` lists every problem, by field."""


__all__ = ["EmulationError", "FieldError"]
