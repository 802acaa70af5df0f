"""manage.py verify_round: the stored ballots against the digest printed on the minutes."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import TestCase
from world import build_hall, build_world, counted_short_round, phone_ballot_guards_dropped

from daihoi.elections.models import PhoneBallot
from daihoi.rules.digest import group_hex


class VerifyRoundTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        hall = build_hall(cls.w.unit)
        cls.round = counted_short_round(hall, cls.w.officer)

    def run_command(self, *args: object) -> tuple[int, str, str]:
        out, err = StringIO(), StringIO()
        try:
            call_command("verify_round", *[str(a) for a in args], stdout=out, stderr=err)
        except SystemExit as stop:
            return int(stop.code or 0), out.getvalue(), err.getvalue()
        return 0, out.getvalue(), err.getvalue()

    def test_unchanged_ballots_verify_with_exit_zero(self) -> None:
        code, out, _err = self.run_command(self.round.pk)
        assert code == 0
        assert f"4 phiếu khớp với mã kiểm chứng {group_hex(self.round.digest_hex)}" in out

    def test_a_changed_phone_ballot_is_named_by_its_receipt_and_exits_one(self) -> None:
        ballot = PhoneBallot.objects.filter(round=self.round).order_by("receipt").first()
        ballot.kept = []
        with phone_ballot_guards_dropped():  # as a database owner would
            ballot.save()
        code, out, _err = self.run_command(self.round.pk)
        assert code == 1
        assert f"Phiếu điện thoại mã biên nhận {ballot.receipt}: lúc khóa sổ là" in out
        assert "KHÔNG khớp" in out

    def test_a_removed_ballot_is_named(self) -> None:
        ballot = PhoneBallot.objects.filter(round=self.round).order_by("receipt").first()
        with phone_ballot_guards_dropped():
            ballot.delete()
        code, out, _err = self.run_command(self.round.pk)
        assert code == 1
        assert f"mã biên nhận {ballot.receipt}: có lúc khóa sổ" in out

    def test_an_unknown_round_exits_two(self) -> None:
        code, _out, err = self.run_command(999_999)
        assert code == 2
        assert "Không có vòng bầu số 999999" in err


@pytest.mark.parametrize("missing", ["", "abc"])
def test_the_round_id_is_required_and_numeric(missing: str) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("verify_round", *([missing] if missing else []))
