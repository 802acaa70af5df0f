"""Two desks scanning the same card at the same moment record one arrival (PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.test import TransactionTestCase

from daihoi.congresses import services
from daihoi.congresses.models import AttendanceEvent, Congress, Delegate, Presence
from daihoi.congresses.testing import add_people, make_congress
from daihoi.units.testing import build_world

DESKS = 4


def scan_at_once(congress: Congress, delegate: Delegate) -> tuple[list[bool], list[BaseException]]:
    """Let DESKS threads scan one card at the same instant; return "already" per desk."""
    barrier = threading.Barrier(DESKS)
    results: list[bool] = []
    failures: list[BaseException] = []

    def desk(number: int) -> None:
        try:
            barrier.wait()
            result = services.check_in(congress=congress, code=delegate.token, desk=f"Bàn {number}")
            results.append(result.already)
        except BaseException as error:
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=desk, args=(n,)) for n in range(1, DESKS + 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, failures


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite runs one writer at a time (BEGIN IMMEDIATE): there is no race to test; "
    "run with scripts/with-postgres to test the row lock.",
)
class ConcurrentCheckInTests(TransactionTestCase):
    def test_four_desks_scanning_one_card_record_one_arrival(self) -> None:
        world = build_world()
        congress = make_congress(world.unit)
        for delegate in add_people(congress, 5):
            results, failures = scan_at_once(congress, delegate)
            assert failures == []
            assert sorted(results) == [False, True, True, True]
            assert AttendanceEvent.objects.filter(delegate=delegate).count() == 1
            delegate.refresh_from_db()
            assert (delegate.presence, delegate.events_count) == (Presence.PRESENT, 1)

    def test_desks_checking_different_people_in_all_succeed(self) -> None:
        world = build_world()
        congress = make_congress(world.unit)
        delegates = add_people(congress, 40)
        failures: list[BaseException] = []

        def desk(chunk: list[Delegate]) -> None:
            try:
                for delegate in chunk:
                    services.check_in(congress=congress, code=delegate.token)
            except BaseException as error:
                failures.append(error)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=desk, args=(delegates[n::DESKS],)) for n in range(DESKS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert failures == []
        assert services.attendance(congress).present == 40
