"""The background half of a large import, as tasks of Django's task framework.

Each task takes the job's id only; the job's row says what is left to do, so a task run twice
(a retry, a second worker) does nothing the second time.
"""

from __future__ import annotations

from django.tasks import task


@task()
def check_upload(job_id: int) -> None:
    """Read and check a stored upload (imports.services.check_job)."""
    from daihoi.imports import services

    services.check_job(job_id)


@task()
def import_rows(job_id: int) -> None:
    """Write the checked rows of a confirmed job (imports.services.insert_job)."""
    from daihoi.imports import services

    services.insert_job(job_id)
