"""A second verifier of the published encrypted record (docs/ballot-crypto.md, "The record and
its verifier", checks 1 to 8), on this package's own group arithmetic.

`check_record(data)` returns the problems found, an empty list when the record holds; a record
it cannot read (another format, a missing field, a value of the wrong shape) raises
`UnreadableRecord`. Problems are plain English sentences for the tests, not the command's
messages.

The docs name what each challenge binds but not the purposes, the order and nesting of the
items, the sign of the commitments or the byte order of the reduction: those (in `challenge`
and the `*_holds` methods) were found by experiment on the good vector records, observing
which bytes the production verifier hashes, not by reading its code.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from . import ed25519 as ed
from . import ristretto255 as rs
from .ed25519 import L, Point

#: The hash encoding's tag: every record format so far (protocol 3 keeps it).
HASH_TAG = "daihoi/ballot/2"

#: format -> (group, protocol, has audits)
FORMATS = {
    "daihoi.encrypted-record/1": ("ed25519", "daihoi/ballot/2", False),
    "daihoi.encrypted-record/2": ("ed25519", "daihoi/ballot/2", True),
    "daihoi.encrypted-record/3": ("ristretto255", "daihoi/ballot/3", True),
}

HEX_POINT = re.compile(r"[0-9a-f]{64}")
HEX_SCALAR = re.compile(r"[0-9a-f]{1,64}")
HEX_FINGERPRINT = re.compile(r"[0-9a-f]{32}")


class UnreadableRecord(ValueError):
    """The record is not one this verifier reads (format, fields, shapes)."""


@dataclass(frozen=True)
class Group:
    """The operations the checks use, on one of the two groups."""

    name: str
    element: Callable[[bytes], Point | None]
    encode: Callable[[Point], bytes]
    equal: Callable[[Point, Point], bool]

    @property
    def generator(self) -> bytes:
        return self.encode(ed.BASE)

    def power(self, point: Point, k: int) -> Point:
        return _power(point, k % L)

    def base_power(self, k: int) -> Point:
        return ed.BASE_TABLE.multiply(k % L)

    def mul(self, p1: Point, p2: Point) -> Point:
        return ed.add(p1, p2)

    def div(self, p1: Point, p2: Point) -> Point:
        return ed.sub(p1, p2)

    def product(self, points: Sequence[Point]) -> Point:
        result = ed.IDENTITY
        for point in points:
            result = ed.add(result, point)
        return result


@functools.lru_cache(maxsize=1 << 16)
def _power(point: Point, k: int) -> Point:
    """k * point, remembered: the tests check the same board in several records, and a pure
    Python multiplication costs about a millisecond."""
    return ed.multiply(k, point)


GROUPS = {
    "ed25519": Group("ed25519", ed.is_element, ed.encode, ed.equal),
    "ristretto255": Group("ristretto255", rs.is_element, rs.encode, rs.equal),
}


# --- The hash encoding (docs/ballot-crypto.md, "Hash") ---------------------------------------


def encode_item(item: Any) -> bytes:
    """I (minimal big-endian integer), S (UTF-8), B (bytes), L (list); 4-byte lengths."""
    if isinstance(item, bool):
        raise TypeError("a boolean has no encoding")
    if isinstance(item, int):
        if item < 0:
            raise ValueError("a negative integer has no encoding")
        raw = item.to_bytes(max(1, (item.bit_length() + 7) // 8), "big")
        tag = b"I"
    elif isinstance(item, str):
        raw = item.encode()
        tag = b"S"
    elif isinstance(item, bytes):
        raw = item
        tag = b"B"
    elif isinstance(item, list | tuple):
        return b"L" + len(item).to_bytes(4, "big") + b"".join(encode_item(x) for x in item)
    else:
        raise TypeError(f"no encoding for {type(item).__name__}")
    return tag + len(raw).to_bytes(4, "big") + raw


def challenge(group: Group, purpose: str, *items: Any) -> int:
    """SHA-512 of [tag, purpose, [group name, generator, items...]], big-endian, mod L."""
    data = encode_item([HASH_TAG, purpose, [group.name, group.generator, *items]])
    return int.from_bytes(hashlib.sha512(data).digest(), "big") % L


def board_genesis(group: Group, context: list[Any]) -> str:
    """The chain's first previous hash: it binds the group and the round."""
    data = encode_item([HASH_TAG, "board-genesis", [group.name, group.generator, context]])
    return hashlib.sha256(data).hexdigest()


