"""The encrypted phone ballot's cryptographic core (issue 13): daihoi.rules.ballot_crypto.

Every protocol test runs on the real groups (ristretto255, which rounds are keyed in from
protocol 3 on, and edwards25519, of the rounds keyed before, both libsodium's, injected from
``daihoi.elections.crypto_group``) and on the small pure reference group, a second
implementation of the ``Group`` interface.
"""

import dataclasses
import enum
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from daihoi.elections.crypto_group import ED25519, L, ristretto255, sodium_ristretto255
from daihoi.rules import ballot_crypto as bc

# A 127-bit safe prime (p = 7 mod 8, so g = 2 has order q): the pure reference group.
SMALL = bc.ModPGroup(
    name="test-127",
    p=170141183460469231731687303715884114527,
    q=85070591730234615865843651857942057263,
    g=2,
)
RISTRETTO = ristretto255()  # its verifications on libdecaf (scripts/system-deps installs it)
SODIUM_RISTRETTO = sodium_ristretto255()  # the same group on libsodium alone
ALL = [RISTRETTO, SODIUM_RISTRETTO, ED25519, SMALL]
IDS = ["ristretto255", "ristretto255-libsodium", "ed25519", "small"]
GROUPS = pytest.mark.parametrize("group", ALL, ids=IDS)
CONTEXT = ["round", 7]

# Points of small order on edwards25519 (libsodium's blocklist): identity, order 2, 4 and 8.
SMALL_ORDER = [
    bytes.fromhex("0100000000000000000000000000000000000000000000000000000000000000"),
    bytes.fromhex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
    bytes.fromhex("0000000000000000000000000000000000000000000000000000000000000000"),
    bytes.fromhex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"),
    bytes.fromhex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"),
]


def _outside(group, x: bytes) -> bytes:
    """A value close to the element ``x`` that is not in the prime-order subgroup."""
    if group is ED25519:
        from nacl import bindings

        return bindings.crypto_core_ed25519_add(x, SMALL_ORDER[3])  # x plus a point of order 8
    if group in (RISTRETTO, SODIUM_RISTRETTO):  # every valid encoding is an element: odd s is none
        return bytes([x[0] ^ 1]) + x[1:]
    return (SMALL.p - int.from_bytes(x, "big")).to_bytes(16, "big")  # -x: order 2q


def _miller_rabin(n: int) -> bool:
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for a in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41):
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def _ceremony(group, *, n, k):
    pairs = [
        bc.member_generate(group, index=i, threshold=k, context=CONTEXT) for i in range(1, n + 1)
    ]
    secrets_ = [s for s, _ in pairs]
    commitments = [c for _, c in pairs]
    for c in commitments:
        assert bc.verify_member_commitment(group, commitment=c, threshold=k, context=CONTEXT)
    keys = {}
    for recipient in range(1, n + 1):
        received = []
        for s, c in zip(secrets_, commitments, strict=True):
            share = bc.share_for(group, secret=s, recipient=recipient)
            assert bc.verify_share(group, share=share, recipient=recipient, commitment=c)
            received.append(share)
        keys[recipient] = bc.combine_shares(group, shares=received)
    return commitments, keys, bc.joint_public_key(group, commitments=commitments)


def test_the_small_group_is_a_safe_prime_and_g_generates_the_order_q_subgroup():
    assert SMALL.p == 2 * SMALL.q + 1
    assert _miller_rabin(SMALL.p) and _miller_rabin(SMALL.q)
    assert pow(SMALL.g, SMALL.q, SMALL.p) == 1 and SMALL.g != 1


def test_the_ed25519_group_is_rfc_8032_with_its_prime_order_l():
    assert _miller_rabin(L) and L.bit_length() == 253
    assert ED25519.order == L
    # B = (x, 4/5) with x even, encoded as y little-endian with x's sign in the top bit.
    field = 2**255 - 19
    y = 4 * pow(5, -1, field) % field
    assert ED25519.generator == y.to_bytes(32, "little")
    assert ED25519.base_power(1) == ED25519.generator
    assert ED25519.power(ED25519.generator, L) == ED25519.identity
    assert ED25519.base_power(L - 1) == ED25519.div(ED25519.identity, ED25519.generator)
    assert ED25519.mul(ED25519.base_power(3), ED25519.base_power(4)) == ED25519.base_power(7)
    assert ED25519.power(ED25519.base_power(6), 5) == ED25519.base_power(30)


def test_ed25519_refuses_small_order_torsion_and_non_canonical_points():
    g = ED25519.generator
    assert ED25519.is_element(g) and ED25519.is_element(ED25519.base_power(12345))
    for bad in SMALL_ORDER:
        assert not ED25519.is_element(bad)
    assert not ED25519.is_element(_outside(ED25519, g))  # a torsion component
    # y = p + 1 encodes y = 1 non-canonically; the top bit flipped on B is x's sign.
    non_canonical = (2**255 - 19 + 1).to_bytes(32, "little")
    assert not ED25519.is_element(non_canonical)
    for bad in (g[:31], g + b"\x00", g.hex(), int.from_bytes(g, "little"), None):
        assert not ED25519.is_element(bad)
    with pytest.raises(bc.CryptoError, match=bc.ERROR_NOT_IN_GROUP):
        ED25519.power(_outside(ED25519, g), 5)


