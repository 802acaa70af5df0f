"""Organizers land on their congresses: home goes to the list once there is one."""

from __future__ import annotations

from django.test import TestCase
from django.urls import reverse

from daihoi.congresses.testing import make_congress
from daihoi.units.testing import build_world


class HomeTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        make_congress(cls.w.unit)

    def test_home_lands_on_the_congress_list(self) -> None:
        self.client.force_login(self.w.officer)
        self.assertRedirects(self.client.get(reverse("home")), reverse("congress_list"))

    def test_without_a_congress_in_view_home_stays_the_unit_page(self) -> None:
        self.client.force_login(self.w.sibling_officer)
        response = self.client.get(reverse("home"))
        self.assertRedirects(response, reverse("unit_detail", args=[self.w.sibling.pk]))

    def test_the_menu_links_the_congresses_and_the_own_unit(self) -> None:
        self.client.force_login(self.w.officer)
        page = self.client.get(reverse("congress_list"))
        self.assertContains(page, f'href="{reverse("congress_list")}"')
        self.assertContains(page, f'href="{reverse("unit_detail", args=[self.w.unit.pk])}"')
