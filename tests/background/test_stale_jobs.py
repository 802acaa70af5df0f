"""When a job that should be running is given up: one rule for imports, cards and certificates.

``background.stale_reason`` reads the queue's rows of the job's tasks: a task still waiting is
given up only after the queue's wait limit (no worker runs); a task a worker took is given up
when neither the job's last sign of life nor the task's start is recent (the worker died).
"""

from __future__ import annotations

import datetime

from django.test import TestCase, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from daihoi.background import services as background
from daihoi.congresses import tasks

SECOND = datetime.timedelta(seconds=1)
JOB_ID = 7


def queued(
    status: str, *, enqueued_at: datetime.datetime, started_at: datetime.datetime | None = None
) -> None:
    row = DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [JOB_ID], "kwargs": {}},
        task_path=tasks.make_cards.module_path,
        queue_name="default",
        backend_name="default",
        run_after=enqueued_at,
        started_at=started_at,
    )
    # enqueued_at is set on creation: a task enqueued long ago is written back.
    DBTaskResult.objects.filter(pk=row.pk).update(enqueued_at=enqueued_at)


def reason(last_sign_of_life: datetime.datetime) -> background.Stale | None:
    return background.stale_reason(
        tasks.make_cards, job_id=JOB_ID, last_sign_of_life=last_sign_of_life
    )


@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
)
class StaleReasonTests(TestCase):
    def setUp(self) -> None:
        self.now = timezone.now()
        self.silent = self.now - background.stale_after() - SECOND  # no sign of life since

    def test_a_task_waiting_behind_others_is_not_stale_however_old_its_job(self) -> None:
        queued("READY", enqueued_at=self.now - background.queue_wait_limit() + 60 * SECOND)
        assert reason(self.silent) is None

    def test_a_task_waiting_past_the_queue_limit_never_started(self) -> None:
        queued("READY", enqueued_at=self.now - background.queue_wait_limit() - SECOND)
        assert reason(self.now) is background.Stale.NEVER_STARTED

    def test_a_running_task_whose_job_gave_a_recent_sign_of_life_is_not_stale(self) -> None:
        queued("RUNNING", enqueued_at=self.silent, started_at=self.silent)
        assert reason(self.now - SECOND) is None

    def test_a_task_just_taken_by_a_worker_is_not_stale_though_its_job_is_old(self) -> None:
        queued("RUNNING", enqueued_at=self.silent, started_at=self.now - SECOND)
        assert reason(self.silent) is None

    def test_a_running_task_silent_past_the_limit_was_interrupted(self) -> None:
        queued("RUNNING", enqueued_at=self.silent, started_at=self.silent)
        assert reason(self.silent) is background.Stale.INTERRUPTED

    def test_a_job_with_no_task_in_the_queue_is_judged_by_its_own_sign_of_life(self) -> None:
        queued("SUCCESSFUL", enqueued_at=self.silent, started_at=self.silent)  # not this run
        assert reason(self.silent) is background.Stale.INTERRUPTED
        assert reason(self.now - SECOND) is None
