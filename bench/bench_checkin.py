"""Check-in under load: 2,000 delegates at 4 desks while the projector and 50 screens poll.

Run: scripts/with-postgres .venv/bin/python bench/bench_checkin.py [--delegates 2000]
     [--desks 4] [--duration 60] [--screens 50]
The database in DATABASE_URL (PostgreSQL) is emptied. The script builds a delegates' congress
of N delegates, serves the app as ``make run`` does (gunicorn, 3 workers x 4 threads, DEBUG
off, collected static files) on 127.0.0.1 only, then for ``--duration`` seconds:

- each desk scans its share of the cards at an even pace (the issue's 10 minutes for 2,000
  scaled down: 60 s is ten times the real rate), posting the QR payload as the desk page does
  (htmx); 5% of the cards are scanned twice in a row, as happens at a real desk;
- the projector polls its fragment every second;
- the organizer screens poll: half the desk counters (every 3 s), half the presidium's quorum
  (every 2 s), as those pages do.

Prints, per kind of request, the client-side and the server-side (gunicorn's access log) p50
and p99, and the CPU used by gunicorn, PostgreSQL and this load generator; then checks that
every delegate is present with exactly one arrival. Bounded: a fixed number of requests, client
timeouts, an overall deadline.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "daihoi.settings")
VAR = Path(tempfile.mkdtemp(prefix="daihoi-bench-checkin-"))
os.environ["DAIHOI_VAR_DIR"] = str(VAR)

import django  # noqa: E402

django.setup()

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from daihoi.accounts.models import Role, User  # noqa: E402
from daihoi.congresses import services  # noqa: E402
from daihoi.congresses.models import AttendanceEvent, Congress, Delegate, new_token  # noqa: E402
from daihoi.congresses.services import CongressData, delegate_search_text  # noqa: E402
from daihoi.rules.names import sort_key  # noqa: E402
from daihoi.units.models import UnitKind  # noqa: E402
from daihoi.units.services import create_unit  # noqa: E402

HOST = "127.0.0.1"
ACCESS_LOG = VAR / "access.log"
TIMEOUT_S = 10.0
DUPLICATE_SHARE = 0.05
DEADLINE_MARGIN_S = 60.0
GIVEN = ("An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hùng", "Lan", "Minh", "Nga", "Phong", "Vân")
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Lò", "Vừ", "Lường", "Đặng", "Bùi")
MIDDLE = ("Văn", "Thị", "Minh", "Thu", "Đức", "Ngọc")


# --- Data ----------------------------------------------------------------------------------------


def build(delegates: int) -> tuple[Congress, list[str], User]:
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    root = create_unit(
        parent=None, name="Liên đoàn Lao động tỉnh Thử", code="B", kind=UnitKind.LDLD_TINH
    )
    unit = create_unit(parent=root, name="Công đoàn Tập đoàn Thử", code="B-1", kind=UnitKind.CDCS)
    congress = services.create_congress(
        unit=unit,
        data=CongressData(
            number="lần thứ III",
            term_start=2025,
            term_end=2030,
            starts_on=date(2025, 10, 1),
            form="dai-bieu",
            venue="Cung Văn hóa Lao động",
        ),
    )
    rng = random.Random(2000)
    rows = []
    for number in range(1, delegates + 1):
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        rows.append(
            Delegate(
                congress=congress,
                number=number,
                kind="bau",
                full_name=name,
                name_key=sort_key(name),
                search_text=delegate_search_text(full_name=name, number=number, workplace=""),
                token=new_token(),
            )
        )
    Delegate.objects.bulk_create(rows, batch_size=1000)
    user = User(username="bench", unit=unit, role=Role.OFFICER)
    user.set_unusable_password()
    user.save()
    return congress, [d.token for d in rows], user


def session_for(user: User) -> str:
    """Return a logged-in session key (as the login page would make), without the login page."""
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    assert store.session_key is not None
    return store.session_key


# --- The server ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def start_server(port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DEBUG": "0", "ALLOWED_HOSTS": HOST}
    # As `make run`: 3 workers x 4 threads (gthread), access log with the time per request.
    command = [
        str(Path(sys.executable).parent / "gunicorn"), "daihoi.wsgi",
        "--bind", f"{HOST}:{port}", "--workers", "3", "--threads", "4",
        "--log-level", "warning", "--access-logfile", str(ACCESS_LOG),
        "--access-logformat", "%(m)s %(U)s %(s)s %(D)s",
    ]  # fmt: skip
    process = subprocess.Popen(
        command, env=env, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return process
        except OSError:
            time.sleep(0.1)
    raise SystemExit("gunicorn did not start")


def cpu_ticks(predicate) -> int:  # type: ignore[no-untyped-def]
    """Sum utime+stime (clock ticks) of the processes whose /proc stat matches predicate."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        if predicate(int(entry.name), name, fields):
            total += int(fields[11]) + int(fields[12])
    return total


def machine_busy() -> tuple[int, int]:
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


# --- The clients ---------------------------------------------------------------------------------


class Client:
    """One browser: a keep-alive connection with the session and CSRF cookies."""

    def __init__(self, port: int, session: str) -> None:
        self.port = port
        self.csrf = secrets.token_hex(16)  # a 32-character secret, as Django's cookie holds
        self.cookie = f"sessionid={session}; csrftoken={self.csrf}"
        self.conn: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, body: dict[str, str] | None = None) -> int:
        headers = {"Cookie": self.cookie, "HX-Request": "true"}
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.csrf
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=TIMEOUT_S)
            try:
                self.conn.request(method, path, body=data, headers=headers)
                response = self.conn.getresponse()
                response.read()
                return response.status
            except (OSError, http.client.HTTPException):
                self.conn.close()
                self.conn = None
                if attempt:
                    return 0
        return 0


class Results:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.statuses: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))

    def timed(self, kind: str, client: Client, method: str, path: str, body=None) -> None:  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        status = client.request(method, path, body)
        elapsed = time.perf_counter() - start
        with self.lock:
            self.times[kind].append(elapsed)
            self.statuses[kind][status] += 1


def desk(results: Results, client: Client, url: str, name: str, tokens: list[str],
         start: float, interval: float, stop: threading.Event) -> None:  # fmt: skip
    rng = random.Random(name)
    for k, token in enumerate(tokens):
        wait = start + k * interval - time.monotonic()
        if wait > 0 and stop.wait(wait):
            return
        body = {"code": token, "desk": name}
        results.timed("scan (POST, desk)", client, "POST", url, body)
        if rng.random() < DUPLICATE_SHARE:
            results.timed("scan (POST, desk)", client, "POST", url, body)


