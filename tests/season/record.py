"""A CĐCS that ran its congress in daihoi, inside a province's season (tests of the result file).

The province's season plans the CĐCS (committee of 3, 2 delegate seats); its personnel plan is
approved on 10/01/2023; its congress (15/02/2023, 10 of 11 delegates present) elects by phone a
committee of 3 of 4 names and 2 delegates to the upper congress with 1 alternate.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from tests.elections.world import spread

from daihoi.congresses import services as congress_services
from daihoi.congresses.services import DelegateData
from daihoi.elections import services as election_services
from daihoi.elections.testing import build_hall
from daihoi.season import services
from daihoi.season.models import SeasonUnit
from daihoi.season.services import PlanRow, SeasonData
from daihoi.units.models import Gender, UnitKind
from daihoi.units.services import create_unit
from daihoi.units.testing import World

D = datetime.date
APPROVED = D(2023, 1, 10)
HELD = D(2023, 2, 15)
SENT = D(2023, 2, 20)

# name -> votes of the 10 present (the hall's 6 and the 4 named); gender, birth year
BCH_VOTES = {"Nguyễn Thị An": 9, "Trần Văn Bình": 8, "Lò Văn Cường": 7, "Phạm Thị Dung": 6}
PROFILES = {
    "Nguyễn Thị An": (Gender.NU, 1980, "Kinh", True),
    "Trần Văn Bình": (Gender.NAM, 1975, "Kinh", False),
    "Lò Văn Cường": (Gender.NAM, 1988, "Thái", True),
    "Phạm Thị Dung": (Gender.NU, 1990, "Kinh", False),
}
DELEGATE_VOTES = {"Nguyễn Thị An": 7, "Lò Văn Cường": 7, "Trần Văn Bình": 6}


@dataclass
class Record:
    entry: SeasonUnit
    congress: Any
    plan: Any


def season_entry(w: World, *, seats: int = 2, committee: int = 3) -> SeasonUnit:
    season = services.open_season(
        unit=w.province,
        data=SeasonData(
            name="Kế hoạch đại hội công đoàn các cấp", term_start=2023, term_end=2028,
            deadlines={UnitKind.CDCS: D(2023, 12, 31)},
        ),
        by=w.upper,
    )  # fmt: skip
    services.save_plan(season=season, rows=[PlanRow(w.unit.pk, HELD, False, seats, committee)])
    return SeasonUnit.objects.get(season=season, unit=w.unit)


def party_entry(
    *, term_start: int, planned: datetime.date | None, seats: int, committee: int
) -> SeasonUnit:
    """Seed 003: the Đảng bộ Sở's season over its chi bộ, and the chi bộ's line of the plan."""
    party = create_unit(
        parent=None, name="Đảng bộ Sở Lao động - TB&XH", code="DB-LD", kind=UnitKind.DANG_BO
    )
    cell = create_unit(
        parent=party, name="Chi bộ Trung tâm Công tác xã hội", code="DB-LD-CTXH",
        kind=UnitKind.CHI_BO,
    )  # fmt: skip
    season = services.open_season(
        unit=party,
        data=SeasonData(
            name="Kế hoạch số 88 về tổ chức Đại hội các chi bộ trực thuộc", term_start=term_start,
            term_end=term_start + 5, deadlines={UnitKind.CHI_BO: D(term_start, 6, 30)},
        ),
        by=None,
    )  # fmt: skip
    services.save_plan(season=season, rows=[PlanRow(cell.pk, planned, False, seats, committee)])
    return SeasonUnit.objects.get(season=season, unit=cell)


def approved_plan(w: World, entry: SeasonUnit, *, size: int = 3) -> Any:
    step = services.send_personnel_plan(
        entry=entry, committee_size=size, note="", by=w.officer, today=D(2023, 1, 5)
    )
    return services.answer_step(
        step=step, approve=True, reason="", answered_on=APPROVED, by=w.upper, today=APPROVED
    )


def vote_by_phone(
    congress: Any, user: Any, election: Any, votes: dict[str, int], voters: list[Any]
) -> None:
    round_ = election_services.first_round(election)
    present = len(voters)
    election_services.approve_list(round_=round_, yes=present, no=0, abstain=0, present=present)
    round_.refresh_from_db()
    election_services.set_voting(round_=round_, paper=False, phone=True)
    election_services.open_round(round_=round_, user=user)
    ids = {c.full_name: str(c.pk) for c in round_.candidates.all()}
    ballots = spread(votes, ballots=len(voters), keep=election.seats)
    for voter, names in zip(voters, ballots, strict=True):
        kept = [ids[name] for name in names]
        election_services.cast_phone_ballot(round_id=round_.pk, delegate=voter, kept=kept)
    election_services.close_round(round_=round_)
    election_services.count_round(round_=round_)


def named_delegates(congress: Any) -> dict[str, Any]:
    """Summon the four people of ``PROFILES`` to the congress (not checked in), by name."""
    people = {}
    for name, (gender, year, ethnicity, party) in PROFILES.items():
        people[name] = congress_services.add_delegate(
            congress=congress,
            data=DelegateData(
                full_name=name, kind=congress_services.default_kind(congress), gender=gender,
                birth_date=D(year, 3, 1), ethnicity=ethnicity, is_party_member=party,
                position="Chuyên viên", workplace="Văn phòng Sở",
            ),
        )  # fmt: skip
    return people


def congress_with_results(w: World, *, delegates: bool = True) -> Any:
    """Return the CĐCS's congress with its committee (and its delegates) elected and counted."""
    hall = build_hall(w.unit, delegates=6)
    congress = hall.congress
    people = named_delegates(congress)
    bch = election_services.create_election(
        congress=congress, kind="bch", title="Bầu Ban Chấp hành khóa V", seats=3
    )
    for name in BCH_VOTES:
        election_services.add_candidate(election=bch, delegate=people[name])
    for person in people.values():
        congress_services.check_in(congress=congress, delegate=person)
        person.refresh_from_db()
    voters = [*hall.delegates, *people.values()]
    vote_by_phone(congress, w.officer, bch, BCH_VOTES, voters)
    if delegates:
        up = election_services.create_election(
            congress=congress, kind="dai-bieu", title="Bầu đại biểu dự Đại hội cấp trên",
            seats=2, alternates=1,
        )  # fmt: skip
        for name in DELEGATE_VOTES:
            election_services.add_candidate(election=up, delegate=people[name])
        vote_by_phone(congress, w.officer, up, DELEGATE_VOTES, voters)
    congress.refresh_from_db()
    return congress
