from __future__ import annotations

from django.urls import path

from daihoi.record import news_views, views

C = "dai-hoi/<int:congress_id>/"

urlpatterns = [
    path(C + "van-kien/", views.record_page, name="congress_record"),
    path(
        C + "van-kien/<str:paper>.<str:kind>",
        views.record_document,
        name="congress_record_document",
    ),
    path(C + "ban-tin/", news_views.article_page, name="congress_article"),
    path(C + "ban-tin/lap-tu-ho-so/", news_views.article_draft, name="congress_article_draft"),
    path(C + "ban-tin/dang/", news_views.article_publish, name="congress_article_publish"),
    path(C + "ban-tin/go/", news_views.article_withdraw, name="congress_article_withdraw"),
    path(C + "ban-tin/anh/", news_views.article_photo_add, name="congress_article_photo_add"),
    path(
        C + "ban-tin/anh/<int:photo_id>/",
        news_views.article_photo,
        name="congress_article_photo",
    ),
    path(
        C + "ban-tin/anh/<int:photo_id>/xoa/",
        news_views.article_photo_remove,
        name="congress_article_photo_remove",
    ),
    path("tin/dai-hoi/<int:congress_id>/", news_views.public_article, name="public_article"),
    path(
        "tin/dai-hoi/<int:congress_id>/anh/<int:photo_id>",
        news_views.public_article_photo,
        name="public_article_photo",
    ),
    path("tin/don-vi/<int:unit_id>/", news_views.public_unit_news, name="public_unit_news"),
    path("tin/don-vi/<int:unit_id>/atom.xml", news_views.unit_feed, name="unit_feed"),
]