def poller(results: Results, kind: str, client: Client, url: str, every: float,
           stop: threading.Event, phase: float) -> None:  # fmt: skip
    if stop.wait(phase):
        return
    next_at = time.monotonic()
    while not stop.is_set():
        results.timed(kind, client, "GET", url)
        next_at += every
        stop.wait(max(0.0, next_at - time.monotonic()))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def server_side(port_urls: dict[str, str]) -> dict[str, list[float]]:
    """Return the server's own time per request kind (ms), from gunicorn's access log."""
    out: dict[str, list[float]] = defaultdict(list)
    for line in ACCESS_LOG.read_text().splitlines():
        parts = line.split()
        if len(parts) != 4:
            continue
        _, path, _, micros = parts
        for kind, url in port_urls.items():
            if path == url:
                out[kind].append(int(micros) / 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--delegates", type=int, default=2000)
    parser.add_argument("--desks", type=int, default=4)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds for all the scans")
    parser.add_argument("--screens", type=int, default=50)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("Chạy với PostgreSQL: scripts/with-postgres .venv/bin/python " + __file__)

    congress, tokens, user = build(args.delegates)
    call_command("collectstatic", interactive=False, verbosity=0)
    base = f"/dai-hoi/{congress.pk}/"
    urls = {
        "scan (POST, desk)": base + "diem-danh/quet/",
        "projector (every 1 s)": base + "may-chieu/man-hinh/",
        "desk counters (every 3 s)": base + "diem-danh/so-lieu/",
        "presidium quorum (every 2 s)": base + "doan-chu-tich/so-luong/",
    }
    port = free_port()
    server = start_server(port)
    gunicorn_pid = server.pid
    results = Results()
    stop = threading.Event()
    threads: list[threading.Thread] = []
    try:
        # Warm up every worker and thread (imports, URLconf, connections) before measuring:
        # 24 connections at once, each asking every page twice.
        session = session_for(user)

        def warm() -> None:
            client = Client(port, session)
            for _ in range(2):
                for url in urls.values():
                    if "quet" not in url:
                        client.request("GET", url)

        warmers = [threading.Thread(target=warm) for _ in range(24)]
        for thread in warmers:
            thread.start()
        for thread in warmers:
            thread.join(60)
        ACCESS_LOG.write_text("")

        interval = args.duration * args.desks / args.delegates
        start = time.monotonic() + 0.5
        for d in range(args.desks):
            share = tokens[d :: args.desks]
            client = Client(port, session_for(user))
            threads.append(threading.Thread(
                target=desk,
                args=(results, client, urls["scan (POST, desk)"], f"Bàn {d + 1}", share,
                      start + d * interval / args.desks, interval, stop),
            ))  # fmt: skip
        pollers = [("projector (every 1 s)", 1.0)]
        for s in range(args.screens):
            pollers.append(
                ("desk counters (every 3 s)", 3.0) if s % 2 == 0
                else ("presidium quorum (every 2 s)", 2.0)
            )  # fmt: skip
        rng = random.Random(7)
        for kind, every in pollers:
            client = Client(port, session_for(user))
            threads.append(threading.Thread(
                target=poller,
                args=(results, kind, client, urls[kind], every, stop, rng.uniform(0, every)),
            ))  # fmt: skip

        def gunicorn_tree(pid: int, name: str, fields: list[str]) -> bool:
            return pid == gunicorn_pid or int(fields[1]) == gunicorn_pid

        def postgres(pid: int, name: str, fields: list[str]) -> bool:
            return name.startswith("postgres")

        cpu0 = (cpu_ticks(gunicorn_tree), cpu_ticks(postgres), os.times(), machine_busy())
        wall0 = time.monotonic()
        for thread in threads:
            thread.start()
        desks = threads[: args.desks]
        deadline = wall0 + args.duration + DEADLINE_MARGIN_S
        for thread in desks:
            thread.join(max(0.0, deadline - time.monotonic()))
        stop.set()
        for thread in threads:
            thread.join(TIMEOUT_S + 2)
        wall = time.monotonic() - wall0
        cpu1 = (cpu_ticks(gunicorn_tree), cpu_ticks(postgres), os.times(), machine_busy())
    finally:
        stop.set()
        server.terminate()
        try:
            os.killpg(server.pid, 15)
        except ProcessLookupError:
            pass
        server.wait(timeout=20)

    hz = os.sysconf("SC_CLK_TCK")
    cores = os.cpu_count() or 1
    gunicorn_s = (cpu1[0] - cpu0[0]) / hz
    postgres_s = (cpu1[1] - cpu0[1]) / hz
    me = (cpu1[2].user + cpu1[2].system) - (cpu0[2].user + cpu0[2].system)
    busy = (cpu1[3][0] - cpu0[3][0]) / max(1, cpu1[3][1] - cpu0[3][1])
    server_ms = server_side(urls)

    present = Delegate.objects.filter(congress=congress, presence="co-mat").count()
    arrivals = AttendanceEvent.objects.filter(congress=congress, kind="den").count()
    duplicates = Delegate.objects.filter(congress=congress, events_count__gt=1).count()

    print(f"PostgreSQL, gunicorn 3 workers x 4 threads on {HOST}:{port}; {cores} cores")
    print(
        f"{args.delegates} delegates at {args.desks} desks over {args.duration:.0f} s "
        f"({args.delegates / args.duration:.1f} scans/s; the issue's 10 minutes would be "
        f"{args.delegates / 600:.1f}/s); projector + {args.screens} screens polling; "
        f"wall {wall:.1f} s"
    )
    print()
    print("| request | count | client p50 | client p99 | server p50 | server p99 | errors |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for kind in urls:
        times = [t * 1000 for t in results.times[kind]]
        served = server_ms.get(kind, [])
        bad = sum(n for status, n in results.statuses[kind].items() if status != 200)
        if not times:
            continue
        print(
            f"| {kind} | {len(times)} | {percentile(times, 0.5):.1f} ms | "
            f"{percentile(times, 0.99):.1f} ms | "
            f"{percentile(served, 0.5) if served else 0:.1f} ms | "
            f"{percentile(served, 0.99) if served else 0:.1f} ms | {bad} |"
        )
    total = sum(len(v) for v in results.times.values())
    print()
    print(
        f"{total} requests, {total / wall:.0f}/s. CPU over {wall:.1f} s: gunicorn "
        f"{gunicorn_s:.1f} s ({100 * gunicorn_s / wall / cores:.0f}% of the machine), "
        f"PostgreSQL {postgres_s:.1f} s ({100 * postgres_s / wall / cores:.0f}%), "
        f"this load generator {me:.1f} s ({100 * me / wall / cores:.0f}%); "
        f"machine busy {100 * busy:.0f}%."
    )
    print(
        f"Check: {present}/{args.delegates} present, {arrivals} arrivals recorded, "
        f"{duplicates} delegates with more than one event."
    )
    if present != args.delegates or arrivals != args.delegates:
        raise SystemExit("FAILED: every delegate should be present with exactly one arrival.")


if __name__ == "__main__":
    main()
