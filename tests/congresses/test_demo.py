"""The demo congresses of seeds 000-003: on load_demo's units, ready to run, idempotent."""

from __future__ import annotations

from django.core.management import call_command
from django.test import TestCase

from daihoi.congresses.models import AttendanceEvent, Congress, DelegateKind, OrganKind


class DemoTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        call_command("load_demo", stdout=open("/dev/null", "w"))

    def test_the_four_seed_congresses_exist_ready_to_run(self) -> None:
        titles = sorted(c.title for c in Congress.objects.select_related("unit"))
        assert titles == [
            "Đại hội Chi bộ Trung tâm Công tác xã hội Vĩnh Phúc lần thứ Nhất, nhiệm kỳ 2015 - 2018",
            "Đại hội Công đoàn Sở Khoa học và Công nghệ Hải Phòng, nhiệm kỳ 2017 - 2022",
            "Đại hội Công đoàn bộ phận Văn phòng Sở lần thứ I, nhiệm kỳ 2017 - 2022",
            "Đại hội Công đoàn cơ sở Sở Công Thương khóa V, nhiệm kỳ 2023 - 2028",
        ]
        assert not AttendanceEvent.objects.exists()
        khcn = Congress.objects.get(unit__code="HP-SKHCN")
        assert khcn.delegates.voting().count() == 185
        assert khcn.delegates.filter(kind=DelegateKind.GUEST, full_name="Phạm Thị Thơ").exists()
        section = Congress.objects.get(unit__code="LC-SCT-VP")
        presidium = section.organs.get(kind=OrganKind.DOAN_CHU_TICH)
        head = presidium.members.get(role="truong-ban")
        assert head.delegate.full_name == "Lường Danh Vọng"
        cell = Congress.objects.get(unit__code="VP-CB-CTXH")
        assert cell.profile == "dang" and cell.member_word == "đảng viên"
        for congress in Congress.objects.all():
            assert congress.agenda.count() == 14
            assert all(o.members.exists() for o in congress.organs.all())

    def test_loading_again_changes_nothing(self) -> None:
        before = list(Congress.objects.values_list("id", "updated_at"))
        counts = [c.delegates.count() for c in Congress.objects.order_by("id")]
        call_command("load_demo_congresses", stdout=open("/dev/null", "w"))
        assert list(Congress.objects.values_list("id", "updated_at")) == before
        assert [c.delegates.count() for c in Congress.objects.order_by("id")] == counts
