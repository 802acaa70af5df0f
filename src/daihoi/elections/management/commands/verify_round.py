"""manage.py verify_round: re-check a counted round against the digest on its minutes.

The round is named as the pages name it: the election (its number in the address
``/bau-cu/<số>/``) and the round's number, ``verify_round 5 2``; a single number is the
round's own id (``/vong-bau/<id>/``). Exit status 0 when every stored ballot and the
documents printed from them are the ones counted, 1 when anything differs (each difference
named: the ballot by its paper number or receipt code, with the names kept), 2 when the round
is unknown or not counted yet.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from daihoi.elections import errors, services
from daihoi.elections.models import Round
from daihoi.elections.snapshot import round_title
from daihoi.rules.digest import group_hex

MSG_NO_ROUND = "Không có vòng bầu số {round}."
MSG_NO_ELECTION_ROUND = "Cuộc bầu cử số {election} không có lần bầu {number}."
ROUND_NAME = "{title} – cuộc bầu cử số {election}, lần bầu {number}"
VERIFY_OK = "{name}: {count} phiếu khớp với mã kiểm chứng {digest}."
VERIFY_FAILED = "{name}: phiếu đã lưu KHÔNG khớp với mã kiểm chứng {digest}:"
MSG_CLOSE_OK = "Phiếu điện thoại khớp với mã lúc kết thúc bỏ phiếu {digest}."
MSG_CLOSE_FAILED = "Phiếu điện thoại KHÔNG khớp với mã lúc kết thúc bỏ phiếu {digest}:"
HELP_FIRST = "số cuộc bầu cử (như trong địa chỉ /bau-cu/<số>/), hoặc số (id) của vòng bầu"
HELP_NUMBER = "lần bầu (1, 2, ...) của cuộc bầu cử đó"


def round_name(round_: Round) -> str:
    """Name a round as the pages do: its title, the election's number and the round's."""
    return ROUND_NAME.format(
        title=round_title(round_), election=round_.election_id, number=round_.number
    )


class Command(BaseCommand):
    help = "Kiểm tra lại các phiếu đã lưu của một vòng bầu với mã kiểm chứng in trên biên bản."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("first", type=int, metavar="BẦU_CỬ", help=HELP_FIRST)
        parser.add_argument("number", type=int, nargs="?", metavar="LẦN_BẦU", help=HELP_NUMBER)

    def find(self, first: int, number: int | None) -> Round:
        rounds = Round.objects.select_related("election__congress")
        if number is None:
            found = rounds.filter(pk=first).first()
            missing = MSG_NO_ROUND.format(round=first)
        else:
            found = rounds.filter(election_id=first, number=number).first()
            missing = MSG_NO_ELECTION_ROUND.format(election=first, number=number)
        if found is None:
            self.stderr.write(missing)
            sys.exit(2)
        return found

    def handle(self, *args: Any, **options: Any) -> None:
        round_ = self.find(options["first"], options["number"])
        name = round_name(round_)
        verification = services.verify_round(round_)
        if verification is None:
            self.stderr.write(errors.VERIFY_NO_DIGEST.format(round=name))
            sys.exit(2)
        failed = not verification.ok
        digest = group_hex(verification.recorded)
        if verification.ok:
            count = len(round_.digest["ballots"]) if round_.digest else 0
            self.stdout.write(VERIFY_OK.format(name=name, count=count, digest=digest))
        else:
            self.stdout.write(VERIFY_FAILED.format(name=name, digest=digest))
            for difference in verification.differences:
                self.stdout.write(f"  - {difference.message}")
        at_close = services.verify_close(round_) if round_.phone else None
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
