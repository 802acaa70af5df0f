"""The error of a file refused as a whole (its own module: the archive checks raise it too)."""

from __future__ import annotations


class ImportFileError(Exception):
    """The file as a whole cannot be imported; message says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
