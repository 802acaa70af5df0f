"""Certificates: the time and memory of one PDF of 1,000 Bằng khen (WeasyPrint), and the Word file.

Run: .venv/bin/python bench/bench_certificates.py [--count 1000]
No database: the certificates are built as the decision's would be (emulation.certificates). The
goal (issue 10) is 1,000 in one PDF within 30 s. Prints the layout time with the progress
reports the page shows, the PDF write, the size, the Word file's time and the peak memory.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "daihoi.settings")

import django  # noqa: E402

django.setup()

from daihoi.emulation.certificates import (  # noqa: E402
    Certificate,
    render_certificates_docx,
    render_certificates_pdf,
)

GIVEN = ["Mai", "Vọng", "Xuân", "Phương", "Hùng", "Thủy", "Dũng", "Hạnh", "Quỳnh", "Tiến"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    certificates = [
        Certificate(
            award="BẰNG KHEN",
            parent="TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM",
            issuer="BAN CHẤP HÀNH LIÊN ĐOÀN LAO ĐỘNG TỈNH ĐIỆN BIÊN",
            salutation="Đồng chí",
            name=f"Lò Thị {GIVEN[n % len(GIVEN)]} {n}",
            unit="Công đoàn cơ sở Sở Công Thương tỉnh Điện Biên",
            achievement=(
                "Đã có thành tích xuất sắc trong phong trào thi đua yêu nước giai đoạn "
                "2015 - 2020, góp phần xây dựng giai cấp công nhân và tổ chức Công đoàn."
            ),
            decision="Quyết định số 245/QĐ-LĐLĐ ngày 08/07/2020",
            date_line="Điện Biên, ngày 08 tháng 7 năm 2020",
            signer_title="CHỦ TỊCH",
            signer="Lò Văn Phương",
        )
        for n in range(args.count)
    ]
    reports: list[tuple[float, int]] = []
    cpu = time.process_time()
    started = time.perf_counter()
    content = render_certificates_pdf(
        certificates, progress=lambda done: reports.append((time.perf_counter() - started, done))
    )
    total = time.perf_counter() - started
    laid_out = reports[-1][0]
    print(f"certificates: {args.count}")
    print(
        f"PDF: {total:.1f} s (layout {laid_out:.1f} s in {len(reports)} progress reports, "
        f"write {total - laid_out:.1f} s), {len(content) / 1_000_000:.1f} MB, "
        f"CPU {time.process_time() - cpu:.1f} s"
    )
    cpu = time.process_time()
    started = time.perf_counter()
    word = render_certificates_docx(certificates)
    print(
        f"Word: {time.perf_counter() - started:.1f} s, {len(word) / 1_000_000:.1f} MB, "
        f"CPU {time.process_time() - cpu:.1f} s"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB")
    print(f"load average: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
