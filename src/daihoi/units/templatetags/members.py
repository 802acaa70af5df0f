"""{{ unit|member_word }}: what the unit's members are called (daihoi.units.words)."""

from __future__ import annotations

from django import template

from daihoi.units.models import Unit
from daihoi.units.words import joined_label as _joined_label
from daihoi.units.words import member_word as _member_word

register = template.Library()


@register.filter
def member_word(unit: Unit | None, form: str = "") -> str:
    """Return "đoàn viên", "đảng viên" or "đoàn viên thanh niên"; form "one": one person."""
    return _member_word(unit, one=form == "one")


@register.filter
def joined_label(unit: Unit | None) -> str:
    """Return "Ngày vào Công đoàn", or "Ngày vào Đoàn" in the Youth Union (units.words)."""
    return _joined_label(unit)
