"""Roles at the session level: who may write what (members, chairs and read-only users)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from partnerboard.db.models.access import AuditEntry
from partnerboard.db.models.actions import Action, ActionUpdate
from partnerboard.db.models.meetings import Meeting
from partnerboard.db.models.partnership import Agency, Person
from partnerboard.domain.access import Role
from partnerboard.errors import NotFound, NotPermitted
from partnerboard.services import partnership as p
from partnerboard.services.actions import ActionInput, UpdateInput, add_update, create_action
from tests.trust.helpers import as_role


@pytest.fixture
def board(demo_db, demo_db_path):
    """Two actions: one led by person 5, one by person 6; a meeting of board 1."""
    mine = create_action(demo_db, ActionInput(text="Refresh the neglect toolkit", lead_person_id=5))
    theirs = create_action(demo_db, ActionInput(text="Audit return interviews", lead_person_id=6))
    with demo_db.session() as session:
        meeting = Meeting(board_id=1, starts_at=datetime(2026, 12, 3, 10), status="minutes_draft")
        session.add(meeting)
        session.flush()
        meeting_id = meeting.id
    return {"path": demo_db_path, "mine": mine, "theirs": theirs, "meeting": meeting_id}


def _entries(db) -> int:
    with db.reader() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry))


def test_read_only_may_write_nothing(board):
    reader = as_role(board["path"], Role.READ_ONLY, name="Rhys Reader")
    try:
        before = _entries(reader)
        with pytest.raises(NotPermitted) as refused:
            p.save_agency(reader, p.AgencyInput(name="Shadow agency", sector="other"))
        assert str(refused.value) == (
            "You are signed in as Rhys Reader (Read-only): you cannot add an agency record. "
            "Your role may read, but not change anything. Nothing was saved."
        )
        with pytest.raises(NotPermitted):
            p.set_agency_active(reader, 1, False)
        assert p.get_agency(reader, 1).active is True
        assert p.find_agency(reader, "Shadow agency") is None
        assert _entries(reader) == before
    finally:
        reader.close()


def test_a_member_may_propose_an_update_to_an_action_they_lead(board):
    member = as_role(board["path"], Role.MEMBER, name="Mo Member", person_id=5)
    try:
        update_id = add_update(
            member,
            board["mine"],
            UpdateInput(date(2026, 11, 20), "Toolkit drafted", "amber", state="proposed"),
        )
        with member.reader() as session:
            stored = session.get(ActionUpdate, update_id)
            assert (stored.state, stored.author) == ("proposed", "Mo Member")
    finally:
        member.close()


@pytest.mark.parametrize(
    "attempt",
    [
        # an accepted update would change the action's RAG: business support decides
        lambda db, b: add_update(db, b["mine"], UpdateInput(date(2026, 11, 20), "Done", "green")),
        # a proposal on someone else's action
        lambda db, b: add_update(
            db, b["theirs"], UpdateInput(date(2026, 11, 20), "x", "red", state="proposed")
        ),
        # changing the action itself
        lambda db, b: _set(db, Action, b["mine"], text="Something else"),
        lambda db, b: _set(db, Person, 5, job_title="Chief Executive"),
        lambda db, b: create_action(db, ActionInput(text="New action", lead_person_id=5)),
    ],
    ids=["accepted update", "not their action", "edit action", "edit person", "add action"],
)
def test_a_member_may_do_nothing_else(board, attempt):
    member = as_role(board["path"], Role.MEMBER, name="Mo Member", person_id=5)
    try:
        before = _entries(member)
        with pytest.raises(NotPermitted):
            attempt(member, board)
        assert _entries(member) == before
    finally:
        member.close()


def _set(db, model, ident, **values):
    with db.session() as session:
        record = session.get(model, ident)
        for key, value in values.items():
            setattr(record, key, value)


def test_a_member_without_a_linked_person_leads_nothing(board):
    member = as_role(board["path"], Role.MEMBER, name="Unlinked")
    try:
        with pytest.raises(NotPermitted):
            add_update(
                member, board["mine"], UpdateInput(date(2026, 11, 20), "x", None, state="proposed")
            )
    finally:
        member.close()


def test_a_member_cannot_propose_on_a_restricted_action_even_as_its_lead(board, demo_db):
    secret = create_action(
        demo_db, ActionInput(text="Mediation", lead_person_id=5, restricted=True)
    )
    member = as_role(board["path"], Role.MEMBER, name="Mo Member", person_id=5)
    try:
        with pytest.raises(NotFound):
            add_update(member, secret, UpdateInput(date(2026, 11, 20), "x", None, state="proposed"))
    finally:
        member.close()


def test_a_chair_may_approve_minutes_but_not_edit_the_meeting(board):
    chair = as_role(board["path"], Role.CHAIR, name="Dame Chair")
    try:
        _set(
            chair,
            Meeting,
            board["meeting"],
            status="minutes_approved",
            minutes_approved_on=date(2027, 1, 14),
            minutes_approved_by="Dame Chair",
        )
        with pytest.raises(NotPermitted):
            _set(chair, Meeting, board["meeting"], venue="Somewhere nicer")
        with pytest.raises(NotPermitted):
            _set(chair, Agency, 1, phone="0")
        with chair.reader() as session:
            meeting = session.get(Meeting, board["meeting"])
            assert (meeting.status, meeting.venue) == ("minutes_approved", None)
    finally:
        chair.close()


def test_anyone_may_change_their_own_password_but_not_someone_elses(board, demo_db):
    from partnerboard.services import access

    access.save_user(
        demo_db, access.UserInput("Mo Member", "mo", "member", 5), password="member pass 123"
    )
    access.save_user(
        demo_db, access.UserInput("Di Other", "di", "member", 6), password="other pass 1234"
    )
    member = as_role(board["path"], Role.MEMBER)
    try:
        member.principal = access.authenticate(member, "mo", "member pass 123")
        access.set_password(member, "mo", "a brand new pass")
        assert access.authenticate(member, "mo", "a brand new pass").name == "Mo Member"
        with pytest.raises(NotPermitted):
            access.set_password(member, "di", "taken over!!")
        with pytest.raises(NotPermitted):
            access.list_users(member)
    finally:
        member.close()


def test_only_business_support_and_chairs_read_the_whole_trail(board, tmp_path):
    from partnerboard.exports.audit_trail_xlsx import export_audit_trail

    member = as_role(board["path"], Role.MEMBER)
    chair = as_role(board["path"], Role.CHAIR)
    try:
        with pytest.raises(NotPermitted):
            export_audit_trail(member, tmp_path / "member.xlsx")
        assert not (tmp_path / "member.xlsx").exists()
        assert export_audit_trail(chair, tmp_path / "chair.xlsx") > 150
    finally:
        member.close()
        chair.close()
