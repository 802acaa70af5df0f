"""Subtree queries over 100,000 units: the path range against LIKE 'prefix%'.

Run: .venv/bin/python bench/bench_unit_subtree.py            (SQLite file in a temporary dir)
     DATABASE_URL=postgres://... .venv/bin/python bench/bench_unit_subtree.py   (PostgreSQL;
     uses and empties that database)
Prints the time of each query (best of 5) and the query plan's use of the path index.
"""

from __future__ import annotations

import os
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

PROVINCES, DISTRICTS, GRASSROOTS = 63, 12, 130  # 1 + 63 + 756 + 98,280 = 99,100 units
MEMBERS_PER_GRASSROOTS = 3  # ~300,000 members: enough to see the join


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
                add(district, UnitKind.CDCS, f"CĐCS {p}.{d}.{g}")
    Unit.objects.bulk_create(units, batch_size=5000)
    members = [
        Member(unit=u, full_name="Nguyễn Văn An", ten="An", name_key="x", gender="nam")
        for u in units
        if u.kind == UnitKind.CDCS
        for _ in range(MEMBERS_PER_GRASSROOTS)
    ]
    Member.objects.bulk_create(members, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def best_of(n: int, fn: object) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main() -> None:
    start = time.perf_counter()
    build()
    print(
        f"{connection.vendor}: {Unit.objects.count():,} units, "
        f"{Member.objects.count():,} members built in {time.perf_counter() - start:.1f} s"
    )
    province = Unit.objects.get(code="U2")
    district = Unit.objects.get(code="U3")
    cases = {"province (1,573 units)": province, "district (131 units)": district}
    for label, unit in cases.items():
        by_range = Unit.objects.subtree(unit)
        by_like = Unit.objects.filter(path__startswith=unit.path)
        assert by_range.count() == by_like.count()
        members_range = Member.objects.in_subtree(unit)
        members_like = Member.objects.filter(unit__path__startswith=unit.path)
        assert members_range.count() == members_like.count()
        rows = [
            ("units, range", lambda q=by_range: list(q.values_list("id", flat=True))),
            ("units, LIKE", lambda q=by_like: list(q.values_list("id", flat=True))),
            ("member count, range", lambda q=members_range: q.count()),
            ("member count, LIKE", lambda q=members_like: q.count()),
        ]
        for name, fn in rows:
            print(f"  {label:24} {name:22} {best_of(5, fn):8.2f} ms")
        for name, q in (("range", by_range), ("LIKE", by_like)):
            plan = q.values_list("id").explain()
            print(f"  plan {name}: {' | '.join(plan.splitlines())[:160]}")


if __name__ == "__main__":
    main()
