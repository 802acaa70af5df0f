"""The ``daihoi`` command: count an election file, print its minutes and ballots.

``daihoi count`` must start fast: this module imports only the standard library and the pure
rules engine; the document writers are imported when their subcommand runs.

Exit status: 0 success, 1 a failure that is not the input's fault (e.g. the document writers
are not installed), 2 bad input or bad command line, with one Vietnamese line on stderr.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import io
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any, NoReturn

from daihoi.rules.counting import (
    ALTERNATE,
    STATUS_LABELS,
    Result,
    count,
    for_people,
    percent_vi,
    result_to_json,
)
from daihoi.rules.election import (
    INVALID_REASON_LABELS,
    Election,
    ElectionFormatError,
    load_election,
    read_json,
)
from daihoi.rules.numbers import number_vi

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2

PROG = "daihoi"

# Messages (Vietnamese, one line each on stderr).
MSG_USAGE = "lệnh không đúng: {detail}. Xem: daihoi --help"
MSG_REQUIRED = "thiếu {what}"
MSG_UNRECOGNIZED = "không hiểu tham số {what}"
MSG_INVALID_CHOICE = "không có lệnh {what}; các lệnh: count, minutes, ballots, verify-election"
MSG_EXPECTED_VALUE = "tùy chọn {what} cần một giá trị"
MSG_AMBIGUOUS = "tùy chọn {what} không rõ ràng"
MSG_OTHER_USAGE = "tham số không hợp lệ"
MSG_NOT_POSITIVE = "tùy chọn {what} cần một số nguyên dương"
MSG_NO_COMMAND = "thiếu lệnh (count, minutes, ballots hoặc verify-election)"
MSG_MODULE_MISSING = (
    "chưa cài đặt chức năng {feature} (không tìm thấy mô-đun {module}); "
    "hãy cài đủ gói daihoi rồi chạy lại"
)
MSG_WRITE_FAILED = 'không ghi được tệp "{path}": {reason}'
MSG_NO_FOLDER = "thư mục chứa tệp không tồn tại"
MSG_NO_WRITE_PERMISSION = "không có quyền ghi"
MSG_IS_FOLDER = "đây là thư mục, không phải tệp"
MSG_SYSTEM_ERROR = "lỗi hệ thống ({error})"
MSG_CONTEXT_NOT_OBJECT = "tệp thông tin biên bản phải là một đối tượng JSON {...}"
MSG_UNEXPECTED = "lỗi không mong đợi ({kind}): {error}. Hãy báo cho người quản trị."

FEATURE_MINUTES = "in biên bản kiểm phiếu"
FEATURE_BALLOTS = "in phiếu bầu"
FEATURE_VERIFY = "kiểm chứng vòng bầu mã hoá"
LINE_CHECK_OK = "[đúng] {label}"
LINE_CHECK_BAD = "[SAI]  {label}"
LINE_PROBLEM = "       - {problem}"
LINE_TOTALS = "Số phiếu trên điện thoại của từng người theo bản ghi (đối chiếu với biên bản):"
LINE_TOTAL = "  {name}: {votes}"

# Help texts.
HELP_DESCRIPTION = "Đếm phiếu bầu cử theo Điều lệ; in biên bản kiểm phiếu và phiếu bầu."
HELP_HELP = "in hướng dẫn này rồi thoát"
HELP_COUNT = "đếm phiếu một tệp bầu cử (daihoi.election/1) và in kết quả"
HELP_MINUTES = "in biên bản kiểm phiếu (.docx hoặc .pdf)"
HELP_BALLOTS = "in phiếu bầu (.pdf)"
HELP_FILE = "tệp bầu cử JSON (daihoi.election/1)"
HELP_JSON = "in kết quả dạng JSON (daihoi.result/1) thay cho bảng"
HELP_OUTPUT = "tệp sẽ ghi (mặc định: {default})"
HELP_VERIFY = (
    "kiểm chứng một vòng bầu mã hoá từ bản ghi công bố (daihoi.encrypted-record/3, /2 hoặc /1): "
    "mọi bằng chứng, chuỗi băm của bảng phiếu, kết quả giải mã và các bản mã cử tri đã kiểm tra, "
    "không cần máy chủ"
)
HELP_RECORD = "tệp bản ghi mã hoá JSON (tải ở trang vòng bầu)"
HELP_JOBS = "số tiến trình kiểm song song các phiếu (mặc định: số lõi CPU, {default})"
HELP_CONTEXT = "tệp JSON thông tin thêm cho biên bản (ban kiểm phiếu, địa điểm, thời gian...)"

DEFAULT_MINUTES = "bien-ban-kiem-phieu.docx"
DEFAULT_BALLOTS = "phieu-bau.pdf"

# Table of the count.
COLUMNS = ("STT", "Họ và tên", "Số phiếu", "Tỷ lệ", "Kết quả")
LINE_ORGANIZATION = "Đơn vị: {organization}"
LINE_SEATS = "Số người cần bầu: {seats}"
LINE_ALTERNATES = "; đại biểu dự khuyết: {alternates}"
LINE_PRESENCE = "Triệu tập: {summoned}; có mặt: {present}"
LINE_BALLOTS = (
    "Phiếu phát ra: {issued}; thu về: {collected}; hợp lệ: {valid}; không hợp lệ: {invalid}"
)
LINE_REASON = "  - {label}: {count}"
LINE_BASE = "Cần ít nhất {needed} phiếu (quá 1/2 của {base} {what})"
BASE_WHAT = {"collected": "phiếu thu về", "valid": "phiếu hợp lệ", "summoned": "người triệu tập"}
LINE_ALTERNATE_STATUS = "Dự khuyết {rank}"


def _positive(text: str) -> int:
    value = int(text)  # a ValueError becomes argparse's "invalid _positive value"
    if value < 1:
        raise ValueError(text)
    return value


class _UsageError(Exception):
    """A command line argparse rejects, already translated."""


_ARGPARSE_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"the following arguments are required: (?P<what>.+)"), MSG_REQUIRED),
    (re.compile(r"unrecognized arguments: (?P<what>.+)"), MSG_UNRECOGNIZED),
    (re.compile(r"argument .*?: invalid choice: (?P<what>\S+)"), MSG_INVALID_CHOICE),
    (re.compile(r"argument (?P<what>\S+): expected one argument"), MSG_EXPECTED_VALUE),
    (re.compile(r"ambiguous option: (?P<what>\S+)"), MSG_AMBIGUOUS),
    (re.compile(r"argument (?P<what>--jobs): invalid _positive value"), MSG_NOT_POSITIVE),
)


def _translate(message: str) -> str:
    for pattern, template in _ARGPARSE_MESSAGES:
        match = pattern.search(message)
        if match:
            return template.format(what=match.group("what"))
    return MSG_OTHER_USAGE


class _Formatter(argparse.HelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Any,
        groups: Any,
        prefix: str | None = None,
    ) -> None:
        super().add_usage(
            usage, actions, groups, prefix="Cách dùng: " if prefix is None else prefix
        )


class _Parser(argparse.ArgumentParser):
    """An argument parser that speaks Vietnamese and never exits on its own for bad input."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "tham số"
        self._optionals.title = "tùy chọn"
        self.add_argument("-h", "--help", action="help", help=HELP_HELP)

    def error(self, message: str) -> NoReturn:
        raise _UsageError(MSG_USAGE.format(detail=_translate(message)))


