"""Pages a delegate opens on their phone with their voting code: no login, and no code in a URL.

The code is exchanged once, by POST, for a voter session on the phone: a signed cookie holding
the code's SHA-256 (what the server stores), limited to ``/bo-phieu/``. Its QR code carries the
code in the address's fragment (``/bo-phieu/#K7QX-...``), which browsers never send to the
server; a small script posts it, and without scripts the delegate types it. So neither the
access log, nor a Referer (``Referrer-Policy: no-referrer`` on every voter page), nor the
browser's history holds the code.

The receipt is shown once and kept in a signed cookie on the phone only, limited to
``/bien-nhan/``: it never travels with the voter session, and the look-up by receipt is a POST
there, so no request ties a receipt to a delegate. The ballot page offers only valid ballots;
the server checks again.

The voter pages use no CSRF cookie (it would travel everywhere with the receipt): the voter
session cookie is ``SameSite=Strict``, and a POST a browser marks as cross-site is refused.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from functools import cache, wraps
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daihoi.elections import congress as hall
from daihoi.elections import encrypted, errors, rows, services
from daihoi.elections.errors import AlreadyVoted, ElectionError, InvalidBallot
from daihoi.elections.models import Election, OpenVote, Round, RoundStatus
from daihoi.elections.snapshot import round_title

VOTER_PATH = "/bo-phieu/"
RECEIPT_PATH = "/bien-nhan/"
VOTER_COOKIE = "phien-bo-phieu"
VOTER_SALT = "daihoi.voter"
VOTER_COOKIE_AGE = 3 * 24 * 3600  # a congress lasts a day or two
RECEIPT_COOKIE = "bien-nhan-{round}"
RECEIPT_SALT = "daihoi.receipt"
SUBMISSION_FIELD = "lan-gui"  # the ballot form's submission code (services.submission_receipt)
RECEIPT_COOKIE_AGE = 7 * 24 * 3600

View = Callable[..., HttpResponse]


def _cross_site(request: HttpRequest) -> bool:
    """Tell whether the browser says this POST comes from another site.

    ``Sec-Fetch-Site`` where the browser sends it; otherwise an ``Origin`` naming another
    host. A page with ``Referrer-Policy: no-referrer`` posts with ``Origin: null``, which
    Django's CSRF check refuses: that is why these pages do their own check.
    """
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site not in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin in (None, "null"):
        return False
    return origin != f"{request.scheme}://{request.get_host()}"


# What a refusal page is headed with: the kind of vote of the page refused, known from the page
# itself (never from a round or a vote the request names: a refused request is not trusted).
SECRET_BALLOT = gettext_lazy("Bỏ phiếu kín")
OPEN_VOTE = gettext_lazy("Biểu quyết công khai")
ON_THE_PHONE = gettext_lazy("Bỏ phiếu trên điện thoại")  # the pages that serve both


def private_page(view: View | None = None, *, heading: str = ON_THE_PHONE) -> Any:
    """A voter page: not cached, no Referer sent from it, no CSRF cookie, no cross-site POST.

    ``heading`` names the page's kind of vote on its refusals (``@private_page(heading=...)``).
    """

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method == "POST" and _cross_site(request):
                response = _message(request, errors.CROSS_SITE_REFUSED, 403, heading=heading)
            else:
                response = view(request, *args, **kwargs)
            response["Referrer-Policy"] = "no-referrer"
            return response

        return never_cache(csrf_exempt(wrapped))

    return decorate(view) if view is not None else decorate


def _set_voter(response: HttpResponse, token_hash: str) -> None:
    response.set_signed_cookie(
        VOTER_COOKIE,
        token_hash,
        salt=VOTER_SALT,
        max_age=VOTER_COOKIE_AGE,
        path=VOTER_PATH,
        httponly=True,
        samesite="Strict",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def _voter_hash(request: HttpRequest) -> str:
    return request.get_signed_cookie(
        VOTER_COOKIE, default="", salt=VOTER_SALT, max_age=VOTER_COOKIE_AGE
    )


class NoVoter(Exception):
    """The phone holds no voter session, or one for a code that no longer works: the page to
    show, and its message for a page's script (which gets JSON, not the page)."""

    def __init__(self, response: HttpResponse, message: str) -> None:
        self.response = response
        self.message = message


