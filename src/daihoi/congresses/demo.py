"""Demo congresses of seeds 000-003, on the units and members load_demo creates (units.demo).

| seed | unit (code) | congress |
| 000 | Công đoàn bộ phận Văn phòng Sở (LC-SCT-VP) | lần thứ I, 2017 - 2022, 19/9/2017, toàn thể |
| 001 | Công đoàn cơ sở Sở Công Thương (LC-SCT) | khóa V, 2023 - 2028, 02/2023, toàn thể (42) |
| 001 | Công đoàn Viên chức tỉnh Lai Châu (LC-CDVC) | 2023 - 2028, đại hội đại biểu (27) |
| 002 | Công đoàn Sở Khoa học và Công nghệ Hải Phòng (HP-SKHCN) | 2017 - 2022, 23/12/2017, 185 |
| 003 | Chi bộ Trung tâm Công tác xã hội Vĩnh Phúc (VP-CB-CTXH) | lần thứ Nhất, 2015 - 2018 |

The congresses of the seeds are toàn thể congresses, as the seeds tell (“cùng toàn thể đoàn
viên”, “toàn bộ đoàn viên”; a chi bộ congress is a congress of its Party members): every member
is on the list, guests named by the seeds come as guests (seed 000's Sở leaders and cell
secretary among them), organs are filled from the members named in the seeds (the others are the
demo's synthetic members), the agenda is the statutory one. Seed 001's union sends delegates to
the Công đoàn Viên chức tỉnh's congress: that one is a đại hội đại biểu (elected, ex officio and
one appointed delegate), so the delegate quotas show. Seed
001 gives only the month; the 15th is the demo's choice, as are the venues, the guests of seed
001 and of the provincial congress, and that congress's date and delegates. Idempotent: a
congress that exists is left alone.

Seed 000's congress has been held (“Chiều 19/9/2017”): the demo records its afternoon. Every
member and every guest is checked in at 14:00 (“cùng toàn thể đoàn viên”), the organs are approved,
and the hall adopts the agenda, the working rules and, at the end, the resolution, each vote
linked to its item of the agenda; then the congress is closed. The seed gives no figures for
these shows of hands: the demo records them unanimous among those its check-in counts (18 of 18
members), its own choice, stated here, never a figure the seed would contradict. The other
congresses are ready to run, nobody checked in, and no show of hands recorded: seeds 001 and
002 give no figure of any show of hands, and seed 003's "nhất trí thông qua các chỉ tiêu cơ
bản" says unanimous but not among how many (the seed counts nobody present), so recording it
would mean inventing the count.

Each Ban Kiểm phiếu seat has its teller account (only those accounts enter and count paper
ballots): ``kiemphieu.<congress>.<n>``, named as the seat's member, an officer of the congress's
unit, with the demo's published password; `load_demo --print-login` lists them. A seat that has
no account gets one on every run (a database made before tellers were accounts too).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone

from daihoi.accounts.models import Role, User
from daihoi.accounts.users import account_names
from daihoi.congresses import services, speeches
from daihoi.congresses.models import (
    AttendanceEvent,
    Congress,
    CongressForm,
    CongressStatus,
    DelegateKind,
    HallVoteSubject,
    OrganKind,
    OrganMember,
    OrganRole,
    SpeechKind,
)
from daihoi.congresses.services import CongressData, DelegateData
from daihoi.units.demo import demo_password_hash
from daihoi.units.models import Member, Unit


@dataclass(frozen=True)
class Guest:
    full_name: str
    position: str
    workplace: str = ""
    gender: str = ""
    ethnicity: str = ""


@dataclass(frozen=True)
class HeldVote:
    """A show of hands of a held demo congress: unanimous among those checked in."""

    at: time
    subject: str
    step: str  # the agenda item it is linked to


# Checked in, organs approved at the opening of a held congress.
HELD_CHECK_IN = time(14, 0)
HELD_ORGANS = time(14, 5)


@dataclass(frozen=True)
class DemoSpeech:
    """A speech the seed names: (kind, speaker, title); ``at`` when a held congress heard it."""

    kind: str
    speaker: str
    title: str
    at: time | None = None


@dataclass(frozen=True)
class DemoCongress:
    unit_code: str
    number: str
    term: tuple[int, int]
    on: date
    venue: str
    place: str
    guests: tuple[Guest, ...] = ()
    # Organ -> names of members (the first is the head); missing names are skipped.
    organs: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Agenda step -> presenter.
    presenters: dict[str, str] = field(default_factory=dict)
    # A member of another unit invited as a guest: (unit code, position shown).
    section_guests: tuple[tuple[str, str], ...] = ()
    form: str = CongressForm.TOAN_THE
    # Đại hội đại biểu: who is summoned, by kind (DelegateKind) -> (unit code, how many) each;
    # the members are taken through the unit's list (named members first), none twice.
    summons: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    # Official delegates by name, outside the member records: (kind, guest-like record).
    named_delegates: tuple[tuple[str, Guest], ...] = ()
    named: tuple[str, ...] = ()  # members taken first where their unit summons anyone
    # The Ban Kiểm phiếu's accounts are kiemphieu.<tellers>.1, .2, ... (one per seat).
    tellers: str = ""
    # A congress the seed reports as held: its shows of hands, at their times of the day.
    held: tuple[HeldVote, ...] = ()
    # The speeches the seed names, on the speakers' list (called at ``at`` if the congress is held).
    speeches: tuple[DemoSpeech, ...] = ()


CONGRESSES = (
    DemoCongress(
        unit_code="LC-SCT-VP",
        tellers="vanphong",
        number="lần thứ I",
        term=(2017, 2022),
        on=date(2017, 9, 19),
        venue="Hội trường Sở Công Thương tỉnh Lai Châu",
        place="Lai Châu",
        # "Dự Đại hội có các đồng chí: Vừ A Tiến - UVBCH Đảng bộ Sở - Phó Giám đốc Sở Công
        # Thương; Hoàng Kiều Anh - Phó giám đốc Sở; Nguyễn Trọng Thức - Bí thư Chi bộ Văn phòng
        # Sở": guests, who do not vote.
        guests=(
            Guest(
                "Vừ A Tiến",
                "UVBCH Đảng bộ Sở, Phó Giám đốc Sở Công Thương",
                "Sở Công Thương tỉnh Lai Châu",
                "nam",
                "Mông",
            ),
            Guest("Hoàng Kiều Anh", "Phó Giám đốc Sở", "Sở Công Thương tỉnh Lai Châu", "nu"),
            Guest(
                "Nguyễn Trọng Thức",
                "Bí thư Chi bộ Văn phòng Sở",
                "Chi bộ Văn phòng Sở Công Thương tỉnh Lai Châu",
                "nam",
            ),
        ),
        organs={
            OrganKind.DOAN_CHU_TICH: ("Lường Danh Vọng",),
            OrganKind.DOAN_THU_KY: (),
            OrganKind.BAN_KIEM_PHIEU: (),
        },
        presenters={
            "bao-cao": "Lường Danh Vọng, Chủ tịch Công đoàn bộ phận",
            "cap-tren": "Nguyễn Trọng Thức, Bí thư Chi bộ Văn phòng Sở",
        },
        # "Đại diện các Công đoàn bộ phận ... Trung tâm Khuyến công và xúc tiến thương mại".
        section_guests=(
            ("LC-SCT-PCM", "Đại diện Công đoàn bộ phận Các phòng chuyên môn"),
            ("LC-SCT-TTKC", "Đại diện Công đoàn bộ phận Trung tâm Khuyến công và XTTM"),
        ),
        # "Chiều 19/9/2017 ... tổ chức Đại hội"; "đề ra các chỉ tiêu Nghị quyết".
        held=(
            HeldVote(time(14, 10), HallVoteSubject.AGENDA, "chuong-trinh"),
            HeldVote(time(14, 12), HallVoteSubject.RULES, "chuong-trinh"),
            HeldVote(time(16, 45), HallVoteSubject.RESOLUTION, "nghi-quyet"),
        ),
        # "Phát biểu chỉ đạo Đại hội, đồng chí Nguyễn Trọng Thức - Bí thư Chi bộ Văn phòng Sở";
        # the seed tells it after the targets and before the election: 16:30 is the demo's
        # choice, between the review and the vote on the resolution.
        speeches=(
            DemoSpeech(
                SpeechKind.GUIDANCE, "Nguyễn Trọng Thức", "Bí thư Chi bộ Văn phòng Sở", time(16, 30)
            ),
        ),
    ),
    DemoCongress(
        unit_code="LC-SCT",
        tellers="congthuong",
        number="khóa V",
        term=(2023, 2028),
        on=date(2023, 2, 15),
        venue="Hội trường Sở Công Thương tỉnh Lai Châu",
        place="Lai Châu",
        guests=(
            Guest(
                "Lò Thị Xuân",
                "Phó Chủ tịch Công đoàn Viên chức tỉnh",
                "Công đoàn Viên chức tỉnh Lai Châu",
                "nu",
            ),
        ),
        organs={
            OrganKind.DOAN_CHU_TICH: ("Rcom Jen", "Lường Danh Vọng"),
            OrganKind.DOAN_THU_KY: (),
            OrganKind.BAN_KIEM_PHIEU: (),
        },
        presenters={"bao-cao": "Rcom Jen, Chủ tịch Công đoàn cơ sở"},
    ),
    DemoCongress(
        unit_code="HP-SKHCN",
        tellers="khcn",
        number="",
        term=(2017, 2022),
        on=date(2017, 12, 23),
        venue="Hội trường Sở Khoa học và Công nghệ Hải Phòng",
        place="Hải Phòng",
        guests=(
            Guest(
                "Phạm Thị Thơ",
                "Chủ tịch Công đoàn viên chức thành phố",
                "Công đoàn Viên chức thành phố Hải Phòng",
                "nu",
            ),
        ),
        organs={
            OrganKind.DOAN_CHU_TICH: (),
            OrganKind.DOAN_THU_KY: (),
            OrganKind.BAN_KIEM_PHIEU: (),
        },
        presenters={"cap-tren": "Phạm Thị Thơ, Chủ tịch Công đoàn viên chức thành phố"},
    ),
    DemoCongress(
        unit_code="VP-CB-CTXH",
        tellers="ctxh",
        number="lần thứ Nhất",
        term=(2015, 2018),
        on=date(2015, 3, 18),
        venue="Trung tâm Công tác xã hội tỉnh Vĩnh Phúc",
        place="Vĩnh Phúc",
        guests=(
            Guest(
                "Bùi Minh Tuấn",
                "Đảng ủy viên",
                "Đảng ủy Sở Lao động - Thương binh và Xã hội",
                "nam",
            ),
        ),
        organs={
            OrganKind.DOAN_CHU_TICH: (),
            OrganKind.DOAN_THU_KY: (),
            OrganKind.BAN_KIEM_PHIEU: (),
        },
        presenters={"cap-tren": "Bùi Minh Tuấn, Đảng ủy viên, Đảng ủy Sở Lao động - TB&XH"},
        # "Phát biểu chỉ đạo Đại hội, đồng chí Bùi Minh Tuấn- Đảng ủy viên, thay mặt Đảng ủy Sở
        # Lao động- TB&XH": on the list, waiting (the congress is ready to run).
        speeches=(
            DemoSpeech(
                SpeechKind.GUIDANCE,
                "Bùi Minh Tuấn",
                "Đảng ủy viên, thay mặt Đảng ủy Sở Lao động - TB&XH",
            ),
        ),
    ),
    # Seed 001: "Đại hội cũng đã bầu 2 đại biểu chính thức, 1 đại biểu dự khuyết đi dự Đại hội
    # Công đoàn Viên chức tỉnh nhiệm kỳ 2023-2028". That congress is a đại hội đại biểu: the
    # delegates elected by the grassroots unions (Rcom Jen and one more from Sở Công Thương),
    # the outgoing committee ex officio (one from each grassroots union and Lò Thị Xuân, seed
    # 001's guest), one appointed (the 5% quota of 27 official delegates allows one).
    DemoCongress(
        unit_code="LC-CDVC",
        tellers="cdvc",
        number="",
        term=(2023, 2028),
        on=date(2023, 6, 20),
        venue="Hội trường Liên đoàn Lao động tỉnh Lai Châu",
        place="Lai Châu",
        form=CongressForm.DAI_BIEU,
        named=("Rcom Jen",),
        summons={
            DelegateKind.ELECTED: (
                ("LC-SCT", 2),
                ("LC-STC", 3),
                ("LC-STP", 2),
                ("LC-SNV", 2),
                ("LC-SKHDT", 2),
                ("LC-STNMT", 3),
                ("LC-VPUB", 3),
            ),
            DelegateKind.EX_OFFICIO: (
                ("LC-SCT", 1),
                ("LC-STC", 1),
                ("LC-STP", 1),
                ("LC-SNV", 1),
                ("LC-SKHDT", 1),
                ("LC-STNMT", 1),
                ("LC-VPUB", 2),
            ),
            DelegateKind.APPOINTED: (("LC-STP", 1),),
        },
        named_delegates=(
            (
                DelegateKind.EX_OFFICIO,
                Guest(
                    "Lò Thị Xuân",
                    "Phó Chủ tịch Công đoàn Viên chức tỉnh",
                    "Công đoàn Viên chức tỉnh Lai Châu",
                    "nu",
                    "Thái",
                ),
            ),
        ),
        guests=(
            Guest(
                "Nguyễn Thị Hà",
                "Phó Chủ tịch Liên đoàn Lao động tỉnh",
                "Liên đoàn Lao động tỉnh Lai Châu",
                "nu",
            ),
            Guest(
                "Trần Văn Hải",
                "Trưởng ban Tổ chức, Liên đoàn Lao động tỉnh",
                "Liên đoàn Lao động tỉnh Lai Châu",
                "nam",
            ),
        ),
        organs={
            OrganKind.DOAN_CHU_TICH: ("Lò Thị Xuân", "Rcom Jen"),
            OrganKind.DOAN_THU_KY: (),
            OrganKind.BAN_THAM_TRA: (),
            OrganKind.BAN_KIEM_PHIEU: (),
        },
        presenters={"cap-tren": "Nguyễn Thị Hà, Phó Chủ tịch Liên đoàn Lao động tỉnh"},
    ),
)

# How many each organ gets when the seed names nobody (or fewer): the usual sizes.
ORGAN_SIZES = {
    OrganKind.DOAN_CHU_TICH: 3,
    OrganKind.DOAN_THU_KY: 2,
    OrganKind.BAN_THAM_TRA: 3,
    OrganKind.BAN_KIEM_PHIEU: 3,
}


@dataclass(frozen=True)
class TellerLogin:
    username: str
    full_name: str
    congress: str


@dataclass
class DemoReport:
    congresses: int = 0
    delegates: int = 0
    tellers: int = 0
    hall_votes: int = 0
    speeches: int = 0
    missing_units: list[str] = field(default_factory=list)


def _fill_organs(congress: Congress, spec: DemoCongress) -> None:
    delegates = list(congress.delegates.voting().order_by("number"))
    by_name = {d.full_name: d for d in delegates}
    taken: set[int] = set()
    for organ in congress.organs.all():
        named = [by_name[n] for n in spec.organs.get(organ.kind, ()) if n in by_name]
        size = max(ORGAN_SIZES[OrganKind(organ.kind)], len(named))
        # Fill up with members not yet in an organ, spread through the list.
        others = [d for d in delegates if d.pk not in taken and d not in named]
        step = max(1, len(others) // (size * 4 + 1))
        chosen = named + others[::step][: size - len(named)]
        for index, delegate in enumerate(chosen):
            role = OrganRole.HEAD if index == 0 else OrganRole.MEMBER
            services.add_organ_member(organ=organ, delegate=delegate, role=role)
            taken.add(delegate.pk)


def _by_hand(kind: str, person: Guest) -> DelegateData:
    return DelegateData(
        full_name=person.full_name,
        kind=kind,
        position=person.position,
        workplace=person.workplace,
        gender=person.gender,
        ethnicity=person.ethnicity,
    )


def _summoned(spec: DemoCongress) -> list[tuple[DelegateData, Member | None]]:
    """Return the official delegates of a đại hội đại biểu, the same every time."""
    people: list[tuple[DelegateData, Member | None]] = [
        (_by_hand(kind, person), None) for kind, person in spec.named_delegates
    ]
    taken: set[int] = set()
    for kind, quota in spec.summons.items():
        for code, count in quota:
            members = Member.objects.in_subtree(Unit.objects.get(code=code)).active()
            free = [m for m in members.order_by("member_number") if m.pk not in taken]
            named = [m for m in free if m.full_name in spec.named]
            others = [m for m in free if m not in named]
            step = max(1, len(others) // (count + 1))  # spread through the list
            chosen = list(dict.fromkeys(named + others[step::step] + others))[:count]
            taken.update(m.pk for m in chosen)
            people += [(DelegateData(kind=kind), member) for member in chosen]
    return people


def _load(spec: DemoCongress, report: DemoReport) -> None:
    unit = Unit.objects.filter(code=spec.unit_code).first()
    if unit is None:
        report.missing_units.append(spec.unit_code)
        return
    if Congress.objects.filter(unit=unit, term_start=spec.term[0]).exists():
        return
    congress = services.create_congress(
        unit=unit,
        data=CongressData(
            number=spec.number,
            term_start=spec.term[0],
            term_end=spec.term[1],
            starts_on=spec.on,
            venue=spec.venue,
            place=spec.place,
            form=spec.form,
        ),
    )
    if spec.form == CongressForm.TOAN_THE:
        members = Member.objects.in_subtree(unit).active().select_related("unit")
        services.add_delegates_from_members(congress=congress, members=members)
    else:
        services.add_delegates_from_list(congress=congress, people=_summoned(spec))
    for code, position in spec.section_guests:
        section = Unit.objects.filter(code=code).first()
        member = section and Member.objects.filter(unit=section).order_by("name_key").first()
        if member:
            services.add_delegate(
                congress=congress,
                data=DelegateData(kind=DelegateKind.GUEST, position=position),
                member=member,
            )
    # The seeds list their named guests in protocol order: that order is their rank, so the
    # minutes and the news report introduce them first, before the sections' representatives.
    for rank, guest in enumerate(spec.guests, start=1):
        services.add_delegate(
            congress=congress,
            data=DelegateData(
                full_name=guest.full_name,
                kind=DelegateKind.GUEST,
                protocol_rank=rank,
                position=guest.position,
                workplace=guest.workplace,
                gender=guest.gender,
                ethnicity=guest.ethnicity,
            ),
        )
    _fill_organs(congress, spec)
    for item in congress.agenda.filter(step__in=spec.presenters):
        services.update_agenda_item(
            item=item, title=item.title, presenter=spec.presenters[item.step]
        )
    report.congresses += 1
    report.delegates += congress.delegates.count()


def _on_the_day(congress: Congress, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(congress.starts_on, at))


def _hold(spec: DemoCongress, report: DemoReport) -> None:
    """Record the afternoon of a congress the seed reports as held (once: then it is closed)."""
    congress = _demo_congress(spec)
    if congress is None or not spec.held or congress.hall_votes.exists():
        return
    if congress.status == CongressStatus.CLOSED:
        return
    for delegate in congress.delegates.order_by("number", "id"):
        services.check_in(congress=congress, delegate=delegate, desk="Bàn 1")
    # The desk writes the time it is now; the demo dates its record to the seed's afternoon.
    opening = _on_the_day(congress, HELD_CHECK_IN)
    AttendanceEvent.objects.filter(congress=congress).update(at=opening)
    congress.delegates.update(presence_at=opening)
    present = services.attendance(congress).present
    for organ in congress.organs.all():
        services.record_organ_approval(organ=organ, yes=present, no=0, abstain=0)
    congress.organs.update(decided_at=_on_the_day(congress, HELD_ORGANS))
    items = {item.step: item for item in congress.agenda.all()}
    for vote in spec.held:
        services.record_hall_vote(
            congress=congress,
            subject=vote.subject,
            yes=present,
            no=0,
            abstain=0,
            agenda_item=items.get(vote.step),
            voted_at=_on_the_day(congress, vote.at),
        )
        report.hall_votes += 1
    services.set_status(congress=congress, status=CongressStatus.CLOSED)


def _list_speakers(spec: DemoCongress, report: DemoReport) -> None:
    """Put the seed's speeches on the list of a congress that has none; call a held one's."""
    congress = _demo_congress(spec)
    if congress is None or not spec.speeches or congress.speeches.exists():
        return
    for demo in spec.speeches:
        speech = speeches.add_speech(
            congress=congress, kind=demo.kind, speaker=demo.speaker, speaker_title=demo.title
        )
        if demo.at is not None and spec.held:
            speeches.call_speech(
                speech=speech, show_on_projector=False, at=_on_the_day(congress, demo.at)
            )
        report.speeches += 1


def _demo_congress(spec: DemoCongress) -> Congress | None:
    return (
        Congress.objects.filter(unit__code=spec.unit_code, term_start=spec.term[0])
        .select_related("unit")
        .first()
    )


def _counting_seats(congress: Congress) -> list[OrganMember]:
    seats = OrganMember.objects.filter(
        organ__congress=congress, organ__kind=OrganKind.BAN_KIEM_PHIEU
    ).select_related("delegate", "account")
    return list(seats.order_by("order", "id"))


def _seat_tellers(spec: DemoCongress, report: DemoReport) -> None:
    """Give each Ban Kiểm phiếu seat without an account its demo teller account."""
    congress = _demo_congress(spec)
    if congress is None or not spec.tellers:
        return
    for number, seat in enumerate(_counting_seats(congress), start=1):
        if seat.account_id is not None:
            continue
        username = f"kiemphieu.{spec.tellers}.{number}"
        account = User.objects.filter(username=username).first()
        if account is None:
            last_name, first_name = account_names(seat.delegate.full_name)
            account = User(
                username=username,
                last_name=last_name,
                first_name=first_name,
                unit=congress.unit,
                role=Role.OFFICER,
            )
            account.password = demo_password_hash()
            account.save()
            report.tellers += 1
        if OrganMember.objects.filter(organ=seat.organ, account=account).exists():
            continue  # the demo's account already serves another seat: left as it is
        seat.account = account
        seat.save(update_fields=["account"])


def teller_logins() -> list[TellerLogin]:
    """Return the demo congresses' teller accounts, congress by congress, seat by seat."""
    logins = []
    for spec in CONGRESSES:
        congress = _demo_congress(spec)
        if congress is None:
            continue
        logins += [
            TellerLogin(seat.account.username, seat.delegate.full_name, congress.title)
            for seat in _counting_seats(congress)
            if seat.account is not None
        ]
    return logins


def teller_login_text() -> str:
    """Return the lines that tell who enters the paper ballots of each demo congress."""
    lines = ["Ban Kiểm phiếu (chỉ các tài khoản này nhập phiếu bầu giấy), cùng mật khẩu demo:"]
    congress = ""
    for login in teller_logins():
        if login.congress != congress:
            congress = login.congress
            lines.append(f"  {congress}")
        lines.append(f"    {login.username:<24} {login.full_name}")
    return "\n".join(lines)


@transaction.atomic
def load_demo_congresses() -> DemoReport:
    """Create the demo congresses and teller accounts that are missing; change nothing else."""
    report = DemoReport()
    for spec in CONGRESSES:
        _load(spec, report)
        _seat_tellers(spec, report)
        _hold(spec, report)
        _list_speakers(spec, report)
    return report
