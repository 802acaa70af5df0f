"""The independent verifier of an encrypted round's record (rules/election_record.py, issue 13):
a record built here from the protocol alone, on the pure reference group, on ristretto255
(protocol 3) and on edwards25519 (protocol 2), verifies; any one change to a ballot, the board,
a partial decryption or the totals is named."""

from __future__ import annotations

import base64
import copy
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from daihoi.elections.crypto_group import ED25519, ristretto255
from daihoi.elections.testing import published_record
from daihoi.rules import ballot_crypto as bc
from daihoi.rules import election_record as er
from daihoi.rules.election_record import (
    RECORD_FORMAT_1,
    RecordError,
    verify_record,
)

SMALL = bc.ModPGroup(
    name="test-127",
    p=170141183460469231731687303715884114527,
    q=85070591730234615865843651857942057263,
    g=2,
)
CONTEXT = ["daihoi/round", 1, 2, 3, 1]
DECRYPTION = [*CONTEXT, "decryption"]


def build_record(
    group: Any,
    votes: list[list[bool]],
    *,
    n: int = 3,
    k: int = 2,
    seats: int = 2,
    minimum: int = 0,
    protocol: str = bc.PROTOCOL_3,
    complaint: tuple[int, int, int] | None = None,
) -> dict[str, Any]:
    """What the round's page publishes, assembled from the protocol's functions only, with one
    published audit; with ``complaint`` (by, against, error), the ceremony's complaint of
    member ``by`` answered by member ``against`` publishing its share for ``by`` plus
    ``error``."""
    names = len(votes[0]) if votes else 3
    pairs = [
        bc.member_generate(group, index=i, threshold=k, context=CONTEXT) for i in range(1, n + 1)
    ]
    commitments = [c for _, c in pairs]
    keys = {
        m: bc.combine_shares(
            group, shares=[bc.share_for(group, secret=s, recipient=m) for s, _ in pairs]
        )
        for m in range(1, n + 1)
    }
    public = bc.joint_public_key(group, commitments=commitments)
    maximum = min(seats, names)
    ballots = [
        bc.encrypt_ballot(
            group,
            public_key=public,
            kept=v,
            minimum=minimum,
            maximum=maximum,
            context=CONTEXT,
            protocol=protocol,
        )
        for v in votes
    ]
    shown = tuple(i % 2 == 0 for i in range(names))  # an encryption a voter audited
    made = [bc.encrypt(group, public_key=public, message=int(m)) for m in shown]
    audit = bc.Audit(
        ciphertexts=tuple(ct for ct, _ in made), kept=shown, nonces=tuple(r for _, r in made)
    )
    return published_record(
        group,
        ballots=ballots,
        totals=[sum(v[i] for v in votes) for i in range(names)],
        commitments=commitments,
        keys=keys,
        threshold=k,
        minimum=minimum,
        maximum=maximum,
        protocol=protocol,
        context=CONTEXT,
        decryption_context=DECRYPTION,
        audits=[audit],
    ) | _complaints(group, pairs, complaint)


def _complaints(group: Any, pairs: Any, complaint: tuple[int, int, int] | None) -> dict[str, Any]:
    if complaint is None:
        return {}
    by, against, error = complaint
    secret = pairs[against - 1][0]
    share = (bc.share_for(group, secret=secret, recipient=by) + error) % group.order
    return {"complaints": [{"by": by, "against": against, "share": format(share, "x")}]}


def failed(report: Any) -> list[str]:
    return [c.label for c in report.checks if not c.ok]


votes_strategy = st.lists(
    st.lists(st.booleans(), min_size=3, max_size=3).filter(lambda v: sum(v) <= 2),
    min_size=1,
    max_size=6,
)


