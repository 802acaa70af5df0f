"""The board's results (chair, women, young, re-elected of the committee) and its Excel export."""

from __future__ import annotations

import io

import openpyxl
from django.test import TestCase
from django.urls import reverse
from tests.season.record import SENT, D, approved_plan, congress_with_results, season_entry
from tests.season.test_result_file import MEETING
from tests.season.test_step_pages import on

from daihoi.season import errors, results, typed
from daihoi.season.errors import SeasonError
from daihoi.season.models import Officer, OfficerRole, SeasonStep
from daihoi.season.sheets import COLUMNS
from daihoi.season.typed import TypedResult
from daihoi.units.testing import build_world


def send_from_congress(w: object, entry: object, congress: object) -> SeasonStep:
    return results.send_result_from_congress(
        entry=entry, congress_id=congress.pk, meeting=MEETING, note="",  # type: ignore[attr-defined]
        by=w.officer, today=SENT,  # type: ignore[attr-defined]
    )  # fmt: skip


class BoardResultTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.entry = season_entry(cls.w)
        approved_plan(cls.w, cls.entry)
        cls.congress = congress_with_results(cls.w)
        cls.board = reverse("season_board", args=[cls.entry.season_id])
        cls.excel = reverse("season_board_excel", args=[cls.entry.season_id])

    def test_the_file_from_the_record_counts_chair_women_young_and_reelected(self) -> None:
        # The previous term's committee in the register: one of the three sat on it.
        Officer.objects.create(
            unit=self.w.unit, role=OfficerRole.COMMITTEE, full_name="trần văn bình",
            term_start=2018, term_end=2023, started_on=D(2018, 3, 1), ended_on=D(2023, 1, 1),
        )  # fmt: skip
        step = send_from_congress(self.w, self.entry, self.congress)
        # Elected: An (woman, 1980), Bình (man, 1975), Cường (man, 1988: 35 in 2023, not young).
        self.assertEqual(
            (step.chair_name, step.women, step.young, step.reelected),
            ("Nguyễn Thị An", 1, 0, 1),
        )

    def test_only_the_outgoing_committee_counts_as_re_elected(self) -> None:
        # Bình sat on the outgoing committee (2018 - 2023); An only on the one before (2013 -
        # 2018): she comes back, she is not re-elected ("tái đắc cử" is from the outgoing one).
        for name, start in (("Trần Văn Bình", 2018), ("Nguyễn Thị An", 2013)):
            Officer.objects.create(
                unit=self.w.unit, role=OfficerRole.COMMITTEE, full_name=name,
                term_start=start, term_end=start + 5, started_on=D(start, 3, 1),
                ended_on=D(start + 5, 1, 1),
            )  # fmt: skip
        step = send_from_congress(self.w, self.entry, self.congress)
        self.assertEqual(step.reelected, 1)

    def test_without_a_previous_committee_the_reelected_share_is_unknown(self) -> None:
        step = send_from_congress(self.w, self.entry, self.congress)
        self.assertIsNone(step.reelected)

    def test_the_board_shows_the_results(self) -> None:
        send_from_congress(self.w, self.entry, self.congress)
        self.client.force_login(self.w.upper)
        page = self.client.get(self.board)
        self.assertContains(page, "Chủ tịch: Nguyễn Thị An")
        self.assertContains(page, "nữ 1/3 (33,3%)")
        self.assertContains(page, "tái cử —")
        self.assertContains(page, self.excel)

    def test_the_excel_export_has_a_row_per_unit_with_the_results(self) -> None:
        step = send_from_congress(self.w, self.entry, self.congress)
        self.client.force_login(self.w.upper)
        response = self.client.get(self.excel)
        self.assertEqual(response.status_code, 200)
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        rows = list(book.active.iter_rows(values_only=True))
        header = list(rows[1])
        union = {"committee": "BCH", "chair": "Chủ tịch", "recognize": "công nhận"}
        self.assertEqual(header, [label.format(**union) for label, _w in COLUMNS])
        by_unit = {r[0]: dict(zip(header, r, strict=True)) for r in rows[2:]}
        mine = by_unit[self.w.unit.name]
        self.assertEqual(mine["Chủ tịch"], "Nguyễn Thị An")
        self.assertEqual(mine["Ủy viên BCH đã bầu"], 3)
        self.assertEqual(mine["Ủy viên nữ"], 1)
        self.assertEqual(mine["Đại biểu chính thức đã bầu"], 2)
        self.assertEqual(mine["Ngày đại hội"].date(), step.held_on)
        self.assertEqual(mine["Trạng thái"], "Đã đại hội, hồ sơ chờ kiểm tra")
        self.assertEqual(len(by_unit), 2)  # the sibling CĐCS too, not sent yet
        filtered = self.client.get(self.excel + "?trang-thai=ho-so-cho-kiem-tra")
        rows = list(openpyxl.load_workbook(io.BytesIO(filtered.content)).active.values)
        self.assertEqual([r[0] for r in rows[2:]], [self.w.unit.name])

    def test_the_export_is_the_upper_levels_only(self) -> None:
        for user in (self.w.officer, self.w.sibling_officer):
            self.client.force_login(user)
            self.assertEqual(self.client.get(self.excel).status_code, 404)
        self.client.force_login(self.w.upper)
        self.assertEqual(self.client.post(self.excel).status_code, 405)


class TypedMakeUpTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.entry = season_entry(cls.w)
        approved_plan(cls.w, cls.entry)

    def data(self, **kw: object) -> TypedResult:
        base = {
            "held_on": D(2023, 2, 15), "committee": "An\nBình\nCường", "chair": "An",
            "delegates": "An",
        }  # fmt: skip
        return TypedResult(**(base | kw))  # type: ignore[arg-type]

    def test_typed_counts_are_kept(self) -> None:
        with on(SENT):
            step = typed.send_typed_result(
                entry=self.entry, data=self.data(women=2, young=1), note="", by=None, today=SENT
            )
        self.assertEqual((step.chair_name, step.women, step.young), ("An", 2, 1))

    def test_more_women_than_members_is_refused(self) -> None:
        with self.assertRaises(SeasonError) as caught:
            typed.send_typed_result(
                entry=self.entry, data=self.data(women=4), note="", by=None, today=SENT
            )
        self.assertIn(
            errors.TYPED_COUNT_OVER.format(
                label="Số ủy viên nữ", count=4, size=3, committee="Ban Chấp hành"
            ),
            caught.exception.messages,
        )
        self.assertFalse(SeasonStep.objects.filter(kind="ket-qua-dai-hoi").exists())
