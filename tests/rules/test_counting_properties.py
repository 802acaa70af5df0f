"""Properties the counting rules guarantee, checked on generated elections (hypothesis)."""

from __future__ import annotations

import dataclasses
from collections import Counter
from random import Random

from election_factory import names
from hypothesis import given, settings
from hypothesis import strategies as st

from daihoi.rules.counting import (
    ALTERNATE,
    ELECTED,
    NOT_ELECTED,
    SHORT,
    TIE,
    Result,
    ballot_validity,
    count,
    tally_with_phone_totals,
    votes_needed,
)
from daihoi.rules.election import PAPER_REASONS, Ballot, Candidate, Election, Tally
from daihoi.rules.profiles import PROFILES, BaseKind

IDS = "ABCDEF"


@st.composite
def elections(draw: st.DrawFn) -> Election:
    ids = IDS[: draw(st.integers(1, len(IDS)))]
    seats = draw(st.integers(1, len(ids) + 1))
    profile = PROFILES[draw(st.sampled_from(sorted(PROFILES)))]
    base = draw(st.sampled_from([profile.base, *BaseKind]))
    # Few names and many similar ballots, so that ties and the threshold are often in play.
    kept = st.frozensets(st.sampled_from(ids), max_size=len(ids)).map(lambda k: Ballot(kept=k))
    paper = st.sampled_from(PAPER_REASONS).map(lambda r: Ballot(invalid=r))
    ballots = draw(st.lists(st.one_of(kept, kept, kept, paper), max_size=30))
    summoned = draw(st.integers(0, 40))
    return Election(
        title="",
        organization="",
        profile=profile,
        base=base,
        seats=seats,
        alternates=draw(st.integers(0, 3)),
        summoned=summoned,
        present=None,
        issued=len(ballots) + draw(st.integers(0, 3)),
        candidates=tuple(Candidate(cid, name) for cid, name in names(ids).items()),
        ballots=tuple(ballots),
        tally=None,
    )


@st.composite
def decisive_elections(draw: st.DrawFn) -> Election:
    """Elections where someone is usually elected: votes concentrate on a few names."""
    ids = IDS[: draw(st.integers(2, len(IDS)))]
    seats = draw(st.integers(2, len(ids)))
    profile = PROFILES[draw(st.sampled_from(sorted(PROFILES)))]
    favourites = st.sampled_from(ids[: seats + 1])
    kept = st.frozensets(favourites, min_size=1, max_size=seats).map(lambda k: Ballot(kept=k))
    # Short ballots leave room for one more name without becoming invalid.
    short = st.frozensets(st.sampled_from(ids), min_size=1, max_size=seats - 1)
    room = short.map(lambda k: Ballot(kept=k))
    paper = st.sampled_from(PAPER_REASONS).map(lambda r: Ballot(invalid=r))
    ballots = draw(st.lists(st.one_of(kept, kept, kept, room, paper), min_size=1, max_size=30))
    return Election(
        title="",
        organization="",
        profile=profile,
        base=profile.base,
        seats=seats,
        alternates=draw(st.integers(0, 2)),
        summoned=len(ballots) + draw(st.integers(0, 2)),
        present=None,
        issued=len(ballots),
        candidates=tuple(Candidate(cid, name) for cid, name in names(ids).items()),
        ballots=tuple(ballots),
        tally=None,
    )


def votes_of(result: Result) -> dict[str, int]:
    return {c.id: c.votes for c in result.candidates}


@given(st.one_of(elections(), decisive_elections()), st.randoms(use_true_random=False))
def test_the_order_of_the_ballots_does_not_change_the_result(e: Election, rnd: Random) -> None:
    assert e.ballots is not None
    shuffled = list(e.ballots)
    rnd.shuffle(shuffled)
    assert count(dataclasses.replace(e, ballots=tuple(shuffled))) == count(e)


@given(
    st.one_of(elections(), decisive_elections()),
    st.lists(st.sampled_from(PAPER_REASONS), min_size=1, max_size=5),
)
def test_invalid_ballots_change_no_candidates_votes(e: Election, reasons: list[str]) -> None:
    assert e.ballots is not None
    extra = [Ballot(invalid=r) for r in reasons]
    if len(e.candidates) > e.seats:
        extra.append(Ballot(kept=frozenset(c.id for c in e.candidates)))  # too many kept
    more = dataclasses.replace(e, ballots=e.ballots + tuple(extra), issued=e.issued + len(extra))
    before, after = count(e), count(more)
    assert votes_of(after) == votes_of(before)
    assert after.invalid == before.invalid + len(extra)
    assert after.valid == before.valid


@given(st.one_of(elections(), decisive_elections()))
def test_never_more_elected_than_seats(e: Election) -> None:
    result = count(e)
    assert len(result.elected) <= e.seats
    assert len(result.alternates) <= e.alternates
    if result.outcome == TIE:
        assert result.tie is not None and not result.tie.alternates
        assert len(result.elected) + result.tie.seats == e.seats
        assert len(result.tie.candidates) > result.tie.seats
    else:
        assert len(result.elected) + result.unfilled == e.seats


@given(st.one_of(elections(), decisive_elections()))
def test_everyone_placed_has_more_than_half_of_the_base(e: Election) -> None:
    result = count(e)
    for line in result.candidates:
        above = 2 * line.votes > result.base_count
        assert above == (line.status != NOT_ELECTED)
        assert (line.status in (ELECTED, ALTERNATE)) <= above


