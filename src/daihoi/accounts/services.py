"""Login throttling, per (username, address) with backoff, kept in the database.

After 5 failed logins of one username from one address (within a day, since that pair's last
good login), that pair waits 1 minute before its next attempt, then 2, 4, 8... up to an hour for
each further failure. Another address is not slowed: a person mistyping in a hall behind one NAT
address locks out neither their neighbours nor the same account logging in from elsewhere. The
failures are rows of LoginFailure, so every process and every node sees the same count.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from daihoi.accounts.models import LoginFailure

FAILURE_LIMIT = 5
FIRST_LOCKOUT = timedelta(minutes=1)
MAX_LOCKOUT = timedelta(hours=1)
KEEP_FAILURES = timedelta(days=1)

LOGIN_LOCKED = _(
    "Đăng nhập sai {count} lần liền. Vui lòng thử lại sau {wait} phút, hoặc liên hệ quản trị "
    "viên của đơn vị để đặt lại mật khẩu."
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


def lockout_after(failures: int) -> timedelta:
    """Return how long a pair waits after its latest failure: none below 5, then 1, 2, 4... min."""
    if failures < FAILURE_LIMIT:
        return timedelta(0)
    doublings = min(failures - FAILURE_LIMIT, 12)  # 2**12 minutes is far above the cap
    return min(FIRST_LOCKOUT * 2**doublings, MAX_LOCKOUT)


def _pair_failures(username: str, ip: str | None, now: datetime) -> tuple[int, datetime | None]:
    found = LoginFailure.objects.filter(
        username=_username_key(username), ip_address=ip, created_at__gt=now - KEEP_FAILURES
    ).aggregate(count=Count("id"), last=Max("created_at"))
    return found["count"], found["last"]


def login_locked_until(
    *, username: str, ip: str | None, now: datetime | None = None
) -> tuple[datetime, int] | None:
    """Return until when this username from this address is refused and its failure count."""
    now = now or timezone.now()
    count, last = _pair_failures(username, ip, now)
    if last is None or count < FAILURE_LIMIT:
        return None
    until = last + lockout_after(count)
    return (until, count) if until > now else None


@transaction.atomic
def record_login_failure(*, username: str, ip: str | None, now: datetime | None = None) -> None:
    """Count one failed login (and forget failures older than a day)."""
    now = now or timezone.now()
    LoginFailure.objects.filter(created_at__lt=now - KEEP_FAILURES).delete()
    LoginFailure.objects.create(username=_username_key(username), ip_address=ip, created_at=now)


@transaction.atomic
def clear_login_failures(*, username: str, ip: str | None = None, everywhere: bool = False) -> None:
    """Forget a pair's failures after it logged in (others keep theirs), or all of a username's."""
    failures = LoginFailure.objects.filter(username=_username_key(username))
    if not everywhere:
        failures = failures.filter(ip_address=ip)
    failures.delete()


def locked_message(until: datetime, count: int, *, now: datetime | None = None) -> str:
    """Return the Vietnamese refusal, with the minutes left rounded up."""
    now = now or timezone.now()
    wait = max(1, -(-int((until - now).total_seconds()) // 60))
    return str(LOGIN_LOCKED).format(count=count, wait=wait)
