from __future__ import annotations

from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "daihoi.units"
    verbose_name = "Tổ chức và đoàn viên"
