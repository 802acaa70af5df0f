"""`make run`: seconds until the demo answers HTTP 200, on a fresh clone and on a second run.

Run: python3 bench/bench_make_run.py [--port 8765] [--runs 2] [--keep] [--rev COMMIT]
Clones this repository's HEAD or COMMIT (committed work only) into a temporary directory, runs
`make run` there (the first run: venv, packages from uv's cache, migrate, demo data, static
files), waits for http://127.0.0.1:PORT/ to answer 200 (following redirects to the login page),
stops the server, then runs `make run` again on the same clone `--runs` times (the second run
onward: everything is set up). Prints each run's seconds to the first 200, when each step began,
the CPU seconds the run used (its processes, to their end: a figure that the other work on a
shared machine changes less than the seconds) and the load average.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 600.0


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback only
            return bool(response.status == 200)
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def steps(log: Path, start: float, seen: list[tuple[float, str]]) -> None:
    """Note when make echoes each command it starts (the log grows while make runs)."""
    lines = log.read_text(errors="replace").splitlines()
    for line in lines[len(seen) :]:
        seen.append((time.monotonic() - start, line))


def one_run(clone: Path, port: int, log: Path) -> tuple[float, float]:
    """Start `make run`; return the seconds until the server answers 200 and the CPU seconds
    of everything it started (until stopped), then stop it. Prints when each step began."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DAIHOI_VAR_DIR")}
    url = f"http://127.0.0.1:{port}/"
    if answers(url):
        sys.exit(f"Cổng {port} đang có máy chủ khác trả lời: chọn --port khác.")
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    with log.open("w") as out:
        process = subprocess.Popen(
            ["make", "run", f"PORT={port}"],
            cwd=clone,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped as a whole below
        )
        seen: list[tuple[float, str]] = []
        try:
            while not answers(url):
                steps(log, start, seen)
                if process.poll() is not None:
                    sys.exit(f"make run dừng với mã {process.returncode}; xem {log}")
                if time.monotonic() - start > TIMEOUT:
                    sys.exit(f"Quá {TIMEOUT:.0f} s chưa trả lời; xem {log}")
                time.sleep(0.1)
            elapsed = time.monotonic() - start
            steps(log, start, seen)
            for at, line in seen:
                if line.startswith((".venv/bin/", "touch ", "test -x")):
                    print(f"  {at:6.1f} s  {line[:90]}")
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            while answers(url):  # scripts/serve waits for its children: this should not loop
                time.sleep(0.1)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime
    return elapsed, used


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--runs", type=int, default=2, help="runs after the first")
    parser.add_argument("--keep", action="store_true", help="keep the clone and its logs")
    parser.add_argument("--rev", default="HEAD", help="the commit to clone (default HEAD)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="daihoi-bench-make-run-"))
    clone = work / "daihoi"
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(ROOT), str(clone)], check=True)
    rev = subprocess.run(
        ["git", "rev-parse", "--short", args.rev], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    subprocess.run(["git", "checkout", "-q", "--detach", rev], cwd=clone, check=True)
    head = rev
    print(f"clone of {head} in {clone}")
    try:
        print(f"load average before: {load()}")
        seconds, cpu = one_run(clone, args.port, work / "run-1.log")
        print(f"first make run (fresh clone): {seconds:.1f} s to HTTP 200, {cpu:.1f} CPU s")
        for n in range(2, args.runs + 2):
            print(f"load average before: {load()}")
            seconds, cpu = one_run(clone, args.port, work / f"run-{n}.log")
            print(f"make run #{n} (already set up): {seconds:.1f} s to HTTP 200, {cpu:.1f} CPU s")
    finally:
        if args.keep:
            print(f"kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
