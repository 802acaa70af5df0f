"""The groups of the encrypted phone ballot (issue 13), on libsodium's audited core operations:
ristretto255 (RFC 9496) for the rounds keyed from protocol 3 on, edwards25519's prime-order
subgroup for the rounds keyed before (protocol 2), whose ballots and records stay readable.

``ristretto255()``: libsodium's ``crypto_core_ristretto255_*`` and
``crypto_scalarmult_ristretto255`` (Debian's libsodium, loaded with cffi's ABI mode: PyNaCl's
binding declares no ristretto255 function). A ristretto255 element is an element of the
prime-order group by construction, so its multiplication makes no subgroup check: 58 us against
edwards25519's 99 us with its check (docs/ballot-crypto.md, "Group"). Its encoding is canonical
(libsodium's decoding refuses any other), so two elements are equal exactly when their bytes
are. Where the system has libdecaf (Debian's libdecaf0), the checks' hot path, ``commitment``
and ``product``, runs on it (``DecafRistretto255Group``), with libsodium's answers.

``ED25519``: edwards25519 through PyNaCl's own cffi binding (``nacl._sodium``, which
``nacl.bindings`` wraps).

``daihoi.rules.ballot_crypto`` holds the protocol and is pure; it receives this group as its
``Group``. Elements are the standard 32-byte compressed encodings (RFC 8032), which the phone's
@noble/curves produces byte for byte. Every point received is validated by
``crypto_core_ed25519_is_valid_point``: canonical encoding, on the curve, in the prime-order
subgroup (no torsion component) and not of small order (so not the identity). Scalar
multiplications use the ``noclamp`` variants (the exponent is used as is, reduced mod the group
order L); libsodium refuses a zero scalar and the identity as input, which ``power`` and
``base_power`` answer with the identity themselves.
"""

from __future__ import annotations

import bisect
import ctypes.util
import threading
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any, Final

from cffi import FFI  # type: ignore[import-untyped]

# PyNaCl's own cffi binding of libsodium: the very functions ``nacl.bindings`` wraps, called
# without the wrapper's per-call checks (a third of an addition's cost; every input's type and
# length is checked here instead, before libsodium reads 32 bytes of it).
from nacl._sodium import ffi, lib  # type: ignore[import-untyped]

from daihoi.rules.ballot_crypto import (
    ERROR_NOT_IN_GROUP,
    Combination,
    ComposedOperations,
    CryptoError,
    Group,
)

#: The order of edwards25519's prime-order subgroup (RFC 8032 section 5.1: L).
L: Final = 2**252 + 27742317777372353535851937790883648493
_IDENTITY: Final = b"\x01" + bytes(31)
_SIZE: Final = 32


def _scalar(e: int) -> bytes:
    return (e % L).to_bytes(_SIZE, "little")


def _point(x: object) -> bytes:
    if not isinstance(x, bytes) or len(x) != _SIZE:
        raise CryptoError(ERROR_NOT_IN_GROUP)
    return x


