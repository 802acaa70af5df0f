"""manage.py load_demo_term: the targets of seeds 000 and 001 on their demo congresses (idempotent).

load_demo calls it at its end; it needs the congresses load_demo_congresses creates.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from daihoi.term.demo import load_demo_targets


class Command(BaseCommand):
    help = "Nhập chỉ tiêu nghị quyết của bài báo mẫu 000 và 001 (chạy nhiều lần không thêm gì)."

    def handle(self, *args: Any, **options: Any) -> None:
        added = load_demo_targets()
        if added:
            self.stdout.write(f"Chỉ tiêu nghị quyết demo: thêm {added} chỉ tiêu.")
