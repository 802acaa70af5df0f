"""The targets page and the term dashboard as an officer uses them."""

from __future__ import annotations

import re
from decimal import Decimal

from django.test import TestCase
from django.urls import reverse

from daihoi.congresses.testing import make_congress
from daihoi.emulation.models import TitleRecord
from daihoi.term import services
from daihoi.term.models import Target
from daihoi.term.services import TargetData, ValueData
from daihoi.units.models import Gender
from daihoi.units.services import MemberData, create_member
from daihoi.units.testing import build_world

DVCDXS = "doan-vien-cong-doan-xuat-sac"


class TargetPagesTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.congress = make_congress(cls.w.unit, term=(2017, 2022))
        cls.url = reverse("term_targets", kwargs={"congress_id": cls.congress.pk})

    def setUp(self) -> None:
        self.client.force_login(self.w.officer)

    def post(self, **changes: str) -> object:
        data = {
            "text": "Trong nhiệm kỳ giới thiệu cho tổ chức Đảng từ 03 đoàn viên công đoàn ưu tú "
            "trở lên để bồi dưỡng, kết nạp",
            "measure": "so-luong-trong-nhiem-ky",
            "comparison": "tu-tro-len",
            "threshold": "03",
            "period": "ca-nhiem-ky",
            "first_year": "2017",
            "last_year": "2022",
            "title": "",
            "level": "",
            **changes,
        }
        return self.client.post(self.url, data)

    def test_an_officer_adds_a_target_picking_its_measure(self) -> None:
        response = self.post()
        assert response.status_code == 302  # type: ignore[attr-defined]
        target = Target.objects.get()
        assert (target.measure, target.threshold, target.position) == (
            "so-luong-trong-nhiem-ky",
            Decimal(3),
            1,
        )
        page = self.client.get(self.url)
        self.assertContains(page, "từ 03 đoàn viên công đoàn ưu tú")

    def test_money_is_typed_the_vietnamese_way(self) -> None:
        self.post(measure="so-tien-trong-nhiem-ky", comparison="tren", threshold="1.300.000.000")
        assert Target.objects.get().threshold == Decimal(1_300_000_000)

    def test_a_share_over_a_hundred_percent_is_refused_beside_its_field(self) -> None:
        response = self.post(
            measure="doan-vien-dat-danh-hieu",
            comparison="tren",
            threshold="120",
            period="hang-nam",
            title=DVCDXS,
        )
        assert response.status_code == 200  # type: ignore[attr-defined]
        form = response.context["form"]  # type: ignore[attr-defined]
        assert form.errors["threshold"] == ["Ngưỡng: tỷ lệ phải từ 0% đến 100% (nhận được: 120%)."]
        assert not Target.objects.exists()

    def test_a_threshold_that_is_no_number_is_refused_in_vietnamese(self) -> None:
        response = self.post(threshold="ba")
        form = response.context["form"]  # type: ignore[attr-defined]
        assert form.errors["threshold"][0].startswith("Ngưỡng: nhập số")
        assert not Target.objects.exists()

    def test_a_value_typed_with_a_bad_number_is_refused_and_nothing_written(self) -> None:
        self.post()
        target = Target.objects.get()
        url = reverse(
            "term_value_enter", kwargs={"congress_id": self.congress.pk, "target_id": target.pk}
        )
        response = self.client.post(url, {"year": "2018", "value": "-2", "evidence": "Sổ"})
        assert response.status_code == 400
        self.assertContains(
            response, "Số lượng: không được là số âm (nhận được: -2).", status_code=400
        )
        assert not target.values.exists()
        ok = self.client.post(
            url, {"year": "2018", "value": "2", "evidence": "NQ kết nạp số 5", "note": "hai người"}
        )
        assert ok.status_code == 302
        assert target.values.get().amount == 2


class DashboardTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        w = cls.w
        cls.congress = make_congress(w.unit, term=(2017, 2022))
        people = [w.member] + [
            create_member(
                unit=w.section, data=MemberData(full_name=f"Đoàn Viên {n}", gender=Gender.NU)
            )
            for n in range(1, 10)
        ]
        # 2018: 9 of 10 excellent (90%: not "trên 90%"); 2019: all 10.
        for person in people[:9]:
            TitleRecord.objects.create(member=person, year=2018, title=DVCDXS)
        for person in people:
            TitleRecord.objects.create(member=person, year=2019, title=DVCDXS)
        cls.excellent = services.add_target(
            congress=cls.congress,
            data=TargetData(
                text="có trên 90% đoàn viên đạt danh hiệu đoàn viên xuất sắc",
                measure="doan-vien-dat-danh-hieu",
                comparison="tren",
                period="hang-nam",
                first_year=2017,
                last_year=2022,
                threshold=Decimal(90),
                title=DVCDXS,
            ),
            by=None,
        )
        cls.party = services.add_target(
            congress=cls.congress,
            data=TargetData(
                text="giới thiệu cho tổ chức Đảng từ 03 đoàn viên công đoàn ưu tú trở lên",
                measure="so-luong-trong-nhiem-ky",
                comparison="tu-tro-len",
                period="ca-nhiem-ky",
                first_year=2017,
                last_year=2022,
                threshold=Decimal(3),
            ),
            by=None,
        )
        for year, count in ((2018, 1), (2020, 2)):
            services.enter_value(
                target=cls.party,
                data=ValueData(year=year, number=Decimal(count), evidence="Sổ theo dõi"),
                by=None,
            )
        cls.url = reverse("term_dashboard", kwargs={"congress_id": cls.congress.pk})

    def test_each_year_is_measured_from_the_emulation_records(self) -> None:
        self.client.force_login(self.w.officer)
        response = self.client.get(self.url)
        (excellent, party) = response.context["current"]
        cells = {c.year: (c.text, c.achieved) for c in excellent.cells}
        assert cells[2017] == ("chưa có số liệu", None)
        assert cells[2018] == ("90,0% (9/10)", False)
        assert cells[2019] == ("100,0% (10/10)", True)
        assert excellent.result.achieved is False
        assert excellent.explanation == "Không đạt chỉ tiêu trên 90% trong năm 2018."
        assert party.result.total == 3
        assert party.result.achieved is True
        self.assertContains(response, "Cộng dồn 2017 - 2022: 3, chỉ tiêu từ 3 trở lên: đạt.")

    def test_the_trend_is_inline_svg_without_script(self) -> None:
        self.client.force_login(self.w.officer)
        html = self.client.get(self.url).content.decode()
        assert html.count('<svg class="trend"') == 2
        assert 'class="dot dot--miss"' in html
        assert 'class="threshold"' in html
        body = html.split("<main", 1)[1] if "<main" in html else html
        assert not re.search(r"<script(?![^>]*\bsrc=)", body)

    def test_the_dashboard_takes_the_same_queries_whatever_the_targets(self) -> None:
        self.client.force_login(self.w.officer)
        self.client.get(self.url)  # warm the session, the user and the year tallies
        with self.assertNumQueries(7):
            self.client.get(self.url)

    def test_the_level_above_sees_every_unit_belows_congress(self) -> None:
        sibling_congress = make_congress(self.w.sibling, term=(2017, 2022))
        services.add_target(
            congress=sibling_congress,
            data=TargetData(
                text="hàng năm Công đoàn đạt tiêu chuẩn vững mạnh",
                measure="dat-khong-dat-hang-nam",
                comparison="dat",
                period="hang-nam",
                first_year=2017,
                last_year=2022,
            ),
            by=None,
        )
        self.client.force_login(self.w.upper)
        response = self.client.get(
            reverse("term_overview", kwargs={"unit_id": self.w.upper_grassroots.pk})
        )
        summaries = {s.congress: s for s in response.context["summaries"]}
        assert set(summaries) == {self.congress, sibling_congress}
        own = summaries[self.congress]
        assert (own.achieved, own.missed, own.open) == (1, 1, 0)
        self.assertContains(response, "có trên 90% đoàn viên đạt danh hiệu đoàn viên xuất sắc")
        self.assertContains(response, "Không đạt chỉ tiêu trên 90% trong năm 2018.")
