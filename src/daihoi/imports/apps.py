from __future__ import annotations

from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "daihoi.imports"
    verbose_name = "Nhập, xuất danh sách đoàn viên"

    def ready(self) -> None:
        from daihoi.background.services import register_sweep
        from daihoi.imports.services import expire_stale_jobs

        register_sweep(expire_stale_jobs)
