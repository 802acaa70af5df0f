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
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST

from daihoi.elections import access, encrypted, errors
from daihoi.elections import congress as hall
from daihoi.elections.errors import ElectionError
from daihoi.elections.models import Round

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


def _json_body(request: HttpRequest) -> Any:
    if len(request.body) > MAX_BODY:
        return None
    try:
        return json.loads(request.body)
    except (UnicodeDecodeError, ValueError):
        return None


@login_required
@require_POST
def round_decrypt_submit(request: HttpRequest, round_id: int) -> JsonResponse:
    """A member's device posts its partial decryption (JSON); the answer says how many of the
    threshold are in, or why it was refused (400, in words)."""
    round_ = access.get_round_for_user(request.user, round_id, write=True)
    holder = _holder(request, round_)
    try:
        received = encrypted.submit_partial(
            round_=round_, member=holder.index, partial=_json_body(request), user=request.user
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
