"""A congress ready to vote, for the elections tests (build in setUpTestData or a fixture).

Everything that creates congress-app rows (congress, delegates, check-in, organs) is here, so the
elections tests depend on the congress app in one place only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from daihoi.units.models import Unit

# Seed 001: the BCH khóa V of Công đoàn cơ sở Sở Công Thương (golden case seed-001-bch).
SEED_001_CANDIDATES = (
    "Rcom Jen",
    "Nguyễn Thị Bình",
    "Trần Thị Mai",
    "Lê Thị Hương",
    "Phạm Văn Đức",
    "Lò Văn Hùng",
    "Vàng A Sùng",
)
COMMITTEE = (("Hoàng Văn Nam", True), ("Đỗ Thị Lan", False), ("Vi Văn Tâm", False))


@dataclass
class Hall:
    congress: Any
    delegates: list[Any]  # voting delegates, all checked in
    guest: Any  # an invited guest, checked in, who does not vote
    absent: Any  # a voting delegate who has not checked in


def build_hall(unit: Unit, *, delegates: int = 6, profile: str = "cong-doan") -> Hall:
    """Create a congress of the unit with voting delegates checked in, a guest and an absentee."""
    from daihoi.congresses.models import (
        Attendance,
        Congress,
        Delegate,
        DelegateKind,
        Organ,
        OrganKind,
        OrganMember,
    )

    congress = Congress.objects.create(
        unit=unit,
        name=f"Đại hội {unit.name} khóa V, nhiệm kỳ 2023 - 2028",
        profile=profile,
        venue="Hội trường Sở Công Thương",
    )
    people = [
        Delegate.objects.create(
            congress=congress, full_name=f"Đại biểu số {n}", kind=DelegateKind.ELECTED, number=n
        )
        for n in range(1, delegates + 1)
    ]
    for person in people:
        Attendance.objects.create(delegate=person)
    guest = Delegate.objects.create(
        congress=congress, full_name="Khách mời", kind=DelegateKind.GUEST, number=900
    )
    Attendance.objects.create(delegate=guest)
    absent = Delegate.objects.create(
        congress=congress, full_name="Đại biểu vắng", kind=DelegateKind.ELECTED, number=901
    )
    organ = Organ.objects.create(congress=congress, kind=OrganKind.BAN_KIEM_PHIEU)
    for position, (name, head) in enumerate(COMMITTEE):
        OrganMember.objects.create(organ=organ, full_name=name, is_head=head, position=position)
    return Hall(congress=congress, delegates=people, guest=guest, absent=absent)


def check_in(delegate: Any) -> None:
    from daihoi.congresses.models import Attendance

    Attendance.objects.create(delegate=delegate)


def allow_without_quorum(congress: Any) -> None:
    """Record the presidium's override, so an election opens without quorum."""
    congress.quorum_override = True
    congress.save(update_fields=["quorum_override"])


SEED_001_TITLE = "Bầu Ban Chấp hành Công đoàn cơ sở Sở Công Thương khóa V, nhiệm kỳ 2023 - 2028"


def seed_001_election(hall: Hall) -> Any:
    """Create seed 001's BCH election (5 seats, the seven names of the golden case)."""
    from daihoi.elections import services

    election = services.create_election(
        congress=hall.congress, kind="bch", title=SEED_001_TITLE, seats=5
    )
    for name in SEED_001_CANDIDATES:
        services.add_candidate(election=election, full_name=name)
    return election
