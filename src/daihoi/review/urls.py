from __future__ import annotations

from django.urls import path

from daihoi.review import views

C = "dai-hoi/<int:congress_id>/"

urlpatterns = [
    path(C + "tong-ket/", views.conference_review, name="conference_review"),
    path(C + "tong-ket/phong-trao/", views.conference_review_link, name="conference_review_link"),
    path(C + "tong-ket/bao-cao.<str:kind>", views.review_document, name="review_document"),
]
