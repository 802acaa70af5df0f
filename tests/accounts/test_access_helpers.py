"""THE access helpers: subtree visibility (404 outside), roles (403 on writing)."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import TestCase

from daihoi.accounts.access import (
    ADMIN_ONLY,
    READ_ONLY,
    get_member_for_user,
    get_unit_for_user,
    units_visible_to,
)
from daihoi.accounts.models import Role, User
from daihoi.units.testing import build_world


class AccessHelperTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def test_a_user_sees_their_unit_and_everything_below(self) -> None:
        w = self.w
        assert set(units_visible_to(w.officer)) == {w.unit, w.section}
        assert set(units_visible_to(w.upper)) == {
            w.province,
            w.upper_grassroots,
            w.unit,
            w.section,
            w.sibling,
        }
        assert set(units_visible_to(w.superuser)) == set(w.root.__class__.objects.all())

    def test_nobody_else_sees_anything(self) -> None:
        assert not units_visible_to(AnonymousUser()).exists()
        assert not units_visible_to(User.objects.create(username="khong-don-vi")).exists()
        inactive = User.objects.create(
            username="da-khoa", unit=self.w.root, role=Role.ADMIN, is_active=False
        )
        assert not units_visible_to(inactive).exists()

    def test_units_outside_the_subtree_are_404(self) -> None:
        w = self.w
        assert get_unit_for_user(w.officer, w.section.pk) == w.section
        for outside in (w.sibling, w.upper_grassroots, w.root):
            with self.subTest(outside.name), self.assertRaises(Http404):
                get_unit_for_user(w.officer, outside.pk)
        with self.assertRaises(Http404):
            get_unit_for_user(w.officer, 987654)
        with self.assertRaises(Http404):
            get_unit_for_user(AnonymousUser(), w.unit.pk)

    def test_members_outside_the_subtree_are_404(self) -> None:
        w = self.w
        assert get_member_for_user(w.upper, w.member.pk) == w.member
        with self.assertRaises(Http404):
            get_member_for_user(w.officer, w.sibling_member.pk)
        with self.assertRaises(Http404):
            get_member_for_user(w.sibling_officer, w.member.pk)

    def test_outsiders_get_404_even_when_writing(self) -> None:
        # 404 comes before 403: an outsider learns nothing about the unit.
        with self.assertRaises(Http404):
            get_unit_for_user(self.w.sibling_officer, self.w.unit.pk, write=True, manage=True)

    def test_read_only_users_get_403_on_writing(self) -> None:
        w = self.w
        assert get_unit_for_user(w.viewer, w.unit.pk) == w.unit
        with self.assertRaises(PermissionDenied) as caught:
            get_unit_for_user(w.viewer, w.unit.pk, write=True)
        assert str(caught.exception) == READ_ONLY
        with self.assertRaises(PermissionDenied):
            get_member_for_user(w.viewer, w.member.pk, write=True)

    def test_only_admins_manage_units(self) -> None:
        w = self.w
        assert get_unit_for_user(w.officer, w.unit.pk, write=True) == w.unit
        with self.assertRaises(PermissionDenied) as caught:
            get_unit_for_user(w.officer, w.unit.pk, write=True, manage=True)
        assert str(caught.exception) == ADMIN_ONLY
        assert get_unit_for_user(w.upper, w.unit.pk, write=True, manage=True) == w.unit

    def test_one_query_per_check(self) -> None:
        user = User.objects.get(pk=self.w.officer.pk)  # unit comes with the user
        with self.assertNumQueries(1):
            get_unit_for_user(user, self.w.section.pk)
        with self.assertNumQueries(1):
            get_member_for_user(user, self.w.member.pk)
