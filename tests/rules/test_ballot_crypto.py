"""The encrypted phone ballot's cryptographic core (issue 13): daihoi.rules.ballot_crypto."""

import dataclasses
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from daihoi.rules import ballot_crypto as bc

# A 127-bit safe prime (p = 7 mod 8, so g = 2 has order q) for the fast property tests only; the
# real group is exercised by the round-trip tests below.
SMALL = bc.Group(
    name="test-127",
    p=170141183460469231731687303715884114527,
    q=85070591730234615865843651857942057263,
    g=2,
)
CONTEXT = ["round", 7]


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


@pytest.mark.parametrize("group", [bc.FFDHE2048, SMALL], ids=["ffdhe2048", "small"])
def test_group_is_a_safe_prime_and_g_generates_the_order_q_subgroup(group):
    assert group.p == 2 * group.q + 1
    assert _miller_rabin(group.p) and _miller_rabin(group.q)
    assert pow(group.g, group.q, group.p) == 1 and group.g != 1


def test_ffdhe2048_is_the_rfc_7919_prime():
    p = bc.FFDHE2048.p
    assert p.bit_length() == 2048
    assert (
        p >> 1984 == (1 << 64) - 1 and p & ((1 << 64) - 1) == (1 << 64) - 1
    )  # leading and trailing 64 ones
    assert hex(p)[2:34].upper() == "FFFFFFFFFFFFFFFFADF85458A2BB4A9A"


def test_elements_outside_the_subgroup_are_refused():
    g = bc.FFDHE2048
    non_residue = g.p - 1  # -1 is not a square mod p when p = 3 mod 4: order 2
    for bad in (0, 1 - 1, g.p, g.p + 4, -4, non_residue, True, "4"):
        assert not bc.is_member(g, bad)
    assert bc.is_member(g, 4) and bc.is_member(g, 1)
    with pytest.raises(bc.CryptoError, match=bc.ERROR_NOT_IN_GROUP):
        bc.require_member(g, non_residue)


def test_full_round_trip_on_the_real_group_2_of_3():
    g = bc.FFDHE2048
    commitments, keys, K = _ceremony(g, n=3, k=2)
    votes = [[True, False, True, False], [True, True, False, False], [False, False, True, True]]
    ballots = [
        bc.encrypt_ballot(g, public_key=K, kept=v, minimum=1, maximum=2, context=CONTEXT)
        for v in votes
    ]
    for b in ballots:
        assert bc.verify_ballot(
            g, public_key=K, ballot=b, names=4, minimum=1, maximum=2, context=CONTEXT
        )
    sums = bc.tally(g, ballots=ballots, names=4)
    partials = [
        bc.partial_decrypt(g, member=m, key_share=keys[m], sums=sums, context=CONTEXT)
        for m in (3, 1)
    ]
    for pd in partials:
        vk = bc.verification_key(g, member=pd.member, commitments=commitments)
        assert bc.verify_partial(g, partial=pd, verification=vk, sums=sums, context=CONTEXT)
    assert bc.combine_decryption(
        g, sums=sums, partials=partials, threshold=2, limit=len(ballots)
    ) == (2, 1, 2, 1)


@pytest.fixture(scope="module")
def election():
    commitments, keys, K = _ceremony(SMALL, n=4, k=3)
    votes = [[True, False, True], [True, True, False], [False, False, True], [True, False, False]]
    ballots = [
        bc.encrypt_ballot(SMALL, public_key=K, kept=v, minimum=1, maximum=2, context=CONTEXT)
        for v in votes
    ]
    sums = bc.tally(SMALL, ballots=ballots, names=3)
    partials = {
        m: bc.partial_decrypt(SMALL, member=m, key_share=keys[m], sums=sums, context=CONTEXT)
        for m in keys
    }
    return commitments, keys, K, ballots, sums, partials


def test_any_k_of_n_members_decrypt_the_same_totals(election):
    _commitments, _, _, ballots, sums, partials = election
    for subset in itertools.combinations(sorted(partials), 3):
        chosen = [partials[m] for m in subset]
        assert bc.combine_decryption(
            SMALL, sums=sums, partials=chosen, threshold=3, limit=len(ballots)
        ) == (3, 1, 2)


