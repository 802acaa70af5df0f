"""Open votes on the phones: the presidium's page (open, live tally, close) and the phone's page.

The phone's page is a voter page (``voter_views.voter_page``: the voter session's cookie, no
CSRF cookie, cross-site POSTs refused); the presidium's page is an officer's (access through
the congress: sibling 404, read-only 403).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daihoi.congresses.errors import CongressError
from daihoi.congresses.models import HallVoteSubject
from daihoi.elections import congress as hall
from daihoi.elections import open_votes
from daihoi.elections.errors import ElectionError
from daihoi.elections.models import OpenChoice
from daihoi.elections.voter_views import OPEN_VOTE, voter_page

CHOICE_TEXT = {c.value: c.label for c in OpenChoice}


class OpenVoteForm(forms.Form):
    subject = forms.ChoiceField(
        label=gettext_lazy("Nội dung biểu quyết"), choices=HallVoteSubject.choices
    )
    title = forms.CharField(
        label=gettext_lazy("Tên nội dung (để trống để dùng tên mặc định)"),
        required=False,
        max_length=2000,
    )
    agenda_item = forms.TypedChoiceField(
        label=gettext_lazy("Thuộc nội dung chương trình"),
        required=False,
        coerce=int,
        empty_value=None,
    )

    def __init__(self, *args: Any, congress: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = {item.pk: item for item in congress.agenda.all()}
        self.fields["agenda_item"].choices = [("", "—")] + [
            (pk, f"{item.order}. {item.title}") for pk, item in self.items.items()
        ]


def _page(request: HttpRequest, congress: Any, form: OpenVoteForm) -> HttpResponse:
    vote = open_votes.current_open_vote(congress)
    context = {
        "congress": congress,
        "vote": vote,
        "tally": open_votes.tally(vote) if vote else None,
        "form": form,
        "tab": "hall_votes",
    }
    template = "elections/open_vote.html"
    if request.headers.get("HX-Request"):
        template += "#tally"
    return render(request, template, context)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def open_vote_page(request: HttpRequest, congress_id: int) -> HttpResponse:
    """The presidium opens a vote on the phones and watches the tally grow (writers only, as
    every control page of the elections; readers follow the tally on the projector)."""
    write = request.method == "POST"
    congress = hall.get_congress_for_user(request.user, congress_id, write=True)
    initial = {"agenda_item": congress.current_item_id}
    form = OpenVoteForm(request.POST if write else None, congress=congress, initial=initial)
    if write and form.is_valid():
        data = form.cleaned_data
        try:
            vote = open_votes.open_vote(
                congress=congress,
                subject=data["subject"],
                title=data["title"],
                agenda_item=form.items.get(data["agenda_item"] or 0),
                by=request.user,  # type: ignore[arg-type]
            )
        except ElectionError as error:
            form.add_error(None, error.message)
        except CongressError as error:  # the subject, title or item refused
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request, _("Đã mở biểu quyết “%(title)s” trên điện thoại.") % {"title": vote.title}
            )
            return redirect("open_vote_page", congress_id=congress.pk)
    return _page(request, congress, form)


@login_required
@require_POST
def open_vote_close(request: HttpRequest, congress_id: int) -> HttpResponse:
    congress = hall.get_congress_for_user(request.user, congress_id, write=True)
    vote = open_votes.current_open_vote(congress)
    if vote is None:
        messages.error(request, _("Không có biểu quyết nào đang mở trên điện thoại."))
        return redirect("open_vote_page", congress_id=congress.pk)
    try:
        result = open_votes.close_vote(open_vote=vote, by=request.user)  # type: ignore[arg-type]
    except ElectionError as error:
        messages.error(request, error.message)
        return redirect("open_vote_page", congress_id=congress.pk)
    except CongressError as error:  # the congress refused the figures: the vote stays open
        for message in error.messages:
            messages.error(request, message)
        return redirect("open_vote_page", congress_id=congress.pk)
    messages.success(request, f"{result.title}: {result.decision}")
    return redirect("hall_votes", congress_id=congress.pk)


@voter_page(heading=OPEN_VOTE)
@require_http_methods(["GET", "POST"])
def voter_open_vote(request: HttpRequest, delegate: Any) -> HttpResponse:
    """The phone's page: the vote open in the delegate's congress, three buttons, once."""
    vote = open_votes.current_open_vote(delegate.congress)
    status = 200
    refusal = ""
    if request.method == "POST" and vote is not None:
        try:
            open_votes.cast_hand(
                open_vote_id=vote.pk, delegate=delegate, choice=request.POST.get("choice", "")
            )
        except ElectionError as error:
            refusal, status = error.message, 400
        else:
            return redirect("voter_open_vote")
    mine = open_votes.hand_of(vote, delegate) if vote else ""
    return render(
        request,
        "elections/voter_open_vote.html",
        {
            "delegate": delegate,
            "vote": vote,
            "mine": CHOICE_TEXT.get(mine, ""),
            "choices": OpenChoice.choices,
            "refusal": refusal,
        },
        status=status,
    )


@login_required
@never_cache
@require_GET
def open_vote_tally(request: HttpRequest, congress_id: int) -> HttpResponse:
    """The tally alone (the presidium's page polls it)."""
    congress = hall.get_congress_for_user(request.user, congress_id)
    vote = open_votes.current_open_vote(congress)
    return render(
        request,
        "elections/open_vote.html#tally",
        {"congress": congress, "vote": vote, "tally": open_votes.tally(vote) if vote else None},
    )
