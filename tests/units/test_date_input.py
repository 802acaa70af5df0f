"""Dates are typed and shown as dd/mm/yyyy whatever the browser's locale: one text widget for
every form's dates (<input type="date"> follows the browser's locale: 05/12 read as 12 May)."""

from __future__ import annotations

import re
from datetime import date

from django.test import TestCase
from django.urls import reverse

from daihoi.congresses.forms import CongressRecordForm, DelegateEditForm
from daihoi.congresses.testing import make_congress
from daihoi.emulation import forms as emulation_forms
from daihoi.units.forms import DayMonthYearInput, MemberForm, TransferForm
from daihoi.units.models import Member
from daihoi.units.testing import build_world


class DateInputTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.congress = make_congress(cls.w.unit)

    def test_every_date_field_of_every_form_is_the_dd_mm_yyyy_text_input(self) -> None:
        forms = [CongressRecordForm, DelegateEditForm, MemberForm, TransferForm]
        forms += [
            v
            for v in vars(emulation_forms).values()
            if isinstance(v, type) and hasattr(v, "base_fields")
        ]
        dates = [
            (form.__name__, name, field)
            for form in forms
            for name, field in form.base_fields.items()
            if field.__class__.__name__ == "DateField"
        ]
        assert len(dates) >= 10
        for form, name, field in dates:
            with self.subTest(f"{form}.{name}"):
                assert isinstance(field.widget, DayMonthYearInput)
                html = field.widget.render(name, date(2026, 12, 5))
                assert 'type="text"' in html and 'value="05/12/2026"' in html
                assert 'placeholder="dd/mm/yyyy"' in html

    def test_the_congress_form_takes_05_12_2026_as_5_december_and_shows_it_back(self) -> None:
        self.client.force_login(self.w.officer)
        url = reverse("congress_edit", args=[self.congress.pk])
        page = self.client.get(url)
        assert 'type="date"' not in page.content.decode()
        self.assertContains(page, 'value="15/02/2023"')
        response = self.client.post(
            url,
            {
                "number": "khóa V",
                "term_start": "2023",
                "term_end": "2028",
                "form": "dai-bieu",
                "starts_on": "05/12/2026",
                "ends_on": "",
                "venue": "Hội trường tầng 3",
                "place": "Lai Châu",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        self.congress.refresh_from_db()
        assert self.congress.starts_on == date(2026, 12, 5)
        page = self.client.get(url).content.decode()
        field = re.search(r'<input[^>]*name="starts_on"[^>]*>', page)
        assert field is not None
        assert 'value="05/12/2026"' in field[0] and 'placeholder="dd/mm/yyyy"' in field[0]

    def test_a_members_birth_date_is_typed_and_shown_day_first(self) -> None:
        self.client.force_login(self.w.officer)
        response = self.client.post(
            reverse("member_create", args=[self.w.unit.pk]),
            {"full_name": "Lò Thị Mai", "gender": "nu", "birth_date": "5/12/1990"},
        )
        assert response.status_code == 302
        member = Member.objects.get(full_name="Lò Thị Mai")
        assert member.birth_date == date(1990, 12, 5)
        form = self.client.get(reverse("member_edit", args=[member.pk]))
        self.assertContains(form, 'value="05/12/1990"')

    def test_a_date_that_does_not_exist_is_refused_with_the_way_to_write_it(self) -> None:
        self.client.force_login(self.w.officer)
        response = self.client.post(
            reverse("member_create", args=[self.w.unit.pk]),
            {"full_name": "Lò Thị Mai", "gender": "nu", "birth_date": "31/02/1990"},
        )
        self.assertContains(response, "Ngày sinh: nhập ngày/tháng/năm, ví dụ 23/12/1980.")
        self.assertContains(response, 'value="31/02/1990"')  # what was typed stays
        assert not Member.objects.filter(full_name="Lò Thị Mai").exists()
