"""The emulation dashboard of a subtree over years: counts, shares, amounts, chart, Excel."""

from __future__ import annotations

import datetime
import io

from django.test import TestCase
from django.urls import reverse
from openpyxl import load_workbook

from daihoi.activities.models import Contribution, ContributionKind
from daihoi.emulation import dashboard
from daihoi.emulation.models import Proposal, ProposalLine, ProposalStatus, TitleRecord
from daihoi.emulation.testing import make_campaign
from daihoi.rules.emulation import Title
from daihoi.units.models import Gender
from daihoi.units.services import MemberData, create_member
from daihoi.units.testing import build_world


class DashboardTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        w = cls.w
        cls.hoa = create_member(
            unit=w.unit, data=MemberData(full_name="Lò Thị Hoa", gender=Gender.NU)
        )
        TitleRecord.objects.create(member=w.member, year=2024, title=Title.LDTT.value)
        TitleRecord.objects.create(member=cls.hoa, year=2024, title=Title.LDTT.value)
        TitleRecord.objects.create(member=cls.hoa, year=2025, title=Title.LDTT.value)
        TitleRecord.objects.create(member=cls.hoa, year=2025, title=Title.GVNDVN.value)
        TitleRecord.objects.create(member=w.sibling_member, year=2025, title=Title.LDTT.value)
        TitleRecord.objects.create(unit=w.section, year=2025, title=Title.TTLDTT.value)
        campaign = make_campaign(w.upper_grassroots, year=2025)
        proposal = Proposal.objects.create(
            campaign=campaign, unit=w.unit, status=ProposalStatus.DECIDED
        )
        ProposalLine.objects.create(
            proposal=proposal, member=cls.hoa, unit=w.unit, title="bang-khen", amount=2_340_000
        )
        Contribution.objects.create(
            unit=w.section,
            kind=ContributionKind.CHARITY,
            amount=1_300_000_000,
            given_on=datetime.date(2025, 5, 1),
            purpose="Ủng hộ đồng bào vùng lũ",
        )
        cls.url = reverse("emulation_dashboard", kwargs={"unit_id": w.unit.pk})

    def line(self, board: dashboard.Dashboard, label: str) -> list[str]:
        for section in board.sections:
            for line in section.lines:
                if line.label == label:
                    return [cell.text for cell in line.cells]
        raise AssertionError(label)

    def test_counts_and_shares_of_the_subtree_by_year(self) -> None:
        board = dashboard.build(unit=self.w.unit, years=[2024, 2025])
        assert self.line(board, "Đoàn viên") == ["2", "2"]
        assert self.line(board, "Lao động tiên tiến") == ["2 (100,0%)", "1 (50,0%)"]
        # Giỏi việc nước, đảm việc nhà: a share of the women.
        assert self.line(board, "Giỏi việc nước, đảm việc nhà") == ["0 (0,0%)", "1 (100,0%)"]
        assert self.line(board, "Tập thể lao động tiên tiến") == ["–", "1 (100,0%)"]
        assert self.line(board, "Tiền thưởng cá nhân (đồng)") == ["0", "2.340.000"]
        assert self.line(board, "Quỹ từ thiện, ủng hộ (đồng)") == ["0", "1.300.000.000"]

    def test_the_page_shows_the_years_asked_with_a_chart(self) -> None:
        self.client.force_login(self.w.officer)
        response = self.client.get(self.url, {"tu": 2024, "den": 2025})
        assert response.status_code == 200
        html = response.content.decode()
        assert '<svg class="trend"' in html
        self.assertContains(response, "2 (100,0%)")

    def test_a_wrong_range_of_years_says_so_and_shows_the_last_five(self) -> None:
        self.client.force_login(self.w.officer)
        response = self.client.get(self.url, {"tu": 2025, "den": 2010})
        self.assertContains(response, dashboard.YEARS_WRONG.format(first=2025, last=2010, most=10))
        assert len(response.context["board"].years) == 5

    def test_the_excel_export_holds_the_same_figures_as_text(self) -> None:
        self.client.force_login(self.w.officer)
        response = self.client.get(
            reverse("emulation_dashboard_xlsx", kwargs={"unit_id": self.w.unit.pk}),
            {"tu": 2024, "den": 2025},
        )
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = {r[0]: r[1:] for r in sheet.iter_rows(values_only=True) if r and r[0]}
        assert rows["Lao động tiên tiến"] == ("2 (100,0%)", "1 (50,0%)")

    def test_a_unit_name_like_a_formula_is_written_as_text(self) -> None:
        self.w.unit.name = '=HYPERLINK("http://x")'
        board = dashboard.build(unit=self.w.unit, years=[2025])
        out = io.BytesIO()
        dashboard.write_workbook(board, out)
        sheet = load_workbook(out).active
        cell = sheet["A2"]
        assert cell.data_type == "s"
        assert cell.value == '=HYPERLINK("http://x")'
