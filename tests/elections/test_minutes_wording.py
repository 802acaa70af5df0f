"""The minutes of a count say who voted, where, for which term and who set the number.

At a đại hội toàn thể the members vote, not "đại biểu chính thức được triệu tập"; the venue
recorded on the congress is printed; the header names the congress with its term ("khóa V");
the number of delegates to the upper congress was allocated by the upper level (rules.md
§2.10). Word and PDF say the same.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from django.test import TestCase
from world import build_hall, build_world, closed_paper_round, vote

from daihoi.congresses.models import CongressForm
from daihoi.documents.minutes import (
    FIGURE_SEATS,
    FIGURE_SEATS_ALLOCATED,
    FIGURE_SUMMONED,
    FIGURE_SUMMONED_MEMBERS,
)
from daihoi.elections import documents, services
from daihoi.elections.models import ElectionKind, Round

sys.path.insert(0, str(Path(__file__).parent.parent / "documents"))
from extract import docx_text, flat, pdf_text


def counted_phone_round(hall: object, user: object, *, kind: str = ElectionKind.BCH) -> Round:
    """Count a phone round of 1 seat: An 3, Bình 1 of the 4 first delegates."""
    election = services.create_election(
        congress=hall.congress,  # type: ignore[attr-defined]
        kind=kind,
        title="Bầu cử thử",
        seats=1,
    )
    for name in ("An", "Bình"):
        services.add_candidate(election=election, full_name=name)
    round_ = services.first_round(election)
    present = 6
    services.approve_list(round_=round_, yes=present, no=0, abstain=0, present=present)
    services.set_voting(round_=round_, paper=False, phone=True)
    services.open_round(round_=round_, user=user)  # type: ignore[arg-type]
    round_.refresh_from_db()
    delegates = hall.delegates  # type: ignore[attr-defined]
    for delegate, name in zip(delegates, ("An", "An", "An", "Bình"), strict=False):
        vote(round_, delegate, name)
    services.close_round(round_=round_)
    services.count_round(round_=round_)
    round_.refresh_from_db()
    return round_


def minutes_texts(round_: Round) -> dict[str, str]:
    texts = {}
    with tempfile.TemporaryDirectory() as folder:
        for suffix in (".docx", ".pdf"):
            path = Path(folder) / f"minutes{suffix}"
            path.write_bytes(documents.minutes(round_, suffix))
            if os.environ.get("DAIHOI_KEEP_MINUTES"):  # to look at them: pdftoppm -png
                keep = Path(os.environ["DAIHOI_KEEP_MINUTES"])
                keep.mkdir(parents=True, exist_ok=True)
                (
                    keep / f"{round_.election.congress.form}-{round_.election.kind}{suffix}"
                ).write_bytes(path.read_bytes())
            texts[suffix] = flat(docx_text(path) if suffix == ".docx" else pdf_text(path))
    return texts


class MinutesWordingTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def test_a_whole_membership_congress_speaks_of_members(self) -> None:
        hall = build_hall(self.w.unit, form=CongressForm.TOAN_THE)
        round_ = counted_phone_round(hall, self.w.officer)
        for suffix, text in minutes_texts(round_).items():
            assert FIGURE_SUMMONED_MEMBERS.format(who="đoàn viên", value=7) in text, suffix
            assert "Số đoàn viên có mặt: 6" in text, suffix
            assert "Số đoàn viên tham gia bỏ phiếu: 4" in text, suffix
            assert "đại biểu chính thức" not in text, suffix
            assert "Số đại biểu" not in text, suffix

    def test_the_venue_and_the_term_are_printed(self) -> None:
        hall = build_hall(self.w.unit)
        congress = hall.congress
        assert congress.venue and congress.number == "khóa V"
        round_ = counted_phone_round(hall, self.w.officer)
        heading = f"ĐẠI HỘI ĐẠI BIỂU {congress.unit.name} KHÓA V".upper()
        for suffix, text in minutes_texts(round_).items():
            assert f"tại {congress.venue}, Ban kiểm phiếu" in text, suffix
            assert heading in text, suffix
            assert FIGURE_SUMMONED.format(value=7) in text, suffix

    def test_delegates_to_the_upper_congress_were_allocated_by_the_upper_level(self) -> None:
        hall = build_hall(self.w.unit)
        round_ = counted_phone_round(hall, self.w.officer, kind=ElectionKind.DELEGATES)
        for suffix, text in minutes_texts(round_).items():
            assert FIGURE_SEATS_ALLOCATED.format(value=1) in text, suffix
            assert FIGURE_SEATS.format(value=1) not in text, suffix
            assert "số lượng đại biểu do cấp trên phân bổ" in text, suffix

    def test_a_committee_election_keeps_the_number_voted_by_the_congress(self) -> None:
        round_ = counted_phone_round(build_hall(self.w.unit), self.w.officer)
        for suffix, text in minutes_texts(round_).items():
            assert FIGURE_SEATS.format(value=1) in text, suffix
            assert "cấp trên phân bổ" not in text, suffix


class EntryLogHeaderTests(TestCase):
    def test_the_entry_log_header_names_the_congress_with_its_term(self) -> None:
        w = build_world()
        hall = build_hall(w.unit, tellers=(w.officer, w.upper))
        round_ = closed_paper_round(hall, w.officer)
        services.enter_line(round_=round_, teller=w.officer, typed="12")
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "log.pdf"
            path.write_bytes(documents.entry_log_pdf(round_))
            text = flat(pdf_text(path))
        assert f"ĐẠI HỘI ĐẠI BIỂU {hall.congress.unit.name} KHÓA V".upper() in text