@pytest.mark.parametrize("g", [RISTRETTO, SODIUM_RISTRETTO], ids=["libdecaf", "libsodium"])
def test_the_ristretto255_group_is_rfc_9496_with_the_order_l(g):
    assert g.order == L and g.base_power(1) == g.generator
    # RFC 9496 A.1: the encodings of B and 2B
    assert g.generator.hex() == "e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76"
    assert g.base_power(2).hex() == (
        "6a493210f7499cd17fecb510ae0cea23a110e8d5b901f8acadd3095c73a3b919"
    )
    assert g.power(g.generator, L) == g.identity == bytes(32)
    assert g.mul(g.base_power(3), g.base_power(4)) == g.base_power(7)
    assert g.div(g.base_power(3), g.base_power(4)) == g.base_power(L - 1)
    assert g.power(g.base_power(6), 5) == g.base_power(30)
    # RFC 9496 A.2: non-canonical and negative field elements are no encodings; nor is the
    # identity a valid received element here
    for bad in (
        "00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "f3ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "0000000000000000000000000000000000000000000000000000000000000000",
    ):
        assert not g.is_element(bytes.fromhex(bad))
        if bad != "00" * 32:  # nor read by the verifications' operations
            with pytest.raises(bc.CryptoError, match=bc.ERROR_NOT_IN_GROUP):
                g.product([g.generator, bytes.fromhex(bad)])
            with pytest.raises(bc.CryptoError, match=bc.ERROR_NOT_IN_GROUP):
                g.commitment(bytes.fromhex(bad), 5, 7, base=g.base_power(9))
    with pytest.raises(bc.CryptoError, match=bc.ERROR_NOT_IN_GROUP):
        g.commitment(g.identity, 5, 7, checked=True)  # the identity: no received element
    assert g.product([g.identity, g.generator]) == g.generator
    # g^7 / (g^6 / g^2)^5 = g^-13; K^7 / g^6^5 with K = g^9: g^33
    assert g.commitment(g.base_power(6), 5, 7, shift=2) == g.base_power(L - 13)
    assert g.commitment(g.base_power(6), 5, 7, base=g.base_power(9)) == g.base_power(33)
    # sent to the verifier's worker processes by reference to the one group
    import pickle

    assert pickle.loads(pickle.dumps(g)) is g  # noqa: S301 - our own bytes


@GROUPS
def test_checked_power_refuses_what_is_element_refuses(group):
    g = group.generator
    bad = [_outside(group, g), group.identity, g[:-1], g + b"\x00"]
    if group is ED25519:
        bad += [*SMALL_ORDER, (2**255 - 19 + 1).to_bytes(32, "little")]  # non-canonical y = 1
    for x in bad:
        assert not group.is_element(x)
        for e in (0, 1, 7, group.order - 1, group.order):
            with pytest.raises(bc.CryptoError, match=bc.ERROR_NOT_IN_GROUP):
                group.checked_power(x, e)
    x = group.base_power(12345)
    assert group.checked_power(x, 3) == group.power(x, 3) == group.base_power(3 * 12345)
    assert group.checked_power(x, group.order) == group.identity


class _Recording:
    """A group that records which elements were validated (``is_element`` true, or
    ``checked_power``) and which were used by any other operation, in order."""

    def __init__(self, group):
        self.group, self.validated, self.used = group, [], []

    def __getattr__(self, name):
        return getattr(self.group, name)

    def is_element(self, x):
        ok = self.group.is_element(x)
        if ok:
            self.validated.append(x)
        return ok

    def checked_power(self, x, e):
        result = self.group.checked_power(x, e)
        self.validated.append(x)
        return result

    def _use(self, *xs):
        self.used += [x for x in xs if x not in self.validated]

    def power(self, x, e):
        self._use(x)
        return self.group.power(x, e)

    def mul(self, x, y):
        self._use(x, y)
        return self.group.mul(x, y)

    def div(self, x, y):
        self._use(x, y)
        return self.group.div(x, y)

    def commitment(self, x, e, response, *, base=None, shift=0, checked=False):
        if not checked:
            self._use(x)
        result = self.group.commitment(x, e, response, base=base, shift=shift, checked=checked)
        if checked:
            self.validated.append(x)
        return result

    def product(self, xs):
        xs = list(xs)
        self._use(*xs)
        return self.group.product(xs)


@GROUPS
def test_each_received_element_is_validated_once_and_before_any_other_use(group, monkeypatch):
    _, _, K = _ceremony(group, n=3, k=2)
    honest = bc.encrypt_ballot(
        group, public_key=K, kept=[True, False, True], minimum=1, maximum=2, context=CONTEXT
    )
    # A valid ballot whose first name's simulated branch 0 has the challenge 0: nothing then
    # multiplies its alpha and beta before branch 1, so they are validated apart.
    # (the draws: the first name's nonce, its real branch's nonce, its branch 0's challenge)
    draws = itertools.count()
    real_randbelow = bc.secrets.randbelow
    monkeypatch.setattr(
        bc.secrets, "randbelow", lambda n: 0 if next(draws) == 2 else real_randbelow(n)
    )
    zero = bc.encrypt_ballot(
        group, public_key=K, kept=[True, False, False], minimum=1, maximum=2, context=CONTEXT
    )
    monkeypatch.undo()
    assert zero.proofs[0].challenges[0] == 0
    for ballot in (honest, zero):
        spy = _Recording(group)
        assert bc.verify_ballot(
            spy, public_key=K, ballot=ballot, names=3, minimum=1, maximum=2, context=CONTEXT
        )
        received = [x for ct in ballot.ciphertexts for x in (ct.alpha, ct.beta)]
        assert [x for x in spy.used if x in received] == []  # never used before validated
        assert sorted(x for x in spy.validated if x in received) == sorted(received)  # once