def test_below_the_threshold_decryption_is_refused_and_a_lower_degree_guess_is_wrong(election):
    _, _keys, _, ballots, sums, partials = election
    with pytest.raises(bc.CryptoError, match="Cần ít nhất 3"):
        bc.combine_decryption(
            SMALL, sums=sums, partials=[partials[1], partials[2]], threshold=3, limit=len(ballots)
        )
    # Two shares treated as if two were enough do not give the totals (the polynomial has degree 2).
    with pytest.raises(bc.CryptoError, match="Tổng không tìm được"):
        bc.combine_decryption(
            SMALL, sums=sums, partials=[partials[1], partials[2]], threshold=2, limit=len(ballots)
        )


def test_a_member_counted_twice_is_refused(election):
    _, _, _, _ballots, sums, partials = election
    with pytest.raises(bc.CryptoError, match=bc.ERROR_DUPLICATE_MEMBER):
        bc.combine_decryption(
            SMALL, sums=sums, partials=[partials[1], partials[1], partials[2]], threshold=3, limit=4
        )


def test_a_wrong_partial_decryption_is_detected(election):
    commitments, _keys, _, _, sums, partials = election
    good = partials[2]
    vk = bc.verification_key(SMALL, member=2, commitments=commitments)
    assert bc.verify_partial(SMALL, partial=good, verification=vk, sums=sums, context=CONTEXT)
    forged_share = good.shares[0] * SMALL.g % SMALL.p
    bad = dataclasses.replace(good, shares=(forged_share, *good.shares[1:]))
    assert not bc.verify_partial(SMALL, partial=bad, verification=vk, sums=sums, context=CONTEXT)
    # Member 1's honest partial presented as member 2's.
    assert not bc.verify_partial(
        SMALL,
        partial=dataclasses.replace(partials[1], member=2),
        verification=vk,
        sums=sums,
        context=CONTEXT,
    )


def test_a_share_that_does_not_match_the_commitments_is_refused(election):
    _commitments, *_ = election
    secret, commitment = bc.member_generate(SMALL, index=1, threshold=2, context=CONTEXT)
    share = bc.share_for(SMALL, secret=secret, recipient=2)
    assert bc.verify_share(SMALL, share=share, recipient=2, commitment=commitment)
    assert not bc.verify_share(
        SMALL, share=(share + 1) % SMALL.q, recipient=2, commitment=commitment
    )
    assert not bc.verify_share(SMALL, share=share, recipient=3, commitment=commitment)


def test_a_schnorr_proof_for_another_key_or_context_is_refused():
    _, commitment = bc.member_generate(SMALL, index=1, threshold=2, context=CONTEXT)
    assert not bc.verify_member_commitment(
        SMALL, commitment=commitment, threshold=2, context=["round", 8]
    )
    swapped = dataclasses.replace(commitment, proofs=commitment.proofs[::-1])
    assert not bc.verify_member_commitment(SMALL, commitment=swapped, threshold=2, context=CONTEXT)
    outside = dataclasses.replace(commitment, commitments=(SMALL.p - 1, commitment.commitments[1]))
    assert not bc.verify_member_commitment(SMALL, commitment=outside, threshold=2, context=CONTEXT)


