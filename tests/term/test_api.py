"""GET /api/congresses/{id}/targets: the targets and their yearly values as the dashboard says."""

from __future__ import annotations

from api.api_world import ApiTestCase
from daihoi.congresses.testing import make_congress
from daihoi.rules.targets import Comparison, Measure, Period
from daihoi.term import services
from daihoi.term.queries import target_rows
from daihoi.term.services import TargetData, ValueData

TEXT = "Phấn đấu hàng năm Công đoàn đạt tiêu chuẩn vững mạnh"


class TargetsApiTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.congress = make_congress(cls.w.unit, term=(2017, 2022))
        cls.target = services.add_target(
            congress=cls.congress,
            data=TargetData(
                text=TEXT, measure=Measure.YES_NO.value, comparison=Comparison.ALL.value,
                period=Period.YEARLY.value, first_year=2017, last_year=2022,
            ),
            by=None,
        )  # fmt: skip
        services.enter_value(
            target=cls.target,
            data=ValueData(
                year=2017, number=None, achieved=True, note="Vững mạnh", evidence="QĐ 12/QĐ-CĐ"
            ),
            by=None,
        )
        cls.other = make_congress(cls.w.sibling)

    def test_each_target_with_its_years_as_the_dashboard_says(self) -> None:
        path = f"/api/congresses/{self.congress.pk}/targets"
        [item] = self.call("GET", path, user=self.w.viewer).json()
        [row] = target_rows(self.congress, charts=False)
        assert (item["id"], item["text"], item["threshold"]) == (
            self.target.pk,
            TEXT,
            row.threshold_text,
        )
        assert item["verdict"] == row.verdict and item["achieved"] == row.result.achieved
        assert [(y["year"], y["value"], y["achieved"]) for y in item["years"]] == [
            (c.year, c.text, c.achieved) for c in row.cells
        ]
        first = item["years"][0]
        assert (first["typed"], first["note"], first["evidence"]) == (
            True,
            "Vững mạnh",
            "QĐ 12/QĐ-CĐ",
        )
        assert item["years"][1]["typed"] is False

    def test_another_unit_s_targets_are_404_anonymous_401_writing_405(self) -> None:
        path = f"/api/congresses/{self.other.pk}/targets"
        assert self.call("GET", path, user=self.w.officer).status_code == 404
        mine = f"/api/congresses/{self.congress.pk}/targets"
        assert self.call("GET", mine).status_code == 401
        assert self.call("POST", mine, {}, user=self.w.officer).status_code == 405
        assert self.call("GET", mine, user=self.w.upper).status_code == 200
