"""The seam between the emulation app and the rules engine: settings and snapshots.

``daihoi.rules.emulation`` decides; this module builds its immutable inputs from the database and
reads the deployment's settings (``DAIHOI_EMULATION`` in Django settings: a dict of
``EmulationSettings`` fields, e.g. ``{"cstdcs_cap": Fraction(15, 100)}``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from django.conf import settings

from daihoi.rules import emulation as rules

SETTING_NOT_DICT = "DAIHOI_EMULATION: phải là một dict (khóa là tên một cài đặt thi đua)."
SETTING_UNKNOWN_KEY = (
    "DAIHOI_EMULATION: không có cài đặt “{key}”; các cài đặt là: {known} (docs/emulation.md)."
)
SETTING_CUTS_ORDER = (
    "DAIHOI_EMULATION: các mức điểm xếp loại phải giảm dần ({names} = {values}, rules.md §6)."
)
SETTING_SHARE_RANGE = "DAIHOI_EMULATION: “{key}” phải là một tỷ lệ từ 0 đến 1 (nhận được: {value})."


def settings_problems(overrides: object) -> list[str]:
    """Return what is wrong with a ``DAIHOI_EMULATION`` value (none: it can be used).

    Checked when the server starts (``manage.py check``), so a mistyped key or cut-offs out of
    order stop the deployment with a message naming them, instead of a crash on each page.
    """
    if overrides is None:
        return []
    if not isinstance(overrides, dict):
        return [SETTING_NOT_DICT]
    known = [f.name for f in dataclasses.fields(rules.EmulationSettings)]
    problems = [
        SETTING_UNKNOWN_KEY.format(key=key, known=", ".join(known))
        for key in overrides
        if key not in known
    ]
    if problems:
        return problems
    values = dataclasses.replace(rules.DEFAULT_SETTINGS, **overrides)
    for names in (
        ("excellent_from", "good_from", "done_from"),
        ("legacy_strong_from", "legacy_fair_from", "legacy_average_from"),
    ):
        cuts = [getattr(values, name) for name in names]
        if not all(isinstance(c, int) for c in cuts) or not cuts[0] > cuts[1] > cuts[2] >= 0:
            problems.append(
                SETTING_CUTS_ORDER.format(
                    names=", ".join(names), values=", ".join(str(c) for c in cuts)
                )
            )
    for key in (
        "ttldtt_advanced_share",
        "ttldxs_advanced_share",
        "council_share_grassroots",
        "council_share_higher",
        "council_quorum",
        "legacy_criterion_min_share",
        "cstdcs_cap",
        "excellent_cap",
    ):
        value = getattr(values, key)
        if value is None and key in ("cstdcs_cap", "excellent_cap"):
            continue
        if not _is_share(value):
            problems.append(SETTING_SHARE_RANGE.format(key=key, value=_written(value)))
    return problems


def _is_share(value: object) -> bool:
    """A fraction (rules.profiles.Fraction or fractions.Fraction) from 0 to 1."""
    numerator = getattr(value, "numerator", None)
    denominator = getattr(value, "denominator", None)
    if isinstance(value, bool | int) or not isinstance(numerator, int):
        return False
    return isinstance(denominator, int) and 0 <= numerator <= denominator and denominator > 0


def _written(value: object) -> str:
    numerator = getattr(value, "numerator", None)
    denominator = getattr(value, "denominator", None)
    if isinstance(numerator, int) and isinstance(denominator, int):
        return f"{numerator}/{denominator}"
    return repr(value)


def emulation_settings() -> rules.EmulationSettings:
    """Return the rules' settings: the documented defaults, with this deployment's overrides."""
    overrides = getattr(settings, "DAIHOI_EMULATION", None) or {}
    return dataclasses.replace(rules.DEFAULT_SETTINGS, **overrides)


def awards_of(records: Iterable[tuple[int, str]]) -> frozenset[tuple[int, rules.Title]]:
    """Turn (year, title value) rows of the records into the engine's awards."""
    return frozenset((year, rules.Title(title)) for year, title in records)
