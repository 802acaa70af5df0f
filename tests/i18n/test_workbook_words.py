"""The import workbook's words stay Vietnamese even when its module first loads in English."""

from __future__ import annotations

import subprocess
import sys

FIRST_LOAD_IN_ENGLISH = """
import django
django.setup()
from django.utils import translation
translation.activate("en")
from daihoi.imports.columns import EDUCATION_LABELS
print("|".join(EDUCATION_LABELS))
"""


def test_the_education_words_are_vietnamese_when_first_loaded_in_english() -> None:
    out = subprocess.run(
        [sys.executable, "-c", FIRST_LOAD_IN_ENGLISH],
        capture_output=True,
        text=True,
        check=True,
        env={"DJANGO_SETTINGS_MODULE": "daihoi.settings", "PATH": ""},
    ).stdout.strip()
    assert "Đại học" in out.split("|"), out
