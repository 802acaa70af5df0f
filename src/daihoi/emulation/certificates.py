"""Certificates of a decision: Giấy khen and Bằng khen, one A4 landscape page each.

As Word (.docx, to edit or print on the printed blanks) and PDF (WeasyPrint, the bundled serif
font). One per awardee, or every award of a decision in one file. A long decision's PDF is laid
out by the background worker (emulation.tasks.make_certificates) in chunks, with a progress bar,
as the delegate cards are; a batch silent for background.stale_after() is marked failed.
"""

from __future__ import annotations

import html
import io
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation

from daihoi.background import services as background
from daihoi.documents import pdf, word
from daihoi.documents.letterhead import date_line, upper
from daihoi.emulation import tasks
from daihoi.emulation.models import (
    AwardChoice,
    CertificateBatch,
    CertificatesStatus,
    Decision,
    ProposalLine,
)

logger = logging.getLogger(__name__)

CHUNK = 50  # certificates laid out between two progress reports
FILENAME = "giay-khen-bang-khen-{decision}.pdf"
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_LINE = "Độc lập - Tự do - Hạnh phúc"
GIVES = "TẶNG"
COMRADE = "Đồng chí"
COLLECTIVE = "Tập thể"
OF_UNIT = "Đơn vị"
EXECUTIVE = "BAN CHẤP HÀNH {unit}"
ON_BEHALF = "TM. BAN CHẤP HÀNH"
DECISION_LINE = "Quyết định số {number} ngày {date}"
INTERRUPTED = (
    "Việc tạo giấy khen, bằng khen bị gián đoạn (máy chủ khởi động lại). Bấm “Tạo tệp” để tạo lại."
)
NEVER_STARTED = (
    "Việc tạo giấy khen, bằng khen chờ quá lâu mà chưa được chạy (tiến trình chạy việc nền "
    "không chạy?). Hãy báo quản trị hệ thống, rồi bấm “Tạo tệp” để tạo lại."
)
FAILED = "Không tạo được tệp giấy khen, bằng khen: {error}"


def inline_certificates() -> int:
    """Return the most certificates made inside the request (a few seconds)."""
    return int(getattr(settings, "DAIHOI_CERTIFICATES_INLINE", 50))


@dataclass(frozen=True)
class Certificate:
    """What one Giấy khen or Bằng khen says."""

    award: str  # "BẰNG KHEN"
    parent: str  # the issuer's upper level, in capitals
    issuer: str  # "BAN CHẤP HÀNH LIÊN ĐOÀN LAO ĐỘNG TỈNH ĐIỆN BIÊN"
    salutation: str  # "Đồng chí" or "Tập thể"
    name: str
    unit: str  # the member's unit, or the collective's upper unit ("" if none)
    achievement: str
    decision: str  # "Quyết định số 245/QĐ-LĐLĐ ngày 08/7/2020"
    date_line: str  # "Điện Biên, ngày 08 tháng 7 năm 2020"
    signer_title: str
    signer: str


def award_lines(decision: Decision) -> list[ProposalLine]:
    """Return the decision's Giấy khen and Bằng khen lines: collectives first, then by name."""
    lines = ProposalLine.objects.filter(
        proposal=decision.proposal_id, title__in=AwardChoice.values
    ).select_related("member__unit", "unit__parent")
    return sorted(
        lines,
        key=lambda line: (
            not line.collective,
            line.member.name_key if line.member else line.unit.name_key,
            line.pk,
        ),
    )


def certificate_of(decision: Decision, line: ProposalLine) -> Certificate:
    """Return the certificate of one award line of a decision."""
    issuer_unit = decision.unit
    parent = issuer_unit.parent.name if issuer_unit.parent_id and issuer_unit.parent else ""
    if line.collective:
        of_unit = line.unit.parent.name if line.unit.parent_id and line.unit.parent else ""
    else:
        of_unit = line.unit.name
    return Certificate(
        award=upper(AwardChoice(line.title).label),
        parent=upper(parent),
        issuer=upper(EXECUTIVE.format(unit=issuer_unit.name)),
        salutation=COLLECTIVE if line.collective else COMRADE,
        name=line.unit.name if line.collective else line.who,
        unit=of_unit,
        achievement=line.note,
        decision=DECISION_LINE.format(
            number=decision.number, date=f"{decision.signed_on:%d/%m/%Y}"
        ),
        date_line=date_line(decision.locality, decision.signed_on),
        signer_title=upper(decision.signer_title),
        signer=decision.signer,
    )


def certificates_of(
    decision: Decision, lines: Sequence[ProposalLine] | None = None
) -> list[Certificate]:
    return [certificate_of(decision, line) for line in (lines or award_lines(decision))]


# --------------------------------------------------------------------------- PDF

