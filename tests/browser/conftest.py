"""Playwright against Django's live server, driving Debian's chromium (no browser download)."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

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

    A page left open (a projector, a desk) keeps polling the live server; a request answered
    during or after the flush that ends the test would leave rows the next test finds. Asking
    for the database first makes this teardown run before the database's, whatever the test
    forgot to close.

    Closing a page does not wait for a request it had already sent (a keystroke's search, a
    poll). So the teardown also waits until the live server answers no request.
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
