"""The member list of a unit (first page and count) over 1,000,000 members, with a search.

Run: scripts/with-postgres .venv/bin/python bench/bench_member_search.py [--members N] [--runs N]
The database in DATABASE_URL must be PostgreSQL and is emptied: the tree and the members are
built as bench_dashboard.py builds them. Each case is what the member list page asks of the
database: queries.members_of_subtree(unit, text=...) through a Paginator (one COUNT, one page of
50 in Vietnamese name order), the median of the runs after one warm-up.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from django.core.management import call_command
from django.core.paginator import Paginator
from django.db import connection

from bench_dashboard import build_members, build_units  # sets Django up
from daihoi.units import queries
from daihoi.units.models import Member, Unit, UnitKind
from daihoi.units.views import MEMBERS_PER_PAGE


def first_page(unit: Unit, text: str) -> tuple[int, int]:
    page = Paginator(queries.members_of_subtree(unit, text=text), MEMBERS_PER_PAGE).get_page(1)
    return page.paginator.count, len(list(page.object_list))


def timed(runs: int, unit: Unit, text: str) -> tuple[float, float, int]:
    found, _ = first_page(unit, text)  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        first_page(unit, text)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Cần PostgreSQL: chạy qua scripts/with-postgres (đặt DATABASE_URL).")
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE units_membertransfer, units_member, units_unit CASCADE")
    start = time.perf_counter()
    build_members(build_units(), args.members, layout="clustered")
    built = time.perf_counter() - start
    print(f"{Unit.objects.count():,} units, {Member.objects.count():,} members in {built:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%%trgm%%'")
        print("trigram index:", [row[0] for row in cursor.fetchall()] or "none")

    root = Unit.objects.get(depth=0)
    province = Unit.objects.filter(kind=UnitKind.LDLD_TINH).order_by("path")[1]
    cdcs = Unit.objects.filter(kind=UnitKind.CDCS).order_by("path")[1]
    searches = ("", "nguyen van 123456", "123456", "van 99")
    print(f"{'unit':10} {'search':20} {'found':>9} {'median':>10} {'best':>10}")
    for label, unit in (("root", root), ("province", province), ("CĐCS", cdcs)):
        for text in searches:
            median, best, found = timed(args.runs, unit, text)
            print(f"{label:10} {text or '(none)':20} {found:9,} {median:8.1f} ms {best:8.1f} ms")
    members = queries.members_of_subtree(root, text="nguyen van 123456")
    sql, params = members[:MEMBERS_PER_PAGE].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN ANALYZE " + sql, params)
        print("\nEXPLAIN ANALYZE, first page at the root, 'nguyen van 123456':")
        print("\n".join(row[0] for row in cursor.fetchall()))


if __name__ == "__main__":
    main()
