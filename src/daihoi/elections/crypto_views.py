"""The counting committee's side of an encrypted round (issue 13, docs/ballot-crypto.md).

Only the Ban Kiểm phiếu members of the round's congress, each through the account linked to
their seat, post here; each member's device computes its part (static/js/ballot-crypto.js) and
the server checks the proof before keeping it (``daihoi.elections.encrypted``).
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daihoi.elections import access, encrypted, errors
from daihoi.elections import congress as hall
from daihoi.elections.errors import ElectionError
from daihoi.elections.models import Round, RoundStatus
from daihoi.elections.snapshot import round_title

MAX_BODY = 2_000_000  # a partial decryption of 185 names is about 40 kB


def _holder(request: HttpRequest, round_: Round) -> encrypted.Holder:
    """The key share the signed-in teller holds in this round, or 403."""
    access.require_teller(request.user, round_)
    seat = hall.teller_seat(round_.election.congress, request.user)
    assert seat is not None
    holder = encrypted.holder_of(round_, delegate_id=seat.delegate_id)
    if holder is None:
        raise PermissionDenied(errors.ENCRYPTED_NOT_KEY_HOLDER)
    return holder


def json_or_none(text: str | bytes) -> Any:
    """``text`` read as JSON, or None when it is not JSON, which includes JSON nested deeper than
    Python's reader goes (RecursionError): the service then refuses None in words."""
    try:
        return json.loads(text)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None


def json_body(request: HttpRequest) -> Any:
    """The request's JSON body, or None when too large or not JSON (the service then refuses)."""
    if len(request.body) > MAX_BODY:
        return None
    return json_or_none(request.body)


@login_required
@require_POST
def round_decrypt_submit(request: HttpRequest, round_id: int) -> JsonResponse:
    """A member's device posts its partial decryption (JSON); the answer says how many of the
    threshold are in, or why it was refused (400, in words)."""
    round_ = access.get_round_for_user(request.user, round_id, write=True)
    holder = _holder(request, round_)
    try:
        received = encrypted.submit_partial(
            round_=round_, member=holder.index, partial=json_body(request), user=request.user
        )
    except ElectionError as error:
        return JsonResponse({"ok": False, "message": error.message}, status=400)
    round_.refresh_from_db()
    threshold = int((round_.key_record or {}).get("threshold", 0))
    return JsonResponse(
        {
            "ok": True,
            "received": received,
            "threshold": threshold,
            "message": errors.PARTIAL_RECORDED.format(
                member=holder.label, received=received, threshold=threshold
            ),
        }
    )


def _seat(request: HttpRequest, round_: Round) -> hall.TellerSeat:
    access.require_teller(request.user, round_)
    seat = hall.teller_seat(round_.election.congress, request.user)
    assert seat is not None
    return seat


