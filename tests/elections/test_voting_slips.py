"""The voting slips handed out at check-in (elections/documents.py): each slip's text stays
inside its cut lines, whatever the congress's title and the delegate's name."""

from __future__ import annotations

from typing import Any

import pytest

from daihoi.elections.documents import voting_slips_html

TITLES = [
    "Đại hội Công đoàn cơ sở Sở Công Thương khóa V, nhiệm kỳ 2023 - 2028",
    "Đại hội đại biểu Công đoàn Viên chức tỉnh Điện Biên lần thứ XV, nhiệm kỳ 2023 - 2028",
]
NAMES = ["Lê Hồng Ánh", "Nguyễn Thị Phương Thảo Hoàng Anh"]


def _boxes(box: Any) -> Any:
    yield box
    for child in getattr(box, "children", ()):
        yield from _boxes(child)


def _class(box: Any) -> str:
    element = getattr(box, "element", None)
    return (element.get("class") or "") if element is not None else ""


@pytest.mark.parametrize("title", TITLES)
def test_each_slip_s_text_stays_inside_its_cut_lines(title: str) -> None:
    weasyprint = pytest.importorskip("weasyprint")
    slips = [
        (str(n), NAMES[n % 2], f"https://daihoi.example.vn/bo-phieu/#CODE-{n:04d}", "VTMA-ZX7X")
        for n in range(98, 108)
    ]
    document = weasyprint.HTML(string=voting_slips_html(title, slips)).render()
    checked = 0
    for page in document.pages:
        for slip in (b for b in _boxes(page._page_box) if _class(b) == "slip"):
            inside = slip.content_box_y() + slip.height
            parts = [b for b in _boxes(slip) if _class(b).startswith("slip__")]
            assert {_class(b) for b in parts} >= {"slip__congress", "slip__hint"}
            lowest = max(b.position_y + b.margin_height() for b in parts)
            assert lowest <= inside + 0.01, (title, lowest, inside)
            checked += 1
    assert checked == len(slips)
