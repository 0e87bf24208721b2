"""Restricted records never reach a member or read-only user through an ORM query.

Action and Escalation exist in the foundation schema; phase B walks every output path of every
register. The last tests pin the limits written down in CONTRIBUTING.md ("Restricted
records"): if SQLAlchemy starts covering them, those tests fail and the guide must change.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import aliased

from partnerboard.db.models.actions import Action, ActionUpdate
from partnerboard.db.models.meetings import AgendaItem
from partnerboard.db.models.performance import Indicator
from partnerboard.db.models.reviews import PracticeReview
from partnerboard.db.models.thresholds import Escalation
from partnerboard.db.visibility import restricted_models
from partnerboard.domain.access import Role
from partnerboard.services.actions import ActionInput, UpdateInput, add_update, create_action
from tests.trust.helpers import as_role


def _stored_counts(path) -> dict[str, int]:
    """How many actions and escalations the demo already holds, all and unrestricted."""
    import sqlite3

    with sqlite3.connect(path) as connection:
        counts = {
            f"{table}{suffix}": connection.execute(
                f"SELECT count(*) FROM {table}{where}"
            ).fetchone()[0]
            for table in ("action", "escalation")
            for suffix, where in (("_all", ""), ("_open", " WHERE restricted = 0"))
        }
    connection.close()
    return counts


@pytest.fixture
def records(demo_db, demo_db_path):
    before = _stored_counts(demo_db_path)
    open_action = create_action(demo_db, ActionInput(text="Open action", lead_person_id=5))
    secret = create_action(
        demo_db, ActionInput(text="Mediation between agencies", lead_person_id=5, restricted=True)
    )
    add_update(demo_db, secret, UpdateInput(date(2026, 11, 1), "Stage 2 meeting held", "amber"))
    with demo_db.session() as session:
        session.add_all(
            [
                Escalation(
                    raised_on=date(2026, 10, 1),
                    raising_agency_id=1,
                    other_agency_id=2,
                    category="other",
                ),
                Escalation(
                    raised_on=date(2026, 10, 2),
                    raising_agency_id=2,
                    other_agency_id=1,
                    category="threshold_disagreement",
                    summary="Disputed step-down",
                    restricted=True,
                ),
            ]
        )
    return {"path": demo_db_path, "open": open_action, "secret": secret, "before": before}


SHAPES = {
    "entities": lambda: select(Action),
    "columns": lambda: select(Action.id, Action.text),
    "count from entity": lambda: select(func.count()).select_from(Action),
    "count of column": lambda: select(func.count(Action.id)),
    "subquery": lambda: select(select(Action.id, Action.text).subquery().c.text),
    "cte": lambda: select(select(Action.text).cte().c.text),
    "union": lambda: select(Action.text).union_all(select(Action.text)),
    "aliased": lambda: select(aliased(Action).text),
    "join from child": lambda: select(ActionUpdate.narrative).join(
        Action, Action.id == ActionUpdate.action_id
    ),
    "in subquery": lambda: select(ActionUpdate.narrative).where(
        ActionUpdate.action_id.in_(select(Action.id))
    ),
    "escalations": lambda: select(Escalation.summary, Escalation.category),
}

SECRETS = {"Mediation between agencies", "Stage 2 meeting held", "Disputed step-down"}


def _texts(db, shape) -> set:
    """Every text the query brings back: plain values, or an entity's text / summary."""
    found = set()
    with db.reader() as session:
        for row in session.execute(shape()).all():
            for value in row:
                if isinstance(value, str):
                    found.add(value)
                for attr in ("text", "summary"):
                    if isinstance(getattr(value, attr, None), str):
                        found.add(getattr(value, attr))
    return found


def test_restrictable_kinds_are_found_from_the_models():
    assert set(restricted_models()) == {Action, AgendaItem, Escalation, Indicator, PracticeReview}


