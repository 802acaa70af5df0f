"""Realistic Vietnamese names for document tests, and elections built from them.

Kinh names combine a common family name, one or two middle names and a given name; every
seventh name is an ethnic-minority name written the way its owner writes it (Ê Đê, Gia Rai,
Thái, H'Mông, Ba Na, Xơ Đăng... names have no middle name, or a family name last).
"""

from __future__ import annotations

import random
from decimal import Decimal

from daihoi.rules.counting import Result, count
from daihoi.rules.election import Candidate, Election, Tally
from daihoi.rules.profiles import PROFILES

HO = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trịnh Lương "
    "Đào Mai Tạ Quách Lục Kiều Văn Thái Khúc Ưng Âu"
).split()
TEN_DEM_NAM = "Văn Hữu Đức Minh Quốc Thành Xuân Công Quang Đình Ngọc Trọng Mạnh Huy".split()
TEN_DEM_NU = "Thị Ngọc Thu Thanh Kim Bích Diệu Hồng Mỹ Tuyết Phương Hải".split()
TEN_NAM = (
    "An Bảo Cường Dũng Đạt Đức Hải Hiếu Hùng Khải Khoa Lâm Long Lộc Nam Nghĩa Phong Phúc "
    "Quân Quý Sơn Tài Thắng Thịnh Toàn Trung Tuấn Việt Vĩnh Vũ Hưng Kỳ Lực Tường Ỷ"
).split()
TEN_NU = (
    "Anh Ánh Bình Châu Chi Diệp Dung Giang Hà Hằng Hạnh Hiền Hoa Hương Huyền Lan Liên Linh "
    "Loan Mai Ngân Nga Nguyệt Nhung Oanh Phượng Quyên Thảo Thủy Trang Tuyết Uyên Vân Xuân "
    "Yến Mỹ Ngữ Hữu Kỹ"
).split()
MINORITY = (
    "Rcom Jen",
    "Lò Văn Pâng",
    "Hờ A Dính",
    "Y Thanh Hà Niê Kdăm",
    "H' Hen Niê",
    "Ksor Phước",
    "Rơ Châm Tơih",
    "Sùng A Páo",
    "Giàng Thị Dợ",
    "Lầu Mí Chứ",
    "Điểu K'Ré",
    "A Pớt",
    "Y Ngọc Ê Ban",
    "Kpă Thuyên",
    "Đinh Thị Hơ Rê",
    "Mùa A Sử",
    "Vàng Thị Mỷ",
    "Siu Nguyễn",
    "Bhnướch Thị Ỏi",
    "Ma Văn Ỵ",
)


def vietnamese_names(n: int, *, seed: int = 2017) -> list[str]:
    """Return n distinct names; the same n and seed give the same list."""
    rng = random.Random(seed)
    out: list[str] = []
    seen: set[str] = set()
    minority = iter(MINORITY)
    while len(out) < n:
        name = None
        if len(out) % 7 == 3:
            name = next(minority, None)
        if name is None:
            female = rng.random() < 0.5
            middles = TEN_DEM_NU if female else TEN_DEM_NAM
            given = TEN_NU if female else TEN_NAM
            parts = [rng.choice(HO), rng.choice(middles)]
            if rng.random() < 0.2:
                parts.append(rng.choice(middles))
            parts.append(rng.choice(given))
            name = " ".join(dict.fromkeys(parts))
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


def election_of(
    n: int,
    *,
    seats: int | None = None,
    alternates: int = 0,
    collected: int = 40,
    invalid: int = 1,
    votes: dict[str, int] | None = None,
    title: str = "Bầu Ban Chấp hành Công đoàn cơ sở Sở Công Thương khóa V, nhiệm kỳ 2023 - 2028",
    organization: str = "Công đoàn cơ sở Sở Công Thương",
) -> Election:
    """Return an election of n realistic names with a tally; votes fall with the name's index."""
    names = vietnamese_names(n)
    candidates = tuple(Candidate(id=str(i + 1), name=name) for i, name in enumerate(names))
    valid = collected - invalid
    if votes is None:
        votes = {c.id: max(0, valid - (i * valid) // max(n, 1)) for i, c in enumerate(candidates)}
    profile = PROFILES["cong-doan"]
    return Election(
        title=title,
        organization=organization,
        profile=profile,
        base=profile.base,
        seats=seats if seats is not None else max(1, min(n - 1, (n * 2) // 3) if n > 1 else 1),
        alternates=alternates,
        summoned=collected + 2,
        present=collected,
        issued=collected,
        candidates=candidates,
        ballots=None,
        tally=Tally(collected=collected, invalid=invalid, votes=votes),
    )


def counted(n: int, **kwargs: object) -> tuple[Election, Result]:
    """Return an election of n names and its count."""
    election = election_of(n, **kwargs)  # type: ignore[arg-type]
    return election, count(election)


__all__ = ["Decimal", "counted", "election_of", "vietnamese_names"]