def test_a_ballot_altered_on_the_server_is_refused(election):
    _, _, K, ballots, _, _ = election
    b = ballots[0]
    assert bc.verify_ballot(
        SMALL, public_key=K, ballot=b, names=3, minimum=1, maximum=2, context=CONTEXT
    )
    # Re-encrypting a name (so its 0 becomes a 1) breaks the proofs.
    ct = b.ciphertexts[1]
    flipped = bc.Ciphertext(alpha=ct.alpha, beta=ct.beta * SMALL.g % SMALL.p)
    altered = dataclasses.replace(b, ciphertexts=(b.ciphertexts[0], flipped, b.ciphertexts[2]))
    assert not bc.verify_ballot(
        SMALL, public_key=K, ballot=altered, names=3, minimum=1, maximum=2, context=CONTEXT
    )
    # A tampered response, a ballot moved to another round, a name dropped: refused.
    p0 = b.proofs[0]
    tampered = dataclasses.replace(p0, responses=((p0.responses[0] + 1) % SMALL.q, p0.responses[1]))
    assert not bc.verify_ballot(
        SMALL,
        public_key=K,
        ballot=dataclasses.replace(b, proofs=(tampered, *b.proofs[1:])),
        names=3,
        minimum=1,
        maximum=2,
        context=CONTEXT,
    )
    assert not bc.verify_ballot(
        SMALL, public_key=K, ballot=b, names=3, minimum=1, maximum=2, context=["round", 8]
    )
    # A swap of two names' ciphertexts with their proofs is caught (each proof binds its position).
    swapped = dataclasses.replace(
        b,
        ciphertexts=(b.ciphertexts[1], b.ciphertexts[0], b.ciphertexts[2]),
        proofs=(b.proofs[1], b.proofs[0], b.proofs[2]),
    )
    assert not bc.verify_ballot(
        SMALL, public_key=K, ballot=swapped, names=3, minimum=1, maximum=2, context=CONTEXT
    )


def _forged_ballot(K, values, *, minimum, maximum):
    """A cheating phone: values outside 0/1 or a sum out of bounds, proofs made anyway."""
    cts, proofs, rs = [], [], []
    for i, m in enumerate(values):
        ct, r = bc.encrypt(SMALL, public_key=K, message=m)
        cts.append(ct)
        rs.append(r)
        allowed = (0, 1, m) if m not in (0, 1) else (0, 1)
        proof = bc.prove_one_of(
            SMALL,
            public_key=K,
            ct=ct,
            nonce=r,
            value=m,
            values=allowed,
            context=[CONTEXT, "name", i],
        )
        proofs.append(
            bc.DisjunctiveProof(challenges=proof.challenges[:2], responses=proof.responses[:2])
        )
    total = sum(values)
    allowed = tuple(range(minimum, maximum + 1)) + (
        (total,) if not minimum <= total <= maximum else ()
    )
    rp = bc.prove_one_of(
        SMALL,
        public_key=K,
        ct=bc.multiply(SMALL, cts),
        nonce=sum(rs) % SMALL.q,
        value=total,
        values=allowed,
        context=[CONTEXT, "sum"],
    )
    rp = bc.DisjunctiveProof(
        challenges=rp.challenges[: maximum - minimum + 1],
        responses=rp.responses[: maximum - minimum + 1],
    )
    return bc.EncryptedBallot(ciphertexts=tuple(cts), proofs=tuple(proofs), range_proof=rp)


def test_a_name_counted_twice_or_more_names_kept_than_seats_is_refused(election):
    _, _, K, *_ = election
    twice = _forged_ballot(K, [2, 0, 0], minimum=1, maximum=2)
    assert not bc.verify_ballot(
        SMALL, public_key=K, ballot=twice, names=3, minimum=1, maximum=2, context=CONTEXT
    )
    too_many = _forged_ballot(K, [1, 1, 1], minimum=1, maximum=2)
    assert not bc.verify_ballot(
        SMALL, public_key=K, ballot=too_many, names=3, minimum=1, maximum=2, context=CONTEXT
    )
    none_kept = _forged_ballot(K, [0, 0, 0], minimum=1, maximum=2)
    assert not bc.verify_ballot(
        SMALL, public_key=K, ballot=none_kept, names=3, minimum=1, maximum=2, context=CONTEXT
    )
    with pytest.raises(ValueError, match="Giới hạn số tên"):
        bc.encrypt_ballot(
            SMALL, public_key=K, kept=[True, True, True], minimum=1, maximum=2, context=CONTEXT
        )


def test_a_ciphertext_outside_the_subgroup_is_refused(election):
    _, _, K, ballots, _, _ = election
    b = ballots[0]
    ct = b.ciphertexts[0]
    outside = bc.Ciphertext(alpha=SMALL.p - ct.alpha, beta=ct.beta)  # -alpha: order 2q
    altered = dataclasses.replace(b, ciphertexts=(outside, *b.ciphertexts[1:]))
    assert not bc.verify_ballot(
        SMALL, public_key=K, ballot=altered, names=3, minimum=1, maximum=2, context=CONTEXT
    )
    with pytest.raises(bc.CryptoError, match=bc.ERROR_NOT_IN_GROUP):
        bc.partial_decrypt(SMALL, member=1, key_share=5, sums=[outside], context=CONTEXT)


