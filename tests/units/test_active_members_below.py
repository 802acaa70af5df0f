"""Active members counted per subtree for an upper level's plans, in one query."""

from __future__ import annotations

from django.test import TestCase

from daihoi.units.models import Gender, MemberStatus
from daihoi.units.queries import active_members_below
from daihoi.units.services import MemberData, create_member
from daihoi.units.testing import build_world


class ActiveMembersBelowTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        for number in range(3):
            create_member(
                unit=cls.w.unit,
                data=MemberData(full_name=f"Đoàn Viên {number}", gender=Gender.NU),
            )
        create_member(
            unit=cls.w.unit,
            data=MemberData(full_name="Người Đã Nghỉ", gender=Gender.NAM, status=MemberStatus.LEFT),
        )

    def test_a_unit_counts_its_active_members_and_those_of_the_units_below(self) -> None:
        w = self.w
        with self.assertNumQueries(1):
            counts = active_members_below(w.province, [w.unit, w.sibling, w.section, w.province])
        # unit: 3 of its own (the retired one not) + the section's member.
        assert counts == {w.unit.pk: 4, w.sibling.pk: 1, w.section.pk: 1, w.province.pk: 5}

    def test_units_without_members_count_zero(self) -> None:
        assert active_members_below(self.w.unit, [self.w.unit, self.w.sibling]) == {
            self.w.unit.pk: 4,
            self.w.sibling.pk: 0,
        }
