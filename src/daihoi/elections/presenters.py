"""Rows for the templates: what each page shows, worked out from the rows and the engine."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from daihoi.elections import services
from daihoi.elections.models import (
    Candidate,
    EntryKind,
    PaperEntry,
    PhoneBallot,
    Round,
    RoundStatus,
)
from daihoi.elections.snapshot import engine_election
from daihoi.rules import counting, keyboard
from daihoi.rules.counting import STATUS_LABELS, Result, percent_vi
from daihoi.rules.election import INVALID_REASON_LABELS, Ballot

if TYPE_CHECKING:
    from daihoi.accounts.models import User

STEPS = (
    (RoundStatus.DRAFT, "Lập danh sách"),
    (RoundStatus.LIST_APPROVED, "Thông qua danh sách"),
    (RoundStatus.OPEN, "Bỏ phiếu"),
    (RoundStatus.CLOSED, "Kiểm phiếu"),
    (RoundStatus.COUNTED, "Kết quả"),
)
NOT_ENTERED = "chưa nhập"
NO_BALLOT = "không có phiếu ở số này"
KIND_LABELS = {EntryKind.ENTRY: "", EntryKind.CORRECTION: "sửa", EntryKind.RESOLUTION: "thống nhất"}


def round_steps(round_: Round) -> list[dict[str, Any]]:
    order = [status for status, _ in STEPS]
    here = order.index(RoundStatus(round_.status))
    return [
        {"label": label, "done": index < here, "current": index == here}
        for index, (_status, label) in enumerate(STEPS)
    ]


# A round for alternate places (rules.md §2.10): its winners are alternates, not "trúng cử".
ALTERNATE_WINNER_LABEL = STATUS_LABELS[counting.ALTERNATE]
# The further vote among the tied (rules.md §2.6): more votes wins, the over-half test is not
# applied again; said where the page would say how many votes are needed.
REVOTE_RULE = (
    "Bầu tiếp trong số những người bằng phiếu: người được nhiều phiếu hơn {wins}, không xét "
    "lại điều kiện quá một phần hai."
)
REVOTE_WINS_SEAT = "trúng cử"
REVOTE_WINS_ALTERNATE = "là đại biểu dự khuyết"


def revote_rule(round_: Round) -> str:
    """Return the sentence saying how a further vote among the tied is decided, "" otherwise."""
    if not services.is_tie_revote(round_):
        return ""
    wins = REVOTE_WINS_ALTERNATE if round_.for_alternates else REVOTE_WINS_SEAT
    return REVOTE_RULE.format(wins=wins)


def tie_names(round_: Round) -> list[str]:
    """Return the names tied across the last place in a counted round, in the count's order."""
    tie = (round_.result or {}).get("tie")
    if not tie:
        return []
    people = Candidate.objects.in_bulk([int(c) for c in tie["candidates"]])
    return [people[int(c)].full_name for c in tie["candidates"]]


def _status_label(status: str, *, for_alternates: bool) -> str:
    if status == counting.ELECTED and for_alternates:
        return ALTERNATE_WINNER_LABEL
    return STATUS_LABELS.get(status, status)


def result_rows(round_: Round) -> list[dict[str, Any]]:
    """Return the result's lines: name, votes, share of the base, status, by votes."""
    result = round_.result or {}
    base = result.get("base", {}).get("count", 0)
    rows = []
    for rank, line in enumerate(result.get("candidates", []), start=1):
        percent = Decimal(str(line["percent"])).quantize(Decimal("0.01"))
        rows.append(
            {
                "rank": rank,
                "id": line["id"],
                "name": line["name"],
                "votes": line["votes"],
                "base": base,
                "percent": percent_vi(percent),
                "status": line["status"],
                "status_label": _status_label(line["status"], for_alternates=round_.for_alternates),
            }
        )
    return rows


def _describe(ballot: Ballot | None, ids: tuple[str, ...]) -> str:
    return NO_BALLOT if ballot is None else keyboard.describe(ballot, ids)


