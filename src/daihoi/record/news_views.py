"""The congress's news report: the officers' page (draft, edit, publish) and the public pages.

Only a published report is public: its page per congress, the unit's list of news and the
unit's Atom feed (the unit and every unit below it). A draft is seen by those who see the
congress (sibling 404) and changed by those who may write.
"""

from __future__ import annotations

import mimetypes
import unicodedata

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import feedgenerator
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from daihoi.accounts.access import NOT_FOUND
from daihoi.congresses.access import get_congress_for_user
from daihoi.record import queries, services
from daihoi.record.errors import ArticleError
from daihoi.record.forms import ArticleForm, PhotoForm
from daihoi.record.models import Article, ArticlePhoto
from daihoi.units.forms import add_errors
from daihoi.units.models import Unit

FEED_SIZE = 50


@login_required
@require_http_methods(["GET", "POST"])
def article_page(request: HttpRequest, congress_id: int) -> HttpResponse:
    """The report as it stands, with its draft's form; POST saves the officers' words."""
    congress = get_congress_for_user(request.user, congress_id, write=request.method == "POST")
    article = Article.objects.filter(congress=congress).first()
    posted = request.method == "POST"
    if article is None and posted:
        raise Http404(NOT_FOUND)
    form = None
    status = 200
    # A report published while an officer edited it: the form comes back with their words and
    # the service's refusal (withdraw it first), not a 404 that loses them.
    if article is not None and (posted or not article.is_published):
        initial = {"title": article.title, "body": article.body, "byline": article.byline}
        form = ArticleForm(request.POST if posted else None, initial=initial)
        if posted and form.is_valid():
            try:
                services.edit_article(article=article, data=form.to_data(), by=request.user)  # type: ignore[arg-type]
            except ArticleError as error:
                add_errors(form, error)
                status = 400
            else:
                messages.success(request, _("Đã lưu bản tin."))
                return redirect("congress_article", congress_id=congress.pk)
        elif posted:
            status = 400
    return _article_page(request, congress, article, form=form, status=status)


def _article_page(
    request: HttpRequest,
    congress: object,
    article: Article | None,
    *,
    form: ArticleForm | None = None,
    photo_form: PhotoForm | None = None,
    status: int = 200,
) -> HttpResponse:
    if photo_form is None and article is not None and not article.is_published:
        photo_form = PhotoForm()
    photos = list(article.photos.all()) if article is not None else []
    return render(
        request,
        "record/article.html",
        {
            "congress": congress,
            "article": article,
            "form": form,
            "photo_form": photo_form,
            "photos": photos,
            "tab": "record",
        },
        status=status,
    )


@login_required
@require_POST
def article_photo_add(request: HttpRequest, congress_id: int) -> HttpResponse:
    """Attach a photo to the draft; a bad file comes back with the page and its message."""
    congress = get_congress_for_user(request.user, congress_id, write=True)
    article = Article.objects.filter(congress=congress).first()
    if article is None:
        raise Http404(NOT_FOUND)
    photo_form = PhotoForm(request.POST, request.FILES)
    if photo_form.is_valid():
        try:
            services.add_photo(
                article=article,
                file=photo_form.cleaned_data["file"],
                caption=photo_form.cleaned_data["caption"],
                by=request.user,  # type: ignore[arg-type]
            )
        except ArticleError as error:
            add_errors(photo_form, error)
        else:
            messages.success(request, _("Đã thêm ảnh vào bản tin."))
            return redirect("congress_article", congress_id=congress.pk)
    initial = {"title": article.title, "body": article.body, "byline": article.byline}
    form = None if article.is_published else ArticleForm(initial=initial)
    return _article_page(request, congress, article, form=form, photo_form=photo_form, status=400)


@login_required
@require_POST
def article_photo_remove(request: HttpRequest, congress_id: int, photo_id: int) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id, write=True)
    photo = ArticlePhoto.objects.filter(pk=photo_id, article__congress=congress).first()
    if photo is None:
        raise Http404(NOT_FOUND)
    try:
        services.remove_photo(photo=photo)
    except ArticleError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Đã bỏ ảnh khỏi bản tin."))
    return redirect("congress_article", congress_id=congress.pk)


def _photo_response(photo: ArticlePhoto, *, public: bool) -> FileResponse:
    content_type = mimetypes.guess_type(photo.file.name)[0] or "application/octet-stream"
    response = FileResponse(photo.file.open("rb"), content_type=content_type)
    # A published report's photo is public and frozen; a draft's stays private.
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def article_photo(request: HttpRequest, congress_id: int, photo_id: int) -> FileResponse:
    """A photo of the report, for those who see the congress (a draft's too)."""
    congress = get_congress_for_user(request.user, congress_id)
    photo = ArticlePhoto.objects.filter(pk=photo_id, article__congress=congress).first()
    if photo is None:
        raise Http404(NOT_FOUND)
    return _photo_response(photo, public=False)


