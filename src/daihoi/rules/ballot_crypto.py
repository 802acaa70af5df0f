"""Cryptographic core of the encrypted phone ballot (issue 13): pure, standard library only.

Scheme (docs/ballot-crypto.md gives it in full, with references):

- Group: the RFC 7919 ``ffdhe2048`` safe prime p, q = (p - 1) / 2, g = 2 (p = 7 mod 8, so 2 is a
  quadratic residue and generates the subgroup of order q). Every group element received from
  outside is checked to be in that subgroup (1 <= x < p and x^q = 1) and refused otherwise.
- Exponential ElGamal with the joint public key K: Enc(m; r) = (g^r, g^m K^r); ciphertexts multiply,
  plaintexts add (Helios, Belenios, ElectionGuard).
- Threshold keys among n committee members, k needed (Pedersen/Feldman verifiable secret sharing as
  in ElectionGuard's guardians): each member commits to a degree k-1 polynomial with g^coefficient
  and a Schnorr proof of knowledge of each coefficient; member l's share from member i is P_i(l),
  checked against the commitments; the joint key is the product of the constant commitments.
- Proofs are non-interactive (Fiat-Shamir): the challenge is a domain-separated SHA-256 over a
  canonical encoding (``hash_to_q``), bound to a caller-given context (the round's identity).
  A ciphertext's proof that it holds 0 or 1 and a ballot's proof that the sum of its ciphertexts
  lies in [min, max] are disjunctive Chaum-Pedersen proofs (Cramer-Damgard-Schoenmakers) in the
  compact (challenge, response) form; partial decryptions carry a Chaum-Pedersen proof.
- Tally: multiply the ciphertexts per name; any k members' partial decryptions are combined with
  Lagrange coefficients at 0; the small total is found by a bounded discrete-log search.
- Ballot board: each entry's hash covers the previous hash and the ballot's ciphertexts; the
  ballot's tracking code is that hash.

Secrets come from ``secrets``. This module does arithmetic with Python's integers (``pow``); it
holds no key material beyond the values passed in.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from daihoi.rules.counting import all_crossed_invalid
from daihoi.rules.profiles import Profile

# ---------------------------------------------------------------------------------------------
# Group


@dataclass(frozen=True, slots=True)
class Group:
    """A safe-prime group: p = 2q + 1, g of order q. ``name`` is part of every hash."""

    name: str
    p: int
    q: int
    g: int


_FFDHE2048_P = int(
    "FFFFFFFFFFFFFFFFADF85458A2BB4A9AAFDC5620273D3CF1D8B9C583CE2D3695"
    "A9E13641146433FBCC939DCE249B3EF97D2FE363630C75D8F681B202AEC4617A"
    "D3DF1ED5D5FD65612433F51F5F066ED0856365553DED1AF3B557135E7F57C935"
    "984F0C70E0E68B77E2A689DAF3EFE8721DF158A136ADE73530ACCA4F483A797A"
    "BC0AB182B324FB61D108A94BB2C8E3FBB96ADAB760D7F4681D4F42A3DE394DF4"
    "AE56EDE76372BB190B07A7C8EE0A6D709E02FCE1CDF7E2ECC03404CD28342F61"
    "9172FE9CE98583FF8E4F1232EEF28183C3FE3B1B4C6FAD733BB5FCBC2EC22005"
    "C58EF1837D1683B2C6F34A26C1B2EFFA886B423861285C97FFFFFFFFFFFFFFFF",
    16,
)

#: RFC 7919 appendix A.1, ffdhe2048, with g = 2 generating the order-q subgroup.
FFDHE2048 = Group(name="ffdhe2048", p=_FFDHE2048_P, q=(_FFDHE2048_P - 1) // 2, g=2)

ERROR_NOT_IN_GROUP = "Giá trị không thuộc nhóm con bậc q: bị từ chối."
ERROR_EXPONENT = "Số mũ phải nằm trong khoảng [0, q)."
ERROR_BAD_PROOF = "Bằng chứng không hợp lệ."
ERROR_BAD_SHARE = "Phần khoá chia sẻ không khớp với cam kết đã công bố."
ERROR_THRESHOLD = "Cần ít nhất {k} thành viên Ban Kiểm phiếu để giải mã; chỉ có {n}."
ERROR_DUPLICATE_MEMBER = "Một thành viên Ban Kiểm phiếu được tính hai lần."
ERROR_TALLY_TOO_LARGE = "Tổng không tìm được trong giới hạn {limit}: kết quả giải mã sai."
ERROR_BOUNDS = "Giới hạn số tên giữ lại không hợp lệ: {minimum}..{maximum} với {names} tên."
ERROR_LENGTH = "Số phần tử không khớp."


class CryptoError(ValueError):
    """A value or proof refused; the message is one of the ERROR_ constants (Vietnamese)."""


def is_member(group: Group, x: object) -> bool:
    """True when ``x`` is an element of the order-q subgroup (an int in [1, p) with x^q = 1)."""
    return (
        isinstance(x, int)
        and not isinstance(x, bool)
        and 0 < x < group.p
        and pow(x, group.q, group.p) == 1
    )


def require_member(group: Group, *xs: int) -> None:
    for x in xs:
        if not is_member(group, x):
            raise CryptoError(ERROR_NOT_IN_GROUP)


def require_exponent(group: Group, *es: int) -> None:
    for e in es:
        if not isinstance(e, int) or isinstance(e, bool) or not 0 <= e < group.q:
            raise CryptoError(ERROR_EXPONENT)


def random_exponent(group: Group) -> int:
    """A uniformly random exponent in [1, q) from ``secrets``."""
    return 1 + secrets.randbelow(group.q - 1)


# ---------------------------------------------------------------------------------------------
# Hash: domain-separated SHA-256 over a canonical encoding

HashItem = int | str | bytes | Sequence["HashItem"]


def _encode(item: HashItem, out: list[bytes]) -> None:
    # Each item is a type tag, a 4-byte length and its bytes; sequences nest: unambiguous.
    if isinstance(item, bool):
        raise TypeError("bool is not a hash item")
    if isinstance(item, int):
        if item < 0:
            raise TypeError("negative int is not a hash item")
        raw = item.to_bytes((item.bit_length() + 7) // 8 or 1, "big")
        out += [b"I", len(raw).to_bytes(4, "big"), raw]
    elif isinstance(item, str):
        raw = item.encode("utf-8")
        out += [b"S", len(raw).to_bytes(4, "big"), raw]
    elif isinstance(item, bytes):
        out += [b"B", len(item).to_bytes(4, "big"), item]
    else:
        out += [b"L", len(item).to_bytes(4, "big")]
        for sub in item:
            _encode(sub, out)


def hash_bytes(domain: str, *items: HashItem) -> bytes:
    """SHA-256 of ``daihoi/ballot/1``, the domain and the items, canonically encoded."""
    out: list[bytes] = []
    _encode(["daihoi/ballot/1", domain, list(items)], out)
    return hashlib.sha256(b"".join(out)).digest()


def hash_to_q(group: Group, domain: str, *items: HashItem) -> int:
    """A Fiat-Shamir challenge in [0, q): the hash, group parameters first, reduced mod q."""
    return int.from_bytes(hash_bytes(domain, group.name, group.p, group.g, *items), "big") % group.q


# ---------------------------------------------------------------------------------------------
# Schnorr proof of knowledge of a discrete log (key ceremony)


@dataclass(frozen=True, slots=True)
class SchnorrProof:
    challenge: int
    response: int


def prove_schnorr(group: Group, *, secret: int, public: int, context: HashItem) -> SchnorrProof:
    w = random_exponent(group)
    commitment = pow(group.g, w, group.p)
    c = hash_to_q(group, "schnorr", context, public, commitment)
    return SchnorrProof(challenge=c, response=(w + c * secret) % group.q)


def verify_schnorr(group: Group, *, public: int, proof: SchnorrProof, context: HashItem) -> bool:
    if not is_member(group, public):
        return False
    try:
        require_exponent(group, proof.challenge, proof.response)
    except CryptoError:
        return False
    # g^v = h * K^c  =>  h = g^v * K^(q - c)
    commitment = (
        pow(group.g, proof.response, group.p)
        * pow(public, group.q - proof.challenge, group.p)
        % group.p
    )
    return proof.challenge == hash_to_q(group, "schnorr", context, public, commitment)


# ---------------------------------------------------------------------------------------------
# Threshold key generation (Feldman/Pedersen VSS, ElectionGuard guardians)


@dataclass(frozen=True, slots=True)
class MemberCommitment:
    """What member ``index`` (1..n) publishes: g^a_j for each coefficient, each with its proof."""

    index: int
    commitments: tuple[int, ...]
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
    commitments = tuple(pow(group.g, a, group.p) for a in coefficients)
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
        value = (value * recipient + a) % group.q
    return value


def _commitment_at(group: Group, commitment: MemberCommitment, point: int) -> int:
    # prod_j K_j^(point^j) = g^P(point)
    result, power = 1, 1
    for K in commitment.commitments:
        result = result * pow(K, power, group.p) % group.p
        power = power * point % group.q
    return result


def verify_share(group: Group, *, share: int, recipient: int, commitment: MemberCommitment) -> bool:
    """The recipient checks a received share against the sender's published commitments."""
    if not isinstance(share, int) or not 0 <= share < group.q:
        return False
    return pow(group.g, share, group.p) == _commitment_at(group, commitment, recipient)


