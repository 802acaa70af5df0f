"""Read side of the news reports: what is published, for the public pages, the feed and the API."""

from __future__ import annotations

from django.db.models import QuerySet

from daihoi.record.models import Article, ArticleStatus
from daihoi.units.models import Unit, path_range


def published() -> QuerySet[Article]:
    """Return the published reports (a draft is never public), with their congress's unit and
    their photos (public with the report: ``news_views.public_article_photo``)."""
    found = Article.objects.filter(status=ArticleStatus.PUBLISHED)
    return found.select_related("congress__unit").prefetch_related("photos")


def published_below(unit: Unit) -> QuerySet[Article]:
    """Return the published reports of the unit's congresses and its subtree's, newest first."""
    low, high = path_range(unit.path)
    return (
        published()
        .filter(congress__unit__path__gte=low, congress__unit__path__lt=high)
        .order_by("-published_at", "-id")
    )
