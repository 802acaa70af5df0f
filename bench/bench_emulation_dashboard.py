"""Time the emulation dashboard of a province (issue 10) on PostgreSQL.

Builds, in SQL, the term benchmark's province (bench_term_dashboard: 20 districts × 100 CĐCS,
``--members`` members, five yearly campaigns 2021-2025 with every member's evaluation, every
CĐCS's collective evaluation and the titles decided each year, the year-tally triggers firing
on every row), then times as a logged-in officer of the province: the dashboard's figures
(``emulation.dashboard.build``) for one year and for the five years, first when every tally
must be counted and then once they are kept, the page itself, its Excel file, and the figures
again after one title is decided in one CĐCS (its tallies counted again).

``--provinces N`` builds N such provinces under the root (5: 10,000 CĐCS, the goal's size) with
the members spread over all their CĐCS, and times the root's figures too. ``--bulk`` loads the
records with the tally triggers off (``ALTER TABLE ... DISABLE TRIGGER USER``; no tally exists
yet, so the first view counts every one as after any bulk load): a write's trigger costs are
measured by the default build, not the reading this times.

Run: scripts/with-postgres .venv/bin/python bench/bench_emulation_dashboard.py [--members N]
     [--provinces N] [--bulk]
Goal (issue 10): with 1,000,000 members, 10,000 units and five years, a province's yearly
summary <= 1 s and the root's <= 2 s:
     ... bench_emulation_dashboard.py --members 1000000 --provinces 5 --bulk --runs 3
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
from daihoi.units.models import Member, Unit, UnitKind, path_segment

# The tables whose rows the year tallies count (emulation migrations 0006, 0007).
TALLIED = (
    "units_member",
    "units_unit",
    "emulation_campaign",
    "emulation_evaluation",
    "emulation_collectiveevaluation",
    "emulation_titlerecord",
)


def build_units(provinces: int) -> tuple[int, list[int], list[int]]:
    """COPY in the root and its provinces of 20 districts × 100 CĐCS; return the root's id,
    the provinces' and the CĐCS' ids."""
    rows: list[tuple[object, ...]] = []
    paths: dict[int, str] = {}

    def add(parent: int | None, kind: str, name: str) -> int:
        unit_id = len(rows) + 1
        path = (paths[parent] if parent else "") + path_segment(unit_id)
        paths[unit_id] = path
        rows.append(
            (unit_id, name, "", f"U{unit_id}", kind, path, len(path) // 8 - 1, name, parent)
        )
        return unit_id

    root = add(None, UnitKind.TONG_LIEN_DOAN, "Tổng Liên đoàn Lao động Việt Nam")
    province_ids, grassroots = [], []
    for p in range(provinces):
        province = add(root, UnitKind.LDLD_TINH, f"Liên đoàn Lao động tỉnh {p + 1}")
        province_ids.append(province)
        for d in range(base.DISTRICTS):
            district = add(province, UnitKind.LDLD_HUYEN, f"LĐLĐ huyện {p + 1}.{d + 1}")
            for g in range(base.CDCS_PER_DISTRICT):
                grassroots.append(add(district, UnitKind.CDCS, f"CĐCS {p + 1}.{d + 1}.{g + 1}"))
    with connection.connection.cursor() as cursor:
        with cursor.copy(f"COPY units_unit ({base.UNIT_COLUMNS}) FROM STDIN") as copy:
            for unit_id, name, short, code, kind, path, depth, key, parent in rows:
                copy.write_row(
                    (unit_id, name, short, code, kind, path, depth, key, "now", "now", parent)
                )
        cursor.execute("SELECT setval('units_unit_id_seq', %s)", [len(rows)])
    return root, province_ids, grassroots


def set_tally_triggers(enabled: bool) -> None:
    with connection.cursor() as cursor:
        for table in TALLIED:
            cursor.execute(f"ALTER TABLE {table} {'ENABLE' if enabled else 'DISABLE'} TRIGGER USER")


def timed(fn: object) -> float:
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--provinces", type=int, default=1)
    parser.add_argument("--bulk", action="store_true", help="load with the tally triggers off")
    args = parser.parse_args()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    if connection.vendor != "postgresql":
        sys.exit("Cần PostgreSQL: chạy qua scripts/with-postgres (đặt DATABASE_URL).")
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    if args.bulk:
        set_tally_triggers(False)
    if args.provinces == 1:
        province, grassroots = base.build_units()
        root = province
    else:
        root, provinces, grassroots = build_units(args.provinces)
        province = provinces[0]
    # The campaigns are launched by the top unit built; they are the yearly ones of everyone.
    base.build_records(root, grassroots, args.members)
    if args.bulk:
        set_tally_triggers(True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SELECT count(*) FROM emulation_titlerecord")
        records = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM emulation_evaluation")
        evaluations = cursor.fetchone()[0]
    print(
        f"built in {time.perf_counter() - start:.0f} s: {Unit.objects.count():,} units "
        f"({len(grassroots):,} CĐCS), {Member.objects.count():,} members, {records:,} title "
        f"records, {evaluations:,} evaluations"
    )
    in_province = Member.objects.filter(unit__path__startswith=Unit.objects.get(pk=province).path)
    print(f"the province timed: {in_province.count():,} members")
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
    if root != province:
        top = Unit.objects.get(pk=root)
        cold = timed(lambda: dashboard.build(unit=top, years=last))
        print(f"{'root, one year, the other provinces counted':52} {cold:8.0f} ms")
        median, best = base.median_ms(args.runs, lambda: dashboard.build(unit=top, years=last))
        print(f"{'root, one year, tallies kept':52} {median:8.0f} ms {best:8.0f} ms")
        cold = timed(lambda: dashboard.build(unit=top, years=five))
        print(f"{'root, five years, the rest counted':52} {cold:8.0f} ms")
        median, best = base.median_ms(args.runs, lambda: dashboard.build(unit=top, years=five))
        print(f"{'root, five years, tallies kept':52} {median:8.0f} ms {best:8.0f} ms")
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