def joint_public_key(group: Group, *, commitments: Iterable[MemberCommitment]) -> int:
    key = 1
    for commitment in commitments:
        require_member(group, *commitment.commitments)
        key = key * commitment.commitments[0] % group.p
    return key


def combine_shares(group: Group, *, shares: Iterable[int]) -> int:
    """A member's decryption key: the sum of the shares received from every member (its own too)."""
    return sum(shares) % group.q


def verification_key(group: Group, *, member: int, commitments: Iterable[MemberCommitment]) -> int:
    """g^s_member, computed by anyone from the published commitments alone."""
    result = 1
    for commitment in commitments:
        result = result * _commitment_at(group, commitment, member) % group.p
    return result


# ---------------------------------------------------------------------------------------------
# Exponential ElGamal


@dataclass(frozen=True, slots=True)
class Ciphertext:
    alpha: int  # g^r
    beta: int  # g^m K^r

    def items(self) -> list[HashItem]:
        return [self.alpha, self.beta]


def encrypt(
    group: Group, *, public_key: int, message: int, nonce: int | None = None
) -> tuple[Ciphertext, int]:
    """Enc(message) with a fresh nonce (or the one given); returns the ciphertext and the nonce."""
    r = random_exponent(group) if nonce is None else nonce
    alpha = pow(group.g, r, group.p)
    beta = pow(group.g, message, group.p) * pow(public_key, r, group.p) % group.p
    return Ciphertext(alpha=alpha, beta=beta), r


