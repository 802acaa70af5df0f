"""STORAGES with the default storage in the database, for test classes run again there."""

from __future__ import annotations

from typing import Any

from django.conf import settings


def database_storages() -> dict[str, Any]:
    return {**settings.STORAGES, "default": {"BACKEND": "daihoi.files.storage.DatabaseStorage"}}