class Ed25519Group(ComposedOperations):
    """``daihoi.rules.ballot_crypto.Group`` on edwards25519 (multiplicative notation: ``mul`` is
    point addition, ``power`` scalar multiplication)."""

    __slots__ = ()

    name: Final = "ed25519"
    order: Final = L
    identity: Final = _IDENTITY
    #: The RFC 8032 base point B (y = 4/5).
    generator: Final = bytes.fromhex(
        "5866666666666666666666666666666666666666666666666666666666666666"
    )

    def is_element(self, x: object) -> bool:
        return (
            isinstance(x, bytes)
            and len(x) == _SIZE
            and lib.crypto_core_ed25519_is_valid_point(x) == 1
        )

    def base_power(self, e: int) -> bytes:
        if e % L == 0:
            return _IDENTITY
        out = ffi.new("unsigned char[]", _SIZE)
        if lib.crypto_scalarmult_ed25519_base_noclamp(out, _scalar(e)) != 0:  # never for e < L
            raise CryptoError(ERROR_NOT_IN_GROUP)
        return bytes(ffi.buffer(out, _SIZE))

    def power(self, x: bytes, e: int) -> bytes:
        if e % L == 0 or x == _IDENTITY:
            return _IDENTITY
        return self.checked_power(x, e)

    def checked_power(self, x: bytes, e: int) -> bytes:
        """x^e, refusing an x that is not an element: libsodium's multiplication checks its
        input as ``crypto_core_ed25519_is_valid_point`` does (canonical encoding, on the curve,
        not of small order, so not the identity, in the prime-order subgroup) before it
        multiplies, so the validation costs nothing more (tests/elections/test_crypto_group.py
        pins that it refuses what ``is_element`` refuses)."""
        if e % L == 0:  # libsodium refuses a zero scalar: validate alone
            if not self.is_element(x):
                raise CryptoError(ERROR_NOT_IN_GROUP)
            return _IDENTITY
        out = ffi.new("unsigned char[]", _SIZE)
        if lib.crypto_scalarmult_ed25519_noclamp(out, _scalar(e), _point(x)) != 0:
            raise CryptoError(ERROR_NOT_IN_GROUP)
        return bytes(ffi.buffer(out, _SIZE))

    def mul(self, x: bytes, y: bytes) -> bytes:
        out = ffi.new("unsigned char[]", _SIZE)
        if lib.crypto_core_ed25519_add(out, _point(x), _point(y)) != 0:  # not on the curve
            raise CryptoError(ERROR_NOT_IN_GROUP)
        return bytes(ffi.buffer(out, _SIZE))

    def div(self, x: bytes, y: bytes) -> bytes:
        out = ffi.new("unsigned char[]", _SIZE)
        if lib.crypto_core_ed25519_sub(out, _point(x), _point(y)) != 0:
            raise CryptoError(ERROR_NOT_IN_GROUP)
        return bytes(ffi.buffer(out, _SIZE))


#: The group of the rounds keyed before protocol 3 (their ballots and records still verify).
ED25519: Final[Group] = Ed25519Group()


# --- ristretto255 ---

_RISTRETTO_CDEF: Final = """
int sodium_init(void);
int crypto_core_ristretto255_is_valid_point(const unsigned char *p);
int crypto_core_ristretto255_add(unsigned char *r, const unsigned char *p, const unsigned char *q);
int crypto_core_ristretto255_sub(unsigned char *r, const unsigned char *p, const unsigned char *q);
int crypto_scalarmult_ristretto255(unsigned char *q, const unsigned char *n,
                                   const unsigned char *p);
int crypto_scalarmult_ristretto255_base(unsigned char *q, const unsigned char *n);
"""
#: The shared library's names tried in turn: Debian's package libsodium23 (1.0.18, the first
#: release with ristretto255), then whatever the system's loader finds.
_SODIUM_NAMES: Final = ("libsodium.so.23", "libsodium.so.26", "sodium")
MSG_NO_LIBSODIUM: Final = (
    "Không tìm thấy thư viện libsodium của hệ thống (gói libsodium23), cần cho nhóm "
    "ristretto255 của phiếu mã hoá."
)


class SodiumMissing(ImportError):
    """The system's libsodium (with ristretto255) cannot be loaded."""


@cache
def _sodium() -> tuple[Any, Any]:
    return load_sodium(_SODIUM_NAMES)


def _libraries(ffi: Any, names: tuple[str, ...], *, short: str, symbol: str) -> Iterator[Any]:
    """Each of ``names`` that the system loads and that has ``symbol``, in turn (``short``:
    the name the system's loader is asked for, rather than a file name)."""
    for name in names:
        path = ctypes.util.find_library(name) if name == short else name
        if path is None:
            continue
        try:
            library = ffi.dlopen(path)
            getattr(library, symbol)
        except (OSError, AttributeError):
            continue
        yield library


def load_sodium(names: tuple[str, ...]) -> tuple[Any, Any]:
    """cffi's handle on the first of ``names`` that loads and has ristretto255 (a library
    older than 1.0.18 lacks it)."""
    ffi = FFI()
    ffi.cdef(_RISTRETTO_CDEF)
    for library in _libraries(ffi, names, short="sodium", symbol="crypto_scalarmult_ristretto255"):
        if library.sodium_init() >= 0:  # 0 done now, 1 done before: both fine
            return ffi, library
    raise SodiumMissing(MSG_NO_LIBSODIUM, name="libsodium")


#: 32 zero bytes: ristretto255's encoding of the identity (a valid encoding, never a valid
#: received element here).
_RISTRETTO_IDENTITY: Final = bytes(_SIZE)


