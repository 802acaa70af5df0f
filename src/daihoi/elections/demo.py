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

import datetime
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
    recorded: int = 0  # results recorded from the seeds (``load_demo_results``)


@dataclass(frozen=True)
class SeedElection:
    """An election a seed reports held: what it elected, as far as the seed says."""

    kind: str
    title: str  # "{unit}" and "{term}" filled from the congress
    seats: int
    alternates: int = 0
    named: tuple[str, ...] = ()  # the people the seed names as elected, first


@dataclass(frozen=True)
class SeedResult:
    """The outcome of a seed's congress, recorded from the seed as from minutes (no figure)."""

    seed: str
    unit_code: str
    term_start: int
    held_on: datetime.date
    source: str
    elections: tuple[SeedElection, ...]


DEMO_SOURCE = (
    "Số liệu minh họa của bản demo: bài báo mẫu {seed} nêu {said}; không nêu {unsaid}, không "
    "nêu số phiếu; những người bài báo không nêu tên là đoàn viên demo do bản demo chọn"
)
"""Said on each result recorded from a seed, as the demo's classification points say theirs
(``emulation.demo.DEMO_SOURCE``): the record, its pages and its documents print it."""

# The seeds' words: 000 "Đại hội đã bầu Ban Chấp hành Công đoàn Bộ phận Văn phòng Sở nhiệm kỳ
# 2017 - 2022 gồm 05 đồng chí. Đồng chí Lường Danh Vọng tái đắc cử chức Chủ tịch ... Đại hội cũng
# đã bầu ra 09 đại biểu đi dự Đại hội Công đoàn cơ sở Sở Công thương và 01 đại biểu dự khuyết";
# 002 "Đại hội đã bầu ra Ban chấp hành nhiệm kỳ 2017 - 2022 với 9 đồng chí"; 003 "Đại hội đã bầu
# ra được Bí thư chi bộ nhiệm kỳ 2015-2018 và đoàn Đại biểu đi dự Đại hội đại biểu Đảng bộ Sở Lao
# động- TB&XH, nhiệm kỳ 2015-2020" (no count: the delegation's 02 is the demo's). Whether seed
# 000's chair was elected by the congress or by the committee's first meeting the seed does not
# say: the demo records it as the congress's election.
SEED_RESULTS = (
    SeedResult(
        seed="000",
        unit_code="LC-SCT-VP",
        term_start=2017,
        held_on=datetime.date(2017, 9, 19),
        source=DEMO_SOURCE.format(
            seed="000",
            said="Ban Chấp hành gồm 05 đồng chí, Chủ tịch Lường Danh Vọng, 09 đại biểu chính "
            "thức và 01 đại biểu dự khuyết",
            unsaid="tên 04 ủy viên và các đại biểu",
        ),
        elections=(
            SeedElection(
                ElectionKind.BCH,
                "Bầu Ban Chấp hành {unit} nhiệm kỳ {term}",
                5,
                named=("Lường Danh Vọng",),
            ),
            SeedElection(
                ElectionKind.CHAIR,
                "Bầu Chủ tịch {unit} nhiệm kỳ {term}",
                1,
                named=("Lường Danh Vọng",),
            ),
            SeedElection(
                ElectionKind.DELEGATES,
                "Bầu đại biểu đi dự Đại hội Công đoàn cơ sở Sở Công Thương",
                9,
                alternates=1,
            ),
        ),
    ),
    SeedResult(
        seed="002",
        unit_code="HP-SKHCN",
        term_start=2017,
        held_on=datetime.date(2017, 12, 23),
        source=DEMO_SOURCE.format(
            seed="002",
            said="Ban Chấp hành gồm 9 đồng chí",
            unsaid="tên các ủy viên",
        ),
        elections=(SeedElection(ElectionKind.BCH, "Bầu Ban Chấp hành {unit} nhiệm kỳ {term}", 9),),
    ),
    SeedResult(
        seed="003",
        unit_code="VP-CB-CTXH",
        term_start=2015,
        held_on=datetime.date(2015, 3, 18),
        source=DEMO_SOURCE.format(
            seed="003",
            said="Đại hội bầu Bí thư chi bộ và đoàn đại biểu đi dự Đại hội đại biểu Đảng bộ Sở",
            unsaid="tên Bí thư, số và tên các đại biểu (02 là số của bản demo)",
        ),
        elections=(
            SeedElection(ElectionKind.PARTY_SECRETARY, "Bầu Bí thư {unit} nhiệm kỳ {term}", 1),
            SeedElection(
                ElectionKind.DELEGATES,
                "Bầu đại biểu đi dự Đại hội đại biểu Đảng bộ Sở Lao động - TB&XH, "
                "nhiệm kỳ 2015 - 2020",
                2,
            ),
        ),
    ),
)


def _people(congress: Congress, wanted: int, named: tuple[str, ...]) -> list[Delegate]:
    """Return the named voting delegates, then others spread through the list (not tellers)."""
    counting = hall.counting_committee_ids(congress)
    people = [
        d
        for d in hall.voting_delegates_of(congress).order_by("number", "pk")
        if d.pk not in counting
    ]
    by_name = {d.full_name: d for d in people}
    first = [by_name[name] for name in named if name in by_name]
    others = [d for d in people if d not in first]
    rest = max(wanted - len(first), 0)
    step = max(1, len(others) // max(rest, 1))
    spread = others[step // 2 :: step]
    return first + list(dict.fromkeys(spread + others))[:rest]


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
    for delegate in _people(congress, LIST_SIZE, NAMED):
        services.add_candidate(election=election, delegate=delegate)
    report.elections = 1
    report.candidates = election.candidates.count()
    return report


@transaction.atomic
def load_demo_results(report: DemoReport | None = None) -> DemoReport:
    """Record what seeds 000, 002 and 003 say their congresses elected, from minutes (no figure).

    Through the elections services as an officer records a congress held outside daihoi: the
    election, its list (the people elected: the seed gives no other name), and the result from
    the minutes, whose source says which names and figures are the demo's. Idempotent: a
    congress with elections is left alone.
    """
    report = report or DemoReport()
    for spec in SEED_RESULTS:
        congress = hall.find_congress(unit_code=spec.unit_code, term_start=spec.term_start)
        if congress is None or congress.elections.exists():
            continue
        for seed in spec.elections:
            election = services.create_election(
                congress=congress,
                kind=seed.kind,
                title=seed.title.format(unit=congress.unit.name, term=congress.term),
                seats=seed.seats,
                alternates=seed.alternates,
            )
            people = _people(congress, seed.seats + seed.alternates, seed.named)
            listed = [services.add_candidate(election=election, delegate=d) for d in people]
            services.record_result_from_minutes(
                election=election,
                elected=listed[: seed.seats],
                alternates=listed[seed.seats :],
                held_on=spec.held_on,
                source=spec.source,
                by=None,
            )
            report.recorded += 1
    return report