@pytest.mark.parametrize("shape", list(SHAPES), ids=list(SHAPES))
@pytest.mark.parametrize("role", [Role.MEMBER, Role.READ_ONLY])
def test_those_who_may_not_see_them_never_load_them(records, shape, role):
    db = as_role(records["path"], role)
    try:
        assert not (_texts(db, SHAPES[shape]) & SECRETS)
    finally:
        db.close()


@pytest.mark.parametrize("role", [Role.BUSINESS_SUPPORT, Role.CHAIR])
def test_business_support_and_chairs_see_them(records, role):
    db = as_role(records["path"], role)
    try:
        assert _texts(db, SHAPES["entities"]) >= {"Open action", "Mediation between agencies"}
        assert "Disputed step-down" in _texts(db, SHAPES["escalations"])
        with db.reader() as session:
            assert (
                session.scalar(select(func.count()).select_from(Action))
                == records["before"]["action_all"] + 2
            )
    finally:
        db.close()


def test_counts_and_lookups_by_id_leave_them_out(records):
    member = as_role(records["path"], Role.MEMBER)
    try:
        with member.reader() as session:
            before = records["before"]
            assert (
                session.scalar(select(func.count()).select_from(Action))
                == before["action_open"] + 1
            )
            assert (
                session.scalar(select(func.count()).select_from(Escalation))
                == before["escalation_open"] + 1
            )
            assert session.get(Action, records["secret"]) is None
            assert session.get(Action, records["open"]) is not None
    finally:
        member.close()


def test_the_registers_first_rows_and_count_leave_them_out(records):
    """The register paints its first rows from a LIMITed query and says how many it is reading."""
    from partnerboard.services.actions import list_actions
    from partnerboard.services.actions.register import first_actions

    member = as_role(records["path"], Role.MEMBER)
    try:
        theirs = list_actions(member)
        opening = first_actions(member, True, len(theirs) + 10)
        assert opening.total == len(theirs) == records["before"]["action_open"] + 1
        assert records["secret"] not in {row.id for row in opening.rows}
        assert not {row.text for row in opening.rows} & SECRETS
    finally:
        member.close()


def test_a_relationship_load_leaves_them_out(records, demo_db):
    """Lazy loads of a relationship go through the same filter (agenda items of a meeting)."""
    from datetime import datetime

    from partnerboard.db.models.meetings import Meeting

    with demo_db.session() as session:
        meeting = Meeting(board_id=1, starts_at=datetime(2026, 12, 3, 10))
        meeting.items = [
            AgendaItem(position=1, title="Welcome"),
            AgendaItem(position=2, title="Mediation update", restricted=True),
        ]
        session.add(meeting)
        session.flush()
        meeting_id = meeting.id
    member = as_role(records["path"], Role.MEMBER)
    try:
        with member.reader() as session:
            titles = [i.title for i in session.get(Meeting, meeting_id).items]
        assert titles == ["Welcome"]
    finally:
        member.close()


# ------------------------------------------------ the limits (see CONTRIBUTING.md)


def test_limit_plain_table_columns_are_not_filtered(records):
    member = as_role(records["path"], Role.MEMBER)
    try:
        table = Action.__table__
        assert "Mediation between agencies" in _texts(member, lambda: select(table.c.text))
    finally:
        member.close()


def test_limit_text_sql_is_not_filtered(records):
    member = as_role(records["path"], Role.MEMBER)
    try:
        assert "Mediation between agencies" in _texts(
            member, lambda: text("SELECT text FROM action")
        )
    finally:
        member.close()


def test_child_records_alone_are_filtered_with_their_parent(records):
    """An action's updates have no `restricted` column of their own: they go with the action."""
    member = as_role(records["path"], Role.MEMBER)
    try:
        narratives = _texts(member, lambda: select(ActionUpdate.narrative))
        assert "Stage 2 meeting held" not in narratives and narratives
    finally:
        member.close()
