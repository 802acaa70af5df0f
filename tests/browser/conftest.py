"""Playwright against Django's live server, driving Debian's chromium (no browser download)."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer

CHROMIUM = os.environ.get("DAIHOI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by the test
# itself (setting up data, asserting on rows) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


class _OneRequestAtATime(ThreadedWSGIServer):
    """Django's live server, answering one request at a time (each still on its own thread).

    On SQLite the live server's threads share the test's one in-memory connection: two pages
    polling and posting at the same instant (a projector and a phone) meet there as "database
    table is locked" (SQLite's lock between statements of one connection, which no timeout
    waits out), and a log-in's session is lost. A request takes the lock with its response
    read whole and closed (Django's request_finished, its connections' clean-up) before the
    next; the browser's connections stay open and concurrent, and static files are served
    beside it.
    """

    def set_app(self, application: Any) -> None:
        from django.conf import settings

        lock = threading.Lock()
        static = str(settings.STATIC_URL)

        def one_at_a_time(environ: dict[str, Any], start_response: Any) -> Any:
            if environ.get("PATH_INFO", "").startswith(static):  # files: no database
                return application(environ, start_response)
            with lock:
                result = application(environ, start_response)
                try:
                    return [b"".join(result)]
                finally:
                    close = getattr(result, "close", None)
                    if close is not None:
                        close()

        super().set_app(one_at_a_time)


@pytest.fixture(scope="session", autouse=True)
def _live_server_one_request_at_a_time() -> Iterator[None]:
    from django.test.testcases import LiveServerThread

    before = LiveServerThread.server_class
    LiveServerThread.server_class = _OneRequestAtATime
    yield
    LiveServerThread.server_class = before


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Thiếu chromium ở {CHROMIUM}: chạy scripts/system-deps (apt-get install chromium)."
        )
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=15_000)  # as the pages' timeout below: a slow machine is no failure

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _pages_closed_before_the_flush(request: pytest.FixtureRequest) -> Iterator[None]:
    """Close every page a test opened, before its database is flushed.

    A page left open (a projector, a desk) keeps polling the live server; its requests, in the
    server's threads, then meet the flush that ends the test ("database table is locked") and
    the next test finds the rows left behind. Asking for the database first makes this teardown
    run before the database's, whatever the test forgot to close.

    Closing a page does not wait for a request it had already sent (a keystroke's search, a
    poll): the server's thread answering it shares SQLite's in-memory database with this one.
    So the teardown also waits until the live server answers no request.
    """
    if "live_server" in request.fixturenames:
        request.getfixturevalue("transactional_db")
    yield
    if "browser" in request.fixturenames:
        for context in list(request.getfixturevalue("browser").contexts):
            context.close()
    if "live_server" in request.fixturenames:
        _wait_for_requests_to_end()


def _wait_for_requests_to_end(seconds: float = 30.0) -> None:
    """Wait until no thread of the live server is answering a request (at most `seconds`).

    Django's threaded server starts a daemon thread per connection, which socketserver does not
    keep; Python names each after its target.
    """
    deadline = time.monotonic() + seconds
    for thread in threading.enumerate():
        if thread.name.endswith("(process_request_thread)"):
            thread.join(max(0.0, deadline - time.monotonic()))


@pytest.fixture
def page(browser, live_server):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="vi-VN", base_url=live_server.url)
    page = context.new_page()
    # Generous: two test processes share two cores with their Chromiums and live servers, and CI
    # may run on a loaded machine; a wait only takes long when it would otherwise fail.
    page.set_default_timeout(30_000)
    yield page
    context.close()
