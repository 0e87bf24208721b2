"""Demo step: a year of executive board and sub-group meetings, with minutes and actions arising.

Past meetings took place (minutes approved at the next meeting; the latest ones still in
draft), one was cancelled, and the coming ones are planned with their agendas. Attendance has
deputies and apologies; one item was not reached and is carried forward; the latest meeting
held has a restricted item.
"""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from partnerboard.db.models.actions import Action
from partnerboard.db.models.meetings import AgendaItem, Meeting
from partnerboard.db.models.partnership import Membership, Person
from partnerboard.domain.meeting_schedule import nth_weekday, schedule_dates
from partnerboard.domain.meetings import AgendaItemKind, AttendanceStatus, MeetingStatus
from partnerboard.services.actions import UpdateInput, add_update_in
from partnerboard.services.demo.meeting_texts import (
    APOLOGY_REASONS,
    ITEMS,
    SCHEDULE,
    VENUES,
    DemoItem,
)
from partnerboard.services.meetings.agenda import insert_item
from partnerboard.services.meetings.meetings import MeetingInput, create_meeting_in
from partnerboard.services.meetings.minutes import ArisingInput, add_action_arising_in

if TYPE_CHECKING:
    from partnerboard.db.database import BoardSession
    from partnerboard.services.demo.context import DemoContext

STANDARD_MINUTES = {
    AgendaItemKind.PREVIOUS_MINUTES.value: (
        "The minutes of the previous meeting were agreed as an accurate record.",
        "Minutes approved.",
    ),
    AgendaItemKind.MATTERS_ARISING.value: (
        "The action log was reviewed. Leads gave updates on the open actions.",
        "Completed actions to be closed; overdue actions to be followed up by their leads.",
    ),
    AgendaItemKind.ANY_OTHER_BUSINESS.value: ("There was no other business.", None),
}
UPDATES = {
    "red": "Not started: waiting for data from partners.",
    "amber": "Work under way; a first draft has been shared with the lead's team.",
    "green": "Complete; reported to the board.",
}


def build(session: BoardSession, ctx: DemoContext) -> None:
    names = dict(session.execute(select(Person.id, Person.name)).all())
    for board_key, (every, weekday, week) in SCHEDULE.items():
        _build_board(session, ctx, board_key, every, weekday, week, names)
    session.flush()
    _restricted_item_at_latest(session, ctx, names)
    _progress_updates(session, ctx)


