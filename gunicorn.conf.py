"""Gunicorn settings daihoi relies on; `make run` passes it with -c, and gunicorn started from
the repository's root reads it by itself.

Gunicorn writes "Server: gunicorn" on every response and has no setting to leave it out; the
header tells an attacker which server and thus which bugs to try. Its response class is patched
here, in the master before workers fork, to send no Server header (tests/test_gunicorn.py starts
gunicorn and checks).
"""

from __future__ import annotations

from gunicorn.http import wsgi

_default_headers = wsgi.Response.default_headers


def _headers_without_server(self: wsgi.Response) -> list[str]:
    return [h for h in _default_headers(self) if not h.lower().startswith("server:")]


wsgi.Response.default_headers = _headers_without_server  # type: ignore[method-assign]

# The access log (`make run` writes it to stdout with --access-logfile -): under the phone
# voting paths only method, path template and status (daihoi/access_log.py, docs/secrecy.md).
logger_class = "daihoi.access_log.AccessLogger"
