"""The real worker process (`manage.py worker`) on a database of its own, and `scripts/serve`.

These tests start processes as production does, on a SQLite file in a temporary directory
(the suite's own test database lives in this process and no other process can reach it).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.tasks import TaskResultStatus
from tests.imports.workbooks import people, workbook_bytes

from daihoi.imports import messages

# None of these tests uses the suite's database (the engine under test): run once, with SQLite.
pytestmark = pytest.mark.once

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
STALE_SECONDS = 3

SETUP = """
import json, os
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from daihoi.imports.services import start_import
from daihoi.units.testing import build_world

world = build_world()
ids = []
with override_settings(DAIHOI_IMPORT_INLINE_BYTES=0):  # every file goes to the queue
    for name in ("BIG", "SMALL"):
        data = open(os.environ[name], "rb").read()
        upload = SimpleUploadedFile(name.lower() + ".xlsx", data)
        ids.append(start_import(unit=world.unit, user=world.officer, upload=upload).pk)
print(json.dumps(ids))
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A migrated SQLite database with two uploads queued: a large one, then a small one."""
    var = tmp_path_factory.mktemp("var")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {
        "DAIHOI_VAR_DIR": str(var),
        "DAIHOI_JOB_STALE_SECONDS": str(STALE_SECONDS),
        "PYTHONUNBUFFERED": "1",
    }
    big, small = var / "big.xlsx", var / "small.xlsx"
    big.write_bytes(workbook_bytes(people(6000)))
    small.write_bytes(workbook_bytes(people(25)))
    env |= {"BIG": str(big), "SMALL": str(small)}
    manage = [PYTHON, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT, timeout=300)
    made = subprocess.run(
        [*manage, "shell", "-v0", "-c", SETUP],
        env=env,
        check=True,
        cwd=ROOT,
        timeout=300,
        capture_output=True,
        text=True,
    )
    big_id, small_id = json.loads(made.stdout.strip().splitlines()[-1])
    yield {"env": env, "db": var / "daihoi.sqlite3", "big": big_id, "small": small_id}


def query(site: dict[str, Any], sql: str, *params: object) -> list[tuple[Any, ...]]:
    with sqlite3.connect(site["db"], timeout=20) as db:
        return db.execute(sql, params).fetchall()


def job(site: dict[str, Any], job_id: int) -> tuple[str, str]:
    sql = "SELECT status, error_message FROM imports_importjob WHERE id = ?"
    status, message = query(site, sql, job_id)[0]
    return status, message


def task_of(site: dict[str, Any], job_id: int) -> tuple[str, str]:
    rows = query(
        site, "SELECT status, args_kwargs, traceback FROM django_tasks_database_dbtaskresult"
    )
    found = [(s, tb) for s, args, tb in rows if json.loads(args)["args"] == [job_id]]
    assert len(found) == 1, found
    return found[0]


def wait_until(check: Callable[[], bool], *, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.02)


def start_worker(site: dict[str, Any]) -> subprocess.Popen[bytes]:
    command = [PYTHON, str(ROOT / "manage.py"), "worker", "--no-reload", "--interval", "0.1"]
    return subprocess.Popen(command, env=site["env"], cwd=ROOT)


def test_a_worker_killed_mid_task_leaves_its_job_failed_and_the_next_worker_goes_on(
    site: dict[str, Any],
) -> None:
    big, small = site["big"], site["small"]
    worker = start_worker(site)
    try:
        wait_until(lambda: task_of(site, big)[0] == TaskResultStatus.RUNNING)
        worker.send_signal(signal.SIGKILL)  # the machine is lost mid-check
        worker.wait(timeout=30)
    finally:
        worker.kill()
    assert job(site, big)[0] == "pending"
    assert task_of(site, big)[0] == TaskResultStatus.RUNNING  # the queue cannot know
    assert task_of(site, small)[0] == TaskResultStatus.READY

    time.sleep(STALE_SECONDS + 1)  # no sign of life since: the job's lease expires
    worker = start_worker(site)
    try:
        # The new worker fails the lost job and its task at start, then runs the next one.
        wait_until(lambda: task_of(site, small)[0] == TaskResultStatus.SUCCESSFUL)
        assert job(site, small)[0] == "previewed"
        assert job(site, big) == ("failed", messages.INTERRUPTED)
        assert task_of(site, big) == (TaskResultStatus.FAILED, messages.INTERRUPTED)
        worker.send_signal(signal.SIGTERM)  # idle: stops at once, cleanly
        assert worker.wait(timeout=30) == 0
    finally:
        worker.kill()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def descendants(pid: int) -> set[int]:
    """Return the processes below pid, whatever their session (from /proc)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pids: set[int]) -> set[int]:
    """Return the pids still running (a zombie waiting for its parent is not)."""
    running = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            running.add(pid)
    return running


def as_from_a_terminal() -> None:
    """Start with the signals at their defaults, as a shell in a terminal starts a command.

    A signal ignored when a shell starts cannot be trapped by it, and the test may run under
    nohup (SIGHUP ignored) or as a background job of a script (SIGINT ignored).
    """
    for one in (signal.SIGINT, signal.SIGHUP, signal.SIGTERM):
        signal.signal(one, signal.SIG_DFL)


@pytest.mark.parametrize(
    ("signals", "status"),
    [((signal.SIGINT,), 130), ((signal.SIGHUP,), 129), ((signal.SIGTERM, signal.SIGTERM), 143)],
    ids=["ctrl-c", "terminal-closed", "make-stopped-twice"],
)
def test_serve_runs_the_pages_and_the_worker_and_ctrl_c_stops_both(
    site: dict[str, Any], signals: tuple[signal.Signals, ...], status: int
) -> None:
    port = free_port()
    env = site["env"] | {
        "PORT": str(port),
        "WEB_WORKERS": "1",
        "VENV": str(Path(PYTHON).parent.parent),
    }
    serve = subprocess.Popen(
        [str(ROOT / "scripts" / "serve")],
        env=env,
        cwd=ROOT,
        start_new_session=True,
        preexec_fn=as_from_a_terminal,
    )
    children: set[int] = set()
    try:

        def api_served() -> bool:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/api/openapi.json", timeout=5
                ) as r:
                    return bool(r.status == 200)
            except OSError:
                return False

        wait_until(api_served)
        children = descendants(serve.pid)
        assert len(children) >= 3  # the worker, gunicorn's arbiter and its worker
        # Ctrl-C, the terminal closed, or `make run` stopped by TERM (make passes it on: the
        # script gets it twice). The children are in sessions of their own, so the script's
        # trap runs every time (bash skips a SIGINT trap when the child it waits for exits by
        # itself on the same SIGINT, as a loaded CI machine once showed): it stops them, waits
        # for them whatever comes meanwhile, and exits 128 + the signal.
        for one in signals:
            os.killpg(serve.pid, one)
            time.sleep(0.2)  # the second one while the script waits for its children
        assert serve.wait(timeout=60) == status
        assert not alive(children)  # nothing outlives the script (the port is free)
    finally:
        if serve.poll() is None:
            os.killpg(serve.pid, signal.SIGKILL)
        for pid in alive(children):
            os.kill(pid, signal.SIGKILL)
