"""The entry log of a paper count (nhật ký nhập phiếu), as PDF and Word."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from extract import docx_text, flat, pdf_text

from daihoi.documents.entry_log import (
    KIND_CORRECTION,
    KIND_RESOLUTION,
    EntryLog,
    LogLine,
    write_entry_log,
)

AT = datetime.datetime(2023, 2, 14, 14, 30, 5)


def log() -> EntryLog:
    lines = (
        LogLine(1, AT, "Nguyễn Văn An", 1, "gạch 2, 5", "25"),
        LogLine(2, AT, "Nguyễn Văn An", 2, "không gạch tên nào", ""),
        LogLine(3, AT, "Nguyễn Văn An", 1, "gạch 2, 5, 7", "1=257", KIND_CORRECTION, corrects=1),
        LogLine(4, AT, "Trần Thị Bình", 1, "gạch 2, 5, 7", "257"),
        LogLine(5, AT, "Hoàng Văn Nam", 2, "gạch 3", "3", KIND_RESOLUTION),
    )
    return EntryLog(
        election="Bầu Ban Chấp hành Công đoàn cơ sở Sở Công Thương khóa V",
        round_number=1,
        organization="Công đoàn cơ sở Sở Công Thương",
        lines=lines,
        committee=("Đỗ Thị Lan", "Vi Văn Tâm"),
        chair="Hoàng Văn Nam",
    )


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_every_line_correction_and_resolution_is_printed_with_the_signatures(
    tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"nhat-ky{suffix}"
    write_entry_log(log(), path)
    text = flat(pdf_text(path) if suffix == ".pdf" else docx_text(path))
    assert "NHẬT KÝ NHẬP PHIẾU" in text
    assert "gạch 2, 5, 7 (gõ: 1=257)" in text
    assert "sửa dòng 1" in text
    assert "Ban kiểm phiếu giải quyết sai lệch" in text
    assert "14:30:05" in text
    assert "Tổng cộng 5 dòng: 3 lần nhập, 1 lần sửa, 1 sai lệch được giải quyết." in text
    assert "TRƯỞNG BAN KIỂM PHIẾU" in text and "Hoàng Văn Nam" in text and "Vi Văn Tâm" in text


def test_the_log_is_dated_in_its_header(tmp_path: Path) -> None:
    from dataclasses import replace

    path = tmp_path / "nhat-ky.pdf"
    write_entry_log(replace(log(), locality="Lai Châu", when=AT), path)
    text = flat(pdf_text(path))
    assert "Lai Châu, ngày 14 tháng 02 năm 2023" in text


def test_only_pdf_and_word_are_written(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\.txt"):
        write_entry_log(log(), tmp_path / "nhat-ky.txt")
