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

# Messages (ruff S105 mistakes "TOKEN_..." names for passwords).
TOKEN_NAME_REQUIRED = "Tên khóa: không được để trống (ví dụ: “Đồng bộ phần mềm nhân sự”)."  # noqa: S105
TOKEN_NAME_TOO_LONG = f"Tên khóa: dài quá {NAME_MAX_LENGTH} ký tự."
TOKEN_USER_INACTIVE = "Người dùng: tài khoản đã bị khóa, không tạo được khóa API."  # noqa: S105
TOKEN_NOT_FOUND = "Không tìm thấy khóa API này."  # noqa: S105


class TokenError(Exception):
    """A token could not be created; the message is Vietnamese and names the field."""


def hash_token(raw: str) -> str:
    """Return the stored form of a token: its SHA-256 in hex."""
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def create_api_token(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token for a user; return it and the raw key, which is never shown again."""
    name = nfc(name)
    if not name:
        raise TokenError(TOKEN_NAME_REQUIRED)
    if len(name) > NAME_MAX_LENGTH:
        raise TokenError(TOKEN_NAME_TOO_LONG)
    if not user.is_active:
        raise TokenError(TOKEN_USER_INACTIVE)
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, key_hash=hash_token(raw), prefix=raw[:SHOWN_PREFIX_LENGTH]
    )
    return token, raw


@transaction.atomic
def revoke_api_token(*, token: ApiToken) -> None:
    """Delete a token: requests that carry it get 401 from now on."""
    token.delete()


def user_for_token(raw: str) -> User | None:
    """Return the active user a bearer token belongs to (with their unit), or None."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = ApiToken.objects.select_related("user__unit").filter(key_hash=hash_token(raw)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def tokens_of(user: User) -> list[ApiToken]:
    """Return a user's tokens, newest first."""
    return list(ApiToken.objects.filter(user=user))


def get_token_for_user(user: User, token_id: int) -> ApiToken:
    """Return one of the user's own tokens, else 404 (nobody manages another's tokens)."""
    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        raise Http404(TOKEN_NOT_FOUND)
    return token
