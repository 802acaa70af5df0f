"""load_demo's election: seed 001's BCH, list approved, round not opened; idempotent."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.test import TestCase

from daihoi.accounts.models import User
from daihoi.congresses import services as congress_services
from daihoi.congresses.models import Congress, OrganKind
from daihoi.elections import services
from daihoi.elections.models import (
    Candidate,
    Election,
    PaperEntry,
    PhoneBallot,
    Round,
    RoundStatus,
    VoterParticipation,
)


def snapshot() -> tuple[object, ...]:
    return (
        list(Election.objects.order_by("id").values_list()),
        list(Round.objects.order_by("id").values_list()),
        list(Candidate.objects.order_by("id").values_list()),
        list(Round.candidates.through.objects.order_by("id").values_list()),
    )


class DemoElectionTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        call_command("load_demo", stdout=StringIO())
        cls.congress = Congress.objects.get(unit__code="LC-SCT", term_start=2023)

    def test_seed_001_has_its_bch_election_with_the_list_approved_and_not_opened(self) -> None:
        election = Election.objects.get()
        assert election.congress == self.congress
        assert (election.kind, election.seats) == ("bch", 5)
        assert election.title == (
            "Bầu Ban Chấp hành Công đoàn cơ sở Sở Công Thương khóa V, nhiệm kỳ 2023 - 2028"
        )
        round_ = Round.objects.get()
        assert round_.status == RoundStatus.LIST_APPROVED
        assert round_.opened_at is None and round_.paper and not round_.phone
        assert round_.list_message.endswith("Được thông qua (cần ít nhất 21 đại biểu tán thành).")
        names = [c.full_name for c in services.list_of(round_)]
        assert len(names) == 7
        assert {"Rcom Jen", "Lường Danh Vọng"} <= set(names)
        delegates = [c.delegate for c in Candidate.objects.select_related("delegate")]
        assert all(d is not None and d.congress_id == self.congress.pk for d in delegates)

    def test_no_ballot_is_entered_the_seed_gives_no_figures(self) -> None:
        assert not PaperEntry.objects.exists()
        assert not PhoneBallot.objects.exists()
        assert not VoterParticipation.objects.exists()
        assert Round.objects.get().issued == 0

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

    def test_the_round_opens_once_two_thirds_of_the_members_are_in(self) -> None:
        for delegate in self.congress.delegates.voting().order_by("number")[:28]:
            congress_services.check_in(congress=self.congress, delegate=delegate)
        officer = User.objects.get(username="canbo.congthuong")
        round_ = services.open_round(round_=Round.objects.get(), user=officer)
        assert (round_.status, round_.summoned, round_.present) == (RoundStatus.OPEN, 42, 28)