@require_GET
def public_article_photo(request: HttpRequest, congress_id: int, photo_id: int) -> FileResponse:
    """A published report's photo, for anyone (404 while the report is not published)."""
    article = queries.published().filter(congress_id=congress_id).first()
    photo = article and article.photos.filter(pk=photo_id).first()
    if not photo:
        raise Http404(NOT_FOUND)
    return _photo_response(photo, public=True)


def _act(request: HttpRequest, congress_id: int, action: str) -> HttpResponse:
    congress = get_congress_for_user(request.user, congress_id, write=True)
    user = request.user
    try:
        if action == "draft":
            services.draft_article(congress=congress, by=user)  # type: ignore[arg-type]
            messages.success(request, _("Đã lập bản nháp từ hồ sơ đại hội."))
        else:
            article = Article.objects.filter(congress=congress).first()
            if article is None:
                raise Http404(NOT_FOUND)
            if action == "publish":
                services.publish_article(article=article, by=user)  # type: ignore[arg-type]
                messages.success(request, _("Đã đăng bản tin."))
            else:
                services.withdraw_article(article=article, by=user)  # type: ignore[arg-type]
                messages.success(request, _("Đã gỡ bản tin: bản tin trở lại bản nháp."))
    except ArticleError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("congress_article", congress_id=congress.pk)


@login_required
@require_POST
def article_draft(request: HttpRequest, congress_id: int) -> HttpResponse:
    return _act(request, congress_id, "draft")


@login_required
@require_POST
def article_publish(request: HttpRequest, congress_id: int) -> HttpResponse:
    return _act(request, congress_id, "publish")


@login_required
@require_POST
def article_withdraw(request: HttpRequest, congress_id: int) -> HttpResponse:
    return _act(request, congress_id, "withdraw")


@require_GET
def public_article(request: HttpRequest, congress_id: int) -> HttpResponse:
    """The published report of a congress, for anyone (404 while it is not published)."""
    article = queries.published().filter(congress_id=congress_id).first()
    if article is None:
        raise Http404(NOT_FOUND)
    photos = list(article.photos.all())
    return render(request, "record/public_article.html", {"article": article, "photos": photos})


def _unit_articles(unit_id: int) -> tuple[Unit, list[Article]]:
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise Http404(NOT_FOUND)
    return unit, list(queries.published_below(unit)[:FEED_SIZE])


@require_GET
def public_unit_news(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The published reports of the unit and the units below it, newest first."""
    unit, articles = _unit_articles(unit_id)
    return render(request, "record/public_news.html", {"unit": unit, "articles": articles})


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _feed_photo(request: HttpRequest, article: Article, photo: ArticlePhoto) -> str:
    """Return a published report's photo as the feed entry shows it: its public address."""
    url = reverse("public_article_photo", args=[article.congress_id, photo.pk])
    src = escape(request.build_absolute_uri(url))
    alt = escape(photo.caption or article.title)
    caption = f"<figcaption>{escape(photo.caption)}</figcaption>" if photo.caption else ""
    return f'<figure><img src="{src}" alt="{alt}">{caption}</figure>'


@require_GET
def unit_feed(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The unit's Atom feed of published reports (its own congresses and those below it), each
    with its photos at their public addresses (a report withdrawn takes them private again)."""
    unit, articles = _unit_articles(unit_id)
    feed = feedgenerator.Atom1Feed(
        title=_nfc(f"Bản tin đại hội - {unit.name}"),
        link=request.build_absolute_uri(reverse("public_unit_news", args=[unit.pk])),
        feed_url=request.build_absolute_uri(reverse("unit_feed", args=[unit.pk])),
        description="",
        language="vi",
        feed_guid=request.build_absolute_uri(reverse("unit_feed", args=[unit.pk])),
    )
    for article in articles:
        link = request.build_absolute_uri(reverse("public_article", args=[article.congress_id]))
        html = "".join(f"<p>{escape(p)}</p>" for p in article.paragraphs)
        html += "".join(_feed_photo(request, article, photo) for photo in article.photos.all())
        feed.add_item(
            title=_nfc(article.title),
            link=link,
            description=_nfc(html),
            unique_id=link,
            pubdate=article.published_at,
            updateddate=article.published_at,
            author_name=_nfc(article.byline) or None,
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response
