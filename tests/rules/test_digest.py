"""Tamper evidence: the digest of a round's ballots and its verification."""

from __future__ import annotations

import hashlib
import json
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daihoi.rules.digest import (
    DIFF_RECORD_ALTERED,
    BallotRecord,
    DigestError,
    RoundIdentity,
    ballot_line,
    canonical_text,
    compute_digest,
    describe_label,
    digest_from_json,
    digest_to_json,
    group_hex,
    paper_label,
    verify,
)
from daihoi.rules.election import MARKED, UNOFFICIAL, Ballot

IDENTITY = RoundIdentity(
    title="Bầu Ban Chấp hành Công đoàn cơ sở khóa V",
    round_number=1,
    candidate_ids=("12", "7", "9", "30"),
    seats=2,
)


def records() -> list[BallotRecord]:
    return [
        BallotRecord(paper_label(1), Ballot.keeping("12", "9")),
        BallotRecord(paper_label(2), Ballot.void(UNOFFICIAL)),
        BallotRecord(paper_label(10), Ballot.keeping()),
        BallotRecord("K7QX-2M9P", Ballot.keeping("30")),
    ]


def test_a_ballot_line_lists_the_ballot_numbers_kept_in_order() -> None:
    assert ballot_line(Ballot.keeping("30", "12", "9"), IDENTITY) == "k:1,3,4"
    assert ballot_line(Ballot.keeping(), IDENTITY) == "k:"
    assert ballot_line(Ballot.void(MARKED), IDENTITY) == "i:marked"


def test_the_canonical_text_is_the_identity_then_sorted_lines() -> None:
    digest = compute_digest(IDENTITY, records())
    assert canonical_text(IDENTITY, digest.lines) == (
        "daihoi.digest/1\n"
        'title "Bầu Ban Chấp hành Công đoàn cơ sở khóa V"\n'
        "round 1\n"
        "seats 2\n"
        'candidates ["12", "7", "9", "30"]\n'
        "ballots 4\n"
        "#1 k:1,3\n"
        "#10 k:\n"
        "#2 i:unofficial\n"
        "K7QX-2M9P k:4\n"
    )
    expected = hashlib.sha256(canonical_text(IDENTITY, digest.lines).encode()).hexdigest()
    assert digest.hex == expected


def test_the_digest_is_printed_in_eight_groups_of_eight() -> None:
    digest = compute_digest(IDENTITY, records())
    groups = digest.grouped.split(" ")
    assert len(groups) == 8
    assert all(len(g) == 8 for g in groups)
    assert "".join(groups) == digest.hex
    assert group_hex("abcdefgh12") == "abcdefgh 12"


def test_the_round_identity_is_part_of_the_digest() -> None:
    base = compute_digest(IDENTITY, records()).hex
    for changed in (
        RoundIdentity(IDENTITY.title + " ", 1, IDENTITY.candidate_ids, 2),  # NFC: same text
        RoundIdentity(IDENTITY.title, 2, IDENTITY.candidate_ids, 2),
        RoundIdentity(IDENTITY.title, 1, IDENTITY.candidate_ids, 3),
        RoundIdentity(IDENTITY.title, 1, ("7", "12", "9", "30"), 2),
    ):
        other = compute_digest(changed, records()).hex
        assert (other == base) == (changed.title == IDENTITY.title and changed == IDENTITY)


def test_labels_must_be_unique_and_without_spaces() -> None:
    with pytest.raises(DigestError):
        compute_digest(IDENTITY, [BallotRecord("#1", Ballot.keeping()), *records()])
    with pytest.raises(DigestError):
        compute_digest(IDENTITY, [BallotRecord("a b", Ballot.keeping())])
    with pytest.raises(DigestError, match="mã ứng cử viên 99"):
        compute_digest(IDENTITY, [BallotRecord("#1", Ballot.keeping("99"))])


def test_the_stored_record_round_trips_through_json() -> None:
    digest = compute_digest(IDENTITY, records())
    again = digest_from_json(json.loads(json.dumps(digest_to_json(digest))))
    assert again == digest
    for broken in ({}, {"format": "x"}, {**digest_to_json(digest), "round": "1"}):
        with pytest.raises(DigestError):
            digest_from_json(broken)


