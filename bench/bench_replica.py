"""Report pages read from the standby while the phone burst writes on the primary (issue 14).

Run: deploy/run-harness .venv/bin/python bench/bench_replica.py [--delegates 2000]
     [--members 50000] [--readers 8]
The harness (deploy/run-harness, docs/deploy.md) runs PostgreSQL with a synchronous standby,
two gunicorn nodes that read the report pages from the standby (DAIHOI_REPLICA_URL), a task
worker and HAProxy. This script empties the database and, three times on fresh data, sends the
phone burst of bench_phone_vote.py through HAProxy (every delegate opens the ballot, then all
cast, 10% double taps, retries):

1. alone;
2. while --readers officials reload report pages in a loop (the statistics of a CĐCS holding
   --members members, and the term overview of the same unit), the nodes reading them from
   the standby;
3. the same readers, the nodes restarted with DAIHOI_REPLICA_URL empty: the reports read the
   primary (the nodes stay so: run this bench last).

For each: the cast's ballots/s and latency; the reports served, their latency and the lag
their notice showed; the standby's lag sampled every 0.1 s from this process
(daihoi.replica.measure_lag, as the nodes measure it); then that every acknowledged ballot is
stored once (bench_phone_vote.check).
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
if "DAIHOI_HARNESS_DIR" not in os.environ:
    sys.exit("Chạy trong bộ thử nhiều nút: deploy/run-harness .venv/bin/python " + __file__)

from django.core.management import call_command
from django.db import connections
from django.urls import reverse

import bench_checkin as ci  # (sets Django up)
import bench_dashboard as bd
import bench_phone_vote as pv
from daihoi import replica
from daihoi.elections import services
from daihoi.elections.models import VotingPass
from daihoi.elections.testing import build_hall
from daihoi.units.testing import build_world

HARNESS = Path(os.environ["DAIHOI_HARNESS_DIR"])
LB_PORT = int(os.environ["DAIHOI_LB_PORT"])
NOTICE = re.compile(r"trễ tối đa (\d+) giây")
READER_TIMEOUT_S = 30.0


@dataclass
class Reads:
    """What the report readers saw."""

    ms: list[float] = field(default_factory=list)
    lags: list[int] = field(default_factory=list)  # N of the notice, when one was shown
    failures: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def build(delegates: int, members: int) -> tuple[object, list[str], object]:
    """Empty the database; a hall of `delegates` with voting codes; `members` in the CĐCS."""
    call_command("flush", interactive=False, verbosity=0)
    world = build_world()
    hall = build_hall(world.unit, delegates=delegates)
    tokens, passes = [], []
    for delegate in hall.delegates:
        token = f"bench-{delegate.pk}-{random.getrandbits(64):x}"
        tokens.append(token)
        passes.append(VotingPass(delegate=delegate, token_hash=services._token_hash(token)))
    VotingPass.objects.bulk_create(passes)
    holders = [(world.unit.pk, ""), (world.section.pk, "")]  # type: ignore[attr-defined]
    bd.build_members(holders, members, layout="clustered")  # (ANALYZEs)
    return hall, tokens, world


def reader(port: int, session: str, urls: list[str], reads: Reads, stop: threading.Event) -> None:
    """An official reloading the report pages, one after the other, until told to stop."""
    connection: http.client.HTTPConnection | None = None
    headers = {"Host": "127.0.0.1", "Cookie": f"sessionid={session}"}
    rng = random.Random(session)
    while not stop.is_set():
        url = rng.choice(urls)
        started = time.perf_counter()
        try:
            if connection is None:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=READER_TIMEOUT_S)
            connection.request("GET", url, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
            ok = response.status == 200
        except (OSError, http.client.HTTPException):
            if connection is not None:
                connection.close()
            connection, ok, text = None, False, ""
        took = (time.perf_counter() - started) * 1000
        shown = NOTICE.search(text)
        with reads.lock:
            if ok:
                reads.ms.append(took)
                if shown:
                    reads.lags.append(int(shown.group(1)))
            else:
                reads.failures += 1


def sample_lag(samples: list[float], unknown: list[int], stop: threading.Event) -> None:
    """The standby's lag every 0.1 s, measured as the nodes measure it."""
    standby = connections["replica"]
    try:
        while not stop.wait(0.1):
            lag = replica.measure_lag(standby)
            if lag is None:
                unknown[0] += 1
            else:
                samples.append(lag)
    finally:
        standby.close()


