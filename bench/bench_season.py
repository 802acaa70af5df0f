"""A province's congress season on PostgreSQL: 2,000 CĐCS, their plan, steps and the board.

Run: scripts/with-postgres .venv/bin/python bench/bench_season.py [--members N] [--runs N]
The database in DATABASE_URL must be PostgreSQL and is emptied: the script migrates it, builds a
province (20 districts of 100 CĐCS) and its members (INSERT ... SELECT generate_series), opens
the season (season.services.open_season) and saves the plan of the 2,000 CĐCS in one call
(season.services.save_plan: §2.12 checked with each unit's members), then gives 3/4 of the units
an approved đề án nhân sự, half a result file, a quarter a recognition. It ANALYZEs, then times
as a logged-in officer of the province (median of the runs after one warm-up): the board's first
page, the board filtered by status and by district, the plan page (2,000 cards), and the plan
saved again, and the board as Excel (every unit). Then the upper congress built from below: 150
of the units with a result file typed with its names (500 official delegates, 150 alternates),
the province's 15 outgoing committee members ex officio; it times the page's preview, the list
built the first time (500 + 15 delegates written) and built again (nothing changes). Goals
(issue 12): a province's board at most 1 s; the upper congress's 500 delegates from 150 lower
congresses at most 2 s.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "daihoi.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from daihoi.accounts.models import Role, User  # noqa: E402
from daihoi.congresses.testing import make_congress  # noqa: E402
from daihoi.season import services, upper  # noqa: E402
from daihoi.season.models import (  # noqa: E402
    Officer,
    OfficerRole,
    SeasonStep,
    SeasonUnit,
    StepKind,
    StepStatus,
    TypedName,
    TypedRole,
)
from daihoi.units.models import Unit, UnitKind, path_segment  # noqa: E402

DISTRICTS = 20
CDCS_PER_DISTRICT = 100
D = datetime.date
UNIT_COLUMNS = (
    "id, name, short_name, code, kind, path, depth, name_key, created_at, updated_at, parent_id"
)


def build_units() -> tuple[int, list[int], list[int]]:
    """COPY a province in: return its id, its districts' and its CĐCS' ids."""
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
    province = add(root, UnitKind.LDLD_TINH, "Liên đoàn Lao động tỉnh Điện Biên")
    districts, grassroots = [], []
    for d in range(DISTRICTS):
        district = add(province, UnitKind.LDLD_HUYEN, f"LĐLĐ huyện {d + 1}")
        districts.append(district)
        for g in range(CDCS_PER_DISTRICT):
            grassroots.append(add(district, UnitKind.CDCS, f"CĐCS {d + 1}.{g + 1}"))
    with connection.connection.cursor() as cursor:
        with cursor.copy(f"COPY units_unit ({UNIT_COLUMNS}) FROM STDIN") as copy:
            for unit_id, name, short, code, kind, path, depth, key, parent in rows:
                copy.write_row(
                    (unit_id, name, short, code, kind, path, depth, key, "now", "now", parent)
                )
        cursor.execute("SELECT setval('units_unit_id_seq', %s)", [len(rows)])
    return province, districts, grassroots


def build_members(grassroots: list[int], members: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO units_member (
                unit_id, full_name, ho, ten_dem, ten, name_key, search_text, gender, birth_date,
                ethnicity, religion, is_party_member, party_joined_on, education,
                professional_level, position, workplace, union_joined_on, member_number, phone,
                status, created_at, updated_at)
            SELECT (%(units)s::bigint[])[1 + (i - 1) %% %(n)s], 'Lò Văn ' || i, 'Lò', 'Văn',
                   i::text, i::text, 'lo van ' || i, 'nu', NULL, 'Thái', '', false, NULL, '', '',
                   '', '', NULL, '', '', 'active', now(), now()
            FROM generate_series(1, %(count)s) i
            """,
            {"units": grassroots, "n": len(grassroots), "count": members},
        )


