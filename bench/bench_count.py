"""Counting a national-size election: 1,100 ballots x 185 names.

Run: .venv/bin/python bench/bench_count.py [--runs 7] [--count-runs 50]

Generates a realistic election (each delegate crosses a random, popularity-weighted subset of
names; a few ballots keep too many names, cross every name or are void on the paper), writes
it to a temporary file, then times
  (a) the whole process ``.venv/bin/daihoi count FILE --json`` (median of several runs, with
      and without a bytecode cache), and
  (b) ``count(election)`` in-process (median of many runs), plus ``load_election`` for scale.
Goals: (a) <= 0.3 s, (b) <= 20 ms. Results go to docs/benchmarks.md, "Đếm phiếu".
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from daihoi.rules.counting import count  # noqa: E402
from daihoi.rules.election import PAPER_REASONS, load_election  # noqa: E402

BALLOTS = 1_100
NAMES = 185
SEATS = 161  # a national BCH: about 87% of the list
PROCESS_GOAL_S = 0.3
COUNT_GOAL_MS = 20.0

FAMILY = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Lò Vàng".split()
MIDDLE = "Văn Thị Hữu Đức Minh Thanh Ngọc Quang Xuân Thu Kim".split()
GIVEN = "An Bình Chi Dũng Đức Giang Hà Hải Hạnh Hùng Hương Khánh Lan Linh Mai Nam Phúc Quân".split()


def generate(seed: int = 2026) -> dict[str, object]:
    rnd = random.Random(seed)
    candidates = [
        {"id": str(i), "name": f"{rnd.choice(FAMILY)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}"}
        for i in range(1, NAMES + 1)
    ]
    ids = [c["id"] for c in candidates]
    # Popularity: some names are crossed far more often than others.
    weights = [rnd.paretovariate(1.5) for _ in ids]
    ballots: list[dict[str, object]] = []
    for _ in range(BALLOTS):
        roll = rnd.random()
        if roll < 0.01:
            ballots.append({"invalid": rnd.choice(PAPER_REASONS)})
            continue
        if roll < 0.015:
            ballots.append({"kept": []})  # every name crossed: invalid
            continue
        # Most delegates cross 25-60 names (valid); about 3% cross too few (too many kept).
        crossed_count = rnd.randint(5, 23) if roll < 0.045 else rnd.randint(25, 60)
        # Weighted draws without repeats; a dict keeps the draw order, so the file is the
        # same on every run (a set's order would follow the string hash seed).
        drawn: dict[str, None] = {}
        while len(drawn) < crossed_count:
            drawn.update(dict.fromkeys(rnd.choices(ids, weights=weights, k=crossed_count)))
        crossed = set(list(drawn)[:crossed_count])
        ballots.append({"kept": [cid for cid in ids if cid not in crossed]})
    return {
        "format": "daihoi.election/1",
        "title": "Bầu Ban Chấp hành Tổng Liên đoàn (bench)",
        "organization": "Đại hội Công đoàn Việt Nam",
        "profile": "cong-doan",
        "seats": SEATS,
        "alternates": 0,
        "summoned": BALLOTS,
        "present": BALLOTS,
        "issued": BALLOTS,
        "candidates": candidates,
        "ballots": ballots,
    }


def median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="process runs")
    parser.add_argument("--count-runs", type=int, default=50, help="in-process count() runs")
    args = parser.parse_args()

    daihoi = ROOT / ".venv" / "bin" / "daihoi"
    with tempfile.TemporaryDirectory(prefix="daihoi-bench-") as tmp:
        path = Path(tmp) / "election.json"
        path.write_text(json.dumps(generate(), ensure_ascii=False), encoding="utf-8")
        size_kib = path.stat().st_size / 1024

        # As installed, Python caches bytecode; this sandbox may forbid it
        # (PYTHONDONTWRITEBYTECODE), so both are measured. The cache goes to a temporary
        # prefix, never into the source tree.
        cached_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        cached_env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        no_cache_env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}

        def process(env: dict[str, str]) -> None:
            subprocess.run(
                [str(daihoi), "count", str(path), "--json"],
                check=True,
                stdout=subprocess.DEVNULL,
                env=env,
            )

        process(cached_env)  # warm the file cache and write the bytecode cache
        process_s = median_seconds(lambda: process(cached_env), args.runs)
        uncached_s = median_seconds(lambda: process(no_cache_env), args.runs)
        load_s = median_seconds(lambda: load_election(path), 10)
        election = load_election(path)
        count_s = median_seconds(lambda: count(election), args.count_runs)
        result = count(election)

    kept = sum(len(b.kept) for b in election.ballots or () if b.kept is not None)
    print(f"election: {BALLOTS} ballots x {NAMES} names, {SEATS} seats, {size_kib:.0f} KiB JSON")
    print(
        f"  valid {result.valid}, invalid {result.invalid} {dict(result.invalid_by_reason)}, "
        f"{kept} names kept in all; outcome {result.outcome}, {len(result.elected)} elected"
    )
    ok_process = process_s <= PROCESS_GOAL_S
    ok_count = count_s * 1000 <= COUNT_GOAL_MS
    print(
        f"(a) daihoi count FILE --json, whole process, median of {args.runs}: "
        f"{process_s * 1000:.0f} ms (goal <= {PROCESS_GOAL_S * 1000:.0f} ms) "
        f"{'OK' if ok_process else 'MISSED'}"
    )
    print(
        f"(b) count(election) in-process, median of {args.count_runs}: "
        f"{count_s * 1000:.1f} ms (goal <= {COUNT_GOAL_MS:.0f} ms) "
        f"{'OK' if ok_count else 'MISSED'}"
    )
    print(
        f"    same, without a bytecode cache (every module compiled on start): "
        f"{uncached_s * 1000:.0f} ms"
    )
    print(f"    load_election(FILE) in-process, median of 10: {load_s * 1000:.1f} ms")
    return 0 if ok_process and ok_count else 1


if __name__ == "__main__":
    sys.exit(main())
