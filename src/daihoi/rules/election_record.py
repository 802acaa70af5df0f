"""The independent check of an encrypted round from its published record (issue 13).

``daihoi verify-election RECORD`` reads the record file the round's page publishes
(``daihoi.encrypted-record/3``, or /2 and /1 of the rounds keyed before protocol 3,
docs/ballot-crypto.md "The record and its verifier") and checks,
with no database and no server: every committee member's commitments and their proofs, the
joint public key, every ballot's proofs (each name 0 or 1, the number kept within the bounds),
the board's hash chain and its final hash, the per-name sums, every partial decryption's proof
against the member's verification key, the totals combined from the threshold of them, and
(/2) that every published audit's ciphertexts encrypt the choice shown with the nonces shown.
Pure: the group is injected (``daihoi.elections.crypto_group.group_named(record["group"])``
for real records).
"""

from __future__ import annotations

import base64
import json
import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from daihoi.rules import ballot_crypto as bc

#: The format written for a round keyed in protocol 3 (ristretto255, a wide range of counts
#: proven by its bits): /2's fields, its ballots' range proofs in protocol 3's forms.
RECORD_FORMAT = "daihoi.encrypted-record/3"
#: The format written for a round keyed in protocol 2 (edwards25519): /1 plus ``audited``, the
#: encryptions voters audited (Benaloh) and published. /1 records (the first fixed test vectors
#: among them) are still read and checked.
RECORD_FORMAT_2 = "daihoi.encrypted-record/2"
RECORD_FORMAT_1 = "daihoi.encrypted-record/1"
#: The ballot protocol each format's records use.
PROTOCOL_OF_FORMAT = {
    RECORD_FORMAT_1: bc.PROTOCOL,
    RECORD_FORMAT_2: bc.PROTOCOL,
    RECORD_FORMAT: bc.PROTOCOL_3,
}


def record_format(protocol: str) -> str:
    """The format a round keyed in ``protocol`` publishes its record in."""
    return RECORD_FORMAT if protocol == bc.PROTOCOL_3 else RECORD_FORMAT_2


MSG_FORMAT = "Bản ghi không đúng định dạng {format}: {detail}."
MSG_GROUP = "Bản ghi dùng nhóm {group}, giao thức {protocol}: không kiểm được."
CHECK_MEMBERS = "Cam kết khoá của {n} thành viên Ban Kiểm phiếu và bằng chứng kèm theo"
CHECK_KEY = "Khoá công khai chung bằng tích các cam kết"
CHECK_BALLOTS = "Bằng chứng của {n} phiếu mã hoá (mỗi tên 0 hoặc 1, số tên giữ lại {low}..{high})"
CHECK_CHAIN = "Chuỗi băm của bảng phiếu và mã cuối {final}"
CHECK_SUMS = "Tổng mã hoá theo từng người bằng tích các phiếu trên bảng"
CHECK_PARTIALS = "Bằng chứng giải mã của thành viên số {members}"
CHECK_NO_PARTIALS = "Không có phần giải mã nào được công bố"
CHECK_TOTALS = "Kết quả giải mã ({threshold} phần) bằng số phiếu đã công bố: {totals}"
CHECK_TOTALS_EMPTY = (
    "Bảng không có phiếu nào: mọi tổng bằng 0, không cần giải mã, bằng số phiếu đã công bố: "
    "{totals}"
)
CHECK_AUDITS = (
    "{n} bản mã cử tri đã kiểm tra (không tính vào kết quả): mỗi bản mã đúng là lựa chọn và số "
    "ngẫu nhiên đã công bố"
)
BAD_AUDIT = "bản kiểm tra số {position} (dấu vân tay {fingerprint}): bản mã không khớp"
BAD_MEMBER = "thành viên số {index}: bằng chứng không đúng"
BAD_COMPLAINT = (
    "khiếu nại của thành viên số {by} với thành viên số {against}: phần khoá công bố không khớp "
    "cam kết"
)
BAD_BALLOT = "phiếu ở vị trí {position} (mã {tracking}): bằng chứng không đúng"
BAD_PARTIAL = "phần giải mã của thành viên số {member}: bằng chứng không đúng"
BAD_LINK = (
    "mã theo dõi ở vị trí {position} không phải mã tính từ phiếu ở vị trí đó và mã trước nó "
    "(từ đây, một phiếu đã bị sửa, thêm, bớt hoặc đổi chỗ)"
)
BAD_FINAL = "mã cuối công bố không phải mã theo dõi của phiếu cuối cùng trên bảng"
BAD_TOTALS = "giải mã được {found}, bản ghi công bố {claimed}"
BAD_THRESHOLD = "chỉ có {n} phần giải mã đúng, cần {k}"
NOT_DECRYPTED = "bản ghi chưa có kết quả giải mã"
MSG_FIELD_MISSING = "thiếu trường “{field}”"
MSG_FIELD_BAD = "trường “{field}” sai kiểu hoặc giá trị"
MSG_FIELD_REFUSED = "trường “{field}”: {reason}"
MSG_FORMAT_UNKNOWN = "trường “format” là “{found}”, không phải định dạng đọc được ({known})"
MSG_BOARD_POSITIONS = "các vị trí trên bảng phiếu không liên tiếp từ 1"
MSG_BALLOT_UNREADABLE = "phiếu ở vị trí {position}: {reason}"
ALL_OK = "Bản ghi khớp: mọi bằng chứng, chuỗi băm và kết quả đều đúng."
SOME_FAILED = "Bản ghi KHÔNG khớp: {n} mục kiểm tra sai."