def test_the_board_chain_gives_tracking_codes_and_detects_any_change(election):
    *_, ballots, _, _ = election
    previous = bc.board_genesis(SMALL, context=CONTEXT)
    codes = []
    for b in ballots:
        previous = bc.board_entry(previous=previous, ballot=b)
        codes.append(previous)
    assert len(set(codes)) == len(codes) and all(len(c) == 64 for c in codes)
    assert bc.verify_board(SMALL, context=CONTEXT, ballots=ballots, hashes=codes)
    assert not bc.verify_board(
        SMALL, context=CONTEXT, ballots=[ballots[1], ballots[0], *ballots[2:]], hashes=codes
    )
    assert not bc.verify_board(SMALL, context=CONTEXT, ballots=ballots[:-1], hashes=codes)
    assert not bc.verify_board(SMALL, context=["round", 8], ballots=ballots, hashes=codes)


def test_the_hash_encoding_is_unambiguous():
    assert bc.hash_bytes("d", "ab", "c") != bc.hash_bytes("d", "a", "bc")
    assert bc.hash_bytes("d", [1, 2]) != bc.hash_bytes("d", 1, 2)
    assert bc.hash_bytes("d", 1) != bc.hash_bytes("d", "1") != bc.hash_bytes("d", b"\x01")
    assert bc.hash_bytes("d1", 1) != bc.hash_bytes("d2", 1)


@settings(max_examples=15, deadline=None)
@given(
    votes=st.lists(st.lists(st.booleans(), min_size=4, max_size=4), min_size=1, max_size=6),
    n_k=st.sampled_from([(1, 1), (3, 2), (4, 2), (5, 3)]),
    data=st.data(),
)
def test_encrypted_tally_equals_the_clear_count(votes, n_k, data):
    n, k = n_k
    commitments, keys, K = _ceremony(SMALL, n=n, k=k)
    ballots = []
    for v in votes:
        b = bc.encrypt_ballot(SMALL, public_key=K, kept=v, minimum=0, maximum=4, context=CONTEXT)
        assert bc.verify_ballot(
            SMALL, public_key=K, ballot=b, names=4, minimum=0, maximum=4, context=CONTEXT
        )
        ballots.append(b)
    sums = bc.tally(SMALL, ballots=ballots, names=4)
    subset = data.draw(st.permutations(sorted(keys)))[:k]
    partials = [
        bc.partial_decrypt(SMALL, member=m, key_share=keys[m], sums=sums, context=CONTEXT)
        for m in subset
    ]
    for pd in partials:
        vk = bc.verification_key(SMALL, member=pd.member, commitments=commitments)
        assert bc.verify_partial(SMALL, partial=pd, verification=vk, sums=sums, context=CONTEXT)
    clear = tuple(sum(1 for v in votes if v[i]) for i in range(4))
    assert (
        bc.combine_decryption(SMALL, sums=sums, partials=partials, threshold=k, limit=len(votes))
        == clear
    )


@settings(max_examples=20, deadline=None)
@given(bits=st.integers(min_value=0, max_value=255), position=st.integers(min_value=0, max_value=2))
def test_any_single_bit_flip_in_a_proof_is_refused(election, bits, position):
    _, _, K, ballots, _, _ = election
    b = ballots[0]
    proof = b.proofs[position]
    flipped = dataclasses.replace(
        proof, challenges=(proof.challenges[0] ^ (1 << bits), proof.challenges[1])
    )
    altered = dataclasses.replace(
        b, proofs=tuple(flipped if i == position else p for i, p in enumerate(b.proofs))
    )
    assert not bc.verify_ballot(
        SMALL, public_key=K, ballot=altered, names=3, minimum=1, maximum=2, context=CONTEXT
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
