"""Tamper evidence: one SHA-256 digest over a round's ballots, printed on the minutes.

When a round closes, its ballots (the paper ballots the committee entered and the phone
ballots) are written as canonical lines, sorted, and hashed together with the round's identity
(election title, round number, the candidate ids in ballot order, seats). The digest does not
depend on the order the ballots are stored in. Printed on the minutes in eight groups of eight
hex digits, it lets anyone check later that the stored ballots are the ones counted:
``verify`` recomputes it and names every ballot that differs, by its label (the paper ballot's
sequence number or the phone ballot's receipt code), because the digest keeps each ballot's
line.

The canonical text (format ``daihoi.digest/1``)::

    daihoi.digest/1
    title "Bầu Ban Chấp hành ..."
    round 1
    seats 5
    candidates ["12","7","9"]
    ballots 3
    #1 k:1,3
    #2 i:unofficial
    K7QX-2M9P k:

A ballot's line is its label, a space, then ``k:`` and the ballot numbers of the names kept
(ascending, comma-separated; nothing after ``k:`` when every name is crossed) or ``i:`` and the
reason a void ballot was found void on the paper. Text is NFC; header values are JSON strings.

At the count the digest also binds what the documents are printed from: the
``daihoi.election/1`` file and the ``daihoi.result/1`` kept with the round. Each is hashed as
canonical JSON (``document_hash``) and written in the header, after ``candidates``::

    document election 5d41402a...
    document result 7d793037...

so editing either changes the digest printed on the minutes, and ``verify`` names it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from daihoi.rules.election import INVALID_REASON_LABELS, Ballot
from daihoi.rules.names import nfc

FORMAT = "daihoi.digest/1"
PAPER_PREFIX = "#"

# Messages (Vietnamese; the verify command prints them).
MSG_BAD_LABEL = "Nhãn phiếu {label} không hợp lệ: không được để trống hoặc chứa khoảng trắng."
MSG_REPEATED_LABEL = "Nhãn phiếu {label} xuất hiện hai lần."
MSG_UNKNOWN_ID = "Phiếu {label}: mã ứng cử viên {id} không có trong danh sách bầu cử."
MSG_BAD_RECORD = "Bản ghi mã kiểm chứng không đúng định dạng: {detail}."
DIFF_CHANGED = "{who}: lúc khóa sổ là “{recorded}”, nay là “{stored}”."
DIFF_MISSING = "{who}: có lúc khóa sổ (“{recorded}”) nhưng nay không còn."
DIFF_ADDED = "{who}: nay có (“{stored}”) nhưng lúc khóa sổ không có."
DIFF_IDENTITY = (
    "Thông tin vòng bầu đã thay đổi ({field}): lúc khóa sổ “{recorded}”, nay “{stored}”."
)
DIFF_DOCUMENT = (
    "{what} lưu kèm vòng bầu đã bị sửa sau khi kiểm phiếu: không còn khớp với mã kiểm chứng "
    "(biên bản và tệp xuất được in từ đó)."
)
DOCUMENT_NAMES = {
    "election": "Tệp bầu cử (daihoi.election/1)",
    "result": "Kết quả kiểm phiếu (daihoi.result/1)",
}
DIFF_RECORD_ALTERED = (
    "Danh sách phiếu lưu kèm mã kiểm chứng không còn khớp với mã {digest}: bản ghi đã bị sửa."
)
READ_KEPT = "giữ {names}"
READ_NONE_KEPT = "gạch hết tên"
READ_VOID = "không hợp lệ ({reason})"
WHO_PAPER = "Phiếu giấy số {number}"
WHO_PHONE = "Phiếu điện thoại mã biên nhận {code}"


class DigestError(ValueError):
    """Ballots that cannot be written canonically, or a stored record that is malformed."""


@dataclass(frozen=True)
class RoundIdentity:
    """What the ballots were cast in: the election, the round, the list and the seats."""

    title: str
    round_number: int
    candidate_ids: tuple[str, ...]  # ballot order
    seats: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "title", nfc(self.title))


@dataclass(frozen=True)
class BallotRecord:
    """One ballot of the round with its label: ``#12`` for paper, the receipt code for phone."""

    label: str
    ballot: Ballot


def paper_label(number: int) -> str:
    """Return the label of the paper ballot with this sequence number."""
    return f"{PAPER_PREFIX}{number}"


def describe_label(label: str) -> str:
    """Name a ballot for people: "Phiếu giấy số 12" or "Phiếu điện thoại mã biên nhận ..."."""
    if label.startswith(PAPER_PREFIX) and label[1:].isdigit():
        return WHO_PAPER.format(number=label[1:])
    return WHO_PHONE.format(code=label)


