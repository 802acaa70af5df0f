"""Fixed test vectors of the published encrypted record (issue 13), checked by
``daihoi verify-election``: tests/rules/vectors/ (made once by make_encrypted_vectors.py, never
remade by the tests).

encrypted-record.json is a counted round on edwards25519 (3 names, 2 seats, 5 phone ballots, a
2-of-3 key, members 1 and 3 decrypting) whose totals, tracking codes and final hash are written
here as literals, and whose board chain is recomputed below by a second implementation of the
hash encoding written from docs/ballot-crypto.md ("Hash"), not from the code. Each
tampered-*.json holds one kind of fault; the verifier must refuse it with its own message.
"""

from __future__ import annotations

import gc
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from daihoi import cli
from daihoi.rules import election_record as er

VECTORS = Path(__file__).parent / "vectors"
GOOD = VECTORS / "encrypted-record.json"
TOTALS = [3, 2, 3]
TRACKING = [
    "80bcbe73cbed3df6e708c366287939fa4b002ab383563bd62901f414d0d2bcdf",
    "857fdbf4b599cbdf5a233aa9ea62e73f8da00a889c7748f69857cd678656fd26",
    "b5fb5bbde76e16018ea6a200225c80b80dc2c9ef8a7090078b44fd005ff215e2",
    "8ae6ae4e91c85fd0f6e114ac42ab72e07cddf30eb1f646f97442d592885a877d",
    "24985f7da7b2ea8fc5e0fd4b383a89a14752bda4a029ee46808c72f3a4871290",
]
FINAL = TRACKING[-1]
PUBLIC_KEY = "f653e90bb09bcdc9a463ee0ac099ba45141a2313197f024edbe0645a64aa410d"
ED25519_B = bytes.fromhex("5866666666666666666666666666666666666666666666666666666666666666")


