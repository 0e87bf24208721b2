"""Demo step: the improvement plan: 8 workstreams of 6–10 actions with a year of updates.

Every RAG state appears; some actions are overdue, some closed, one superseded and one
merged, one moved between workstreams, and a few partner updates wait for a decision.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from partnerboard.db.models.actions import Action, ActionEvent, ActionUpdate
from partnerboard.domain.actions import (
    ActionSource,
    ActionStatus,
    EventKind,
    Rag,
    UpdateState,
    reference_key,
)
from partnerboard.domain.dates import format_date
from partnerboard.services.actions.core import ActionInput, create_action_in
from partnerboard.services.actions.workstreams import WorkstreamInput, save_workstream_in
from partnerboard.services.demo.actions_data import NARRATIVES, OPENINGS, WORKSTREAMS

if TYPE_CHECKING:
    from partnerboard.db.database import BoardSession
    from partnerboard.services.demo.context import DemoContext

# How an action's story goes: RAGs of its quarterly updates, oldest first, and its end.
STORIES: list[tuple[tuple[str, ...], str]] = [
    (("red", "amber", "amber", "green"), "closed"),
    (("amber", "amber", "green"), "open"),
    (("red", "red", "amber"), "open"),
    (("amber", "amber", "amber", "amber"), "open"),
    (("red", "red", "red"), "open"),
    (("amber", "green", "green"), "closed"),
    (("amber", "red", "amber"), "open"),
    ((), "open"),  # not rated yet
]


def _update_dates(ctx: DemoContext, rng: random.Random, raised: date, count: int) -> list[date]:
    dates = []
    for step in range(count):
        when = raised + timedelta(days=35 + step * 91 + rng.randrange(-10, 10))
        if when >= ctx.today:
            break
        dates.append(when)
    return dates


def _narrative(rng: random.Random, step: int, rag: str) -> str:
    said = rng.choice(NARRATIVES[rag])
    return f"{rng.choice(OPENINGS)} {said}" if step == 0 and rag != "green" else said


def build(session: BoardSession, ctx: DemoContext) -> None:
    # The plan draws from its own generator: taking numbers from the shared one would change
    # what every later demo step makes (and the tests written against it).
    rng = random.Random(2026_03)
    people, agencies, boards = ctx.people, ctx.agencies, ctx.boards
    made: list[Action] = []
    for number, (title, lead, board, approach, actions) in enumerate(WORKSTREAMS, start=1):
        workstream = save_workstream_in(
            session,
            WorkstreamInput(
                title=title,
                number=number,
                lead_person_id=people.get(lead),
                board_id=boards.get(board),
                approach=approach,
            ),
        )
        for index, (text, action_lead, agency) in enumerate(actions):
            raised = ctx.today - timedelta(days=330 + rng.randrange(0, 60))
            story, end = STORIES[(number * 3 + index) % len(STORIES)]
            # Due dates from 3 months ago to 9 months ahead: open ones past due are overdue;
            # finished ones were due around when they closed.
            due = ctx.today + timedelta(days=rng.randrange(-90, 270))
            if end == "closed":
                due = raised + timedelta(days=300)
            action = create_action_in(
                session,
                ActionInput(
                    text=text,
                    workstream_id=workstream.id,
                    source_kind=ActionSource.IMPROVEMENT_PLAN.value
                    if index % 4
                    else ActionSource.PEER_REVIEW.value,
                    source_note="Improvement plan agreed by the Executive Board"
                    if index % 4
                    else "Peer review recommendation",
                    lead_person_id=people.get(action_lead),
                    lead_agency_id=agencies.get(agency),
                    board_id=boards.get(board),
                    raised_on=raised,
                    due_on=due,
                    difference="Children and families get a more consistent response from "
                    "every agency.",
                    measure="Audit results, partner returns and feedback from practitioners.",
                ),
            )
            dates = _update_dates(ctx, rng, raised, len(story))
            for step, (when, rag) in enumerate(zip(dates, story, strict=False)):
                session.add(
                    ActionUpdate(
                        action_id=action.id,
                        update_on=when,
                        narrative=_narrative(rng, step, rag),
                        rag=rag,
                        author=None,
                        state=UpdateState.ACCEPTED.value,
                        created_at=datetime.combine(when, datetime.min.time()),
                    )
                )
            if end == "closed" and dates:
                action.status = ActionStatus.CLOSED.value
                action.closed_on = dates[-1] + timedelta(days=7)
                action.closure_note = "Completed; evidence reported to the board."
                _event(session, action, EventKind.CLOSED, action.closed_on, action.closure_note)
            made.append(action)
    session.flush()
    _twists(session, ctx, rng, made)


def _event(
    session: BoardSession, action: Action, kind: EventKind, on: date, detail: str, **extra
) -> None:
    session.add(
        ActionEvent(
            action_id=action.id, happened_on=on, kind=kind.value, detail=detail, by="Demo", **extra
        )
    )


def _twists(
    session: BoardSession, ctx: DemoContext, rng: random.Random, made: list[Action]
) -> None:
    """A superseded, a merged and a moved action, and partner updates waiting for a decision."""
    today = ctx.today
    open_ones = [a for a in made if a.status == ActionStatus.OPEN.value]
    old, new = open_ones[1], open_ones[2]
    old.status, old.closed_on, old.replaced_by_id = (
        ActionStatus.SUPERSEDED.value,
        today - timedelta(days=40),
        new.id,
    )
    _event(
        session,
        old,
        EventKind.SUPERSEDED,
        old.closed_on,
        f"Superseded by {new.reference}.",
        related_action_id=new.id,
    )
    _event(
        session,
        new,
        EventKind.SUPERSEDES,
        old.closed_on,
        f"Supersedes {old.reference}.",
        related_action_id=old.id,
    )
    twin, into = open_ones[-3], open_ones[-4]
    twin.status, twin.closed_on, twin.replaced_by_id = (
        ActionStatus.MERGED.value,
        today - timedelta(days=20),
        into.id,
    )
    _event(
        session,
        twin,
        EventKind.MERGED,
        twin.closed_on,
        f"Merged into {into.reference}.",
        related_action_id=into.id,
    )
    _event(
        session,
        into,
        EventKind.ABSORBED,
        twin.closed_on,
        f"{twin.reference} merged into this action.",
        related_action_id=twin.id,
    )
    # Workstream 7's last action moved to workstream 3 (learning), keeping its old reference.
    moved = [a for a in made if a.reference.startswith("7.")][-1]
    target = next(a.workstream_id for a in made if a.reference.startswith("3."))
    last_in_target = max(int(a.reference.split(".")[1]) for a in made if a.workstream_id == target)
    old_reference = moved.reference
    moved.workstream_id, moved.reference = target, f"3.{last_in_target + 1}"
    moved.reference_key = reference_key(moved.reference)
    _event(
        session,
        moved,
        EventKind.MOVED,
        today - timedelta(days=60),
        f"Moved from workstream 7 ({old_reference}) to workstream 3 as {moved.reference}.",
        old_reference=old_reference,
        new_reference=moved.reference,
    )
    # Partner updates returned by template, waiting for business support.
    waiting = [a for a in open_ones if a.status == ActionStatus.OPEN.value][3:9]
    for position, action in enumerate(waiting):
        rag = (Rag.GREEN, Rag.AMBER, Rag.AMBER, Rag.RED, Rag.GREEN, Rag.AMBER)[position]
        asks_more_time = position in (1, 3)
        session.add(
            ActionUpdate(
                action_id=action.id,
                update_on=today - timedelta(days=3 + position),
                narrative=rng.choice(NARRATIVES[rag.value]),
                rag=rag.value,
                author="Partner lead (returned template)",
                agency_id=action.lead_agency_id,
                state=UpdateState.PROPOSED.value,
                proposed_due_on=(action.due_on or today) + timedelta(days=90)
                if asks_more_time
                else None,
                due_change_reason="Waiting for partner sign-off; new date agreed with the lead."
                if asks_more_time
                else None,
                source_file=f"Action update – returned {format_date(today)}.xlsx",
            )
        )