def ballot_line(ballot: Ballot, identity: RoundIdentity, label: str = "?") -> str:
    """Return the canonical text of a ballot: ``k:1,4,7`` (numbers kept) or ``i:reason``."""
    if ballot.invalid is not None:
        return "i:" + ballot.invalid
    assert ballot.kept is not None
    position = {cid: n for n, cid in enumerate(identity.candidate_ids, start=1)}
    unknown = sorted(ballot.kept - position.keys())
    if unknown:
        raise DigestError(MSG_UNKNOWN_ID.format(label=label, id=unknown[0]))
    return "k:" + ",".join(str(n) for n in sorted(position[cid] for cid in ballot.kept))


def document_hash(data: object) -> str:
    """Return the SHA-256 of a JSON document written canonically (sorted keys, no spaces).

    The order a database gives back an object's keys in does not change it.
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(nfc(text).encode("utf-8")).hexdigest()


def _header(
    identity: RoundIdentity, count: int, documents: Mapping[str, str] | None = None
) -> list[str]:
    bound = dict(documents or {})
    return [
        FORMAT,
        "title " + json.dumps(identity.title, ensure_ascii=False),
        f"round {identity.round_number}",
        f"seats {identity.seats}",
        "candidates " + json.dumps(list(identity.candidate_ids), ensure_ascii=False),
        *(f"document {name} {bound[name]}" for name in sorted(bound)),
        f"ballots {count}",
    ]


def _hash(lines: Iterable[str]) -> str:
    text = "\n".join(lines) + "\n"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def leaf_hash(label: str, line: str) -> str:
    """Return the SHA-256 of one ballot's labelled line (published beside a receipt code)."""
    return _hash([f"{label} {line}"])


@dataclass(frozen=True)
class Digest:
    """The digest of a round and the ballot lines it was computed from, by label."""

    hex: str
    identity: RoundIdentity
    lines: Mapping[str, str]  # label -> canonical line
    documents: Mapping[str, str] = MappingProxyType({})  # name -> document_hash

    @property
    def grouped(self) -> str:
        """Return the digest for people: eight groups of eight hex digits."""
        return group_hex(self.hex)

    def leaf_hashes(self) -> Mapping[str, str]:
        """Return each ballot's own hash, by label."""
        return MappingProxyType({label: leaf_hash(label, ln) for label, ln in self.lines.items()})


def group_hex(hex_digest: str, size: int = 8) -> str:
    """Split a hex digest into groups for reading aloud and comparing by eye."""
    return " ".join(hex_digest[i : i + size] for i in range(0, len(hex_digest), size))


def canonical_text(
    identity: RoundIdentity, lines: Mapping[str, str], documents: Mapping[str, str] | None = None
) -> str:
    """Return the canonical text hashed into the digest (see the module docstring)."""
    body = sorted(f"{label} {line}" for label, line in lines.items())
    return "\n".join([*_header(identity, len(lines), documents), *body]) + "\n"


def _lines(identity: RoundIdentity, records: Iterable[BallotRecord]) -> dict[str, str]:
    lines: dict[str, str] = {}
    for record in records:
        label = record.label
        if not label or label != "".join(label.split()):
            raise DigestError(MSG_BAD_LABEL.format(label=json.dumps(label, ensure_ascii=False)))
        if label in lines:
            raise DigestError(MSG_REPEATED_LABEL.format(label=label))
        lines[label] = ballot_line(record.ballot, identity, label)
    return lines


def compute_digest(
    identity: RoundIdentity,
    records: Iterable[BallotRecord],
    documents: Mapping[str, object] | None = None,
) -> Digest:
    """Hash a round's ballots with its identity (and documents); the order of records is free.

    ``documents`` are the JSON documents printed from the round, by name (``election``,
    ``result``): their ``document_hash`` goes into the header.
    """
    lines = _lines(identity, records)
    hashes = {name: document_hash(data) for name, data in (documents or {}).items()}
    text = canonical_text(identity, lines, hashes)
    hex_digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Digest(
        hex_digest,
        identity,
        MappingProxyType(dict(sorted(lines.items()))),
        MappingProxyType(dict(sorted(hashes.items()))),
    )


def digest_to_json(digest: Digest) -> dict[str, Any]:
    """Return the record stored at close: the digest, the identity and every ballot's line."""
    record: dict[str, Any] = {
        "format": FORMAT,
        "digest": digest.hex,
        "title": digest.identity.title,
        "round": digest.identity.round_number,
        "seats": digest.identity.seats,
        "candidates": list(digest.identity.candidate_ids),
        "ballots": dict(digest.lines),
    }
    if digest.documents:
        record["documents"] = dict(digest.documents)
    return record


