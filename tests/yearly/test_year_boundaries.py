"""The year is 1 April to 31 March, both days in, nothing either side: records made on 31 March
and 1 April of both ends, and updates dated after 31 March that must not count.

The records go in through the services and the ORM inside `db.session()` (the one door); the
report is read back from the Word file.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from partnerboard.db.models.meetings import Attendance, Meeting
from partnerboard.db.models.section11 import S11Return
from partnerboard.db.models.training import TrainingEvaluation, TrainingOutcome, TrainingRating
from partnerboard.domain.engagement import EngagementInput
from partnerboard.domain.public_sector_year import whole_year
from partnerboard.exports.yearly_report_docx import yearly_report_docx
from partnerboard.services import escalations, reviews, training
from partnerboard.services import partnership as p
from partnerboard.services import performance as perf
from partnerboard.services.actions import ActionInput, UpdateInput, add_update, create_action
from partnerboard.services.actions.lifecycle import close_action
from partnerboard.services.engagement import save_engagement
from partnerboard.services.section11.frameworks import ensure_default_framework
from partnerboard.services.section11.rounds import RoundInput, save_round
from tests.clock import TODAY, pin
from tests.yearly.word_reading import read_word

YEAR = whole_year(2025)
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
    _training_on_the_edges(db, police)
    _dataset_on_the_edges(db, police)
    pin(db, TODAY)
    path = tmp_path / "draft.docx"
    yearly_report_docx(db, YEAR, path)
    return read_word(path)


def _training_on_the_edges(db, police: int) -> None:
    """A session on each edge: two attended (different people each time), one did not attend;
    each who attended rated the one outcome, from 2 to 4 inside the year, 1 to 5 outside."""
    course = training.save_course(db, training.CourseInput(
        "EDGE-1", "Edges of the year", "Neglect", "basic", target_trained=10,
        outcomes=["Know where the year ends"]))  # fmt: skip
    for day in EDGES:
        session_id = training.save_session(db, training.SessionInput(
            course.id, day, time(10), time(12), capacity=10, venue="Hall",
            follow_up_sent_on=day + timedelta(days=90)),
        ).id  # fmt: skip
        for who, status in (("Ann", "attended"), ("Bob", "attended"), ("Cy", "did_not_attend")):
            booking = training.save_booking(db, session_id, training.BookingInput(
                f"{who} {day:%d%m%Y}", f"{who.lower()}{day:%d%m%Y}@police.example",
                agency_id=police, status=status))  # fmt: skip
            if status != "attended":
                continue
            inside = FIRST <= day <= LAST
            with db.session() as session:
                outcome = session.scalar(
                    select(TrainingOutcome.id).where(TrainingOutcome.course_id == course.id)
                )
                evaluation = TrainingEvaluation(
                    session_id=session_id, kind="course", booking_id=booking.id,
                    agency_id=police)  # fmt: skip
                session.add(evaluation)
                session.flush()
                session.add(TrainingRating(
                    evaluation_id=evaluation.id, outcome_id=outcome,
                    confidence_before=2 if inside else 1, confidence_after=4 if inside else 5))  # fmt: skip


def _dataset_on_the_edges(db, police: int) -> None:
    """EDGE1's quarters recorded across the year, Q3's on 31 March and corrected on 1 April,
    Q4's on 1 April; EDGE2 supplied for Q1 only."""
    edge1, edge2 = (
        perf.save_indicator(db, perf.IndicatorInput(
            reference, title, theme="Early help", agency_id=police, target=10, tolerance=1))
        for reference, title in (("EDGE1", "Edge measure"), ("EDGE2", "Edge count"))
    )  # fmt: skip
    for day, indicator, period, value in (
        (date(2025, 5, 10), edge1, "2024/25-Q4", 5),  # the quarter before the year
        (date(2025, 7, 10), edge1, "2025/26-Q1", 8),
        (date(2025, 7, 10), edge2, "2025/26-Q1", 11),
        (date(2025, 10, 10), edge1, "2025/26-Q2", 9),
        (LAST, edge1, "2025/26-Q3", 12),  # the last day counts
        (AFTER, edge1, "2025/26-Q4", 3),  # after the year: not counted
    ):
        pin(db, day)
        perf.record_value(db, indicator.id, perf.ValueInput(period, value, commentary="Noted."))
    pin(db, AFTER)  # corrected after the year: the report shows Q3 as it stood on 31 March
    perf.record_value(db, edge1.id, perf.ValueInput(
        "2025/26-Q3", 6, commentary="Recounted.", correction_reason="Double counting."))  # fmt: skip


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


