"""Run the background worker: fail the jobs of vanished workers, then run tasks as they come.

Besides, the worker deletes the queue's rows of tasks finished more than
DAIHOI_TASK_RESULTS_KEEP_DAYS ago (14): when it starts, then every --prune-every seconds
(DAIHOI_TASK_PRUNE_SECONDS, a day) from a thread of its own, so that no cron job is needed.
"""

from __future__ import annotations

import logging
import threading
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from daihoi.background.services import prune_task_results, sweep, task_results_kept

logger = logging.getLogger(__name__)


class Pruner:
    """Prunes the finished task rows every ``every`` seconds until stopped."""

    def __init__(self, every: float) -> None:
        self.every = every
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.loop, name="prune-task-results", daemon=True)

    def prune(self) -> int:
        try:
            return prune_task_results(older_than=task_results_kept())
        except DatabaseError as error:  # a locked SQLite file, a lost connection: next time
            logger.warning("Không xóa được các việc nền đã xong: %s", error)
            return 0
        finally:
            connections.close_all()  # this thread's connections

    def loop(self) -> None:
        while not self.stopped.wait(self.every):
            self.prune()

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stopped.set()
        self.thread.join(timeout=5)


class Command(DbWorkerCommand):
    help = "Chạy việc nền (nhập danh sách, tạo thẻ đại biểu): django-tasks-db db_worker."

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--prune-every",
            type=float,
            default=float(getattr(settings, "DAIHOI_TASK_PRUNE_SECONDS", 86400)),
            help="Xóa các việc đã xong quá DAIHOI_TASK_RESULTS_KEEP_DAYS ngày, mỗi chừng ấy "
            "giây (0: không xóa).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        every = options.pop("prune_every")
        found = sweep()
        if found and options.get("verbosity", 1):
            self.stdout.write(f"{found} việc của tiến trình đã mất được đánh dấu thất bại.")
        pruner = Pruner(every) if every > 0 else None
        if pruner is not None:
            pruned = pruner.prune()
            if pruned and options.get("verbosity", 1):
                self.stdout.write(f"Đã xóa {pruned} việc nền đã xong từ lâu.")
            pruner.start()
        try:
            super().handle(*args, **options)
        finally:
            if pruner is not None:
                pruner.stop()
