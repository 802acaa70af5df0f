"""API endpoint of member imports: the status of one job, for scripts that upload and wait.

Mounted by daihoi.api at /api/imports/. Uploading and confirming stay in the web pages (they
show the preview a person must read before anything is written). No ``from __future__ import
annotations`` here: django-ninja reads the annotations at import time to build the schemas.
"""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from daihoi.api_common import caller, errors
from daihoi.imports import services
from daihoi.imports.access import get_import_job_for_user
from daihoi.imports.models import ImportJob, ImportStatus

imports_router = Router(tags=["Nhập danh sách"])

STATUSES = ", ".join(ImportStatus.values)


class ProgressOut(Schema):
    current: int = Field(description="Số dòng đã xử lý.")
    total: int = Field(description="Tổng số dòng cần xử lý (0: chưa biết).")


class FileProblemOut(Schema):
    row: int = Field(description="Số dòng trong tệp Excel.")
    column: str | None = Field(description="Tên cột (null: cả dòng).")
    letter: str | None = Field(description="Chữ cái của cột trong tệp (A, B, ...).")
    warning: bool = Field(description="true: cảnh báo, nên xem lại; false: lỗi, phải sửa.")
    message: str = Field(description="Vấn đề và cách sửa, bằng tiếng Việt.")


class NormalizedOut(Schema):
    column: str = Field(description="Tên cột.")
    letter: str = Field(description="Chữ cái của cột trong tệp (A, B, ...).")
    before: str = Field(description="Giá trị như viết trong tệp (ví dụ: nu, Tay, 1990-05-12).")
    after: str = Field(description="Giá trị được ghi (ví dụ: Nữ, Tày, 12/05/1990).")
    rows: list[int] = Field(description="Các dòng đầu tiên có giá trị này (tối đa 10).")
    count: int = Field(description="Số dòng có giá trị này (ngày: cùng cách viết).")
    example: bool = Field(
        description="true: before/after là ví dụ đầu tiên của nhiều giá trị cùng cách viết."
    )


class ImportJobOut(Schema):
    id: int
    unit_id: int = Field(description="Đơn vị nhận danh sách (dòng có thể thuộc đơn vị cấp dưới).")
    file_name: str = Field(description="Tên tệp đã tải lên.")
    status: str = Field(description=f"Trạng thái: {STATUSES}.")
    status_label: str = Field(description="Trạng thái bằng tiếng Việt.")
    progress: ProgressOut
    rows_read: int
    rows_valid: int
    rows_with_errors: int
    rows_with_warnings: int
    imported_count: int = Field(description="Số đoàn viên đã nhập (khi trạng thái là done).")
    problems: list[FileProblemOut] = Field(
        description="Các vấn đề đầu tiên tìm thấy, theo dòng (tối đa như trang xem trước)."
    )
    notes: list[str] = Field(description="Ghi chú về cả tệp (ví dụ: đã chuyển mã TCVN3).")
    normalized: list[NormalizedOut] = Field(
        description="Giá trị được ghi theo cách viết chuẩn, khác với trong tệp, theo cột."
    )
    error_message: str = Field(description="Lý do không nhập được (khi trạng thái là failed).")
    created_at: datetime
    finished_at: datetime | None


def _problem(raw: dict[str, Any]) -> dict[str, Any]:
    return {
        "row": raw["row"],
        "column": raw.get("column") or None,
        "letter": raw.get("letter") or None,
        "warning": bool(raw.get("warning")),
        "message": raw["message"],
    }


def job_status(job: ImportJob) -> dict[str, Any]:
    """Return what the API shows of a job, with the live progress of a running one."""
    current, total = services.read_progress(job)
    return {
        "id": job.pk,
        "unit_id": job.unit.pk,
        "file_name": job.original_name,
        "status": job.status,
        "status_label": str(ImportStatus(job.status).label),
        "progress": {"current": current, "total": total},
        "rows_read": job.rows_read,
        "rows_valid": job.rows_valid,
        "rows_with_errors": job.rows_with_errors,
        "rows_with_warnings": job.rows_with_warnings,
        "imported_count": job.imported_count,
        "problems": [_problem(p) for p in job.problems],
        "notes": [str(note) for note in job.notes],
        "normalized": [{"example": False, **note} for note in job.normalized],
        "error_message": job.error_message,
        "created_at": job.created_at,
        "finished_at": job.finished_at,
    }


@imports_router.get(
    "{job_id}",
    response={200: ImportJobOut, **errors(404)},
    summary="Trạng thái một lần nhập danh sách",
    description="Ai xem được đơn vị nhận danh sách thì xem được. Khi đang kiểm tra hoặc đang "
    "nhập, progress cho biết tiến độ; hỏi lại sau vài giây đến khi trạng thái là previewed, "
    "done hoặc failed.",
)
def get_import_job(request: HttpRequest, job_id: int) -> dict[str, Any]:
    job = services.expire_if_stale(get_import_job_for_user(caller(request), job_id))
    return job_status(job)
