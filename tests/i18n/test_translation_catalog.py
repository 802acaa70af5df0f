"""The English catalog: every message translated, placeholders kept, and the committed .mo current.

A fresh machine may lack gettext's msgfmt, so the compiled .mo is committed beside the .po; these
tests fail when someone edits the .po and forgets `make messages`.
"""

from __future__ import annotations

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

CATALOG = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0


def read_po(path: Path) -> list[Entry]:
    """Return the entries of a .po file (not the header), enough of the format for these checks."""
    entries: list[Entry] = []
    entry = Entry()
    target: tuple[str, int] | None = None

    def add(key: tuple[str, int], text: str) -> None:
        name, index = key
        if name == "msgstr":
            entry.msgstr[index] = entry.msgstr.get(index, "") + text
        else:
            setattr(entry, name, (getattr(entry, name) or "") + text)

    for number, raw in enumerate([*path.read_text(encoding="utf-8").splitlines(), ""], 1):
        line = raw.strip()
        if not line:
            if target is not None and entry.msgid:
                entries.append(entry)
            entry, target = Entry(), None
            continue
        if line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith("#"):
            continue
        match = re.fullmatch(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])? (\".*\")", line)
        if match:
            target = (match[1], int(match[2] or 0))
            entry.line = entry.line or number
            add(target, ast.literal_eval(match[3]))
        else:
            assert target is not None and line.startswith('"'), f"{path}:{number}: {raw}"
            add(target, ast.literal_eval(line))
    return entries


ENTRIES = read_po(CATALOG / "django.po")


def entry_id(entry: Entry) -> str:
    return f"line {entry.line}: {entry.msgid[:40]}"


def test_the_catalog_is_not_empty() -> None:
    assert len(ENTRIES) > 100


def test_every_message_has_an_english_translation() -> None:
    untranslated = [
        entry_id(entry)
        for entry in ENTRIES
        if "fuzzy" in entry.flags
        or sorted(entry.msgstr) != list(range(2 if entry.msgid_plural else 1))
        or not all(text.strip() for text in entry.msgstr.values())
    ]
    assert not untranslated


def test_translations_keep_the_placeholders() -> None:
    broken = []
    for entry in ENTRIES:
        for index, text in entry.msgstr.items():
            source = entry.msgid_plural if index and entry.msgid_plural else entry.msgid
            if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(source)):
                broken.append(entry_id(entry))
    assert not broken


def test_the_committed_mo_gives_the_translations_of_the_po() -> None:
    with (CATALOG / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = []
    for entry in ENTRIES:
        if entry.msgid_plural:
            got = {
                0: compiled.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 1)
                if entry.msgctxt
                else compiled.ngettext(entry.msgid, entry.msgid_plural, 1),
                1: compiled.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 2)
                if entry.msgctxt
                else compiled.ngettext(entry.msgid, entry.msgid_plural, 2),
            }
        elif entry.msgctxt:
            got = {0: compiled.pgettext(entry.msgctxt, entry.msgid)}
        else:
            got = {0: compiled.gettext(entry.msgid)}
        if got != entry.msgstr:
            stale.append(entry_id(entry))
    assert not stale, f"django.mo is older than django.po: run `make messages` ({stale[:5]})"
