"""Filters of the app's log (settings.LOGGING)."""

from __future__ import annotations

import logging


class RefusalsWithoutTraceback(logging.Filter):
    """A request refused (403: another unit's page, a step of the Ban Kiểm phiếu asked by
    someone else) is logged in one line, as a 404 is, not with the traceback of the
    PermissionDenied the view raised to refuse it: Django passes that exception with the
    record, and every refusal filled the log with a traceback as if the app had failed."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
