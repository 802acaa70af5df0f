"""Count one round of an election: valid ballots, the threshold, who is elected, ties, alternates.

Every rule function names the clause of ``rules.md`` it implements and that clause's source tag.
Decisions use whole numbers only (``2 * votes > base``); ``percent`` is for display.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from daihoi.rules.election import Ballot, Election
from daihoi.rules.profiles import BaseKind

RESULT_FORMAT = "daihoi.result/1"

# Candidate statuses (election-format.md, output).
ELECTED = "elected"
ALTERNATE = "alternate"
TIED = "tied"
OVER_HALF = "over-half"
NOT_ELECTED = "not-elected"

# Outcomes of the round.
COMPLETE = "complete"
TIE = "tie"
SHORT = "short"


@dataclass(frozen=True)
class CandidateResult:
    """One line of the result: votes, share of the base (display only) and status."""

    id: str
    name: str
    votes: int
    percent: Decimal
    status: str


@dataclass(frozen=True)
class Tie:
    """Candidates tied across the last place, and how many places are left among them.

    ``alternates`` is true when the official seats are filled and the tie crosses the last
    alternate place.
    """

    candidates: tuple[str, ...]
    seats: int
    alternates: bool = False


@dataclass(frozen=True)
class Result:
    """The count of one round, ready for the minutes and for ``daihoi.result/1``."""

    profile: str
    seats: int
    alternates_wanted: int
    issued: int
    collected: int
    valid: int
    invalid: int
    invalid_by_reason: Mapping[str, int]
    base_kind: BaseKind
    base_count: int
    votes_needed: int
    candidates: tuple[CandidateResult, ...]
    elected: tuple[str, ...]
    alternates: tuple[str, ...]
    outcome: str
    tie: Tie | None
    unfilled: int
    explanation: tuple[str, ...]


def ballot_validity(ballot: Ballot, election: Election) -> str | None:
    """Return None for a valid ballot, else the reason it is invalid."""
    raise NotImplementedError


def votes_needed(base_count: int) -> int:
    """Return the least whole number of votes strictly more than half of the base."""
    return base_count // 2 + 1


def count(election: Election) -> Result:
    """Count one round of the election."""
    raise NotImplementedError


def result_to_json(result: Result) -> dict[str, Any]:
    """Return the ``daihoi.result/1`` document of a result."""
    raise NotImplementedError