def restart_nodes_on_primary() -> None:
    """Stop both nodes, start them again with DAIHOI_REPLICA_URL empty (reports on the primary)."""
    for n in (1, 2):
        pid = int((HARNESS / f"node{n}.pid").read_text())
        os.killpg(pid, signal.SIGTERM)
        for _ in range(100):
            try:
                os.killpg(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
    env = {**os.environ, "DAIHOI_REPLICA_URL": ""}
    for n in (1, 2):
        subprocess.run([str(HARNESS / "start-node"), str(n)], check=True, env=env)
    time.sleep(3)  # HAProxy takes a node back after two good checks, 1 s apart


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run(name: str, args: argparse.Namespace, *, readers: int) -> dict[str, object]:
    hall, tokens, world = build(args.delegates, args.members)
    round_ = pv.new_round(hall, world, f"Bầu Ban Chấp hành ({name})")
    unit = world.unit  # type: ignore[attr-defined]
    urls = [
        reverse("unit_dashboard", kwargs={"unit_id": unit.pk}),
        reverse("term_overview", kwargs={"unit_id": unit.pk}),
    ]
    reads = Reads()
    lag_samples: list[float] = []
    unknown = [0]
    stop = threading.Event()
    threads = [
        threading.Thread(
            target=reader,
            args=(LB_PORT, ci.session_for(world.officer), urls, reads, stop),  # type: ignore[attr-defined]
            daemon=True,
        )
        for _ in range(readers)
    ]
    threads.append(
        threading.Thread(target=sample_lag, args=(lag_samples, unknown, stop), daemon=True)
    )
    for thread in threads:
        thread.start()
    if readers:
        time.sleep(5)  # the readers at work before the phones
    stats, loaded, elapsed = pv.burst(LB_PORT, tokens, round_)
    with reads.lock:
        served_during = len(reads.ms)
    stop.set()
    for thread in threads:
        thread.join(READER_TIMEOUT_S + 2)
    pv.report(f"phone burst, {name}", stats, loaded, elapsed, args.delegates)
    rate = len(stats.acknowledged) / elapsed
    cast_p50 = statistics.median(stats.cast_ms) if stats.cast_ms else 0.0
    cast_p99 = percentile(stats.cast_ms, 0.99) if stats.cast_ms else 0.0
    if reads.ms:
        print(
            f"reports served {len(reads.ms)} ({served_during} by the end of the cast), "
            f"failed {reads.failures}; latency p50 {statistics.median(reads.ms):.0f} ms, "
            f"p95 {percentile(reads.ms, 0.95):.0f} ms; with the standby's notice "
            f"{len(reads.lags)}, N shown: max {max(reads.lags, default=0)} s"
        )
    lag_max = max(lag_samples, default=0.0)
    lag_p95 = percentile(lag_samples, 0.95) if lag_samples else 0.0
    print(
        f"standby lag sampled {len(lag_samples)} times: max {lag_max:.3f} s, "
        f"p95 {lag_p95:.3f} s, unknown {unknown[0]}"
    )
    pv.check(round_, stats, args.delegates)
    assert stats.failures == 0
    return {
        "name": name,
        "rate": rate,
        "cast_p50": cast_p50,
        "cast_p99": cast_p99,
        "reports": len(reads.ms),
        "report_p50": statistics.median(reads.ms) if reads.ms else 0.0,
        "report_p95": percentile(reads.ms, 0.95) if reads.ms else 0.0,
        "notices": len(reads.lags),
        "shown_max": max(reads.lags, default=0),
        "lag_max": lag_max,
        "lag_p95": lag_p95,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--delegates", type=int, default=2000)
    parser.add_argument("--members", type=int, default=50_000, help="members the reports count")
    parser.add_argument("--readers", type=int, default=8, help="officials reloading reports")
    parser.add_argument("--clients", type=int, default=pv.CONCURRENCY)
    args = parser.parse_args()
    pv.CLIENTS[0] = args.clients
    print(
        f"harness {HARNESS}: HAProxy :{LB_PORT}, two nodes, PostgreSQL with a synchronous "
        f"standby; {args.delegates} delegates, {args.members:,} members, {args.readers} "
        f"readers; cores {os.cpu_count()}, load {os.getloadavg()[0]:.1f}"
    )
    rows = [
        run("alone", args, readers=0),
        run("reports on the standby", args, readers=args.readers),
    ]
    restart_nodes_on_primary()
    rows.append(run("reports on the primary", args, readers=args.readers))
    print("\n| run | ballots/s | cast p50 / p99 | reports | report p50 / p95 | notice N max "
          "| standby lag max / p95 |")  # fmt: skip
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print(
            f"| {r['name']} | {r['rate']:.1f} | {r['cast_p50']:.0f} / {r['cast_p99']:.0f} ms | "
            f"{r['reports']} | {r['report_p50']:.0f} / {r['report_p95']:.0f} ms | "
            f"{r['shown_max'] if r['notices'] else '-'} | "
            f"{r['lag_max']:.3f} / {r['lag_p95']:.3f} s |"
        )
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
