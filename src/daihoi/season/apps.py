from __future__ import annotations

from django.apps import AppConfig


class SeasonConfig(AppConfig):
    name = "daihoi.season"
    verbose_name = "Mùa đại hội các cấp"
