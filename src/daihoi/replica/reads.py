"""The scope in which a report's reads go to the standby, and how far behind the standby is."""

from __future__ import annotations

import contextvars
import logging
import math
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# Shown on a page built from the standby (base.html, and the note of a report's workbook).
NOTICE = _("Số liệu trễ tối đa {seconds} giây so với máy chủ chính (đọc từ máy chủ dự phòng).")

# On the standby: whether it is one, whether it streams from a primary, the WAL it received and
# replayed, and the age of the last transaction it replayed (clocks of the same machine).
_PG_STATE = """
SELECT pg_is_in_recovery(),
       EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming'),
       pg_last_wal_receive_lsn()::text,
       pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn(),
       GREATEST(0, EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp()))
"""
_PG_REPLAYED = "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn"
# While the primary writes, the standby is always replaying something: wait this long, a few
# times, for it to replay what it had received (then it is at most that long behind).
_CATCH_UP_POLL_S = 0.02
_CATCH_UP_POLLS = 5


@dataclass(frozen=True)
class Scope:
    """A report being built from ``alias``, ``lag`` seconds behind the primary at its start.

    ``depth``: the primary's atomic blocks open when the scope began; a read inside a block
    opened later (a read that a write follows) goes to the primary."""

    alias: str
    lag: float
    depth: int


_scope: contextvars.ContextVar[Scope | None] = contextvars.ContextVar("replica", default=None)
# Per process: when the standby failed, this process reads the primary for
# DAIHOI_REPLICA_RETRY_SECONDS instead of waiting for its connection timeout on every report.
# It decides nothing other processes must agree on.
_down_until: dict[str, float] = {}
_down_lock = threading.Lock()


def current() -> Scope | None:
    """The scope the current reads are in, if a report is being built from the standby."""
    return _scope.get()


def current_lag() -> int | None:
    """Whole seconds (at least 1) the page being built may be behind; None: from the primary."""
    scope = _scope.get()
    return None if scope is None else max(1, math.ceil(scope.lag))


def measure_lag(connection: BaseDatabaseWrapper) -> float | None:
    """Seconds the database of ``connection`` is behind its primary, at most; None if unknown.

    0 when it has replayed all the WAL it received, or is no standby (a promoted one; SQLite,
    the tests' mirror of their database). Otherwise it waits up to 0.1 s for the standby to
    replay what it had received, and the lag is the time that took; failing that, the age of
    the last transaction it replayed (an upper bound: after a quiet spell on the primary that
    age is the quiet spell). None for a standby that no longer streams from a primary: its lag
    is unknown and growing. Raises the driver's OperationalError when the server cannot be
    reached."""
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute("SELECT 0")
            return 0.0
        started = time.monotonic()
        cursor.execute(_PG_STATE)
        standby, streaming, received, caught_up, age = cursor.fetchone()
        if not standby:
            return 0.0
        if not streaming:
            return None
        if caught_up:
            return 0.0
        for _ in range(_CATCH_UP_POLLS):
            time.sleep(_CATCH_UP_POLL_S)
            cursor.execute(_PG_REPLAYED, [received])
            if cursor.fetchone()[0]:
                return time.monotonic() - started
    return None if age is None else float(age)


def _mark_down(alias: str, error: Exception) -> None:
    logger.warning("Máy chủ dự phòng %s không dùng được, đọc máy chủ chính: %s", alias, error)
    with _down_lock:
        _down_until[alias] = time.monotonic() + settings.DAIHOI_REPLICA_RETRY_SECONDS
    try:
        connections[alias].close()
    except Exception:  # a broken connection may fail to close: it is dropped
        logger.debug("closing %s failed", alias, exc_info=True)


def forget_failures() -> None:
    """Try the standby again on the next report (tests; an operator's shell)."""
    with _down_lock:
        _down_until.clear()


def usable_lag(alias: str) -> float | None:
    """The standby's lag if a report may read it now; None to read the primary."""
    if time.monotonic() < _down_until.get(alias, 0.0):
        return None
    try:
        lag = measure_lag(connections[alias])
    except (OperationalError, InterfaceError) as error:
        _mark_down(alias, error)
        return None
    if lag is None or lag > settings.DAIHOI_REPLICA_MAX_LAG_SECONDS:
        logger.info("Máy chủ dự phòng %s trễ %s giây: đọc máy chủ chính", alias, lag)
        return None
    return lag


@contextmanager
def reading_from(alias: str, lag: float) -> Iterator[Scope]:
    scope = Scope(alias=alias, lag=lag, depth=len(connections[DEFAULT_DB_ALIAS].atomic_blocks))
    token = _scope.set(scope)
    try:
        yield scope
    finally:
        _scope.reset(token)


def _rendered(response: HttpResponse) -> HttpResponse:
    # A TemplateResponse renders after the view returns: render it while the scope holds.
    render = getattr(response, "render", None)
    if callable(render) and not getattr(response, "is_rendered", True):
        render()
    return response


def report(request: HttpRequest, build: Callable[[], HttpResponse]) -> HttpResponse:
    """Build a read-only report page, from the standby when it may (see the package's doc).

    Only for GET pages whose reads decide nothing: no vote, check-in, count, permission or
    write follows them. The access checks are made before, on the primary."""
    alias = settings.DAIHOI_REPLICA
    if not alias or request.method not in ("GET", "HEAD"):
        return build()
    # Who asks is read on the primary, before the scope (the router keeps accounts there too).
    getattr(request.user, "pk", None)
    lag = usable_lag(alias)
    if lag is None:
        return build()
    try:
        with reading_from(alias, lag):
            return _rendered(build())
    except (OperationalError, InterfaceError) as error:
        # The standby failed while the page was built: build it again from the primary (a
        # read-only page: nothing was written).
        _mark_down(alias, error)
    return build()