def _build_parser() -> _Parser:
    parser = _Parser(prog=PROG, description=HELP_DESCRIPTION)
    commands = parser.add_subparsers(dest="command", title="lệnh", metavar="LỆNH")

    counter = commands.add_parser("count", help=HELP_COUNT, description=HELP_COUNT)
    counter.add_argument("file", metavar="TỆP", help=HELP_FILE)
    counter.add_argument("--json", action="store_true", help=HELP_JSON)
    counter.set_defaults(run=_run_count)

    minutes = commands.add_parser("minutes", help=HELP_MINUTES, description=HELP_MINUTES)
    minutes.add_argument("file", metavar="TỆP", help=HELP_FILE)
    minutes.add_argument(
        "-o",
        "--output",
        metavar="TỆP_RA",
        default=DEFAULT_MINUTES,
        help=HELP_OUTPUT.format(default=DEFAULT_MINUTES),
    )
    minutes.add_argument("--context", metavar="TỆP_THÔNG_TIN", help=HELP_CONTEXT)
    minutes.set_defaults(run=_run_minutes)

    ballots = commands.add_parser("ballots", help=HELP_BALLOTS, description=HELP_BALLOTS)
    ballots.add_argument("file", metavar="TỆP", help=HELP_FILE)
    ballots.add_argument(
        "-o",
        "--output",
        metavar="TỆP_RA",
        default=DEFAULT_BALLOTS,
        help=HELP_OUTPUT.format(default=DEFAULT_BALLOTS),
    )
    ballots.set_defaults(run=_run_ballots)

    verify = commands.add_parser("verify-election", help=HELP_VERIFY, description=HELP_VERIFY)
    verify.add_argument("record", metavar="TỆP", help=HELP_RECORD)
    jobs = os.cpu_count() or 1
    verify.add_argument(
        "--jobs", type=_positive, default=jobs, metavar="N", help=HELP_JOBS.format(default=jobs)
    )
    verify.set_defaults(run=_run_verify_election)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``daihoi`` command and return its exit status."""
    _utf8_streams()
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            raise _UsageError(MSG_USAGE.format(detail=MSG_NO_COMMAND))
    except _UsageError as error:
        return _fail(str(error), EXIT_BAD_INPUT)
    except SystemExit as done:  # --help
        return done.code if isinstance(done.code, int) else EXIT_OK
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except ElectionFormatError as error:
        return _fail(str(error), EXIT_BAD_INPUT)
    except _Failure as error:
        return _fail(str(error), EXIT_FAILURE)
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: not an error of ours.
        _silence_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        if os.environ.get("DAIHOI_DEBUG"):
            raise
        return _fail(MSG_UNEXPECTED.format(kind=type(error).__name__, error=error), EXIT_FAILURE)


def _fail(message: str, status: int) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return status


def _utf8_streams() -> None:
    """Write UTF-8 even where the locale says otherwise (a redirected Windows console)."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if isinstance(stream, io.TextIOWrapper) and encoding != "utf8":
            stream.reconfigure(encoding="utf-8", errors="replace")


