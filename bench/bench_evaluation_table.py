"""The evaluation table (bình xét) of a 2,000-member CĐCS: the whole table saved, rows, pages.

Run: scripts/with-postgres .venv/bin/python bench/bench_evaluation_table.py   (PostgreSQL; the
     database in DATABASE_URL is emptied)
     .venv/bin/python bench/bench_evaluation_table.py   (SQLite file in a temporary directory)
Options: --members N (default 2,000), --runs N (default 5), --row-by-row (also save every row
through the row's service, one after another: ~10 s).
The script builds the personas' tree (daihoi.units.testing.build_world), N members with card
numbers in its CĐCS, the CĐCS's yearly campaign with every member registered for LĐTT and
CSTĐCS, and two earlier years of CSTĐCS on record for a tenth of them. Timed, the median of the
runs after one first save:
- the whole table through ``services.evaluate_members`` (every row decided by the engine, one
  upsert), the first time (every row inserted) and again (every row replaced);
- the officer's way: the table downloaded as Excel (``evaluation_sheet.write_table``), and the
  filled workbook uploaded through the page (POST, read, checked, saved, redirect);
- logged in as the CĐCS's officer: one row saved by its page, the table's first and last page.
Goal (issue 10): the evaluation table of a 2,000-member CĐCS saved <= 1 s.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("ALLOWED_HOSTS", "testserver")  # the test client's host
if "DATABASE_URL" not in os.environ:
    os.environ.setdefault("DAIHOI_VAR_DIR", tempfile.mkdtemp(prefix="daihoi-bench-"))

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

import bench_dashboard  # noqa: F401 - sets Django up
from daihoi.emulation import evaluation_sheet, services
from daihoi.emulation.models import Evaluation, TitleRecord
from daihoi.emulation.testing import make_campaign
from daihoi.emulation.views import MEMBERS_PER_PAGE
from daihoi.rules.emulation import TaskLevel, Title
from daihoi.units.models import Gender, Member
from daihoi.units.testing import build_world

LEVELS = (TaskLevel.EXCELLENT, TaskLevel.GOOD, TaskLevel.GOOD, TaskLevel.GOOD, TaskLevel.DONE)
LEVEL_LABELS = (
    "Hoàn thành xuất sắc nhiệm vụ",
    "Hoàn thành tốt nhiệm vụ",
    "Hoàn thành tốt nhiệm vụ",
    "Hoàn thành tốt nhiệm vụ",
    "Hoàn thành nhiệm vụ",
)


def server_cpu_ms() -> float:
    """CPU time used so far by the PostgreSQL backend serving this connection (same machine:
    its /proc entry); 0 on SQLite, which runs in this process and counts in its CPU time."""
    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def timed(runs: int, fn: Callable[[], object]) -> str:
    """Median and best wall time of the runs after a warm-up, and the median CPU time of this
    process and of the database's backend: on a machine whose cores are busy with other work,
    the wall time also counts waiting for a core, the CPU time does not.
    """
    fn()
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu, start_db = time.perf_counter(), time.process_time(), server_cpu_ms()
        fn()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000 + server_cpu_ms() - start_db)
    median, best, used = statistics.median(wall), min(wall), statistics.median(cpu)
    return f"{median:8.1f} ms {best:8.1f} ms {used:8.1f} ms"


def level_of(n: int) -> str:
    """A spread of task levels: a fifth excellent, three fifths good, a fifth completed."""
    return LEVELS[n % 5].value


def build_members(unit: object, count: int) -> None:
    """The CĐCS's members with card numbers (half women), in one insert on either database."""
    Member.objects.bulk_create(
        (
            Member(
                unit=unit,
                full_name=f"Nguyễn Văn {n}",
                ho="Nguyễn",
                ten_dem="Văn",
                ten=str(n),
                name_key=f"{n:06d}",
                search_text=f"nguyen van {n}",
                gender=Gender.NU if n % 2 else Gender.NAM,
                member_number=f"BX-{n:05d}",
            )
            for n in range(1, count + 1)
        ),
        batch_size=1000,
    )


