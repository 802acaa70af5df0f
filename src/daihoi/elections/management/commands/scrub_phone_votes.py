"""manage.py scrub_phone_votes: compact the phone ballots' and participations' tables again.

Closing a round does it by itself once the close commits (``services.scrub_phone_tables``); if
that failed (the log says so, e.g. a lock not obtained in time), run this. On PostgreSQL it is a
``VACUUM FULL`` of the two tables, on SQLite a checkpoint that empties the write-ahead log.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from daihoi.elections import services

MSG_DONE = "Đã dọn bảng phiếu điện thoại và bảng đại biểu đã bỏ phiếu ({tables})."
MSG_FAILED = "Không dọn được bảng phiếu điện thoại: xem nhật ký lỗi rồi chạy lại."


class Command(BaseCommand):
    help = "Dọn lại bảng phiếu điện thoại sau khi kết thúc bỏ phiếu (VACUUM FULL trên PostgreSQL)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not services.scrub_phone_tables():
            raise CommandError(MSG_FAILED)
        self.stdout.write(MSG_DONE.format(tables=", ".join(services.PHONE_TABLES)))
