"""The group of the encrypted phone ballot (issue 13): edwards25519's prime-order subgroup, with
libsodium's audited core operations through PyNaCl (``nacl.bindings``).

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

from nacl import bindings as sodium
from nacl.exceptions import RuntimeError as SodiumError

from daihoi.rules.ballot_crypto import ERROR_NOT_IN_GROUP, CryptoError, Group

#: The order of edwards25519's prime-order subgroup (RFC 8032 section 5.1: L).
L: Final = 2**252 + 27742317777372353535851937790883648493
_IDENTITY: Final = b"\x01" + bytes(31)


def _scalar(e: int) -> bytes:
    return (e % L).to_bytes(32, "little")


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
            and len(x) == 32
            and bool(sodium.crypto_core_ed25519_is_valid_point(x))
        )

    def base_power(self, e: int) -> bytes:
        if e % L == 0:
            return _IDENTITY
        return bytes(sodium.crypto_scalarmult_ed25519_base_noclamp(_scalar(e)))

    def power(self, x: bytes, e: int) -> bytes:
        if e % L == 0 or x == _IDENTITY:
            return _IDENTITY
        try:
            return bytes(sodium.crypto_scalarmult_ed25519_noclamp(_scalar(e), x))
        except SodiumError as error:  # not a point of the prime-order subgroup
            raise CryptoError(ERROR_NOT_IN_GROUP) from error

    def mul(self, x: bytes, y: bytes) -> bytes:
        try:
            return bytes(sodium.crypto_core_ed25519_add(x, y))
        except SodiumError as error:  # not on the curve
            raise CryptoError(ERROR_NOT_IN_GROUP) from error

    def div(self, x: bytes, y: bytes) -> bytes:
        try:
            return bytes(sodium.crypto_core_ed25519_sub(x, y))
        except SodiumError as error:
            raise CryptoError(ERROR_NOT_IN_GROUP) from error


#: The group every encrypted round uses.
ED25519: Final[Group] = Ed25519Group()
