"""Messages of the news report (Vietnamese, defined once; tests assert them)."""

from __future__ import annotations

from daihoi.units.errors import FieldError, UnitsError

TITLE_REQUIRED = "Tiêu đề: không được để trống."
TITLE_TOO_LONG = "Tiêu đề: dài quá 300 ký tự."
BODY_REQUIRED = "Nội dung: không được để trống."
BYLINE_TOO_LONG = "Tác giả, nguồn tin: dài quá 200 ký tự."
ALREADY_PUBLISHED = (
    "Bản tin đã đăng lúc {time}: bản đã đăng giữ nguyên nội dung. Gỡ bản tin xuống trước khi "
    "sửa hoặc lập lại từ hồ sơ."
)
NOT_PUBLISHED = "Bản tin chưa đăng nên không có gì để gỡ."
PROVISIONAL = (
    "Chưa đăng được: kết quả “{title}” chưa phải kết quả cuối cùng (còn lần bầu chưa kiểm phiếu "
    "hoặc chờ Đại hội quyết định). Kiểm phiếu xong rồi lập lại bản nháp từ hồ sơ."
)
QUOTES_PENDING = (
    "Chưa đăng được: nội dung còn ghi “chưa có kết quả cuối cùng”. Lập lại bản nháp từ hồ sơ "
    "khi đã có kết quả, hoặc sửa đoạn đó."
)

PHOTO_REQUIRED = "Ảnh: chọn một tệp ảnh để tải lên."
PHOTO_NOT_IMAGE = (
    "Ảnh: tệp “{name}” không phải ảnh JPEG, PNG hoặc WebP đọc được. Chọn một tệp ảnh khác."
)
PHOTO_TOO_LARGE = "Ảnh: tệp lớn quá {limit} MB. Giảm kích thước ảnh rồi tải lại."
PHOTO_TOO_MANY = "Ảnh: bản tin đã có {limit} ảnh, không thêm được nữa."
CAPTION_TOO_LONG = "Chú thích: dài quá 300 ký tự."


class ArticleError(UnitsError):
    """The news report was refused; ``errors`` lists every problem, by field."""


__all__ = ["ArticleError", "FieldError"]
