"""The conference's review page: the campaign it closes, its decisions, the review report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from daihoi.congresses.access import get_congress_for_user
from daihoi.congresses.models import Congress
from daihoi.review import documents, services
from daihoi.review.forms import LinkForm
from daihoi.review.models import ConferenceReview
from daihoi.review.queries import decisions_of, review_figures

LINKED = "Hội nghị tổng kết phong trào “{campaign}”."
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _review_of(conference: Congress) -> ConferenceReview | None:
    return ConferenceReview.objects.select_related("campaign").filter(conference=conference).first()


@login_required
@require_GET
def conference_review(request: HttpRequest, congress_id: int) -> HttpResponse:
    conference = get_congress_for_user(request.user, congress_id)
    if not conference.is_conference:
        raise Http404
    review = _review_of(conference)
    figures = review_figures(
        unit=conference.unit, first_year=conference.term_start, last_year=conference.term_end
    )
    return render(
        request,
        "review/conference_review.html",
        {
            "congress": conference,
            "review": review,
            "decisions": decisions_of(review.campaign) if review else [],
            "figures": figures,
            "form": LinkForm(
                conference=conference, initial={"campaign": review.campaign_id if review else None}
            ),
            "tab": "review",
        },
    )


@login_required
@require_POST
def conference_review_link(request: HttpRequest, congress_id: int) -> HttpResponse:
    conference = get_congress_for_user(request.user, congress_id, write=True)
    form = LinkForm(request.POST, conference=conference)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    else:
        try:
            review = services.link_campaign(
                conference=conference, campaign=form.cleaned_data["campaign"]
            )
        except services.ReviewError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, LINKED.format(campaign=review.campaign.title))
    return redirect("conference_review", congress_id=conference.pk)


@login_required
@require_GET
def review_document(request: HttpRequest, congress_id: int, kind: str) -> HttpResponse:
    conference = get_congress_for_user(request.user, congress_id)
    review = _review_of(conference)
    if review is None or kind not in ("docx", "pdf"):
        raise Http404
    content_type = "application/pdf" if kind == "pdf" else DOCX
    response = HttpResponse(documents.review_document(review, kind), content_type=content_type)
    name = f"bao-cao-tong-ket-{conference.term_start}-{conference.term_end}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
