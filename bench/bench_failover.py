"""The congress day on two app nodes behind HAProxy, with kill -9 of one node mid-run.

Run: deploy/run-harness .venv/bin/python bench/bench_failover.py [--delegates 2000]
The harness (deploy/run-harness, docs/deploy.md) starts PostgreSQL with a synchronous standby,
two gunicorn nodes, a task worker and HAProxy on loopback; this script sends the load of
bench_checkin.py and bench_phone_vote.py through HAProxy and empties the database first.

1. Check-in: N delegates scanned at 4 desks over --duration seconds while the projector and
   --screens screens poll; once a third are in, ``kill -9`` of node 1's whole process group.
   A desk scans a card again when the answer did not come (as a person at a desk would).
   Node 1 is started again after the check-in.
2. Phone burst: every delegate casts once (10% double taps), the clients retrying what fails;
   once a third of the ballots are acknowledged, ``kill -9`` of node 2.
3. Phone burst again (both nodes up): once a third are acknowledged the primary is stopped
   at once (``pg_ctl stop -m immediate``, as a lost machine) and, --detect seconds later (5),
   the standby is promoted (``promote-standby``: ``pg_ctl promote``); the nodes' connections
   follow it (a libpq host list with target_session_attrs=read-write in DATABASE_URL).

4. (first, before the others) A 100,000-row member workbook uploaded (stored in the database
   storage), checked and inserted by the harness's task worker, which is killed with
   ``kill -9`` once a fifth of the rows are written in the insert's transaction; a new worker
   is started, the job is found stale (--stale seconds, 20) and marked failed, with no member
   written and no file of the job left; then the same file is imported again to the end.

For each: requests sent and failed as a client saw them (connection error or 5xx), the seconds
between the first and the last failure, the longest pause between two answered requests, the
throughput before and after the kill; then that every delegate is present with one arrival,
and that every acknowledged ballot is stored unchanged, exactly once (bench_phone_vote.check).
Bounded: client timeouts, capped retries, deadlines.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
if "DAIHOI_HARNESS_DIR" not in os.environ:
    sys.exit("Chạy trong bộ thử nhiều nút: deploy/run-harness .venv/bin/python " + __file__)

import bench_checkin as ci  # (sets Django up)
import bench_phone_vote as pv
from daihoi.congresses.models import AttendanceEvent, Delegate
from daihoi.elections import services
from daihoi.elections.models import VotingPass
from daihoi.elections.testing import build_hall
from daihoi.units.testing import build_world

HARNESS = Path(os.environ["DAIHOI_HARNESS_DIR"])
LB_PORT = int(os.environ["DAIHOI_LB_PORT"])
SCAN_ATTEMPTS = 30


# --- What the clients saw -------------------------------------------------------------------------


@dataclass
class Log:
    """Every request attempt: (when, answered); and when each write was acknowledged."""

    attempts: list[tuple[float, bool]] = field(default_factory=list)
    writes: list[float] = field(default_factory=list)
    failures: list[tuple[float, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def attempt(self, ok: bool, *, write: bool = False, why: str = "") -> None:
        now = time.monotonic()
        with self.lock:
            self.attempts.append((now, ok))
            if ok and write:
                self.writes.append(now)
            if not ok:
                self.failures.append((now, why))

    def clear(self) -> None:
        with self.lock:
            self.attempts.clear()
            self.writes.clear()
            self.failures.clear()


LOG = Log()
_phone_request = pv.Client.request
_desk_request = ci.Client.request


def phone_request(self: pv.Client, method: str, path: str, body: str = "") -> tuple[int, str]:
    try:
        status, text = _phone_request(self, method, path, body)
    except (OSError, http.client.HTTPException) as error:
        LOG.attempt(False, why=type(error).__name__)
        raise
    write = method == "POST" and status == 200 and "receipt" in text
    LOG.attempt(status < 500, write=write, why=f"HTTP {status}")
    return status, text


def desk_request(
    self: ci.Client, method: str, path: str, body: dict[str, str] | None = None
) -> int:
    status = _desk_request(self, method, path, body)
    why = f"HTTP {status}" if status else "no answer (connection error or 10 s timeout)"
    LOG.attempt(0 < status < 500, write=method == "POST" and status == 200, why=why)
    return status


pv.Client.request = phone_request  # type: ignore[method-assign]
ci.Client.request = desk_request  # type: ignore[method-assign]


def kill_node(n: int) -> float:
    pid = int((HARNESS / f"node{n}.pid").read_text())
    os.killpg(pid, signal.SIGKILL)
    return time.monotonic()


def start_node(n: int) -> None:
    subprocess.run([str(HARNESS / "start-node"), str(n)], check=True)
    time.sleep(3)  # HAProxy takes a node back after two good checks, 1 s apart


def figures(name: str, started: float, killed: float, ended: float) -> None:
    with LOG.lock:
        attempts = [a for a in LOG.attempts if started <= a[0] <= ended]
        writes = [w for w in LOG.writes if started <= w <= ended]
    failed = [t for t, ok in attempts if not ok]
    kinds = Counter(why for t, why in LOG.failures if started <= t <= ended)
    answered = sorted(t for t, ok in attempts if ok)

    def longest_pause(since: float, until: float) -> float:
        times = [since, *(t for t in answered if since <= t <= until), until]
        return max(b - a for a, b in itertools.pairwise(times))

    before = [w for w in writes if w < killed]
    after = [w for w in writes if w >= killed]
    print(f"\n== {name}: figures")
    print(f"requests sent {len(attempts)}, failed as the client saw them {len(failed)}")
    if kinds:
        print("failures: " + ", ".join(f"{why} x {n}" for why, n in kinds.most_common()))
    if failed:
        print(
            f"errors seen from {failed[0] - killed:+.2f} s to {failed[-1] - killed:+.2f} s "
            f"after the kill: {failed[-1] - failed[0]:.2f} s of errors"
        )
    else:
        print("errors seen: none")
    print(
        f"longest pause between two answered requests: {longest_pause(started, killed):.2f} s "
        f"before the kill, {longest_pause(killed, ended):.2f} s from the kill on"
    )
    rate_before = len(before) / max(1e-9, killed - started)
    rate_after = len(after) / max(1e-9, (after[-1] if after else killed) - killed)
    print(
        f"writes acknowledged: {len(before)} before the kill ({rate_before:.1f}/s), "
        f"{len(after)} after it ({rate_after:.1f}/s)"
    )


# --- 1. Check-in ----------------------------------------------------------------------------------


def scan(client: ci.Client, url: str, token: str, name: str) -> bool:
    for attempt in range(SCAN_ATTEMPTS):
        if client.request("POST", url, {"code": token, "desk": name}) == 200:
            return True
        time.sleep(min(1.0, 0.1 * (attempt + 1)))
    return False


def checkin(args: argparse.Namespace) -> None:
    congress, tokens, user = ci.build(args.delegates)
    base = f"/dai-hoi/{congress.pk}/"
    scan_url = base + "diem-danh/quet/"
    polls = [(base + "may-chieu/man-hinh/", 1.0)]
    for s in range(args.screens):
        polls.append((base + "diem-danh/so-lieu/", 3.0) if s % 2 == 0 else
                     (base + "doan-chu-tich/so-luong/", 2.0))  # fmt: skip
    stop = threading.Event()
    done = [0]
    lost: list[str] = []
    lock = threading.Lock()
    interval = args.duration * args.desks / args.delegates

    def desk(d: int, share: list[str], start: float) -> None:
        client = ci.Client(LB_PORT, ci.session_for(user))
        rng = random.Random(d)
        for k, token in enumerate(share):
            wait = start + k * interval - time.monotonic()
            if wait > 0 and stop.wait(wait):
                return
            ok = scan(client, scan_url, token, f"Bàn {d + 1}")
            if ok and rng.random() < ci.DUPLICATE_SHARE:
                scan(client, scan_url, token, f"Bàn {d + 1}")
            with lock:
                done[0] += 1
                if not ok:
                    lost.append(token)

    results = ci.Results()
    LOG.clear()
    started = time.monotonic()
    desks = [
        threading.Thread(
            target=desk,
            args=(d, tokens[d :: args.desks], started + 0.5 + d * interval / args.desks),
        )
        for d in range(args.desks)
    ]
    rng = random.Random(7)
    pollers = [
        threading.Thread(
            target=ci.poller,
            args=(
                results,
                url,
                ci.Client(LB_PORT, ci.session_for(user)),
                url,
                every,
                stop,
                rng.uniform(0, every),
            ),
        )
        for url, every in polls
    ]
    for thread in desks + pollers:
        thread.start()
    while done[0] < args.delegates // 3:
        time.sleep(0.01)
    killed = kill_node(1)
    print(f"check-in: kill -9 of node 1 after {done[0]} scans")
    deadline = started + 10 * args.duration + ci.DEADLINE_MARGIN_S
    for thread in desks:  # a desk behind its pace (one node on a busy box) goes on scanning
        thread.join(max(0.0, deadline - time.monotonic()))
    ended = time.monotonic()
    behind = sum(thread.is_alive() for thread in desks)
    stop.set()
    for thread in pollers:
        thread.join(ci.TIMEOUT_S + 2)
    print(
        f"{args.delegates} delegates at {args.desks} desks over {args.duration:.0f} s, "
        f"projector + {args.screens} screens polling through HAProxy; wall {ended - started:.1f} s"
    )
    figures("check-in with kill -9 of node 1", started, killed, ended)
    present = Delegate.objects.filter(congress=congress, presence="co-mat").count()
    arrivals = AttendanceEvent.objects.filter(congress=congress, kind="den").count()
    print(
        f"check: {present}/{args.delegates} present, {arrivals} arrivals recorded, "
        f"cards not scanned after {SCAN_ATTEMPTS} tries {len(lost)}, desks still scanning "
        f"at the deadline {behind}"
    )
    assert present == arrivals == args.delegates and not lost


# --- 2. Phone burst -------------------------------------------------------------------------------


def prepare_hall(delegates: int) -> tuple[object, list[str], object]:
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)
    world = build_world()
    hall = build_hall(world.unit, delegates=delegates)
    tokens, passes = [], []
    for delegate in hall.delegates:
        token = f"bench-{delegate.pk}-{random.getrandbits(64):x}"
        tokens.append(token)
        passes.append(VotingPass(delegate=delegate, token_hash=services._token_hash(token)))
    VotingPass.objects.bulk_create(passes)
    return hall, tokens, world


def phone_burst(args: argparse.Namespace) -> None:
    hall, tokens, world = prepare_hall(args.delegates)
    round_ = pv.new_round(hall, world, "Bầu Ban Chấp hành (hai nút, kill -9 một nút)")
    marks: dict[str, float] = {}

    def kill_midway(stats: pv.Stats) -> None:
        def watch() -> None:
            deadline = time.monotonic() + pv.DEADLINE_S
            while len(stats.acknowledged) < args.delegates // 3:
                if time.monotonic() > deadline:
                    return
                time.sleep(0.01)
            marks["killed"] = kill_node(2)
            marks["acknowledged"] = len(stats.acknowledged)

        threading.Thread(target=watch, daemon=True).start()

    pv.CLIENTS[0] = args.clients
    LOG.clear()
    stats, loaded, elapsed = pv.burst(LB_PORT, tokens, round_, on_progress=kill_midway)
    ended = time.monotonic()
    pv.report("phone burst with kill -9 of node 2", stats, loaded, elapsed, args.delegates)
    print(f"killed node 2 after {marks.get('acknowledged', 0):.0f} ballots acknowledged")
    cast_started = ended - elapsed
    figures("phone burst (cast) with kill -9 of node 2", cast_started, marks["killed"], ended)
    pv.check(round_, stats, args.delegates)
    assert stats.failures == 0


# --- 3. Phone burst, primary lost -----------------------------------------------------------------


def primary_failover(args: argparse.Namespace) -> None:
    """Stop the primary (immediate: as a lost machine) during a burst, promote the standby."""
    hall, tokens, world = prepare_hall(args.delegates)
    round_ = pv.new_round(hall, world, "Bầu Ban Kiểm tra (mất máy chủ cơ sở dữ liệu chính)")
    marks: dict[str, float] = {}

    def fail_over(stats: pv.Stats) -> None:
        def watch() -> None:
            deadline = time.monotonic() + pv.DEADLINE_S
            while len(stats.acknowledged) < args.delegates // 3:
                if time.monotonic() > deadline:
                    return
                time.sleep(0.01)
            marks["acknowledged"] = len(stats.acknowledged)
            marks["killed"] = time.monotonic()
            subprocess.run([str(HARNESS / "stop-primary")], check=True)
            time.sleep(args.detect)  # the time to notice: an operator, or a monitor
            subprocess.run([str(HARNESS / "promote-standby")], check=True)
            marks["promoted"] = time.monotonic()

        threading.Thread(target=watch, daemon=True).start()

    LOG.clear()
    stats, loaded, elapsed = pv.burst(LB_PORT, tokens, round_, on_progress=fail_over)
    ended = time.monotonic()
    pv.report("phone burst, primary stopped and standby promoted", stats, loaded, elapsed,
              args.delegates)  # fmt: skip
    print(
        f"primary stopped after {marks.get('acknowledged', 0):.0f} ballots acknowledged; "
        f"standby promoted {marks['promoted'] - marks['killed']:.1f} s later"
    )
    figures("phone burst with the primary lost", ended - elapsed, marks["killed"], ended)
    from django.db import connection

    connection.close()  # the bench's own connection went to the lost primary
    pv.check(round_, stats, args.delegates)
    assert stats.failures == 0


# --- 4. The task worker lost during a 100,000-row import -----------------------------------------


def start_worker() -> None:
    """Start a task worker as the harness does (its own process group, pid in worker.pid)."""
    log = (HARNESS / "worker.log").open("ab")
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "worker", "--no-reload", "--verbosity", "1"],
        cwd=ci.ROOT, stdout=log, stderr=log, start_new_session=True,
        env={**os.environ, "DAIHOI_VAR_DIR": str(HARNESS / "var")},
    )  # fmt: skip
    (HARNESS / "worker.pid").write_text(str(worker.pid))


def wait_for(job_id: int, what: str, done: object, limit: float) -> float:
    """Poll the job as its page does (expired if stale) until done(job); return seconds taken."""
    from daihoi.imports import services as imports
    from daihoi.imports.models import ImportJob

    started = time.monotonic()
    while time.monotonic() - started < limit:
        job = imports.expire_if_stale(ImportJob.objects.get(pk=job_id))
        if done(job):  # type: ignore[operator]
            return time.monotonic() - started
        time.sleep(0.5)
    raise SystemExit(f"import job {job_id}: {what} not reached in {limit:.0f} s")


def import_with_worker_kill(args: argparse.Namespace) -> None:
    """Kill -9 the worker in the middle of a 100,000-row insert; then import the file again."""
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command

    import bench_import as bi
    from daihoi.files.models import StoredFile
    from daihoi.imports import services as imports
    from daihoi.imports.models import ImportJob, ImportStatus
    from daihoi.units.models import Member

    settings.DAIHOI_JOB_STALE_SECONDS = args.stale  # this process plays the job's page
    path = bi.OUT / f"members-{args.rows}.xlsx"
    if not path.exists():
        bi.OUT.mkdir(exist_ok=True)
        bi.generate(path, args.rows)
    call_command("flush", interactive=False, verbosity=0)
    unit = bi.build_tree()
    data = path.read_bytes()
    print(f"\n== import of {args.rows:,} rows ({len(data) / 1024 / 1024:.1f} MB) by the worker")

    def run_to_preview() -> ImportJob:
        job = imports.start_import(unit=unit, user=None, upload=SimpleUploadedFile(path.name, data))
        took = wait_for(job.pk, "checked", lambda j: not j.is_active, 600)
        job.refresh_from_db()
        assert job.status == ImportStatus.PREVIEWED and job.can_confirm, job.error_message
        print(f"upload stored and checked by the worker in {took:.1f} s")
        return job

    job = imports.confirm_import(job=run_to_preview())
    share = args.rows // 5

    def far_enough(j: ImportJob) -> bool:
        return imports.read_progress(j)[0] >= share or not j.is_active

    wait_for(job.pk, "20% inserted", far_enough, 600)
    job.refresh_from_db()
    written = imports.read_progress(job)[0]
    os.killpg(int((HARNESS / "worker.pid").read_text()), signal.SIGKILL)
    killed = time.monotonic()
    print(f"kill -9 of the worker with {written:,} of {args.rows:,} rows written (not committed)")
    start_worker()
    took = wait_for(job.pk, "failed", lambda j: j.status != ImportStatus.RUNNING, 600)
    job.refresh_from_db()
    members = Member.objects.in_subtree(unit).count()
    files = StoredFile.objects.filter(name__startswith="imports/").count()
    print(
        f"job {job.status} after {took:.1f} s (stale after {args.stale} s), told "
        f"'{job.error_message}'; members written {members}; files of the job left {files}"
    )
    assert job.status == ImportStatus.FAILED and members == 0 and files == 0
    again = imports.confirm_import(job=run_to_preview())
    took = wait_for(again.pk, "done", lambda j: not j.is_active, 900)
    again.refresh_from_db()
    members = Member.objects.in_subtree(unit).count()
    print(
        f"uploaded again: {again.status}, {again.imported_count:,} imported by the new worker "
        f"({took:.1f} s for the insert, {time.monotonic() - killed:.0f} s after the kill); "
        f"members {members:,}"
    )
    assert again.status == ImportStatus.DONE and members == args.rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--delegates", type=int, default=2000)
    parser.add_argument("--desks", type=int, default=4)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--screens", type=int, default=50)
    parser.add_argument("--clients", type=int, default=pv.CONCURRENCY)
    parser.add_argument(
        "--detect", type=float, default=5.0, help="seconds from the primary's loss to promote"
    )
    parser.add_argument("--rows", type=int, default=100_000, help="rows of the import")
    parser.add_argument("--stale", type=int, default=20, help="DAIHOI_JOB_STALE_SECONDS")
    parser.add_argument(
        "--only", choices=("app-nodes", "database", "worker"), help="one of the fault runs"
    )
    args = parser.parse_args()
    print(
        f"harness {HARNESS}: HAProxy :{LB_PORT} -> node 1 :{os.environ['DAIHOI_NODE1_PORT']}, "
        f"node 2 :{os.environ['DAIHOI_NODE2_PORT']}; PostgreSQL with a synchronous standby; "
        f"cores {os.cpu_count()}"
    )
    try:
        if args.only in (None, "worker"):
            import_with_worker_kill(args)
        if args.only in (None, "app-nodes"):
            checkin(args)
            start_node(1)
            phone_burst(args)
        if args.only in (None, "database"):
            primary_failover(args)
    finally:
        shutil.rmtree(ci.VAR, ignore_errors=True)
        shutil.rmtree(pv.VAR, ignore_errors=True)


if __name__ == "__main__":
    main()