class Ristretto255Group(ComposedOperations):
    """``daihoi.rules.ballot_crypto.Group`` on ristretto255 (RFC 9496), multiplicative notation.

    ``is_element``: libsodium's decoding accepts exactly the canonical encodings of the group's
    elements; the identity is refused apart. ``checked_power`` is one multiplication: libsodium
    decodes its input (refusing a non-canonical or invalid encoding) and refuses an identity
    result, which for a non-zero exponent below L means an identity input.
    """

    __slots__ = ("_ffi", "_lib")

    name: Final = "ristretto255"
    order: Final = L
    identity: Final = _RISTRETTO_IDENTITY
    #: RFC 9496 section 4.4's generator (the image of edwards25519's B).
    generator: Final = bytes.fromhex(
        "e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76"
    )

    def __init__(self) -> None:
        self._ffi, self._lib = _sodium()

    def __reduce__(self) -> tuple[Any, tuple[()]]:
        # sent to the verifier's worker processes as "the group", which loads libsodium there
        return sodium_ristretto255, ()

    def is_element(self, x: object) -> bool:
        return (
            isinstance(x, bytes)
            and len(x) == _SIZE
            and x != _RISTRETTO_IDENTITY
            and self._lib.crypto_core_ristretto255_is_valid_point(x) == 1
        )

    def base_power(self, e: int) -> bytes:
        if e % L == 0:
            return _RISTRETTO_IDENTITY
        out = self._ffi.new("unsigned char[]", _SIZE)
        if self._lib.crypto_scalarmult_ristretto255_base(out, _scalar(e)) != 0:  # never, e < L
            raise CryptoError(ERROR_NOT_IN_GROUP)
        return bytes(self._ffi.buffer(out, _SIZE))

    def power(self, x: bytes, e: int) -> bytes:
        if e % L == 0 or x == _RISTRETTO_IDENTITY:
            return _RISTRETTO_IDENTITY
        return self.checked_power(x, e)

    def checked_power(self, x: bytes, e: int) -> bytes:
        if e % L == 0:
            if not self.is_element(x):
                raise CryptoError(ERROR_NOT_IN_GROUP)
            return _RISTRETTO_IDENTITY
        out = self._ffi.new("unsigned char[]", _SIZE)
        if self._lib.crypto_scalarmult_ristretto255(out, _scalar(e), _point(x)) != 0:
            raise CryptoError(ERROR_NOT_IN_GROUP)
        return bytes(self._ffi.buffer(out, _SIZE))

    def mul(self, x: bytes, y: bytes) -> bytes:
        out = self._ffi.new("unsigned char[]", _SIZE)
        if self._lib.crypto_core_ristretto255_add(out, _point(x), _point(y)) != 0:
            raise CryptoError(ERROR_NOT_IN_GROUP)
        return bytes(self._ffi.buffer(out, _SIZE))

    def div(self, x: bytes, y: bytes) -> bytes:
        out = self._ffi.new("unsigned char[]", _SIZE)
        if self._lib.crypto_core_ristretto255_sub(out, _point(x), _point(y)) != 0:
            raise CryptoError(ERROR_NOT_IN_GROUP)
        return bytes(self._ffi.buffer(out, _SIZE))


@cache
def sodium_ristretto255() -> Group:
    """The ristretto255 group on libsodium alone (``SodiumMissing`` without it)."""
    return Ristretto255Group()


# --- ristretto255's verifications on libdecaf ---

