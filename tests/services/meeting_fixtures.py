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