def _ballot(row: PaperEntry) -> Ballot | None:
    if row.no_ballot:
        return None
    if row.invalid:
        return Ballot.void(row.invalid)
    return Ballot(kept=frozenset(str(k) for k in row.kept or ()))


def entry_rows(
    round_: Round, teller: User, ids: tuple[str, ...], last: int = 12
) -> list[dict[str, Any]]:
    """Return a teller's latest lines, newest first, for the entry screen."""
    rows = PaperEntry.objects.filter(round=round_, teller=teller).exclude(kind=EntryKind.RESOLUTION)
    return [
        {
            "number": row.number,
            "entry": _describe(_ballot(row), ids),
            "typed": row.typed,
            "kind": KIND_LABELS[EntryKind(row.kind)],
            "when": timezone.localtime(row.created_at).strftime("%H:%M:%S"),
        }
        for row in rows.order_by("-id")[:last]
    ]


def totals_rows(
    result: Result, names: dict[str, str], ids: tuple[str, ...]
) -> list[dict[str, Any]]:
    """Return a sheet's running totals in ballot order (the order of the paper)."""
    votes = {line.id: line.votes for line in result.candidates}
    return [
        {"number": n, "name": names[cid], "votes": votes.get(cid, 0)}
        for n, cid in enumerate(ids, start=1)
    ]


INVALID_READING = "{entry} – phiếu này không hợp lệ: {reason}"


def _reading(ballot: Ballot | None, ids: tuple[str, ...], election: Any) -> str:
    """Describe an entry, saying so when the paper as entered is itself invalid (too many kept)."""
    if ballot is None or ballot.invalid is not None:
        return _describe(ballot, ids)
    reason = counting.ballot_validity(ballot, election)
    if reason is None:
        return _describe(ballot, ids)
    label = INVALID_REASON_LABELS.get(reason, reason).lower()
    return INVALID_READING.format(entry=_describe(ballot, ids), reason=label)


def mismatch_rows(round_: Round, state: services.PaperState) -> list[dict[str, Any]]:
    """Return every mismatch: what each teller entered, the choices, and any decision."""
    if state.reconciliation is None:
        return []
    election = engine_election(round_, ballots=())
    ids = tuple(c.id for c in election.candidates)
    rows = []
    for mismatch in state.reconciliation.mismatches:
        decided = mismatch.number in state.resolutions
        rows.append(
            {
                "number": mismatch.number,
                "entries": [
                    {
                        "teller": teller,
                        "entry": NOT_ENTERED if ballot is None else _reading(ballot, ids, election),
                    }
                    for teller, ballot in mismatch.entries
                ],
                "choices": [
                    {
                        "entry": _reading(choice, ids, election),
                        "keys": keyboard.format_keys(choice, ids=ids),
                    }
                    for choice in mismatch.choices
                ],
                "decided": decided,
                "decision": _reading(state.resolutions.get(mismatch.number), ids, election)
                if decided
                else "",
            }
        )
    return rows


def published_rows(round_: Round) -> list[dict[str, Any]]:
    """Return the phone ballots as published: receipt code and the names kept, by receipt."""
    ids = services.ballot_ids_of(round_)
    numbers = {cid: n for n, cid in enumerate(ids, start=1)}
    names = {str(c.pk): c.full_name for c in round_.candidates.all()}
    rows = []
    for ballot in PhoneBallot.objects.filter(round=round_).published():
        kept = sorted((str(k) for k in ballot.kept), key=lambda cid: numbers[cid])
        rows.append(
            {
                "receipt": ballot.receipt,
                "kept": ", ".join(f"{numbers[cid]}. {names[cid]}" for cid in kept)
                or "gạch hết tên",
            }
        )
    return rows


def published_ballot(round_: Round, receipt: str) -> dict[str, Any] | None:
    """Return the published row of the phone ballot with this receipt, or None."""
    if not PhoneBallot.objects.filter(round=round_, receipt=receipt).exists():
        return None
    return next((row for row in published_rows(round_) if row["receipt"] == receipt), None)
