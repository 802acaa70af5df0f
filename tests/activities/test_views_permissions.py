"""The permission matrix over every page of the activities.

Officer of the unit and officer of the level above: allowed. Officer of a sibling unit: 404.
Read-only role: reads the lists, 403 on every writing page. Anonymous: the login page.
Wrong method: 405. A record of another subtree reached through one's own unit: 404.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.test import TestCase
from django.urls import reverse

from daihoi.accounts.models import User
from daihoi.activities.models import Contribution, Initiative, PartyIntroduction, ResearchProject
from daihoi.activities.registry import KINDS
from daihoi.units.models import Unit
from daihoi.units.testing import World, build_world


@dataclass(frozen=True)
class Page:
    name: str
    write: bool
    methods: tuple[str, ...]
    record: bool = False


GET, BOTH = ("GET",), ("GET", "POST")
PAGES = [Page("activities_index", False, GET)]
for kind in KINDS:
    PAGES += [
        Page(f"activities_{kind.name}_list", False, GET),
        Page(f"activities_{kind.name}_create", True, BOTH),
        Page(f"activities_{kind.name}_edit", True, BOTH, record=True),
    ]
DELETES = [Page(f"activities_{kind.name}_delete", True, BOTH, record=True) for kind in KINDS]


def records_of(w: World, unit: Unit) -> dict[str, int]:
    member = w.member if unit == w.unit else w.sibling_member
    day = datetime.date(2024, 3, 1)
    initiative = Initiative.objects.create(unit=unit, title="SK", year=2024, level="co-so")
    initiative.authors.set([member])
    research = ResearchProject.objects.create(unit=unit, title="ĐT", level="tinh", accepted_on=day)
    research.authors.set([member])
    return {
        "initiative": initiative.pk,
        "research": research.pk,
        "contribution": Contribution.objects.create(
            unit=unit, kind="tu-thien", amount=1_000_000, given_on=day, purpose="Ủng hộ"
        ).pk,
        "introduction": PartyIntroduction.objects.create(
            unit=unit, member=member, introduced_on=day
        ).pk,
    }


class PermissionMatrixTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.own = records_of(cls.w, cls.w.unit)
        cls.other = records_of(cls.w, cls.w.sibling)

    def url(self, page: Page, *, unit: Unit | None = None, other: bool = False) -> str:
        kwargs: dict[str, int] = {"unit_id": (unit or self.w.unit).pk}
        if page.record:
            kind = page.name.split("_")[1]
            kwargs["record_id"] = (self.other if other else self.own)[kind]
        return reverse(page.name, kwargs=kwargs)

    def call(self, user: User | None, method: str, url: str) -> int:
        self.client.logout()
        if user is not None:
            self.client.force_login(user)
        return self.client.generic(method, url).status_code

    def test_every_page_is_covered(self) -> None:
        from daihoi.activities.urls import urlpatterns

        imports = {  # their matrix is in test_import.py (test_access_as_everywhere)
            "activities_import_upload",
            "activities_import_template",
            "activities_import_preview",
            "activities_import_confirm",
        }
        assert {p.name for p in urlpatterns} == {p.name for p in PAGES + DELETES} | imports

    def test_anonymous_is_sent_to_the_login_page(self) -> None:
        for page in PAGES + DELETES:
            for method in page.methods:
                url = self.url(page)
                response = self.client.generic(method, url)
                self.assertRedirects(
                    response, f"{reverse('login')}?next={url}", fetch_redirect_response=False
                )

    def test_officers_of_the_unit_and_above_may_do_everything(self) -> None:
        for user, unit in (
            (self.w.officer, self.w.unit),
            (self.w.upper, self.w.unit),
            (self.w.upper, self.w.province),
        ):
            for page in PAGES:
                for method in page.methods:
                    status = self.call(user, method, self.url(page, unit=unit))
                    # An empty POST shows the form again with its messages (400).
                    expected = {200} if method == "GET" else {302, 400}
                    assert status in expected, (user, page.name, method, status)

    def test_officer_of_a_sibling_unit_gets_404(self) -> None:
        for page in PAGES + DELETES:
            for method in page.methods:
                assert self.call(self.w.sibling_officer, method, self.url(page)) == 404, page

    def test_a_record_of_a_sibling_through_ones_own_unit_is_404(self) -> None:
        for page in PAGES + DELETES:
            if page.record:
                for user in (self.w.officer, self.w.superuser):
                    assert self.call(user, "GET", self.url(page, other=True)) == 404, page

    def test_read_only_user_reads_but_gets_403_on_writing(self) -> None:
        for page in PAGES + DELETES:
            for method in page.methods:
                status = self.call(self.w.viewer, method, self.url(page))
                assert status == (403 if page.write else 200), (page.name, method, status)

    def test_wrong_method_is_405(self) -> None:
        for page in PAGES + DELETES:
            wrong = "POST" if page.methods == GET else "PUT"
            assert self.call(self.w.officer, wrong, self.url(page)) == 405, page

    def test_delete_asks_first_then_deletes(self) -> None:
        for page in DELETES:
            kind = page.name.split("_")[1]
            model = {k.name: k.model for k in KINDS}[kind]
            assert self.call(self.w.officer, "GET", self.url(page)) == 200
            assert model._default_manager.filter(pk=self.own[kind]).exists()
            assert self.call(self.w.upper, "POST", self.url(page)) == 302
            assert not model._default_manager.filter(pk=self.own[kind]).exists()
            assert model._default_manager.filter(pk=self.other[kind]).exists()
