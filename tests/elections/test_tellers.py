"""The Ban Kiểm phiếu: tellers are accounts linked to its seats; only they enter and count."""

from __future__ import annotations

from django.test import TestCase
from django.urls import reverse
from world import build_hall, build_world, closed_paper_round

from daihoi.accounts.models import Role
from daihoi.congresses import services as congress_services
from daihoi.congresses.models import OrganKind, OrganMember
from daihoi.elections import errors
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
