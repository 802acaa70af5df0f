"""Phone voting under load: 2,000 delegates cast a ballot, with retries, duplicates and a crash.

Run: scripts/with-postgres .venv/bin/python bench/bench_phone_vote.py [--delegates N] [--encrypted]
     [--protocol 3|2] [--without-commitments]
The database in DATABASE_URL must be PostgreSQL and is emptied. The script builds a congress of
N checked-in delegates, each with a voting code, and a 5-of-9 election on phones; it serves the
app as in production (gunicorn, DEBUG off, collected static files) on 127.0.0.1 only, then:

1. Burst: every delegate opens the ballot (the voting code exchanged once by POST for the
   phone's voter session, as the QR page does, then the ballot page) and casts once, as fast
   as CONCURRENCY clients allow; 10% also send their ballot a second time at once (a double
   tap); a request that fails (connection error, 5xx, timeout) is retried. Prints p50/p99 of
   the cast request and ballots/s. Goal (issue 5): the 2,000 within 60 s, p99 <= 500 ms,
   >= 200 ballots/s.
2. Crash: a second round, the same burst, and ``kill -9`` of the whole gunicorn process group
   once a third of the ballots are in; the server is restarted after a pause and the clients
   keep retrying. Then checks: every acknowledged ballot (a receipt received) is stored
   unchanged, no delegate has two ballots, ballots = participations, and the digest verifies.

With ``--encrypted`` every round is an encrypted round (issue 13): a 2-of-3 committee key is set
before it opens (``--protocol 3``: ristretto255, as a round is keyed now; ``2``: edwards25519, as
a round keyed before protocol 3), and each phone sends its own ballot encrypted and proved as the
phone's script does, with its proofs' commitments beside it (made here, before the burst, by
``encrypt_ballot`` of the Python side of the scheme, one fresh encryption per delegate;
``--without-commitments``: the ballot alone); the server checks every proof at the cast (as a
batch of one from the commitments, protocol 3 on libdecaf) and appends the ballot to the board,
and the receipt is the tracking code. The checks then read the board: every
acknowledged tracking code is on it with the ciphertexts sent, the chain holds, and the close
seals it.

The server runs with the bench's settings (bench/bench_settings.py: the app's, with Django's
request log at ERROR): the "Conflict" warning Django writes for each 409 (a double tap, a retry
after a crash) would flood the bench's output; errors are still logged.

Everything is bounded: client timeouts, retries with a cap, and an overall deadline.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import multiprocessing
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "daihoi.settings")
VAR = Path(tempfile.mkdtemp(prefix="daihoi-bench-vote-"))
os.environ["DAIHOI_VAR_DIR"] = str(VAR)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from daihoi.elections import encrypted, services  # noqa: E402
from daihoi.elections.crypto_group import group_named, has_libdecaf  # noqa: E402
from daihoi.elections.models import (  # noqa: E402
    BoardEntry,
    PhoneBallot,
    Round,
    VoterParticipation,
    VotingPass,
)
from daihoi.elections.testing import build_hall, key_round_before_protocol_3  # noqa: E402
from daihoi.rules import ballot_crypto as bc  # noqa: E402
from daihoi.units.testing import build_world  # noqa: E402

HOST = "127.0.0.1"
ACCESS_LOG = VAR / "access.log"
CONCURRENCY = 32
CLIENTS = [CONCURRENCY]
SEND_COMMITMENTS = [True]  # --without-commitments: the phones send the ballot alone
DUPLICATE_SHARE = 0.10
TIMEOUT_S = 10.0
MAX_ATTEMPTS = 40
DEADLINE_S = 240.0
NAMES = (
    "Rcom Jen",
    "Nguyễn Thị Bình",
    "Trần Thị Mai",
    "Lê Thị Hương",
    "Phạm Văn Đức",
    "Lò Văn Hùng",
    "Vàng A Sùng",
    "Hoàng Kiều Anh",
    "Vừ A Tiến",
)
SEATS = 5
# A clear ballot's receipt, or an encrypted ballot's tracking code (its board hash).
RECEIPT = re.compile(r'id="receipt">([0-9A-Z]{4}-[0-9A-Z]{4}|[0-9a-f]{64})<')
BALLOT_FORM = 'id="ballot"'
VOTER_COOKIE = "phien-bo-phieu"  # elections.voter_views.VOTER_COOKIE


# --- Set-up ---------------------------------------------------------------------------------------


def prepare(delegates: int) -> tuple[object, list[str], object]:
    if connection.vendor != "postgresql":
        sys.exit("Chạy với PostgreSQL: scripts/with-postgres .venv/bin/python " + __file__)
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    world = build_world()
    started = time.perf_counter()
    hall = build_hall(world.unit, delegates=delegates)
    tokens = []
    passes = []
    for delegate in hall.delegates:
        token = f"bench-{delegate.pk}-{random.getrandbits(64):x}"
        tokens.append(token)
        passes.append(VotingPass(delegate=delegate, token_hash=services._token_hash(token)))
    VotingPass.objects.bulk_create(passes)
    took = time.perf_counter() - started
    print(f"congress: {delegates} delegates checked in, codes issued ({took:.1f} s)")
    return hall, tokens, world


def new_round(
    hall: object, world: object, title: str, *, encrypt: bool = False, protocol: str = "3"
) -> Round:
    election = services.create_election(
        congress=hall.congress,
        kind="bch",
        title=title,
        seats=SEATS,  # type: ignore[attr-defined]
    )
    for name in NAMES:
        services.add_candidate(election=election, full_name=name)
    round_ = services.first_round(election)
    present = len(hall.delegates)  # type: ignore[attr-defined]
    services.approve_list(round_=round_, yes=present, no=0, abstain=0, present=present)
    services.set_voting(round_=round_, paper=False, phone=True)
    if encrypt and protocol == "2":  # as a round keyed before protocol 3 (edwards25519)
        key_round_before_protocol_3(round_)
    elif encrypt:  # the committee's key, as their devices make it (the secrets stay here)
        context = encrypted.round_context(round_)
        commitments = [
            bc.member_generate(encrypted.new_group(), index=i, threshold=2, context=context)[1]
            for i in (1, 2, 3)
        ]
        encrypted.set_round_key(round_=round_, commitments=commitments, threshold=2)
    services.open_round(round_=round_, user=world.officer)  # type: ignore[attr-defined]
    round_.refresh_from_db()
    return round_


# --- The server -----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, port: int, workers: int, threads: int) -> None:
        self.port, self.workers, self.threads = port, workers, threads
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = {
            **os.environ,
            "DEBUG": "0",
            "ALLOWED_HOSTS": HOST,
            "DB_CONN_MAX_AGE": "60",
            # The bench's logging: not Django's "Conflict" warning for every 409 (bench_settings).
            "DJANGO_SETTINGS_MODULE": "bench_settings",
            "PYTHONPATH": os.pathsep.join(
                [str(ROOT / "bench"), str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]
            ),
        }
        command = [
            str(Path(sys.executable).parent / "gunicorn"),
            "daihoi.wsgi",
            "--bind", f"{HOST}:{self.port}",
            "--workers", str(self.workers),
            "--worker-class", "gthread",
            "--threads", str(self.threads),
            "--timeout", "30",
            "--keep-alive", "5",
            "--log-level", "warning",
            "--access-logfile", str(ACCESS_LOG),
            "--access-logformat", "%(m)s %(s)s %(D)s",
            "--logger-class", "daihoi.access_log.AccessLogger",  # as make run
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command, env=env, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((HOST, self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        raise SystemExit("gunicorn did not start")

    def kill9(self) -> None:
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)


# --- The clients ----------------------------------------------------------------------------------


@dataclass
class Stats:
    cast_ms: list[float] = field(default_factory=list)
    page_ms: list[float] = field(default_factory=list)
    acknowledged: dict[int, tuple[str, frozenset[str]]] = field(default_factory=dict)
    sent: dict[str, str] = field(default_factory=dict)  # tracking code: encrypted ballot sent
    recovered: int = 0  # a retry answered "already voted": the lost answer's vote is in
    double_taps_refused: int = 0
    twins_counted: int = 0
    retries: int = 0
    failures: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


class Client:
    """One delegate's phone: keeps its cookies, retries what fails."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.connection: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, body: str = "") -> tuple[int, str]:
        if self.connection is None:
            self.connection = http.client.HTTPConnection(HOST, self.port, timeout=TIMEOUT_S)
        headers = {"Host": HOST}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body=body or None, headers=headers)
            response = self.connection.getresponse()
            text = response.read().decode()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = None
            raise
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.headers.get("Connection", "").lower() == "close":
            self.connection.close()
            self.connection = None
        return response.status, text


