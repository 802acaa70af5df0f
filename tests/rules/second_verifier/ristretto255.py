"""ristretto255 (RFC 9496, section 4) on top of ed25519.py's field and point arithmetic.

An element is represented by one of its edwards25519 points (extended coordinates); two
representatives of the same element compare equal with `equal`. Test-only, variable-time.
"""

from __future__ import annotations

from . import ed25519 as ed
from .ed25519 import SQRT_M1, P, Point, is_negative

D = ed.D
SQRT_AD_MINUS_ONE = 25063068953384623474111414158702152701244531502492656460079210482610430750235
INVSQRT_A_MINUS_D = 54469307008909316920995813868745141605393597292927456921205312896311721017578

IDENTITY: Point = ed.IDENTITY
BASE: Point = ed.BASE
L = ed.L


def ct_abs(x: int) -> int:
    """RFC 9496's CT_ABS: x or -x, whichever is non-negative (even)."""
    x %= P
    return P - x if is_negative(x) else x


def sqrt_ratio_m1(u: int, v: int) -> tuple[bool, int]:
    """RFC 9496 4.2's SQRT_RATIO_M1: (u/v is a square, the non-negative root of u/v or i*u/v)."""
    u %= P
    v %= P
    r = u * pow(v, 3, P) * pow(u * pow(v, 7, P), (P - 5) // 8, P) % P
    check = v * r * r % P
    correct = check == u
    flipped = check == (-u) % P
    flipped_i = check == (-u * SQRT_M1) % P
    if flipped or flipped_i:
        r = r * SQRT_M1 % P
    return correct or flipped, ct_abs(r)


def decode(data: bytes) -> Point | None:
    """The element of a 32-byte encoding, or None (RFC 9496 4.3.1).

    Refused: a length other than 32, s >= P, s negative (odd), u1/u2 not giving a square,
    t = x*y negative, y = 0. The identity (32 zero bytes) decodes: see is_element.
    """
    if len(data) != 32:
        return None
    s = int.from_bytes(data, "little")
    if s >= P or is_negative(s):
        return None
    ss = s * s % P
    u1 = (1 - ss) % P
    u2 = (1 + ss) % P
    u2_sqr = u2 * u2 % P
    v = (-(D * u1 * u1) - u2_sqr) % P
    was_square, invsqrt = sqrt_ratio_m1(1, v * u2_sqr)
    den_x = invsqrt * u2 % P
    den_y = invsqrt * den_x * v % P
    x = ct_abs(2 * s * den_x)
    y = u1 * den_y % P
    t = x * y % P
    if not was_square or is_negative(t) or y == 0:
        return None
    return (x, y, 1, t)


def encode(point: Point) -> bytes:
    """The canonical 32-byte encoding of the element (RFC 9496 4.3.2)."""
    x0, y0, z0, t0 = point
    u1 = (z0 + y0) * (z0 - y0) % P
    u2 = x0 * y0 % P
    _, invsqrt = sqrt_ratio_m1(1, u1 * u2 * u2)
    den1 = invsqrt * u1 % P
    den2 = invsqrt * u2 % P
    z_inv = den1 * den2 * t0 % P
    ix0 = x0 * SQRT_M1 % P
    iy0 = y0 * SQRT_M1 % P
    enchanted_denominator = den1 * INVSQRT_A_MINUS_D % P
    rotate = is_negative(t0 * z_inv)
    x, y = (iy0, ix0) if rotate else (x0, y0)
    z = z0
    den_inv = enchanted_denominator if rotate else den2
    if is_negative(x * z_inv):
        y = -y % P
    s = ct_abs(den_inv * (z - y))
    return s.to_bytes(32, "little")


def equal(p1: Point, p2: Point) -> bool:
    """The same element (RFC 9496 4.3.3): x1*y2 == y1*x2 or y1*y2 == x1*x2."""
    x1, y1, _, _ = p1
    x2, y2, _, _ = p2
    return (x1 * y2 - y1 * x2) % P == 0 or (y1 * y2 - x1 * x2) % P == 0


def is_identity(point: Point) -> bool:
    """The neutral element of the group."""
    return equal(point, IDENTITY)


add = ed.add
sub = ed.sub
neg = ed.neg
multiply = ed.multiply


def is_element(data: bytes) -> Point | None:
    """The element of an encoding the protocol accepts from others: valid and not the identity."""
    point = decode(data)
    if point is None or is_identity(point):
        return None
    return point
