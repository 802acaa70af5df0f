"""Users attached to one unit with a role, and the failed logins that throttling counts."""

from __future__ import annotations

from typing import ClassVar

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from daihoi.units.models import Unit


class Role(models.TextChoices):
    """What a user may do inside their unit's subtree."""

    ADMIN = "admin", _("Quản trị")  # members and units
    OFFICER = "officer", _("Cán bộ")  # members
    VIEWER = "viewer", _("Chỉ xem")  # nothing but reading


class UserManager(DjangoUserManager["User"]):
    def get_queryset(self) -> models.QuerySet[User]:
        # Every request reads request.user.unit (header, access checks): one query, not two.
        return super().get_queryset().select_related("unit")


class User(AbstractUser):
    """A person who logs in; sees and changes only their unit and the units below it."""

    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("đơn vị"),
    )
    role = models.CharField(_("vai trò"), max_length=10, choices=Role.choices, default=Role.VIEWER)
    # Set when an administrator gave a one-time password: the next login must replace it.
    must_change_password = models.BooleanField(_("phải đổi mật khẩu"), default=False)

    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    class Meta(AbstractUser.Meta):
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    @property
    def display_name(self) -> str:
        """Return the name the Vietnamese way (họ first: last_name, then first_name)."""
        return f"{self.last_name} {self.first_name}".strip() or self.username

    @property
    def can_write(self) -> bool:
        """Tell whether this user may change members (cán bộ, quản trị, superuser)."""
        return self.is_superuser or self.role in (Role.ADMIN, Role.OFFICER)

    @property
    def can_manage(self) -> bool:
        """Tell whether this user may create and change units (quản trị, superuser)."""
        return self.is_superuser or self.role == Role.ADMIN


class LoginFailure(models.Model):
    """One failed login, kept for the throttling window (see accounts.services)."""

    username = models.CharField(max_length=150, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("lần đăng nhập sai")
        verbose_name_plural = _("lần đăng nhập sai")

    def __str__(self) -> str:
        return f"{self.username} {self.ip_address} {self.created_at:%Y-%m-%d %H:%M}"


class ApiToken(models.Model):
    """A key for the JSON API (Authorization: Bearer ...); only its SHA-256 is kept.

    The token acts as its user, with the user's unit and role (see daihoi.accounts.tokens).
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("người dùng")
    )
    name = models.CharField(_("tên khóa"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The first characters of the token, shown so that a user can tell their tokens apart.
    prefix = models.CharField(_("đầu khóa"), max_length=12, editable=False)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("lần dùng cuối"), null=True, blank=True, editable=False)
    # After this moment the token is refused (401); a forgotten key does not work forever.
    expires_at = models.DateTimeField(_("hết hạn"))
    # A read-only token may read but not write (POST, PUT, PATCH, DELETE: 403), whatever the role.
    read_only = models.BooleanField(_("chỉ đọc"), default=False)

    class Meta:
        verbose_name = _("khóa API")
        verbose_name_plural = _("khóa API")
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
