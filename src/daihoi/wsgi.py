"""WSGI entry point (gunicorn daihoi.wsgi)."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application
from django.db import connections
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "daihoi.settings")
application = get_wsgi_application()
# Import every view now rather than on the first request: under `gunicorn --preload` (make run)
# this happens once, before the workers fork, and the first page is served without the wait.
get_resolver().url_patterns  # noqa: B018 - evaluated for its imports
connections.close_all()  # nothing opened above may be shared by forked workers