def test_elements_outside_the_subgroup_are_refused_in_the_small_group():
    g = SMALL
    non_residue = (g.p - 1).to_bytes(16, "big")  # -1 has order 2
    for bad in (bytes(16), g.identity, g.p.to_bytes(16, "big"), non_residue, True, 4, b"\x04"):
        assert not bc.is_member(g, bad)
    assert bc.is_member(g, (4).to_bytes(16, "big"))
    with pytest.raises(bc.CryptoError, match=bc.ERROR_NOT_IN_GROUP):
        bc.require_member(g, non_residue)


@GROUPS
def test_full_round_trip_2_of_3(group):
    commitments, keys, K = _ceremony(group, n=3, k=2)
    votes = [[True, False, True, False], [True, True, False, False], [False, False, True, True]]
    ballots = [
        bc.encrypt_ballot(group, public_key=K, kept=v, minimum=1, maximum=2, context=CONTEXT)
        for v in votes
    ]
    for b in ballots:
        assert bc.verify_ballot(
            group, public_key=K, ballot=b, names=4, minimum=1, maximum=2, context=CONTEXT
        )
    sums = bc.tally(group, ballots=ballots, names=4)
    partials = [
        bc.partial_decrypt(group, member=m, key_share=keys[m], sums=sums, context=CONTEXT)
        for m in (3, 1)
    ]
    for pd in partials:
        vk = bc.verification_key(group, member=pd.member, commitments=commitments)
        assert bc.verify_partial(group, partial=pd, verification=vk, sums=sums, context=CONTEXT)
    assert bc.combine_decryption(
        group, sums=sums, partials=partials, threshold=2, limit=len(ballots)
    ) == (2, 1, 2, 1)


@pytest.fixture(scope="module", params=ALL, ids=IDS)
def election(request):
    group = request.param
    commitments, keys, K = _ceremony(group, n=4, k=3)
    votes = [[True, False, True], [True, True, False], [False, False, True], [True, False, False]]
    ballots = [
        bc.encrypt_ballot(group, public_key=K, kept=v, minimum=1, maximum=2, context=CONTEXT)
        for v in votes
    ]
    sums = bc.tally(group, ballots=ballots, names=3)
    partials = {
        m: bc.partial_decrypt(group, member=m, key_share=keys[m], sums=sums, context=CONTEXT)
        for m in keys
    }
    return group, commitments, keys, K, ballots, sums, partials


def test_any_k_of_n_members_decrypt_the_same_totals(election):
    group, _commitments, _, _, ballots, sums, partials = election
    for subset in itertools.combinations(sorted(partials), 3):
        chosen = [partials[m] for m in subset]
        assert bc.combine_decryption(
            group, sums=sums, partials=chosen, threshold=3, limit=len(ballots)
        ) == (3, 1, 2)


def test_below_the_threshold_decryption_is_refused_and_a_lower_degree_guess_is_wrong(election):
    group, _, _keys, _, ballots, sums, partials = election
    with pytest.raises(bc.CryptoError, match="Cần ít nhất 3"):
        bc.combine_decryption(
            group, sums=sums, partials=[partials[1], partials[2]], threshold=3, limit=len(ballots)
        )
    # Two shares treated as if two were enough do not give the totals (the polynomial has degree 2).
    with pytest.raises(bc.CryptoError, match="Tổng không tìm được"):
        bc.combine_decryption(
            group, sums=sums, partials=[partials[1], partials[2]], threshold=2, limit=len(ballots)
        )


def test_a_member_counted_twice_is_refused(election):
    group, _, _, _, _ballots, sums, partials = election
    with pytest.raises(bc.CryptoError, match=bc.ERROR_DUPLICATE_MEMBER):
        bc.combine_decryption(
            group, sums=sums, partials=[partials[1], partials[1], partials[2]], threshold=3, limit=4
        )


def test_a_wrong_partial_decryption_is_detected(election):
    group, commitments, _keys, _, _, sums, partials = election
    good = partials[2]
    vk = bc.verification_key(group, member=2, commitments=commitments)
    assert bc.verify_partial(group, partial=good, verification=vk, sums=sums, context=CONTEXT)
    forged_share = group.mul(good.shares[0], group.generator)
    bad = dataclasses.replace(good, shares=(forged_share, *good.shares[1:]))
    assert not bc.verify_partial(group, partial=bad, verification=vk, sums=sums, context=CONTEXT)
    # Member 1's honest partial presented as member 2's.
    assert not bc.verify_partial(
        group,
        partial=dataclasses.replace(partials[1], member=2),
        verification=vk,
        sums=sums,
        context=CONTEXT,
    )
    # A share with a torsion component is refused before any arithmetic.
    torsion = dataclasses.replace(good, shares=(_outside(group, good.shares[0]), *good.shares[1:]))
    assert not bc.verify_partial(
        group, partial=torsion, verification=vk, sums=sums, context=CONTEXT
    )


@GROUPS
def test_a_share_that_does_not_match_the_commitments_is_refused(group):
    secret, commitment = bc.member_generate(group, index=1, threshold=2, context=CONTEXT)
    share = bc.share_for(group, secret=secret, recipient=2)
    assert bc.verify_share(group, share=share, recipient=2, commitment=commitment)
    assert not bc.verify_share(
        group, share=(share + 1) % group.order, recipient=2, commitment=commitment
    )
    assert not bc.verify_share(group, share=share, recipient=3, commitment=commitment)


@GROUPS
def test_a_schnorr_proof_for_another_key_or_context_is_refused(group):
    _, commitment = bc.member_generate(group, index=1, threshold=2, context=CONTEXT)
    assert not bc.verify_member_commitment(
        group, commitment=commitment, threshold=2, context=["round", 8]
    )
    swapped = dataclasses.replace(commitment, proofs=commitment.proofs[::-1])
    assert not bc.verify_member_commitment(group, commitment=swapped, threshold=2, context=CONTEXT)
    outside = dataclasses.replace(
        commitment,
        commitments=(_outside(group, commitment.commitments[0]), commitment.commitments[1]),
    )
    assert not bc.verify_member_commitment(group, commitment=outside, threshold=2, context=CONTEXT)


