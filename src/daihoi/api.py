"""The JSON API at /api/ (OpenAPI docs at /api/docs): auth, Vietnamese errors, the routers.

Auth: ``Authorization: Bearer <khóa>`` (tokens from the account page or ``manage.py
create_api_token``), or the browser's session with its CSRF token for unsafe methods. Every
endpoint then gets its objects through daihoi.accounts.access, as the pages do: outside the
user's subtree is 404, a read-only role writing is 403. Errors are ``{"detail": "..."}`` in
Vietnamese; invalid input is 422 with ``errors``: one ``{"field", "message"}`` per problem.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.text import capfirst
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie
from ninja.utils import check_csrf

from daihoi.accounts.access import NOT_FOUND, READ_ONLY
from daihoi.accounts.tokens import TokenRefused, token_for_request
from daihoi.activities.api import activities_router
from daihoi.congresses.api import congresses_router
from daihoi.elections.api import open_votes_router
from daihoi.emulation.api import campaigns_router, records_router
from daihoi.imports.api import imports_router
from daihoi.record.api import articles_router
from daihoi.season.api import season_steps_router, seasons_router
from daihoi.term.api import targets_router
from daihoi.units.api import members_router, units_router
from daihoi.units.errors import UnitsError
from daihoi.units.models import Member, Unit

AUTH_REQUIRED = (
    "Chưa xác thực: gửi khóa API trong tiêu đề “Authorization: Bearer <khóa>” "
    "hoặc đăng nhập trên trình duyệt."
)
TOKEN_INVALID = "Khóa API không đúng, đã bị thu hồi, hoặc tài khoản đã bị khóa."  # noqa: S105
CSRF_FAILED = (
    "Thiếu hoặc sai mã CSRF: khi dùng phiên đăng nhập của trình duyệt, gửi kèm tiêu đề "
    "X-CSRFToken (hoặc dùng khóa API)."
)
BODY_INVALID = "Nội dung gửi lên: phải là một đối tượng JSON hợp lệ."

# Pydantic error types -> Vietnamese, each starting with the field's label like the services do.
_MESSAGES = {
    "missing": "{label}: bắt buộc phải có.",
    "int_parsing": "{label}: phải là số nguyên.",
    "int_type": "{label}: phải là số nguyên.",
    "int_from_float": "{label}: phải là số nguyên.",
    "date_parsing": "{label}: ngày không hợp lệ, viết theo dạng YYYY-MM-DD (ví dụ 1980-09-02).",
    "date_from_datetime_parsing": (
        "{label}: ngày không hợp lệ, viết theo dạng YYYY-MM-DD (ví dụ 1980-09-02)."
    ),
    "date_from_datetime_inexact": "{label}: chỉ ghi ngày (YYYY-MM-DD), không kèm giờ.",
    "date_type": "{label}: ngày không hợp lệ, viết theo dạng YYYY-MM-DD (ví dụ 1980-09-02).",
    "bool_parsing": "{label}: phải là true hoặc false.",
    "bool_type": "{label}: phải là true hoặc false.",
    "string_type": "{label}: phải là chuỗi ký tự.",
    "string_too_long": "{label}: dài quá {max_length} ký tự.",
    "greater_than_equal": "{label}: phải lớn hơn hoặc bằng {ge}.",
    "less_than_equal": "{label}: phải nhỏ hơn hoặc bằng {le}.",
    "enum": "{label}: phải là một trong các giá trị {expected}.",
    "literal_error": "{label}: phải là một trong các giá trị {expected}.",
    "extra_forbidden": "{label}: trường này không có trong API (kiểm tra lại tên trường).",
}
_DEFAULT_MESSAGE = "{label}: giá trị không hợp lệ."
_BODY_TYPES = {"json_invalid", "model_attributes_type", "dict_type", "model_type"}

# Labels of the fields that are not model fields (models give the rest by verbose_name).
_EXTRA_LABELS = {
    "unit_id": "Đơn vị",
    "parent_id": "Đơn vị cấp trên",
    "parent": "Đơn vị cấp trên",
    "q": "Từ khóa tìm kiếm",
    "page": "Trang",
    "page_size": "Số dòng mỗi trang",
    "status": "Tình trạng",
    "year": "Năm",
    "unit": "Đơn vị",
    "protocol_rank": "Bậc lễ tân",
}


def field_label(name: str) -> str:
    """Return the Vietnamese label of an API field (its model's verbose_name), or the name."""
    if name in _EXTRA_LABELS:
        return _EXTRA_LABELS[name]
    for model in (Member, Unit):
        try:
            return str(capfirst(model._meta.get_field(name).verbose_name))  # type: ignore[union-attr]
        except FieldDoesNotExist:
            continue
    return name


def _field_of(loc: tuple[Any, ...] | list[Any]) -> str | None:
    # ("query", "page"), ("path", "unit_id"); ("body", "payload", "birth_date") where
    # "payload" is the endpoint's parameter: the field is what follows.
    parts = list(loc[2:] if loc and loc[0] == "body" else loc[1:])
    names = [str(part) for part in parts if isinstance(part, str)]
    return names[-1] if names else None


def validation_problems(errors: list[dict[str, Any]]) -> list[dict[str, str | None]]:
    """Turn pydantic's errors into one Vietnamese message per field, naming the field."""
    problems: list[dict[str, str | None]] = []
    for error in errors:
        kind = error.get("type", "")
        field = _field_of(error.get("loc", ()))
        if kind in _BODY_TYPES or field is None:
            problem = {"field": None, "message": BODY_INVALID}
        else:
            ctx = {k: v for k, v in (error.get("ctx") or {}).items() if isinstance(v, str | int)}
            template = _MESSAGES.get(kind, _DEFAULT_MESSAGE)
            try:
                message = template.format(label=field_label(field), **ctx)
            except KeyError:
                message = _DEFAULT_MESSAGE.format(label=field_label(field))
            problem = {"field": field, "message": message}
        if problem not in problems:
            problems.append(problem)
    return problems


class InvalidToken(Exception):
    """An Authorization header was sent but names no active token."""


class CsrfFailed(Exception):
    """A browser session wrote without the CSRF token."""


class BearerToken(HttpBearer):
    """``Authorization: Bearer <khóa>``: a header that is present but wrong is 401 at once."""

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get("Authorization")
        if header is None:
            return None
        scheme, _, raw = header.strip().partition(" ")
        if scheme.lower() != "bearer":
            raise InvalidToken
        return self.authenticate(request, raw.strip())

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = token_for_request(token, method=request.method or "GET")
        if found is None:
            raise InvalidToken
        request.user = found.user
        return found.user


class BrowserSession(APIKeyCookie):
    """The logged-in browser (for the docs' "Try it out" and small scripts in the pages)."""

    param_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest) -> Any:
        if not request.user.is_authenticated:
            return None
        if self.csrf and not getattr(request, "_ninja_csrf_exempt", False):
            if check_csrf(request) is not None:
                raise CsrfFailed
        return request.user

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return request.user if request.user.is_authenticated else None


