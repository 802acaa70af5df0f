"""DatabaseStorage keeps Django's storage contract: a file is there whole, or not at all."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.test import TestCase, override_settings
from tests.files.storages import database_storages

from daihoi import settings as daihoi_settings
from daihoi.files import storage as database
from daihoi.files.models import FileChunk, StoredFile


class DatabaseStorageTests(TestCase):
    def setUp(self) -> None:
        self.storage = database.DatabaseStorage()

    def test_a_file_reads_back_byte_for_byte_across_chunks(self) -> None:
        content = bytes(range(256)) * 41  # 10,496 bytes: three chunks of 4,096 and a rest
        with mock.patch.object(database, "CHUNK_BYTES", 4096):
            name = self.storage.save("dai-hoi/1/bao-cao.pdf", ContentFile(content))
        assert name == "dai-hoi/1/bao-cao.pdf"
        assert FileChunk.objects.filter(file__name=name).count() == 3
        with self.storage.open(name) as stored:
            assert stored.read() == content
        assert self.storage.size(name) == len(content)
        assert self.storage.exists(name)

    def test_a_taken_name_gets_another_and_the_first_file_is_kept(self) -> None:
        first = self.storage.save("the-dai-bieu/1/the.pdf", ContentFile(b"one"))
        second = self.storage.save("the-dai-bieu/1/the.pdf", ContentFile(b"two"))
        assert first != second and second.startswith("the-dai-bieu/1/the_")
        assert self.storage.open(first).read() == b"one"
        assert self.storage.open(second).read() == b"two"

    def test_a_name_taken_by_another_node_meanwhile_gets_another(self) -> None:
        StoredFile.objects.create(name="imports/job-1-upload.xlsx", size=0)
        # save() found the name free; another node took it before _save ran.
        name = self.storage._save("imports/job-1-upload.xlsx", ContentFile(b"mine"))
        assert name != "imports/job-1-upload.xlsx"
        assert self.storage.open(name).read() == b"mine"

    def test_delete_removes_the_file_and_its_chunks(self) -> None:
        name = self.storage.save("imports/job-2-rows.json", ContentFile(b"[]"))
        self.storage.delete(name)
        self.storage.delete(name)  # deleting what is gone is no error, as on a disk
        assert not self.storage.exists(name)
        assert not FileChunk.objects.exists()
        with pytest.raises(FileNotFoundError):
            self.storage.open(name)
        with pytest.raises(FileNotFoundError):
            self.storage.size(name)

    def test_an_empty_file_is_a_file(self) -> None:
        name = self.storage.save("trong.txt", ContentFile(b""))
        assert self.storage.exists(name) and self.storage.size(name) == 0
        assert self.storage.open(name).read() == b""

    def test_text_content_is_stored_as_utf8(self) -> None:
        name = self.storage.save("ghi-chu.txt", ContentFile("Đại hội Công đoàn"))
        assert self.storage.open(name).read() == "Đại hội Công đoàn".encode()

    def test_files_are_opened_for_reading_only(self) -> None:
        name = self.storage.save("a.txt", ContentFile(b"a"))
        with pytest.raises(ValueError, match="để đọc"):
            self.storage.open(name, "wb")

    def test_a_file_saved_in_a_transaction_that_rolls_back_is_gone(self) -> None:
        with pytest.raises(RuntimeError), transaction.atomic():
            self.storage.save("dai-hoi/1/nua-chung.pdf", ContentFile(b"%PDF"))
            raise RuntimeError("the form failed after the upload")
        assert not self.storage.exists("dai-hoi/1/nua-chung.pdf")

    def test_listdir_names_folders_and_files_of_a_folder(self) -> None:
        for name in ("dai-hoi/1/a/x.pdf", "dai-hoi/1/b/y.pdf", "dai-hoi/1/z.pdf", "dai-hoi/2.pdf"):
            self.storage.save(name, ContentFile(b"."))
        assert self.storage.listdir("dai-hoi/1") == (["a", "b"], ["z.pdf"])
        assert self.storage.listdir("dai-hoi/1/") == (["a", "b"], ["z.pdf"])
        assert self.storage.listdir("") == (["dai-hoi"], [])
        assert self.storage.listdir("khong-co") == ([], [])

    def test_times_are_when_the_file_was_stored(self) -> None:
        name = self.storage.save("a.txt", ContentFile(b"a"))
        created = StoredFile.objects.get(name=name).created_at
        assert self.storage.get_created_time(name) == created
        assert self.storage.get_modified_time(name) == created

    @override_settings(STORAGES=database_storages())
    def test_the_settings_make_it_the_default_storage(self) -> None:
        name = default_storage.save("dai-hoi/3/x.pdf", ContentFile(b"%PDF"))
        assert StoredFile.objects.filter(name=name).exists()


def test_daihoi_storage_chooses_the_default_backend() -> None:
    assert daihoi_settings._default_storage("local") == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }
    assert daihoi_settings._default_storage("database") == {
        "BACKEND": "daihoi.files.storage.DatabaseStorage"
    }
    with pytest.raises(ImproperlyConfigured, match="'local', 'database' hoặc 's3'"):
        daihoi_settings._default_storage("nfs")


def test_s3_without_django_storages_installed_says_what_to_install() -> None:
    with (
        mock.patch("importlib.util.find_spec", return_value=None),
        pytest.raises(ImproperlyConfigured, match="django-storages"),
    ):
        daihoi_settings._default_storage("s3")