@settings(max_examples=15, deadline=None)
@given(votes_strategy, st.data())
def test_a_record_verifies_and_any_one_change_is_named(votes: list[list[bool]], data: Any) -> None:
    record = build_record(SMALL, votes)
    assert verify_record(record, group=SMALL).ok
    # The totals claimed differ from what the partials decrypt.
    wrong = copy.deepcopy(record)
    i = data.draw(st.integers(0, 2))
    wrong["totals"][i] += 1
    assert failed(verify_record(wrong, group=SMALL)) == [
        c.label for c in verify_record(wrong, group=SMALL).checks if "Kết quả giải mã" in c.label
    ]
    # A ballot's ciphertext replaced by another encryption: its proofs and the chain fail.
    altered = copy.deepcopy(record)
    position = data.draw(st.integers(0, len(votes) - 1))
    other = bc.encrypt_ballot(
        SMALL,
        public_key=bytes.fromhex(record["public_key"]),
        kept=[True, False, False],
        minimum=0,
        maximum=2,
        context=CONTEXT,
    )
    altered["board"][position]["ballot"]["ciphertexts"][0] = bc.ballot_to_json(other)[
        "ciphertexts"
    ][0]
    labels = failed(verify_record(altered, group=SMALL))
    assert any(label.startswith("Bằng chứng của") for label in labels)
    assert any(label.startswith("Chuỗi băm") for label in labels)
    # A published audit whose choice shown is not what its ciphertexts hold: only it fails.
    lie = copy.deepcopy(record)
    name = data.draw(st.integers(0, 2))
    lie["audited"][0]["audit"]["kept"][name] = not lie["audited"][0]["audit"]["kept"][name]
    assert failed(verify_record(lie, group=SMALL)) == [
        "1 bản mã cử tri đã kiểm tra (không tính vào kết quả): mỗi bản mã đúng là lựa chọn và số "
        "ngẫu nhiên đã công bố"
    ]


def test_a_dropped_ballot_a_wrong_partial_and_below_the_threshold_are_detected() -> None:
    record = build_record(SMALL, [[True, True, False], [False, True, False], [True, False, False]])
    dropped = copy.deepcopy(record)
    del dropped["board"][1]
    for position, entry in enumerate(dropped["board"], 1):
        entry["position"] = position
    labels = failed(verify_record(dropped, group=SMALL))
    assert any(label.startswith("Chuỗi băm") for label in labels)
    assert any(label.startswith("Tổng mã hoá") for label in labels)
    lying = copy.deepcopy(record)
    lying["partials"][1]["shares"][0] = SMALL.mul(
        bytes.fromhex(lying["partials"][1]["shares"][0]), SMALL.generator
    ).hex()
    report = verify_record(lying, group=SMALL)
    bad = [c for c in report.checks if not c.ok]
    assert bad[0].problems == ("phần giải mã của thành viên số 2: bằng chứng không đúng",)
    assert bad[1].problems == ("chỉ có 1 phần giải mã đúng, cần 2",)
    with pytest.raises(RecordError, match="nhóm test-127"):
        verify_record(record, group=ED25519)


def test_totals_written_as_text_or_true_or_below_zero_make_the_record_unreadable() -> None:
    record = build_record(SMALL, [[True, False, True]])
    assert verify_record(record, group=SMALL).ok
    for totals in (["1", 0, 1], [True, 0, 1], [1.0, 0, 1], [-1, 0, 1], "101"):
        with pytest.raises(RecordError, match="totals"):
            verify_record(record | {"totals": totals}, group=SMALL)


@pytest.mark.parametrize("group", [SMALL, ristretto255()], ids=["small", "ristretto255"])
def test_an_empty_board_s_totals_are_zero_without_a_decryption(group: Any) -> None:
    # a mixed round voted on paper alone: no ballot on the board, no partial, every total 0
    record = build_record(group, [])
    assert record["board"] == [] and record["partials"] == [] and record["totals"] == [0, 0, 0]
    report = verify_record(record, group=group)
    assert report.ok, report
    assert er.CHECK_TOTALS_EMPTY.format(totals="0, 0, 0") in [c.label for c in report.checks]
    assert er.CHECK_NO_PARTIALS in [c.label for c in report.checks]
    assert failed(verify_record(record | {"totals": [0, 1, 0]}, group=group)) == [
        er.CHECK_TOTALS_EMPTY.format(totals="0, 1, 0")
    ]
    # sums that are not of nothing: the board and its sums disagree, and no total is taken
    other = build_record(group, [[True, False, True]])
    labels = failed(verify_record(record | {"sums": other["sums"]}, group=group))
    assert labels == [er.CHECK_SUMS, er.CHECK_TOTALS_EMPTY.format(totals="0, 0, 0")]


