"""`partnerboard report s11-feedback`: the board's feedback letter to one agency, as PDF.

Partnership header; the agency's ratings per standard beside the board's moderated ratings and
the change since the previous round; a chart of how many criteria got each rating; strengths
and areas for development; moderated ratings with their reasons; the challenge questions and
the agency's responses; the actions agreed. Every string that a person typed is escaped
before it reaches a Paragraph (see `letter_layout.para`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from partnerboard.db.database import Database
from partnerboard.domain.dates import format_date
from partnerboard.domain.section11 import Change
from partnerboard.reports.letter_layout import BOLD, FONT, build_pdf, para, styles
from partnerboard.services import partnership
from partnerboard.services import section11 as s11


@dataclass(frozen=True)
class LetterData:
    partnership: partnership.PartnershipRow
    agency: partnership.AgencyRow
    the_round: s11.RoundRow
    the_return: s11.ReturnRow
    matrix_row: s11.MatrixRow | None
    own_row: s11.MatrixRow | None
    standards: tuple[tuple[int, str], ...]
    changes: dict[int, Change]
    answers: list[s11.AnswerRow]
    challenges: list[s11.ChallengeRow]
    actions: list[s11.ActionArisingRow]


def gather(db: Database, round_id: int, agency_id: int) -> LetterData:
    the_return = s11.find_return(db, round_id, agency_id)
    agency = partnership.get_agency(db, agency_id)
    the_round = s11.get_round(db, round_id)
    if the_return is None:
        from partnerboard.errors import UserError  # noqa: PLC0415

        raise UserError(f"{agency.name} is not in Section 11 round {the_round.label}.")
    moderated = s11.compliance_matrix(db, round_id, use_moderated=True)
    own = s11.compliance_matrix(db, round_id, use_moderated=False)
    trend = s11.year_on_year(db, agency_id, until_round_id=round_id)
    changes = {
        row.standard_number: row.change for row in trend.rows if row.standard_number is not None
    }
    return LetterData(
        partnership.get_partnership(db),
        agency,
        the_round,
        the_return,
        next((r for r in moderated.rows if r.agency_id == agency_id), None),
        next((r for r in own.rows if r.agency_id == agency_id), None),
        moderated.standards,
        changes,
        s11.return_answers(db, the_return.id),
        s11.challenges(db, the_return.id),
        s11.actions_arising(db, the_return.id),
    )


DARK_FILLS = {"#2e7d32", "#c62828"}


def _rating_cell(cell: s11.MatrixCell | None, st: dict[str, Any]) -> Any:
    """A rating in its colour's cell; white text on the dark fills for contrast."""
    if cell is None or cell.rating is None:
        return para("–", st["cell"])
    style = st["cell_on_dark"] if cell.rating.colour in DARK_FILLS else st["cell"]
    return para(cell.rating.label, style)


def _ratings_table(data: LetterData, st: dict[str, Any]) -> Any:
    from reportlab.lib import colors  # noqa: PLC0415
    from reportlab.lib.units import mm  # noqa: PLC0415
    from reportlab.platypus import Table, TableStyle  # noqa: PLC0415

    rows = [
        [
            para("Standard", st["cell_bold"]),
            para("Your rating", st["cell_bold"]),
            para("Board's rating", st["cell_bold"]),
            para("Since last round", st["cell_bold"]),
        ]
    ]
    commands: list[tuple[Any, ...]] = [
        # Tables set each cell's font even around Paragraphs: name ours, or Helvetica creeps in.
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9e9e9e")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#d9e1f2")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    for index, (number, title) in enumerate(data.standards):
        own = data.own_row.cells[index] if data.own_row else None
        board = data.matrix_row.cells[index] if data.matrix_row else None
        change = data.changes.get(number, Change.NONE)
        rows.append(
            [
                para(f"{number}. {title}", st["cell"]),
                _rating_cell(own, st),
                _rating_cell(board, st),
                para(change.label if change not in (Change.NONE, Change.NEW) else "–", st["cell"]),
            ]
        )
        for column, cell in ((1, own), (2, board)):
            if cell is not None and cell.colour:
                commands.append(
                    (
                        "BACKGROUND",
                        (column, index + 1),
                        (column, index + 1),
                        colors.HexColor(cell.colour),
                    )
                )
    table = Table(rows, colWidths=[86 * mm, 26 * mm, 26 * mm, 28 * mm], repeatRows=1)
    table.setStyle(TableStyle(commands))
    return table


