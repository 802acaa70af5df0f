"""API of the published news reports: public, as their pages and the Atom feed are.

Read-only and without login: only a published report is listed or returned (a draft is 404,
as on ``/tin/dai-hoi/<id>/``), with the words and figures it was published with. No ``from
__future__ import annotations``: django-ninja reads the annotations at import time.
"""

import datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from daihoi.accounts.access import NOT_FOUND
from daihoi.api_common import PageNumber, public_errors
from daihoi.record import queries
from daihoi.record.models import Article
from daihoi.units.models import Unit

articles_router = Router(tags=["Bản tin đại hội"])


class PhotoOut(Schema):
    url: str = Field(description="Địa chỉ công khai của ảnh (chỉ khi bản tin đang đăng).")
    caption: str = Field(description="Chú thích (có thể trống).")


class ArticleOut(Schema):
    congress_id: int = Field(description="Đại hội của bản tin (mỗi đại hội một bản tin).")
    unit_id: int = Field(description="Đơn vị tổ chức đại hội (id).")
    unit_name: str = Field(description="Đơn vị tổ chức đại hội.")
    title: str
    paragraphs: list[str] = Field(description="Các đoạn của bản tin, theo thứ tự.")
    byline: str = Field(description="Tác giả, nguồn tin (có thể trống).")
    published_at: datetime.datetime = Field(description="Lúc đăng.")
    url: str = Field(description="Trang tin công khai của bản tin.")
    photos: list[PhotoOut] = Field(
        description="Ảnh của bản tin, theo thứ tự; công khai như bản tin, riêng tư khi chưa đăng."
    )

    @staticmethod
    def resolve_unit_id(article: Article) -> int:
        return article.congress.unit_id

    @staticmethod
    def resolve_unit_name(article: Article) -> str:
        return article.congress.unit.name

    @staticmethod
    def resolve_url(article: Article) -> str:
        return reverse("public_article", args=[article.congress_id])

    @staticmethod
    def resolve_photos(article: Article) -> list[dict[str, str]]:
        return [
            {
                "url": reverse("public_article_photo", args=[article.congress_id, photo.pk]),
                "caption": photo.caption,
            }
            for photo in article.photos.all()
        ]


class ArticleFilter(Schema):
    unit: int | None = Field(
        None, description="Chỉ bản tin của đơn vị này và các đơn vị trực thuộc."
    )


@articles_router.get(
    "",
    response={200: list[ArticleOut], **public_errors(404, 422)},
    auth=None,
    summary="Bản tin đại hội đã đăng",
    description=(
        "Các bản tin đại hội đã đăng, mới nhất trước; ?unit= chỉ lấy của đơn vị và các đơn vị "
        "trực thuộc (đơn vị không có: 404). Công khai, không cần xác thực, như trang tin và "
        "nguồn tin Atom; bản nháp không bao giờ có ở đây."
    ),
)
@paginate(PageNumber)
def list_articles(request: HttpRequest, filters: Query[ArticleFilter]) -> Any:
    if filters.unit is None:
        return queries.published().order_by("-published_at", "-id")
    return queries.published_below(get_object_or_404(Unit, pk=filters.unit))


@articles_router.get(
    "{congress_id}",
    response={200: ArticleOut, **public_errors(404)},
    auth=None,
    summary="Bản tin đã đăng của một đại hội",
    description=(
        "Bản tin đã đăng của đại hội, nguyên văn như lúc đăng. Chưa đăng (bản nháp) hoặc không "
        "có: 404. Công khai, không cần xác thực."
    ),
)
def get_article(request: HttpRequest, congress_id: int) -> Any:
    article = queries.published().filter(congress_id=congress_id).first()
    if article is None:
        raise Http404(NOT_FOUND)
    return article
