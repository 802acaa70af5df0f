"""manage.py create_api_token <username> [--name NAME]: print a new API token once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from daihoi.accounts.models import User
from daihoi.accounts.tokens import TokenError, create_api_token

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

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(USER_NOT_FOUND.format(username=options["username"]))
        try:
            token, raw = create_api_token(user=user, name=options["name"])
        except TokenError as error:
            raise CommandError(str(error)) from None
        self.stderr.write(
            f"Đã tạo khóa API “{token.name}” cho {user.username}. "
            "Lưu khóa dưới đây ngay: khóa sẽ không được hiển thị lại."
        )
        # The token alone on stdout, so that scripts can capture it.
        self.stdout.write(raw)
