"""The practice review register: rules on save, restricted by default, deadlines on the board."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from partnerboard.db.models.reviews import PracticeReview
from partnerboard.domain.access import Role
from partnerboard.domain.reviews import DeadlineState, ReviewKind, ReviewStatus
from partnerboard.errors import NotFound, StaleRecord, ValidationFailed
from partnerboard.services import reviews
from partnerboard.services.review_deadlines import review_deadlines_for, upcoming_deadlines
from tests.services.review_helpers import TODAY, add_agencies, add_review, as_role, review_input


def stored_references(db) -> list[str]:
    with db.reader() as session:
        return list(session.scalars(select(PracticeReview.reference)))


def test_a_review_is_saved_with_its_agencies_and_is_restricted_by_default(db):
    police, school = add_agencies(db, "Wrenfield Constabulary", "Heronsgate Academy Trust")
    row = add_review(db, agency_ids=[police, school])
    assert row.kind == ReviewKind.RAPID_REVIEW and row.status == ReviewStatus.OPEN
    assert row.restricted is True
    assert row.agency_names == ("Heronsgate Academy Trust", "Wrenfield Constabulary")
    changed = reviews.save_review(
        db, review_input(agency_ids=[police], reviewer="Dr A"), row.id, row.row_version, today=TODAY
    )
    assert changed.agency_names == ("Wrenfield Constabulary",) and changed.reviewer == "Dr A"
    assert reviews.list_reviews(db) == [changed]


@pytest.mark.parametrize("reference", ["Jane Smith", "Child H 12/03/2015", "Baby Maya"])
def test_a_name_or_a_date_of_birth_as_reference_is_refused_and_nothing_is_written(db, reference):
    with pytest.raises(ValidationFailed) as refused:
        add_review(db, reference=reference)
    assert refused.value.for_field("reference")
    assert stored_references(db) == []


def test_references_are_unique_whatever_the_case(db):
    add_review(db, reference="RR-2026-07")
    with pytest.raises(ValidationFailed) as refused:
        add_review(db, reference="rr-2026-07")
    assert "already has the reference" in refused.value.for_field("reference")[0]


def test_dates_and_the_decision_are_checked(db):
    with pytest.raises(ValidationFailed) as refused:
        add_review(
            db,
            aware_on=date(2026, 5, 22),
            notified_on=date(2026, 5, 20),
            decision="lcspr",
        )
    fields = {e.field for e in refused.value.errors}
    assert fields == {"notified_on", "decision_on", "decision_by"}
    with pytest.raises(ValidationFailed) as future:
        add_review(db, aware_on=date(2026, 6, 4))
    assert future.value.for_field("aware_on") == [
        "The date of becoming aware cannot be in the future."
    ]
    with pytest.raises(ValidationFailed) as who:
        add_review(db, decision_by="The chair")
    assert who.value.for_field("decision") == ["Choose the decision that was made."]


def test_closing_is_not_done_by_saving_and_a_stale_form_is_refused(db):
    row = add_review(db)
    with pytest.raises(ValidationFailed) as refused:
        reviews.save_review(db, review_input(status="closed"), row.id, row.row_version, today=TODAY)
    assert "Close review" in refused.value.for_field("status")[0]
    reviews.save_review(db, review_input(reviewer="First"), row.id, row.row_version, today=TODAY)
    with pytest.raises(StaleRecord):
        reviews.save_review(
            db, review_input(reviewer="Second"), row.id, row.row_version, today=TODAY
        )


def test_members_and_read_only_users_never_see_a_restricted_review(db):
    hidden = add_review(db, reference="RR-2026-07")
    shown = add_review(db, reference="LCSPR Child M", kind="lcspr", restricted=False)
    for role in (Role.CHAIR, Role.BUSINESS_SUPPORT):
        assert {r.reference for r in reviews.list_reviews(as_role(db, role))} == {
            "RR-2026-07",
            "LCSPR Child M",
        }
    for role in (Role.MEMBER, Role.READ_ONLY):
        member = as_role(db, role)
        assert [r.reference for r in reviews.list_reviews(member)] == ["LCSPR Child M"]
        assert reviews.get_review(member, shown.id).reference == "LCSPR Child M"
        with pytest.raises(NotFound):
            reviews.get_review(member, hidden.id)
        with pytest.raises(NotFound):
            reviews.find_review(member, "RR-2026-07")
        with pytest.raises(NotFound):
            review_deadlines_for(member, hidden.id, TODAY)
        assert {u.reference for u in upcoming_deadlines(member, TODAY, 30)} == {"LCSPR Child M"}
        with pytest.raises(NotFound):
            reviews.save_review(member, review_input(), hidden.id, today=TODAY)


def test_the_deadline_board_shows_overdue_and_due_soon_with_the_sum(db):
    # aware Fri 22/05/2026: notify due Mon 01/06 (overdue on Wed 03/06), rapid review Mon 15/06.
    add_review(db, reference="RR-2026-07")
    add_review(db, reference="RR-2026-08", aware_on=date(2026, 5, 29), notified_on=date(2026, 6, 1))
    add_review(db, reference="SCR Child F", kind="scr", aware_on=date(2017, 3, 14))
    board = upcoming_deadlines(db, TODAY, within_days=14)
    assert [(u.reference, u.deadline.key, u.due, u.deadline.state) for u in board] == [
        ("RR-2026-07", "notify", date(2026, 6, 1), DeadlineState.OVERDUE),
        ("RR-2026-07", "rapid_review", date(2026, 6, 15), DeadlineState.DUE),
    ]
    assert board[0].overdue and board[0].status_text == "overdue by 2 working days"
    assert board[0].deadline.explanation == (
        "aware Fri 22/05/2026 + 5 working days, skipping Mon 25/05/2026 (Spring bank holiday) "
        "= Mon 01/06/2026"
    )
    later = upcoming_deadlines(db, TODAY, within_days=30)
    assert ("RR-2026-08", "rapid_review") in [(u.reference, u.deadline.key) for u in later]
    assert ("RR-2026-08", "notify") not in [(u.reference, u.deadline.key) for u in later]
