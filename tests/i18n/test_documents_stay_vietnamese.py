"""Documents of record are written in Vietnamese even when the user reads the pages in English."""

from __future__ import annotations

import io

import docx
from django.test import TestCase
from django.urls import reverse

from daihoi.congresses import services
from daihoi.congresses.testing import make_congress
from daihoi.units.models import Member
from daihoi.units.testing import build_world


class CredentialsReportTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.congress = make_congress(cls.w.unit)
        services.add_delegates_from_members(
            congress=cls.congress, members=Member.objects.in_subtree(cls.w.unit)
        )

    def test_the_credentials_report_stays_vietnamese_in_english(self) -> None:
        self.client.force_login(self.w.officer)
        self.client.post(reverse("set_language"), {"language": "en", "next": "/"})
        url = reverse("credentials_report", args=[self.congress.pk, "docx"])
        document = docx.Document(io.BytesIO(self.client.get(url).content))
        text = "\n".join(
            [p.text for p in document.paragraphs]
            + [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        )
        assert "Chính thức bầu" in text
        assert "Elected delegate" not in text

    def test_the_projector_stays_vietnamese_for_an_organizer_reading_english(self) -> None:
        self.client.force_login(self.w.officer)
        self.client.post(reverse("set_language"), {"language": "en", "next": "/"})
        for name in ("projector", "projector_screen"):
            page = self.client.get(reverse(name, kwargs={"congress_id": self.congress.pk}))
            with self.subTest(name):
                self.assertContains(page, "có mặt")
                self.assertContains(page, "Chưa đủ điều kiện tiến hành")
                self.assertNotContains(page, "No quorum yet")
        # The organizer's own pages are still in English.
        presidium = self.client.get(reverse("presidium", kwargs={"congress_id": self.congress.pk}))
        self.assertContains(presidium, 'lang="en"')

    def test_the_organizers_pages_name_the_attendees_in_english(self) -> None:
        self.client.force_login(self.w.officer)
        self.client.post(reverse("set_language"), {"language": "en", "next": "/"})
        for name, words in (
            ("presidium", "delegates present"),
            ("desk", "delegates present"),
            ("congress_detail", "delegates summoned"),
        ):
            page = self.client.get(reverse(name, kwargs={"congress_id": self.congress.pk}))
            with self.subTest(name):
                self.assertContains(page, words)
