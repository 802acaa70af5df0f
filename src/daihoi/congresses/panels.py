"""What other apps add to the hall's projector, without the congress app importing them.

The elections app registers its panel when Django starts (its ``AppConfig.ready``); the
projector asks for it and gets HTML, "" when there is nothing to show. So the congress app
knows no election, round or ballot (import-linter keeps it that way).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from daihoi.congresses.models import Congress


@dataclass(frozen=True)
class Panel:
    render: Callable[[Congress], str]  # the panel's HTML for this congress, "" if nothing
    stylesheet: str = ""  # a static path the projector page loads once
    count: Callable[[Congress], int] | None = None  # how many elections the congress has


_elections: list[Panel] = []


def register_elections_panel(panel: Panel) -> None:
    """Set the panel the projector shows for the elections (the last registered wins)."""
    _elections[:] = [panel]


def elections_panel(congress: Congress) -> str:
    """Return the elections panel's HTML for the congress, "" without one or with nothing."""
    return _elections[0].render(congress) if _elections else ""


def elections_count(congress: Congress) -> int | None:
    """Return how many elections the congress has; None when no app counts them."""
    if not _elections or _elections[0].count is None:
        return None
    return _elections[0].count(congress)


_live_votes: list[Callable[[Congress], str]] = []


def register_live_vote(render: Callable[[Congress], str]) -> None:
    """Set what renders a vote open on the phones with its tally (the last registered wins)."""
    _live_votes[:] = [render]


def live_vote(congress: Congress) -> str:
    """Return the HTML of the vote open on the phones now, "" when none is open."""
    return _live_votes[0](congress) if _live_votes else ""


def stylesheets() -> list[str]:
    return [panel.stylesheet for panel in _elections if panel.stylesheet]
