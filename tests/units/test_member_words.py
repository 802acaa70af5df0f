"""What a unit's members are called follows its organization: đảng viên in a chi bộ or đảng bộ,
đoàn viên thanh niên in the Youth Union, đoàn viên in the trade union (daihoi.units.words)."""

from __future__ import annotations

import io

from django.test import TestCase
from django.urls import reverse
from openpyxl import load_workbook

from daihoi.accounts.models import Role
from daihoi.congresses.testing import make_congress
from daihoi.units.models import Gender, UnitKind
from daihoi.units.services import MemberData, create_member, create_unit
from daihoi.units.testing import make_user
from daihoi.units.words import member_slug, member_word, member_word_vi


def pages(unit_id: int, member_id: int) -> dict[str, str]:
    return {
        "unit": reverse("unit_detail", args=[unit_id]),
        "members": reverse("member_list", args=[unit_id]),
        "add": reverse("member_create", args=[unit_id]),
        "member": reverse("member_detail", args=[member_id]),
        "edit": reverse("member_edit", args=[member_id]),
        "dashboard": reverse("unit_dashboard", args=[unit_id]),
        "import": reverse("import_upload", args=[unit_id]),
    }


class MemberWordTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.party = create_unit(
            parent=None, name="Đảng bộ tỉnh Vĩnh Phúc", code="VP", kind="dang_bo"
        )
        cls.cell = create_unit(
            parent=cls.party,
            name="Chi bộ Trung tâm Công tác xã hội",
            code="VP-CB",
            kind=UnitKind.CHI_BO,
        )
        cls.youth = create_unit(
            parent=None, name="Đoàn cơ sở Trường THPT Mường Ảng", code="DT", kind="doan_co_so"
        )
        cls.union = create_unit(
            parent=None, name="Công đoàn cơ sở Sở Công Thương", code="CT", kind=UnitKind.CDCS
        )
        cls.people = {
            unit.pk: create_member(
                unit=unit, data=MemberData(full_name="Khúc Thị Hồng Liên", gender=Gender.NU)
            )
            for unit in (cls.cell, cls.youth, cls.union)
        }
        cls.party_officer = make_user("canbo.chibo", cls.cell, Role.OFFICER)
        cls.youth_officer = make_user("canbo.doan", cls.youth, Role.OFFICER)
        cls.union_officer = make_user("canbo.cd", cls.union, Role.OFFICER)

    def test_one_helper_names_the_members_of_each_organization(self) -> None:
        assert [member_word_vi(u) for u in (self.party, self.cell, self.youth, self.union)] == [
            "đảng viên",
            "đảng viên",
            "đoàn viên thanh niên",
            "đoàn viên",
        ]
        assert member_word(self.cell) == "đảng viên" and member_word(None) == "đoàn viên"
        assert member_slug(self.youth) == "doan-vien-thanh-nien"

    def test_a_party_cells_pages_and_menu_speak_of_đảng_viên_only(self) -> None:
        self.client.force_login(self.party_officer)
        member = self.people[self.cell.pk]
        for name, url in pages(self.cell.pk, member.pk).items():
            with self.subTest(name):
                text = self.client.get(url).content.decode()
                assert "đảng viên" in text.lower(), name
                assert "đoàn viên" not in text.lower(), name
        menu = self.client.get(reverse("unit_detail", args=[self.cell.pk]))
        self.assertContains(
            menu,
            f'<a href="{reverse("member_list", args=[self.cell.pk])}">Đảng viên</a>',
            html=True,
        )
        listing = self.client.get(reverse("member_list", args=[self.cell.pk]))
        self.assertContains(listing, "<h1>Đảng viên</h1>", html=True)
        self.assertContains(listing, "Thêm đảng viên")
        self.assertContains(listing, "1 đảng viên")
        self.assertContains(listing, "Tìm đảng viên")

    def test_a_youth_union_units_pages_speak_of_đoàn_viên_thanh_niên(self) -> None:
        self.client.force_login(self.youth_officer)
        member = self.people[self.youth.pk]
        for name, url in pages(self.youth.pk, member.pk).items():
            with self.subTest(name):
                text = self.client.get(url).content.decode().lower()
                assert "đoàn viên thanh niên" in text, name
                # Every "đoàn viên" is the Youth Union's (its members may be Party members too).
                assert text.count("đoàn viên") == text.count("đoàn viên thanh niên"), name
        listing = self.client.get(reverse("member_list", args=[self.youth.pk]))
        self.assertContains(listing, "<h1>Đoàn viên thanh niên</h1>", html=True)

    def test_a_trade_union_keeps_its_đoàn_viên(self) -> None:
        self.client.force_login(self.union_officer)
        listing = self.client.get(reverse("member_list", args=[self.union.pk]))
        self.assertContains(listing, "<h1>Đoàn viên</h1>", html=True)
        self.assertContains(listing, "Thêm đoàn viên")
        self.assertNotContains(listing, "thanh niên")

    def test_adding_a_member_to_a_party_cell_says_đảng_viên(self) -> None:
        self.client.force_login(self.party_officer)
        response = self.client.post(
            reverse("member_create", args=[self.cell.pk]),
            {"full_name": "Tạ Duy Khánh", "gender": "nam"},
            follow=True,
        )
        self.assertContains(response, "Đã thêm đảng viên Tạ Duy Khánh.")

    def test_the_export_and_the_template_of_a_party_cell_are_named_for_đảng_viên(self) -> None:
        self.client.force_login(self.party_officer)
        export = self.client.get(reverse("member_export", args=[self.cell.pk]))
        assert 'filename="dang-vien-VP-CB-' in export["Content-Disposition"]
        book = load_workbook(io.BytesIO(b"".join(export.streaming_content)))
        assert book.sheetnames == ["Đảng viên"]
        template = self.client.get(reverse("import_template", args=[self.cell.pk]))
        assert 'filename="mau-dang-vien-VP-CB.xlsx"' in template["Content-Disposition"]
        book = load_workbook(io.BytesIO(template.content))
        assert book.sheetnames[0] == "Đảng viên"
        help_text = " ".join(str(c.value) for row in book["Hướng dẫn"].iter_rows() for c in row)
        assert "HƯỚNG DẪN NHẬP DANH SÁCH ĐẢNG VIÊN" in help_text
        assert "Ghi mỗi đảng viên một dòng" in help_text

    def test_a_party_congress_adds_its_delegates_from_the_đảng_viên_list(self) -> None:
        congress = make_congress(self.cell, form="toan-the")
        self.client.force_login(self.party_officer)
        page = self.client.get(reverse("delegate_list", args=[congress.pk]))
        self.assertContains(page, "Thêm từ danh sách đảng viên")
        self.assertNotContains(page, "danh sách đoàn viên")
