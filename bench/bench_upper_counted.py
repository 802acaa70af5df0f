"""The upper congress built from counted elections: 150 lower congresses in daihoi, 500 delegates.

Run: scripts/with-postgres .venv/bin/python bench/bench_upper_counted.py [--congresses N] [--runs N]
The database in DATABASE_URL must be PostgreSQL and is emptied. The script builds in SQL a
province of 20 districts × 100 CĐCS (bench_season.build_units) and opens its season; then, for
the first 150 CĐCS (``--congresses``), a delegate congress is created and run through the
services, as a hall does: 10 delegates with gender and birth date checked in, one election of
delegates to the upper congress (50 units elect 4, the others 3, each with 1 alternate) approved,
voted on the phones (10 ballots, spread so that each name gets its votes) closed and counted.
The seats allocated are set to match; the province's register gets 15 outgoing committee
members, each with a member record of that name in the tree (their profile is carried). Nothing
is typed: every official, alternate and profile comes from the counted rounds, read through
``congresses.results.outcomes_of``. It ANALYZEs, then times (median of the runs after one
warm-up) the upper congress's page as a logged-in officer of the province (preview of the 2,000
units, first page of 50), ``season.upper.preview``, ``build_upper_list`` the first time (500
officials + 15 ex officio written) and again (nothing changes). Goal (issue 12): the list of 500
delegates from 150 lower congresses at most 2 s.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "daihoi.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench_season import build_units, median_ms  # noqa: E402 (sets Django up)
from daihoi.accounts.models import Role, User  # noqa: E402
from daihoi.congresses import services as congress_services  # noqa: E402
from daihoi.congresses.models import Delegate, DelegateKind  # noqa: E402
from daihoi.congresses.services import DelegateData  # noqa: E402
from daihoi.congresses.testing import make_congress  # noqa: E402
from daihoi.elections import services as election_services  # noqa: E402
from daihoi.season import services, upper  # noqa: E402
from daihoi.season.models import Officer, OfficerRole, SeasonUnit  # noqa: E402
from daihoi.units.models import Gender, Unit, UnitKind  # noqa: E402
from daihoi.units.services import MemberData, create_member  # noqa: E402

D = datetime.date
VOTERS = 10
# Votes of the officials, then of the one alternate: 10 ballots keeping at most ``seats`` names.
VOTES = {4: [10, 9, 8, 7, 6], 3: [9, 8, 7, 6]}


def spread(needs: list[int], *, ballots: int, keep: int) -> list[list[int]]:
    """Ballots keeping at most ``keep`` names (by index) that give each name exactly its votes."""
    left = list(needs)
    out = []
    for _ in range(ballots):
        chosen = [i for i in sorted(range(len(left)), key=lambda i: -left[i])[:keep] if left[i]]
        for i in chosen:
            left[i] -= 1
        out.append(chosen)
    assert not any(left), left
    return out


def run_lower_congress(unit: Unit, seats: int, officer: User, n: int) -> None:
    """A delegate congress of the unit that elects its delegates to the upper congress."""
    congress = make_congress(unit, term=(2025, 2030), on=D(2025, 10, 15))
    kind = congress_services.default_kind(congress)
    people = []
    for v in range(VOTERS):
        delegate = congress_services.add_delegate(
            congress=congress,
            data=DelegateData(
                full_name=f"Đại biểu {n}-{v}", kind=kind,
                gender=Gender.NU if v % 2 else Gender.NAM, birth_date=D(1970 + v * 2, 5, 1),
                ethnicity="Kinh", is_party_member=v % 3 == 0,
            ),
        )  # fmt: skip
        congress_services.check_in(congress=congress, delegate=delegate)
        delegate.refresh_from_db()
        people.append(delegate)
    election = election_services.create_election(
        congress=congress, kind="dai-bieu", title="Bầu đại biểu dự Đại hội cấp trên",
        seats=seats, alternates=1,
    )  # fmt: skip
    votes = VOTES[seats]
    candidates = [
        election_services.add_candidate(election=election, delegate=people[i])
        for i in range(len(votes))
    ]
    round_ = election_services.first_round(election)
    election_services.approve_list(round_=round_, yes=VOTERS, no=0, abstain=0, present=VOTERS)
    round_.refresh_from_db()
    election_services.set_voting(round_=round_, paper=False, phone=True)
    election_services.open_round(round_=round_, user=officer)
    for voter, kept in zip(people, spread(votes, ballots=VOTERS, keep=seats), strict=True):
        election_services.cast_phone_ballot(
            round_id=round_.pk, delegate=voter, kept=[str(candidates[i].pk) for i in kept]
        )
    election_services.close_round(round_=round_)
    election_services.count_round(round_=round_)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--congresses", type=int, default=150)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    if connection.vendor != "postgresql":
        sys.exit("Cần PostgreSQL: chạy qua scripts/with-postgres (đặt DATABASE_URL).")
    print(f"load average at the start: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    province_id, districts, grassroots = build_units()
    province = Unit.objects.get(pk=province_id)
    season = services.open_season(
        unit=province,
        data=services.SeasonData(
            name="Kế hoạch đại hội công đoàn cơ sở", term_start=2025, term_end=2030,
            deadlines={UnitKind.CDCS: D(2025, 12, 31)},
        ),
        by=None,
    )  # fmt: skip
    officer = User(username="canbo.tinh", unit_id=province_id, role=Role.ADMIN)
    officer.set_password("bench-only-password")
    officer.save()
    lower = list(Unit.objects.filter(pk__in=grassroots).order_by("path")[: args.congresses])
    built_at = time.perf_counter()
    seats_of = {}
    for n, unit in enumerate(lower):
        seats = 4 if n < len(lower) // 3 else 3  # 150: 50 x 4 + 100 x 3 = 500
        seats_of[unit.pk] = seats
        run_lower_congress(unit, seats, officer, n)
    held = time.perf_counter() - built_at
    for unit_id, seats in seats_of.items():
        SeasonUnit.objects.filter(season=season, unit_id=unit_id).update(seats=seats)
    for n in range(15):
        name = f"Ủy viên Tỉnh Số {n}"
        create_member(
            unit=Unit.objects.get(pk=districts[n]),
            data=MemberData(full_name=name, gender=Gender.NU, birth_date=D(1975, 1, 1 + n)),
        )
        Officer.objects.create(
            unit=province, role=OfficerRole.COMMITTEE, full_name=name, term_start=2020,
            term_end=2025, started_on=D(2020, 9, 1), order=n,
        )  # fmt: skip
    congress = make_congress(province, term=(2025, 2030), on=D(2025, 12, 20))
    upper.set_upper_congress(season=season, congress_id=congress.pk)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SELECT version()")
        version = cursor.fetchone()[0].split(",")[0]
    officials = sum(seats_of.values())
    print(version)
    print(
        f"built in {time.perf_counter() - start:.0f} s: {len(grassroots):,} CĐCS in the season, "
        f"{len(lower)} lower congresses run and counted through the services in {held:.0f} s "
        f"({officials} officials, {len(lower)} alternates elected)"
    )
    client = Client()
    client.force_login(officer)
    page = reverse("season_upper", args=[season.pk])
    count = [0]

    def counted(execute, sql, params, many, context, count=count):  # type: ignore[no-untyped-def]
        count[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counted):
        response = client.get(page)
    assert response.status_code == 200
    print(f"{'what':44} {'queries':>8} {'median':>10} {'best':>10}")
    median, best = median_ms(args.runs, lambda: client.get(page))
    label = "upper congress page (2,000 units, page 1)"
    print(f"{label:44} {count[0]:8} {median:8.0f} ms {best:8.0f} ms")
    count[0] = 0
    with connection.execute_wrapper(counted):
        preview = upper.preview(season)
    assert preview.elected == officials and not preview.problems, preview.problems
    median, best = median_ms(args.runs, lambda: upper.preview(season))
    print(f"{'season.upper.preview':44} {count[0]:8} {median:8.0f} ms {best:8.0f} ms")
    count[0] = 0
    started = time.perf_counter()
    with connection.execute_wrapper(counted):
        built = upper.build_upper_list(season=season)
    first = (time.perf_counter() - started) * 1000
    assert len(built.added) == officials + 15, len(built.added)
    label = f"build the list, first ({officials + 15} written)"
    print(f"{label:44} {count[0]:8} {first:8.0f} ms")
    median, best = median_ms(args.runs, lambda: upper.build_upper_list(season=season))
    print(f"{'build the list again (no change)':44} {'':8} {median:8.0f} ms {best:8.0f} ms")
    listed = Delegate.objects.filter(congress=congress)
    profiled = listed.exclude(birth_date=None).count()
    ex_officio = listed.filter(kind=DelegateKind.EX_OFFICIO).exclude(birth_date=None).count()
    print(f"delegates with a birth date: {profiled} of {listed.count()} ({ex_officio} ex officio)")
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
