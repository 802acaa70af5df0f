"""Who is re-elected: the officer register's term before, matched by member record, else by name."""

from __future__ import annotations

from django.test import TestCase
from tests.season.record import D

from daihoi.congresses.results import Elected
from daihoi.season.models import Officer, OfficerRole
from daihoi.season.results import outgoing_committee, reelected_count
from daihoi.units.models import Gender, Member
from daihoi.units.services import MemberData, create_member
from daihoi.units.testing import build_world


class ReelectedByMemberTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        # Two different people named Nguyễn Văn An; the first sat on the 2018 committee.
        cls.an = cls.member("Nguyễn Văn An", "CT-0101")
        cls.other_an = cls.member("Nguyễn Văn An", "CT-0102")

    @classmethod
    def member(cls, name: str, number: str) -> Member:
        return create_member(
            unit=cls.w.unit,
            data=MemberData(full_name=name, gender=Gender.NAM, member_number=number),
        )

    def sat(self, name: str, member: Member | None, role: str = OfficerRole.COMMITTEE) -> None:
        Officer.objects.create(
            unit=self.w.unit, role=role, full_name=name, member=member, term_start=2018,
            term_end=2023, started_on=D(2018, 3, 1), ended_on=D(2023, 1, 1),
        )  # fmt: skip

    def count(self, *people: Elected) -> int | None:
        return reelected_count(self.w.unit.pk, people, before_term=2023)

    def test_two_members_of_the_same_name_are_two_people(self) -> None:
        self.sat("Nguyễn Văn An", self.an)
        assert self.count(Elected("Nguyễn Văn An", 9, 10, member_id=self.an.pk)) == 1
        assert self.count(Elected("Nguyễn Văn An", 9, 10, member_id=self.other_an.pk)) == 0

    def test_the_member_record_matches_whatever_the_spelling(self) -> None:
        self.sat("Nguyễn Văn An", self.an)
        assert self.count(Elected("Nguyễn Văn Ân", 9, 10, member_id=self.an.pk)) == 1

    def test_a_name_without_a_record_on_either_side_matches_by_name(self) -> None:
        self.sat("nguyễn văn an", None)  # a typed file: names only
        assert self.count(Elected("Nguyễn Văn An", 9, 10, member_id=self.other_an.pk)) == 1
        self.sat("Trần Thị Hoa", self.w.member)
        assert self.count(Elected("Trần Thị Hoa", 0, 0)) == 1  # a typed result: name only

    def test_the_secretary_and_the_inspection_committee_are_offices_of_the_term(self) -> None:
        self.sat("Nguyễn Văn An", self.an, OfficerRole.SECRETARY)
        self.sat("Trần Thị Hoa", self.w.member, OfficerRole.INSPECTION_CHAIR)
        outgoing = outgoing_committee(unit_id=self.w.unit.pk, before_term=2023)
        assert outgoing is not None
        assert outgoing.led_cell("Nguyễn Văn An", self.an.pk)
        assert not outgoing.led_cell("Nguyễn Văn An", self.other_an.pk)
        assert outgoing.inspected("Trần Thị Hoa", self.w.member.pk)
        assert not outgoing.inspected("Nguyễn Văn An", self.an.pk)
        assert not outgoing.chaired("Nguyễn Văn An", self.an.pk)
