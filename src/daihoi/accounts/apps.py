from __future__ import annotations

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "daihoi.accounts"
    verbose_name = "Tài khoản"
