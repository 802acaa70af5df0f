"""Congress documents: the size limit applies while the upload's body streams (issue 9)."""

from __future__ import annotations

import shutil
import tempfile
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse

from daihoi.congresses import errors, services
from daihoi.congresses.models import CongressDocument
from daihoi.congresses.testing import make_congress
from daihoi.imports.uploads import SizeLimitHandler
from daihoi.units.testing import build_world

MEDIA = tempfile.mkdtemp(prefix="daihoi-test-media-")


def tearDownModule() -> None:
    shutil.rmtree(MEDIA, ignore_errors=True)


@override_settings(MEDIA_ROOT=MEDIA)
class DocumentUploadTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.congress = make_congress(cls.w.unit)

    def post(self, size: int) -> object:
        self.client.force_login(self.w.officer)
        url = reverse("documents", kwargs={"congress_id": self.congress.pk})
        upload = SimpleUploadedFile("bao-cao.pdf", b"%PDF" + b"0" * size)
        return self.client.post(url, {"title": "Báo cáo", "file": upload, "for_delegates": "on"})

    def test_a_body_over_the_limit_is_refused_while_it_streams(self) -> None:
        handlers: list[SizeLimitHandler] = []
        real = SizeLimitHandler.new_file

        def spy(handler: SizeLimitHandler, *args: object, **kwargs: object) -> None:
            handlers.append(handler)
            real(handler, *args, **kwargs)  # type: ignore[arg-type]

        with (
            mock.patch.object(services, "DOCUMENT_MAX_MB", 1),
            mock.patch.object(SizeLimitHandler, "new_file", spy),
        ):
            response = self.post(3 * 1024 * 1024)
        self.assertContains(response, errors.DOCUMENT_TOO_LARGE.format(limit=1))
        assert not CongressDocument.objects.exists()
        # The file was skipped by the handler as the body came in, not read whole then refused.
        assert [(h.too_large, h.received) for h in handlers] == [(True, 0)]

    def test_a_document_within_the_limit_is_added(self) -> None:
        response = self.post(10_000)
        assert response.status_code == 302
        assert CongressDocument.objects.get().title == "Báo cáo"

    def test_the_upload_checks_the_csrf_token(self) -> None:
        self.client = self.client_class(enforce_csrf_checks=True)
        response = self.post(100)
        assert response.status_code == 403
        assert not CongressDocument.objects.exists()
