"""The browser tests' live server: its requests and the test's own writes meet as in production.

A test sets up data in its own thread while the pages it opened keep polling the live server
(a projector every second). On SQLite these must wait for each other, never fail ("database
table is locked"), or a test fails at random on a busy machine.
"""

from __future__ import annotations

import threading
import urllib.request
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from tests.elections.world import phone_round, vote

from daihoi.congresses import services as congress_services
from daihoi.congresses.models import ProjectorMode
from daihoi.elections import services
from daihoi.elections.testing import build_hall
from daihoi.units.testing import build_world

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "daihoi.elections" not in settings.INSTALLED_APPS, reason="needs the elections app"
    ),
]


def test_the_tests_writes_and_a_projectors_polls_both_go_through(live_server: Any) -> None:
    w = build_world()
    hall = build_hall(w.unit, tellers=(w.officer,))
    congress_services.set_projector_mode(congress=hall.congress, mode=ProjectorMode.ELECTIONS)
    client = Client()
    client.force_login(w.viewer)
    screen = urllib.request.Request(  # noqa: S310 - the live server, on loopback
        f"{live_server.url}/dai-hoi/{hall.congress.pk}/may-chieu/man-hinh/",
        headers={"Cookie": f"sessionid={client.cookies['sessionid'].value}"},
    )
    stop = threading.Event()
    answers: list[int] = []
    failures: list[BaseException] = []

    def poll() -> None:
        while not stop.is_set():
            try:
                with urllib.request.urlopen(screen, timeout=30) as response:  # noqa: S310
                    response.read()
                    answers.append(response.status)
            except BaseException as error:  # reported by the assertion below
                failures.append(error)

    projectors = [threading.Thread(target=poll) for _ in range(2)]
    for projector in projectors:
        projector.start()
    try:
        for _ in range(12):
            round_ = phone_round(hall, names=("An", "Bình"), seats=1, user=w.officer)
            for delegate in hall.delegates:
                vote(round_, delegate, "An")
            services.close_round(round_=round_)
            services.count_round(round_=round_)
    finally:
        stop.set()
        for projector in projectors:
            projector.join()
    assert failures == []
    assert answers and set(answers) == {200}
