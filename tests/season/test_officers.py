"""The officer register: written on recognition, kept as history, signing the unit's papers."""

from __future__ import annotations

from django.test import TestCase
from django.urls import reverse
from tests.season.record import D
from tests.season.test_decision import DECIDED, RecognizedFileCase

from daihoi.season import results, services
from daihoi.season.models import Officer, OfficerRole
from daihoi.units.testing import build_world


class OfficerRegisterTests(RecognizedFileCase):
    def test_recognition_records_the_offices_with_term_and_dates(self) -> None:
        self.recognize()
        got = [
            (o.role, o.full_name, o.term_start, o.term_end, o.started_on, o.ended_on)
            for o in results.current_officers(self.w.unit.pk)
        ]
        term = (2023, 2028, DECIDED, None)
        assert got == [
            ("chu-tich", "Nguyễn Thị An", *term),
            ("pho-chu-tich", "Trần Văn Bình", *term),
            ("uy-vien-bch", "Nguyễn Thị An", *term),
            ("uy-vien-bch", "Trần Văn Bình", *term),
            ("uy-vien-bch", "Lò Văn Cường", *term),
            ("chu-nhiem-ubkt", "Lò Văn Cường", *term),
            ("uy-vien-ubkt", "Lò Văn Cường", *term),
            ("uy-vien-ubkt", "Hoàng Văn Nam", *term),
            ("uy-vien-ubkt", "Đỗ Thị Lan", *term),
        ]
        assert results.current_signer(self.w.unit.pk) == "Nguyễn Thị An"

    def test_the_previous_holders_end_on_the_decision_and_stay_as_history(self) -> None:
        old = Officer.objects.create(
            unit=self.w.unit, role=OfficerRole.CHAIR, full_name="Vũ Văn Cũ", term_start=2018,
            term_end=2023, started_on=D(2018, 3, 1),
        )  # fmt: skip
        self.recognize()
        old.refresh_from_db()
        assert old.ended_on == DECIDED
        assert old in results.officer_history(self.w.unit.pk)
        assert old not in results.current_officers(self.w.unit.pk)
        self.client.force_login(self.w.officer)
        page = self.client.get(reverse("season_unit_steps", args=[self.w.unit.pk]))
        self.assertContains(page, 'id="officers"')
        self.assertContains(page, "Vũ Văn Cũ · 2018 - 2023 · 01/03/2018 – 01/03/2023")

    def test_the_decision_is_signed_by_the_upper_units_current_chair(self) -> None:
        Officer.objects.create(
            unit=self.w.province, role=OfficerRole.CHAIR, full_name="Tống Thanh Hải",
            term_start=2023, term_end=2028, started_on=D(2023, 1, 2),
        )  # fmt: skip
        self.recognize()
        self.client.force_login(self.w.upper)
        got = self.client.get(reverse("season_decision_file", args=[self.step.pk, "docx"]))
        from tests.season.test_result_file import docx_text

        assert "Tống Thanh Hải" in docx_text(got.content)


class TypedFileTests(TestCase):
    def test_a_typed_file_leaves_the_register_as_it_was(self) -> None:
        from tests.season.record import approved_plan, season_entry

        w = build_world()
        entry = season_entry(w)
        approved_plan(w, entry)
        step = services.send_result(
            entry=entry, held_on=D(2023, 2, 15), committee_size=3, delegates_elected=2, note="",
            by=w.officer, today=D(2023, 2, 20),
        )  # fmt: skip
        services.answer_step(
            step=step, approve=True, reason="", answered_on=D(2023, 2, 22), by=w.upper,
            today=D(2023, 2, 22),
        )  # fmt: skip
        services.recognize(
            step=step, decision_number="1/QĐ", decided_on=DECIDED, by=w.upper, today=DECIDED
        )
        assert not Officer.objects.exists()
