"""The news report's use cases: draft it from the record, edit, publish, withdraw."""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from PIL import Image, ImageOps, UnidentifiedImageError

from daihoi.congresses.models import Congress
from daihoi.record import article as writer
from daihoi.record import errors
from daihoi.record.errors import ArticleError, FieldError
from daihoi.record.facts import congress_record
from daihoi.record.models import Article, ArticlePhoto, ArticleStatus
from daihoi.rules.names import has_hidden_characters
from daihoi.units.errors import HIDDEN_CHARACTERS

if TYPE_CHECKING:
    from daihoi.accounts.models import User


@dataclass(frozen=True)
class ArticleData:
    title: str
    body: str
    byline: str = ""


def _nfc_lines(text: str) -> str:
    """Return text in NFC with its lines' trailing spaces and Windows line ends removed."""
    lines = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in lines.split("\n")).strip()


def _clean(data: ArticleData) -> ArticleData:
    title = " ".join(unicodedata.normalize("NFC", data.title).split())
    byline = " ".join(unicodedata.normalize("NFC", data.byline).split())
    body = _nfc_lines(data.body)
    problems = [
        FieldError(name, HIDDEN_CHARACTERS.format(label=label))
        for name, label, value in (
            ("title", "Tiêu đề", data.title),
            ("body", "Nội dung", data.body),
            ("byline", "Tác giả, nguồn tin", data.byline),
        )
        if has_hidden_characters(value)
    ]
    if not title:
        problems.append(FieldError("title", errors.TITLE_REQUIRED))
    elif len(title) > 300:
        problems.append(FieldError("title", errors.TITLE_TOO_LONG))
    if not body:
        problems.append(FieldError("body", errors.BODY_REQUIRED))
    if len(byline) > 200:
        problems.append(FieldError("byline", errors.BYLINE_TOO_LONG))
    if problems:
        raise ArticleError(*problems)
    return ArticleData(title=title, body=body, byline=byline)


def _refuse_if_published(article: Article) -> None:
    if article.is_published and article.published_at is not None:
        when = timezone.localtime(article.published_at).strftime("%H:%M %d/%m/%Y")
        raise ArticleError.on(None, errors.ALREADY_PUBLISHED.format(time=when))


@transaction.atomic
def draft_article(*, congress: Congress, by: User | None) -> Article:
    """Write (or write again) the draft from the record; a published report is left alone."""
    record = congress_record(congress)
    data = _clean(
        ArticleData(title=writer.draft_title(record), body=writer.draft_body(record), byline="")
    )
    article = Article.objects.select_for_update().filter(congress=congress).first()
    now = timezone.now()
    if article is None:
        return Article.objects.create(
            congress=congress, title=data.title, body=data.body, drafted_at=now, updated_by=by
        )
    _refuse_if_published(article)
    article.title, article.body, article.drafted_at, article.updated_by = (
        data.title,
        data.body,
        now,
        by,
    )
    article.save(update_fields=["title", "body", "drafted_at", "updated_by", "updated_at"])
    return article


@transaction.atomic
def edit_article(*, article: Article, data: ArticleData, by: User | None) -> Article:
    """Save the officers' words; refused on a published report."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    _refuse_if_published(article)
    clean = _clean(data)
    article.title, article.body, article.byline, article.updated_by = (
        clean.title,
        clean.body,
        clean.byline,
        by,
    )
    article.save(update_fields=["title", "body", "byline", "updated_by", "updated_at"])
    return article


@transaction.atomic
def publish_article(*, article: Article, by: User | None) -> Article:
    """Make the report public as it stands; refused while a figure it may quote is provisional."""
    article = (
        Article.objects.select_for_update().select_related("congress__unit").get(pk=article.pk)
    )
    _refuse_if_published(article)
    pending = writer.provisional(congress_record(article.congress))
    if pending:
        raise ArticleError.on(None, errors.PROVISIONAL.format(title=pending[0]))
    if writer.PENDING.strip(" ()") in article.body:
        raise ArticleError.on("body", errors.QUOTES_PENDING)
    _clean(ArticleData(title=article.title, body=article.body, byline=article.byline))
    article.status = ArticleStatus.PUBLISHED
    article.published_at = timezone.now()
    article.published_by = by
    article.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    return article


@transaction.atomic
def withdraw_article(*, article: Article, by: User | None) -> Article:
    """Take a published report down: it is a private draft again."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    if not article.is_published:
        raise ArticleError.on(None, errors.NOT_PUBLISHED)
    article.status = ArticleStatus.DRAFT
    article.published_at = None
    article.updated_by = by
    article.save(update_fields=["status", "published_at", "updated_by", "updated_at"])
    return article