@login_required
@require_http_methods(["GET", "POST"])
def round_ceremony(request: HttpRequest, round_id: int) -> HttpResponse:
    """The key ceremony: each Ban Kiểm phiếu member's device makes its part of the round's key
    (static/elections/key-ceremony.js). GET the page; POST (JSON) one step of this member."""
    round_ = access.get_round_for_user(request.user, round_id, write=request.method == "POST")
    seat = _seat(request, round_)
    if request.method == "POST":
        try:
            state = encrypted.ceremony_post(
                round_=round_, delegate_id=seat.delegate_id, data=json_body(request)
            )
        except ElectionError as error:
            return JsonResponse({"ok": False, "message": error.message}, status=400)
        message = ""
        if state.step == encrypted.DONE:
            message = errors.CEREMONY_DONE.format(
                members=len(state.holders), threshold=state.threshold
            )
        return JsonResponse({"ok": True, "step": state.step, "message": message})
    state = encrypted.ceremony(round_)
    me = next((h for h in state.holders if h.delegate_id == seat.delegate_id), None)
    members = []
    for h in state.holders:
        post = state.posts.get(h.index)
        members.append(
            {
                "index": h.index,
                "name": h.name,
                "device_key": post.device_key if post else "",
                "commitment": post.commitment if post else None,
                "sealed": (post.shares or {}).get(str(me.index)) if post and me else None,
                "checked": bool(post and post.verification),
                "complaints": (post.complaints or {}) if post else {},
            }
        )
    open_steps = round_.status in (RoundStatus.DRAFT, RoundStatus.LIST_APPROVED) and round_.phone
    data = {
        "round": round_.pk,
        "member": me.index if me else None,
        "threshold": state.threshold,
        "step": state.step,
        "group": encrypted.group_of(round_).name,
        "context": encrypted.round_context(round_),
        "members": members,
        "post_url": reverse("round_ceremony", args=[round_.pk]),
    }
    context = {
        "round": round_,
        "election": round_.election,
        "congress": round_.election.congress,
        "title": round_title(round_),
        "state": state,
        "me": me,
        "left_out": next((e for e in state.excluded if e.delegate_id == seat.delegate_id), None),
        "excludable": state.excludable(me) if me and open_steps else [],
        "waiting": state.waiting_for(),
        "open_steps": open_steps,
        "data": data,
    }
    return render(request, "elections/ceremony.html", context)


@login_required
@require_GET
def round_decrypt(request: HttpRequest, round_id: int) -> HttpResponse:
    """The decryption page: the member's device computes its partial decryption of the closed
    round's sums from the key share it keeps (or the printed backup) and posts it."""
    round_ = access.get_round_for_user(request.user, round_id)
    seat = _seat(request, round_)
    me = encrypted.holder_of(round_, delegate_id=seat.delegate_id)
    received = sorted(round_.decryptions.values_list("member", flat=True))
    record = round_.tally_record or {}  # the close's: the board's length, final hash and sums
    threshold = int((round_.key_record or {}).get("threshold", 0))
    ready = round_.encrypted and round_.status == RoundStatus.CLOSED and bool(record)
    data = {
        "round": round_.pk,
        "member": me.index if me else None,
        "verification": encrypted.verification_key(round_, member=me.index) if me else None,
        "sums": record.get("sums", []) if ready else [],
        "group": encrypted.group_of(round_).name,
        "context": encrypted.decryption_context(round_),
        "post_url": reverse("round_decrypt_submit", args=[round_.pk]),
    }
    context = {
        "round": round_,
        "election": round_.election,
        "congress": round_.election.congress,
        "title": round_title(round_),
        "me": me,
        "ready": ready,
        # voted on paper alone: every phone total is 0 and nobody decrypts (the count says so)
        "empty": ready and not record.get("ballots"),
        "nothing_to_decrypt": errors.ENCRYPTED_NOTHING_TO_DECRYPT,
        "holders": encrypted.holders(round_),
        "received": received,
        "threshold": threshold,
        # as many partials as the threshold: the others need not decrypt (more are still taken)
        "enough": len(received) >= threshold > 0,
        "ballots": record.get("ballots"),
        "final": record.get("final"),
        "data": data,
    }
    return render(request, "elections/decrypt.html", context)


@login_required
@require_GET
def round_record(request: HttpRequest, round_id: int) -> StreamingHttpResponse:
    """The encrypted round's public record as a file, for ``daihoi verify-election``."""
    round_ = access.get_round_for_user(request.user, round_id)
    if not record_published(round_):
        raise Http404(errors.NOT_FOUND)
    return record_response(round_)


def record_published(round_: Round) -> bool:
    """Whether the round's record is out: an encrypted round, once its voting has ended."""
    return round_.encrypted and round_.status in (RoundStatus.CLOSED, RoundStatus.COUNTED)


def record_response(round_: Round) -> StreamingHttpResponse:
    """The record as a file, streamed (2,000 ballots of 185 names make about 250 MB)."""
    response = StreamingHttpResponse(
        encrypted.election_record_text(round_), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="ban-ghi-ma-hoa-vong-{round_.pk}.json"'
    return response
