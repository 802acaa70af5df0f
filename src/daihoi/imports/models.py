"""One upload of a member list: checked once, shown as a preview, then imported all or nothing."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from daihoi.units.models import Unit


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Đang kiểm tra tệp")
    PREVIEWED = "previewed", _("Đã kiểm tra, chờ xác nhận")
    RUNNING = "running", _("Đang nhập")
    DONE = "done", _("Đã nhập xong")
    FAILED = "failed", _("Không nhập được")


ACTIVE_STATUSES = (ImportStatus.PENDING, ImportStatus.RUNNING)


def upload_path(job: ImportJob, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"imports/job-{job.pk}-upload.{suffix[:5]}"


class ImportJob(models.Model):
    """An uploaded member list for one unit (rows may go to units below it).

    The uploaded file (kept only while a large file waits to be checked) and the checked rows
    (kept between the preview and the confirmation) are kept in the file storage under
    imports/ (default_storage: shared by every node unless DAIHOI_STORAGE=local) and are
    deleted when the job ends. Fine progress while a job runs is the row's progress fields, or
    on SQLite a small file beside them (see daihoi.imports.services), which any web process can
    read even while the import's transaction holds SQLite's write lock.
    """

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="import_jobs", verbose_name=_("đơn vị")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tải lên"),
    )
    file = models.FileField(_("tệp tải lên"), upload_to=upload_path, blank=True, max_length=255)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"), default=0)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    rows_read = models.PositiveIntegerField(_("số dòng đọc được"), default=0)
    rows_valid = models.PositiveIntegerField(_("số dòng hợp lệ"), default=0)
    rows_with_errors = models.PositiveIntegerField(_("số dòng có lỗi"), default=0)
    rows_with_warnings = models.PositiveIntegerField(_("số dòng có cảnh báo"), default=0)
    error_count = models.PositiveIntegerField(_("số lỗi"), default=0)
    warning_count = models.PositiveIntegerField(_("số cảnh báo"), default=0)
    # Rows sharing a name and a birth date with another person of their unit, told apart by
    # different member numbers: imported only once the officer confirms it in the preview.
    twins = models.PositiveIntegerField(
        _("số dòng trùng họ tên, ngày sinh (khác số thẻ)"), default=0
    )
    # The first problems found (see services.MAX_STORED_PROBLEMS), in row order.
    problems = models.JSONField(_("các vấn đề"), default=list, blank=True)
    notes = models.JSONField(_("ghi chú về cả tệp"), default=list, blank=True)
    # Values stored otherwise than written ("nu" as Nữ), by column and spelling: see
    # daihoi.imports.checking.Normalized.
    normalized = models.JSONField(_("giá trị được chuẩn hóa"), default=list, blank=True)
    error_message = models.TextField(_("lý do không nhập được"), blank=True)
    progress_current = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    # What the progress counts: "rows" checked or imported, or "bytes" of the file unpacked.
    progress_counts = models.CharField(max_length=5, default="rows")
    imported_count = models.PositiveIntegerField(_("số đoàn viên đã nhập"), default=0)
    created_at = models.DateTimeField(_("lúc tải lên"), auto_now_add=True)
    started_at = models.DateTimeField(_("lúc bắt đầu nhập"), null=True, blank=True)
    finished_at = models.DateTimeField(_("lúc kết thúc"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("lần nhập danh sách")
        verbose_name_plural = _("các lần nhập danh sách")
        ordering = ("-created_at", "-id")
        indexes = (models.Index(fields=["unit", "-created_at"], name="import_job_unit_created"),)

    def __str__(self) -> str:
        return f"{self.original_name} → {self.unit} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def can_confirm(self) -> bool:
        return (
            self.status == ImportStatus.PREVIEWED
            and self.rows_with_errors == 0
            and self.rows_valid > 0
        )