def test_unchanged_ballots_verify() -> None:
    recorded = compute_digest(IDENTITY, records())
    shuffled = records()
    random.Random(4).shuffle(shuffled)
    result = verify(recorded, IDENTITY, shuffled)
    assert result.ok
    assert result.differences == ()


def test_verification_names_a_changed_a_removed_and_an_added_ballot() -> None:
    recorded = compute_digest(IDENTITY, records())
    now = records()
    now[0] = BallotRecord("#1", Ballot.keeping("12"))
    del now[3]
    now.append(BallotRecord("#11", Ballot.keeping("7")))
    result = verify(recorded, IDENTITY, now)
    assert not result.ok
    assert [d.message for d in result.differences] == [
        "Phiếu giấy số 1: lúc khóa sổ là “k:1,3”, nay là “k:1”.",
        "Phiếu giấy số 11: nay có (“k:2”) nhưng lúc khóa sổ không có.",
        "Phiếu điện thoại mã biên nhận K7QX-2M9P: có lúc khóa sổ (“k:4”) nhưng nay không còn.",
    ]


def test_a_record_edited_to_match_altered_ballots_is_caught() -> None:
    recorded = compute_digest(IDENTITY, records())
    tampered = digest_to_json(recorded)
    tampered["ballots"]["#1"] = "k:1"
    now = records()
    now[0] = BallotRecord("#1", Ballot.keeping("12"))
    result = verify(digest_from_json(tampered), IDENTITY, now)
    assert not result.ok
    assert result.recomputed != result.recorded
    assert result.differences[0].message == DIFF_RECORD_ALTERED.format(
        digest=group_hex(recorded.hex)
    )


def test_a_changed_identity_is_named() -> None:
    recorded = compute_digest(IDENTITY, records())
    other = RoundIdentity(IDENTITY.title, 1, IDENTITY.candidate_ids, 3)
    result = verify(recorded, other, records())
    assert [d.message for d in result.differences] == [
        "Thông tin vòng bầu đã thay đổi (seats): lúc khóa sổ “2”, nay “3”."
    ]


def test_labels_are_described_for_people() -> None:
    assert describe_label("#12") == "Phiếu giấy số 12"
    assert describe_label("AB12-CD34") == "Phiếu điện thoại mã biên nhận AB12-CD34"


def test_leaf_hashes_are_kept_per_ballot() -> None:
    digest = compute_digest(IDENTITY, records())
    leaves = digest.leaf_hashes()
    assert set(leaves) == {"#1", "#2", "#10", "K7QX-2M9P"}
    assert leaves["#1"] == hashlib.sha256(b"#1 k:1,3\n").hexdigest()


# --- Properties ---------------------------------------------------------------------------------

ballots = st.one_of(
    st.frozensets(st.sampled_from(IDENTITY.candidate_ids)).map(lambda k: Ballot(kept=k)),
    st.sampled_from([UNOFFICIAL, MARKED]).map(Ballot.void),
)
stacks = st.lists(ballots, max_size=30).map(
    lambda bs: [BallotRecord(paper_label(n), b) for n, b in enumerate(bs, start=1)]
)


@given(stacks, st.randoms())
def test_the_digest_does_not_depend_on_the_order_of_ballots(
    stack: list[BallotRecord], rnd: random.Random
) -> None:
    shuffled = list(stack)
    rnd.shuffle(shuffled)
    assert compute_digest(IDENTITY, shuffled) == compute_digest(IDENTITY, stack)


@given(st.lists(ballots, min_size=1, max_size=30), st.data())
def test_any_single_change_is_named_by_its_ballot(stack: list[Ballot], data: st.DataObject) -> None:
    records_ = [BallotRecord(paper_label(n), b) for n, b in enumerate(stack, start=1)]
    index = data.draw(st.integers(0, len(stack) - 1))
    other = data.draw(ballots.filter(lambda b: b != stack[index]))
    changed = list(records_)
    changed[index] = BallotRecord(records_[index].label, other)
    recorded = compute_digest(IDENTITY, records_)
    result = verify(recorded, IDENTITY, changed)
    assert not result.ok
    assert result.recomputed != recorded.hex
    assert [d.label for d in result.differences] == [paper_label(index + 1)]
