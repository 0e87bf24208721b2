"""Recommendations land in the action log with the review as source; closing needs them done."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from partnerboard.db.models.actions import Action
from partnerboard.domain.access import Role
from partnerboard.domain.actions import ActionSource, Rag
from partnerboard.domain.reviews import DeadlineState, ReviewStatus
from partnerboard.errors import ValidationFailed
from partnerboard.services import actions, review_actions
from partnerboard.services.demo import build_demo
from partnerboard.services.demo.reviews import due_this_week
from partnerboard.services.review_actions import RecommendationInput
from partnerboard.services.review_deadlines import upcoming_deadlines
from partnerboard.services.reviews import list_reviews
from tests.clock import pin
from tests.services.review_helpers import add_agencies, add_review, as_role


def rate(db, action_id: int, rag: str, on: date = date(2026, 5, 30)) -> None:
    actions.add_update(
        db, action_id, actions.UpdateInput(update_on=on, narrative="Progress.", rag=rag)
    )


def test_a_recommendation_becomes_an_action_log_action_and_its_rag_shows_on_the_review(db):
    (police,) = add_agencies(db, "Wrenfield Constabulary")
    review = add_review(db, reference="LCSPR Child M", kind="lcspr")
    first = review_actions.add_recommendation(
        db,
        review.id,
        RecommendationInput("Audit domestic abuse notifications", police, due_on=date(2026, 12, 1)),
    )
    second = review_actions.add_recommendation(
        db, review.id, RecommendationInput("Refresh training")
    )
    with db.reader() as session:
        made = [
            (a.id, a.source_kind, a.source_review_id, a.lead_agency_id, a.source_note)
            for a in session.scalars(select(Action).order_by(Action.id))
        ]
    note = "Recommendation of practice review LCSPR Child M"
    assert made == [
        (first, ActionSource.REVIEW_RECOMMENDATION.value, review.id, police, note),
        (second, ActionSource.REVIEW_RECOMMENDATION.value, review.id, None, note),
    ]
    rate(db, first, "amber", date(2026, 5, 1))
    rate(db, first, "red", date(2026, 5, 30))
    rows = review_actions.list_recommendations(db, review.id)
    assert [(r.action_id, r.lead_agency, r.rag) for r in rows] == [
        (first, "Wrenfield", Rag.RED),
        (second, None, None),
    ]
    with pytest.raises(ValidationFailed):
        review_actions.add_recommendation(db, review.id, RecommendationInput("   "))


def test_a_review_closes_only_when_its_actions_are_complete_or_the_board_accepts_the_rest(db):
    review = add_review(db, reference="LCSPR Child M", kind="lcspr")
    done = review_actions.add_recommendation(db, review.id, RecommendationInput("Guidance"))
    left = review_actions.add_recommendation(db, review.id, RecommendationInput("Training"))
    rate(db, done, "green")
    rate(db, left, "amber")
    assert [r.action_id for r in review_actions.outstanding_actions(db, review.id)] == [left]
    with pytest.raises(ValidationFailed) as refused:
        review_actions.close_review(db, review.id, closed_on=date(2026, 6, 3))
    message = refused.value.for_field("closure_reason")[0]
    assert message.startswith("1 action is not complete (A2)")
    assert list_reviews(db)[0].status == ReviewStatus.OPEN

    closed = review_actions.close_review(
        db,
        review.id,
        closed_on=date(2026, 6, 3),
        reason="Training moves into the L&D sub-group's business plan.",
        by="Executive Board, 03/06/2026",
    )
    assert closed.status == ReviewStatus.CLOSED and closed.closed_on == date(2026, 6, 3)
    assert closed.closure_reason == "Training moves into the L&D sub-group's business plan."
    assert closed.closed_by == "Executive Board, 03/06/2026"
    with pytest.raises(ValidationFailed):
        review_actions.add_recommendation(db, review.id, RecommendationInput("One more"))


def test_a_review_whose_actions_are_all_green_closes_without_a_reason(db):
    review = add_review(db, reference="SCR Child F", kind="scr", aware_on=date(2017, 3, 14))
    action = review_actions.add_recommendation(db, review.id, RecommendationInput("Screening tool"))
    rate(db, action, "green")
    closed = review_actions.close_review(db, review.id, closed_on=date(2019, 9, 1))
    assert closed.closed and closed.closure_reason is None
    assert closed.closed_by  # the person closing it, when no body is named


def test_restricted_recommendations_are_hidden_from_members(db):
    review = add_review(db, reference="LCSPR Child M", kind="lcspr", restricted=False)
    review_actions.add_recommendation(db, review.id, RecommendationInput("Open to all"))
    review_actions.add_recommendation(
        db, review.id, RecommendationInput("Named-practitioner follow-up", restricted=True)
    )
    member = as_role(db, Role.MEMBER)
    assert [r.text for r in review_actions.list_recommendations(member, review.id)] == [
        "Open to all"
    ]
    assert len(review_actions.list_recommendations(db, review.id)) == 2


@pytest.mark.parametrize(
    "today",
    [
        date(2026, 11, 23),
        date(2026, 11, 27),
        date(2026, 12, 24),
        date(2027, 3, 31),
        date(2026, 11, 28),
    ],
)
def test_the_demo_has_a_rapid_review_due_this_week_a_local_review_and_an_old_scr(db, today):
    pin(db, today)
    build_demo(db)
    by_kind = {r.kind.value: r for r in list_reviews(db)}
    assert set(by_kind) == {"rapid_review", "lcspr", "scr"}
    board = upcoming_deadlines(db, today, within_days=14)
    rapid = [u for u in board if u.deadline.key == "rapid_review"]
    assert len(rapid) == 1 and rapid[0].deadline.state == DeadlineState.DUE
    assert rapid[0].due == due_this_week(today)
    if today.weekday() < 5:  # on a weekday it falls in the same Monday-to-Friday week
        assert rapid[0].due - timedelta(days=rapid[0].due.weekday()) == today - timedelta(
            days=today.weekday()
        )
    rags = {r.rag for r in review_actions.list_recommendations(db, by_kind["lcspr"].id)}
    assert rags == {Rag.GREEN, Rag.AMBER, Rag.RED, None}
    assert by_kind["scr"].closed and by_kind["scr"].closure_reason is None
    assert by_kind["rapid_review"].restricted and by_kind["rapid_review"].confidential_notes


def test_reopening_a_closed_review_clears_its_closure(db):
    from partnerboard.services.reviews import save_review
    from tests.services.review_helpers import TODAY, review_input

    review = add_review(db, reference="RR-2026-07")
    closed = review_actions.close_review(db, review.id, closed_on=TODAY, by="Chair")
    reopened = save_review(
        db, review_input(status="open"), review.id, closed.row_version, today=TODAY
    )
    assert reopened.status == ReviewStatus.OPEN
    assert (reopened.closed_on, reopened.closed_by, reopened.closure_reason) == (None, None, None)
    assert review_actions.add_recommendation(db, review.id, RecommendationInput("New learning"))
