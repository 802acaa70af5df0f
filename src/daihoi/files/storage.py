"""DatabaseStorage: Django's storage API over the database, so every app node sees every file.

Set with DAIHOI_STORAGE=database (settings.STORAGES). A file is one StoredFile row and its bytes
in FileChunk rows of CHUNK_BYTES, written in one transaction: a file is there whole or not at
all, and a file saved inside a transaction that rolls back (an upload whose form failed) is
gone with it. Reading copies the chunks into a temporary file (kept in memory up to a few
chunks, then on the local disk) so no database cursor stays open while a response streams.

There is no url(): these files are served only by views that check who asks (a congress's
documents, the delegate cards), never by an address of their own.
"""

from __future__ import annotations

import datetime
import tempfile
from collections.abc import Iterator
from typing import IO, Any

from django.core.files import File
from django.core.files.storage import Storage
from django.db import IntegrityError, transaction
from django.utils.deconstruct import deconstructible

from daihoi.files.models import CHUNK_BYTES, FileChunk, StoredFile

NAME_MAX = StoredFile._meta.get_field("name").max_length or 400
READ_ONLY = "DatabaseStorage mở tệp để đọc ('rb'); ghi tệp bằng save()."
SPOOL_BYTES = 4 * CHUNK_BYTES


def _pieces(content: File[Any]) -> Iterator[bytes]:
    """Yield the content in pieces of exactly CHUNK_BYTES (the last one shorter)."""
    pending = bytearray()
    for chunk in content.chunks(chunk_size=CHUNK_BYTES):
        pending += chunk.encode() if isinstance(chunk, str) else chunk
        while len(pending) >= CHUNK_BYTES:
            yield bytes(pending[:CHUNK_BYTES])
            del pending[:CHUNK_BYTES]
    if pending:
        yield bytes(pending)


@deconstructible(path="daihoi.files.storage.DatabaseStorage")
class DatabaseStorage(Storage):
    """Files as rows of the default database (a table of chunks), shared by every app node."""

    def _save(self, name: str, content: File[Any]) -> str:
        while True:
            try:
                with transaction.atomic():
                    stored = StoredFile.objects.create(name=name)
                    size = 0
                    for index, piece in enumerate(_pieces(content)):
                        FileChunk.objects.create(file=stored, index=index, data=piece)
                        size += len(piece)
                    stored.size = size
                    stored.save(update_fields=["size"])
                return name
            except IntegrityError:
                # Another node saved a file of this name between get_available_name and here.
                if not self.exists(name):
                    raise
                name = self.get_available_name(name, max_length=NAME_MAX)

    def _open(self, name: str, mode: str = "rb") -> File[Any]:
        if any(flag in mode for flag in "wax+"):
            raise ValueError(READ_ONLY)
        stored = StoredFile.objects.filter(name=name).first()
        if stored is None:
            raise FileNotFoundError(name)
        spool: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)
        chunks = FileChunk.objects.filter(file=stored).order_by("index")
        for data in chunks.values_list("data", flat=True).iterator(chunk_size=4):
            spool.write(data)
        spool.seek(0)
        return File(spool, name=name)

    def delete(self, name: str) -> None:
        StoredFile.objects.filter(name=name).delete()

    def exists(self, name: str) -> bool:
        return StoredFile.objects.filter(name=name).exists()

    def size(self, name: str) -> int:
        size = StoredFile.objects.filter(name=name).values_list("size", flat=True).first()
        if size is None:
            raise FileNotFoundError(name)
        return int(size)

    def listdir(self, path: str) -> tuple[list[str], list[str]]:
        prefix = path.strip("/") + "/" if path.strip("/") else ""
        folders: set[str] = set()
        files: list[str] = []
        names = StoredFile.objects.filter(name__startswith=prefix).values_list("name", flat=True)
        for name in names.order_by("name"):
            first, slash, _rest = name[len(prefix) :].partition("/")
            if slash:
                folders.add(first)
            else:
                files.append(first)
        return sorted(folders), files

    def _created(self, name: str) -> datetime.datetime:
        created = StoredFile.objects.filter(name=name).values_list("created_at", flat=True)
        when = created.first()
        if when is None:
            raise FileNotFoundError(name)
        return when

    def get_created_time(self, name: str) -> datetime.datetime:
        return self._created(name)

    def get_modified_time(self, name: str) -> datetime.datetime:
        return self._created(name)  # a stored file is never changed, only replaced

    def get_accessed_time(self, name: str) -> datetime.datetime:
        return self._created(name)
