"""Members through the API: create and update round trips, Vietnamese order, search, 422s."""

from __future__ import annotations

from api_world import ApiTestCase

from daihoi.api import BODY_INVALID
from daihoi.units import errors
from daihoi.units.models import Member, MemberStatus
from daihoi.units.services import MemberData, create_member


class MemberRoundTripTests(ApiTestCase):
    def test_create_then_read_back(self) -> None:
        body = {
            "unit_id": self.w.section.pk,
            "full_name": "  NGUYỄN THỊ BÌNH ",
            "gender": "nu",
            "birth_date": "1985-09-02",
            "ethnicity": "kinh (việt)",
            "is_party_member": True,
            "party_joined_on": "2010-05-19",
            "education": "dai_hoc",
            "member_number": "HP-0185",
            "phone": "0912 345 678",
        }
        response = self.call("POST", "/api/members/", body, user=self.w.officer)
        assert response.status_code == 201, response.content
        created = response.json()
        # The services normalized it: capitalization, name parts, ethnicity, phone.
        assert created["full_name"] == "Nguyễn Thị Bình"
        assert (created["ho"], created["ten_dem"], created["ten"]) == ("Nguyễn", "Thị", "Bình")
        assert created["ethnicity"] == "Kinh"
        assert created["phone"] == "0912345678"
        assert created["unit_id"] == self.w.section.pk
        assert created["status"] == MemberStatus.ACTIVE

        again = self.call("GET", f"/api/members/{created['id']}", user=self.w.upper).json()
        assert again == created
        assert (
            Member.objects.get(pk=created["id"]).search_text == "nguyen thi binh hp-0185 0912345678"
        )

    def test_patch_changes_only_the_fields_sent(self) -> None:
        before = self.call("GET", f"/api/members/{self.w.member.pk}", user=self.w.officer).json()
        response = self.call(
            "PATCH",
            f"/api/members/{self.w.member.pk}",
            {"position": "Chánh Văn phòng", "birth_date": None},
            user=self.w.officer,
        )
        assert response.status_code == 200, response.content
        after = response.json()
        assert after["position"] == "Chánh Văn phòng"
        assert after["birth_date"] is None
        unchanged = set(before) - {"position", "birth_date", "updated_at"}
        assert {k: after[k] for k in unchanged} == {k: before[k] for k in unchanged}
        self.w.member.refresh_from_db()
        assert self.w.member.position == "Chánh Văn phòng"

    def test_patch_may_not_move_a_member_to_another_unit(self) -> None:
        response = self.call(
            "PATCH",
            f"/api/members/{self.w.member.pk}",
            {"unit_id": self.w.unit.pk},
            user=self.w.officer,
        )
        assert response.status_code == 422
        assert response.json()["errors"] == [
            {
                "field": "unit_id",
                "message": "Đơn vị: trường này không có trong API (kiểm tra lại tên trường).",
            }
        ]


class MemberValidationTests(ApiTestCase):
    def post(self, **fields: object) -> dict[str, object]:
        body = {"unit_id": self.w.section.pk, "full_name": "Lò Văn Pọm", "gender": "nam", **fields}
        response = self.call("POST", "/api/members/", body, user=self.w.officer)
        assert response.status_code == 422, response.content
        return response.json()  # type: ignore[no-any-return]

    def test_service_rules_come_back_by_field_in_vietnamese(self) -> None:
        got = self.post(birth_date="2999-01-01", gender="x", ethnicity="Klingon")
        assert got["errors"] == [
            {"field": "gender", "message": errors.GENDER_REQUIRED},
            {"field": "birth_date", "message": errors.BIRTH_DATE_IN_FUTURE},
            {"field": "ethnicity", "message": errors.ETHNICITY_UNKNOWN.format(value="Klingon")},
        ]
        assert got["detail"] == " ".join(e["message"] for e in got["errors"])  # type: ignore[union-attr]
        assert Member.objects.filter(full_name="Lò Văn Pọm").count() == 0

    def test_a_taken_member_number_is_named(self) -> None:
        got = self.post(member_number="KT-0001")
        assert got["errors"] == [
            {
                "field": "member_number",
                "message": errors.MEMBER_NUMBER_TAKEN.format(number="KT-0001"),
            }
        ]

    def test_badly_typed_values_name_the_field(self) -> None:
        got = self.post(birth_date="02/09/1985", is_party_member="có", unit_id="mot")
        messages = {e["field"]: e["message"] for e in got["errors"]}  # type: ignore[union-attr]
        assert messages == {
            "unit_id": "Đơn vị: phải là số nguyên.",
            "birth_date": "Ngày sinh: ngày không hợp lệ, viết theo dạng YYYY-MM-DD "
            "(ví dụ 1980-09-02).",
            "is_party_member": "Đảng viên: phải là true hoặc false.",
        }

    def test_missing_fields_are_named(self) -> None:
        response = self.call("POST", "/api/members/", {}, user=self.w.officer)
        assert response.status_code == 422
        assert response.json()["errors"] == [
            {"field": "unit_id", "message": "Đơn vị: bắt buộc phải có."},
            {"field": "full_name", "message": "Họ và tên: bắt buộc phải có."},
            {"field": "gender", "message": "Giới tính: bắt buộc phải có."},
        ]

    def test_too_long_text_is_named(self) -> None:
        got = self.post(phone="0" * 21)
        assert got["errors"] == [{"field": "phone", "message": "Số điện thoại: dài quá 20 ký tự."}]

    def test_null_for_a_text_field_in_patch_is_refused(self) -> None:
        response = self.call(
            "PATCH", f"/api/members/{self.w.member.pk}", {"full_name": None}, user=self.w.officer
        )
        assert response.status_code == 422
        assert response.json()["errors"] == [
            {"field": "full_name", "message": "Họ và tên: phải là chuỗi ký tự."}
        ]

    def test_a_body_that_is_not_json_is_422(self) -> None:
        response = self.client.post(
            "/api/members/",
            data="không phải json",
            content_type="application/json",
            headers={"Authorization": f"Bearer {self.tokens[self.w.officer.username]}"},
        )
        assert response.status_code == 422
        assert response.json()["detail"] == BODY_INVALID

    def test_a_body_nested_deeper_than_the_json_reader_goes_is_422(self) -> None:
        for body in ("[" * 100_000, '{"full_name": ' * 50_000):
            response = self.client.post(
                "/api/members/",
                data=body,
                content_type="application/json",
                headers={"Authorization": f"Bearer {self.tokens[self.w.officer.username]}"},
            )
            assert response.status_code == 422, body[:20]
            assert response.json()["detail"] == BODY_INVALID

    def test_a_json_list_is_not_a_member(self) -> None:
        response = self.client.post(
            "/api/members/",
            data="[1, 2]",
            content_type="application/json",
            headers={"Authorization": f"Bearer {self.tokens[self.w.officer.username]}"},
        )
        assert response.status_code == 422
        assert response.json()["detail"] == BODY_INVALID


class MemberListTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        for name in ("Trần Văn Ân", "Nguyễn Thị Bình", "Lê Anh", "Phạm Văn Ấn", "Đỗ Thị Ánh"):
            create_member(unit=cls.w.unit, data=MemberData(full_name=name, gender="nam"))
        create_member(
            unit=cls.w.unit,
            data=MemberData(full_name="Hà Văn Bắc", gender="nam", status=MemberStatus.LEFT),
        )

    def names(self, query: str = "", user: object = None) -> list[str]:
        response = self.call(
            "GET", f"/api/units/{self.w.unit.pk}/members{query}", user=user or self.w.officer
        )
        assert response.status_code == 200, response.content
        return [m["full_name"] for m in response.json()["items"]]

    def test_members_of_the_subtree_in_vietnamese_order(self) -> None:
        # By given name, letters first (a < â), tones only between equal letters:
        # Anh, Ánh, Ân, Ấn, Bắc, Bình, Vọng.
        assert self.names() == [
            "Lê Anh",
            "Đỗ Thị Ánh",
            "Trần Văn Ân",
            "Phạm Văn Ấn",
            "Hà Văn Bắc",
            "Nguyễn Thị Bình",
            "Lường Danh Vọng",
        ]

    def test_search_ignores_accents_and_case(self) -> None:
        assert self.names("?q=NGUYEN+thi+binh") == ["Nguyễn Thị Bình"]
        assert self.names("?q=vong") == ["Lường Danh Vọng"]

    def test_status_filter(self) -> None:
        assert self.names("?status=left") == ["Hà Văn Bắc"]
        response = self.call(
            "GET", f"/api/units/{self.w.unit.pk}/members?status=gone", user=self.w.officer
        )
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "status"
        assert response.json()["errors"][0]["message"].startswith("Tình trạng: phải là một trong")

    def test_pages(self) -> None:
        response = self.call(
            "GET", f"/api/units/{self.w.unit.pk}/members?page=2&page_size=3", user=self.w.officer
        )
        body = response.json()
        assert (body["count"], body["page"], body["page_size"]) == (7, 2, 3)
        assert [m["full_name"] for m in body["items"]] == [
            "Phạm Văn Ấn",
            "Hà Văn Bắc",
            "Nguyễn Thị Bình",
        ]
        too_big = self.call(
            "GET", f"/api/units/{self.w.unit.pk}/members?page_size=500", user=self.w.officer
        )
        assert too_big.status_code == 422
        assert too_big.json()["errors"] == [
            {"field": "page_size", "message": "Số dòng mỗi trang: phải nhỏ hơn hoặc bằng 200."}
        ]

    def test_a_page_number_too_large_for_the_database_is_refused_not_a_crash(self) -> None:
        response = self.call(
            "GET",
            f"/api/units/{self.w.unit.pk}/members?page=99999999999999999",
            user=self.w.officer,
        )
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "page"

    def test_the_list_takes_a_fixed_number_of_queries(self) -> None:
        path = f"/api/units/{self.w.unit.pk}/members"
        self.call("GET", path, user=self.w.officer)  # the token's last_used_at is now fresh
        # token (with user and unit), unit, count, page.
        with self.assertNumQueries(4):
            self.call("GET", path, user=self.w.officer)
