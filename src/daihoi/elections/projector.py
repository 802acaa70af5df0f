"""What the hall's projector shows of the elections: turnout while voting, then the result.

The congress app's projector switches between modes; for the elections mode it includes
``elections/_projector_panel.html`` with ``projector_panel(congress)`` as its context, so the
congress app needs nothing of the elections' internals.
"""

from __future__ import annotations

from typing import Any

from daihoi.elections import services
from daihoi.elections.models import Round, RoundStatus
from daihoi.elections.presenters import result_rows
from daihoi.elections.snapshot import round_title

SHOWN = (RoundStatus.OPEN, RoundStatus.CLOSED, RoundStatus.COUNTED)


def current_round(congress: Any) -> Round | None:
    """Return the round the hall is following: one being voted, else the latest counted."""
    rounds = Round.objects.select_related("election").filter(
        election__congress=congress, status__in=SHOWN
    )
    voting = rounds.filter(status=RoundStatus.OPEN).order_by("-opened_at").first()
    if voting is not None:
        return voting
    return rounds.order_by("-closed_at", "-id").first()


def projector_panel(congress: Any, round_: Round | None = None) -> dict[str, Any]:
    """Return the context of the elections panel (empty when nothing is being voted)."""
    round_ = round_ or current_round(congress)
    if round_ is None:
        return {"round": None}
    context: dict[str, Any] = {
        "round": round_,
        "title": round_title(round_),
        "status": RoundStatus(round_.status).label,
        "turnout": None,
        "result_rows": [],
        "result": None,
    }
    if round_.status in (RoundStatus.OPEN, RoundStatus.CLOSED) and round_.phone:
        context["turnout"] = services.turnout(round_)
    if round_.status == RoundStatus.COUNTED and round_.result:
        context["result_rows"] = result_rows(round_)
        context["result"] = round_.result
    return context
