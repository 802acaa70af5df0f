"""Importing a 100,000-row member workbook: read, check, store, insert; and the export back.

Run: .venv/bin/python bench/bench_import.py            (SQLite file in a temporary directory)
     scripts/with-postgres .venv/bin/python bench/bench_import.py   (PostgreSQL; the database
     in DATABASE_URL is emptied)
Options: --rows N (default 100,000), --keep (reuse bench/out/members-N.xlsx if it is there).
The workbook is generated first (not timed): varied names, real Excel dates and dd/mm/yyyy
texts, ethnicities, party members, rows spread over 20 sections by unit code. Then each phase
runs as the web process runs it for a large file (daihoi.imports.services): the goal of issue 2
is at most 20 s from the upload to the last member written, on a 2-core machine.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "daihoi.settings")
if "DATABASE_URL" not in os.environ:
    os.environ.setdefault("DAIHOI_VAR_DIR", tempfile.mkdtemp(prefix="daihoi-bench-"))

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from daihoi.imports import services  # noqa: E402
from daihoi.imports.checking import check_rows, find_header  # noqa: E402
from daihoi.imports.columns import COLUMNS  # noqa: E402
from daihoi.imports.models import ImportJob, ImportStatus  # noqa: E402
from daihoi.imports.spreadsheets import EXPORT_FIELDS, write_members  # noqa: E402
from daihoi.imports.workbook import read_workbook  # noqa: E402
from daihoi.units.ethnicities import ETHNICITIES  # noqa: E402
from daihoi.units.models import Member, Unit, UnitKind  # noqa: E402
from daihoi.units.services import create_unit  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
SECTIONS = 20
HO = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Lò Hà".split()
DEM = "Văn Thị Hữu Đức Minh Ngọc Thu Thanh Kim Quốc Xuân Hồng Mỹ Phương Công Đình".split()
TEN = (
    "An Bảo Cường Dũng Đạt Hải Hiếu Hùng Khoa Lâm Long Nam Nghĩa Phúc Quân Sơn Tài Thắng "
    "Anh Ánh Bình Châu Chi Dung Giang Hà Hằng Hạnh Hoa Hương Lan Linh Mai Nga Thảo Trang Yến"
).split()
EDUCATION = ["Đại học", "Cao đẳng", "Trung cấp", "THPT", "Thạc sĩ", "12/12", ""]


def build_tree() -> Unit:
    call_command("migrate", verbosity=0)
    ImportJob.objects.all().delete()
    Member.objects.all().delete()
    for unit in Unit.objects.order_by("-depth"):
        unit.delete()
    root = create_unit(parent=None, name="Tổng Liên đoàn", code="B", kind=UnitKind.TONG_LIEN_DOAN)
    province = create_unit(parent=root, name="LĐLĐ tỉnh", code="B-T", kind=UnitKind.LDLD_TINH)
    upper = create_unit(
        parent=province, name="CĐ Viên chức", code="B-VC", kind=UnitKind.CD_VIEN_CHUC
    )
    unit = create_unit(parent=upper, name="CĐCS Sở Công Thương", code="B-CT", kind=UnitKind.CDCS)
    for s in range(SECTIONS):
        create_unit(
            parent=unit, name=f"CĐBP {s + 1}", code=f"B-CT-{s + 1:02d}", kind=UnitKind.CD_BO_PHAN
        )
    return unit


def generate(path: Path, rows: int) -> None:
    rng = random.Random(2026)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Đoàn viên")
    sheet.append([c.header for c in COLUMNS])
    seen: set[tuple[str, datetime.date, int]] = set()
    for i in range(rows):
        gender = rng.choice(("Nam", "Nữ"))
        while True:  # two rows with the same name and birth date in a unit would be refused
            name = f"{rng.choice(HO)} {rng.choice(DEM)} {rng.choice(TEN)}"
            born = datetime.date(1962, 1, 1) + datetime.timedelta(days=rng.randrange(12_000))
            section = rng.randrange(1, SECTIONS + 1)
            if (name, born, section) not in seen:
                seen.add((name, born, section))
                break
        party = rng.random() < 0.3
        joined = born + datetime.timedelta(days=365 * 20 + rng.randrange(3000))
        sheet.append(
            [
                i + 1,
                name,
                gender,
                born if i % 2 else f"{born:%d/%m/%Y}",
                rng.choice(ETHNICITIES[:12]),
                rng.choice(("Không", "", "Phật giáo", "Công giáo")),
                "Có" if party else "",
                f"{joined:%d/%m/%Y}" if party else None,
                rng.choice(EDUCATION),
                rng.choice(("Cử nhân Kinh tế", "Kỹ sư Xây dựng", "")),
                rng.choice(("Chuyên viên", "Trưởng phòng", "Nhân viên")),
                f"Phòng {rng.randrange(1, 30)}",
                joined,
                f"B-{i + 1:07d}",
                f"09{rng.randrange(10**8):08d}",
                f"B-CT-{section:02d}",
            ]
        )
    book.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--batch", type=int, default=services.INSERT_BATCH)
    args = parser.parse_args()
    services.INSERT_BATCH = args.batch
    OUT.mkdir(exist_ok=True)
    path = OUT / f"members-{args.rows}.xlsx"
    if not (args.keep and path.exists()):
        start = time.perf_counter()
        generate(path, args.rows)
        print(f"generated {path.name} in {time.perf_counter() - start:.1f} s (not timed)")
    settings.MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="daihoi-bench-media-"))
    settings.DAIHOI_IMPORT_INLINE_ROWS = 10**9  # insert here, not in a thread, to time it
    unit = build_tree()
    size = path.stat().st_size
    print(f"{connection.vendor}: {args.rows:,} rows, {size / 1024 / 1024:.1f} MB")

    times: dict[str, tuple[float, float]] = {}
    cpu = [time.process_time()]

    def phase(name: str, start: float) -> float:
        now = time.perf_counter()
        used = time.process_time()
        times[name] = (now - start, used - cpu[0])
        cpu[0] = used
        return now

    t = time.perf_counter()
    with path.open("rb") as source:
        sheet = read_workbook(source, name=path.name, size=size)
    t = phase("read (calamine, formula scan)", t)
    header = find_header(sheet)
    with services.cyclic_gc_paused():  # as the web process does
        result = check_rows(sheet, header, unit=unit, today=datetime.date.today())
    t = phase("check every row (services' rules, duplicates in file and database)", t)
    assert result.can_import, result.problems[:5]
    job = ImportJob.objects.create(unit=unit, original_name=path.name, size=size)
    services.record_check(job, result)
    t = phase("store the checked rows for the confirmation", t)
    job = services.confirm_import(job=job)
    t = phase(f"insert (one transaction, batches of {args.batch:,})", t)
    assert job.status == ImportStatus.DONE, job.error_message
    assert Member.objects.in_subtree(unit).count() == args.rows

    members = Member.objects.in_subtree(unit).order_by("name_key", "id")
    with tempfile.TemporaryFile() as out:
        count = write_members(members.values_list(*EXPORT_FIELDS).iterator(2000), out)
        size_out = out.tell()
    phase("export (write-only openpyxl)", t)
    assert count == args.rows

    kept = [v for k, v in times.items() if not k.startswith("export")]
    total, total_cpu = sum(v[0] for v in kept), sum(v[1] for v in kept)
    print(f"  {'phase':70} {'wall':>8} {'CPU':>8}")
    for name, (seconds, used) in times.items():
        print(f"  {name:70} {seconds:6.2f} s {used:6.2f} s")
    goal = "upload to last member written (goal <= 20 s)"
    print(f"  {goal:70} {total:6.2f} s {total_cpu:6.2f} s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  rate: {args.rows / total:,.0f} rows/s; export {size_out / 1024 / 1024:.1f} MB")
    print(f"  peak memory of the process: {peak:,.0f} MB; load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
