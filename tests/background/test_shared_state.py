"""Nothing that several app nodes must agree on lives in one process's memory.

Sessions, the login throttle and Django's cache are in the database that every node shares;
large work is queued there too (tests/background/test_worker_process.py).
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.db import connection

from daihoi.accounts.models import LoginFailure


def test_sessions_the_cache_and_the_task_queue_are_kept_in_the_database() -> None:
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    backends = {alias: conf["BACKEND"] for alias, conf in settings.CACHES.items()}
    assert backends == {"default": "django.core.cache.backends.db.DatabaseCache"}
    assert settings.TASKS["default"]["BACKEND"] in {
        "django_tasks_db.DatabaseBackend",
        "django.tasks.backends.immediate.ImmediateBackend",  # the suite's own (conftest)
    }
    assert LoginFailure._meta.db_table  # the login throttle counts rows, not a dict


@pytest.mark.django_db
def test_a_session_and_a_cached_value_are_rows_another_node_reads() -> None:
    session = SessionStore()
    session["unit"] = 7
    session.create()
    assert SessionStore(session_key=session.session_key).load() == {"unit": 7}
    cache.set("daihoi-probe", "có dấu", 60)
    table = connection.ops.quote_name(settings.CACHES["default"]["LOCATION"])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 - a settings name
        assert cursor.fetchone()[0] == 1
    assert cache.get("daihoi-probe") == "có dấu"
