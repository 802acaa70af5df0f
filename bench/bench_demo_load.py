"""The demo's load, step by step, on a fresh SQLite database (what `make run` does first).

Run: .venv/bin/python bench/bench_demo_load.py [--runs N]
Each run migrates a new SQLite file in a temporary DAIHOI_VAR_DIR, then times each loader that
``load_demo`` calls (units and members, congresses, seed 000's officer register, elections,
targets, emulation, the review of seed 004: its conference and the records of the 5-year review)
and a second, idempotent ``load_demo``. Prints the seconds of each step, median over the runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STEPS = (
    "load_demo_congresses",
    "load_demo_register",
    "load_demo_elections",
    "load_demo_term",
    "load_demo_emulation",
    "load_demo_review",
)
CHILD = """
import time, io, json
from django.core.management import call_command
from daihoi.units.demo import load_demo
out = {}
t = time.perf_counter(); load_demo(); out["units and members"] = time.perf_counter() - t
for step in STEPS:
    t = time.perf_counter()
    call_command(step, stdout=io.StringIO())
    out[step] = time.perf_counter() - t
t = time.perf_counter(); call_command("load_demo", stdout=io.StringIO())
out["load_demo again (nothing to add)"] = time.perf_counter() - t
print(json.dumps(out))
"""


def run_once() -> dict[str, float]:
    import json

    with tempfile.TemporaryDirectory(prefix="daihoi-bench-demo-") as var:
        env = {**os.environ, "DAIHOI_VAR_DIR": var}
        manage = [sys.executable, str(ROOT / "manage.py")]
        subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
        code = f"STEPS = {STEPS!r}\n{CHILD}"
        done = subprocess.run(
            [*manage, "shell", "-v0", "-c", code],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs = []
    for _ in range(args.runs):
        started = time.perf_counter()
        runs.append(run_once())
        print(f"run: {time.perf_counter() - started:.1f} s (migrations included)")
    for step in runs[0]:
        print(f"{step:40} {statistics.median(r[step] for r in runs):6.2f} s")
    fresh = [sum(v for k, v in r.items() if not k.startswith("load_demo again")) for r in runs]
    print(f"{'load_demo on a fresh database':40} {statistics.median(fresh):6.2f} s")
    print(f"load average: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