def board_entry(previous: str, ciphertexts: list[list[bytes]]) -> str:
    """An entry's hash (its tracking code): the previous hash (hex text) and its ciphertexts."""
    data = encode_item([HASH_TAG, "board-entry", [previous, ciphertexts]])
    return hashlib.sha256(data).hexdigest()


def fingerprint(ciphertexts: list[list[bytes]]) -> str:
    """An encryption's fingerprint: the first 16 bytes of SHA-512 over its ciphertexts."""
    data = encode_item([HASH_TAG, "ballot-fingerprint", [ciphertexts]])
    return hashlib.sha512(data).digest()[:16].hex()


# --- Reading --------------------------------------------------------------------------------


def _field(data: dict[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    if not isinstance(data, dict) or key not in data:
        raise UnreadableRecord(f"missing field {key!r}")
    value = data[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise UnreadableRecord(f"field {key!r} is not a {kind}")
    return value


def _point_hex(value: Any) -> bytes:
    if not isinstance(value, str) or not HEX_POINT.fullmatch(value):
        raise UnreadableRecord(f"not a point's hex: {value!r}")
    return bytes.fromhex(value)


def _scalar(value: Any) -> int:
    if not isinstance(value, str) or not HEX_SCALAR.fullmatch(value):
        raise UnreadableRecord(f"not a scalar's hex: {value!r}")
    return int(value, 16)


def _pair(value: Any) -> list[bytes]:
    if not isinstance(value, list) or len(value) != 2:
        raise UnreadableRecord(f"not a ciphertext: {value!r}")
    return [_point_hex(value[0]), _point_hex(value[1])]


def _scalars(value: Any, n: int | None = None) -> list[int]:
    if not isinstance(value, list) or (n is not None and len(value) != n):
        raise UnreadableRecord(f"not a list of {n} scalars: {value!r}")
    return [_scalar(x) for x in value]


@dataclass
class Disjunctive:
    """A compact disjunctive Chaum-Pedersen proof: one challenge and response per value."""

    challenges: list[int]
    responses: list[int]


@dataclass
class Bits:
    """Protocol 3's range proof by bits: per offset, k bit ciphertexts and their 0/1 proofs."""

    bits: list[list[list[bytes]]]
    proofs: list[list[Disjunctive]]


def _range_proof(value: Any) -> Disjunctive | Bits:
    """The branches' form {challenges, responses} or the bits' form {bits, proofs}."""
    if isinstance(value, dict) and set(value) == {"bits", "proofs"}:
        bits, proofs = value["bits"], value["proofs"]
        if not isinstance(bits, list) or not isinstance(proofs, list):
            raise UnreadableRecord("a range proof's bits")
        if not all(isinstance(x, list) for x in [*bits, *proofs]):
            raise UnreadableRecord("a range proof's bits")
        return Bits(
            [[_pair(ct) for ct in offset] for offset in bits],
            [[_disjunctive(p) for p in offset] for offset in proofs],
        )
    if isinstance(value, dict) and set(value) == {"challenges", "responses"}:
        return _disjunctive(value)
    raise UnreadableRecord("a range proof of no known form")


def _disjunctive(value: Any) -> Disjunctive:
    """Its length is not read here: a proof of the wrong number of values is a bad proof."""
    if not isinstance(value, dict):
        raise UnreadableRecord("a proof is not an object")
    return Disjunctive(_scalars(value.get("challenges")), _scalars(value.get("responses")))


# --- Proofs -----------------------------------------------------------------------------------


class Checker:
    """The checks of one record, sharing its group, key and decoded points."""

    def __init__(self, group: Group, context: list[Any]) -> None:
        self.group = group
        self.context = context
        self.cache: dict[bytes, Point | None] = {}
        self.tables: dict[bytes, ed.FixedBase] = {}

    def element(self, data: bytes) -> Point | None:
        """The validated element of an encoding (canonical, prime order, not the identity)."""
        if data not in self.cache:
            self.cache[data] = self.group.element(data)
        return self.cache[data]

    def key_power(self, key: Point, k: int) -> Point:
        """key^k, from a table made at the key's first use (the round's key is used by
        every proof of every ballot)."""
        code = self.group.encode(key)
        if code not in self.tables:
            self.tables[code] = ed.FixedBase(key)
        return self.tables[code].multiply(k % L)

    def schnorr_holds(self, index: int, j: int, commitment: bytes, proof: tuple[int, int]) -> bool:
        """Member index's proof of knowing the log of its j-th commitment A: (c, s) with
        h = g^s / A^c and c = H("schnorr", [context, "coefficient", index, j], A, h)."""
        g = self.group
        point = self.element(commitment)
        c, s = proof
        if point is None or not (0 <= c < L and 0 <= s < L):
            return False
        h = g.div(g.base_power(s), g.power(point, c))
        binding = [self.context, "coefficient", index, j]
        return c == challenge(g, "schnorr", binding, commitment, g.encode(h))

    def one_of_holds(
        self,
        binding: list[Any],
        key: Point,
        ciphertext: tuple[Point, Point],
        allowed: list[int],
        proof: Disjunctive,
    ) -> bool:
        """(alpha, beta) encrypts one of `allowed` under `key`: for each value m, with its
        challenge c and response v, a = g^v / alpha^c and b = K^v / (beta / g^m)^c; the
        challenges sum to H("one-of", binding, K, [alpha, beta], allowed, [a, b, ...])."""
        g = self.group
        alpha, beta = ciphertext
        if len(proof.challenges) != len(allowed) or len(proof.responses) != len(allowed):
            return False
        if any(not 0 <= x < L for x in [*proof.challenges, *proof.responses]):
            return False
        commitments: list[bytes] = []
        for m, c, v in zip(allowed, proof.challenges, proof.responses, strict=True):
            shifted = g.div(beta, g.base_power(m))
            a = g.div(g.base_power(v), g.power(alpha, c))
            b = g.div(self.key_power(key, v), g.power(shifted, c))
            commitments += [g.encode(a), g.encode(b)]
        total = challenge(
            g,
            "one-of",
            binding,
            g.encode(key),
            [g.encode(alpha), g.encode(beta)],
            allowed,
            commitments,
        )
        return sum(proof.challenges) % L == total

    def partial_holds(
        self,
        member: int,
        index: int,
        key: Point,
        ciphertext: tuple[Point, Point],
        share: Point,
        proof: tuple[int, int],
        decryption_context: list[Any],
    ) -> bool:
        """share = alpha^s where key = g^s: (c, r) with a = g^r / key^c, b = alpha^r / share^c,
        c = H("partial", decryption context, member, index, key, [alpha, beta], share, a, b)."""
        g = self.group
        alpha, beta = ciphertext
        c, r = proof
        if not (0 <= c < L and 0 <= r < L):
            return False
        a = g.div(g.base_power(r), g.power(key, c))
        b = g.div(g.power(alpha, r), g.power(share, c))
        expected = challenge(
            g,
            "partial",
            decryption_context,
            member,
            index,
            g.encode(key),
            [g.encode(alpha), g.encode(beta)],
            g.encode(share),
            g.encode(a),
            g.encode(b),
        )
        return c == expected


def lagrange_at_zero(index: int, indexes: Sequence[int]) -> int:
    """The Lagrange coefficient of `index` at 0 over `indexes`, mod L."""
    num = den = 1
    for other in indexes:
        if other != index:
            num = num * other % L
            den = den * (other - index) % L
    return num * pow(den, -1, L) % L


# --- The record -------------------------------------------------------------------------------


@dataclass
class Ballot:
    position: int
    tracking: str
    ciphertexts: list[list[bytes]]
    proofs: list[Disjunctive]
    range_proof: Disjunctive | Bits


def _read_ballot(entry: Any, names: int) -> Ballot:
    position = _field(entry, "position", int)
    tracking = _field(entry, "tracking", str)
    ballot = _field(entry, "ballot", dict)
    cts = _field(ballot, "ciphertexts", list)
    proofs = _field(ballot, "proofs", list)
    if len(cts) != names or len(proofs) != names:
        raise UnreadableRecord(f"ballot {position}: not one ciphertext and proof per name")
    return Ballot(
        position,
        tracking,
        [_pair(ct) for ct in cts],
        [_disjunctive(p) for p in proofs],
        _range_proof(_field(ballot, "range_proof", dict)),
    )


def check_record(data: dict[str, Any]) -> list[str]:
    """Every problem of the record (checks 1 to 8), [] when it holds."""
    fmt = _field(data, "format", str)
    if fmt not in FORMATS:
        raise UnreadableRecord(f"unknown format {fmt!r}")
    group_name, protocol, has_audits = FORMATS[fmt]
    if _field(data, "group", str) != group_name or _field(data, "protocol", str) != protocol:
        raise UnreadableRecord("group or protocol not those of the format")
    group = GROUPS[group_name]
    context = _field(data, "context", list)
    decryption_context = _field(data, "decryption_context", list)
    names = len(_field(data, "candidates", list))
    low, high = _field(data, "minimum", int), _field(data, "maximum", int)
    threshold = _field(data, "threshold", int)
    key_hex = _point_hex(_field(data, "public_key", str))
    members = _field(data, "members", list)
    entries = _field(data, "board", list)
    final = _field(data, "final", str)
    sums_hex = [_pair(s) for s in _field(data, "sums", list)]
    partials = _field(data, "partials", list)
    totals = data.get("totals")
    if "totals" not in data or not (
        totals is None or (isinstance(totals, list) and all(type(t) is int for t in totals))
    ):
        raise UnreadableRecord("totals")
    if not (names >= 1 and 0 <= low <= high <= names and len(sums_hex) == names):
        raise UnreadableRecord("candidates, bounds or sums")
    checker = Checker(group, context)
    board = [_read_ballot(e, names) for e in entries]
    problems: list[str] = []

    # 1. the members' commitments and their Schnorr proofs (indexes 1..n)
    if not 1 <= threshold <= len(members):
        problems.append(f"threshold {threshold} of {len(members)} members")
    for number, member in enumerate(members, start=1):
        index = _field(member, "index", int)
        commitments = [_point_hex(c) for c in _field(member, "commitments", list)]
        proofs = _field(member, "proofs", list)
        if index != number:
            problems.append(f"member {number}: index {index}")
        if len(commitments) != threshold or len(proofs) != threshold:
            problems.append(f"member {index}: not {threshold} commitments and proofs")
            continue
        for j, (commitment, proof) in enumerate(zip(commitments, proofs, strict=True)):
            c, s = _scalars(proof, 2)
            if not checker.schnorr_holds(index, j, commitment, (c, s)):
                problems.append(f"member {index}: commitment {j}'s proof does not hold")

    # 1 (/3). the ceremony's answered complaints: the share the accused published is, as the
    # accused's commitments say, its share for the complaining member (docs: "Complaint round")
    problems += _complaint_problems(checker, members, data.get("complaints", []))

    # 2. the public key is the product of the constant commitments
    key = checker.element(key_hex)
    constants = [_field(m, "commitments", list)[:1] for m in members]
    constant_points = [checker.element(_point_hex(c)) for [c] in filter(None, constants)]
    if key is None:
        problems.append("the public key is not a group element")
    elif (
        len(constant_points) != len(members)
        or any(p is None for p in constant_points)
        or not group.equal(key, group.product([p for p in constant_points if p is not None]))
    ):
        problems.append("the public key is not the product of the constant commitments")

    # 3. every ballot's proofs: each name 0 or 1, the number kept within the bounds
    for ballot in board:
        if key is None or not _ballot_holds(checker, key, ballot, low, high, protocol):
            problems.append(f"ballot {ballot.position} ({ballot.tracking[:16]}): proofs")

    # 4. the board's chain from the genesis, its last hash equal to `final`
    previous = board_genesis(group, context)
    for number, ballot in enumerate(board, start=1):
        previous = board_entry(previous, ballot.ciphertexts)
        if ballot.position != number or ballot.tracking != previous:
            problems.append(f"board entry {number}: position or tracking code")
    if final != previous:
        problems.append("the final hash is not the board's last hash")

    # 5. the sums are the products of the board's ciphertexts per name
    sums: list[tuple[Point, Point] | None] = []
    for i, (alpha_hex, beta_hex) in enumerate(sums_hex):
        alphas = [checker.element(b.ciphertexts[i][0]) for b in board]
        betas = [checker.element(b.ciphertexts[i][1]) for b in board]
        alpha, beta = checker.element(alpha_hex), checker.element(beta_hex)
        sums.append(None if alpha is None or beta is None else (alpha, beta))
        if (
            alpha is None
            or beta is None
            or any(p is None for p in [*alphas, *betas])
            or group.encode(group.product([p for p in alphas if p is not None])) != alpha_hex
            or group.encode(group.product([p for p in betas if p is not None])) != beta_hex
        ):
            problems.append(f"the sum of name {i} is not the product of the board")

    # 6. every partial decryption's proof against the member's verification key
    if decryption_context != [*context, "decryption"]:
        problems.append("the decryption context is not the round's context + 'decryption'")
    good: dict[int, list[Point]] = {}
    seen: set[int] = set()
    indexes = {m.get("index") for m in members if isinstance(m, dict)}
    for partial in partials:
        member = _field(partial, "member", int)
        shares_hex = [_point_hex(s) for s in _field(partial, "shares", list)]
        proofs = [_scalars(p, 2) for p in _field(partial, "proofs", list)]
        if member not in indexes or member in seen:
            problems.append(f"partial of member {member}: no such member, or twice")
            continue
        seen.add(member)
        if len(shares_hex) != names or len(proofs) != names:
            problems.append(f"partial of member {member}: not one share and proof per name")
            continue
        vkey = _verification_key(checker, members, member)
        shares = [checker.element(s) for s in shares_hex]
        if vkey is not None and all(
            share is not None
            and ciphertext is not None
            and checker.partial_holds(
                member,
                i,
                vkey,
                ciphertext,
                share,
                (proof[0], proof[1]),
                [*context, "decryption"],
            )
            for i, (share, ciphertext, proof) in enumerate(zip(shares, sums, proofs, strict=True))
        ):
            good[member] = [s for s in shares if s is not None]
        else:
            problems.append(f"partial of member {member}: proof does not hold")

    # 7. the totals combined from `threshold` good partials equal `totals`
    problems += _totals_problems(group, threshold, good, sums, len(board), totals)

    # 8. (/2) every published audit: Enc(kept; nonce) under the key, and its fingerprint
    if has_audits:
        for number, audited in enumerate(_field(data, "audited", list), start=1):
            if not _audit_holds(checker, key, names, number, audited):
                problems.append(f"audit {number}: ciphertexts or fingerprint")
    return problems


def bit_offsets(low: int, high: int) -> tuple[int, list[int]]:
    """Protocol 3: k = max(1, bit length of high - low) and the offsets low and
    high - (2^k - 1), one offset when they are equal."""
    k = max(1, (high - low).bit_length())
    offsets = [low, high - (2**k - 1)]
    return k, offsets[:1] if offsets[0] == offsets[1] else offsets


def range_in_bits(low: int, high: int) -> bool:
    """Protocol 3 uses the bits' form when its check is cheaper: 6 k (offsets) < 3 (w + 1)."""
    k, offsets = bit_offsets(low, high)
    return 6 * k * len(offsets) < 3 * (high - low + 1)


def _ballot_holds(
    checker: Checker, key: Point, ballot: Ballot, low: int, high: int, protocol: str
) -> bool:
    """Each name's 0-or-1 proof, then the range proof on the product of the ciphertexts, in
    the one form the protocol and the bounds allow."""
    g = checker.group
    points: list[tuple[Point, Point]] = []
    for i, ((alpha_hex, beta_hex), proof) in enumerate(
        zip(ballot.ciphertexts, ballot.proofs, strict=True)
    ):
        alpha, beta = checker.element(alpha_hex), checker.element(beta_hex)
        if alpha is None or beta is None:
            return False
        if not checker.one_of_holds(
            [checker.context, "name", i], key, (alpha, beta), [0, 1], proof
        ):
            return False
        points.append((alpha, beta))
    product = (g.product([a for a, _ in points]), g.product([b for _, b in points]))
    bits = protocol == "daihoi/ballot/3" and range_in_bits(low, high)
    range_proof = ballot.range_proof
    if isinstance(range_proof, Bits):
        return bits and _bits_hold(checker, key, product, range_proof, low, high)
    allowed = list(range(low, high + 1))
    binding = [checker.context, "sum"]
    return not bits and checker.one_of_holds(binding, key, product, allowed, range_proof)


def _bits_hold(
    checker: Checker,
    key: Point,
    product: tuple[Point, Point],
    proof: Bits,
    low: int,
    high: int,
) -> bool:
    """Per offset o_j, k bits each with its 0/1 proof (binding [[context, "sum"], "bit", j,
    i]), whose product prod_i C_(j,i)^(2^i) is (A, B / g^o_j)."""
    g = checker.group
    k, offsets = bit_offsets(low, high)
    if len(proof.bits) != len(offsets) or len(proof.proofs) != len(offsets):
        return False
    alpha, beta = product
    for j, (offset, cts, proofs) in enumerate(zip(offsets, proof.bits, proof.proofs, strict=True)):
        if len(cts) != k or len(proofs) != k:
            return False
        points: list[tuple[Point, Point]] = []
        for i, ((a_hex, b_hex), bit_proof) in enumerate(zip(cts, proofs, strict=True)):
            a, b = checker.element(a_hex), checker.element(b_hex)
            if a is None or b is None:
                return False
            binding = [[checker.context, "sum"], "bit", j, i]
            if not checker.one_of_holds(binding, key, (a, b), [0, 1], bit_proof):
                return False
            points.append((a, b))
        acc_a, acc_b = ed.IDENTITY, ed.IDENTITY
        for a, b in reversed(points):
            acc_a = g.mul(g.mul(acc_a, acc_a), a)
            acc_b = g.mul(g.mul(acc_b, acc_b), b)
        shifted = g.div(beta, g.base_power(offset))  # base_power reduces a negative mod L
        if g.encode(acc_a) != g.encode(alpha) or g.encode(acc_b) != g.encode(shifted):
            return False
    return True


def _complaint_problems(checker: Checker, members: list[Any], complaints: Any) -> list[str]:
    if not isinstance(complaints, list):
        raise UnreadableRecord("complaints")
    by_index = {_field(m, "index", int): m for m in members}
    problems = []
    for complaint in complaints:
        by, against = _field(complaint, "by", int), _field(complaint, "against", int)
        share = complaint.get("share") if isinstance(complaint, dict) else None
        if by == against or by not in by_index or against not in by_index:
            problems.append(f"complaint of member {by} against member {against}: not two members")
            continue
        if share is None:  # unanswered: the complainer's own check made its key share
            continue
        value = _scalar(share)
        expected = _verification_key(checker, [by_index[against]], by)
        if (
            value >= L
            or expected is None
            or not checker.group.equal(checker.group.base_power(value), expected)
        ):
            problems.append(f"complaint of member {by} against member {against}: share")
    return problems


def _verification_key(checker: Checker, members: list[Any], index: int) -> Point | None:
    """g^s_l = prod_i prod_j (g^a_ij)^(l^j): from the published commitments alone."""
    g = checker.group
    terms: list[Point] = []
    for member in members:
        for j, commitment in enumerate(member["commitments"]):
            point = checker.element(_point_hex(commitment))
            if point is None:
                return None
            terms.append(g.power(point, pow(index, j, L)))
    return g.product(terms)


def _totals_problems(
    group: Group,
    threshold: int,
    good: dict[int, list[Point]],
    sums: list[tuple[Point, Point] | None],
    ballots: int,
    totals: list[int] | None,
) -> list[str]:
    if totals is None:
        return ["the record has no totals"]
    if len(good) < threshold or threshold < 1:
        return [f"only {len(good)} good partial decryptions, {threshold} needed"]
    chosen = sorted(good)[:threshold]
    found: list[int | None] = []
    for i, ciphertext in enumerate(sums):
        if ciphertext is None:
            found.append(None)
            continue
        combined = group.product(
            [group.power(good[m][i], lagrange_at_zero(m, chosen)) for m in chosen]
        )
        message = group.div(ciphertext[1], combined)
        count, step = None, ed.IDENTITY
        for t in range(ballots + 1):
            if group.equal(step, message):
                count = t
                break
            step = group.mul(step, ed.BASE)
        found.append(count)
    if found != totals:
        return [f"the totals combined are {found}, the record says {totals}"]
    return []


def _audit_holds(
    checker: Checker, key: Point | None, names: int, number: int, audited: Any
) -> bool:
    """A published audit: its position, one ciphertext (g^r, g^m K^r) per name, its
    fingerprint."""
    g = checker.group
    position = _field(audited, "position", int)
    claimed: str = _field(audited, "fingerprint", str)
    audit = _field(audited, "audit", dict)
    cts = [_pair(ct) for ct in _field(audit, "ciphertexts", list)]
    kept = _field(audit, "kept", list)
    nonces = _scalars(_field(audit, "nonces", list))
    if not all(isinstance(k, bool) for k in kept):
        raise UnreadableRecord("an audit's choices are not booleans")
    if key is None or position != number or not HEX_FINGERPRINT.fullmatch(claimed):
        return False
    if not len(cts) == len(kept) == len(nonces) == names:
        return False
    for (alpha_hex, beta_hex), m, r in zip(cts, kept, nonces, strict=True):
        if not 0 <= r < L:
            return False
        if g.encode(g.base_power(r)) != alpha_hex:
            return False
        if g.encode(g.mul(g.base_power(int(m)), g.power(key, r))) != beta_hex:
            return False
    return fingerprint(cts) == claimed
