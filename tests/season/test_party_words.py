"""The Party chain in its own words (seed 003): a chi bộ's chi ủy and Bí thư, approved (chuẩn y)
by the đảng bộ, never the union's Chủ tịch, BCH or Mẫu 7b (daihoi.season.words).

The Đảng bộ plans its chi bộ (committee of 3, 1 delegate seat); the chi bộ's congress in daihoi
elects its chi ủy, its Bí thư at the congress (rules.md §3.1) and its delegate; the file is sent
from that record, found complete and approved.
"""

from __future__ import annotations

import io
from typing import Any

import docx
import openpyxl
from django.test import TestCase
from django.urls import reverse
from tests.season.record import D, named_delegates, party_entry, season_entry, vote_by_phone
from tests.season.test_result_sheet import workbook

from daihoi.congresses.models import Delegate
from daihoi.congresses.testing import make_congress
from daihoi.elections import services as election_services
from daihoi.elections.testing import build_hall, check_in
from daihoi.season import documents, errors, forms, result_sheet, results, services, typed, upper
from daihoi.season.errors import SeasonError
from daihoi.season.models import Officer, OfficerRole
from daihoi.season.results import MeetingData
from daihoi.season.typed import TypedResult, send_typed_result
from daihoi.season.words import PARTY_CELL, UNION, words_of_kind, words_of_kinds
from daihoi.units.models import UnitKind
from daihoi.units.testing import build_world

ELECTIONS = (
    ("bch", 3, {"Nguyễn Thị An": 9, "Trần Văn Bình": 8, "Lò Văn Cường": 7, "Phạm Thị Dung": 6}),
    ("bi-thu", 1, {"Nguyễn Thị An": 8, "Trần Văn Bình": 2}),
    ("dai-bieu", 1, {"Nguyễn Thị An": 7, "Lò Văn Cường": 3}),
)
UNION_WORDS = ("Chủ tịch", "BCH", "Ban Thường vụ", "Mẫu 7b", "38/HD-TLĐ", "công nhận", "đoàn viên")


def approved_party_entry() -> Any:
    """The chi bộ's line of the Đảng bộ's plan (committee of 3, 1 seat), its plan approved."""
    entry = party_entry(term_start=2023, planned=None, seats=1, committee=3)
    plan = services.send_personnel_plan(
        entry=entry, committee_size=3, note="", by=None, today=D(2023, 1, 5)
    )
    services.answer_step(
        step=plan, approve=True, reason="", answered_on=D(2023, 1, 10), by=None,
        today=D(2023, 1, 10),
    )  # fmt: skip
    return entry


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([*(p.text for p in document.paragraphs), *cells])


class PartyWordsTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.entry = approved_party_entry()
        cls.cell = cls.entry.unit
        hall = build_hall(cls.cell, delegates=6)
        people = named_delegates(hall.congress)
        for person in people.values():
            check_in(person)
        voters = [*hall.delegates, *people.values()]
        cls.congress = hall.congress
        for kind, seats, votes in ELECTIONS:
            election = election_services.create_election(
                congress=cls.congress, kind=kind, title=f"Bầu {kind}", seats=seats
            )
            for name in votes:
                election_services.add_candidate(election=election, delegate=people[name])
            vote_by_phone(cls.congress, cls.w.superuser, election, votes, voters)
        cls.refused = []
        for meeting in (
            MeetingData(held_on=None, present=1),
            MeetingData(held_on=D(2023, 3, 1), present=4, vice_chairs="Trần Văn Bình: 3"),
        ):
            try:
                results.send_result_from_congress(
                    entry=cls.entry, congress_id=cls.congress.pk, meeting=meeting, note="",
                    by=None, today=D(2023, 2, 20),
                )  # fmt: skip
            except SeasonError as refused:
                cls.refused += refused.messages
            else:
                raise AssertionError("a first meeting without quorum was accepted")
        cls.step = results.send_result_from_congress(
            entry=cls.entry,
            congress_id=cls.congress.pk,
            meeting=MeetingData(held_on=D(2023, 2, 16), present=3, vice_chairs="Trần Văn Bình: 3"),
            note="",
            by=None,
            today=D(2023, 2, 20),
        )
        services.answer_step(
            step=cls.step, approve=True, reason="", answered_on=D(2023, 2, 21), by=None,
            today=D(2023, 2, 21),
        )  # fmt: skip
        services.recognize(
            step=cls.step, decision_number="15-QĐ/ĐU", decided_on=D(2023, 2, 24), by=None,
            today=D(2023, 2, 24),
        )  # fmt: skip
        cls.step.refresh_from_db()
        # The Đảng bộ's own congress, its outgoing Ban Chấp hành Đảng bộ attending ex officio.
        cls.party = cls.entry.season.unit
        cls.upper_congress = make_congress(cls.party, on=D(2023, 5, 10))
        upper.set_upper_congress(season=cls.entry.season, congress_id=cls.upper_congress.pk)
        for n, name in enumerate(("Hoàng Văn Thư", "Vũ Văn Hải")):
            Officer.objects.create(
                unit=cls.party, role=OfficerRole.COMMITTEE, full_name=name, term_start=2018,
                term_end=2023, started_on=D(2018, 6, 1), order=n,
            )  # fmt: skip
        upper.build_upper_list(season=cls.entry.season)

    def test_the_secretary_elected_at_the_congress_heads_the_file(self) -> None:
        self.assertEqual(self.step.chair_name, "Nguyễn Thị An")
        record = results.record_of(self.step)
        assert record is not None
        self.assertEqual(record.chair, "Nguyễn Thị An")
        self.assertEqual(record.office_of("Nguyễn Thị An"), "Bí thư")
        self.assertEqual(record.office_of("Lò Văn Cường"), "Chi ủy viên")

    def test_the_result_file_says_chi_uy_and_bi_thu(self) -> None:
        record = results.record_of(self.step)
        assert record is not None
        text = docx_text(documents.result_file(record, kind="docx"))
        for said in (
            "Về việc đề nghị chuẩn y Chi ủy, Bí thư, Phó Bí thư Chi bộ Trung tâm Công tác xã hội",
            "Đại hội đã bầu Chi ủy khóa mới gồm 3 đồng chí",
            "Đại hội đã bầu trực tiếp đồng chí Nguyễn Thị An giữ chức Bí thư.",
            "Đồng chí Trần Văn Bình giữ chức Phó Bí thư.",
            "Số ủy viên Chi ủy: 3",
            "TM. CHI BỘ",
            "BÍ THƯ",
        ):
            self.assertIn(said, text)
        papers = text.split("BIÊN BẢN KIỂM PHIẾU")[0]  # the minutes are the elections app's
        for union in UNION_WORDS:
            self.assertNotIn(union, papers)

    def test_the_decision_is_the_party_committees_approval(self) -> None:
        record = results.decision_record(self.step)
        text = docx_text(documents.decision_file(record, kind="docx", signer="Lê Văn Ủy"))
        for said in (
            "Về việc chuẩn y Chi ủy, Bí thư, Phó Bí thư Chi bộ Trung tâm Công tác xã hội",
            "BAN CHẤP HÀNH ĐẢNG BỘ SỞ LAO ĐỘNG - TB&XH",
            "Điều 1. Chuẩn y Chi ủy Chi bộ Trung tâm Công tác xã hội",
            "Điều 2. Chuẩn y đồng chí Nguyễn Thị An giữ chức Bí thư",
            "đồng chí Trần Văn Bình giữ chức Phó Bí thư",
            "TM. BAN CHẤP HÀNH",
            "DANH SÁCH CHI ỦY",
        ):
            self.assertIn(said, text)
        for union in UNION_WORDS:
            self.assertNotIn(union, text)

    def test_the_pages_say_bi_thu_and_chuan_y(self) -> None:
        self.client.force_login(self.w.superuser)
        steps = self.client.get(f"/don-vi/{self.cell.pk}/dai-hoi-cac-cap/").content.decode()
        self.assertIn("Quyết định chuẩn y", steps)
        self.assertIn("Bí thư: <strong>Nguyễn Thị An</strong>", steps)
        self.assertNotIn("Mẫu 7b", steps)
        board = self.client.get(f"/mua-dai-hoi/{self.entry.season_id}/bang-theo-doi/")
        self.assertContains(board, "Bí thư: Nguyễn Thị An")
        self.assertContains(board, "chi ủy 3/3")

    def test_the_first_meeting_is_the_chi_uys_in_its_messages_and_labels(self) -> None:
        said = {"committee": "chi ủy"}
        self.assertEqual(
            self.refused,
            [
                errors.MEETING_HELD_REQUIRED.format(**said),
                errors.MEETING_NO_QUORUM.format(**said, present=1, size=3),
                errors.MEETING_IN_FUTURE.format(**said, held="01/03/2023", today="20/02/2023"),
                errors.MEETING_PRESENT_OVER.format(**said, present=4, size=3),
            ],
        )
        self.assertEqual(self.refused[0], "Ngày hội nghị chi ủy lần thứ nhất: nhập ngày hội nghị.")
        for union in UNION_WORDS:
            self.assertNotIn(union, " ".join(self.refused))
        form = forms.CongressResultForm(words=PARTY_CELL)
        labels = [str(field.label) for field in form.fields.values()]
        self.assertIn("Ngày hội nghị chi ủy lần thứ nhất", labels)
        self.assertIn("Số ủy viên chi ủy có mặt tại hội nghị", labels)
        self.assertIn("Bí thư (bỏ trống nếu Đại hội bầu trực tiếp)", labels)
        for union in UNION_WORDS:
            self.assertNotIn(union, " ".join(labels))
        union = [str(f.label) for f in forms.CongressResultForm(words=UNION).fields.values()]
        self.assertIn("Số ủy viên BCH có mặt tại hội nghị", union)

    def test_the_recorded_approval_and_its_refusals_say_chuan_y(self) -> None:
        self.client.force_login(self.w.superuser)
        said = "Quyết định chuẩn y số 15-QĐ/ĐU ngày 24/02/2023"
        steps = self.client.get(reverse("season_unit_steps", args=[self.cell.pk]))
        self.assertContains(steps, said)
        self.assertContains(self.client.get(reverse("season_step", args=[self.step.pk])), said)
        with self.assertRaises(SeasonError) as twice:
            services.recognize(
                step=self.step, decision_number="16-QĐ/ĐU", decided_on=D(2023, 2, 25), by=None,
                today=D(2023, 2, 25),
            )  # fmt: skip
        self.assertTrue(twice.exception.messages[0].startswith("Quyết định chuẩn y: hồ sơ"))
        form = forms.RecognizeForm(words=PARTY_CELL)
        self.assertEqual(str(form.fields["decision_number"].label), "Số quyết định chuẩn y")
        self.assertEqual(
            errors.DECISION_NUMBER_REQUIRED.format(
                recognize=PARTY_CELL.recognize, example=PARTY_CELL.decision_example
            ),
            "Số quyết định: nhập số quyết định chuẩn y (ví dụ 15-QĐ/ĐU).",
        )

    def test_the_board_and_the_step_say_da_chuan_y(self) -> None:
        self.client.force_login(self.w.superuser)
        board = self.client.get(reverse("season_board", args=[self.entry.season_id]))
        self.assertContains(board, "Đã chuẩn y (1)")
        self.assertContains(board, "<strong>Đã chuẩn y</strong>", html=True)
        self.assertContains(board, "1/1 đã đại hội (100,0%), 1 đã chuẩn y")
        step = self.client.get(reverse("season_step", args=[self.step.pk]))
        self.assertContains(step, '<span class="tag">Đã chuẩn y</span>', html=True)
        self.assertEqual(self.step.status_label, "Đã chuẩn y")
        excel = self.client.get(reverse("season_board_excel", args=[self.entry.season_id]))
        header = list(openpyxl.load_workbook(io.BytesIO(excel.content)).active.iter_rows())[1]
        said = [str(c.value) for c in header]
        for word in ("Ủy viên chi ủy đã bầu", "Bí thư", "Số quyết định chuẩn y", "Trạng thái"):
            self.assertIn(word, said)
        for union in UNION_WORDS:
            self.assertNotIn(union, " ".join(said))
        seasons = self.client.get(reverse("season_list", args=[self.party.pk]))
        self.assertContains(seasons, "số đại biểu phân bổ và số ủy viên cấp ủy cho từng đơn vị")

    def test_the_dang_bos_outgoing_committee_attends_in_its_words(self) -> None:
        found = {d.full_name: d for d in Delegate.objects.filter(congress=self.upper_congress)}
        self.assertEqual(set(found), {"Nguyễn Thị An", "Hoàng Văn Thư", "Vũ Văn Hải"})
        note = "Ủy viên Ban Chấp hành Đảng bộ khóa đương nhiệm"
        self.assertEqual(upper.EX_OFFICIO_NOTE.format(committee="Ban Chấp hành Đảng bộ"), note)
        self.assertEqual(
            [(found[n].origin_note, found[n].position) for n in ("Hoàng Văn Thư", "Vũ Văn Hải")],
            [(note, "Đảng ủy viên"), (note, "Đảng ủy viên")],
        )
        self.client.force_login(self.w.superuser)
        page = self.client.get(reverse("season_upper", args=[self.entry.season_id]))
        self.assertContains(page, "Đại biểu đương nhiên (Ban Chấp hành Đảng bộ khóa đương nhiệm)")
        self.assertNotContains(page, "Chủ tịch")

    def test_the_chi_bos_workbook_speaks_its_words(self) -> None:
        out = io.BytesIO()
        result_sheet.write_template(self.entry, out)
        book = openpyxl.load_workbook(io.BytesIO(out.getvalue()))
        headers = [c.value for c in book.worksheets[0][1]]
        self.assertEqual(headers[4:6], ["Chi ủy viên", "Chức vụ trong chi ủy"])
        text = "\n".join(
            str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row
            if c.value is not None
        )  # fmt: skip
        for said in (
            "Ghi x nếu trúng cử Chi ủy.",
            "Bí thư hoặc Phó Bí thư, do Đại hội hoặc hội nghị chi ủy lần thứ nhất bầu",
            "Chi ủy được duyệt 3 ủy viên",
            "năm sinh của các ủy viên chi ủy.",
        ):
            self.assertIn(said, text)
        for union in (*UNION_WORDS, "Ban Chấp hành"):
            self.assertNotIn(union, text)
        prompts = " ".join(
            v.prompt or "" for v in book.worksheets[0].data_validations.dataValidation
        )
        self.assertIn("Chọn: Bí thư, Phó Bí thư.", prompts)


