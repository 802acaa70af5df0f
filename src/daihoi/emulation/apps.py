from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.core import checks


def check_emulation_settings(app_configs: Any = None, **kwargs: Any) -> list[checks.Error]:
    """``DAIHOI_EMULATION`` must name real settings with sound values (docs/emulation.md)."""
    from django.conf import settings

    from daihoi.emulation.engine import settings_problems

    problems = settings_problems(getattr(settings, "DAIHOI_EMULATION", None))
    return [checks.Error(problem, id="daihoi.E001") for problem in problems]


class EmulationConfig(AppConfig):
    name = "daihoi.emulation"
    verbose_name = "Thi đua – khen thưởng"

    def ready(self) -> None:
        from daihoi.background.services import register_sweep
        from daihoi.emulation import (  # noqa: F401  (Excel imports of past records)
            classification_sheet,
            record_sheet,
        )
        from daihoi.emulation.certificates import expire_stale_batches

        register_sweep(expire_stale_batches)
        checks.register(check_emulation_settings)
