from __future__ import annotations

from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "daihoi.activities"
    verbose_name = "Sáng kiến, đề tài, đóng góp từ thiện, giới thiệu đảng viên"
