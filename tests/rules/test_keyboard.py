"""The keyboard grammar of the entry screen: what a teller types for one ballot."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daihoi.rules.election import ADDED_NAME, MARKED, UNCLEAR, UNOFFICIAL, Ballot
from daihoi.rules.keyboard import (
    MSG_EMPTY_KEPT,
    MSG_LETTER_WITH_NUMBERS,
    MSG_OUT_OF_RANGE,
    MSG_REPEATED,
    MSG_ZERO_WITH_OTHERS,
    KeyEntryError,
    Mode,
    describe,
    format_keys,
    keystrokes,
    parse_keys,
    parse_line,
)

NINE = tuple(str(n) for n in range(101, 110))  # ids unlike ballot numbers, to catch mix-ups
TWELVE = tuple(str(n) for n in range(201, 213))


def kept_numbers(ballot: Ballot, ids: tuple[str, ...]) -> list[int]:
    assert ballot.kept is not None
    return [n for n, cid in enumerate(ids, start=1) if cid in ballot.kept]


@pytest.mark.parametrize("typed", ["2 5 7", "2,5,7", "257", " 2, 5  7 ", "7 5 2", "2;5.7"])
def test_the_crossed_names_are_typed_with_or_without_separators(typed: str) -> None:
    ballot = parse_keys(typed, ids=NINE)
    assert kept_numbers(ballot, NINE) == [1, 3, 4, 6, 8, 9]


def test_in_kept_mode_the_numbers_are_the_names_kept() -> None:
    ballot = parse_keys("136", ids=NINE, mode=Mode.KEPT)
    assert kept_numbers(ballot, NINE) == [1, 3, 6]


@pytest.mark.parametrize("typed", ["", "0", "h", "H"])
def test_nothing_zero_or_h_keep_every_name(typed: str) -> None:
    assert parse_keys(typed, ids=NINE) == Ballot(kept=frozenset(NINE))


def test_in_kept_mode_h_keeps_every_name_and_zero_keeps_none() -> None:
    assert parse_keys("h", ids=NINE, mode=Mode.KEPT) == Ballot(kept=frozenset(NINE))
    assert parse_keys("0", ids=NINE, mode=Mode.KEPT) == Ballot(kept=frozenset())


def test_in_kept_mode_enter_alone_asks_for_a_number() -> None:
    with pytest.raises(KeyEntryError, match=re.escape(MSG_EMPTY_KEPT)):
        parse_keys("", ids=NINE, mode=Mode.KEPT)


@pytest.mark.parametrize(
    ("key", "reason"), [("d", UNOFFICIAL), ("t", ADDED_NAME), ("k", MARKED), ("R", UNCLEAR)]
)
def test_a_letter_alone_is_a_void_ballot_with_its_reason(key: str, reason: str) -> None:
    assert parse_keys(key, ids=NINE) == Ballot.void(reason)


def test_a_number_not_on_the_ballot_is_refused_in_vietnamese() -> None:
    with pytest.raises(KeyEntryError) as caught:
        parse_keys("2 12", ids=NINE)
    assert str(caught.value) == "Số 12 không có trên phiếu (phiếu có 9 tên)."
    assert str(caught.value) == MSG_OUT_OF_RANGE.format(number=12, names=9)


def test_on_a_ballot_of_more_than_nine_names_numbers_need_separators() -> None:
    assert kept_numbers(parse_keys("2 12", ids=TWELVE, mode=Mode.KEPT), TWELVE) == [2, 12]
    assert kept_numbers(parse_keys("12", ids=TWELVE, mode=Mode.KEPT), TWELVE) == [12]
    with pytest.raises(KeyEntryError, match="Số 257 không có trên phiếu"):
        parse_keys("257", ids=TWELVE)


def test_a_name_typed_twice_is_refused() -> None:
    with pytest.raises(KeyEntryError, match=re.escape(MSG_REPEATED.format(number=2))):
        parse_keys("22", ids=NINE)


def test_zero_with_other_numbers_is_refused() -> None:
    with pytest.raises(KeyEntryError, match=re.escape(MSG_ZERO_WITH_OTHERS)):
        parse_keys("03", ids=NINE)


def test_a_letter_with_numbers_is_refused() -> None:
    with pytest.raises(KeyEntryError, match=re.escape(MSG_LETTER_WITH_NUMBERS.format(char="d"))):
        parse_keys("2d", ids=NINE)


def test_an_unknown_key_is_named() -> None:
    with pytest.raises(KeyEntryError, match="Không hiểu “x”"):
        parse_keys("2x", ids=NINE)


def test_a_correction_names_the_ballot_it_corrects() -> None:
    entry = parse_line("12=2 5", ids=NINE)
    assert entry.corrects == 12
    assert kept_numbers(entry.ballot, NINE) == [1, 3, 4, 6, 7, 8, 9]
    assert parse_line("257", ids=NINE).corrects is None
    with pytest.raises(KeyEntryError):
        parse_line("a=2", ids=NINE)


def test_the_description_says_what_was_crossed() -> None:
    assert describe(parse_keys("25", ids=NINE), NINE) == "gạch 2, 5"
    assert describe(parse_keys("", ids=NINE), NINE) == "không gạch tên nào"
    assert describe(parse_keys("123456789", ids=NINE), NINE) == "gạch hết tên"
    assert describe(Ballot.void(MARKED), NINE) == "không hợp lệ: có ký tên hoặc đánh dấu riêng"


def test_seed_bch_ballot_keystrokes_are_crossed_names_plus_enter() -> None:
    # Nine names, five seats: a valid ballot crosses at least four names.
    ballot = parse_keys("1357", ids=NINE)
    assert keystrokes(ballot, ids=NINE) == 4 + 1
    assert keystrokes(Ballot(kept=frozenset(NINE)), ids=NINE) == 1


# --- Properties ---------------------------------------------------------------------------------


@st.composite
def ballots_on(draw: st.DrawFn, ids: tuple[str, ...]) -> Ballot:
    if draw(st.integers(0, 9)) == 0:
        return Ballot.void(draw(st.sampled_from([UNOFFICIAL, ADDED_NAME, MARKED, UNCLEAR])))
    return Ballot(kept=draw(st.frozensets(st.sampled_from(ids))))


@st.composite
def lists_and_ballots(draw: st.DrawFn) -> tuple[tuple[str, ...], Ballot]:
    size = draw(st.integers(1, 30))
    ids = tuple(f"c{n}" for n in range(size))
    return ids, draw(ballots_on(ids))


@given(lists_and_ballots(), st.sampled_from(Mode))
def test_what_format_writes_parse_reads_back(
    case: tuple[tuple[str, ...], Ballot], mode: Mode
) -> None:
    ids, ballot = case
    assert parse_keys(format_keys(ballot, ids=ids, mode=mode), ids=ids, mode=mode) == ballot


@given(lists_and_ballots())
def test_on_nine_names_or_fewer_a_ballot_costs_its_crossed_names_plus_one(
    case: tuple[tuple[str, ...], Ballot],
) -> None:
    ids, ballot = case
    if len(ids) > 9 or ballot.kept is None:
        return
    assert keystrokes(ballot, ids=ids) == len(ids) - len(ballot.kept) + 1


@given(st.text(max_size=12), st.sampled_from(Mode))
def test_anything_typed_is_a_ballot_or_a_vietnamese_refusal(typed: str, mode: Mode) -> None:
    try:
        ballot = parse_keys(typed, ids=NINE, mode=mode)
    except KeyEntryError as error:
        assert str(error)
    else:
        assert ballot.invalid is not None or (ballot.kept is not None and ballot.kept <= set(NINE))
