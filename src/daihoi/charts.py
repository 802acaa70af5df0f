"""A trend over years as a small inline SVG (no JavaScript, no library): the term dashboard's
targets, the emulation dashboard's shares.

Coordinates are presentation only: the verdicts come from ``daihoi.rules.targets``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 260
HEIGHT = 96
LEFT = 18
RIGHT = 18
TOP = 10
BOTTOM = 22


@dataclass(frozen=True)
class Point:
    year: int
    value: Fraction | None  # None: no value that year
    achieved: bool | None


def _status(achieved: bool | None) -> str:
    if achieved is None:
        return "none"
    return "ok" if achieved else "miss"


def trend_svg(
    points: Sequence[Point], *, threshold: Fraction | None, top: Fraction, label: str
) -> SafeString:
    """Draw the years left to right, each value as a dot, the threshold as a dashed line."""
    top = max(top, Fraction(1))
    inner_w = WIDTH - LEFT - RIGHT
    inner_h = HEIGHT - TOP - BOTTOM
    step = inner_w / max(len(points) - 1, 1)

    def x(i: int) -> float:
        return LEFT + (i * step if len(points) > 1 else inner_w / 2)

    def y(v: Fraction) -> float:
        return TOP + inner_h - float(v / top) * inner_h

    parts = [
        f'<svg class="trend" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" aria-label="{escape(label)}">',
        f"<title>{escape(label)}</title>",
        f'<line class="axis" x1="{LEFT}" y1="{TOP + inner_h}" x2="{WIDTH - RIGHT}" '
        f'y2="{TOP + inner_h}"/>',
    ]
    if threshold is not None:
        ty = y(min(threshold, top))
        parts.append(
            f'<line class="threshold" x1="{LEFT}" y1="{ty:.1f}" x2="{WIDTH - RIGHT}" '
            f'y2="{ty:.1f}"/>'
        )
    line = [f"{x(i):.1f},{y(p.value):.1f}" for i, p in enumerate(points) if p.value is not None]
    if len(line) > 1:
        parts.append(f'<polyline class="line" points="{" ".join(line)}"/>')
    for i, p in enumerate(points):
        if p.value is not None:
            parts.append(
                f'<circle class="dot dot--{_status(p.achieved)}" cx="{x(i):.1f}" '
                f'cy="{y(p.value):.1f}" r="3.5"/>'
            )
        parts.append(f'<text x="{x(i):.1f}" y="{HEIGHT - 6}" text-anchor="middle">{p.year}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - numbers and escaped text only
