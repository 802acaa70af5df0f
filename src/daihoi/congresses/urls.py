from __future__ import annotations

from django.urls import path

from daihoi.congresses import desk, hall_views, import_views, report_views, speech_views, views

C = "dai-hoi/<int:congress_id>/"

urlpatterns = [
    path("dai-hoi/", views.congress_list, name="congress_list"),
    path("don-vi/<int:unit_id>/dai-hoi/them/", views.congress_create, name="congress_create"),
    path(C, views.congress_detail, name="congress_detail"),
    path(C + "sua/", views.congress_edit, name="congress_edit"),
    # Delegates
    path(C + "dai-bieu/", views.delegate_list, name="delegate_list"),
    path(C + "dai-bieu/them-doan-vien/", views.delegates_add_members, name="delegates_add_members"),
    path(C + "dai-bieu/them/", views.delegate_create, name="delegate_create"),
    path(
        C + "dai-bieu/nhap-excel/",
        import_views.delegate_import_upload,
        name="delegate_import_upload",
    ),
    path(
        C + "dai-bieu/nhap-excel/tep-mau.xlsx",
        import_views.delegate_import_template,
        name="delegate_import_template",
    ),
    path(
        C + "dai-bieu/nhap-excel/<int:import_id>/",
        import_views.delegate_import_preview,
        name="delegate_import_preview",
    ),
    path(
        C + "dai-bieu/nhap-excel/<int:import_id>/nhap/",
        import_views.delegate_import_confirm,
        name="delegate_import_confirm",
    ),
    path(C + "dai-bieu/<int:delegate_id>/sua/", views.delegate_edit, name="delegate_edit"),
    path(C + "dai-bieu/<int:delegate_id>/xoa/", views.delegate_delete, name="delegate_delete"),
    path(C + "the-dai-bieu/", report_views.cards_page, name="cards_page"),
    path(C + "the-dai-bieu/tai-ve/", report_views.cards_download, name="cards_download"),
    path(
        C + "bao-cao-tham-tra.<str:kind>",
        report_views.credentials_report,
        name="credentials_report",
    ),
    # Organs
    path(C + "co-quan/", views.organ_list, name="organ_list"),
    path(C + "co-quan/<int:organ_id>/them/", views.organ_member_add, name="organ_member_add"),
    path(
        C + "co-quan/thanh-vien/<int:seat_id>/xoa/",
        views.organ_member_remove,
        name="organ_member_remove",
    ),
    path(
        C + "co-quan/thanh-vien/<int:seat_id>/tai-khoan/",
        views.seat_account,
        name="seat_account",
    ),
    path(C + "co-quan/<int:organ_id>/bieu-quyet/", views.organ_approval, name="organ_approval"),
    # Hall votes on documents
    path(C + "bieu-quyet/", views.hall_votes, name="hall_votes"),
    path(C + "phat-bieu/", speech_views.speech_list, name="speech_list"),
    path(C + "phat-bieu/<int:speech_id>/moi/", speech_views.speech_call, name="speech_call"),
    path(C + "phat-bieu/<int:speech_id>/xoa/", speech_views.speech_remove, name="speech_remove"),
    path(C + "bieu-quyet/<int:vote_id>/sua/", views.hall_vote_correct, name="hall_vote_correct"),
    path(C + "bieu-quyet/<int:vote_id>/huy/", views.hall_vote_cancel, name="hall_vote_cancel"),
    # Agenda
    path(C + "chuong-trinh/", views.agenda, name="agenda"),
    path(C + "chuong-trinh/them/", views.agenda_add, name="agenda_add"),
    path(C + "chuong-trinh/mac-dinh/", views.agenda_reset, name="agenda_reset"),
    path(C + "chuong-trinh/<int:item_id>/sua/", views.agenda_edit, name="agenda_edit"),
    path(C + "chuong-trinh/<int:item_id>/xoa/", views.agenda_delete, name="agenda_delete"),
    path(C + "chuong-trinh/<int:item_id>/<str:direction>/", views.agenda_move, name="agenda_move"),
    # Documents
    path(C + "tai-lieu/", views.documents, name="documents"),
    path(C + "tai-lieu/<int:document_id>/", views.document_download, name="document_download"),
    path(C + "tai-lieu/<int:document_id>/xoa/", views.document_delete, name="document_delete"),
    path("tai-lieu-dai-hoi/<str:token>/", views.public_documents, name="public_documents"),
    path(
        "tai-lieu-dai-hoi/<str:token>/<int:document_id>/",
        views.public_document,
        name="public_document",
    ),
    # Check-in desk
    path(C + "diem-danh/", desk.desk, name="desk"),
    path(C + "diem-danh/quet/", desk.desk_scan, name="desk_scan"),
    path(C + "diem-danh/tim/", desk.desk_search, name="desk_search"),
    path(C + "diem-danh/so-lieu/", desk.desk_counters, name="desk_counters"),
    path(C + "diem-danh/gan-nhat/", desk.desk_recent, name="desk_recent"),
    path(C + "diem-danh/<int:delegate_id>/<str:action>/", desk.desk_action, name="desk_action"),
    # Presidium and projector
    path(C + "doan-chu-tich/", hall_views.presidium, name="presidium"),
    path(C + "doan-chu-tich/so-luong/", hall_views.presidium_quorum, name="presidium_quorum"),
    path(C + "doan-chu-tich/man-hinh/", hall_views.presidium_projector, name="presidium_projector"),
    path(C + "doan-chu-tich/noi-dung/", hall_views.presidium_item, name="presidium_item"),
    path(C + "doan-chu-tich/trang-thai/", hall_views.presidium_status, name="presidium_status"),
    path(C + "doan-chu-tich/mo-bau-cu/", hall_views.open_election, name="open_election"),
    path(C + "may-chieu/", hall_views.projector, name="projector"),
    path(C + "may-chieu/man-hinh/", hall_views.projector_screen, name="projector_screen"),
]
