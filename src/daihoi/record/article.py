"""The draft of a congress's news report, written from its record in the style of the seeds.

Seed 000 reads: "Chiều 19/9/2017, Công đoàn Bộ phận Văn phòng Sở tổ chức Đại hội lần thứ I, nhiệm
kỳ 2017 - 2022. Dự Đại hội có các đồng chí: Vừ A Tiến - UVBCH Đảng bộ Sở ...; cùng toàn thể đoàn
viên ... đề ra các chỉ tiêu Nghị quyết, đó là: ... Đại hội đã bầu Ban Chấp hành ... gồm 05 đồng
chí ... 09 đại biểu ... và 01 đại biểu dự khuyết." Each sentence here is one of those templates
filled with the record's facts (``record.facts``): when, where, who came (guests in protocol
order: rank, then as entered; attendance from the check-in), what the hall adopted with its
figures, the targets word for word, who was elected with their votes, and who of them is
re-elected (held the same office in the term before, in the officer register: the committee, the
chair, the Party cell's secretary, the Ủy ban Kiểm tra; "tái đắc cử"). A fact the record
does not hold gives no sentence; nothing is invented. No ballot is quoted: only the totals read
out in the hall.
"""

from __future__ import annotations

from daihoi.congresses import results
from daihoi.congresses.models import HallVote, HallVoteSubject, Speech, SpeechKind
from daihoi.record.facts import CongressRecord, elected_vi, sources_vi
from daihoi.rules.numbers import number_vi, percent_vi

OPENING = "{when}{venue}, {unit} tổ chức {event}."
VENUE = ", tại {venue}"
PARTS_OF_DAY = ((12, "Sáng"), (18, "Chiều"), (24, "Tối"))
DAY = "Ngày"
ATTENDED_GUESTS = "{event} có các đồng chí: {guests}; cùng {attendance}."
ATTENDED = "Dự {event} có {attendance}."
ATTENDANCE = "{present}/{summoned} {who} được triệu tập ({percent})"
GUEST = "{name} - {position}"
ADOPTED = "{event} đã biểu quyết thông qua: {items}."
ADOPTED_ITEM = "{title} (tán thành {yes}/{present} {who} có mặt)"
TARGETS_ADOPTED = (
    "{event} đã biểu quyết thông qua Nghị quyết (tán thành {yes}/{present} {who} có mặt), đề ra "
    "các chỉ tiêu nhiệm kỳ {term}, đó là: {targets}."
)
TARGETS_DRAFT = (
    "Dự thảo Nghị quyết trình {event} đề ra các chỉ tiêu nhiệm kỳ {term}, đó là: {targets}."
)
REVIEWED = "Báo cáo tổng kết nhiệm kỳ {term} trình {event}: {items}."
"""The term before, as the congress heard it reviewed (seed 001's charity fund): the targets
recorded on the congress for an earlier term, word for word."""
RESOLUTION_ADOPTED = (
    "{event} đã biểu quyết thông qua Nghị quyết (tán thành {yes}/{present} {who} có mặt)."
)
GUIDANCE = "Phát biểu chỉ đạo {event}, đồng chí {speaker}{topic}."
CONTRIBUTIONS = "Tại {event}, {count} tham luận đã được trình bày: {items}."
CONTRIBUTION = "đồng chí {speaker}{topic}"
REMARKS = "Phát biểu tại {event}: {items}."
TOPIC = " ({topic})"
BCH = "{event} đã bầu Ban Chấp hành {unit} nhiệm kỳ {term} gồm {count} đồng chí: {names}."
CHAIR = "Đồng chí {person} được bầu giữ chức vụ Chủ tịch {unit} nhiệm kỳ {term}."
CHAIR_AGAIN = "Đồng chí {person} tái đắc cử chức Chủ tịch {unit} nhiệm kỳ {term}."
REELECTED = "Trong đó, {count} đồng chí tái đắc cử: {names}."
"""Said of the new committee's (or Ủy ban Kiểm tra's) members who sat on the outgoing one (the
officer register's offices of the term before: ``record.facts``), matched by member record where
both have one, by name otherwise; said only when the register holds it."""
SECRETARY = "Đồng chí {person} được bầu giữ chức vụ Bí thư {unit} nhiệm kỳ {term}."
SECRETARY_AGAIN = "Đồng chí {person} tái đắc cử chức Bí thư {unit} nhiệm kỳ {term}."
UBKT = "{event} đã bầu Ủy ban Kiểm tra {unit} nhiệm kỳ {term} gồm {count} đồng chí: {names}."
DELEGATES = "{event} cũng đã bầu {count} đại biểu chính thức{alternates} ({title}): {names}."
DELEGATE_ALTERNATES = " và {count} đại biểu dự khuyết"
ALTERNATE_NAMES = "; đại biểu dự khuyết: {names}"
OTHER = "{title}: {count} đồng chí trúng cử: {names}."
PENDING = " (chưa có kết quả cuối cùng)"
"""Printed after an election whose result is still provisional; an article quoting it is not
published (``services.publish_article``)."""


