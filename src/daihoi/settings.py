"""Settings for daihoi, driven by environment variables; a SQLite file under var/ by default."""

from __future__ import annotations

import datetime
import importlib.util
import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("DAIHOI_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", False)
PRODUCTION = not DEBUG and env_bool("DAIHOI_PRODUCTION", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise RuntimeError("SECRET_KEY phải được đặt trong môi trường khi chạy production.")
    # Local runs and tests only: production sets DAIHOI_PRODUCTION=1 and a real key.
    SECRET_KEY = "daihoi-local-insecure-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "daihoi.accounts.admin_apps.DaihoiAdminConfig",  # django.contrib.admin behind the app's login
    "ninja",  # serves the API docs' Swagger UI from our static files (no CDN)
    "django_tasks_db",  # the task queue's table; `manage.py worker` runs what is queued
    "daihoi.background",
    "daihoi.files",
    "daihoi.units",
    "daihoi.accounts",
    "daihoi.imports",
    "daihoi.congresses",
    "daihoi.elections",
    "daihoi.emulation",
    "daihoi.activities",
    "daihoi.term",
    "daihoi.season",
    "daihoi.review",
    "daihoi.record",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "daihoi.language.LanguageMiddleware",  # Vietnamese unless the switcher chose English
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "daihoi.accounts.middleware.PasswordChangeRequiredMiddleware",  # one-time passwords
    "daihoi.accounts.middleware.SessionEndedMiddleware",  # scripts' requests: 401, not login
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "daihoi.urls"
WSGI_APPLICATION = "daihoi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "daihoi.replica.context.replica_notice",
            ],
        },
    },
]


def database_config(url: str, *, conn_max_age: int) -> dict[str, Any]:
    """Parse DATABASE_URL. A PostgreSQL URL may name several hosts, as libpq does
    (postgres://user@host1:5432,host2:5433/db?target_session_attrs=read-write): each new
    connection goes to the first that answers as asked, so the nodes follow a standby promoted
    in place of a lost primary (docs/deploy.md)."""
    scheme, _, rest = url.partition("://")
    netloc, slash, path = rest.partition("/")
    userinfo, at, hosts = netloc.rpartition("@")
    if "," not in hosts:
        return dict(dj_database_url.parse(url, conn_max_age=conn_max_age))
    names, ports = [], []
    for host in hosts.split(","):
        name, colon, port = host.rpartition(":")
        names.append(name if colon else port)
        ports.append(port if colon else "")
    first = f"{scheme}://{userinfo}{at}{names[0]}{slash}{path}"
    config = dict(dj_database_url.parse(first, conn_max_age=conn_max_age))
    config["HOST"] = ",".join(names)
    config["PORT"] = ",".join(ports) if any(ports) else ""
    return config


VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": database_config(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'daihoi.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters bound by the server, and a statement run twice on a connection
    # prepared (parsed and planned once): a phone's cast costs PostgreSQL 2.9-3.5 ms of CPU
    # instead of 4.3-5.1 (docs/benchmarks.md, "2026-12-07, evening"). Django leaves both off for
    # connection poolers in transaction mode, which daihoi's deployment does not use.
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "server_side_binding": True,
        "prepare_threshold": 2,
    }

# Reports that read much (the unit dashboard, the term's dashboards, the season board, the
# emulation year report) may read from a PostgreSQL standby, named by DAIHOI_REPLICA_URL
# (daihoi.replica, docs/deploy.md): only when it is at most DAIHOI_REPLICA_MAX_LAG_SECONDS
# behind, and the page says so. Unset (the default, one machine), everything reads the one
# database. The connection is read-only, and gives up after 3 s if the standby is away; a
# process that saw it fail reads the primary for DAIHOI_REPLICA_RETRY_SECONDS.
DAIHOI_REPLICA_URL = os.environ.get("DAIHOI_REPLICA_URL", "")
DAIHOI_REPLICA = "replica" if DAIHOI_REPLICA_URL else ""
if DAIHOI_REPLICA_URL:
    _replica = database_config(
        DAIHOI_REPLICA_URL, conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60"))
    )
    if _replica["ENGINE"] == "django.db.backends.postgresql":
        _replica["OPTIONS"] = {
            **_replica.get("OPTIONS", {}),
            "connect_timeout": 3,
            "options": "-c default_transaction_read_only=on",
        }
    _replica["TEST"] = {"MIRROR": "default"}
    DATABASES[DAIHOI_REPLICA] = _replica
