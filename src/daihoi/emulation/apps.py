from __future__ import annotations

from django.apps import AppConfig


class EmulationConfig(AppConfig):
    name = "daihoi.emulation"
    verbose_name = "Thi đua – khen thưởng"
