"""The rules of the training register: courses, sessions and places; who may see practitioners'
names (business support and the chairs) and who may write (business support); every change in
the audit trail; figures from plain facts against a hand count."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from partnerboard.domain.access import Role
from partnerboard.domain.public_sector_year import whole_year
from partnerboard.domain.training import BookingStatus, EvaluationKind
from partnerboard.errors import NotFound, NotPermitted, ValidationFailed
from partnerboard.services import training
from partnerboard.services.audit import record_history
from partnerboard.services.training.figures import (
    BookingFact,
    RatingFact,
    ResponseFact,
    SessionFact,
    figures_from,
    training_figures,
)
from tests.clock import TODAY
from tests.trust.helpers import as_role, trail


def _book(w, session, name, email, agency, status="booked"):
    return training.save_booking(
        w.db, session.id, training.BookingInput(name, email, "Nurse", agency, status)
    )


def test_a_course_reference_is_unique_and_a_rated_outcome_stays(training_world):
    w = training_world
    with pytest.raises(ValidationFailed) as failed:
        training.save_course(w.db, training.CourseInput("neg-1", "Again", "Neglect", "basic"))
    assert failed.value.for_field("reference") == ["Another course is NEG-1."]
    with pytest.raises(ValidationFailed) as failed:
        training.save_course(
            w.db, training.CourseInput("X-1", "", "", None, outcomes=["o"] * 9)
        )  # fmt: skip
    assert {e.field for e in failed.value.errors} == {"title", "theme", "level", "outcomes"}
    # Outcomes can be reworded; once rated, not removed.
    booking = _book(w, w.held, "Anna", "anna@x.uk", None, "attended")
    from sqlalchemy import select

    from partnerboard.db.models.training import TrainingEvaluation, TrainingOutcome, TrainingRating

    with w.db.session() as session:
        evaluation = TrainingEvaluation(session_id=w.held.id, kind="course", booking_id=booking.id)
        session.add(evaluation)
        session.flush()
        third = session.scalar(select(TrainingOutcome.id).where(TrainingOutcome.number == 3))
        session.add(TrainingRating(evaluation_id=evaluation.id, outcome_id=third,
                                   confidence_before=2, confidence_after=4))  # fmt: skip
    course = training.get_course(w.db, w.course.id)
    data = training.CourseInput(course.reference, course.title, course.theme, "intermediate",
                                outcomes=["Spot neglect", "Use the toolkit"])  # fmt: skip
    with pytest.raises(ValidationFailed, match="rated outcome 3: it can be reworded"):
        training.save_course(w.db, data, course.id, course.row_version)
    data.outcomes.append("Refer well")
    saved = training.save_course(w.db, data, course.id, course.row_version)
    assert saved.outcomes == ("Spot neglect", "Use the toolkit", "Refer well")


def test_places_are_refused_beyond_capacity_and_attendance_before_the_day(training_world):
    w = training_world
    small = training.save_session(
        w.db, training.SessionInput(w.course.id, TODAY + timedelta(days=3), capacity=2,
                                    mode="online", venue=None),
    )  # fmt: skip
    _book(w, small, "Anna", "anna@x.uk", None)
    _book(w, small, "Ben", "ben@x.uk", None)
    with pytest.raises(ValidationFailed) as failed:
        _book(w, small, "Cara", "cara@x.uk", None)
    assert failed.value.for_field("status") == [
        "The session is full (2 of 2 places held): choose Waiting list, or offer more places."
    ]
    waiting = _book(w, small, "Cara", "cara@x.uk", None, "waiting")
    assert waiting.status is BookingStatus.WAITING
    with pytest.raises(ValidationFailed, match="attendance can be recorded from that day"):
        training.set_status(w.db, waiting.id, BookingStatus.ATTENDED)
    with pytest.raises(ValidationFailed) as failed:
        _book(w, small, "Anna Again", "ANNA@x.uk", None, "waiting")
    assert "already booked on this session" in failed.value.for_field("email")[0]
    with pytest.raises(ValidationFailed) as failed:
        training.save_session(w.db, training.SessionInput(w.course.id, None, mode="venue"))
    assert {e.field for e in failed.value.errors} == {"starts_on", "venue", "capacity"}


def test_practitioners_names_are_for_business_support_and_the_chairs(training_world, db_path):
    w = training_world
    _book(
        w, w.held, "Anna Secretname", "anna@wrenfield.police.uk", w.agencies["police"], "attended"
    )
    _book(w, w.held, "Ben Hiddenname", "ben@x.uk", w.agencies["health"], "did_not_attend")
    everyone = training_figures(w.db)
    for role, sees in ((Role.CHAIR, True), (Role.MEMBER, False), (Role.READ_ONLY, False)):
        db = as_role(db_path, role)
        try:
            rows = training.list_bookings(db, w.held.id)
            assert len(rows) == 2  # the bookings count for everyone …
            names = {r.name for r in rows}
            assert (names == {"Anna Secretname", "Ben Hiddenname"}) is sees, role
            if not sees:
                assert names == {None} and {r.email for r in rows} == {None}
                assert {r.agency for r in rows} == {
                    "Wrenfield Constabulary",
                    "Wrenfield Community Health NHS Trust",
                }
                with pytest.raises(NotFound):  # … and a practitioner's history shows nothing
                    record_history(db, "training_practitioner", rows[0].practitioner_id)
            assert training_figures(db).whole == everyone.whole  # the same figures
            assert training_figures(db).by_agency == everyone.by_agency
        finally:
            db.close()


def test_only_business_support_writes_and_every_change_is_in_the_trail(training_world, db_path):
    w = training_world
    booking = _book(w, w.held, "Anna Smith", "anna@x.uk", w.agencies["police"])
    training.set_status(w.db, booking.id, BookingStatus.ATTENDED)
    entries = [e for e in trail(db_path) if e["table_name"].startswith("training_")]
    changed = [(e["action"], e["table_name"]) for e in entries]
    assert ("insert", "training_practitioner") in changed and (
        "insert",
        "training_booking",
    ) in changed
    last = entries[-1]
    assert last["table_name"] == "training_booking" and last["action"] == "update"
    assert (last["before"]["status"], last["after"]["status"]) == ("booked", "attended")
    chair = as_role(db_path, Role.CHAIR)
    try:
        with pytest.raises(NotPermitted, match="cannot change a training booking record"):
            training.set_status(chair, booking.id, BookingStatus.DID_NOT_ATTEND)
        with pytest.raises(NotPermitted):
            training.save_cost_per_place(chair, "60")
    finally:
        chair.close()
    assert training.list_bookings(w.db, w.held.id)[0].status is BookingStatus.ATTENDED


def test_figures_from_plain_facts_match_a_hand_count():
    period = whole_year(2026)
    today = date(2026, 11, 23)
    sessions = [
        SessionFact(1, "NEG-1", date(2026, 5, 1), 10, follow_up_sent=True),
        SessionFact(2, "NEG-1", date(2026, 9, 1), 10),
        SessionFact(3, "DA-1", date(2026, 10, 1), 5, cancelled=True),
        SessionFact(4, "DA-1", date(2027, 1, 10), 8),  # still to come
        SessionFact(5, "DA-1", date(2026, 3, 1), 8),  # the year before
    ]
    A, D, L, B, C, W = (BookingStatus.ATTENDED, BookingStatus.DID_NOT_ATTEND,
                        BookingStatus.CANCELLED_LATE, BookingStatus.BOOKED,
                        BookingStatus.CANCELLED, BookingStatus.WAITING)  # fmt: skip
    police, health = 1, 2
    bookings = [
        BookingFact(1, 11, police, A), BookingFact(1, 12, police, A), BookingFact(1, 13, health, D),
        BookingFact(1, 14, health, L), BookingFact(1, 15, None, C), BookingFact(1, 16, None, W),
        BookingFact(2, 11, police, A), BookingFact(2, 17, health, A), BookingFact(2, 18, health, B),
        BookingFact(4, 19, police, B), BookingFact(5, 20, police, A),
    ]  # fmt: skip
    ratings = [
        RatingFact(1, ("NEG-1", 1, "Spot"), 2, 4), RatingFact(1, ("NEG-1", 1, "Spot"), 3, 3),
        RatingFact(2, ("NEG-1", 1, "Spot"), 1, None), RatingFact(5, ("DA-1", 1, "Ask"), 1, 5),
    ]  # fmt: skip
    responses = [ResponseFact(1, EvaluationKind.COURSE), ResponseFact(2, EvaluationKind.COURSE),
                 ResponseFact(1, EvaluationKind.FOLLOW_UP, "Earlier referral")]  # fmt: skip
    agencies = {police: ("Police", "Police"), health: ("Health trust", "Health")}
    f = figures_from(period, today, sessions, bookings, ratings, responses, agencies, {police: 4})
    # Held: sessions 1 and 2 (20 places). Places held: 4 at session 1 (A, A, D, L) + 3 at 2.
    assert (f.sessions_held, f.sessions_to_come, f.sessions_cancelled) == (2, 1, 1)
    assert (f.whole.offered, f.whole.held, f.whole.attended) == (20, 7, 4)
    assert str(f.whole.fill) == "35% (7 of 20)"
    assert str(f.whole.dna_rate) == "17% (1 of 6)"  # on the day: 4 + 1 + 1
    assert f.whole.lost == 2 and (f.whole.cancelled, f.whole.waiting) == (1, 1)
    assert f.practitioners == 3  # 11 came twice
    police_row = next(t for t in f.by_agency if t.name == "Police")
    assert (police_row.attended, police_row.target, str(police_row.against_target)) == (
        3,
        4,
        "75% (3 of 4)",
    )
    assert [t.name for t in f.by_sector] == [
        "Police",
        "Health",
        "Agency not known",
    ]  # most attended first
    (outcome,) = f.outcomes
    assert (outcome.rated, outcome.mean_before, outcome.mean_after, outcome.improved) == (
        2,
        2.5,
        3.5,
        1,
    )
    assert str(f.evaluations) == "50% (2 of 4)"
    assert str(f.follow_up) == "50% (1 of 2)"  # session 1 only: 2 attended, 1 response
    assert f.themes == (("Earlier referral", 1),)
    assert (f.to_come.offered, f.to_come.held) == (8, 1)
