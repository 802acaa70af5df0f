"""A result file typed by hand with its names, for a unit whose congress did not run in daihoi."""

from __future__ import annotations

import io

import docx
from django.test import TestCase
from django.urls import reverse
from tests.season.record import HELD, SENT, D, approved_plan, season_entry
from tests.season.test_step_pages import on

from daihoi.congresses.models import Delegate, DelegateKind
from daihoi.congresses.testing import make_congress
from daihoi.season import documents, errors, results, services, typed, upper
from daihoi.season.errors import SeasonError
from daihoi.season.models import Officer, OfficerRole, SeasonStep, StepKind, TypedName
from daihoi.season.typed import TypedResult
from daihoi.units.testing import build_world

DATA = TypedResult(
    held_on=HELD,
    number="khóa V",
    place="Lai Châu",
    committee="Nguyễn Thị An\nTrần Văn Bình\nLò Văn Cường",
    chair="Nguyễn Thị An",
    vice_chairs="Trần Văn Bình",
    inspection="Lò Văn Cường\nHoàng Văn Nam\nĐỗ Thị Lan",
    inspection_chair="Lò Văn Cường",
    delegates="Nguyễn Thị An\nLò Văn Cường",
    alternates="Phạm Thị Dung",
)


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += [" | ".join(c.text for c in row.cells) for row in table.rows]
    return "\n".join(lines)


class TypedResultTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.entry = season_entry(cls.w, seats=2, committee=3)
        approved_plan(cls.w, cls.entry)

    def send(self, data: TypedResult = DATA) -> SeasonStep:
        return typed.send_typed_result(
            entry=self.entry, data=data, note="", by=self.w.upper, today=SENT
        )

    def refused(self, **changes: object) -> list[str]:
        fields = {**DATA.__dict__, **changes}
        with self.assertRaises(SeasonError) as caught:
            self.send(TypedResult(**fields))  # type: ignore[arg-type]
        self.assertFalse(SeasonStep.objects.filter(kind=StepKind.RESULT).exists())
        self.assertFalse(TypedName.objects.exists())
        return caught.exception.messages

    def test_the_file_keeps_the_counts_and_the_names_in_order(self) -> None:
        step = self.send()
        self.assertEqual((step.committee_size, step.delegates_elected), (3, 2))
        self.assertIsNone(step.congress_id)
        names = typed.typed_names(step)
        self.assertEqual(names["du-khuyet"], ["Phạm Thị Dung"])
        self.assertEqual(names[OfficerRole.COMMITTEE][2], "Lò Văn Cường")

    def test_a_committee_larger_than_approved_is_refused_with_the_numbers(self) -> None:
        messages = self.refused(committee=DATA.committee + "\nPhạm Thị Dung")
        self.assertIn(
            errors.SIZE_OVER_APPROVED.format(committee="BCH", size=4, approved=3), messages
        )

    def test_more_delegates_than_allocated_is_refused(self) -> None:
        messages = self.refused(delegates=DATA.delegates + "\nTrần Văn Bình")
        self.assertTrue(any("3" in m and "2" in m and "Số đại biểu" in m for m in messages))

    def test_the_officers_must_be_in_the_committee_and_the_inspection(self) -> None:
        messages = self.refused(chair="Hoàng Văn Nam", inspection_chair="Vũ Văn Hải")
        self.assertIn(
            errors.TYPED_NOT_IN_COMMITTEE.format(
                label="Chủ tịch", name="Hoàng Văn Nam", count=3, committee="Ban Chấp hành"
            ),
            messages,
        )
        self.assertIn(errors.TYPED_NOT_IN_INSPECTION.format(name="Vũ Văn Hải"), messages)

    def test_a_name_twice_and_no_chair_are_refused(self) -> None:
        messages = self.refused(committee="An\nan\nBình", chair="")
        self.assertIn(errors.TYPED_TWICE.format(label="Ban Chấp hành", name="an"), messages)
        self.assertIn(errors.TYPED_CHAIR_ONE.format(chair="Chủ tịch", count=0), messages)

    def test_recognized_it_gives_the_decision_and_the_officer_register(self) -> None:
        step = self.send()
        services.answer_step(
            step=step, approve=True, reason="", answered_on=SENT, by=self.w.upper, today=SENT
        )
        services.recognize(
            step=step, decision_number="125/QĐ-LĐLĐ", decided_on=D(2023, 2, 24),
            by=self.w.upper, today=D(2023, 2, 24),
        )  # fmt: skip
        step.refresh_from_db()
        text = docx_text(documents.decision_file(results.decision_record(step), kind="docx"))
        self.assertIn("Nguyễn Thị An", text)
        self.assertIn("Chủ nhiệm", text)
        self.assertIn("khóa V", text)
        chair = Officer.objects.get(unit=self.w.unit, role=OfficerRole.CHAIR)
        self.assertEqual((chair.full_name, chair.started_on), ("Nguyễn Thị An", D(2023, 2, 24)))
        self.assertEqual(
            Officer.objects.filter(unit=self.w.unit, role=OfficerRole.COMMITTEE).count(), 3
        )

    def test_each_persons_profile_follows_the_name_and_reaches_the_decision(self) -> None:
        step = self.send(
            TypedResult(
                **{
                    **DATA.__dict__,
                    "committee": "Nguyễn Thị An; 1980; Nữ; đảng viên; Chuyên viên Văn phòng Sở\n"
                    "Trần Văn Bình; Nam; 1995\nLò Văn Cường; 1988; Nam",
                }
            )
        )
        an = TypedName.objects.get(step=step, role=OfficerRole.COMMITTEE, full_name="Nguyễn Thị An")
        self.assertEqual(
            (an.birth_year, an.gender, an.is_party_member, an.position),
            (1980, "Nữ", True, "Chuyên viên Văn phòng Sở"),
        )
        # Not typed: counted from the profiles (born 1995: under 35 in 2023; 1988 is 35).
        self.assertEqual((step.women, step.young), (1, 1))
        services.answer_step(
            step=step, approve=True, reason="", answered_on=SENT, by=self.w.upper, today=SENT
        )
        services.recognize(
            step=step, decision_number="125/QĐ-LĐLĐ", decided_on=D(2023, 2, 24),
            by=self.w.upper, today=D(2023, 2, 24),
        )  # fmt: skip
        step.refresh_from_db()
        text = docx_text(documents.decision_file(results.decision_record(step), kind="docx"))
        self.assertIn("Nguyễn Thị An | Chuyên viên Văn phòng Sở | Chủ tịch", text)
        self.client.force_login(self.w.upper)  # the pages offer the decision of a typed file too
        page = self.client.get(reverse("season_step", args=[step.pk]))
        self.assertContains(page, reverse("season_decision_file", args=[step.pk, "docx"]))

    def test_a_birth_year_that_is_no_year_is_refused_with_its_line(self) -> None:
        messages = self.refused(committee="Nguyễn Thị An\nTrần Văn Bình; 75\nLò Văn Cường")
        self.assertIn(
            errors.TYPED_YEAR.format(
                label="Ban Chấp hành", line=2, value="75", low=1900, high=2100
            ),
            messages,
        )

    def test_its_delegates_go_to_the_upper_congress(self) -> None:
        self.send()
        congress = make_congress(self.w.province, on=D(2023, 4, 10))
        season = self.entry.season
        upper.set_upper_congress(season=season, congress_id=congress.pk)
        line = upper.preview(season).lines[0]
        self.assertEqual([p.name for p in line.officials], ["Nguyễn Thị An", "Lò Văn Cường"])
        upper.replace_official(
            entry=self.entry, official="Lò Văn Cường", decision="QĐ số 3/QĐ-BTV",
            decided_on=D(2023, 4, 1), by=self.w.upper, today=D(2023, 4, 2),
        )  # fmt: skip
        upper.build_upper_list(season=season)
        found = set(
            Delegate.objects.filter(congress=congress, kind=DelegateKind.ELECTED).values_list(
                "full_name", flat=True
            )
        )
        self.assertEqual(found, {"Nguyễn Thị An", "Phạm Thị Dung"})


class TypedResultPageTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.entry = season_entry(cls.w, seats=2, committee=3)
        approved_plan(cls.w, cls.entry)
        cls.url = reverse("season_send_typed_result", args=[cls.entry.pk])

    def form(self, **values: str) -> dict[str, str]:
        return {
            "held_on": "15/02/2023", "number": "khóa V", "place": "Lai Châu",
            "committee": "Nguyễn Thị An\nTrần Văn Bình\nLò Văn Cường", "chair": "Nguyễn Thị An",
            "vice_chairs": "", "inspection": "", "inspection_chair": "",
            "delegates": "Nguyễn Thị An", "alternates": "", "note": "",
        } | values  # fmt: skip

    def test_the_upper_level_enters_the_results_for_the_unit(self) -> None:
        self.client.force_login(self.w.upper)
        self.assertContains(self.client.get(self.url), 'id="typed-result"')
        with on(SENT):
            response = self.client.post(self.url, self.form())
        self.assertRedirects(response, reverse("season_unit_steps", args=[self.w.unit.pk]))
        step = SeasonStep.objects.get(kind=StepKind.RESULT)
        self.assertEqual(step.sent_by, self.w.upper)

    def test_a_refused_file_names_the_field_keeps_the_input_and_writes_nothing(self) -> None:
        self.client.force_login(self.w.officer)
        with on(SENT):
            response = self.client.post(self.url, self.form(chair="Hoàng Văn Nam"))
        self.assertContains(response, "không có trong danh sách 3 ủy viên", status_code=400)
        self.assertContains(response, "Lò Văn Cường", status_code=400)
        self.assertFalse(SeasonStep.objects.filter(kind=StepKind.RESULT).exists())

    def test_a_sibling_gets_404_and_a_reader_403(self) -> None:
        self.client.force_login(self.w.sibling_officer)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertEqual(self.client.post(self.url, self.form()).status_code, 404)
        self.client.force_login(self.w.viewer)
        self.assertEqual(self.client.post(self.url, self.form()).status_code, 403)
        self.assertFalse(SeasonStep.objects.filter(kind=StepKind.RESULT).exists())

    def test_the_board_offers_the_upper_level_to_enter_the_results(self) -> None:
        self.client.force_login(self.w.upper)
        board = self.client.get(reverse("season_board", args=[self.entry.season_id]))
        self.assertContains(board, self.url)
