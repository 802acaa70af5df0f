"""edwards25519 (RFC 8032, section 5.1) on Python integers, in extended coordinates.

Slow and variable-time: for checking published values in tests, never for secrets. A point is a
tuple (X, Y, Z, T) with x = X/Z, y = Y/Z, x*y = T/Z.
"""

from __future__ import annotations

P = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493
D = -121665 * pow(121666, P - 2, P) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)

Point = tuple[int, int, int, int]

IDENTITY: Point = (0, 1, 1, 0)


def inv(x: int) -> int:
    """The inverse of x modulo P (x not 0)."""
    return pow(x, P - 2, P)


def is_negative(x: int) -> bool:
    """RFC 9496's IS_NEGATIVE: the canonical value is odd."""
    return x % P % 2 == 1


def recover_x(y: int, sign: int) -> int | None:
    """RFC 8032 5.1.3 step 2-4: the x of y with the given sign bit, or None."""
    u = (y * y - 1) % P
    v = (D * y * y + 1) % P
    x = u * pow(v, 3, P) * pow(u * pow(v, 7, P), (P - 5) // 8, P) % P
    vxx = v * x * x % P
    if vxx == u:
        pass
    elif vxx == (-u) % P:
        x = x * SQRT_M1 % P
    else:
        return None
    if x == 0 and sign == 1:
        return None
    if x % 2 != sign:
        x = P - x
    return x


def decode(data: bytes) -> Point | None:
    """The point of a 32-byte encoding, or None when it is not one (RFC 8032 5.1.3).

    Refused: a length other than 32, y >= P (non-canonical), no x for y (off the curve), and
    x = 0 with the sign bit set. Nothing is said here about the subgroup: see is_element.
    """
    if len(data) != 32:
        return None
    n = int.from_bytes(data, "little")
    sign = n >> 255
    y = n & ((1 << 255) - 1)
    if y >= P:
        return None
    x = recover_x(y, sign)
    if x is None:
        return None
    return (x, y, 1, x * y % P)


def encode(point: Point) -> bytes:
    """The 32-byte encoding: y little-endian, the parity of x in the top bit."""
    x_, y_, z, _ = point
    zi = inv(z)
    x = x_ * zi % P
    y = y_ * zi % P
    return (y | ((x & 1) << 255)).to_bytes(32, "little")


def on_curve(point: Point) -> bool:
    """-x^2 + y^2 = 1 + d x^2 y^2, and T consistent, in projective form."""
    x, y, z, t = point
    if z % P == 0:
        return False
    xx, yy, zz, tt = x * x % P, y * y % P, z * z % P, t * t % P
    return (yy - xx) * zz % P == (zz * zz + D * tt * zz) % P and x * y % P == z * t % P


def add(p1: Point, p2: Point) -> Point:
    """p1 + p2 (RFC 8032 5.1.4, complete: valid for doubling and the identity too)."""
    x1, y1, z1, t1 = p1
    x2, y2, z2, t2 = p2
    a = (y1 - x1) * (y2 - x2) % P
    b = (y1 + x1) * (y2 + x2) % P
    c = 2 * D * t1 * t2 % P
    d = 2 * z1 * z2 % P
    e, f, g, h = b - a, d - c, d + c, b + a
    return (e * f % P, g * h % P, f * g % P, e * h % P)


def double(p1: Point) -> Point:
    """2 * p1 (RFC 8032 5.1.4's doubling)."""
    x1, y1, z1, _ = p1
    a = x1 * x1 % P
    b = y1 * y1 % P
    c = 2 * z1 * z1 % P
    h = a + b
    e = h - (x1 + y1) * (x1 + y1)
    g = a - b
    f = c + g
    return (e * f % P, g * h % P, f * g % P, e * h % P)


def neg(p1: Point) -> Point:
    """-p1."""
    x, y, z, t = p1
    return (-x % P, y, z, -t % P)


def sub(p1: Point, p2: Point) -> Point:
    """p1 - p2."""
    return add(p1, neg(p2))


def equal(p1: Point, p2: Point) -> bool:
    """The same point (projective comparison)."""
    x1, y1, z1, _ = p1
    x2, y2, z2, _ = p2
    return (x1 * z2 - x2 * z1) % P == 0 and (y1 * z2 - y2 * z1) % P == 0


def multiply(k: int, point: Point) -> Point:
    """k * point for k >= 0, 4-bit fixed window (test-only: not constant time)."""
    if k < 0:
        raise ValueError("negative scalar")
    table = [IDENTITY, point]
    for _ in range(14):
        table.append(add(table[-1], point))
    result = IDENTITY
    for shift in range(((k.bit_length() + 3) // 4) * 4 - 4, -1, -4):
        result = double(double(double(double(result))))
        digit = (k >> shift) & 15
        if digit:
            result = add(result, table[digit])
    return result


def _base() -> Point:
    y = 4 * inv(5) % P
    x = recover_x(y, 0)
    assert x is not None
    return (x, y, 1, x * y % P)


BASE: Point = _base()


def is_identity(point: Point) -> bool:
    """The neutral element (0, 1)."""
    return equal(point, IDENTITY)


def in_prime_subgroup(point: Point) -> bool:
    """L * point is the identity: no torsion component."""
    return is_identity(multiply(L, point))


def has_small_order(point: Point) -> bool:
    """8 * point is the identity (one of the 8 torsion points)."""
    return is_identity(double(double(double(point))))


def is_element(data: bytes) -> Point | None:
    """The point of an encoding the protocol accepts from others, or None.

    Canonical, on the curve, in the prime-order subgroup and not of small order (so not the
    identity): docs/ballot-crypto.md, "Group".
    """
    point = decode(data)
    if point is None or has_small_order(point) or not in_prime_subgroup(point):
        return None
    return point


class FixedBase:
    """Multiples of one point from a table of d * 16^i * point (i < 64, d < 16): a
    multiplication is then 64 additions and no doubling, for the bases used many times."""

    def __init__(self, point: Point) -> None:
        self.rows: list[list[Point]] = []
        for _ in range(64):
            row = [IDENTITY, point]
            for _ in range(14):
                row.append(add(row[-1], point))
            self.rows.append(row)
            point = double(double(double(double(point))))

    def multiply(self, k: int) -> Point:
        """k * point for 0 <= k < 2^256."""
        if not 0 <= k < 2**256:
            raise ValueError("scalar out of range")
        result = IDENTITY
        for row in self.rows:
            digit = k & 15
            if digit:
                result = add(result, row[digit])
            k >>= 4
        return result


BASE_TABLE = FixedBase(BASE)
