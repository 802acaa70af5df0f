"""manage.py load_demo: the seed units, their members and the demo accounts (idempotent).

`make run` calls it once as `load_demo --migrate --print-login`: one process (each start of Django
costs seconds) runs the system checks and the migrations, loads what is missing (nothing, on a
second run: a few queries) and prints how to log in.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from daihoi.units.demo import load_demo, login_text


class Command(BaseCommand):
    help = "Tạo dữ liệu demo từ các bài báo mẫu (chạy nhiều lần không thay đổi gì thêm)."
    # The system checks import every view (seconds): they run once, with --migrate, as migrate's.
    requires_system_checks: ClassVar[list[str]] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--migrate",
            action="store_true",
            help="Kiểm tra hệ thống và chạy migrate trước khi nạp (make run).",
        )
        parser.add_argument(
            "--print-login",
            action="store_true",
            help="In thêm hướng dẫn đăng nhập demo sau khi nạp dữ liệu.",
        )
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["migrate"]:
            call_command(
                "migrate",
                interactive=False,
                skip_checks=False,
                stdout=self.stdout,
                stderr=self.stderr,
            )
        report = load_demo()
        if report.units or report.members or report.accounts:
            self.stdout.write(
                f"Dữ liệu demo: thêm {report.units} đơn vị, {report.members} đoàn viên, "
                f"{report.accounts} tài khoản."
            )
        else:
            self.stdout.write("Dữ liệu demo đã có đủ, không thay đổi gì.")
        call_command("load_demo_congresses", stdout=self.stdout, stderr=self.stderr)
        call_command("load_demo_register", stdout=self.stdout, stderr=self.stderr)
        call_command("load_demo_elections", stdout=self.stdout, stderr=self.stderr)
        call_command("load_demo_term", stdout=self.stdout, stderr=self.stderr)
        call_command("load_demo_emulation", stdout=self.stdout, stderr=self.stderr)
        call_command("load_demo_review", stdout=self.stdout, stderr=self.stderr)
        if options["print_login"]:
            self.stdout.write(login_text(f"http://{options['host']}:{options['port']}"))
            # The tellers' accounts belong to the congresses' counting committees.
            call_command("load_demo_congresses", print_login=True, stdout=self.stdout)
