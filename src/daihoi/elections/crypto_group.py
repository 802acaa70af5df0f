"""The group of the encrypted phone ballot (issue 13): edwards25519's prime-order subgroup, with
libsodium's audited core operations through PyNaCl (its cffi binding ``nacl._sodium``, which
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

from typing import Final

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


#: The group every encrypted round uses.
ED25519: Final[Group] = Ed25519Group()