@dataclass
class Phone:
    """A delegate's phone: the ballot page it loaded (cookie, CSRF token) and its choice."""

    index: int
    token: str
    path: str
    crossed: list[str]
    double_tap: bool
    client: Client
    body: str = ""
    ballot: str = ""  # an encrypted round: the ballot as the phone's script sends it (JSON)
    commitments: str = ""  # and its proofs' commitments beside it (base64)


def enter(phone: Phone) -> None:
    """Exchange the voting code for the phone's voter session (POST /bo-phieu/, 303)."""
    body = urllib.parse.urlencode([("ma", phone.token)])
    status, _page = phone.client.request("POST", "/bo-phieu/", body)
    if status != 303 or VOTER_COOKIE not in phone.client.cookies:
        raise OSError(f"code exchange answered {status}")


def load(phone: Phone, stats: Stats) -> None:
    """Open the ballot page (the delegate reads the names before the cast)."""
    for attempt in range(1, MAX_ATTEMPTS + 1):
        if attempt > 1:
            time.sleep(min(2.0, 0.05 * 2**attempt) * random.uniform(0.5, 1.0))
        try:
            if VOTER_COOKIE not in phone.client.cookies:
                enter(phone)
            started = time.perf_counter()
            status, page = phone.client.request("GET", phone.path)
            elapsed = (time.perf_counter() - started) * 1000
        except (OSError, http.client.HTTPException):
            continue
        if status == 200 and BALLOT_FORM in page:
            fields = [("ballot", phone.ballot)] if phone.ballot else []
            fields += [("commitments", phone.commitments)] if phone.commitments else []
            fields += [("crossed", c) for c in phone.crossed if not phone.ballot]
            phone.body = urllib.parse.urlencode(fields)
            with stats.lock:
                stats.page_ms.append(elapsed)
            return
        if status == 409:  # already voted (a retry after a crash): nothing to send
            phone.body = ""
            return
    with stats.lock:
        stats.failures += 1