def _silence_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass
    finally:
        os.close(devnull)


def _run_count(args: argparse.Namespace) -> int:
    election = load_election(args.file)
    result = count(election)
    if args.json:
        text = json.dumps(result_to_json(result), ensure_ascii=False, indent=2)
    else:
        text = format_table(election, result)
    sys.stdout.write(text + "\n")
    sys.stdout.flush()
    return EXIT_OK


def _run_verify_election(args: argparse.Namespace) -> int:
    """Exit 0 when every check of the record holds, 1 when one fails, 2 for an unreadable file."""
    from daihoi.rules.election_record import (
        ALL_OK,
        SOME_FAILED,
        RecordError,
        group_of_record,
        verify_record,
    )

    try:
        data = read_json(args.record, mark_duplicates=False)
    except ElectionFormatError as error:
        return _fail(str(error), EXIT_BAD_INPUT)
    try:
        group_named = importlib.import_module("daihoi.elections.crypto_group").group_named
        group = group_of_record(data, group_named=group_named)  # may load libsodium
    except ImportError as error:
        missing = error.name or "nacl"
        raise _Failure(MSG_MODULE_MISSING.format(feature=FEATURE_VERIFY, module=missing)) from None
    except RecordError as error:
        return _fail(str(error), EXIT_BAD_INPUT)
    # The record's objects (millions at 2,000 ballots x 185 names) live to the end: the
    # collector leaves them out of its passes, here and in the workers forked below, where a
    # full pass over them took half a second each (and copied their memory).
    gc.freeze()
    try:
        # this process runs no thread: its workers are forked and share the record read
        report = verify_record(data, group=group, jobs=args.jobs, start_method="fork")
    except RecordError as error:
        return _fail(str(error), EXIT_BAD_INPUT)
    finally:
        gc.unfreeze()  # a caller in this process (the tests) gets its collector back whole
    for check in report.checks:
        template = LINE_CHECK_OK if check.ok else LINE_CHECK_BAD
        print(template.format(label=check.label))
        for problem in check.problems:
            print(LINE_PROBLEM.format(problem=problem))
    if report.ok and report.totals:
        print(LINE_TOTALS)
        for name, votes in report.totals:
            print(LINE_TOTAL.format(name=name, votes=votes))
    failed = sum(1 for c in report.checks if not c.ok)
    print(ALL_OK if report.ok else SOME_FAILED.format(n=failed))
    return EXIT_OK if report.ok else EXIT_FAILURE