def test_a_ballot_altered_on_the_server_is_refused(election):
    group, _, _, K, ballots, _, _ = election
    b = ballots[0]
    assert bc.verify_ballot(
        group, public_key=K, ballot=b, names=3, minimum=1, maximum=2, context=CONTEXT
    )
    # Re-encrypting a name (so its 0 becomes a 1) breaks the proofs.
    ct = b.ciphertexts[1]
    flipped = bc.Ciphertext(alpha=ct.alpha, beta=group.mul(ct.beta, group.generator))
    altered = dataclasses.replace(b, ciphertexts=(b.ciphertexts[0], flipped, b.ciphertexts[2]))
    assert not bc.verify_ballot(
        group, public_key=K, ballot=altered, names=3, minimum=1, maximum=2, context=CONTEXT
    )
    # A tampered response, a ballot moved to another round, a name dropped: refused.
    p0 = b.proofs[0]
    tampered = dataclasses.replace(
        p0, responses=((p0.responses[0] + 1) % group.order, p0.responses[1])
    )
    assert not bc.verify_ballot(
        group,
        public_key=K,
        ballot=dataclasses.replace(b, proofs=(tampered, *b.proofs[1:])),
        names=3,
        minimum=1,
        maximum=2,
        context=CONTEXT,
    )
    assert not bc.verify_ballot(
        group, public_key=K, ballot=b, names=3, minimum=1, maximum=2, context=["round", 8]
    )
    # The same ballot under another public key (another round's committee): refused.
    other_key = group.base_power(bc.random_exponent(group))
    assert not bc.verify_ballot(
        group, public_key=other_key, ballot=b, names=3, minimum=1, maximum=2, context=CONTEXT
    )
    # A swap of two names' ciphertexts with their proofs is caught (each proof binds its position).
    swapped = dataclasses.replace(
        b,
        ciphertexts=(b.ciphertexts[1], b.ciphertexts[0], b.ciphertexts[2]),
        proofs=(b.proofs[1], b.proofs[0], b.proofs[2]),
    )
    assert not bc.verify_ballot(
        group, public_key=K, ballot=swapped, names=3, minimum=1, maximum=2, context=CONTEXT
    )


def _forged_ballot(group, K, values, *, minimum, maximum):
    """A cheating phone: values outside 0/1 or a sum out of bounds, proofs made anyway."""
    cts, proofs, rs = [], [], []
    for i, m in enumerate(values):
        ct, r = bc.encrypt(group, public_key=K, message=m)
        cts.append(ct)
        rs.append(r)
        allowed = (0, 1, m) if m not in (0, 1) else (0, 1)
        proof = bc.prove_one_of(
            group,
            public_key=K,
            ct=ct,
            nonce=r,
            value=m,
            values=allowed,
            context=bc.name_context(CONTEXT, i),
        )
        proofs.append(
            bc.DisjunctiveProof(challenges=proof.challenges[:2], responses=proof.responses[:2])
        )
    total = sum(values)
    allowed = tuple(range(minimum, maximum + 1)) + (
        (total,) if not minimum <= total <= maximum else ()
    )
    rp = bc.prove_one_of(
        group,
        public_key=K,
        ct=bc.multiply(group, cts),
        nonce=sum(rs) % group.order,
        value=total,
        values=allowed,
        context=bc.sum_context(CONTEXT),
    )
    rp = bc.DisjunctiveProof(
        challenges=rp.challenges[: maximum - minimum + 1],
        responses=rp.responses[: maximum - minimum + 1],
    )
    return bc.EncryptedBallot(ciphertexts=tuple(cts), proofs=tuple(proofs), range_proof=rp)


def test_a_name_counted_twice_or_more_names_kept_than_seats_is_refused(election):
    group, _, _, K, *_ = election
    twice = _forged_ballot(group, K, [2, 0, 0], minimum=1, maximum=2)
    assert not bc.verify_ballot(
        group, public_key=K, ballot=twice, names=3, minimum=1, maximum=2, context=CONTEXT
    )
    too_many = _forged_ballot(group, K, [1, 1, 1], minimum=1, maximum=2)
    assert not bc.verify_ballot(
        group, public_key=K, ballot=too_many, names=3, minimum=1, maximum=2, context=CONTEXT
    )
    none_kept = _forged_ballot(group, K, [0, 0, 0], minimum=1, maximum=2)
    assert not bc.verify_ballot(
        group, public_key=K, ballot=none_kept, names=3, minimum=1, maximum=2, context=CONTEXT
    )
    with pytest.raises(ValueError, match="Giới hạn số tên"):
        bc.encrypt_ballot(
            group, public_key=K, kept=[True, True, True], minimum=1, maximum=2, context=CONTEXT
        )


def test_a_ciphertext_outside_the_subgroup_is_refused(election):
    group, _, _, K, ballots, _, _ = election
    b = ballots[0]
    ct = b.ciphertexts[0]
    outside = bc.Ciphertext(alpha=_outside(group, ct.alpha), beta=ct.beta)
    altered = dataclasses.replace(b, ciphertexts=(outside, *b.ciphertexts[1:]))
    assert not bc.verify_ballot(
        group, public_key=K, ballot=altered, names=3, minimum=1, maximum=2, context=CONTEXT
    )
    identity = bc.Ciphertext(alpha=group.identity, beta=ct.beta)  # r = 0: the vote in clear
    altered = dataclasses.replace(b, ciphertexts=(identity, *b.ciphertexts[1:]))
    assert not bc.verify_ballot(
        group, public_key=K, ballot=altered, names=3, minimum=1, maximum=2, context=CONTEXT
    )
    with pytest.raises(bc.CryptoError, match=bc.ERROR_NOT_IN_GROUP):
        bc.partial_decrypt(group, member=1, key_share=5, sums=[outside], context=CONTEXT)