def test_only_sums_of_nothing_give_an_empty_board_s_zero_totals() -> None:
    group = ristretto255()
    empty = bc.Ciphertext(alpha=group.identity, beta=group.identity)
    assert bc.totals_of_empty_board(group, sums=[empty, empty]) == (0, 0)
    key = group.base_power(5)
    one, _ = bc.encrypt(group, public_key=key, message=0)
    for sums in ([empty, one], [bc.Ciphertext(alpha=group.identity, beta=group.generator)]):
        with pytest.raises(bc.CryptoError):
            bc.totals_of_empty_board(group, sums=sums)


def test_a_ristretto255_record_verifies_with_the_real_group() -> None:
    record = build_record(ristretto255(), [[True, False, True], [False, True, False]])
    assert record["format"] == "daihoi.encrypted-record/3"
    report = verify_record(record, group=ristretto255())
    assert report.ok and len(report.checks) == 8
    with pytest.raises(RecordError, match="nhóm ristretto255"):
        verify_record(record, group=ED25519)


def test_an_ed25519_record_of_protocol_2_still_verifies_with_its_group() -> None:
    record = build_record(
        ED25519, [[True, False, True], [False, True, False]], protocol=bc.PROTOCOL
    )
    assert record["format"] == "daihoi.encrypted-record/2"
    report = verify_record(record, group=ED25519)
    assert report.ok and len(report.checks) == 8
    # A record of the first version (no audits) is still read and checked, without check 8.
    first = {**record, "format": RECORD_FORMAT_1}
    del first["audited"]
    report = verify_record(first, group=ED25519)
    assert report.ok and len(report.checks) == 7
    # A format says its protocol: /2 with protocol 3's name is not read.
    with pytest.raises(RecordError, match="daihoi/ballot/3"):
        verify_record({**record, "protocol": bc.PROTOCOL_3}, group=ED25519)


def test_the_record_names_its_group_and_an_unknown_group_is_refused() -> None:
    record = build_record(SMALL, VOTES[:1])
    assert er.group_of_record(record, group_named={"test-127": SMALL}.__getitem__) is SMALL
    with pytest.raises(RecordError, match="nhóm test-127"):
        er.group_of_record(record, group_named={}.__getitem__)
    with pytest.raises(RecordError, match="group"):
        er.group_of_record([record], group_named={"test-127": SMALL}.__getitem__)


#: 40 names, 33 seats, at least one kept: protocol 3 proves the count by its bits (offsets 1 and
#: -30, 6 bits each), not by 33 counts.
WIDE_NAMES, WIDE_SEATS = 40, 33
WIDE_VOTES = [[(i + b) % 3 != 0 for i in range(WIDE_NAMES)][:30] + [False] * 10 for b in range(3)]


def test_protocol_3_proves_a_wide_count_by_its_bits_and_a_changed_bit_is_named() -> None:
    record = build_record(SMALL, WIDE_VOTES, seats=WIDE_SEATS, minimum=1)
    proof = record["board"][0]["ballot"]["range_proof"]
    assert set(proof) == {"bits", "proofs"} and [len(b) for b in proof["bits"]] == [6, 6]
    assert verify_record(record, group=SMALL).ok
    # a bit's proof, a bit's ciphertext: the ballot is named
    for change in ("proof", "ciphertext"):
        changed = copy.deepcopy(record)
        proof = changed["board"][1]["ballot"]["range_proof"]
        if change == "proof":
            responses = proof["proofs"][1][3]["responses"]
            responses[0] = format((int(responses[0], 16) + 1) % SMALL.q, "x")
        else:
            pair = proof["bits"][0][2]
            pair[1] = SMALL.mul(bytes.fromhex(pair[1]), SMALL.generator).hex()
        ballots = next(
            c for c in verify_record(changed, group=SMALL).checks if "phiếu mã" in c.label
        )
        assert ballots.problems == (
            f"phiếu ở vị trí 2 (mã {record['board'][1]['tracking'][:16]}): bằng chứng không đúng",
        )


