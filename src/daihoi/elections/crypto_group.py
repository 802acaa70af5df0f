"""The groups of the encrypted phone ballot (issue 13), on libsodium's audited core operations:
ristretto255 (RFC 9496) for the rounds keyed from protocol 3 on, edwards25519's prime-order
subgroup for the rounds keyed before (protocol 2), whose ballots and records stay readable.

``RISTRETTO255``: libsodium's ``crypto_core_ristretto255_*`` and ``crypto_scalarmult_ristretto255``
(Debian's libsodium, loaded with cffi's ABI mode: PyNaCl's binding declares no ristretto255
function). A ristretto255 element is an element of the prime-order group by construction, so its
multiplication makes no subgroup check: 58 us against edwards25519's 99 us with its check
(docs/ballot-crypto.md, "Group"). Its encoding is canonical (libsodium's decoding refuses any
other), so two elements are equal exactly when their bytes are.

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

import ctypes.util
from functools import cache
from typing import Any, Final

from cffi import FFI  # type: ignore[import-untyped]

# PyNaCl's own cffi binding of libsodium: the very functions ``nacl.bindings`` wraps, called
# without the wrapper's per-call checks (a third of an addition's cost; every input's type and
# length is checked here instead, before libsodium reads 32 bytes of it).
from nacl._sodium import ffi, lib  # type: ignore[import-untyped]

from daihoi.rules.ballot_crypto import ERROR_NOT_IN_GROUP, CryptoError, Group

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


class Ed25519Group:
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


def load_sodium(names: tuple[str, ...]) -> tuple[Any, Any]:
    """cffi's handle on the first of ``names`` that loads and has ristretto255."""
    ffi = FFI()
    ffi.cdef(_RISTRETTO_CDEF)
    for name in names:
        path = ctypes.util.find_library(name) if name == "sodium" else name
        if path is None:
            continue
        try:
            lib = ffi.dlopen(path)
            if lib.sodium_init() < 0:  # 0 done now, 1 done before: both fine
                continue
            lib.crypto_scalarmult_ristretto255  # noqa: B018 - a library older than 1.0.18 lacks it
        except (OSError, AttributeError):
            continue
        return ffi, lib
    raise SodiumMissing(MSG_NO_LIBSODIUM, name="libsodium")


#: 32 zero bytes: ristretto255's encoding of the identity (a valid encoding, never a valid
#: received element here).
_RISTRETTO_IDENTITY: Final = bytes(_SIZE)


class Ristretto255Group:
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
        return ristretto255, ()

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
def ristretto255() -> Group:
    """The ristretto255 group (libsodium loaded on first use; ``SodiumMissing`` without it)."""
    return Ristretto255Group()


def group_named(name: str) -> Group:
    """The group a round's key or a record names ("ristretto255", "ed25519"); KeyError else."""
    if name == "ristretto255":
        return ristretto255()
    return {"ed25519": ED25519}[name]