def post_once(phone: Phone, client: Client) -> tuple[int, str, float]:
    started = time.perf_counter()
    status, page = client.request("POST", phone.path, phone.body)
    return status, page, (time.perf_counter() - started) * 1000


def cast(phone: Phone, stats: Stats) -> None:
    """Send the ballot; retry what fails; a double tap sends it twice at the same moment."""
    if not phone.body:
        with stats.lock:
            stats.recovered += 1
        return
    twin: list[tuple[int, str]] = []
    if phone.double_tap:
        other = Client(phone.client.port)
        other.cookies = dict(phone.client.cookies)

        def tap() -> None:
            try:
                status, page, _elapsed = post_once(phone, other)
                twin.append((status, page))
            except (OSError, http.client.HTTPException):
                twin.append((0, ""))

        tapper = threading.Thread(target=tap)
        tapper.start()
    deadline = time.monotonic() + DEADLINE_S
    status, page, elapsed = 0, "", 0.0
    for attempt in range(1, MAX_ATTEMPTS + 1):
        if time.monotonic() > deadline:
            break
        if attempt > 1:
            with stats.lock:
                stats.retries += 1
            time.sleep(min(2.0, 0.05 * 2**attempt) * random.uniform(0.5, 1.0))
        try:
            status, page, elapsed = post_once(phone, phone.client)
        except (OSError, http.client.HTTPException):
            continue
        if status in (200, 409):
            break
        if status in (302, 403):  # the voter session was lost: open the ballot again
            phone.client.cookies.pop(VOTER_COOKIE, None)
            load(phone, stats)
        # 5xx or 502 while the server restarts: try again
    if phone.double_tap:
        tapper.join()
    twin_status, twin_page = twin[0] if twin else (0, "")
    with stats.lock:
        if status == 200:
            receipt = RECEIPT.search(page)
            assert receipt is not None, page[:300]
            stats.cast_ms.append(elapsed)
            stats.acknowledged[phone.index] = (receipt.group(1), frozenset(phone.crossed))
            stats.sent[receipt.group(1)] = phone.ballot
            if twin_status == 200:
                stats.failures += 1  # two receipts for one delegate: never expected
        elif twin_status == 200:  # the twin won the race and holds the receipt
            receipt = RECEIPT.search(twin_page)
            assert receipt is not None
            stats.acknowledged[phone.index] = (receipt.group(1), frozenset(phone.crossed))
            stats.sent[receipt.group(1)] = phone.ballot
            stats.twins_counted += 1
        elif status == 409:
            stats.recovered += 1  # a lost answer before a crash: the vote is in
        else:
            stats.failures += 1
        if phone.double_tap and status == 200 and twin_status == 409:
            stats.double_taps_refused += 1
        elif phone.double_tap and twin_status == 200 and status == 409:
            stats.double_taps_refused += 1


