"""What the hall's projector shows of the elections: turnout while voting, then the result.

The congress app's projector knows nothing of elections: this app registers ``render_panel``
with ``daihoi.congresses.panels`` when Django starts (``ElectionsConfig.ready``), and the
projector asks it for HTML, "" when there is nothing to show. ``projector_panel`` is the
context of ``elections/_projector_panel.html``, also used by a round's own projector page.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Case, IntegerField, Value, When
from django.template.loader import render_to_string

from daihoi.elections import services
from daihoi.elections.models import Election, Round, RoundStatus
from daihoi.elections.presenters import result_rows, revote_rule
from daihoi.elections.snapshot import round_title
from daihoi.rules.counting import ELECTED, NOT_ELECTED
from daihoi.rules.digest import group_hex

SHOWN = (RoundStatus.OPEN, RoundStatus.CLOSED, RoundStatus.COUNTED)
PANEL = "elections/_projector_panel.html"
STYLESHEET = "elections/hall-panel.css"

# How the result fits a 1920x1080 screen, read from the back of the hall (the browser test
# measures it): up to ROWS_PER_COLUMN names a column, at most MOST_SHOWN names in all; past
# that, only those elected (or tied, or alternates) are listed, and the others are counted.
ROWS_PER_COLUMN = 15
MOST_SHOWN = 30
ONE_COLUMN = 10  # up to this many: one column in the biggest type
HIDDEN_NOT_ELECTED = "Còn {count} người không trúng cử: số phiếu của từng người có trong biên bản."
ELECTED_LEGEND = "Dòng nền vàng: trúng cử."
ELECTED_LEGEND_ALTERNATES = "Dòng nền vàng: đại biểu dự khuyết."


def current_round(congress: Any) -> Round | None:
    """Return the round the hall is following: one being voted, else the latest closed."""
    voting_first = Case(
        When(status=RoundStatus.OPEN, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    found = (
        Round.objects.select_related("election")
        .filter(election__congress=congress, status__in=SHOWN)
        .order_by(voting_first, "-closed_at", "-opened_at", "-id")
        .first()
    )
    if found is not None:
        found.election.congress = congress  # the turnout reads the hall: no second fetch
    return found


def _layout(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Split the result's lines into the columns the screen shows (see ROWS_PER_COLUMN).

    The narrower the columns, the fewer words: in two columns "Không trúng cử" is left out
    (the line above the table says what is needed); in three, the share of the votes and
    "Trúng cử" too (the gold line says it, and the legend under the table).
    """
    shown = rows
    if len(rows) > MOST_SHOWN:
        shown = [row for row in rows if row["status"] != NOT_ELECTED]
    hidden = len(rows) - len(shown)
    count = 1 if len(shown) <= ONE_COLUMN else max(2, -(-len(shown) // ROWS_PER_COLUMN))
    size = {1: "big", 2: "medium" if len(shown) <= 2 * ONE_COLUMN else "small"}.get(count, "tiny")
    unmarked = {1: set(), 2: {NOT_ELECTED}}.get(count, {NOT_ELECTED, ELECTED})
    shown = [
        {**row, "mark": "" if row["status"] in unmarked else row["status_label"]} for row in shown
    ]
    per_column = -(-len(shown) // count) if shown else 1
    return {
        "columns": [shown[i : i + per_column] for i in range(0, len(shown), per_column)],
        "size": size,
        "percent": count < 3,
        "legend": ELECTED_LEGEND if ELECTED in unmarked else "",
        "hidden": HIDDEN_NOT_ELECTED.format(count=hidden) if hidden else "",
    }


def close_digest(round_: Round) -> str:
    """Return the phone ballots' digest at the close, grouped for the hall ("" without phones).

    Shown to the hall when voting ends, so anyone can check later that the ballots counted
    are the ones there were at the close.
    """
    if not round_.phone or not round_.close_digest:
        return ""
    return group_hex(str(round_.close_digest.get("digest", "")))


def projector_panel(congress: Any, round_: Round | None = None) -> dict[str, Any]:
    """Return the context of the elections panel (``round`` None when nothing is voted yet)."""
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
    if round_.status == RoundStatus.CLOSED:
        context["close_digest"] = close_digest(round_)
    if round_.status == RoundStatus.COUNTED and round_.result:
        context["result_rows"] = result_rows(round_)
        context["result"] = round_.result
        context.update(_layout(context["result_rows"]))
        context["revote_rule"] = revote_rule(round_)
        if round_.for_alternates and context["legend"]:
            context["legend"] = ELECTED_LEGEND_ALTERNATES
    return context


def render_panel(congress: Any) -> str:
    """Return the panel's HTML for the congress's projector, "" when no round is being followed."""
    context = projector_panel(congress)
    if context["round"] is None:
        return ""
    return render_to_string(PANEL, context)


def elections_count(congress: Any) -> int:
    """Return how many elections the congress has (the presidium's "Mở bầu cử" asks)."""
    return Election.objects.filter(congress=congress).count()
