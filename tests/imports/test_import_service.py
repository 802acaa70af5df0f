"""The import use cases: a good file imports every row with the right fields, all or nothing."""

from __future__ import annotations

import datetime
import shutil
import tempfile
from pathlib import Path
from unittest import mock

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.test import TestCase, TransactionTestCase, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from tests.files.storages import database_storages
from tests.imports.workbooks import people, person, upload, workbook_bytes

from daihoi.background import services as background
from daihoi.files.models import StoredFile
from daihoi.imports import messages, services
from daihoi.imports.models import ImportJob, ImportStatus
from daihoi.units.models import Member
from daihoi.units.services import MemberData, apply_member_data, create_member
from daihoi.units.testing import World, build_world

MEDIA = tempfile.mkdtemp(prefix="daihoi-test-media-")


def tearDownModule() -> None:
    shutil.rmtree(MEDIA, ignore_errors=True)


def files_of(job: ImportJob) -> list[str]:
    """Name the files a job keeps: in the file storage (any backend), and its progress file."""
    try:
        stored = default_storage.listdir("imports")[1]
    except FileNotFoundError:  # the local storage's folder is made by the first file
        stored = []
    local = [p.name for p in Path(MEDIA, "imports").glob(f"job-{job.pk}.progress")]
    own = (f"job-{job.pk}-", f"job-{job.pk}.")
    return sorted({*(n for n in stored if n.startswith(own)), *local})


