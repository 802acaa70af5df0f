"""Build elections for the counting tests with little noise.

Ballots are written as strings: the letters are the ids left uncrossed ("AC" keeps A and C,
"" crosses every name) and "!reason" is a ballot the committee found invalid on the paper.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from daihoi.rules.election import Ballot, Candidate, Election, Tally
from daihoi.rules.profiles import PROFILES, BaseKind

# Distinct given names, so the ballot order is the order of the ids (A, B, C...).
GIVEN_NAMES = "An Bình Cúc Dũng Đức Giang Hà Khánh Lan Mai Nam Phúc Quang Sơn Tâm Uyên Vân Yến"


def names(ids: str) -> dict[str, str]:
    """Return {id: name} for single-letter ids, named so that ballot order is id order."""
    given = GIVEN_NAMES.split()
    return {cid: f"Nguyễn Văn {given[i]}" for i, cid in enumerate(ids)}


def ballot(text: str) -> Ballot:
    if text.startswith("!"):
        return Ballot(invalid=text[1:])
    return Ballot(kept=frozenset(text))


def election(
    candidates: str | Mapping[str, str],
    *,
    seats: int,
    ballots: Sequence[str | Ballot] | None = None,
    tally: tuple[int, int, Mapping[str, int]] | None = None,
    profile: str = "cong-doan",
    base: BaseKind | None = None,
    alternates: int = 0,
    summoned: int | None = None,
    present: int | None = None,
    issued: int | None = None,
) -> Election:
    """Return an election; ``tally`` is (collected, invalid, votes)."""
    named = names(candidates) if isinstance(candidates, str) else dict(candidates)
    chosen = PROFILES[profile]
    built_ballots = None
    built_tally = None
    if ballots is not None:
        built_ballots = tuple(b if isinstance(b, Ballot) else ballot(b) for b in ballots)
        collected = len(built_ballots)
    else:
        assert tally is not None
        built_tally = Tally(collected=tally[0], invalid=tally[1], votes=dict(tally[2]))
        collected = tally[0]
    return Election(
        title="",
        organization="",
        profile=chosen,
        base=base or chosen.base,
        seats=seats,
        alternates=alternates,
        summoned=summoned,
        present=present,
        issued=collected if issued is None else issued,
        candidates=tuple(Candidate(cid, name) for cid, name in named.items()),
        ballots=built_ballots,
        tally=built_tally,
        base_overridden=base is not None and base is not chosen.base,
    )


def repeat(text: str, times: int) -> list[str]:
    return [text] * times
