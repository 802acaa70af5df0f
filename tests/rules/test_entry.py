"""Double entry of a paper stack: matching tellers' sheets, mismatches, resolution."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daihoi.rules.election import MARKED, UNOFFICIAL, Ballot
from daihoi.rules.entry import (
    MSG_NOT_A_MISMATCH,
    MSG_SAME_TELLER,
    MSG_TOO_FEW_TELLERS,
    MSG_UNKNOWN_CROSSED,
    MSG_UNRESOLVED,
    EntryError,
    Sheet,
    kept_from_crossed,
    reconcile,
    resolve,
    unresolved,
)

IDS = ("1", "2", "3", "4", "5", "6", "7")


def keep(*ids: str) -> Ballot:
    return Ballot.keeping(*ids)


def sheet(teller: str, *ballots: Ballot) -> Sheet:
    return Sheet(teller, {n: b for n, b in enumerate(ballots, start=1)})


def test_crossed_names_become_the_names_kept() -> None:
    assert kept_from_crossed(["2", "5"], IDS) == frozenset({"1", "3", "4", "6", "7"})
    assert kept_from_crossed([], IDS) == frozenset(IDS)


def test_a_crossed_name_not_on_the_list_is_refused() -> None:
    with pytest.raises(EntryError, match=re.escape(MSG_UNKNOWN_CROSSED.format(id="9"))):
        kept_from_crossed(["9"], IDS)


def test_a_teller_entering_crossed_and_one_entering_kept_agree() -> None:
    by_crossed = Ballot(kept=kept_from_crossed(["2", "5"], IDS))
    by_kept = keep("1", "3", "4", "6", "7")
    result = reconcile([sheet("An", by_crossed), sheet("Bình", by_kept)])
    assert result.agreed
    assert dict(result.matched) == {1: by_kept}


def test_two_tellers_who_agree_give_the_stack() -> None:
    stack = (keep("1", "2"), Ballot.void(UNOFFICIAL), keep())
    result = reconcile([sheet("An", *stack), sheet("Bình", *stack)])
    assert result.agreed
    assert result.numbers == (1, 2, 3)
    assert tuple(resolve(result, {}).values()) == stack


def test_a_different_entry_is_reported_at_its_ballot_number_with_both_entries() -> None:
    a = sheet("An", keep("1", "2"), keep("3"), keep("4"))
    b = sheet("Bình", keep("1", "2"), keep("3", "4"), keep("4"))
    result = reconcile([a, b])
    assert [m.number for m in result.mismatches] == [2]
    mismatch = result.mismatches[0]
    assert mismatch.entries == (("An", keep("3")), ("Bình", keep("3", "4")))
    assert mismatch.choices == (keep("3"), keep("3", "4"))
    assert sorted(result.matched) == [1, 3]


def test_a_ballot_one_teller_missed_is_reported_as_missing_for_them() -> None:
    a = sheet("An", keep("1"), keep("2"), keep("3"))
    b = sheet("Bình", keep("1"), keep("2"))
    result = reconcile([a, b])
    [mismatch] = result.mismatches
    assert mismatch.number == 3
    assert mismatch.missing_for == ("Bình",)


def test_void_for_different_reasons_is_a_mismatch() -> None:
    a = sheet("An", Ballot.void(UNOFFICIAL))
    b = sheet("Bình", Ballot.void(MARKED))
    assert [m.number for m in reconcile([a, b]).mismatches] == [1]


def test_three_tellers_two_agreeing_is_still_a_mismatch() -> None:
    # A majority of tellers does not decide: the committee looks at the paper.
    a = sheet("An", keep("1"))
    b = sheet("Bình", keep("1"))
    c = sheet("Cúc", keep("2"))
    result = reconcile([a, b, c])
    assert [m.number for m in result.mismatches] == [1]


def test_one_teller_alone_cannot_be_reconciled() -> None:
    with pytest.raises(EntryError, match=re.escape(MSG_TOO_FEW_TELLERS.format(least=2, count=1))):
        reconcile([sheet("An", keep("1"))])


def test_four_tellers_are_too_many() -> None:
    with pytest.raises(EntryError):
        reconcile([sheet(name, keep("1")) for name in ("A", "B", "C", "D")])


def test_the_same_teller_twice_is_refused() -> None:
    with pytest.raises(EntryError, match=re.escape(MSG_SAME_TELLER.format(teller="An"))):
        reconcile([sheet("An", keep("1")), sheet("An", keep("1"))])


def test_ballot_numbers_start_at_one() -> None:
    with pytest.raises(EntryError):
        Sheet("An", {0: keep("1")})


def test_results_cannot_be_had_while_a_mismatch_is_open() -> None:
    a = sheet("An", keep("1"), keep("2"), keep("3"))
    b = sheet("Bình", keep("1"), keep("3"), keep("2"))
    result = reconcile([a, b])
    assert unresolved(result, {2: keep("2")}) == [3]
    with pytest.raises(EntryError, match=re.escape(MSG_UNRESOLVED.format(count=1, numbers="3"))):
        resolve(result, {2: keep("2")})


def test_resolution_may_be_neither_entry_or_no_ballot_at_all() -> None:
    a = sheet("An", keep("1"), keep("2"), keep("3"))
    b = sheet("Bình", keep("1"), keep("4"))
    result = reconcile([a, b])
    final = resolve(result, {2: keep("5"), 3: None})
    assert dict(final) == {1: keep("1"), 2: keep("5")}


def test_a_matched_ballot_cannot_be_overruled_by_a_resolution() -> None:
    a = sheet("An", keep("1"), keep("2"))
    b = sheet("Bình", keep("1"), keep("3"))
    result = reconcile([a, b])
    with pytest.raises(EntryError, match=re.escape(MSG_NOT_A_MISMATCH.format(number=1))):
        resolve(result, {1: keep("2"), 2: keep("2")})


# --- Properties ---------------------------------------------------------------------------------

ballots = st.one_of(
    st.frozensets(st.sampled_from(IDS)).map(lambda k: Ballot(kept=k)),
    st.sampled_from([UNOFFICIAL, MARKED]).map(Ballot.void),
)
stacks = st.lists(ballots, max_size=25)


@given(stacks, st.integers(2, 3))
def test_identical_entries_never_mismatch(stack: list[Ballot], tellers: int) -> None:
    sheets = [sheet(f"T{i}", *stack) for i in range(tellers)]
    result = reconcile(sheets)
    assert result.agreed
    assert tuple(resolve(result, {}).values()) == tuple(stack)


@given(st.lists(ballots, min_size=1, max_size=25), st.data())
def test_any_single_difference_is_reported_at_its_ballot_number(
    stack: list[Ballot], data: st.DataObject
) -> None:
    index = data.draw(st.integers(0, len(stack) - 1))
    other = data.draw(ballots.filter(lambda b: b != stack[index]))
    changed = list(stack)
    changed[index] = other
    result = reconcile([sheet("An", *stack), sheet("Bình", *changed)])
    assert [m.number for m in result.mismatches] == [index + 1]
    assert result.mismatches[0].entries == (("An", stack[index]), ("Bình", other))


@given(st.lists(ballots, min_size=1, max_size=25), st.data())
def test_a_dropped_ballot_is_reported_at_its_number(
    stack: list[Ballot], data: st.DataObject
) -> None:
    number = data.draw(st.integers(1, len(stack)))
    full = sheet("An", *stack)
    holed = Sheet("Bình", {n: b for n, b in full.ballots.items() if n != number})
    result = reconcile([full, holed])
    assert [m.number for m in result.mismatches] == [number]
    assert result.mismatches[0].missing_for == ("Bình",)


@given(st.lists(stacks, min_size=2, max_size=3), st.randoms())
def test_the_order_of_tellers_does_not_matter(
    entered: list[list[Ballot]], rnd: random.Random
) -> None:
    sheets = [sheet(f"T{i}", *stack) for i, stack in enumerate(entered)]
    shuffled = list(sheets)
    rnd.shuffle(shuffled)
    assert reconcile(shuffled) == reconcile(sheets)


@given(st.lists(stacks, min_size=2, max_size=3))
def test_resolving_every_mismatch_with_the_first_choice_gives_one_ballot_per_number(
    entered: list[list[Ballot]],
) -> None:
    result = reconcile([sheet(f"T{i}", *stack) for i, stack in enumerate(entered)])
    decisions = {m.number: m.choices[0] for m in result.mismatches}
    final = resolve(result, decisions)
    assert list(final) == list(result.numbers)
    assert list(final) == list(range(1, max(map(len, entered)) + 1))