def _message(
    request: HttpRequest, message: str, status: int, *, heading: str = SECRET_BALLOT
) -> HttpResponse:
    context = {"message": message, "heading": heading}
    return render(request, "elections/voter_message.html", context, status=status)


def _delegate(request: HttpRequest, heading: str) -> Any:
    """Return the delegate of the phone's voter session, or raise NoVoter with the page to show."""
    token_hash = _voter_hash(request)
    if not token_hash:
        raise NoVoter(redirect("voter_entry"), errors.VOTER_SESSION_NEEDED)
    delegate = services.delegate_for_hash(token_hash)
    if delegate is None:
        replaced = services.code_was_replaced(token_hash=token_hash)
        message = errors.VOTING_CODE_REPLACED if replaced else errors.VOTING_CODE_UNKNOWN
        response = _message(request, message, status=403, heading=heading)
        response.delete_cookie(VOTER_COOKIE, path=VOTER_PATH)
        raise NoVoter(response, message)
    return delegate


def voter_page(view: View | None = None, *, heading: str = ON_THE_PHONE) -> Any:
    """A page of the voter session: the view gets the delegate after the request.

    ``heading`` as ``private_page``'s: the page's kind of vote, on its refusals.
    """

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            try:
                delegate = _delegate(request, heading)
            except NoVoter as refused:
                if request.content_type != "application/json":
                    return refused.response
                # the page's script posting: the same refusal, as JSON (post-json.js shows it)
                answer = JsonResponse({"ok": False, "message": refused.message}, status=403)
                answer.cookies = refused.response.cookies  # a replaced code's cookie deleted
                return answer
            return view(request, delegate, *args, **kwargs)

        decorated: View = private_page(wrapped, heading=heading)
        return decorated

    return decorate(view) if view is not None else decorate


def _round(delegate: Any, round_id: int) -> Round:
    """Return a phone round of the delegate's congress, with its election (404 otherwise).

    One raw query (``rows``): every phone request reads the round, and the ORM spent about
    1 ms a request compiling the select_related join (bench/bench_phone_vote.py).
    """
    found = rows.read(_phone_round_sql(), [round_id, delegate.congress_id], (Round, Election))
    if found is None:
        raise Http404(errors.NOT_FOUND)
    round_, election = found
    round_.election = election
    return round_


@cache
def _phone_round_sql() -> str:
    """The query of ``_round`` (made once the models are ready)."""
    selected = f"{rows.columns(Round, 'r')}, {rows.columns(Election, 'e')}"  # models' columns
    return (
        f"SELECT {selected} "  # noqa: S608 - columns of the models
        "FROM elections_round r JOIN elections_election e ON e.id = r.election_id "
        "WHERE r.id = %s AND e.congress_id = %s AND r.phone"
    )


# --- The code, once ------------------------------------------------------------------------------


@private_page
@require_http_methods(["GET", "POST"])
def voter_entry(request: HttpRequest) -> HttpResponse:
    """GET: the page the QR code opens (a script posts the code from the fragment) or a form
    to type it; POST: the code exchanged for the voter session, then the rounds."""
    context: dict[str, Any] = {}
    if request.method == "POST":
        code = request.POST.get("ma", "")
        if not code.strip():
            context["error"] = errors.VOTING_CODE_REQUIRED
            return render(request, "elections/voter_entry.html", context, status=400)
        token_hash = services.hash_of_code(code)
        if token_hash is None:
            replaced = services.code_was_replaced(code=code)
            context["error"] = (
                errors.VOTING_CODE_REPLACED if replaced else errors.VOTING_CODE_UNKNOWN
            )
            return render(request, "elections/voter_entry.html", context, status=403)
        response = redirect("voter_home")
        response.status_code = 303
        _set_voter(response, token_hash)
        return response
    token_hash = _voter_hash(request)
    if token_hash:
        context["current"] = services.delegate_for_hash(token_hash)
    return render(request, "elections/voter_entry.html", context)


