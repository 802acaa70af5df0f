"""The term review (báo cáo tổng kết nhiệm kỳ): target by target, what was achieved each year.

Read from the term dashboard's own measures (``term.queries.target_rows``: the emulation and
activity records counted, the values typed by hand with their note and evidence), so the paper
and the dashboard say the same; the starting point of the next congress's political report.
"""

from __future__ import annotations

from daihoi.congresses.models import Congress
from daihoi.documents import page
from daihoi.documents.blocks import Block, Grid, Head, Para, Signatures, Signer
from daihoi.documents.letterhead import Letterhead
from daihoi.term.queries import TargetRow, target_rows

_INDENT_MM = 10.0

TITLE = "BÁO CÁO"
SUBJECT = "Tổng kết thực hiện các chỉ tiêu Nghị quyết {title}"
OPENING = (
    "{congress} đã đề ra {count} chỉ tiêu cho nhiệm kỳ {term}. Kết quả thực hiện từng chỉ tiêu, "
    "theo số liệu thi đua, hoạt động và số liệu đã cập nhật trên hệ thống, như sau:"
)
NO_TARGETS = "{congress} chưa có chỉ tiêu nào được ghi trên hệ thống."
TARGET = "{n}. {text}"
THRESHOLD = "Chỉ tiêu: {threshold}."
COLUMNS = ("Năm", "Kết quả", "Đánh giá")
ACHIEVED = {True: "Đạt", False: "Không đạt", None: "—"}
VERDICT = "Cả nhiệm kỳ: {verdict}{total}. {explanation}"
TOTAL = " (tổng cộng {total})"
TYPED = "Năm {year}: {note}{evidence}"
EVIDENCE = " (minh chứng: {evidence})"
SUMMARY = (
    "Tổng hợp: {achieved} chỉ tiêu đạt, {missed} chỉ tiêu không đạt, {open} chỉ tiêu chưa đủ "
    "số liệu."
)
FOR_COMMITTEE = "TM. BAN CHẤP HÀNH"


def _target_blocks(n: int, row: TargetRow) -> list[Block]:
    out: list[Block] = [
        Para(TARGET.format(n=n, text=row.target.text), bold=True, before=6, keep_with_next=True),
        Para(THRESHOLD.format(threshold=row.threshold_text), indent_mm=_INDENT_MM, after=2),
        Grid(
            header=COLUMNS,
            rows=tuple((str(c.year), c.note or c.text, ACHIEVED[c.achieved]) for c in row.cells),
            widths_mm=(25, 95, 45),
            align=("center", "left", "center"),
        ),
    ]
    total = TOTAL.format(total=row.total_text) if row.rule.period.value == "term" else ""
    out.append(
        Para(
            VERDICT.format(verdict=row.verdict, total=total, explanation=row.explanation).strip(),
            indent_mm=_INDENT_MM,
            italic=True,
        )
    )
    for cell in row.cells:
        typed = cell.typed
        if typed is not None and (typed.note or typed.evidence):
            evidence = EVIDENCE.format(evidence=typed.evidence) if typed.evidence else ""
            out.append(
                Para(
                    TYPED.format(year=cell.year, note=typed.note, evidence=evidence),
                    indent_mm=_INDENT_MM,
                    size=11,
                    after=1,
                )
            )
    return out


def term_review_blocks(congress: Congress) -> list[Block]:
    """Return the term review of the congress's targets as blocks."""
    rows = target_rows(congress, charts=False)
    unit = congress.unit
    name = f"Đại hội {unit.name} {congress.number}".replace("  ", " ").strip()
    out: list[Block] = [
        Head(
            Letterhead(
                issuer=f"Ban Chấp hành {unit.name}",
                parent=unit.parent.name if unit.parent else "",
                number="Số: ……/BC-CĐ",
                place=congress.place,
            )
        ),
        Para(TITLE, align="center", bold=True, size=page.TITLE_PT, before=6, after=0),
        Para(SUBJECT.format(title=congress.title), align="center", bold=True, after=12),
    ]
    if not rows:
        out.append(Para(NO_TARGETS.format(congress=name), indent_mm=_INDENT_MM))
    else:
        out.append(
            Para(
                OPENING.format(congress=name, count=len(rows), term=congress.term),
                indent_mm=_INDENT_MM,
            )
        )
        for n, row in enumerate(rows, start=1):
            out += _target_blocks(n, row)
        judged = [r.result.achieved for r in rows if not r.recorded and not r.previous_term]
        out.append(
            Para(
                SUMMARY.format(
                    achieved=sum(v is True for v in judged),
                    missed=sum(v is False for v in judged),
                    open=sum(v is None for v in judged),
                ),
                bold=True,
                before=6,
            )
        )
    out.append(Signatures(left=None, right=Signer(FOR_COMMITTEE)))
    return out


def term_review_title(congress: Congress) -> str:
    return SUBJECT.format(title=congress.title)
