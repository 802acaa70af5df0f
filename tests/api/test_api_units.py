"""Units through the API: listing, create and update round trips, moves, statistics."""

from __future__ import annotations

from api_world import ApiTestCase

from daihoi.units import errors
from daihoi.units.api import OWN_UNIT_CANNOT_MOVE
from daihoi.units.models import Unit, UnitKind


class UnitListTests(ApiTestCase):
    def test_a_user_lists_their_subtree_in_tree_order(self) -> None:
        body = self.call("GET", "/api/units/", user=self.w.officer).json()
        assert [u["code"] for u in body["items"]] == ["T-LC-VC-CT", "T-LC-VC-CT-VP"]
        assert body["count"] == 2
        first = body["items"][0]
        assert first == {
            "id": self.w.unit.pk,
            "name": "Công đoàn cơ sở Sở Công Thương",
            "short_name": "",
            "code": "T-LC-VC-CT",
            "kind": "cdcs",
            "kind_label": "Công đoàn cơ sở",
            "parent_id": self.w.upper_grassroots.pk,
            "depth": 3,
        }

    def test_parent_filter_lists_children_by_name(self) -> None:
        body = self.call(
            "GET", f"/api/units/?parent={self.w.upper_grassroots.pk}", user=self.w.upper
        ).json()
        assert [u["name"] for u in body["items"]] == [
            "Công đoàn cơ sở Sở Công Thương",
            "Công đoàn cơ sở Sở Tài chính",
        ]

    def test_a_parent_outside_the_subtree_is_404(self) -> None:
        response = self.call("GET", f"/api/units/?parent={self.w.root.pk}", user=self.w.upper)
        assert response.status_code == 404

    def test_a_user_without_a_unit_sees_nothing(self) -> None:
        from daihoi.accounts.models import User
        from daihoi.accounts.tokens import create_api_token

        lone = User.objects.create(username="lac", role="admin")
        _, token = create_api_token(user=lone, name="x")
        body = self.call("GET", "/api/units/", token=token).json()
        assert body == {"items": [], "count": 0, "page": 1, "page_size": 50}

    def test_the_list_takes_a_fixed_number_of_queries(self) -> None:
        self.call("GET", "/api/units/", user=self.w.upper)
        with self.assertNumQueries(3):  # token with user and unit, count, page
            self.call("GET", "/api/units/", user=self.w.upper)


