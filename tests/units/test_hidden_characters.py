"""Control characters, NUL and bidirectional overrides in names and texts (issue 9).

Refused by the services, for every name and text field (forms, API and import go through
them); and the pages and exports still work for such a value already in the database.
"""

from __future__ import annotations

import io

import pytest
from django.test import TestCase
from django.urls import reverse
from openpyxl import load_workbook

from daihoi.congresses import services as congress_services
from daihoi.congresses.errors import CongressError
from daihoi.congresses.testing import make_congress
from daihoi.units import errors
from daihoi.units.errors import UnitsError
from daihoi.units.models import Gender, Member, Unit, UnitKind
from daihoi.units.services import MemberData, create_member, create_unit
from daihoi.units.testing import build_world

HIDDEN = [
    "\x00",
    "\x01",
    "\x1b",
    "\x7f",
    *map(chr, range(0x202A, 0x202F)),
    *map(chr, range(0x2066, 0x206A)),
]


class HiddenCharacterTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def test_every_hidden_character_is_refused_in_a_members_name_and_texts(self) -> None:
        for char in HIDDEN:
            for field, label in (("full_name", "Họ và tên"), ("workplace", "Nơi làm việc")):
                values = {"full_name": "Nguyễn Văn An", field: f"Nguyễn{char} Văn An"}
                data = MemberData(gender=Gender.NAM, **values)  # type: ignore[arg-type]
                with pytest.raises(UnitsError) as refused:
                    create_member(unit=self.w.unit, data=data)
                assert [(e.field, e.message) for e in refused.value.errors] == [
                    (field, errors.HIDDEN_CHARACTERS.format(label=label))
                ], repr(char)

    def test_a_units_name_with_a_bidi_override_is_refused(self) -> None:
        with pytest.raises(UnitsError) as refused:
            create_unit(
                parent=self.w.unit, name="CĐBP \u202eTổ 1", code="X-1", kind=UnitKind.CD_BO_PHAN
            )
        assert refused.value.errors[0].field == "name"

    def test_a_congress_delegate_and_document_refuse_them_too(self) -> None:
        congress = make_congress(self.w.unit)
        with pytest.raises(CongressError) as refused:
            congress_services.add_agenda_item(congress=congress, title="Khai mạc\x00")
        assert refused.value.errors[0].field == "title"

    def test_tabs_and_line_breaks_are_whitespace_not_refused(self) -> None:
        data = MemberData(full_name="Nguyễn\tVăn\nAn", gender=Gender.NAM)
        assert create_member(unit=self.w.unit, data=data).full_name == "Nguyễn Văn An"

    def test_pages_and_the_export_work_for_such_a_name_already_stored(self) -> None:
        """One control character in one member's name made the unit pages and exports 500."""
        member = Member.objects.get(member_number="KT-0001")
        Member.objects.filter(pk=member.pk).update(full_name="Lường\x01 Danh\u202e Vọng")
        self.client.force_login(self.w.officer)
        for name in ("unit_detail", "member_list"):
            for unit in (self.w.unit, self.w.section):
                response = self.client.get(reverse(name, kwargs={"unit_id": unit.pk}))
                assert response.status_code == 200, name
        export = self.client.get(reverse("member_export", kwargs={"unit_id": self.w.unit.pk}))
        book = load_workbook(io.BytesIO(b"".join(export.streaming_content)))  # type: ignore[attr-defined]
        names = [row[1] for row in book.active.iter_rows(min_row=2, values_only=True)]  # type: ignore[union-attr]
        assert "Lường Danh\u202e Vọng" in names


def refusal(char: str, label: str) -> str:
    """Return the message beside a field: NUL is refused by the form itself, before the service."""
    if char == "\x00":
        return errors.NUL_IN_FIELD
    return errors.HIDDEN_CHARACTERS.format(label=label)


class HiddenCharactersThroughTheFormsTests(TestCase):
    """The same refusal through the pages: the message beside its field, nothing written."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def setUp(self) -> None:
        self.client.force_login(self.w.officer)

    def test_every_text_of_the_member_form_is_refused_beside_its_field(self) -> None:
        texts = {
            "full_name": "Họ và tên",
            "religion": "Tôn giáo",
            "professional_level": "Trình độ chuyên môn",
            "position": "Chức vụ",
            "workplace": "Nơi làm việc",
            "member_number": "Số thẻ đoàn viên",
            "phone": "Số điện thoại",
        }
        members = Member.objects.count()
        create = reverse("member_create", kwargs={"unit_id": self.w.unit.pk})
        edit = reverse("member_edit", kwargs={"member_id": self.w.member.pk})
        for char in HIDDEN:
            for field, label in texts.items():
                value = f"Lò{char} Văn Pọm" if field != "phone" else f"0912{char}345678"
                post = {"full_name": "Lò Văn Pọm", "gender": "nam", "status": "active"}
                post[field] = value
                for url in (create, edit):
                    with self.subTest(char=repr(char), field=field, url=url):
                        response = self.client.post(url, post)
                        assert response.status_code == 200
                        form = response.context["form"]
                        assert form.errors == {field: [refusal(char, label)]}
        assert Member.objects.count() == members
        self.w.member.refresh_from_db()
        assert self.w.member.full_name == "Lường Danh Vọng"

    def test_a_unit_and_a_transfer_note_refuse_them_beside_their_field(self) -> None:
        self.client.force_login(self.w.superuser)
        url = reverse("unit_create", kwargs={"unit_id": self.w.unit.pk})
        for char in HIDDEN:
            post = {"name": f"Tổ{char} Văn phòng", "code": "TO-VP", "kind": UnitKind.TO_CONG_DOAN}
            with self.subTest(char=repr(char)):
                response = self.client.post(url, post)
                assert response.context["form"].errors == {"name": [refusal(char, "Tên đơn vị")]}
        assert not Unit.objects.filter(code="TO-VP").exists()
        transfer = reverse("member_transfer", kwargs={"member_id": self.w.member.pk})
        post = {"to_unit": self.w.unit.pk, "date": "02/09/2026", "note": "Chuyển\u202e công tác"}
        response = self.client.post(transfer, post)
        assert response.context["form"].errors == {
            "note": [errors.HIDDEN_CHARACTERS.format(label="Ghi chú")]
        }
        self.w.member.refresh_from_db()
        assert self.w.member.unit == self.w.section
