"""Use cases of an import: start it (check the file once), confirm it (all rows or none), progress.

How a large file runs. A small upload (up to DAIHOI_IMPORT_INLINE_BYTES, unpacking to at most
DAIHOI_IMPORT_INLINE_UNPACKED) is checked inside the request and a small confirmed import (up
to DAIHOI_IMPORT_INLINE_ROWS rows) is written inside the request. Larger ones are tasks of
Django's task framework (daihoi.imports.tasks), queued with the job's row and run by the worker
process (`manage.py worker`, see daihoi.background); the job's status, counts and errors (in
Vietnamese) are saved in the database. The insert is one transaction, and the job's DONE status
is saved inside it, so a crash at any point leaves no member written and the job is found stale
(no sign of life for background.stale_after()) and marked failed. The upload and the checked
rows are kept through Django's storage API (default_storage: with DAIHOI_STORAGE=database or
s3, any node or worker reads what another wrote). Progress is the job's
heartbeat (ProgressFile): on PostgreSQL the job's row, written through a connection of its own
during the insert; on SQLite, which lets no other connection write while the insert's
transaction runs, a small file under MEDIA_ROOT/imports/ (SQLite means one machine). The page
polls it (htmx every second, a meta refresh without JavaScript).
"""

from __future__ import annotations

import contextlib
import datetime
import gc
import json
import logging
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import fields
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, connections, models, router, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

from daihoi.background import services as background
from daihoi.imports import messages, tasks
from daihoi.imports.archive import check_archive
from daihoi.imports.checking import (
    CheckedRow,
    CheckResult,
    are_twins,
    check_rows,
    existing_people,
    find_header,
    taken_numbers,
)
from daihoi.imports.models import ACTIVE_STATUSES, ImportJob, ImportStatus
from daihoi.imports.workbook import ImportFileError, read_workbook, sniff
from daihoi.rules.numbers import number_vi
from daihoi.units.models import Member, Unit
from daihoi.units.services import MemberData, apply_member_data

if TYPE_CHECKING:
    from daihoi.accounts.models import User

logger = logging.getLogger(__name__)

MAX_STORED_PROBLEMS = 5000
PREVIEW_KEPT = datetime.timedelta(days=1)
INSERT_BATCH = 1000
_PROGRESS_INTERVAL = 1.0  # seconds between two writes of the progress file (pages poll each 1 s)
_DATA_FIELDS = tuple(f.name for f in fields(MemberData))
_DATE_FIELDS = frozenset({"birth_date", "party_joined_on", "union_joined_on"})


class _NoLongerRunning(Exception):
    """The job was failed (found stale) while its insert ran: roll the insert back."""


class ImportRefused(Exception):
    """The job cannot go on; message says why (Vietnamese)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def inline_bytes() -> int:
    return int(getattr(settings, "DAIHOI_IMPORT_INLINE_BYTES", 512 * 1024))


def inline_rows() -> int:
    return int(getattr(settings, "DAIHOI_IMPORT_INLINE_ROWS", 5000))


def inline_unpacked() -> int:
    """Return up to how many bytes unpacked a workbook is checked inside the request."""
    return int(getattr(settings, "DAIHOI_IMPORT_INLINE_UNPACKED", 8 * 1024 * 1024))


# --------------------------------------------------------------------------- files


def imports_dir() -> Path:
    """Return the local folder of the progress files (SQLite: one machine; see ProgressFile)."""
    path = Path(settings.MEDIA_ROOT) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def rows_name(job_id: int) -> str:
    """Return the storage name of a job's checked rows (default_storage: shared by every node)."""
    return f"imports/job-{job_id}-rows.json"


def progress_path(job_id: int) -> Path:
    return imports_dir() / f"job-{job_id}.progress"


def dump_rows(rows: list[CheckedRow]) -> bytes:
    """Return the checked rows of a job as JSON (kept between the preview and the import)."""
    fields = attrgetter(*_DATA_FIELDS)
    dates = [i for i, name in enumerate(_DATA_FIELDS) if name in _DATE_FIELDS]
    out = []
    for r in rows:
        values = [r.row, r.unit_id, *fields(r.data)]
        for i in dates:
            if values[i + 2] is not None:
                values[i + 2] = values[i + 2].isoformat()
        out.append(values)
    payload = {"fields": ["row", "unit_id", *_DATA_FIELDS], "rows": out}
    # dumps, not dump: the C encoder writes the whole list at once, five times faster.
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def load_rows(data: bytes) -> list[CheckedRow]:
    """Read back the rows dump_rows wrote."""
    payload = json.loads(data)
    names = payload["fields"][2:]
    dates = [i for i, name in enumerate(names) if name in _DATE_FIELDS]
    from_iso = datetime.date.fromisoformat
    rows = []
    for row, unit_id, *values in payload["rows"]:
        for i in dates:
            if values[i]:
                values[i] = from_iso(values[i])
        rows.append(CheckedRow(row, unit_id, MemberData(**dict(zip(names, values, strict=True)))))
    return rows


