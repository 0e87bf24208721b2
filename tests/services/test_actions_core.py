"""The action log's core that every register uses to raise actions and record progress."""

from __future__ import annotations

from datetime import date

import pytest

from partnerboard.db.models.actions import Workstream
from partnerboard.domain.actions import is_overdue, reference_key
from partnerboard.errors import ValidationFailed
from partnerboard.services import actions


def test_references_sort_naturally():
    references = ["1.10", "1.9", "2.1", "1.2", "A12", "A3"]
    assert sorted(references, key=reference_key) == ["1.2", "1.9", "1.10", "2.1", "A3", "A12"]


def test_new_actions_are_numbered_within_their_workstream(db):
    with db.session() as session:
        session.add(Workstream(number=1, title="Thresholds are understood and applied"))
        session.flush()
        workstream_id = session.query(Workstream.id).scalar()
    references = [
        db_reference
        for db_reference in (
            actions.create_action(
                db, actions.ActionInput(text=f"Action {n}", workstream_id=workstream_id)
            )
            for n in range(10)
        )
    ]
    with db.reader() as session:
        from partnerboard.db.models.actions import Action

        made = [session.get(Action, i).reference for i in references]
    assert made == [f"1.{n}" for n in range(1, 11)]


def test_current_rag_is_the_latest_accepted_update(db):
    action_id = actions.create_action(db, actions.ActionInput(text="Refresh the escalation policy"))
    actions.add_update(db, action_id, actions.UpdateInput(date(2026, 3, 1), "Started", "red"))
    actions.add_update(db, action_id, actions.UpdateInput(date(2026, 6, 1), "Draft out", "amber"))
    actions.add_update(
        db,
        action_id,
        actions.UpdateInput(date(2026, 9, 1), "Partner says done", "green", state="proposed"),
    )
    with db.reader() as session:
        assert actions.current_rags(session) == {action_id: "amber"}


def test_bad_actions_and_updates_are_refused(db):
    with pytest.raises(ValidationFailed) as failed:
        actions.create_action(
            db, actions.ActionInput(text=" ", raised_on=date(2026, 5, 1), due_on=date(2026, 4, 1))
        )
    assert {e.field for e in failed.value.errors} == {"text", "due_on"}
    action_id = actions.create_action(db, actions.ActionInput(text="Audit neglect cases"))
    with pytest.raises(ValidationFailed):
        actions.add_update(db, action_id, actions.UpdateInput(date(2026, 5, 1), "x", "purple"))


def test_overdue_means_past_due_and_still_open():
    today = date(2026, 11, 23)
    assert is_overdue(date(2026, 11, 22), "open", today)
    assert not is_overdue(date(2026, 11, 23), "open", today)
    assert not is_overdue(date(2026, 1, 1), "closed", today)
    assert not is_overdue(None, "open", today)
