"""The term dashboard of a province (2,000 CĐCS, five years of emulation records) on PostgreSQL.

Run: scripts/with-postgres .venv/bin/python bench/bench_term_dashboard.py [--members N] [--runs N]
The database in DATABASE_URL must be PostgreSQL and is emptied: the script migrates it, builds a
province (20 districts of 100 CĐCS), its members (INSERT ... SELECT generate_series), five yearly
campaigns with every member's evaluation and every CĐCS's collective evaluation, the titles
decided each year (TitleRecord: Lao động tiên tiến, Đoàn viên CĐ xuất sắc, CSTĐCS, Giỏi việc
nước for women; TTLĐTT, TTLĐXS for the CĐCS), a congress for the province and for every CĐCS,
each with seed 000's measured targets and two typed by hand. It ANALYZEs, then times, as a
logged-in officer of the province (median of the runs after one warm-up): the province
congress's term dashboard page, its rows alone (term.queries.target_rows), the first page of
the province's overview of the congresses below, and one CĐCS's dashboard page.
Goal (issue 11): the province's dashboard at most 1 s.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
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
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from daihoi.accounts.models import Role, User  # noqa: E402
from daihoi.congresses.models import Congress, CongressForm  # noqa: E402
from daihoi.emulation.models import TitleRecord  # noqa: E402
from daihoi.term import queries  # noqa: E402
from daihoi.term.demo import SEED_000  # noqa: E402
from daihoi.term.models import Target, TargetValue  # noqa: E402
from daihoi.units.models import Member, Unit, UnitKind, path_segment  # noqa: E402

DISTRICTS = 20
CDCS_PER_DISTRICT = 100
YEARS = (2021, 2022, 2023, 2024, 2025)
UNIT_COLUMNS = (
    "id, name, short_name, code, kind, path, depth, name_key, created_at, updated_at, parent_id"
)


def build_units() -> tuple[int, list[int]]:
    """COPY a province in: return its id and the ids of its CĐCS."""
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
    grassroots = []
    for d in range(DISTRICTS):
        district = add(province, UnitKind.LDLD_HUYEN, f"LĐLĐ huyện {d + 1}")
        for g in range(CDCS_PER_DISTRICT):
            grassroots.append(add(district, UnitKind.CDCS, f"CĐCS {d + 1}.{g + 1}"))
    with connection.connection.cursor() as cursor:
        with cursor.copy(f"COPY units_unit ({UNIT_COLUMNS}) FROM STDIN") as copy:
            for unit_id, name, short, code, kind, path, depth, key, parent in rows:
                copy.write_row(
                    (unit_id, name, short, code, kind, path, depth, key, "now", "now", parent)
                )
        cursor.execute("SELECT setval('units_unit_id_seq', %s)", [len(rows)])
    return province, grassroots


def build_records(province: int, grassroots: list[int], members: int) -> None:
    """Members, five yearly campaigns, evaluations and titles, all in SQL."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE holder (n int PRIMARY KEY, unit_id bigint)")
        cursor.execute(
            "INSERT INTO holder SELECT ordinality - 1, unit_id "
            "FROM unnest(%s::bigint[]) WITH ORDINALITY AS t(unit_id)",
            [grassroots],
        )
        # ~49% women, ~5% moved or left, ~10% joined during the five years.
        cursor.execute(
            """
            INSERT INTO units_member (
                unit_id, full_name, ho, ten_dem, ten, name_key, search_text, gender, birth_date,
                ethnicity, religion, is_party_member, party_joined_on, education,
                professional_level, position, workplace, union_joined_on, member_number, phone,
                status, created_at, updated_at)
            SELECT h.unit_id, 'Lò Văn ' || i, 'Lò', 'Văn', i::text, i::text, 'lo van ' || i,
                   CASE WHEN r1 < 0.49 THEN 'nu' ELSE 'nam' END, NULL, 'Thái', '', false, NULL,
                   '', '', '', '',
                   CASE WHEN r2 < 0.10 THEN DATE '2021-01-01' + (r2 * 18000)::int
                        ELSE DATE '2010-01-01' END,
                   '', '',
                   CASE WHEN r3 < 0.05 THEN 'left' ELSE 'active' END, now(), now()
            FROM (SELECT i, random() r1, random() r2, random() r3
                  FROM generate_series(1, %(count)s) i) g
            JOIN holder h ON h.n = (g.i - 1)::bigint * %(n)s / %(count)s
            """,
            {"count": members, "n": len(grassroots)},
        )
        cursor.execute("DROP TABLE holder")
        for year in YEARS:
            cursor.execute(
                "INSERT INTO emulation_campaign (unit_id, year, kind, title, starts_on, ends_on,"
                " content, created_at) VALUES (%s, %s, 'thuong-xuyen', %s, %s, %s, '', now())"
                " RETURNING id",
                [
                    province,
                    year,
                    f"Thi đua năm {year}",
                    datetime.date(year, 1, 15),
                    datetime.date(year, 12, 15),
                ],
            )
            campaign = cursor.fetchone()[0]
            cursor.execute(
                """
                INSERT INTO emulation_evaluation (
                    campaign_id, member_id, unit_id, task_level, active_in_emulation,
                    days_absent, maternity_days, discipline, administrative_sanction, initiative,
                    research_accepted, active_in_union, family_duties_met, eligible,
                    explanations, proposed, override_reason, updated_at)
                SELECT %s, m.id, m.unit_id,
                       CASE WHEN r < 0.2 THEN 'xuat-sac' WHEN r < 0.8 THEN 'tot'
                            WHEN r < 0.97 THEN 'hoan-thanh' ELSE 'khong-hoan-thanh' END,
                       true, 0, 0, 'khong', false, 'khong', false, true, true, '[]', '{}',
                       '[]', '', now()
                FROM (SELECT id, unit_id, random() r FROM units_member
                      WHERE status = 'active'
                        AND (union_joined_on IS NULL OR union_joined_on <= %s)) m
                """,
                [campaign, datetime.date(year, 12, 31)],
            )
            for title, share, genders in (
                ("lao-dong-tien-tien", 0.86, ["nam", "nu"]),
                ("doan-vien-cong-doan-xuat-sac", 0.80, ["nam", "nu"]),
                ("chien-si-thi-dua-co-so", 0.12, ["nam", "nu"]),
                ("gioi-viec-nuoc-dam-viec-nha", 0.75, ["nu"]),
            ):
                cursor.execute(
                    "INSERT INTO emulation_titlerecord (member_id, year, title, source, created_at)"
                    " SELECT id, %s, %s, '', now() FROM units_member"
                    " WHERE status = 'active' AND random() < %s AND gender = ANY(%s)",
                    [year, title, share, genders],
                )
            cursor.execute(
                """
                INSERT INTO emulation_collectiveevaluation (
                    campaign_id, unit_id, task_level, active_in_emulation, united_and_lawful,
                    members, completed, advanced, fighters, disciplined_from_warning, eligible,
                    explanations, proposed, override_reason, updated_at)
                SELECT %s, u, CASE WHEN random() < 0.6 THEN 'tot' ELSE 'hoan-thanh' END,
                       true, true, 0, 0, 0, 0, 0, '[]', '{}', '[]', '', now()
                FROM unnest(%s::bigint[]) u
                """,
                [campaign, grassroots],
            )
            for title, share in (
                ("tap-the-lao-dong-tien-tien", 0.9),
                ("tap-the-lao-dong-xuat-sac", 0.3),
            ):
                cursor.execute(
                    "INSERT INTO emulation_titlerecord (unit_id, year, title, source, created_at)"
                    " SELECT u, %s, %s, '', now() FROM unnest(%s::bigint[]) u"
                    " WHERE random() < %s",
                    [year, title, grassroots, share],
                )