def save_rows(job_id: int, rows: list[CheckedRow]) -> None:
    """Keep a job's checked rows in the file storage, replacing any left by an earlier try."""
    name = rows_name(job_id)
    default_storage.delete(name)
    default_storage.save(name, ContentFile(dump_rows(rows)))


def read_rows(job_id: int) -> list[CheckedRow]:
    with default_storage.open(rows_name(job_id), "rb") as stored:
        return load_rows(stored.read())


ROWS, BYTES = "rows", "bytes"  # what a job's progress counts: rows, or bytes of the file unpacked


def _progress_in_files() -> bool:
    """Tell whether progress is kept in files (SQLite: one machine) or in the job's row."""
    return connections[router.db_for_write(ImportJob)].vendor == "sqlite"


class ProgressFile:
    """Report "current total what" of a running job, a few times a second at most: its heartbeat.

    On SQLite, a small file under MEDIA_ROOT/imports/ on the local disk (the insert's
    transaction holds SQLite's only write lock, so no row can say it, and SQLite means one
    machine: this heartbeat is the one file kept outside the storage API). Elsewhere, the job's
    row (progress_current, progress_total, progress_counts, updated_at), which every machine
    reads; with separate_connection (the insert, inside its transaction) through a connection
    of its own, committed at once.
    """

    def __init__(
        self, job_id: int, *, counts: str = ROWS, separate_connection: bool = False
    ) -> None:
        self.job_id = job_id
        self.counts = counts
        self.last = 0.0
        self.in_files = _progress_in_files()
        self.separate = separate_connection and not self.in_files
        self._connection: BaseDatabaseWrapper | None = None

    def __call__(self, current: int, total: int) -> None:
        now = time.monotonic()
        if current < total and now - self.last < _PROGRESS_INTERVAL:
            return
        self.last = now
        if self.in_files:
            path = progress_path(self.job_id)
            tmp = path.with_suffix(".tmp")
            tmp.write_text(f"{current} {total} {self.counts}")
            os.replace(tmp, path)
        elif self.separate:
            self._write_apart(current, total)
        else:
            ImportJob.objects.filter(pk=self.job_id).update(
                progress_current=current,
                progress_total=total,
                progress_counts=self.counts,
                updated_at=timezone.now(),
            )

    def _write_apart(self, current: int, total: int) -> None:
        if self._connection is None:
            alias = router.db_for_write(ImportJob)
            self._connection = connections.create_connection(alias)
        quote = self._connection.ops.quote_name
        # Table and column names come from the model; values are bound parameters.
        sql = (
            f"UPDATE {quote(ImportJob._meta.db_table)} SET {quote('progress_current')} = %s, "  # noqa: S608
            f"{quote('progress_total')} = %s, {quote('progress_counts')} = %s, "
            f"{quote('updated_at')} = %s WHERE {quote('id')} = %s"
        )
        try:
            with self._connection.cursor() as cursor:
                cursor.execute(sql, [current, total, self.counts, timezone.now(), self.job_id])
        except Exception:  # a heartbeat missed is no reason to stop the import
            logger.warning("import job %s: progress not written", self.job_id, exc_info=True)

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def read_progress_of(job: ImportJob) -> tuple[int, int, str]:
    """Return (current, total, ROWS or BYTES) of a job: live from its progress file while it runs.

    A large file is first unpacked and scanned (bytes), then checked row by row (rows).
    """
    if job.is_active and _progress_in_files():
        try:
            current, total, *counts = progress_path(job.pk).read_text().split()
            return int(current), int(total), counts[0] if counts else ROWS
        except (OSError, ValueError):
            pass
    return job.progress_current, job.progress_total, job.progress_counts or ROWS


def read_progress(job: ImportJob) -> tuple[int, int]:
    """Return (current, total) of a job: live from its progress file while it runs."""
    current, total, _ = read_progress_of(job)
    return current, total


def _last_sign_of_life(job: ImportJob) -> datetime.datetime:
    """Return when the job last moved: its row's update or its progress file's."""
    try:
        mtime = progress_path(job.pk).stat().st_mtime
    except OSError:
        return job.updated_at
    return max(job.updated_at, datetime.datetime.fromtimestamp(mtime, tz=datetime.UTC))