def test_a_ballot_cannot_choose_its_range_proof_s_form() -> None:
    """A wide range in protocol 3 needs the bits; the same range in protocol 2, one branch per
    count: a ballot made for one protocol is refused under the other."""
    record = build_record(SMALL, WIDE_VOTES[:1], seats=WIDE_SEATS, minimum=1)
    two = build_record(SMALL, WIDE_VOTES[:1], seats=WIDE_SEATS, minimum=1, protocol=bc.PROTOCOL)
    assert set(two["board"][0]["ballot"]["range_proof"]) == {"challenges", "responses"}
    assert verify_record(two, group=SMALL).ok
    for ballot, protocol in ((record, bc.PROTOCOL), (two, bc.PROTOCOL_3)):
        parsed = bc.ballot_from_json(ballot["board"][0]["ballot"])
        assert not bc.verify_ballot(
            SMALL,
            public_key=bytes.fromhex(ballot["public_key"]),
            ballot=parsed,
            names=WIDE_NAMES,
            minimum=1,
            maximum=WIDE_SEATS,
            context=CONTEXT,
            protocol=protocol,
        )


def _corrupt(record: dict[str, Any], *, position: int, part: str, index: int, delta: int) -> None:
    """Change one number of one ballot's proofs (hex scalars), or one ciphertext's element."""
    ballot = record["board"][position]["ballot"]
    if part == "ciphertext":
        pair = ballot["ciphertexts"][index % len(ballot["ciphertexts"])]
        pair[1] = SMALL.mul(bytes.fromhex(pair[1]), SMALL.generator).hex()
        return
    if part == "range":
        proof = ballot["range_proof"]
    else:
        proof = ballot["proofs"][index % len(ballot["proofs"])]
    kind = "challenges" if part.endswith("challenge") or part == "range" else "responses"
    values = proof[kind]
    i = index % len(values)
    values[i] = format((int(values[i], 16) + delta) % SMALL.q, "x")


@settings(max_examples=25, deadline=None)
@given(
    st.integers(0, 4),
    st.sampled_from(["challenge", "response", "range", "ciphertext"]),
    st.integers(0, 10),
    st.integers(1, 2**64),
)
def test_a_single_corrupted_proof_is_detected_and_its_ballot_named(
    position: int, part: str, index: int, delta: int
) -> None:
    record = build_record(SMALL, VOTES)
    _corrupt(record, position=position, part=part, index=index, delta=delta)
    report = verify_record(record, group=SMALL)
    ballots = next(c for c in report.checks if c.label.startswith("Bằng chứng của"))
    tracking = record["board"][position]["tracking"][:16]
    assert ballots.problems == (
        f"phiếu ở vị trí {position + 1} (mã {tracking}): bằng chứng không đúng",
    )


VOTES = [
    [True, False, True],
    [False, True, False],
    [True, True, False],
    [False, False, True],
    [True, False, False],
]


