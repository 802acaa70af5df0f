"""manage.py load_demo_congresses: the congresses of seeds 000-003, ready to run (idempotent).

load_demo calls it at its end; it needs the units and members load_demo creates.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from daihoi.congresses.demo import load_demo_congresses, teller_login_text


class Command(BaseCommand):
    help = "Tạo các đại hội demo của bài báo mẫu 000-003 (chạy nhiều lần không thay đổi gì thêm)."

    # Silent when everything exists: load_demo has already said so for the whole demo.

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--print-login",
            action="store_true",
            help="Chỉ in tài khoản Ban Kiểm phiếu của các đại hội demo (không nạp gì).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["print_login"]:
            self.stdout.write(teller_login_text())
            return
        report = load_demo_congresses()
        if report.missing_units:
            self.stderr.write(
                "Chưa có đơn vị demo "
                + ", ".join(report.missing_units)
                + ": chạy manage.py load_demo trước."
            )
        if report.congresses:
            self.stdout.write(
                f"Đại hội demo: thêm {report.congresses} đại hội, {report.delegates} đại biểu."
            )
        if report.hall_votes:
            self.stdout.write(
                f"Đại hội demo đã tổ chức (mẫu 000): ghi {report.hall_votes} lần biểu quyết."
            )
        if report.speeches:
            self.stdout.write(f"Danh sách phát biểu demo: thêm {report.speeches} người phát biểu.")
        if report.tellers:
            self.stdout.write(f"Ban Kiểm phiếu demo: thêm {report.tellers} tài khoản.")
