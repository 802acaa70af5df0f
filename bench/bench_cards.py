"""Delegate cards: the time and memory of one PDF of 2,000 cards (WeasyPrint).

Run: .venv/bin/python bench/bench_cards.py [--delegates 2000]   (SQLite file in a temp dir)
Prints the layout time (with the progress reports the page shows), the PDF write, the size and
the peak memory of the process. Renders the first page to PNG with pdftoppm when it is there.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "daihoi.settings")
VAR = Path(tempfile.mkdtemp(prefix="daihoi-bench-cards-"))
os.environ["DAIHOI_VAR_DIR"] = str(VAR)
os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from daihoi.congresses import cards, services  # noqa: E402
from daihoi.congresses.models import Delegate, new_token  # noqa: E402
from daihoi.congresses.services import CongressData, delegate_search_text  # noqa: E402
from daihoi.rules.names import sort_key  # noqa: E402
from daihoi.units.models import UnitKind  # noqa: E402
from daihoi.units.services import create_unit  # noqa: E402

NAMES = ("Nguyễn Thị Bích Ngọc", "Lường Văn Thanh", "Vừ A Tiến", "Hoàng Kiều Anh", "Rcom Jen")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--delegates", type=int, default=2000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    unit = create_unit(parent=None, name="Công đoàn Tập đoàn Thử", code="C", kind=UnitKind.CDCS)
    congress = services.create_congress(
        unit=unit,
        data=CongressData(
            number="lần thứ III", term_start=2025, term_end=2030,
            starts_on=date(2025, 10, 1), form="dai-bieu", venue="Cung Văn hóa Lao động",
        ),
    )  # fmt: skip
    rows = []
    for n in range(1, args.delegates + 1):
        name = NAMES[n % len(NAMES)]
        rows.append(
            Delegate(
                congress=congress, number=n, kind="bau", full_name=name, name_key=sort_key(name),
                search_text=delegate_search_text(full_name=name, number=n, workplace=""),
                position="Chuyên viên", workplace="Phòng Tổ chức - Hành chính",
                token=new_token(),
            )
        )  # fmt: skip
    Delegate.objects.bulk_create(rows, batch_size=1000)
    delegates = cards.delegates_for_cards(congress)
    reports: list[tuple[float, int]] = []
    start = time.perf_counter()
    content = cards.render_cards(
        congress, delegates, progress=lambda done: reports.append((time.perf_counter(), done))
    )
    total = time.perf_counter() - start
    laid_out = reports[-1][0] - start
    out = VAR / "cards.pdf"
    out.write_bytes(content)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{args.delegates} cards, {len(reports)} progress reports: layout {laid_out:.1f} s, "
        f"PDF write {total - laid_out:.1f} s, total {total:.1f} s; "
        f"{len(content) / 1024:.0f} KiB; peak memory {peak:.0f} MiB"
    )
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(out),
                        str(VAR / "page")], check=True)  # fmt: skip
        print(f"first page: {VAR / 'page-001.png'} (or page-1.png)")


if __name__ == "__main__":
    main()
