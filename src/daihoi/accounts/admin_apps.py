"""django.contrib.admin's app with daihoi's site (see accounts.admin_site)."""

from __future__ import annotations

from django.contrib.admin import apps


class DaihoiAdminConfig(apps.AdminConfig):
    """The admin behind the app's login page, and off in production unless enabled."""

    default_site = "daihoi.accounts.admin_site.DaihoiAdminSite"
