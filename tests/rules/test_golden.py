"""Golden cases: whole election files and their whole results, checked in full.

Each ``golden/<case>.election.json`` has its ``daihoi.result/1`` document
(``<case>.result.json``) and the table ``daihoi count`` prints (``<case>.table.txt``). The
expected figures were checked by hand against rules.md, not just recorded:

- seed-001-bch: seed 001's BCH of 5, 40 issued and collected, 3 invalid (one of each kind the
  paper or the engine gives); 21 needed (§2.5); Lò Văn Hùng's 20 is exactly half: not elected.
- party-chi-uy: Party chi ủy of 3; base 10 summoned after deductions although 9 voted
  (§3.3-3.5); all crossed on a surplus list is invalid (§3.6).
- tie-last-seat: rules.md §9 T9 as totals (tally); 2 invalid counted in the base (§2.5, §2.6).
- youth-short: Youth Union, 3 of 5 pass, 2 unfilled (§4.4); the two with exactly half are
  listed in ballot order (Lâm before Ngọc).
- alternates-tie: 4 delegates and 2 alternates (§2.10 method b); a tie across the last
  alternate place leaves the outcome complete and names the one alternate above the tie.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from daihoi.cli import format_table
from daihoi.rules.counting import count, result_to_json
from daihoi.rules.election import load_election

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.name.removesuffix(".election.json") for p in GOLDEN.glob("*.election.json"))


def test_the_golden_cases_are_all_there() -> None:
    expected = {"seed-001-bch", "party-chi-uy", "tie-last-seat", "youth-short", "alternates-tie"}
    assert expected <= set(CASES)


@pytest.mark.parametrize("case", CASES)
def test_result_document_matches_in_full(case: str) -> None:
    election = load_election(GOLDEN / f"{case}.election.json")
    expected = json.loads((GOLDEN / f"{case}.result.json").read_text(encoding="utf-8"))
    assert result_to_json(count(election)) == expected


@pytest.mark.parametrize("case", CASES)
def test_printed_table_matches_in_full(case: str) -> None:
    election = load_election(GOLDEN / f"{case}.election.json")
    expected = (GOLDEN / f"{case}.table.txt").read_text(encoding="utf-8")
    assert format_table(election, count(election)) + "\n" == expected
