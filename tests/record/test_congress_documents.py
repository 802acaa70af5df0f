"""The resolution and the minutes of a congress, read back from .docx and PDF, say its record.

The congress of tests.season.record: 10 of 11 delegates checked in and a guest, a committee of 3
elected of 4 names and 2 delegates with 1 alternate, counted by phone; here it also adopts its
agenda (a vote recorded 6/10 then corrected to 10/10 with its reason), a report, its targets and
its resolution. Every figure the documents print is compared with the records.
"""

from __future__ import annotations

import io
import re

import pypdf
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from tests.season.record import BCH_VOTES, DELEGATE_VOTES, congress_with_results
from tests.season.test_result_file import docx_text

from daihoi.congresses import results
from daihoi.congresses import services as congress_services
from daihoi.congresses.models import HallVoteSubject, OrganKind
from daihoi.congresses.testing import add_people, make_congress
from daihoi.record import documents
from daihoi.record.facts import congress_record
from daihoi.rules.numbers import percent_vi
from daihoi.rules.targets import Comparison, Measure, Period
from daihoi.term import services as term_services
from daihoi.term.services import TargetData
from daihoi.units.testing import build_world

TARGETS = (
    "Phấn đấu hàng năm Công đoàn đạt tiêu chuẩn vững mạnh",
    "Trong nhiệm kỳ giới thiệu cho tổ chức Đảng từ 03 đoàn viên công đoàn ưu tú trở lên để "
    "bồi dưỡng, kết nạp",
)


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def flat(text: str) -> str:
    return " ".join(text.split())


class CongressDocumentsTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.congress = congress = congress_with_results(cls.w)
        items = {item.step: item for item in congress.agenda.all()}
        presidium = congress.organs.get(kind=OrganKind.DOAN_CHU_TICH)
        chair = congress.delegates.get(full_name="Nguyễn Thị An")
        congress_services.add_organ_member(organ=presidium, delegate=chair, role="truong-ban")
        congress_services.record_organ_approval(organ=presidium, yes=10, no=0, abstain=0)
        cls.mistyped = congress_services.record_hall_vote(
            congress=congress, subject=HallVoteSubject.AGENDA, yes=6, no=4, abstain=0,
            agenda_item=items["chuong-trinh"],
        )  # fmt: skip
        cls.agenda_vote = congress_services.correct_hall_vote(
            vote=cls.mistyped, yes=10, no=0, abstain=0, present=10, reason="Thư ký đọc nhầm"
        )
        cls.report = congress_services.record_hall_vote(
            congress=congress, subject=HallVoteSubject.REPORT, yes=9, no=0, abstain=1
        )
        cancelled = congress_services.record_hall_vote(
            congress=congress, subject=HallVoteSubject.OTHER, title="Ghi nhầm", yes=1, no=0,
            abstain=0,
        )  # fmt: skip
        congress_services.cancel_hall_vote(vote=cancelled, reason="Không có biểu quyết này")
        for text in TARGETS:
            term_services.add_target(
                congress=congress,
                data=TargetData(
                    text=text, measure=Measure.YES_NO.value, comparison=Comparison.ALL.value,
                    period=Period.YEARLY.value, first_year=congress.term_start,
                    last_year=congress.term_end,
                ),
                by=None,
            )  # fmt: skip
        cls.resolution_vote = congress_services.record_hall_vote(
            congress=congress, subject=HallVoteSubject.RESOLUTION, yes=8, no=1, abstain=1,
            agenda_item=items["nghi-quyet"],
        )  # fmt: skip
        cls.record = congress_record(congress)

    def render(self, paper: str, kind: str) -> str:
        self.client.force_login(self.w.viewer)
        url = reverse("congress_record_document", args=[self.congress.pk, paper, kind])
        response = self.client.get(url)
        assert response.status_code == 200
        assert response["Content-Disposition"].endswith(f'.{kind}"')
        content = b"".join(response) if response.streaming else response.content
        return flat(docx_text(content) if kind == "docx" else pdf_text(content))

    def test_the_record_reads_the_hall_as_checked_in(self) -> None:
        figures = congress_services.attendance(self.congress)
        assert (self.record.summoned, self.record.present) == (11, 10)
        assert (figures.summoned, figures.present) == (11, 10)
        assert [d.full_name for d in self.record.absent] == ["Đại biểu vắng"]
        assert [g.full_name for g in self.record.guests] == ["Khách mời"]
        assert self.record.votes == [self.agenda_vote, self.report, self.resolution_vote]

    def test_the_resolution_says_the_targets_word_for_word_and_the_elected(self) -> None:
        for kind in ("docx", "pdf"):
            with self.subTest(kind):
                text = self.render("nghi-quyet", kind)
                assert "NGHỊ QUYẾT" in text and "DỰ THẢO" not in text
                for target in TARGETS:
                    assert flat(target) in text
                for name, votes in BCH_VOTES.items():
                    line = f"{name} ({votes}/10 phiếu, {percent_vi(votes, 10)})"
                    elected = name in ("Nguyễn Thị An", "Trần Văn Bình", "Lò Văn Cường")
                    assert (line in text) == elected, line
                outcomes = results.outcomes_of(self.congress)
                delegates = next(o for o in outcomes if o.kind == results.DELEGATES)
                for person in (*delegates.elected, *delegates.alternates):
                    assert f"{person.name} ({person.votes}/{person.base} phiếu" in text
                assert f"Đại biểu dự khuyết: {delegates.alternates[0].name}" in text
                assert DELEGATE_VOTES[delegates.alternates[0].name] == delegates.alternates[0].votes

    def test_the_resolution_quotes_the_vote_that_adopted_it(self) -> None:
        vote = self.resolution_vote
        time = timezone.localtime(vote.voted_at)
        text = self.render("nghi-quyet", "docx")
        expected = (
            f"biểu quyết thông qua lúc {time:%H} giờ {time:%M} phút ngày {time:%d} "
            f"tháng {time.month:02d}"
            if time.month < 3
            else f"tháng {time.month}"
        )
        assert "biểu quyết thông qua lúc" in text
        assert f"{time:%H} giờ {time:%M} phút" in text
        assert (
            "tán thành 8/10 đại biểu có mặt (80,0%), không tán thành 1, không biểu quyết 1" in text
        )
        assert expected.split(" ngày")[0] in text
        # The adopted items before it: the corrected agenda vote (10/10), not the mistyped one.
        assert (
            "Thông qua Chương trình đại hội (tán thành 10/10 đại biểu có mặt, đạt 100,0%)" in text
        )
        assert "Thông qua Báo cáo chính trị (tán thành 9/10 đại biểu có mặt, đạt 90,0%)" in text
        assert "tán thành 6/10" not in text
        assert "Ghi nhầm" not in text

    def test_the_minutes_print_attendance_each_vote_and_each_election(self) -> None:
        for kind in ("docx", "pdf"):
            with self.subTest(kind):
                text = self.render("bien-ban", kind)
                assert "BIÊN BẢN" in text
                assert "Tổng số đại biểu được triệu tập: 11." in text
                assert "Có mặt: 10 (90,9%)." in text
                assert "Vắng mặt: 1 (Đại biểu vắng)." in text
                assert "Đồng chí Khách mời - Chủ tịch Công đoàn cấp trên." in text
                assert self.record.quorum.message in text
                for vote in self.record.votes:
                    hhmm = timezone.localtime(vote.voted_at).strftime("%H:%M")
                    yes = f"{vote.votes_yes} ({percent_vi(vote.votes_yes, vote.votes_present)})"
                    if kind == "docx":
                        row = f"{hhmm} | {vote.title} | {vote.votes_present} | {yes} | "
                        row += f"{vote.votes_no} | {vote.votes_abstain} | Thông qua"
                        assert row in text, row
                    else:
                        assert vote.title in text and yes in text
                assert "đã được sửa lúc" in text and "lý do: Thư ký đọc nhầm" in text
                assert "Ghi nhầm" not in text
                first = timezone.localtime(self.record.first_arrival)
                assert f"bắt đầu lúc {first:%H} giờ {first:%M} phút" in text
                for outcome in self.record.outcomes:
                    assert outcome.title in text
                    for n, person in enumerate(outcome.elected, start=1):
                        assert f"{n}. {person.name}: {person.votes}/{person.base} phiếu" in text
                assert "Đại biểu có mặt khi bầu: 10/11." in text
                assert "Nguyễn Thị An (Chủ trì)" in text

    def test_the_resolution_is_a_draft_until_the_hall_adopts_it(self) -> None:
        congress = make_congress(self.w.sibling)
        for person in add_people(congress, 3):
            congress_services.check_in(congress=congress, delegate=person)
        record = congress_record(congress)
        paras = [b.content for b in documents.resolution_blocks(record) if hasattr(b, "content")]
        text = " ".join(p for p in paras if isinstance(p, str))
        assert documents.DRAFT in text
        assert documents.NOT_YET_ADOPTED in text
        assert documents.NO_TARGETS.format(term=congress.term) in text
        assert documents.NO_ELECTIONS in text
        assert not re.search(r"\d+/\d+ phiếu", text)

    def test_the_record_page_links_both_papers(self) -> None:
        self.client.force_login(self.w.viewer)
        text = self.client.get(reverse("congress_record", args=[self.congress.pk])).content
        page = text.decode()
        for paper in ("nghi-quyet", "bien-ban"):
            for kind in ("docx", "pdf"):
                url = reverse("congress_record_document", args=[self.congress.pk, paper, kind])
                assert url in page
        assert "Có mặt 10/11 theo điểm danh" in page
        assert "2 chỉ tiêu" in page

    def test_the_record_page_title_is_text_and_links_the_news_report(self) -> None:
        self.client.force_login(self.w.viewer)
        page = self.client.get(reverse("congress_record", args=[self.congress.pk])).content.decode()
        title = page.split("<title>", 1)[1].split("</title>", 1)[0]
        assert "<section" not in title and title.startswith("Văn kiện đại hội")
        assert page.count('id="paper-tong-ket"') == 1
        assert reverse("congress_article", args=[self.congress.pk]) in page

    def test_another_unit_s_documents_are_404_and_an_unknown_paper_too(self) -> None:
        self.client.force_login(self.w.sibling_officer)
        for name, args in (
            ("congress_record", [self.congress.pk]),
            ("congress_record_document", [self.congress.pk, "nghi-quyet", "pdf"]),
        ):
            assert self.client.get(reverse(name, args=args)).status_code == 404
        self.client.force_login(self.w.officer)
        url = reverse("congress_record_document", args=[self.congress.pk, "khac", "pdf"])
        assert self.client.get(url).status_code == 404
        url = reverse("congress_record_document", args=[self.congress.pk, "bien-ban", "odt"])
        assert self.client.get(url).status_code == 404
        assert (
            self.client.post(reverse("congress_record", args=[self.congress.pk])).status_code == 405
        )
        self.client.logout()
        assert (
            self.client.get(reverse("congress_record", args=[self.congress.pk])).status_code == 302
        )