_DECAF_CDEF: Final = """
typedef int decaf_error_t;
typedef uint64_t decaf_bool_t;
extern size_t decaf_255_sizeof_precomputed_s;
decaf_error_t decaf_255_point_decode(void *pt, const uint8_t ser[32], decaf_bool_t allow_identity);
void decaf_255_point_encode(uint8_t ser[32], const void *pt);
decaf_error_t decaf_255_scalar_decode(void *out, const unsigned char ser[32]);
void decaf_255_point_add(void *sum, const void *a, const void *b);
void decaf_255_point_double(void *two_a, const void *a);
void decaf_255_precompute(void *table, const void *b);
void decaf_255_precomputed_scalarmul(void *out, const void *table, const void *scalar);
void decaf_255_base_double_scalarmul_non_secret(void *combo, const void *scalar1,
                                                const void *base2, const void *scalar2);
"""
#: Debian's package libdecaf0 (1.0.2), then whatever the system's loader finds.
_DECAF_NAMES: Final = ("libdecaf.so.0", "decaf")
_DECAF_SUCCESS: Final = -1
_DECAF_TRUE: Final = 2**64 - 1
#: decaf_255_point_t: four field elements of 40 bytes, each aligned to 32 bytes.
_DECAF_POINT: Final = 256
_DECAF_ALIGN: Final = 32
#: Tables of multiples kept for the bases multiplied again and again (the round's key).
_DECAF_TABLES: Final = 64
#: Points kept decoded (a ballot's alphas and betas, for its proofs and then its sum; the
#: bases seen), in two generations of this many (the older dropped when the newer is full), and
#: bases seen once: a 185-name ballot has 402 with its bits, so at least the last ten ballots'
#: points stay decoded (at most 8,192 points, 2.4 MB) for the verifier's tally of a few at a time.
_DECAF_POINTS: Final = 4096
#: Decoded points are allocated this many at a time.
_DECAF_SLAB: Final = 64
MSG_NO_LIBDECAF: Final = (
    "Không tìm thấy thư viện libdecaf của hệ thống (gói libdecaf0): phiếu mã hoá vẫn được kiểm "
    "đúng như cũ bằng libsodium, nhưng chậm hơn (khoảng 1,5 lần)."
)


@cache
def _decaf() -> tuple[Any, Any] | None:
    """cffi's handle on libdecaf, or None when it is missing or does not compute ristretto255
    exactly as libsodium does on the checks made here (a library of another layout)."""
    ffi = FFI()
    ffi.cdef(_DECAF_CDEF)
    symbol = "decaf_255_base_double_scalarmul_non_secret"
    for library in _libraries(ffi, _DECAF_NAMES, short="decaf", symbol=symbol):
        if _decaf_agrees(DecafRistretto255Group((ffi, library))):
            return ffi, library
    return None


def _decaf_agrees(decaf: DecafRistretto255Group) -> bool:
    """libdecaf's answers on the generator, a sum, a double multiplication, a table's
    multiplication and a combination (its doublings) equal libsodium's (and refuses a negative
    encoding, RFC 9496 A.2); its scalar is laid out as ``DecafRistretto255Group._scalar``
    writes it."""
    sodium = sodium_ristretto255()
    g, e, r = sodium.generator, 2**251 + 12345, 2**250 + 777
    x, key = sodium.base_power(e), sodium.base_power(r)
    ffi, lib = decaf._decaf_ffi, decaf._decaf_lib
    decoded, written = ffi.new("uint64_t[4]"), ffi.new("uint64_t[4]")
    lib.decaf_255_scalar_decode(decoded, _scalar(e))
    if list(decoded) != list(decaf._scalar(written, e)):
        return False
    try:
        decaf.product([b"\x01" + bytes(31)])
    except CryptoError:
        pass
    else:
        return False
    return (
        decaf.product([g]) == g
        and decaf.product([x, key]) == sodium.mul(x, key)
        and decaf.commitment(x, e, r) == sodium.div(sodium.base_power(r), sodium.power(x, e))
        and all(
            decaf.commitment(x, e, r, base=key)
            == sodium.div(sodium.power(key, r), sodium.power(x, e))
            for _ in range(3)  # the table is made at the second use
        )
        and _combined(decaf, [(x, e), (key, r), (g, 3)])
        == sodium.product([sodium.power(x, e), sodium.power(key, r), sodium.power(g, 3)])
    )


def _combined(group: Group, terms: list[tuple[bytes, int]]) -> bytes:
    combination = group.combination()
    combination.extend(terms)
    return combination.value()


