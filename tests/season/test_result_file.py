"""The result file generated from the congress the unit ran in daihoi (rules.md §2.8)."""

from __future__ import annotations

import io

import docx
import pypdf
from django.test import TestCase
from tests.season.record import (
    APPROVED,
    BCH_VOTES,
    HELD,
    SENT,
    D,
    approved_plan,
    congress_with_results,
    season_entry,
)

from daihoi.season import documents, errors, results
from daihoi.season.errors import SeasonError
from daihoi.season.models import FirstMeeting, MeetingVote, SeasonStep, StepKind
from daihoi.season.results import MeetingData
from daihoi.units.testing import build_world

MEETING = MeetingData(
    held_on=HELD,
    present=3,
    chair="Nguyễn Thị An: 3",
    vice_chairs="Trần Văn Bình: 2",
    inspection="Lò Văn Cường: 3\nHoàng Văn Nam: 2\nĐỗ Thị Lan: 2",
    inspection_chair="Lò Văn Cường: 3",
)


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


class ResultFileTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.entry = season_entry(cls.w)
        cls.plan = approved_plan(cls.w, cls.entry)
        cls.congress = congress_with_results(cls.w)

    def send(self, meeting: MeetingData = MEETING, congress_id: int | None = None) -> SeasonStep:
        return results.send_result_from_congress(
            entry=self.entry,
            congress_id=congress_id or self.congress.pk,
            meeting=meeting,
            note="",
            by=self.w.officer,
            today=SENT,
        )

    def test_the_figures_of_the_step_are_the_record(self) -> None:
        step = self.send()
        assert step.kind == StepKind.RESULT
        assert (step.held_on, step.committee_size, step.delegates_elected) == (HELD, 3, 2)
        assert step.congress_id == self.congress.pk
        meeting = FirstMeeting.objects.get(step=step)
        assert (meeting.committee, meeting.present) == (3, 3)
        picked = list(MeetingVote.objects.filter(meeting=meeting).values_list("role", "full_name"))
        assert picked == [
            ("chu-tich", "Nguyễn Thị An"),
            ("pho-chu-tich", "Trần Văn Bình"),
            ("chu-nhiem-ubkt", "Lò Văn Cường"),
            ("uy-vien-ubkt", "Lò Văn Cường"),
            ("uy-vien-ubkt", "Hoàng Văn Nam"),
            ("uy-vien-ubkt", "Đỗ Thị Lan"),
        ]

    def test_the_word_file_says_what_the_record_says(self) -> None:
        record = results.record_of(self.send())
        assert record is not None
        text = docx_text(documents.result_file(record, kind="docx"))
        # Tờ trình
        assert "TỜ TRÌNH" in text
        assert "Kính gửi: Ban Thường vụ Liên đoàn Lao động tỉnh Lai Châu" in text
        assert "Tổng số đại biểu được triệu tập: 11; có mặt khi bầu cử: 10 (90,9%)." in text
        assert "Ban Chấp hành khóa mới gồm 3 đồng chí (số lượng được duyệt: 3)" in text
        assert "đã bầu 2 đại biểu chính thức và 1 đại biểu dự khuyết" in text
        assert f"được {self.entry.season.unit.name} duyệt ngày {APPROVED:%d/%m/%Y}" in text
        # The elections' own minutes, one per counted round.
        assert text.count("BIÊN BẢN KIỂM PHIẾU") == 2
        assert "Biên bản kiểm phiếu (2 bản);" in text
        # Danh sách trích ngang: the three elected, their votes over the ballots, their office.
        assert "DANH SÁCH TRÍCH NGANG" in text
        assert "1 | Nguyễn Thị An | 1980 (Nữ) | Kinh | x |" in text
        assert "9/10 (90,0%) | Chủ tịch" in text
        assert "Trần Văn Bình | 1975 (Nam) | Kinh |  |" in text
        assert "8/10 (80,0%) | Phó Chủ tịch" in text
        assert "7/10 (70,0%) | Ủy viên BCH, Chủ nhiệm UBKT" in text
        assert "Phạm Thị Dung" not in text.split("DANH SÁCH TRÍCH NGANG")[1].split("BIÊN BẢN")[0]
        assert "Tổng số: 3 đồng chí; nữ: 1 (33,3%)." in text
        # Biên bản hội nghị BCH lần thứ nhất
        assert "Hội nghị lần thứ nhất Ban Chấp hành" in text
        assert "Số ủy viên Ban Chấp hành: 3; có mặt: 3 (100,0%)" in text
        assert "Chủ tịch: đồng chí Nguyễn Thị An, 3/3 phiếu (100,0%)." in text
        assert "Phó Chủ tịch: đồng chí Trần Văn Bình, 2/3 phiếu (66,7%)." in text
        assert "Ủy viên Ủy ban Kiểm tra: đồng chí Hoàng Văn Nam, 2/3 phiếu (66,7%)." in text

    def test_the_pdf_says_the_same_figures(self) -> None:
        record = results.record_of(self.send())
        assert record is not None
        content = documents.result_file(record, kind="pdf")
        reader = pypdf.PdfReader(io.BytesIO(content))
        text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
        assert "TỜ TRÌNH" in text
        assert text.count("BIÊN BẢN KIỂM PHIẾU") == 2
        assert "DANH SÁCH TRÍCH NGANG" in text
        assert "Nguyễn Thị An, 3/3 phiếu (100,0%)" in text
        # Each paper from a new page: 1 petition, 2 minutes, the list, the meeting at least.
        assert len(reader.pages) >= 5

    def test_the_minutes_printed_are_the_elections_minutes(self) -> None:
        from daihoi.congresses import results as congress_results
        from daihoi.elections import documents as election_documents
        from daihoi.elections.models import Round

        rounds = Round.objects.filter(election__congress=self.congress).order_by("election_id")
        assert congress_results.minutes_of(self.congress) == [
            election_documents.minutes_content(r) for r in rounds
        ]

    def test_votes_per_person_equal_the_count(self) -> None:
        record = results.record_of(self.send())
        assert record is not None
        assert {p.name: p.votes for p in record.committee} == {
            name: votes for name, votes in BCH_VOTES.items() if votes > 6
        }
        assert record.delegates is not None
        assert [p.name for p in record.delegates.alternates] == ["Trần Văn Bình"]

    def test_a_meeting_without_two_thirds_is_refused_and_nothing_is_written(self) -> None:
        short = MeetingData(**{**MEETING.__dict__, "present": 1, "chair": "Nguyễn Thị An: 1"})
        with self.assertRaises(SeasonError) as caught:
            self.send(short)
        assert (
            errors.MEETING_NO_QUORUM.format(committee="BCH", present=1, size=3)
            in caught.exception.messages
        )
        assert not SeasonStep.objects.filter(kind=StepKind.RESULT).exists()
        assert not FirstMeeting.objects.exists()

    def test_a_chair_outside_the_committee_or_not_over_half_is_refused(self) -> None:
        meeting = MeetingData(
            **{**MEETING.__dict__, "chair": "Phạm Thị Dung: 3", "vice_chairs": "Trần Văn Bình: 1"}
        )
        with self.assertRaises(SeasonError) as caught:
            self.send(meeting)
        assert caught.exception.messages == [
            errors.MEETING_NOT_IN_COMMITTEE.format(
                label="Chủ tịch", name="Phạm Thị Dung", count=3, committee="Ban Chấp hành"
            ),
            errors.MEETING_NOT_ELECTED.format(
                label="Phó Chủ tịch", name="Trần Văn Bình", votes=1, present=3
            ),
        ]

    def test_a_line_not_name_and_votes_is_named(self) -> None:
        meeting = MeetingData(**{**MEETING.__dict__, "vice_chairs": "Trần Văn Bình hai phiếu"})
        with self.assertRaises(SeasonError) as caught:
            self.send(meeting)
        assert caught.exception.errors[0].field == "vice_chairs"
        assert caught.exception.messages[0] == errors.MEETING_LINE.format(
            label="Phó Chủ tịch", line=1, text="Trần Văn Bình hai phiếu"
        )

    def test_a_committee_larger_than_approved_is_refused_with_the_numbers(self) -> None:
        self.plan.committee_size = 2
        self.plan.save(update_fields=["committee_size"])
        with self.assertRaises(SeasonError) as caught:
            self.send()
        assert (
            errors.SIZE_OVER_APPROVED.format(committee="BCH", size=3, approved=2)
            in caught.exception.messages
        )
        assert caught.exception.errors[0].field == "congress"

    def test_a_congress_of_another_unit_is_refused(self) -> None:
        from daihoi.congresses.testing import make_congress

        other = make_congress(self.w.sibling)
        with self.assertRaises(SeasonError) as caught:
            self.send(congress_id=other.pk)
        assert caught.exception.messages == [
            errors.CONGRESS_NOT_OF_UNIT.format(congress_id=other.pk)
        ]

    def test_the_result_cannot_be_sent_twice(self) -> None:
        self.send()
        with self.assertRaises(SeasonError) as caught:
            self.send()
        assert "không gửi lại được" in caught.exception.messages[0]


class ResultWithoutCountTests(TestCase):
    def test_a_congress_without_a_counted_committee_is_refused(self) -> None:
        from daihoi.congresses.testing import make_congress

        w = build_world()
        entry = season_entry(w)
        approved_plan(w, entry)
        congress = make_congress(w.unit, on=D(2023, 2, 15))
        with self.assertRaises(SeasonError) as caught:
            results.send_result_from_congress(
                entry=entry, congress_id=congress.pk, meeting=MEETING, note="", by=w.officer,
                today=SENT,
            )  # fmt: skip
        assert caught.exception.messages == [
            errors.CONGRESS_NO_BCH.format(congress=congress.title, committee="Ban Chấp hành")
        ]
