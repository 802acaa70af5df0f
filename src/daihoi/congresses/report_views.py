"""Documents of the congress: the credentials report (.docx, .pdf) and the delegate cards."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from daihoi.accounts.access import NOT_FOUND
from daihoi.congresses import cards, report
from daihoi.congresses.access import get_congress_for_user
from daihoi.congresses.models import CardsStatus, CongressForm
from daihoi.language import in_vietnamese
from daihoi.units.views import is_htmx

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
FILENAMES = {
    CongressForm.DAI_BIEU: "bao-cao-tham-tra-tu-cach-dai-bieu.{kind}",
    CongressForm.TOAN_THE: "bao-cao-tinh-hinh-doan-vien-du-dai-hoi.{kind}",
}
CARDS = "congresses/cards.html"


@login_required
@require_GET
@in_vietnamese  # a document of record: Vietnamese whatever the page's language
def credentials_report(request: HttpRequest, congress_id: int, kind: str) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id)
    if kind not in CONTENT_TYPES:
        raise Http404(NOT_FOUND)
    content = report.credentials_report(congress, kind=kind)
    response = HttpResponse(content, content_type=CONTENT_TYPES[kind])
    filename = FILENAMES[CongressForm(congress.form)].format(kind=kind)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def cards_page(request: HttpRequest, congress_id: int) -> HttpResponse:
    # The cards carry the check-in codes: only those who may check people in make them.
    congress = get_congress_for_user(request.user, congress_id, write=True)
    if request.method == "POST":
        batch = cards.start_cards(congress=congress, by=request.user)
        if batch.status == CardsStatus.DONE:
            return redirect("cards_download", congress_id=congress.pk)
        return redirect("cards_page", congress_id=congress.pk)
    batch = cards.latest_batch(congress)
    template = CARDS + "#progress" if is_htmx(request) else CARDS
    response = render(
        request,
        template,
        {
            "congress": congress,
            "batch": batch,
            "count": congress.delegates.count(),
            "tab": "delegates",
        },
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_GET
def cards_download(request: HttpRequest, congress_id: int) -> FileResponse:
    congress = get_congress_for_user(request.user, congress_id, write=True)
    batch = cards.latest_batch(congress)
    if batch is None or batch.status != CardsStatus.DONE or not batch.file:
        raise Http404(NOT_FOUND)
    response = FileResponse(
        batch.file.open("rb"),
        filename=cards.FILENAME.format(congress=congress.pk),
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response
