"""Downloads from the shared (database) storage keep their access checks and their bytes."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse
from tests.files.storages import database_storages

from daihoi.congresses import cards
from daihoi.congresses.models import CardsStatus
from daihoi.congresses.testing import add_people, make_congress
from daihoi.files.models import StoredFile
from daihoi.units.testing import build_world

MEDIA = tempfile.mkdtemp(prefix="daihoi-test-media-")
REPORT = "%PDF-1.4 Báo cáo chính trị Đại hội Công đoàn".encode()


def tearDownModule() -> None:
    shutil.rmtree(MEDIA, ignore_errors=True)


@override_settings(MEDIA_ROOT=MEDIA, STORAGES=database_storages())
class SharedStorageDownloadTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.congress = make_congress(cls.w.unit)
        add_people(cls.congress, 3)

    def upload(self, *, for_delegates: bool = True) -> int:
        self.client.force_login(self.w.officer)
        url = reverse("documents", kwargs={"congress_id": self.congress.pk})
        data = {"title": "Báo cáo chính trị", "file": SimpleUploadedFile("bao-cao.pdf", REPORT)}
        if for_delegates:
            data["for_delegates"] = "on"
        assert self.client.post(url, data).status_code == 302
        document = self.congress.documents.get()
        return document.pk

    def download(self, document_id: int) -> str:
        return reverse(
            "document_download",
            kwargs={"congress_id": self.congress.pk, "document_id": document_id},
        )

    def test_an_uploaded_document_is_a_row_and_downloads_byte_for_byte(self) -> None:
        document_id = self.upload()
        stored = StoredFile.objects.get()
        assert stored.name.startswith(f"dai-hoi/{self.congress.pk}/") and stored.size == len(REPORT)
        assert not any(Path(MEDIA).rglob("*.pdf"))  # nothing on this node's disk
        for user in (self.w.officer, self.w.upper, self.w.viewer):
            self.client.force_login(user)
            response = self.client.get(self.download(document_id))
            assert response.status_code == 200, user
            assert b"".join(response.streaming_content) == REPORT  # type: ignore[attr-defined]
            assert response["Cache-Control"] == "private, no-store"

    def test_a_user_outside_the_unit_gets_404_and_no_byte(self) -> None:
        document_id = self.upload()
        self.client.force_login(self.w.sibling_officer)
        response = self.client.get(self.download(document_id))
        assert response.status_code == 404
        assert REPORT not in response.content
        self.client.logout()
        assert self.client.get(self.download(document_id)).status_code == 302  # to the login

    def test_the_public_link_serves_only_documents_for_delegates(self) -> None:
        document_id = self.upload(for_delegates=False)
        url = reverse(
            "public_document",
            kwargs={"token": self.congress.public_token, "document_id": document_id},
        )
        self.client.logout()
        assert self.client.get(url).status_code == 404
        self.congress.documents.update(for_delegates=True)
        response = self.client.get(url)
        assert b"".join(response.streaming_content) == REPORT  # type: ignore[attr-defined]

    def test_deleting_a_document_deletes_its_stored_file(self) -> None:
        document_id = self.upload()
        self.client.force_login(self.w.officer)
        url = reverse(
            "document_delete",
            kwargs={"congress_id": self.congress.pk, "document_id": document_id},
        )
        with self.captureOnCommitCallbacks(execute=True):  # the file goes once the row is gone
            assert self.client.post(url).status_code == 302
        assert not StoredFile.objects.exists()

    def test_delegate_cards_are_stored_shared_and_downloaded_by_writers_only(self) -> None:
        self.client.force_login(self.w.officer)
        self.client.post(reverse("cards_page", args=[self.congress.pk]))
        batch = cards.latest_batch(self.congress)
        assert batch is not None and batch.status == CardsStatus.DONE
        assert StoredFile.objects.filter(name=batch.file.name).exists()
        url = reverse("cards_download", args=[self.congress.pk])
        response = self.client.get(url)
        assert b"".join(response.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
        for user, status in ((self.w.sibling_officer, 404), (self.w.viewer, 403)):
            self.client.force_login(user)
            assert self.client.get(url).status_code == status, user