api = NinjaAPI(
    title="daihoi API",
    version="1",
    description=(
        "API JSON của daihoi: đơn vị, đoàn viên, thống kê, đại hội, thi đua – khen thưởng.\n\n"
        "**Xác thực**: gửi khóa API trong tiêu đề `Authorization: Bearer <khóa>` (tạo khóa ở "
        "trang *Khóa API* trong tài khoản, hoặc bằng lệnh `manage.py create_api_token`), hoặc "
        "dùng phiên đăng nhập của trình duyệt (kèm tiêu đề `X-CSRFToken` khi ghi). Khóa có hạn "
        "dùng (hết hạn: 401) và có thể là khóa *chỉ đọc* (ghi bằng khóa chỉ đọc: 403).\n\n"
        "**Quyền**: như trên giao diện — chỉ thấy đơn vị của mình và các đơn vị trực thuộc "
        "(ngoài phạm vi: 404); tài khoản *chỉ xem* không được ghi (403); chỉ *quản trị* được "
        "thêm, sửa đơn vị.\n\n"
        '**Lỗi**: JSON `{"detail": "..."}` bằng tiếng Việt; dữ liệu không hợp lệ trả về 422 '
        'kèm `errors`: danh sách `{"field", "message"}`.'
    ),
    auth=[BearerToken(), BrowserSession()],
    urls_namespace="api",
)


def _error(request: HttpRequest, status: int, detail: str, **extra: Any) -> HttpResponse:
    return api.create_response(request, {"detail": detail, **extra}, status=status)


@api.exception_handler(InvalidToken)
def _invalid_token(request: HttpRequest, exc: InvalidToken) -> HttpResponse:
    response = _error(request, 401, TOKEN_INVALID)
    response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
    return response


@api.exception_handler(TokenRefused)
def _token_refused(request: HttpRequest, exc: TokenRefused) -> HttpResponse:
    response = _error(request, exc.status, str(exc))
    if exc.status == 401:
        response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
    return response


@api.exception_handler(AuthenticationError)
def _no_auth(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = _error(request, 401, AUTH_REQUIRED)
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(CsrfFailed)
def _csrf_failed(request: HttpRequest, exc: CsrfFailed) -> HttpResponse:
    return _error(request, 403, CSRF_FAILED)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, NOT_FOUND)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, 403, str(exc) or READ_ONLY)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 400:
        # ninja's only 400: a body that does not parse. Same shape as every other bad input.
        problems = [{"field": None, "message": BODY_INVALID}]
        return _error(request, 422, BODY_INVALID, errors=problems)
    return _error(request, exc.status_code, str(exc))


@api.exception_handler(ValidationError)
def _invalid_input(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    problems = validation_problems(exc.errors)
    detail = " ".join(str(p["message"]) for p in problems)
    return _error(request, 422, detail, errors=problems)


@api.exception_handler(UnitsError)
def _rules_broken(request: HttpRequest, exc: UnitsError) -> HttpResponse:
    problems = [
        {"field": "parent_id" if e.field == "parent" else e.field, "message": e.message}
        for e in exc.errors
    ]
    return _error(request, 422, str(exc), errors=problems)


api.add_router("/units/", units_router)
api.add_router("/members/", members_router)
api.add_router("/congresses/", congresses_router)
api.add_router("/congresses/", targets_router)
api.add_router("/congresses/", open_votes_router)
api.add_router("/articles/", articles_router)
api.add_router("/imports/", imports_router)
api.add_router("/campaigns/", campaigns_router)
api.add_router("/units/", records_router)
api.add_router("/units/", activities_router)
api.add_router("/seasons/", seasons_router)
api.add_router("/units/", season_steps_router)
