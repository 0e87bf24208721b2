"""Editing, moving, closing, superseding and merging actions; deciding partner updates."""

from __future__ import annotations

from datetime import timedelta

import pytest

from partnerboard.db.models.actions import Action, ActionUpdate
from partnerboard.domain.actions import ActionStatus, Rag, UpdateState
from partnerboard.errors import StaleRecord, UserError, ValidationFailed
from partnerboard.services import actions
from tests.clock import TODAY


@pytest.fixture
def plan(db):
    one = actions.save_workstream(db, actions.WorkstreamInput(title="Thresholds", number=1))
    two = actions.save_workstream(db, actions.WorkstreamInput(title="Learning", number=2))
    made = [
        actions.create_action(db, actions.ActionInput(text=f"Action {n}", workstream_id=one.id))
        for n in range(3)
    ]
    made.append(
        actions.create_action(db, actions.ActionInput(text="Learning", workstream_id=two.id))
    )
    return one, two, made


def _row(db, action_id):
    return actions.get_action_row(db, action_id)


def test_moving_keeps_the_old_reference_in_the_history_and_never_reuses_it(db, plan):
    one, two, (a, b, c, d) = plan
    actions.move_action(db, c, two.id)
    moved = actions.get_action(db, c)
    assert moved.row.reference == "2.2" and moved.row.workstream_id == two.id
    assert moved.row.former_references == "1.3"
    event = moved.history[0]
    assert event.kind == "moved" and "(1.3)" in event.text and "as 2.2" in event.text
    # 1.3 once meant that action: the next action of workstream 1 is 1.4, not 1.3 again.
    new = actions.create_action(db, actions.ActionInput(text="New one", workstream_id=one.id))
    assert _row(db, new).reference == "1.4"
    # Searching for the old reference still finds the moved action.
    rows = actions.list_actions(db)
    assert [r.id for r in actions.apply_filter(rows, actions.ActionFilter(text="1.3"), TODAY)] == [
        c
    ]


def test_a_reference_is_unique_within_its_workstream(db, plan):
    one, _two, (a, b, _c, _d) = plan
    with pytest.raises(ValidationFailed) as refused:
        actions.create_action(
            db, actions.ActionInput(text="Dup", workstream_id=one.id, reference="1.2")
        )
    assert refused.value.for_field("reference")
    with pytest.raises(ValidationFailed):
        actions.move_action(db, a, one.id, reference="1.2")
    actions.move_action(db, a, one.id, reference="1.10")
    assert [r.reference for r in actions.list_actions(db)][:3] == ["1.2", "1.3", "1.10"]


def test_edit_records_what_changed_and_refuses_a_stale_form(db, plan):
    _one, _two, (a, *_rest) = plan
    detail = actions.get_action(db, a)
    edit = actions.ActionEdit(
        text="Action 0, reworded",
        workstream_id=detail.row.workstream_id,
        reference=detail.row.reference,
        lead_name="Head of Early Help",
        raised_on=detail.row.raised_on,
        due_on=TODAY + timedelta(days=60),
        due_change_reason="Agreed at the board",
    )
    actions.save_action(db, edit, a, expected_version=detail.row_version)
    after = actions.get_action(db, a)
    assert after.row.text == "Action 0, reworded" and after.row.lead == "Head of Early Help"
    kinds = [h.kind for h in after.history]
    assert "edited" in kinds and "due_changed" in kinds
    due = next(h for h in after.history if h.kind == "due_changed")
    assert "not set" in due.text and "Agreed at the board" in due.text
    with pytest.raises(StaleRecord):
        actions.save_action(db, edit, a, expected_version=detail.row_version)


def test_close_reopen_supersede_and_merge_keep_everything(db, plan):
    _one, _two, (a, b, c, d) = plan
    actions.add_update(db, a, actions.UpdateInput(TODAY, "Done", "green"))
    actions.close_action(db, a, note="Delivered")
    with pytest.raises(UserError):
        actions.close_action(db, a)
    actions.reopen_action(db, a, reason="Audit found gaps")
    actions.supersede_action(db, b, c, note="Replaced by a wider action")
    actions.merge_action(db, d, c)
    with pytest.raises(ValidationFailed):
        actions.merge_action(db, a, b)  # b is no longer open
    rows = {r.id: r for r in actions.list_actions(db)}
    assert rows[a].status is ActionStatus.OPEN and rows[a].rag is Rag.GREEN
    assert rows[b].status is ActionStatus.SUPERSEDED and rows[d].status is ActionStatus.MERGED
    target = actions.get_action(db, c)
    assert {i for i, _ in target.absorbed} == {b, d}
    assert {h.kind for h in target.history} == {"supersedes", "absorbed"}
    assert actions.get_action(db, b).replaced_by[0] == c
    history_a = [h.kind for h in actions.get_action(db, a).history]
    assert history_a == ["reopened", "closed", "update"]
    with db.reader() as session:  # nothing was deleted
        assert session.query(Action).count() == 4
        assert session.query(ActionUpdate).count() == 1


