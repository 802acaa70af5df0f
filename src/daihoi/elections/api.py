"""API of the open votes on the phones: each vote of a congress with its tally.

Read-only, with the congress's access (outside the caller's subtree: 404), as the presidium's
tally and the projector. Only the figures: who raised which hand stays on the pages that keep
it. An open vote gives its live tally (hands cast so far, those present now); a closed one the
figures its closing recorded as the congress's show of hands. No ``from __future__ import
annotations``: django-ninja reads the annotations at import time.
"""

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from daihoi.api_common import caller, errors
from daihoi.elections import congress as hall
from daihoi.elections import open_votes
from daihoi.elections.models import OpenVote

open_votes_router = Router(tags=["Biểu quyết trên điện thoại"])


class OpenVoteOut(Schema):
    id: int
    subject: str = Field(description="Loại nội dung (chuong-trinh, bao-cao, nghi-quyet, ...).")
    title: str = Field(description="Tên nội dung biểu quyết.")
    agenda_item: int | None = Field(description="Mục chương trình (id), nếu có.")
    opened_at: datetime.datetime
    closed_at: datetime.datetime | None = Field(description="Lúc kết thúc; null khi đang mở.")
    open: bool = Field(description="Đang mở trên điện thoại.")
    yes: int = Field(description="Tán thành.")
    no: int = Field(description="Không tán thành.")
    abstain: int = Field(description="Không biểu quyết.")
    present: int = Field(
        description="Đang mở: số đại biểu có mặt lúc này; đã kết thúc: số có mặt khi ghi."
    )
    adopted: bool | None = Field(
        description="Đã kết thúc: được thông qua (rules.md §2.1); null khi đang mở."
    )
    hall_vote: int | None = Field(
        description="Lần biểu quyết của đại hội được ghi khi kết thúc (id, xem hall-votes)."
    )


def _out(vote: OpenVote) -> dict[str, Any]:
    recorded = vote.hall_vote
    if recorded is None:  # open: the live tally
        live = open_votes.tally(vote)
        figures = (live.yes, live.no, live.abstain, live.present, None)
    else:
        figures = (
            recorded.votes_yes,
            recorded.votes_no,
            recorded.votes_abstain,
            recorded.votes_present,
            recorded.adopted,
        )
    yes, no, abstain, present, adopted = figures
    return {
        "id": vote.pk,
        "subject": vote.subject,
        "title": vote.title,
        "agenda_item": vote.agenda_item_id,
        "opened_at": vote.opened_at,
        "closed_at": vote.closed_at,
        "open": vote.closed_at is None,
        "yes": yes,
        "no": no,
        "abstain": abstain,
        "present": present,
        "adopted": adopted,
        "hall_vote": vote.hall_vote_id,
    }


@open_votes_router.get(
    "{congress_id}/open-votes",
    response={200: list[OpenVoteOut], **errors(404)},
    summary="Biểu quyết trên điện thoại và kết quả",
    description=(
        "Các lần biểu quyết công khai trên điện thoại của đại hội, mới nhất trước: lần đang mở "
        "với số đã biểu quyết đến lúc này, các lần đã kết thúc với số liệu được ghi vào biểu "
        "quyết của đại hội. Chỉ số liệu, không có ai biểu quyết thế nào. Chỉ đọc."
    ),
)
def list_open_votes(request: HttpRequest, congress_id: int) -> Any:
    congress = hall.get_congress_for_user(caller(request), congress_id)
    votes = OpenVote.objects.filter(congress=congress).select_related("hall_vote")
    return [_out(vote) for vote in votes.order_by("-opened_at", "-id")]