@dataclass(frozen=True)
class Check:
    label: str
    ok: bool
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    checks: tuple[Check, ...]
    #: the record's phone totals by name, in ballot order (empty before the count), to set
    #: beside the minutes: the names are printed by no proof, only the totals are checked
    totals: tuple[tuple[str, int], ...] = ()

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(c.ok for c in self.checks)


class RecordError(ValueError):
    """A record file that cannot be read as ``daihoi.encrypted-record/3`` (or /2, /1)."""


#: The most of a value read from the record that a message quotes.
_SHOWN = 80


def _shown(value: object) -> str:
    """A value read from the record as a message quotes it: a record is anyone's file, and the
    command prints on a terminal, so control characters are escaped (as JSON writes them) and
    at most ``_SHOWN`` characters are kept."""
    text = str(value)[: _SHOWN + 1]
    if not text.isprintable():
        text = json.dumps(text, ensure_ascii=False)[1:-1]
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def unreadable(detail: object) -> RecordError:
    """The error of a record that cannot be read, naming what (a detail that is itself a
    sentence keeps one full stop)."""
    return RecordError(MSG_FORMAT.format(format=RECORD_FORMAT, detail=str(detail).rstrip(".")))


def _commitment(data: Any) -> bc.MemberCommitment:
    return bc.MemberCommitment(
        index=int(data["index"]),
        commitments=tuple(bytes.fromhex(k) for k in data["commitments"]),
        proofs=tuple(
            bc.SchnorrProof(challenge=int(c, 16), response=int(r, 16)) for c, r in data["proofs"]
        ),
    )


def _partial(data: Any) -> bc.PartialDecryption:
    return bc.PartialDecryption(
        member=int(data["member"]),
        shares=tuple(bytes.fromhex(m) for m in data["shares"]),
        proofs=tuple(
            bc.ChaumPedersenProof(challenge=int(c, 16), response=int(r, 16))
            for c, r in data["proofs"]
        ),
    )


def _sums(data: Any) -> tuple[bc.Ciphertext, ...]:
    return tuple(bc.Ciphertext(alpha=bytes.fromhex(a), beta=bytes.fromhex(b)) for a, b in data)


@dataclass(frozen=True)
class _Record:
    context: list[Any]
    decryption_context: list[Any]
    names: int
    minimum: int
    maximum: int
    threshold: int
    public_key: bytes
    members: tuple[bc.MemberCommitment, ...]
    #: the board's ballots as the record gives them (JSON), read where they are checked
    ballots: tuple[Any, ...]
    tracking: tuple[str, ...]
    #: each ballot's proofs' commitments (base64, as the record gives them) or None
    commitments: tuple[Any, ...]
    final: str
    sums: tuple[bc.Ciphertext, ...]
    partials: tuple[bc.PartialDecryption, ...]
    totals: tuple[int, ...] | None
    audits: tuple[tuple[str, bc.Audit], ...] | None  # (fingerprint published, audit); None: /1
    protocol: str
    #: the ceremony's complaints (/3): (by, against, the share published, None if unanswered)
    complaints: tuple[tuple[int, int, int | None], ...] = ()
    #: the candidates' names, in ballot order, as the record prints them (bound by no proof)
    candidates: tuple[str, ...] = ()


