"""Section 11 in the yearly report: the round(s) active in the year and what changed since the last.

A round belongs to the year when anything happened in it during the year: it was issued, fell
due or had its challenge session, or a return moved on (returned, validated, challenged,
feedback sent). A return's status is read from those dates, as it stood on the day figures
stand on. Ratings are those of the returns received by then (the board's moderated rating
where there is one); the round before is the comparison.
"""

from __future__ import annotations

from partnerboard.domain.dates import format_date
from partnerboard.domain.section11 import Change, ReturnStatus, change_between
from partnerboard.services.section11.analysis import (
    ComplianceMatrix,
    MatrixCell,
    compliance_matrix,
    merge_cells,
)
from partnerboard.services.section11.rounds import ReturnRow, RoundRow, list_rounds, round_returns
from partnerboard.services.yearly_report.context import YearContext, share
from partnerboard.services.yearly_report.document import Figure, Figures, PartData, Table, Text

STEPS = (
    (ReturnStatus.FEEDBACK_SENT, "feedback_sent_on"),
    (ReturnStatus.CHALLENGED, "challenged_on"),
    (ReturnStatus.VALIDATED, "validated_on"),
    (ReturnStatus.RETURNED, "returned_on"),
    (ReturnStatus.ISSUED, "issued_on"),
)


def status_then(ctx: YearContext, row: ReturnRow) -> ReturnStatus:
    """A return's status on the day figures stand on, from the dates of its steps."""
    for status, attribute in STEPS:
        if ctx.by_then(getattr(row, attribute)) is not None:
            return status
    return ReturnStatus.NOT_ISSUED


def _active(ctx: YearContext, the_round: RoundRow, returns: list[ReturnRow]) -> bool:
    days = [the_round.issue_date, the_round.deadline, the_round.challenge_date]
    for row in returns:
        days += [getattr(row, attribute) for _, attribute in STEPS]
    return any(ctx.within(day) for day in days)


def _by_standard(
    matrix: ComplianceMatrix, return_ids: set[int] | None
) -> dict[int, MatrixCell | None]:
    """Every agency's cells (or those of `return_ids`) merged, standard by standard."""
    rows = [r for r in matrix.rows if return_ids is None or r.return_id in return_ids]
    return {
        number: merge_cells([r.cells[i] for r in rows], matrix.round.scale)
        for i, (number, _title) in enumerate(matrix.standards)
    }


def _cell_text(cell: MatrixCell | None) -> str:
    return cell.rating.label if cell is not None and cell.rating is not None else "Not rated"


def _round_content(
    ctx: YearContext, the_round: RoundRow, before: RoundRow | None, returns: list[ReturnRow]
) -> tuple[list, int]:
    """What the report says about one round, and how many returns it had received."""
    received = [r for r in returns if ctx.by_then(r.returned_on)]
    statuses = {r.id: status_then(ctx, r) for r in returns}
    on_time = [r for r in received if not r.late]
    matrix = compliance_matrix(ctx.db, the_round.id, today=ctx.as_at)
    now = _by_standard(matrix, {r.id for r in received})
    overall = merge_cells(list(now.values()), the_round.scale)
    earlier = _by_standard(compliance_matrix(ctx.db, before.id), None) if before else {}
    name = f"round {the_round.label}"
    figures = [
        Figure(f"Agencies in scope of {name}", str(len(returns)), len(returns)),
        Figure(f"Returns received by {ctx.at}", share(len(received), len(returns)), len(received)),
        Figure("Returned by the deadline (or agreed extension)", share(len(on_time), len(received)), len(on_time)),
        Figure(
            f"Feedback sent by {ctx.at}",
            share(sum(1 for s in statuses.values() if s is ReturnStatus.FEEDBACK_SENT), len(returns)),
            sum(1 for s in statuses.values() if s is ReturnStatus.FEEDBACK_SENT),
        ),
    ]  # fmt: skip
    if overall is not None:
        for label, count in overall.counts:
            figures.append(
                Figure(f"Criteria rated {label} (every agency)", share(count, overall.rated), count)
            )
    content: list = [Figures(f"Key figures: Section 11 {name}", tuple(figures))]
    facts = [f"Round {the_round.label} ({the_round.framework_name} {the_round.framework_version})"]
    if the_round.issue_date:
        facts.append(f"issued {format_date(the_round.issue_date)}")
    if the_round.deadline:
        facts.append(f"due {format_date(the_round.deadline)}")
    if the_round.challenge_date:
        facts.append(f"challenge session {format_date(the_round.challenge_date)}")
    content.append(Text(", ".join(facts) + "."))
    rows = []
    declined = []
    for number, title in matrix.standards:
        cell, old = now.get(number), earlier.get(number)
        change = change_between(
            old.rating.level if old and old.rating else None,
            cell.rating.level if cell and cell.rating else None,
        )
        if change is Change.DECLINED:
            declined.append(f"{number}. {title}")
        rows.append(
            (
                f"{number}. {title}",
                _cell_text(old) if before else "–",
                _cell_text(cell),
                change.label if before else "–",
                cell.describe() if cell else "no ratings",
            )
        )
    content.append(
        Table(
            f"Ratings by standard, every agency together: round {the_round.label}"
            + (f" against round {before.label}" if before else ""),
            (
                "Standard",
                f"Round {before.label}" if before else "Previous round",
                f"Round {the_round.label}",
                "Change",
                "Criteria rated",
            ),
            tuple(rows),
            (34, 13, 13, 11, 29),
        )
    )
    if before is None:
        content.append(
            Text(
                f"Round {the_round.label} is the first in the register: there is no earlier round "
                "to compare with.",
                "note",
            )
        )
    elif declined:
        content.append(
            Text("Standards rated lower than in the round before: " + "; ".join(declined) + ".")
        )
    content.append(
        Table(
            f"Returns to round {the_round.label}: status on {ctx.at}",
            ("Agency", f"Status on {ctx.at}", "Returned on", "Deadline", "On time"),
            tuple(
                (
                    r.agency_name,
                    statuses[r.id].label,
                    format_date(ctx.by_then(r.returned_on)) or "Not returned",
                    format_date(r.deadline),
                    ("No" if r.late else "Yes") if ctx.by_then(r.returned_on) else "–",
                )
                for r in returns
            ),
            (40, 18, 15, 15, 12),
        )
    )
    return content, len(received)


def section11_part(ctx: YearContext) -> PartData:
    newest_first = [r for r in list_rounds(ctx.db) if not r.issue_date or r.issue_date <= ctx.as_at]
    content: list = []
    received = 0
    for index, the_round in enumerate(newest_first):
        returns = round_returns(ctx.db, the_round.id, today=ctx.as_at)
        if not _active(ctx, the_round, returns):
            continue
        before = newest_first[index + 1] if index + 1 < len(newest_first) else None
        more, count = _round_content(ctx, the_round, before, returns)
        content += more
        received += count
    gaps: list[str] = []
    if not content:
        gaps.append(f"no Section 11 round active during {ctx.label}")
    elif not received:
        gaps.append(f"no Section 11 returns received by {ctx.at}")
    return PartData("section11", tuple(content), tuple(gaps))
