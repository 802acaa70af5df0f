"""A stored file: its name and size in one row, its bytes in chunks of CHUNK_BYTES beside it."""

from __future__ import annotations

from django.db import models

CHUNK_BYTES = 1024 * 1024


class StoredFile(models.Model):
    """A file kept in the database by DatabaseStorage (the name is the storage's name)."""

    name = models.CharField(max_length=400, unique=True)
    size = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tệp lưu trong cơ sở dữ liệu"
        verbose_name_plural = "tệp lưu trong cơ sở dữ liệu"

    def __str__(self) -> str:
        return self.name


class FileChunk(models.Model):
    """One piece of a stored file: written and read in order of index, deleted with the file."""

    file = models.ForeignKey(StoredFile, on_delete=models.CASCADE, related_name="chunks")
    index = models.PositiveIntegerField()
    data = models.BinaryField()

    class Meta:
        constraints = (models.UniqueConstraint(fields=["file", "index"], name="files_chunk_once"),)

    def __str__(self) -> str:
        return f"{self.file_id}#{self.index}"
