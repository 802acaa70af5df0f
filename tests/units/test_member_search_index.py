"""On PostgreSQL the accent-free member search is answered from a trigram index."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import TestCase

from daihoi.units import queries
from daihoi.units.models import Gender, Member
from daihoi.units.services import MemberData, create_member
from daihoi.units.testing import build_world


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")
class TrigramIndexTests(TestCase):
    def test_the_search_can_use_the_trigram_index(self) -> None:
        w = build_world()
        create_member(unit=w.unit, data=MemberData(full_name="Nguyễn Thị Bình", gender=Gender.NU))
        members = queries.members_of_subtree(w.unit, text="nguyen thi binh")
        # The whole tree's search (the case the index is for; in a small subtree the planner
        # rightly starts from the unit), with the other scans off so a tiny table uses it.
        sql, params = Member.objects.search("nguyen thi binh").query.sql_with_params()
        with connection.cursor() as cursor:
            # Only bitmap scans left: one needs an index condition, which only pg_trgm gives.
            for scan in ("seqscan", "indexscan", "indexonlyscan"):
                cursor.execute(f"SET LOCAL enable_{scan} = off")
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "units_member_search_trgm" in plan, plan
        assert [m.full_name for m in members] == ["Nguyễn Thị Bình"]
