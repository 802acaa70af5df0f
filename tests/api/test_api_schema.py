"""The OpenAPI schema loads, lists every path, and the docs page works offline under the CSP."""

from __future__ import annotations

import re

from api_world import ApiTestCase

PATHS = {
    "/api/units/": {"get", "post"},
    "/api/units/{unit_id}": {"get", "patch"},
    "/api/units/{unit_id}/members": {"get"},
    "/api/units/{unit_id}/statistics": {"get"},
    "/api/members/": {"post"},
    "/api/members/{member_id}": {"get", "patch"},
    # The congress app's endpoints (their permissions: tests/congresses/test_api.py).
    "/api/congresses/": {"get"},
    "/api/congresses/{congress_id}": {"get"},
    "/api/congresses/{congress_id}/hall": {"get"},
    "/api/congresses/{congress_id}/hall-votes": {"get"},
    "/api/congresses/{congress_id}/delegates": {"get", "post"},
    "/api/congresses/{congress_id}/check-in": {"post"},
    "/api/congresses/{congress_id}/delegates/{delegate_id}/check-out": {"post"},
    "/api/congresses/{congress_id}/delegates/{delegate_id}/absent": {"post"},
    "/api/congresses/{congress_id}/delegates/{delegate_id}/undo": {"post"},
    "/api/congresses/{congress_id}/attendance": {"get"},
    "/api/congresses/{congress_id}/targets": {"get"},
    "/api/congresses/{congress_id}/open-votes": {"get"},
    # Published news reports: public, as their pages (content: tests/record/test_api.py).
    "/api/articles/": {"get"},
    "/api/articles/{congress_id}": {"get"},
    "/api/imports/{job_id}": {"get"},
    # Emulation and activities (read-only; content: tests/emulation/test_api.py).
    "/api/campaigns/": {"get"},
    "/api/campaigns/{campaign_id}": {"get"},
    "/api/campaigns/{campaign_id}/units/{unit_id}/registrations": {"get"},
    "/api/campaigns/{campaign_id}/units/{unit_id}/evaluations": {"get"},
    "/api/campaigns/{campaign_id}/units/{unit_id}/collective-evaluations": {"get"},
    "/api/campaigns/{campaign_id}/units/{unit_id}/proposals": {"get"},
    "/api/campaigns/{campaign_id}/units/{unit_id}/decisions": {"get"},
    "/api/units/{unit_id}/title-records": {"get"},
    "/api/units/{unit_id}/classifications": {"get"},
    "/api/units/{unit_id}/initiatives": {"get"},
    "/api/units/{unit_id}/research-projects": {"get"},
    "/api/units/{unit_id}/contributions": {"get"},
    "/api/units/{unit_id}/party-introductions": {"get"},
    # The congress season (read-only; content: tests/season/test_api.py).
    "/api/seasons/": {"get"},
    "/api/seasons/{season_id}": {"get"},
    "/api/seasons/{season_id}/board": {"get"},
    "/api/units/{unit_id}/season-steps": {"get"},
}


# Public as the pages they mirror (published news reports): no login, so no 401.
PUBLIC = {"/api/articles/", "/api/articles/{congress_id}"}


class OpenApiTests(ApiTestCase):
    def test_the_schema_loads_without_logging_in_and_lists_every_path(self) -> None:
        response = self.client.get("/api/openapi.json")
        assert response.status_code == 200
        schema = response.json()
        assert schema["info"]["title"] == "daihoi API"
        got = {path: set(ops) for path, ops in schema["paths"].items()}
        assert got == PATHS

    def test_every_operation_is_described_in_vietnamese_with_its_errors(self) -> None:
        schema = self.client.get("/api/openapi.json").json()
        for path, operations in schema["paths"].items():
            for method, operation in operations.items():
                with self.subTest(path, method=method):
                    assert operation["summary"][0].isupper()
                    if path in PUBLIC:
                        assert "401" not in operation["responses"]
                        assert "security" not in operation
                        continue
                    assert "401" in operation["responses"]
                    assert operation["security"] == [{"BearerToken": []}, {"BrowserSession": []}]
        schemes = schema["components"]["securitySchemes"]
        assert schemes["BearerToken"] == {"type": "http", "scheme": "bearer"}
        assert "Xác thực" in schema["info"]["description"]

    def test_the_docs_page_uses_only_our_own_static_files(self) -> None:
        response = self.client.get("/api/docs")
        assert response.status_code == 200
        html = response.content.decode()
        sources = re.findall(r'(?:src|href)="([^"]+)"', html)
        assert sources, html
        assert all(s.startswith("/static/") for s in sources), sources
        # the page's CSRF token is random letters and digits, which may spell "cdn" by chance
        page = re.sub(r'data-csrf-token="[^"]*"', 'data-csrf-token=""', html)
        assert "cdn" not in page.lower()
        # Executable scripts are files (the CSP allows 'self'); the JSON block is data.
        inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
        assert all('type="application/json"' in attrs for attrs in inline), inline
