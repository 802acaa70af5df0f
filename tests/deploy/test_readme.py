"""README.md: its `daihoi` command lines run as written, and it points only at files in the
repository (a newcomer's clone has nothing beside it)."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

# None of these tests uses the suite's database (the engine under test): run once, with SQLite.
pytestmark = pytest.mark.once

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text(encoding="utf-8")
DAIHOI = Path(sys.executable).parent / "daihoi"


def command_lines() -> list[list[str]]:
    lines = re.findall(r"^\.venv/bin/daihoi (.+?)(?:\s+#.*)?$", README, flags=re.MULTILINE)
    return [shlex.split(line) for line in lines]


def test_the_readme_daihoi_commands_run_on_files_of_the_repository(tmp_path: Path) -> None:
    commands = command_lines()
    assert {c[0] for c in commands} == {"count", "minutes", "ballots"}
    for args in commands:
        election = REPO / args[1]
        assert election.is_file(), args[1]
        if "-o" in args:  # write where the test may, under the README's file name
            at = args.index("-o") + 1
            args = [*args[:at], str(tmp_path / args[at]), *args[at + 1 :]]
        done = subprocess.run(
            [str(DAIHOI), *args], cwd=REPO, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, (args, done.stderr)
        if "-o" in args:
            written = Path(args[args.index("-o") + 1]).read_bytes()
            assert written.startswith(b"%PDF" if args[-1].endswith(".pdf") else b"PK")
        else:
            assert "Rcom Jen" in done.stdout


def test_the_readme_points_at_no_file_outside_the_repository() -> None:
    assert "../" not in README and "shared/" not in README
    paths = re.findall(r"`((?:docs|examples|bench|scripts|src|tests)/[^`\s]*)`", README)
    assert "docs/election-format.md" in paths and "examples/bau-bch-seed-001.json" in paths
    missing = [path for path in paths if not (REPO / path.rstrip("/")).exists()]
    assert not missing
