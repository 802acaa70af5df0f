"""The benches' server settings: the app's own, with Django's request log at ERROR.

Django logs a "Conflict" warning for every 409 answer (a double tap, a retry after a crash),
thousands in a phone-vote burst, which would bury the bench's figures on its stderr; errors (5xx)
are still logged. The app's settings are not changed: the bench's server runs with
``DJANGO_SETTINGS_MODULE=bench_settings`` and ``bench/`` on its path.
"""

from daihoi.settings import *  # noqa: F403

LOGGING = {
    **LOGGING,  # noqa: F405
    "loggers": {"django.request": {"level": "ERROR"}},
}