def format_table(election: Election, result: Result) -> str:
    """Return the Vietnamese text of a count: heading, ballot figures, table, conclusions."""
    out: list[str] = []
    if election.title:
        out.append(election.title)
    if election.organization:
        out.append(LINE_ORGANIZATION.format(organization=election.organization))
    seats = LINE_SEATS.format(seats=number_vi(result.seats))
    if result.alternates_wanted:
        seats += LINE_ALTERNATES.format(alternates=number_vi(result.alternates_wanted))
    out.append(seats)
    if election.summoned is not None or election.present is not None:
        out.append(
            LINE_PRESENCE.format(
                summoned=_maybe(election.summoned), present=_maybe(election.present)
            )
        )
    out.append(
        LINE_BALLOTS.format(
            issued=number_vi(result.issued),
            collected=number_vi(result.collected),
            valid=number_vi(result.valid),
            invalid=number_vi(result.invalid),
        )
    )
    for reason, number in result.invalid_by_reason.items():
        label = INVALID_REASON_LABELS.get(reason, reason)
        out.append(LINE_REASON.format(label=label, count=number_vi(number)))
    out.append(
        LINE_BASE.format(
            needed=number_vi(result.votes_needed),
            base=number_vi(result.base_count),
            what=BASE_WHAT[result.base_kind.value],
        )
    )
    out.append("")
    alternate_rank = {cid: rank for rank, cid in enumerate(result.alternates, start=1)}
    rows: list[tuple[str, ...]] = [COLUMNS]
    for number, line in enumerate(result.candidates, start=1):
        status = STATUS_LABELS[line.status]
        if line.status == ALTERNATE:
            status = LINE_ALTERNATE_STATUS.format(rank=alternate_rank[line.id])
        rows.append(
            (
                str(number),
                line.name,
                number_vi(line.votes),
                percent_vi(line.percent),
                status,
            )
        )
    out.extend(_columns(rows, right=(0, 2, 3)))
    out.append("")
    # The ballot figures and the base are above; the rest of the explanation concludes.
    out.extend(for_people(sentence) for sentence in result.explanation[2:])
    return "\n".join(out)


def _maybe(value: int | None) -> str:
    return "—" if value is None else number_vi(value)


def _columns(rows: list[tuple[str, ...]], *, right: tuple[int, ...]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
    return lines


class _Failure(Exception):
    """A failure that is not the input's fault: a writer not installed, a file not written."""


def _document_module(name: str, feature: str) -> ModuleType:
    module = f"daihoi.documents.{name}"
    try:
        return importlib.import_module(module)
    except ImportError as error:
        missing = error.name or module
        raise _Failure(MSG_MODULE_MISSING.format(feature=feature, module=missing)) from None


def _run_minutes(args: argparse.Namespace) -> int:
    election = load_election(args.file)
    context = _load_context(args.context) if args.context else {}
    result = count(election)
    writer = _document_module("minutes", FEATURE_MINUTES)
    _write(lambda: writer.write_minutes(election, result, args.output, context=context), args)
    return EXIT_OK


def _run_ballots(args: argparse.Namespace) -> int:
    election = load_election(args.file)
    writer = _document_module("ballots", FEATURE_BALLOTS)
    _write(lambda: writer.write_ballots(election, args.output), args)
    return EXIT_OK


def _write(action: Callable[[], object], args: argparse.Namespace) -> None:
    try:
        action()
    except FileNotFoundError:
        reason = MSG_NO_FOLDER
    except PermissionError:
        reason = MSG_NO_WRITE_PERMISSION
    except IsADirectoryError:
        reason = MSG_IS_FOLDER
    except OSError as error:
        reason = MSG_SYSTEM_ERROR.format(error=error.strerror or error)
    else:
        return
    raise _Failure(MSG_WRITE_FAILED.format(path=args.output, reason=reason))


def _load_context(path: str) -> dict[str, Any]:
    """Read the optional JSON of what the minutes need beyond the count (committee, place...)."""
    try:
        data = read_json(path)
    except ElectionFormatError as error:  # bad JSON: which of the two files ("--context, dòng 2")
        place = ", ".join(part for part in ("--context", error.place) if part)
        raise ElectionFormatError(place, error.message) from None
    if not isinstance(data, dict):
        raise ElectionFormatError("--context", MSG_CONTEXT_NOT_OBJECT)
    return dict(data)
