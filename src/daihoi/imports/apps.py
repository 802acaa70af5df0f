from __future__ import annotations

from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "daihoi.imports"
    verbose_name = "Nhập, xuất danh sách đoàn viên"
