"""The Ban Kiểm phiếu: tellers are accounts linked to its seats; only they enter and count."""

from __future__ import annotations

from django.test import TestCase
from django.urls import reverse
from world import build_hall, build_world, closed_paper_round, phone_round, vote

from daihoi.accounts.models import Role
from daihoi.congresses import errors as congress_errors
from daihoi.congresses import services as congress_services
from daihoi.congresses.models import OrganKind, OrganMember
from daihoi.elections import errors, services
from daihoi.units.testing import make_user


class TellerPagesTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.hall = build_hall(cls.w.unit, tellers=(cls.w.officer, cls.w.upper))
        cls.round = closed_paper_round(cls.hall, cls.w.officer)
        cls.outsider = make_user("ngoai.ban", cls.w.unit, Role.OFFICER)
        cls.admin = make_user("quantri", cls.w.unit, Role.ADMIN)

    def test_an_officer_outside_the_committee_gets_403_on_entry_resolve_and_count(self) -> None:
        self.client.force_login(self.outsider)
        url = reverse("round_entry", kwargs={"round_id": self.round.pk})
        response = self.client.get(url)
        self.assertContains(response, errors.NOT_A_TELLER, status_code=403)
        for name in ("round_entry", "round_resolve", "round_count"):
            with self.subTest(name):
                url = reverse(name, kwargs={"round_id": self.round.pk})
                assert self.client.post(url, {"keys": "12"}).status_code == 403
        assert not self.round.entries.exists()

    def test_a_committee_member_gets_an_account_on_the_spot(self) -> None:
        seat = OrganMember.objects.filter(
            organ__congress=self.hall.congress, organ__kind=OrganKind.BAN_KIEM_PHIEU
        ).last()
        assert seat is not None
        account, password = congress_services.create_seat_account(
            by=self.admin, seat=seat, username="vi.van.tam"
        )
        seat.refresh_from_db()
        assert seat.account == account and account.must_change_password
        assert account.display_name == seat.delegate.full_name
        assert account.check_password(password)


class SigningTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.hall = build_hall(cls.w.unit, tellers=(cls.w.officer, cls.w.upper))
        cls.round = phone_round(cls.hall, names=("An", "Bình", "Cúc"), seats=2, user=cls.w.officer)
        for delegate in cls.hall.delegates[3:8]:
            vote(cls.round, delegate, "An", "Bình")
        services.close_round(round_=cls.round)

    def count(self) -> str:
        self.client.force_login(self.w.officer)
        url = reverse("round_count", kwargs={"round_id": self.round.pk})
        return self.client.post(url, follow=True).content.decode()

    def test_counting_with_the_whole_committee_present_does_not_warn(self) -> None:
        text = self.count()
        assert 'id="result"' in text  # counted
        assert 'id="signature-warning"' not in text

    def test_a_committee_member_who_left_cannot_sign_and_the_count_says_so(self) -> None:
        third = self.hall.delegates[2]  # Vi Văn Tâm, of the Ban Kiểm phiếu
        congress_services.check_out(delegate=third)
        text = self.count()
        warning = congress_errors.COUNTING_NOT_PRESENT_TO_SIGN.format(names="Vi Văn Tâm")
        assert text.count(warning) == 2  # the message after counting, and beside the minutes
        assert 'id="signature-warning"' in text
