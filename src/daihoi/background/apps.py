from __future__ import annotations

from django.apps import AppConfig


class BackgroundConfig(AppConfig):
    name = "daihoi.background"
    verbose_name = "Việc chạy nền"
