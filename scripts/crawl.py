"""Follow every link of the demo as each demo account, the way a new user's trial did.

    DAIHOI_VAR_DIR=/tmp/daihoi-crawl .venv/bin/python scripts/crawl.py [--max-pages N]

Loads the demo into the (fresh) SQLite database of DAIHOI_VAR_DIR, then, for each demo account,
starts at / logged in and follows every same-site link of every HTML page it reaches (GET only;
the logout link and static files are left out; a query string is followed for at most 20
variants of a path). Prints, per account, the pages read, the answers by status, every server
error with its page, every link that led to a 404 with the page it was on, and the time taken.
Exits 1 when a page answered 5xx or a link was dead, so it can gate a release by hand; it is not
part of `make test` (the whole demo takes minutes).
"""

from __future__ import annotations

import argparse
import collections
import io
import os
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "daihoi.settings")

SKIP = ("/dang-xuat/", "/static/", "/media/")
VARIANTS_PER_PATH = 20


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links_of(page_url: str, html: str) -> list[str]:
    parser = Links()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        url, _ = urldefrag(urljoin(page_url, href))
        parts = urlsplit(url)
        if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path and not path.startswith(SKIP):
            found.append(path)
    return found


def crawl(client: object, max_pages: int) -> dict[str, object]:
    queue = collections.deque(["/"])
    seen = {"/"}
    variants: collections.Counter[str] = collections.Counter()
    statuses: collections.Counter[int] = collections.Counter()
    errors: list[str] = []
    dead: list[str] = []
    came_from: dict[str, str] = {}
    pages = 0
    while queue and pages < max_pages:
        url = queue.popleft()
        response = client.get(url)  # type: ignore[attr-defined]
        pages += 1
        statuses[response.status_code] += 1
        if response.status_code >= 500:
            errors.append(f"{response.status_code} {url} (from {came_from.get(url, '-')})")
        elif response.status_code == 404:
            dead.append(f"{url} (from {came_from.get(url, '-')})")
        kind = response.get("Content-Type", "")
        if response.status_code in (301, 302, 303, 307, 308):
            found = links_of(url, f'<a href="{response["Location"]}">')
        elif response.status_code == 200 and kind.startswith("text/html"):
            found = links_of(url, response.content.decode("utf-8", "replace"))
        else:
            continue
        for link in found:
            if link in seen:
                continue
            path = link.split("?", 1)[0]
            if "?" in link:
                variants[path] += 1
                if variants[path] > VARIANTS_PER_PATH:
                    continue
            seen.add(link)
            came_from[link] = url
            queue.append(link)
    return {"pages": pages, "statuses": statuses, "errors": errors, "dead": dead,
            "left": len(queue)}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-pages", type=int, default=5000, help="per account")
    args = parser.parse_args()
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from daihoi.accounts.models import User
    from daihoi.units.demo import ACCOUNTS

    started = time.monotonic()
    call_command("load_demo", migrate=True, stdout=io.StringIO())
    call_command("collectstatic", interactive=False, verbosity=0)  # the pages name the files
    print(f"demo loaded in {time.monotonic() - started:.1f} s")
    setup_test_environment()
    failed = False
    for account in ACCOUNTS:
        client = Client(raise_request_exception=False)  # a 500 is counted, not raised
        client.force_login(User.objects.get(username=account.username))
        began = time.monotonic()
        found = crawl(client, args.max_pages)
        spent = time.monotonic() - began
        statuses = ", ".join(f"{code}: {n}" for code, n in sorted(found["statuses"].items()))
        print(
            f"{account.username}: {found['pages']} pages in {spent:.1f} s ({statuses}); "
            f"{found['left']} links not followed (page limit)"
        )
        for line in found["errors"]:
            print(f"  SERVER ERROR {line}")
        for line in found["dead"]:
            print(f"  DEAD LINK {line}")
        failed = failed or bool(found["errors"] or found["dead"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