def _encode(item: Any) -> bytes:
    """docs/ballot-crypto.md: typed, length-prefixed items, I / S / B / L, 4-byte lengths."""
    if isinstance(item, int):
        raw = item.to_bytes(max(1, (item.bit_length() + 7) // 8), "big")
        return b"I" + len(raw).to_bytes(4, "big") + raw
    if isinstance(item, str):
        raw = item.encode()
        return b"S" + len(raw).to_bytes(4, "big") + raw
    if isinstance(item, bytes):
        return b"B" + len(item).to_bytes(4, "big") + item
    return b"L" + len(item).to_bytes(4, "big") + b"".join(_encode(x) for x in item)


def _sha256(purpose: str, *items: Any) -> str:
    return hashlib.sha256(_encode(["daihoi/ballot/2", purpose, list(items)])).hexdigest()


def run(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = cli.main(["verify-election", str(path), "--jobs", "1"])
    out, err = capsys.readouterr()
    return status, out, err


def test_the_published_vector_verifies_with_its_known_totals_and_hashes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    record = json.loads(GOOD.read_text(encoding="utf-8"))
    assert record["totals"] == TOTALS and record["final"] == FINAL
    assert record["public_key"] == PUBLIC_KEY
    assert [e["tracking"] for e in record["board"]] == TRACKING
    status, out, _ = run(GOOD, capsys)
    assert status == cli.EXIT_OK
    assert out.count("[đúng]") == 7 and "[SAI]" not in out
    assert er.CHECK_TOTALS.format(threshold=2, totals="3, 2, 3") in out
    assert er.CHECK_CHAIN.format(final=FINAL) in out
    assert out.strip().endswith(er.ALL_OK)


def test_the_record_is_left_out_of_the_collectors_passes_while_it_is_checked_then_given_back(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    frozen_while_checked: list[int] = []
    check = er.verify_record

    def spy(*args: Any, **kwargs: Any) -> Any:
        frozen_while_checked.append(gc.get_freeze_count())
        return check(*args, **kwargs)

    monkeypatch.setattr(er, "verify_record", spy)
    for path, expected in (
        (GOOD, cli.EXIT_OK),
        (VECTORS / "tampered-ballot-proof.json", cli.EXIT_FAILURE),
    ):
        assert run(path, capsys)[0] == expected
        assert gc.get_freeze_count() == 0  # the caller's collector as it was
    assert len(frozen_while_checked) == 2 and all(n > 0 for n in frozen_while_checked)


def test_a_second_implementation_of_the_encoding_recomputes_the_board_chain() -> None:
    record = json.loads(GOOD.read_text(encoding="utf-8"))
    previous = _sha256("board-genesis", "ed25519", ED25519_B, record["context"])
    for entry, expected in zip(record["board"], TRACKING, strict=True):
        cts = [[bytes.fromhex(a), bytes.fromhex(b)] for a, b in entry["ballot"]["ciphertexts"]]
        previous = _sha256("board-entry", previous, cts)
        assert previous == expected
    assert previous == FINAL


def _ballot(position: int) -> str:
    return er.BAD_BALLOT.format(position=position, tracking=TRACKING[position - 1][:16])


BALLOTS = er.CHECK_BALLOTS.format(n=5, low=1, high=2)
CHAIN = er.CHECK_CHAIN.format(final=FINAL)
TOTALS_LINE = er.CHECK_TOTALS.format(threshold=2, totals="3, 2, 3")

# file: the checks that fail, each with its problems, in the verifier's order.
FAULTS: dict[str, list[tuple[str, list[str]]]] = {
    "tampered-member-proof.json": [
        (er.CHECK_MEMBERS.format(n=3), [er.BAD_MEMBER.format(index=2)]),
    ],
    "tampered-public-key.json": [
        (er.CHECK_KEY, []),
        (BALLOTS, [_ballot(p) for p in range(1, 6)]),
    ],
    "tampered-ballot-proof.json": [(BALLOTS, [_ballot(3)])],
    "tampered-names-swapped.json": [
        (BALLOTS, [_ballot(2)]),
        (CHAIN, [er.BAD_LINK.format(position=2)]),
        (er.CHECK_SUMS, []),
    ],
    # the fourth ballot dropped: the fifth, now fourth, was chained to it
    "tampered-ballot-dropped.json": [
        (er.CHECK_CHAIN.format(final=FINAL), [er.BAD_LINK.format(position=4)]),
        (er.CHECK_SUMS, []),
    ],
    "tampered-tracking-code.json": [(CHAIN, [er.BAD_LINK.format(position=1)])],
    "tampered-final-hash.json": [(er.CHECK_CHAIN.format(final=TRACKING[3]), [er.BAD_FINAL])],
    "tampered-partial.json": [
        (er.CHECK_PARTIALS.format(members="1, 3"), [er.BAD_PARTIAL.format(member=3)]),
        (TOTALS_LINE, [er.BAD_THRESHOLD.format(n=1, k=2)]),
    ],
    "tampered-totals.json": [
        (
            er.CHECK_TOTALS.format(threshold=2, totals="2, 3, 3"),
            [er.BAD_TOTALS.format(found=[3, 2, 3], claimed=[2, 3, 3])],
        ),
    ],
    # Whole records whose bad ballot is chained, summed and decrypted like the others: only its
    # proofs betray it (a name counted twice; every name kept for 2 seats).
    "tampered-name-counted-twice.json": [
        (BALLOTS, [er.BAD_BALLOT.format(position=5, tracking="c3b60c253baf97d2")])
    ],
    "tampered-too-many-kept.json": [
        (BALLOTS, [er.BAD_BALLOT.format(position=5, tracking="4bd13b1787d70076")])
    ],
}


def test_every_kind_of_fault_has_a_vector() -> None:
    files = {p.name for p in VECTORS.glob("tampered-*.json")}
    assert files == {*FAULTS, "tampered-format.json"}


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_each_tampered_vector_is_refused_with_its_message(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(VECTORS / name, capsys)
    assert status == cli.EXIT_FAILURE
    expected: list[str] = []
    for label, problems in FAULTS[name]:
        expected.append(cli.LINE_CHECK_BAD.format(label=label))
        expected += [cli.LINE_PROBLEM.format(problem=p) for p in problems]
    failing = [line for line in out.splitlines() if not line.startswith("[đúng]")]
    assert failing == [*expected, er.SOME_FAILED.format(n=len(FAULTS[name]))]


def test_a_record_of_another_format_is_unreadable_exit_two(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run(VECTORS / "tampered-format.json", capsys)
    assert status == cli.EXIT_BAD_INPUT and out == ""
    known = "daihoi.encrypted-record/1, daihoi.encrypted-record/2, daihoi.encrypted-record/3"
    found = er.MSG_FORMAT_UNKNOWN.format(found="daihoi.encrypted-record/9", known=known)
    assert err == f"daihoi: {er.unreadable(found)}\n"


def test_a_hostile_records_values_are_quoted_escaped_and_cut(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record is anyone's file, printed on the reader's terminal: a value the messages quote
    has its control characters escaped and is cut at 80 characters."""
    record = json.loads(GOOD.read_text(encoding="utf-8"))
    path = tmp_path / "ban-ghi.json"
    path.write_text(json.dumps({**record, "format": "\x1b[2J" + "x" * 10_000}), encoding="utf-8")
    _, _, err = run(path, capsys)
    quoted = ("\\u001b[2J" + "x" * 80)[:79] + "…"  # 80 characters, the escape written out
    assert f"trường “format” là “{quoted}”" in err
    assert "\x1b" not in err and len(err) < 400
    path.write_text(json.dumps({**record, "group": "nhóm\nkhác\r"}), encoding="utf-8")
    _, _, err = run(path, capsys)
    assert "nhóm nhóm\\nkhác\\r," in err and err.count("\n") == 1


def test_a_file_that_is_no_record_is_refused_in_vietnamese_saying_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = json.loads(GOOD.read_text(encoding="utf-8"))
    broken = {
        "khong-phai-json.json": b'{"format": "daihoi.encrypted-record/2",\n "group" }',
        "utf16.json": '{"format": "bầu"}'.encode("utf-16"),  # Notepad's "Unicode"
        "thieu-khoa.json": json.dumps({k: v for k, v in record.items() if k != "public_key"}),
        "khoa-sai.json": json.dumps({**record, "public_key": "khoá"}),
    }
    expected = {
        "khong-phai-json.json": "daihoi: dòng 2, cột 10: tệp không phải JSON hợp lệ\n",
        "utf16.json": "daihoi: tệp không phải văn bản UTF-8\n",
        "thieu-khoa.json": f"daihoi: {er.unreadable('thiếu trường “public_key”')}\n",
        "khoa-sai.json": f"daihoi: {er.unreadable('trường “public_key” sai kiểu hoặc giá trị')}\n",
    }
    for name, content in broken.items():
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        status, out, err = run(path, capsys)
        assert (status, out, err) == (cli.EXIT_BAD_INPUT, "", expected[name]), name
    status, _, err = run(tmp_path / "khong-co.json", capsys)
    assert status == cli.EXIT_BAD_INPUT
    assert err == f'daihoi: không đọc được tệp "{tmp_path / "khong-co.json"}": không tìm thấy tệp\n'


# --- Protocol 3 (ristretto255, a long list's count proven by its bits): make_ristretto_vectors.py

RISTRETTO = VECTORS / "ristretto-record.json"
R_TRACKING = [
    "329261d71108b1ea1b0939fc80a155852e43935f056d5375b60754c89da12d7c",
    "2d80d7aa3f7ba9e207fa06d74c3be4393999bf73ac992933223c104dc63ae8fa",
    "7548c4babcbf01de838922d068111bb6bd7c39993ce3ec4de91cc11704b0cbd7",
    "e78382d1830bb2229c91eadc0774525412155cd77ae5f3efafe3207eaf4f96b2",
]
R_TOTALS = [2, 2, 3, 1, 3, 3, 2, 2, 3, 1, 3, 2, 2, 2, 3, 1, 3, 2, 2, 2, 3, 1, 2, 1]
R_PUBLIC_KEY = "18a68c9f8cf2a6409c248ebd7c1a7f5b5f35841b13906e62d87546c952b97a53"
#: RFC 9496's generator of ristretto255.
RISTRETTO_B = bytes.fromhex("e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76")
R_BALLOTS = er.CHECK_BALLOTS.format(n=4, low=1, high=22)


def test_the_protocol_3_vector_verifies_with_its_known_totals_and_hashes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    record = json.loads(RISTRETTO.read_text(encoding="utf-8"))
    assert (record["format"], record["group"], record["protocol"]) == (
        "daihoi.encrypted-record/3",
        "ristretto255",
        "daihoi/ballot/3",
    )
    assert record["totals"] == R_TOTALS and record["public_key"] == R_PUBLIC_KEY
    assert [e["tracking"] for e in record["board"]] == R_TRACKING
    # 24 names, 22 seats: every range proof is the bits' form, two offsets of 5 bits
    for entry in record["board"]:
        assert [len(bits) for bits in entry["ballot"]["range_proof"]["bits"]] == [5, 5]
    status, out, _ = run(RISTRETTO, capsys)
    assert status == cli.EXIT_OK
    assert out.count("[đúng]") == 8 and "[SAI]" not in out
    assert R_BALLOTS in out and er.CHECK_CHAIN.format(final=R_TRACKING[-1]) in out


def test_the_second_encoding_recomputes_the_protocol_3_board_chain() -> None:
    """docs/ballot-crypto.md: the genesis binds the group's name and generator; protocol 3
    keeps the encoding's tag "daihoi/ballot/2"."""
    record = json.loads(RISTRETTO.read_text(encoding="utf-8"))
    previous = _sha256("board-genesis", "ristretto255", RISTRETTO_B, record["context"])
    for entry, expected in zip(record["board"], R_TRACKING, strict=True):
        cts = [[bytes.fromhex(a), bytes.fromhex(b)] for a, b in entry["ballot"]["ciphertexts"]]
        previous = _sha256("board-entry", previous, cts)
        assert previous == expected


@pytest.mark.parametrize(
    ("name", "position", "tracking"),
    [
        ("ristretto-tampered-bit.json", 2, R_TRACKING[1][:16]),
        ("ristretto-tampered-too-many-kept.json", 4, "d2e9b7d24f4f9569"),
    ],
)
def test_a_changed_bit_proof_or_forged_bits_name_their_ballot(
    name: str, position: int, tracking: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(VECTORS / name, capsys)
    assert status == cli.EXIT_FAILURE
    failing = [line for line in out.splitlines() if not line.startswith("[đúng]")]
    assert failing == [
        cli.LINE_CHECK_BAD.format(label=R_BALLOTS),
        cli.LINE_PROBLEM.format(problem=er.BAD_BALLOT.format(position=position, tracking=tracking)),
        er.SOME_FAILED.format(n=1),
    ]
