"""The documents of a round: printable ballots, the minutes, the entry log (bytes for a view)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.utils import timezone

from daihoi.documents import ballots as ballot_pdf
from daihoi.documents.blocks import Block
from daihoi.documents.entry_log import EntryLog, LogLine, render_entry_log_pdf
from daihoi.documents.letterhead import upper
from daihoi.documents.minutes import (
    MIXED,
    PAPER,
    PHONE,
    HomomorphicNote,
    MinutesContext,
    minutes_blocks,
    write_minutes,
)
from daihoi.elections import congress as hall
from daihoi.elections import encrypted, errors, services
from daihoi.elections.errors import ElectionError
from daihoi.elections.models import ElectionKind, PaperEntry, Round, RoundStatus
from daihoi.elections.snapshot import engine_election, round_title
from daihoi.rules import keyboard
from daihoi.rules.digest import group_hex
from daihoi.rules.election import Ballot

NO_BALLOT = "không có phiếu ở số này"


def _require_list(round_: Round) -> None:
    """A round has ballots (to print, to enter, to log) once its list is approved: before, it
    has no names on it (an address typed by hand, an old bookmark)."""
    if round_.status == RoundStatus.DRAFT:
        raise ElectionError(errors.BALLOTS_BEFORE_LIST)


def ballots_pdf(round_: Round) -> bytes:
    """Return the printable ballots of the round (the engine's layout), one per page."""
    _require_list(round_)
    election = engine_election(round_, ballots=())
    content, _plan = ballot_pdf.render_ballots(election)
    return content


def _minutes_context(round_: Round) -> MinutesContext:
    congress = round_.election.congress
    grouped = group_hex(round_.digest_hex) if round_.digest_hex else None
    return MinutesContext(
        issuer_parent=upper(hall.congress_heading(congress)),
        place=congress.venue,
        locality=congress.place,
        when=timezone.localtime(round_.closed_at) if round_.closed_at else None,
        closed=timezone.localtime(round_.counted_at) if round_.counted_at else None,
        committee=hall.counting_committee(congress),
        digest=grouped,
        members=hall.members_voting(congress),
        seats_allocated=round_.election.kind == ElectionKind.DELEGATES,
        voting=(MIXED if round_.paper else PHONE) if round_.phone else PAPER,
        homomorphic=_homomorphic(round_),
    )


def _homomorphic(round_: Round) -> HomomorphicNote | None:
    """How the phone part of an encrypted round was counted, as the count recorded it."""
    record = round_.tally_record
    if not round_.encrypted or not record or "members" not in record:
        return None
    return HomomorphicNote(
        ballots=int(record["ballots"]),
        members=tuple(int(m) for m in record["members"]),
        holders=int(record["holders"]),
        final=group_hex(str(record["final"])),
        left_out=tuple(e.name for e in encrypted.exclusions(round_)),
    )


def minutes(round_: Round, suffix: str) -> bytes:
    """Return the minutes of a counted round as .docx or .pdf bytes."""
    election, result = services.counted(round_)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"bien-ban{suffix}"
        write_minutes(election, result, path, context=_minutes_context(round_))
        return path.read_bytes()


def minutes_content(round_: Round) -> list[Block]:
    """Return the minutes of a counted round as blocks, to print inside another document."""
    election, result = services.counted(round_)
    return minutes_blocks(election, result, _minutes_context(round_))


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
    congress = round_.election.congress
    committee = hall.counting_committee(congress)
    first = rows[0].created_at if rows else round_.closed_at or timezone.now()
    return EntryLog(
        locality=getattr(congress, "place", "") or "",
        when=timezone.localtime(first),
        election=round_title(round_),
        round_number=round_.number,
        organization=hall.organization_of(round_.election.congress),
        congress=hall.congress_heading(congress),
        lines=lines,
        committee=tuple(m.name for m in committee if not m.is_chair),
        chair=next((m.name for m in committee if m.is_chair), ""),
    )


def entry_log_pdf(round_: Round) -> bytes:
    _require_list(round_)
    return render_entry_log_pdf(entry_log(round_))


SLIPS_TITLE = "MÃ BỎ PHIẾU TRÊN ĐIỆN THOẠI"
SLIP_HINT = (
    "Quét mã bằng camera điện thoại để bỏ phiếu kín (không quét được thì mở trang bỏ phiếu và "
    "gõ mã in dưới mã QR). Không đưa mã này cho người khác."
)


def voting_slips_pdf(congress_title: str, slips: list[tuple[str, str, str, str]]) -> bytes:
    """Return the voting slips handed out at check-in: (number, name, address, code).

    Eight slips to an A4 page, to cut apart; each code is shown only on its own slip, as a QR
    code (the address, with the code after its ``#``) and as text to type on a phone that
    cannot scan.
    """
    from daihoi.documents import pdf

    return pdf.render_pdf(voting_slips_html(congress_title, slips))


def voting_slips_html(congress_title: str, slips: list[tuple[str, str, str, str]]) -> str:
    """The slips' HTML, which ``voting_slips_pdf`` prints. Each slip's text fits in its cut
    lines with a congress title and a hint of two lines each: the QR code is 28 mm and the
    lines close (the trial's slips, 32 mm, put the hint's last line on the cut)."""
    import html

    import segno

    from daihoi.documents import pdf

    cells = []
    for number, name, url, code in slips:
        qr = segno.make_qr(url, error="m").svg_inline(scale=3, border=1)
        cells.append(
            '<div class="slip">'
            f'<div class="slip__head">{html.escape(SLIPS_TITLE)}</div>'
            f'<div class="slip__congress">{html.escape(congress_title)}</div>'
            f'<div class="slip__qr">{qr}</div>'
            f'<div class="slip__code">{html.escape(code)}</div>'
            f'<div class="slip__url">{html.escape(url.split("#", 1)[0])}</div>'
            f'<div class="slip__name">{html.escape(number)} · {html.escape(name)}</div>'
            f'<div class="slip__hint">{html.escape(SLIP_HINT)}</div>'
            "</div>"
        )
    css = (
        pdf.base_css(margins=False, page_numbers=False)
        + """
@page { margin: 10mm; }
body { font-size: 10pt; line-height: 1.2; }
.sheet { display: flex; flex-wrap: wrap; }
.slip { width: 94mm; height: 66mm; box-sizing: border-box; border: 0.4pt dashed #666;
        padding: 2.5mm 3mm; text-align: center; page-break-inside: avoid; break-inside: avoid; }
.slip__head { font-weight: bold; }
.slip__congress { font-size: 8.5pt; }
.slip__qr svg { width: 28mm; height: 28mm; }
.slip__code { font-family: "DejaVu Sans Mono", monospace; font-size: 9pt; letter-spacing: 0.5pt; }
.slip__url { font-size: 7.5pt; }
.slip__name { font-weight: bold; font-size: 11pt; }
.slip__hint { font-size: 7.5pt; font-style: italic; }
"""
    )
    body = f'<div class="sheet">{"".join(cells)}</div>'
    return pdf.html_document(body, title=SLIPS_TITLE, css=css)
