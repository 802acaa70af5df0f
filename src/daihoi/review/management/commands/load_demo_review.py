"""manage.py load_demo_review: seed 004's conference and its 5-year records (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from daihoi.review.demo import load_demo_review


class Command(BaseCommand):
    help = "Nạp Hội nghị điển hình tiên tiến lần thứ V (Điện Biên) và số liệu tổng kết 5 năm."

    def handle(self, *args: Any, **options: Any) -> None:
        report = load_demo_review()
        if report.missing:
            self.stdout.write("Chưa có dữ liệu Điện Biên (load_demo, load_demo_emulation).")
        elif report.conferences or report.initiatives:
            self.stdout.write(
                f"Hội nghị demo: thêm {report.conferences} hội nghị, {report.delegates} đại biểu, "
                f"{report.initiatives} sáng kiến, {report.research} đề tài, "
                f"{report.contributions} khoản hỗ trợ, {report.evaluations} kết quả bình xét, "
                f"{report.titles} danh hiệu."
            )
        # Nothing new: silent, as the other demo commands (load_demo says it once).
