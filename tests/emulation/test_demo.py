"""Seed 004 in the demo: the Điện Biên federation's 2015 - 2020 campaign, its Bằng khen to 20
collectives and 30 members, decided on 08/7/2020, with certificates and the year's report.
"""

from __future__ import annotations

import datetime
import io
from io import StringIO

import openpyxl
import pypdf
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from daihoi.accounts.models import User
from daihoi.emulation import demo
from daihoi.emulation.demo import load_demo_emulation
from daihoi.emulation.models import Campaign, Decision, Proposal, ProposalStatus, TitleRecord


class SeedFourTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        call_command("load_demo", stdout=StringIO())
        cls.campaign = Campaign.objects.get(unit__code="DB", year=2020)
        cls.officer = User.objects.get(username="canbo.dienbien")

    def test_the_campaign_is_the_federations_five_years(self) -> None:
        assert self.campaign.title == demo.TITLE
        assert self.campaign.kind == "chuyen-de"
        assert (self.campaign.starts_on, self.campaign.ends_on) == (
            datetime.date(2015, 7, 1),
            datetime.date(2020, 7, 8),
        )
        assert "125 đại biểu tiên tiến" in self.campaign.content

    def test_bang_khen_to_20_collectives_and_30_members_decided_on_8_july_2020(self) -> None:
        records = TitleRecord.objects.filter(year=2020, title="bang-khen")
        assert records.filter(member__isnull=False).count() == 30
        assert records.filter(unit__isnull=False).count() == 20
        decisions = Decision.objects.filter(proposal__campaign=self.campaign)
        assert decisions.count() == 6
        assert {(d.unit.code, d.signed_on, d.locality) for d in decisions} == {
            ("DB", datetime.date(2020, 7, 8), "Điện Biên")
        }
        assert set(
            Proposal.objects.filter(campaign=self.campaign).values_list("status", flat=True)
        ) == {ProposalStatus.DECIDED}

    def test_loading_again_adds_nothing(self) -> None:
        report = load_demo_emulation()
        assert (report.campaigns, report.decisions, report.awards) == (0, 0, 0)
        assert TitleRecord.objects.filter(year=2020).count() == 50

    def test_the_officer_opens_the_story_the_statuses_and_a_certificate(self) -> None:
        self.client.force_login(self.officer)
        kwargs = {"campaign_id": self.campaign.pk, "unit_id": self.campaign.unit_id}
        page = self.client.get(reverse("proposal_unit", kwargs=kwargs)).content.decode()
        assert page.count("Đã có quyết định khen thưởng") == 6
        proposal = Proposal.objects.get(campaign=self.campaign, unit__code="DB-GD")
        here = {"campaign_id": self.campaign.pk, "unit_id": proposal.unit_id}
        detail = self.client.get(
            reverse("proposal_detail", kwargs={**here, "proposal_id": proposal.pk})
        )
        self.assertContains(detail, "In Giấy khen, Bằng khen")
        line = proposal.lines.filter(member__isnull=False).first()
        assert line is not None
        pdf = self.client.get(
            reverse(
                "certificate_one",
                kwargs={**here, "proposal_id": proposal.pk, "line_id": line.pk, "kind": "pdf"},
            )
        )
        text = " ".join(
            (pdf_page.extract_text() or "")
            for pdf_page in pypdf.PdfReader(io.BytesIO(pdf.content)).pages
        )
        assert "BẰNG KHEN" in text and line.who in text
        assert "LIÊN ĐOÀN LAO ĐỘNG TỈNH ĐIỆN BIÊN" in text

    def test_the_years_report_counts_them(self) -> None:
        self.client.force_login(self.officer)
        url = reverse(
            "emulation_year_report", kwargs={"unit_id": self.campaign.unit_id, "year": 2020}
        )
        book = openpyxl.load_workbook(io.BytesIO(self.client.get(url).content))
        rows = list(book["Tổng hợp 2020"].iter_rows(values_only=True))
        header, top = rows[3], rows[4]
        row = dict(zip(header, top, strict=True))
        assert row["Bằng khen: số người"] == 30
        assert row["Bằng khen (tập thể): số tập thể"] == 20
