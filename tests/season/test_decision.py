"""The recognition decision (Mẫu 7b) issued by the upper level from a complete, recognized file."""

from __future__ import annotations

import pypdf
from django.test import TestCase
from django.urls import reverse
from tests.season.record import D, approved_plan, congress_with_results, season_entry
from tests.season.test_result_file import MEETING, docx_text
from tests.season.test_step_pages import on

from daihoi.season import documents, errors, results, services
from daihoi.season.errors import SeasonError
from daihoi.season.models import SeasonStep
from daihoi.units.testing import build_world

SENT = D(2023, 2, 20)
COMPLETE = D(2023, 2, 22)
DECIDED = D(2023, 3, 1)


class RecognizedFileCase(TestCase):
    """A result file sent from the congress record, to complete and recognize."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.entry = season_entry(cls.w)
        approved_plan(cls.w, cls.entry)
        cls.congress = congress_with_results(cls.w)
        cls.step = results.send_result_from_congress(
            entry=cls.entry, congress_id=cls.congress.pk, meeting=MEETING, note="",
            by=cls.w.officer, today=SENT,
        )  # fmt: skip

    def complete(self) -> SeasonStep:
        return services.answer_step(
            step=self.step, approve=True, reason="", answered_on=COMPLETE, by=self.w.upper,
            today=COMPLETE,
        )  # fmt: skip

    def recognize(self) -> SeasonStep:
        self.complete()
        return services.recognize(
            step=self.step, decision_number="125/QĐ-LĐLĐ", decided_on=DECIDED, by=self.w.upper,
            today=DECIDED,
        )  # fmt: skip


class DecisionTests(RecognizedFileCase):
    def test_the_decision_names_what_the_record_says(self) -> None:
        record = results.decision_record(self.recognize())
        text = docx_text(documents.decision_file(record, kind="docx"))
        assert "Số: 125/QĐ-LĐLĐ" in text
        assert "Lai Châu, ngày 01 tháng 3 năm 2023" in text
        assert "BAN THƯỜNG VỤ LIÊN ĐOÀN LAO ĐỘNG TỈNH LAI CHÂU" in text
        assert (
            "Xét Tờ trình ngày 20/02/2023 của Ban Chấp hành Công đoàn cơ sở Sở Công Thương" in text
        )
        assert (
            "Điều 1. Công nhận Ban Chấp hành Công đoàn cơ sở Sở Công Thương khóa V, nhiệm kỳ "
            "2023 - 2028 gồm 3 đồng chí (có danh sách kèm theo)."
        ) in text
        assert (
            "Điều 2. Công nhận đồng chí Nguyễn Thị An giữ chức Chủ tịch Công đoàn cơ sở Sở Công "
            "Thương; đồng chí Trần Văn Bình giữ chức Phó Chủ tịch."
        ) in text
        assert (
            "gồm 3 đồng chí (có danh sách kèm theo); đồng chí Lò Văn Cường giữ chức Chủ nhiệm"
            in text
        )
        assert "tên tại Điều 1, Điều 2 và Điều 3 căn cứ Quyết định thi hành" in text
        assert "- Như Điều 4;" in text
        assert "(Kèm theo Quyết định số 125/QĐ-LĐLĐ ngày 01/03/2023" in text
        assert "1 | Nguyễn Thị An | Chuyên viên, Văn phòng Sở | Chủ tịch" in text
        assert "3 | Lò Văn Cường | Chuyên viên, Văn phòng Sở | Ủy viên BCH, Chủ nhiệm UBKT" in text
        assert "2 | Hoàng Văn Nam |  | Ủy viên" in text
        assert "1 | Lò Văn Cường |  | Chủ nhiệm" in text

    def test_the_pdf_is_the_decision_and_its_list(self) -> None:
        import io

        record = results.decision_record(self.recognize())
        reader = pypdf.PdfReader(io.BytesIO(documents.decision_file(record, kind="pdf")))
        text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
        assert len(reader.pages) == 2
        assert "QUYẾT ĐỊNH" in text and "DANH SÁCH BAN CHẤP HÀNH, ỦY BAN KIỂM TRA" in text

    def test_no_decision_on_a_file_not_recognized(self) -> None:
        for step in (self.step, self.complete()):
            with self.assertRaises(SeasonError) as caught:
                results.decision_record(step)
            assert caught.exception.messages == [
                errors.RECOGNIZE_INCOMPLETE.format(
                    recognize="công nhận", status=step.get_status_display()
                )
            ]

    def test_recognition_of_a_file_sent_but_not_complete_is_refused(self) -> None:
        with self.assertRaises(SeasonError) as caught:
            services.recognize(
                step=self.step, decision_number="1/QĐ", decided_on=DECIDED, by=self.w.upper,
                today=DECIDED,
            )  # fmt: skip
        assert caught.exception.messages == [
            errors.RECOGNIZE_INCOMPLETE.format(recognize="công nhận", status="Đã gửi, chờ cấp trên")
        ]

    def test_a_typed_file_has_no_generated_decision(self) -> None:
        self.step.congress = None
        self.step.save(update_fields=["congress"])
        with self.assertRaises(SeasonError) as caught:
            results.decision_record(self.recognize())
        assert caught.exception.messages == [
            errors.DECISION_NEEDS_RECORD.format(recognize="công nhận", committee="Ban Chấp hành")
        ]

    def test_pages_the_unit_and_the_upper_level_download_it_with_the_deadline_shown(self) -> None:
        url = reverse("season_decision_file", args=[self.step.pk, "pdf"])
        self.client.force_login(self.w.upper)
        with on(DECIDED):
            refused = self.client.get(url, follow=True)
        self.assertContains(refused, "chỉ công nhận khi hồ sơ đã đủ")
        step = self.recognize()
        for user in (self.w.officer, self.w.upper):
            self.client.force_login(user)
            got = self.client.get(url)
            assert got.status_code == 200 and got["Content-Type"] == "application/pdf"
        self.client.force_login(self.w.sibling_officer)
        assert self.client.get(url).status_code == 404
        self.client.force_login(self.w.upper)
        with on(DECIDED):
            page = self.client.get(reverse("season_step", args=[step.pk]))
        deadline = services.recognition_deadline(step, today=DECIDED)
        assert deadline is not None and not deadline.overdue
        self.assertContains(page, deadline.explanation)
        self.assertContains(page, f'id="decision-{step.pk}"')
