"""Seed 004 end to end in the demo: the conference, its honours, the 5-year figures as stated.

"125 đại biểu tiên tiến"; "trên 10.000 sáng kiến được áp dụng; trên 50 đề tài, dự án được Hội
đồng khoa học tỉnh công nhận, trên 40 sáng kiến được các Bộ ngành trung ương công nhận; hàng năm
có trên 95% CB, CC, VC hoàn thành tốt nhiệm vụ trở lên; từ 80 - 85% nữ … đạt danh hiệu “Giỏi việc
nước, đảm việc nhà”; … gần 160 mái ấm công đoàn với số tiền trên 4,6 tỷ đồng; … tổng số tiền gần
6 tỷ đồng"; "Bằng khen cho 20 tập thể, 30 cá nhân".
"""

from __future__ import annotations

import io
from io import StringIO

import docx
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from daihoi.accounts.models import User
from daihoi.activities.models import Contribution, Initiative, ResearchProject
from daihoi.congresses.models import Congress, DelegateKind, EventKind, Presence
from daihoi.emulation.models import Evaluation, ProposalLine, TitleRecord
from daihoi.review import documents
from daihoi.review.demo import load_demo_review
from daihoi.review.models import ConferenceReview
from daihoi.review.queries import decisions_of, review_figures


class SeedFourConferenceTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        call_command("load_demo", stdout=StringIO())
        cls.conference = Congress.objects.get(unit__code="DB", event_kind=EventKind.HOI_NGHI)
        cls.review = ConferenceReview.objects.get(conference=cls.conference)

    def test_the_conference_of_125_delegates_all_present(self) -> None:
        assert self.conference.title == "Hội nghị điển hình tiên tiến lần thứ V"
        assert (self.conference.venue, str(self.conference.starts_on)) == (
            "Nhà thiếu nhi tỉnh",
            "2020-07-08",
        )
        voting = self.conference.delegates.filter(kind=DelegateKind.ATTENDEE)
        assert voting.count() == 125
        assert voting.filter(presence=Presence.PRESENT).count() == 125
        guest = self.conference.delegates.get(kind=DelegateKind.GUEST)
        assert guest.full_name == "Lò Văn Muôn"
        # The delegates are members of the Điện Biên tree, the 30 awarded among them.
        assert not voting.exclude(member__unit__path__startswith=self.conference.unit.path).exists()
        awarded = TitleRecord.objects.filter(
            decision__proposal__campaign=self.review.campaign, member__isnull=False
        ).values_list("member_id", flat=True)
        assert voting.filter(member_id__in=awarded).count() == 30

    def test_its_honours_are_the_bang_khen_to_20_collectives_and_30_members(self) -> None:
        decisions = decisions_of(self.review.campaign)
        lines = ProposalLine.objects.filter(proposal__decision__in=decisions)
        assert len(decisions) == 6
        assert (lines.filter(collective=True).count(), lines.filter(collective=False).count()) == (
            20,
            30,
        )

    def test_the_five_years_figures_come_out_as_the_seed_states(self) -> None:
        f = review_figures(unit=self.conference.unit, first_year=2015, last_year=2020)
        assert f.initiatives_applied > 10_000
        assert f.research_province > 50
        assert f.initiatives_central > 40
        assert [s.year for s in f.task_shares] == [2015, 2016, 2017, 2018, 2019]
        assert all(100 * s.count > 95 * s.base for s in f.task_shares)
        assert all(80 * s.base <= 100 * s.count <= 85 * s.base for s in f.women_shares)
        assert len(f.women_shares) == 5
        assert 150 <= f.shelters < 160
        assert 4_600_000_000 < f.shelter_money < 4_700_000_000
        assert 5_500_000_000 < f.other_money < 6_000_000_000
        text = "\n".join(
            p.text
            for p in docx.Document(
                io.BytesIO(documents.review_document(self.review, "docx"))
            ).paragraphs
        )
        assert "Trong 5 năm đã có 10.236 sáng kiến được áp dụng; 54 đề tài" in text
        assert "158 mái ấm công đoàn với số tiền 4,6 tỷ đồng (4.626.400.000 đồng)" in text
        assert "tổng số tiền 5,9 tỷ đồng (5.904.000.000 đồng)" in text
        assert "Bằng khen cho 20 tập thể, 30 cá nhân" in text

    def test_loading_again_adds_nothing(self) -> None:
        counts = (
            Congress.objects.count(),
            Initiative.objects.count(),
            ResearchProject.objects.count(),
            Contribution.objects.count(),
            Evaluation.objects.count(),
            TitleRecord.objects.count(),
        )
        report = load_demo_review()
        assert (report.conferences, report.initiatives, report.evaluations) == (0, 0, 0)
        assert counts == (
            Congress.objects.count(),
            Initiative.objects.count(),
            ResearchProject.objects.count(),
            Contribution.objects.count(),
            Evaluation.objects.count(),
            TitleRecord.objects.count(),
        )

    def test_the_officer_opens_the_review_from_the_conference(self) -> None:
        self.client.force_login(User.objects.get(username="canbo.dienbien"))
        page = self.client.get(reverse("congress_detail", args=[self.conference.pk]))
        review_url = reverse("conference_review", args=[self.conference.pk])
        self.assertContains(page, review_url)
        review = self.client.get(review_url)
        self.assertContains(review, "10.236")
        self.assertContains(review, "In bằng khen", count=6)