def test_training_counts_the_sessions_inside_the_year_only(edges):
    figures = edges.figures("Key figures: multi-agency training, 2025/26")
    assert figures["Sessions held"] == "2 (0 cancelled)"
    assert figures["Places filled"] == "30% (6 of 20)"
    assert figures["Places attended"] == "4"
    assert figures["Did-not-attend rate"] == "33% (2 of 6)"
    assert figures["Course evaluations returned"] == "100% (4 of 4)"
    (outcome,) = edges.table("Confidence before and after the course, by learning outcome, 2025/26")
    assert (outcome["Rated"], outcome["Before (1 to 5)"], outcome["After (1 to 5)"]) == (
        "4", "2.0", "4.0"
    )  # fmt: skip
    # Trained since the course began, up to 31 March: the sessions of 31/03/2025 and 31/03/2026
    # count, that of 1 April 2026 not.
    (progress,) = edges.table(
        "Courses answering the partnership's priorities and actions: trained by 31/03/2026"
    )
    assert progress["Trained"] == "6 of 10 trained (60%)"


def test_the_dataset_stands_as_it_was_on_31_march(edges):
    figures = edges.figures("Key figures: the performance dataset, 2025/26")
    assert figures["Latest quarter reported on 31/03/2026"] == "Q3 2025/26"
    assert figures["Indicators with figures for 2025/26"] == "2"
    rows = {r["Indicator"]: r for r in edges.table("Early help: indicators, 2025/26")}
    edge1 = rows["EDGE1 Edge measure"]
    # Q3 as recorded on 31 March (12, Green, better than Q2), not as corrected on 1 April (6).
    assert (edge1["Q1"], edge1["Q2"], edge1["Q3"]) == ("8", "9", "12")
    assert (edge1["RAG"], edge1["Direction of travel"]) == ("Green", "Improving")
    assert "Q4" not in edges.tables["Early help: indicators, 2025/26"][0]
    edge2 = rows["EDGE2 Edge count"]
    assert (edge2["Q1"], edge2["Q2"], edge2["Q3"]) == ("11", "–", "–")
    (owed,) = edges.table("Figures not received by 31/03/2026")
    assert owed == {
        "Supplying agency": "Northshire Police",
        "Indicators": "EDGE2",
        "Periods": "Q2 2025/26, Q3 2025/26",
    }


def _first_page(word) -> str:
    return " ".join(word.texts()[: word.texts().index("Foreword")])


def test_a_year_without_training_or_dataset_lists_the_gaps_first(edges, db, tmp_path):
    assert "no training" not in _first_page(edges)
    assert "no performance dataset" not in _first_page(edges)
    path = tmp_path / "2023.docx"  # the same registers, two years before: nothing
    yearly_report_docx(db, whole_year(2023), path)
    joined = _first_page(read_word(path))
    assert "no training places recorded for 2023/24" in joined
    assert "no training evaluations recorded for 2023/24" in joined
    assert "no performance dataset held for 2023/24" in joined


def test_a_year_with_places_but_no_evaluations_lists_that_gap_first(db, tmp_path):
    course = training.save_course(
        db, training.CourseInput("GAP-1", "No forms back", "Neglect", "basic", outcomes=["o"])
    )
    session_id = training.save_session(
        db, training.SessionInput(course.id, FIRST, time(10), time(12), capacity=8, venue="Hall")
    ).id
    training.save_booking(db, session_id, training.BookingInput("Ann", status="attended"))
    path = tmp_path / "draft.docx"
    yearly_report_docx(db, YEAR, path)
    word = read_word(path)
    joined = _first_page(word)
    assert "no training evaluations recorded for 2025/26" in joined
    assert "no training places recorded" not in joined
    figures = word.figures("Key figures: multi-agency training, 2025/26")
    assert figures["Places filled"] == "13% (1 of 8)"
    assert figures["Course evaluations returned"] == "0% (0 of 1)"
