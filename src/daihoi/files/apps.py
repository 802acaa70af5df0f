from __future__ import annotations

from django.apps import AppConfig


class FilesConfig(AppConfig):
    name = "daihoi.files"
    verbose_name = "Tệp lưu chung"