def test_the_board_chain_gives_tracking_codes_and_detects_any_change(election):
    group, *_, ballots, _, _ = election
    previous = bc.board_genesis(group, context=CONTEXT)
    codes = []
    for b in ballots:
        previous = bc.board_entry(previous=previous, ballot=b)
        codes.append(previous)
    assert len(set(codes)) == len(codes) and all(len(c) == 64 for c in codes)
    assert bc.verify_board(group, context=CONTEXT, ballots=ballots, hashes=codes)
    assert not bc.verify_board(
        group, context=CONTEXT, ballots=[ballots[1], ballots[0], *ballots[2:]], hashes=codes
    )
    assert not bc.verify_board(group, context=CONTEXT, ballots=ballots[:-1], hashes=codes)
    assert not bc.verify_board(group, context=["round", 8], ballots=ballots, hashes=codes)
    # where the chain breaks: the first entry whose hash its ballot and the one before do not give
    assert bc.chain_break(group, context=CONTEXT, ballots=ballots, hashes=codes) is None
    swapped = [ballots[0], ballots[2], ballots[1], *ballots[3:]]
    assert bc.chain_break(group, context=CONTEXT, ballots=swapped, hashes=codes) == 1
    assert bc.chain_break(group, context=CONTEXT, ballots=ballots[:-1], hashes=codes) == (
        len(ballots) - 1
    )
    assert bc.chain_break(group, context=CONTEXT, ballots=ballots, hashes=codes[1:]) == 0


def test_the_hash_encoding_is_unambiguous():
    assert bc.hash_bytes("d", "ab", "c") != bc.hash_bytes("d", "a", "bc")
    assert bc.hash_bytes("d", [1, 2]) != bc.hash_bytes("d", 1, 2)
    assert bc.hash_bytes("d", 1) != bc.hash_bytes("d", "1") != bc.hash_bytes("d", b"\x01")
    assert bc.hash_bytes("d1", 1) != bc.hash_bytes("d2", 1)
    # The encoding the phone's JavaScript reproduces byte for byte (static/js/ballot-crypto.js).
    assert bc.encode_items("d", 258, "ạ", b"\x00", [0]) == (
        b"L\x00\x00\x00\x03"
        + b"S\x00\x00\x00\x0fdaihoi/ballot/2"
        + b"S\x00\x00\x00\x01d"
        + b"L\x00\x00\x00\x04"
        + b"I\x00\x00\x00\x02\x01\x02"
        + b"S\x00\x00\x00\x03\xe1\xba\xa1"
        + b"B\x00\x00\x00\x01\x00"
        + b"L\x00\x00\x00\x01I\x00\x00\x00\x01\x00"
    )


class _Code(enum.IntEnum):
    ONE = 1


class _Name(str):
    pass


class _Raw(bytes):
    pass


def test_a_tuple_or_a_subclass_is_hashed_as_its_plain_type():
    element = bytes(range(32))
    plain = bc.encode_items("d", [element, 1, "ạ", [2, b"\x00"]])
    assert bc.encode_items("d", (element, _Code.ONE, _Name("ạ"), (2, _Raw(b"\x00")))) == plain
    assert bc.encode_items("d", element).endswith(b"B\x00\x00\x00\x20" + element)
    for bad in (True, -1, None):
        with pytest.raises(TypeError):
            bc.encode_items("d", [bad])


@settings(max_examples=10, deadline=None)
@given(
    votes=st.lists(st.lists(st.booleans(), min_size=4, max_size=4), min_size=1, max_size=6),
    n_k=st.sampled_from([(1, 1), (3, 2), (4, 2), (5, 3)]),
    group=st.sampled_from(ALL),
    data=st.data(),
)
def test_encrypted_tally_equals_the_clear_count(votes, n_k, group, data):
    n, k = n_k
    commitments, keys, K = _ceremony(group, n=n, k=k)
    ballots = []
    for v in votes:
        b = bc.encrypt_ballot(group, public_key=K, kept=v, minimum=0, maximum=4, context=CONTEXT)
        assert bc.verify_ballot(
            group, public_key=K, ballot=b, names=4, minimum=0, maximum=4, context=CONTEXT
        )
        ballots.append(b)
    sums = bc.tally(group, ballots=ballots, names=4)
    subset = data.draw(st.permutations(sorted(keys)))[:k]
    partials = [
        bc.partial_decrypt(group, member=m, key_share=keys[m], sums=sums, context=CONTEXT)
        for m in subset
    ]
    for pd in partials:
        vk = bc.verification_key(group, member=pd.member, commitments=commitments)
        assert bc.verify_partial(group, partial=pd, verification=vk, sums=sums, context=CONTEXT)
    clear = tuple(sum(1 for v in votes if v[i]) for i in range(4))
    assert (
        bc.combine_decryption(group, sums=sums, partials=partials, threshold=k, limit=len(votes))
        == clear
    )


@settings(max_examples=20, deadline=None)
@given(bits=st.integers(min_value=0, max_value=251), position=st.integers(min_value=0, max_value=2))
def test_any_single_bit_flip_in_a_proof_is_refused(election, bits, position):
    group, _, _, K, ballots, _, _ = election
    b = ballots[0]
    proof = b.proofs[position]
    bit = 1 << (bits % (group.order.bit_length() - 1))
    flipped = dataclasses.replace(
        proof, challenges=(proof.challenges[0] ^ bit, proof.challenges[1])
    )
    altered = dataclasses.replace(
        b, proofs=tuple(flipped if i == position else p for i, p in enumerate(b.proofs))
    )
    assert not bc.verify_ballot(
        group, public_key=K, ballot=altered, names=3, minimum=1, maximum=2, context=CONTEXT
    )


