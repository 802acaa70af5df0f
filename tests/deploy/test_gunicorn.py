"""The server as `make run` starts it: gunicorn with the repository's gunicorn.conf.py.

In production mode responses carry HSTS (over HTTPS, as the proxy reports it) and, in any mode,
no Server header naming gunicorn.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

# None of these tests uses the suite's database (the engine under test): run once, with SQLite.
pytestmark = pytest.mark.once

REPO = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_gunicorn(tmp_path: Path, **env: str) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    environ = {**os.environ, "DAIHOI_VAR_DIR": str(tmp_path), "SECRET_KEY": "k" * 50, **env}
    environ.pop("DEBUG", None)
    environ.pop("DATABASE_URL", None)
    server = subprocess.Popen(
        [
            *(str(GUNICORN), "-c", "gunicorn.conf.py", "daihoi.wsgi"),
            *("--bind", f"127.0.0.1:{port}", "--no-control-socket"),
        ],
        cwd=REPO,
        env=environ,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return server, port
        except OSError:
            time.sleep(0.05)
    server.kill()
    raise AssertionError("gunicorn did not start")


def headers_of(port: int, path: str) -> dict[str, str]:
    # The worker imports Django on its first request: give a loaded machine time.
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path, headers={"X-Forwarded-Proto": "https"})
    response = connection.getresponse()
    response.read()
    connection.close()
    return {name.lower(): value for name, value in response.getheaders()}


@pytest.fixture
def production(tmp_path: Path) -> Iterator[int]:
    server, port = start_gunicorn(tmp_path, DAIHOI_PRODUCTION="1")
    yield port
    server.terminate()
    server.wait(10)


@pytest.fixture
def development(tmp_path: Path) -> Iterator[int]:
    server, port = start_gunicorn(tmp_path)
    yield port
    server.terminate()
    server.wait(10)


def test_production_sends_hsts_and_no_server_header(production: int) -> None:
    headers = headers_of(production, "/api/units/")  # 401: no database, no static files needed
    assert headers["strict-transport-security"] == "max-age=31536000"
    assert "server" not in headers


def test_no_server_header_outside_production_either(development: int) -> None:
    headers = headers_of(development, "/api/units/")
    assert "server" not in headers
    assert "strict-transport-security" not in headers
