"""Cryptographic core of the encrypted phone ballot (issue 13): pure, standard library only.

The protocol lives here, written against a small ``Group`` interface; the group arithmetic itself
comes from an audited library outside the pure layer and is injected by the caller:
``daihoi.elections.crypto_group.ED25519`` (libsodium's edwards25519 core operations through
PyNaCl, every received point validated), the same group as the phone's JavaScript
(@noble/curves). ``ModPGroup`` below is a small pure reference group for the property tests and a
second implementation of the interface; it is not used for real rounds.

Scheme (docs/ballot-crypto.md gives it in full, with references):

- Group: a prime-order group, written multiplicatively (``mul``, ``power``); elements are canonical
  bytes. Every element received from outside is validated (``is_element``: canonical encoding, in
  the prime-order subgroup, not the identity) and refused otherwise.
- Exponential ElGamal with the joint public key K: Enc(m; r) = (g^r, g^m K^r); ciphertexts multiply,
  plaintexts add (Helios, Belenios, ElectionGuard).
- Threshold keys among n committee members, k needed (Feldman verifiable secret sharing as in
  ElectionGuard's guardians): each member commits to a degree k-1 polynomial with g^coefficient
  and a Schnorr proof of knowledge of each coefficient; member l's share from member i is P_i(l),
  checked against the commitments; the joint key is the product of the constant commitments.
- Proofs are non-interactive (Fiat-Shamir): the challenge is a domain-separated SHA-512 over a
  canonical encoding (``hash_to_q``), reduced mod q, binding the group, a caller-given context
  (the round's identity), the position, the public key and the statement. A ciphertext's proof
  that it holds 0 or 1 and a ballot's proof that the sum of its ciphertexts lies in [min, max] are
  disjunctive Chaum-Pedersen proofs (Cramer-Damgard-Schoenmakers) in the compact (challenge,
  response) form; partial decryptions carry a Chaum-Pedersen proof.
- Tally: multiply the ciphertexts per name; any k members' partial decryptions are combined with
  Lagrange coefficients at 0; the small total is found in a table g^0..g^limit.
- Ballot board: each entry's hash covers the previous hash and the ballot's ciphertexts; the
  ballot's tracking code is that hash.

Secrets come from ``secrets``. This module holds no key material beyond the values passed in.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final, Protocol

from daihoi.rules.counting import all_crossed_invalid
from daihoi.rules.profiles import Profile

# ---------------------------------------------------------------------------------------------
# Group

ERROR_NOT_IN_GROUP = "Giá trị không thuộc nhóm con bậc q: bị từ chối."
ERROR_EXPONENT = "Số mũ phải nằm trong khoảng [0, q)."
ERROR_BAD_PROOF = "Bằng chứng không hợp lệ."
ERROR_BAD_SHARE = "Phần khoá chia sẻ không khớp với cam kết đã công bố."
ERROR_THRESHOLD = "Cần ít nhất {k} thành viên Ban Kiểm phiếu để giải mã; chỉ có {n}."
ERROR_DUPLICATE_MEMBER = "Một thành viên Ban Kiểm phiếu được tính hai lần."
ERROR_TALLY_TOO_LARGE = "Tổng không tìm được trong giới hạn {limit}: kết quả giải mã sai."
ERROR_EMPTY_SUMS = "Bảng không có phiếu nào mà tổng mã hoá không phải tổng của không phiếu nào."
ERROR_BOUNDS = "Giới hạn số tên giữ lại không hợp lệ: {minimum}..{maximum} với {names} tên."
ERROR_LENGTH = "Số phần tử không khớp."
ERROR_FORMAT = "Phiếu mã hoá không đúng định dạng."


class CryptoError(ValueError):
    """A value or proof refused; the message is one of the ERROR_ constants (Vietnamese)."""


class Group(Protocol):
    """A cyclic group of prime order ``order`` with generator ``generator``, written
    multiplicatively; elements are their canonical encodings (bytes).

    ``is_element`` is the validation of anything received: True only for the canonical encoding of
    an element of the prime-order subgroup other than the identity. ``power`` and ``mul`` may
    assume valid inputs (the identity included) and take any int exponent (reduced mod order).
    """

    @property
    def name(self) -> str: ...

    @property
    def order(self) -> int: ...

    @property
    def generator(self) -> bytes: ...

    @property
    def identity(self) -> bytes: ...

    def is_element(self, x: object) -> bool: ...

    def base_power(self, e: int) -> bytes: ...

    def power(self, x: bytes, e: int) -> bytes: ...

    def checked_power(self, x: bytes, e: int) -> bytes:
        """x^e after refusing (``CryptoError``) an x that ``is_element`` would refuse: where the
        library validates the input of every multiplication (libsodium does), this is one call,
        so a received element is validated once, by the multiplication that uses it first."""
        ...

    def mul(self, x: bytes, y: bytes) -> bytes: ...

    def div(self, x: bytes, y: bytes) -> bytes: ...

    def commitment(
        self,
        x: bytes,
        e: int,
        response: int,
        *,
        base: bytes | None = None,
        shift: int = 0,
        checked: bool = False,
    ) -> bytes:
        """base^response / (x / g^shift)^e (``base`` None: the generator): a proof's commitment
        recomputed from its challenge ``e`` and its response, which is where the verifications
        spend their time. ``checked``: x is validated as ``checked_power`` validates it;
        unchecked, x is taken as valid (a zero ``e`` does not read it). ``base`` is never
        validated (the generator, the round's key, an element validated before).
        ``ComposedOperations`` gives it from the operations above; a library with a double
        multiplication does better."""
        ...

    def product(self, xs: Iterable[bytes]) -> bytes:
        """The product of ``xs`` (the identity for none), each validated as ``mul`` does."""
        ...

    def combination(self) -> Combination:
        """An empty product of powers, to which a batch check adds its terms."""
        ...


class Combination(Protocol):
    """A product of many powers x^e (``Group.combination``), where a batch of proofs is checked
    at once (``BatchCheck``): a library with a multi-exponentiation does far better than one
    power at a time."""

    def extend(self, terms: Sequence[tuple[bytes, int]], *, keep: int = 0) -> None:
        """Take the terms x^e. Every x is validated as an element (the identity is allowed); if
        one is refused, ``CryptoError`` and none of the terms is taken. The first ``keep``
        terms' elements are wanted again soon (a ballot's ciphertexts, summed next): the group
        may keep them decoded."""
        ...

    def value(self) -> bytes:
        """The product of every term taken (the identity for none)."""
        ...


class ComposedOperations:
    """``Group.commitment`` and ``Group.product`` composed of the group's own ``base_power``,
    ``power``, ``checked_power``, ``mul`` and ``div``: the groups that have nothing better."""

    __slots__ = ()

    def commitment(
        self: Any,
        x: bytes,
        e: int,
        response: int,
        *,
        base: bytes | None = None,
        shift: int = 0,
        checked: bool = False,
    ) -> bytes:
        raised = self.base_power(response) if base is None else self.power(base, response)
        if e % self.order == 0 and not checked:
            return bytes(raised)
        if shift % self.order:
            g_shift = self.generator if shift == 1 else self.base_power(shift)
            if checked:  # x validated before it is shifted
                require_member(self, x)
            x, checked = self.div(x, g_shift), False
        power = self.checked_power if checked else self.power
        return bytes(self.div(raised, power(x, e)))

    def product(self: Any, xs: Iterable[bytes]) -> bytes:
        result = self.identity
        for x in xs:
            result = self.mul(result, x)
        return bytes(result)

    def combination(self: Any) -> Combination:
        return _Powers(self)


class _Powers:
    """``Combination`` as a product of the group's own powers, one at a time."""

    __slots__ = ("_group", "_terms")

    def __init__(self, group: Group) -> None:
        self._group = group
        self._terms: list[tuple[bytes, int]] = []

    def extend(self, terms: Sequence[tuple[bytes, int]], *, keep: int = 0) -> None:
        group = self._group
        if not all(x == group.identity or group.is_element(x) for x, _ in terms):
            raise CryptoError(ERROR_NOT_IN_GROUP)
        self._terms += terms

    def value(self) -> bytes:
        group = self._group
        return group.product(
            group.power(x, e) for x, e in self._terms if x != group.identity and e % group.order
        )


