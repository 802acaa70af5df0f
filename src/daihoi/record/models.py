"""The congress's news report (bản tin): drafted from the record, edited, then published.

A draft is text written from the record's facts (``record.article``); the officers edit it as
they wish before publishing. Once published it is public (the congress's page of news and the
unit's Atom feed, no login) and frozen: it keeps the words and figures it was published with,
whatever the record says later. Withdrawing it makes it a draft again, private.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from daihoi.congresses.models import Congress


class ArticleStatus(models.TextChoices):
    DRAFT = "nhap", _("Bản nháp")
    PUBLISHED = "da-dang", _("Đã đăng")


class Article(models.Model):
    """The news report of one congress (one per congress)."""

    congress = models.OneToOneField(
        Congress, on_delete=models.CASCADE, related_name="article", verbose_name=_("đại hội")
    )
    title = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"))
    byline = models.CharField(_("tác giả, nguồn tin"), max_length=200, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT
    )
    drafted_at = models.DateTimeField(_("lúc lập bản nháp từ hồ sơ"))
    updated_at = models.DateTimeField(_("lúc sửa"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("lúc đăng"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("bản tin đại hội")
        verbose_name_plural = _("bản tin đại hội")
        ordering = ("-published_at", "-id")
        constraints = (
            # Published means published at a known time; a draft has no publishing time.
            models.CheckConstraint(
                condition=(Q(status="da-dang") & Q(published_at__isnull=False))
                | (Q(status="nhap") & Q(published_at__isnull=True)),
                name="article_published_has_time",
            ),
        )
        indexes = (models.Index(fields=["status", "published_at"], name="article_published"),)

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == ArticleStatus.PUBLISHED

    @property
    def paragraphs(self) -> list[str]:
        """Return the body's paragraphs (separated by blank lines), without empty ones."""
        parts = (" ".join(p.split()) for p in self.body.replace("\r\n", "\n").split("\n\n"))
        return [p for p in parts if p]


def photo_path(instance: ArticlePhoto, filename: str) -> str:
    # A random folder, as the congress's documents: a file's name never gives another's address.
    return f"ban-tin/{instance.article_id}/{secrets.token_hex(8)}/{filename}"


class ArticlePhoto(models.Model):
    """A photo of the news report, shown under its text on the public page once published.

    Stored through Django's storage API (DatabaseStorage where the nodes share files) and served
    only by views that check who asks: the congress's officers, or anyone once the report is
    published. A published report is frozen with its photos.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(_("ảnh"), upload_to=photo_path, max_length=300)
    caption = models.CharField(_("chú thích"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("ảnh bản tin")
        verbose_name_plural = _("ảnh bản tin")
        ordering = ("article", "order", "id")

    def __str__(self) -> str:
        return self.caption or self.file.name
