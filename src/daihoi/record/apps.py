from __future__ import annotations

from django.apps import AppConfig


class RecordConfig(AppConfig):
    name = "daihoi.record"
    verbose_name = "Văn kiện đại hội (nghị quyết, biên bản, báo cáo tổng kết nhiệm kỳ)"
