"""Time the emulation dashboard of a province (issue 10) on PostgreSQL.

Builds, in SQL, the term benchmark's province (bench_term_dashboard: 20 districts × 100 CĐCS,
``--members`` members, five yearly campaigns 2021-2025 with every member's evaluation, every
CĐCS's collective evaluation and the titles decided each year, the year-tally triggers firing
on every row), then times as a logged-in officer of the province: the dashboard's figures
(``emulation.dashboard.build``) for one year and for the five years, first when every tally
must be counted and then once they are kept, the page itself, its Excel file, and the figures
again after one title is decided in one CĐCS (its tallies counted again).

Run: scripts/with-postgres .venv/bin/python bench/bench_emulation_dashboard.py [--members N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

import bench_term_dashboard as base
from daihoi.accounts.models import Role, User
from daihoi.emulation import dashboard
from daihoi.emulation.models import TitleRecord, YearTally
from daihoi.units.models import Member, Unit


def timed(fn: object) -> float:
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    if connection.vendor != "postgresql":
        sys.exit("Cần PostgreSQL: chạy qua scripts/with-postgres (đặt DATABASE_URL).")
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    province, grassroots = base.build_units()
    base.build_records(province, grassroots, args.members)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SELECT count(*) FROM emulation_titlerecord")
        records = cursor.fetchone()[0]
    print(
        f"built in {time.perf_counter() - start:.0f} s: {len(grassroots):,} CĐCS, "
        f"{Member.objects.count():,} members, {records:,} title records"
    )
    unit = Unit.objects.get(pk=province)
    last = [base.YEARS[-1]]
    five = list(base.YEARS)
    print(f"{'what':52} {'median':>10} {'best':>10}")
    cold = timed(lambda: dashboard.build(unit=unit, years=last))
    print(f"{'one year, every tally counted (first view)':52} {cold:8.0f} ms")
    median, best = base.median_ms(args.runs, lambda: dashboard.build(unit=unit, years=last))
    print(f"{'one year, tallies kept':52} {median:8.0f} ms {best:8.0f} ms")
    cold = timed(lambda: dashboard.build(unit=unit, years=five))
    print(f"{'five years, four more counted':52} {cold:8.0f} ms")
    median, best = base.median_ms(args.runs, lambda: dashboard.build(unit=unit, years=five))
    print(f"{'five years, tallies kept':52} {median:8.0f} ms {best:8.0f} ms")
    officer = User(username="canbo.tinh", unit_id=province, role=Role.ADMIN)
    officer.set_password("bench-only-password")
    officer.save()
    client = Client()
    client.force_login(officer)
    url = reverse("emulation_dashboard", args=[province]) + "?tu=2021&den=2025"
    assert client.get(url).status_code == 200
    median, best = base.median_ms(args.runs, lambda: client.get(url))
    print(f"{'the page, five years':52} {median:8.0f} ms {best:8.0f} ms")
    xlsx = reverse("emulation_dashboard_xlsx", args=[province]) + "?tu=2021&den=2025"
    median, best = base.median_ms(args.runs, lambda: client.get(xlsx))
    print(f"{'its Excel file':52} {median:8.0f} ms {best:8.0f} ms")
    member = Member.objects.filter(unit_id=grassroots[0]).first()
    assert member is not None
    TitleRecord.objects.get_or_create(member=member, year=base.YEARS[-1], title="bang-khen")
    after = timed(lambda: dashboard.build(unit=unit, years=five))
    print(f"{'five years after one title decided in one CĐCS':52} {after:8.0f} ms")
    print(f"{YearTally.objects.count():,} year tallies kept")


if __name__ == "__main__":
    main()
