"""WSGI entry point (gunicorn daihoi.wsgi)."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "daihoi.settings")
application = get_wsgi_application()
