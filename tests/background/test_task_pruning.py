"""The worker deletes the queue's rows of tasks finished long ago, on a schedule (issue 14)."""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable

from django.core.management import call_command
from django.db import OperationalError
from django.test import TransactionTestCase, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from daihoi.background.management.commands.worker import Pruner
from daihoi.background.services import prune_task_results

DAYS = datetime.timedelta(days=1)


def task_row(status: str, *, finished_days_ago: float | None) -> DBTaskResult:
    now = timezone.now()
    finished = None if finished_days_ago is None else now - finished_days_ago * DAYS
    return DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="daihoi.imports.tasks.check_import",
        queue_name="default",
        backend_name="default",
        run_after=now,
        started_at=finished,
        finished_at=finished,
    )


def _beside_the_pruner[T](query: Callable[[], T], deadline: float) -> T:
    """``query`` run while the pruner's thread works: on the tests' in-memory SQLite (shared
    cache) a table it is writing is locked to this thread at once, with no wait; try again."""
    while True:
        try:
            return query()
        except OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.01)


@override_settings(
    DAIHOI_TASK_RESULTS_KEEP_DAYS=14,
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}},
)
class PruneTaskResultsTests(TransactionTestCase):
    def setUp(self) -> None:
        self.old_done = task_row("SUCCESSFUL", finished_days_ago=30)
        self.old_failed = task_row("FAILED", finished_days_ago=15)
        self.recent = task_row("SUCCESSFUL", finished_days_ago=2)
        self.waiting = task_row("READY", finished_days_ago=None)
        self.running = task_row("RUNNING", finished_days_ago=None)

    def left(self) -> set[object]:
        return set(DBTaskResult.objects.values_list("pk", flat=True))

    def test_only_tasks_finished_longer_ago_than_kept_are_deleted(self) -> None:
        assert prune_task_results(older_than=14 * DAYS) == 2
        assert self.left() == {self.recent.pk, self.waiting.pk, self.running.pk}

    def test_the_worker_prunes_when_it_starts(self) -> None:
        call_command("worker", batch=True, startup_delay=False, verbosity=0, prune_every=3600)
        assert self.old_done.pk not in self.left()
        assert self.old_failed.pk not in self.left()
        assert self.recent.pk in self.left()

    def test_the_worker_prunes_again_on_its_schedule(self) -> None:
        pruner = Pruner(every=0.05)
        pruner.start()
        deadline = time.monotonic() + 10
        try:
            later = _beside_the_pruner(
                lambda: task_row("SUCCESSFUL", finished_days_ago=20), deadline
            )  # finished while it runs
            while later.pk in _beside_the_pruner(self.left, deadline):
                if time.monotonic() > deadline:
                    break
                time.sleep(0.05)
        finally:
            pruner.stop()
        assert later.pk not in self.left()
        assert self.recent.pk in self.left() and self.waiting.pk in self.left()

    def test_prune_every_zero_turns_it_off(self) -> None:
        call_command("worker", batch=True, startup_delay=False, verbosity=0, prune_every=0)
        assert self.old_done.pk in self.left()
