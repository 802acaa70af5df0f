"""The page of the upper congress built from below: who sees it, building, replacing."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, ClassVar
from unittest.mock import patch

from django.test import SimpleTestCase, TestCase, override_settings
from django.urls import reverse
from django.utils.translation.template import templatize
from tests.season.record import D, approved_plan, congress_with_results, season_entry

from daihoi.accounts.models import Role
from daihoi.congresses.models import Delegate
from daihoi.congresses.testing import make_congress
from daihoi.season import errors, upper, views
from daihoi.season.models import Replacement, SeasonUnit
from daihoi.units.models import UnitKind
from daihoi.units.services import create_unit
from daihoi.units.testing import build_world, make_user

TEMPLATES = Path(upper.__file__).parent / "templates" / "season"


class UpperPageTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.entry = season_entry(cls.w, seats=2)
        approved_plan(cls.w, cls.entry)
        cls.lower = congress_with_results(cls.w)
        cls.upper_congress = make_congress(cls.w.province, on=D(2023, 4, 10))
        cls.season = cls.entry.season
        cls.url = reverse("season_upper", args=[cls.season.pk])
        cls.replace_url = reverse("season_upper_replace", args=[cls.season.pk, cls.entry.pk])

    def test_the_upper_level_sees_the_preview_unit_by_unit(self) -> None:
        self.client.force_login(self.w.upper)
        page = self.client.get(self.url)
        self.assertContains(page, f'id="lower-{self.w.unit.pk}"')
        self.assertContains(page, "Nguyễn Thị An")
        self.assertContains(page, "Đủ số được phân bổ")
        self.assertContains(page, "Trần Văn Bình (6/10)")
        # No upper congress chosen yet: building is refused and says so.
        self.assertContains(page, errors.UPPER_CONGRESS_REQUIRED.format(unit=self.w.province.name))

    def test_an_empty_register_links_to_the_register_page(self) -> None:
        self.client.force_login(self.w.upper)
        page = self.client.get(self.url)
        self.assertContains(page, "Sổ theo dõi cán bộ chưa có Ban Chấp hành đương nhiệm")
        register = reverse("season_officer_register", args=[self.w.province.pk])
        self.assertContains(page, f'href="{register}" id="officer-register-link"')

    def test_the_lower_unit_and_a_sibling_get_404_and_a_reader_403(self) -> None:
        for user in (self.w.officer, self.w.sibling_officer):
            self.client.force_login(user)
            self.assertEqual(self.client.get(self.url).status_code, 404)
            self.assertEqual(self.client.post(self.url, {"action": "lap"}).status_code, 404)
        self.client.force_login(make_user("doc.tinh", self.w.province, Role.VIEWER))
        self.assertEqual(self.client.get(self.url).status_code, 200)
        self.assertEqual(self.client.post(self.url, {"action": "lap"}).status_code, 403)
        self.assertEqual(self.client.put(self.url).status_code, 405)
        self.assertFalse(Delegate.objects.filter(congress=self.upper_congress).exists())

    def test_anonymous_goes_to_the_login_page(self) -> None:
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("login"), response["Location"])

    def test_choose_then_build_then_build_again(self) -> None:
        self.client.force_login(self.w.upper)
        chosen = self.client.post(self.url, {"action": "chon", "congress": self.upper_congress.pk})
        self.assertRedirects(chosen, self.url)
        built = self.client.post(self.url, {"action": "lap"}, follow=True)
        self.assertContains(built, "thêm 2, cập nhật 0, bỏ 0 người")
        again = self.client.post(self.url, {"action": "lap"}, follow=True)
        self.assertContains(again, "thêm 0, cập nhật 0, bỏ 0 người")
        self.assertEqual(Delegate.objects.filter(congress=self.upper_congress).count(), 2)
        listed = self.client.get(reverse("delegate_list", args=[self.upper_congress.pk]))
        self.assertContains(listed, f"Bầu tại {self.w.unit.name}")

    def test_over_allocation_is_refused_on_the_page_with_the_numbers(self) -> None:
        upper.set_upper_congress(season=self.season, congress_id=self.upper_congress.pk)
        SeasonUnit.objects.filter(pk=self.entry.pk).update(seats=1)
        self.client.force_login(self.w.upper)
        response = self.client.post(self.url, {"action": "lap"})
        message = errors.UPPER_OVER_ALLOCATION.format(unit=self.w.unit.name, elected=2, seats=1)
        self.assertContains(response, message, status_code=400)
        self.assertFalse(Delegate.objects.filter(congress=self.upper_congress).exists())

    def test_a_congress_of_another_unit_cannot_be_chosen(self) -> None:
        self.client.force_login(self.w.upper)
        response = self.client.post(self.url, {"action": "chon", "congress": self.lower.pk})
        self.assertEqual(response.status_code, 400)
        self.season.refresh_from_db()
        self.assertIsNone(self.season.upper_congress_id)

    def test_a_replacement_through_the_page_and_its_bad_date_refused(self) -> None:
        self.client.force_login(self.w.upper)
        bad = self.client.post(
            self.replace_url,
            {"official": "Lò Văn Cường", "decision": "QĐ số 12/QĐ-BTV", "decided_on": "31/02/2023"},
        )
        self.assertContains(bad, "Ngày quyết định: nhập ngày/tháng/năm", status_code=400)
        self.assertFalse(Replacement.objects.exists())
        good = self.client.post(
            self.replace_url,
            {"official": "Lò Văn Cường", "decision": "QĐ số 12/QĐ-BTV", "decided_on": "15/03/2023"},
            follow=True,
        )
        self.assertContains(good, "Trần Văn Bình (dự khuyết) thay đồng chí Lò Văn Cường")
        self.assertContains(good, "<s>Lò Văn Cường</s>", html=False)

    def test_a_replacement_of_a_unit_outside_the_season_is_404(self) -> None:
        self.client.force_login(self.w.sibling_officer)
        self.assertEqual(self.client.post(self.replace_url, {}).status_code, 404)
        other = reverse("season_upper_replace", args=[self.season.pk, 999999])
        self.client.force_login(self.w.upper)
        self.assertEqual(self.client.post(other, {}).status_code, 404)


class CountsArePluralFormsTests(SimpleTestCase):
    """English said "1 official delegates elected": every counted noun of the upper and plan pages
    goes to the catalog as a plural entry (ngettext), so each language words 1 and n its own way."""

    COUNTED: ClassVar[dict[str, tuple[str, ...]]] = {
        "upper.html": (
            "%(n)s đại biểu được phân bổ",
            "%(n)s đại biểu chính thức đã bầu",
            "%(n)s dự khuyết thay chính thức",
            "%(n)s đại biểu đương nhiên",
            "Danh sách: %(n)s đại biểu chính thức",
        ),
        "plan.html": (
            "%(n)s đại biểu được phân bổ dự đại hội cấp trên",
            "%(n)s đại hội điểm",
            "%(n)s đoàn viên",
            "%(n)s đảng viên",
        ),
    }

    def test_the_counted_delegates_are_plural_entries_of_the_catalog(self) -> None:
        for name, texts in self.COUNTED.items():
            source = (TEMPLATES / name).read_text(encoding="utf-8")
            extracted = templatize(source)
            for text in texts:
                with self.subTest(template=name, text=text):
                    self.assertIn(f"ngettext(u'{text}', u'{text}', count)", extracted)
                    self.assertNotIn(f"gettext(u'{text}')", extracted.replace("ngettext(", "n("))


@override_settings(LANGUAGE_CODE="vi")
class UpperPagingTests(TestCase):
    """A province's season holds ~2,000 units: the upper page shows a page of them at a time, by
    branch of the tree and by state, and its links and forms keep the filters."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        create_unit(
            parent=cls.w.upper_grassroots, name="Công đoàn cơ sở Sở Y tế", code="T-LC-VC-YT",
            kind=UnitKind.CDCS,
        )  # fmt: skip
        cls.power = create_unit(
            parent=cls.w.province, name="Công đoàn cơ sở Công ty Điện lực Lai Châu",
            code="T-LC-DL", kind=UnitKind.CDCS,
        )  # fmt: skip
        cls.entry = season_entry(cls.w, seats=2)
        approved_plan(cls.w, cls.entry)
        congress_with_results(cls.w)
        cls.season = cls.entry.season
        cls.url = reverse("season_upper", args=[cls.season.pk])

    def get(self, **query: object) -> Any:
        self.client.force_login(self.w.upper)
        with patch.object(views, "UPPER_PER_PAGE", 2):
            return self.client.get(self.url, query)

    def listed(self, page: Any) -> list[str]:
        return re.findall(r'id="lower-(\d+)"', page.content.decode())

    def test_a_page_lists_a_part_and_the_next_page_the_rest_with_the_whole_totals(self) -> None:
        first, second = self.get(), self.get(trang=2)
        self.assertEqual(len(self.listed(first)), 2)
        self.assertEqual(len(self.listed(second)), 2)
        self.assertEqual(set(self.listed(first)) & set(self.listed(second)), set())
        self.assertContains(first, "Trang 1 / 2")
        self.assertContains(first, 'href="?trang=2#lower-lines"')
        for page in (first, second):  # the totals are the season's, not the page's
            self.assertContains(page, "2 đại biểu được phân bổ")
            self.assertContains(page, "2 đại biểu chính thức đã bầu")

    def test_a_branch_keeps_its_units_and_the_pages_keep_the_branch(self) -> None:
        page = self.get(nhanh=self.w.upper_grassroots.pk)
        self.assertEqual(len(self.listed(page)), 2)
        self.assertContains(page, f'href="?nhanh={self.w.upper_grassroots.pk}&amp;trang=2#lower')
        self.assertContains(page, "3 đơn vị, 2/2 đại biểu chính thức đã bầu / được phân bổ")
        power = self.get(nhanh=self.power.pk)
        self.assertEqual(self.listed(power), [str(self.power.pk)])
        self.assertNotContains(power, 'id="upper-pages"')

    def test_a_state_keeps_its_units_and_unknown_filters_are_ignored(self) -> None:
        full = self.get(**{"trang-thai": "du"})
        self.assertEqual(self.listed(full), [str(self.w.unit.pk)])
        self.assertContains(full, "Chưa có đại hội trên daihoi (3)")
        self.assertEqual(len(self.listed(self.get(**{"trang-thai": "x", "nhanh": "y"}))), 2)

    def test_a_replacement_goes_back_to_the_page_and_filters_it_was_sent_from(self) -> None:
        page = self.get(**{"trang-thai": "du"})
        replace = reverse("season_upper_replace", args=[self.season.pk, self.entry.pk])
        self.assertContains(page, f'action="{replace}?trang-thai=du"')
        done = self.client.post(
            f"{replace}?trang-thai=du",
            {"official": "Lò Văn Cường", "decision": "QĐ số 12/QĐ-BTV", "decided_on": "15/03/2023"},
        )
        self.assertRedirects(done, f"{self.url}?trang-thai=du")
