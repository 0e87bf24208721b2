"""The year is 1 April to 31 March, both days in, nothing either side: records made on 31 March
and 1 April of both ends, and updates dated after 31 March that must not count.

The records go in through the services and the ORM inside `db.session()` (the one door); the
report is read back from the Word file.
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from partnerboard.db.models.meetings import Attendance, Meeting
from partnerboard.db.models.section11 import S11Return
from partnerboard.domain.engagement import EngagementInput
from partnerboard.domain.public_year import PublicYear
from partnerboard.exports.yearly_report_docx import yearly_report_docx
from partnerboard.services import escalations, reviews
from partnerboard.services import partnership as p
from partnerboard.services.actions import ActionInput, UpdateInput, add_update, create_action
from partnerboard.services.actions.lifecycle import close_action
from partnerboard.services.engagement import save_engagement
from partnerboard.services.section11.frameworks import ensure_default_framework
from partnerboard.services.section11.rounds import RoundInput, save_round
from tests.yearly.word_reading import read_word

YEAR = PublicYear(2025)
BEFORE, FIRST, LAST, AFTER = (
    date(2025, 3, 31),
    date(2025, 4, 1),
    date(2026, 3, 31),
    date(2026, 4, 1),
)
EDGES = (BEFORE, FIRST, LAST, AFTER)


def _agency(db, name: str, sector: str) -> int:
    return p.save_agency(db, p.AgencyInput(name, sector, section11_duty=True)).id


@pytest.fixture
def edges(db, tmp_path):
    police = _agency(db, "Northshire Police", "police")
    health = _agency(db, "Northshire Health", "health")
    board = p.save_board(db, p.BoardInput("Partnership Board")).id
    people = [
        p.save_person(db, p.PersonInput(name, agency_id=agency)).id
        for name, agency in (("Ada Police", police), ("Bea Health", health))
    ]
    for person in people:
        p.save_membership(db, p.MembershipInput(board, person))
    with db.session() as session:
        for day in EDGES:  # a meeting on each edge: Ada came, Bea sent apologies
            meeting = Meeting(
                board_id=board, starts_at=datetime.combine(day, time(10)), status="held"
            )
            session.add(meeting)
            session.flush()
            for person, agency, status in (
                (people[0], police, "present"),
                (people[1], health, "apologies"),
            ):
                session.add(Attendance(meeting_id=meeting.id, person_id=person, role="member", agency_id=agency, status=status))  # fmt: skip
    for day in EDGES:  # an action closed on each edge
        action = create_action(
            db, ActionInput(f"Closed on {day:%d/%m/%Y}", raised_on=date(2025, 1, 6), due_on=day)
        )
        close_action(db, action, on=day)
    rated = create_action(
        db, ActionInput("Rated twice", raised_on=date(2025, 1, 6), due_on=date(2027, 1, 1))
    )
    add_update(db, rated, UpdateInput(LAST, "On track at the year end.", "amber"))
    add_update(db, rated, UpdateInput(AFTER, "Slipped in April.", "red"))  # after: not counted
    for day in EDGES:  # an escalation raised on each edge, resolved the same day
        escalations.save_escalation(db, escalations.EscalationInput(
            raised_on=day, raising_agency_id=police, other_agency_id=health,
            category="plan_drift", outcome="Agreed.", resolved_on=day, restricted=False))  # fmt: skip
    for n, day in enumerate(EDGES, start=1):  # a rapid review held on each edge
        reviews.save_review(db, reviews.ReviewInput(
            kind="rapid_review", reference=f"RR-2025-0{n}", aware_on=date.fromordinal(day.toordinal() - 14),
            notified_on=date.fromordinal(day.toordinal() - 12), rapid_review_on=day, restricted=False))  # fmt: skip
    for day in EDGES:
        save_engagement(db, EngagementInput(f"Talked on {day:%d/%m/%Y}", day, "group",
                                             participant_count=10, heard="Heard.", changed="Changed."))  # fmt: skip
    framework = ensure_default_framework(db).id
    the_round = save_round(db, RoundInput("2026", framework, issue_date=date(2026, 1, 12), deadline=date(2026, 3, 13)))  # fmt: skip
    with db.session() as session:  # Police returned on 31 March, Health on 1 April
        for ret in session.query(S11Return).where(S11Return.round_id == the_round.id):
            ret.status, ret.issued_on = "returned", date(2026, 1, 12)
            ret.returned_on = LAST if ret.agency_id == police else AFTER
    path = tmp_path / "draft.docx"
    yearly_report_docx(db, YEAR, path)
    return read_word(path)


def test_actions_count_the_days_inside_the_year_only(edges):
    figures = edges.figures("Key figures: the action log, 2025/26")
    assert figures["Actions closed during 2025/26"] == "2"
    closed = {row["Action"] for row in edges.table("Actions closed during 2025/26")}
    assert closed == {"Closed on 01/04/2025", "Closed on 31/03/2026"}
    # Closed on 1 April 2026: still open on 31 March; with the one rated twice, two open.
    assert figures["Actions open on 31/03/2026"] == "2"
    assert figures["Progress updates recorded during 2025/26"] == "1"
    totals = edges.table("Progress by workstream: RAG on 31/03/2026")[-1]
    assert (totals["Amber"], totals["Red"], totals["Not rated"]) == ("1", "0", "1")


def test_meetings_and_attendance_count_the_days_inside_the_year_only(edges):
    figures = edges.figures("Key figures: attendance at the Partnership Board, 2025/26")
    assert figures["Meetings of the Partnership Board held"] == "2"
    assert figures["Attendance rate (members themselves)"] == "50% (2 of 4)"


def test_reviews_escalations_and_engagement_count_the_days_inside_the_year_only(edges):
    reviews_seen = edges.figures("Key figures: practice reviews, 2025/26")
    assert reviews_seen["Rapid reviews held during 2025/26"] == "2"
    listed = {
        row["Review"]
        for row in edges.table("Practice reviews open or held during 2025/26, as on 31/03/2026")
    }
    # The review held on 31 March 2025 was aware before the year and still open in it.
    assert listed == {"RR-2025-01", "RR-2025-02", "RR-2025-03", "RR-2025-04"}
    assert (
        edges.figures("Key figures: escalations, 2025/26")["Escalations raised during 2025/26"]
        == "2"
    )
    engagement = edges.figures("Key figures: engagement with children and families, 2025/26")
    assert engagement["Activities during 2025/26"] == "2"
    dates = {r["Date"] for r in edges.table("Engagement with children and families during 2025/26")}
    assert dates == {"01/04/2025", "31/03/2026"}


def test_section11_counts_returns_received_by_31_march(edges):
    figures = edges.figures("Key figures: Section 11 round 2026")
    assert figures["Agencies in scope of round 2026"] == "2"
    assert figures["Returns received by 31/03/2026"] == "50% (1 of 2)"
    statuses = {
        r["Agency"]: r["Status on 31/03/2026"]
        for r in edges.table("Returns to round 2026: status on 31/03/2026")
    }
    assert statuses == {"Northshire Health": "Issued", "Northshire Police": "Returned"}


def test_a_year_without_training_or_dataset_lists_the_gaps_first(edges):
    first = edges.texts()[: edges.texts().index("Foreword")]
    joined = " ".join(first)
    assert "no training evaluations recorded for 2025/26" in joined
    assert "no performance dataset held for 2025/26" in joined
