"""Documents of the emulation cycle, built on the shared renderers of ``daihoi.documents``."""

from __future__ import annotations

from daihoi.documents import ballots as ballot_pdf
from daihoi.emulation import services
from daihoi.emulation.models import CouncilVote


def council_ballots_pdf(vote: CouncilVote) -> bytes:
    """Return the council's printable ballots: the names in ballot order, one ballot a page."""
    election = services.council_engine_election(vote, with_ballots=False)
    content, _plan = ballot_pdf.render_ballots(election)
    return content