def multiply(group: Group, ciphertexts: Iterable[Ciphertext]) -> Ciphertext:
    alpha, beta = 1, 1
    for ct in ciphertexts:
        alpha = alpha * ct.alpha % group.p
        beta = beta * ct.beta % group.p
    return Ciphertext(alpha=alpha, beta=beta)


def require_ciphertext(group: Group, ct: Ciphertext) -> None:
    require_member(group, ct.alpha, ct.beta)


# ---------------------------------------------------------------------------------------------
# Disjunctive Chaum-Pedersen: ct encrypts one of ``values`` (CDS OR-proof, compact form)


@dataclass(frozen=True, slots=True)
class DisjunctiveProof:
    challenges: tuple[int, ...]
    responses: tuple[int, ...]


def _commitments_for(
    group: Group, *, public_key: int, ct: Ciphertext, value: int, challenge: int, response: int
) -> tuple[int, int]:
    # a = g^v alpha^-c,  b = K^v (beta / g^m)^-c
    p, q = group.p, group.q
    a = pow(group.g, response, p) * pow(ct.alpha, q - challenge, p) % p
    shifted = ct.beta * pow(group.g, q - value % q, p) % p
    b = pow(public_key, response, p) * pow(shifted, q - challenge, p) % p
    return a, b


def prove_one_of(
    group: Group,
    *,
    public_key: int,
    ct: Ciphertext,
    nonce: int,
    value: int,
    values: Sequence[int],
    context: HashItem,
) -> DisjunctiveProof:
    """Prove that ``ct`` = Enc(value; nonce) with value among ``values``, without saying which."""
    real = values.index(value)
    p, q = group.p, group.q
    challenges = [0] * len(values)
    responses = [0] * len(values)
    commitments: list[HashItem] = []
    w = random_exponent(group)
    for j, v in enumerate(values):
        if j == real:
            commitments += [pow(group.g, w, p), pow(public_key, w, p)]
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
    c = hash_to_q(group, "one-of", context, public_key, ct.items(), list(values), commitments)
    challenges[real] = (c - sum(challenges)) % q
    responses[real] = (w + challenges[real] * nonce) % q
    return DisjunctiveProof(challenges=tuple(challenges), responses=tuple(responses))


