"""Control characters, NUL and bidi overrides through the API (issue 9): refused by field.

The services refuse them (daihoi.units.services.hidden_character_errors); the API must bring
that refusal back as a 422 naming the field, in Vietnamese, with nothing written, for every
name and text field it takes: members, units, delegates, a check-in's desk, an absence reason.
"""

from __future__ import annotations

from api_world import ApiTestCase

from daihoi.congresses.models import AttendanceEvent, Delegate
from daihoi.congresses.testing import add_people, make_congress
from daihoi.units import errors
from daihoi.units.models import Member, Unit

# NUL, a C0 control, ESC, DEL, a right-to-left override, an isolate
HIDDEN = ["\x00", "\x01", "\x1b", "\x7f", "\u202e", "\u2067"]
MEMBER_TEXTS = {
    "full_name": "Họ và tên",
    "ethnicity": "Dân tộc",
    "religion": "Tôn giáo",
    "professional_level": "Trình độ chuyên môn",
    "position": "Chức vụ",
    "workplace": "Nơi làm việc",
    "member_number": "Số thẻ đoàn viên",
    "phone": "Số điện thoại",
}


def refused(label: str) -> str:
    return errors.HIDDEN_CHARACTERS.format(label=label)


class HiddenCharactersThroughTheApiTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.congress = make_congress(cls.w.unit)
        (cls.delegate,) = add_people(cls.congress, 1)

    def errors_of(
        self, method: str, path: str, body: dict[str, object], *, admin: bool = False
    ) -> list[dict[str, str]]:
        user = self.w.superuser if admin else self.w.officer  # units: administrators only
        response = self.call(method, path, body, user=user)
        assert response.status_code == 422, (path, body, response.content)
        return response.json()["errors"]  # type: ignore[no-any-return]

    def test_every_text_of_a_new_member_or_a_change_is_refused_by_field(self) -> None:
        members = Member.objects.count()
        for char in HIDDEN:
            for field, label in MEMBER_TEXTS.items():
                value = f"Lò{char} Văn Pọm" if field != "phone" else f"0912{char}345678"
                body = {
                    "unit_id": self.w.section.pk,
                    "full_name": "Lò Văn Pọm",
                    "gender": "nam",
                    field: value,
                }
                with self.subTest(char=repr(char), field=field):
                    expected = [{"field": field, "message": refused(label)}]
                    assert self.errors_of("POST", "/api/members/", body) == expected
                    path = f"/api/members/{self.w.member.pk}"
                    assert self.errors_of("PATCH", path, {field: value}) == expected
        assert Member.objects.count() == members
        self.w.member.refresh_from_db()
        assert self.w.member.full_name == "Lường Danh Vọng"

    def test_a_units_name_short_name_and_code_are_refused_by_field(self) -> None:
        units = Unit.objects.count()
        labels = {"name": "Tên đơn vị", "short_name": "Tên viết tắt"}
        for char in HIDDEN:
            for field, label in labels.items():
                body = {
                    "parent_id": self.w.unit.pk,
                    "name": "Tổ công đoàn Văn phòng",
                    "code": "TO-VP",
                    "kind": "to_cong_doan",
                    field: f"Tổ{char} Văn phòng",
                }
                with self.subTest(char=repr(char), field=field):
                    expected = [{"field": field, "message": refused(label)}]
                    assert self.errors_of("POST", "/api/units/", body, admin=True) == expected
                    path = f"/api/units/{self.w.section.pk}"
                    change = {field: body[field]}
                    assert self.errors_of("PATCH", path, change, admin=True) == expected
        assert Unit.objects.count() == units

    def test_a_delegates_name_and_texts_are_refused_by_field(self) -> None:
        labels = {
            "full_name": "Họ và tên",
            "position": "Chức vụ",
            "workplace": "Nơi làm việc",
            "ethnicity": "Dân tộc",
        }
        delegates = Delegate.objects.count()
        path = f"/api/congresses/{self.congress.pk}/delegates"
        for char in HIDDEN:
            for field, label in labels.items():
                body = {"kind": "khach-moi", "full_name": "Hà Văn Khách", field: f"Hà{char} Văn"}
                with self.subTest(char=repr(char), field=field):
                    expected = [{"field": field, "message": refused(label)}]
                    assert self.errors_of("POST", path, body) == expected
        assert Delegate.objects.count() == delegates

    def test_a_check_ins_desk_and_an_absence_reason_are_refused(self) -> None:
        base = f"/api/congresses/{self.congress.pk}"
        for char in HIDDEN:
            with self.subTest(char=repr(char)):
                desk = {"scanned": str(self.delegate.number), "desk": f"Bàn{char} 2"}
                assert self.errors_of("POST", f"{base}/check-in", desk) == [
                    {"field": "desk", "message": refused("Bàn đón tiếp")}
                ]
                absent = f"{base}/delegates/{self.delegate.pk}/absent"
                assert self.errors_of("POST", absent, {"reason": f"Ốm{char}"}) == [
                    {"field": "reason", "message": refused("Lý do vắng")}
                ]
        assert not AttendanceEvent.objects.filter(delegate=self.delegate).exists()