def test_accepting_a_proposed_update_changes_the_rag_and_the_due_date(db, plan):
    _one, _two, (a, b, _c, _d) = plan
    actions.add_update(db, a, actions.UpdateInput(TODAY - timedelta(days=30), "Started", "red"))
    first = actions.add_update(
        db,
        a,
        actions.UpdateInput(
            TODAY - timedelta(days=2),
            "All partners signed up",
            "green",
            author="Jo Partner",
            state="proposed",
            proposed_due_on=TODAY + timedelta(days=30),
            due_change_reason="Waiting for the last signature",
        ),
    )
    second = actions.add_update(
        db, b, actions.UpdateInput(TODAY, "Nothing much", "amber", author="Al", state="proposed")
    )
    waiting = actions.list_proposals(db)
    assert [(p.reference, p.current_rag, p.proposed_rag) for p in waiting] == [
        ("1.1", Rag.RED, Rag.GREEN),
        ("1.2", None, Rag.AMBER),
    ]
    assert _row(db, a).rag is Rag.RED  # proposed updates change nothing yet
    actions.accept_update(db, first)
    actions.reject_update(db, second, note="Please say what has been done")
    assert _row(db, a).rag is Rag.GREEN and _row(db, a).due_on == TODAY + timedelta(days=30)
    assert _row(db, b).rag is None
    history = actions.get_action(db, a).history
    accepted = next(h for h in history if h.update_id == first)
    assert accepted.state is UpdateState.ACCEPTED and accepted.author == "Jo Partner"
    assert accepted.decided.startswith("accepted by ")
    assert any(
        h.kind == "due_changed" and "Waiting for the last signature" in h.text for h in history
    )
    rejected = next(h for h in actions.get_action(db, b).history if h.update_id == second)
    assert rejected.state is UpdateState.REJECTED and "Please say" in rejected.decided
    with pytest.raises(UserError):
        actions.accept_update(db, second)
    assert actions.list_proposals(db) == []


def test_accept_all_is_one_transaction(db, plan):
    _one, _two, (a, b, c, _d) = plan
    ids = [
        actions.add_update(db, x, actions.UpdateInput(TODAY, "ok", "amber", state="proposed"))
        for x in (a, b, c)
    ]
    actions.reject_update(db, ids[2])
    with pytest.raises(UserError):
        actions.decide_all(db, ids, accept=True)  # the third was already decided
    assert len(actions.list_proposals(db)) == 2  # nothing of the batch was written
    assert actions.decide_all(db, ids[:2], accept=True) == 2
    assert {_row(db, x).rag for x in (a, b)} == {Rag.AMBER}


def test_updates_in_the_future_or_without_content_are_refused(db, plan):
    _one, _two, (a, *_rest) = plan
    with pytest.raises(ValidationFailed) as refused:
        actions.add_update(db, a, actions.UpdateInput(TODAY + timedelta(days=1), "", None))
    assert {e.field for e in refused.value.errors} == {"update_on", "narrative"}
    with pytest.raises(ValidationFailed):
        actions.add_update(db, a, actions.UpdateInput(TODAY, "x", "amber", proposed_due_on=TODAY))


def test_members_do_not_see_restricted_actions(db, tmp_path):
    from partnerboard.db.database import Database
    from partnerboard.domain.access import Principal, Role
    from partnerboard.errors import NotFound
    from partnerboard.exports.actions import export_actions
    from partnerboard.services.actions.dashboard import load_dashboard

    secret = actions.create_action(
        db, actions.ActionInput(text="SECRET mediation follow-up", restricted=True)
    )
    actions.create_action(db, actions.ActionInput(text="Open to all"))
    actions.add_update(db, secret, actions.UpdateInput(TODAY, "x", "red", state="proposed"))
    member = Database(db.target, db.engine, Principal(name="A member", role=Role.MEMBER))
    chair = Database(db.target, db.engine, Principal(name="The chair", role=Role.CHAIR))
    assert [r.text for r in actions.list_actions(member)] == ["Open to all"]
    assert len(actions.list_actions(chair)) == 2
    with pytest.raises(NotFound):
        actions.get_action(member, secret)
    assert load_dashboard(member).open_count == 1 and load_dashboard(chair).open_count == 2
    # The dashboard's figures come from one statement: the hidden action's proposed update is
    # not counted for the member either.
    assert load_dashboard(member).proposals == 0 and load_dashboard(chair).proposals == 1
    assert actions.list_proposals(member) == [] and len(actions.list_proposals(chair)) == 1
    export = export_actions(member, tmp_path / "member.xlsx").path
    from openpyxl import load_workbook

    assert "SECRET" not in repr([c.value for row in load_workbook(export)["Actions"] for c in row])
