"""gunicorn's access log, minus what could tie a phone vote to a phone.

``make run`` (and any production gunicorn) runs with ``--logger-class
daihoi.access_log.AccessLogger``. For a request under the voter paths (``/bo-phieu/``, the
phone ballot; ``/bien-nhan/``, the receipt look-up) a line keeps only the method, the path
*template* (``/bo-phieu/vong/<int:round_id>/``), the protocol and the status: no address, no
time, no query string, no Referer, no user agent, no size or duration, no header or cookie,
whatever ``--access-logformat`` asks for (the atoms it names are written as ``-``). Every
other request is logged as gunicorn always does.

The voting code never reaches a URL anyway (``elections.voter_views``); this keeps the log from
pairing the moment and address of a cast with those of a receipt look-up or of a code
exchange.
"""

from __future__ import annotations

from typing import Any

from gunicorn.glogging import Logger

PRIVATE_PREFIXES = ("/bo-phieu/", "/bien-nhan/")  # elections.voter_views.VOTER_PATH, RECEIPT_PATH


def is_private(path: str) -> bool:
    """Tell whether requests to this path are logged by template and status only."""
    return path.startswith(PRIVATE_PREFIXES)


def path_template(path: str) -> str:
    """Return the URL pattern the path matches (``/bo-phieu/vong/<int:round_id>/``).

    A path that matches no pattern is written as its private prefix and ``…``.
    """
    try:
        from django.urls import Resolver404, resolve

        try:
            match = resolve(path)
        except Resolver404:
            match = None
        if match is not None and match.route:
            return "/" + match.route
    except Exception:  # noqa: S110 - Django not set up here: fall back to the prefix
        pass
    prefix = next((p for p in PRIVATE_PREFIXES if path.startswith(p)), "/")
    return prefix + "…"


class AccessLogger(Logger):
    """gunicorn's logger, writing only method, path template and status for voter paths."""

    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> dict:  # type: ignore[type-arg]
        path = environ.get("PATH_INFO") or ""
        if not is_private(path):
            return super().atoms(resp, req, environ, request_time)
        status = resp.status
        if isinstance(status, str):
            status = status.split(None, 1)[0]
        template = path_template(path)
        method = environ.get("REQUEST_METHOD", "-")
        protocol = environ.get("SERVER_PROTOCOL", "-")
        return {
            "r": f"{method} {template} {protocol}",
            "m": method,
            "U": template,
            "H": protocol,
            "s": status,
        }
