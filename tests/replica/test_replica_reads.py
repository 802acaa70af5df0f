"""Report pages read from the standby through the router; nothing else does (issue 14).

The standby here is the "replica" alias of the test database (tests/conftest.py: a mirror, its
own connection to the same database): the tests count the queries each connection ran.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ClassVar
from unittest import mock

from django.db import DEFAULT_DB_ALIAS, OperationalError, connections, transaction
from django.test import TransactionTestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from daihoi import replica
from daihoi.accounts.models import User
from daihoi.congresses import services as congress_services
from daihoi.congresses.models import AttendanceEvent
from daihoi.congresses.testing import make_congress
from daihoi.replica import reads
from daihoi.replica.router import ReplicaRouter
from daihoi.units.models import Member, Unit
from daihoi.units.testing import build_world

REPLICA = "replica"
HTMX = {"HTTP_HX_REQUEST": "true"}


def notice(seconds: int) -> str:
    return str(replica.NOTICE.format(seconds=seconds))


@contextmanager
def queries_on_each() -> Iterator[dict[str, CaptureQueriesContext]]:
    """Capture the SQL run on the primary's and on the standby's connection."""
    seen = {
        DEFAULT_DB_ALIAS: CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]),
        REPLICA: CaptureQueriesContext(connections[REPLICA]),
    }
    with seen[DEFAULT_DB_ALIAS], seen[REPLICA]:
        yield seen


def sql(capture: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in capture.captured_queries]


def touching(capture: CaptureQueriesContext, table: str) -> list[str]:
    return [s for s in sql(capture) if f'"{table}"' in s]


@override_settings(DAIHOI_REPLICA=REPLICA, DAIHOI_REPLICA_MAX_LAG_SECONDS=10)
class ReplicaTestCase(TransactionTestCase):
    """Committed rows (the standby's connection sees only what the primary committed)."""

    databases: ClassVar[set[str]] = {DEFAULT_DB_ALIAS, REPLICA}

    def setUp(self) -> None:
        reads.forget_failures()
        self.addCleanup(reads.forget_failures)
        self.w = build_world()
        self.client.force_login(self.w.officer)
        self.dashboard = reverse("unit_dashboard", kwargs={"unit_id": self.w.unit.pk})


class ReportPagesReadTheStandbyTests(ReplicaTestCase):
    def test_the_unit_dashboard_reads_its_figures_from_the_standby_and_shows_the_lag(self) -> None:
        with queries_on_each() as seen:
            response = self.client.get(self.dashboard)
        assert response.status_code == 200
        self.assertContains(response, notice(1))
        # The roll-up over the members ran on the standby, not on the primary.
        assert touching(seen[REPLICA], "units_member")
        assert not touching(seen[DEFAULT_DB_ALIAS], "units_member")
        # Who asks, their session, and the access check were read on the primary.
        assert touching(seen[DEFAULT_DB_ALIAS], "django_session")
        assert touching(seen[DEFAULT_DB_ALIAS], "accounts_user")
        assert not touching(seen[REPLICA], "accounts_user")
        assert not touching(seen[REPLICA], "django_session")

    def test_a_lag_of_three_and_a_bit_seconds_is_shown_as_at_most_four(self) -> None:
        with mock.patch.object(reads, "measure_lag", return_value=3.2):
            response = self.client.get(self.dashboard)
        self.assertContains(response, notice(4))

    def test_the_term_pages_and_the_season_board_opt_in(self) -> None:
        congress = make_congress(self.w.unit)
        pages = [
            reverse("term_dashboard", kwargs={"congress_id": congress.pk}),
            reverse("term_overview", kwargs={"unit_id": self.w.unit.pk}),
        ]
        for url in pages:
            with queries_on_each() as seen:
                response = self.client.get(url)
            assert response.status_code == 200, url
            self.assertContains(response, notice(1))
            assert seen[REPLICA].captured_queries, url

    def test_the_emulation_year_report_says_in_its_note_that_it_was_read_from_the_standby(
        self,
    ) -> None:
        url = reverse("emulation_year_report", kwargs={"unit_id": self.w.unit.pk, "year": 2025})
        with queries_on_each() as seen:
            response = self.client.get(url)
        assert response.status_code == 200
        assert touching(seen[REPLICA], "units_member")
        book = load_workbook(io.BytesIO(response.content))
        note = book.worksheets[0]["A3"].value
        assert notice(1) in note

    def test_without_a_replica_configured_nothing_reads_it_and_no_notice_is_shown(self) -> None:
        with override_settings(DAIHOI_REPLICA=""), queries_on_each() as seen:
            response = self.client.get(self.dashboard)
        assert response.status_code == 200
        assert seen[REPLICA].captured_queries == []
        self.assertNotContains(response, "máy chủ dự phòng")


class PagesThatDecideReadThePrimaryTests(ReplicaTestCase):
    def test_check_in_quorum_and_lists_never_read_the_standby(self) -> None:
        congress = make_congress(self.w.unit)
        congress_services.add_delegates_from_members(
            congress=congress, members=Member.objects.in_subtree(self.w.unit)
        )
        delegate = congress.delegates.get()
        c = {"congress_id": congress.pk}
        with queries_on_each() as seen:
            scan = self.client.post(
                reverse("desk_scan", kwargs=c), {"code": delegate.token, "desk": "Bàn 1"}, **HTMX
            )
            quorum = self.client.get(reverse("presidium_quorum", kwargs=c), **HTMX)
            counters = self.client.get(reverse("desk_counters", kwargs=c), **HTMX)
            detail = self.client.get(reverse("unit_detail", kwargs={"unit_id": self.w.unit.pk}))
            edit = self.client.get(reverse("member_list", kwargs={"unit_id": self.w.unit.pk}))
        for response in (scan, quorum, counters, detail, edit):
            assert response.status_code == 200
            self.assertNotContains(response, "máy chủ dự phòng")
        assert AttendanceEvent.objects.filter(delegate=delegate).count() == 1
        assert seen[REPLICA].captured_queries == []
        assert touching(seen[DEFAULT_DB_ALIAS], "congresses_delegate")


class FallbackToThePrimaryTests(ReplicaTestCase):
    def point_replica_nowhere(self) -> None:
        """Put in place of the standby's connection one to a server that is not there."""
        kept = connections[REPLICA]
        away = dict(kept.settings_dict)
        if kept.vendor == "sqlite":
            away["NAME"] = "/nonexistent/daihoi-standby/db.sqlite3"
        else:
            away["HOST"], away["PORT"] = "/nonexistent/daihoi-standby", ""
        connections[REPLICA] = type(kept)(away, REPLICA)

        def restore() -> None:
            connections[REPLICA].close()
            connections[REPLICA] = kept

        self.addCleanup(restore)

    def test_an_unreachable_standby_leaves_the_page_to_the_primary_without_a_notice(self) -> None:
        self.point_replica_nowhere()
        with CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as primary:
            response = self.client.get(self.dashboard)
        assert response.status_code == 200
        self.assertNotContains(response, "máy chủ dự phòng")
        assert touching(primary, "units_member")
        # Not tried again on the next report for DAIHOI_REPLICA_RETRY_SECONDS.
        with mock.patch.object(reads, "measure_lag") as probe:
            assert self.client.get(self.dashboard).status_code == 200
        probe.assert_not_called()

    def test_a_standby_behind_more_than_the_limit_is_not_read(self) -> None:
        with mock.patch.object(reads, "measure_lag", return_value=45.0):
            with queries_on_each() as seen:
                response = self.client.get(self.dashboard)
        assert response.status_code == 200
        self.assertNotContains(response, "máy chủ dự phòng")
        assert seen[REPLICA].captured_queries == []
        assert touching(seen[DEFAULT_DB_ALIAS], "units_member")

    def test_a_standby_that_stopped_streaming_is_not_read(self) -> None:
        with mock.patch.object(reads, "measure_lag", return_value=None):
            response = self.client.get(self.dashboard)
        self.assertNotContains(response, "máy chủ dự phòng")

    def test_a_standby_lost_while_the_page_is_built_leaves_the_page_to_the_primary(self) -> None:
        def lost(execute: Callable[..., Any], sql: str, *args: Any) -> Any:
            if "units_member" in sql:
                raise OperationalError("server closed the connection unexpectedly")
            return execute(sql, *args)

        with connections[REPLICA].execute_wrapper(lost), queries_on_each() as seen:
            response = self.client.get(self.dashboard)
        assert response.status_code == 200
        self.assertNotContains(response, "máy chủ dự phòng")
        self.assertContains(response, "Thống kê đoàn viên")
        assert touching(seen[DEFAULT_DB_ALIAS], "units_member")


class RouterTests(ReplicaTestCase):
    router = ReplicaRouter()

    def test_reads_go_to_the_standby_only_inside_a_report(self) -> None:
        assert self.router.db_for_read(Member) == DEFAULT_DB_ALIAS
        with reads.reading_from(REPLICA, 0.0):
            assert self.router.db_for_read(Member) == REPLICA
            assert self.router.db_for_read(Unit) == REPLICA
            # Who asks and what they may do: always the primary.
            assert self.router.db_for_read(User) == DEFAULT_DB_ALIAS
        assert self.router.db_for_read(Member) == DEFAULT_DB_ALIAS

    def test_writes_never_go_to_the_standby(self) -> None:
        with reads.reading_from(REPLICA, 0.0):
            unit = Unit.objects.get(pk=self.w.unit.pk)
            assert unit._state.db == REPLICA
            assert self.router.db_for_write(Unit, instance=unit) == DEFAULT_DB_ALIAS
            with queries_on_each() as seen:
                unit.short_name = "CĐCS Công Thương"
                unit.save(update_fields=["short_name"])
            assert seen[REPLICA].captured_queries == []
            assert any(s.startswith("UPDATE") for s in sql(seen[DEFAULT_DB_ALIAS]))
        assert Unit.objects.get(pk=unit.pk).short_name == "CĐCS Công Thương"

    def test_a_read_inside_a_transaction_opened_in_a_report_stays_on_the_primary(self) -> None:
        with reads.reading_from(REPLICA, 0.0):
            with transaction.atomic():
                assert self.router.db_for_read(Member) == DEFAULT_DB_ALIAS
                with queries_on_each() as seen:
                    Member.objects.count()
                assert seen[REPLICA].captured_queries == []
            assert self.router.db_for_read(Member) == REPLICA

    def test_an_object_read_from_the_standby_is_read_again_from_the_primary_after_it(
        self,
    ) -> None:
        with reads.reading_from(REPLICA, 0.0):
            member = Member.objects.select_related(None).first()
        assert member is not None and member._state.db == REPLICA
        assert self.router.db_for_read(Unit, instance=member) == DEFAULT_DB_ALIAS

    def test_the_standby_is_never_migrated(self) -> None:
        assert self.router.allow_migrate(DEFAULT_DB_ALIAS, "units") is True
        assert self.router.allow_migrate(REPLICA, "units") is False
