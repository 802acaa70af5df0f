"""Login throttling: after 5 failed logins for a username or an address within 15 minutes, the
next attempts are refused for 15 minutes, whatever the password."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from daihoi.accounts.models import LoginFailure

FAILURE_LIMIT = 5
WINDOW = timedelta(minutes=15)
LOCKOUT = timedelta(minutes=15)
KEEP_FAILURES = timedelta(days=1)

LOGIN_LOCKED = _(
    "Đăng nhập sai quá {limit} lần trong {window} phút. Vui lòng thử lại sau {wait} phút "
    "hoặc liên hệ quản trị viên của đơn vị."
)
LOGIN_INVALID = _("Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý chữ hoa, chữ thường.")


def client_ip(request: HttpRequest) -> str | None:
    """Return the client's address; behind a reverse proxy (DAIHOI_BEHIND_PROXY), its last hop."""
    if getattr(settings, "DAIHOI_BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip() or None
    return request.META.get("REMOTE_ADDR") or None


def _username_key(username: str) -> str:
    return username.strip().lower()[:150]


def _locked_until(failures: list[datetime]) -> datetime | None:
    # failures: the latest FAILURE_LIMIT failures of one key, newest first. Refused attempts are
    # not recorded, so while locked the newest failure is the one that caused the lock.
    if len(failures) < FAILURE_LIMIT or failures[0] - failures[-1] > WINDOW:
        return None
    return failures[0] + LOCKOUT


def login_locked_until(
    *, username: str, ip: str | None, now: datetime | None = None
) -> datetime | None:
    """Return until when logins for this username or from this address are refused, or None."""
    now = now or timezone.now()
    keys = [LoginFailure.objects.filter(username=_username_key(username))]
    if ip:
        keys.append(LoginFailure.objects.filter(ip_address=ip))
    ends = []
    for failures in keys:
        latest = list(
            failures.filter(created_at__gt=now - WINDOW - LOCKOUT)
            .order_by("-created_at")
            .values_list("created_at", flat=True)[:FAILURE_LIMIT]
        )
        end = _locked_until(latest)
        if end is not None and end > now:
            ends.append(end)
    return max(ends) if ends else None


@transaction.atomic
def record_login_failure(*, username: str, ip: str | None, now: datetime | None = None) -> None:
    """Count one failed login (and forget failures older than a day)."""
    now = now or timezone.now()
    LoginFailure.objects.filter(created_at__lt=now - KEEP_FAILURES).delete()
    LoginFailure.objects.create(username=_username_key(username), ip_address=ip, created_at=now)


@transaction.atomic
def clear_login_failures(*, username: str) -> None:
    """Forget a username's failures after it logged in (the address keeps its count)."""
    LoginFailure.objects.filter(username=_username_key(username)).delete()


def locked_message(until: datetime, *, now: datetime | None = None) -> str:
    """Return the Vietnamese refusal, with the minutes left rounded up."""
    now = now or timezone.now()
    wait = max(1, -(-int((until - now).total_seconds()) // 60))
    return str(LOGIN_LOCKED).format(
        limit=FAILURE_LIMIT, window=int(WINDOW.total_seconds() // 60), wait=wait
    )
