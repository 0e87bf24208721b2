"""A small board to hold meetings of: four agencies, a chair, four members, named deputies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from partnerboard.db.database import Database
from partnerboard.services import partnership as p
from partnerboard.services.meetings.meetings import MeetingInput, save_meeting


@dataclass
class SmallBoard:
    board_id: int
    people: dict[str, int]
    agencies: dict[str, int]


def small_board(
    db: Database, *, quorum: int = 3, deputies_count: bool = False, statutory: bool = True
) -> SmallBoard:
    agencies = {
        key: p.save_agency(db, p.AgencyInput(name, sector, statutory_partner=partner)).id
        for key, name, sector, partner in (
            ("council", "Tamshire County Council", "local_authority", "local_authority"),
            ("police", "Tamshire Police", "police", "police"),
            ("icb", "Tamshire ICB", "health", "health"),
            ("charity", "Harbour Women's Aid", "voluntary", "none"),
        )
    }
    people = {
        key: p.save_person(db, p.PersonInput(name, title, agencies.get(agency))).id
        for key, name, title, agency in (
            ("chair", "Ada Lovelace", "Independent Chair", None),
            ("dcs", "Brian Cole", "Director of Children's Services", "council"),
            ("ad", "Carol Dunn", "Assistant Director", "council"),
            ("supt", "Dev Patel", "Superintendent", "police"),
            ("di", "Erin Shaw", "Detective Inspector", "police"),
            ("nurse", "Faye Ng", "Chief Nurse", "icb"),
            ("ceo", "Gus Ward <b>", "Chief Executive", "charity"),
            ("adviser", "Hal Ibe", "Business Manager", "council"),
        )
    }
    board = p.save_board(
        db,
        p.BoardInput(
            "Tamshire Safeguarding Executive",
            short_name="Exec",
            meeting_frequency="Every two months",
            quorum_minimum=quorum,
            quorum_counts_deputies=deputies_count,
            quorum_needs_statutory_partners=statutory,
        ),
    )
    for person, role, deputy in (
        ("chair", "chair", None),
        ("dcs", "co_chair", "ad"),
        ("supt", "member", "di"),
        ("nurse", "member", None),
        ("ceo", "member", None),
        ("adviser", "adviser", None),
    ):
        p.save_membership(
            db,
            p.MembershipInput(board.id, people[person], role, people[deputy] if deputy else None),
        )
    return SmallBoard(board.id, people, agencies)


def meeting_on(db: Database, board: SmallBoard, day: date, status: str = "planned") -> int:
    return save_meeting(
        db, MeetingInput(board.board_id, day, venue="County Hall", status=status)
    ).id


@dataclass
class FullMeeting:
    board: SmallBoard
    meeting_id: int
    items: dict[str, int]  # title -> id
    action_reference: str
    secret_action_reference: str


SECRET_TITLE = "Rapid review RR-26-01 (child Q)"


def full_meeting(db: Database) -> FullMeeting:
    """A held meeting with minutes: a deputy, apologies, a guest, a restricted item, actions."""
    from partnerboard.services.meetings import agenda, attendance, minutes  # noqa: PLC0415
    from partnerboard.services.meetings.agenda import ItemInput  # noqa: PLC0415
    from partnerboard.services.meetings.attendance import (  # noqa: PLC0415
        AttendanceInput,
        GuestInput,
    )
    from partnerboard.services.meetings.minutes import ArisingInput, MinutesInput  # noqa: PLC0415

    board = small_board(db)
    meeting_id = meeting_on(db, board, date(2026, 11, 10), status="held")
    items = {
        title: agenda.save_item(
            db, meeting_id, ItemInput(title, presenter=presenter, restricted=secret)
        ).id
        for title, presenter, secret in (
            ("Neglect audit findings", "Faye Ng", False),
            (SECRET_TITLE, "Ada Lovelace", True),
            ("Budget <script>alert(1)</script>", "Hal Ibe", False),
        )
    }
    minutes.save_item_minutes(
        db,
        items["Neglect audit findings"],
        MinutesInput(
            "Six of eight cases were graded requires improvement or better.", "Findings agreed."
        ),
    )
    minutes.save_item_minutes(
        db,
        items[SECRET_TITLE],
        MinutesInput("The group considered the review.", "No local review."),
    )
    action = minutes.add_action_arising(
        db,
        items["Neglect audit findings"],
        ArisingInput(
            "Re-audit chronologies in neglect cases",
            board.people["nurse"],
            due_on=date(2027, 3, 31),
        ),
    )
    secret = minutes.add_action_arising(
        db, items[SECRET_TITLE], ArisingInput("Notify the national panel", board.people["dcs"])
    )
    register = attendance.get_register(db, meeting_id)
    by_name = {line.person_name: line for line in register.lines}
    attendance.save_attendance(
        db, by_name["Dev Patel"].id, AttendanceInput("deputy", deputy_person_id=board.people["di"])
    )
    attendance.save_attendance(db, by_name["Faye Ng"].id, AttendanceInput("present_online"))
    attendance.save_attendance(
        db, by_name["Gus Ward <b>"].id, AttendanceInput("apologies", apology_reason="Annual leave")
    )
    attendance.add_guest(
        db, meeting_id, GuestInput("Iris Vale", organisation="Ofsted", role="Inspector")
    )
    return FullMeeting(board, meeting_id, items, action.reference, secret.reference)
