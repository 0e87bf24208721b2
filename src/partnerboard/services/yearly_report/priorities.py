"""The action log in the yearly report: progress on each priority, and where there was little.

Actions are read as they stood on the day figures stand on (`list_actions(as_of=...)`): the RAG
of the latest accepted update dated by then, open if they closed later. An action belongs to the
year when it was open on that day or closed during the year.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select

from partnerboard.db.models.actions import Action, ActionUpdate
from partnerboard.domain.actions import NOT_RATED, NOT_RATED_LABEL, Rag, UpdateState
from partnerboard.domain.dates import format_date
from partnerboard.services.actions import list_actions
from partnerboard.services.actions.progress import latest_narratives
from partnerboard.services.actions.rows import ActionRow
from partnerboard.services.yearly_report.context import YearContext, labelled, share
from partnerboard.services.yearly_report.document import Figure, Figures, PartData, Table, Text

NO_WORKSTREAM = "No workstream"
RAGS = (Rag.RED.value, Rag.AMBER.value, Rag.GREEN.value, NOT_RATED)


@dataclass(frozen=True)
class ActionYear:
    """The action log for one report: every action of the year, and its updates in the year."""

    open: list[ActionRow]  # open on the day figures stand on
    closed: list[ActionRow]  # closed, superseded or merged during the year
    raised: int  # raised during the year
    updates: dict[int, int]  # action id -> accepted updates dated in the year

    @property
    def any(self) -> bool:
        return bool(self.open or self.closed)


def action_rows(ctx: YearContext) -> list[ActionRow]:
    """The action log as it stood on the day figures stand on, read once per report."""
    return ctx.once("action_rows", lambda: list_actions(ctx.db, as_of=ctx.as_at))


def action_year(ctx: YearContext) -> ActionYear:
    def read() -> ActionYear:
        rows = action_rows(ctx)
        with ctx.db.reader() as session:
            updates = dict(
                session.execute(
                    select(ActionUpdate.action_id, func.count())
                    .join(Action, Action.id == ActionUpdate.action_id)
                    .where(
                        ActionUpdate.state == UpdateState.ACCEPTED.value,
                        ActionUpdate.update_on >= ctx.start,
                        ActionUpdate.update_on <= ctx.as_at,
                    )
                    .group_by(ActionUpdate.action_id)
                ).all()
            )
        return ActionYear(
            [r for r in rows if r.is_open],
            [r for r in rows if not r.is_open and ctx.within(r.closed_on)],
            sum(1 for r in rows if ctx.within(r.raised_on)),
            updates,
        )

    return ctx.once("actions", read)


def _workstreams(rows: list[ActionRow]) -> list[tuple[str, list[ActionRow]]]:
    grouped: dict[tuple[int, str], list[ActionRow]] = defaultdict(list)
    for row in rows:
        key = (row.workstream_number or 10**9, row.workstream or NO_WORKSTREAM)
        grouped[key].append(row)
    return [(label, grouped[(n, label)]) for n, label in sorted(grouped)]


def _rag(row: ActionRow) -> str:
    return row.rag.value if row.rag else NOT_RATED


def _restricted(year: ActionYear) -> int:
    return sum(1 for r in (*year.open, *year.closed) if r.restricted)


def priorities_part(ctx: YearContext) -> PartData:
    year = action_year(ctx)
    if not year.any:
        return PartData("priorities", gaps=(f"no action log records for {ctx.label}",))
    overdue = [r for r in year.open if r.overdue(ctx.as_at)]
    updated = sum(year.updates.values())
    rows = []
    totals = Counter()
    for label, actions in _workstreams([*year.open, *year.closed]):
        still_open = [a for a in actions if a.is_open]
        rags = Counter(_rag(a) for a in still_open)
        counts = {
            "open": len(still_open),
            **{rag: rags[rag] for rag in RAGS},
            "overdue": sum(1 for a in still_open if a.overdue(ctx.as_at)),
            "closed": sum(1 for a in actions if not a.is_open),
        }
        totals.update(counts)
        rows.append((label, *(str(v) for v in counts.values())))
    columns = ("open", *RAGS, "overdue", "closed")
    header = (
        "Workstream",
        f"Open on {ctx.at}",
        *(Rag(r).label if r != NOT_RATED else NOT_RATED_LABEL for r in RAGS),
        f"Overdue on {ctx.at}",
        f"Closed in {ctx.label}",
    )
    content = [
        Figures(
            f"Key figures: the action log, {ctx.label}",
            (
                Figure(f"Actions open on {ctx.at}", str(len(year.open)), len(year.open)),
                Figure(
                    f"Actions closed during {ctx.label}", str(len(year.closed)), len(year.closed)
                ),
                Figure(f"Actions raised during {ctx.label}", str(year.raised), year.raised),
                Figure(f"Progress updates recorded during {ctx.label}", str(updated), updated),
                Figure(f"Open actions overdue on {ctx.at}", str(len(overdue)), len(overdue)),
            ),
        ),
        Table(
            f"Progress by workstream: RAG on {ctx.at}",
            header,
            tuple(rows),
            (34, 9, 7, 7, 7, 8, 9, 9),
            total=("All workstreams", *(str(totals[c]) for c in columns)),
        ),
        Text(
            "RAG as the plan defines it: Red, limited or no progress; Amber, partially complete "
            "and on track; Green, complete. Each action's RAG is that of its latest update "
            f"dated on or before {ctx.at}.",
            "note",
        ),
    ]
    if year.closed:
        content.append(
            Table(
                f"Actions closed during {ctx.label}",
                ("Ref.", "Action", "Lead agency", "Closed on", "How"),
                tuple(
                    (
                        r.reference,
                        labelled(r.text, r.restricted),
                        r.agency or "",
                        format_date(r.closed_on),
                        r.status.label,
                    )
                    for r in sorted(year.closed, key=lambda r: (r.closed_on, r.reference_key))
                ),
                (8, 50, 18, 12, 12),
            )
        )
    gaps = (
        () if updated else (f"no progress updates recorded in the action log during {ctx.label}",)
    )
    return PartData("priorities", tuple(content), gaps, _restricted(year))


def behind_part(ctx: YearContext) -> PartData:
    """Where there was little or no evidence of progress: workstreams, overdue and red actions."""
    year = action_year(ctx)
    if not year.any:
        return PartData("behind", gaps=(f"no action log records for {ctx.label}",))
    stalled = []
    for label, actions in _workstreams([*year.open, *year.closed]):
        still_open = [a for a in actions if a.is_open]
        closed = len(actions) - len(still_open)
        weak = sum(1 for a in still_open if _rag(a) in (Rag.RED.value, NOT_RATED))
        if still_open and not closed and 2 * weak >= len(still_open):
            updates = sum(year.updates.get(a.id, 0) for a in actions)
            stalled.append((label, str(len(still_open)), str(weak), str(updates)))
    overdue = sorted(
        (r for r in year.open if r.overdue(ctx.as_at)), key=lambda r: (r.due_on, r.reference_key)
    )
    red = [r for r in year.open if r.rag is Rag.RED and not r.overdue(ctx.as_at)]
    silent = [r for r in year.open if not year.updates.get(r.id)]
    with ctx.db.reader() as session:
        why = latest_narratives(session, [r.id for r in (*overdue, *red)], ctx.as_at)
    content: list = [
        Figures(
            f"Key figures: little or no progress, {ctx.label}",
            (
                Figure(f"Open actions overdue on {ctx.at}", str(len(overdue)), len(overdue)),
                Figure(
                    f"Open actions rated Red on {ctx.at}",
                    str(sum(1 for r in year.open if r.rag is Rag.RED)),
                    sum(1 for r in year.open if r.rag is Rag.RED),
                ),
                Figure(
                    f"Open actions with no progress update during {ctx.label}",
                    share(len(silent), len(year.open)),
                    len(silent),
                ),
                Figure("Workstreams with little or no progress", str(len(stalled)), len(stalled)),
            ),
        ),  # fmt: skip
        Text(
            "A workstream has little or no evidence of progress when none of its actions closed "
            f"during {ctx.label} and at least half of those open on {ctx.at} were Red or not rated.",
            "note",
        ),
    ]
    if stalled:
        content.append(
            Table(
                "Workstreams with little or no progress",
                ("Workstream", f"Open on {ctx.at}", "Red or not rated", f"Updates in {ctx.label}"),
                tuple(stalled),
                (46, 18, 18, 18),
            )
        )
    for caption, rows in (
        (f"Actions overdue on {ctx.at}, and why", overdue),
        (f"Actions rated Red on {ctx.at} (not overdue)", red),
    ):
        if rows:
            content.append(
                Table(
                    caption,
                    ("Ref.", "Action", "Lead", "Due", "RAG", "Latest update (why)"),
                    tuple(
                        (
                            r.reference,
                            labelled(r.text, r.restricted),
                            r.lead or r.agency or "",
                            format_date(r.due_on),
                            r.rag.label if r.rag else NOT_RATED_LABEL,
                            why.get(r.id, "No update recorded."),
                        )
                        for r in rows
                    ),
                    (7, 30, 14, 11, 8, 30),
                )
            )
    return PartData("behind", tuple(content), (), _restricted(year))
