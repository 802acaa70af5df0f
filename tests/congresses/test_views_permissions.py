"""The permission matrix over every page of the congress app.

Officer of the unit and officer of the level above: allowed. Officer of a sibling unit: 404.
Read-only role writing: 403. Anonymous: redirect to the login page. Wrong method: 405. Pages that
manage accounts (a teller's account): the administrator above, not the cán bộ of the unit (403).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse
from tests.files.storages import database_storages
from tests.imports.workbooks import workbook_bytes

from daihoi.accounts.models import User
from daihoi.congresses import services, speeches
from daihoi.congresses.delegate_import import start_delegate_import
from daihoi.congresses.models import Congress, OrganKind
from daihoi.congresses.testing import add_people, make_congress
from daihoi.units.testing import World, build_world

READ, WRITE, MANAGE = "read", "write", "manage"
MEDIA = tempfile.mkdtemp(prefix="daihoi-test-media-")


@dataclass(frozen=True)
class Objects:
    congress: Congress
    delegate: int
    organ: int
    seat: int
    teller_seat: int
    item: int
    document: int
    upload: int
    vote: int
    speech: int


def objects_of(congress: Congress) -> Objects:
    first, second, third = add_people(congress, 3)
    organ = congress.organs.get(kind=OrganKind.DOAN_CHU_TICH)
    seat = services.add_organ_member(organ=organ, delegate=second)
    counting = congress.organs.get(kind=OrganKind.BAN_KIEM_PHIEU)
    teller_seat = services.add_organ_member(organ=counting, delegate=third)
    document = services.add_document(
        congress=congress,
        title="Báo cáo chính trị",
        file=SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 test", content_type="application/pdf"),
    )
    upload = start_delegate_import(
        congress=congress,
        user=None,
        upload=SimpleUploadedFile(
            "dai-bieu.xlsx",
            workbook_bytes([["Phạm Thị Thơ", "Khách mời"]], headers=["Họ và tên", "Loại đại biểu"]),
        ),
    )
    vote = services.record_hall_vote(
        congress=congress, subject="chuong-trinh", yes=0, no=0, abstain=0
    )
    speech = speeches.add_speech(congress=congress, kind="tham-luan", speaker="Lò Thị Mai")
    return Objects(
        congress,
        first.pk,
        organ.pk,
        seat.pk,
        teller_seat.pk,
        congress.agenda.first().pk,
        document.pk,
        upload.pk,
        vote.pk,
        speech.pk,
    )


Kwargs = Callable[[Objects], dict[str, object]]


def c(o: Objects) -> dict[str, object]:
    return {"congress_id": o.congress.pk}


def with_(**extra: Callable[[Objects], object]) -> Kwargs:
    return lambda o: {**c(o), **{key: get(o) for key, get in extra.items()}}


@dataclass(frozen=True)
class Page:
    name: str
    level: str
    methods: tuple[str, ...]
    kwargs: Kwargs = c

    @property
    def wrong_method(self) -> str:
        return "POST" if self.methods == ("GET",) else "GET" if "GET" not in self.methods else "PUT"


GET, POST, BOTH = ("GET",), ("POST",), ("GET", "POST")
delegate = with_(delegate_id=lambda o: o.delegate)

PAGES = [
    Page("congress_detail", READ, GET),
    Page("congress_edit", WRITE, BOTH),
    Page("delegate_list", READ, GET),
    Page("delegates_add_members", WRITE, BOTH),
    Page("delegate_create", WRITE, BOTH),
    Page("delegate_edit", WRITE, BOTH, delegate),
    Page("delegate_import_upload", WRITE, BOTH),
    Page("delegate_import_template", READ, GET),
    Page("delegate_import_preview", READ, GET, with_(import_id=lambda o: o.upload)),
    Page("delegate_import_confirm", WRITE, POST, with_(import_id=lambda o: o.upload)),
    Page("organ_list", READ, GET),
    Page("organ_member_add", WRITE, POST, with_(organ_id=lambda o: o.organ)),
    Page("organ_approval", WRITE, POST, with_(organ_id=lambda o: o.organ)),
    Page("seat_account", MANAGE, BOTH, with_(seat_id=lambda o: o.teller_seat)),
    Page("hall_votes", READ, BOTH),
    Page("hall_vote_correct", WRITE, BOTH, with_(vote_id=lambda o: o.vote)),
    Page("hall_vote_cancel", WRITE, POST, with_(vote_id=lambda o: o.vote)),
    Page("speech_list", READ, BOTH),
    Page("speech_call", WRITE, POST, with_(speech_id=lambda o: o.speech)),
    Page("speech_remove", WRITE, POST, with_(speech_id=lambda o: o.speech)),
    Page("agenda", READ, GET),
    Page("agenda_add", WRITE, POST),
    Page("agenda_edit", WRITE, POST, with_(item_id=lambda o: o.item)),
    Page("agenda_move", WRITE, POST, with_(item_id=lambda o: o.item, direction=lambda o: "len")),
    Page("documents", READ, BOTH),
    Page("document_download", READ, GET, with_(document_id=lambda o: o.document)),
    Page("desk", WRITE, GET),
    Page("desk_scan", WRITE, POST),
    Page("desk_search", WRITE, GET),
    Page("desk_counters", READ, GET),
    Page("desk_recent", WRITE, GET),
    Page(
        "desk_action", WRITE, POST, with_(delegate_id=lambda o: o.delegate, action=lambda o: "den")
    ),
    Page("presidium", READ, GET),
    Page("presidium_quorum", READ, GET),
    Page("presidium_projector", WRITE, POST),
    Page("presidium_item", WRITE, POST),
    Page("presidium_status", WRITE, POST),
    Page("open_election", WRITE, POST),
    Page("projector", READ, GET),
    Page("projector_screen", READ, GET),
    Page("credentials_report", READ, GET, with_(kind=lambda o: "docx")),
    # The POST makes the (short) PDF that the download then serves.
    Page("cards_page", WRITE, BOTH),
    Page("cards_download", WRITE, GET),
    # Last: these remove what the pages above use.
    Page("organ_member_remove", WRITE, POST, with_(seat_id=lambda o: o.seat)),
    Page("document_delete", WRITE, POST, with_(document_id=lambda o: o.document)),
    Page("delegate_delete", WRITE, POST, delegate),
    Page("agenda_delete", WRITE, POST, with_(item_id=lambda o: o.item)),
    Page("agenda_reset", WRITE, POST),
]
UNIT_PAGES = ["congress_list", "congress_create"]
PUBLIC = {"public_documents", "public_document"}


@override_settings(MEDIA_ROOT=MEDIA)
class PermissionMatrixTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w: World = build_world()
        cls.own = objects_of(make_congress(cls.w.unit))
        cls.other = objects_of(make_congress(cls.w.sibling))

    @classmethod
    def tearDownClass(cls) -> None:
        super().tearDownClass()
        shutil.rmtree(MEDIA, ignore_errors=True)

    def url(self, page: Page, *, other: bool = False) -> str:
        return reverse(page.name, kwargs=page.kwargs(self.other if other else self.own))

    def call(self, user: User | None, method: str, url: str) -> int:
        self.client.logout()
        if user is not None:
            self.client.force_login(user)
        return self.client.generic(method, url).status_code

    def ok(self, user: User, page: Page) -> None:
        for method in page.methods:
            status = self.call(user, method, self.url(page))
            expected = {200} if method == "GET" else {200, 302}
            assert status in expected, (page.name, method, status)

    def test_every_page_is_covered(self) -> None:
        from daihoi.congresses.urls import urlpatterns

        names = {p.name for p in urlpatterns}
        assert names == {p.name for p in PAGES} | set(UNIT_PAGES) | PUBLIC

    def test_anonymous_is_sent_to_the_login_page(self) -> None:
        for page in PAGES:
            with self.subTest(page.name):
                url = self.url(page)
                for method in page.methods:
                    response = self.client.generic(method, url)
                    self.assertRedirects(
                        response, f"{reverse('login')}?next={url}", fetch_redirect_response=False
                    )

    def test_officer_of_the_unit_may_do_everything_but_manage_accounts(self) -> None:
        for page in PAGES:
            with self.subTest(page.name):
                if page.level == MANAGE:
                    for method in page.methods:
                        assert self.call(self.w.officer, method, self.url(page)) == 403
                else:
                    self.ok(self.w.officer, page)

    def test_officer_of_the_level_above_may_do_everything(self) -> None:
        for page in PAGES:
            with self.subTest(page.name):
                self.ok(self.w.upper, page)

    def test_officer_of_a_sibling_unit_gets_404(self) -> None:
        for page in PAGES:
            with self.subTest(page.name):
                for method in page.methods:
                    assert self.call(self.w.sibling_officer, method, self.url(page)) == 404

    def test_read_only_user_reads_but_gets_403_on_writing(self) -> None:
        for page in PAGES:
            with self.subTest(page.name):
                for method in page.methods:
                    status = self.call(self.w.viewer, method, self.url(page))
                    if page.level == READ and method == "GET":
                        assert status == 200
                    else:
                        assert status == 403, (page.name, method, status)

    def test_wrong_method_is_405(self) -> None:
        for page in PAGES:
            with self.subTest(page.name):
                assert self.call(self.w.upper, page.wrong_method, self.url(page)) == 405

    def test_the_congress_list_shows_the_subtree_only(self) -> None:
        self.client.force_login(self.w.officer)
        page = self.client.get(reverse("congress_list"))
        assert page.status_code == 200
        assert list(page.context["page"].object_list) == [self.own.congress]
        self.client.force_login(self.w.upper)
        both = self.client.get(reverse("congress_list")).context["page"].object_list
        assert set(both) == {self.own.congress, self.other.congress}
        assert self.client.post(reverse("congress_list")).status_code == 405

    def test_creating_a_congress_needs_a_unit_in_view_and_a_writing_role(self) -> None:
        url = reverse("congress_create", kwargs={"unit_id": self.w.unit.pk})
        other = reverse("congress_create", kwargs={"unit_id": self.w.sibling.pk})
        assert self.call(self.w.officer, "GET", url) == 200
        assert self.call(self.w.upper, "GET", url) == 200
        assert self.call(self.w.sibling_officer, "GET", url) == 404
        assert self.call(self.w.viewer, "GET", url) == 403
        assert self.call(self.w.officer, "GET", other) == 404
        assert self.call(self.w.officer, "PUT", url) == 405
        assert self.call(None, "GET", url) == 302

    def test_public_documents_need_the_token_only(self) -> None:
        congress = self.own.congress
        url = reverse("public_documents", kwargs={"token": congress.public_token})
        assert self.call(None, "GET", url) == 200
        assert self.call(None, "GET", url.replace(congress.public_token, "1" * 20)) == 404
        document = reverse(
            "public_document",
            kwargs={"token": congress.public_token, "document_id": self.own.document},
        )
        assert self.call(None, "GET", document) == 200
        foreign = reverse(
            "public_document",
            kwargs={"token": congress.public_token, "document_id": self.other.document},
        )
        assert self.call(None, "GET", foreign) == 404
        assert self.call(None, "POST", url) == 405


@override_settings(STORAGES=database_storages())
class PermissionMatrixOnDatabaseStorageTests(PermissionMatrixTests):
    """The same matrix with the documents and uploads in the database, as several nodes run it."""
