"""The Party chain in its own words (seed 003): a chi bộ's chi ủy and Bí thư, approved (chuẩn y)
by the đảng bộ, never the union's Chủ tịch, BCH or Mẫu 7b (daihoi.season.words).

The Đảng bộ plans its chi bộ (committee of 3, 1 delegate seat); the chi bộ's congress in daihoi
elects its chi ủy, its Bí thư at the congress (rules.md §3.1) and its delegate; the file is sent
from that record, found complete and approved.
"""

from __future__ import annotations

import io

import docx
from django.test import TestCase
from django.urls import reverse
from tests.season.record import D, named_delegates, party_entry, vote_by_phone
from tests.season.test_result_sheet import workbook

from daihoi.elections import services as election_services
from daihoi.elections.testing import build_hall, check_in
from daihoi.season import documents, errors, result_sheet, results, services, typed
from daihoi.season.errors import SeasonError
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


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([*(p.text for p in document.paragraphs), *cells])


class PartyWordsTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.entry = party_entry(term_start=2023, planned=None, seats=1, committee=3)
        cls.cell = cls.entry.unit
        plan = services.send_personnel_plan(
            entry=cls.entry, committee_size=3, note="", by=None, today=D(2023, 1, 5)
        )
        services.answer_step(
            step=plan, approve=True, reason="", answered_on=D(2023, 1, 10), by=None,
            today=D(2023, 1, 10),
        )  # fmt: skip
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


class WordsChoiceTests(TestCase):
    def test_a_party_cell_and_a_union_have_their_own_words(self) -> None:
        self.assertIs(words_of_kind(UnitKind.CHI_BO), PARTY_CELL)
        self.assertIs(words_of_kind(UnitKind.CDCS), UNION)
        self.assertEqual(str(words_of_kinds([UnitKind.CHI_BO, UnitKind.DANG_BO]).chair), "Bí thư")
        self.assertEqual(
            str(words_of_kinds([UnitKind.CHI_BO, UnitKind.DANG_BO]).committee), "Cấp ủy"
        )


class PartyTypedFileTests(TestCase):
    def test_a_chi_bos_typed_file_is_told_in_its_words(self) -> None:
        entry = party_entry(term_start=2023, planned=None, seats=1, committee=3)
        plan = services.send_personnel_plan(
            entry=entry, committee_size=3, note="", by=None, today=D(2023, 1, 5)
        )
        services.answer_step(
            step=plan, approve=True, reason="", answered_on=D(2023, 1, 10), by=None,
            today=D(2023, 1, 10),
        )  # fmt: skip
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

    def test_the_typed_file_page_names_the_chi_uy_and_its_bi_thu(self) -> None:
        entry = party_entry(term_start=2023, planned=None, seats=1, committee=3)
        self.client.force_login(build_world().superuser)
        page = self.client.get(reverse("season_send_typed_result", args=[entry.pk]))
        self.assertContains(page, "Chi ủy được duyệt: 3 ủy viên")
        self.assertContains(page, "quyết định chuẩn y")
        self.assertContains(page, "Chi ủy đã trúng cử")
        self.assertNotContains(page, "Chủ tịch")

    def test_a_chi_bos_workbook_names_its_bi_thu(self) -> None:
        entry = party_entry(term_start=2023, planned=None, seats=1, committee=3)
        plan = services.send_personnel_plan(
            entry=entry, committee_size=3, note="", by=None, today=D(2023, 1, 5)
        )
        services.answer_step(
            step=plan, approve=True, reason="", answered_on=D(2023, 1, 10), by=None,
            today=D(2023, 1, 10),
        )  # fmt: skip
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
