"""The result file from the congress record through the pages: sent by the unit, read above."""

from __future__ import annotations

from django.test import TestCase
from django.urls import reverse
from tests.season.record import SENT, approved_plan, congress_with_results, season_entry
from tests.season.test_step_pages import on

from daihoi.season.models import SeasonStep, StepKind
from daihoi.units.testing import build_world

FORM = {
    "meeting_on": "15/02/2023",
    "meeting_present": "3",
    "chair": "Nguyễn Thị An: 3",
    "vice_chairs": "Trần Văn Bình: 2",
    "inspection": "Lò Văn Cường: 3\nHoàng Văn Nam: 2\nĐỗ Thị Lan: 2",
    "inspection_chair": "Lò Văn Cường: 3",
    "note": "",
}


class ResultFilePageTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.entry = season_entry(cls.w)
        approved_plan(cls.w, cls.entry)
        cls.congress = congress_with_results(cls.w)

    def post(self, **values: str) -> object:
        self.client.force_login(self.w.officer)
        url = reverse("season_send_congress_result", args=[self.entry.pk])
        with on(SENT):
            return self.client.post(url, {**FORM, "congress": str(self.congress.pk), **values})

    def test_the_unit_page_offers_its_congress(self) -> None:
        self.client.force_login(self.w.officer)
        page = self.client.get(reverse("season_unit_steps", args=[self.w.unit.pk]))
        self.assertContains(page, 'id="result-from-congress"')
        self.assertContains(page, self.congress.title)

    def test_sent_from_the_congress_then_read_by_the_unit_and_the_upper_level(self) -> None:
        response = self.post()
        self.assertRedirects(response, reverse("season_unit_steps", args=[self.w.unit.pk]))
        step = SeasonStep.objects.get(kind=StepKind.RESULT)
        assert (step.committee_size, step.delegates_elected) == (3, 2)
        for user, kind, content_type in (
            (self.w.officer, "pdf", "application/pdf"),
            (self.w.upper, "docx", "application/vnd.openxmlformats"),
        ):
            self.client.force_login(user)
            got = self.client.get(reverse("season_result_file", args=[step.pk, kind]))
            assert got.status_code == 200
            assert got["Content-Type"].startswith(content_type)
        self.client.force_login(self.w.upper)
        page = self.client.get(reverse("season_step", args=[step.pk]))
        self.assertContains(page, reverse("season_result_file", args=[step.pk, "pdf"]))

    def test_a_sibling_does_not_read_the_file(self) -> None:
        self.post()
        step = SeasonStep.objects.get(kind=StepKind.RESULT)
        self.client.force_login(self.w.sibling_officer)
        got = self.client.get(reverse("season_result_file", args=[step.pk, "pdf"]))
        assert got.status_code == 404

    def test_a_refused_file_names_the_field_and_keeps_what_was_typed(self) -> None:
        response = self.post(meeting_present="1", chair="Nguyễn Thị An: 1")
        assert response.status_code == 400
        self.assertContains(
            response, "Số ủy viên BCH có mặt: 1/3 là chưa đủ ít nhất 2/3", status_code=400
        )
        self.assertContains(response, "Lò Văn Cường: 3", status_code=400)
        assert not SeasonStep.objects.filter(kind=StepKind.RESULT).exists()