def group_of_record(data: Any, *, group_named: Callable[[str], bc.Group]) -> bc.Group:
    """The group the record names, from ``group_named`` (the groups the caller has); a record
    with no group, or one ``group_named`` does not know (KeyError), is a ``RecordError``."""
    if not isinstance(_field(data, "group"), str):
        raise unreadable(MSG_FIELD_BAD.format(field="group"))
    try:
        return group_named(data["group"])
    except KeyError:
        raise RecordError(
            MSG_GROUP.format(group=_shown(data["group"]), protocol=_shown(data.get("protocol")))
        ) from None


def _as_read(value: Any) -> Any:
    return value


def _field(data: Any, name: str, read: Callable[[Any], Any] = _as_read) -> Any:
    """The record's field ``name`` as ``read`` makes it; a ``RecordError`` naming the field
    when it is missing or cannot be read (in the group's words when the group refused it)."""
    if not isinstance(data, dict) or name not in data:
        raise unreadable(MSG_FIELD_MISSING.format(field=name))
    try:
        return read(data[name])
    except RecordError:
        raise
    except bc.CryptoError as error:
        reason = str(error).rstrip(".")
        raise unreadable(MSG_FIELD_REFUSED.format(field=name, reason=reason)) from None
    except (AttributeError, IndexError, KeyError, TypeError, ValueError):
        raise unreadable(MSG_FIELD_BAD.format(field=name)) from None


def _board(data: Any) -> tuple[tuple[Any, ...], tuple[str, ...], tuple[Any, ...]]:
    """The board's ballots (JSON, read where they are checked), tracking codes and
    commitments (base64 or None, read where they are used), its positions 1..n in order."""
    if [int(e["position"]) for e in data] != list(range(1, len(data) + 1)):
        raise unreadable(MSG_BOARD_POSITIONS)
    return (
        tuple(e["ballot"] for e in data),
        tuple(str(e["tracking"]) for e in data),
        tuple(e.get("commitments") for e in data),
    )


def read_record(data: Any, *, group: bc.Group) -> _Record:
    """Parse a record (decoded JSON); ``RecordError`` names what is wrong."""
    version = _field(data, "format")
    if not isinstance(version, str) or version not in PROTOCOL_OF_FORMAT:
        known = ", ".join(PROTOCOL_OF_FORMAT)
        raise unreadable(MSG_FORMAT_UNKNOWN.format(found=_shown(version), known=known))
    protocol = PROTOCOL_OF_FORMAT[version]
    if _field(data, "group") != group.name or _field(data, "protocol") != protocol:
        group_shown, protocol_shown = _shown(data["group"]), _shown(data["protocol"])
        raise RecordError(MSG_GROUP.format(group=group_shown, protocol=protocol_shown))
    ballots, tracking, commitments = _field(data, "board", _board)
    totals = data.get("totals")
    return _Record(
        context=_field(data, "context", list),
        decryption_context=_field(data, "decryption_context", list),
        names=_field(data, "candidates", len),
        candidates=_field(data, "candidates", _candidate_names),
        minimum=_field(data, "minimum", int),
        maximum=_field(data, "maximum", int),
        threshold=_field(data, "threshold", int),
        public_key=_field(data, "public_key", bytes.fromhex),
        members=_field(data, "members", lambda ms: tuple(_commitment(m) for m in ms)),
        ballots=ballots,
        tracking=tracking,
        commitments=commitments,
        final=_field(data, "final", str),
        sums=_field(data, "sums", _sums),
        partials=_field(data, "partials", lambda ps: tuple(_partial(p) for p in ps)),
        totals=None if totals is None else _field(data, "totals", _totals),
        audits=None if version == RECORD_FORMAT_1 else _field(data, "audited", _audits),
        protocol=protocol,
        complaints=_field(data, "complaints", _complaints) if "complaints" in data else (),
    )


def _candidate_names(data: Any) -> tuple[str, ...]:
    return tuple(str(c.get("name", "")) if isinstance(c, dict) else "" for c in data)


def _totals(data: Any) -> tuple[int, ...]:
    """The published totals: whole numbers, not text ("5") nor true/false."""
    if not isinstance(data, list) or any(type(t) is not int or t < 0 for t in data):
        raise ValueError("totals")
    return tuple(data)


def _complaints(data: Any) -> tuple[tuple[int, int, int | None], ...]:
    return tuple(
        (
            int(c["by"]),
            int(c["against"]),
            None if c["share"] is None else bc.scalar_from_hex(c["share"]),
        )
        for c in data
    )


