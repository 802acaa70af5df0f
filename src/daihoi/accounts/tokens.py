"""API tokens: create one (shown once), revoke it, and find the user behind a bearer token.

Only the SHA-256 of a token is stored: a leaked database gives no usable key. Tokens are 256
random bits, so a plain hash (no salt, no slow hash) is enough and lets a request find its
token with one indexed lookup.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from daihoi.accounts.models import ApiToken, User
from daihoi.rules.names import nfc

TOKEN_PREFIX = "dh_"  # noqa: S105 - a marker, not a secret
SHOWN_PREFIX_LENGTH = 10  # "dh_" and 7 random characters
# last_used_at is written at most this often per token: a busy client costs no write per call.
LAST_USED_RESOLUTION = timedelta(minutes=1)
NAME_MAX_LENGTH = 100
DEFAULT_DAYS = 90
MAX_DAYS = 366
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# Messages (ruff S105 mistakes "TOKEN_..." names for passwords).
TOKEN_NAME_REQUIRED = "Tên khóa: không được để trống (ví dụ: “Đồng bộ phần mềm nhân sự”)."  # noqa: S105
TOKEN_NAME_TOO_LONG = f"Tên khóa: dài quá {NAME_MAX_LENGTH} ký tự."
TOKEN_USER_INACTIVE = "Người dùng: tài khoản đã bị khóa, không tạo được khóa API."  # noqa: S105
TOKEN_NOT_FOUND = "Không tìm thấy khóa API này."  # noqa: S105
TOKEN_DAYS_INVALID = f"Thời hạn: từ 1 đến {MAX_DAYS} ngày."
TOKEN_EXPIRED = "Khóa API đã hết hạn ngày {date}: tạo khóa mới ở trang Khóa API của tài khoản."  # noqa: S105
TOKEN_READ_ONLY = "Khóa API này chỉ được đọc dữ liệu: dùng khóa không đánh dấu “chỉ đọc” để ghi."  # noqa: S105


class TokenError(Exception):
    """A token could not be created; the message is Vietnamese and names the field."""


def hash_token(raw: str) -> str:
    """Return the stored form of a token: its SHA-256 in hex."""
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def create_api_token(
    *, user: User, name: str, days: int = DEFAULT_DAYS, read_only: bool = False
) -> tuple[ApiToken, str]:
    """Create a token valid for some days; return it and the raw key, never shown again."""
    name = nfc(name)
    if not name:
        raise TokenError(TOKEN_NAME_REQUIRED)
    if len(name) > NAME_MAX_LENGTH:
        raise TokenError(TOKEN_NAME_TOO_LONG)
    if not 1 <= days <= MAX_DAYS:
        raise TokenError(TOKEN_DAYS_INVALID)
    if not user.is_active:
        raise TokenError(TOKEN_USER_INACTIVE)
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        key_hash=hash_token(raw),
        prefix=raw[:SHOWN_PREFIX_LENGTH],
        expires_at=timezone.now() + timedelta(days=days),
        read_only=read_only,
    )
    return token, raw


@transaction.atomic
def revoke_api_token(*, token: ApiToken) -> None:
    """Delete a token: requests that carry it get 401 from now on."""
    token.delete()


class TokenRefused(Exception):
    """A known token may not be used: expired (401) or read-only asked to write (403)."""

    def __init__(self, message: str, *, status: int) -> None:
        super().__init__(message)
        self.status = status


def token_for_request(raw: str, *, method: str) -> ApiToken | None:
    """Return the token (with its active user and unit) that may make this request, or None.

    An expired token, or a read-only token asked to write, raises TokenRefused.
    """
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = ApiToken.objects.select_related("user__unit").filter(key_hash=hash_token(raw)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.expires_at <= now:
        local = timezone.localtime(token.expires_at)
        raise TokenRefused(TOKEN_EXPIRED.format(date=f"{local:%d/%m/%Y}"), status=401)
    if token.read_only and method.upper() not in SAFE_METHODS:
        raise TokenRefused(TOKEN_READ_ONLY, status=403)
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def user_for_token(raw: str) -> User | None:
    """Return the active user a usable bearer token belongs to, for reading; else None."""
    try:
        token = token_for_request(raw, method="GET")
    except TokenRefused:
        return None
    return None if token is None else token.user


def tokens_of(user: User) -> list[ApiToken]:
    """Return a user's tokens, newest first."""
    return list(ApiToken.objects.filter(user=user))


def get_token_for_user(user: User, token_id: int) -> ApiToken:
    """Return one of the user's own tokens, else 404 (nobody manages another's tokens)."""
    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        raise Http404(TOKEN_NOT_FOUND)
    return token
