"""Giấy khen and Bằng khen of a decision: one per awardee and the whole decision, Word and PDF,
a long decision laid out in the background with a progress bar.
"""

from __future__ import annotations

import datetime
import io
import shutil
import tempfile
import unicodedata
from datetime import timedelta
from pathlib import Path

import docx
import pypdf
from django.tasks import TaskResultStatus
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from tests.emulation.test_council import CouncilWorld

from daihoi.background import services as background
from daihoi.emulation import certificates, services
from daihoi.emulation.models import CertificateBatch, CertificatesStatus
from daihoi.emulation.services import AwardData, DecisionData

MEDIA = tempfile.mkdtemp(prefix="daihoi-test-certificates-")
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
ACHIEVEMENT = "Đã có thành tích xuất sắc trong phong trào thi đua yêu nước giai đoạn 2015 - 2020."


def pdf_pages(content: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return [
        " ".join(unicodedata.normalize("NFC", p.extract_text() or "").split()) for p in reader.pages
    ]


@override_settings(MEDIA_ROOT=MEDIA)
class CertificateTests(CouncilWorld):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.proposal = services.start_proposal(campaign=cls.campaign, unit=cls.w.unit, by=None)
        cls.lines = [
            services.add_award(
                proposal=cls.proposal,
                data=AwardData(award="bang-khen", note=ACHIEVEMENT, member=member),
            )
            for member in cls.people
        ]
        services.add_award(
            proposal=cls.proposal,
            data=AwardData(
                award="giay-khen", note="Hoàn thành xuất sắc nhiệm vụ.", collective=cls.w.section
            ),
        )
        services.submit_proposal(proposal=cls.proposal, number="", by=None)
        cls.decision = services.decide_proposal(
            proposal=cls.proposal,
            deciding_unit=cls.w.province,
            data=DecisionData(
                number="245/QĐ-LĐLĐ",
                signed_on=datetime.date(2020, 7, 8),
                signer="Lò Văn Phương",
                signer_title="Chủ tịch",
                locality="Điện Biên",
            ),
            by=None,
        )

    @classmethod
    def tearDownClass(cls) -> None:
        super().tearDownClass()
        shutil.rmtree(MEDIA, ignore_errors=True)

    def url(self, name: str, **extra: object) -> str:
        kwargs = {
            "campaign_id": self.campaign.pk,
            "unit_id": self.w.unit.pk,
            "proposal_id": self.proposal.pk,
            **extra,
        }
        return reverse(name, kwargs=kwargs)

    def test_a_certificate_says_who_what_why_and_who_signs(self) -> None:
        (collective, *people) = certificates.certificates_of(self.decision)
        assert (collective.award, collective.salutation, collective.name, collective.unit) == (
            "GIẤY KHEN",
            "Tập thể",
            self.w.section.name,
            self.w.unit.name,  # a collective is placed by the unit above it
        )
        mai = people[0]
        assert mai.award == "BẰNG KHEN"
        assert (mai.salutation, mai.name, mai.unit) == ("Đồng chí", "Lò Thị Mai", self.w.unit.name)
        assert mai.issuer == "BAN CHẤP HÀNH LIÊN ĐOÀN LAO ĐỘNG TỈNH LAI CHÂU"
        assert mai.parent == "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM"
        assert mai.decision == "Quyết định số 245/QĐ-LĐLĐ ngày 08/07/2020"
        assert mai.date_line == "Điện Biên, ngày 08 tháng 7 năm 2020"
        assert (mai.signer_title, mai.signer) == ("CHỦ TỊCH", "Lò Văn Phương")

    def test_one_awardee_gets_one_pdf_page_with_the_diacritics_intact(self) -> None:
        self.client.force_login(self.w.officer)
        mai = next(line for line in self.lines if line.who == "Lò Thị Mai")
        response = self.client.get(self.url("certificate_one", line_id=mai.pk, kind="pdf"))
        assert response["Content-Type"] == "application/pdf"
        (page,) = pdf_pages(response.content)
        for text in ("BẰNG KHEN", "Đồng chí Lò Thị Mai", "Điện Biên, ngày 08 tháng 7 năm 2020"):
            assert text in page

    def test_one_awardee_gets_one_word_page(self) -> None:
        self.client.force_login(self.w.officer)
        line = self.lines[1]
        response = self.client.get(self.url("certificate_one", line_id=line.pk, kind="docx"))
        document = docx.Document(io.BytesIO(response.content))
        texts = [p.text for p in document.paragraphs]
        assert f"Đồng chí {line.who}" in texts
        assert texts.count("BẰNG KHEN") == 1
        assert document.sections[0].page_width > document.sections[0].page_height

    def test_the_whole_decision_in_word_one_page_each(self) -> None:
        self.client.force_login(self.w.viewer)  # reading is enough
        document = docx.Document(io.BytesIO(self.client.get(self.url("certificates_docx")).content))
        texts = [p.text for p in document.paragraphs]
        assert texts.count("TẶNG") == 4
        breaks = [p for p in document.paragraphs if p.paragraph_format.page_break_before]
        assert len(breaks) == 3

    def test_a_short_decision_is_made_in_the_request(self) -> None:
        self.client.force_login(self.w.officer)
        response = self.client.post(self.url("certificates_page"))
        self.assertRedirects(response, self.url("certificates_download"), target_status_code=200)
        batch = certificates.latest_batch(self.decision)
        assert batch is not None and (batch.status, batch.total) == (CertificatesStatus.DONE, 4)
        pages = pdf_pages(Path(batch.file.path).read_bytes())
        assert len(pages) == 4
        assert "Tập thể Công đoàn bộ phận Văn phòng Sở" in pages[0]
        assert "Đồng chí Tòng Thị Xuân" in pages[3]

    @override_settings(DAIHOI_CERTIFICATES_INLINE=1)
    def test_a_long_decision_runs_in_the_background_with_progress(self) -> None:
        self.client.force_login(self.w.officer)
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            self.client.post(self.url("certificates_page"))
        batch = certificates.latest_batch(self.decision)
        assert batch is not None and batch.status == CertificatesStatus.RUNNING
        assert len(callbacks) == 1
        page = self.client.get(self.url("certificates_page"), HTTP_HX_REQUEST="true")
        self.assertContains(page, "<progress")
        self.assertContains(page, 'hx-trigger="every 1s"')
        certificates.build_certificates(batch.pk)  # what the task runs
        self.assertContains(self.client.get(self.url("certificates_page")), "Tải tệp PDF")
        batch.refresh_from_db()
        assert (batch.done, batch.total) == (4, 4)

    @override_settings(DAIHOI_CERTIFICATES_INLINE=1, TASKS=DATABASE_QUEUE)
    def test_a_batch_whose_worker_vanished_is_marked_failed(self) -> None:
        self.client.force_login(self.w.officer)
        self.client.post(self.url("certificates_page"))
        queued = DBTaskResult.objects.get()
        batch = certificates.latest_batch(self.decision)
        assert batch is not None and batch.status == CertificatesStatus.RUNNING
        long_ago = timezone.now() - background.stale_after() - timedelta(seconds=1)
        DBTaskResult.objects.update(status=TaskResultStatus.RUNNING, started_at=long_ago)
        CertificateBatch.objects.filter(pk=batch.pk).update(updated_at=long_ago)
        with self.assertLogs("daihoi.emulation.certificates", "WARNING"):
            batch = certificates.latest_batch(self.decision)
        assert batch is not None
        assert (batch.status, batch.error) == (CertificatesStatus.FAILED, certificates.INTERRUPTED)
        queued.refresh_from_db()
        assert (queued.status, queued.traceback) == (
            TaskResultStatus.FAILED,
            certificates.INTERRUPTED,
        )
        certificates.build_certificates(batch.pk)  # the lost task, run again: does nothing
        batch.refresh_from_db()
        assert batch.status == CertificatesStatus.FAILED and not batch.file

    def test_only_the_units_subtree_and_above_see_them_and_readers_do_not_make_files(
        self,
    ) -> None:
        self.client.force_login(self.w.sibling_officer)
        assert self.client.get(self.url("certificates_page")).status_code == 404
        assert self.client.get(self.url("certificates_docx")).status_code == 404
        self.client.force_login(self.w.viewer)
        assert self.client.get(self.url("certificates_page")).status_code == 200
        assert self.client.post(self.url("certificates_page")).status_code == 403
        assert not CertificateBatch.objects.exists()
        self.client.force_login(self.w.upper)
        assert self.client.get(self.url("certificates_page")).status_code == 200
        assert self.client.get(self.url("certificates_download")).status_code == 404  # none yet
        wrong = self.url("certificate_one", line_id=self.lines[0].pk, kind="odt")
        assert self.client.get(wrong).status_code == 404