class UnitWriteTests(ApiTestCase):
    def test_create_then_read_back(self) -> None:
        body = {
            "parent_id": self.w.unit.pk,
            "name": "Công đoàn bộ phận Phòng Kế hoạch",
            "short_name": "CĐBP KH",
            "code": "T-LC-VC-CT-KH",
            "kind": UnitKind.CD_BO_PHAN,
        }
        response = self.call("POST", "/api/units/", body, user=self.w.upper)
        assert response.status_code == 201, response.content
        created = response.json()
        unit = Unit.objects.get(pk=created["id"])
        assert unit.path == self.w.unit.path + f"{unit.pk:08d}"  # made by the service
        assert created["depth"] == 4
        read = self.call("GET", f"/api/units/{unit.pk}", user=self.w.upper).json()
        assert read == created

    def test_a_kind_that_cannot_sit_under_the_parent_is_422(self) -> None:
        body = {"parent_id": self.w.section.pk, "name": "X", "code": "X1", "kind": "ldld_tinh"}
        response = self.call("POST", "/api/units/", body, user=self.w.upper)
        assert response.status_code == 422
        message = errors.UNIT_KIND_UNDER_PARENT.format(
            kind="Liên đoàn Lao động tỉnh, thành phố",
            parent=self.w.section.name,
            parent_kind="Công đoàn bộ phận",
        )
        assert response.json() == {
            "detail": message,
            "errors": [{"field": "kind", "message": message}],
        }

    def test_a_taken_code_is_422(self) -> None:
        response = self.call(
            "PATCH", f"/api/units/{self.w.section.pk}", {"code": "T-LC-VC-TC"}, user=self.w.upper
        )
        assert response.status_code == 422
        assert response.json()["errors"] == [
            {"field": "code", "message": errors.UNIT_CODE_TAKEN.format(code="T-LC-VC-TC")}
        ]

    def test_patch_renames_and_keeps_the_rest(self) -> None:
        response = self.call(
            "PATCH",
            f"/api/units/{self.w.section.pk}",
            {"name": "Công đoàn bộ phận Văn phòng"},
            user=self.w.upper,
        )
        assert response.status_code == 200, response.content
        self.w.section.refresh_from_db()
        assert self.w.section.name == "Công đoàn bộ phận Văn phòng"
        assert self.w.section.code == "T-LC-VC-CT-VP"
        assert self.w.section.parent_id == self.w.unit.pk

    def test_patch_with_parent_id_moves_the_whole_subtree(self) -> None:
        response = self.call(
            "PATCH",
            f"/api/units/{self.w.section.pk}",
            {"parent_id": self.w.sibling.pk},
            user=self.w.upper,
        )
        assert response.status_code == 200, response.content
        assert response.json()["parent_id"] == self.w.sibling.pk
        self.w.section.refresh_from_db()
        assert self.w.section.path.startswith(self.w.sibling.path)
        members = self.call("GET", f"/api/units/{self.w.sibling.pk}/members", user=self.w.upper)
        assert members.json()["count"] == 2  # the sibling's member and the section's

    def test_moving_under_a_unit_outside_the_subtree_is_404(self) -> None:
        response = self.call(
            "PATCH", f"/api/units/{self.w.section.pk}", {"parent_id": self.w.root.pk},
            user=self.w.upper,
        )  # fmt: skip
        assert response.status_code == 404

    def test_a_user_may_not_move_their_own_unit(self) -> None:
        response = self.call(
            "PATCH",
            f"/api/units/{self.w.province.pk}",
            {"parent_id": self.w.upper_grassroots.pk},
            user=self.w.upper,
        )
        assert response.status_code == 422
        assert response.json()["errors"] == [
            {"field": "parent_id", "message": OWN_UNIT_CANNOT_MOVE}
        ]

    def test_moving_into_its_own_subtree_is_422(self) -> None:
        response = self.call(
            "PATCH",
            f"/api/units/{self.w.upper_grassroots.pk}",
            {"parent_id": self.w.unit.pk},
            user=self.w.upper,
        )
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] in {"parent_id", "kind"}

    def test_unknown_fields_are_refused(self) -> None:
        response = self.call(
            "PATCH", f"/api/units/{self.w.section.pk}", {"path": "0001"}, user=self.w.upper
        )
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "path"


class StatisticsTests(ApiTestCase):
    def test_statistics_of_a_unit(self) -> None:
        body = self.call(
            "GET", f"/api/units/{self.w.upper_grassroots.pk}/statistics", user=self.w.upper
        ).json()
        assert body["unit_id"] == self.w.upper_grassroots.pk
        assert body["members"] == 2
        assert body["composition"] == [
            {"key": "nu", "label": "Nữ", "count": 1, "percent_vi": "50,0%"},
            {"key": "dang_vien", "label": "Đảng viên", "count": 0, "percent_vi": "0,0%"},
            {"key": "dan_toc_thieu_so", "label": "Dân tộc thiểu số", "count": 1,
             "percent_vi": "50,0%"},
        ]  # fmt: skip
        assert [g["key"] for g in body["age"]] == [
            "duoi_30", "30_39", "40_49", "50_59", "tu_60", "chua_ro",
        ]  # fmt: skip
        assert sum(g["count"] for g in body["age"]) == 2
        assert sum(g["count"] for g in body["education"]) == 2
        assert [(g["key"], g["count"]) for g in body["units_below"]] == [
            ("cdcs", 2),
            ("cd_bo_phan", 1),
        ]
