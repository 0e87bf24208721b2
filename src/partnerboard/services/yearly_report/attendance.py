"""Board attendance by agency in the yearly report: the meetings held during the year.

The figures are the attendance figures page's (`services.meetings.figures`): seats expected at
meetings that took place, filled by the member, by a deputy, or not. "Board attendance" is the
partnership board's (boards of kind "board"); the sub-groups' meetings are counted beside it.
"""

from __future__ import annotations

from sqlalchemy import select

from partnerboard.db.models.partnership import Board
from partnerboard.domain.partnership import BoardKind
from partnerboard.services.meetings.figures import AttendanceFigures, Tally, attendance_figures
from partnerboard.services.yearly_report.context import YearContext, percent, share
from partnerboard.services.yearly_report.document import Figure, Figures, PartData, Table


def _tally_row(tally: Tally) -> tuple[str, ...]:
    return (
        tally.name,
        str(tally.expected),
        str(tally.attended),
        str(tally.deputy),
        str(tally.apologies),
        str(tally.absent),
        percent(tally.attended, tally.expected),
        percent(tally.attended + tally.deputy, tally.expected),
    )


def _board_content(ctx: YearContext, name: str, figures: AttendanceFigures) -> list:
    expected = sum(t.expected for t in figures.agencies)
    attended = sum(t.attended for t in figures.agencies)
    deputies = sum(t.deputy for t in figures.agencies)
    total = Tally("All agencies", "", expected, attended, 0, deputies,
                  sum(t.apologies for t in figures.agencies), sum(t.absent for t in figures.agencies))  # fmt: skip
    return [
        Figures(
            f"Key figures: attendance at the {name}, {ctx.label}",
            (
                Figure(f"Meetings of the {name} held", str(figures.meetings), figures.meetings),
                Figure("Members' seats expected", str(expected), expected),
                Figure("Attendance rate (members themselves)", share(attended, expected), attended),
                Figure(
                    "Seats filled, counting deputies",
                    share(attended + deputies, expected),
                    attended + deputies,
                ),
            ),
        ),  # fmt: skip
        Table(
            f"Attendance at the {name} by agency, {ctx.label}",
            ("Agency", "Seats", "Attended", "Deputy", "Apologies", "Absent", "Rate", "With deputy"),
            tuple(_tally_row(t) for t in figures.agencies),
            (34, 8, 10, 9, 11, 9, 9, 10),
            total=_tally_row(total),
        ),  # fmt: skip
    ]


def attendance_part(ctx: YearContext) -> PartData:
    with ctx.db.reader() as session:
        boards = session.execute(
            select(Board.id, Board.name, Board.kind).order_by(Board.sort_order, Board.name)
        ).all()
    figures = {i: attendance_figures(ctx.db, ctx.start, ctx.as_at, i) for i, _, _ in boards}
    content: list = []
    for board_id, name, kind in boards:
        if kind == BoardKind.BOARD.value and figures[board_id].meetings:
            content += _board_content(ctx, name, figures[board_id])
    held = [(name, figures[i].meetings) for i, name, _ in boards if figures[i].meetings]
    if held:
        content.append(
            Table(
                f"Meetings held during {ctx.label}, by board and sub-group",
                ("Board or sub-group", "Meetings held"),
                tuple((name, str(n)) for name, n in held),
                (75, 25),
                total=("All", str(sum(n for _, n in held))),
            )
        )
    gaps = []
    if not held:
        gaps.append(f"no board or sub-group meetings held during {ctx.label}")
    elif not any(isinstance(c, Figures) for c in content):
        gaps.append(f"no meetings of the partnership board held during {ctx.label}")
    return PartData("attendance", tuple(content), tuple(gaps))