def _encrypt_one(job: tuple[str, list[bool], int, int, list[object], str, str]) -> tuple[str, str]:
    """A phone's ballot (JSON) and its proofs' commitments (base64), as its script sends them;
    the commitments computed here by the server's check, which gives the phone's bytes (the
    browser tests pin that)."""
    public_key, kept, minimum, maximum, context, group, protocol = job
    shape = {
        "public_key": bytes.fromhex(public_key),
        "minimum": minimum,
        "maximum": maximum,
        "context": context,
        "protocol": protocol,
    }
    named = group_named(group)
    ballot = bc.encrypt_ballot(named, kept=kept, **shape)  # type: ignore[arg-type]
    commitments = bc.checked_commitments(
        named,
        ballot=ballot,
        names=len(kept),
        **shape,  # type: ignore[arg-type]
    )
    assert commitments is not None
    return json.dumps(bc.ballot_to_json(ballot)), base64.b64encode(commitments).decode()


def encrypt_ballots(round_: Round, phones: list[Phone]) -> None:
    """Each phone's ballot encrypted and proved as its script would, one fresh encryption per
    delegate, in as many processes as cores (before the burst: the phones' work, not timed)."""
    started = time.perf_counter()
    sheet = services.phone_sheet(round_)
    crypto = encrypted.phone_crypto(round_, sheet)
    jobs = [
        (
            crypto.public_key,
            [cid not in set(phone.crossed) for cid in sheet.ids],
            crypto.minimum,
            crypto.maximum,
            crypto.context,
            crypto.group,
            crypto.protocol,
        )
        for phone in phones
    ]
    connection.close()  # no connection shared with the forked processes
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(os.cpu_count(), mp_context=context) as pool:
        made = pool.map(_encrypt_one, jobs, chunksize=50)
        for phone, (ballot, commitments) in zip(phones, made, strict=True):
            phone.ballot = ballot
            phone.commitments = commitments if SEND_COMMITMENTS[0] else ""
    took = time.perf_counter() - started
    print(f"{len(phones)} ballots encrypted and proved for the phones ({took:.1f} s, not timed)")


