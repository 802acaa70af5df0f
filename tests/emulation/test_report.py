"""The year's Excel report of a unit's subtree: titles per unit rolled up, shares of its members,
names written so Excel never reads them as formulas.
"""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
from django.test import TestCase
from django.urls import reverse

from daihoi.emulation import report
from daihoi.emulation.models import TitleRecord
from daihoi.units.models import Gender
from daihoi.units.services import MemberData, create_member
from daihoi.units.testing import build_world

FORMULA_NAME = "=HYPERLINK(1) Cà Văn Tú"


class YearReportTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = w = build_world()

        def member(unit: object, name: str) -> object:
            return create_member(unit=unit, data=MemberData(full_name=name, gender=Gender.NU))  # type: ignore[arg-type]

        mai, xuan = member(w.unit, "Lò Thị Mai"), member(w.unit, "Tòng Thị Xuân")
        odd = member(w.section, FORMULA_NAME)
        records = [
            (mai, "lao-dong-tien-tien", 2025),
            (mai, "lao-dong-tien-tien", 2024),  # another year: not counted
            (xuan, "lao-dong-tien-tien", 2025),
            (xuan, "chien-si-thi-dua-co-so", 2025),
            (w.member, "lao-dong-tien-tien", 2025),  # in the section
            (odd, "bang-khen", 2025),
            (w.sibling_member, "lao-dong-tien-tien", 2025),
        ]
        for who, title, year in records:
            TitleRecord.objects.create(member=who, title=title, year=year, source="QĐ 1/QĐ")  # type: ignore[misc]
        TitleRecord.objects.create(unit=w.section, title="tap-the-lao-dong-tien-tien", year=2025)

    def workbook(self, user: object, unit_id: int, year: int = 2025) -> openpyxl.Workbook:
        self.client.force_login(user)  # type: ignore[arg-type]
        response = self.client.get(
            reverse("emulation_year_report", kwargs={"unit_id": unit_id, "year": year})
        )
        assert response.status_code == 200
        return openpyxl.load_workbook(io.BytesIO(response.content))

    def rows(self, book: openpyxl.Workbook) -> dict[str, dict[str, object]]:
        sheet = book["Tổng hợp 2025"]
        values = list(sheet.iter_rows(values_only=True))
        header = values[3]
        return {
            row[1]: dict(zip(header, row, strict=True))
            for row in values[4:]  # type: ignore[misc]
        }

    def test_titles_per_unit_rolled_up_with_shares_of_the_members(self) -> None:
        rows = self.rows(self.workbook(self.w.upper, self.w.upper_grassroots.pk))
        assert list(rows) == [
            self.w.upper_grassroots.name,
            self.w.unit.name,
            self.w.section.name,
            self.w.sibling.name,
        ]
        top = rows[self.w.upper_grassroots.name]
        assert top["Số đoàn viên"] == 5
        assert top["Lao động tiên tiến: số người"] == 4
        assert Decimal(str(top["Lao động tiên tiến: tỷ lệ"])) == Decimal("0.8")
        assert top["Chiến sĩ thi đua cơ sở: số người"] == 1
        unit = rows[self.w.unit.name]
        assert (unit["Số đoàn viên"], unit["Lao động tiên tiến: số người"]) == (4, 3)
        assert Decimal(str(unit["Lao động tiên tiến: tỷ lệ"])) == Decimal("0.75")
        assert unit["Bằng khen: số người"] == 1
        assert unit["Tập thể lao động tiên tiến (tập thể): số tập thể"] == 1
        section = rows[self.w.section.name]
        assert (section["Số đoàn viên"], section["Lao động tiên tiến: số người"]) == (2, 1)
        assert rows[self.w.sibling.name]["Lao động tiên tiến: số người"] == 1

    def test_a_unit_without_members_has_no_share(self) -> None:
        row = report.ReportRow(unit=self.w.root, depth=0)
        assert row.share("lao-dong-tien-tien") is None

    def test_the_list_names_everyone_and_a_formula_like_name_stays_text(self) -> None:
        book = self.workbook(self.w.officer, self.w.unit.pk)
        listing = book["Danh sách 2025"]
        names = [row[1].value for row in listing.iter_rows(min_row=2)]
        assert sorted(names) == sorted(
            [
                self.w.section.name,
                "Lò Thị Mai",
                "Tòng Thị Xuân",
                "Tòng Thị Xuân",
                "Lường Danh Vọng",
                FORMULA_NAME,
            ]
        )
        (cell,) = [row[1] for row in listing.iter_rows(min_row=2) if row[1].value == FORMULA_NAME]
        assert cell.data_type == "s" and cell.quotePrefix
        titles = {row[3].value for row in listing.iter_rows(min_row=2)}
        assert "Bằng khen" in titles and "Lao động tiên tiến" in titles
        # The officer's report stays in the officer's subtree.
        assert self.w.sibling.name not in self.rows(book)

    def test_the_report_is_read_in_the_subtree_only(self) -> None:
        self.client.force_login(self.w.sibling_officer)
        url = reverse("emulation_year_report", kwargs={"unit_id": self.w.unit.pk, "year": 2025})
        assert self.client.get(url).status_code == 404
        self.client.force_login(self.w.officer)
        far = reverse("emulation_year_report", kwargs={"unit_id": self.w.unit.pk, "year": 1900})
        assert self.client.get(far).status_code == 404

    def test_the_counts_take_four_queries_whatever_the_tree(self) -> None:
        with self.assertNumQueries(4):
            report.year_rows(self.w.province, 2025)
