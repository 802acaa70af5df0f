"""DATABASE_URL: one server, or several as libpq lists them (a primary and its standby)."""

from __future__ import annotations

import pytest
from django.db import connection

from daihoi.settings import database_config


def test_one_server_is_parsed_as_before() -> None:
    config = database_config("postgres://daihoi:mk@db.example:5433/daihoi", conn_max_age=60)
    assert (config["HOST"], config["PORT"], config["NAME"], config["USER"]) == (
        "db.example",
        5433,
        "daihoi",
        "daihoi",
    )
    assert config["PASSWORD"] == "mk" and config["CONN_MAX_AGE"] == 60


def test_a_primary_and_its_standby_become_libpq_host_and_port_lists() -> None:
    config = database_config(
        "postgres://daihoi@10.0.0.1:5432,10.0.0.2:5433/daihoi?target_session_attrs=read-write",
        conn_max_age=0,
    )
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"]) == ("10.0.0.1,10.0.0.2", "5432,5433")
    assert config["OPTIONS"] == {"target_session_attrs": "read-write"}
    assert (config["NAME"], config["USER"]) == ("daihoi", "daihoi")


def test_hosts_without_ports_leave_the_port_to_libpq() -> None:
    config = database_config("postgres://daihoi@db1,db2/daihoi", conn_max_age=0)
    assert (config["HOST"], config["PORT"]) == ("db1,db2", "")


def test_the_sqlite_default_is_untouched() -> None:
    config = database_config("sqlite:////tmp/x/daihoi.sqlite3", conn_max_age=0)
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == "/tmp/x/daihoi.sqlite3"


@pytest.mark.django_db
def test_postgresql_binds_parameters_itself_and_prepares_a_statement_run_twice() -> None:
    """A phone's cast costs PostgreSQL a third less CPU so (docs/benchmarks.md, "2026-12-07,
    evening"); SQLite has neither."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    sql = "SELECT count(*) FROM django_migrations WHERE app = %s"
    with connection.cursor() as cursor:
        for _ in range(3):
            cursor.execute(sql, ["elections"])
            assert cursor.fetchone()[0] > 0
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any("django_migrations" in statement and "$1" in statement for statement in prepared)
