"""The demo election of seed 001, on the congress congresses/demo.py creates: the list drafted.

Seed 001: "Đại hội đã tiến hành bầu Ban Chấp hành khóa V nhiệm kỳ 2023-2028 gồm 5 đồng chí,
trong đó đồng chí Rcom Jen ... được tín nhiệm bầu giữ chức vụ Chủ tịch". The seed gives the 5
seats and one name, and no figures of the vote: so the demo has the election and a list of seven
members, prepared before the congress as the outgoing committee prepares it. The congress is
ready to run and nobody is checked in yet, so the list is not approved: the show of hands that
approves it happens in the hall, among the delegates present (the round page offers the number
checked in at that moment). Whoever runs the demo checks members in, approves the list, opens the
round and votes (on paper or phones).

The demo's choices: the other names on the list (Lường Danh Vọng, chair of one of the union's
sections in seed 000, by name; then members spread through the list), seven names for five
seats (as in the golden case seed-001-bch), paper ballots. Nobody from the Ban Kiểm phiếu is on
the list. Idempotent: a congress that already has a BCH election is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction

from daihoi.elections import congress as hall
from daihoi.elections import services
from daihoi.elections.models import ElectionKind

if TYPE_CHECKING:
    from daihoi.congresses.models import Congress, Delegate

UNIT_CODE = "LC-SCT"  # Công đoàn cơ sở Sở Công Thương (units.demo)
TERM_START = 2023
TITLE = "Bầu Ban Chấp hành Công đoàn cơ sở Sở Công Thương khóa V, nhiệm kỳ 2023 - 2028"
SEATS = 5
NAMED = ("Rcom Jen", "Lường Danh Vọng")
LIST_SIZE = 7


@dataclass
class DemoReport:
    elections: int = 0
    candidates: int = 0
    missing_congress: bool = False


def _candidates(congress: Congress) -> list[Delegate]:
    """Return the demo's list: the named members, then others spread through the list."""
    counting = hall.counting_committee_ids(congress)
    people = [
        d
        for d in hall.voting_delegates_of(congress).order_by("number", "pk")
        if d.pk not in counting
    ]
    by_name = {d.full_name: d for d in people}
    named = [by_name[name] for name in NAMED if name in by_name]
    others = [d for d in people if d not in named]
    wanted = LIST_SIZE - len(named)
    step = max(1, len(others) // wanted)
    return named + others[step // 2 :: step][:wanted]


@transaction.atomic
def load_demo_elections() -> DemoReport:
    """Create seed 001's BCH election and its list if missing; change nothing that exists."""
    report = DemoReport()
    congress = hall.find_congress(unit_code=UNIT_CODE, term_start=TERM_START)
    if congress is None:
        report.missing_congress = True
        return report
    if congress.elections.filter(kind=ElectionKind.BCH).exists():
        return report
    election = services.create_election(
        congress=congress, kind=ElectionKind.BCH, title=TITLE, seats=SEATS
    )
    for delegate in _candidates(congress):
        services.add_candidate(election=election, delegate=delegate)
    report.elections = 1
    report.candidates = election.candidates.count()
    return report
