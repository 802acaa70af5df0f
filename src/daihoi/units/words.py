"""What a unit's members are called, by its organization: one place for every page and file.

A trade union has đoàn viên, the Party đảng viên (chi bộ, đảng bộ), the Youth Union đoàn viên
thanh niên. Pages use ``member_word`` (in the page's language; in English one member or many);
files read back by the importer and documents of record use ``member_word_vi``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy, pgettext_lazy

from daihoi.rules.names import fold

if TYPE_CHECKING:
    from daihoi.units.models import Unit

TRADE_UNION = "cong-doan"

MEMBER_WORDS_VI = {
    "cong-doan": "đoàn viên",
    "dang": "đảng viên",
    "doan": "đoàn viên thanh niên",
}

# Vietnamese has one form; English has a member and members.
_MANY: dict[str, Promise] = {
    "cong-doan": pgettext_lazy("thành viên (nhiều người)", "đoàn viên"),
    "dang": pgettext_lazy("thành viên (nhiều người)", "đảng viên"),
    "doan": pgettext_lazy("thành viên (nhiều người)", "đoàn viên thanh niên"),
}
_ONE: dict[str, Promise] = {
    "cong-doan": pgettext_lazy("thành viên (một người)", "đoàn viên"),
    "dang": pgettext_lazy("thành viên (một người)", "đảng viên"),
    "doan": pgettext_lazy("thành viên (một người)", "đoàn viên thanh niên"),
}


# The day a member joined the organization whose register this is (Member.union_joined_on). A
# Party cell's register keeps the day its member joined the Party apart (party_joined_on), so
# there the field is the trade union's, "if any": a Party member may or may not be in the union.
_JOINED: dict[str, Promise] = {
    "cong-doan": gettext_lazy("Ngày vào Công đoàn"),
    "dang": gettext_lazy("Ngày vào Công đoàn (nếu có)"),
    "doan": gettext_lazy("Ngày vào Đoàn"),
}


def organization_of(unit: Unit | None) -> str:
    """Return the unit's organization (cong-doan, dang, doan); the trade union without a unit."""
    return unit.organization if unit is not None else TRADE_UNION


def member_word(unit: Unit | None, *, one: bool = False) -> str:
    """Return what the unit's members are called, in the page's language, in lower case."""
    words = _ONE if one else _MANY
    return str(words[organization_of(unit)])


def joined_label(unit: Unit | None) -> str:
    """Return the label of the day a member joined, in the words of the unit's organization."""
    return str(_JOINED[organization_of(unit)])


def member_word_vi(unit: Unit | None) -> str:
    """Return what the unit's members are called in Vietnamese (files, documents of record)."""
    return MEMBER_WORDS_VI[organization_of(unit)]


def member_slug(unit: Unit | None) -> str:
    """Return the word for file names: doan-vien, dang-vien, doan-vien-thanh-nien."""
    return fold(member_word_vi(unit)).replace(" ", "-")