class WordsChoiceTests(TestCase):
    def test_a_party_cell_and_a_union_have_their_own_words(self) -> None:
        self.assertIs(words_of_kind(UnitKind.CHI_BO), PARTY_CELL)
        self.assertIs(words_of_kind(UnitKind.CDCS), UNION)
        self.assertEqual(str(words_of_kinds([UnitKind.CHI_BO, UnitKind.DANG_BO]).chair), "Bí thư")
        self.assertEqual(
            str(words_of_kinds([UnitKind.CHI_BO, UnitKind.DANG_BO]).committee), "Cấp ủy"
        )


class PartyTypedFileTests(TestCase):
    def test_a_chi_bos_committee_size_is_refused_as_the_chi_uys(self) -> None:
        entry = party_entry(term_start=2023, planned=None, seats=1, committee=3)
        with self.assertRaises(SeasonError) as over:
            services.send_personnel_plan(
                entry=entry, committee_size=4, note="", by=None, today=D(2023, 1, 5)
            )
        self.assertEqual(
            over.exception.messages,
            ["Số ủy viên chi ủy: 4 ủy viên là nhiều hơn 3 ủy viên cấp trên đã duyệt."],
        )

    def test_a_chi_bos_typed_file_is_told_in_its_words(self) -> None:
        entry = approved_party_entry()
        data = TypedResult(
            held_on=D(2023, 2, 15), committee="Nguyễn Thị An", vice_chairs="Lê Văn Dự"
        )
        with self.assertRaises(SeasonError) as caught:
            send_typed_result(entry=entry, data=data, note="", by=None, today=D(2023, 2, 20))
        self.assertIn(
            errors.TYPED_CHAIR_ONE.format(chair="Bí thư", count=0), caught.exception.messages
        )
        self.assertIn(
            errors.TYPED_NOT_IN_COMMITTEE.format(
                label="Phó Bí thư", name="Lê Văn Dự", count=1, committee="Chi ủy"
            ),
            caught.exception.messages,
        )

    def test_a_chi_bos_typed_file_approved_registers_its_head_as_bi_thu(self) -> None:
        entry = approved_party_entry()
        data = TypedResult(
            held_on=D(2023, 2, 15), committee="Nguyễn Thị An\nTrần Văn Bình\nLò Văn Cường",
            chair="Nguyễn Thị An", vice_chairs="Trần Văn Bình", delegates="Lò Văn Cường",
        )  # fmt: skip
        step = send_typed_result(entry=entry, data=data, note="", by=None, today=D(2023, 2, 20))
        services.answer_step(
            step=step, approve=True, reason="", answered_on=D(2023, 2, 21), by=None,
            today=D(2023, 2, 21),
        )  # fmt: skip
        services.recognize(
            step=step, decision_number="15-QĐ/ĐU", decided_on=D(2023, 2, 24), by=None,
            today=D(2023, 2, 24),
        )  # fmt: skip
        head = Officer.objects.get(unit=entry.unit, role=OfficerRole.SECRETARY)
        self.assertEqual(head.full_name, "Nguyễn Thị An")
        self.assertFalse(Officer.objects.filter(unit=entry.unit, role=OfficerRole.CHAIR).exists())
        # So the next congress's report can say she was the Bí thư of the term before.
        outgoing = results.outgoing_committee(unit_id=entry.unit_id, before_term=2028)
        assert outgoing is not None
        self.assertTrue(outgoing.led_cell("Nguyễn Thị An"))
        self.assertFalse(outgoing.chaired("Nguyễn Thị An"))

    def test_the_typed_file_page_names_the_chi_uy_and_its_bi_thu(self) -> None:
        entry = party_entry(term_start=2023, planned=None, seats=1, committee=3)
        self.client.force_login(build_world().superuser)
        page = self.client.get(reverse("season_send_typed_result", args=[entry.pk]))
        self.assertContains(page, "Chi ủy được duyệt: 3 ủy viên")
        self.assertContains(page, "quyết định chuẩn y")
        self.assertContains(page, "Chi ủy đã trúng cử")
        self.assertNotContains(page, "Chủ tịch")

    def test_a_chi_bos_workbook_names_its_bi_thu(self) -> None:
        entry = approved_party_entry()
        rows = [
            ("Nguyễn Thị An", "Nữ", 1980, "x", "Bí thư", "", "Chính thức"),
            ("Trần Văn Bình", "Nam", 1975, "x", "Phó Bí thư", "", ""),
            ("Lò Văn Cường", "Nam", 1988, "x", "", "", ""),
        ]
        content = workbook(rows, entry=entry)
        step = result_sheet.import_result_sheet(
            entry=entry, source=io.BytesIO(content), name="ket-qua.xlsx", size=len(content),
            held_on=D(2023, 2, 15), number="", place="", note="", by=None, today=D(2023, 2, 20),
        )  # fmt: skip
        self.assertEqual(step.chair_name, "Nguyễn Thị An")
        self.assertEqual(typed.typed_names(step)["pho-chu-tich"], ["Trần Văn Bình"])

    def test_a_chi_bos_file_from_the_union_template_still_reads(self) -> None:
        entry = approved_party_entry()
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append([c.header for c in result_sheet.COLUMNS])  # "Ủy viên BCH", "Chức vụ trong BCH"
        for n, row in enumerate(
            (
                ("Nguyễn Thị An", "Nữ", 1980, "x", "Bí thư", "", "Chính thức"),
                ("Trần Văn Bình", "Nam", 1975, "x", "", "", ""),
                ("Lò Văn Cường", "Nam", 1988, "", "Phó Bí thư", "", ""),
            ),
            start=1,
        ):
            sheet.append((n, *row))
        content = io.BytesIO()
        book.save(content)
        with self.assertRaises(SeasonError) as caught:
            result_sheet.import_result_sheet(
                entry=entry, source=io.BytesIO(content.getvalue()), name="ket-qua.xlsx",
                size=len(content.getvalue()), held_on=D(2023, 2, 15), number="", place="",
                note="", by=None, today=D(2023, 2, 20),
            )  # fmt: skip
        # Read by its old headers; the row is told in the chi bộ's words and column.
        self.assertEqual(
            caught.exception.messages,
            [
                "Dòng 4, cột F (Chức vụ trong chi ủy): "
                + result_sheet.OFFICE_NOT_IN_COMMITTEE.format(
                    name="Lò Văn Cường", office="Phó Bí thư", committee="chi ủy",
                    column="Chi ủy viên",
                )
            ],
        )  # fmt: skip


class UnionWorkbookTests(TestCase):
    def test_the_unions_workbook_keeps_its_headers(self) -> None:
        w = build_world()
        entry = season_entry(w, seats=2, committee=3)
        out = io.BytesIO()
        result_sheet.write_template(entry, out)
        book = openpyxl.load_workbook(io.BytesIO(out.getvalue()))
        headers = [c.value for c in book.worksheets[0][1]]
        self.assertEqual(headers, [c.header for c in result_sheet.COLUMNS])
        self.assertEqual(headers[4:6], ["Ủy viên BCH", "Chức vụ trong BCH"])
        helps = [str(c.value) for row in book.worksheets[1].iter_rows() for c in row if c.value]
        self.assertIn("Ghi x nếu trúng cử Ban Chấp hành.", helps)
        self.assertIn("• " + result_sheet.APPROVED.format(
            unit=entry.unit.name, season=entry.season.name, committee="Ban Chấp hành",
            approved=3, seats=2,
        ), helps)  # fmt: skip
        self.assertNotIn("chi ủy", " ".join(helps))