def digest_from_json(data: object) -> Digest:
    """Read a stored digest record back; a malformed record raises ``DigestError``."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DigestError(MSG_BAD_RECORD.format(detail="format"))
    expected: dict[str, type] = {
        "digest": str,
        "title": str,
        "round": int,
        "seats": int,
        "candidates": list,
        "ballots": dict,
    }
    for key, kind in expected.items():
        if type(data.get(key)) is not kind:
            raise DigestError(MSG_BAD_RECORD.format(detail=key))
    candidates = data["candidates"]
    lines = data["ballots"]
    if not all(isinstance(c, str) for c in candidates):
        raise DigestError(MSG_BAD_RECORD.format(detail="candidates"))
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in lines.items()):
        raise DigestError(MSG_BAD_RECORD.format(detail="ballots"))
    documents = data.get("documents", {})
    if not isinstance(documents, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in documents.items()
    ):
        raise DigestError(MSG_BAD_RECORD.format(detail="documents"))
    identity = RoundIdentity(data["title"], data["round"], tuple(candidates), data["seats"])
    return Digest(
        data["digest"], identity, MappingProxyType(dict(lines)), MappingProxyType(dict(documents))
    )


@dataclass(frozen=True)
class Difference:
    """One thing that is not as it was at the close, in words, with the ballot's label."""

    label: str | None  # None for the round's identity or the record itself
    recorded: str | None
    stored: str | None
    message: str


@dataclass(frozen=True)
class Verification:
    """The stored ballots checked against the digest recorded at the close."""

    recorded: str  # the digest printed on the minutes
    recomputed: str  # the digest of the ballots stored now
    differences: tuple[Difference, ...]

    @property
    def ok(self) -> bool:
        """Tell whether the stored ballots are exactly the ones counted."""
        return self.recorded == self.recomputed and not self.differences


def readable(line: str, names: Sequence[str]) -> str:
    """Write a ballot's canonical line with the names: ``k:1,3`` gives "giữ 1. An, 3. Cúc".

    ``names`` are the candidates in ballot order; a line that cannot be read stays as it is.
    """
    if line.startswith("i:"):
        reason = line[2:]
        return READ_VOID.format(reason=INVALID_REASON_LABELS.get(reason, reason).lower())
    if not line.startswith("k:"):
        return line
    if line == "k:":
        return READ_NONE_KEPT
    try:
        numbers = [int(n) for n in line[2:].split(",")]
        shown = [f"{n}. {names[n - 1]}" for n in numbers]
    except (ValueError, IndexError):
        return line
    return READ_KEPT.format(names=", ".join(shown))


def verify(
    recorded: Digest,
    identity: RoundIdentity,
    records: Iterable[BallotRecord],
    documents: Mapping[str, object] | None = None,
    *,
    names: Sequence[str] | None = None,
) -> Verification:
    """Recompute the digest of the stored ballots and name every difference from the record.

    The record's own lines are checked against its digest first: a record edited to match
    altered ballots is caught because its lines no longer give the printed digest. Each
    document the record binds is hashed again from ``documents`` (missing counts as changed).
    With ``names`` (the candidates in ballot order) a changed ballot is told with the names.
    """

    def shown(line: str | None) -> str | None:
        return readable(line, names) if line is not None and names is not None else line

    now_documents = {name: (documents or {}).get(name) for name in recorded.documents}
    current = compute_digest(identity, records, now_documents)
    differences: list[Difference] = []
    recorded_text = canonical_text(recorded.identity, recorded.lines, recorded.documents)
    if hashlib.sha256(recorded_text.encode("utf-8")).hexdigest() != recorded.hex:
        message = DIFF_RECORD_ALTERED.format(digest=group_hex(recorded.hex))
        differences.append(Difference(None, None, None, message))
    fields = (
        ("title", recorded.identity.title, identity.title),
        ("round", str(recorded.identity.round_number), str(identity.round_number)),
        ("seats", str(recorded.identity.seats), str(identity.seats)),
        (
            "candidates",
            ",".join(recorded.identity.candidate_ids),
            ",".join(identity.candidate_ids),
        ),
    )
    for name, before, now in fields:
        if before != now:
            message = DIFF_IDENTITY.format(field=name, recorded=before, stored=now)
            differences.append(Difference(None, before, now, message))
    for name, before in recorded.documents.items():
        if current.documents.get(name) != before:
            what = DOCUMENT_NAMES.get(name, name)
            differences.append(
                Difference(
                    None, before, current.documents.get(name), DIFF_DOCUMENT.format(what=what)
                )
            )
    for label in sorted({*recorded.lines, *current.lines}, key=_label_order):
        before_line = recorded.lines.get(label)
        now_line = current.lines.get(label)
        if before_line == now_line:
            continue
        who = describe_label(label)
        if before_line is None:
            message = DIFF_ADDED.format(who=who, stored=shown(now_line))
        elif now_line is None:
            message = DIFF_MISSING.format(who=who, recorded=shown(before_line))
        else:
            message = DIFF_CHANGED.format(
                who=who, recorded=shown(before_line), stored=shown(now_line)
            )
        differences.append(Difference(label, before_line, now_line, message))
    return Verification(recorded.hex, current.hex, tuple(differences))


def _label_order(label: str) -> tuple[int, int, str]:
    """Paper ballots by number first, then receipt codes alphabetically."""
    if label.startswith(PAPER_PREFIX) and label[1:].isdigit():
        return (0, int(label[1:]), "")
    return (1, 0, label)