def _discard_files(job: ImportJob) -> None:
    if job.file:
        job.file.delete(save=False)
        ImportJob.objects.filter(pk=job.pk).update(file="")
    default_storage.delete(rows_name(job.pk))
    progress_path(job.pk).unlink(missing_ok=True)


def _fail(job: ImportJob, message: str) -> None:
    message = messages.in_words_of(message, job.unit)
    background.abandon(tasks.check_upload, tasks.import_rows, job_id=job.pk, message=message)
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.FAILED,
        error_message=message,
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )
    _discard_files(job)


def expire_if_stale(job: ImportJob) -> ImportJob:
    """Mark failed a job whose worker died, or a preview left unconfirmed too long.

    A worker has died when its job gave no sign of life for background.stale_after() (the
    process was stopped, its machine lost); a job still waiting in the queue is not stale
    until it waited background.queue_wait_limit() (no worker runs). A preview is kept
    PREVIEW_KEPT, then its checked rows (personal data) are deleted.
    """
    now = timezone.now()
    if job.is_active:
        stale = background.stale_reason(
            tasks.check_upload,
            tasks.import_rows,
            job_id=job.pk,
            last_sign_of_life=_last_sign_of_life(job),
        )
        if stale is not None:
            logger.warning("import job %s %s in status %s", job.pk, stale.value, job.status)
            never = stale is background.Stale.NEVER_STARTED
            _fail(job, messages.NEVER_STARTED if never else messages.INTERRUPTED)
            job.refresh_from_db()
    elif job.status == ImportStatus.PREVIEWED and now - job.updated_at > PREVIEW_KEPT:
        _fail(job, messages.PREVIEW_EXPIRED)
        job.refresh_from_db()
    return job


def expire_stale_jobs() -> int:
    """Fail every job whose worker died (the worker's sweep at start); return how many."""
    count = 0
    for job in ImportJob.objects.filter(status__in=ACTIVE_STATUSES).defer("problems", "normalized"):
        if not expire_if_stale(job).is_active:
            count += 1
    return count


def expire_old_previews() -> int:
    """Expire every preview left unconfirmed too long (run at each upload); return how many."""
    old = ImportJob.objects.filter(
        status=ImportStatus.PREVIEWED, updated_at__lt=timezone.now() - PREVIEW_KEPT
    )
    jobs = list(old[:100])
    for job in jobs:
        expire_if_stale(job)
    return len(jobs)


# --------------------------------------------------------------------------- background

# Inline checks run in the web process's request threads too: the pause is counted under a lock.
_gc_lock = threading.Lock()
_gc_pausers = 0
_gc_was_enabled = True