def verify_one_of(
    group: Group,
    *,
    public_key: int,
    ct: Ciphertext,
    proof: DisjunctiveProof,
    values: Sequence[int],
    context: HashItem,
) -> bool:
    if not (
        is_member(group, public_key) and is_member(group, ct.alpha) and is_member(group, ct.beta)
    ):
        return False
    if len(proof.challenges) != len(values) or len(proof.responses) != len(values):
        return False
    try:
        require_exponent(group, *proof.challenges, *proof.responses)
    except CryptoError:
        return False
    commitments: list[HashItem] = []
    for v, c, r in zip(values, proof.challenges, proof.responses, strict=True):
        commitments += list(
            _commitments_for(group, public_key=public_key, ct=ct, value=v, challenge=c, response=r)
        )
    expected = hash_to_q(
        group, "one-of", context, public_key, ct.items(), list(values), commitments
    )
    return sum(proof.challenges) % group.q == expected


# ---------------------------------------------------------------------------------------------
# A ballot: one ciphertext per name (1 = kept, 0 = crossed), each 0-or-1, the sum in [min, max]


@dataclass(frozen=True, slots=True)
class EncryptedBallot:
    ciphertexts: tuple[Ciphertext, ...]
    proofs: tuple[DisjunctiveProof, ...]
    range_proof: DisjunctiveProof

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


