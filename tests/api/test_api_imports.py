"""The import status endpoint: a script uploads in the pages, then follows the job by the API."""

from __future__ import annotations

import shutil
import tempfile

from api_world import ApiTestCase
from django.test import override_settings
from tests.imports.workbooks import people, person, upload, workbook_bytes

from daihoi.background import services as background
from daihoi.imports import messages, services
from daihoi.imports.models import ImportJob, ImportStatus

MEDIA = tempfile.mkdtemp(prefix="daihoi-test-media-")


def tearDownModule() -> None:
    shutil.rmtree(MEDIA, ignore_errors=True)


@override_settings(MEDIA_ROOT=MEDIA)
class ImportStatusTests(ApiTestCase):
    def status(self, job: ImportJob) -> dict:  # type: ignore[type-arg]
        response = self.call("GET", f"/api/imports/{job.pk}", user=self.w.officer)
        assert response.status_code == 200, response.content
        return response.json()  # type: ignore[no-any-return]

    def test_a_running_job_reports_its_live_progress(self) -> None:
        job = ImportJob.objects.create(
            unit=self.w.unit,
            user=self.w.officer,
            original_name="lon.xlsx",
            status=ImportStatus.RUNNING,
            progress_total=120_000,
        )
        services.ProgressFile(job.pk)(30_000, 120_000)
        got = self.status(job)
        assert (got["status"], got["status_label"], got["progress"]) == (
            "running",
            "Đang nhập",
            {"current": 30_000, "total": 120_000},
        )
        assert got["file_name"] == "lon.xlsx"
        assert got["unit_id"] == self.w.unit.pk

    def test_a_previewed_job_lists_each_problem_with_row_and_column(self) -> None:
        rows = people(3)
        rows[1] = person(**{"Giới tính": "?"})
        job = services.start_import(
            unit=self.w.unit, user=self.w.officer, upload=upload(workbook_bytes(rows))
        )
        got = self.status(job)
        assert (got["status"], got["rows_read"], got["rows_valid"], got["rows_with_errors"]) == (
            "previewed",
            3,
            2,
            1,
        )
        [problem] = got["problems"]
        assert (problem["row"], problem["column"], problem["warning"]) == (3, "Giới tính", False)
        assert "Nam" in problem["message"]

    def test_a_previewed_job_lists_the_values_normalized(self) -> None:
        rows = people(3)
        rows[1] = person(**{"Giới tính": "nu", "Ngày sinh": "1990-05-12"})
        job = services.start_import(
            unit=self.w.unit, user=self.w.officer, upload=upload(workbook_bytes(rows))
        )
        assert self.status(job)["normalized"] == [
            {
                "column": "Giới tính",
                "letter": "C",
                "before": "nu",
                "after": "Nữ",
                "rows": [3],
                "count": 1,
                "example": False,
            },
            {
                "column": "Ngày sinh",
                "letter": "D",
                "before": "1990-05-12",
                "after": "12/05/1990",
                "rows": [3],
                "count": 1,
                "example": False,
            },
        ]

    def test_a_confirmed_job_reports_how_many_members_were_imported(self) -> None:
        job = services.start_import(
            unit=self.w.unit, user=self.w.officer, upload=upload(workbook_bytes(people(4)))
        )
        services.confirm_import(job=job)
        got = self.status(job)
        assert (got["status"], got["imported_count"], got["error_message"]) == ("done", 4, "")
        assert got["finished_at"] is not None

    def test_a_job_whose_worker_died_is_reported_failed(self) -> None:
        job = ImportJob.objects.create(
            unit=self.w.unit, original_name="lon.xlsx", status=ImportStatus.RUNNING
        )
        ImportJob.objects.filter(pk=job.pk).update(
            updated_at=job.updated_at - background.stale_after() * 2
        )
        got = self.status(job)
        assert (got["status"], got["error_message"]) == ("failed", messages.INTERRUPTED)
