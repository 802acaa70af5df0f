"""The congress's documents: a page that lists them, and their downloads (.docx, PDF)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from daihoi.accounts.access import NOT_FOUND
from daihoi.congresses.access import get_congress_for_user
from daihoi.congresses.models import Congress
from daihoi.documents.blocks import Block
from daihoi.language import in_vietnamese
from daihoi.record import documents, term_review
from daihoi.record.facts import CongressRecord, congress_record

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _resolution(congress: Congress) -> tuple[list[Block], str]:
    record = congress_record(congress)
    return documents.resolution_blocks(record), documents.resolution_title(record)


def _minutes(congress: Congress) -> tuple[list[Block], str]:
    record = congress_record(congress)
    return documents.minutes_blocks(record), documents.minutes_title(record)


def _term_review(congress: Congress) -> tuple[list[Block], str]:
    return term_review.term_review_blocks(congress), term_review.term_review_title(congress)


# The slug in the address -> (file name, what builds it).
PAPERS: dict[str, tuple[str, Callable[[Congress], tuple[list[Block], str]]]] = {
    "nghi-quyet": ("nghi-quyet-dai-hoi", _resolution),
    "bien-ban": ("bien-ban-dai-hoi", _minutes),
    "tong-ket": ("bao-cao-tong-ket-chi-tieu-nhiem-ky", _term_review),
}


@login_required
@require_GET
def record_page(request: HttpRequest, congress_id: int) -> HttpResponse:
    """The congress's documents, with what the record holds for each."""
    congress = get_congress_for_user(request.user, congress_id)
    record: CongressRecord = congress_record(congress)
    return render(
        request,
        "record/record.html",
        {"congress": congress, "record": record, "tab": "record"},
    )


@login_required
@require_GET
@in_vietnamese  # a document of record: Vietnamese whatever the page's language
def record_document(request: HttpRequest, congress_id: int, paper: str, kind: str) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id)
    if paper not in PAPERS or kind not in CONTENT_TYPES:
        raise Http404(NOT_FOUND)
    filename, build = PAPERS[paper]
    content, title = build(congress)
    response = HttpResponse(
        documents.render(content, title=title, kind=kind), content_type=CONTENT_TYPES[kind]
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{kind}"'
    response["Cache-Control"] = "private, no-store"
    return response