class TermReviewTests(TestCase):
    """The term review says, target by target and year by year, what the dashboard says."""

    @classmethod
    def setUpTestData(cls) -> None:
        from daihoi.term.services import ValueData

        cls.w = build_world()
        cls.congress = make_congress(cls.w.unit, term=(2017, 2022))
        yearly = term_services.add_target(
            congress=cls.congress,
            data=TargetData(
                text=TARGETS[0], measure=Measure.YES_NO.value, comparison=Comparison.ALL.value,
                period=Period.YEARLY.value, first_year=2017, last_year=2022,
            ),
            by=None,
        )  # fmt: skip
        for year, achieved in ((2017, True), (2018, False)):
            term_services.enter_value(
                target=yearly,
                data=ValueData(
                    year=year, number=None, achieved=achieved, note=f"Xếp loại năm {year}",
                    evidence=f"Quyết định số {year}/QĐ-CĐ",
                ),
                by=None,
            )  # fmt: skip

    def test_each_year_s_value_and_verdict_is_the_dashboard_s(self) -> None:
        from daihoi.term.queries import target_rows

        [row] = target_rows(self.congress, charts=False)
        self.client.force_login(self.w.viewer)
        for kind in ("docx", "pdf"):
            with self.subTest(kind):
                url = reverse("congress_record_document", args=[self.congress.pk, "tong-ket", kind])
                response = self.client.get(url)
                assert response.status_code == 200
                text = flat(
                    docx_text(response.content) if kind == "docx" else pdf_text(response.content)
                )
                assert "BÁO CÁO" in text and flat(TARGETS[0]) in text
                for cell in row.cells:
                    verdict = {True: "Đạt", False: "Không đạt", None: "—"}[cell.achieved]
                    if kind == "docx":
                        assert f"{cell.year} | {cell.text} | {verdict}" in text
                    else:
                        assert str(cell.year) in text and cell.text in text
                assert f"Cả nhiệm kỳ: {row.verdict}" in text
                assert "Năm 2018: Xếp loại năm 2018 (minh chứng: Quyết định số 2018/QĐ-CĐ)" in text
                assert "Tổng hợp: 0 chỉ tiêu đạt, 1 chỉ tiêu không đạt, 0 chỉ tiêu" in text