def burst(
    port: int, tokens: list[str], round_: Round, *, on_progress: object = None
) -> tuple[Stats, float, float]:
    """Every delegate opens the ballot, then all cast at once; return (stats, load s, cast s)."""
    ids = [str(c.pk) for c in round_.candidates.all()]
    rng = random.Random(round_.pk)
    phones = []
    for index, token in enumerate(tokens):
        crossed = rng.sample(ids, len(ids) - rng.randint(1, SEATS))
        path = f"/bo-phieu/vong/{round_.pk}/"
        phones.append(
            Phone(index, token, path, crossed, rng.random() < DUPLICATE_SHARE, Client(port))
        )
    if round_.encrypted:
        encrypt_ballots(round_, phones)
    stats = Stats()
    started = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS[0]) as pool:
        list(pool.map(lambda phone: load(phone, stats), phones))
    loaded = time.perf_counter() - started
    for phone in phones:  # phones reconnect when the delegate taps "send"
        if phone.client.connection is not None:
            phone.client.connection.close()
            phone.client.connection = None
    started = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS[0]) as pool:
        futures = [pool.submit(cast, phone, stats) for phone in phones]
        if on_progress is not None:
            on_progress(stats)  # type: ignore[operator]
        for future in futures:
            future.result()
    return stats, loaded, time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(name: str, stats: Stats, loaded: float, elapsed: float, delegates: int) -> None:
    cast = stats.cast_ms
    print(f"\n== {name}")
    print(f"ballot pages opened: {len(stats.page_ms)} in {loaded:.1f} s")
    print(
        f"delegates {delegates}; acknowledged {len(stats.acknowledged)}; "
        f"answered 'already voted' after a lost answer {stats.recovered}; "
        f"double taps refused {stats.double_taps_refused} (the twin first: {stats.twins_counted}); "
        f"retries {stats.retries}; "
        f"failures {stats.failures}"
    )
    print(f"wall time {elapsed:.1f} s; {len(stats.acknowledged) / elapsed:.0f} ballots/s")
    if cast:
        print(
            f"cast (POST) latency: p50 {statistics.median(cast):.0f} ms, "
            f"p99 {percentile(cast, 0.99):.0f} ms, max {max(cast):.0f} ms"
        )
        print(
            f"ballot page (GET) latency: p50 {statistics.median(stats.page_ms):.0f} ms, "
            f"p99 {percentile(stats.page_ms, 0.99):.0f} ms"
        )


def server_side(since: int) -> None:
    """Print the server's own time per request (gunicorn's access log, microseconds).

    Under the voter paths the access log keeps only the path template and the status
    (daihoi.access_log), so there is no server time to print for them.
    """
    lines = [x for x in ACCESS_LOG.read_text().splitlines()[since:] if x.split()[2:3] != ["-"]]
    if not lines:
        print("server time: not in the access log under the voter paths (by design)")
        return
    posts = [int(x.split()[2]) / 1000 for x in lines if x.startswith("POST 200")]
    gets = [int(x.split()[2]) / 1000 for x in lines if x.startswith("GET 200")]
    if posts:
        print(
            f"server time, cast (POST 200): p50 {statistics.median(posts):.0f} ms, "
            f"p99 {percentile(posts, 0.99):.0f} ms; ballot page (GET 200): "
            f"p50 {statistics.median(gets):.0f} ms, p99 {percentile(gets, 0.99):.0f} ms"
        )


def log_length() -> int:
    return len(ACCESS_LOG.read_text().splitlines()) if ACCESS_LOG.exists() else 0


def check(round_: Round, stats: Stats, delegates: int) -> None:
    if round_.encrypted:
        check_board(round_, stats, delegates)
        return
    stored = dict(PhoneBallot.objects.filter(round=round_).values_list("receipt", "kept"))
    ids = {str(c.pk) for c in round_.candidates.all()}
    participations = VoterParticipation.objects.filter(round=round_)
    missing = changed = 0
    for receipt, crossed in stats.acknowledged.values():
        if receipt not in stored:
            missing += 1
        elif frozenset(stored[receipt]) != ids - crossed:
            changed += 1
    doubled = participations.count() - participations.values("delegate").distinct().count()
    print(
        f"stored ballots {len(stored)}, participations {participations.count()}; "
        f"acknowledged missing {missing}, changed {changed}; delegates with two votes {doubled}"
    )
    assert missing == 0 and changed == 0 and doubled == 0
    assert len(stored) == participations.count() == delegates
    assert len(stored) == len(stats.acknowledged) + stats.recovered
    assert len(set(stored)) == len(stored)
    services.close_round(round_=round_)
    round_.refresh_from_db()
    verified = services.verify_close(round_)
    assert verified is not None and verified.ok
    print(f"closed: digest of {len(stored)} phone ballots verifies")


