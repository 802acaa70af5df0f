"""Domain errors of the resolution targets and every message users see (Vietnamese, defined once).

``TermError`` is a ``UnitsError``: forms show it with ``daihoi.units.forms.add_errors``, one
message per field, each starting with the field's label.
"""

from __future__ import annotations

from daihoi.units.errors import FieldError, UnitsError

TEXT_REQUIRED = "Nội dung chỉ tiêu: không được để trống (ghi nguyên văn nghị quyết)."
MEASURE_UNKNOWN = "Cách đo: “{value}” không có trong danh mục."
COMPARISON_UNKNOWN = "So sánh: “{value}” không có trong danh mục."
PERIOD_UNKNOWN = "Thời gian đánh giá: “{value}” không có trong danh mục."
TITLE_UNKNOWN = "Danh hiệu: “{value}” không có trong danh mục."
YEARS_OUTSIDE_TERM = (
    "Từ năm / đến năm: phải trong nhiệm kỳ {start} - {end} của đại hội "
    "(hoặc nhiệm kỳ trước liền kề, khi ghi kết quả nhiệm kỳ trước)."
)
RULE = "{label}: {message}."
VALUES_OUTSIDE_YEARS = (
    "Từ năm / đến năm: đã có số liệu năm {years}; xóa số liệu đó trước khi thu hẹp các năm."
)
VALUES_OF_OTHER_KIND = (
    "Cách đo: đã có {count} số liệu nhập tay theo cách đo cũ; xóa các số liệu đó trước khi đổi."
)

MEASURED_NOT_TYPED = (
    "Số liệu: chỉ tiêu “{measure}” được tính từ hồ sơ thi đua, không nhập tay; "
    "hãy cập nhật kết quả bình xét và danh hiệu của năm {year}."
)
YEAR_OUTSIDE = "Năm: {year} không thuộc các năm của chỉ tiêu ({first} - {last})."
VALUE_REQUIRED = "Giá trị: nhập {what} của năm {year}."
PERCENT_RANGE = "Tỷ lệ: phải từ 0% đến 100% (nhận được: {value}%)."
AMOUNT_NOT_WHOLE = "{what}: phải là số nguyên."
AMOUNT_NEGATIVE = "{what}: không được là số âm (nhận được: {value})."
EVIDENCE_REQUIRED = (
    "Minh chứng: ghi văn bản làm căn cứ (báo cáo, quyết định, sổ sách: số, ngày, nơi lưu)."
)

FIELD_LABELS = {
    "ngưỡng": ("threshold", "Ngưỡng"),
    "cách so sánh": ("comparison", "So sánh"),
    "danh hiệu": ("title", "Danh hiệu"),
    "mức xếp loại": ("level", "Mức xếp loại"),
    "năm": ("first_year", "Từ năm / đến năm"),
    "thời gian đánh giá": ("period", "Thời gian đánh giá"),
    "giá trị": ("value", "Giá trị"),
}


class TermError(UnitsError):
    """A target or a value was refused; ``errors`` lists every problem, by field."""


__all__ = ["FieldError", "TermError"]