@dataclass(frozen=True, slots=True)
class ModPGroup(ComposedOperations):
    """The order-q subgroup of Z_p* for a safe prime p = 2q + 1, g of order q.

    Pure Python integers: a reference implementation of ``Group`` for fast property tests (with a
    small p) and a cross-check of the protocol; real rounds use the injected ed25519 group.
    Elements are big-endian bytes of p's length.
    """

    name: str
    p: int
    q: int
    g: int

    @property
    def order(self) -> int:
        return self.q

    @property
    def _width(self) -> int:
        return (self.p.bit_length() + 7) // 8

    def _bytes(self, x: int) -> bytes:
        return x.to_bytes(self._width, "big")

    @property
    def generator(self) -> bytes:
        return self._bytes(self.g)

    @property
    def identity(self) -> bytes:
        return self._bytes(1)

    def is_element(self, x: object) -> bool:
        if not isinstance(x, bytes) or len(x) != self._width:
            return False
        n = int.from_bytes(x, "big")
        return 1 < n < self.p and pow(n, self.q, self.p) == 1

    def base_power(self, e: int) -> bytes:
        return self._bytes(pow(self.g, e % self.q, self.p))

    def power(self, x: bytes, e: int) -> bytes:
        return self._bytes(pow(int.from_bytes(x, "big"), e % self.q, self.p))

    def checked_power(self, x: bytes, e: int) -> bytes:
        if not self.is_element(x):
            raise CryptoError(ERROR_NOT_IN_GROUP)
        return self.power(x, e)

    def mul(self, x: bytes, y: bytes) -> bytes:
        return self._bytes(int.from_bytes(x, "big") * int.from_bytes(y, "big") % self.p)

    def div(self, x: bytes, y: bytes) -> bytes:
        inverse = pow(int.from_bytes(y, "big"), -1, self.p)
        return self._bytes(int.from_bytes(x, "big") * inverse % self.p)


def is_member(group: Group, x: object) -> bool:
    """True when ``x`` is a valid element (canonical, in the prime-order subgroup, not 1)."""
    return group.is_element(x)


def require_member(group: Group, *xs: bytes) -> None:
    for x in xs:
        if not group.is_element(x):
            raise CryptoError(ERROR_NOT_IN_GROUP)


def _is_exponent(group: Group, e: object) -> bool:
    return isinstance(e, int) and not isinstance(e, bool) and 0 <= e < group.order


def require_exponent(group: Group, *es: int) -> None:
    for e in es:
        if not _is_exponent(group, e):
            raise CryptoError(ERROR_EXPONENT)


def random_exponent(group: Group) -> int:
    """A uniformly random exponent in [1, q) from ``secrets``."""
    return 1 + secrets.randbelow(group.order - 1)


# ---------------------------------------------------------------------------------------------
# Hash: domain-separated SHA-512 / SHA-256 over a canonical encoding

HashItem = int | str | bytes | Sequence["HashItem"]

#: Protocol 2 (rounds keyed on edwards25519): the number kept is proven by one branch per
#: allowed count. Its name is also the tag first in every hash, in protocol 3 too (the group's
#: name, hashed in every challenge and in the board's genesis, separates the two).
PROTOCOL = "daihoi/ballot/2"
#: Protocol 3 (rounds keyed on ristretto255): the same, but a wide range of allowed counts is
#: proven by the count's bits (``range_in_bits``, docs/ballot-crypto.md "Protocol 3").
PROTOCOL_3 = "daihoi/ballot/3"
PROTOCOLS = (PROTOCOL, PROTOCOL_3)


#: The tag and length of a 32-byte item (an element, a hash): most of what is hashed.
_BYTES_32: Final = b"B" + (32).to_bytes(4, "big")
#: The encodings of 0..255 (positions, values, a round's numbers).
_SMALL_INTS: Final = tuple(b"I\x00\x00\x00\x01" + bytes([i]) for i in range(256))