CSS = """
@page { size: A4 landscape; margin: 0; }
.sheet { position: relative; width: 297mm; height: 210mm; page-break-after: always;
         box-sizing: border-box; padding: 9mm; }
.sheet:last-child { page-break-after: auto; }
.frame { position: absolute; inset: 9mm; border: 2.2pt solid #a0141c; }
.frame2 { position: absolute; inset: 11.5mm; border: 0.8pt solid #c8a13a; }
.in { position: absolute; left: 24mm; right: 24mm; top: 18mm; bottom: 16mm; text-align: center; }
.in p { text-align: center; }
.in .left { text-align: left; }
.motto { font-size: 12.5pt; font-weight: bold; margin: 0; }
.motto2 { font-size: 13pt; font-weight: bold; margin: 0; }
.rule { width: 52mm; border-top: 0.6pt solid #000; margin: 1mm auto 5mm auto; }
.parent { font-size: 12pt; margin: 0; }
.issuer { font-size: 14pt; font-weight: bold; margin: 0; color: #a0141c; }
.gives { font-size: 14pt; font-weight: bold; margin: 4mm 0 0 0; }
.award { font-size: 40pt; font-weight: bold; color: #a0141c; letter-spacing: 1.5pt;
         margin: 1mm 0 3mm 0; line-height: 1.1; }
.name { font-size: 22pt; font-weight: bold; font-style: italic; margin: 0 0 1mm 0; }
.unit { font-size: 14pt; margin: 0 0 3mm 0; }
.why { font-size: 14pt; font-style: italic; margin: 0 10mm; text-align: center; }
.foot { position: absolute; left: 0; right: 0; bottom: 0; height: 38mm; }
.left { position: absolute; left: 0; bottom: 2mm; width: 110mm; text-align: left;
        font-size: 11.5pt; font-style: italic; }
.right { position: absolute; right: 0; top: 0; width: 120mm; text-align: center; }
.date { font-size: 13pt; font-style: italic; margin: 0 0 1mm 0; }
.sign { font-size: 13pt; font-weight: bold; margin: 0; }
.signer { font-size: 14pt; font-weight: bold; margin: 16mm 0 0 0; }
"""


def _sheet(c: Certificate) -> str:
    e = html.escape
    parent = f'<p class="parent">{e(c.parent)}</p>' if c.parent else ""
    unit = f'<p class="unit">{e(OF_UNIT)}: {e(c.unit)}</p>' if c.unit else ""
    why = f'<p class="why">{e(c.achievement)}</p>' if c.achievement else ""
    return (
        '<section class="sheet"><div class="frame"></div><div class="frame2"></div>'
        '<div class="in">'
        f'<p class="motto">{e(MOTTO)}</p><p class="motto2">{e(MOTTO_LINE)}</p>'
        '<div class="rule"></div>'
        f"{parent}"
        f'<p class="issuer">{e(c.issuer)}</p>'
        f'<p class="gives">{e(GIVES)}</p>'
        f'<p class="award">{e(c.award)}</p>'
        f'<p class="name">{e(c.salutation)} {e(c.name)}</p>'
        f"{unit}{why}"
        '<div class="foot">'
        f'<div class="left">{e(c.decision)}</div>'
        '<div class="right">'
        f'<p class="date">{e(c.date_line)}</p>'
        f'<p class="sign">{e(ON_BEHALF)}</p><p class="sign">{e(c.signer_title)}</p>'
        f'<p class="signer">{e(c.signer)}</p>'
        "</div></div></div></section>"
    )


