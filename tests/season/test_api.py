"""The season API: a plan, each unit's steps and statuses, the board's results, who sees what.

The permission matrix over every endpoint is in tests/api/test_api_permissions.py; here, what
the answers hold, with a province's season over the two CĐCS of the test world.
"""

from __future__ import annotations

from typing import Any

from tests.season.record import D, approved_plan, season_entry

from api.api_world import ApiTestCase
from daihoi.season import services
from daihoi.season.models import SeasonUnit
from daihoi.season.typed import TypedResult, send_typed_result


class SeasonApiTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        w = cls.w
        cls.entry = season_entry(w, seats=2, committee=3)
        cls.season = cls.entry.season
        approved_plan(w, cls.entry)
        send_typed_result(
            entry=cls.entry,
            data=TypedResult(
                held_on=D(2023, 2, 15), committee="Nguyễn Thị An\nTrần Văn Bình\nLò Văn Cường",
                chair="Nguyễn Thị An", delegates="Nguyễn Thị An\nLò Văn Cường", women=1, young=0,
            ),
            note="", by=w.officer, today=D(2023, 2, 20),
        )  # fmt: skip
        sibling = SeasonUnit.objects.get(season=cls.season, unit=w.sibling)
        services.send_personnel_plan(
            entry=sibling, committee_size=3, note="", by=w.sibling_officer, today=D(2023, 1, 6)
        )

    def get(self, path: str, user: Any) -> Any:
        response = self.call("GET", path, user=user)
        return response.status_code, response.json()

    def test_the_plan_with_its_deadlines_for_the_upper_level_only(self) -> None:
        status, plan = self.get(f"/api/seasons/{self.season.pk}", self.w.upper)
        assert status == 200
        assert plan["name"] == "Kế hoạch đại hội công đoàn các cấp"
        assert (plan["unit_id"], plan["term_start"], plan["term_end"]) == (
            self.w.province.pk, 2023, 2028,
        )  # fmt: skip
        assert plan["deadlines"] == [
            {"kind": "cdcs", "kind_label": "Công đoàn cơ sở", "due": "2023-12-31"}
        ]
        listed = self.get("/api/seasons/", self.w.upper)[1]
        assert [s["id"] for s in listed["items"]] == [self.season.pk]
        # A lower unit does not see its upper unit's plan nor its board.
        assert self.get(f"/api/seasons/{self.season.pk}", self.w.officer)[0] == 404
        assert self.get(f"/api/seasons/{self.season.pk}/board", self.w.officer)[0] == 404
        assert self.get("/api/seasons/", self.w.officer)[1]["items"] == []

    def test_the_board_gives_each_units_status_and_results_with_filters_and_pages(self) -> None:
        url = f"/api/seasons/{self.season.pk}/board"
        status, board = self.get(url, self.w.upper)
        assert status == 200
        assert (board["total"], board["count"]) == (2, 2)
        rows = {r["unit_id"]: r for r in board["items"]}
        ours = rows[self.w.unit.pk]
        assert (ours["status"], ours["seats"], ours["approved_committee_size"]) == (
            "ho-so-cho-kiem-tra", 2, 3,
        )  # fmt: skip
        result = ours["result"]
        assert (result["committee_size"], result["chair_name"], result["women"]) == (
            3, "Nguyễn Thị An", 1,
        )  # fmt: skip
        assert (result["delegates_elected"], result["held_on"]) == (2, "2023-02-15")
        assert rows[self.w.sibling.pk]["status"] == "de-an-cho-duyet"
        counts = {c["status"]: c["count"] for c in board["counts"]}
        assert (counts["ho-so-cho-kiem-tra"], counts["de-an-cho-duyet"]) == (1, 1)
        waiting = self.get(url + "?status=de-an-cho-duyet", self.w.upper)[1]
        assert [r["unit_id"] for r in waiting["items"]] == [self.w.sibling.pk]
        paged = self.get(url + "?page_size=1&page=2", self.w.upper)[1]
        assert (len(paged["items"]), paged["count"], paged["page"]) == (1, 2, 2)
        assert self.call("GET", url + "?status=nonsense", user=self.w.upper).status_code == 422
        # token, season, entries with units, their steps, deadlines, branches: however many rows
        with self.assertNumQueries(6):
            self.call("GET", url, user=self.w.upper)

    def test_a_lower_unit_sees_its_own_steps_and_the_upper_level_its_subtree(self) -> None:
        own = self.get(f"/api/units/{self.w.unit.pk}/season-steps", self.w.officer)[1]
        assert [(s["kind"], s["status"]) for s in own["items"]] == [
            ("ket-qua-dai-hoi", "da-gui"),
            ("de-an-nhan-su", "da-duyet"),
        ]
        assert own["items"][0]["season_id"] == self.season.pk
        assert self.get(f"/api/units/{self.w.sibling.pk}/season-steps", self.w.officer)[0] == 404
        everything = self.get(f"/api/units/{self.w.province.pk}/season-steps", self.w.upper)[1]
        assert {s["unit_id"] for s in everything["items"]} == {self.w.unit.pk, self.w.sibling.pk}
        approved = f"/api/units/{self.w.province.pk}/season-steps?status=da-duyet"
        assert [s["unit_id"] for s in self.get(approved, self.w.upper)[1]["items"]] == [
            self.w.unit.pk
        ]
