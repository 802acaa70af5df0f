"""Subtree queries over 100,000 units: the path range against LIKE 'prefix%'.

Run: .venv/bin/python bench/bench_unit_subtree.py [--runs N]     (SQLite file in a temp dir)
     scripts/with-postgres .venv/bin/python bench/bench_unit_subtree.py   (PostgreSQL; uses and
     empties the database in DATABASE_URL)
The tree: 1 root, 63 provinces, 693 districts, 33,957 grassroots unions with 0 to 4 sections
each (66,528): 101,242 units, with 3 members per grassroots union and 1 per section.
Prints the median and the best of the runs for a province, a district and a leaf, and the
query plan's use of the path index.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "daihoi.settings")
os.environ.setdefault("DAIHOI_VAR_DIR", tempfile.mkdtemp(prefix="daihoi-bench-"))

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from daihoi.units.models import Member, Unit, UnitKind, path_segment  # noqa: E402

PROVINCES, DISTRICTS, GRASSROOTS = 63, 11, 49  # 1 + 63 + 693 + 33,957 = 34,714 upper units
SECTIONS = 5  # grassroots union g has g % 5 sections: 66,528 more, 101,242 units in all
MEMBERS_PER_GRASSROOTS = 3  # and 1 per section: 168,399 members, enough to see the join


def build() -> None:
    call_command("migrate", verbosity=0)
    Member.objects.all().delete()
    Unit.objects.all().delete()
    units: list[Unit] = []
    next_id = 1

    def add(parent: Unit | None, kind: str, name: str) -> Unit:
        nonlocal next_id
        path = (parent.path if parent else "") + path_segment(next_id)
        unit = Unit(
            id=next_id,
            parent=parent,
            name=name,
            code=f"U{next_id}",
            kind=kind,
            path=path,
            depth=len(path) // 8 - 1,
        )
        next_id += 1
        units.append(unit)
        return unit

    root = add(None, UnitKind.TONG_LIEN_DOAN, "Tổng Liên đoàn")
    for p in range(PROVINCES):
        province = add(root, UnitKind.LDLD_TINH, f"LĐLĐ {p}")
        for d in range(DISTRICTS):
            district = add(province, UnitKind.LDLD_HUYEN, f"LĐLĐ huyện {p}.{d}")
            for g in range(GRASSROOTS):
                grassroots = add(district, UnitKind.CDCS, f"CĐCS {p}.{d}.{g}")
                for s in range(g % SECTIONS):
                    add(grassroots, UnitKind.CD_BO_PHAN, f"CĐBP {p}.{d}.{g}.{s}")
    Unit.objects.bulk_create(units, batch_size=5000)
    per_unit = {UnitKind.CDCS: MEMBERS_PER_GRASSROOTS, UnitKind.CD_BO_PHAN: 1}
    members = [
        Member(unit=u, full_name="Nguyễn Văn An", ten="An", name_key="x", gender="nam")
        for u in units
        for _ in range(per_unit.get(u.kind, 0))
    ]
    Member.objects.bulk_create(members, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def timed(n: int, fn: object) -> tuple[float, float]:
    """Return the median and the best time of n runs, in ms, after one warm-up run."""
    fn()  # type: ignore[operator]
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, min(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    start = time.perf_counter()
    build()
    print(
        f"{connection.vendor}: {Unit.objects.count():,} units, "
        f"{Member.objects.count():,} members built in {time.perf_counter() - start:.1f} s"
    )
    province = Unit.objects.filter(kind=UnitKind.LDLD_TINH).order_by("path")[1]
    district = Unit.objects.filter(kind=UnitKind.LDLD_HUYEN).order_by("path")[1]
    leaf = Unit.objects.filter(kind=UnitKind.CD_BO_PHAN).order_by("path")[1]
    cases = {"province": province, "district": district, "leaf (CĐBP)": leaf}
    print(f"  {'subtree':40} {'query':20} {'median':>11} {'best':>11}")
    for label, unit in cases.items():
        by_range = Unit.objects.subtree(unit)
        by_like = Unit.objects.filter(path__startswith=unit.path)
        assert by_range.count() == by_like.count()
        members_range = Member.objects.in_subtree(unit)
        members_like = Member.objects.filter(unit__path__startswith=unit.path)
        assert members_range.count() == members_like.count()
        label = f"{label} ({by_range.count():,} units, {members_range.count():,} m.)"
        rows = [
            ("units, range", lambda q=by_range: list(q.values_list("id", flat=True))),
            ("units, LIKE", lambda q=by_like: list(q.values_list("id", flat=True))),
            ("unit count, range", lambda q=by_range: q.count()),
            ("member count, range", lambda q=members_range: q.count()),
            ("member count, LIKE", lambda q=members_like: q.count()),
        ]
        for name, fn in rows:
            median, best = timed(args.runs, fn)
            print(f"  {label:40} {name:20} {median:8.2f} ms {best:8.2f} ms")
        for name, q in (("range", by_range), ("LIKE", by_like)):
            plan = q.values_list("id").explain()
            print(f"  plan {name}: {' | '.join(plan.splitlines())[:160]}")


if __name__ == "__main__":
    main()
