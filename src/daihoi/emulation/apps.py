from __future__ import annotations

from django.apps import AppConfig


class EmulationConfig(AppConfig):
    name = "daihoi.emulation"
    verbose_name = "Thi đua – khen thưởng"

    def ready(self) -> None:
        from daihoi.background.services import register_sweep
        from daihoi.emulation import record_sheet  # noqa: F401  (past records' Excel import)
        from daihoi.emulation.certificates import expire_stale_batches

        register_sweep(expire_stale_batches)
