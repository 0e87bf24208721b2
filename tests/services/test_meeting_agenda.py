"""The agenda: order, carrying forward, matters arising as they stood on the day."""

from __future__ import annotations

from datetime import date

import pytest

from partnerboard.errors import UserError, ValidationFailed
from partnerboard.services import actions
from partnerboard.services.meetings import agenda, matters, minutes
from partnerboard.services.meetings.agenda import ItemInput
from partnerboard.services.meetings.minutes import ArisingInput, MinutesInput
from tests.services.meeting_fixtures import meeting_on, small_board


def titles(db, meeting_id):
    return [i.title for i in agenda.list_items(db, meeting_id)]


def test_new_items_go_before_any_other_business_and_move_by_position(db):
    board = small_board(db)
    meeting_id = meeting_on(db, board, date(2026, 11, 10))
    budget = agenda.save_item(
        db, meeting_id, ItemInput("Budget", presenter="Hal Ibe", minutes_allotted=10)
    ).id
    report = agenda.save_item(db, meeting_id, ItemInput("Annual report", minutes_allotted=20))
    # 10:00 + welcome 5 + minutes 5 + matters arising 15 + budget 10
    assert report.number == 5 and report.starts_at.strftime("%H:%M") == "10:35"
    assert titles(db, meeting_id)[3:] == ["Budget", "Annual report", "Any other business"]
    moved = agenda.move_item(db, budget, 1)
    assert [i.title for i in moved][:3] == [
        "Welcome, introductions and apologies",
        "Budget",
        "Minutes of the previous meeting",
    ]
    assert [i.number for i in moved] == [1, 2, 3, 4, 5, 6]
    agenda.move_item(db, budget, 99)  # past the end: last
    assert titles(db, meeting_id)[-1] == "Budget"


def test_an_item_needs_a_title_and_a_sensible_time(db):
    board = small_board(db)
    meeting_id = meeting_on(db, board, date(2026, 11, 10))
    with pytest.raises(ValidationFailed) as failed:
        agenda.save_item(db, meeting_id, ItemInput(" ", minutes_allotted=600))
    assert {e.field for e in failed.value.errors} == {"title", "minutes_allotted"}


def test_an_item_with_minutes_stays_on_the_agenda(db):
    board = small_board(db)
    meeting_id = meeting_on(db, board, date(2026, 11, 10), status="held")
    item = agenda.save_item(db, meeting_id, ItemInput("Budget"))
    spare = agenda.save_item(db, meeting_id, ItemInput("Spare"))
    minutes.save_item_minutes(db, item.id, MinutesInput("Discussed", None))
    with pytest.raises(UserError, match="not reached instead"):
        agenda.delete_item(db, item.id)
    agenda.delete_item(db, spare.id)
    assert "Spare" not in titles(db, meeting_id)
    assert [i.number for i in agenda.list_items(db, meeting_id)] == [1, 2, 3, 4, 5]


def test_items_not_reached_are_carried_forward_once(db):
    board = small_board(db)
    first = meeting_on(db, board, date(2026, 9, 8), status="held")
    item = agenda.save_item(db, first, ItemInput("Escalation policy", presenter="Erin Shaw"))
    minutes.save_item_minutes(db, item.id, MinutesInput(None, None, not_reached=True))
    with pytest.raises(UserError, match="no planned meeting"):
        agenda.carry_forward(db, first)
    following = meeting_on(db, board, date(2026, 11, 10))
    # A meeting made after the item was left over picks it up by itself …
    assert "Escalation policy" in titles(db, following)
    # … and carrying forward again does not add it twice.
    assert agenda.carry_forward(db, first).titles == ()
    assert titles(db, following).count("Escalation policy") == 1
    carried = next(i for i in agenda.list_items(db, following) if i.title == "Escalation policy")
    assert carried.carried_from == "Carried forward from 08/09/2026"
    assert carried.presenter == "Erin Shaw" and carried.number == 4
    original = next(i for i in agenda.list_items(db, first) if i.id == item.id)
    assert original.carried_to == date(2026, 11, 10)


def test_carry_forward_to_a_meeting_that_already_exists(db):
    board = small_board(db)
    first = meeting_on(db, board, date(2026, 9, 8), status="held")
    following = meeting_on(db, board, date(2026, 11, 10))
    item = agenda.save_item(db, first, ItemInput("Neglect strategy"))
    minutes.save_item_minutes(db, item.id, MinutesInput(None, None, not_reached=True))
    report = agenda.carry_forward(db, first)
    assert report.to_meeting.id == following and report.titles == ("Neglect strategy",)
    assert titles(db, following)[-2:] == ["Neglect strategy", "Any other business"]


def test_matters_arising_show_open_actions_as_they_stood_on_the_day(db):
    board = small_board(db)
    earlier = meeting_on(db, board, date(2026, 9, 8), status="held")
    item = agenda.save_item(db, earlier, ItemInput("Training"))
    open_one = minutes.add_action_arising(
        db,
        item.id,
        ArisingInput("Refresh the training offer", board.people["nurse"], due_on=date(2026, 10, 1)),
    )
    closed = actions.create_action(
        db,
        actions.ActionInput(
            text="Done before", board_id=board.board_id, raised_on=date(2026, 1, 5)
        ),
    )
    actions.add_update(
        db, open_one.id, actions.UpdateInput(date(2026, 10, 20), "Half done", "amber")
    )
    actions.add_update(
        db, open_one.id, actions.UpdateInput(date(2026, 11, 20), "Finished", "green")
    )
    with db.session() as session:
        from partnerboard.db.models.actions import Action

        done = session.get(Action, closed)
        done.status, done.closed_on = "closed", date(2026, 6, 1)
    later = meeting_on(db, board, date(2026, 11, 10))
    rows = matters.matters_arising(db, later)
    assert [(r.reference, r.latest_update, r.rag, r.overdue) for r in rows] == [
        (open_one.reference, "Half done", "amber", True)
    ]
    assert rows[0].lead == "Faye Ng (Tamshire ICB)"
    # The meeting the action arose at does not list it as a matter arising.
    assert matters.matters_arising(db, earlier) == []


def test_an_action_from_an_item_restricted_later_is_restricted_in_matters_arising(db):
    board = small_board(db)
    earlier = meeting_on(db, board, date(2026, 9, 8), status="held")
    item = agenda.save_item(db, earlier, ItemInput("Allegation against a professional"))
    minutes.add_action_arising(db, item.id, ArisingInput("Refer to the LADO"))
    agenda.save_item(db, earlier, ItemInput(item.title, restricted=True), item.id, item.row_version)
    later = meeting_on(db, board, date(2026, 11, 10))
    [row] = matters.matters_arising(db, later)
    assert row.restricted
    with db.reader() as session:
        from partnerboard.db.models.meetings import Meeting

        meeting = session.get(Meeting, later)
        assert matters.matters_arising_in(session, meeting, public=True) == []
