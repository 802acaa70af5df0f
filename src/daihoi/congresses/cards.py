"""Delegate cards: one A4 PDF, ten cards to a page, each with the check-in QR code.

2,000 cards take about 20 seconds with WeasyPrint (measured: docs/benchmarks.md), so a long
list is laid out by the background worker (the task congresses.tasks.make_cards), in chunks,
and the page shows a progress bar while it runs; each chunk is the batch's heartbeat, and a
batch silent for background.stale_after() is marked failed (its worker vanished). A short
list (up to ``inline_cards()``) is made inside the request. Cards are placed
with absolute positions, which WeasyPrint lays out several times faster than a grid.
"""

from __future__ import annotations

import html
import logging
import time
from collections.abc import Callable, Sequence

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation

from daihoi.background import services as background
from daihoi.congresses import tasks
from daihoi.congresses.models import CardBatch, CardsStatus, Congress, Delegate
from daihoi.congresses.queries import qr_svg
from daihoi.documents import pdf
from daihoi.rules.numbers import date_vi

logger = logging.getLogger(__name__)

PER_PAGE = 10
CHUNK = 50  # cards laid out between two progress reports

ROLE_VOTING = "ĐẠI BIỂU"
ROLE_CONFERENCE = "THẺ ĐẠI BIỂU DỰ HỘI NGHỊ"
ROLE_GUEST = "KHÁCH MỜI"
NUMBER = "Số {number}"
FILENAME = "the-dai-bieu-{congress}.pdf"
INTERRUPTED = "Việc tạo thẻ bị gián đoạn (máy chủ khởi động lại). Bấm “Tạo thẻ” để tạo lại."
NEVER_STARTED = (
    "Việc tạo thẻ chờ quá lâu mà chưa được chạy (tiến trình chạy việc nền không chạy?). "
    "Hãy báo quản trị hệ thống, rồi bấm “Tạo thẻ” để tạo lại."
)
FAILED = "Không tạo được tệp thẻ đại biểu: {error}"

CSS = """
@page { size: A4; margin: 0; }
body { font-size: 9pt; }
.sheet { position: relative; width: 210mm; height: 297mm; page-break-after: always; }
.sheet:last-child { page-break-after: auto; }
.card { position: absolute; width: 90mm; height: 55mm; box-sizing: border-box;
        border: 0.4pt dashed #888; padding: 2.5mm 3mm; overflow: hidden; }
.c0 { left: 14mm; } .c1 { left: 106mm; }
.r0 { top: 8.5mm; } .r1 { top: 65.5mm; } .r2 { top: 122.5mm; } .r3 { top: 179.5mm; }
.r4 { top: 236.5mm; }
.congress { height: 9.5mm; overflow: hidden; text-align: center; font-size: 7pt;
            font-weight: bold; line-height: 1.15; color: #8c0f15; }
.role { margin-top: 1mm; font-size: 8.5pt; font-weight: bold; letter-spacing: .04em; }
.number { font-size: 20pt; font-weight: bold; line-height: 1.05; }
.name { width: 54mm; max-height: 11mm; overflow: hidden; font-size: 12pt; font-weight: bold;
        line-height: 1.15; }
.kind { width: 54mm; font-size: 8pt; font-style: italic; }
.where { width: 54mm; max-height: 7mm; overflow: hidden; font-size: 7.5pt; line-height: 1.15; }
.when { position: absolute; left: 3mm; bottom: 2mm; width: 54mm; font-size: 6.5pt;
        color: #444; }
.qr { position: absolute; right: 2.5mm; bottom: 3mm; width: 29mm; height: 29mm; }
.qr svg { width: 29mm; height: 29mm; }
.guest .role { color: #555; }
"""


def inline_cards() -> int:
    """Return the most cards made inside the request (about 3 seconds)."""
    return int(getattr(settings, "DAIHOI_CARDS_INLINE", 100))


_OVERLAP_WORDS = 3


def _repeats(workplace: str, position: str) -> bool:
    """Tell whether the position already names the workplace (three of its words in a row)."""
    words = workplace.casefold().split()
    said = f" {' '.join(position.casefold().split())} "
    runs = max(len(words) - _OVERLAP_WORDS + 1, 1)
    return any(f" {' '.join(words[i : i + _OVERLAP_WORDS])} " in said for i in range(runs))


def where_line(delegate: Delegate) -> str:
    """Return the position and workplace, the workplace left out where the position names it."""
    parts = [delegate.position]
    if not (delegate.position and _repeats(delegate.workplace, delegate.position)):
        parts.append(delegate.workplace)
    return ", ".join(part for part in parts if part)


def _card(congress: Congress, title: str, when: str, delegate: Delegate, index: int) -> str:
    row, column = divmod(index % PER_PAGE, 2)
    e = html.escape
    guest = not delegate.is_voting
    where = where_line(delegate)
    number = NUMBER.format(number=delegate.number) if delegate.number else ""
    role = ROLE_GUEST if guest else ROLE_CONFERENCE if congress.is_conference else ROLE_VOTING
    # A guest's role line already says KHÁCH MỜI, a conference delegate's ĐẠI BIỂU DỰ HỘI NGHỊ.
    kind = "" if guest or congress.is_conference else delegate.get_kind_display()
    return (
        f'<div class="card r{row} c{column}{" guest" if guest else ""}">'
        f'<div class="congress">{e(title)}</div>'
        f'<div class="role">{role}</div>'
        f'<div class="number">{e(number)}</div>'
        f'<div class="name">{e(delegate.full_name)}</div>'
        f'<div class="kind">{e(kind)}</div>'
        f'<div class="where">{e(where)}</div>'
        f'<div class="when">{e(when)}</div>'
        f'<div class="qr">{qr_svg(delegate.token, scale=1)}</div>'
        "</div>"
    )


