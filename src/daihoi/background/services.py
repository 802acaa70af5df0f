"""Background work on Django's task framework (django.tasks), run by a worker process.

Production runs the database backend of django-tasks-db: enqueueing writes a row in the same
transaction as the job it belongs to, and `manage.py worker` (beside gunicorn, on any machine
that reaches the database) takes rows one at a time. No web process starts a thread.

Each job of daihoi (an import, a PDF of delegate cards) keeps its own row with its status and
progress, and gives a sign of life (a heartbeat) at least every few seconds while it runs. A
worker that vanishes mid-task (kill -9, a machine lost) stops giving signs of life: after
stale_after() its job is marked failed with a Vietnamese message, and the task's row in the
queue is marked failed with it, so nothing stays "running" forever. The pages that show a job
check this when they are read, and every worker checks it when it starts (sweep()).

A task waiting in the queue behind another one is not stale: it has not started. Tasks are
idempotent: run again (a retry, a second worker), a task whose job is no longer waiting for it
does nothing.
"""

from __future__ import annotations

import datetime
import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.tasks import Task, task_backends
from django.utils import timezone

logger = logging.getLogger(__name__)

# Written on the queue's row of a task whose worker vanished (its traceback field).
WORKER_LOST = "daihoi.background.WorkerLost"

_sweepers: list[Callable[[], int]] = []


def stale_after() -> datetime.timedelta:
    """Return how long a running job may stay silent before its worker is taken for dead."""
    return datetime.timedelta(seconds=int(getattr(settings, "DAIHOI_JOB_STALE_SECONDS", 120)))


def queue_wait_limit() -> datetime.timedelta:
    """Return how long a job may wait in the queue, not started, before it is given up."""
    return datetime.timedelta(seconds=int(getattr(settings, "DAIHOI_QUEUE_WAIT_SECONDS", 3600)))


def _uses_database_queue(task: Task[Any, Any]) -> bool:
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(task_backends[task.backend], DatabaseBackend)


def enqueue(task: Task[Any, Any], job_id: int) -> None:
    """Queue task(job_id).

    With the database queue the task's row is written in the caller's transaction: the job and
    its task are committed together or not at all. Other backends (the immediate one of the
    tests) are given the task once the transaction commits, as Django's documentation advises.
    """
    if _uses_database_queue(task):
        task.enqueue(job_id)
    else:
        transaction.on_commit(lambda: task.enqueue(job_id))


def _rows(tasks: tuple[Task[Any, Any], ...], job_id: int) -> Any:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path__in=[t.module_path for t in tasks if _uses_database_queue(t)],
        args_kwargs={"args": [job_id], "kwargs": {}},
    )


@dataclass(frozen=True)
class QueueState:
    """Where the tasks of one job stand in the queue (None: no such task, or no database queue)."""

    waiting_since: datetime.datetime | None = None  # enqueued, not started
    running_since: datetime.datetime | None = None  # taken by a worker


def queue_state(*tasks: Task[Any, Any], job_id: int) -> QueueState:
    """Return since when a task of job_id waits in the queue, and since when one runs."""
    from django.tasks import TaskResultStatus

    waiting = running = None
    rows = _rows(tasks, job_id).filter(
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
    )
    for status, enqueued_at, started_at in rows.values_list("status", "enqueued_at", "started_at"):
        if status == TaskResultStatus.READY:
            waiting = enqueued_at if waiting is None else min(waiting, enqueued_at)
        elif started_at is not None:
            running = started_at if running is None else max(running, started_at)
    return QueueState(waiting_since=waiting, running_since=running)


class Stale(enum.Enum):
    """Why a job that should be running is given up."""

    NEVER_STARTED = "never started"  # waited in the queue past queue_wait_limit(): no worker
    INTERRUPTED = "interrupted"  # silent past stale_after(): its worker died


def stale_reason(
    *tasks: Task[Any, Any], job_id: int, last_sign_of_life: datetime.datetime
) -> Stale | None:
    """Return why the running job job_id (run by these tasks) must be failed now, or None.

    A task still waiting in the queue is not stale until it waited queue_wait_limit(); a task
    taken by a worker is stale when neither the job (its last_sign_of_life: its row's update,
    its progress) nor the queue's start of the task is more recent than stale_after() ago.
    """
    now = timezone.now()
    queue = queue_state(*tasks, job_id=job_id)
    if queue.waiting_since is not None:
        return Stale.NEVER_STARTED if now - queue.waiting_since > queue_wait_limit() else None
    latest = max(last_sign_of_life, queue.running_since or last_sign_of_life)
    return Stale.INTERRUPTED if now - latest > stale_after() else None


def abandon(*tasks: Task[Any, Any], job_id: int, message: str) -> int:
    """Mark failed the queue's rows of these tasks for job_id not finished; return how many."""
    from django.tasks import TaskResultStatus

    return int(
        _rows(tasks, job_id)
        .filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING])
        .update(
            status=TaskResultStatus.FAILED,
            finished_at=timezone.now(),
            exception_class_path=WORKER_LOST,
            traceback=message,
        )
    )


def register_sweep(sweeper: Callable[[], int]) -> None:
    """Have sweep() call sweeper: it fails the stale jobs of one kind and returns how many."""
    if sweeper not in _sweepers:
        _sweepers.append(sweeper)


def sweep() -> int:
    """Fail every job whose worker vanished (each kind registered by its app); return how many."""
    count = 0
    for sweeper in _sweepers:
        count += sweeper()
    if count:
        logger.warning("%s background jobs found stale and marked failed", count)
    return count


def prune_task_results(*, older_than: datetime.timedelta) -> int:
    """Delete the queue's rows of tasks finished (done or failed) longer ago than older_than.

    As django-tasks-db's ``prune_db_task_results`` does, over every queue; return how many.
    The jobs' own rows (an import, a PDF of cards) are kept: they are the record users see.
    A task waiting or running is never touched."""
    from django_tasks_db.models import DBTaskResult

    cutoff = timezone.now() - older_than
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lte=cutoff).delete()
    if deleted:
        logger.info("%s finished task rows older than %s deleted", deleted, older_than)
    return deleted


def task_results_kept() -> datetime.timedelta:
    """Return how long a finished task's row stays in the queue's table."""
    return datetime.timedelta(days=int(getattr(settings, "DAIHOI_TASK_RESULTS_KEEP_DAYS", 14)))
