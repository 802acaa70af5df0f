"""The yearly classification of a CĐCS (rules.md §6) recorded per unit and year.

From 2019 the 100-point scale of HD 1294/HD-TLĐ (groups 40/40/15, bonus 5, cut-offs a setting);
before, the older scale (vững mạnh, khá, trung bình, yếu). The level is computed, never typed;
bad input is refused whole with a message naming its field; the tallies count the level.
"""

from __future__ import annotations

from decimal import Decimal

from django.test import TestCase, override_settings
from django.urls import reverse

from daihoi.congresses.testing import make_congress
from daihoi.documents.blocks import Grid
from daihoi.emulation import classification, dashboard, errors
from daihoi.emulation.classification import ClassificationData
from daihoi.emulation.errors import EmulationError
from daihoi.emulation.models import CollectiveEvaluation, UnionClassification
from daihoi.emulation.testing import make_campaign
from daihoi.emulation.yearly import subtree_years
from daihoi.record.term_review import term_review_blocks
from daihoi.rules.emulation import CL_CLASSIFICATION, CL_LEGACY
from daihoi.rules.profiles import Fraction as ProfileFraction
from daihoi.term import services
from daihoi.term.queries import target_rows
from daihoi.term.services import TargetData
from daihoi.units.testing import build_world

NEW, OLD = "hd-1294", "truoc-2019"


def points(year: int = 2024, **changes: object) -> ClassificationData:
    values: dict[str, object] = {
        "year": year,
        "scale": NEW,
        "group1": "38,5",
        "group2": "35",
        "group3": "12",
        "bonus": "3",
    }
    values.update(changes)
    return ClassificationData(**values)  # type: ignore[arg-type]


class ClassificationTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def record(self, data: ClassificationData, unit: object = None) -> UnionClassification:
        saved = classification.record_classification(
            unit=unit or self.w.section,  # type: ignore[arg-type]
            within=self.w.unit,
            data=data,
            by=self.w.officer,
        )
        saved.refresh_from_db()
        return saved

    def refused(self, data: ClassificationData, unit: object = None) -> dict[str | None, str]:
        with self.assertRaises(EmulationError) as caught:
            self.record(data, unit)
        assert not UnionClassification.objects.exists()
        return {e.field: e.message for e in caught.exception.errors}

    def test_the_100_point_scale_gives_the_level_with_its_clause(self) -> None:
        record = self.record(points())
        assert (str(record.total), record.level) == ("88.50", "tot")
        assert CL_CLASSIFICATION in record.explanation
        assert "Tổng 88,5/100 điểm (nhóm 1 38,5/40, nhóm 2 35/40" in record.explanation
        assert "từ 70 điểm" in record.explanation

    @override_settings(DAIHOI_EMULATION={"excellent_from": 85})
    def test_the_cut_offs_are_a_setting(self) -> None:
        assert self.record(points()).level == "xuat-sac"

    def test_the_older_scale_before_2019(self) -> None:
        strong = self.record(points(2017, scale=OLD, criteria="22/25; 22/25; 22/25; 22/25"))
        assert (strong.level, str(strong.total)) == ("vung-manh", "88.00")
        assert CL_LEGACY in strong.explanation
        assert strong.criteria == [["22", 25]] * 4
        # A criterion under half its points drops it to khá; so does a member disciplined.
        weak_criterion = self.record(points(2018, scale=OLD, criteria="25/25; 25/25; 25/25; 12/25"))
        assert weak_criterion.level == "kha"
        assert "tiêu chí 4 dưới 1/2 số điểm" in weak_criterion.explanation
        disciplined = self.record(
            points(2016, scale=OLD, criteria="22/25; 22/25; 22/25; 22/25"),
            unit=self.w.unit,
        )
        assert disciplined.level == "vung-manh"
        again = self.record(
            points(
                2016,
                scale=OLD,
                criteria="22/25; 22/25; 22/25; 22/25",
                disciplined_from_warning=1,
            ),
            unit=self.w.unit,
        )
        assert again.pk == disciplined.pk and again.level == "kha"

    @override_settings(DAIHOI_EMULATION={"excellent_cap": ProfileFraction(1, 2)})
    def test_the_cap_on_the_top_level_holds_among_the_units_of_one_upper_level(self) -> None:
        def classify(unit: object, group1: str) -> UnionClassification:
            saved = classification.record_classification(
                unit=unit,  # type: ignore[arg-type]
                within=self.w.upper_grassroots,
                data=points(group1=group1, group2="40", group3="15", bonus="5"),
                by=None,
            )
            saved.refresh_from_db()
            return saved

        classify(self.w.unit, "35")  # 95 points
        second = classify(self.w.sibling, "32")  # 92 points: over the half allowed
        assert second.level == "tot"
        assert "vượt tỷ lệ tối đa 1/2" in second.explanation
        first = UnionClassification.objects.get(unit=self.w.unit)
        assert first.level == "xuat-sac"
        classify(self.w.unit, "20")  # corrected to 80: the other one is the best again
        second.refresh_from_db()
        assert second.level == "xuat-sac" and "vượt" not in second.explanation

    def test_saving_a_year_again_corrects_it(self) -> None:
        first = self.record(points())
        second = self.record(points(group1="10", source="QĐ 15/QĐ-LĐLĐ"))
        assert first.pk == second.pk
        assert UnionClassification.objects.count() == 1
        assert (second.level, second.source) == ("hoan-thanh", "QĐ 15/QĐ-LĐLĐ")

    def test_each_scale_for_its_years(self) -> None:
        problems = self.refused(points(2018))
        assert problems == {
            "scale": errors.CLASSIFICATION_SCALE_FOR_YEAR.format(
                year=2018, scale="thang điểm trước năm 2019"
            )
        }
        problems = self.refused(points(2020, scale=OLD, criteria="22/25"))
        assert "HD 1294/HD-TLĐ áp dụng từ ngày 01/01/2019" in problems["scale"]

    def test_bad_points_are_refused_together_naming_each_group(self) -> None:
        problems = self.refused(points(group1="41", group2="ba mươi", group3=""))
        assert problems == {
            "group1": "Nhóm 1: phải từ 0 đến 40 điểm (nhận được: 41).",
            "group2": errors.CLASSIFICATION_POINTS_NOT_NUMBER.format(
                label="Nhóm 2", value="ba mươi"
            ),
            "group3": errors.CLASSIFICATION_POINTS_REQUIRED.format(label="Nhóm 3"),
        }
        assert self.refused(points(bonus="5,5")) == {
            "bonus": "Điểm thưởng: phải từ 0 đến 5 điểm (nhận được: 5,5)."
        }
        assert self.refused(points(group1="NaN"))["group1"].startswith("Nhóm 1:")

    def test_the_older_scale_s_criteria_are_checked_one_by_one(self) -> None:
        old = {"year": 2017, "scale": OLD}
        assert self.refused(points(**old, criteria="")) == {
            "criteria": errors.CLASSIFICATION_CRITERIA_REQUIRED
        }
        assert self.refused(points(**old, criteria="20/25; 18-20")) == {
            "criteria": errors.CLASSIFICATION_CRITERION_FORM.format(number=2, text="18-20")
        }
        assert self.refused(points(**old, criteria="20/25; 30/25")) == {
            "criteria": "Điểm từng tiêu chí: tiêu chí 2 phải từ 0 đến 25 điểm (nhận được: 30)."
        }
        assert self.refused(points(**old, criteria="50/60; 50/60")) == {
            "criteria": errors.CLASSIFICATION_CRITERIA_OVER.format(total=120)
        }

    def test_a_unit_outside_the_page_s_subtree_is_refused(self) -> None:
        problems = self.refused(points(), unit=self.w.sibling)
        assert problems == {
            "unit": errors.CLASSIFICATION_UNIT_OUTSIDE.format(
                name=self.w.sibling.name, unit=self.w.unit.name
            )
        }

    def test_the_tallies_count_the_classification_before_the_campaign_s_evaluation(self) -> None:
        campaign = make_campaign(self.w.unit, year=2024)
        CollectiveEvaluation.objects.create(
            campaign=campaign, unit=self.w.section, task_level="hoan-thanh"
        )
        year = subtree_years(unit=self.w.unit, years=[2024])[2024]
        assert dict(year.collective_levels) == {"hoan-thanh": 1}
        self.record(points())
        year = subtree_years(unit=self.w.unit, years=[2024])[2024]
        assert dict(year.collective_levels) == {"tot": 1}
        self.record(points(group1="40", group2="40"))  # corrected: the stamp moves again
        year = subtree_years(unit=self.w.unit, years=[2024])[2024]
        assert dict(year.collective_levels) == {"xuat-sac": 1}
        self.record(points(2017, scale=OLD, criteria="22/25; 22/25; 22/25; 22/25"))
        old = subtree_years(unit=self.w.unit, years=[2017])[2017]
        assert dict(old.collective_legacy_levels) == {"vung-manh": 1}
        assert not old.collective_levels and old.collectives_recorded

    def test_a_term_target_on_the_collectives_levels_reads_the_classifications(self) -> None:
        congress = make_congress(self.w.upper_grassroots, term=(2022, 2027))
        services.add_target(
            congress=congress,
            data=TargetData(
                text="Hằng năm có từ 60% công đoàn cơ sở hoàn thành tốt nhiệm vụ trở lên",
                measure="tap-the-xep-loai",
                comparison="tu-tro-len",
                period="hang-nam",
                first_year=2022,
                last_year=2027,
                threshold=Decimal(60),
                level="tot",
            ),
            by=None,
        )

        def classify(unit: object, group1: str) -> None:
            classification.record_classification(
                unit=unit,  # type: ignore[arg-type]
                within=self.w.upper_grassroots,
                data=points(group1=group1),
                by=None,
            )

        classify(self.w.unit, "38,5")  # 88,5: tốt
        classify(self.w.sibling, "10")  # 60: hoàn thành
        [row] = target_rows(congress, charts=False)
        cell = next(c for c in row.cells if c.year == 2024)
        # Three collectives below (the unit, its section, the sibling): one of them good.
        assert (cell.text, cell.achieved) == ("33,3% (1/3)", False)
        classify(self.w.section, "35")
        classify(self.w.sibling, "35")  # corrected
        [row] = target_rows(congress, charts=False)
        cell = next(c for c in row.cells if c.year == 2024)
        assert (cell.text, cell.achieved) == ("100,0% (3/3)", True)

    def test_the_unions_own_level_feeds_a_yearly_target_on_its_own_scale(self) -> None:
        congress = make_congress(self.w.unit, term=(2017, 2022))

        def target(level: str) -> object:
            return services.add_target(
                congress=congress,
                data=TargetData(
                    text="Phấn đấu hàng năm Công đoàn đạt tiêu chuẩn vững mạnh",
                    measure="don-vi-xep-loai",
                    comparison="dat",
                    period="hang-nam",
                    first_year=2017,
                    last_year=2022,
                    level=level,
                ),
                by=None,
            )

        target("vung-manh")
        target("tot")
        old = "22/25; 22/25; 22/25; 22/25"
        for year, criteria in ((2017, old), (2018, "20/25; 20/25; 20/25; 15/25")):
            classification.record_classification(
                unit=self.w.unit,
                within=self.w.unit,
                data=points(year, scale=OLD, criteria=criteria),
                by=None,
            )
        classification.record_classification(
            unit=self.w.unit, within=self.w.unit, data=points(2019), by=None
        )
        strong, good = target_rows(congress, charts=False)
        verdicts = {c.year: c.achieved for c in strong.cells}
        # 2017 vững mạnh, 2018 khá; from 2019 the other scale: no value, not "không đạt".
        assert (verdicts[2017], verdicts[2018], verdicts[2019]) == (True, False, None)
        notes = {c.year: c.note for c in strong.cells}
        # The year on the other scale says so, rather than "chưa có số liệu".
        assert notes[2019] == (
            "Hoàn thành tốt nhiệm vụ (thang điểm khác, không so được với mức vững mạnh)"
        )
        assert notes[2017] == notes[2020] == ""
        # The term review (a document of record) says the same for that year.
        grid = next(b for b in term_review_blocks(congress) if isinstance(b, Grid))
        assert any(r[:2] == ("2019", notes[2019]) for r in grid.rows), grid.rows
        verdicts = {c.year: c.achieved for c in good.cells}
        assert (verdicts[2017], verdicts[2019], verdicts[2020]) == (None, True, None)
        assert strong.rule.clause == CL_CLASSIFICATION

    def test_the_dashboard_shows_the_older_scale_only_for_the_years_it_was_used(self) -> None:
        self.record(points(2017, scale=OLD, criteria="22/25; 22/25; 22/25; 22/25"))
        headings = [s.heading for s in dashboard.build(unit=self.w.unit, years=[2017]).sections]
        assert "Xếp loại công đoàn theo thang điểm trước năm 2019" in headings
        [legacy] = [
            s
            for s in dashboard.build(unit=self.w.unit, years=[2017]).sections
            if s.heading.startswith("Xếp loại")
        ]
        assert legacy.lines[0].label == "Vững mạnh"
        assert legacy.lines[0].cells[0].count == 1
        later = [s.heading for s in dashboard.build(unit=self.w.unit, years=[2024]).sections]
        assert "Xếp loại công đoàn theo thang điểm trước năm 2019" not in later


class ClassificationPageTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def url(self, unit: object = None) -> str:
        return reverse("classification_page", args=[(unit or self.w.unit).pk])  # type: ignore[attr-defined]

    def form(self, **changes: object) -> dict[str, object]:
        data: dict[str, object] = {
            "unit": self.w.section.pk,
            "year": 2024,
            "scale": NEW,
            "group1": "38,5",
            "group2": "35",
            "group3": "12",
            "bonus": "",
            "criteria": "",
            "disciplined_from_warning": "0",
            "source": "",
        }
        data.update(changes)
        return data

    def test_an_officer_enters_points_and_reads_the_level(self) -> None:
        self.client.force_login(self.w.officer)
        response = self.client.post(self.url() + "?nam=2024", self.form())
        self.assertRedirects(response, self.url() + "?nam=2024")
        record = UnionClassification.objects.get()
        assert (record.unit, record.level, str(record.total)) == (self.w.section, "tot", "85.50")
        page = self.client.get(self.url() + "?nam=2024").content.decode()
        assert "Hoàn thành tốt nhiệm vụ" in page and "85,5" in page
        assert self.w.section.name in page

    def test_bad_points_keep_the_form_and_write_nothing(self) -> None:
        self.client.force_login(self.w.officer)
        response = self.client.post(self.url(), self.form(group1="45", scale=NEW, year=2024))
        assert response.status_code == 400
        assert "Nhóm 1: phải từ 0 đến 40 điểm (nhận được: 45)." in response.content.decode()
        assert not UnionClassification.objects.exists()

    def test_a_viewer_reads_without_the_form_and_a_sibling_unit_is_not_offered(self) -> None:
        self.client.force_login(self.w.viewer)
        page = self.client.get(self.url()).content.decode()
        assert 'name="group1"' not in page
        self.client.force_login(self.w.upper)
        response = self.client.post(self.url(), self.form(unit=self.w.sibling.pk))
        assert response.status_code == 400
        assert "Công đoàn được xếp loại: đơn vị không có trong danh sách." in (
            response.content.decode()
        )
        assert not UnionClassification.objects.exists()

    def test_editing_a_year_shows_its_points_as_entered(self) -> None:
        classification.record_classification(
            unit=self.w.section, within=self.w.unit, data=points(group1="20"), by=None
        )
        self.client.force_login(self.w.officer)
        page = self.client.get(self.url() + f"?nam=2024&don_vi={self.w.section.pk}")
        form = page.context["form"]
        assert (form.initial["group1"], form.initial["group3"], form.initial["bonus"]) == (
            "20",
            "12",
            "3",
        )
        assert "20 + 35 + 12 + 3" in page.content.decode()
