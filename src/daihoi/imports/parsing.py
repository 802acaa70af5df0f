"""Run the spreadsheet parser in a child process whose memory is capped (RLIMIT_AS).

The archive checks (daihoi.imports.archive) bound what a zip may unpack to and the grid its
cells span, but not everything a parser may build from a few bytes: a short shared string
referenced by millions of cells, or an old .xls (no zip to look into) with a cell at IV65536.
The parser (calamine, in Rust) aborts the whole process when an allocation fails, so it cannot
be capped inside a web process: it runs here, in a fresh interpreter that limits its own
address space before importing it, and sends back the first visible sheet's cells by pickle,
read with an unpickler that builds nothing but lists, texts, numbers and dates.

Run as ``python -m daihoi.imports.parsing LIMIT`` with the workbook on standard input.
"""

from __future__ import annotations

import datetime
import io
import os
import pickle
import subprocess
import sys
from typing import Any

MIB = 1024 * 1024
# Address space of the child: the interpreter and calamine take ~150 MB of it; a list of
# 200,000 members (about 20 MB as .xlsx) needs ~500 MB more to parse. Measured in
# bench/bench_hostile_workbooks.py.
MEMORY_LIMIT = 900 * MIB
# A small file gets a small share: calamine needs about 3 bytes per byte of XML (100,000 rows:
# 87 MB of XML, 282 MB of memory), and a list whose cells repeat one long text must fail fast
# (within a request's 2 s) rather than after filling MEMORY_LIMIT.
BASE_MEMORY = 192 * MIB
PER_UNPACKED_BYTE = 12
TIMEOUT = 120  # seconds; a 100,000-row list parses in about 3
MAX_GRID = 4_000_000  # rows x columns of the sheet's used range, as daihoi.imports.archive

# What the child reports instead of cells (the parent turns these into messages).
LOCKED, UNREADABLE, NO_SHEET, TOO_MANY_ROWS, TOO_WIDE = (
    "locked",
    "unreadable",
    "no-sheet",
    "too-many-rows",
    "too-wide",
)


class ParseFailed(Exception):
    """The child could not parse the workbook; reason is one of the codes above, or memory."""

    def __init__(self, reason: str, detail: tuple[Any, ...] = ()) -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


_DATES = {"date", "datetime", "time", "timedelta"}


class _CellsUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if module == "datetime" and name in _DATES:
            return getattr(datetime, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a cell value")


def memory_for(unpacked: int) -> int:
    """Return the address space a child gets to parse a workbook of this size unpacked."""
    return min(MEMORY_LIMIT, BASE_MEMORY + PER_UNPACKED_BYTE * unpacked)


def parse_first_sheet(
    data: bytes, *, max_rows: int, limit: int | None = None
) -> tuple[int, str, list[list[Any]]]:
    """Return (index, name, rows) of a workbook's first visible worksheet, parsed in a child.

    Raises ParseFailed: "memory" when the child hit its limit (MEMORY_LIMIT) or ran out of time.
    """
    limit = MEMORY_LIMIT if limit is None else limit
    command = [sys.executable, "-m", "daihoi.imports.parsing", str(limit), str(max_rows)]
    try:
        done = subprocess.run(  # noqa: S603 - our own interpreter and module, no shell
            command, input=data, capture_output=True, timeout=TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired:
        raise ParseFailed("memory") from None
    if done.returncode != 0 or not done.stdout:
        raise ParseFailed("memory")
    try:
        answer = _CellsUnpickler(io.BytesIO(done.stdout)).load()
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError):
        raise ParseFailed(UNREADABLE) from None
    if answer[0] != "ok":
        raise ParseFailed(answer[0], tuple(answer[1:]))
    _, index, name, rows = answer
    return index, name, rows


def _child(limit: int, max_rows: int) -> tuple[Any, ...]:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    data = sys.stdin.buffer.read()
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError:
        return (LOCKED,)
    except Exception:  # calamine raises several kinds for a damaged or foreign file
        return (UNREADABLE,)
    index = next(
        (
            i
            for i, meta in enumerate(book.sheets_metadata)
            if meta.typ == python_calamine.SheetTypeEnum.WorkSheet
            and meta.visible == python_calamine.SheetVisibleEnum.Visible
        ),
        None,
    )
    if index is None:
        return (NO_SHEET,)
    name = book.sheet_names[index]
    try:
        sheet = book.get_sheet_by_index(index)
    except Exception:
        return (UNREADABLE,)
    if sheet.height > max_rows:
        return (TOO_MANY_ROWS, name, sheet.height)
    if sheet.height * sheet.width > MAX_GRID:
        return (TOO_WIDE, name, sheet.height, sheet.width)
    return ("ok", index, name, sheet.to_python(skip_empty_area=False))


def main() -> None:
    answer = _child(int(sys.argv[1]), int(sys.argv[2]))
    out = sys.stdout.buffer
    pickle.dump(answer, out, protocol=pickle.HIGHEST_PROTOCOL)
    out.flush()
    os._exit(0)  # skip freeing millions of objects one by one


if __name__ == "__main__":
    main()