def test_the_verifier_in_two_processes_names_the_same_bad_ballot(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(er, "POOL_FROM", 0)  # a pool even for five ballots
    record = build_record(SMALL, VOTES)
    _corrupt(record, position=3, part="response", index=0, delta=1)
    one = verify_record(record, group=SMALL, jobs=1)
    two = verify_record(record, group=SMALL, jobs=2)
    assert one == two
    assert [c.problems for c in two.checks if not c.ok] == [
        (f"phiếu ở vị trí 4 (mã {record['board'][3]['tracking'][:16]}): bằng chứng không đúng",)
    ]


@pytest.mark.parametrize("batch", [1, 2, 3])
def test_ballots_checked_and_tallied_a_few_at_a_time_give_the_same_report(
    monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    record = build_record(SMALL, VOTES)
    _corrupt(record, position=3, part="response", index=0, delta=1)
    whole = verify_record(record, group=SMALL)
    monkeypatch.setattr(er, "_TALLY_BATCH", batch)
    assert verify_record(record, group=SMALL) == whole
    assert [c.ok for c in whole.checks].count(False) == 1  # the fourth ballot's proof only


def _drop_second(record: dict[str, Any]) -> None:
    del record["board"][1]
    for position, entry in enumerate(record["board"], 1):
        entry["position"] = position


def _relink_fourth(record: dict[str, Any]) -> None:
    record["board"][3]["tracking"] = "0" * 64  # a link that no ballot gives


def _swap_third_and_fifth(record: dict[str, Any]) -> None:
    board = record["board"]
    board[2]["ballot"], board[4]["ballot"] = board[4]["ballot"], board[2]["ballot"]


@pytest.mark.parametrize("tamper", [_drop_second, _relink_fourth, _swap_third_and_fifth])
def test_the_verifier_in_two_processes_checks_every_link_of_the_chain_as_one_does(
    monkeypatch: pytest.MonkeyPatch, tamper: Callable[[dict[str, Any]], None]
) -> None:
    """Each run of the board checks its links from the hash published before it: a link
    broken anywhere, at a run's edge too, fails the chain in two processes as in one."""
    monkeypatch.setattr(er, "POOL_FROM", 0)
    monkeypatch.setattr(er, "_CHUNKS_PER_JOB", 1)  # runs of three ballots: edges at 3 and 4
    record = build_record(SMALL, VOTES + VOTES[:1])
    tamper(record)
    one = verify_record(record, group=SMALL, jobs=1)
    two = verify_record(record, group=SMALL, jobs=2)
    assert one == two
    assert any(label.startswith("Chuỗi băm") for label in failed(two))


def test_a_ballot_that_cannot_be_read_makes_the_record_unreadable_in_a_worker_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(er, "POOL_FROM", 0)
    record = build_record(SMALL, VOTES)
    record["board"][4]["ballot"]["proofs"][0]["challenges"][0] = "0xff"  # not the hex written
    for jobs in (1, 2):
        with pytest.raises(RecordError, match="không đúng định dạng"):
            verify_record(record, group=SMALL, jobs=jobs)


def test_the_ceremony_s_answered_complaints_are_checked_against_the_commitments() -> None:
    """Check 1 takes each complaint's published share: it must be the accused's share for the
    complaining member, as its commitments say; an unanswered one is no fault of the key."""
    assert verify_record(build_record(SMALL, VOTES[:2], complaint=(3, 1, 0)), group=SMALL).ok
    for complaint in ((3, 1, 1), (2, 2, 0), (4, 1, 0)):
        report = verify_record(build_record(SMALL, VOTES[:2], complaint=complaint), group=SMALL)
        [members] = [c for c in report.checks if not c.ok]
        by, against, _ = complaint
        assert members.label.startswith("Cam kết khoá của 3 thành viên")
        assert members.problems == (er.BAD_COMPLAINT.format(by=by, against=against),)
    unanswered = build_record(SMALL, VOTES[:2], complaint=(3, 1, 0))
    unanswered["complaints"][0]["share"] = None
    assert verify_record(unanswered, group=SMALL).ok
    unanswered["complaints"][0]["share"] = "xyz"
    with pytest.raises(RecordError):
        verify_record(unanswered, group=SMALL)


def test_the_command_checks_in_forked_processes_and_names_a_bad_ballot(tmp_path: Path) -> None:
    """``daihoi verify-election --jobs 2`` forks its workers (they share the record read): a
    board long enough for them (POOL_FROM) verifies, and one bad proof is named by position."""
    votes = [VOTES[i % len(VOTES)] for i in range(er.POOL_FROM + 6)]
    record = build_record(ristretto255(), votes)
    bad = copy.deepcopy(record)
    _corrupt(bad, position=40, part="response", index=0, delta=1)
    daihoi = Path(sys.executable).parent / "daihoi"
    for name, data, status in (("good", record, 0), ("bad", bad, 1)):
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        run = subprocess.run(
            [str(daihoi), "verify-election", str(path), "--jobs", "2"],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert run.returncode == status, run.stdout + run.stderr
        assert ("phiếu ở vị trí 41" in run.stdout) is (name == "bad")


def test_an_unreadable_ballot_is_named_in_one_sentence() -> None:
    record = build_record(SMALL, VOTES[:2])
    record["board"][1]["ballot"] = 5
    with pytest.raises(RecordError) as refused:
        verify_record(record, group=SMALL)
    message = str(refused.value)
    assert message.endswith(f"{bc.ERROR_FORMAT.rstrip('.')}.") and not message.endswith("..")
    assert "phiếu ở vị trí 2: " in message  # which ballot


# The ballots' commitments, published beside them for the batch check (BatchCheck)


def _without_commitments(record: dict[str, Any]) -> dict[str, Any]:
    bare = copy.deepcopy(record)
    for entry in bare["board"]:
        entry.pop("commitments", None)
    return bare


def test_the_board_publishes_each_ballot_s_commitments_in_base64() -> None:
    record = build_record(SMALL, VOTES)
    # three names of two branches and a range over 0..2 (three branches): two elements each,
    # 16 bytes in the small group
    sizes = [len(base64.b64decode(e["commitments"])) for e in record["board"]]
    assert sizes == [2 * (3 * 2 + 3) * 16] * len(VOTES)


@settings(max_examples=20, deadline=None)
@given(
    st.integers(0, 4),
    st.sampled_from(["challenge", "response", "range", "ciphertext"]),
    st.integers(0, 10),
    st.integers(1, 2**64),
    st.sampled_from(["all", "none", "some"]),
)
def test_a_record_gets_the_same_report_with_or_without_commitments(
    position: int, part: str, index: int, delta: int, published: str
) -> None:
    """The batch's verdicts are the ballot-by-ballot check's: a corrupted proof is named by
    its position whether the board publishes commitments for every ballot, none (a record
    written before they were), or some."""
    record = build_record(SMALL, VOTES)
    _corrupt(record, position=position, part=part, index=index, delta=delta)
    bare = _without_commitments(record)
    if published == "some":
        for entry, plain in zip(record["board"][::2], bare["board"][::2], strict=True):
            entry.pop("commitments")
            assert "commitments" not in plain
    if published == "none":
        record = bare
    report = verify_record(record, group=SMALL)
    assert report == verify_record(bare, group=SMALL)
    ballots = next(c for c in report.checks if c.label.startswith("Bằng chứng của"))
    tracking = record["board"][position]["tracking"][:16]
    assert ballots.problems == (
        f"phiếu ở vị trí {position + 1} (mã {tracking}): bằng chứng không đúng",
    )


@pytest.mark.parametrize(
    "published",
    [
        "another ballot's",  # answers none of this ballot's challenges
        "!!! not base64",
        "",
        12,
        None,
    ],
)
def test_wrong_or_unreadable_commitments_cost_time_never_a_verdict(published: object) -> None:
    record = build_record(SMALL, VOTES)
    entry = record["board"][2]
    entry["commitments"] = (
        record["board"][3]["commitments"] if published == "another ballot's" else published
    )
    assert verify_record(record, group=SMALL).ok


def test_a_changed_proof_with_commitments_made_to_fit_it_is_still_named() -> None:
    """A record's author who changes a response and publishes the commitments that response
    gives: the commitments no longer answer the challenge, the ballot is checked alone."""
    record = build_record(SMALL, VOTES)
    _corrupt(record, position=1, part="response", index=0, delta=1)
    ballot = bc.ballot_from_json(record["board"][1]["ballot"])
    key = bytes.fromhex(record["public_key"])
    made = [
        element
        for position, (ct, proof) in enumerate(zip(ballot.ciphertexts, ballot.proofs, strict=True))
        for v, c, r in zip((0, 1), proof.challenges, proof.responses, strict=True)
        for element in (
            SMALL.commitment(ct.alpha, c, r),
            SMALL.commitment(ct.beta, c, r, base=key, shift=v),
        )
    ]
    old = base64.b64decode(record["board"][1]["commitments"])
    record["board"][1]["commitments"] = base64.b64encode(
        b"".join(made) + old[len(b"".join(made)) :]
    ).decode()
    report = verify_record(record, group=SMALL)
    assert [c.problems for c in report.checks if not c.ok] == [
        (f"phiếu ở vị trí 2 (mã {record['board'][1]['tracking'][:16]}): bằng chứng không đúng",)
    ]


def test_ballots_with_commitments_are_checked_together_and_one_by_one_only_to_name_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    alone: list[object] = []
    real = bc.verify_ballot

    def counted(*args: Any, **kwargs: Any) -> bool:
        alone.append(kwargs["ballot"])
        return real(*args, **kwargs)

    monkeypatch.setattr(bc, "verify_ballot", counted)
    record = build_record(SMALL, VOTES)
    alone.clear()
    assert verify_record(record, group=SMALL).ok
    assert alone == []  # every ballot in the batch
    assert verify_record(_without_commitments(record), group=SMALL).ok
    assert len(alone) == len(VOTES)
    _corrupt(record, position=3, part="response", index=0, delta=1)
    alone.clear()
    assert not verify_record(record, group=SMALL).ok
    assert len(alone) == len(VOTES)  # the batch fails: each checked alone to name the bad one
