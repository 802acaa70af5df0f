"""manage.py load_demo_emulation: seed 004's campaign and Bằng khen in Điện Biên, and seed 000's
section classified for each year of its term (idempotent).

load_demo calls it at its end; it needs the units load_demo creates.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from daihoi.emulation.demo import load_demo_classifications, load_demo_emulation


class Command(BaseCommand):
    help = (
        "Nạp phong trào thi đua 2015 - 2020 và Bằng khen của LĐLĐ tỉnh Điện Biên (bài báo mẫu "
        "004; chạy nhiều lần không thêm gì)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = load_demo_emulation()
        if report.missing_units:
            self.stderr.write("Chưa có các đơn vị Điện Biên: chạy manage.py load_demo trước.")
        elif report.campaigns:
            self.stdout.write(
                f"Thi đua demo: thêm 1 phong trào, {report.decisions} quyết định, "
                f"{report.awards} Bằng khen."
            )
        if classified := load_demo_classifications():
            self.stdout.write(
                f"Xếp loại demo: Công đoàn bộ phận Văn phòng Sở (bài báo mẫu 000), {classified} "
                "năm của nhiệm kỳ 2017 - 2022."
            )
