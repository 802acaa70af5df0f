"""The member list: subtree, Vietnamese order, accent-free search, htmx partial, fixed queries."""

from __future__ import annotations

import dataclasses
import html
import io
import re

from django.test import TestCase
from django.urls import reverse
from openpyxl import load_workbook

from daihoi.units.models import Gender, MemberStatus
from daihoi.units.services import MemberData, create_member, update_member
from daihoi.units.testing import build_world

NAMES = [
    "Nguyễn Thị Bình",
    "Trần Văn An",
    "Lê Thị Ánh",
    "Đặng Đức Dũng",
    "Phạm Thị Anh",
    "Vừ A Tiến",
    "Lò Văn Muôn",
]


class MemberListTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        for name in NAMES:
            create_member(unit=cls.w.unit, data=MemberData(full_name=name, gender=Gender.NU))
        cls.url = reverse("member_list", kwargs={"unit_id": cls.w.unit.pk})

    def setUp(self) -> None:
        self.client.force_login(self.w.officer)

    def names(self, response) -> list[str]:  # type: ignore[no-untyped-def]
        return [m.full_name for m in response.context["page"].object_list]

    def test_lists_the_subtree_in_vietnamese_order(self) -> None:
        response = self.client.get(self.url)
        assert self.names(response) == [
            "Trần Văn An",
            "Phạm Thị Anh",
            "Lê Thị Ánh",
            "Nguyễn Thị Bình",
            "Đặng Đức Dũng",
            "Lò Văn Muôn",
            "Vừ A Tiến",
            "Lường Danh Vọng",  # in the section below the unit
        ]
        self.assertContains(response, "<html", html=False)

    def test_a_party_member_is_marked_in_words_not_an_abbreviation(self) -> None:
        create_member(
            unit=self.w.unit,
            data=MemberData(full_name="Lò Thị Xuân", gender=Gender.NU, is_party_member=True),
        )
        response = self.client.get(self.url, {"q": "xuan"})
        self.assertContains(response, '<span class="tag">đảng viên</span>', html=True)
        self.assertNotContains(response, ">ĐV<")

    def test_search_ignores_accents_and_case(self) -> None:
        for typed in ("nguyen thi binh", "NGUYEN THI BINH", "Nguyễn Thị Bình", "binh"):
            with self.subTest(typed):
                response = self.client.get(self.url, {"q": typed})
                assert self.names(response) == ["Nguyễn Thị Bình"]
        assert self.names(self.client.get(self.url, {"q": "dang duc"})) == ["Đặng Đức Dũng"]

    def test_a_search_pasted_with_thousands_of_words_or_one_huge_word_is_refused_in_words(
        self,
    ) -> None:
        """The list's search box takes 100 characters: a pasted page is named too long (SQLite
        would refuse its LIKE pattern or its depth), the page still answers."""
        many = " ".join(f"tu{i}" for i in range(3_000))
        for typed in (many, "[" * 100_000):
            for headers in ({}, {"HX-Request": "true"}):
                response = self.client.get(self.url, {"q": typed}, headers=headers)
                assert response.status_code == 200, typed[:20]
                assert response.context["form"].errors["q"], typed[:20]

    def test_search_works_without_javascript_and_as_an_htmx_partial(self) -> None:
        full = self.client.get(self.url, {"q": "vu a tien"})
        assert b"<html" in full.content and b'id="results"' in full.content
        partial = self.client.get(self.url, {"q": "vu a tien"}, headers={"HX-Request": "true"})
        assert b"<html" not in partial.content
        assert partial.content.decode().lstrip().startswith('<div id="results"')
        self.assertContains(partial, "Vừ A Tiến")
        self.assertNotContains(partial, "Nguyễn Thị Bình")
        assert "HX-Request" in partial["Vary"]
        restore = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
        assert b"<html" in self.client.get(self.url, headers=restore).content

    def export_link(self, response) -> str:  # type: ignore[no-untyped-def]
        found = re.search(r'<a class="button results__export" href="([^"]+)"', response.text)
        assert found, "no export link"
        return html.unescape(found[1])

    def exported_names(self, link: str) -> list[str]:
        response = self.client.get(link)
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        assert sheet is not None
        return [str(row[1]) for row in sheet.iter_rows(min_row=2, values_only=True)]

    def test_the_export_link_follows_the_live_search_and_exports_what_is_shown(self) -> None:
        """Issue 9: the export exported 78 members while the search showed 60."""
        left = MemberData(full_name="Nguyễn Văn Nghỉ", gender=Gender.NAM)
        member = create_member(unit=self.w.unit, data=left)
        update_member(member=member, data=dataclasses.replace(left, status=MemberStatus.LEFT))
        searches = [
            {},
            {"q": "nguyen"},
            {"q": "nguyen", "status": "all"},
            {"q": "thi", "status": "all", "trang": "1"},
            {"status": MemberStatus.LEFT},
        ]
        for params in searches:
            with self.subTest(params):
                # The htmx swap is the part of the page the search replaces: the link is in it.
                partial = self.client.get(self.url, params, headers={"HX-Request": "true"})
                link = self.export_link(partial)
                assert "trang=" not in link
                shown = self.names(partial)
                assert partial.context["page"].paginator.count == len(shown)
                assert self.exported_names(link) == shown
        partial = self.client.get(self.url, {"q": "nguyen"}, headers={"HX-Request": "true"})
        assert self.names(partial) == ["Nguyễn Thị Bình"]
        everyone = self.client.get(self.url, {"q": "nguyen", "status": "all"})
        assert self.names(everyone) == ["Nguyễn Thị Bình", "Nguyễn Văn Nghỉ"]

    def test_no_export_link_when_the_search_finds_nobody(self) -> None:
        partial = self.client.get(self.url, {"q": "khong ai"}, headers={"HX-Request": "true"})
        self.assertContains(partial, "Không tìm thấy đoàn viên nào.")
        self.assertNotContains(partial, "results__export")

    def test_members_who_left_are_listed_only_when_asked(self) -> None:
        member = create_member(
            unit=self.w.unit, data=MemberData(full_name="Hà Văn Đi", gender=Gender.NAM)
        )
        update_member(
            member=member,
            data=MemberData(full_name="Hà Văn Đi", gender=Gender.NAM, status=MemberStatus.LEFT),
        )
        assert "Hà Văn Đi" not in self.names(self.client.get(self.url))
        everyone = self.names(self.client.get(self.url, {"status": "all"}))
        assert "Hà Văn Đi" in everyone
        assert self.names(self.client.get(self.url, {"status": MemberStatus.LEFT})) == ["Hà Văn Đi"]

    def test_pages_hold_fifty_members(self) -> None:
        for i in range(60):
            create_member(
                unit=self.w.section,
                data=MemberData(full_name=f"Nguyễn Văn Thêm {i:02d}", gender=Gender.NAM),
            )
        first = self.client.get(self.url)
        assert len(first.context["page"].object_list) == 50
        assert first.context["page"].paginator.count == 68
        self.assertContains(first, "trang=2")
        second = self.client.get(self.url, {"trang": 2})
        assert len(second.context["page"].object_list) == 18

    def test_the_number_of_queries_does_not_grow_with_the_members(self) -> None:
        # session, user and unit, the unit (access), its ancestors, the count, the page
        with self.assertNumQueries(6):
            self.client.get(self.url)
        for i in range(40):
            create_member(
                unit=self.w.section,
                data=MemberData(full_name=f"Trần Thị Mới {i:02d}", gender=Gender.NU),
            )
        with self.assertNumQueries(6):
            self.client.get(self.url)
        with self.assertNumQueries(6):
            self.client.get(self.url, {"q": "tran"}, headers={"HX-Request": "true"})

    def test_a_bad_page_number_shows_the_last_page(self) -> None:
        response = self.client.get(self.url, {"trang": "999"})
        assert response.status_code == 200
        assert response.context["page"].number == 1