@contextlib.contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a large file is checked or inserted.

    100,000 rows keep a few million objects alive; each collection walks them all, and with
    collections on, inserting took 2.3 times longer (measured: 230 against 100 µs a row).
    Reference counting still frees memory meanwhile; the collector resumes when the last
    import running in this process ends.
    """
    global _gc_pausers, _gc_was_enabled
    with _gc_lock:
        if _gc_pausers == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pausers += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pausers -= 1
            if _gc_pausers == 0 and _gc_was_enabled:
                gc.enable()


# --------------------------------------------------------------------------- check


def start_import(
    *, unit: Unit, user: User | None, upload: UploadedFile, today: datetime.date | None = None
) -> ImportJob:
    """Take an uploaded member list for a unit and check it (now if small, else in the background).

    Raises ImportFileError for a file that is refused as a whole when this is known at once.
    """
    name = (upload.name or "danh-sach.xlsx")[-255:]
    size = upload.size or 0
    kind = sniff(upload, name=name, size=size)
    # The zip's directory alone (instant): a file that unpacks large is checked in the
    # background, with its progress shown, however small the upload.
    unpacked = size if kind == "xls" else check_archive(upload, name=name, kind=kind).unpacked
    expire_old_previews()
    if size <= inline_bytes() and unpacked <= inline_unpacked():
        sheet = read_workbook(upload, name=name, size=size)
        header = find_header(sheet)
        job = ImportJob.objects.create(unit=unit, user=user, original_name=name, size=size)
        with cyclic_gc_paused():
            result = check_rows(sheet, header, unit=unit, today=today or timezone.localdate())
        record_check(job, result)
        return job
    job = ImportJob.objects.create(unit=unit, user=user, original_name=name, size=size)
    upload.seek(0)
    job.file.save(name, upload, save=False)
    job.save(update_fields=["file"])
    background.enqueue(tasks.check_upload, job.pk)
    return job


def check_job(job_id: int, *, today: datetime.date | None = None) -> None:
    """Read and check a stored upload (the background half of start_import).

    Idempotent: a job no longer waiting for its check (checked, failed) is left as it is.
    """
    job = ImportJob.objects.select_related("unit").filter(pk=job_id).first()
    if job is None or job.status != ImportStatus.PENDING:
        return
    progress = ProgressFile(job.pk)
    progress(0, 0)
    try:
        with job.file.open("rb") as source:
            sheet = read_workbook(
                source,
                name=job.original_name,
                size=job.size,
                progress=ProgressFile(job.pk, counts=BYTES),
            )
        header = find_header(sheet)
        with cyclic_gc_paused():
            result = check_rows(
                sheet,
                header,
                unit=job.unit,
                today=today or timezone.localdate(),
                progress=progress,
            )
        if not ImportJob.objects.filter(pk=job.pk, status=ImportStatus.PENDING).exists():
            return  # found stale and failed meanwhile: the user was told to upload again
        record_check(job, result)
    except ImportFileError as error:
        _fail(job, error.message)
    except Exception:
        logger.exception("import job %s: checking failed", job_id)
        _fail(job, messages.UNEXPECTED)
    except BaseException:  # the worker is being stopped (SIGTERM twice, Ctrl-C)
        _fail(job, messages.INTERRUPTED)
        raise
    else:
        job.file.delete(save=False)
        ImportJob.objects.filter(pk=job.pk).update(file="")
        progress_path(job.pk).unlink(missing_ok=True)


def record_check(job: ImportJob, result: CheckResult) -> None:
    """Save the outcome of a check on its job, and the rows to import when there is no error."""
    if result.can_import:
        save_rows(job.pk, result.rows)
    job.status = ImportStatus.PREVIEWED
    job.rows_read = result.rows_read
    job.rows_valid = result.rows_read - result.error_rows
    job.rows_with_errors = result.error_rows
    job.rows_with_warnings = result.warning_rows
    job.error_count = result.error_count
    job.warning_count = result.warning_count
    job.twins = result.twins
    job.problems = [
        p.as_json() | {"message": messages.in_words_of(p.message, job.unit)}
        for p in result.problems[:MAX_STORED_PROBLEMS]
    ]
    job.notes = result.notes
    job.normalized = [note.as_json() for note in result.normalized]
    job.progress_current = job.progress_total = result.rows_read
    job.progress_counts = ROWS
    job.save()


# --------------------------------------------------------------------------- import


def confirm_import(*, job: ImportJob, twins_confirmed: bool = False) -> ImportJob:
    """Import every checked row of a previewed job (now if small, else in the background).

    twins_confirmed: the officer has looked at the rows that share a name and a birth date
    with another person of the unit (told apart by their member numbers), required when any.
    """
    job = expire_if_stale(job)
    if not job.can_confirm:
        raise ImportRefused(messages.NOT_READY)
    if job.twins and not twins_confirmed:
        raise ImportRefused(messages.TWINS_NOT_CONFIRMED)
    claimed = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.PREVIEWED).update(
        status=ImportStatus.RUNNING,
        started_at=timezone.now(),
        progress_current=0,
        progress_total=job.rows_valid,
        progress_counts=ROWS,
        updated_at=timezone.now(),
    )
    if not claimed:  # a second click, or a second tab
        raise ImportRefused(messages.ALREADY_STARTED)
    if job.rows_valid <= inline_rows():
        insert_job(job.pk)
    else:
        background.enqueue(tasks.import_rows, job.pk)
    job.refresh_from_db()
    return job


def insert_job(job_id: int) -> None:
    """Write every checked row of a job as a member, in one transaction: all rows or none.

    Idempotent: a job that is not running (done, failed as stale) is left as it is, and the
    DONE status is written only over RUNNING, inside the transaction of the members.
    """
    job = ImportJob.objects.select_related("unit").filter(pk=job_id).first()
    if job is None or job.status != ImportStatus.RUNNING:
        return
    progress = ProgressFile(job.pk, separate_connection=True)
    try:
        rows = read_rows(job.pk)
        total = len(rows)
        progress(0, total)
        with cyclic_gc_paused(), transaction.atomic():
            _check_unchanged(job, rows)
            batch: list[Member] = []
            # Positional defaults take Model.__init__'s fast path (as loading from the database
            # does); apply_member_data then sets every field, as for a member typed in a form.
            blank = tuple(f.get_default() for f in Member._meta.concrete_fields)
            for done, row in enumerate(rows, start=1):
                member = Member(*blank)
                member.unit_id = row.unit_id
                apply_member_data(member, row.data)
                batch.append(member)
                if len(batch) == INSERT_BATCH or done == total:
                    insert_members(batch)
                    batch = []
                    progress(done, total)
            # Saved in the same transaction: DONE exactly when the members are there, and only
            # over RUNNING (a job found stale meanwhile was failed: its members are not written).
            done_now = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.RUNNING).update(
                status=ImportStatus.DONE,
                imported_count=total,
                progress_current=total,
                progress_total=total,
                finished_at=timezone.now(),
                updated_at=timezone.now(),
            )
            if not done_now:
                raise _NoLongerRunning
    except _NoLongerRunning:
        logger.warning("import job %s failed meanwhile: nothing written", job_id)
    except ImportRefused as error:
        _fail(job, error.message)
    except IntegrityError:
        # Another import or a person at a form took a member number since the check above.
        _fail(job, messages.CHANGED_SINCE_PREVIEW.format(detail=""))
    except Exception:
        logger.exception("import job %s: insert failed", job_id)
        _fail(job, messages.UNEXPECTED)
    except BaseException:  # the worker is being stopped: the transaction was rolled back
        _fail(job, messages.INTERRUPTED)
        raise
    else:
        _discard_files(job)
    finally:
        progress.close()


# Fields whose database value is the Python value itself once the data is clean (str, bool,
# int): Django's get_db_prep_save returns it unchanged, so it is not called 2 million times.
_AS_IS = (models.CharField, models.BooleanField, models.ForeignKey, models.IntegerField)


def insert_members(members: list[Member]) -> None:
    """Insert new members with the values bulk_create would write, faster where it counts.

    Django's bulk_create composes one SQL string per batch and prepares each value through its
    compiler: on this project's 2-core box that was 9 of the 13 s that 100,000 members took on
    SQLite, and most of 15 s on PostgreSQL. Here each value goes through the field's pre_save
    (which fills created_at / updated_at) and, for dates, get_db_prep_save; then one
    executemany (SQLite) or one COPY (PostgreSQL) writes the batch. Other databases use
    bulk_create itself. A test checks the rows are the ones bulk_create writes.
    """
    connection = connections[router.db_for_write(Member)]
    if connection.vendor not in ("sqlite", "postgresql"):
        Member.objects.bulk_create(members)
        return
    fields = [f for f in Member._meta.concrete_fields if not f.primary_key and not f.generated]
    prepare = [None if isinstance(f, _AS_IS) else f.get_db_prep_save for f in fields]
    pairs = list(zip(fields, prepare, strict=True))
    rows = []
    for member in members:
        row = []
        for field, prep in pairs:
            value = field.pre_save(member, True)
            row.append(value if prep is None or value is None else prep(value, connection))
        rows.append(row)
    table = connection.ops.quote_name(Member._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(fields))
            # Table and column names come from the model; values are bound parameters.
            sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
            cursor.executemany(sql, rows)


def _check_unchanged(job: ImportJob, rows: list[CheckedRow]) -> None:
    """Check again, inside the import's transaction, what may have changed since the preview."""
    unit_ids = {row.unit_id for row in rows}
    inside = set(
        Unit.objects.subtree(job.unit).filter(pk__in=unit_ids).values_list("pk", flat=True)
    )
    if unit_ids - inside:
        detail = "một đơn vị trong tệp không còn thuộc " + job.unit.name + "."
        raise ImportRefused(messages.CHANGED_SINCE_PREVIEW.format(detail=detail))
    taken = taken_numbers(sorted({r.data.member_number for r in rows if r.data.member_number}))
    if taken:
        numbers = ", ".join(f"“{n}”" for n in sorted(taken)[:5])
        detail = f"số thẻ {numbers} vừa được cấp cho đoàn viên khác."
        raise ImportRefused(messages.CHANGED_SINCE_PREVIEW.format(detail=detail))
    people = existing_people(sorted(unit_ids))
    for row in rows:
        data = row.data
        if not data.birth_date:
            continue
        found = people.get((row.unit_id, data.full_name.casefold(), data.birth_date))
        if found and not are_twins(data.member_number, [m.member_number for m in found]):
            detail = f"đoàn viên {data.full_name} (dòng {number_vi(row.row)}) vừa được thêm vào."
            raise ImportRefused(messages.CHANGED_SINCE_PREVIEW.format(detail=detail))


def recent_jobs(unit: Unit, *, limit: int = 10) -> Iterator[ImportJob]:
    """Return the latest imports into a unit, expired if their worker died."""
    for job in ImportJob.objects.filter(unit=unit).defer("problems", "normalized")[:limit]:
        yield expire_if_stale(job)