@private_page
@require_POST
def voter_leave(request: HttpRequest) -> HttpResponse:
    """Forget the voter session on this phone (a phone lent to another delegate)."""
    response = redirect("voter_entry")
    response.status_code = 303
    response.delete_cookie(VOTER_COOKIE, path=VOTER_PATH)
    return response


# --- The voter session ---------------------------------------------------------------------------


@voter_page
@require_GET
def voter_home(request: HttpRequest, delegate: Any) -> HttpResponse:
    rounds = list(
        Round.objects.select_related("election")
        .filter(election__congress_id=delegate.congress_id, phone=True)
        .exclude(status__in=[RoundStatus.DRAFT, RoundStatus.LIST_APPROVED])
        .order_by("election_id", "number")
    )
    voted = services.rounds_voted(delegate, rounds)
    items = [
        {
            "round": r,
            "title": round_title(r),
            "open": r.status == RoundStatus.OPEN,
            "voted": r.pk in voted,
            "published": r.status in (RoundStatus.CLOSED, RoundStatus.COUNTED),
        }
        for r in rounds
    ]
    return render(
        request,
        "elections/voter_home.html",
        {
            "delegate": delegate,
            "items": items,
            "refusal": _not_allowed(delegate),
            "open_vote": OpenVote.objects.filter(
                congress_id=delegate.congress_id, closed_at__isnull=True
            ).first(),
        },
    )


def _not_allowed(delegate: Any) -> str:
    """Return why this delegate may not vote now (a guest, not checked in), or ""."""
    if not hall.is_voter(delegate):
        return errors.NOT_A_VOTER.format(name=delegate.full_name)
    if not hall.is_checked_in(delegate):
        return errors.NOT_CHECKED_IN.format(name=delegate.full_name)
    return ""


def _receipt_cookie(response: HttpResponse, round_: Round, receipt: str) -> None:
    response.set_signed_cookie(
        RECEIPT_COOKIE.format(round=round_.pk),
        receipt,
        salt=RECEIPT_SALT,
        max_age=RECEIPT_COOKIE_AGE,
        path=RECEIPT_PATH,
        httponly=True,
        samesite="Strict",
        secure=settings.SESSION_COOKIE_SECURE,
    )