@override_settings(MEDIA_ROOT=MEDIA)
class ImportServiceTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def start(self, data: bytes) -> ImportJob:
        return services.start_import(unit=self.w.unit, user=self.w.officer, upload=upload(data))

    def test_a_good_file_imports_every_row_with_its_fields(self) -> None:
        rows = people(40)
        rows[0] = person(**{"Số thẻ đoàn viên": "CT-0001", "Mã đơn vị": self.w.section.code})
        job = self.start(workbook_bytes(rows))
        assert (job.status, job.rows_read, job.rows_valid, job.problems) == (
            ImportStatus.PREVIEWED,
            40,
            40,
            [],
        )
        assert Member.objects.filter(unit__in=[self.w.unit, self.w.section]).count() == 1
        job = services.confirm_import(job=job)
        assert (job.status, job.imported_count, job.error_message) == (ImportStatus.DONE, 40, "")
        imported = Member.objects.get(member_number="CT-0001")
        assert imported.unit == self.w.section
        assert {
            "full_name": imported.full_name,
            "gender": imported.gender,
            "birth_date": imported.birth_date,
            "ethnicity": imported.ethnicity,
            "religion": imported.religion,
            "is_party_member": imported.is_party_member,
            "party_joined_on": imported.party_joined_on,
            "education": imported.education,
            "professional_level": imported.professional_level,
            "position": imported.position,
            "workplace": imported.workplace,
            "union_joined_on": imported.union_joined_on,
            "phone": imported.phone,
            "status": imported.status,
        } == {
            "full_name": "Nguyễn Thị Bình",
            "gender": "nu",
            "birth_date": datetime.date(1985, 3, 8),
            "ethnicity": "Kinh",
            "religion": "Không",
            "is_party_member": True,
            "party_joined_on": datetime.date(2010, 5, 19),
            "education": "dai_hoc",
            "professional_level": "Cử nhân Kinh tế",
            "position": "Chuyên viên",
            "workplace": "Văn phòng Sở",
            "union_joined_on": datetime.date(2008, 7, 1),
            "phone": "0912345678",
            "status": "active",
        }
        assert Member.objects.filter(member_number__startswith="T-").count() == 39
        assert files_of(job) == []  # the checked rows are not kept after the import

    def test_imported_members_get_the_same_derived_fields_as_the_form(self) -> None:
        job = services.confirm_import(job=self.start(workbook_bytes([person()])))
        imported = Member.objects.get(pk__gt=self.w.sibling_member.pk, full_name="Nguyễn Thị Bình")
        assert job.status == ImportStatus.DONE
        by_form = create_member(
            unit=self.w.sibling,
            data=MemberData(**{**vars(MemberData.of(imported)), "member_number": ""}),
        )
        for name in ("ho", "ten_dem", "ten", "name_key", "search_text"):
            assert getattr(imported, name) == getattr(by_form, name), name
        assert (imported.ho, imported.ten_dem, imported.ten) == ("Nguyễn", "Thị", "Bình")
        assert Member.objects.search("nguyen thi binh").filter(pk=imported.pk).exists()

    def test_the_checked_rows_wait_on_disk_between_preview_and_import(self) -> None:
        job = self.start(workbook_bytes(people(3)))
        assert files_of(job) == [f"job-{job.pk}-rows.json"]
        assert [r.data.member_number for r in services.read_rows(job.pk)] == [
            "T-00001",
            "T-00002",
            "T-00003",
        ]

    def test_a_failure_in_the_middle_writes_nothing(self) -> None:
        job = self.start(workbook_bytes(people(5)))
        real = services.insert_members
        calls = []

        def second_batch_fails(members: list[Member]) -> None:
            calls.append(len(members))
            if len(calls) == 2:
                raise RuntimeError("disk full")
            real(members)

        before = Member.objects.count()
        with (
            mock.patch.object(services, "INSERT_BATCH", 2),
            mock.patch.object(services, "insert_members", second_batch_fails),
            self.assertLogs("daihoi.imports.services", "ERROR"),
        ):
            job = services.confirm_import(job=job)
        assert calls == [2, 2]
        assert Member.objects.count() == before
        assert (job.status, job.error_message, job.imported_count) == (
            ImportStatus.FAILED,
            messages.UNEXPECTED,
            0,
        )
        assert files_of(job) == []

    def test_insert_members_writes_the_rows_bulk_create_writes(self) -> None:
        def new_members(unit_id: int) -> list[Member]:
            members = []
            for i, row in enumerate(people(3)):
                member = Member(unit_id=unit_id)
                apply_member_data(
                    member,
                    MemberData(
                        full_name=row["Họ và tên"],
                        gender="nu",
                        birth_date=row["Ngày sinh"],
                        ethnicity="Ê Đê",
                        is_party_member=i == 0,
                        party_joined_on=datetime.date(2010, 5, 19) if i == 0 else None,
                        education="thac_si",
                        phone="0912345678",
                    ),
                )
                members.append(member)
            return members

        services.insert_members(new_members(self.w.unit.pk))
        Member.objects.bulk_create(new_members(self.w.sibling.pk))
        columns = [f.name for f in Member._meta.concrete_fields if f.name not in ("id", "unit")]
        ours = Member.objects.filter(unit=self.w.unit).order_by("name_key", "birth_date")
        django = (
            Member.objects.filter(unit=self.w.sibling)
            .exclude(pk=self.w.sibling_member.pk)
            .order_by("name_key", "birth_date")
        )
        for a, b in zip(ours, django, strict=True):
            for name in columns:
                if name in ("created_at", "updated_at"):
                    assert abs(getattr(a, name) - timezone.now()) < datetime.timedelta(minutes=1)
                else:
                    assert getattr(a, name) == getattr(b, name), name

    def test_a_member_number_taken_since_the_preview_stops_the_whole_import(self) -> None:
        job = self.start(workbook_bytes(people(3)))
        create_member(
            unit=self.w.sibling,
            data=MemberData(full_name="Hà Văn Khải", gender="nam", member_number="T-00002"),
        )
        before = Member.objects.count()
        job = services.confirm_import(job=job)
        assert Member.objects.count() == before
        assert job.status == ImportStatus.FAILED
        assert job.error_message == messages.CHANGED_SINCE_PREVIEW.format(
            detail="số thẻ “T-00002” vừa được cấp cho đoàn viên khác."
        )

    def test_a_person_added_since_the_preview_stops_the_whole_import(self) -> None:
        job = self.start(workbook_bytes([person()]))
        create_member(
            unit=self.w.unit,
            data=MemberData(
                full_name="Nguyễn Thị Bình", gender="nu", birth_date=datetime.date(1985, 3, 8)
            ),
        )
        job = services.confirm_import(job=job)
        assert job.status == ImportStatus.FAILED
        assert "đoàn viên Nguyễn Thị Bình (dòng 2) vừa được thêm vào" in job.error_message

    def test_a_job_with_errors_cannot_be_confirmed(self) -> None:
        job = self.start(workbook_bytes([person(**{"Giới tính": "?"}), *people(2)]))
        assert (job.rows_valid, job.rows_with_errors, job.can_confirm) == (2, 1, False)
        assert files_of(job) == []  # nothing to import: no rows kept
        with pytest.raises(services.ImportRefused) as refused:
            services.confirm_import(job=job)
        assert refused.value.message == messages.NOT_READY

    def test_a_second_confirmation_is_refused(self) -> None:
        job = self.start(workbook_bytes(people(2)))
        stale_copy = ImportJob.objects.get(pk=job.pk)
        services.confirm_import(job=job)
        with pytest.raises(services.ImportRefused) as refused:
            services.confirm_import(job=stale_copy)  # a second tab, still showing the preview
        assert refused.value.message == messages.ALREADY_STARTED
        assert Member.objects.filter(member_number__startswith="T-").count() == 2

    def test_rows_told_apart_by_their_numbers_import_once_the_officer_confirms_them(
        self,
    ) -> None:
        rows = [person(**{"Số thẻ đoàn viên": "CT-001"}), person(**{"Số thẻ đoàn viên": "CT-002"})]
        job = self.start(workbook_bytes(rows))
        assert (job.twins, job.rows_with_errors, job.can_confirm) == (1, 0, True)
        with pytest.raises(services.ImportRefused) as refused:
            services.confirm_import(job=job)
        assert refused.value.message == messages.TWINS_NOT_CONFIRMED
        job.refresh_from_db()
        job = services.confirm_import(job=job, twins_confirmed=True)
        assert (job.status, job.imported_count) == (ImportStatus.DONE, 2)
        assert Member.objects.filter(full_name="Nguyễn Thị Bình", unit=self.w.unit).count() == 2

    def test_large_files_are_checked_and_imported_by_the_background_functions(self) -> None:
        data = workbook_bytes(people(30))
        with override_settings(DAIHOI_IMPORT_INLINE_BYTES=100, DAIHOI_IMPORT_INLINE_ROWS=10):
            with self.captureOnCommitCallbacks() as started:
                job = self.start(data)
            assert len(started) == 1  # the task is queued once the job's row is committed
            assert (job.status, job.size) == (ImportStatus.PENDING, len(data))
            assert files_of(job) == [f"job-{job.pk}-upload.xlsx"]
            services.check_job(job.pk)  # what the task runs
            job.refresh_from_db()
            assert (job.status, job.rows_valid) == (ImportStatus.PREVIEWED, 30)
            assert files_of(job) == [f"job-{job.pk}-rows.json"]
            with self.captureOnCommitCallbacks() as started:
                job = services.confirm_import(job=job)
            assert len(started) == 1 and job.status == ImportStatus.RUNNING
            assert services.read_progress(job) == (0, 30)
            services.insert_job(job.pk)
        job.refresh_from_db()
        assert (job.status, job.imported_count) == (ImportStatus.DONE, 30)
        assert services.read_progress(job) == (30, 30)
        assert files_of(job) == []

    def test_a_large_file_refused_as_a_whole_fails_its_job_with_the_message(self) -> None:
        data = workbook_bytes([["Nguyễn Văn An"]], headers=["Họ và tên"])
        with override_settings(DAIHOI_IMPORT_INLINE_BYTES=100):
            job = self.start(data)
            services.check_job(job.pk)
        job.refresh_from_db()
        assert job.status == ImportStatus.FAILED
        assert job.error_message == messages.MISSING_COLUMNS.format(
            sheet="Đoàn viên", columns="“Giới tính”", rows=10
        )
        assert files_of(job) == [] and not job.file

    def test_a_job_whose_worker_died_is_marked_failed(self) -> None:
        job = self.start(workbook_bytes(people(2)))
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.RUNNING,
            updated_at=timezone.now() - background.stale_after() - datetime.timedelta(seconds=1),
        )
        job.refresh_from_db()
        with self.assertLogs("daihoi.imports.services", "WARNING"):
            job = services.expire_if_stale(job)
        assert (job.status, job.error_message) == (ImportStatus.FAILED, messages.INTERRUPTED)
        assert files_of(job) == []

    def test_a_preview_left_unconfirmed_for_a_day_is_expired_and_its_rows_deleted(self) -> None:
        job = self.start(workbook_bytes(people(2)))
        ImportJob.objects.filter(pk=job.pk).update(
            updated_at=timezone.now() - services.PREVIEW_KEPT - datetime.timedelta(seconds=1)
        )
        assert files_of(job)
        self.start(workbook_bytes(people(1)))  # any upload sweeps the old previews
        job.refresh_from_db()
        assert (job.status, job.error_message) == (ImportStatus.FAILED, messages.PREVIEW_EXPIRED)
        assert files_of(job) == []
        with pytest.raises(services.ImportRefused):
            services.confirm_import(job=job)

    def test_a_running_job_with_a_recent_heartbeat_is_left_alone(self) -> None:
        job = self.start(workbook_bytes(people(2)))
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.RUNNING, updated_at=timezone.now() - datetime.timedelta(hours=1)
        )
        services.ProgressFile(job.pk)(1, 2)  # the worker wrote just now
        job.refresh_from_db()
        assert services.expire_if_stale(job).status == ImportStatus.RUNNING
        assert services.read_progress(job) == (1, 2)


DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@override_settings(
    MEDIA_ROOT=MEDIA,
    DAIHOI_IMPORT_INLINE_BYTES=100,
    DAIHOI_IMPORT_INLINE_ROWS=10,
    TASKS=DATABASE_QUEUE,
)
class QueuedImportTests(TransactionTestCase):
    """The database queue and its worker (committed data, no test transaction)."""

    def setUp(self) -> None:
        self.w: World = build_world()

    def run_worker(self) -> None:
        """Run every queued task, as `manage.py worker` does, then stop."""
        call_command("worker", batch=True, startup_delay=False, reload=False, verbosity=0)

    def test_a_large_file_is_queued_then_checked_and_imported_by_the_worker(self) -> None:
        job = services.start_import(
            unit=self.w.unit, user=self.w.officer, upload=upload(workbook_bytes(people(25)))
        )
        queued = DBTaskResult.objects.get()
        assert (job.status, queued.status) == (ImportStatus.PENDING, TaskResultStatus.READY)
        assert queued.args_kwargs == {"args": [job.pk], "kwargs": {}}
        self.run_worker()
        job.refresh_from_db()
        assert (job.status, job.rows_valid) == (ImportStatus.PREVIEWED, 25)
        job = services.confirm_import(job=job)
        assert job.status == ImportStatus.RUNNING  # queued, not run in the request
        self.run_worker()
        job.refresh_from_db()
        assert (job.status, job.imported_count) == (ImportStatus.DONE, 25)
        assert Member.objects.filter(member_number__startswith="T-").count() == 25
        assert files_of(job) == []
        statuses = set(DBTaskResult.objects.values_list("status", flat=True))
        assert statuses == {TaskResultStatus.SUCCESSFUL}

    def test_a_task_run_twice_writes_the_members_once(self) -> None:
        job = services.start_import(
            unit=self.w.unit, user=self.w.officer, upload=upload(workbook_bytes(people(25)))
        )
        self.run_worker()
        job.refresh_from_db()
        services.confirm_import(job=job)
        self.run_worker()
        services.insert_job(job.pk)  # a retry of the same task, after it succeeded
        services.check_job(job.pk)
        job.refresh_from_db()
        assert (job.status, job.imported_count) == (ImportStatus.DONE, 25)
        assert Member.objects.filter(member_number__startswith="T-").count() == 25

    def test_a_job_waiting_in_the_queue_is_not_stale(self) -> None:
        job = services.start_import(
            unit=self.w.unit, user=self.w.officer, upload=upload(workbook_bytes(people(25)))
        )
        long_ago = timezone.now() - background.stale_after() * 10
        ImportJob.objects.filter(pk=job.pk).update(updated_at=long_ago)
        DBTaskResult.objects.update(enqueued_at=long_ago)  # another import runs before it
        job.refresh_from_db()
        assert services.expire_if_stale(job).status == ImportStatus.PENDING

    def test_a_job_never_taken_by_a_worker_fails_after_the_queue_wait_limit(self) -> None:
        job = services.start_import(
            unit=self.w.unit, user=self.w.officer, upload=upload(workbook_bytes(people(25)))
        )
        long_ago = timezone.now() - background.queue_wait_limit() - datetime.timedelta(seconds=1)
        DBTaskResult.objects.update(enqueued_at=long_ago)
        job.refresh_from_db()
        with self.assertLogs("daihoi.imports.services", "WARNING"):
            job = services.expire_if_stale(job)
        assert (job.status, job.error_message) == (ImportStatus.FAILED, messages.NEVER_STARTED)
        queued = DBTaskResult.objects.get()
        assert (queued.status, queued.traceback) == (
            TaskResultStatus.FAILED,
            messages.NEVER_STARTED,
        )
        self.run_worker()  # a worker started later does not run it
        assert Member.objects.filter(member_number__startswith="T-").count() == 0

    def test_a_running_job_whose_worker_vanished_is_failed_with_its_task_by_the_next_worker(
        self,
    ) -> None:
        job = services.start_import(
            unit=self.w.unit, user=self.w.officer, upload=upload(workbook_bytes(people(25)))
        )
        # A worker took the task, then its machine was lost: no sign of life since.
        long_ago = timezone.now() - background.stale_after() - datetime.timedelta(seconds=1)
        DBTaskResult.objects.update(
            status=TaskResultStatus.RUNNING, started_at=long_ago, worker_ids=["lost"]
        )
        ImportJob.objects.filter(pk=job.pk).update(updated_at=long_ago)
        with self.assertLogs("daihoi.background.services", "WARNING"):
            self.run_worker()  # the next worker sweeps at start
        job.refresh_from_db()
        assert (job.status, job.error_message) == (ImportStatus.FAILED, messages.INTERRUPTED)
        queued = DBTaskResult.objects.get()
        assert (queued.status, queued.traceback) == (TaskResultStatus.FAILED, messages.INTERRUPTED)
        assert queued.exception_class_path == background.WORKER_LOST


@override_settings(STORAGES=database_storages())
class ImportServiceOnDatabaseStorageTests(ImportServiceTests):
    """The same use cases with the upload and the checked rows in the database (any node)."""

    def test_the_upload_and_the_checked_rows_are_rows_of_the_database_not_files(self) -> None:
        on_disk_before = set(Path(MEDIA).rglob("*"))  # earlier tests' files stay there
        with override_settings(DAIHOI_IMPORT_INLINE_BYTES=100):
            job = self.start(workbook_bytes(people(3)))
            assert StoredFile.objects.filter(name=job.file.name).exists()
            services.check_job(job.pk)
        assert list(StoredFile.objects.values_list("name", flat=True)) == [
            services.rows_name(job.pk)
        ]
        written = set(Path(MEDIA).rglob("*")) - on_disk_before
        assert not [p for p in written if p.name.startswith(f"job-{job.pk}-")]


@override_settings(STORAGES=database_storages())
class QueuedImportOnDatabaseStorageTests(QueuedImportTests):
    """The worker reads the upload another node stored, from the database."""
