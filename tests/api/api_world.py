"""The shared personas of daihoi.units.testing, each with an API token, and a small JSON client."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client, TestCase

from daihoi.accounts.models import User
from daihoi.accounts.tokens import create_api_token
from daihoi.units.testing import World, build_world


class ApiTestCase(TestCase):
    w: World
    tokens: dict[str, str]

    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.tokens = {}
        for user in (
            cls.w.officer,
            cls.w.upper,
            cls.w.sibling_officer,
            cls.w.viewer,
            cls.w.superuser,
        ):
            cls.tokens[user.username] = create_api_token(user=user, name="kiểm thử")[1]

    def call(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None = None,
        *,
        user: User | None = None,
        token: str | None = None,
        client: Client | None = None,
    ) -> Any:
        """Send a JSON request as a persona's token (or a raw token, or nobody)."""
        headers = {}
        if user is not None:
            token = self.tokens[user.username]
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        data = json.dumps(body) if body is not None else None
        return (client or self.client).generic(
            method,
            path,
            data=data or "",
            content_type="application/json",
            headers=headers,
        )