def _complaint_problems(group: bc.Group, r: _Record) -> tuple[str, ...]:
    """Each answered complaint's published share must match the accused's commitments at the
    complaining member (an unanswered one is no fault of the key: the complainer's own check
    against the commitments made it)."""
    by_index = {m.index: m for m in r.members}
    bad = []
    for by, against, share in r.complaints:
        accused = by_index.get(against)
        if by == against or by not in by_index or accused is None:
            bad.append(BAD_COMPLAINT.format(by=by, against=against))
        elif share is not None and not bc.verify_share(
            group, share=share, recipient=by, commitment=accused
        ):
            bad.append(BAD_COMPLAINT.format(by=by, against=against))
    return tuple(bad)


def _audits(data: Any) -> tuple[tuple[str, bc.Audit], ...]:
    if [int(a["position"]) for a in data] != list(range(1, len(data) + 1)):
        raise ValueError("audit positions")
    return tuple((str(a["fingerprint"]), bc.audit_from_json(a["audit"])) for a in data)


def _audit_check(group: bc.Group, r: _Record) -> Check:
    audits = r.audits or ()
    bad = tuple(
        BAD_AUDIT.format(position=position, fingerprint=_shown(published))
        for position, (published, audit) in enumerate(audits, 1)
        if published != audit.fingerprint
        or not bc.audit_holds(group, public_key=r.public_key, audit=audit, names=r.names)
    )
    return Check(CHECK_AUDITS.format(n=len(audits)), not bad, bad)


def verify_record(
    data: Any, *, group: bc.Group, jobs: int = 1, start_method: str | None = None
) -> Report:
    """Every check of the record, each with what failed; ``Report.ok`` only if all hold.

    The ballots' proofs and the per-name products, nearly all the work, are split into runs
    of the board checked by ``jobs`` processes when ``jobs`` > 1 (each ballot is still checked
    on its own, so a bad one is named by its position), started by ``start_method``
    (``START_METHOD`` by default)."""
    r = read_record(data, group=group)
    checks: list[Check] = []
    bad = tuple(
        BAD_MEMBER.format(index=m.index)
        for m in r.members
        if not bc.verify_member_commitment(
            group, commitment=m, threshold=r.threshold, context=r.context
        )
    )
    bad += _complaint_problems(group, r)
    shape = [m.index for m in r.members] == list(range(1, len(r.members) + 1))
    checks.append(Check(CHECK_MEMBERS.format(n=len(r.members)), not bad and shape, bad))
    try:
        key_ok = bc.joint_public_key(group, commitments=r.members) == r.public_key
    except bc.CryptoError:
        key_ok = False
    checks.append(Check(CHECK_KEY, key_ok))
    bad_positions, products, broken = _check_ballots(
        group, r, jobs=jobs, start_method=start_method or START_METHOD
    )
    bad = tuple(
        BAD_BALLOT.format(position=position, tracking=_shown(r.tracking[position - 1][:16]))
        for position in bad_positions
    )
    checks.append(
        Check(CHECK_BALLOTS.format(n=len(r.ballots), low=r.minimum, high=r.maximum), not bad, bad)
    )
    last = r.tracking[-1] if r.tracking else bc.board_genesis(group, context=r.context)
    links = () if broken is None else (BAD_LINK.format(position=broken),)
    ends = (BAD_FINAL,) if broken is None and last != r.final else ()
    checks.append(
        Check(CHECK_CHAIN.format(final=_shown(r.final)), not (links or ends), links + ends)
    )
    sums_ok = (
        products is not None and bc.multiply_per_name(group, products, names=r.names) == r.sums
    )
    checks.append(Check(CHECK_SUMS, sums_ok))
    checks.extend(_decryption_checks(group, r))
    if r.audits is not None:
        checks.append(_audit_check(group, r))
    return Report(
        checks=tuple(checks), totals=tuple(zip(r.candidates, r.totals or (), strict=False))
    )


#: Chunks per process: small enough to even out the processes' loads.
_CHUNKS_PER_JOB = 4
#: Fewer ballots than this are checked in this process: starting workers would cost more.
POOL_FROM = 64
#: How the worker processes start: forkserver, so no process that may run threads (a server, a
#: test runner) is forked. ``daihoi verify-election`` runs none and forks
#: (``verify_record(start_method="fork")``): its workers then share the record it read instead
#: of each receiving a copy.
START_METHOD = "forkserver"