def filled_table(campaign: object, unit: object, *, shift: int) -> bytes:
    """The table downloaded and filled: each member's task level (shifted between runs)."""
    out = io.BytesIO()
    evaluation_sheet.write_table(campaign, unit, out)  # type: ignore[arg-type]
    book = load_workbook(io.BytesIO(out.getvalue()))
    sheet = book.worksheets[0]
    for n, line in enumerate(sheet.iter_rows(min_row=2, min_col=5, max_col=5)):
        line[0].value = LEVEL_LABELS[(n + shift) % 5]
    kept = io.BytesIO()
    book.save(kept)
    return kept.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--row-by-row", action="store_true")
    args = parser.parse_args()
    # The pages' {% static %} without a collectstatic manifest (as the tests render them).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    w = build_world()
    build_members(w.unit, args.members)
    campaign = make_campaign(w.unit, year=2025)
    members = list(Member.objects.filter(unit=w.unit).select_related("unit").order_by("pk"))
    services.register_members(
        campaign=campaign,
        unit=w.unit,
        members=members,
        titles=[Title.LDTT.value, Title.CSTDCS.value],
        by=None,
    )
    TitleRecord.objects.bulk_create(
        TitleRecord(member=m, year=year, title=Title.CSTDCS.value)
        for m in members[::10]
        for year in (2023, 2024)
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"{connection.vendor}: {len(members):,} members of {w.unit.name}, all registered "
        f"(LĐTT, CSTĐCS), {len(members[::10]):,} with two earlier years of CSTĐCS"
    )

    def table(shift: int, *, distinct: bool = False) -> list[services.TableRow]:
        """Every member's row: a few distinct facts (the task levels), or each row its own."""
        rows = []
        for n, m in enumerate(members):
            data = services.EvaluationData(task_level=level_of(n + shift))
            if distinct:  # days absent and day of recruitment: no two rows alike
                joined = datetime.date(2024, 1, 1) + datetime.timedelta(days=(n + shift) % 331)
                data = dataclasses.replace(data, days_absent=n % 50, joined_on=joined)
            rows.append(services.TableRow(row=n + 2, member=m, data=data))
        return rows

    def save(rows: list[services.TableRow]) -> None:
        services.evaluate_members(campaign=campaign, unit=w.unit, rows=rows, by=w.officer)

    start = time.perf_counter()
    save(table(0))
    first = (time.perf_counter() - start) * 1000
    assert Evaluation.objects.filter(campaign=campaign).count() == len(members)
    print(f"{'what':60} {'median':>11} {'best':>11} {'CPU':>11}")
    print(f"{'whole table, service, first save (every row inserted)':60} {first:8.1f} ms")
    for label, distinct in (
        ("whole table, service, saved again (every row replaced)", False),
        ("  the same, no two rows with the same facts", True),
    ):
        tables = iter([table(s, distinct=distinct) for s in range(1, args.runs + 2)])
        print(f"{label:60} {timed(args.runs, lambda tables=tables: save(next(tables)))}")

    client = Client()
    client.force_login(w.officer)
    kwargs = {"campaign_id": campaign.pk, "unit_id": w.unit.pk}
    download = reverse("evaluation_sheet_download", kwargs=kwargs)
    upload = reverse("evaluation_sheet_upload", kwargs=kwargs)

    def get_table() -> None:
        response = client.get(download)
        assert response.status_code == 200, response.status_code

    print(f"{'the table downloaded as Excel (GET)':60} {timed(args.runs, get_table)}")
    workbooks = [filled_table(campaign, w.unit, shift=s) for s in range(args.runs + 1)]
    print(f"  (the filled workbook: {len(workbooks[0]) / 1024:.0f} KB)")
    sent = iter(workbooks)

    def send_table() -> None:
        content = next(sent)
        response = client.post(upload, {"file": SimpleUploadedFile("binh-xet.xlsx", content)})
        assert response.status_code == 302, response.content.decode()[:2000]

    label = "whole table uploaded (POST: read, check, save, redirect)"
    print(f"{label:60} {timed(args.runs, send_table)}")

    table_page = reverse("evaluation_table", kwargs=kwargs)
    last_page = (len(members) + MEMBERS_PER_PAGE - 1) // MEMBERS_PER_PAGE
    member = members[len(members) // 2]
    row = reverse("evaluation_edit", kwargs={**kwargs, "member_id": member.pk})
    form = {
        "task_level": "xuat-sac",
        "active_in_emulation": "on",
        "days_absent": "2",
        "maternity_days": "0",
        "joined_on": "",
        "discipline": "khong",
        "initiative": "khong",
        "active_in_union": "on",
        "family_duties_met": "on",
        "override_reason": "",
    }

    def save_row() -> None:
        response = client.post(row, form)
        assert response.status_code == 302, response.status_code

    def show(page: int) -> None:
        response = client.get(table_page, {"trang": page})
        assert response.status_code == 200, response.status_code

    for label, fn in (
        ("one row saved by its page (POST, redirect)", save_row),
        ("the table's first page (100 rows + summary)", lambda: show(1)),
        (f"the table's last page ({last_page})", lambda: show(last_page)),
    ):
        print(f"{label:60} {timed(args.runs, fn)}")

    if args.row_by_row:
        start = time.perf_counter()
        for n, member in enumerate(members):
            services.evaluate_member(
                campaign=campaign,
                unit=w.unit,
                member=member,
                data=services.EvaluationData(task_level=level_of(n)),
                by=w.officer,
            )
        whole = time.perf_counter() - start
        print(
            f"every row saved through the row's service, one after another: {whole:.1f} s "
            f"({whole / len(members) * 1000:.1f} ms a row)"
        )


if __name__ == "__main__":
    main()
