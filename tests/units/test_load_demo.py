"""load_demo: the seed units and their figures, demo accounts, and idempotency."""

from __future__ import annotations

from io import StringIO
from unittest import mock

from django.contrib.auth import authenticate
from django.contrib.auth.hashers import check_password, identify_hasher
from django.core.management import call_command
from django.core.management.commands.migrate import Command as Migrate
from django.test import TestCase, override_settings
from django.urls import reverse

from daihoi.accounts.models import Role, User
from daihoi.rules.numbers import percent_vi
from daihoi.units.demo import DEMO_PASSWORD, demo_password_hash
from daihoi.units.management.commands.load_demo import Command as LoadDemo
from daihoi.units.models import Gender, Member, MemberTransfer, Unit, UnitKind


def snapshot() -> tuple[object, ...]:
    return (
        list(Unit.objects.order_by("id").values_list("id", "code", "name", "path", "updated_at")),
        list(Member.objects.order_by("id").values_list()),
        list(User.objects.order_by("id").values_list("id", "username", "password", "unit_id")),
        MemberTransfer.objects.count(),
    )


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"])
def test_the_demo_password_is_hashed_once_with_argon2_and_checks() -> None:
    demo_password_hash.cache_clear()
    try:
        hashed = demo_password_hash()
        assert identify_hasher(hashed).algorithm == "argon2"
        assert check_password(DEMO_PASSWORD, hashed)
        assert not check_password(DEMO_PASSWORD + "x", hashed)
        assert demo_password_hash() is hashed
    finally:
        demo_password_hash.cache_clear()  # the tests' own hasher for the demo loads after this


class LoadDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        out = StringIO()
        call_command("load_demo", stdout=out)
        cls.output = out.getvalue()

    def test_running_twice_changes_nothing(self) -> None:
        before = snapshot()
        out = StringIO()
        call_command("load_demo", stdout=out)
        assert snapshot() == before
        assert out.getvalue().strip() == "Dữ liệu demo đã có đủ, không thay đổi gì."

    def test_seed_002_six_sections_185_members_91_women(self) -> None:
        unit = Unit.objects.get(name="Công đoàn Sở Khoa học và Công nghệ Hải Phòng")
        members = Member.objects.in_subtree(unit)
        assert unit.children.filter(kind=UnitKind.CD_BO_PHAN).count() == 6
        assert members.count() == 185
        women = members.filter(gender=Gender.NU).count()
        assert women == 91
        assert percent_vi(women, 185) == "49,2%"
        chain = [u.name for u in Unit.objects.ancestors(unit)]
        assert chain == [
            "Tổng Liên đoàn Lao động Việt Nam",
            "Liên đoàn Lao động thành phố Hải Phòng",
            "Công đoàn Viên chức thành phố Hải Phòng",
        ]

    def test_seeds_000_and_001_form_one_chain_in_lai_chau(self) -> None:
        section = Unit.objects.get(name="Công đoàn bộ phận Văn phòng Sở")
        chain = [u.name for u in Unit.objects.ancestors(section)]
        assert chain == [
            "Tổng Liên đoàn Lao động Việt Nam",
            "Liên đoàn Lao động tỉnh Lai Châu",
            "Công đoàn Viên chức tỉnh Lai Châu",
            "Công đoàn cơ sở Sở Công Thương",
        ]
        office = Member.objects.in_subtree(section)
        # A BCH of 5 and 9 official + 1 alternate delegates need more than 10 members.
        assert office.count() == 18
        names = set(office.values_list("full_name", flat=True))
        assert "Lường Danh Vọng" in names
        # The seed's Sở leaders and cell secretary attend as guests (congresses.demo).
        assert not {"Vừ A Tiến", "Hoàng Kiều Anh", "Nguyễn Trọng Thức"} & names
        assert Member.objects.in_subtree(section.parent).count() == 42  # type: ignore[arg-type]
        assert Member.objects.filter(full_name="Rcom Jen").exists()

    def test_seed_003_party_cell_and_004_dien_bien(self) -> None:
        cell = Unit.objects.get(name="Chi bộ Trung tâm Công tác xã hội Vĩnh Phúc")
        assert cell.kind == UnitKind.CHI_BO
        assert cell.organization == "dang"
        assert Member.objects.in_subtree(cell).count() == 14
        assert not Member.objects.in_subtree(cell).filter(is_party_member=False).exists()
        dien_bien = Unit.objects.get(name="Liên đoàn Lao động tỉnh Điện Biên")
        members = Member.objects.in_subtree(dien_bien)
        assert members.count() >= 400
        minorities = members.exclude(ethnicity="Kinh").count()
        assert minorities > members.count() // 3
        assert (
            members.filter(ethnicity="Thái").exists() and members.filter(ethnicity="Mông").exists()
        )

    def test_the_demo_members_are_plausible(self) -> None:
        members = Member.objects.all()
        assert not members.filter(birth_date__isnull=True).exists()
        assert not members.exclude(ethnicity__in=[*ETHNICITIES_OK]).exists()
        party = members.filter(is_party_member=True)
        assert not party.filter(party_joined_on__isnull=True).exists()
        assert members.filter(member_number="").count() == 0
        numbers = list(members.values_list("member_number", flat=True))
        assert len(numbers) == len(set(numbers))

    def test_demo_accounts_log_in_with_the_shared_password(self) -> None:
        expected = {
            "canbo.congthuong": (Role.OFFICER, "Công đoàn cơ sở Sở Công Thương", False),
            "canbo.ldld": (Role.ADMIN, "Liên đoàn Lao động tỉnh Lai Châu", False),
            "admin": (Role.ADMIN, "Tổng Liên đoàn Lao động Việt Nam", True),
        }
        for username, (role, unit_name, superuser) in expected.items():
            with self.subTest(username):
                user = authenticate(username=username, password=DEMO_PASSWORD)
                assert isinstance(user, User)
                assert (user.role, user.unit.name, user.is_superuser) == (  # type: ignore[union-attr]
                    role,
                    unit_name,
                    superuser,
                )

    def test_the_admin_reaches_the_party_tree_from_the_roots_unit_page(self) -> None:
        # Đảng bộ tỉnh Vĩnh Phúc is a root beside the Tổng Liên đoàn: nothing above links to it.
        admin = User.objects.get(username="admin")
        self.client.force_login(admin)
        root = self.client.get(reverse("unit_detail", args=[admin.unit_id]))  # type: ignore[union-attr]
        party = Unit.objects.get(code="VP-DB")
        link = reverse("unit_detail", args=[party.pk])
        self.assertContains(root, f'<a href="{link}">Đảng bộ tỉnh Vĩnh Phúc</a>', html=True)
        trail = [party]
        while trail[-1].code != "VP-CB-CTXH":
            page = self.client.get(reverse("unit_detail", args=[trail[-1].pk]))
            assert page.status_code == 200
            child = page.context["overview"].children[0].unit
            trail.append(child)
        cell = self.client.get(reverse("unit_detail", args=[trail[-1].pk]))
        self.assertContains(cell, "<h1>Chi bộ Trung tâm Công tác xã hội Vĩnh Phúc</h1>", html=True)
        # A unit's officer sees no other tree.
        officer = User.objects.get(username="canbo.congthuong")
        self.client.force_login(officer)
        own = self.client.get(reverse("unit_detail", args=[officer.unit_id]))  # type: ignore[union-attr]
        assert own.context["overview"].other_roots == []
        self.assertNotContains(own, "Vĩnh Phúc")

    def test_print_login_names_the_accounts_and_the_password(self) -> None:
        out = StringIO()
        call_command("load_demo", "--print-login", "--port", "8123", stdout=out)
        text = out.getvalue()
        assert "http://127.0.0.1:8123" in text
        assert DEMO_PASSWORD in text
        assert "canbo.congthuong" in text and "canbo.ldld" in text and "admin" in text

    def test_on_a_loaded_demo_one_run_prints_the_login_without_the_system_checks(
        self,
    ) -> None:
        # make run: one process after migrate (which ran the system checks; they import every
        # view, seconds of a second run) finds the demo loaded and prints the login.
        out = StringIO()
        command = LoadDemo(stdout=out)
        # As `manage.py load_demo ...` runs it (run_from_argv), but for closing the connections.
        parser = command.create_parser("manage.py", "load_demo")
        options = vars(parser.parse_args(["--print-login", "--port", "8123"]))
        with mock.patch.object(LoadDemo, "check") as check:
            command.execute(*options.pop("args", ()), **options)
        check.assert_not_called()
        lines = out.getvalue().splitlines()
        assert lines[0] == "Dữ liệu demo đã có đủ, không thay đổi gì."
        assert lines[1].startswith("Mở http://127.0.0.1:8123 và đăng nhập.")

    def test_migrate_runs_the_migrations_and_the_system_checks_first(self) -> None:
        # make run: `load_demo --migrate --print-login`, one start of Django for all three.
        out = StringIO()
        with mock.patch.object(Migrate, "check") as check:
            call_command("load_demo", "--migrate", "--print-login", stdout=out)
        check.assert_called_once()
        text = out.getvalue()
        assert "No migrations to apply." in text
        assert text.index("No migrations") < text.index("Dữ liệu demo đã có đủ") < text.index("Mở ")


class LoadDemoWithLoginTests(TestCase):
    def test_print_login_on_an_empty_database_loads_the_demo_then_prints_the_login(self) -> None:
        out = StringIO()
        call_command("load_demo", "--print-login", stdout=out)
        text = out.getvalue()
        assert text.startswith("Dữ liệu demo: thêm ")
        assert "Mở http://127.0.0.1:8000 và đăng nhập." in text
        assert User.objects.filter(username="canbo.congthuong").exists()


ETHNICITIES_OK = [
    "Kinh", "Thái", "Mông", "Dao", "Giáy", "Hà Nhì", "Lự", "Khơ Mú", "La Hủ", "Lào", "Cống",
    "Hoa", "Tày", "Sán Dìu", "Sán Chay", "Gia Rai",
]  # fmt: skip
