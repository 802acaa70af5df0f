from __future__ import annotations

from django.urls import path

from daihoi.elections import crypto_views, open_vote_views, views, voter_views

urlpatterns = [
    path("dai-hoi/<int:congress_id>/bau-cu/", views.election_list, name="election_list"),
    path("dai-hoi/<int:congress_id>/bau-cu/them/", views.election_create, name="election_create"),
    path("bau-cu/<int:election_id>/", views.election_detail, name="election_detail"),
    path("bau-cu/<int:election_id>/ung-vien/them/", views.candidate_add, name="candidate_add"),
    path("bau-cu/<int:election_id>/ket-qua-bien-ban/", views.minutes_result, name="minutes_result"),
    path("ung-vien/<int:candidate_id>/rut/", views.candidate_withdraw, name="candidate_withdraw"),
    path("vong-bau/<int:round_id>/", views.round_detail, name="round_detail"),
    path("vong-bau/<int:round_id>/thong-qua/", views.round_approve, name="round_approve"),
    path("vong-bau/<int:round_id>/hinh-thuc/", views.round_voting, name="round_voting"),
    path("vong-bau/<int:round_id>/phat-phieu/", views.round_issued, name="round_issued"),
    path("vong-bau/<int:round_id>/thu-ve/", views.round_collected, name="round_collected"),
    path("vong-bau/<int:round_id>/mo/", views.round_open, name="round_open"),
    path("vong-bau/<int:round_id>/ket-thuc/", views.round_close, name="round_close"),
    path("vong-bau/<int:round_id>/phieu-bau.pdf", views.round_ballots, name="round_ballots"),
    path("vong-bau/<int:round_id>/nhap-phieu/", views.round_entry, name="round_entry"),
    path("vong-bau/<int:round_id>/doi-chieu/", views.round_reconcile, name="round_reconcile"),
    path("vong-bau/<int:round_id>/thong-nhat/", views.round_resolve, name="round_resolve"),
    path("vong-bau/<int:round_id>/kiem-phieu/", views.round_count, name="round_count"),
    path("vong-bau/<int:round_id>/tao-khoa/", crypto_views.round_ceremony, name="round_ceremony"),
    path("vong-bau/<int:round_id>/giai-ma/", crypto_views.round_decrypt, name="round_decrypt"),
    path(
        "vong-bau/<int:round_id>/ban-ghi-ma-hoa.json",
        crypto_views.round_record,
        name="round_record",
    ),
    path(
        "vong-bau/<int:round_id>/giai-ma/gui/",
        crypto_views.round_decrypt_submit,
        name="round_decrypt_submit",
    ),
    path(
        "vong-bau/<int:round_id>/nhat-ky-nhap-phieu.pdf",
        views.round_entry_log,
        name="round_entry_log",
    ),
    path("vong-bau/<int:round_id>/quyet-dinh/", views.round_decide, name="round_decide"),
    path(
        "vong-bau/<int:round_id>/bien-ban.<str:suffix>",
        views.round_minutes,
        name="round_minutes",
    ),
    path("vong-bau/<int:round_id>/election.json", views.round_export, name="round_export"),
    path("vong-bau/<int:round_id>/phieu-cong-bo/", views.round_published, name="round_published"),
    path("vong-bau/<int:round_id>/trinh-chieu/", views.round_projector, name="round_projector"),
    path("dai-hoi/<int:congress_id>/ma-bo-phieu.pdf", views.voting_slips, name="voting_slips"),
    path("dai-bieu/<int:delegate_id>/ma-bo-phieu/", views.voting_pass, name="voting_pass"),
    path("bo-phieu/", voter_views.voter_entry, name="voter_entry"),
    path("bo-phieu/thoat/", voter_views.voter_leave, name="voter_leave"),
    path("bo-phieu/vong/", voter_views.voter_home, name="voter_home"),
    path("bo-phieu/bieu-quyet/", open_vote_views.voter_open_vote, name="voter_open_vote"),
    path(
        "dai-hoi/<int:congress_id>/bieu-quyet-dien-thoai/",
        open_vote_views.open_vote_page,
        name="open_vote_page",
    ),
    path(
        "dai-hoi/<int:congress_id>/bieu-quyet-dien-thoai/ket-thuc/",
        open_vote_views.open_vote_close,
        name="open_vote_close",
    ),
    path(
        "dai-hoi/<int:congress_id>/bieu-quyet-dien-thoai/so-dem/",
        open_vote_views.open_vote_tally,
        name="open_vote_tally",
    ),
    path("bo-phieu/vong/<int:round_id>/", voter_views.voter_ballot, name="voter_ballot"),
    path(
        "bo-phieu/vong/<int:round_id>/kiem-tra/",
        voter_views.voter_audit_publish,
        name="voter_audit_publish",
    ),
    path(
        "bo-phieu/vong/<int:round_id>/cong-bo/",
        voter_views.voter_published,
        name="voter_published",
    ),
    path("bien-nhan/vong/<int:round_id>/", voter_views.receipt_check, name="receipt_check"),
    path(
        "bien-nhan/vong/<int:round_id>/ban-ghi-ma-hoa.json",
        voter_views.public_record,
        name="public_record",
    ),
]
