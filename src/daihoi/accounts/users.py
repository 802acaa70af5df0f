"""Accounts managed in the app: a unit's administrator creates, changes, deactivates accounts of
their unit and the units below and gives one-time passwords; everyone changes their own password.

Who may touch which account is decided by daihoi.accounts.access; these services check the rest
(the unit chosen is inside the administrator's subtree, nobody re-roles or locks themselves) and
raise UnitsError with one message per field.
"""

from __future__ import annotations

import re
import secrets

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction

from daihoi.accounts import services
from daihoi.accounts.access import can_see
from daihoi.accounts.models import Role, User
from daihoi.rules.names import fold, nfc, split_name
from daihoi.units.errors import FieldError, UnitsError
from daihoi.units.models import Unit

USERNAME_PATTERN = re.compile(r"[A-Za-z0-9._-]{3,150}")
USERNAME_REQUIRED = "Tên đăng nhập: không được để trống."
USERNAME_INVALID = (
    "Tên đăng nhập: từ 3 đến 150 ký tự, chỉ dùng chữ không dấu, chữ số, dấu chấm, gạch ngang, "
    "gạch dưới (ví dụ: nguyen.van.an)."
)
USERNAME_TAKEN = "Tên đăng nhập: “{username}” đã có người dùng, hãy chọn tên khác."
FULL_NAME_REQUIRED = "Họ và tên: không được để trống."
FULL_NAME_TOO_LONG = "Họ và tên: dài quá 150 ký tự."
UNIT_OUTSIDE = "Đơn vị: chỉ chọn được đơn vị của bạn hoặc đơn vị trực thuộc."
ROLE_UNKNOWN = "Vai trò: “{value}” không có trong danh mục."
NO_SELF_CHANGE = (
    "Vai trò: bạn không tự đổi vai trò, đơn vị hay khóa tài khoản của chính mình được; "
    "nhờ quản trị viên cấp trên."
)
OLD_PASSWORD_WRONG = "Mật khẩu hiện tại: không đúng."  # noqa: S105
NEW_PASSWORD_SAME = "Mật khẩu mới: phải khác mật khẩu hiện tại."  # noqa: S105
NEW_PASSWORDS_DIFFER = "Nhập lại mật khẩu mới: không khớp với mật khẩu mới."
NEW_PASSWORD_TOO_SHORT = "Mật khẩu mới: phải có ít nhất {min_length} ký tự."  # noqa: S105
NEW_PASSWORD_TOO_COMMON = "Mật khẩu mới: quá phổ biến, dễ bị đoán; hãy chọn mật khẩu khác."  # noqa: S105
NEW_PASSWORD_REFUSED = "Mật khẩu mới: {reason}"  # noqa: S105

# One-time passwords: 12 characters without look-alikes (0/o, 1/l/i), read aloud or copied from
# a screen; about 60 bits, in three groups for the eye.
_OTP_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def one_time_password() -> str:
    """Return a fresh random password such as ``k7mq-2xhp-9tbd``."""
    groups = ("".join(secrets.choice(_OTP_ALPHABET) for _ in range(4)) for _ in range(3))
    return "-".join(groups)


def suggested_username(full_name: str) -> str:
    """Return a free username made of the name without accents: "Lý Mẩy Chiêu" gives ly.may.chieu.

    A name taken already gets .2, .3, ... (usernames are unique whatever their case).
    """
    base = re.sub(r"[^a-z0-9]+", ".", fold(full_name)).strip(".")[:140] or "kiemphieu"
    taken = {
        name.lower()
        for name in User.objects.filter(username__istartswith=base).values_list(
            "username", flat=True
        )
    }
    candidates = ([base] if len(base) >= 3 else []) + [f"{base}.{n}" for n in range(2, 10_000)]
    return next(name for name in candidates if name not in taken)


def account_names(full_name: str) -> tuple[str, str]:
    """Return (last_name, first_name): họ and tên đệm, then the given name."""
    parts = split_name(full_name)
    return " ".join(p for p in (parts.ho, parts.ten_dem) if p), parts.ten


