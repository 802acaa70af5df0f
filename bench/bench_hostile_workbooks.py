"""Hostile workbooks uploaded to the member import: the worker's memory and the request's time.

Run: .venv/bin/python bench/bench_hostile_workbooks.py   (SQLite file in a temporary directory)
Options: --keep (reuse the files in bench/out/hostile/), --only NAME.

The files of issue 9 are written first (not timed; the 5 GiB of spaces take about a minute):
cells at A1 and XFD3000 in 1.5 KB, a deflate bomb, the same bomb lying about its size, 5 GiB of
spaces in one cell (zip64), one cell of 400 MiB in the shared strings, 22 MB of formatted empty
rows, one text referenced by 60,000 cells (2.4 GB once parsed, the case the child process's
memory cap is for), and a real 100,000-row list for comparison (bench/bench_import.py's).
Each upload then runs in a fresh process, as one web worker: the upload page's POST through
Django's test client, then, if the file went to the background, the background check in the
same process. Printed: the request's time, the background's time, the worker's peak RSS, the
parser child's peak RSS, and what the user is told. Goal (issue 9): no hostile upload makes a
worker exceed 300 MB nor holds a request over 2 s.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "hostile"
MIB = 1024 * 1024
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

# --------------------------------------------------------------------------- the files


def _sheet_start() -> bytes:
    from tests.imports.workbooks import SHEET_START

    return SHEET_START


def corner() -> bytes:
    from tests.imports.workbooks import raw_xlsx, sheet_xml, text_cell

    cells = {1: [text_cell("A1", "Họ và tên")], 3000: [text_cell("XFD3000", "x")]}
    return raw_xlsx(sheet_xml(cells, dimension="A1:XFD3000"))


def _padded(size: int) -> bytes:
    from tests.imports.workbooks import list_sheet

    return list_sheet(1).replace(b"<sheetData>", b"<sheetData>" + b" " * size)


def bomb() -> bytes:
    from tests.imports.workbooks import raw_xlsx

    return raw_xlsx(_padded(300 * MIB))


def lying_bomb() -> bytes:
    from tests.imports.workbooks import declare_size

    return declare_size(bomb(), "xl/worksheets/sheet1.xml", 200 * 1024)


def _streamed(path: Path, head: bytes, filler: int, tail: bytes, *, shared: bool) -> None:
    """Write an .xlsx whose sheet (or shared strings) holds filler spaces, streamed."""
    from tests.imports import workbooks as w

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        book.writestr("[Content_Types].xml", w._CONTENT_TYPES)
        book.writestr("_rels/.rels", w._PACKAGE_RELS)
        book.writestr("xl/workbook.xml", w._WORKBOOK)
        rels = w._WORKBOOK_RELS.format(shared=w._SHARED_REL if shared else "")
        book.writestr("xl/_rels/workbook.xml.rels", rels)
        if shared:
            book.writestr(
                "xl/worksheets/sheet1.xml",
                w.sheet_xml({1: ['<c r="A1" t="s"><v>0</v></c>']}),
            )
        entry = "xl/sharedStrings.xml" if shared else "xl/worksheets/sheet1.xml"
        block = b" " * (64 * MIB)
        with book.open(entry, "w", force_zip64=True) as out:
            out.write(head)
            for _ in range(filler // len(block)):
                out.write(block)
            out.write(tail)


def spaces(path: Path) -> None:
    head = _sheet_start() + b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
    _streamed(
        path, head, 5 * 1024 * MIB, b"</t></is></c></row></sheetData></worksheet>", shared=False
    )


def big_cell(path: Path) -> None:
    head = (
        b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>'
    )
    _streamed(path, head, 400 * MIB, b"</t></si></sst>", shared=True)


def formatted_rows() -> bytes:
    from tests.imports.workbooks import formatted_empty_rows, raw_xlsx

    return raw_xlsx(formatted_empty_rows(61_000, members=40), compression=zipfile.ZIP_STORED)


def amplified() -> bytes:
    from tests.imports.workbooks import raw_xlsx, shared_strings_xml, sheet_xml

    shared = shared_strings_xml(["Họ và tên", "x" * 40_000])
    cells = {r: [f'<c r="A{r}" t="s"><v>1</v></c>'] for r in range(2, 60_002)}
    cells[1] = ['<c r="A1" t="s"><v>0</v></c>']
    return raw_xlsx(sheet_xml(cells), shared_strings=shared)


FILES = {
    "corner-a1-xfd3000": corner,
    "deflate-bomb": bomb,
    "deflate-bomb-lying": lying_bomb,
    "spaces-5gib": spaces,
    "cell-400mib": big_cell,
    "formatted-empty-rows-22mb": formatted_rows,
    "one-text-60000-times": amplified,
}


def write_files(keep: bool, only: str | None) -> list[Path]:
    OUT.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, make in FILES.items():
        if only and name != only:
            continue
        path = OUT / f"{name}.xlsx"
        if not (keep and path.exists()):
            start = time.perf_counter()
            if make in (spaces, big_cell):
                make(path)  # type: ignore[call-arg]
            else:
                path.write_bytes(make())  # type: ignore[call-arg]
            print(f"wrote {path.name} in {time.perf_counter() - start:.1f} s (not timed)")
        paths.append(path)
    members = ROOT / "bench" / "out" / "members-100000.xlsx"
    if (not only or only == "members-100000") and members.exists():
        paths.append(members)
    elif not only:
        print("(no bench/out/members-100000.xlsx: run bench/bench_import.py once to compare)")
    return paths


# --------------------------------------------------------------------------- one upload


def one_upload(path: Path) -> dict[str, object]:
    """Upload one file as a worker would, in this process; return the figures."""
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from daihoi.accounts.models import User
    from daihoi.imports import services
    from daihoi.imports.models import ImportJob
    from daihoi.units.models import Unit

    settings.ALLOWED_HOSTS = ["*"]
    # Pages render without collectstatic's manifest, as in the tests.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    unit = Unit.objects.get(code="BENCH")
    user = User.objects.get(username="bench")
    client = Client()
    client.force_login(user)
    url = reverse("import_upload", kwargs={"unit_id": unit.pk})
    data = path.read_bytes()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    with path.open("rb") as handle:
        response = client.post(url, {"file": handle})
    request_s = time.perf_counter() - start
    told = ""
    background_s = 0.0
    if response.status_code == 302:
        job = ImportJob.objects.latest("pk")
        if job.is_active:
            start = time.perf_counter()
            services.check_job(job.pk)  # what the background thread runs
            background_s = time.perf_counter() - start
        job.refresh_from_db()
        told = job.error_message or f"preview: {job.rows_valid} rows valid"
    else:
        html = response.content.decode()
        at = html.find('class="errorlist')
        told = html[html.find(">", at) + 1 :][:400] if at >= 0 else f"HTTP {response.status_code}"
        told = told.split("</li>")[0].replace("<li>", "").strip()
    return {
        "file": path.name,
        "size": len(data),
        "request_s": request_s,
        "background_s": background_s,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_before_mb": rss_before,
        "child_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "told": told,
    }


def prepare_database() -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from daihoi.accounts.models import Role
    from daihoi.units.models import UnitKind
    from daihoi.units.services import create_unit
    from daihoi.units.testing import make_user

    call_command("migrate", verbosity=0)
    unit = create_unit(parent=None, name="CĐCS Bench", code="BENCH", kind=UnitKind.CDCS)
    make_user("bench", unit, Role.ADMIN)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--only")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "daihoi.settings")
    if args.one:
        print(json.dumps(one_upload(Path(args.one))))
        return
    import django

    django.setup()  # the test workbooks' builders read the column table
    paths = write_files(args.keep, args.only)
    env = dict(os.environ)
    env["DAIHOI_VAR_DIR"] = tempfile.mkdtemp(prefix="daihoi-bench-hostile-")
    subprocess.run(
        [sys.executable, __file__, "--one", "-"],
        env=env | {"BENCH_PREPARE": "1"},
        check=True,
    )
    print(f"{'file':32} {'size':>10} {'request':>8} {'backgr.':>8} {'worker':>8} {'parser':>8}")
    for path in paths:
        done = subprocess.run(
            [sys.executable, __file__, "--one", str(path)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            print(f"{path.name:32} FAILED\n{done.stderr[-2000:]}")
            continue
        row = json.loads(done.stdout.strip().splitlines()[-1])
        size = int(row["size"])  # type: ignore[call-overload]
        size_text = f"{size / MIB:.1f} MB" if size >= MIB else f"{size / 1024:.1f} KB"
        print(
            f"{row['file']:32} {size_text:>10} {row['request_s']:7.2f}s "
            f"{row['background_s']:7.2f}s {row['rss_mb']:6.0f}MB {row['child_mb']:6.0f}MB"
        )
        print(f"    -> {str(row['told'])[:160]}")
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    if os.environ.get("BENCH_PREPARE"):
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "daihoi.settings")
        prepare_database()
    else:
        main()