@given(st.one_of(elections(), decisive_elections()))
def test_the_ballot_figures_add_up(e: Election) -> None:
    result = count(e)
    assert result.valid + result.invalid == result.collected <= result.issued
    assert sum(result.invalid_by_reason.values()) == result.invalid
    assert [c.votes for c in result.candidates] == sorted(
        (c.votes for c in result.candidates), reverse=True
    )


@settings(max_examples=300)
@given(st.one_of(elections(), decisive_elections()))
def test_one_more_kept_vote_never_unelects(e: Election) -> None:
    # Replace a valid ballot that crossed an elected candidate by the same ballot keeping them,
    # still valid: their votes rise by one, nobody else's change, the base stays. Checked for
    # every such (ballot, candidate) pair of the example, up to a few.
    assert e.ballots is not None
    result = count(e)
    pairs = [
        (i, chosen)
        for chosen in result.elected
        for i, b in enumerate(e.ballots)
        if b.kept is not None
        and chosen not in b.kept
        and len(b.kept) + 1 <= e.seats
        and ballot_validity(b, e) is None
    ]
    for i, chosen in pairs[:8]:
        old = e.ballots[i]
        assert old.kept is not None
        ballots = list(e.ballots)
        ballots[i] = Ballot(kept=old.kept | {chosen})
        after = count(dataclasses.replace(e, ballots=tuple(ballots)))
        assert chosen in after.elected
        assert after.base_count == result.base_count


@given(st.one_of(elections(), decisive_elections()))
def test_a_tally_of_the_same_ballots_gives_the_same_decision(e: Election) -> None:
    assert e.ballots is not None
    valid = [b.kept for b in e.ballots if b.kept is not None and ballot_validity(b, e) is None]
    votes = Counter(cid for kept in valid if kept is not None for cid in kept)
    tally = Tally(collected=len(e.ballots), invalid=len(e.ballots) - len(valid), votes=votes)
    by_ballots = count(e)
    by_tally = count(dataclasses.replace(e, ballots=None, tally=tally))
    same = ("candidates", "elected", "alternates", "outcome", "tie", "unfilled", "base_count")
    for name in same:
        assert getattr(by_tally, name) == getattr(by_ballots, name)


@given(st.integers(0, 10**9))
def test_votes_needed_is_the_least_whole_number_over_half(base: int) -> None:
    needed = votes_needed(base)
    assert 2 * needed > base
    assert not 2 * (needed - 1) > base


# --- the further vote among the tied (rules.md §2.6) ----------------------------------------


def revote_of(e: Election) -> Election:
    """Return the election as a further vote among the tied: no alternates are ranked in it."""
    return dataclasses.replace(e, alternates=0)


@given(st.one_of(elections(), decisive_elections()))
def test_a_tie_revote_elects_by_votes_alone_never_by_the_threshold(e: Election) -> None:
    e = revote_of(e)
    result = count(e, tie_revote=True)
    votes = votes_of(result)
    placed = set(result.elected)
    assert len(placed) <= e.seats
    # Everyone elected has more votes than everyone not elected: the order of votes decides.
    for winner in placed:
        for other in set(votes) - placed:
            assert votes[winner] > votes[other]
    if result.outcome == TIE:
        assert result.tie is not None
        assert len(result.elected) + result.tie.seats == e.seats
        assert len({votes[c] for c in result.tie.candidates}) == 1
    else:
        assert result.unfilled == 0
        assert len(result.elected) == min(e.seats, len(e.candidates))


@given(st.one_of(elections(), decisive_elections()), st.sampled_from(list(BaseKind)))
def test_a_tie_revote_does_not_depend_on_the_threshold_base(e: Election, base: BaseKind) -> None:
    e = revote_of(e)
    other = dataclasses.replace(e, base=base, summoned=e.summoned or 1)
    first, second = count(e, tie_revote=True), count(other, tie_revote=True)
    for name in ("elected", "outcome", "tie", "unfilled"):
        assert getattr(first, name) == getattr(second, name)


@given(st.one_of(elections(), decisive_elections()))
def test_a_tie_revote_never_reports_seats_missing(e: Election) -> None:
    result = count(revote_of(e), tie_revote=True)
    assert result.outcome != SHORT
    assert not any("còn thiếu" in sentence for sentence in result.explanation)


@given(st.one_of(elections(), decisive_elections()))
def test_a_revote_for_alternate_places_never_says_elected(e: Election) -> None:
    result = count(revote_of(e), tie_revote=True, for_alternates=True)
    assert not any("trúng cử" in sentence for sentence in result.explanation)


@given(st.one_of(elections(), decisive_elections()), st.integers(0, 30))
def test_an_encrypted_rounds_phone_totals_added_to_its_paper_count_as_the_ballots_would(
    e: Election, cut: int
) -> None:
    """tally_with_phone_totals (issue 13): the first ballots on paper, the valid rest as the
    decrypted phone totals; the engine gives what the same ballots counted one by one give,
    but for the paper's reasons of invalidity, which a tally does not carry."""
    assert e.ballots is not None
    paper = e.ballots[:cut]
    phone = [
        b for b in e.ballots[cut:] if ballot_validity(b, e) is None
    ]  # a phone ballot is always valid (its proofs)
    totals = Counter(cid for b in phone for cid in b.kept or ())
    whole = dataclasses.replace(e, ballots=paper + tuple(phone))
    tally = tally_with_phone_totals(
        dataclasses.replace(e, ballots=paper), phone_ballots=len(phone), phone_votes=totals
    )
    counted = count(dataclasses.replace(e, ballots=None, tally=tally))
    expected = count(whole)
    assert dataclasses.replace(counted, explanation=()) == dataclasses.replace(
        expected, invalid_by_reason=counted.invalid_by_reason, explanation=()
    )
