"""A big meeting for the minutes PDF: 44 members of whom 40 attend (4 send apologies), 20 items
with minutes, 3 actions arising under each. Made through the services, seeded."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

from partnerboard.db.schema import open_database
from partnerboard.services import partnership as p
from partnerboard.services.meetings import agenda, attendance, minutes
from partnerboard.services.meetings.agenda import ItemInput
from partnerboard.services.meetings.attendance import AttendanceInput
from partnerboard.services.meetings.meetings import MeetingInput, save_meeting
from partnerboard.services.meetings.minutes import ArisingInput, MinutesInput

WORDS = (  # noqa: SIM905 - a sentence reads better than a list of words
    "the board noted that partners agreed to review the neglect audit findings and the "
    "learning from the rapid review; health colleagues described the pressure on the front "
    "door while police reported a rise in referrals about exploitation; schools asked for "
    "clearer thresholds guidance and the business unit will circulate the revised escalation "
    "policy with a briefing for practitioners before the next meeting"
).split()
MEMBERS, APOLOGIES, ITEMS, ACTIONS_EACH = 44, 4, 20, 3


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraphs(rng: random.Random, count: int) -> str:
    return "\n\n".join(
        " ".join(_sentence(rng, rng.randint(12, 24)) for _ in range(4)) for _ in range(count)
    )


def big_meeting(path: Path, seed: int = 40) -> tuple[Path, int]:
    """Create the database at `path`; returns it and the meeting's id."""
    rng = random.Random(seed)
    db = open_database(str(path))
    p.ensure_partnership(db)
    agencies = [p.save_agency(db, p.AgencyInput(f"Agency {n:02d}", "other")).id for n in range(12)]
    people = [
        p.save_person(db, p.PersonInput(f"Member {n:02d} Surname", "Director", agencies[n % 12])).id
        for n in range(MEMBERS)
    ]
    board = p.save_board(db, p.BoardInput("Safeguarding Children Partnership Executive")).id
    for n, person in enumerate(people):
        role = "chair" if n == 0 else "co_chair" if n == 1 else "member"
        p.save_membership(db, p.MembershipInput(board, person, role))
    held_on = db.clock.today() - timedelta(days=14)
    meeting = save_meeting(
        db, MeetingInput(board, held_on, venue="County Hall, Committee Room 2", status="held")
    ).id
    lines = attendance.get_register(db, meeting).lines
    for n, line in enumerate(lines):
        if n >= len(lines) - APOLOGIES:
            status = AttendanceInput("apologies", apology_reason="Annual leave")
        else:
            status = AttendanceInput("present_online" if n % 5 == 4 else "present")
        attendance.save_attendance(db, line.id, status)
    while len(agenda.list_items(db, meeting)) < ITEMS:
        number = len(agenda.list_items(db, meeting)) + 1
        agenda.save_item(
            db, meeting, ItemInput(f"Item {number}: {_sentence(rng, 6)}", presenter="Member 03")
        )
    for item in agenda.list_items(db, meeting):
        minutes.save_item_minutes(
            db, item.id, MinutesInput(_paragraphs(rng, 3), _sentence(rng, 20))
        )
        for k in range(ACTIONS_EACH):
            minutes.add_action_arising(
                db,
                item.id,
                ArisingInput(
                    _sentence(rng, rng.randint(8, 20)),
                    people[rng.randrange(MEMBERS)],
                    due_on=held_on + timedelta(days=30 * (k + 1)),
                ),
            )
    db.close()
    return path, meeting
