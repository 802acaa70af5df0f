"""The 5-year review report: its figures are what the records give, and nothing else."""

from __future__ import annotations

import datetime
import io

import docx
from django.test import TestCase
from django.urls import reverse

from daihoi.activities.models import (
    Contribution,
    ContributionKind,
    Initiative,
    Level,
    ResearchProject,
)
from daihoi.congresses.testing import make_conference, make_congress
from daihoi.emulation import services as emulation_services
from daihoi.emulation.models import Evaluation, TitleChoice, TitleRecord
from daihoi.emulation.testing import make_campaign
from daihoi.review import documents, services
from daihoi.review.models import ConferenceReview
from daihoi.rules.numbers import money_vi, number_vi, percent_vi
from daihoi.units.models import Gender, Member
from daihoi.units.services import MemberData, create_member
from daihoi.units.testing import build_world


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([*(p.text for p in document.paragraphs), *cells])


class ReviewFiguresTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        unit, section, sibling = cls.w.unit, cls.w.section, cls.w.sibling
        cls.conference = make_conference(unit)  # 2015 - 2020
        women = [
            create_member(
                unit=section,
                data=MemberData(
                    full_name=f"Lò Thị Mai {n}", gender=Gender.NU, member_number=f"N{n}"
                ),
            )
            for n in range(3)
        ]
        for year, title, level, applied, where in (
            (2016, "Sổ tay điện tử", Level.GRASSROOTS, True, section),
            (2017, "Phần mềm chấm công", Level.CENTRAL, True, unit),
            (2018, "Quy trình một cửa", Level.CENTRAL, False, unit),  # not applied
            (2014, "Trước giai đoạn", Level.CENTRAL, True, unit),  # before the period
            (2017, "Của đơn vị bạn", Level.CENTRAL, True, sibling),  # outside the subtree
        ):
            Initiative.objects.create(
                unit=where, title=title, year=year, level=level, applied=applied
            )
        for day, level, where in (
            (datetime.date(2016, 5, 1), Level.PROVINCE, unit),
            (datetime.date(2019, 5, 1), Level.PROVINCE, section),
            (datetime.date(2019, 6, 1), Level.SECTOR, unit),  # not the province's
            (datetime.date(2019, 6, 1), Level.PROVINCE, sibling),
        ):
            ResearchProject.objects.create(unit=where, title="Đề tài", level=level, accepted_on=day)
        for kind, amount, day, where in (
            (ContributionKind.SHELTER, 45_000_000, datetime.date(2016, 3, 1), unit),
            (ContributionKind.SHELTER, 50_000_000, datetime.date(2019, 3, 1), section),
            (ContributionKind.OTHER_SUPPORT, 120_000_000, datetime.date(2018, 3, 1), unit),
            (ContributionKind.CHARITY, 7_500_000, datetime.date(2020, 1, 9), unit),
            (ContributionKind.SHELTER, 60_000_000, datetime.date(2021, 1, 9), unit),  # after
            (ContributionKind.SHELTER, 70_000_000, datetime.date(2017, 1, 9), sibling),
        ):
            Contribution.objects.create(
                unit=where, kind=kind, amount=amount, given_on=day, purpose="Hỗ trợ"
            )
        campaign = make_campaign(unit, year=2017)
        people = [cls.w.member, *women]
        for member, level in zip(people, ("tot", "xuat-sac", "hoan-thanh", "tot"), strict=True):
            emulation_services.evaluate_member(
                campaign=campaign,
                unit=unit,
                member=member,
                data=emulation_services.EvaluationData(task_level=level),
                by=None,
            )
        TitleRecord.objects.create(member=women[0], year=2017, title=TitleChoice.GVNDVN)
        TitleRecord.objects.create(member=women[2], year=2017, title=TitleChoice.GVNDVN)
        cls.review = ConferenceReview.objects.create(conference=cls.conference, campaign=campaign)

    def test_the_report_states_what_the_records_give(self) -> None:
        unit = self.w.unit
        in_subtree = {"unit__path__startswith": unit.path}
        applied = Initiative.objects.filter(
            **in_subtree, applied=True, year__gte=2015, year__lte=2020
        ).count()
        central = Initiative.objects.filter(
            **in_subtree, level=Level.CENTRAL, year__gte=2015, year__lte=2020
        ).count()
        research = ResearchProject.objects.filter(
            **in_subtree, level=Level.PROVINCE, accepted_on__year__gte=2015,
            accepted_on__year__lte=2020,
        ).count()  # fmt: skip
        period = {"given_on__year__gte": 2015, "given_on__year__lte": 2020, **in_subtree}
        shelters = Contribution.objects.filter(**period, kind=ContributionKind.SHELTER)
        shelter_money = sum(c.amount for c in shelters)
        other = sum(
            c.amount
            for c in Contribution.objects.filter(**period).exclude(kind=ContributionKind.SHELTER)
        )
        evaluations = Evaluation.objects.filter(member__unit__path__startswith=unit.path)
        well = evaluations.filter(task_level__in=("tot", "xuat-sac")).count()
        women = Member.objects.in_subtree(unit).active().filter(gender=Gender.NU).count()
        gvn = TitleRecord.objects.filter(year=2017, title=TitleChoice.GVNDVN).count()
        assert (applied, central, research, shelters.count()) == (2, 2, 2, 2)
        assert (shelter_money, other) == (95_000_000, 127_500_000)

        text = docx_text(documents.review_document(self.review, "docx"))
        assert (
            f"Trong 5 năm đã có {number_vi(applied)} sáng kiến được áp dụng; "
            f"{number_vi(research)} đề tài, dự án được Hội đồng khoa học tỉnh công nhận, "
            f"{number_vi(central)} sáng kiến được các Bộ, ngành trung ương công nhận."
        ) in text
        assert (
            f"Hằng năm có {percent_vi(well, evaluations.count())} cán bộ, công chức, viên chức "
            "hoàn thành tốt nhiệm vụ trở lên."
        ) in text
        assert f"{percent_vi(gvn, women)} nữ công nhân, viên chức, lao động đạt danh hiệu" in text
        assert (
            f"xây dựng {shelters.count()} mái ấm công đoàn với số tiền {money_vi(shelter_money)} "
            f"({number_vi(shelter_money)} đồng)"
        ) in text
        assert f"tổng số tiền {money_vi(other)} ({number_vi(other)} đồng)" in text
        assert "Chưa có quyết định khen thưởng của phong trào này." in text

    def test_the_pdf_and_the_page_give_the_same_figures(self) -> None:
        import pypdf

        content = documents.review_document(self.review, "pdf")
        reader = pypdf.PdfReader(io.BytesIO(content))
        text = " ".join((p.extract_text() or "") for p in reader.pages)
        assert "95.000.000" in text and "127.500.000" in text
        self.client.force_login(self.w.officer)
        page = self.client.get(reverse("conference_review", args=[self.conference.pk]))
        self.assertContains(page, '<span class="stat__value" data-initiatives>2</span>', html=True)
        self.assertContains(page, "Tổng kết, khen thưởng")
        download = self.client.get(reverse("review_document", args=[self.conference.pk, "docx"]))
        assert download.status_code == 200
        assert "bao-cao-tong-ket-2015-2020.docx" in download["Content-Disposition"]

    def test_outsiders_get_404(self) -> None:
        self.client.force_login(self.w.sibling_officer)
        for url in (
            reverse("conference_review", args=[self.conference.pk]),
            reverse("review_document", args=[self.conference.pk, "pdf"]),
        ):
            assert self.client.get(url).status_code == 404


class LinkCampaignTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.conference = make_conference(cls.w.unit)
        cls.campaign = make_campaign(cls.w.unit, year=2020)
        cls.other = make_campaign(cls.w.sibling, year=2020)

    def url(self) -> str:
        return reverse("conference_review_link", args=[self.conference.pk])

    def test_the_officer_links_the_campaign_the_conference_reviews(self) -> None:
        self.client.force_login(self.w.officer)
        page = self.client.get(reverse("conference_review", args=[self.conference.pk]))
        self.assertContains(page, "Hội nghị chưa gắn với phong trào thi đua nào")
        response = self.client.post(self.url(), {"campaign": self.campaign.pk}, follow=True)
        self.assertContains(response, f"Hội nghị tổng kết phong trào “{self.campaign.title}”.")
        assert ConferenceReview.objects.get(conference=self.conference).campaign == self.campaign

    def test_a_campaign_of_another_unit_is_refused(self) -> None:
        with self.assertRaises(services.ReviewError) as caught:
            services.link_campaign(conference=self.conference, campaign=self.other)
        assert str(caught.exception) == services.CAMPAIGN_OF_OTHER_UNIT.format(
            campaign=self.other.title, unit=self.w.unit.name
        )
        self.client.force_login(self.w.officer)
        response = self.client.post(self.url(), {"campaign": self.other.pk}, follow=True)
        self.assertContains(response, "Phong trào: phong trào này không có trong danh sách.")
        assert not ConferenceReview.objects.exists()

    def test_a_congress_is_not_linked(self) -> None:
        congress = make_congress(self.w.unit)
        with self.assertRaises(services.ReviewError):
            services.link_campaign(conference=congress, campaign=self.campaign)

    def test_a_viewer_may_not_link_and_a_sibling_does_not_see(self) -> None:
        self.client.force_login(self.w.viewer)
        assert self.client.post(self.url(), {"campaign": self.campaign.pk}).status_code == 403
        self.client.force_login(self.w.sibling_officer)
        assert self.client.post(self.url(), {"campaign": self.campaign.pk}).status_code == 404
        assert not ConferenceReview.objects.exists()