@dataclass(frozen=True)
class _Statement:
    """What every ballot of the round is checked against."""

    group: bc.Group
    public_key: bytes
    names: int
    minimum: int
    maximum: int
    context: list[Any]
    protocol: str


#: Ballots tallied together right after their check, while the group may still hold their
#: points decoded (``DecafRistretto255Group`` keeps at least the last ten 185-name ballots'):
#: each batch's per-name product is then one more element to decode, not one per ballot.
_TALLY_BATCH = 8


def _commitments(value: Any) -> bytes | None:
    """A ballot's published commitments (base64), or None when it has none or they cannot be
    read: the ballot is then checked alone, as is a record written before they were published."""
    if not isinstance(value, str):
        return None
    try:
        return base64.b64decode(value, validate=True)
    except ValueError:
        return None


def _check_run(
    statement: _Statement,
    first: int,
    entries: Sequence[Any],
    previous: str,
    tracking: Sequence[str],
    commitments: Sequence[Any] = (),
) -> tuple[list[int], tuple[bc.Ciphertext, ...] | None, int | None]:
    """A run of the board from position ``first``: each ballot read (``RecordError`` if it
    cannot be), its proofs checked, the chain recomputed from the hash published before the
    run (``previous``, the genesis for the first run). Returns the positions whose proofs
    fail, the run's per-name products (None when a ballot has the wrong number of names) and
    the position of the first link that does not give the hash published for it (None: every
    link does).

    The ballots published with their proofs' commitments (``commitments``, base64, by
    position in the run) are checked together (``ballot_crypto.BatchCheck``); the others, and
    all of the run's when the batch does not hold, one by one (``verify_ballot``), which names
    the false ones. The run is tallied a batch of ballots at a time (``_TALLY_BATCH``), right
    after the batch check has read them."""
    ballots = []
    for position, entry in enumerate(entries, first):
        try:
            ballots.append(bc.ballot_from_json(entry))
        except bc.CryptoError as error:
            why = MSG_BALLOT_UNREADABLE.format(position=position, reason=str(error).rstrip("."))
            raise unreadable(why) from None
    group, key = statement.group, statement.public_key
    names, low, high = statement.names, statement.minimum, statement.maximum
    context, protocol = statement.context, statement.protocol

    def alone(ballot: bc.EncryptedBallot) -> bool:
        return bc.verify_ballot(
            group,
            public_key=key,
            ballot=ballot,
            names=names,
            minimum=low,
            maximum=high,
            context=context,
            protocol=protocol,
        )

    batch = bc.BatchCheck(
        group,
        public_key=key,
        names=names,
        minimum=low,
        maximum=high,
        context=context,
        protocol=protocol,
    )
    taken: list[tuple[int, bc.EncryptedBallot]] = []
    bad: list[int] = []
    batches: list[tuple[bc.Ciphertext, ...]] | None = []
    for start in range(0, len(ballots), _TALLY_BATCH):
        some = ballots[start : start + _TALLY_BATCH]
        for position, ballot in enumerate(some, first + start):
            published = (
                _commitments(commitments[position - first])
                if position - first < len(commitments)
                else None
            )
            if published is not None and batch.add(ballot, published):
                taken.append((position, ballot))
            elif not alone(ballot):
                bad.append(position)
        if batches is not None:
            try:
                batches.append(bc.tally(group, ballots=some, names=statement.names))
            except bc.CryptoError:
                batches = None
    if not batch.holds():  # one at least is false: which
        bad = sorted(bad + [position for position, ballot in taken if not alone(ballot)])
    broken = bc.chain_break(
        group,
        context=statement.context,
        ballots=ballots,
        hashes=tracking,
        after=previous,
    )
    products = None
    if batches is not None:
        products = bc.multiply_per_name(group, batches, names=statement.names)
    return bad, products, None if broken is None else first + broken


#: The board's ballots and their commitments as the record gives them, in a worker process
#: (``_adopt_board``).
_BOARD: tuple[Sequence[Any], Sequence[Any]] = ((), ())


def _adopt_board(ballots: Sequence[Any], commitments: Sequence[Any]) -> None:
    """A worker process's start: the board's ballots and their commitments (not copied when
    the worker is forked)."""
    global _BOARD
    _BOARD = (ballots, commitments)


