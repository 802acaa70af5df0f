"""deploy/: the multi-node harness's script parses and HAProxy accepts its configuration."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

# None of these tests uses the suite's database (the engine under test): run once, with SQLite.
pytestmark = pytest.mark.once

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def test_the_harness_script_is_valid_bash() -> None:
    checked = subprocess.run(
        ["bash", "-n", str(DEPLOY / "run-harness")], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr
    assert os.access(DEPLOY / "run-harness", os.X_OK)


@pytest.mark.skipif(shutil.which("haproxy") is None, reason="haproxy (scripts/system-deps)")
def test_haproxy_accepts_the_configuration_with_the_two_nodes() -> None:
    ports = {"DAIHOI_LB_PORT": "18080", "DAIHOI_NODE1_PORT": "18081", "DAIHOI_NODE2_PORT": "18082"}
    checked = subprocess.run(
        ["haproxy", "-c", "-f", str(DEPLOY / "haproxy.cfg")],
        capture_output=True,
        text=True,
        env={**os.environ, **ports},
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Configuration file is valid" in checked.stdout + checked.stderr
