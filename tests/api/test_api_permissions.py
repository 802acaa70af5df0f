"""The permission matrix over every API endpoint, with bearer tokens.

Officer of the unit: reads and writes members (unit changes 403). Officer of the level above
(quản trị): everything. Officer of a sibling unit: 404. Read-only role: reads, 403 on writing.
No token or an invalid one: 401.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from api_world import ApiTestCase

from daihoi.accounts.access import ADMIN_ONLY, NOT_FOUND, READ_ONLY
from daihoi.api import AUTH_REQUIRED, TOKEN_INVALID, api
from daihoi.emulation.models import Campaign
from daihoi.emulation.testing import make_campaign
from daihoi.imports.models import ImportJob, ImportStatus
from daihoi.season import services as season_services
from daihoi.season.models import Season
from daihoi.season.services import SeasonData
from daihoi.units.models import Gender, UnitKind
from daihoi.units.services import create_unit
from daihoi.units.testing import World

READ, WRITE, MANAGE = "read", "write", "manage"
_codes = itertools.count(1)


@dataclass(frozen=True)
class Endpoint:
    method: str
    template: str  # as the OpenAPI schema lists it
    level: str
    own: Callable[[World], str]  # the path for an object inside the officer's unit
    other: Callable[[World], str]  # the same for the sibling unit
    body: Callable[[World, bool], dict[str, Any]] | None = None  # (world, other) -> JSON body

    @property
    def ok(self) -> int:
        return 201 if self.method == "POST" else 200


def new_unit(w: World, other: bool) -> dict[str, Any]:
    return {
        "parent_id": (w.sibling if other else w.section).pk,
        "name": "Tổ công đoàn số 1",
        "code": f"TO-{next(_codes)}",
        "kind": UnitKind.TO_CONG_DOAN if not other else UnitKind.CD_BO_PHAN,
    }


def new_member(w: World, other: bool) -> dict[str, Any]:
    return {
        "unit_id": (w.sibling if other else w.section).pk,
        "full_name": "Nguyễn Thị Mai",
        "gender": Gender.NU,
    }


def units(attr: str, tail: str = "") -> Callable[[World], str]:
    return lambda w: f"/api/units/{getattr(w, attr).pk}{tail}"


def members(attr: str) -> Callable[[World], str]:
    return lambda w: f"/api/members/{getattr(w, attr).pk}"


def children_of(attr: str) -> Callable[[World], str]:
    return lambda w: f"/api/units/?parent={getattr(w, attr).pk}"


def import_job_of(attr: str) -> Callable[[World], str]:
    def path(w: World) -> str:
        unit = getattr(w, attr)
        job = ImportJob.objects.create(
            unit=unit, original_name="doan-vien.xlsx", status=ImportStatus.DONE
        )
        return f"/api/imports/{job.pk}"

    return path


def campaign_of(attr: str, tail: str = "") -> Callable[[World], str]:
    """The yearly campaign the unit launched (made once), and ``tail`` under it at the unit."""

    def path(w: World) -> str:
        unit = getattr(w, attr)
        campaign = Campaign.objects.filter(unit=unit).first() or make_campaign(unit)
        return f"{C}{campaign.pk}{tail.format(unit=unit.pk)}"

    return path


def season_of(attr: str, tail: str = "") -> Callable[[World], str]:
    """The season the unit opened over its sections (made once, with a section if it has none)."""

    def path(w: World) -> str:
        unit = getattr(w, attr)
        season = Season.objects.filter(unit=unit).first()
        if season is None:
            if not unit.children.filter(kind=UnitKind.CD_BO_PHAN).exists():
                create_unit(
                    parent=unit, name="Công đoàn bộ phận Kế toán", code=f"BP-{next(_codes)}",
                    kind=UnitKind.CD_BO_PHAN,
                )  # fmt: skip
            data = SeasonData(
                name="Đại hội công đoàn bộ phận", term_start=2023, term_end=2028,
                deadlines={UnitKind.CD_BO_PHAN: date(2023, 12, 31)},
            )  # fmt: skip
            season = season_services.open_season(unit=unit, data=data, by=None)
        return f"{S}{season.pk}{tail}"

    return path


def campaigns_of(attr: str) -> Callable[[World], str]:
    return lambda w: f"{C}?unit={getattr(w, attr).pk}"


def fixed(path: str) -> Callable[[World], str]:
    return lambda w: path


def body(data: dict[str, Any]) -> Callable[[World, bool], dict[str, Any]]:
    return lambda w, other: data


U, M, IMP, C = "/api/units/", "/api/members/", "/api/imports/", "/api/campaigns/"
S = "/api/seasons/"
AT_UNIT = "/units/{unit}/"
MEMBER_CHANGE = {"position": "Chuyên viên"}
UNIT_CHANGE = {"short_name": "CĐBP VP"}
ENDPOINTS = [
    Endpoint("GET", U, READ, children_of("unit"), children_of("sibling")),
    Endpoint("GET", U + "{unit_id}", READ, units("section"), units("sibling")),
    Endpoint(
        "GET",
        U + "{unit_id}/members",
        READ,
        units("unit", "/members"),
        units("sibling", "/members"),
    ),
    Endpoint(
        "GET",
        U + "{unit_id}/statistics",
        READ,
        units("unit", "/statistics"),
        units("sibling", "/statistics"),
    ),
    Endpoint("GET", M + "{member_id}", READ, members("member"), members("sibling_member")),
    Endpoint("POST", M, WRITE, fixed(M), fixed(M), new_member),
    Endpoint(
        "PATCH",
        M + "{member_id}",
        WRITE,
        members("member"),
        members("sibling_member"),
        body(MEMBER_CHANGE),
    ),
    Endpoint("GET", IMP + "{job_id}", READ, import_job_of("section"), import_job_of("sibling")),
    Endpoint("GET", C, READ, campaigns_of("unit"), campaigns_of("sibling")),
    Endpoint("GET", C + "{campaign_id}", READ, campaign_of("unit"), campaign_of("sibling")),
    *(
        Endpoint(
            "GET",
            C + "{campaign_id}/units/{unit_id}/" + name,
            READ,
            campaign_of("unit", AT_UNIT + name),
            campaign_of("sibling", AT_UNIT + name),
        )
        for name in (
            "registrations",
            "evaluations",
            "collective-evaluations",
            "proposals",
            "decisions",
        )
    ),
    *(
        Endpoint(
            "GET",
            U + "{unit_id}/" + name,
            READ,
            units("section", "/" + name),
            units("sibling", "/" + name),
        )
        for name in (
            "title-records",
            "initiatives",
            "research-projects",
            "contributions",
            "party-introductions",
        )
    ),
    Endpoint(
        "GET",
        U + "{unit_id}/classifications",
        READ,
        units("section", "/classifications?year=2024"),
        units("sibling", "/classifications?year=2024"),
    ),
    Endpoint(
        "GET", S, READ, lambda w: f"{S}?unit={w.unit.pk}", lambda w: f"{S}?unit={w.sibling.pk}"
    ),
    Endpoint("GET", S + "{season_id}", READ, season_of("unit"), season_of("sibling")),
    Endpoint(
        "GET",
        S + "{season_id}/board",
        READ,
        season_of("unit", "/board"),
        season_of("sibling", "/board"),
    ),
    Endpoint(
        "GET",
        U + "{unit_id}/season-steps",
        READ,
        units("unit", "/season-steps"),
        units("sibling", "/season-steps"),
    ),
    Endpoint("POST", U, MANAGE, fixed(U), fixed(U), new_unit),
    Endpoint(
        "PATCH", U + "{unit_id}", MANAGE, units("section"), units("sibling"), body(UNIT_CHANGE)
    ),
]


class ApiPermissionMatrixTests(ApiTestCase):
    def send(self, endpoint: Endpoint, *, other: bool = False, **auth: Any) -> Any:
        path = endpoint.other(self.w) if other else endpoint.own(self.w)
        body = endpoint.body(self.w, other) if endpoint.body else None
        return self.call(endpoint.method, path, body, **auth)

    def test_every_endpoint_is_covered(self) -> None:
        schema = api.get_openapi_schema()
        listed = {
            (method.upper(), path)
            for path, operations in schema["paths"].items()
            for method in operations
        }
        assert listed == (
            {(e.method, e.template) for e in ENDPOINTS} | CONGRESS_ENDPOINTS | PUBLIC_ENDPOINTS
        )

    def test_without_a_token_every_endpoint_is_401(self) -> None:
        for endpoint in ENDPOINTS:
            with self.subTest(endpoint.template, method=endpoint.method):
                response = self.send(endpoint)
                assert response.status_code == 401
                assert response.json() == {"detail": AUTH_REQUIRED}
                assert response["WWW-Authenticate"] == "Bearer"

    def test_an_invalid_token_is_401_everywhere(self) -> None:
        for token in ("dh_khong-co-that", "abc", ""):
            for endpoint in ENDPOINTS:
                with self.subTest(endpoint.template, method=endpoint.method, token=token):
                    response = self.send(endpoint, token=token)
                    assert response.status_code == 401
                    assert response.json() == {"detail": TOKEN_INVALID}

    def test_officer_of_the_unit_reads_and_writes_members_but_not_units(self) -> None:
        for endpoint in ENDPOINTS:
            with self.subTest(endpoint.template, method=endpoint.method):
                response = self.send(endpoint, user=self.w.officer)
                if endpoint.level == MANAGE:
                    assert response.status_code == 403
                    assert response.json() == {"detail": ADMIN_ONLY}
                else:
                    assert response.status_code == endpoint.ok, response.content

    def test_officer_of_the_level_above_may_do_everything(self) -> None:
        for endpoint in ENDPOINTS:
            with self.subTest(endpoint.template, method=endpoint.method):
                response = self.send(endpoint, user=self.w.upper)
                assert response.status_code == endpoint.ok, response.content

    def test_officer_of_a_sibling_unit_gets_404(self) -> None:
        for endpoint in ENDPOINTS:
            with self.subTest(endpoint.template, method=endpoint.method):
                response = self.send(endpoint, user=self.w.sibling_officer)
                assert response.status_code == 404
                assert response.json() == {"detail": NOT_FOUND}

    def test_the_sibling_officer_works_in_their_own_unit(self) -> None:
        for endpoint in ENDPOINTS:
            with self.subTest(endpoint.template, method=endpoint.method):
                response = self.send(endpoint, other=True, user=self.w.sibling_officer)
                expected = 403 if endpoint.level == MANAGE else endpoint.ok
                assert response.status_code == expected, response.content

    def test_read_only_user_reads_but_gets_403_on_writing(self) -> None:
        for endpoint in ENDPOINTS:
            with self.subTest(endpoint.template, method=endpoint.method):
                response = self.send(endpoint, user=self.w.viewer)
                if endpoint.level == READ:
                    assert response.status_code == 200
                else:
                    assert response.status_code == 403
                    expected = ADMIN_ONLY if endpoint.level == MANAGE else READ_ONLY
                    assert response.json() == {"detail": expected}

    def test_superuser_reaches_every_unit(self) -> None:
        for endpoint in ENDPOINTS:
            with self.subTest(endpoint.template, method=endpoint.method):
                response = self.send(endpoint, other=True, user=self.w.superuser)
                assert response.status_code == endpoint.ok, response.content

    def test_upper_officer_never_sees_above_their_unit(self) -> None:
        for path in (f"/api/units/{self.w.root.pk}", f"/api/units/{self.w.root.pk}/statistics"):
            response = self.call("GET", path, user=self.w.upper)
            assert response.status_code == 404

    def test_unknown_ids_are_404_even_for_the_superuser(self) -> None:
        for path in ("/api/units/999999", "/api/members/999999", "/api/units/999999/members"):
            response = self.call("GET", path, user=self.w.superuser)
            assert response.status_code == 404
            assert response.json() == {"detail": NOT_FOUND}

    def test_wrong_methods_are_405(self) -> None:
        for method, path in (
            ("DELETE", f"/api/units/{self.w.unit.pk}"),
            ("PUT", f"/api/members/{self.w.member.pk}"),
            ("POST", f"/api/units/{self.w.unit.pk}/statistics"),
            ("POST", "/api/campaigns/"),
            ("PATCH", f"/api/units/{self.w.unit.pk}/title-records"),
            ("DELETE", f"/api/units/{self.w.unit.pk}/contributions"),
            ("POST", "/api/seasons/"),
            ("PATCH", f"/api/units/{self.w.unit.pk}/season-steps"),
        ):
            with self.subTest(method=method, path=path):
                assert self.call(method, path, user=self.w.upper).status_code == 405


# The congress app's endpoints: their own matrix is in tests/congresses/test_api.py.
CONGRESS_ENDPOINTS: set[tuple[str, str]] = {
    ("GET", "/api/congresses/"),
    ("GET", "/api/congresses/{congress_id}"),
    ("GET", "/api/congresses/{congress_id}/attendance"),
    ("GET", "/api/congresses/{congress_id}/delegates"),
    ("GET", "/api/congresses/{congress_id}/hall"),
    ("GET", "/api/congresses/{congress_id}/hall-votes"),
    # The term's: tests/term/test_api.py.
    ("GET", "/api/congresses/{congress_id}/targets"),
    # The open votes' tallies: tests/elections/test_open_vote_api.py.
    ("GET", "/api/congresses/{congress_id}/open-votes"),
    ("POST", "/api/congresses/{congress_id}/check-in"),
    ("POST", "/api/congresses/{congress_id}/delegates"),
    ("POST", "/api/congresses/{congress_id}/delegates/{delegate_id}/absent"),
    ("POST", "/api/congresses/{congress_id}/delegates/{delegate_id}/check-out"),
    ("POST", "/api/congresses/{congress_id}/delegates/{delegate_id}/undo"),
}

# Public as the pages they mirror (published news reports, no login): tests/record/test_api.py.
PUBLIC_ENDPOINTS: set[tuple[str, str]] = {
    ("GET", "/api/articles/"),
    ("GET", "/api/articles/{congress_id}"),
}
