"""`make run`'s steps (read with `make -n`, nothing run): what a second run skips, what it keeps.

Its contract: the environment, migrate, the demo loaded with the login printed, gunicorn on
127.0.0.1:PORT with the background worker beside it (scripts/serve). Static files are collected
(and compressed, ~25 s) only when there is no stamp of a previous collection in STATIC_ROOT or
when a static source, the packages or the settings are newer than it. Timings:
bench/bench_make_run.py, docs/benchmarks.md.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from whitenoise.compress import Compressor

# None of these tests uses the suite's database (the engine under test): run once, with SQLite.
pytestmark = pytest.mark.once

REPO = Path(__file__).resolve().parents[2]
SOURCES = REPO / "src"  # the static files and the settings are under it


def dry_run(var: Path, *args: str) -> str:
    environ = {**os.environ, "DAIHOI_VAR_DIR": str(var)}
    environ.pop("DATABASE_URL", None)
    done = subprocess.run(
        # -o: the environment counts as up to date (a test run may come before `make env`).
        ["make", "--no-print-directory", "-n", "-o", ".venv/.synced", "run", *args],
        cwd=REPO,
        env=environ,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def collected(var: Path, *, mtime: float) -> None:
    stamp = var / "static" / ".collected"
    stamp.parent.mkdir(parents=True)
    stamp.touch()
    os.utime(stamp, (mtime, mtime))


def test_the_first_run_collects_the_static_files(tmp_path: Path) -> None:
    steps = dry_run(tmp_path)
    assert "manage.py collectstatic --noinput" in steps
    assert f"touch {tmp_path}/static/.collected" in steps


def test_a_second_run_does_not_collect_them_again(tmp_path: Path) -> None:
    newest = max(p.stat().st_mtime for p in SOURCES.rglob("*"))
    collected(tmp_path, mtime=newest + 60)
    steps = dry_run(tmp_path, "PORT=8123")
    assert "collectstatic" not in steps
    # The rest of the contract stays: one process migrates, loads the demo and prints the login
    # (tests/units/test_load_demo.py), then the server.
    lines = [line.strip() for line in steps.splitlines()]
    load = lines.index(".venv/bin/python manage.py load_demo --migrate --print-login --port 8123")
    # scripts/serve: gunicorn --preload on 127.0.0.1:PORT and the background worker beside it
    # (tests/background/test_worker_process.py starts it and stops it).
    serve = next(i for i, line in enumerate(lines) if "scripts/serve" in line)
    assert load < serve
    assert "PORT=8123" in lines[serve]


def test_a_static_source_newer_than_the_collection_is_collected_again(tmp_path: Path) -> None:
    collected(tmp_path, mtime=1_000_000_000)  # 2001: older than every source
    assert "manage.py collectstatic --noinput" in dry_run(tmp_path)


def test_the_wsgi_module_imports_every_view_before_the_workers_fork(tmp_path: Path) -> None:
    # gunicorn --preload (make run) imports daihoi.wsgi once in the master; the workers fork
    # from it with the views loaded, so none pays for them on its first request.
    environ = {**os.environ, "DAIHOI_VAR_DIR": str(tmp_path)}
    environ.pop("DATABASE_URL", None)
    probe = "import sys, daihoi.wsgi; print('daihoi.elections.views' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=REPO,
        env=environ,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "True"


def test_collectstatic_compresses_the_pages_files_but_not_source_maps() -> None:
    # Brotli of the API docs' 5 MB of source maps was most of a first run's collectstatic.
    compressor = Compressor(extensions=settings.WHITENOISE_SKIP_COMPRESS_EXTENSIONS, quiet=True)
    assert compressor.should_compress("ninja/swagger-ui-bundle.js")
    assert compressor.should_compress("css/app.css")
    assert not compressor.should_compress("ninja/redoc.standalone.js.map")
    assert not compressor.should_compress("ninja/swagger-ui-bundle.js.map")
