"""The database router: report reads to the standby inside ``replica.report``, all else primary."""

from __future__ import annotations

from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model

from daihoi.replica.reads import current

# Read on the primary even inside a report: who asks and what they may do (accounts, auth,
# sessions), the task queue, the stored files.
PRIMARY_ONLY_APPS = frozenset(
    {"accounts", "auth", "sessions", "admin", "contenttypes", "django_tasks_db", "background",
     "files"}
)  # fmt: skip


class ReplicaRouter:
    """Sends a model's reads to the standby only inside a report's scope (replica.reads).

    Outside it, and for every write, the primary ("default"), whatever database an instance
    was read from. A read inside a transaction opened during the report (a read a write
    follows) stays on the primary."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        scope = current()
        if scope is None or model._meta.app_label in PRIMARY_ONLY_APPS:
            return DEFAULT_DB_ALIAS
        if len(connections[DEFAULT_DB_ALIAS].atomic_blocks) > scope.depth:
            return DEFAULT_DB_ALIAS
        return scope.alias

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool | None:
        # The standby holds the primary's rows: an object read from one may refer to the other.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS
