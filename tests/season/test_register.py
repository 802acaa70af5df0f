"""The officer register kept by hand: a unit new to daihoi records its committee in office."""

from __future__ import annotations

import datetime
from unittest import mock

from django.test import TestCase
from django.urls import reverse
from tests.season.record import D
from tests.season.test_decision import DECIDED, RecognizedFileCase

from daihoi.season import errors, results
from daihoi.season.errors import SeasonError
from daihoi.season.models import Officer, OfficerRole
from daihoi.season.register import IncumbentCommittee, record_incumbent_committee, register_of
from daihoi.units.models import UnitKind
from daihoi.units.services import create_unit
from daihoi.units.testing import build_world

TODAY = D(2026, 12, 6)
SOURCE = "Quyết định số 125/QĐ-CĐVC ngày 02/10/2022 của Ban Thường vụ Công đoàn Viên chức tỉnh"


def committee(**changes: object) -> IncumbentCommittee:
    data = {
        "term_start": 2022,
        "term_end": 2027,
        "started_on": D(2022, 10, 2),
        "source": SOURCE,
        "chair": "Lường Danh Vọng",
        "vice_chairs": "Trần Văn Bình",
        "committee": "Lò Văn Cường\n  \nLường  Danh Vọng",
        "inspection": "Hoàng Văn Nam\nĐỗ Thị Lan",
        "inspection_chair": "Hoàng Văn Nam",
    }
    data.update(changes)
    return IncumbentCommittee(**data)  # type: ignore[arg-type]


def on(day: datetime.date) -> mock._patch:  # type: ignore[type-arg]
    return mock.patch("django.utils.timezone.localdate", return_value=day)


class RecordIncumbentsTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def record(self, **changes: object) -> list[Officer]:
        return record_incumbent_committee(unit=self.w.unit, data=committee(**changes), today=TODAY)

    def test_the_committee_is_written_as_a_recognition_writes_it(self) -> None:
        self.record()
        got = [
            (o.role, o.full_name, o.term_start, o.term_end, o.started_on, o.ended_on, o.step_id)
            for o in results.current_officers(self.w.unit.pk)
        ]
        term = (2022, 2027, D(2022, 10, 2), None, None)
        assert got == [
            ("chu-tich", "Lường Danh Vọng", *term),
            ("pho-chu-tich", "Trần Văn Bình", *term),
            ("uy-vien-bch", "Lường Danh Vọng", *term),  # typed twice: once a member
            ("uy-vien-bch", "Trần Văn Bình", *term),
            ("uy-vien-bch", "Lò Văn Cường", *term),
            ("chu-nhiem-ubkt", "Hoàng Văn Nam", *term),
            ("uy-vien-ubkt", "Hoàng Văn Nam", *term),
            ("uy-vien-ubkt", "Đỗ Thị Lan", *term),
        ]
        rows = Officer.objects.filter(unit=self.w.unit)
        assert {o.source for o in rows} == {SOURCE}
        # the one member of that name in the unit's tree; the others have no record
        assert {o.full_name: o.member_id for o in rows} == {
            "Lường Danh Vọng": self.w.member.pk,
            "Trần Văn Bình": None,
            "Lò Văn Cường": None,
            "Hoàng Văn Nam": None,
            "Đỗ Thị Lan": None,
        }
        assert results.current_signer(self.w.unit.pk) == "Lường Danh Vọng"

    def test_the_next_congress_reads_them_as_its_outgoing_committee(self) -> None:
        self.record()
        outgoing = results.outgoing_committee(unit_id=self.w.unit.pk, before_term=2027)
        assert outgoing is not None and (outgoing.term_start, outgoing.term_end) == (2022, 2027)
        assert outgoing.chaired("Lường Danh Vọng", self.w.member.pk)
        assert outgoing.sat_on("Lò Văn Cường") and outgoing.inspected("Đỗ Thị Lan")
        assert not outgoing.sat_on("Đỗ Thị Lan")
        assert results.outgoing_committee(unit_id=self.w.unit.pk, before_term=2022) is None

    def test_a_past_term_is_recorded_ended(self) -> None:
        ended = D(2022, 9, 30)
        record_incumbent_committee(
            unit=self.w.unit,
            data=committee(term_start=2017, term_end=2022, started_on=D(2017, 10, 1)),
            today=TODAY,
            ended_on=ended,
        )
        assert results.current_officers(self.w.unit.pk) == []
        assert {o.ended_on for o in results.officer_history(self.w.unit.pk)} == {ended}

    def refused(self, field: str | None, message: str, **changes: object) -> None:
        before = list(Officer.objects.values_list("pk", "ended_on"))
        with self.assertRaises(SeasonError) as caught:
            self.record(**changes)
        assert (field, message) in [(e.field, e.message) for e in caught.exception.errors], (
            caught.exception.messages
        )
        assert list(Officer.objects.values_list("pk", "ended_on")) == before

    def test_each_refusal_names_its_field_and_writes_nothing(self) -> None:
        cases = [
            ("term_end", errors.TERM_ORDER.format(start=2022, end=2022), {"term_end": 2022}),
            ("term_end", errors.TERM_ORDER.format(start=2022, end=2020), {"term_end": 2020}),
            ("term_start", errors.REGISTER_TERM_REQUIRED, {"term_start": None}),
            (
                "started_on",
                "Ngày quyết định công nhận: 07/12/2026 là sau ngày hôm nay (06/12/2026).",
                {"term_start": 2026, "term_end": 2031, "started_on": D(2026, 12, 7)},
            ),
            (
                "started_on",
                "Ngày quyết định công nhận: 02/10/2020 không thuộc nhiệm kỳ 2022 - 2027.",
                {"started_on": D(2020, 10, 2)},
            ),
            ("chair", "Chủ tịch: ghi họ và tên Chủ tịch đương nhiệm.", {"chair": "  "}),
            (
                "source",
                "Số, nguồn quyết định: ghi số và ngày quyết định công nhận Ban Chấp hành (ví dụ "
                "“Quyết định số 125/QĐ-LĐLĐ ngày 02/10/2022”).",
                {"source": " "},
            ),
            (
                "vice_chairs",
                "Phó Chủ tịch: đồng chí Lường Danh Vọng đã được ghi là Chủ tịch.",
                {"vice_chairs": "Lường Danh Vọng"},
            ),
            (
                "committee",
                "Ban Chấp hành: 4 ủy viên là nhiều hơn mức tối đa 3 cho đơn vị có 1 đoàn viên "
                "(§2.12 – số lượng ủy viên ban chấp hành).",
                {"committee": "Lò Văn Cường\nPhạm Thị Dung"},
            ),
            (
                "inspection",
                "Ủy ban Kiểm tra: đồng chí Đỗ Thị Lan được ghi hai lần.",
                {"inspection": "Đỗ Thị Lan\nđỗ thị  lan"},
            ),
        ]
        for field, message, changes in cases:
            with self.subTest(field=field, message=message):
                self.refused(field, message, **changes)
        assert not Officer.objects.exists()

    def test_an_ended_day_before_the_decision_is_refused(self) -> None:
        with self.assertRaises(SeasonError) as caught:
            record_incumbent_committee(
                unit=self.w.unit, data=committee(), today=TODAY, ended_on=D(2022, 10, 1)
            )
        assert caught.exception.errors[0].field == "ended_on"
        assert not Officer.objects.exists()

    def test_a_register_with_current_officers_is_not_written_over(self) -> None:
        self.record()
        self.refused(
            None,
            "Sổ theo dõi cán bộ: Công đoàn cơ sở Sở Công Thương đã có Ban Chấp hành đương nhiệm "
            f"(ghi tay: {SOURCE}); không ghi tay thêm. Ban Chấp hành mới được ghi vào sổ khi cấp "
            "trên công nhận kết quả đại hội.",
            chair="Trần Văn Bình",
            vice_chairs="",
        )
        assert Officer.objects.count() == 8

    def test_a_chi_bo_records_its_bi_thu_in_its_words(self) -> None:
        party = create_unit(parent=None, name="Đảng bộ Sở", code="DB-S", kind=UnitKind.DANG_BO)
        cell = create_unit(
            parent=party, name="Chi bộ Văn phòng Sở", code="DB-S-VP", kind=UnitKind.CHI_BO
        )
        with self.assertRaises(SeasonError) as caught:
            record_incumbent_committee(unit=cell, data=committee(chair=""), today=TODAY)
        assert "Bí thư: ghi họ và tên Bí thư đương nhiệm." in caught.exception.messages
        record_incumbent_committee(
            unit=cell, data=committee(vice_chairs="", inspection="", inspection_chair=""),
            today=TODAY,
        )  # fmt: skip
        assert results.current_signer(cell.pk, OfficerRole.SECRETARY) == "Lường Danh Vọng"
        outgoing = results.outgoing_committee(unit_id=cell.pk, before_term=2027)
        assert outgoing is not None and outgoing.led_cell("Lường Danh Vọng")
        (term,) = register_of(cell).current
        assert term.offices == [
            ("Bí thư", ["Lường Danh Vọng"]),
            ("Chi ủy viên", ["Lường Danh Vọng", "Lò Văn Cường"]),
        ]


class LaterRecognitionTests(RecognizedFileCase):
    def test_a_recognition_ends_the_hand_entered_committee(self) -> None:
        record_incumbent_committee(
            unit=self.w.unit,
            data=committee(term_start=2018, term_end=2023, started_on=D(2018, 3, 1)),
            today=D(2023, 2, 1),
        )
        self.recognize()
        by_hand = Officer.objects.filter(unit=self.w.unit, step__isnull=True)
        assert by_hand.count() == 8 and {o.ended_on for o in by_hand} == {DECIDED}
        current = results.current_officers(self.w.unit.pk)
        assert current and all(o.step_id == self.step.pk for o in current)
        assert results.current_signer(self.w.unit.pk) == "Nguyễn Thị An"
        # the new committee's outgoing one is the hand-entered term
        outgoing = results.outgoing_committee(unit_id=self.w.unit.pk, before_term=2023)
        assert outgoing is not None and outgoing.term_start == 2018
        register = register_of(self.w.unit)
        assert [t.source for t in register.current] == [
            "quyết định công nhận số 125/QĐ-LĐLĐ ngày 01/03/2023"
        ]
        assert [(t.source, t.ended_on) for t in register.past] == [(f"ghi tay: {SOURCE}", DECIDED)]


class RegisterPageTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.url = reverse("season_officer_register", args=[cls.w.unit.pk])

    def post(self, **changes: str) -> object:
        data = {
            "term_start": "2022",
            "term_end": "2027",
            "started_on": "02/10/2022",
            "source": SOURCE,
            "chair": "Lường Danh Vọng",
            "vice_chairs": "Trần Văn Bình",
            "committee": "Lò Văn Cường",
            "inspection": "",
            "inspection_chair": "",
        }
        data.update(changes)
        with on(TODAY):
            return self.client.post(self.url, data, follow=True)

    def test_the_unit_records_its_committee_and_sees_it_first(self) -> None:
        self.client.force_login(self.w.officer)
        page = self.client.get(self.url)
        self.assertContains(page, "<h1>Sổ theo dõi cán bộ</h1>", html=True)
        self.assertContains(page, "Sổ chưa có Ban Chấp hành đương nhiệm.")
        self.assertContains(page, 'id="record-incumbents"')
        response = self.post()
        self.assertContains(
            response,
            "Đã ghi Ban Chấp hành đương nhiệm, nhiệm kỳ 2022 - 2027, vào sổ theo dõi cán bộ.",
        )
        self.assertContains(response, f"ghi tay: {SOURCE}")
        self.assertContains(response, "từ 02/10/2022 đến nay")
        self.assertContains(
            response,
            '<tr><th scope="row">Chủ tịch</th><td class="words">Lường Danh Vọng</td></tr>',
            html=True,
        )
        self.assertNotContains(response, 'id="record-incumbents"')
        assert Officer.objects.filter(unit=self.w.unit).count() == 5
        steps = self.client.get(reverse("season_unit_steps", args=[self.w.unit.pk]))
        self.assertContains(steps, f'href="{self.url}"')

    def test_a_refusal_shows_the_message_beside_the_field_and_keeps_nothing(self) -> None:
        self.client.force_login(self.w.officer)
        with on(TODAY):
            response = self.client.post(
                self.url, {"term_start": "2022", "term_end": "2022", "started_on": "02/10/2022"}
            )
        assert response.status_code == 400
        self.assertContains(
            response, "Nhiệm kỳ: năm kết thúc (2022) phải sau năm bắt đầu (2022).", status_code=400
        )
        self.assertContains(
            response, "Chủ tịch: ghi họ và tên Chủ tịch đương nhiệm.", status_code=400
        )
        assert not Officer.objects.exists()

    def test_the_permission_matrix(self) -> None:
        w = self.w
        sibling = reverse("season_officer_register", args=[w.sibling.pk])
        upper = reverse("season_officer_register", args=[w.province.pk])
        cases = [
            (w.officer, "GET", self.url, 200),
            (w.viewer, "GET", self.url, 200),
            (w.upper, "GET", self.url, 200),  # the levels above see and record for the unit
            (w.officer, "GET", sibling, 404),
            (w.officer, "POST", sibling, 404),
            (w.officer, "GET", upper, 404),  # not the level above
            (w.sibling_officer, "GET", self.url, 404),
            (w.sibling_officer, "POST", self.url, 404),
            (w.viewer, "POST", self.url, 403),
            (w.officer, "PUT", self.url, 405),
        ]
        for user, method, url, expected in cases:
            self.client.force_login(user)
            assert self.client.generic(method, url).status_code == expected, (user, method, url)
        self.client.logout()
        assert "?next=" in self.client.get(self.url)["Location"]
        assert not Officer.objects.exists()

    def test_the_viewer_sees_the_register_without_the_form(self) -> None:
        self.client.force_login(self.w.viewer)
        page = self.client.get(self.url)
        self.assertNotContains(page, 'id="record-incumbents"')

    def test_the_page_reads_the_register_in_a_fixed_number_of_queries(self) -> None:
        record_incumbent_committee(unit=self.w.unit, data=committee(), today=TODAY)
        self.client.force_login(self.w.officer)
        self.client.get(self.url)
        with self.assertNumQueries(4):  # session, user, unit, the register with its steps
            self.client.get(self.url)


class DemoRegisterTests(TestCase):
    def test_seed_000_s_chair_is_recorded_once_ended_on_the_congress_day(self) -> None:
        from daihoi.season.demo import load_demo_register
        from daihoi.units.demo import load_demo

        load_demo()
        assert load_demo_register() == 2
        assert load_demo_register() == 0  # idempotent
        unit = Officer.objects.get(role=OfficerRole.CHAIR).unit
        assert unit.code == "LC-SCT-VP" and results.current_officers(unit.pk) == []
        outgoing = results.outgoing_committee(unit_id=unit.pk, before_term=2017)
        assert outgoing is not None and outgoing.chaired("Lường Danh Vọng")
        assert register_of(unit).can_record  # the committee in office now is not known