def _check_run_of_board(
    statement: _Statement, start: int, stop: int, previous: str, tracking: Sequence[str]
) -> tuple[list[int], tuple[bc.Ciphertext, ...] | None, int | None]:
    """``_check_run`` in a worker process, on the ballots ``start``..``stop`` of its board."""
    ballots, commitments = _BOARD
    return _check_run(
        statement, start + 1, ballots[start:stop], previous, tracking, commitments[start:stop]
    )


def _check_ballots(
    group: bc.Group, r: _Record, *, jobs: int, start_method: str
) -> tuple[list[int], list[tuple[bc.Ciphertext, ...]] | None, int | None]:
    """Every ballot's proofs, the chain and the per-name products of runs of the board, in
    ``jobs`` processes: (bad positions, the runs' products or None, the position of the
    chain's first broken link or None)."""
    statement = _Statement(
        group, r.public_key, r.names, r.minimum, r.maximum, r.context, r.protocol
    )
    genesis = bc.board_genesis(group, context=r.context)
    if jobs <= 1 or len(r.ballots) < max(2, POOL_FROM):
        bad, products, broken = _check_run(
            statement, 1, r.ballots, genesis, r.tracking, r.commitments
        )
        return bad, None if products is None else [products], broken
    size = max(1, -(-len(r.ballots) // (jobs * _CHUNKS_PER_JOB)))
    starts = range(0, len(r.ballots), size)
    with ProcessPoolExecutor(
        jobs,
        mp_context=multiprocessing.get_context(start_method),
        initializer=_adopt_board,
        initargs=(r.ballots, r.commitments),
    ) as pool:
        results = list(
            pool.map(
                _check_run_of_board,
                [statement] * len(starts),
                starts,
                [s + size for s in starts],
                [r.tracking[s - 1] if s else genesis for s in starts],
                [r.tracking[s : s + size] for s in starts],
            )
        )
    bad = [position for chunk_bad, _, _ in results for position in chunk_bad]
    breaks = [position for _, _, position in results if position is not None]
    broken = min(breaks) if breaks else None
    chunks = [products for _, products, _ in results]
    if any(products is None for products in chunks):
        return bad, None, broken
    return bad, [products for products in chunks if products is not None], broken


def _decryption_checks(group: bc.Group, r: _Record) -> list[Check]:
    good: list[bc.PartialDecryption] = []
    bad: list[str] = []
    for partial in r.partials:
        try:
            verification = bc.verification_key(group, member=partial.member, commitments=r.members)
            ok = any(m.index == partial.member for m in r.members) and bc.verify_partial(
                group,
                partial=partial,
                verification=verification,
                sums=r.sums,
                context=r.decryption_context,
            )
        except bc.CryptoError:
            ok = False
        (good.append(partial) if ok else bad.append(BAD_PARTIAL.format(member=partial.member)))
    members = ", ".join(str(p.member) for p in r.partials)
    partials = CHECK_PARTIALS.format(members=members) if members else CHECK_NO_PARTIALS
    out = [Check(partials, not bad, tuple(bad))]
    totals = ", ".join(map(str, r.totals or ())) or "-"
    label = CHECK_TOTALS.format(threshold=r.threshold, totals=totals)
    if r.totals is None:
        return [*out, Check(label, False, (NOT_DECRYPTED,))]
    if not r.ballots:  # voted on paper alone: the sums are of nothing, every total 0
        label = CHECK_TOTALS_EMPTY.format(totals=totals)
        try:
            zeros = bc.totals_of_empty_board(group, sums=r.sums)
        except bc.CryptoError as error:
            return [*out, Check(label, False, (str(error),))]
        wrong = zeros != r.totals
        claimed = (BAD_TOTALS.format(found=list(zeros), claimed=list(r.totals)),)
        return [*out, Check(label, not wrong, claimed if wrong else ())]
    if len(good) < r.threshold:
        return [*out, Check(label, False, (BAD_THRESHOLD.format(n=len(good), k=r.threshold),))]
    try:
        found = bc.combine_decryption(
            group, sums=r.sums, partials=good, threshold=r.threshold, limit=len(r.ballots)
        )
    except bc.CryptoError as error:
        return [*out, Check(label, False, (str(error),))]
    problems: Sequence[str] = ()
    if found != r.totals:
        problems = (BAD_TOTALS.format(found=list(found), claimed=list(r.totals)),)
    return [*out, Check(label, not problems, tuple(problems))]