def cards_html_pages(congress: Congress, delegates: Sequence[Delegate]) -> list[str]:
    """Return one HTML fragment per A4 sheet of cards."""
    title = congress.title.upper()
    # As official documents date themselves: the place, then the day ("Lai Châu, ngày ...").
    when = ", ".join(p for p in (congress.place, date_vi(congress.starts_on)) if p)
    cards = [_card(congress, title, when, d, i) for i, d in enumerate(delegates)]
    return [
        f'<section class="sheet">{"".join(cards[i : i + PER_PAGE])}</section>'
        for i in range(0, len(cards), PER_PAGE)
    ]


def render_cards(
    congress: Congress,
    delegates: Sequence[Delegate],
    *,
    progress: Callable[[int], None] | None = None,
) -> bytes:
    """Lay the cards out chunk by chunk (reporting the cards done), then write one PDF."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    css = pdf.base_css(margins=False, page_numbers=False) + CSS
    sheets = cards_html_pages(congress, delegates)
    fonts = FontConfiguration()
    documents = []
    per_chunk = CHUNK // PER_PAGE
    for start in range(0, max(len(sheets), 1), per_chunk):
        body = "".join(sheets[start : start + per_chunk])
        document = pdf.html_document(body, title=congress.title, css=css)
        documents.append(HTML(string=document).render(font_config=fonts))
        if progress is not None:
            progress(min(len(delegates), (start + per_chunk) * PER_PAGE))
    pages = [p for d in documents for p in d.pages]
    out = documents[0].copy(pages).write_pdf()
    assert out is not None
    return out


def delegates_for_cards(congress: Congress) -> list[Delegate]:
    return list(congress.delegates.order_by("number", "name_key", "id"))


def _save(batch: CardBatch, content: bytes, started: float) -> None:
    name = FILENAME.format(congress=batch.congress_id)
    batch.file.save(name, ContentFile(content), save=False)
    saved = CardBatch.objects.filter(pk=batch.pk, status=CardsStatus.RUNNING).update(
        file=batch.file.name,
        status=CardsStatus.DONE,
        done=batch.total,
        seconds=round(time.monotonic() - started, 2),
        updated_at=timezone.now(),
    )
    if not saved:  # failed as stale, or deleted by a new batch, meanwhile
        batch.file.delete(save=False)


def build_cards(batch_id: int) -> None:
    """Make the PDF of a batch (by the background worker for long lists).

    Idempotent: a batch no longer running (done, failed as stale, deleted) is left as it is.
    """
    started = time.monotonic()
    batch = CardBatch.objects.select_related("congress__unit").filter(pk=batch_id).first()
    if batch is None or not batch.is_running:
        return
    try:
        delegates = delegates_for_cards(batch.congress)

        def progress(done: int) -> None:
            CardBatch.objects.filter(pk=batch_id).update(done=done, updated_at=timezone.now())

        # The cards are printed in Vietnamese whatever language the page that asked was in.
        with translation.override(settings.LANGUAGE_CODE):
            content = render_cards(batch.congress, delegates, progress=progress)
        _save(batch, content, started)
    except Exception as error:
        logger.exception("delegate cards %s failed", batch_id)
        _fail(batch_id, FAILED.format(error=error)[:500])
    except BaseException:  # the worker is being stopped (SIGTERM twice, Ctrl-C)
        _fail(batch_id, INTERRUPTED)
        raise


def _fail(batch_id: int, message: str) -> None:
    background.abandon(tasks.make_cards, job_id=batch_id, message=message)
    CardBatch.objects.filter(pk=batch_id, status=CardsStatus.RUNNING).update(
        status=CardsStatus.FAILED, error=message, updated_at=timezone.now()
    )


@transaction.atomic
def start_cards(*, congress: Congress, by: object = None) -> CardBatch:
    """Start a new PDF of every card (unless one is being made); older files are deleted."""
    running = latest_batch(congress)
    if running is not None and running.is_running:
        return running
    for old in congress.card_batches.exclude(status=CardsStatus.RUNNING):
        if old.file:
            old.file.delete(save=False)
        old.delete()
    total = congress.delegates.count()
    batch = CardBatch.objects.create(congress=congress, total=total, created_by=by)
    if total <= inline_cards():
        build_cards(batch.pk)
        batch.refresh_from_db()
    else:
        background.enqueue(tasks.make_cards, batch.pk)
    return batch


def expire_if_stale(batch: CardBatch) -> CardBatch:
    """Mark failed a running batch whose worker died, or that never left the queue."""
    if not batch.is_running:
        return batch
    stale = background.stale_reason(
        tasks.make_cards, job_id=batch.pk, last_sign_of_life=batch.updated_at
    )
    if stale is not None:
        logger.warning("delegate cards %s %s", batch.pk, stale.value)
        _fail(batch.pk, NEVER_STARTED if stale is background.Stale.NEVER_STARTED else INTERRUPTED)
        batch.refresh_from_db()
    return batch


def expire_stale_batches() -> int:
    """Fail every batch whose worker died (the worker's sweep at start); return how many."""
    running = CardBatch.objects.filter(status=CardsStatus.RUNNING)
    return sum(1 for batch in running if not expire_if_stale(batch).is_running)


def latest_batch(congress: Congress) -> CardBatch | None:
    """Return the newest batch, marking it failed if its worker died."""
    batch = congress.card_batches.first()
    if batch is not None:
        batch = expire_if_stale(batch)
    return batch
