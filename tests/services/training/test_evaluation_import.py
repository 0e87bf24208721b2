"""Evaluations from a forms tool: Microsoft Forms' Excel export written in its layout (Likert
statements as columns, the second copy numbered; anonymous responses), confidence change per
outcome and the follow-up response rate against a hand count; a broken export refused whole."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from partnerboard.db.models.training import TrainingEvaluation, TrainingRating
from partnerboard.domain.training import BookingStatus, EvaluationKind
from partnerboard.errors import UserError
from partnerboard.services import training
from partnerboard.services.training.figures import training_figures
from tests.clock import TODAY
from tests.fixtures_training import FORMS_START, OUTCOMES, submitted, write_forms_xlsx

AGENCY_QUESTION = "Which agency do you work for?"


@pytest.fixture
def attended(training_world):
    """Four practitioners attended the session held two weeks ago."""
    w = training_world
    for name, email, agency in (
        ("Anna Smith", "anna@wrenfield.police.uk", "police"),
        ("Ben Jones", "ben@wch.nhs.uk", "health"),
        ("Cara Khan", "cara@wrenfield.gov.uk", "council"),
        ("Dev Patel", "dev@heronsgate.org", "school"),
    ):
        training.save_booking(
            w.db, w.held.id,
            training.BookingInput(name, email, "Practitioner", w.agencies[agency], "attended"),
        )  # fmt: skip
    return w


def _likert_file(path, rows):
    """Two Likert questions (before, now) with the outcomes as statements: Forms gives each
    statement a column, and numbers the second copy."""
    header = [*FORMS_START, AGENCY_QUESTION, *OUTCOMES, *(f"{o}2" for o in OUTCOMES),
              "What was most useful?"]  # fmt: skip
    return write_forms_xlsx(path, header, rows)


def _row(number, email, name, agency, before, after, comment=None):
    day = submitted(TODAY - timedelta(days=14))
    return [number, day - timedelta(minutes=4), day, email, name, None, agency, *before, *after,
            comment]  # fmt: skip


def _stored(db) -> tuple[int, int]:
    with db.reader() as session:
        return (
            session.scalar(select(func.count()).select_from(TrainingEvaluation)),
            session.scalar(select(func.count()).select_from(TrainingRating)),
        )


def test_confidence_change_per_outcome_matches_a_hand_count(attended, tmp_path, resave):
    w = attended
    rows = [
        _row(1, "anna@wrenfield.police.uk", "Anna Smith", "Police", (2, 3, 1), (4, 4, 3)),
        _row(2, "anonymous", None, "WCH", ("3", "3", "2"), ("4", "5", "2"), "The case studies"),
        _row(3, "ben@wch.nhs.uk", "Ben Jones", None, (1, None, 2), (3, None, 4)),
        _row(4, "anonymous", None, None, ("Slightly confident", 2, "3 - Somewhat"),
             ("Very confident", 2, 4)),
    ]  # fmt: skip
    path = resave(_likert_file(tmp_path / "Neglect toolkit evaluation.xlsx", rows))
    result = training.import_evaluations(w.db, path, session_id=w.held.id)
    assert result.ok and result.added == 4, result.lines()
    assert result.mapping["Outcome 1 before"] == OUTCOMES[0]
    assert result.mapping["Outcome 1 after"] == f"{OUTCOMES[0]}2"
    f = training_figures(w.db)
    by_number = {o.number: o for o in f.outcomes}
    # Hand count (pairs rated both before and after):
    #   1: (2,4) (3,4) (1,3) (2,5)  before 8/4 = 2.0, after 16/4 = 4.0, +2.0, 4 more confident
    #   2: (3,4) (3,5) (2,2)        before 8/3, after 11/3, +1.0, 2 more, 1 the same
    #   3: (1,3) (2,2) (2,4) (3,4)  before 8/4 = 2.0, after 13/4 = 3.25, +1.25, 3 more, 1 same
    one, two, three = by_number[1], by_number[2], by_number[3]
    assert (one.rated, one.mean_before, one.mean_after, one.improved) == (4, 2.0, 4.0, 4)
    assert one.change == pytest.approx(2.0)
    assert (two.rated, two.improved, two.same) == (3, 2, 1)
    assert two.mean_before == pytest.approx(8 / 3) and two.change == pytest.approx(1.0)
    assert (three.rated, three.improved, three.same, three.lower) == (4, 3, 1, 0)
    assert three.change == pytest.approx(1.25)
    assert str(f.evaluations) == "100% (4 of 4)"
    # No name or e-mail is kept: responses are linked to bookings (and so agencies).
    rows = training.list_evaluations(w.db, EvaluationKind.COURSE)
    assert sorted(r.agency or "" for r in rows) == [
        "", "Wrenfield Community Health NHS Trust", "Wrenfield Community Health NHS Trust",
        "Wrenfield Constabulary",
    ]  # fmt: skip
    assert not {c.name for c in TrainingEvaluation.__table__.columns} & {"email", "name"}
    # The same export again (Forms' download grows): nothing counted twice.
    again = training.import_evaluations(w.db, path, session_id=w.held.id)
    assert (again.added, again.unchanged) == (0, 4)


def test_follow_up_response_rate_matches_a_hand_count(attended, tmp_path):
    w = attended
    header = [*FORMS_START, "What have you done differently since the training?"]
    sent = TODAY - timedelta(days=2)
    rows = [
        [1, submitted(sent), submitted(sent), "anna@wrenfield.police.uk", "Anna Smith", None,
         "I keep a chronology for every family."],
        [2, submitted(sent), submitted(sent), "anonymous", None, None, "I referred sooner."],
    ]  # fmt: skip
    path = write_forms_xlsx(tmp_path / "Follow-up.xlsx", header, rows)
    result = training.import_evaluations(w.db, path, session_id=w.held.id, follow_up=True)
    assert result.ok and result.added == 2
    assert any("recorded as sent on" in n for n in result.notes)
    assert training.get_session(w.db, w.held.id).follow_up_sent_on == sent
    # A practitioner who did not attend does not count in the denominator.
    training.save_booking(
        w.db, w.held.id,
        training.BookingInput("Eve Wood", "eve@x.uk", None, None, BookingStatus.DID_NOT_ATTEND.value),
    )  # fmt: skip
    f = training_figures(w.db)
    # Hand count: 2 responses ÷ 4 attended at the one session whose follow-up was sent.
    assert str(f.follow_up) == "50% (2 of 4)"
    responses = training.list_evaluations(w.db, EvaluationKind.FOLLOW_UP)
    tagged = training.tag_theme(w.db, responses[0].id, "  Better   chronologies ")
    assert tagged.theme_tag == "Better chronologies"
    assert training_figures(w.db).themes == (("Better chronologies", 1),)


def test_a_broken_forms_export_is_refused_whole_with_its_rows_named(attended, tmp_path):
    w = attended
    rows = [
        _row(1, "anna@wrenfield.police.uk", "Anna Smith", "Police", (2, 3, 1), (4, 4, 3)),
        _row(2, "anonymous", None, None, (3, 6, 2), (4, 5, 2)),
        _row(3, "anonymous", None, None, (3, 3, "very"), (4, 5, 2)),
        _row(1, "ben@wch.nhs.uk", "Ben Jones", None, (1, 2, 2), (3, 3, 4)),
    ]
    before = _stored(w.db)
    result = training.import_evaluations(
        w.db, _likert_file(tmp_path / "broken.xlsx", rows), session_id=w.held.id
    )
    assert not result.ok and not result.written
    problems = {p.row: p.message for p in result.problems}
    assert set(problems) == {3, 4, 5}
    assert "Outcome 2 before: “6” is not a rating from 1 to 5." in problems[3]
    assert "Outcome 3 before: “very” is not a rating" in problems[4]
    assert "same response ID as row 2" in problems[5]
    assert _stored(w.db) == before


def test_columns_named_before_and_after_and_by_map(attended, tmp_path):
    """Rating questions titled with before/after, and one heading named with --map."""
    w = attended
    header = [*FORMS_START,
              "Before the training, how confident were you to recognise the signs of chronic neglect?",
              "After the training, how confident are you to recognise the signs of chronic neglect?",
              "Toolkit (start)", "Toolkit (now)"]  # fmt: skip
    rows = [[1, None, submitted(TODAY), "anonymous", None, None, 2, 4, 1, 3]]
    path = write_forms_xlsx(tmp_path / "ratings.xlsx", header, rows)
    result = training.import_evaluations(
        w.db, path, session_id=w.held.id, given=["before2=Toolkit (start)", "after2=Toolkit (now)"]
    )
    assert result.ok, result.lines()
    (row,) = training.list_evaluations(w.db, EvaluationKind.COURSE)
    assert row.ratings == ((1, 2, 4), (2, 1, 3))
    with pytest.raises(UserError, match="no column rates the course's learning outcomes"):
        training.import_evaluations(
            w.db, write_forms_xlsx(tmp_path / "none.xlsx", FORMS_START, []), session_id=w.held.id
        )