def median_ms(runs: int, fn: Callable[[], object]) -> tuple[float, float]:
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    if connection.vendor != "postgresql":
        sys.exit("Cần PostgreSQL: chạy qua scripts/with-postgres (đặt DATABASE_URL).")

    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    province_id, districts, grassroots = build_units()
    build_members(grassroots, args.members)
    province = Unit.objects.get(pk=province_id)
    season = services.open_season(
        unit=province,
        data=services.SeasonData(
            name="Kế hoạch đại hội công đoàn cơ sở", term_start=2025, term_end=2030,
            deadlines={UnitKind.CDCS: D(2025, 12, 31)},
        ),
        by=None,
    )  # fmt: skip
    rows = [
        services.PlanRow(uid, D(2025, 10, 1 + i % 30), i == 0, 2, 3)
        for i, uid in enumerate(grassroots)
    ]
    started = time.perf_counter()
    services.save_plan(season=season, rows=rows)
    first_save = time.perf_counter() - started
    entries = list(SeasonUnit.objects.filter(season=season).order_by("unit__path"))
    steps = []
    for i, entry in enumerate(entries):
        if i % 4 == 3:
            continue
        steps.append(
            SeasonStep(
                entry=entry, kind=StepKind.PERSONNEL_PLAN, status=StepStatus.APPROVED,
                sent_on=D(2025, 9, 1), answered_on=D(2025, 9, 5), committee_size=3,
            )
        )  # fmt: skip
        if i % 2 == 0:
            recognized = i % 4 == 0
            steps.append(
                SeasonStep(
                    entry=entry, kind=StepKind.RESULT,
                    status=StepStatus.RECOGNIZED if recognized else StepStatus.APPROVED,
                    sent_on=D(2025, 10, 20), answered_on=D(2025, 10, 22), committee_size=3,
                    held_on=D(2025, 10, 15), delegates_elected=2,
                    decision_number="1/QĐ" if recognized else "",
                    decided_on=D(2025, 10, 30) if recognized else None,
                )
            )  # fmt: skip
    SeasonStep.objects.bulk_create(steps, batch_size=1000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SELECT version()")
        version = cursor.fetchone()[0].split(",")[0]
    print(version)
    print(
        f"built in {time.perf_counter() - start:.0f} s: {len(grassroots):,} CĐCS, "
        f"{args.members:,} members, {len(steps):,} steps; first save of the plan "
        f"{first_save * 1000:.0f} ms"
    )

    officer = User(username="canbo.tinh", unit_id=province_id, role=Role.ADMIN)
    officer.set_password("bench-only-password")
    officer.save()
    client = Client()
    client.force_login(officer)
    board = reverse("season_board", args=[season.pk])
    pages = [
        ("board, page 1 (of 2,000 units)", board),
        ("board, awaiting recognition", board + "?trang-thai=cho-cong-nhan"),
        ("board, one district", board + f"?nhanh={districts[3]}"),
        ("plan page (2,000 cards)", reverse("season_plan", args=[season.pk])),
        ("board as Excel (2,000 units)", reverse("season_board_excel", args=[season.pk])),
    ]
    print(f"{'what':40} {'queries':>8} {'median':>10} {'best':>10}")
    for label, url in pages:
        count = [0]

        def counted(execute, sql, params, many, context, count=count):  # type: ignore[no-untyped-def]
            count[0] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        median, best = median_ms(args.runs, lambda u=url: client.get(u))
        print(f"{label:40} {count[0]:8} {median:8.0f} ms {best:8.0f} ms")
    median, best = median_ms(args.runs, lambda: services.save_plan(season=season, rows=rows))
    print(f"{'save_plan, 2,000 rows (service)':40} {'':8} {median:8.0f} ms {best:8.0f} ms")
    bench_upper(season, province, client, args.runs)


def bench_upper(season: object, province: Unit, client: Client, runs: int) -> None:
    """150 typed result files naming 500 delegates; the province's congress built from them."""
    results = list(
        SeasonStep.objects.filter(entry__season=season, kind=StepKind.RESULT)
        .select_related("entry")
        .order_by("entry__unit__path")[:150]
    )
    names, seats = [], []
    for i, step in enumerate(results):
        count = 4 if i < 50 else 3  # 50 x 4 + 100 x 3 = 500
        step.entry.seats = count
        seats.append(step.entry)
        for n in range(count):
            names.append(
                TypedName(step=step, role=TypedRole.DELEGATE, full_name=f"Đại biểu {i}-{n}")
            )
        names.append(TypedName(step=step, role=TypedRole.ALTERNATE, full_name=f"Dự khuyết {i}"))
        names.append(TypedName(step=step, role=TypedRole.COMMITTEE, full_name=f"Ủy viên {i}"))
    SeasonUnit.objects.bulk_update(seats, ["seats"])
    TypedName.objects.bulk_create(names, batch_size=1000)
    Officer.objects.bulk_create(
        Officer(
            unit=province, role=OfficerRole.COMMITTEE, full_name=f"Ủy viên tỉnh {n}",
            term_start=2020, term_end=2025, started_on=D(2020, 9, 1), order=n,
        )
        for n in range(15)
    )  # fmt: skip
    congress = make_congress(province, term=(2025, 2030), on=D(2025, 12, 20))
    upper.set_upper_congress(season=season, congress_id=congress.pk)  # type: ignore[arg-type]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    page = reverse("season_upper", args=[season.pk])  # type: ignore[attr-defined]
    count = [0]

    def counted(execute, sql, params, many, context, count=count):  # type: ignore[no-untyped-def]
        count[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counted):
        response = client.get(page)
    assert response.status_code == 200
    median, best = median_ms(runs, lambda: client.get(page))
    label = "upper congress page (preview, 2,000 units)"
    print(f"{label:40} {count[0]:8} {median:8.0f} ms {best:8.0f} ms")
    started = time.perf_counter()
    built = upper.build_upper_list(season=season)  # type: ignore[arg-type]
    first = (time.perf_counter() - started) * 1000
    assert len(built.added) == 515, len(built.added)
    print(f"{'build the list, first (515 written)':40} {'':8} {first:8.0f} ms")
    median, best = median_ms(runs, lambda: upper.build_upper_list(season=season))  # type: ignore[arg-type]
    print(f"{'build the list again (no change)':40} {'':8} {median:8.0f} ms {best:8.0f} ms")


if __name__ == "__main__":
    main()
