"""load_demo's election: seed 001's BCH, its list drafted for the hall to approve; idempotent."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from daihoi.accounts.models import User
from daihoi.congresses import services as congress_services
from daihoi.congresses.models import Congress, OrganKind, Presence
from daihoi.elections import errors, services
from daihoi.elections.models import (
    Candidate,
    Election,
    MinutesResult,
    PaperEntry,
    PhoneBallot,
    Round,
    RoundStatus,
    VoterParticipation,
)
from daihoi.units.demo import DEMO_PASSWORD

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def snapshot() -> tuple[object, ...]:
    return (
        list(Election.objects.order_by("id").values_list()),
        list(Round.objects.order_by("id").values_list()),
        list(Candidate.objects.order_by("id").values_list()),
        list(Round.candidates.through.objects.order_by("id").values_list()),
        list(MinutesResult.objects.order_by("id").values_list()),
    )


class DemoElectionTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        call_command("load_demo", stdout=StringIO())
        cls.congress = Congress.objects.get(unit__code="LC-SCT", term_start=2023)

    def test_seed_001_has_its_bch_election_with_the_list_drafted(self) -> None:
        election = Election.objects.get(congress=self.congress)
        assert election.congress == self.congress
        assert (election.kind, election.seats) == ("bch", 5)
        assert election.title == (
            "Bầu Ban Chấp hành Công đoàn cơ sở Sở Công Thương khóa V, nhiệm kỳ 2023 - 2028"
        )
        round_ = Round.objects.get(election__congress=self.congress)
        assert round_.opened_at is None and round_.paper and not round_.phone
        names = [c.full_name for c in services.list_of(round_)]
        assert len(names) == 7
        assert {"Rcom Jen", "Lường Danh Vọng"} <= set(names)
        candidates = Candidate.objects.filter(election=election).select_related("delegate")
        delegates = [c.delegate for c in candidates]
        assert all(d is not None and d.congress_id == self.congress.pk for d in delegates)

    def test_no_ballot_is_entered_the_seeds_give_no_figures(self) -> None:
        assert not PaperEntry.objects.exists()
        assert not PhoneBallot.objects.exists()
        assert not VoterParticipation.objects.exists()
        assert not Round.objects.exclude(status=RoundStatus.DRAFT).exists()
        assert not Round.objects.filter(issued__gt=0).exists()

    def test_seeds_000_002_003_have_their_outcome_recorded_as_the_demo_s(self) -> None:
        recorded = MinutesResult.objects.select_related("election__congress__unit")
        by_unit: dict[str, list[tuple[str, int, int]]] = {}
        for result in recorded.order_by("election_id"):
            seats = list(result.seats.all())
            by_unit.setdefault(result.election.congress.unit.code, []).append(
                (
                    result.election.kind,
                    sum(1 for s in seats if not s.alternate),
                    sum(1 for s in seats if s.alternate),
                )
            )
            assert result.source.startswith("Số liệu minh họa của bản demo")
        assert by_unit == {
            "LC-SCT-VP": [("bch", 5, 0), ("chu-tich", 1, 0), ("dai-bieu", 9, 1)],
            "HP-SKHCN": [("bch", 9, 0)],
            "VP-CB-CTXH": [("bi-thu", 1, 0), ("dai-bieu", 2, 0)],
        }

    def test_nobody_counting_the_votes_is_on_the_list(self) -> None:
        organ = self.congress.organs.get(kind=OrganKind.BAN_KIEM_PHIEU)
        counting = set(organ.members.values_list("delegate_id", flat=True))
        assert counting
        assert not Candidate.objects.filter(delegate_id__in=counting).exists()

    def test_running_load_demo_again_changes_nothing(self) -> None:
        before = snapshot()
        out = StringIO()
        call_command("load_demo", stdout=out)
        assert snapshot() == before
        assert out.getvalue().strip() == "Dữ liệu demo đã có đủ, không thay đổi gì."

    def test_the_list_is_not_approved_while_nobody_is_checked_in(self) -> None:
        # The congress is ready to run: no show of hands can have approved it yet.
        assert not self.congress.delegates.filter(presence=Presence.PRESENT).exists()
        round_ = Round.objects.get(election__congress=self.congress)
        assert round_.status == RoundStatus.DRAFT
        assert (round_.list_present, round_.list_yes, round_.list_message) == (None, None, "")
        self.client.force_login(User.objects.get(username="canbo.congthuong"))
        page = self.client.get(reverse("election_detail", args=[round_.election_id]))
        text = page.content.decode()
        assert "40/40" not in text and "Được thông qua" not in text

    def test_the_hall_approves_the_list_among_those_checked_in_then_opens_the_round(self) -> None:
        for delegate in self.congress.delegates.voting().order_by("number")[:28]:
            congress_services.check_in(congress=self.congress, delegate=delegate)
        officer = User.objects.get(username="canbo.congthuong")
        round_ = Round.objects.get(election__congress=self.congress)
        self.client.force_login(officer)
        page = self.client.get(reverse("round_detail", args=[round_.pk]))
        self.assertContains(page, 'name="present" value="28"')
        services.approve_list(round_=round_, yes=27, no=0, abstain=1, present=28)
        round_ = services.open_round(
            round_=Round.objects.get(election__congress=self.congress), user=officer
        )
        assert (round_.status, round_.summoned, round_.present) == (RoundStatus.OPEN, 42, 28)

    def test_a_demo_teller_logs_in_and_enters_a_ballot_the_officer_may_not(self) -> None:
        # make run, then paper ballot entry: only the Ban Kiểm phiếu's accounts enter, so the
        # demo seats one per member of the committee (load_demo --print-login lists them).
        officer = User.objects.get(username="canbo.congthuong")
        for delegate in self.congress.delegates.voting().order_by("number")[:30]:
            congress_services.check_in(congress=self.congress, delegate=delegate)
        round_ = Round.objects.get(election__congress=self.congress)
        services.approve_list(round_=round_, yes=30, no=0, abstain=0, present=30)
        services.record_issued(
            round_=Round.objects.get(election__congress=self.congress), issued=30
        )
        services.open_round(
            round_=Round.objects.get(election__congress=self.congress), user=officer
        )
        services.close_round(round_=Round.objects.get(election__congress=self.congress))
        services.record_collected(
            round_=Round.objects.get(election__congress=self.congress), collected=30
        )
        entry = reverse("round_entry", args=[round_.pk])

        self.client.force_login(officer)
        self.assertContains(self.client.get(entry), errors.NOT_A_TELLER, status_code=403)
        self.client.logout()

        login = {"username": "kiemphieu.congthuong.1", "password": DEMO_PASSWORD}
        assert self.client.post(reverse("login"), login).status_code == 302
        page = self.client.get(entry)
        assert page.status_code == 200
        response = self.client.post(entry, {"keys": "12", "mode": "crossed"}, follow=True)
        assert response.status_code == 200
        line = PaperEntry.objects.get()
        teller = User.objects.get(username="kiemphieu.congthuong.1")
        seat = self.congress.organs.get(kind=OrganKind.BAN_KIEM_PHIEU).members.get(account=teller)
        assert (line.teller_id, line.teller_delegate_id) == (teller.pk, seat.delegate_id)

    def test_the_example_election_file_has_the_demos_seed_001_list(self) -> None:
        # README: `daihoi count examples/bau-bch-seed-001.json` counts the demo's list.
        example = json.loads((EXAMPLES / "bau-bch-seed-001.json").read_text(encoding="utf-8"))
        round_ = Round.objects.get(election__congress=self.congress)
        assert sorted(c["name"] for c in example["candidates"]) == sorted(
            c.full_name for c in services.list_of(round_)
        )
        assert (example["title"], example["seats"]) == (round_.election.title, round_.seats)
        assert example["summoned"] == self.congress.delegates.voting().count()