def test_the_range_proof_bounds_follow_the_profile():
    from daihoi.rules.profiles import CONG_DOAN, DANG

    # rules.md §2.4: at least one name kept on a list of several, at most the seats.
    assert bc.ballot_bounds(profile=CONG_DOAN, names=15, seats=11) == (1, 11)
    # A single-name list may be crossed (a vote against): 0 allowed.
    assert bc.ballot_bounds(profile=CONG_DOAN, names=1, seats=1) == (0, 1)
    # Party list without surplus: crossing every name is a valid vote against all (§3.6).
    assert bc.ballot_bounds(profile=DANG, names=5, seats=5) == (0, 5)
    assert bc.ballot_bounds(profile=DANG, names=6, seats=5) == (1, 5)


def test_the_json_ballot_round_trips_and_malformed_json_is_refused_with_a_message(election):
    group, _, _, K, ballots, _, _ = election
    data = bc.ballot_to_json(ballots[0])
    assert bc.ballot_from_json(data) == ballots[0]
    assert bc.verify_ballot(
        group,
        public_key=K,
        ballot=bc.ballot_from_json(data),
        names=3,
        minimum=1,
        maximum=2,
        context=CONTEXT,
    )
    bad_inputs = [
        None,
        [],
        {**data, "extra": 1},
        {**data, "ciphertexts": "ab"},
        {**data, "ciphertexts": [["ab"]]},
        {**data, "ciphertexts": [["zz", "ab"]]},
        {**data, "ciphertexts": [["abc", "ab"]]},
        {**data, "ciphertexts": [[1, 2]]},
        {**data, "proofs": [{"challenges": ["-1"], "responses": ["1"]}]},
        {**data, "proofs": [{"challenges": ["1"]}]},
        # each scalar of a list on its own: digits only, lower case, 1 to 64 of them, a string
        {**data, "proofs": [{"challenges": ["1", ""], "responses": ["1", "2"]}]},
        {**data, "proofs": [{"challenges": ["1", "A"], "responses": ["1", "2"]}]},
        {**data, "proofs": [{"challenges": ["1", " 2"], "responses": ["1", "2"]}]},
        {**data, "proofs": [{"challenges": ["1", "2\n"], "responses": ["1", "2"]}]},
        {**data, "proofs": [{"challenges": ["1", 2], "responses": ["1", "2"]}]},
        {**data, "proofs": [{"challenges": ["1", "1" * 65], "responses": ["1", "2"]}]},
        {**data, "range_proof": {"challenges": ["1" * 129], "responses": []}},
        {**data, "ciphertexts": [["ab", "ab"]] * 10_001},
    ]
    for bad in bad_inputs:
        with pytest.raises(bc.CryptoError, match=bc.ERROR_FORMAT):
            bc.ballot_from_json(bad)


@GROUPS
def test_an_audit_reveals_nonces_that_reproduce_the_choice_and_nothing_else(group) -> None:
    # Benaloh's cast-or-audit: the revealed nonces reproduce every ciphertext for the choice
    # shown; a wrong choice or a wrong nonce does not (docs/ballot-crypto.md, "Cast or audit").
    key = group.base_power(bc.random_exponent(group))
    kept = [True, False, True]
    nonces = [bc.random_exponent(group) for _ in kept]
    cts = tuple(
        bc.encrypt(group, public_key=key, message=int(k), nonce=r)[0]
        for k, r in zip(kept, nonces, strict=True)
    )
    ballot = bc.EncryptedBallot(
        ciphertexts=cts, proofs=(), range_proof=bc.DisjunctiveProof(challenges=(), responses=())
    )
    assert bc.audit_matches(group, public_key=key, ballot=ballot, nonces=nonces, kept=kept)
    assert not bc.audit_matches(
        group, public_key=key, ballot=ballot, nonces=nonces, kept=[False, False, True]
    )
    wrong = [nonces[0] + 1, *nonces[1:]]
    assert not bc.audit_matches(group, public_key=key, ballot=ballot, nonces=wrong, kept=kept)
    assert not bc.audit_matches(group, public_key=key, ballot=ballot, nonces=nonces[:2], kept=kept)
    fingerprint = bc.ballot_fingerprint(ballot)
    assert len(fingerprint) == 32
    swapped = dataclasses.replace(ballot, ciphertexts=(cts[1], cts[0], cts[2]))
    assert bc.ballot_fingerprint(swapped) != fingerprint
    # Published (JSON): the same check, the same fingerprint; a malformed one refused.
    audit = bc.audit_from_json(
        bc.audit_to_json(bc.Audit(ciphertexts=cts, kept=tuple(kept), nonces=tuple(nonces)))
    )
    assert audit.fingerprint == fingerprint
    assert bc.audit_holds(group, public_key=key, audit=audit, names=3)
    assert not bc.audit_holds(group, public_key=key, audit=audit, names=4)
    lie = dataclasses.replace(audit, kept=(True, True, True))
    assert not bc.audit_holds(group, public_key=key, audit=lie, names=3)
    good = bc.audit_to_json(audit)
    for bad in (
        {**good, "kept": [1, 0, 1]},  # not booleans
        {**good, "nonces": ["-1", "2", "3"]},
        {**good, "extra": 1},
        {"ciphertexts": good["ciphertexts"], "kept": good["kept"]},
        [good],
    ):
        with pytest.raises(bc.CryptoError, match=bc.ERROR_FORMAT):
            bc.audit_from_json(bad)


