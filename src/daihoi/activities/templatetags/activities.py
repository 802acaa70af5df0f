from __future__ import annotations

from django import template

from daihoi.rules.numbers import number_vi

register = template.Library()


@register.filter
def dong(amount: int | None) -> str:
    """Write whole đồng with dots between thousands: 60.000.000."""
    return "" if amount is None else number_vi(amount)
