"""The app's log: a refused request is one line, a failure keeps its traceback."""

from __future__ import annotations

import io
import logging
import logging.config

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from daihoi.elections import services
from daihoi.elections.testing import build_hall
from daihoi.units.testing import build_world


@pytest.fixture
def log() -> io.StringIO:
    """What the app's console handler writes, configured as settings.LOGGING says."""
    logging.config.dictConfig(settings.LOGGING)
    stream = io.StringIO()
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    assert isinstance(handler, logging.StreamHandler)
    before = handler.setStream(stream)
    yield stream
    handler.setStream(before)


@pytest.mark.django_db
def test_a_refused_request_is_logged_in_one_line_without_a_traceback(log: io.StringIO) -> None:
    world = build_world()
    hall = build_hall(world.unit)
    election = services.create_election(congress=hall.congress, kind="bch", title="Bầu", seats=1)
    page = reverse("round_decrypt", args=[services.first_round(election).pk])
    client = Client(raise_request_exception=False)
    client.force_login(world.viewer)  # sees the congress, holds no seat of the Ban Kiểm phiếu
    assert client.get(page).status_code == 403
    written = log.getvalue()
    assert f"Forbidden (Permission denied): {page}" in written
    assert "Traceback" not in written


def test_a_failure_keeps_its_traceback(log: io.StringIO) -> None:
    try:
        raise RuntimeError("hỏng")
    except RuntimeError:
        logging.getLogger("django.request").error(
            "Internal Server Error: /", exc_info=True, extra={"status_code": 500}
        )
    assert "Traceback" in log.getvalue() and "RuntimeError: hỏng" in log.getvalue()
