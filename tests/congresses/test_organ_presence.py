"""Approving an organ with members not in the hall warns, naming them (the vote stands)."""

from __future__ import annotations

from django.test import TestCase
from django.urls import reverse

from daihoi.congresses import errors, services
from daihoi.congresses.models import OrganKind
from daihoi.congresses.testing import add_people, make_congress
from daihoi.units.testing import build_world


class OrganPresenceTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.congress = make_congress(cls.w.unit)
        cls.people = add_people(cls.congress, 6, prefix="Lò Văn")
        for person in cls.people[:5]:
            services.check_in(congress=cls.congress, delegate=person)
        cls.organ = cls.congress.organs.get(kind=OrganKind.DOAN_CHU_TICH)
        services.add_organ_member(organ=cls.organ, delegate=cls.people[0], role="truong-ban")
        services.add_organ_member(organ=cls.organ, delegate=cls.people[1])
        cls.vote = reverse("organ_approval", args=[cls.congress.pk, cls.organ.pk])
        cls.page = reverse("organ_list", args=[cls.congress.pk])

    def approve(self) -> str:
        self.client.force_login(self.w.officer)
        response = self.client.post(
            self.vote, {"yes": "5", "no": "0", "abstain": "0", "present": "5"}, follow=True
        )
        return response.content.decode()

    def test_everyone_present_no_warning(self) -> None:
        text = self.approve()
        assert "Được thông qua" in text
        assert "chưa có mặt" not in text

    def test_a_member_not_checked_in_is_named_when_the_organ_is_approved(self) -> None:
        services.add_organ_member(organ=self.organ, delegate=self.people[5])
        text = self.approve()
        warning = errors.ORGAN_NOT_PRESENT.format(organ="Đoàn Chủ tịch", names="Lò Văn Số 6")
        assert "Được thông qua" in text  # the hall's decision stands; the officer is warned
        assert warning in text
        self.organ.refresh_from_db()
        assert self.organ.adopted

    def test_a_member_who_left_is_named_on_the_organ_page_before_the_vote(self) -> None:
        services.check_out(delegate=self.people[1])
        self.client.force_login(self.w.officer)
        page = self.client.get(self.page)
        warning = errors.ORGAN_NOT_PRESENT.format(organ="Đoàn Chủ tịch", names="Lò Văn Số 2")
        self.assertContains(page, warning)
        self.assertContains(page, "Đã ra về")
        other = self.congress.organs.get(kind=OrganKind.BAN_KIEM_PHIEU)
        services.add_organ_member(organ=other, delegate=self.people[2])
        page = self.client.get(self.page)
        self.assertContains(page, "chưa có mặt trong hội trường", count=1)