@settings(max_examples=40, deadline=None)
@given(
    minimum=st.integers(0, 3),
    width=st.integers(0, 40),
    data=st.data(),
)
def test_protocol_3_proves_any_allowed_count_by_the_form_its_bounds_give(minimum, width, data):
    """Any count in [minimum, maximum] is proven and checked, in the bits' form exactly where
    ``range_in_bits`` says (a wide range); the same ballot is refused under protocol 2, and a
    count outside the bounds cannot be proven."""
    maximum = minimum + width
    names = maximum + data.draw(st.integers(0, 3))
    count = data.draw(st.integers(minimum, maximum))
    _, _, K = _ceremony(SMALL, n=1, k=1)
    kept = [i < count for i in range(names)]
    ballot = bc.encrypt_ballot(
        SMALL,
        public_key=K,
        kept=kept,
        minimum=minimum,
        maximum=maximum,
        context=CONTEXT,
        protocol=bc.PROTOCOL_3,
    )
    bits = bc.range_in_bits(protocol=bc.PROTOCOL_3, minimum=minimum, maximum=maximum)
    assert isinstance(ballot.range_proof, bc.BitRangeProof) is bits
    check = dict(public_key=K, names=names, minimum=minimum, maximum=maximum, context=CONTEXT)
    parsed = bc.ballot_from_json(bc.ballot_to_json(ballot))
    assert bc.verify_ballot(SMALL, ballot=parsed, protocol=bc.PROTOCOL_3, **check)
    assert bc.verify_ballot(SMALL, ballot=parsed, protocol=bc.PROTOCOL, **check) is not bits
    if names > maximum:
        with pytest.raises(ValueError):
            bc.encrypt_ballot(
                SMALL,
                public_key=K,
                kept=[i <= maximum for i in range(names)],
                minimum=minimum,
                maximum=maximum,
                context=CONTEXT,
                protocol=bc.PROTOCOL_3,
            )


def test_the_bits_cost_less_to_check_only_on_long_lists():
    """The form follows the multiplications a check costs: a 9-name ballot of 7 seats keeps its
    7 branches (21), a 185-name ballot of 161 seats takes 2 x 8 bits (96, not 483)."""
    assert not bc.range_in_bits(protocol=bc.PROTOCOL_3, minimum=1, maximum=7)
    assert bc.range_in_bits(protocol=bc.PROTOCOL_3, minimum=1, maximum=161)
    assert bc.bit_offsets(minimum=1, maximum=161) == (1, -94)
    assert bc.bit_width(minimum=1, maximum=161) == 8
    assert bc.bit_offsets(minimum=1, maximum=16) == (1,)  # 16 - 1 = 2^4 - 1: one offset
    assert not bc.range_in_bits(protocol=bc.PROTOCOL, minimum=1, maximum=161)


def test_a_machine_without_libsodium_s_ristretto255_is_told_at_start(monkeypatch):
    """Every start (Django's checks) warns, in Vietnamese, that the system library is missing."""
    from daihoi.elections import apps, crypto_group

    assert apps.check_ballot_group() == []
    with pytest.raises(crypto_group.SodiumMissing, match="libsodium23"):
        crypto_group.load_sodium(("libsodium-not-here.so.99",))

    def missing():
        raise crypto_group.SodiumMissing(crypto_group.MSG_NO_LIBSODIUM)

    monkeypatch.setattr(crypto_group, "ristretto255", missing)
    [error] = apps.check_ballot_group()
    assert error.id == "daihoi.W002" and "libsodium23" in error.msg


def test_a_machine_without_libdecaf_is_told_its_checks_are_slower(monkeypatch):
    from daihoi.elections import apps, crypto_group

    monkeypatch.setattr(crypto_group, "has_libdecaf", lambda: False)
    [error] = apps.check_ballot_group()
    assert error.id == "daihoi.W003" and "libdecaf0" in error.msg and "chậm hơn" in error.msg


# ---------------------------------------------------------------------------------------------
# The verifier's batch: proofs checked together from the commitments their check computed


def _commitments(group, K, ballot, *, names=3, minimum=1, maximum=2, protocol=bc.PROTOCOL):
    out: list[bytes] = []
    held = bc.verify_ballot(
        group,
        public_key=K,
        ballot=ballot,
        names=names,
        minimum=minimum,
        maximum=maximum,
        context=CONTEXT,
        protocol=protocol,
        commitments=out,
    )
    return held, out


def test_a_ballot_s_check_gives_its_commitments_only_when_it_holds(election):
    group, _, _, K, ballots, _, _ = election
    held, out = _commitments(group, K, ballots[0])
    # three names of two branches and a range over the counts 1 and 2: two commitments each
    assert held and len(out) == 2 * (3 * 2 + 2)
    ct, proof = ballots[0].ciphertexts[0], ballots[0].proofs[0]
    c, r = proof.challenges[1], proof.responses[1]
    assert out[2] == group.commitment(ct.alpha, c, r)  # the first name's branch for 1: g^r/a^c
    assert out[3] == group.commitment(ct.beta, c, r, base=K, shift=1)
    p0 = ballots[0].proofs[0]
    changed = dataclasses.replace(p0, responses=(p0.responses[0] + 1, p0.responses[1]))
    wrong = dataclasses.replace(ballots[0], proofs=(changed, *ballots[0].proofs[1:]))
    assert _commitments(group, K, wrong) == (False, [])