def check_board(round_: Round, stats: Stats, delegates: int) -> None:
    """An encrypted round: every acknowledged tracking code is on the board with the ciphertexts
    its phone sent, one entry per participation, the chain holds and the close seals it."""
    stored = dict(BoardEntry.objects.filter(round=round_).values_list("tracking", "ballot"))
    participations = VoterParticipation.objects.filter(round=round_)
    missing = changed = 0
    for tracking, _crossed in stats.acknowledged.values():
        if tracking not in stored:
            missing += 1
        elif stored[tracking] != json.loads(stats.sent[tracking]):
            changed += 1
    doubled = participations.count() - participations.values("delegate").distinct().count()
    print(
        f"board entries {len(stored)}, participations {participations.count()}; "
        f"acknowledged missing {missing}, changed {changed}; delegates with two votes {doubled}"
    )
    assert missing == 0 and changed == 0 and doubled == 0
    assert len(stored) == participations.count() == delegates
    assert len(stored) == len(stats.acknowledged) + stats.recovered
    assert encrypted.board(round_).ok
    services.close_round(round_=round_)
    round_.refresh_from_db()
    assert round_.tally_record["ballots"] == delegates
    print(f"closed: board of {delegates} encrypted ballots, chain checked, sums sealed")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--delegates", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=6)
    parser.add_argument("--restart-after", type=float, default=2.0, help="seconds down")
    parser.add_argument("--clients", type=int, default=CONCURRENCY)
    parser.add_argument("--no-crash", action="store_true", help="only the first burst")
    parser.add_argument("--encrypted", action="store_true", help="encrypted rounds (issue 13)")
    parser.add_argument(
        "--protocol",
        choices=("3", "2"),
        default="3",
        help="encrypted rounds keyed now (3, ristretto255) or as before protocol 3 (2, ed25519)",
    )
    parser.add_argument(
        "--without-commitments",
        action="store_true",
        help="the phones send their ballot without its proofs' commitments (checked one by one)",
    )
    args = parser.parse_args()

    CLIENTS[0] = args.clients
    SEND_COMMITMENTS[0] = not args.without_commitments
    hall, tokens, world = prepare(args.delegates)
    port = free_port()
    server = Server(port, args.workers, args.threads)
    print(
        f"gunicorn: {args.workers} workers x {args.threads} threads on {HOST}:{port}; "
        f"{args.clients} clients; cores {os.cpu_count()}"
    )
    if args.encrypted and args.protocol == "3":
        # the same machine's libraries as the server's: a box without libdecaf0 casts slower
        checks = "libdecaf" if has_libdecaf() else "libsodium alone (libdecaf0 missing)"
        print(f"proofs checked on {checks}")
    server.start()
    try:
        first = new_round(
            hall,
            world,
            "Bầu Ban Chấp hành (đo tải)",
            encrypt=args.encrypted,
            protocol=args.protocol,
        )
        since = log_length()
        stats, loaded, elapsed = burst(port, tokens, first)
        report("burst", stats, loaded, elapsed, args.delegates)
        server_side(since)
        check(first, stats, args.delegates)
        assert stats.failures == 0 and len(stats.acknowledged) == args.delegates
        if args.no_crash:
            return

        second = new_round(
            hall,
            world,
            "Bầu đại biểu đi dự đại hội cấp trên (đo tải, kill -9)",
            encrypt=args.encrypted,
            protocol=args.protocol,
        )
        crashed: dict[str, float] = {}

        def crash_midway(stats: Stats) -> None:
            def watch() -> None:
                while len(stats.acknowledged) < args.delegates // 3:
                    time.sleep(0.01)
                crashed["at"] = time.perf_counter()
                crashed["acknowledged"] = len(stats.acknowledged)
                server.kill9()
                time.sleep(args.restart_after)
                server.start()
                crashed["down_s"] = time.perf_counter() - crashed["at"]

            threading.Thread(target=watch, daemon=True).start()

        since = log_length()
        stats, loaded, elapsed = burst(port, tokens, second, on_progress=crash_midway)
        report(
            "burst with kill -9 of gunicorn and a restart", stats, loaded, elapsed, args.delegates
        )
        server_side(since)
        print(
            f"killed after {crashed.get('acknowledged', 0):.0f} acknowledged; "
            f"down {crashed.get('down_s', 0):.1f} s"
        )
        assert stats.failures == 0
        check(second, stats, args.delegates)
    finally:
        server.stop()
        shutil.rmtree(VAR, ignore_errors=True)


if __name__ == "__main__":
    main()