def render_certificates_pdf(
    certificates: Sequence[Certificate],
    *,
    title: str = "Giấy khen, Bằng khen",
    progress: Callable[[int], None] | None = None,
) -> bytes:
    """Lay the certificates out chunk by chunk (reporting how many are done), then one PDF."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    css = pdf.base_css(margins=False, page_numbers=False) + CSS
    sheets = [_sheet(c) for c in certificates]
    fonts = FontConfiguration()
    documents = []
    for start in range(0, max(len(sheets), 1), CHUNK):
        body = "".join(sheets[start : start + CHUNK])
        document = pdf.html_document(body, title=title, css=css)
        documents.append(HTML(string=document).render(font_config=fonts))
        if progress is not None:
            progress(min(len(sheets), start + CHUNK))
    pages = [p for d in documents for p in d.pages]
    out = documents[0].copy(pages).write_pdf()
    assert out is not None
    return out


# --------------------------------------------------------------------------- Word


def render_certificates_docx(certificates: Sequence[Certificate]) -> bytes:
    """Return the certificates as one Word file, one landscape page each (Times New Roman)."""
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Mm, RGBColor

    center = WD_ALIGN_PARAGRAPH.CENTER
    red = RGBColor(0xA0, 0x14, 0x1C)
    document = word.new_document(title="Giấy khen, Bằng khen")
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for edge in ("top_margin", "bottom_margin"):
        setattr(section, edge, Mm(18))
    for edge in ("left_margin", "right_margin"):
        setattr(section, edge, Mm(25))
    for index, c in enumerate(certificates):
        first = word.write(document, MOTTO, bold=True, size=12.5, align=center, after=0)
        if index:
            first.paragraph_format.page_break_before = True
        word.write(document, MOTTO_LINE, bold=True, size=13, align=center, after=10)
        if c.parent:
            word.write(document, c.parent, size=12, align=center, after=0)
        issuer = word.write(document, c.issuer, bold=True, size=14, align=center, after=6)
        issuer.runs[0].font.color.rgb = red
        word.write(document, GIVES, bold=True, size=14, align=center, after=0)
        award = word.write(document, c.award, bold=True, size=40, align=center, after=6)
        award.runs[0].font.color.rgb = red
        word.write(
            document,
            f"{c.salutation} {c.name}",
            bold=True,
            italic=True,
            size=22,
            align=center,
            after=2,
        )
        if c.unit:
            word.write(document, f"{OF_UNIT}: {c.unit}", size=14, align=center, after=4)
        if c.achievement:
            word.write(document, c.achievement, italic=True, size=14, align=center, after=10)
        grid = word.table(document, 1, [120.0, 127.0], borders=False)
        left, right = grid.rows[0].cells
        word.cell_write(left, c.decision, italic=True, size=11.5)
        word.cell_write(right, c.date_line, italic=True, size=13, align=center)
        word.cell_write(right, ON_BEHALF, bold=True, size=13, align=center)
        word.cell_write(right, c.signer_title, bold=True, size=13, align=center)
        gap = word.cell_write(right, "", size=13, align=center)
        gap.add_run().add_break(WD_BREAK.LINE)
        gap.add_run().add_break(WD_BREAK.LINE)
        word.cell_write(right, c.signer, bold=True, size=14, align=center)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------- the batch


def _save(batch: CertificateBatch, content: bytes, started: float) -> None:
    name = FILENAME.format(decision=batch.decision_id)
    batch.file.save(name, ContentFile(content), save=False)
    saved = CertificateBatch.objects.filter(pk=batch.pk, status=CertificatesStatus.RUNNING).update(
        file=batch.file.name,
        status=CertificatesStatus.DONE,
        done=batch.total,
        seconds=round(time.monotonic() - started, 2),
        updated_at=timezone.now(),
    )
    if not saved:  # failed as stale, or replaced by a new batch, meanwhile
        batch.file.delete(save=False)


def build_certificates(batch_id: int) -> None:
    """Make the PDF of a batch (by the background worker for long decisions).

    Idempotent: a batch no longer running (done, failed as stale, deleted) is left as it is.
    """
    started = time.monotonic()
    batch = (
        CertificateBatch.objects.select_related("decision__unit__parent")
        .filter(pk=batch_id)
        .first()
    )
    if batch is None or not batch.is_running:
        return
    try:

        def progress(done: int) -> None:
            CertificateBatch.objects.filter(pk=batch_id).update(
                done=done, updated_at=timezone.now()
            )

        # Documents of record are Vietnamese whatever language the page that asked was in.
        with translation.override(settings.LANGUAGE_CODE):
            certificates = certificates_of(batch.decision)
            content = render_certificates_pdf(
                certificates, title=str(batch.decision), progress=progress
            )
        _save(batch, content, started)
    except Exception as error:
        logger.exception("certificates %s failed", batch_id)
        _fail(batch_id, FAILED.format(error=error)[:500])
    except BaseException:  # the worker is being stopped
        _fail(batch_id, INTERRUPTED)
        raise


def _fail(batch_id: int, message: str) -> None:
    background.abandon(tasks.make_certificates, job_id=batch_id, message=message)
    CertificateBatch.objects.filter(pk=batch_id, status=CertificatesStatus.RUNNING).update(
        status=CertificatesStatus.FAILED, error=message, updated_at=timezone.now()
    )


@transaction.atomic
def start_certificates(*, decision: Decision, by: object = None) -> CertificateBatch:
    """Start the PDF of every certificate of a decision (unless one is being made)."""
    running = latest_batch(decision)
    if running is not None and running.is_running:
        return running
    for old in decision.certificate_batches.exclude(status=CertificatesStatus.RUNNING):
        if old.file:
            old.file.delete(save=False)
        old.delete()
    total = len(award_lines(decision))
    batch = CertificateBatch.objects.create(decision=decision, total=total, created_by=by)
    if total <= inline_certificates():
        build_certificates(batch.pk)
        batch.refresh_from_db()
    else:
        background.enqueue(tasks.make_certificates, batch.pk)
    return batch


def expire_if_stale(batch: CertificateBatch) -> CertificateBatch:
    """Mark failed a running batch whose worker died, or that never left the queue."""
    if not batch.is_running:
        return batch
    stale = background.stale_reason(
        tasks.make_certificates, job_id=batch.pk, last_sign_of_life=batch.updated_at
    )
    if stale is not None:
        logger.warning("certificates %s %s", batch.pk, stale.value)
        _fail(batch.pk, NEVER_STARTED if stale is background.Stale.NEVER_STARTED else INTERRUPTED)
        batch.refresh_from_db()
    return batch


def expire_stale_batches() -> int:
    """Fail every batch whose worker died (the worker's sweep at start); return how many."""
    running = CertificateBatch.objects.filter(status=CertificatesStatus.RUNNING)
    return sum(1 for batch in running if not expire_if_stale(batch).is_running)


def latest_batch(decision: Decision) -> CertificateBatch | None:
    """Return the newest batch, marking it failed if its worker died."""
    batch = decision.certificate_batches.first()
    if batch is not None:
        batch = expire_if_stale(batch)
    return batch