@voter_page(heading=SECRET_BALLOT)
@require_http_methods(["GET", "POST"])
def voter_ballot(request: HttpRequest, delegate: Any, round_id: int) -> HttpResponse:
    """The ballot on the phone: GET shows it, POST casts it (once) and shows the receipt."""
    round_ = _round(delegate, round_id)
    context: dict[str, Any] = {
        "delegate": delegate,
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
    if round_.encrypted:
        context["crypto"] = encrypted.phone_crypto(round_, sheet)
        context["crypto_context"] = json.dumps(context["crypto"].context)
        context["needs_script"] = errors.ENCRYPTED_NEEDS_SCRIPT
    if request.method == "POST":
        crossed = set(request.POST.getlist("crossed"))
        kept = [cid for cid in sheet.ids if cid not in crossed]
        try:
            if round_.encrypted:
                receipt, context["fingerprint"] = _cast_encrypted(request, round_, delegate)
            else:
                if not crossed <= set(sheet.ids):
                    raise InvalidBallot(errors.BALLOT_INVALID.format(reason=errors.UNKNOWN_NAME))
                receipt = services.cast_phone_ballot(
                    round_id=round_.pk,
                    delegate=delegate,
                    kept=kept,
                    submission=request.POST.get(SUBMISSION_FIELD, ""),
                )
        except AlreadyVoted as error:
            context["refusal"] = error.message
            context["voted"] = True
            return render(request, "elections/voter_ballot.html", context, status=409)
        except InvalidBallot as error:
            context["error"] = error.message
            status = 400
        except ElectionError as error:
            context["refusal"] = error.message
            return render(request, "elections/voter_ballot.html", context, status=403)
        else:
            context["receipt"] = receipt
            response = render(request, "elections/voter_done.html", context)
            _receipt_cookie(response, round_, receipt)
            return response
    elif services.has_voted(round_, delegate):
        context["refusal"] = errors.ALREADY_VOTED
        context["voted"] = True
        return render(request, "elections/voter_ballot.html", context, status=409)
    else:
        refusal = _not_allowed(delegate)
        if refusal:  # said before the delegate fills the ballot, not after
            context["refusal"] = refusal
            return render(request, "elections/voter_ballot.html", context, status=403)
    context["choices"] = [
        {"id": cid, "name": sheet.names[cid], "crossed": cid in crossed} for cid in sheet.ids
    ]
    # Sent with the ballot: the same form sent again gets its receipt again (a retry).
    context["submission"] = services.new_submission_code()
    context["submission_field"] = SUBMISSION_FIELD
    return render(request, "elections/voter_ballot.html", context, status=status)


def _cast_encrypted(request: HttpRequest, round_: Round, delegate: Any) -> tuple[str, str]:
    """Cast the phone's encrypted ballot (the ``ballot`` field the page's script fills); return
    its tracking code and its fingerprint (the one the phone showed before the voter chose to
    cast it, docs/ballot-crypto.md "Cast or audit"). The names crossed never reach the server:
    the boxes have no name."""
    from daihoi.elections.crypto_views import json_or_none

    sent = request.POST.get("ballot", "")
    if not sent:
        raise InvalidBallot(errors.ENCRYPTED_NEEDS_SCRIPT)
    # what is not JSON is None, which the cast refuses as a ballot not in the phone's format
    data = json_or_none(sent)
    cast = encrypted.cast_encrypted_ballot(
        round_=round_,
        delegate=delegate,
        ballot=data,
        commitments=_sent_commitments(request.POST.get("commitments", "")),
    )
    return cast.tracking, cast.fingerprint


def _sent_commitments(text: str) -> bytes | None:
    """The commitments the phone's script sends beside its ballot (base64), or None: they only
    speed the check up, so what is missing or unreadable is checked without them."""
    try:
        return base64.b64decode(text, validate=True) if text else None
    except ValueError:  # binascii.Error: not base64
        return None


@voter_page(heading=SECRET_BALLOT)
@require_POST
def voter_audit_publish(request: HttpRequest, delegate: Any, round_id: int) -> JsonResponse:
    """The phone publishes an encryption its voter audited instead of casting (JSON: the
    ciphertexts, the choice shown, the nonces); checked, then listed on the round's board with
    nothing about who sent it (docs/ballot-crypto.md, "Cast or audit")."""
    from daihoi.elections.crypto_views import json_body

    round_ = _round(delegate, round_id)
    try:
        position = encrypted.publish_audit(round_=round_, audit=json_body(request))
    except ElectionError as error:
        return JsonResponse({"ok": False, "message": error.message}, status=400)
    return JsonResponse(
        {"ok": True, "position": position, "message": errors.AUDIT_PUBLISHED.format(n=position)}
    )


@voter_page(heading=SECRET_BALLOT)
@require_GET
def voter_published(request: HttpRequest, delegate: Any, round_id: int) -> HttpResponse:
    """The published phone ballots; the look-up by receipt goes to /bien-nhan/ (no session)."""
    from daihoi.elections.views import published_context

    round_ = _round(delegate, round_id)
    if round_.encrypted:  # its ballots are on the public board, by tracking code
        return redirect("receipt_check", round_id=round_.pk)
    context = published_context(round_)
    context.update(
        {
            "delegate": delegate,
            "lookup_url": reverse("receipt_check", kwargs={"round_id": round_.pk}),
        }
    )
    return render(request, "elections/voter_published.html", context)


# --- The receipt, apart from the voter ------------------------------------------------------------


@private_page(heading=SECRET_BALLOT)
@require_http_methods(["GET", "POST"])
def receipt_check(request: HttpRequest, round_id: int) -> HttpResponse:
    """Find a phone ballot by its receipt: typed (POST) or the one this phone kept (cookie).

    No voter session reaches this path, and no code: the receipt alone says which ballot, not
    whose. The round's title is shown only with a receipt of it.
    """
    from daihoi.elections.presenters import published_ballot

    round_ = Round.objects.select_related("election").filter(pk=round_id, phone=True).first()
    if round_ is None:
        return _message(request, errors.NOT_FOUND, status=404)
    mine = request.get_signed_cookie(
        RECEIPT_COOKIE.format(round=round_.pk),
        default="",
        salt=RECEIPT_SALT,
        max_age=RECEIPT_COOKIE_AGE,
    )
    if round_.encrypted:
        return _board_page(request, round_, mine)
    typed = request.POST.get("ma", "") if request.method == "POST" else ""
    wanted = (typed or mine).strip().upper()
    shown = round_.status in (RoundStatus.CLOSED, RoundStatus.COUNTED)
    found = published_ballot(round_, wanted) if shown and wanted else None
    context = {
        "round": round_,
        "title": round_title(round_) if (found or mine) else "",
        "wanted": wanted,
        "mine": mine,
        "shown": shown,
        "found": found,
    }
    return render(request, "elections/voter_receipt.html", context)


@private_page(heading=SECRET_BALLOT)
@require_GET
def public_record(request: HttpRequest, round_id: int) -> HttpResponse:
    """The encrypted round's record, for anyone to check with ``daihoi verify-election``
    (no login, no session): what the board shows and every proof behind it, once voting has
    ended (docs/ballot-crypto.md, "The record and its verifier")."""
    from daihoi.elections.crypto_views import record_published, record_response

    round_ = Round.objects.select_related("election").filter(pk=round_id, phone=True).first()
    if round_ is None or not record_published(round_):
        return _message(request, errors.NOT_FOUND, status=404)
    return record_response(round_)


def _board_page(request: HttpRequest, round_: Round, mine: str) -> HttpResponse:
    """The public board of an encrypted round: every ballot's tracking code in chain order, the
    chain checked, the final hash; the code this phone kept (or the one typed) marked."""
    from daihoi.elections.crypto_views import record_published

    if round_.status in (RoundStatus.DRAFT, RoundStatus.LIST_APPROVED):
        return _message(request, errors.NOT_FOUND, status=404)
    typed = request.POST.get("ma", "").strip().lower() if request.method == "POST" else ""
    board = encrypted.board(round_)
    wanted = typed or mine
    codes = {code for _, code in board.entries}
    context = {
        "round": round_,
        "title": round_title(round_),
        "board": board,
        "mine": mine,
        "wanted": wanted,
        "found": wanted in codes if wanted else None,
        "audits": _audits_shown(round_),
        "record": record_published(round_),
    }
    return render(request, "elections/voter_board.html", context)


def _audits_shown(round_: Round) -> list[dict[str, Any]]:
    """The published audits as the board page lists them: fingerprint and the names kept."""
    sheet = services.phone_sheet(round_)
    return [
        {
            "position": audit.position,
            "fingerprint": audit.fingerprint,
            # checked at publication: one choice per name, in ballot order
            "kept": [
                sheet.names[cid] for cid, k in zip(sheet.ids, audit.audit["kept"], strict=True) if k
            ],
        }
        for audit in encrypted.audits(round_)
    ]
