from __future__ import annotations

from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "daihoi.review"
    verbose_name = "Hội nghị tổng kết, điển hình tiên tiến"
