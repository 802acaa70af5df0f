"""The elections tests need the app installed (it waits for the congress app's models)."""

from __future__ import annotations

from django.conf import settings

collect_ignore_glob = [] if "daihoi.elections" in settings.INSTALLED_APPS else ["test_*.py"]