def _check(by: User, *, full_name: str, unit: Unit, role: str) -> list[FieldError]:
    problems = []
    if not full_name:
        problems.append(FieldError("full_name", FULL_NAME_REQUIRED))
    elif len(full_name) > 150:
        problems.append(FieldError("full_name", FULL_NAME_TOO_LONG))
    if not can_see(by, unit):
        problems.append(FieldError("unit", UNIT_OUTSIDE))
    if role not in Role.values:
        problems.append(FieldError("role", ROLE_UNKNOWN.format(value=role)))
    return problems


@transaction.atomic
def create_account(
    *, by: User, username: str, full_name: str, unit: Unit, role: str
) -> tuple[User, str]:
    """Create an account in the administrator's subtree; return it and its one-time password."""
    username, full_name = username.strip(), nfc(full_name)
    problems = []
    if not username:
        problems.append(FieldError("username", USERNAME_REQUIRED))
    elif not USERNAME_PATTERN.fullmatch(username):
        problems.append(FieldError("username", USERNAME_INVALID))
    elif User.objects.filter(username__iexact=username).exists():
        problems.append(FieldError("username", USERNAME_TAKEN.format(username=username)))
    problems += _check(by, full_name=full_name, unit=unit, role=role)
    if problems:
        raise UnitsError(*problems)
    last_name, first_name = account_names(full_name)
    password = one_time_password()
    account = User(
        username=username,
        last_name=last_name,
        first_name=first_name,
        unit=unit,
        role=role,
        must_change_password=True,
    )
    account.set_password(password)
    account.save()
    services.clear_login_failures(username=username, everywhere=True)
    return account, password


@transaction.atomic
def update_account(
    *, by: User, account: User, full_name: str, unit: Unit, role: str, is_active: bool
) -> User:
    """Change an account's name, unit, role, or lock it (is_active=False) or open it again."""
    full_name = nfc(full_name)
    problems = _check(by, full_name=full_name, unit=unit, role=role)
    if account.pk == by.pk and (
        unit.pk != account.unit_id or role != account.role or not is_active
    ):
        problems.append(FieldError("role", NO_SELF_CHANGE))
    if problems:
        raise UnitsError(*problems)
    account.last_name, account.first_name = account_names(full_name)
    account.unit, account.role, account.is_active = unit, role, is_active
    account.save(update_fields=["last_name", "first_name", "unit", "role", "is_active"])
    return account


@transaction.atomic
def reset_password(*, account: User) -> str:
    """Give an account a one-time password (to change at next login); it also lifts a lock."""
    password = one_time_password()
    account.set_password(password)
    account.must_change_password = True
    account.save(update_fields=["password", "must_change_password"])
    services.clear_login_failures(username=account.username, everywhere=True)
    return password


def _password_message(error: ValidationError) -> str:
    # Django's own Vietnamese for these is missing or loose: say it in the app's words.
    params = error.params or {}
    if error.code == "password_too_short":
        return NEW_PASSWORD_TOO_SHORT.format(min_length=params.get("min_length", 8))
    if error.code == "password_too_common":
        return NEW_PASSWORD_TOO_COMMON
    return NEW_PASSWORD_REFUSED.format(reason=" ".join(error.messages))


@transaction.atomic
def change_own_password(*, user: User, old_password: str, new_password: str, repeated: str) -> None:
    """Replace the user's password after checking the current one and the password rules."""
    if not user.check_password(old_password):
        raise UnitsError.on("old_password", OLD_PASSWORD_WRONG)
    problems = []
    if new_password == old_password:
        problems.append(FieldError("new_password", NEW_PASSWORD_SAME))
    else:
        try:
            password_validation.validate_password(new_password, user)
        except ValidationError as error:
            problems += [FieldError("new_password", _password_message(e)) for e in error.error_list]
    if new_password != repeated:
        problems.append(FieldError("repeated", NEW_PASSWORDS_DIFFER))
    if problems:
        raise UnitsError(*problems)
    user.set_password(new_password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
