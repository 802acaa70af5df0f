"""manage.py create_api_token <username> [--name NAME] [--days N] [--read-only]: print a new API
token once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from daihoi.accounts.models import User
from daihoi.accounts.tokens import DEFAULT_DAYS, TokenError, create_api_token

USER_NOT_FOUND = "Không có người dùng “{username}”."


class Command(BaseCommand):
    help = (
        "Tạo khóa API cho một người dùng và in khóa ra một lần duy nhất "
        "(dùng trong tiêu đề Authorization: Bearer <khóa>)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="Tên đăng nhập của người dùng.")
        parser.add_argument(
            "--name", default="Khóa tạo từ dòng lệnh", help="Tên để nhận ra khóa sau này."
        )
        parser.add_argument(
            "--days",
            type=int,
            default=DEFAULT_DAYS,
            help=f"Số ngày khóa còn hiệu lực (mặc định {DEFAULT_DAYS}).",
        )
        parser.add_argument(
            "--read-only", action="store_true", help="Khóa chỉ được đọc, không được ghi."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(USER_NOT_FOUND.format(username=options["username"]))
        try:
            token, raw = create_api_token(
                user=user,
                name=options["name"],
                days=options["days"],
                read_only=options["read_only"],
            )
        except TokenError as error:
            raise CommandError(str(error)) from None
        self.stderr.write(
            f"Đã tạo khóa API “{token.name}” cho {user.username}, hết hạn ngày "
            f"{timezone.localtime(token.expires_at):%d/%m/%Y}"
            f"{' (chỉ đọc)' if token.read_only else ''}. "
            "Lưu khóa dưới đây ngay: khóa sẽ không được hiển thị lại."
        )
        # The token alone on stdout, so that scripts can capture it.
        self.stdout.write(raw)