def build_congresses(province: int, grassroots: list[int]) -> Congress:
    """A congress for the province and each CĐCS, each with seed 000's twelve targets."""
    congresses = Congress.objects.bulk_create(
        Congress(
            unit_id=unit_id,
            number="khóa XV" if unit_id == province else "",
            term_start=YEARS[0],
            term_end=YEARS[-1],
            starts_on=datetime.date(YEARS[0], 9, 1),
            form=CongressForm.DAI_BIEU,
            profile="cong-doan",
        )
        for unit_id in [province, *grassroots]
    )
    targets = []
    for congress in congresses:
        for position, spec in enumerate(SEED_000, start=1):
            targets.append(
                Target(
                    congress=congress,
                    position=position,
                    text=spec.text,
                    measure=spec.measure.value,
                    title=spec.title.value if spec.title else "",
                    level=str(spec.level) if spec.level else "",
                    comparison=spec.comparison.value,
                    threshold=None if spec.threshold is None else Decimal(spec.threshold),
                    period=spec.measure.periods[0].value,
                    first_year=YEARS[0],
                    last_year=YEARS[-1],
                )
            )
    Target.objects.bulk_create(targets, batch_size=5000)
    typed = [
        TargetValue(target=t, year=year, achieved=True, evidence="Quyết định xếp loại")
        for t in Target.objects.filter(measure="dat-khong-dat-hang-nam")
        for year in YEARS
    ]
    TargetValue.objects.bulk_create(typed, batch_size=5000)
    return next(c for c in congresses if c.unit_id == province)


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
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--explain", action="store_true", help="print each query's plan")
    args = parser.parse_args()
    # The pages are rendered in this process, without collected static files (as the tests do).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    if connection.vendor != "postgresql":
        sys.exit("Cần PostgreSQL: chạy qua scripts/with-postgres (đặt DATABASE_URL).")

    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    province, grassroots = build_units()
    build_records(province, grassroots, args.members)
    congress = build_congresses(province, grassroots)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SELECT version()")
        version = cursor.fetchone()[0].split(",")[0]
        cursor.execute("SELECT count(*) FROM emulation_titlerecord")
        records = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM emulation_evaluation")
        evaluations = cursor.fetchone()[0]
    print(version)
    print(
        f"built in {time.perf_counter() - start:.0f} s: {len(grassroots):,} CĐCS, "
        f"{Member.objects.count():,} members, {evaluations:,} evaluations, "
        f"{records:,} title records ({YEARS[0]}-{YEARS[-1]}), "
        f"{Congress.objects.count():,} congresses, {Target.objects.count():,} targets"
    )

    officer = User(username="canbo.tinh", unit_id=province, role=Role.ADMIN)
    officer.set_password("bench-only-password")
    officer.save()
    client = Client()
    client.force_login(officer)
    cdcs_congress = Congress.objects.filter(unit_id=grassroots[0]).get()
    province_unit = Unit.objects.get(pk=province)
    pages = [
        ("province dashboard page", reverse("term_dashboard", args=[congress.pk])),
        ("overview of congresses below, page 1", reverse("term_overview", args=[province])),
        ("one CĐCS's dashboard page", reverse("term_dashboard", args=[cdcs_congress.pk])),
    ]
    print(f"{'what':40} {'queries':>8} {'median':>10} {'best':>10}")
    for label, url in pages:
        # Django empties the query log when a request starts: count through a wrapper.
        count = [0]

        def counted(execute, sql, params, many, context, count=count):  # type: ignore[no-untyped-def]
            count[0] += 1
            return execute(sql, params, many, context)

        first = time.perf_counter()
        with connection.execute_wrapper(counted):
            response = client.get(url)
        first_ms = (time.perf_counter() - first) * 1000
        assert response.status_code == 200, (url, response.status_code)
        count[0] = 0  # the queries of a view once the year tallies are kept
        with connection.execute_wrapper(counted):
            client.get(url)
        median, best = median_ms(args.runs, lambda u=url: client.get(u))
        print(
            f"{label:40} {count[0]:8} {median:8.0f} ms {best:8.0f} ms"
            f"  (first view, tallies counted: {first_ms:.0f} ms)"
        )
    median, best = median_ms(args.runs, lambda: queries.target_rows(congress))
    print(f"{'province target_rows (no page)':40} {'':8} {median:8.0f} ms {best:8.0f} ms")
    # One CĐCS's write (a title decided) makes its tallies stale: the next view counts it again.
    member = Member.objects.filter(unit_id=grassroots[0]).first()
    assert member is not None
    TitleRecord.objects.get_or_create(member=member, year=YEARS[-1], title="bang-khen")
    first = time.perf_counter()
    queries.target_rows(congress)
    print(
        f"{'province target_rows after one write':40} {'':8} "
        f"{(time.perf_counter() - first) * 1000:8.0f} ms"
    )
    if args.explain:
        with CaptureQueriesContext(connection) as captured:
            queries.target_rows(congress)
        with connection.cursor() as cursor:
            for query in captured.captured_queries:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
                plan = "\n".join(row[0] for row in cursor.fetchall())
                print(f"\n{query['sql'][:300]}\n{plan}")
    rows = queries.target_rows(congress)
    print(f"\n{province_unit.name}, {len(rows)} targets:")
    for row in rows:
        values = "  ".join(c.text for c in row.cells)
        print(f"  {row.target.position:2}. {row.threshold_text:14} {row.verdict:16} {values}")


if __name__ == "__main__":
    main()
