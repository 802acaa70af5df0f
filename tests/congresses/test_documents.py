"""The credentials report (figures, .docx and .pdf) and the delegate cards PDF."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import unicodedata
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pypdf
from django.tasks import TaskResultStatus
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from daihoi.background import services as background
from daihoi.congresses import cards, report, services
from daihoi.congresses.models import CardBatch, CardsStatus, DelegateKind, OrganKind, Presence
from daihoi.congresses.report import Person, credentials_figures
from daihoi.congresses.services import DelegateData
from daihoi.congresses.testing import add_guest, make_congress
from daihoi.units.models import Education, Gender
from daihoi.units.testing import build_world

MEDIA = tempfile.mkdtemp(prefix="daihoi-test-cards-")


def person(name: str, **kw: object) -> Person:
    values: dict[str, object] = {"kind": DelegateKind.ELECTED, "presence": Presence.PRESENT}
    values.update(kw)
    return Person(name, **values)  # type: ignore[arg-type]


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    text = " ".join(p.extract_text() or "" for p in reader.pages)
    return " ".join(unicodedata.normalize("NFC", text).replace("\u00a0", " ").split())


def read_codes(content: bytes) -> list[Any]:
    """Decode the barcodes on a PDF's first page, rendered at 200 dpi, as a phone would."""
    import zxingcpp
    from PIL import Image

    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            ["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", "-", f"{folder}/p"],
            input=content,
            check=True,
        )
        with Image.open(next(Path(folder).glob("p*.png"))) as image:
            return list(zxingcpp.read_barcodes(image))


def test_figures_count_those_present_and_leave_guests_out() -> None:
    people = [
        person("Lò Thị Xuân", gender=Gender.NU, ethnicity="Thái", is_party_member=True,
               birth_date=date(1970, 5, 2), education=Education.THAC_SI),
        person("Nguyễn Văn An", gender=Gender.NAM, ethnicity="Kinh", birth_date=date(1998, 1, 1),
               education=Education.DAI_HOC, kind=DelegateKind.APPOINTED),
        person("Trần Thị Bình", gender=Gender.NU, presence=Presence.ABSENT, absence_reason="Ốm"),
        person("Phạm Thị Thơ", gender=Gender.NU, kind=DelegateKind.GUEST),
    ]  # fmt: skip
    figures = credentials_figures(people, on=date(2023, 2, 15))
    assert (figures.summoned, figures.present, figures.guests) == (3, 2, 1)
    rows = {row.label: (row.count, row.percent) for row in figures.makeup}
    assert rows["Nữ"] == (1, "50,0%")
    assert rows["Dân tộc thiểu số"] == (1, "50,0%")
    assert rows["Trình độ sau đại học"] == (1, "50,0%")
    assert rows["Trình độ đại học, cao đẳng"] == (1, "50,0%")
    assert "Khu vực hành chính sự nghiệp" not in rows  # not recorded: not printed
    assert (figures.oldest.name, figures.oldest.years) == ("Lò Thị Xuân", 52)
    assert (figures.youngest.name, figures.youngest.years) == ("Nguyễn Văn An", 25)
    assert [(k.label, k.summoned, k.present) for k in figures.kinds] == [
        ("Chính thức bầu", 2, 1),
        ("Chính thức chỉ định", 1, 1),
    ]
    assert [p.full_name for p in figures.absent] == ["Trần Thị Bình"]


DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@override_settings(MEDIA_ROOT=MEDIA)
class DocumentTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.congress = make_congress(cls.w.unit)
        for n, (name, gender) in enumerate(
            [("Lường Danh Vọng", "nam"), ("Nguyễn Thị Bình", "nu"), ("Vừ A Tiến", "nam")]
        ):
            services.add_delegate(
                congress=cls.congress,
                data=DelegateData(
                    full_name=name,
                    kind=DelegateKind.ELECTED,
                    gender=gender,
                    birth_date=date(1970 + 10 * n, 1, 1),
                    ethnicity=["Thái", "Kinh", "Mông"][n],
                ),
            )
        cls.guest = add_guest(cls.congress)
        for delegate in cls.congress.delegates.voting()[:2]:
            services.check_in(congress=cls.congress, delegate=delegate)
        organ = cls.congress.organs.get(kind=OrganKind.BAN_THAM_TRA)
        head = cls.congress.delegates.get(full_name="Nguyễn Thị Bình")
        services.add_organ_member(organ=organ, delegate=head, role="truong-ban")

    @classmethod
    def tearDownClass(cls) -> None:
        super().tearDownClass()
        shutil.rmtree(MEDIA, ignore_errors=True)

    def test_the_pdf_report_says_the_figures_and_is_signed_by_the_head(self) -> None:
        text = pdf_text(report.credentials_report(self.congress, kind="pdf"))
        assert "BAN THẨM TRA TƯ CÁCH ĐẠI BIỂU" in text
        assert "Tổng số đại biểu được triệu tập: 3 đồng chí, trong đó: đại biểu được bầu 3." in text
        assert "Số đại biểu có mặt: 2 đồng chí, đạt 66,7% số được triệu tập." in text
        assert "chưa đủ điều kiện tiến hành đại hội (cần ít nhất 2)" not in text
        assert "đủ điều kiện tiến hành đại hội" in text
        assert "Nguyễn Thị Bình" in text.rsplit("TRƯỞNG BAN", 1)[1]

    def test_the_report_says_the_departed_are_among_the_absent_so_figures_add_up(self) -> None:
        left = self.congress.delegates.get(full_name="Lường Danh Vọng")
        services.check_in(congress=self.congress, delegate=left)
        services.check_out(delegate=left)
        text = pdf_text(report.credentials_report(self.congress, kind="pdf"))
        assert "Tổng số đại biểu được triệu tập: 3 đồng chí" in text
        assert "Số đại biểu có mặt: 2 đồng chí" in text
        assert "Số đại biểu vắng mặt: 1 đồng chí" in text
        assert "Trong số vắng mặt có 1 đồng chí đã đến dự rồi ra về trong phiên họp." in text

    def test_the_word_report_names_times_new_roman(self) -> None:
        import docx

        content = report.credentials_report(self.congress, kind="docx")
        document = docx.Document(io.BytesIO(content))
        body = "\n".join(p.text for p in document.paragraphs)
        assert "Thẩm tra tư cách đại biểu dự Đại hội đại biểu" in body
        assert b"Times New Roman" in content or "Times New Roman" in str(
            document.styles["Normal"].font.name
        )

    def test_a_members_congress_gets_the_members_report(self) -> None:
        congress = make_congress(self.w.section, form="toan-the")
        text = pdf_text(report.credentials_report(congress, kind="pdf"))
        assert "Tình hình đoàn viên dự Đại hội" in text
        assert "ĐOÀN CHỦ TỊCH" in text

    def test_the_report_is_downloaded_from_the_page(self) -> None:
        self.client.force_login(self.w.viewer)
        url = reverse("credentials_report", args=[self.congress.pk, "docx"])
        response = self.client.get(url)
        assert response.status_code == 200
        assert "bao-cao-tham-tra-tu-cach-dai-bieu.docx" in response["Content-Disposition"]
        bad = reverse("credentials_report", args=[self.congress.pk, "odt"])
        assert self.client.get(bad).status_code == 404

    def test_cards_one_per_person_ten_to_a_page(self) -> None:
        content = cards.render_cards(self.congress, cards.delegates_for_cards(self.congress))
        reader = pypdf.PdfReader(io.BytesIO(content))
        assert len(reader.pages) == 1
        text = pdf_text(content)
        for name in ("Lường Danh Vọng", "Nguyễn Thị Bình", "Vừ A Tiến", "Phạm Thị Thơ"):
            assert name in text
        assert "KHÁCH MỜI" in text and "Số 4" in text

    def test_every_card_prints_a_standard_qr_code_a_common_decoder_reads(self) -> None:
        import zxingcpp

        content = cards.render_cards(self.congress, cards.delegates_for_cards(self.congress))
        found = read_codes(content)
        # Standard QR only: many phone cameras and desk scanners cannot read Micro QR.
        assert {f.format for f in found} == {zxingcpp.BarcodeFormat.QRCode}
        assert sorted(f.text for f in found) == sorted(
            d.token for d in self.congress.delegates.all()
        )

    def test_the_card_date_line_names_the_place_not_the_venue(self) -> None:
        text = pdf_text(cards.render_cards(self.congress, cards.delegates_for_cards(self.congress)))
        assert "Lai Châu, ngày 15 tháng 02 năm 2023" in text
        assert "Hội trường tầng 3" not in text

    def test_a_card_does_not_repeat_a_unit_its_position_names(self) -> None:
        guest = services.add_delegate(
            congress=self.congress,
            data=DelegateData(
                full_name="Lý Sành Chiêu",
                kind=DelegateKind.GUEST,
                position="Đại diện Công đoàn bộ phận Các phòng chuyên môn",
                workplace="Các phòng chuyên môn Sở Công Thương",
            ),
        )
        page = cards.cards_html_pages(self.congress, [guest])[0]
        assert "Đại diện Công đoàn bộ phận Các phòng chuyên môn" in page
        assert "Sở Công Thương" not in page
        # Guests are said to be guests once (KHÁCH MỜI), not again as their kind.
        assert "Khách mời" not in page and "KHÁCH MỜI" in page
        other = services.add_delegate(
            congress=self.congress,
            data=DelegateData(
                full_name="Vừ A Tiến",
                kind=DelegateKind.GUEST,
                position="Phó Giám đốc Sở",
                workplace="Sở Công Thương",
            ),
        )
        assert (
            "Phó Giám đốc Sở, Sở Công Thương" in cards.cards_html_pages(self.congress, [other])[0]
        )

    def test_a_short_list_is_made_in_the_request(self) -> None:
        self.client.force_login(self.w.officer)
        url = reverse("cards_page", args=[self.congress.pk])
        response = self.client.post(url)
        self.assertRedirects(
            response, reverse("cards_download", args=[self.congress.pk]), target_status_code=200
        )
        batch = cards.latest_batch(self.congress)
        assert batch.status == CardsStatus.DONE and batch.total == 4
        assert Path(batch.file.path).read_bytes().startswith(b"%PDF")
        self.assertContains(self.client.get(url), "Tải tệp PDF thẻ đại biểu")

    def test_cards_asked_from_an_english_page_are_printed_in_vietnamese(self) -> None:
        self.client.force_login(self.w.officer)
        self.client.post(reverse("set_language"), {"language": "en", "next": "/"})
        self.client.post(reverse("cards_page", args=[self.congress.pk]))
        batch = cards.latest_batch(self.congress)
        text = pdf_text(Path(batch.file.path).read_bytes())
        assert "KHÁCH MỜI" in text or "Khách mời" in text
        assert "Guest" not in text and "guest" not in text

    @override_settings(DAIHOI_CARDS_INLINE=1)
    def test_a_long_list_runs_in_the_background_with_progress(self) -> None:
        self.client.force_login(self.w.officer)
        url = reverse("cards_page", args=[self.congress.pk])
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            self.client.post(url)
        batch = cards.latest_batch(self.congress)
        assert batch.status == CardsStatus.RUNNING and len(callbacks) == 1
        page = self.client.get(url, HTTP_HX_REQUEST="true")
        self.assertContains(page, "<progress")
        self.assertContains(page, 'hx-trigger="every 1s"')
        cards.build_cards(batch.pk)  # what the task runs
        self.assertContains(self.client.get(url), "Tải tệp PDF thẻ đại biểu")

    @override_settings(DAIHOI_CARDS_INLINE=1, TASKS=DATABASE_QUEUE)
    def test_a_long_list_is_queued_and_a_batch_whose_worker_vanished_is_marked_failed(
        self,
    ) -> None:
        self.client.force_login(self.w.officer)
        self.client.post(reverse("cards_page", args=[self.congress.pk]))
        queued = DBTaskResult.objects.get()
        batch = cards.latest_batch(self.congress)
        assert batch.status == CardsStatus.RUNNING  # waits in the queue: not stale
        assert queued.args_kwargs == {"args": [batch.pk], "kwargs": {}}
        # A worker took it, then vanished: no chunk laid out since.
        long_ago = timezone.now() - background.stale_after() - timedelta(seconds=1)
        DBTaskResult.objects.update(status=TaskResultStatus.RUNNING, started_at=long_ago)
        CardBatch.objects.filter(pk=batch.pk).update(updated_at=long_ago)
        with self.assertLogs("daihoi.congresses.cards", "WARNING"):
            batch = cards.latest_batch(self.congress)
        assert (batch.status, batch.error) == (CardsStatus.FAILED, cards.INTERRUPTED)
        queued.refresh_from_db()
        assert (queued.status, queued.traceback) == (TaskResultStatus.FAILED, cards.INTERRUPTED)
        cards.build_cards(batch.pk)  # the lost task, run again: does nothing
        batch.refresh_from_db()
        assert batch.status == CardsStatus.FAILED and not batch.file