def _build_board(
    session: BoardSession,
    ctx: DemoContext,
    board_key: str,
    every: int,
    weekday: int,
    week: int,
    names: dict[int, str],
) -> None:
    start = ctx.today - timedelta(days=365 - 7 * ctx.rng.randint(0, 4))
    first = nth_weekday(start.year, start.month, weekday, week)
    horizon = ctx.today + timedelta(days=120)
    days = [d for d in schedule_dates(first, every, 18 // every + 1) if d <= horizon]
    pool = ITEMS[board_key]
    held: list[Meeting] = []
    for index, day in enumerate(days):
        online = board_key == "expl" or (board_key == "ld" and index % 2 == 1)
        hour = 14 if board_key == "cspr" else 10
        meeting = create_meeting_in(
            session,
            MeetingInput(
                ctx.boards[board_key],
                day,
                time(hour, 0),
                time(hour + 2, 0),
                venue=None if board_key == "expl" else VENUES[board_key],
                online=online,
                minute_taker_person_id=ctx.people["bso"],
            ),
        )
        chosen = [pool[(index + k) % len(pool)] for k in range(3)]
        for item in chosen:
            _add_item(session, meeting, item, ctx, names)
        if day >= ctx.today:
            continue
        if board_key == "ld" and index == 1:
            meeting.status = MeetingStatus.CANCELLED.value
            meeting.notes = "Cancelled: not quorate after late apologies."
            continue
        meeting.status = MeetingStatus.MINUTES_DRAFT.value
        _take_attendance(session, meeting, ctx)
        _write_minutes(session, meeting, chosen, ctx, not_reached=board_key == "qap" and index == 1)
        held.append(meeting)
    # Minutes are approved at the next meeting that took place; the latest stay in draft.
    for earlier, later in zip(held, held[1:], strict=False):
        earlier.status = MeetingStatus.MINUTES_APPROVED.value
        earlier.minutes_approved_on = later.starts_at.date()
        earlier.minutes_approved_by = names.get(earlier.chair_person_id or 0, "Chair")


def _add_item(
    session: BoardSession,
    meeting: Meeting,
    item: DemoItem,
    ctx: DemoContext,
    names: dict[int, str],
) -> AgendaItem:
    added = AgendaItem(
        title=item.title,
        presenter=names.get(ctx.people[item.presenter]),
        paper_ref=f"{meeting.starts_at:%y%m}/{sum(1 for i in meeting.items if i.paper_ref) + 1}",
        minutes_allotted=item.minutes,
        restricted=item.restricted,
    )
    insert_item(session, meeting, added)
    return added


def _take_attendance(session: BoardSession, meeting: Meeting, ctx: DemoContext) -> None:
    rng = ctx.rng
    deputies = dict(
        session.execute(
            select(Membership.person_id, Membership.deputy_person_id).where(
                Membership.board_id == meeting.board_id
            )
        ).all()
    )
    for line in meeting.attendance:
        roll = rng.random() * (0.6 if line.role == "chair" else 1.0)
        if roll < 0.66:
            line.status = AttendanceStatus.PRESENT.value
        elif roll < 0.78:
            line.status = AttendanceStatus.PRESENT_ONLINE.value
        elif roll < 0.88 and deputies.get(line.person_id):
            line.status = AttendanceStatus.DEPUTY.value
            line.deputy_person_id = deputies[line.person_id]
        elif roll < 0.97:
            line.status = AttendanceStatus.APOLOGIES.value
            line.apology_reason = rng.choice(APOLOGY_REASONS)
        else:
            line.status = AttendanceStatus.ABSENT.value


def _write_minutes(
    session: BoardSession,
    meeting: Meeting,
    chosen: list[DemoItem],
    ctx: DemoContext,
    *,
    not_reached: bool,
) -> None:
    texts = {item.title: item for item in chosen}
    for item in meeting.items:
        if item.kind in STANDARD_MINUTES:
            item.discussion, item.decisions = STANDARD_MINUTES[item.kind]
            continue
        source = texts.get(item.title)
        if item.carried_from_item_id is not None:
            item.discussion = "Taken at this meeting, having not been reached at the last."
            item.decisions = "Noted."
            continue
        if source is None:  # the welcome
            item.discussion = "The chair welcomed members. Apologies were noted as above."
            continue
        if not_reached and source is chosen[-1]:
            item.not_reached = True
            continue
        _minute(session, item, source, ctx)


def _minute(session: BoardSession, item: AgendaItem, source: DemoItem, ctx: DemoContext) -> None:
    item.discussion, item.decisions = source.discussion, source.decisions
    # The first time an item comes up it raises its first action, the next time its follow-up.
    raised = session.scalars(
        select(Action.text).where(
            Action.text.in_(source.actions), Action.board_id == item.meeting.board_id
        )
    ).all()
    waiting = [text for text in source.actions if text not in raised]
    if source.actions and not waiting:
        follow_up = f"Bring an update on “{source.title}” to the next meeting"
        still_open = session.scalar(
            select(Action.id).where(
                Action.text == follow_up,
                Action.board_id == item.meeting.board_id,
                Action.status == "open",
            )
        )
        waiting = [] if still_open else [follow_up]
    if waiting:
        meeting_day = item.meeting.starts_at.date()
        due = meeting_day + timedelta(days=ctx.rng.choice((42, 56, 90, 120)))
        add_action_arising_in(
            session, item, ArisingInput(waiting[0], ctx.people[source.presenter], due_on=due)
        )


def _restricted_item_at_latest(
    session: BoardSession, ctx: DemoContext, names: dict[int, str]
) -> None:
    """The latest meeting held has a restricted item (the demo shows what is left out) …"""
    latest = session.scalars(
        select(Meeting)
        .where(Meeting.status == MeetingStatus.MINUTES_DRAFT.value)
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
        .limit(1)
    ).one()
    if not any(item.restricted for item in latest.items):
        board_key = next(key for key, board_id in ctx.boards.items() if board_id == latest.board_id)
        source = next(item for item in ITEMS[board_key] if item.restricted)
        _minute(session, _add_item(session, latest, source, ctx, names), source, ctx)
    # … and actions arising that the public version shows.
    arising = session.scalars(
        select(Action).where(Action.source_meeting_id == latest.id, Action.restricted.is_(False))
    ).first()
    topical = [i for i in latest.items if i.paper_ref and not i.restricted and not i.not_reached]
    if arising is None and topical:
        add_action_arising_in(
            session,
            topical[0],
            ArisingInput(
                f"Send the paper on “{topical[0].title}” to the members who sent apologies",
                ctx.people["bso"],
                due_on=latest.starts_at.date() + timedelta(days=14),
            ),
        )


def _progress_updates(session: BoardSession, ctx: DemoContext) -> None:
    """Leads report progress: some actions are complete, most on track, a few stuck."""
    rng = ctx.rng
    actions = session.scalars(
        select(Action).where(Action.source_kind == "meeting_item").order_by(Action.id)
    ).all()
    for action in actions:
        due = action.due_on or ctx.today
        day: date = (action.raised_on or ctx.today) + timedelta(days=rng.randint(20, 50))
        while day < ctx.today:
            # Before the due date work is on track or stuck; after it, it may be complete.
            if day < due:
                rag = "amber" if rng.random() < 0.75 else "red"
            else:
                rag = rng.choice(("green", "green", "amber", "red"))
            add_update_in(session, action.id, UpdateInput(day, UPDATES[rag], rag, author="Lead"))
            if rag == "green":
                action.status, action.closed_on = "closed", day
                break
            day += timedelta(days=rng.randint(30, 60))
