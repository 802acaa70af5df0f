"""manage.py load_demo_elections: seed 001's BCH election with its list drafted, and what seeds
000, 002 and 003 say their congresses elected, recorded as from minutes (idempotent).

load_demo calls it after the demo congresses; it needs their congresses.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from daihoi.elections.demo import load_demo_elections, load_demo_results

MISSING = "Chưa có đại hội demo của Công đoàn cơ sở Sở Công Thương: chạy manage.py load_demo trước."
ADDED = "Bầu cử demo: thêm {elections} cuộc bầu cử, {candidates} người trong danh sách."
RECORDED = (
    "Bầu cử demo: ghi kết quả {recorded} cuộc bầu cử theo các bài báo mẫu (không có số phiếu)."
)


class Command(BaseCommand):
    help = "Tạo cuộc bầu cử demo của bài báo mẫu 001 (chạy nhiều lần không thay đổi gì thêm)."

    # Silent when everything exists: load_demo has already said so for the whole demo.

    def handle(self, *args: Any, **options: Any) -> None:
        report = load_demo_results(load_demo_elections())
        if report.missing_congress:
            self.stderr.write(MISSING)
        if report.elections:
            self.stdout.write(
                ADDED.format(elections=report.elections, candidates=report.candidates)
            )
        if report.recorded:
            self.stdout.write(RECORDED.format(recorded=report.recorded))
