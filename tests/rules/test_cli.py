"""The ``daihoi`` command: exit codes, one Vietnamese line naming the place, never a traceback."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from daihoi.cli import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, main
from daihoi.rules import election as ef

GOLDEN = Path(__file__).parent / "golden"
SEED = GOLDEN / "seed-001-bch.election.json"
DAIHOI = Path(sys.executable).parent / "daihoi"

GOOD: dict[str, Any] = {
    "format": "daihoi.election/1",
    "profile": "cong-doan",
    "seats": 1,
    "issued": 3,
    "candidates": [{"id": "1", "name": "Nguyễn Thị Bình"}, {"id": "2", "name": "Rcom Jen"}],
    "ballots": [{"kept": ["2"]}, {"kept": ["1"]}, {"kept": ["2"]}],
}


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "bau.json"
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


def with_(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(GOOD)
    data.update(changes)
    return data


def without(key: str) -> dict[str, Any]:
    data = copy.deepcopy(GOOD)
    del data[key]
    return data


# (name, file content, place that stderr must name, message that must follow)
BAD_INPUTS: list[tuple[str, object, str, str]] = [
    (
        "unknown id",
        with_(ballots=[{"kept": ["2"]}, {"kept": ["1", "9"]}]),
        "ballots[1].kept[1]",
        ef.MSG_UNKNOWN_ID.format(id="9"),
    ),
    (
        "repeated id",
        with_(candidates=[{"id": "1", "name": "Lê An"}, {"id": "1", "name": "Lê Bình"}]),
        "candidates[1].id",
        ef.MSG_REPEATED_ID.format(id="1"),
    ),
    (
        "name kept twice",
        with_(ballots=[{"kept": ["2", "2"]}]),
        "ballots[0].kept[1]",
        ef.MSG_KEPT_TWICE.format(id="2"),
    ),
    (
        "collected over issued",
        with_(issued=2),
        "ballots",
        ef.MSG_COLLECTED_OVER_ISSUED.format(collected=3, issued=2),
    ),
    ("missing field", without("seats"), "seats", ef.MSG_MISSING),
    ("wrong type", with_(issued="3"), "issued", ef.MSG_NOT_WHOLE),
    ("bool as number", with_(seats=True), "seats", ef.MSG_NOT_WHOLE),
    ("not JSON", '{"format": "daihoi.election/1",\n  "seats": 1,,}', "dòng 2, cột 14", ""),
]


@pytest.mark.parametrize(
    ("data", "place", "message"),
    [case[1:] for case in BAD_INPUTS],
    ids=[case[0] for case in BAD_INPUTS],
)
def test_bad_input_exits_2_with_one_line_naming_the_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: object, place: str, message: str
) -> None:
    assert main(["count", str(write(tmp_path, data))]) == EXIT_BAD_INPUT
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith(f"daihoi: {place}: ")
    assert message in err


def test_a_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "khong-co.json"
    assert main(["count", str(missing)]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert err == f"daihoi: {ef.MSG_CANNOT_READ.format(path=missing, reason=ef.MSG_FILE_MISSING)}\n"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], "thiếu lệnh"),
        (["dem", "x.json"], "không có lệnh 'dem'"),
        (["count"], "thiếu TỆP"),
        (["count", "x.json", "--jsn"], "không hiểu tham số --jsn"),
        (["minutes", "x.json", "-o"], "cần một giá trị"),
        (["verify-election", "x.json", "--jobs", "0"], "--jobs cần một số nguyên dương"),
        (["verify-election", "x.json", "--jobs", "hai"], "--jobs cần một số nguyên dương"),
    ],
)
def test_a_bad_command_line_exits_2_in_vietnamese(
    capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    assert main(argv) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("daihoi: lệnh không đúng: ")
    assert expected in err


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == EXIT_OK
    assert "Cách dùng: daihoi" in capsys.readouterr().out


def test_count_prints_the_vietnamese_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["count", str(SEED)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "STT  Họ và tên        Số phiếu   Tỷ lệ  Kết quả" in out
    assert "  1  Rcom Jen               35  87,50%  Trúng cử" in out
    assert "Phiếu phát ra: 40; thu về: 40; hợp lệ: 37; không hợp lệ: 3" in out
    assert "Đã bầu đủ 5 người" in out


def test_count_speaks_to_the_congress_without_clause_references(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["count", str(SEED)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "rules.md" not in out
    assert not out.rstrip().endswith(")")


def test_count_json_is_the_result_document(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["count", str(SEED), "--json"]) == EXIT_OK
    expected = json.loads((GOLDEN / "seed-001-bch.result.json").read_text(encoding="utf-8"))
    assert json.loads(capsys.readouterr().out) == expected


# --- the document subcommands (written by the documents module) -----------------------------


def test_minutes_without_the_writer_exits_1_in_vietnamese(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "daihoi.documents.minutes", None)  # import fails
    assert main(["minutes", str(SEED), "-o", str(tmp_path / "bb.docx")]) == EXIT_FAILURE
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "chưa cài đặt chức năng in biên bản kiểm phiếu" in err


def test_ballots_without_the_writer_exits_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "daihoi.documents.ballots", None)
    assert main(["ballots", str(SEED)]) == EXIT_FAILURE
    assert "chưa cài đặt chức năng in phiếu bầu" in capsys.readouterr().err


def test_minutes_hands_election_result_path_and_context_to_the_writer(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[tuple[Any, ...]] = []
    fake = types.ModuleType("daihoi.documents.minutes")
    fake.write_minutes = lambda e, r, p, *, context: calls.append((e, r, p, context))  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "daihoi.documents.minutes", fake)
    context = tmp_path / "them.json"
    context.write_text('{"place": "Lai Châu"}', encoding="utf-8")
    out = tmp_path / "bb.docx"
    assert main(["minutes", str(SEED), "-o", str(out), "--context", str(context)]) == EXIT_OK
    [(election, result, path, given)] = calls
    assert election.seats == 5
    assert result.elected == ("1", "2", "3", "4", "5")
    assert path == str(out)
    assert given == {"place": "Lai Châu"}


def test_ballots_hands_election_and_path_to_the_writer(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[tuple[Any, ...]] = []
    fake = types.ModuleType("daihoi.documents.ballots")
    fake.write_ballots = lambda e, p: calls.append((e, p))  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "daihoi.documents.ballots", fake)
    assert main(["ballots", str(SEED), "-o", str(tmp_path / "p.pdf")]) == EXIT_OK
    assert calls[0][1] == str(tmp_path / "p.pdf")


def test_minutes_rejects_bad_input_before_writing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "daihoi.documents.minutes", None)
    path = write(tmp_path, without("issued"))
    assert main(["minutes", str(path)]) == EXIT_BAD_INPUT
    assert capsys.readouterr().err.startswith("daihoi: issued: ")


# --- the real process -------------------------------------------------------------------------


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(DAIHOI), *args], capture_output=True, text=True, encoding="utf-8", check=False
    )


@pytest.mark.parametrize(
    ("data", "place"),
    [(case[1], case[2]) for case in BAD_INPUTS],
    ids=[case[0] for case in BAD_INPUTS],
)
def test_the_process_exits_2_without_traceback(tmp_path: Path, data: object, place: str) -> None:
    done = run("count", str(write(tmp_path, data)))
    assert done.returncode == EXIT_BAD_INPUT
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1
    assert f": {place}: " in done.stderr


def test_the_process_on_a_missing_file(tmp_path: Path) -> None:
    done = run("count", str(tmp_path / "khong-co.json"))
    assert done.returncode == EXIT_BAD_INPUT
    assert "không tìm thấy tệp" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_process_prints_the_golden_json() -> None:
    done = run("count", str(SEED), "--json")
    assert done.returncode == EXIT_OK
    expected = json.loads((GOLDEN / "seed-001-bch.result.json").read_text(encoding="utf-8"))
    assert json.loads(done.stdout) == expected


def test_count_imports_neither_django_nor_document_libraries() -> None:
    # `daihoi count` must start fast (a counting committee runs it on any laptop).
    code = (
        "import sys\n"
        "from daihoi.cli import main\n"
        f"main(['count', {str(SEED)!r}, '--json'])\n"
        "heavy = [m for m in ('django', 'docx', 'weasyprint', 'openpyxl', 'daihoi.documents')"
        " if m in sys.modules]\n"
        "sys.stderr.write(repr(heavy))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", check=True
    )
    assert done.stderr == "[]"


def test_a_writer_that_cannot_write_exits_1_in_vietnamese(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    def refuse(election: object, path: object) -> None:
        raise FileNotFoundError(2, "No such file or directory")

    fake = types.ModuleType("daihoi.documents.ballots")
    fake.write_ballots = refuse  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "daihoi.documents.ballots", fake)
    target = tmp_path / "khong-co" / "p.pdf"
    assert main(["ballots", str(SEED), "-o", str(target)]) == EXIT_FAILURE
    err = capsys.readouterr().err
    assert err == f'daihoi: không ghi được tệp "{target}": thư mục chứa tệp không tồn tại\n'


def test_minutes_with_the_real_writer(tmp_path: Path) -> None:
    pytest.importorskip("daihoi.documents.minutes")
    context = tmp_path / "them.json"
    context.write_text('{"locality": "Lai Châu"}', encoding="utf-8")
    out = tmp_path / "bien-ban.docx"
    assert main(["minutes", str(SEED), "-o", str(out), "--context", str(context)]) == EXIT_OK
    assert out.stat().st_size > 0


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('{"when": "hôm qua"}', "daihoi: --context.when: "),
        # bad JSON names the file's option beside its place: the command reads two files
        ('{"place": "Lai Châu",\n  "when": }', "daihoi: --context, dòng 2, cột 11: "),
    ],
    ids=["a-field", "not-json"],
)
def test_a_bad_context_file_exits_2_naming_the_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, said: str
) -> None:
    pytest.importorskip("daihoi.documents.minutes")
    context = tmp_path / "them.json"
    context.write_text(text, encoding="utf-8")
    out = tmp_path / "bien-ban.docx"
    assert main(["minutes", str(SEED), "-o", str(out), "--context", str(context)]) == 2
    assert capsys.readouterr().err.startswith(said)
    assert not out.exists()
