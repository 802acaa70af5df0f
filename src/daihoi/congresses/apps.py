from __future__ import annotations

from django.apps import AppConfig


class CongressesConfig(AppConfig):
    name = "daihoi.congresses"
    verbose_name = "Đại hội"

    def ready(self) -> None:
        from daihoi.background.services import register_sweep
        from daihoi.congresses.cards import expire_stale_batches

        register_sweep(expire_stale_batches)
