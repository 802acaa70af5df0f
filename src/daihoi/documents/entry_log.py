"""The entry log of a paper count (nhật ký nhập phiếu), as PDF or Word.

Every line a teller confirmed on the entry screen, every correction (naming the line it
corrects) and every mismatch the committee resolved, in the order they were made: the trail a
counting committee signs under so that the count can be reconstructed from the paper.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

from daihoi.documents import blocks, page, pdf, word
from daihoi.documents.blocks import Block, Grid, Head, Para, Signatures, Signer
from daihoi.documents.letterhead import Letterhead
from daihoi.rules.numbers import number_vi

TITLE = "NHẬT KÝ NHẬP PHIẾU"
ISSUER = "Ban kiểm phiếu"
HEADER = ("STT", "Thời gian", "Người nhập", "Phiếu số", "Nội dung nhập", "Ghi chú")
WIDTHS_MM = (12.0, 22.0, 38.0, 16.0, 45.0, 32.0)
KIND_ENTRY = "entry"
KIND_CORRECTION = "correction"
KIND_RESOLUTION = "resolution"
NOTE_CORRECTION = "sửa dòng {line}"
NOTE_RESOLUTION = "Ban kiểm phiếu giải quyết sai lệch"
SUMMARY = (
    "Tổng cộng {lines} dòng: {entries} lần nhập, {corrections} lần sửa, "
    "{resolutions} sai lệch được giải quyết."
)
INTRO = (
    "{election}, vòng bầu thứ {round}. Nhật ký ghi lại theo thứ tự thời gian mọi lần nhập, "
    "sửa và giải quyết sai lệch; không dòng nào bị xóa hay sửa đè."
)
SIGN_MEMBERS = "CÁC THÀNH VIÊN BAN KIỂM PHIẾU"
SIGN_CHAIR = "TRƯỞNG BAN KIỂM PHIẾU"
MSG_UNSUPPORTED = "chỉ ghi được tệp .pdf hoặc .docx (nhận được {suffix})"


@dataclass(frozen=True)
class LogLine:
    """One line of the log: ``line`` is its own number, ``corrects`` the line it replaces."""

    line: int
    when: datetime.datetime
    teller: str
    number: int
    entry: str  # what the line records, in words ("gạch 2, 5")
    typed: str  # the keys as typed
    kind: str = KIND_ENTRY
    corrects: int | None = None


@dataclass(frozen=True)
class EntryLog:
    """The log of one round, with what the header and the signatures need."""

    election: str
    round_number: int
    organization: str
    lines: tuple[LogLine, ...]
    committee: tuple[str, ...] = ()
    chair: str = ""
    locality: str = ""  # the place in the date line ("Lai Châu")
    when: datetime.datetime | None = None  # the date of the log (its first line)
    # The congress as the header names it, with its term ("Đại hội đại biểu … khóa V"); without
    # it the header says "Đại hội <organization>".
    congress: str = ""


def _note(line: LogLine) -> str:
    if line.kind == KIND_RESOLUTION:
        return NOTE_RESOLUTION
    if line.corrects is not None:
        return NOTE_CORRECTION.format(line=line.corrects)
    return ""


def _entry_text(line: LogLine) -> str:
    if line.typed and line.typed != line.entry:
        return f"{line.entry} (gõ: {line.typed})"
    return line.entry


def log_blocks(log: EntryLog) -> list[Block]:
    """Return the content of the log, shared by the PDF and the Word output."""
    parent = log.congress or (f"Đại hội {log.organization}" if log.organization else "")
    head = Letterhead(issuer=ISSUER, parent=parent.upper(), place=log.locality, when=log.when)
    out: list[Block] = [Head(head)]
    out.append(Para(TITLE, align="center", bold=True, size=page.TITLE_PT, before=6, after=4))
    out.append(Para(INTRO.format(election=log.election, round=log.round_number), after=6))
    rows = tuple(
        (
            str(line.line),
            line.when.strftime("%H:%M:%S"),
            line.teller,
            str(line.number),
            _entry_text(line),
            _note(line),
        )
        for line in log.lines
    )
    out.append(
        Grid(
            header=HEADER,
            rows=rows,
            widths_mm=WIDTHS_MM,
            align=("center", "center", "left", "center", "left", "left"),
        )
    )
    kinds = [line.kind for line in log.lines]
    out.append(
        Para(
            SUMMARY.format(
                lines=number_vi(len(kinds)),
                entries=number_vi(kinds.count(KIND_ENTRY)),
                corrections=number_vi(kinds.count(KIND_CORRECTION)),
                resolutions=number_vi(kinds.count(KIND_RESOLUTION)),
            ),
            before=4,
            keep_with_next=True,
        )
    )
    out.append(
        Signatures(
            left=Signer(SIGN_MEMBERS, names=log.committee),
            right=Signer(SIGN_CHAIR, names=(log.chair,) if log.chair else ()),
        )
    )
    return out


def render_entry_log_pdf(log: EntryLog) -> bytes:
    """Return the log as PDF bytes."""
    css = pdf.base_css() + blocks.blocks_css()
    body = blocks.blocks_html(log_blocks(log))
    return pdf.render_pdf(pdf.html_document(body, title=f"{TITLE} – {log.election}", css=css))


def write_entry_log(log: EntryLog, path: str | PathLike[str]) -> None:
    """Write the log to ``path``: PDF for .pdf, Word for .docx."""
    suffix = Path(path).suffix.lower()
    if suffix == ".pdf":
        Path(path).write_bytes(render_entry_log_pdf(log))
    elif suffix == ".docx":
        document = word.new_document(title=f"{TITLE} – {log.election}")
        word.add_page_numbers(document)
        blocks.add_blocks(document, log_blocks(log))
        word.save(document, path)
    else:
        raise ValueError(MSG_UNSUPPORTED.format(suffix=suffix))


def lines_in_order(lines: Sequence[LogLine]) -> tuple[LogLine, ...]:
    """Return the lines by their own number (the order they were made)."""
    return tuple(sorted(lines, key=lambda line: line.line))