def encrypt_ballot(
    group: Group,
    *,
    public_key: int,
    kept: Sequence[bool],
    minimum: int,
    maximum: int,
    context: HashItem,
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
        m = 1 if k else 0
        ct, r = encrypt(group, public_key=public_key, message=m)
        nonce_sum += r
        ciphertexts.append(ct)
        proofs.append(
            prove_one_of(
                group,
                public_key=public_key,
                ct=ct,
                nonce=r,
                value=m,
                values=(0, 1),
                context=[context, "name", position],
            )
        )
    range_proof = prove_one_of(
        group,
        public_key=public_key,
        ct=multiply(group, ciphertexts),
        nonce=nonce_sum % group.q,
        value=total,
        values=tuple(range(minimum, maximum + 1)),
        context=[context, "sum"],
    )
    return EncryptedBallot(
        ciphertexts=tuple(ciphertexts), proofs=tuple(proofs), range_proof=range_proof
    )


def verify_ballot(
    group: Group,
    *,
    public_key: int,
    ballot: EncryptedBallot,
    names: int,
    minimum: int,
    maximum: int,
    context: HashItem,
) -> bool:
    """What the server and the verifier check: shape, every element in the group, every proof."""
    _check_bounds(names=names, minimum=minimum, maximum=maximum)
    if len(ballot.ciphertexts) != names or len(ballot.proofs) != names:
        return False
    for position, (ct, proof) in enumerate(zip(ballot.ciphertexts, ballot.proofs, strict=True)):
        if not verify_one_of(
            group,
            public_key=public_key,
            ct=ct,
            proof=proof,
            values=(0, 1),
            context=[context, "name", position],
        ):
            return False
    return verify_one_of(
        group,
        public_key=public_key,
        ct=multiply(group, ballot.ciphertexts),
        proof=ballot.range_proof,
        values=tuple(range(minimum, maximum + 1)),
        context=[context, "sum"],
    )


# ---------------------------------------------------------------------------------------------
# Tally and threshold decryption


def tally(
    group: Group, *, ballots: Iterable[EncryptedBallot], names: int
) -> tuple[Ciphertext, ...]:
    """Per-name product of the ballots' ciphertexts: an encryption of each name's count."""
    alphas = [1] * names
    betas = [1] * names
    p = group.p
    for ballot in ballots:
        if len(ballot.ciphertexts) != names:
            raise CryptoError(ERROR_LENGTH)
        for i, ct in enumerate(ballot.ciphertexts):
            alphas[i] = alphas[i] * ct.alpha % p
            betas[i] = betas[i] * ct.beta % p
    return tuple(Ciphertext(alpha=a, beta=b) for a, b in zip(alphas, betas, strict=True))


@dataclass(frozen=True, slots=True)
class ChaumPedersenProof:
    challenge: int
    response: int


@dataclass(frozen=True, slots=True)
class PartialDecryption:
    """Member ``member``'s share alpha^s of each sum, each with its proof of correct decryption."""

    member: int
    shares: tuple[int, ...]
    proofs: tuple[ChaumPedersenProof, ...]


def partial_decrypt(
    group: Group, *, member: int, key_share: int, sums: Sequence[Ciphertext], context: HashItem
) -> PartialDecryption:
    p = group.p
    for ct in sums:
        require_ciphertext(group, ct)
    public = pow(group.g, key_share, p)
    shares: list[int] = []
    proofs: list[ChaumPedersenProof] = []
    for i, ct in enumerate(sums):
        m = pow(ct.alpha, key_share, p)
        w = random_exponent(group)
        a, b = pow(group.g, w, p), pow(ct.alpha, w, p)
        c = hash_to_q(group, "partial", context, member, i, public, ct.items(), m, a, b)
        shares.append(m)
        proofs.append(ChaumPedersenProof(challenge=c, response=(w + c * key_share) % group.q))
    return PartialDecryption(member=member, shares=tuple(shares), proofs=tuple(proofs))


def verify_partial(
    group: Group,
    *,
    partial: PartialDecryption,
    verification: int,
    sums: Sequence[Ciphertext],
    context: HashItem,
) -> bool:
    """log_g(verification) == log_alpha(share) for every sum (Chaum-Pedersen)."""
    p, q = group.p, group.q
    if len(partial.shares) != len(sums) or len(partial.proofs) != len(sums):
        return False
    if not is_member(group, verification):
        return False
    for i, (ct, m, proof) in enumerate(zip(sums, partial.shares, partial.proofs, strict=True)):
        if not (is_member(group, m) and is_member(group, ct.alpha) and is_member(group, ct.beta)):
            return False
        try:
            require_exponent(group, proof.challenge, proof.response)
        except CryptoError:
            return False
        a = pow(group.g, proof.response, p) * pow(verification, q - proof.challenge, p) % p
        b = pow(ct.alpha, proof.response, p) * pow(m, q - proof.challenge, p) % p
        if proof.challenge != hash_to_q(
            group, "partial", context, partial.member, i, verification, ct.items(), m, a, b
        ):
            return False
    return True


def lagrange_at_zero(group: Group, *, member: int, members: Sequence[int]) -> int:
    num, den = 1, 1
    for other in members:
        if other != member:
            num = num * other % group.q
            den = den * (other - member) % group.q
    return num * pow(den, -1, group.q) % group.q


def small_log(group: Group, *, element: int, limit: int) -> int:
    """The m in [0, limit] with g^m = element (totals are at most the number of ballots)."""
    value = 1
    for m in range(limit + 1):
        if value == element:
            return m
        value = value * group.g % group.p
    raise CryptoError(ERROR_TALLY_TOO_LARGE.format(limit=limit))


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
    p = group.p
    totals: list[int] = []
    for i, ct in enumerate(sums):
        mask = 1
        for partial, weight in zip(chosen, weights, strict=True):
            if len(partial.shares) != len(sums):
                raise CryptoError(ERROR_LENGTH)
            mask = mask * pow(partial.shares[i], weight, p) % p
        plain = ct.beta * pow(mask, -1, p) % p
        totals.append(small_log(group, element=plain, limit=limit))
    return tuple(totals)


# ---------------------------------------------------------------------------------------------
# Hash-chained ballot board


def board_genesis(group: Group, *, context: HashItem) -> str:
    """The chain's first 'previous' hash: binds the board to the round and the group."""
    return hash_bytes("board-genesis", group.name, context).hex()


def board_entry(*, previous: str, ballot: EncryptedBallot) -> str:
    """The entry's hash (hex), which is the ballot's tracking code: H(previous, ciphertexts)."""
    return hash_bytes("board-entry", previous, ballot.items()).hex()


def verify_board(
    group: Group, *, context: HashItem, ballots: Sequence[EncryptedBallot], hashes: Sequence[str]
) -> bool:
    """Recompute the chain from the genesis; True when every published hash matches."""
    if len(ballots) != len(hashes):
        return False
    previous = board_genesis(group, context=context)
    for ballot, published in zip(ballots, hashes, strict=True):
        previous = board_entry(previous=previous, ballot=ballot)
        if previous != published:
            return False
    return True