def _encode(item: HashItem, out: list[bytes]) -> None:
    # Each item is a type tag, a 4-byte length and its bytes; sequences nest: unambiguous.
    # The exact types are tried first (a bool is an int but no hash item): the challenges'
    # hashes are a tenth of a ballot's check.
    if type(item) is bytes:
        out += [_BYTES_32 if len(item) == 32 else b"B" + len(item).to_bytes(4, "big"), item]
    elif type(item) is list or type(item) is tuple:
        out.append(b"L" + len(item).to_bytes(4, "big"))
        for sub in item:  # an element and a small int inline, the rest by recursion
            if type(sub) is bytes and len(sub) == 32:
                out += [_BYTES_32, sub]
            elif type(sub) is int and 0 <= sub < 256:
                out.append(_SMALL_INTS[sub])
            else:
                _encode(sub, out)
    elif type(item) is int:
        if item < 0:
            raise TypeError("negative int is not a hash item")
        raw = item.to_bytes((item.bit_length() + 7) // 8 or 1, "big")
        out += [b"I", len(raw).to_bytes(4, "big"), raw]
    elif type(item) is str:
        raw = item.encode("utf-8")
        out += [b"S", len(raw).to_bytes(4, "big"), raw]
    elif isinstance(item, bool):
        raise TypeError("bool is not a hash item")
    elif isinstance(item, int):  # a subclass of these three: encoded as its base type
        _encode(int(item), out)
    elif isinstance(item, str):
        _encode(str(item), out)
    elif isinstance(item, bytes):
        _encode(bytes(item), out)
    else:  # any other sequence
        _encode(list(item), out)


def encode_items(domain: str, *items: HashItem) -> bytes:
    """The canonical encoding hashed: [PROTOCOL, domain, [items...]] (the JavaScript mirrors it)."""
    out: list[bytes] = []
    _encode([PROTOCOL, domain, list(items)], out)
    return b"".join(out)


def hash_bytes(domain: str, *items: HashItem) -> bytes:
    """SHA-256 of the canonical encoding (board hashes, tracking codes)."""
    return hashlib.sha256(encode_items(domain, *items)).digest()


def hash_to_q(group: Group, domain: str, *items: HashItem) -> int:
    """A Fiat-Shamir challenge in [0, q): SHA-512 over the group, then the items, reduced mod q
    (512 bits reduced mod a 252-bit q: the bias is negligible)."""
    digest = hashlib.sha512(encode_items(domain, group.name, group.generator, *items)).digest()
    return int.from_bytes(digest, "big") % group.order


# ---------------------------------------------------------------------------------------------
# Schnorr proof of knowledge of a discrete log (key ceremony)


@dataclass(frozen=True, slots=True)
class SchnorrProof:
    challenge: int
    response: int


def prove_schnorr(group: Group, *, secret: int, public: bytes, context: HashItem) -> SchnorrProof:
    w = random_exponent(group)
    commitment = group.base_power(w)
    c = hash_to_q(group, "schnorr", context, public, commitment)
    return SchnorrProof(challenge=c, response=(w + c * secret) % group.order)


def verify_schnorr(group: Group, *, public: bytes, proof: SchnorrProof, context: HashItem) -> bool:
    if not group.is_element(public):
        return False
    if not (_is_exponent(group, proof.challenge) and _is_exponent(group, proof.response)):
        return False
    # g^v = h * K^c  =>  h = g^v / K^c
    commitment = group.commitment(public, proof.challenge, proof.response)
    return proof.challenge == hash_to_q(group, "schnorr", context, public, commitment)


# ---------------------------------------------------------------------------------------------
# Threshold key generation (Feldman VSS, ElectionGuard guardians)


@dataclass(frozen=True, slots=True)
class MemberCommitment:
    """What member ``index`` (1..n) publishes: g^a_j for each coefficient, each with its proof."""

    index: int
    commitments: tuple[bytes, ...]
    proofs: tuple[SchnorrProof, ...]


@dataclass(frozen=True, slots=True)
class MemberSecret:
    """Member ``index``'s polynomial; never leaves the member's device (shares are sent instead)."""

    index: int
    coefficients: tuple[int, ...]


def member_generate(
    group: Group, *, index: int, threshold: int, context: HashItem
) -> tuple[MemberSecret, MemberCommitment]:
    if index < 1 or threshold < 1:
        raise ValueError("index and threshold start at 1")
    coefficients = tuple(random_exponent(group) for _ in range(threshold))
    commitments = tuple(group.base_power(a) for a in coefficients)
    proofs = tuple(
        prove_schnorr(group, secret=a, public=K, context=[context, "coefficient", index, j])
        for j, (a, K) in enumerate(zip(coefficients, commitments, strict=True))
    )
    return MemberSecret(index=index, coefficients=coefficients), MemberCommitment(
        index=index, commitments=commitments, proofs=proofs
    )


def verify_member_commitment(
    group: Group, *, commitment: MemberCommitment, threshold: int, context: HashItem
) -> bool:
    if len(commitment.commitments) != threshold or len(commitment.proofs) != threshold:
        return False
    return all(
        verify_schnorr(
            group, public=K, proof=proof, context=[context, "coefficient", commitment.index, j]
        )
        for j, (K, proof) in enumerate(zip(commitment.commitments, commitment.proofs, strict=True))
    )


def share_for(group: Group, *, secret: MemberSecret, recipient: int) -> int:
    """P_i(recipient): the share member ``secret.index`` sends (encrypted, out of band)."""
    value = 0
    for a in reversed(secret.coefficients):
        value = (value * recipient + a) % group.order
    return value


def _commitment_at(group: Group, commitment: MemberCommitment, point: int) -> bytes:
    # prod_j K_j^(point^j) = g^P(point)
    result, power = group.identity, 1
    for K in commitment.commitments:
        result = group.mul(result, group.power(K, power))
        power = power * point % group.order
    return result


def verify_share(group: Group, *, share: int, recipient: int, commitment: MemberCommitment) -> bool:
    """The recipient checks a received share against the sender's published commitments."""
    if not _is_exponent(group, share):
        return False
    if not all(group.is_element(K) for K in commitment.commitments):
        return False
    return group.base_power(share) == _commitment_at(group, commitment, recipient)


def joint_public_key(group: Group, *, commitments: Iterable[MemberCommitment]) -> bytes:
    key = group.identity
    for commitment in commitments:
        require_member(group, *commitment.commitments)
        key = group.mul(key, commitment.commitments[0])
    require_member(group, key)
    return key


def combine_shares(group: Group, *, shares: Iterable[int]) -> int:
    """A member's decryption key: the sum of the shares received from every member (its own too)."""
    return sum(shares) % group.order


def verification_key(
    group: Group, *, member: int, commitments: Iterable[MemberCommitment]
) -> bytes:
    """g^s_member, computed by anyone from the published commitments alone."""
    result = group.identity
    for commitment in commitments:
        require_member(group, *commitment.commitments)
        result = group.mul(result, _commitment_at(group, commitment, member))
    return result


# ---------------------------------------------------------------------------------------------
# Exponential ElGamal


@dataclass(frozen=True, slots=True)
class Ciphertext:
    alpha: bytes  # g^r
    beta: bytes  # g^m K^r

    def items(self) -> list[HashItem]:
        return [self.alpha, self.beta]


def encrypt(
    group: Group, *, public_key: bytes, message: int, nonce: int | None = None
) -> tuple[Ciphertext, int]:
    """Enc(message) with a fresh nonce (or the one given); returns the ciphertext and the nonce."""
    r = random_exponent(group) if nonce is None else nonce
    alpha = group.base_power(r)
    beta = group.mul(group.base_power(message), group.power(public_key, r))
    return Ciphertext(alpha=alpha, beta=beta), r


def multiply(group: Group, ciphertexts: Iterable[Ciphertext]) -> Ciphertext:
    cts = list(ciphertexts)
    return Ciphertext(
        alpha=group.product(ct.alpha for ct in cts), beta=group.product(ct.beta for ct in cts)
    )


def require_ciphertext(group: Group, ct: Ciphertext) -> None:
    require_member(group, ct.alpha, ct.beta)


# ---------------------------------------------------------------------------------------------
# Disjunctive Chaum-Pedersen: ct encrypts one of ``values`` (CDS OR-proof, compact form)


@dataclass(frozen=True, slots=True)
class DisjunctiveProof:
    challenges: tuple[int, ...]
    responses: tuple[int, ...]


def _commitments_for(
    group: Group,
    *,
    public_key: bytes,
    ct: Ciphertext,
    value: int,
    challenge: int,
    response: int,
    checked: bool = False,
) -> tuple[bytes, bytes]:
    # a = g^v / alpha^c,  b = K^v / (beta / g^m)^c; ``checked``: alpha and beta are validated
    # by their multiplications (received elements not validated before).
    a = group.commitment(ct.alpha, challenge, response, checked=checked)
    b = group.commitment(
        ct.beta, challenge, response, base=public_key, shift=value, checked=checked
    )
    return a, b


def _one_of_challenge(
    group: Group,
    *,
    public_key: bytes,
    ct: Ciphertext,
    values: Sequence[int],
    commitments: list[HashItem],
    context: HashItem,
) -> int:
    return hash_to_q(group, "one-of", context, public_key, ct.items(), list(values), commitments)


def prove_one_of(
    group: Group,
    *,
    public_key: bytes,
    ct: Ciphertext,
    nonce: int,
    value: int,
    values: Sequence[int],
    context: HashItem,
) -> DisjunctiveProof:
    """Prove that ``ct`` = Enc(value; nonce) with value among ``values``, without saying which.

    For the tests and benches: a voter's phone proves in JavaScript (static/js/ballot-crypto.js,
    noble's constant-time multiplications). This one takes its time from the group's operations,
    the simulated branches' commitments from ``Group.commitment``, which may be variable-time."""
    real = list(values).index(value)
    q = group.order
    challenges = [0] * len(values)
    responses = [0] * len(values)
    commitments: list[HashItem] = []
    w = random_exponent(group)
    for j, v in enumerate(values):
        if j == real:
            commitments += [group.base_power(w), group.power(public_key, w)]
        else:
            challenges[j] = secrets.randbelow(q)
            responses[j] = secrets.randbelow(q)
            commitments += list(
                _commitments_for(
                    group,
                    public_key=public_key,
                    ct=ct,
                    value=v,
                    challenge=challenges[j],
                    response=responses[j],
                )
            )
    c = _one_of_challenge(
        group, public_key=public_key, ct=ct, values=values, commitments=commitments, context=context
    )
    challenges[real] = (c - sum(challenges)) % q
    responses[real] = (w + challenges[real] * nonce) % q
    return DisjunctiveProof(challenges=tuple(challenges), responses=tuple(responses))


def _verify_one_of_checked(
    group: Group,
    *,
    public_key: bytes,
    ct: Ciphertext,
    proof: DisjunctiveProof,
    values: Sequence[int],
    context: HashItem,
    validate: bool = False,
    out: list[bytes] | None = None,
) -> bool:
    """The proof's check, the elements validated by the caller, or here with ``validate`` (then
    ``values`` start at 0 and the first branch's multiplications of alpha and beta validate
    them: each received element is validated once, not once more before its use).

    Every commitment is recomputed (the compact form publishes challenges and responses only):
    per value, g^v / alpha^c and K^v / (beta / g^m)^c (``Group.commitment``); when the proof
    holds they are appended to ``out``, if given.
    """
    if not _well_formed(group, proof, values):
        return False
    if validate and (not values or values[0] != 0):
        raise ValueError("validate needs values starting at 0")
    commitments: list[HashItem] = []
    for j, (v, c, r) in enumerate(zip(values, proof.challenges, proof.responses, strict=True)):
        first = validate and j == 0
        if first and c == 0:  # nothing multiplies alpha and beta here: validate them apart
            require_member(group, ct.alpha, ct.beta)
            first = False
        commitments += _commitments_for(
            group, public_key=public_key, ct=ct, value=v, challenge=c, response=r, checked=first
        )
    expected = _one_of_challenge(
        group, public_key=public_key, ct=ct, values=values, commitments=commitments, context=context
    )
    if sum(proof.challenges) % group.order != expected:
        return False
    if out is not None:
        out += commitments  # type: ignore[arg-type]  # elements only
    return True


def _well_formed(group: Group, proof: DisjunctiveProof, values: Sequence[int]) -> bool:
    """A challenge and a response per value, each an exponent in [0, q)."""
    return len(proof.challenges) == len(values) == len(proof.responses) and all(
        _is_exponent(group, e) for e in (*proof.challenges, *proof.responses)
    )


def verify_one_of(
    group: Group,
    *,
    public_key: bytes,
    ct: Ciphertext,
    proof: DisjunctiveProof,
    values: Sequence[int],
    context: HashItem,
) -> bool:
    if not all(group.is_element(x) for x in (public_key, ct.alpha, ct.beta)):
        return False
    return _verify_one_of_checked(
        group, public_key=public_key, ct=ct, proof=proof, values=values, context=context
    )


# ---------------------------------------------------------------------------------------------
# A ballot: one ciphertext per name (1 = kept, 0 = crossed), each 0-or-1, the sum in [min, max]


@dataclass(frozen=True, slots=True)
class BitRangeProof:
    """Protocol 3's proof that the number kept t lies in [minimum, maximum] by its bits: for
    each offset o of ``bit_offsets`` (one or two), the k bits of t - o (k = ``bit_width``), each
    an encryption of 0 or 1 with its 0-or-1 proof, whose product with weights 2^i is the
    ballot's sum divided by g^o (so t - o = sum of 2^i bit_i is in [0, 2^k)). The bits'
    nonces are chosen so that this product is the sum itself, element for element.
    """

    bits: tuple[tuple[Ciphertext, ...], ...]
    proofs: tuple[tuple[DisjunctiveProof, ...], ...]


@dataclass(frozen=True, slots=True)
class EncryptedBallot:
    ciphertexts: tuple[Ciphertext, ...]
    proofs: tuple[DisjunctiveProof, ...]
    range_proof: DisjunctiveProof | BitRangeProof

    def items(self) -> list[HashItem]:
        return [ct.items() for ct in self.ciphertexts]


def _check_bounds(*, names: int, minimum: int, maximum: int) -> None:
    if not 0 <= minimum <= maximum <= names:
        raise ValueError(ERROR_BOUNDS.format(minimum=minimum, maximum=maximum, names=names))


def ballot_bounds(*, profile: Profile, names: int, seats: int) -> tuple[int, int]:
    """The [minimum, maximum] of names kept that the range proof shows (the profile's bounds).

    rules.md §2.4 [verified: S4, S52]: more names kept than seats is invalid (item 2), so the
    maximum is the seats (at most the names); every name crossed on a list of more than one name
    is invalid (item 4; the Party's exception without surplus, §3.6), so the minimum is then 1.
    """
    minimum = 1 if all_crossed_invalid(profile=profile, names=names, seats=seats) else 0
    return minimum, min(seats, names)


def encrypt_bit(
    group: Group, *, public_key: bytes, bit: int, nonce: int | None, context: HashItem
) -> tuple[Ciphertext, DisjunctiveProof, int]:
    """Enc(bit) (with ``nonce``, or a fresh one) and its proof that it holds 0 or 1: a name
    kept or crossed, or a bit of protocol 3's count. Returns the ciphertext, the proof and the
    nonce."""
    ct, r = encrypt(group, public_key=public_key, message=bit, nonce=nonce)
    proof = prove_one_of(
        group, public_key=public_key, ct=ct, nonce=r, value=bit, values=(0, 1), context=context
    )
    return ct, proof, r


def bit_width(*, minimum: int, maximum: int) -> int:
    """k: the bits of the widest count above an offset, maximum - minimum (at least 1)."""
    return max(1, (maximum - minimum).bit_length())


def bit_offsets(*, minimum: int, maximum: int) -> tuple[int, ...]:
    """The offsets o whose t - o in [0, 2^k) together say minimum <= t <= maximum: minimum
    (t >= minimum) and maximum - (2^k - 1) (t <= maximum), one when both are the same."""
    k = bit_width(minimum=minimum, maximum=maximum)
    upper = maximum - (2**k - 1)
    return (minimum,) if upper == minimum else (minimum, upper)


def range_in_bits(*, protocol: str, minimum: int, maximum: int) -> bool:
    """True when the ballot's range proof takes the bits' form: in protocol 3, when its bits'
    0-or-1 proofs cost fewer multiplications to check (6 a bit) than one branch per allowed count
    (3 a count). 185 names, 161 seats: 16 bits (96) instead of 161 counts (483); 9 names,
    7 seats: 7 counts (21), not 6 bits (36)."""
    if protocol != PROTOCOL_3:
        return False
    bits = bit_width(minimum=minimum, maximum=maximum) * len(
        bit_offsets(minimum=minimum, maximum=maximum)
    )
    return 6 * bits < 3 * (maximum - minimum + 1)


def bit_context(context: HashItem, offset: int, bit: int) -> list[HashItem]:
    """The context of the 0-or-1 proof of bit ``bit`` of the count above offset number
    ``offset`` (its index in ``bit_offsets``, not its value, which may be negative)."""
    return [context, "bit", offset, bit]


def _weighted_bits(group: Group, bits: Sequence[Ciphertext]) -> Ciphertext:
    """prod_i bits[i]^(2^i), by doubling (Horner, from the highest bit): additions only."""
    alpha, beta = group.identity, group.identity
    for ct in reversed(bits):
        alpha = group.product((alpha, alpha, ct.alpha))
        beta = group.product((beta, beta, ct.beta))
    return Ciphertext(alpha=alpha, beta=beta)


def _offset_sum(group: Group, total: Ciphertext, offset: int) -> Ciphertext:
    """The ballot's sum divided by g^offset (an encryption of t - offset, same nonce)."""
    if offset == 0:
        return total
    return Ciphertext(alpha=total.alpha, beta=group.div(total.beta, group.base_power(offset)))


def prove_bits(
    group: Group,
    *,
    public_key: bytes,
    total: Ciphertext,
    count: int,
    nonce: int,
    minimum: int,
    maximum: int,
    context: HashItem,
) -> BitRangeProof:
    """The bits' range proof of ``total`` = Enc(count; nonce), minimum <= count <= maximum."""
    q = group.order
    k = bit_width(minimum=minimum, maximum=maximum)
    all_bits: list[tuple[Ciphertext, ...]] = []
    all_proofs: list[tuple[DisjunctiveProof, ...]] = []
    for j, offset in enumerate(bit_offsets(minimum=minimum, maximum=maximum)):
        value = count - offset
        if not 0 <= value < 2**k:
            raise ValueError(ERROR_BOUNDS.format(minimum=minimum, maximum=maximum, names=count))
        nonces = [0] + [random_exponent(group) for _ in range(1, k)]
        # sum of 2^i nonce_i = nonce: the weighted bits are the sum itself, not just Enc(t - o)
        nonces[0] = (nonce - sum(2**i * r for i, r in enumerate(nonces))) % q
        bits: list[Ciphertext] = []
        proofs: list[DisjunctiveProof] = []
        for i, r in enumerate(nonces):
            ct, proof, _ = encrypt_bit(
                group,
                public_key=public_key,
                bit=(value >> i) & 1,
                nonce=r,
                context=bit_context(context, j, i),
            )
            bits.append(ct)
            proofs.append(proof)
        if _weighted_bits(group, bits) != _offset_sum(group, total, offset):
            raise AssertionError("bits do not recompose the sum")  # a bug, never an input
        all_bits.append(tuple(bits))
        all_proofs.append(tuple(proofs))
    return BitRangeProof(bits=tuple(all_bits), proofs=tuple(all_proofs))


def name_context(context: HashItem, position: int) -> list[HashItem]:
    """The context of name ``position``'s 0-or-1 proof (binds the round and the position)."""
    return [context, "name", position]


def sum_context(context: HashItem) -> list[HashItem]:
    """The context of the ballot's range proof over the sum of its ciphertexts."""
    return [context, "sum"]


def encrypt_ballot(
    group: Group,
    *,
    public_key: bytes,
    kept: Sequence[bool],
    minimum: int,
    maximum: int,
    context: HashItem,
    protocol: str = PROTOCOL,
) -> EncryptedBallot:
    """Encrypt one ballot (what the phone does) with its proofs; refuses one out of bounds."""
    _check_bounds(names=len(kept), minimum=minimum, maximum=maximum)
    total = sum(1 for k in kept if k)
    if not minimum <= total <= maximum:
        raise ValueError(ERROR_BOUNDS.format(minimum=minimum, maximum=maximum, names=len(kept)))
    require_member(group, public_key)
    ciphertexts: list[Ciphertext] = []
    proofs: list[DisjunctiveProof] = []
    nonce_sum = 0
    for position, k in enumerate(kept):
        ct, proof, r = encrypt_bit(
            group,
            public_key=public_key,
            bit=1 if k else 0,
            nonce=None,
            context=name_context(context, position),
        )
        nonce_sum += r
        ciphertexts.append(ct)
        proofs.append(proof)
    range_proof: DisjunctiveProof | BitRangeProof
    if range_in_bits(protocol=protocol, minimum=minimum, maximum=maximum):
        range_proof = prove_bits(
            group,
            public_key=public_key,
            total=multiply(group, ciphertexts),
            count=total,
            nonce=nonce_sum % group.order,
            minimum=minimum,
            maximum=maximum,
            context=sum_context(context),
        )
    else:
        range_proof = prove_one_of(
            group,
            public_key=public_key,
            ct=multiply(group, ciphertexts),
            nonce=nonce_sum % group.order,
            value=total,
            values=tuple(range(minimum, maximum + 1)),
            context=sum_context(context),
        )
    return EncryptedBallot(
        ciphertexts=tuple(ciphertexts), proofs=tuple(proofs), range_proof=range_proof
    )


@dataclass(frozen=True, slots=True)
class _Statement:
    """One 0-or-1 or range proof of a ballot with what it proves: ``ct`` holds one of
    ``values``; ``received``: ``ct`` came with the ballot (validated by the proof's check), not
    computed from it (the sum)."""

    ct: Ciphertext
    proof: DisjunctiveProof
    values: tuple[int, ...]
    context: HashItem
    received: bool


def _name_statements(ballot: EncryptedBallot, *, context: HashItem) -> list[_Statement]:
    return [
        _Statement(ct, proof, (0, 1), name_context(context, position), True)
        for position, (ct, proof) in enumerate(zip(ballot.ciphertexts, ballot.proofs, strict=True))
    ]


def _range_statements(
    group: Group,
    *,
    ballot: EncryptedBallot,
    total: Ciphertext,
    minimum: int,
    maximum: int,
    context: HashItem,
    protocol: str,
) -> list[_Statement] | None:
    """The range proof's statements: its bits' 0-or-1 proofs (the bits' weighted product must
    be the sum divided by g^offset, checked here) or one proof over the counts; None when the
    range proof does not take the form ``range_in_bits`` gives the protocol and the bounds (a
    ballot does not choose it), has the wrong number of bits, or its bits do not recompose the
    sum."""
    proof = ballot.range_proof
    if not range_in_bits(protocol=protocol, minimum=minimum, maximum=maximum):
        if not isinstance(proof, DisjunctiveProof):
            return None
        return [
            _Statement(
                total, proof, tuple(range(minimum, maximum + 1)), sum_context(context), False
            )
        ]
    if not isinstance(proof, BitRangeProof):
        return None
    k = bit_width(minimum=minimum, maximum=maximum)
    offsets = bit_offsets(minimum=minimum, maximum=maximum)
    if len(proof.bits) != len(offsets) or len(proof.proofs) != len(offsets):
        return None
    statements = []
    for j, (offset, bits, proofs) in enumerate(zip(offsets, proof.bits, proof.proofs, strict=True)):
        if len(bits) != k or len(proofs) != k:
            return None
        if _weighted_bits(group, bits) != _offset_sum(group, total, offset):
            return None
        statements += [
            _Statement(ct, bit_proof, (0, 1), bit_context(sum_context(context), j, i), True)
            for i, (ct, bit_proof) in enumerate(zip(bits, proofs, strict=True))
        ]
    return statements


def verify_ballot(
    group: Group,
    *,
    public_key: bytes,
    ballot: EncryptedBallot,
    names: int,
    minimum: int,
    maximum: int,
    context: HashItem,
    protocol: str = PROTOCOL,
    commitments: list[bytes] | None = None,
) -> bool:
    """What the server and the verifier check: shape, every element in the group, every proof.

    The range proof must take the form ``range_in_bits`` gives the protocol and the bounds (a
    ballot does not choose it). ``commitments``, if given, receives every proof's commitments
    as the check recomputes them, in its order, when the ballot holds: what ``BatchCheck``
    checks the ballot with later (the server keeps them beside the ballot, the record publishes
    them)."""
    _check_bounds(names=names, minimum=minimum, maximum=maximum)
    if not _has_names(ballot, names) or not group.is_element(public_key):
        return False
    out: list[bytes] | None = None if commitments is None else []
    try:
        # Each ciphertext's alpha and beta are validated by the first multiplications of its
        # 0-or-1 proof (a point outside the group raises CryptoError: refused), before the sum.
        for statement in _name_statements(ballot, context=context):
            if not _verify_statement(group, public_key, statement, out):
                return False
        ranges = _range_statements(
            group,
            ballot=ballot,
            total=multiply(group, ballot.ciphertexts),
            minimum=minimum,
            maximum=maximum,
            context=context,
            protocol=protocol,
        )
        if ranges is None or not all(
            _verify_statement(group, public_key, statement, out) for statement in ranges
        ):
            return False
    except CryptoError:
        return False
    if commitments is not None and out is not None:
        commitments += out
    return True


def _has_names(ballot: EncryptedBallot, names: int) -> bool:
    """One ciphertext and one 0-or-1 proof per name."""
    return len(ballot.ciphertexts) == names == len(ballot.proofs)


def checked_commitments(
    group: Group,
    *,
    public_key: bytes,
    ballot: EncryptedBallot,
    names: int,
    minimum: int,
    maximum: int,
    context: HashItem,
    protocol: str = PROTOCOL,
    sent: bytes | None = None,
) -> bytes | None:
    """``verify_ballot``, giving the ballot's proofs' commitments as its check recomputed them
    (32 bytes each on ristretto255, in the check's order) when it holds, None when it does not:
    what the server keeps beside a ballot it accepts, for the verifier's ``BatchCheck``.

    ``sent``: the commitments the phone sent beside the ballot (its prover computed them). When
    they answer the ballot's proofs, the ballot is checked as a batch of one (``BatchCheck``)
    and they are returned: the same bytes the check one by one gives (but for a chance of
    2^-128), in a fraction of its time where the group's product of powers is fast. Otherwise
    (missing, malformed, another ballot's, false) the ballot is checked one by one. What is
    sent changes the time the check takes, never its verdict nor what it returns."""
    if sent is not None:
        batch = BatchCheck(
            group,
            public_key=public_key,
            names=names,
            minimum=minimum,
            maximum=maximum,
            context=context,
            protocol=protocol,
        )
        if batch.add(ballot, sent) and batch.holds():
            return bytes(sent)
    found: list[bytes] = []
    held = verify_ballot(
        group,
        public_key=public_key,
        ballot=ballot,
        names=names,
        minimum=minimum,
        maximum=maximum,
        context=context,
        protocol=protocol,
        commitments=found,
    )
    return b"".join(found) if held else None


def _verify_statement(
    group: Group, public_key: bytes, statement: _Statement, out: list[bytes] | None
) -> bool:
    return _verify_one_of_checked(
        group,
        public_key=public_key,
        ct=statement.ct,
        proof=statement.proof,
        values=statement.values,
        context=statement.context,
        validate=statement.received,
        out=out,
    )


#: The bits of a batch check's random weights: a batch holding a false proof passes with
#: probability at most 2^-128 (the small-exponent test of Bellare, Garay and Rabin, 1998, in a
#: group of prime order).
BATCH_WEIGHT_BITS: Final = 128


class BatchCheck:
    """The proofs of many ballots checked at once, from the commitments their check computed
    (``verify_ballot(commitments=...)``; the record publishes them beside each ballot), with
    the same verdict as ``verify_ballot`` on each (but for a chance of 2^-128 per batch).

    A proof in the compact form publishes its challenges and responses; its check recomputes
    each commitment (two multiplications per branch) to hash them. Given the commitments, the
    hash is checked directly, and every branch's two equations, a = g^r / alpha^c and
    b = K^r / (beta / g^v)^c, are raised to random weights and multiplied together over the
    whole batch: one product of powers (``Group.combination``), which must be the identity.
    A library's multi-exponentiation computes it far faster than the proofs one by one
    (docs/ballot-crypto.md, "The verifier's batch").

    ``add`` takes a ballot only if its commitments answer its challenges; ``holds`` then says
    whether every ballot taken holds. The caller checks a ballot not taken with
    ``verify_ballot``, and every ballot taken the same way when the batch does not hold, to
    name the false ones: a commitment published wrong costs time, never a verdict."""

    __slots__ = (
        "_combination",
        "_context",
        "_g",
        "_group",
        "_k",
        "_maximum",
        "_minimum",
        "_names",
        "_protocol",
        "_public_key",
        "_usable",
        "taken",
    )

    def __init__(
        self,
        group: Group,
        *,
        public_key: bytes,
        names: int,
        minimum: int,
        maximum: int,
        context: HashItem,
        protocol: str = PROTOCOL,
    ) -> None:
        _check_bounds(names=names, minimum=minimum, maximum=maximum)
        self._group, self._public_key = group, public_key
        self._names, self._minimum, self._maximum = names, minimum, maximum
        self._context, self._protocol = context, protocol
        self._usable = group.is_element(public_key)
        self._combination = group.combination()
        self._g = self._k = 0  # the exponents of g and K over the batch
        self.taken = 0

    def add(self, ballot: EncryptedBallot, commitments: bytes) -> bool:
        """Take ``ballot``'s proofs into the batch, with ``commitments`` as its check computes
        them. False, taking nothing, when the ballot is not of the round's shape, one of its
        ciphertexts is the identity or not an element, or the commitments are not as many as
        its proofs' branches or do not answer their challenges: then check it alone."""
        group = self._group
        if not self._usable or not _has_names(ballot, self._names):
            return False
        try:
            statements = _name_statements(ballot, context=self._context)
            ranges = _range_statements(
                group,
                ballot=ballot,
                total=multiply(group, ballot.ciphertexts),
                minimum=self._minimum,
                maximum=self._maximum,
                context=self._context,
                protocol=self._protocol,
            )
        except CryptoError:
            return False
        if ranges is None:
            return False
        statements += ranges
        size = len(group.identity)
        branches = sum(len(s.values) for s in statements)
        if len(commitments) != size * 2 * branches:
            return False
        q, width = group.order, BATCH_WEIGHT_BITS // 8
        drawn = secrets.token_bytes(2 * branches * width)  # the ballot's weights, at once
        weights = iter(
            [
                int.from_bytes(drawn[i : i + width], "little") + 1
                for i in range(0, len(drawn), width)
            ]
        )
        ciphertexts: list[tuple[bytes, int]] = []
        terms: list[tuple[bytes, int]] = []
        g = k = at = 0
        for statement in statements:
            ct, proof, values = statement.ct, statement.proof, statement.values
            n = len(values)
            if not _well_formed(group, proof, values):
                return False
            if statement.received and group.identity in (ct.alpha, ct.beta):
                return False  # refused by the check alone (libsodium refuses the identity)
            points = [commitments[i : i + size] for i in range(at, at + 2 * n * size, size)]
            at += 2 * n * size
            challenge = _one_of_challenge(
                group,
                public_key=self._public_key,
                ct=ct,
                values=values,
                commitments=points,  # type: ignore[arg-type]  # elements only
                context=statement.context,
            )
            if sum(proof.challenges) % q != challenge:
                return False
            # a * alpha^c * g^-r = 1 and b * beta^c * g^-(v c) * K^-r = 1, each branch's pair
            # raised to random weights
            alpha = beta = 0
            for j, (v, c, r) in enumerate(
                zip(values, proof.challenges, proof.responses, strict=True)
            ):
                rho, sigma = next(weights), next(weights)
                terms += [(points[2 * j], rho), (points[2 * j + 1], sigma)]
                alpha += rho * c
                beta += sigma * c
                g -= rho * r + sigma * v * c
                k -= sigma * r
            ciphertexts += [(ct.alpha, alpha % q), (ct.beta, beta % q)]
        try:
            self._combination.extend([*ciphertexts, *terms], keep=len(ciphertexts))
        except CryptoError:
            return False
        self._g += g
        self._k += k
        self.taken += 1
        return True

    def holds(self) -> bool:
        """Whether every ballot taken holds (True for none); call once, after the last ``add``."""
        group = self._group
        if not self.taken:
            return True
        q = group.order
        self._combination.extend([(group.generator, self._g % q), (self._public_key, self._k % q)])
        return self._combination.value() == group.identity


# ---------------------------------------------------------------------------------------------
# Cast or audit (Benaloh): the phone shows the ballot's fingerprint before the voter chooses


def ballot_fingerprint(ballot: EncryptedBallot) -> str:
    """The first 16 bytes of SHA-512 over the ballot's ciphertexts, in hex: what the phone shows
    before the voter chooses to cast or audit the encryption (static/js/ballot-crypto.js)."""
    return _fingerprint(ballot.ciphertexts)


def _fingerprint(ciphertexts: Sequence[Ciphertext]) -> str:
    items = [ct.items() for ct in ciphertexts]
    return hashlib.sha512(encode_items("ballot-fingerprint", items)).digest()[:16].hex()


@dataclass(frozen=True, slots=True)
class Audit:
    """An encryption the voter audited instead of casting it (Benaloh), as published: its
    ciphertexts, the choice the phone showed (kept per name) and the nonces it revealed."""

    ciphertexts: tuple[Ciphertext, ...]
    kept: tuple[bool, ...]
    nonces: tuple[int, ...]

    @property
    def fingerprint(self) -> str:
        """The fingerprint the phone showed before the voter chose to audit."""
        return _fingerprint(self.ciphertexts)


def audit_holds(group: Group, *, public_key: bytes, audit: Audit, names: int) -> bool:
    """A published audit's check: one ciphertext per name, each Enc(kept; nonce) under the
    round's key (so the phone encrypted the choice it showed)."""
    return len(audit.ciphertexts) == names and _encrypts(
        group,
        public_key=public_key,
        ciphertexts=audit.ciphertexts,
        nonces=audit.nonces,
        kept=audit.kept,
    )


def audit_matches(
    group: Group,
    *,
    public_key: bytes,
    ballot: EncryptedBallot,
    nonces: Sequence[int],
    kept: Sequence[bool],
) -> bool:
    """An audited ballot's check: every ciphertext is Enc(kept; nonce) under the round's key, so
    the phone encrypted the choice shown (docs/ballot-crypto.md, "Cast or audit")."""
    return _encrypts(
        group, public_key=public_key, ciphertexts=ballot.ciphertexts, nonces=nonces, kept=kept
    )


def _encrypts(
    group: Group,
    *,
    public_key: bytes,
    ciphertexts: Sequence[Ciphertext],
    nonces: Sequence[int],
    kept: Sequence[bool],
) -> bool:
    if not (len(nonces) == len(kept) == len(ciphertexts)):
        return False
    if not all(_is_exponent(group, r) for r in nonces) or not group.is_element(public_key):
        return False
    return all(
        encrypt(group, public_key=public_key, message=1 if k else 0, nonce=r)[0] == ct
        for ct, r, k in zip(ciphertexts, nonces, kept, strict=True)
    )


# ---------------------------------------------------------------------------------------------
# The ballot as JSON (what the phone sends): points and scalars in lower-case hex

_HEX = re.compile(r"[0-9a-f]+")  # lower-case hex digits only: what the JSON forms write
_MAX_ELEMENT_HEX = 1024  # a group element's encoding: 64 hex digits on ed25519
_MAX_SCALAR_HEX = 64  # an exponent: at most 64 hex digits (checked < q later), as the second
# verifier reads it (tests/rules/second_verifier): a longer one is no scalar, leading zeros or not
_MAX_ITEMS = 10_000  # names on a ballot, values in a range proof


def _proof_to_json(proof: DisjunctiveProof) -> dict[str, list[str]]:
    return {
        "challenges": [format(c, "x") for c in proof.challenges],
        "responses": [format(r, "x") for r in proof.responses],
    }


def _range_proof_to_json(proof: DisjunctiveProof | BitRangeProof) -> dict[str, list[Any]]:
    if isinstance(proof, DisjunctiveProof):
        return _proof_to_json(proof)
    return {
        "bits": [[[ct.alpha.hex(), ct.beta.hex()] for ct in bits] for bits in proof.bits],
        "proofs": [[_proof_to_json(p) for p in proofs] for proofs in proof.proofs],
    }


def ballot_to_json(ballot: EncryptedBallot) -> dict[str, object]:
    """The JSON form static/js/ballot-crypto.js produces (``ballot_from_json`` reads it): the
    range proof is ``{challenges, responses}``, or in the bits' form ``{bits, proofs}``, one list
    per offset."""
    return {
        "ciphertexts": [[ct.alpha.hex(), ct.beta.hex()] for ct in ballot.ciphertexts],
        "proofs": [_proof_to_json(p) for p in ballot.proofs],
        "range_proof": _range_proof_to_json(ballot.range_proof),
    }


def _list(value: object) -> list[object]:
    if not isinstance(value, list) or len(value) > _MAX_ITEMS:
        raise CryptoError(ERROR_FORMAT)
    return value


def _hex(value: object, limit: int) -> str:
    if not isinstance(value, str) or not 0 < len(value) <= limit or not _HEX.fullmatch(value):
        raise CryptoError(ERROR_FORMAT)
    return value


def scalar_from_hex(value: object) -> int:
    """A scalar as the JSON forms write it (lower-case hex digits); anything else raises
    ``CryptoError(ERROR_FORMAT)``. Its range is checked where it is used."""
    return int(_hex(value, _MAX_SCALAR_HEX), 16)


def _element_from_json(value: object) -> bytes:
    text = _hex(value, _MAX_ELEMENT_HEX)
    if len(text) % 2:
        raise CryptoError(ERROR_FORMAT)
    return bytes.fromhex(text)


def _proof_from_json(value: object) -> DisjunctiveProof:
    if not isinstance(value, dict) or value.keys() != {"challenges", "responses"}:
        raise CryptoError(ERROR_FORMAT)
    return DisjunctiveProof(
        challenges=tuple([scalar_from_hex(c) for c in _list(value["challenges"])]),
        responses=tuple([scalar_from_hex(r) for r in _list(value["responses"])]),
    )


def _ciphertexts_from_json(value: object) -> tuple[Ciphertext, ...]:
    ciphertexts: list[Ciphertext] = []
    for pair in _list(value):
        if not isinstance(pair, list) or len(pair) != 2:
            raise CryptoError(ERROR_FORMAT)
        ciphertexts.append(Ciphertext(_element_from_json(pair[0]), _element_from_json(pair[1])))
    return tuple(ciphertexts)


def ballot_from_json(data: object) -> EncryptedBallot:
    """Read the phone's JSON ballot; malformed input raises ``CryptoError(ERROR_FORMAT)``.

    Only the shape is checked here; ``verify_ballot`` then checks every element and proof.
    """
    if not isinstance(data, dict) or set(data) != {"ciphertexts", "proofs", "range_proof"}:
        raise CryptoError(ERROR_FORMAT)
    return EncryptedBallot(
        ciphertexts=_ciphertexts_from_json(data["ciphertexts"]),
        proofs=tuple(_proof_from_json(p) for p in _list(data["proofs"])),
        range_proof=_range_proof_from_json(data["range_proof"]),
    )


#: Offsets of a bits' range proof (two at most) and bits per offset (a count of at most
#: _MAX_ITEMS names needs 14).
_MAX_OFFSETS = 2
_MAX_BITS = 64


def _range_proof_from_json(value: object) -> DisjunctiveProof | BitRangeProof:
    if not isinstance(value, dict) or set(value) != {"bits", "proofs"}:
        return _proof_from_json(value)
    bits, proofs = _list(value["bits"]), _list(value["proofs"])
    if len(bits) > _MAX_OFFSETS or len(proofs) > _MAX_OFFSETS:
        raise CryptoError(ERROR_FORMAT)
    if any(len(_list(b)) > _MAX_BITS for b in bits) or any(
        len(_list(p)) > _MAX_BITS for p in proofs
    ):
        raise CryptoError(ERROR_FORMAT)
    return BitRangeProof(
        bits=tuple(_ciphertexts_from_json(b) for b in bits),
        proofs=tuple(tuple(_proof_from_json(p) for p in _list(ps)) for ps in proofs),
    )


def _pairs_to_json(proofs: Iterable[SchnorrProof | ChaumPedersenProof]) -> list[list[str]]:
    return [[format(p.challenge, "x"), format(p.response, "x")] for p in proofs]


def commitment_to_json(commitment: MemberCommitment) -> dict[str, Any]:
    """A member's published commitments with their proofs, as the key's record, the ceremony's
    posts and the published record hold them (hex)."""
    return {
        "index": commitment.index,
        "commitments": [k.hex() for k in commitment.commitments],
        "proofs": _pairs_to_json(commitment.proofs),
    }


def partial_to_json(partial: PartialDecryption) -> dict[str, Any]:
    """A member's partial decryption with its proofs, as the member's device posts it and the
    published record holds it (hex)."""
    return {
        "member": partial.member,
        "shares": [m.hex() for m in partial.shares],
        "proofs": _pairs_to_json(partial.proofs),
    }


def audit_to_json(audit: Audit) -> dict[str, object]:
    """The JSON form of a published audit (``audit_from_json`` reads it; the phone sends it)."""
    return {
        "ciphertexts": [[ct.alpha.hex(), ct.beta.hex()] for ct in audit.ciphertexts],
        "kept": list(audit.kept),
        "nonces": [format(r, "x") for r in audit.nonces],
    }


def audit_from_json(data: object) -> Audit:
    """Read an audit sent or published; malformed input raises ``CryptoError(ERROR_FORMAT)``
    (``audit_holds`` then checks its content)."""
    if not isinstance(data, dict) or set(data) != {"ciphertexts", "kept", "nonces"}:
        raise CryptoError(ERROR_FORMAT)
    kept = _list(data["kept"])
    if not all(isinstance(k, bool) for k in kept):
        raise CryptoError(ERROR_FORMAT)
    return Audit(
        ciphertexts=_ciphertexts_from_json(data["ciphertexts"]),
        kept=tuple(bool(k) for k in kept),
        nonces=tuple(scalar_from_hex(r) for r in _list(data["nonces"])),
    )


# ---------------------------------------------------------------------------------------------
# Tally and threshold decryption


def tally(
    group: Group, *, ballots: Iterable[EncryptedBallot], names: int
) -> tuple[Ciphertext, ...]:
    """Per-name product of the ballots' ciphertexts: an encryption of each name's count."""
    return multiply_per_name(group, (ballot.ciphertexts for ballot in ballots), names=names)


def multiply_per_name(
    group: Group, products: Iterable[Sequence[Ciphertext]], *, names: int
) -> tuple[Ciphertext, ...]:
    """Per-name product of rows of ``names`` ciphertexts (ballots, or partial tallies of chunks
    of the board tallied apart), a name's column at a time."""
    rows = list(products)
    if any(len(row) != names for row in rows):
        raise CryptoError(ERROR_LENGTH)
    return tuple(multiply(group, (row[i] for row in rows)) for i in range(names))


@dataclass(frozen=True, slots=True)
class ChaumPedersenProof:
    challenge: int
    response: int


@dataclass(frozen=True, slots=True)
class PartialDecryption:
    """Member ``member``'s share alpha^s of each sum, each with its proof of correct decryption."""

    member: int
    shares: tuple[bytes, ...]
    proofs: tuple[ChaumPedersenProof, ...]


def partial_decrypt(
    group: Group,
    *,
    member: int,
    key_share: int,
    sums: Sequence[Ciphertext],
    context: HashItem,
) -> PartialDecryption:
    for ct in sums:
        require_ciphertext(group, ct)
    public = group.base_power(key_share)
    shares: list[bytes] = []
    proofs: list[ChaumPedersenProof] = []
    for i, ct in enumerate(sums):
        m = group.power(ct.alpha, key_share)
        w = random_exponent(group)
        a, b = group.base_power(w), group.power(ct.alpha, w)
        c = hash_to_q(group, "partial", context, member, i, public, ct.items(), m, a, b)
        shares.append(m)
        proofs.append(ChaumPedersenProof(challenge=c, response=(w + c * key_share) % group.order))
    return PartialDecryption(member=member, shares=tuple(shares), proofs=tuple(proofs))


def verify_partial(
    group: Group,
    *,
    partial: PartialDecryption,
    verification: bytes,
    sums: Sequence[Ciphertext],
    context: HashItem,
) -> bool:
    """log_g(verification) == log_alpha(share) for every sum (Chaum-Pedersen)."""
    if len(partial.shares) != len(sums) or len(partial.proofs) != len(sums):
        return False
    if not group.is_element(verification):
        return False
    for i, (ct, m, proof) in enumerate(zip(sums, partial.shares, partial.proofs, strict=True)):
        if not all(group.is_element(x) for x in (m, ct.alpha, ct.beta)):
            return False
        if not (_is_exponent(group, proof.challenge) and _is_exponent(group, proof.response)):
            return False
        a = group.commitment(verification, proof.challenge, proof.response)
        b = group.commitment(m, proof.challenge, proof.response, base=ct.alpha)
        if proof.challenge != hash_to_q(
            group, "partial", context, partial.member, i, verification, ct.items(), m, a, b
        ):
            return False
    return True


def lagrange_at_zero(group: Group, *, member: int, members: Sequence[int]) -> int:
    q = group.order
    num, den = 1, 1
    for other in members:
        if other != member:
            num = num * other % q
            den = den * (other - member) % q
    return num * pow(den, -1, q) % q


def small_log_table(group: Group, *, limit: int) -> dict[bytes, int]:
    """{g^m: m} for m in [0, limit] (totals are at most the number of ballots)."""
    table: dict[bytes, int] = {}
    value = group.identity
    for m in range(limit + 1):
        table[value] = m
        value = group.mul(value, group.generator)
    return table


def small_log(group: Group, *, element: bytes, limit: int) -> int:
    """The m in [0, limit] with g^m = element."""
    found = small_log_table(group, limit=limit).get(element)
    if found is None:
        raise CryptoError(ERROR_TALLY_TOO_LARGE.format(limit=limit))
    return found


def combine_decryption(
    group: Group,
    *,
    sums: Sequence[Ciphertext],
    partials: Sequence[PartialDecryption],
    threshold: int,
    limit: int,
) -> tuple[int, ...]:
    """Totals from ``threshold`` partial decryptions (the caller verifies each first)."""
    members = [partial.member for partial in partials]
    if len(set(members)) != len(members):
        raise CryptoError(ERROR_DUPLICATE_MEMBER)
    if len(members) < threshold:
        raise CryptoError(ERROR_THRESHOLD.format(k=threshold, n=len(members)))
    chosen = partials[:threshold]
    chosen_members = [partial.member for partial in chosen]
    weights = [lagrange_at_zero(group, member=m, members=chosen_members) for m in chosen_members]
    table = small_log_table(group, limit=limit)
    totals: list[int] = []
    for i, ct in enumerate(sums):
        mask = group.identity
        for partial, weight in zip(chosen, weights, strict=True):
            if len(partial.shares) != len(sums):
                raise CryptoError(ERROR_LENGTH)
            mask = group.mul(mask, group.power(partial.shares[i], weight))
        found = table.get(group.div(ct.beta, mask))
        if found is None:
            raise CryptoError(ERROR_TALLY_TOO_LARGE.format(limit=limit))
        totals.append(found)
    return tuple(totals)


def totals_of_empty_board(group: Group, *, sums: Sequence[Ciphertext]) -> tuple[int, ...]:
    """The totals of a board with no ballot (a mixed round voted on paper alone): each sum is
    the product of nothing, the identity in both parts, so every total is 0, known from the
    board itself without a decryption. No member can decrypt these sums anyway: the identity is
    no element a partial decryption's proof takes (``verify_partial``). Raises ``CryptoError``
    when a sum is anything else."""
    empty = Ciphertext(alpha=group.identity, beta=group.identity)
    if any(ct != empty for ct in sums):
        raise CryptoError(ERROR_EMPTY_SUMS)
    return tuple(0 for _ in sums)


# ---------------------------------------------------------------------------------------------
# Hash-chained ballot board


def board_genesis(group: Group, *, context: HashItem) -> str:
    """The chain's first 'previous' hash: binds the board to the round and the group."""
    return hash_bytes("board-genesis", group.name, group.generator, context).hex()


def board_entry(*, previous: str, ballot: EncryptedBallot) -> str:
    """The entry's hash (hex), which is the ballot's tracking code: H(previous, ciphertexts)."""
    return hash_bytes("board-entry", previous, ballot.items()).hex()


def verify_board(
    group: Group,
    *,
    context: HashItem,
    ballots: Sequence[EncryptedBallot],
    hashes: Sequence[str],
    after: str | None = None,
) -> bool:
    """Recompute the chain from the genesis, or for a run of the board from ``after``, the hash
    published before its first ballot; True when every published hash matches."""
    return chain_break(group, context=context, ballots=ballots, hashes=hashes, after=after) is None


def chain_break(
    group: Group,
    *,
    context: HashItem,
    ballots: Sequence[EncryptedBallot],
    hashes: Sequence[str],
    after: str | None = None,
) -> int | None:
    """The index of the first entry whose published hash is not the one its ballot and the
    hash before it give (or, the lengths differing, the first entry one of them lacks); None
    when the chain holds. ``after`` as ``verify_board``'s."""
    previous = board_genesis(group, context=context) if after is None else after
    for index, (ballot, published) in enumerate(zip(ballots, hashes, strict=False)):
        previous = board_entry(previous=previous, ballot=ballot)
        if previous != published:
            return index
    return None if len(ballots) == len(hashes) else min(len(ballots), len(hashes))
