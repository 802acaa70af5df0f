from __future__ import annotations

from django.apps import AppConfig


class TermConfig(AppConfig):
    name = "daihoi.term"
    verbose_name = "Chỉ tiêu nghị quyết và nhiệm kỳ"
