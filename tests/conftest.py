"""Settings shared by the whole suite."""

from __future__ import annotations

import pytest
from hypothesis import settings as hypothesis_settings

# Speed is measured in bench/, never asserted in tests: no per-example deadline, so a loaded
# machine (CI, two cores shared with a browser) cannot turn a slow example into a failure.
hypothesis_settings.register_profile("daihoi", deadline=None, print_blob=True)
hypothesis_settings.load_profile("daihoi")


def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings

    # The production storage needs collectstatic's manifest; tests render {% static %} without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # WhiteNoise serves the source static files (live server, browser tests) without a
    # collectstatic run, and does not look for STATIC_ROOT.
    settings.WHITENOISE_AUTOREFRESH = True
    settings.WHITENOISE_USE_FINDERS = True
    # Reports that may read from a standby (daihoi.replica) are tested against a second alias of
    # the test database (a mirror: another connection to it); DAIHOI_REPLICA stays off except in
    # the tests that turn it on (tests/replica/).
    default = settings.DATABASES["default"]
    settings.DATABASES.setdefault(
        "replica", {**default, "TEST": {**default.get("TEST", {}), "MIRROR": "default"}}
    )
    # Argon2 takes ~0.4 s a password by design: build_world makes six accounts, so the suite
    # would spend minutes hashing. Tests hash with MD5 (Django's advice for tests); Argon2
    # stays second to check what it made, and test_passwords_are_hashed_with_argon2 pins the
    # app's own list.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        *settings.PASSWORD_HASHERS,
    ]
    from django.core.signals import setting_changed

    setting_changed.send(
        sender=None, setting="PASSWORD_HASHERS", value=settings.PASSWORD_HASHERS, enter=True
    )
    # Tasks run in the process that queues them, once the transaction commits, unless a test is
    # about the queue itself (tests/background/: the database backend and a real worker).
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    setting_changed.send(sender=None, setting="TASKS", value=settings.TASKS, enter=True)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix: None,
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """On SQLite, a run with tests against Django's live server has its database in a file.

    Django hands the live server's threads the test's own connection to an in-memory SQLite
    database (one connection cannot be opened twice), so a page's request and the test's own
    statements, or two pages' requests (a projector's poll and a phone's log-in), meet on one
    connection as "database table is locked", which no timeout waits out: a write is lost, a
    test fails at random. On a file each thread opens its own connection, and SQLite's WAL
    and busy timeout (settings.py) order them as in production. Runs without the live server
    (make test's first run) keep the faster memory.
    """
    from django.conf import settings

    default = settings.DATABASES["default"]
    live = any("live_server" in getattr(item, "fixturenames", ()) for item in request.session.items)
    if live and default["ENGINE"] == "django.db.backends.sqlite3":
        test = default.setdefault("TEST", {})
        test["NAME"] = str(tmp_path_factory.mktemp("database") / "live.sqlite3")