def _chart(data: LetterData) -> Any:
    """Grouped bars: how many criteria got each rating, the agency's own and the board's."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart  # noqa: PLC0415
    from reportlab.graphics.charts.legends import Legend  # noqa: PLC0415
    from reportlab.graphics.shapes import Drawing, String  # noqa: PLC0415
    from reportlab.lib import colors  # noqa: PLC0415

    scale = data.the_round.scale
    own = [sum(1 for a in data.answers if a.rating == o.value) for o in scale.options]
    board = [sum(1 for a in data.answers if a.effective_rating == o.value) for o in scale.options]
    drawing = Drawing(440, 170)
    drawing.initialFontName = FONT  # else the renderer starts each drawing in Helvetica
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 40, 30, 280, 120
    chart.data = [own, board]
    chart.categoryAxis.categoryNames = scale.labels()
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueStep = max(1, (max(own + board + [1]) + 4) // 5)
    chart.bars[0].fillColor = colors.HexColor("#5b7fb8")
    chart.bars[1].fillColor = colors.HexColor("#1f3864")
    chart.barSpacing = 2
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 335, 130
    legend.fontName = FONT
    legend.fontSize = 8
    legend.colorNamePairs = [
        (colors.HexColor("#5b7fb8"), "Your rating"),
        (colors.HexColor("#1f3864"), "Board's rating"),
    ]
    drawing.add(legend)
    drawing.add(String(40, 158, "Criteria by rating", fontName=BOLD, fontSize=9))
    return drawing


def _section(story: list[Any], heading: str, text: str | None, st: dict[str, Any]) -> None:
    story.append(para(heading, st["heading"]))
    story.append(para(text or "None recorded.", st["body"]))


def build_story(data: LetterData, today: date) -> list[Any]:
    from reportlab.platypus import Spacer  # noqa: PLC0415

    st = styles()
    p = data.partnership
    story: list[Any] = [
        para(p.name, st["title"]),
    ]
    if p.address:
        story.append(para(p.address, st["small"]))
    story += [Spacer(1, 10), para(format_date(today), st["body"]), Spacer(1, 8)]
    story.append(para(data.agency.contact_name or "Section 11 lead", st["body"]))
    story.append(para(data.agency.name, st["body"]))
    story.append(Spacer(1, 12))
    story.append(para(f"Section 11 self-assessment {data.the_round.label}: feedback", st["title"]))
    returned = format_date(data.the_return.returned_on) or "not yet returned"
    story.append(
        para(
            f"Thank you for your Section 11 self-assessment for round {data.the_round.label} "
            f"(returned {returned}). This letter sets out the partnership's feedback: your "
            "ratings beside the board's moderated ratings after the challenge session, what "
            "the board saw as strengths and areas for development, the questions put to you "
            "and your responses, and the actions agreed.",
            st["body"],
        )
    )
    story.append(para("Ratings by standard", st["heading"]))
    story.append(_ratings_table(data, st))
    story.append(Spacer(1, 8))
    story.append(_chart(data))
    _section(story, "Strengths", data.the_return.strengths, st)
    _section(story, "Areas for development", data.the_return.areas_for_development, st)
    moderated = [a for a in data.answers if a.moderated_rating and a.moderated_rating != a.rating]
    if moderated:
        story.append(para("Ratings moderated by the board", st["heading"]))
        for a in moderated:
            story.append(
                para(
                    f"{a.code}: {a.rating_label or 'not rated'} → {a.moderated_label}. "
                    f"{a.moderation_reason or ''}",
                    st["body"],
                )
            )
    story.append(para("Challenge questions and responses", st["heading"]))
    if not data.challenges:
        story.append(para("None recorded.", st["body"]))
    for c in data.challenges:
        prefix = f"Standard {c.standard_number}: " if c.standard_number else ""
        story.append(para(prefix + c.question, st["body"], "<b>{}</b>"))
        story.append(para(c.response or "Response awaited.", st["body"]))
        story.append(Spacer(1, 4))
    story.append(para("Actions agreed", st["heading"]))
    if not data.actions:
        story.append(para("None recorded.", st["body"]))
    for action in data.actions:
        due = f" (by {format_date(action.due_on)})" if action.due_on else ""
        story.append(para(f"{action.reference}: {action.text}{due}", st["body"]))
    story += [
        Spacer(1, 14),
        para(f"On behalf of {p.name}", st["body"]),
    ]
    return story


def write_feedback_letter(
    db: Database, round_id: int, agency_id: int, path: Path, today: date | None = None
) -> Path:
    """Write the feedback letter of one agency in one round to `path` (PDF)."""
    data = gather(db, round_id, agency_id)
    today = today or date.today()
    return build_pdf(
        path,
        build_story(data, today),
        title=f"Section 11 feedback {data.the_round.label}: {data.agency.name}",
        author=data.partnership.name,
        header=data.partnership.name,
        footer=f"Section 11 feedback, round {data.the_round.label}: {data.agency.name}",
    )
