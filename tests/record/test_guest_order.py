"""Guests are introduced in protocol order: the rank of their office, then the order entered.

Seed 000 lists its guests as protocol has it ("Vừ A Tiến - UVBCH Đảng bộ Sở - Phó Giám đốc Sở
Công Thương; Hoàng Kiều Anh - Phó giám đốc Sở; Nguyễn Trọng Thức - Bí thư Chi bộ Văn phòng
Sở"), not alphabetically nor as the desk happened to type them. The organizers give each guest
the rank of their office (1 first); guests of one rank, or unranked (after the ranked), keep the
order they were entered. The news report and the minutes both read that order.
"""

from __future__ import annotations

import pytest
from django.test import TestCase
from django.urls import reverse

from daihoi.congresses import errors
from daihoi.congresses import services as congress_services
from daihoi.congresses.errors import CongressError
from daihoi.congresses.models import Delegate, DelegateKind
from daihoi.congresses.services import DelegateData
from daihoi.congresses.testing import add_people, make_congress
from daihoi.documents.blocks import Para
from daihoi.record import article as writer
from daihoi.record import documents
from daihoi.record.facts import congress_record
from daihoi.units.testing import build_world

# (name, position, rank) in the order the desk enters them
ENTERED = (
    ("Nguyễn Trọng Thức", "Bí thư Chi bộ Văn phòng Sở", 3),
    ("Đại diện Công đoàn bộ phận Chi cục Quản lý thị trường", "", None),
    ("Hoàng Kiều Anh", "Phó giám đốc Sở", 2),
    ("Vừ A Tiến", "UVBCH Đảng bộ Sở - Phó Giám đốc Sở Công Thương", 1),
    ("Đại diện Trung tâm Khuyến công và xúc tiến thương mại", "", None),
    ("Lò Thị Bích", "Phó giám đốc Sở", 2),  # same rank as Hoàng Kiều Anh, entered after her
)
PROTOCOL = (
    "Vừ A Tiến",
    "Hoàng Kiều Anh",
    "Lò Thị Bích",
    "Nguyễn Trọng Thức",
    "Đại diện Công đoàn bộ phận Chi cục Quản lý thị trường",
    "Đại diện Trung tâm Khuyến công và xúc tiến thương mại",
)


def guest(name: str, position: str = "", rank: int | None = None) -> DelegateData:
    return DelegateData(
        full_name=name, kind=DelegateKind.GUEST, position=position, protocol_rank=rank
    )


class GuestOrderTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.congress = congress = make_congress(cls.w.unit)
        for person in add_people(congress, 3):
            congress_services.check_in(congress=congress, delegate=person)
        for name, position, rank in ENTERED:
            added = congress_services.add_delegate(
                congress=congress, data=guest(name, position, rank)
            )
            congress_services.check_in(congress=congress, delegate=added)

    def test_the_record_lists_guests_by_rank_then_as_entered(self) -> None:
        record = congress_record(self.congress)
        assert tuple(g.full_name for g in record.guests) == PROTOCOL

    def test_the_news_report_introduces_them_in_that_order(self) -> None:
        body = writer.draft_body(congress_record(self.congress))
        listed = body.split("có các đồng chí: ", 1)[1].split("; cùng ", 1)[0]
        names = tuple(part.split(" - ", 1)[0] for part in listed.split("; "))
        assert names == PROTOCOL
        assert "Vừ A Tiến - UVBCH Đảng bộ Sở - Phó Giám đốc Sở Công Thương; Hoàng Kiều" in body

    def test_the_minutes_list_them_in_that_order(self) -> None:
        blocks = documents.minutes_blocks(congress_record(self.congress))
        lines = [
            b.content
            for b in blocks
            if isinstance(b, Para)
            and isinstance(b.content, str)
            and b.content.startswith("Đồng chí ")
        ]
        names = tuple(
            n for n in PROTOCOL if any(line.startswith(f"Đồng chí {n}") for line in lines)
        )
        assert names == PROTOCOL
        order = [
            next(i for i, line in enumerate(lines) if f"Đồng chí {n}" in line) for n in PROTOCOL
        ]
        assert order == sorted(order)

    def test_a_rank_outside_1_to_99_is_refused_naming_the_field(self) -> None:
        for rank in (0, 100):
            with pytest.raises(CongressError) as caught:
                congress_services.add_delegate(
                    congress=self.congress, data=guest("Khách", "", rank)
                )
            assert caught.value.errors[0].field == "protocol_rank"
            assert caught.value.messages == [errors.PROTOCOL_RANK_RANGE]
        assert not Delegate.objects.filter(full_name="Khách").exists()

    def test_only_a_guest_keeps_a_rank(self) -> None:
        data = DelegateData(
            full_name="Ngoài danh sách", kind=DelegateKind.APPOINTED, protocol_rank=1
        )
        person = congress_services.add_delegate(congress=self.congress, data=data)
        assert person.protocol_rank is None
        anh = self.congress.delegates.get(full_name="Hoàng Kiều Anh")
        congress_services.update_delegate(
            delegate=anh, kind=DelegateKind.GUEST, position=anh.position, workplace="",
            sector="", union_officer="", protocol_rank=1,
        )  # fmt: skip
        anh.refresh_from_db()
        assert anh.protocol_rank == 1
        # Vừ A Tiến (rank 1) was entered after Hoàng Kiều Anh: of one rank, the first entered leads
        assert [g.full_name for g in congress_record(self.congress).guests][:2] == [
            "Hoàng Kiều Anh",
            "Vừ A Tiến",
        ]

    def test_the_pages_take_the_rank_and_say_which_field_is_wrong(self) -> None:
        self.client.force_login(self.w.officer)
        page = reverse("delegate_create", args=[self.congress.pk])
        data = {"full_name": "Khách mời mới", "kind": DelegateKind.GUEST, "protocol_rank": "một"}
        response = self.client.post(page, data)
        assert response.context["form"].errors["protocol_rank"] == [errors.PROTOCOL_RANK_RANGE]
        self.assertContains(response, errors.PROTOCOL_RANK_RANGE)
        assert not Delegate.objects.filter(full_name="Khách mời mới").exists()
        assert self.client.post(page, {**data, "protocol_rank": "4"}).status_code == 302
        added = Delegate.objects.get(full_name="Khách mời mới")
        assert added.protocol_rank == 4
        edit = reverse("delegate_edit", args=[self.congress.pk, added.pk])
        self.assertContains(self.client.get(edit), 'name="protocol_rank" value="4"')
        changed = {"kind": DelegateKind.GUEST, "position": "", "protocol_rank": "2"}
        assert self.client.post(edit, changed).status_code == 302
        added.refresh_from_db()
        assert added.protocol_rank == 2
