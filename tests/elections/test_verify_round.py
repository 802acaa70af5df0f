"""manage.py verify_round: the stored ballots against the digest printed on the minutes."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import TestCase
from world import build_hall, build_world, counted_short_round, phone_ballot_guards_dropped

from daihoi.elections import services
from daihoi.elections.models import PhoneBallot, Round
from daihoi.elections.snapshot import round_title
from daihoi.rules.digest import group_hex


class VerifyRoundTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        hall = build_hall(cls.w.unit, tellers=(cls.w.officer, cls.w.upper, cls.w.superuser))
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

    def test_the_round_is_named_as_the_pages_name_it_and_found_by_that_name(self) -> None:
        election = self.round.election_id
        code, out, _err = self.run_command(election, 1)
        assert code == 0
        name = f"{round_title(self.round)} – cuộc bầu cử số {election}, lần bầu 1"
        assert out.startswith(f"{name}: 4 phiếu khớp")
        assert "Vòng bầu" not in out
        code, _out, err = self.run_command(election, 9)
        assert code == 2
        assert f"Cuộc bầu cử số {election} không có lần bầu 9." in err

    def test_an_edited_snapshot_or_result_fails_under_the_same_digest(self) -> None:
        snapshot = dict(self.round.snapshot)
        snapshot["issued"] = snapshot["issued"] + 5  # the minutes' figures would change
        Round.objects.filter(pk=self.round.pk).update(snapshot=snapshot)
        code, out, _err = self.run_command(self.round.pk)
        assert code == 1
        assert "Tệp bầu cử (daihoi.election/1) lưu kèm vòng bầu đã bị sửa" in out
        result = dict(self.round.result)
        result["elected"] = []
        Round.objects.filter(pk=self.round.pk).update(snapshot=self.round.snapshot, result=result)
        code, out, _err = self.run_command(self.round.pk)
        assert code == 1
        assert "Kết quả kiểm phiếu (daihoi.result/1) lưu kèm vòng bầu đã bị sửa" in out

    def test_a_changed_phone_ballot_is_named_by_its_receipt_and_exits_one(self) -> None:
        ballot = PhoneBallot.objects.filter(round=self.round).order_by("receipt").first()
        ballot.kept = []
        with phone_ballot_guards_dropped():  # as a database owner would
            ballot.save()
        code, out, _err = self.run_command(self.round.pk)
        assert code == 1
        assert f"Phiếu điện thoại mã biên nhận {ballot.receipt}: lúc khóa sổ là “giữ " in out
        assert "nay là “gạch hết tên”" in out
        assert "k:" not in out
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


class PaperOnlyVerifyTests(TestCase):
    def test_a_paper_only_round_has_no_phone_line(self) -> None:
        from world import typed

        from daihoi.rules.election import Ballot

        w = build_world()
        hall = build_hall(w.unit, tellers=(w.officer, w.upper))
        from world import approved_round, bch_election

        round_ = approved_round(bch_election(hall, seats=1, names=("An", "Bình")))
        services.record_issued(round_=round_, issued=1)
        services.open_round(round_=round_, user=w.officer)
        services.close_round(round_=round_)
        services.record_collected(round_=round_, collected=1)
        ballot = Ballot(kept=frozenset(services.ballot_ids_of(round_)[:1]))
        for teller in (w.officer, w.upper):
            services.enter_line(round_=round_, teller=teller, typed=typed(round_, ballot))
        services.count_round(round_=round_)
        out = StringIO()
        call_command("verify_round", str(round_.pk), stdout=out, stderr=StringIO())
        assert "1 phiếu khớp" in out.getvalue()
        assert "điện thoại" not in out.getvalue()