class DecafRistretto255Group(Ristretto255Group):
    """ristretto255 as ``Ristretto255Group`` (libsodium), but for the verifications' hot path,
    ``commitment`` and ``product``, computed with libdecaf (Mike Hamburg's implementation of
    Decaf and Ristretto, MIT licence; Debian's libdecaf0): points decoded once and added without
    re-encoding, a proof's commitment g^v / x^c in one variable-time double multiplication, the
    round's key multiplied from a table of its multiples. Variable time is fine here: a proof's
    check handles only public values. The answers are libsodium's, byte for byte, refusals
    included (tests/elections/test_crypto_group.py, and ``_decaf_agrees`` before use). The
    server holds no secret of the protocol: the phones encrypt and prove, the committee's
    devices make the key and decrypt, in JavaScript; this module's own encryption, shares and
    partial decryptions (tests, benches) stay libsodium's, and only a simulated branch of the
    Python prover's proofs (tests, benches) is a commitment computed here.
    """

    __slots__ = (
        "_decaf_ffi",
        "_decaf_lib",
        "_local",
        "_older",
        "_points",
        "_seen",
        "_spare",
        "_table_size",
        "_tables",
    )

    def __init__(self, decaf: tuple[Any, Any]) -> None:
        super().__init__()
        self._decaf_ffi, self._decaf_lib = decaf
        self._local = threading.local()
        self._points: dict[bytes, tuple[Any, Any]] = {}
        self._older: dict[bytes, tuple[Any, Any]] = {}
        self._spare: list[tuple[Any, Any]] = []
        self._tables: dict[bytes, tuple[Any, Any]] = {}
        self._seen: dict[bytes, None] = {}
        self._table_size = int(self._decaf_lib.decaf_255_sizeof_precomputed_s)

    def __reduce__(self) -> tuple[Any, tuple[()]]:
        return ristretto255, ()

    def _block(self, size: int, count: int) -> tuple[Any, list[Any]]:
        """``count`` aligned buffers of ``size`` bytes: (their owner, to keep, the pointers)."""
        ffi = self._decaf_ffi
        owner = ffi.new("unsigned char[]", size * count + _DECAF_ALIGN)
        start = -int(ffi.cast("uintptr_t", owner)) % _DECAF_ALIGN
        return owner, [ffi.cast("unsigned char *", owner) + start + i * size for i in range(count)]

    def _scratch(self) -> _Scratch:
        """This thread's working buffers (the app's threads share the group)."""
        scratch: _Scratch | None = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._local.scratch = _Scratch(self)
        return scratch

    def _scalar(self, out: Any, e: int) -> Any:
        """out = e mod L as libdecaf's scalar: its 32 bytes, little-endian, which is what
        ``decaf_255_scalar_decode`` makes of a reduced scalar, written without a call through
        libffi (half a microsecond, 2,000 times a 185-name ballot). ``_decaf_agrees`` checks
        a library's answers on scalars written so before it is used."""
        self._decaf_ffi.memmove(out, (e % L).to_bytes(_SIZE, "little"), _SIZE)
        return out

    def _decoded(self, x: object, *, identity: bool) -> tuple[Any, Any]:
        """x decoded (refused as libsodium refuses it; the identity only where ``identity``),
        from the last points decoded: a proof's alpha and beta serve each of its branches.
        Returns (the owner, the point): the caller holds the owner while it uses the point
        (another thread may empty the cache meanwhile)."""
        x = _point(x)
        if not identity and x == _RISTRETTO_IDENTITY:
            raise CryptoError(ERROR_NOT_IN_GROUP)
        known = self._points.get(x) or self._older.get(x)
        if known is not None:
            return known
        if not self._spare:
            owner, pointers = self._block(_DECAF_POINT, _DECAF_SLAB)
            self._spare.extend((owner, pointer) for pointer in pointers)
        try:
            known = self._spare.pop()  # atomic: another thread gets another one
        except IndexError:  # another thread took the last ones meanwhile
            return self._decoded(x, identity=identity)
        if self._decaf_lib.decaf_255_point_decode(known[1], x, _DECAF_TRUE) != _DECAF_SUCCESS:
            self._spare.append(known)
            raise CryptoError(ERROR_NOT_IN_GROUP)
        if len(self._points) >= _DECAF_POINTS:
            # a new generation: the older one's points are freed (with their slabs once none
            # of a slab's points is held), the newer one's kept a while longer
            self._older, self._points = self._points, {}
        self._points[x] = known
        return known

    def _raised(self, out: Any, base: bytes, e: int, scratch: _Scratch) -> None:
        """out = base^e: from the base's table once the base has been used before."""
        lib = self._decaf_lib
        table = self._tables.get(base)
        if table is None and base in self._seen:
            if len(self._tables) >= _DECAF_TABLES:
                self._tables.clear()
            owner, (pointer,) = self._block(self._table_size, 1)
            decoded = self._decoded(base, identity=True)
            lib.decaf_255_precompute(pointer, decoded[1])
            table = self._tables[base] = (owner, pointer)
        if table is not None:
            lib.decaf_255_precomputed_scalarmul(out, table[1], self._scalar(scratch.e1, e))
            return
        if len(self._seen) >= _DECAF_POINTS:
            self._seen.clear()
        self._seen[base] = None
        decoded = self._decoded(base, identity=True)
        lib.decaf_255_base_double_scalarmul_non_secret(
            out, self._scalar(scratch.e1, 0), decoded[1], self._scalar(scratch.e2, e)
        )

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
        # base^response * x^-e * g^(shift e): one double multiplication with g, and the base's
        if e % L == 0:
            # x^0: x is validated if checked, not otherwise read (as ComposedOperations on
            # libsodium); and libdecaf 1.0.2's double multiplication answers the identity
            # whenever its second scalar is zero (found by the agreement test), so never here
            if checked:
                self._decoded(x, identity=False)
            return super().commitment(x, 0, response, base=base, shift=shift)
        # the verifications' hot path: helpers inlined
        lib = self._decaf_lib
        decoded = self._points.get(x) if not checked and type(x) is bytes else None
        if decoded is None:
            decoded = self._decoded(x, identity=not checked)
        scratch = getattr(self._local, "scratch", None) or self._scratch()
        result, e1, e2 = scratch.result, scratch.e1, scratch.e2
        g_part = shift * e + (response if base is None else 0)
        memmove = self._decaf_ffi.memmove  # self._scalar, inlined
        memmove(e1, (g_part % L).to_bytes(_SIZE, "little"), _SIZE)
        memmove(e2, (-e % L).to_bytes(_SIZE, "little"), _SIZE)
        lib.decaf_255_base_double_scalarmul_non_secret(result, e1, decoded[1], e2)
        if base is not None and response % L and base != _RISTRETTO_IDENTITY:
            table = self._tables.get(base)
            if table is None:
                self._raised(scratch.point, base, response, scratch)
            else:
                memmove(e1, (response % L).to_bytes(_SIZE, "little"), _SIZE)
                lib.decaf_255_precomputed_scalarmul(scratch.point, table[1], e1)
            lib.decaf_255_point_add(result, result, scratch.point)
        lib.decaf_255_point_encode(scratch.encoded, result)
        return bytes(scratch.encoded)

    def product(self, xs: Iterable[bytes]) -> bytes:
        # a ballot's sum: its alphas and betas were just decoded for its proofs, or are decoded
        # here for its batch check (``_DecafCombination``) and its tally
        lib, points, older = self._decaf_lib, self._points, self._older
        scratch = self._scratch()
        result = scratch.result
        lib.decaf_255_point_decode(result, _RISTRETTO_IDENTITY, _DECAF_TRUE)
        for x in xs:
            known = (points.get(x) or older.get(x)) if type(x) is bytes else None
            if known is None:
                known = self._decoded(x, identity=True)
            lib.decaf_255_point_add(result, result, known[1])
        lib.decaf_255_point_encode(scratch.encoded, result)
        return bytes(scratch.encoded)

    def combination(self) -> Combination:
        return _DecafCombination(self)