def day_vi(record: CongressRecord) -> str:
    """Return "Chiều 19/9/2017" (from the first check-in's time) or "Ngày 19/9/2017"."""
    day = record.congress.starts_on
    short = f"{day.day}/{day.month}/{day.year}"
    arrival = record.first_arrival
    if arrival is None or arrival.date() != day:
        return f"{DAY} {short}"
    part = next(word for hour, word in PARTS_OF_DAY if arrival.hour < hour)
    return f"{part} {short}"


def count_vi(n: int) -> str:
    """Return a count of people as the seeds write it: "05 đồng chí", "12 đại biểu"."""
    return f"{n:02d}" if n < 10 else number_vi(n)


def _names(people: tuple[results.Elected, ...]) -> str:
    return ", ".join(elected_vi(p) for p in people)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _event(record: CongressRecord) -> str:
    """Return "Đại hội lần thứ I, nhiệm kỳ 2017 - 2022" as the seeds name the congress."""
    congress = record.congress
    if congress.is_conference:
        return f"{congress.title}, {congress.term_line}"
    word = "Đại hội đại biểu" if congress.is_delegate_form else "Đại hội"
    if congress.number:
        return f"{word} {congress.number}, nhiệm kỳ {congress.term}"
    return f"{word} nhiệm kỳ {congress.term}"


def _votes(record: CongressRecord, vote: HallVote) -> dict[str, str]:
    return {
        "yes": number_vi(vote.votes_yes),
        "present": number_vi(vote.votes_present),
        "who": record.who,
    }


def _attendance(record: CongressRecord) -> str:
    if not record.summoned or record.first_arrival is None:
        return ""
    return ATTENDANCE.format(
        present=number_vi(record.present),
        summoned=number_vi(record.summoned),
        who=record.who,
        percent=percent_vi(record.present, record.summoned),
    )


def _election(record: CongressRecord, outcome: results.Outcome) -> str:
    congress = record.congress
    event = congress.event_word
    unit = congress.unit.name
    pending = "" if outcome.complete else PENDING
    count = count_vi(len(outcome.elected))
    outgoing = record.outgoing
    if outcome.kind in (results.CHAIR, results.PARTY_SECRETARY) and len(outcome.elected) == 1:
        person = outcome.elected[0]
        if outcome.kind == results.CHAIR:
            again = outgoing is not None and outgoing.chaired(person.name, person.member_id)
            template = CHAIR_AGAIN if again else CHAIR
        else:
            again = outgoing is not None and outgoing.led_cell(person.name, person.member_id)
            template = SECRETARY_AGAIN if again else SECRETARY
        sentence = template.format(person=elected_vi(person), unit=unit, term=congress.term)
        return sentence[:-1] + pending + "."
    if not outcome.elected:
        return f"{outcome.title}: chưa có người trúng cử{pending}."
    names = _names(outcome.elected) + pending
    if outcome.kind in (results.BCH, results.UBKT):
        template = BCH if outcome.kind == results.BCH else UBKT
        sentence = template.format(
            event=event, unit=unit, term=congress.term, count=count, names=names
        )
        again: list[str] = []
        if outgoing is not None:
            held = outgoing.sat_on if outcome.kind == results.BCH else outgoing.inspected
            again = [p.name for p in outcome.elected if held(p.name, p.member_id)]
        if again:
            sentence += " " + REELECTED.format(count=count_vi(len(again)), names=", ".join(again))
        return sentence
    if outcome.kind == results.DELEGATES:
        alternates = (
            DELEGATE_ALTERNATES.format(count=count_vi(len(outcome.alternates)))
            if outcome.alternates
            else ""
        )
        if outcome.alternates:
            names += ALTERNATE_NAMES.format(names=_names(outcome.alternates))
        return DELEGATES.format(
            event=event,
            count=count,
            alternates=alternates,
            title=_lower_first(outcome.title),
            names=names,
        )
    return OTHER.format(title=outcome.title, count=count, names=names)


