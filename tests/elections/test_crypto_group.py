"""ristretto255's verifications on libdecaf (daihoi.elections.crypto_group): the same answers as
libsodium alone, byte for byte, refusals included, from any thread."""

import contextlib
from concurrent.futures import ThreadPoolExecutor
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from daihoi.elections import crypto_group
from daihoi.elections.crypto_group import L, ristretto255, sodium_ristretto255
from daihoi.rules import ballot_crypto as bc

DECAF = ristretto255()
SODIUM = sodium_ristretto255()
KEY = SODIUM.base_power(2**200 + 12345)
#: RFC 9496 A.2's invalid encodings (not the identity), a short and a long string, not bytes
INVALID = [
    bytes.fromhex("00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
    bytes.fromhex("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
    bytes.fromhex("f3ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
    bytes.fromhex("0100000000000000000000000000000000000000000000000000000000000000"),
    bytes(31),
    bytes(33),
    "00" * 32,
]

exponents = st.one_of(st.integers(min_value=0, max_value=L - 1), st.sampled_from([0, 1, 2, L - 1]))
elements = st.one_of(
    st.integers(min_value=1, max_value=L - 1).map(SODIUM.base_power),
    st.sampled_from([SODIUM.identity, SODIUM.generator, KEY, *INVALID]),
)


def _answer(fn):
    try:
        return fn()
    except bc.CryptoError as error:
        return ("refused", str(error))


def test_ristretto255_verifies_on_libdecaf_where_the_system_has_it():
    # scripts/system-deps installs libdecaf0: CI and make run check on it
    assert crypto_group.has_libdecaf()
    assert isinstance(DECAF, crypto_group.DecafRistretto255Group)
    assert DECAF.generator == SODIUM.generator and DECAF.order == SODIUM.order


@settings(max_examples=300, deadline=None)
@given(
    x=elements,
    e=exponents,
    response=exponents,
    base=st.sampled_from([None, KEY, SODIUM.generator, SODIUM.identity]),
    shift=st.sampled_from([0, 1, 2, 161, -3]),
    checked=st.booleans(),
)
def test_a_commitment_is_libsodiums_or_refused_as_libsodium_refuses_it(
    x, e, response, base, shift, checked
):
    def on(group):
        return _answer(
            lambda: group.commitment(x, e, response, base=base, shift=shift, checked=checked)
        )

    assert on(DECAF) == on(SODIUM)


@settings(max_examples=200, deadline=None)
@given(xs=st.lists(elements, max_size=6))
def test_a_product_is_libsodiums_or_refused_as_libsodium_refuses_it(xs):
    assert _answer(lambda: DECAF.product(xs)) == _answer(lambda: SODIUM.product(xs))


def test_a_base_multiplied_again_is_multiplied_from_its_table_with_the_same_answers():
    base = SODIUM.base_power(987654321)
    x = SODIUM.base_power(5)
    expected = [SODIUM.commitment(x, e, e + 1, base=base) for e in range(2, 7)]
    assert [DECAF.commitment(x, e, e + 1, base=base) for e in range(2, 7)] == expected
    assert base in DECAF._tables  # built at its second use


def test_the_points_kept_decoded_are_the_last_ones_and_bounded(monkeypatch):
    monkeypatch.setattr(crypto_group, "_DECAF_POINTS", 4)
    group = crypto_group.DecafRistretto255Group(crypto_group._decaf())
    xs = [SODIUM.base_power(i + 2) for i in range(19)]
    answers = [group.commitment(x, 3, 5, checked=True) for x in xs]
    assert answers == [SODIUM.commitment(x, 3, 5) for x in xs]
    kept = {**group._older, **group._points}
    assert 4 <= len(kept) <= 8
    assert set(xs[-4:]) <= kept.keys()
    # a refused encoding takes no decoded point for good
    spare = len(group._spare)
    with pytest.raises(bc.CryptoError):
        group.commitment(INVALID[0], 3, 5, checked=True)
    assert len(group._spare) == spare


def test_threads_sharing_the_group_get_their_own_answers():
    # the app's threads share one group; each has its own working buffers
    cases = [(SODIUM.base_power(i + 2), 3 * i + 1, 7 * i + 5) for i in range(64)]
    expected = [SODIUM.commitment(x, e, r, base=KEY, shift=1) for x, e, r in cases]

    def run(_):
        return [DECAF.commitment(x, e, r, base=KEY, shift=1) for x, e, r in cases]

    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(run, range(8)))
    assert all(answer == expected for answer in answers)


def _a_sum_answered_otherwise(monkeypatch):
    real = crypto_group.DecafRistretto255Group.product
    monkeypatch.setattr(
        crypto_group.DecafRistretto255Group,
        "product",
        lambda self, xs: bytes(32) if len(list(xs)) == 2 else real(self, xs),
    )


def _scalars_laid_out_otherwise(monkeypatch):
    real = crypto_group.DecafRistretto255Group._scalar
    monkeypatch.setattr(
        crypto_group.DecafRistretto255Group,
        "_scalar",
        lambda self, out, e: real(self, out, int.from_bytes((e % L).to_bytes(32), "little")),
    )


def _doublings_answered_otherwise(monkeypatch):
    # a combination answered otherwise (as a library whose doubling disagrees with its
    # addition would answer)
    real = crypto_group._DecafCombination.value
    monkeypatch.setattr(
        crypto_group._DecafCombination,
        "value",
        lambda self: SODIUM.mul(real(self), SODIUM.generator),
    )


@pytest.mark.parametrize(
    "otherwise",
    [_a_sum_answered_otherwise, _scalars_laid_out_otherwise, _doublings_answered_otherwise],
)
def test_a_library_that_computes_otherwise_is_not_used(monkeypatch, otherwise):
    # the check made before libdecaf is used: one operation answered otherwise, or scalars
    # laid out otherwise than they are written, and it is not
    otherwise(monkeypatch)
    crypto_group._decaf.cache_clear()
    try:
        assert crypto_group._decaf() is None
    finally:
        monkeypatch.undo()
        crypto_group._decaf.cache_clear()
    assert crypto_group._decaf() is not None


@pytest.mark.parametrize("names", [("libdecaf.so.0",), ("no-such-library.so.9",)])
def test_a_system_without_libdecaf_is_found_to_have_none(monkeypatch, names):
    monkeypatch.setattr(crypto_group, "_DECAF_NAMES", names)
    crypto_group._decaf.cache_clear()
    try:
        found = crypto_group._decaf()
    finally:
        monkeypatch.undo()
        crypto_group._decaf.cache_clear()
    assert (found is not None) == (names == ("libdecaf.so.0",))


terms = st.lists(st.tuples(elements.filter(lambda x: x not in INVALID), exponents), max_size=40)
#: The bucket method's loop: compiled from decaf_buckets.c (``make env``), or in Python
LOOPS = pytest.mark.parametrize("loop", ["compiled", "python"])


@contextlib.contextmanager
def _loop(kind):
    if kind == "compiled":
        assert crypto_group._compiled_loop() is not None
        yield
        return
    with mock.patch.object(crypto_group, "_compiled_loop", lambda: None):
        yield


def test_the_bucket_loop_is_compiled_where_make_env_ran():
    # `make env` compiles src/daihoi/elections/decaf_buckets.c: CI and make run use it
    assert crypto_group._compiled_loop() is not None


@LOOPS
@settings(max_examples=150, deadline=None)
@given(first=terms, second=terms, keep=st.integers(0, 3))
def test_a_combination_is_libsodiums_product_of_powers(loop, first, second, keep):
    # the bucket method over two extends, the first terms kept decoded, duplicates and the
    # identity among them; libsodium's powers one at a time give the answer
    def on(group):
        combination = group.combination()
        combination.extend(first, keep=min(keep, len(first)))
        combination.extend(second)
        return combination.value()

    with _loop(loop):
        assert on(DECAF) == on(SODIUM)


@LOOPS
@pytest.mark.parametrize("size", [1, 2, 200, 1000, 3000])
def test_a_combination_of_many_terms_uses_wider_windows_with_the_same_answer(loop, size):
    # the window grows with the number of terms (1 bit to 6 here); long and short exponents
    points = [SODIUM.base_power(7 * i + 3) for i in range(size)]
    exponents_ = [(L - 1 - i) if i % 3 else (2**128 + i) for i in range(size)]
    combination = DECAF.combination()
    combination.extend(list(zip(points, exponents_, strict=True)))
    expected = SODIUM.product(SODIUM.power(x, e) for x, e in zip(points, exponents_, strict=True))
    with _loop(loop):
        assert combination.value() == expected


@pytest.mark.parametrize("bad", INVALID)
def test_a_combination_refuses_an_invalid_element_and_takes_none_of_its_terms(bad):
    combination = DECAF.combination()
    combination.extend([(KEY, 5)])
    with pytest.raises(bc.CryptoError):
        combination.extend([(SODIUM.generator, 3), (bad, 2)], keep=1)
    with pytest.raises(bc.CryptoError):
        combination.extend([(bad, 2), (SODIUM.generator, 3)], keep=1)
    assert combination.value() == SODIUM.power(KEY, 5)
