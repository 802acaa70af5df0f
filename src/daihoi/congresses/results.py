"""What a congress elected, told by the elections app without the congress app importing it.

The elections app registers its ``ResultsSource`` when Django starts (``AppConfig.ready``), as it
registers the projector's panel (``panels``). Apps above the congress app (the congress season)
read a congress's results here: who was elected to what, with their votes, and the minutes of the
vote count (biên bản kiểm phiếu) as the elections app writes them, as document blocks. So the
minutes are printed by one piece of code, wherever they are printed.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from daihoi.congresses.models import Delegate
from daihoi.units.models import Member

if TYPE_CHECKING:
    from daihoi.congresses.models import Congress
    from daihoi.documents.blocks import Block

# What is elected (the values of elections.models.ElectionKind, which checks they agree).
BCH = "bch"
CHAIR = "chu-tich"
DELEGATES = "dai-bieu"
UBKT = "ubkt"
PARTY_SECRETARY = "bi-thu"


@dataclass(frozen=True)
class Elected:
    """One person the congress elected (or ranked as an alternate), with the votes of the round.

    ``base`` is what the votes are counted over (ballots collected, rules.md §2.5); 0 when the
    result holds no figure (recorded from minutes that were not counted here, or typed).
    ``member_id`` / ``delegate_id`` are the records the name came from, when there is one.
    """

    name: str
    votes: int
    base: int
    member_id: int | None = None
    delegate_id: int | None = None

    @property
    def has_figures(self) -> bool:
        return self.base > 0


@dataclass(frozen=True)
class Outcome:
    """One election of the congress as it stands after its counted rounds.

    ``complete``: every round counted and no tie or shortfall waiting for the congress's
    decision. ``elected`` in the order of the count (votes, highest first); ``alternates`` the
    đại biểu dự khuyết in order of votes (rules.md §2.10). ``summoned`` / ``present`` are the
    hall's figures at the opening of the first round; ``counted_on`` the day of the last count.
    ``source``: where a result not voted here comes from (recorded from its minutes: no round,
    no ballot figure, and the documents say so); empty for a result counted here.
    """

    kind: str
    title: str
    seats: int
    elected: tuple[Elected, ...]
    alternates: tuple[Elected, ...]
    complete: bool
    rounds: int
    summoned: int
    present: int
    counted_on: datetime.date | None
    source: str = ""


@dataclass(frozen=True)
class ResultsSource:
    outcomes: Callable[[Congress], list[Outcome]]
    minutes: Callable[[Congress], list[list[Block]]]  # one list of blocks per counted round
    # Many congresses at once, by congress id (None: one at a time through ``outcomes``).
    outcomes_many: Callable[[Sequence[Congress]], dict[int, list[Outcome]]] | None = None


_sources: list[ResultsSource] = []


def register_results(source: ResultsSource) -> None:
    """Set where the congresses' results come from (the last registered wins)."""
    _sources[:] = [source]


def outcomes_of(congress: Congress) -> list[Outcome]:
    """Return the congress's elections as they stand; [] when no app records elections."""
    return _sources[0].outcomes(congress) if _sources else []


def outcomes_by_congress(congresses: Sequence[Congress]) -> dict[int, list[Outcome]]:
    """Return the elections of many congresses as they stand, by congress id, in few queries."""
    if not _sources:
        return {c.pk: [] for c in congresses}
    source = _sources[0]
    if source.outcomes_many is not None:
        return source.outcomes_many(congresses)
    return {c.pk: source.outcomes(c) for c in congresses}


def minutes_of(congress: Congress) -> list[list[Block]]:
    """Return the minutes of every counted round of the congress, as document blocks."""
    return _sources[0].minutes(congress) if _sources else []


@dataclass(frozen=True)
class Profile:
    """What the danh sách trích ngang (Mẫu 2) says of one person: from the delegate's snapshot
    taken at the congress, else from the member record; blank where neither says."""

    name: str
    gender: str = ""  # "Nam" / "Nữ" / ""
    birth_year: int | None = None
    ethnicity: str = ""
    party: bool = False
    education: str = ""
    position: str = ""
    workplace: str = ""


def profiles_of(people: list[Elected]) -> list[Profile]:
    """Return the profile of each person elected, in order (two queries whatever the count)."""
    delegates = Delegate.objects.in_bulk([p.delegate_id for p in people if p.delegate_id])
    members = Member.objects.in_bulk([p.member_id for p in people if p.member_id])
    out = []
    for person in people:
        record: Delegate | Member | None = delegates.get(person.delegate_id or 0) or members.get(
            person.member_id or 0
        )
        if record is None:
            out.append(Profile(name=person.name))
            continue
        out.append(
            Profile(
                name=person.name,
                gender=record.get_gender_display() if record.gender else "",
                birth_year=record.birth_date.year if record.birth_date else None,
                ethnicity=record.ethnicity,
                party=record.is_party_member,
                education=record.get_education_display() if record.education else "",
                position=record.position,
                workplace=record.workplace,
            )
        )
    return out


def congresses_of_unit(unit_id: int) -> list[Congress]:
    """Return the unit's congresses, the latest first (the season offers them to its file).

    A conference (hội nghị) elects nobody: it is no congress of the season.
    """
    from daihoi.congresses.models import Congress, EventKind

    found = Congress.objects.filter(unit_id=unit_id, event_kind=EventKind.DAI_HOI)
    return list(found.select_related("unit"))


def congress_of_unit(unit_id: int, congress_id: int) -> Congress | None:
    """Return the unit's congress of that id, None if it is not the unit's (or a conference)."""
    from daihoi.congresses.models import Congress, EventKind

    found = Congress.objects.filter(pk=congress_id, unit_id=unit_id, event_kind=EventKind.DAI_HOI)
    return found.select_related("unit").first()


def latest_congresses_of_units(unit_ids: list[int], *, term_start: int) -> dict[int, Congress]:
    """Return each unit's latest congress of the term starting that year (one query)."""
    from daihoi.congresses.models import Congress, EventKind

    found = Congress.objects.filter(
        unit_id__in=unit_ids, event_kind=EventKind.DAI_HOI, term_start=term_start
    ).order_by("unit_id", "-starts_on", "-id")
    out: dict[int, Congress] = {}
    for congress in found.select_related("unit"):
        out.setdefault(congress.unit_id, congress)
    return out


def congresses_by_id(ids: list[int]) -> dict[int, Congress]:
    """Return the congresses of these ids (one query)."""
    from daihoi.congresses.models import Congress

    return Congress.objects.select_related("unit").in_bulk(ids)