def _tampered(group, K, ballot, commitments, kind, other):
    """One ballot and the commitments published with it, changed as ``kind`` says."""
    size = len(group.identity)
    p0, ct = ballot.proofs[0], ballot.ciphertexts[1]
    if kind == "response":
        proof = dataclasses.replace(
            p0, responses=(p0.responses[0], (p0.responses[1] + 1) % group.order)
        )
        return dataclasses.replace(ballot, proofs=(proof, *ballot.proofs[1:])), commitments
    if kind == "challenges swapped":
        proof = dataclasses.replace(p0, challenges=p0.challenges[::-1])
        return dataclasses.replace(ballot, proofs=(proof, *ballot.proofs[1:])), commitments
    if kind == "ciphertext":
        flipped = bc.Ciphertext(alpha=ct.alpha, beta=group.mul(ct.beta, group.generator))
        cts = (ballot.ciphertexts[0], flipped, *ballot.ciphertexts[2:])
        return dataclasses.replace(ballot, ciphertexts=cts), commitments
    if kind == "a commitment":
        return ballot, commitments[:size] + group.generator + commitments[2 * size :]
    if kind == "another ballot's commitments":
        return ballot, other
    if kind == "commitments cut short":
        return ballot, commitments[:-size]
    return ballot, commitments


KINDS = [
    "none",
    "response",
    "challenges swapped",
    "ciphertext",
    "a commitment",
    "another ballot's commitments",
    "commitments cut short",
]


@settings(max_examples=30, deadline=None)
@given(kinds=st.lists(st.sampled_from(KINDS), min_size=0, max_size=4))
def test_a_batch_holds_exactly_when_every_ballot_it_took_holds(election, kinds):
    """Whatever is changed, in a ballot or in the commitments published with it: a ballot the
    batch does not take is checked alone, and the batch holds exactly when every ballot it
    took does (so a false proof is found either way, and true ones are never refused)."""
    group, _, _, K, ballots, _, _ = election
    published = [b"".join(_commitments(group, K, b)[1]) for b in ballots]
    batch = bc.BatchCheck(group, public_key=K, names=3, minimum=1, maximum=2, context=CONTEXT)
    taken = []
    for i, kind in enumerate(kinds):
        ballot, commitments = _tampered(
            group, K, ballots[i], published[i], kind, published[(i + 1) % len(ballots)]
        )
        if batch.add(ballot, commitments):
            taken.append(ballot)
        assert kind != "none" or taken[-1] is ballot  # a true ballot with its own: taken
        assert kind not in ("a commitment", "commitments cut short") or taken[-1:] != [ballot]
    alone = [
        bc.verify_ballot(
            group, public_key=K, ballot=b, names=3, minimum=1, maximum=2, context=CONTEXT
        )
        for b in taken
    ]
    assert batch.taken == len(taken)
    assert batch.holds() is all(alone)


@settings(max_examples=40, deadline=None)
@given(
    index=st.integers(0, 3),
    kind=st.sampled_from([*KINDS, "random bytes", "nothing sent"]),
    noise=st.binary(max_size=600),
)
def test_the_commitments_a_phone_sends_change_the_check_s_time_never_its_verdict(
    election, index, kind, noise
):
    """The server checks a cast with the commitments its phone sent beside the ballot (a batch
    of one): whatever is sent, true, changed, another ballot's, cut short, random, or nothing,
    and whatever is changed in the ballot, the check gives what it gives without them: None for
    a false ballot, the ballot's own commitments for a true one."""
    group, _, _, K, ballots, _, _ = election
    shape = dict(public_key=K, names=3, minimum=1, maximum=2, context=CONTEXT)
    published = [bc.checked_commitments(group, ballot=b, **shape) for b in ballots]
    assert all(published)
    ballot, sent = _tampered(
        group, K, ballots[index], published[index], kind, published[(index + 1) % len(ballots)]
    )
    if kind == "random bytes":
        sent = noise
    elif kind == "nothing sent":
        sent = None
    expected = bc.checked_commitments(group, ballot=ballot, **shape)
    assert bc.checked_commitments(group, ballot=ballot, sent=sent, **shape) == expected
    assert (expected is None) == (kind in ("response", "challenges swapped", "ciphertext"))


@pytest.mark.parametrize("group", [RISTRETTO, SMALL], ids=["ristretto255", "small"])
def test_a_batch_checks_protocol_3_s_bits_and_finds_a_changed_bit(group):
    _, _, K = _ceremony(group, n=1, k=1)
    shape = dict(names=40, minimum=1, maximum=30, protocol=bc.PROTOCOL_3)
    ballots = [
        bc.encrypt_ballot(
            group,
            public_key=K,
            kept=[i < count for i in range(40)],
            minimum=1,
            maximum=30,
            context=CONTEXT,
            protocol=bc.PROTOCOL_3,
        )
        for count in (1, 17, 30)
    ]
    assert all(isinstance(b.range_proof, bc.BitRangeProof) for b in ballots)
    published = [b"".join(_commitments(group, K, b, **shape)[1]) for b in ballots]

    def batch_of(ballots_):
        batch = bc.BatchCheck(group, public_key=K, context=CONTEXT, **shape)
        assert all(batch.add(b, c) for b, c in zip(ballots_, published, strict=True))
        return batch.holds()

    assert batch_of(ballots)
    # the last bit's proof of the middle ballot answers with another response
    rp = ballots[1].range_proof
    last = rp.proofs[0][-1]
    changed = dataclasses.replace(last, responses=(last.responses[0], last.responses[1] + 1))
    proofs = ((*rp.proofs[0][:-1], changed), *rp.proofs[1:])
    altered = dataclasses.replace(ballots[1], range_proof=dataclasses.replace(rp, proofs=proofs))
    assert not batch_of([ballots[0], altered, ballots[2]])
