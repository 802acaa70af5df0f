"""The documents of a round: printable ballots, the minutes, the entry log (bytes for a view)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.utils import timezone

from daihoi.documents import ballots as ballot_pdf
from daihoi.documents.entry_log import EntryLog, LogLine, render_entry_log_pdf
from daihoi.documents.minutes import MinutesContext, write_minutes
from daihoi.elections import congress as hall
from daihoi.elections import services
from daihoi.elections.models import PaperEntry, Round
from daihoi.elections.snapshot import engine_election, round_title
from daihoi.rules import keyboard
from daihoi.rules.digest import group_hex
from daihoi.rules.election import Ballot

NO_BALLOT = "không có phiếu ở số này"


def ballots_pdf(round_: Round) -> bytes:
    """Return the printable ballots of the round (the engine's layout), one per page."""
    election = engine_election(round_, ballots=())
    content, _plan = ballot_pdf.render_ballots(election)
    return content


def minutes(round_: Round, suffix: str) -> bytes:
    """Return the minutes of a counted round as .docx or .pdf bytes."""
    election, result = services.counted(round_)
    congress = round_.election.congress
    grouped = group_hex(round_.digest_hex) if round_.digest_hex else None
    context = MinutesContext(
        issuer_parent=None,
        place=getattr(congress, "venue", "") or "",
        when=timezone.localtime(round_.closed_at) if round_.closed_at else None,
        closed=timezone.localtime(round_.counted_at) if round_.counted_at else None,
        committee=hall.counting_committee(congress),
        digest=grouped,
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"bien-ban{suffix}"
        write_minutes(election, result, path, context=context)
        return path.read_bytes()


def _entry_text(row: PaperEntry, ids: tuple[str, ...]) -> str:
    if row.no_ballot:
        return NO_BALLOT
    if row.invalid:
        return keyboard.describe(Ballot.void(row.invalid), ids)
    return keyboard.describe(Ballot(kept=frozenset(str(k) for k in row.kept or ())), ids)


def entry_log(round_: Round) -> EntryLog:
    """Return the round's entry log, every line in the order it was made."""
    ids = services.ballot_ids_of(round_)
    rows = list(PaperEntry.objects.filter(round=round_).order_by("id"))
    line_of = {row.pk: n for n, row in enumerate(rows, start=1)}
    lines = tuple(
        LogLine(
            line=n,
            when=timezone.localtime(row.created_at),
            teller=row.teller_name,
            number=row.number,
            entry=_entry_text(row, ids),
            typed=row.typed,
            kind=row.kind,
            corrects=line_of.get(row.corrects_id) if row.corrects_id else None,
        )
        for n, row in enumerate(rows, start=1)
    )
    committee = hall.counting_committee(round_.election.congress)
    return EntryLog(
        election=round_title(round_),
        round_number=round_.number,
        organization=hall.organization_of(round_.election.congress),
        lines=lines,
        committee=tuple(m.name for m in committee if not m.is_chair),
        chair=next((m.name for m in committee if m.is_chair), ""),
    )


def entry_log_pdf(round_: Round) -> bytes:
    return render_entry_log_pdf(entry_log(round_))
