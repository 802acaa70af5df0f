"""manage.py load_demo_register: seed 000's outgoing chair in the officer register (idempotent).

load_demo calls it once the units and their members exist (season.demo).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from daihoi.season.demo import load_demo_register


class Command(BaseCommand):
    help = (
        "Ghi Chủ tịch nhiệm kỳ trước của bài báo mẫu 000 vào sổ theo dõi cán bộ "
        "(chạy nhiều lần không thêm gì)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        added = load_demo_register()
        if added:
            self.stdout.write(f"Sổ theo dõi cán bộ demo: thêm {added} dòng.")