DAIHOI_REPLICA_MAX_LAG_SECONDS = float(os.environ.get("DAIHOI_REPLICA_MAX_LAG_SECONDS", "10"))
DAIHOI_REPLICA_RETRY_SECONDS = float(os.environ.get("DAIHOI_REPLICA_RETRY_SECONDS", "30"))
DATABASE_ROUTERS = ["daihoi.replica.router.ReplicaRouter"]

# Background work (large imports, delegate cards): Django's task framework with the database
# backend of django-tasks-db; the worker is `manage.py worker` (make run starts one). A job
# silent for DAIHOI_JOB_STALE_SECONDS is taken for lost with its worker and marked failed.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
# Nothing that several app nodes must agree on lives in one process's memory: sessions are in
# the database (Django's default engine, named here), the login throttle is a table
# (accounts.LoginFailure), and Django's cache, should anything use it, is a table too (made by
# migrate: background/migrations/0001). tests/background/test_shared_state.py checks it.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "daihoi_cache",
    }
}
DAIHOI_JOB_STALE_SECONDS = int(os.environ.get("DAIHOI_JOB_STALE_SECONDS", "120"))
DAIHOI_QUEUE_WAIT_SECONDS = int(os.environ.get("DAIHOI_QUEUE_WAIT_SECONDS", "3600"))
# The worker deletes the queue's rows of tasks finished more than this many days ago, when it
# starts and then every DAIHOI_TASK_PRUNE_SECONDS (the jobs' own rows are kept).
DAIHOI_TASK_RESULTS_KEEP_DAYS = int(os.environ.get("DAIHOI_TASK_RESULTS_KEEP_DAYS", "14"))
DAIHOI_TASK_PRUNE_SECONDS = float(os.environ.get("DAIHOI_TASK_PRUNE_SECONDS", "86400"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
# Production: browsers keep to HTTPS for a year (sent on HTTPS responses only).
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000" if PRODUCTION else "0"))
# The Django admin (/quan-tri/) logs in through /dang-nhap/; in production it answers 404 unless
# DAIHOI_ADMIN_SITE=1 (accounts are managed on the app's own pages).
DAIHOI_ADMIN_SITE = env_bool("DAIHOI_ADMIN_SITE", not PRODUCTION)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Behind a reverse proxy (nginx), login throttling reads the client address it forwards.
DAIHOI_BEHIND_PROXY = env_bool("DAIHOI_BEHIND_PROXY", False)

from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "media-src": [CSP.SELF, "blob:"],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
}

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded and generated files (congress documents, member lists being imported, delegate
# cards) go through Django's storage API. DAIHOI_STORAGE chooses where they live:
#   local     files under MEDIA_ROOT on this machine (the default: make run, one machine);
#   database  rows of the database (daihoi.files.storage.DatabaseStorage): every app node
#             sees every file, with nothing else to run (see docs/deploy.md);
#   s3        an S3-compatible store through django-storages, installed only where used
#             (`uv pip install 'django-storages[s3]'`), configured by DAIHOI_S3_BUCKET,
#             DAIHOI_S3_ENDPOINT_URL and boto3's own AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.
DAIHOI_STORAGE = os.environ.get("DAIHOI_STORAGE", "local")


def _default_storage(kind: str) -> dict[str, Any]:
    if kind == "local":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if kind == "database":
        return {"BACKEND": "daihoi.files.storage.DatabaseStorage"}
    if kind == "s3":
        if importlib.util.find_spec("storages") is None:
            raise ImproperlyConfigured(
                "DAIHOI_STORAGE=s3 cần gói django-storages[s3]: "
                "uv pip install 'django-storages[s3]'"
            )
        return {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": os.environ["DAIHOI_S3_BUCKET"],
                "endpoint_url": os.environ.get("DAIHOI_S3_ENDPOINT_URL") or None,
                "region_name": os.environ.get("DAIHOI_S3_REGION") or None,
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
            },
        }
    raise ImproperlyConfigured(f"DAIHOI_STORAGE={kind!r}: chỉ nhận 'local', 'database' hoặc 's3'.")


STORAGES = {
    "default": _default_storage(DAIHOI_STORAGE),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# WhiteNoise stores a gzip and a brotli copy of each static file at collectstatic; brotli takes
# seconds per megabyte, and the API docs' source maps (5 MB, read only by browser developer tools)
# took most of a first `make run`'s collectstatic. They are served uncompressed.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")
MEDIA_ROOT = VAR_DIR / "media"

# Uploads: workbooks up to 20 MB are accepted; larger ones get a clear message, not a crash.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DAIHOI_MAX_IMPORT_BYTES = int(os.environ.get("DAIHOI_MAX_IMPORT_BYTES", str(20 * 1024 * 1024)))

# Public holidays (rules.md §2.8: the recognition deadline counts working days, skipping weekends
# and these days). Dated data, not a rule: the Labour Code (Bộ luật Lao động 2019, Điều 112) fixes
# the holidays, the government decrees each year which weekdays are off (bridge days, days off in
# lieu of a holiday on a weekend) and which Saturdays are worked instead (làm bù). Update the
# lists when the year's notice is published; DAIHOI_PUBLIC_HOLIDAYS / DAIHOI_WORKING_WEEKENDS
# (comma-separated YYYY-MM-DD) replace them without a code change.
_PUBLIC_HOLIDAYS_DEFAULT = (
    # 2025 (Tết Ất Tỵ: 25/1-2/2; 30/4-4/5 with 2/5 bridged, worked on Saturday 26/4)
    "2025-01-01",
    "2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31",
    "2025-04-07",  # Giỗ Tổ Hùng Vương (10/3 âm lịch)
    "2025-04-30", "2025-05-01", "2025-05-02",
    "2025-09-01", "2025-09-02",
    # 2026 (Tết Bính Ngọ: 14/2-22/2; Giỗ Tổ on Sunday 26/4, off on Monday 27/4). The day beside
    # 2/9 is not announced yet: add it when it is.
    "2026-01-01",
    "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20",
    "2026-04-27",
    "2026-04-30", "2026-05-01",
    "2026-09-02",
    # 2027: the statutory days only, until the year's notice (Tết Đinh Mùi: mùng 1 on Saturday
    # 6/2, the five days 5/2-9/2 with the weekend off in lieu on 10/2 and 11/2; 1/5 on Saturday,
    # off on Monday 3/5). Giỗ Tổ and the day beside 2/9 are to be added when announced.
    "2027-01-01",
    "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11",
    "2027-04-30", "2027-05-03",
    "2027-09-02",
)  # fmt: skip
_WORKING_WEEKENDS_DEFAULT = ("2025-04-26",)


def _dates(name: str, default: tuple[str, ...]) -> tuple[datetime.date, ...]:
    raw = os.environ.get(name)
    texts = default if raw is None else tuple(t for t in raw.replace(" ", "").split(",") if t)
    try:
        return tuple(sorted(datetime.date.fromisoformat(t) for t in texts))
    except ValueError as error:
        raise ImproperlyConfigured(f"{name}: ngày phải viết YYYY-MM-DD ({error}).") from error


DAIHOI_PUBLIC_HOLIDAYS = _dates("DAIHOI_PUBLIC_HOLIDAYS", _PUBLIC_HOLIDAYS_DEFAULT)
DAIHOI_WORKING_WEEKENDS = _dates("DAIHOI_WORKING_WEEKENDS", _WORKING_WEEKENDS_DEFAULT)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"refusals": {"()": "daihoi.log_filters.RefusalsWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["refusals"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