# --------------------------------------------------------------------------- photos

PHOTO_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
PHOTO_MAX_MB = 10
PHOTOS_MOST = 20


def _check_photo(file: UploadedFile | None) -> str:
    """Refuse what is not a readable JPEG, PNG or WebP (Pillow reads it; the name proves
    nothing); return the image's own extension, so the stored name says what it holds."""
    if file is None:
        raise ArticleError.on("file", errors.PHOTO_REQUIRED)
    if (file.size or 0) > PHOTO_MAX_MB * 1024 * 1024:
        raise ArticleError.on("file", errors.PHOTO_TOO_LARGE.format(limit=PHOTO_MAX_MB))
    name = file.name or ""
    try:
        with Image.open(file) as image:
            kind = image.format or ""
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        kind = ""
    finally:
        file.seek(0)
    if kind not in PHOTO_FORMATS:
        raise ArticleError.on("file", errors.PHOTO_NOT_IMAGE.format(name=name))
    return PHOTO_FORMATS[kind]


@transaction.atomic
def add_photo(
    *, article: Article, file: UploadedFile | None, caption: str, by: User | None
) -> ArticlePhoto:
    """Attach a photo to a draft report (refused on a published one: it is frozen)."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    _refuse_if_published(article)
    problems = []
    if has_hidden_characters(caption):
        problems.append(FieldError("caption", HIDDEN_CHARACTERS.format(label="Chú thích")))
    caption = " ".join(unicodedata.normalize("NFC", caption).split())
    if len(caption) > 300:
        problems.append(FieldError("caption", errors.CAPTION_TOO_LONG))
    if problems:
        raise ArticleError(*problems)
    extension = _check_photo(file)
    assert file is not None
    if article.photos.count() >= PHOTOS_MOST:
        raise ArticleError.on("file", errors.PHOTO_TOO_MANY.format(limit=PHOTOS_MOST))
    name = PurePath(file.name or "anh").stem[:80] + extension
    top = article.photos.aggregate(top=Max("order"))["top"]
    return ArticlePhoto.objects.create(
        article=article,
        file=ContentFile(_without_metadata(file), name=name),
        caption=caption,
        order=(top or 0) + 1,
        uploaded_by=by,
    )


def _without_metadata(file: UploadedFile) -> bytes:
    """Return the image drawn again without its metadata: a phone's photo carries where and
    when it was taken (EXIF GPS), which a public page must not publish. Turned upright first,
    since the EXIF orientation goes with the rest."""
    with Image.open(file) as image:
        kind = image.format or "PNG"
        upright = ImageOps.exif_transpose(image)
        if kind == "JPEG" and upright.mode not in ("RGB", "L"):
            upright = upright.convert("RGB")
        out = io.BytesIO()
        options = {"quality": 90} if kind in ("JPEG", "WEBP") else {}
        upright.save(out, format=kind, **options)
    return out.getvalue()


@transaction.atomic
def remove_photo(*, photo: ArticlePhoto) -> None:
    """Take a photo off a draft report; its file goes once the row is surely gone."""
    article = Article.objects.select_for_update().get(pk=photo.article_id)
    _refuse_if_published(article)
    file = photo.file
    photo.delete()
    transaction.on_commit(lambda: file.storage.delete(file.name))
