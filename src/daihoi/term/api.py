"""API of the resolution's targets: each target with its value and verdict year by year.

Read-only; the same access as the pages (outside the caller's subtree: 404). The values are the
term dashboard's own (``term.queries.target_rows``). No ``from __future__ import annotations``:
django-ninja reads the annotations at import time.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from daihoi.api_common import caller, errors
from daihoi.congresses.access import get_congress_for_user
from daihoi.term.queries import target_rows

targets_router = Router(tags=["Chỉ tiêu nghị quyết"])


class YearOut(Schema):
    year: int
    value: str = Field(description="Kết quả của năm như bảng theo dõi ghi (“chưa có số liệu”).")
    achieved: bool | None = Field(description="Đạt / không đạt; null khi chưa đủ số liệu.")
    typed: bool = Field(description="Số liệu nhập tay (có ghi chú, minh chứng).")
    note: str = Field(description="Ghi chú của số liệu nhập tay.")
    evidence: str = Field(description="Minh chứng của số liệu nhập tay.")


class TargetOut(Schema):
    id: int
    position: int
    text: str = Field(description="Nội dung chỉ tiêu, nguyên văn nghị quyết.")
    measure: str = Field(description="Cách đo.")
    comparison: str
    threshold: str = Field(description="Chỉ tiêu như được viết (“trên 95%”).")
    period: str = Field(description="yearly (hằng năm) hoặc term (cả nhiệm kỳ).")
    first_year: int
    last_year: int
    achieved: bool | None = Field(description="Kết quả cả nhiệm kỳ; null khi chưa đủ số liệu.")
    verdict: str = Field(description="Đánh giá cả nhiệm kỳ, bằng lời.")
    years: list[YearOut]


@targets_router.get(
    "{congress_id}/targets",
    response={200: list[TargetOut], **errors(404)},
    summary="Chỉ tiêu nghị quyết và kết quả từng năm",
    description=(
        "Các chỉ tiêu nghị quyết của đại hội theo thứ tự, mỗi chỉ tiêu với kết quả và đánh giá "
        "từng năm (đo từ số liệu thi đua, hoạt động, hoặc nhập tay) và đánh giá cả nhiệm kỳ, "
        "như bảng theo dõi chỉ tiêu nhiệm kỳ. Chỉ đọc."
    ),
)
def list_targets(request: HttpRequest, congress_id: int) -> Any:
    congress = get_congress_for_user(caller(request), congress_id)
    return [
        {
            "id": row.target.pk,
            "position": row.target.position,
            "text": row.target.text,
            "measure": row.target.measure,
            "comparison": row.target.comparison,
            "threshold": row.threshold_text,
            "period": row.target.period,
            "first_year": row.target.first_year,
            "last_year": row.target.last_year,
            "achieved": row.result.achieved,
            "verdict": row.verdict,
            "years": [
                {
                    "year": cell.year,
                    "value": cell.text,
                    "achieved": cell.achieved,
                    "typed": cell.typed is not None,
                    "note": cell.typed.note if cell.typed else "",
                    "evidence": cell.typed.evidence if cell.typed else "",
                }
                for cell in row.cells
            ],
        }
        for row in target_rows(congress, charts=False)
    ]
