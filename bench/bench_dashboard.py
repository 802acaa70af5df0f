"""The unit dashboard roll-up (unit_statistics) over 1,000,000 members in 10,000 units.

Run: scripts/with-postgres .venv/bin/python bench/bench_dashboard.py [--members N] [--runs N]
The database in DATABASE_URL must be PostgreSQL and is emptied: the script migrates it, builds
the tree and the members in SQL (COPY for units, INSERT ... SELECT generate_series for members),
ANALYZEs, then times unit_statistics for the root, a province, a district and a CĐCS (median of
the runs, after one warm-up) and prints the plan of the root's aggregate (EXPLAIN ANALYZE).
Goal (issue 2): at most 1 s for the root.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "daihoi.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from daihoi.units.models import Member, MemberStatus, Unit, UnitKind, path_segment  # noqa: E402
from daihoi.units.statistics import unit_statistics  # noqa: E402

PROVINCES = 63
DISTRICTS_PER_PROVINCE = 11  # 693 upper-grassroots unions
CDCS_PER_DISTRICT = 13  # 9,009 grassroots unions
SECTIONS = 234  # công đoàn bộ phận under the first CĐCS: 10,000 units in all
UNIT_COLUMNS = (
    "id, name, short_name, code, kind, path, depth, name_key, created_at, updated_at, parent_id"
)


def build_units() -> list[tuple[int, str]]:
    """COPY the tree in; return (id, kind) of the units that hold members (CĐCS and CĐBP)."""
    rows: list[tuple[object, ...]] = []
    paths: dict[int, str] = {}

    def add(parent: int | None, kind: str, name: str) -> int:
        unit_id = len(rows) + 1
        path = (paths[parent] if parent else "") + path_segment(unit_id)
        paths[unit_id] = path
        depth = len(path) // 8 - 1
        rows.append((unit_id, name, "", f"U{unit_id}", kind, path, depth, name.lower(), parent))
        return unit_id

    root = add(None, UnitKind.TONG_LIEN_DOAN, "Tổng Liên đoàn Lao động Việt Nam")
    grassroots: list[int] = []
    for p in range(PROVINCES):
        province = add(root, UnitKind.LDLD_TINH, f"Liên đoàn Lao động tỉnh {p + 1}")
        for d in range(DISTRICTS_PER_PROVINCE):
            district = add(province, UnitKind.LDLD_HUYEN, f"LĐLĐ huyện {p + 1}.{d + 1}")
            for g in range(CDCS_PER_DISTRICT):
                grassroots.append(add(district, UnitKind.CDCS, f"CĐCS {p + 1}.{d + 1}.{g + 1}"))
    # A large grassroots union with many sections (a hospital, a factory).
    holders = list(grassroots)
    for s in range(SECTIONS):
        holders.append(add(grassroots[0], UnitKind.CD_BO_PHAN, f"CĐBP {s + 1}"))

    raw = connection.connection
    with raw.cursor() as cursor:
        with cursor.copy(f"COPY units_unit ({UNIT_COLUMNS}) FROM STDIN") as copy:
            for unit_id, name, short, code, kind, path, depth, key, parent in rows:
                copy.write_row(
                    (unit_id, name, short, code, kind, path, depth, key, "now", "now", parent)
                )
        cursor.execute("SELECT setval('units_unit_id_seq', %s)", [len(rows)])
    return [(unit_id, "") for unit_id in holders]


def build_members(holders: list[tuple[int, str]], count: int, *, layout: str) -> None:
    """Insert the members in one statement: realistic shares, nothing per row in Python.

    layout "clustered": each unit's members are consecutive rows, as an import or a unit's
    data entry writes them; "scattered": member i goes to unit i mod n, so every unit's
    members lie on different pages (the worst case for reading one subtree).
    """
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE holder (n int PRIMARY KEY, unit_id bigint)")
        cursor.execute(
            "INSERT INTO holder SELECT ordinality - 1, unit_id "
            "FROM unnest(%s::bigint[]) WITH ORDINALITY AS t(unit_id)",
            [[unit_id for unit_id, _ in holders]],
        )
        # Shares: ~49% women, ~30% party members, ~12% ethnic minorities (some not given),
        # ~3% without a birth date, ~5% moved or left; education spread over every level.
        cursor.execute(
            """
            INSERT INTO units_member (
                unit_id, full_name, ho, ten_dem, ten, name_key, search_text, gender, birth_date,
                ethnicity, religion, is_party_member, party_joined_on, education,
                professional_level, position, workplace, union_joined_on, member_number, phone,
                status, created_at, updated_at)
            SELECT h.unit_id, 'Nguyễn Văn ' || i, 'Nguyễn', 'Văn', i::text, i::text,
                   'nguyen van ' || i,
                   CASE WHEN r1 < 0.49 THEN 'nu' ELSE 'nam' END,
                   CASE WHEN r2 < 0.03 THEN NULL
                        ELSE DATE '1960-01-01' + (r2 * 16000)::int END,
                   CASE WHEN r3 < 0.02 THEN '' WHEN r3 < 0.08 THEN 'Tày'
                        WHEN r3 < 0.12 THEN 'Thái' ELSE 'Kinh' END,
                   '', r4 < 0.3, NULL,
                   (ARRAY['', 'thcs', 'thpt', 'trung_cap', 'cao_dang', 'dai_hoc', 'dai_hoc',
                          'thac_si', 'tien_si'])[1 + (r5 * 9)::int %% 9],
                   '', '', '', NULL, '', '',
                   CASE WHEN r6 < 0.03 THEN 'moved' WHEN r6 < 0.05 THEN 'left'
                        ELSE 'active' END,
                   now(), now()
            FROM (
                SELECT i, random() AS r1, random() AS r2, random() AS r3, random() AS r4,
                       random() AS r5, random() AS r6
                FROM generate_series(1, %(count)s) AS i
            ) AS g
            JOIN holder h ON h.n = CASE WHEN %(scattered)s THEN g.i %% %(n)s
                                        ELSE (g.i - 1)::bigint * %(n)s / %(count)s END
            """,
            {"count": count, "n": len(holders), "scattered": layout == "scattered"},
        )
        cursor.execute("DROP TABLE holder")
        cursor.execute("ANALYZE")


def median_ms(runs: int, fn: Callable[[], object]) -> tuple[float, float]:
    fn()  # warm-up: the first run reads the pages into shared buffers
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


def explain(unit: Unit) -> str:
    """Return the plan, with real timings, of the aggregate unit_statistics runs for a unit."""
    with CaptureQueriesContext(connection) as queries:
        unit_statistics(unit)
    aggregate = next(q["sql"] for q in queries.captured_queries if "units_member" in q["sql"])
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + aggregate)
        return "\n".join(row[0] for row in cursor.fetchall())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--layout", choices=("clustered", "scattered"), default="clustered")
    parser.add_argument(
        "--explain", choices=("root", "all", "none"), default="root", help="plans to print"
    )
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Cần PostgreSQL: chạy qua scripts/with-postgres (đặt DATABASE_URL).")

    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE units_membertransfer, units_member, units_unit CASCADE")
    holders = build_units()
    units_done = time.perf_counter()
    build_members(holders, args.members, layout=args.layout)
    built = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        version = cursor.fetchone()[0].split(",")[0]
    print(version)
    print(
        f"{Unit.objects.count():,} units in {units_done - start:.1f} s (with migrate), "
        f"{Member.objects.count():,} members in {built - units_done:.1f} s "
        f"({Member.objects.filter(status=MemberStatus.ACTIVE).count():,} active, "
        f"{args.layout})"
    )

    root = Unit.objects.get(depth=0)
    province = Unit.objects.filter(kind=UnitKind.LDLD_TINH).order_by("path")[1]
    district = Unit.objects.filter(kind=UnitKind.LDLD_HUYEN).order_by("path")[1]
    big_cdcs = Unit.objects.filter(kind=UnitKind.CDCS).order_by("path")[0]
    cdcs = Unit.objects.filter(kind=UnitKind.CDCS).order_by("path")[1]
    cases = [
        ("root (Tổng Liên đoàn)", root),
        ("province (LĐLĐ tỉnh)", province),
        ("district (LĐLĐ huyện)", district),
        ("CĐCS with 234 CĐBP", big_cdcs),
        ("CĐCS", cdcs),
    ]
    print(f"{'unit_statistics(...)':28} {'units':>7} {'members':>9} {'median':>10} {'best':>10}")
    for label, unit in cases:
        result = unit_statistics(unit)
        median, best = median_ms(args.runs, lambda u=unit: unit_statistics(u))
        print(
            f"{label:28} {1 + result.units_below_total:7,} {result.members:9,} "
            f"{median:8.1f} ms {best:8.1f} ms"
        )
    for label, unit in (
        cases if args.explain == "all" else cases[:1] if args.explain == "root" else []
    ):
        print(f"\nEXPLAIN ANALYZE of the aggregate, {label}:")
        print(explain(unit))


if __name__ == "__main__":
    main()
