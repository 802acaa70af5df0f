"""manage.py verify_round <round id>: re-check the stored ballots against the round's digest.

Exit status 0 when every stored ballot is the one counted, 1 when anything differs (each
difference named by its ballot: paper number or receipt code), 2 when the round is unknown or
not counted yet.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from daihoi.elections import errors, services
from daihoi.elections.models import Round
from daihoi.rules.digest import group_hex

MSG_NO_ROUND = "Không có vòng bầu số {round}."
MSG_CLOSE_OK = "Phiếu điện thoại khớp với mã lúc kết thúc bỏ phiếu {digest}."
MSG_CLOSE_FAILED = "Phiếu điện thoại KHÔNG khớp với mã lúc kết thúc bỏ phiếu {digest}:"


class Command(BaseCommand):
    help = "Kiểm tra lại các phiếu đã lưu của một vòng bầu với mã kiểm chứng in trên biên bản."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("round_id", type=int, help="số (id) của vòng bầu")

    def handle(self, *args: Any, **options: Any) -> None:
        round_id = options["round_id"]
        round_ = Round.objects.select_related("election__congress").filter(pk=round_id).first()
        if round_ is None:
            self.stderr.write(MSG_NO_ROUND.format(round=round_id))
            sys.exit(2)
        verification = services.verify_round(round_)
        if verification is None:
            self.stderr.write(errors.VERIFY_NO_DIGEST.format(round=round_id))
            sys.exit(2)
        failed = not verification.ok
        digest = group_hex(verification.recorded)
        if verification.ok:
            count = len(round_.digest["ballots"]) if round_.digest else 0
            self.stdout.write(errors.VERIFY_OK.format(round=round_id, count=count, digest=digest))
        else:
            self.stdout.write(errors.VERIFY_FAILED.format(round=round_id, digest=digest))
            for difference in verification.differences:
                self.stdout.write(f"  - {difference.message}")
        at_close = services.verify_close(round_)
        if at_close is not None:
            close_digest = group_hex(at_close.recorded)
            if at_close.ok:
                self.stdout.write(MSG_CLOSE_OK.format(digest=close_digest))
            else:
                failed = True
                self.stdout.write(MSG_CLOSE_FAILED.format(digest=close_digest))
                for difference in at_close.differences:
                    self.stdout.write(f"  - {difference.message}")
        if failed:
            sys.exit(1)
