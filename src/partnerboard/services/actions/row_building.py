"""Turning the register query's result into `ActionRow`s, fast enough for 100,000 actions.

Each row is made at C speed (`ActionRow._make` on a tuple); names, dates and enum members
come from small caches so that 100,000 rows share a few thousand objects; the case-folded
search text is put together from pre-folded parts. Collection of garbage waits until the
end: making this many objects would otherwise start dozens of full collections.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from partnerboard.domain.actions import ActionSource, ActionStatus, Rag
from partnerboard.gc_policy import freeze_survivors, no_collection_pauses
from partnerboard.services.actions.rows import ActionRow, Lookups


class Dates(dict):
    """Dates as SQLite returns them (ISO text) or as PostgreSQL does (dates), one object each.

    A dict whose misses convert: a hit costs one C-level lookup.
    """

    def __missing__(self, value: object) -> date | None:
        if value is None:
            found = None
        elif isinstance(value, datetime):
            found = value.date()
        elif isinstance(value, date):
            found = value
        else:
            found = date.fromisoformat(str(value)[:10])
        self[value] = found
        return found


# A load this big is frozen out of the collector's way afterwards (see `build_rows`).
FREEZE_AT = 5000


def build_rows(
    partitions: Iterable[Sequence[Any]],
    lookups: Lookups,
    former: dict[int, str],
    proposed: dict[int, int],
    as_of: date | None,
) -> list[ActionRow]:
    make_row = ActionRow._make
    statuses = {s.value: s for s in ActionStatus}
    rags = {r.value: r for r in Rag}
    sources = {s.value: s for s in ActionSource}
    as_date = Dates()
    people, agencies, boards = lookups.people, lookups.agencies, lookups.boards
    labels = lookups.workstream_labels
    numbers = {i: number for i, (number, _title) in lookups.workstreams.items()}
    # What a row shows besides its own text, case-folded once per name, for the search.
    folded_labels = {i: label.casefold() for i, label in labels.items()}
    folded_people = {i: name.casefold() for i, name in people.items()}
    folded_agencies = {
        i: f"{agencies[i]} {name}".casefold() for i, name in lookups.agency_names.items()
    }
    folded_boards = {i: name.casefold() for i, name in boards.items()}
    rows: list[ActionRow] = []
    append = rows.append
    with no_collection_pauses():
        for partition in partitions:
            for (
                ident,
                reference,
                key,
                workstream_id,
                text,
                lead_id,
                lead_name,
                agency_id,
                board_id,
                raised_on,
                due_on,
                status,
                closed_on,
                rag,
                last_on,
                source,
                restricted,
            ) in partition:
                closed = as_date[closed_on]
                state = statuses.get(status, ActionStatus.OPEN)
                if as_of is not None and (closed is None or closed > as_of):
                    state = ActionStatus.OPEN  # finished after the day asked about
                if lead_id:
                    lead = people.get(lead_id)
                    folded_lead = folded_people.get(lead_id, "")
                else:
                    lead = lead_name
                    folded_lead = lead_name.casefold() if lead_name else ""
                old = former.get(ident, "")
                append(
                    make_row(
                        (
                            ident,
                            reference,
                            key,
                            workstream_id,
                            labels.get(workstream_id),
                            numbers.get(workstream_id),
                            text,
                            lead_id,
                            lead,
                            agency_id,
                            agencies.get(agency_id),
                            board_id,
                            boards.get(board_id),
                            as_date[raised_on],
                            as_date[due_on],
                            state,
                            closed,
                            rags.get(rag) if rag else None,
                            as_date[last_on],
                            proposed.get(ident, 0),
                            sources.get(source, ActionSource.OTHER),
                            bool(restricted),
                            old,
                            f"{reference} {old} {text}".casefold()
                            + f" {folded_labels.get(workstream_id, '')} {folded_lead}"
                            f" {folded_agencies.get(agency_id, '')}"
                            f" {folded_boards.get(board_id, '')}",
                        )
                    )
                )
    if len(rows) >= FREEZE_AT:
        freeze_survivors()
    return rows
