"""Pieces every API router shares: the error shapes and the page-number pagination."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

from daihoi.accounts.models import User

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


def caller(request: HttpRequest) -> User:
    """Return the user the API authenticated (token or session) for this request."""
    return cast(User, request.auth)  # type: ignore[attr-defined]


class ErrorOut(Schema):
    detail: str = Field(description="Thông báo lỗi bằng tiếng Việt.")


class ProblemOut(Schema):
    field: str | None = Field(description="Tên trường bị lỗi (null: lỗi của cả nội dung).")
    message: str = Field(description="Lỗi và cách sửa, bắt đầu bằng tên trường.")


class InvalidOut(Schema):
    detail: str = Field(description="Mọi lỗi, nối thành một câu.")
    errors: list[ProblemOut]


def errors(*statuses: int) -> dict[int, type[Schema]]:
    """Return the documented error responses of an endpoint (401 always)."""
    shapes: dict[int, type[Schema]] = {401: ErrorOut}
    for status in statuses:
        shapes[status] = InvalidOut if status == 422 else ErrorOut
    return shapes


def public_errors(*statuses: int) -> dict[int, type[Schema]]:
    """Return the documented error responses of a public endpoint (no 401: no login)."""
    return {status: InvalidOut if status == 422 else ErrorOut for status in statuses}


MAX_PAGE = 1_000_000


class PageNumber(PaginationBase):
    """``?page=2&page_size=50``: one COUNT and one page of rows."""

    class Input(Schema):
        # Bounded so that the offset fits the databases' 64-bit integers (a larger one was a 500).
        page: int = Field(1, ge=1, le=MAX_PAGE, description="Số trang, bắt đầu từ 1.")
        page_size: int = Field(
            PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Số dòng mỗi trang (tối đa 200)."
        )

    class Output(Schema):
        items: list[Any]
        count: int = Field(description="Tổng số dòng trên mọi trang.")
        page: int
        page_size: int

    def paginate_queryset(
        self, queryset: QuerySet[Any], pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        size = pagination.page_size
        offset = (pagination.page - 1) * size
        return {
            "items": list(queryset[offset : offset + size]),
            "count": queryset.count(),
            "page": pagination.page,
            "page_size": size,
        }