def _speech(speech: Speech) -> str:
    topic = TOPIC.format(topic=speech.topic) if speech.topic else ""
    return CONTRIBUTION.format(speaker=speech.speaker_line, topic=topic)


def _speeches(record: CongressRecord) -> list[str]:
    """Return the sentences on the speeches given: the guidance first, as the seeds tell it."""
    event = record.congress.event_word
    out = []
    for speech in record.speeches:
        if speech.kind == SpeechKind.GUIDANCE:
            topic = TOPIC.format(topic=speech.topic) if speech.topic else ""
            out.append(GUIDANCE.format(event=event, speaker=speech.speaker_line, topic=topic))
    contributions = [s for s in record.speeches if s.kind == SpeechKind.CONTRIBUTION]
    if contributions:
        items = "; ".join(_speech(s) for s in contributions)
        count = count_vi(len(contributions))
        out.append(CONTRIBUTIONS.format(event=event, count=count, items=items))
    remarks = [s for s in record.speeches if s.kind == SpeechKind.REMARKS]
    if remarks:
        out.append(REMARKS.format(event=event, items="; ".join(_speech(s) for s in remarks)))
    return out


def draft_title(record: CongressRecord) -> str:
    return record.congress.title


def draft_paragraphs(record: CongressRecord) -> list[str]:
    """Return the article's paragraphs, each a template filled with the record's facts."""
    congress = record.congress
    event = congress.event_word
    venue = VENUE.format(venue=congress.venue) if congress.venue else ""
    out = [
        OPENING.format(
            when=day_vi(record), venue=venue, unit=congress.unit.name, event=_event(record)
        )
    ]
    attendance = _attendance(record)
    if record.guests:
        guests = "; ".join(
            GUEST.format(name=g.full_name, position=g.position) if g.position else g.full_name
            for g in record.guests
        )
        tail = attendance or f"các {record.who} của {event}"
        out.append(ATTENDED_GUESTS.format(event=f"Dự {event}", guests=guests, attendance=tail))
    elif attendance:
        out.append(ATTENDED.format(event=event, attendance=attendance))
    adopted = [v for v in record.votes if v.adopted and v.subject != HallVoteSubject.RESOLUTION]
    if adopted:
        items = "; ".join(
            ADOPTED_ITEM.format(title=_lower_first(v.title), **_votes(record, v)) for v in adopted
        )
        out.append(ADOPTED.format(event=event, items=items))
    vote = record.resolution_vote
    # A review of the term before (seed 001's charity fund) is what the congress heard, no
    # target it adopts: said first, as seed 001 tells it, then the new term's targets.
    before: dict[tuple[int, int], list[str]] = {}
    for t in record.targets:
        if t.first_year < congress.term_start:
            before.setdefault((t.first_year, t.last_year), []).append(t.text.strip(" ;.…"))
    for (first, last), texts in sorted(before.items()):
        out.append(REVIEWED.format(term=f"{first} - {last}", event=event, items="; ".join(texts)))
    of_term = [t for t in record.targets if t.first_year >= congress.term_start]
    targets = "; ".join(t.text.strip().rstrip(" ;.…") for t in of_term)
    if of_term and record.resolution_adopted and vote is not None:
        out.append(
            TARGETS_ADOPTED.format(
                event=event, term=congress.term, targets=targets, **_votes(record, vote)
            )
        )
    elif of_term:
        out.append(TARGETS_DRAFT.format(event=event, term=congress.term, targets=targets))
    elif record.resolution_adopted and vote is not None:
        out.append(RESOLUTION_ADOPTED.format(event=event, **_votes(record, vote)))
    # Seed 000's order: the targets adopted, then the guidance, then who was elected.
    speeches = _speeches(record)
    if speeches:
        out.append(" ".join(speeches))
    elections = [_election(record, outcome) for outcome in record.outcomes]
    if elections:
        out.append(" ".join(elections + sources_vi(record.outcomes)))
    return out


def draft_body(record: CongressRecord) -> str:
    return "\n\n".join(draft_paragraphs(record))


def provisional(record: CongressRecord) -> list[str]:
    """Return the titles of the elections whose result is not final yet."""
    return [o.title for o in record.outcomes if not o.complete]