class _DecafCombination:
    """``Combination`` on libdecaf: each element decoded once as it comes (a ballot's
    ciphertexts through the group's cache of decoded points, where its tally then finds them;
    the rest into blocks of its own), the product of powers computed at the end by the bucket
    method (Pippenger's; Bernstein, Doumen, Lange and Oosterwijk, "Faster batch forgery
    identification", 2012, section 4) with libdecaf's additions and doublings: for each window
    of ``c`` bits of the exponents, from the highest, every element is added to the bucket of
    its digit, and the buckets are summed as sum of d * bucket_d by running sums. About
    (bits / c) * (n + 2^(c+1)) additions for n elements, against a multiplication (some 250
    doublings and additions) per element one at a time."""

    __slots__ = ("_exponents", "_group", "_owners", "_points")

    def __init__(self, group: DecafRistretto255Group) -> None:
        self._group = group
        self._owners: list[Any] = []
        self._points: list[Any] = []
        self._exponents: list[int] = []

    def extend(self, terms: Sequence[tuple[bytes, int]], *, keep: int = 0) -> None:
        group = self._group
        decode = group._decaf_lib.decaf_255_point_decode
        kept = [group._decoded(x, identity=True) for x, _ in terms[:keep]]
        owner, pointers = group._block(_DECAF_POINT, len(terms) - keep)
        for pointer, (x, _) in zip(pointers, terms[keep:], strict=True):
            if decode(pointer, _point(x), _DECAF_TRUE) != _DECAF_SUCCESS:
                raise CryptoError(ERROR_NOT_IN_GROUP)
        self._owners += [owner, *(known[0] for known in kept)]
        self._points += [known[1] for known in kept] + pointers
        self._exponents += [e % L for _, e in terms]

    def value(self) -> bytes:
        group = self._group
        # the longest exponents first: a window above an exponent's bits reads none after it
        order = sorted(
            range(len(self._exponents)), key=lambda i: self._exponents[i].bit_length(), reverse=True
        )
        points = [self._points[i] for i in order]
        exponents = [self._exponents[i] for i in order]
        lengths = [-e.bit_length() for e in exponents]  # ascending, for bisect
        c = _window_bits([-n for n in lengths])
        windows = -(-(-lengths[0] if lengths else 0) // c)
        # reach[w]: the exponents longer than w * c bits, the only ones window w reads
        reach = [bisect.bisect_left(lengths, -w * c) for w in range(windows)]
        _owner, (total, running, window_sum, identity) = group._block(_DECAF_POINT, 4)
        _buckets_owner, buckets = group._block(_DECAF_POINT, 1 << c)
        lib = group._decaf_lib
        lib.decaf_255_point_decode(identity, _RISTRETTO_IDENTITY, _DECAF_TRUE)
        compiled = _compiled_loop()
        if compiled is None:
            group._decaf_ffi.memmove(total, identity, _DECAF_POINT)
            _multi_power(group, points, exponents, reach, c, buckets, total, running, window_sum)
        else:
            ffi, loop = compiled
            decaf_ffi = group._decaf_ffi
            done = loop.daihoi_multi_power(
                total,
                ffi.new("void *[]", points),
                b"".join(e.to_bytes(_SIZE, "little") for e in exponents),
                ffi.new("size_t[]", reach),
                windows,
                c,
                ffi.new("void *[]", buckets),
                running,
                window_sum,
                identity,
                _DECAF_POINT,
                decaf_ffi.cast("void *", lib.decaf_255_point_add),
                decaf_ffi.cast("void *", lib.decaf_255_point_double),
            )
            if done != 0:
                raise AssertionError("window out of range")  # a bug, never an input
        encoded = group._decaf_ffi.new("uint8_t[32]")
        lib.decaf_255_point_encode(encoded, total)
        return bytes(encoded)


def _multi_power(
    group: DecafRistretto255Group,
    points: list[Any],
    exponents: list[int],
    reach: list[int],
    c: int,
    buckets: list[Any],
    total: Any,
    running: Any,
    window_sum: Any,
) -> None:
    """total (the identity on entry) += the sum of e * P over the terms, by the bucket method,
    in Python: what decaf_buckets.c does where it is compiled, each addition a call through
    libffi. For each window of c bits, from the highest, every point is added to the bucket of
    its digit, and the buckets summed as sum of d * bucket_d by running sums."""
    lib, memmove = group._decaf_lib, group._decaf_ffi.memmove
    add, double = lib.decaf_255_point_add, lib.decaf_255_point_double
    mask = (1 << c) - 1
    for w in reversed(range(len(reach))):
        if w != len(reach) - 1:
            for _ in range(c):
                double(total, total)
        shift = w * c
        filled = bytearray(1 << c)
        for point, e in zip(points[: reach[w]], exponents[: reach[w]], strict=True):
            digit = (e >> shift) & mask
            if digit:
                bucket = buckets[digit]
                if filled[digit]:
                    add(bucket, bucket, point)
                else:
                    memmove(bucket, point, _DECAF_POINT)
                    filled[digit] = 1
        # sum of d * bucket_d: running = bucket_top + ... + bucket_d, added at each d
        started = False
        for digit in range(mask, 0, -1):
            if filled[digit]:
                if started:
                    add(running, running, buckets[digit])
                else:
                    memmove(running, buckets[digit], _DECAF_POINT)
                    memmove(window_sum, buckets[digit], _DECAF_POINT)
                    started = True
                    continue
            if started:
                add(window_sum, window_sum, running)
        if started:
            add(total, total, window_sum)


#: The bucket method's loop compiled from decaf_buckets.c (``make env``); absent where there was
#: no C compiler, and the loop then runs in Python (``_multi_power``), with the same answers.
_BUCKETS_LIBRARY: Final = Path(__file__).with_name("libdaihoi_buckets.so")
_BUCKETS_CDEF: Final = """
int daihoi_multi_power(void *total, void *const *points, const uint8_t *exponents,
                       const size_t *reach, size_t windows, unsigned c, void *const *buckets,
                       void *running, void *window_sum, const void *identity, size_t point_size,
                       void *add, void *twice);
"""


@cache
def _compiled_loop() -> tuple[Any, Any] | None:
    """cffi's handle on the compiled loop, or None when it was not built (or cannot load)."""
    ffi = FFI()
    ffi.cdef(_BUCKETS_CDEF)
    path = (str(_BUCKETS_LIBRARY),)
    library = next(_libraries(ffi, path, short="", symbol="daihoi_multi_power"), None)
    return None if library is None else (ffi, library)


def _window_bits(lengths: Sequence[int]) -> int:
    """The bucket method's window for exponents of these bit lengths (the longest first).

    Up to 4 bits, the window that needs the fewest additions: in each window, one per term
    whose exponent reaches it (but a digit of zero) and 2^(c+1) - 1 to sum the buckets. A
    ballot's check alone (68 terms at 9 names) takes 3 bits, 1.9 ms against 3.8 at the 1 bit
    that log2(68) - 6 gave (docs/benchmarks.md, "2026-12-07, evening"). Above 4 bits,
    log2(terms) - 6, measured on the verifier's runs, whose buckets would otherwise outgrow the
    processor's cache (which counting additions does not see)."""
    if not lengths:
        return 1
    measured = min(16, len(lengths).bit_length() - 6)
    if measured > 4:
        return measured

    def additions(c: int) -> float:
        windows = -(-lengths[0] // c)
        terms = sum(-(-n // c) for n in lengths) * (1 - 2**-c)
        return terms + windows * (2 ** (c + 1) - 1)

    return min(range(1, 5), key=additions)


class _Scratch:
    """One thread's buffers for ``DecafRistretto255Group``: two points, two scalars, an
    encoding."""

    __slots__ = ("_owner", "e1", "e2", "encoded", "point", "result")

    def __init__(self, group: DecafRistretto255Group) -> None:
        self._owner, (self.result, self.point) = group._block(_DECAF_POINT, 2)
        self.e1 = group._decaf_ffi.new("uint64_t[4]")
        self.e2 = group._decaf_ffi.new("uint64_t[4]")
        self.encoded = group._decaf_ffi.new("uint8_t[32]")


def checks_faster_in_a_batch(group: Group) -> bool:
    """Whether a ballot checked alone as a batch of one (``ballot_crypto.BatchCheck``, from
    the commitments its phone sent) is faster than its check one by one in ``group``: on
    libdecaf, about half the time for 9 names (the product of powers by buckets); on libsodium
    alone the products of powers are powers one at a time, no faster (ristretto255) or slower
    (edwards25519, 19 ms against 14 for 9 names)."""
    return isinstance(group, DecafRistretto255Group)


def has_libdecaf() -> bool:
    """Whether ristretto255's verifications run on libdecaf (else on libsodium alone)."""
    return _decaf() is not None


@cache
def ristretto255() -> Group:
    """The ristretto255 group: libsodium's, its verifications on libdecaf where the system has
    it (``has_libdecaf``); ``SodiumMissing`` without libsodium."""
    decaf = _decaf()
    return sodium_ristretto255() if decaf is None else DecafRistretto255Group(decaf)


def group_named(name: str) -> Group:
    """The group a round's key or a record names ("ristretto255", "ed25519"); KeyError else."""
    if name == "ristretto255":
        return ristretto255()
    return {"ed25519": ED25519}[name]
