"""The evaluation table (bình xét) of a 2,000-member CĐCS: rows saved, the table's pages shown.

Run: scripts/with-postgres .venv/bin/python bench/bench_evaluation_table.py [--members N] [--runs N]
The database in DATABASE_URL must be PostgreSQL and is emptied (flush). The script builds the
personas' tree (daihoi.units.testing.build_world), N members in its CĐCS (bench_dashboard's SQL),
the CĐCS's yearly campaign, then saves every member's row through the service as the table's
form does (each row: the member's facts, the engine's verdict, the proposal), timed as a whole.
Then, logged in as the CĐCS's officer, the median of the runs (after one warm-up) of: one row
saved by its page (POST of the form, a redirect), the table's first page and its last page (100
members a page, with the summary of the whole unit).
Goal (issue 10): the evaluation table of a 2,000-member CĐCS saved <= 1 s.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("ALLOWED_HOSTS", "testserver")  # the test client's host

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from bench_dashboard import build_members, median_ms  # sets Django up
from daihoi.emulation import services
from daihoi.emulation.testing import make_campaign
from daihoi.emulation.views import MEMBERS_PER_PAGE
from daihoi.rules.emulation import TaskLevel
from daihoi.units.models import Member
from daihoi.units.testing import build_world


def level_of(n: int) -> str:
    """A spread of task levels: a fifth excellent, three fifths good, a fifth completed."""
    levels = (TaskLevel.EXCELLENT, TaskLevel.GOOD, TaskLevel.GOOD, TaskLevel.GOOD, TaskLevel.DONE)
    return levels[n % 5].value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Cần PostgreSQL: chạy qua scripts/with-postgres (đặt DATABASE_URL).")
    # The pages' {% static %} without a collectstatic manifest (as the tests render them).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    w = build_world()
    build_members([(w.unit.pk, w.unit.path)], args.members, layout="clustered")
    campaign = make_campaign(w.unit, year=2025)
    members = list(Member.objects.filter(unit=w.unit).order_by("pk"))
    start = time.perf_counter()
    for n, member in enumerate(members):
        services.evaluate_member(
            campaign=campaign,
            unit=w.unit,
            member=member,
            data=services.EvaluationData(task_level=level_of(n)),
            by=w.officer,
        )
    whole = time.perf_counter() - start
    print(
        f"{len(members):,} members of {w.unit.name}: every row saved through the service in "
        f"{whole:.1f} s ({whole / len(members) * 1000:.1f} ms a row)"
    )

    client = Client()
    client.force_login(w.officer)
    kwargs = {"campaign_id": campaign.pk, "unit_id": w.unit.pk}
    table = reverse("evaluation_table", kwargs=kwargs)
    last_page = (len(members) + MEMBERS_PER_PAGE - 1) // MEMBERS_PER_PAGE
    member = members[len(members) // 2]
    row = reverse("evaluation_edit", kwargs={**kwargs, "member_id": member.pk})
    form = {
        "task_level": "xuat-sac",
        "active_in_emulation": "on",
        "days_absent": "2",
        "maternity_days": "0",
        "joined_on": "",
        "discipline": "khong",
        "initiative": "khong",
        "active_in_union": "on",
        "family_duties_met": "on",
        "override_reason": "",
    }

    def save_row() -> None:
        response = client.post(row, form)
        assert response.status_code == 302, response.status_code

    def show(page: int) -> None:
        response = client.get(table, {"trang": page})
        assert response.status_code == 200, response.status_code

    print(f"{'what':44} {'median':>10} {'best':>10}")
    for label, fn in (
        ("one row saved (POST, redirect)", save_row),
        ("the table's first page (100 rows + summary)", lambda: show(1)),
        (f"the table's last page ({last_page})", lambda: show(last_page)),
    ):
        median, best = median_ms(args.runs, fn)
        print(f"{label:44} {median:8.1f} ms {best:8.1f} ms")


if __name__ == "__main__":
    main()
