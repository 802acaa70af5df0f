"""Pages a delegate opens on their phone by scanning their voting code: no login.

The code in the address identifies the delegate (only its SHA-256 is stored). The ballot page
offers only valid ballots; the server checks again. The receipt is shown once and kept in a
signed cookie on the phone only, never on the server, so the server cannot say whose it is.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from daihoi.elections import errors, services
from daihoi.elections.errors import AlreadyVoted, ElectionError, InvalidBallot
from daihoi.elections.models import Election, Round, RoundStatus
from daihoi.elections.snapshot import round_title
from daihoi.elections.views import _published_context

RECEIPT_COOKIE = "bien-nhan-{round}"
RECEIPT_COOKIE_AGE = 7 * 24 * 3600


def _delegate(token: str) -> Any:
    delegate = services.delegate_for_token(token)
    if delegate is None:
        raise Http404(errors.VOTING_CODE_UNKNOWN)
    return delegate


PHONE_ROUND_SQL = (
    "SELECT r.* FROM elections_round r JOIN elections_election e ON e.id = r.election_id "
    "WHERE r.id = %s AND e.congress_id = %s AND r.phone"
)
ELECTION_SQL = "SELECT * FROM elections_election WHERE id = %s"


def _round(delegate: Any, round_id: int) -> Round:
    """Return a phone round of the delegate's congress, with its election (404 otherwise).

    Raw queries: every phone request reads the round, and the ORM spent about 1 ms a request
    compiling the select_related join (bench/bench_phone_vote.py).
    """
    found = list(Round.objects.raw(PHONE_ROUND_SQL, [round_id, delegate.congress_id]))
    if not found:
        raise Http404(errors.NOT_FOUND)
    round_ = found[0]
    round_.election = next(iter(Election.objects.raw(ELECTION_SQL, [round_.election_id])))
    return round_


def _receipt(request: HttpRequest, round_: Round) -> str:
    return request.get_signed_cookie(
        RECEIPT_COOKIE.format(round=round_.pk), default="", salt="daihoi.receipt"
    )


@never_cache
@require_GET
def voter_home(request: HttpRequest, token: str) -> HttpResponse:
    delegate = _delegate(token)
    rounds = (
        Round.objects.select_related("election")
        .filter(election__congress_id=delegate.congress_id, phone=True)
        .exclude(status__in=[RoundStatus.DRAFT, RoundStatus.LIST_APPROVED])
        .order_by("election_id", "number")
    )
    items = [
        {
            "round": r,
            "title": round_title(r),
            "open": r.status == RoundStatus.OPEN,
            "voted": services.has_voted(r, delegate),
            "published": r.status in (RoundStatus.CLOSED, RoundStatus.COUNTED),
        }
        for r in rounds
    ]
    return render(
        request,
        "elections/voter_home.html",
        {"delegate": delegate, "token": token, "items": items},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def voter_ballot(request: HttpRequest, token: str, round_id: int) -> HttpResponse:
    """The ballot on the phone: GET shows it, POST casts it (once) and shows the receipt."""
    delegate = _delegate(token)
    round_ = _round(delegate, round_id)
    context: dict[str, Any] = {
        "delegate": delegate,
        "token": token,
        "round": round_,
        "title": round_title(round_),
        "seats": round_.seats,
    }
    if round_.status != RoundStatus.OPEN:
        context["refusal"] = errors.PHONE_NOT_OPEN
        return render(request, "elections/voter_ballot.html", context, status=403)
    sheet = services.phone_sheet(round_)
    context["names"] = len(sheet.ids)
    context["all_crossed_ok"] = sheet.all_crossed_ok
    status = 200
    crossed: set[str] = set()
    if request.method == "POST":
        crossed = set(request.POST.getlist("crossed"))
        kept = [cid for cid in sheet.ids if cid not in crossed]
        try:
            if not crossed <= set(sheet.ids):
                raise InvalidBallot(errors.BALLOT_INVALID.format(reason=errors.UNKNOWN_NAME))
            receipt = services.cast_phone_ballot(round_id=round_.pk, delegate=delegate, kept=kept)
        except AlreadyVoted as error:
            context["refusal"] = error.message
            context["receipt"] = _receipt(request, round_)
            return render(request, "elections/voter_ballot.html", context, status=409)
        except InvalidBallot as error:
            context["error"] = error.message
            status = 400
        except ElectionError as error:
            context["error"] = error.message
            status = 403
        else:
            context["receipt"] = receipt
            response = render(request, "elections/voter_done.html", context)
            response.set_signed_cookie(
                RECEIPT_COOKIE.format(round=round_.pk),
                receipt,
                salt="daihoi.receipt",
                max_age=RECEIPT_COOKIE_AGE,
                httponly=True,
                samesite="Lax",
                path="/bo-phieu/",
            )
            return response
    elif services.has_voted(round_, delegate):
        context["refusal"] = errors.ALREADY_VOTED
        context["receipt"] = _receipt(request, round_)
        return render(request, "elections/voter_ballot.html", context, status=409)
    context["choices"] = [
        {"id": cid, "name": sheet.names[cid], "crossed": cid in crossed} for cid in sheet.ids
    ]
    return render(request, "elections/voter_ballot.html", context, status=status)


@never_cache
@require_GET
def voter_published(request: HttpRequest, token: str, round_id: int) -> HttpResponse:
    delegate = _delegate(token)
    round_ = _round(delegate, round_id)
    context = _published_context(request, round_)
    context.update({"delegate": delegate, "token": token, "mine": _receipt(request, round_)})
    if not context["wanted"] and context["mine"]:
        context["wanted"] = context["mine"]
        context["found"] = next(
            (row for row in context["rows"] if row["receipt"] == context["mine"]), None
        )
    return render(request, "elections/voter_published.html", context)
