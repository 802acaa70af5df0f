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


def emulation_settings() -> rules.EmulationSettings:
    """Return the rules' settings: the documented defaults, with this deployment's overrides."""
    overrides = getattr(settings, "DAIHOI_EMULATION", None) or {}
    return dataclasses.replace(rules.DEFAULT_SETTINGS, **overrides)


def awards_of(records: Iterable[tuple[int, str]]) -> frozenset[tuple[int, rules.Title]]:
    """Turn (year, title value) rows of the records into the engine's awards."""
    return frozenset((year, rules.Title(title)) for year, title in records)
