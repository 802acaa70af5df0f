"""Run the background worker: fail the jobs of vanished workers, then run tasks as they come."""

from __future__ import annotations

from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from daihoi.background.services import sweep


class Command(DbWorkerCommand):
    help = "Chạy việc nền (nhập danh sách, tạo thẻ đại biểu): django-tasks-db db_worker."

    def handle(self, *args: Any, **options: Any) -> None:
        found = sweep()
        if found and options.get("verbosity", 1):
            self.stdout.write(f"{found} việc của tiến trình đã mất được đánh dấu thất bại.")
        super().handle(*args, **options)
