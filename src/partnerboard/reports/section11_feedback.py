"""`partnerboard report s11-feedback`: the board's feedback letter to one agency, as PDF.

Built on the shared board-paper layout (`reports.layout`): partnership header, footer with
page X of Y, embedded fonts. The letter gives the agency's ratings per standard beside the
board's moderated ratings and the change since the previous round; a chart of how many
criteria got each rating (each set counted on its own); strengths and areas for development;
moderated ratings with their reasons; the challenge questions and the agency's responses; the
actions agreed; and a closing kept on the page with the last of them. Every string a person
typed reaches reportlab through `para`/`rich`/`data_table`, which escape it.

A letter gives the board's view, so it is written only from a return whose validation or
challenge session is recorded; before that it is refused, or (`draft=True`) printed as a
DRAFT that shows the agency's own ratings and makes no claim about the board's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from partnerboard.db.database import Database
from partnerboard.domain.breakdown import Breakdown
from partnerboard.domain.dates import format_date
from partnerboard.domain.marking import author_name, classify, labelled
from partnerboard.domain.section11 import Change, RatingScale, ReturnStatus
from partnerboard.errors import UserError
from partnerboard.services import partnership
from partnerboard.services import section11 as s11

# Statuses of a return the board has looked at: validated, challenged, feedback sent.
REVIEWED = frozenset({ReturnStatus.VALIDATED, ReturnStatus.CHALLENGED, ReturnStatus.FEEDBACK_SENT})


@dataclass(frozen=True)
class LetterData:
    partnership: partnership.PartnershipRow
    logo: bytes | None
    agency: partnership.AgencyRow
    the_round: s11.RoundRow
    the_return: s11.ReturnRow
    board_row: s11.MatrixRow | None
    own_row: s11.MatrixRow | None
    standards: tuple[tuple[int, str], ...]
    changes: dict[int, Change]
    answers: list[s11.AnswerRow]
    challenges: list[s11.ChallengeRow]
    actions: list[s11.ActionArisingRow]
    author: str

    @property
    def reviewed(self) -> bool:
        """The board validated or challenged the return (its ratings are the board's view)."""
        r = self.the_return
        moderated = any(a.moderated_rating for a in self.answers)
        return (
            bool(r.validated_on or r.challenged_on or self.challenges or moderated)
            or r.status in REVIEWED
        )

    @property
    def challenged(self) -> bool:
        return self.the_return.challenged_on is not None or bool(self.challenges)


def gather(db: Database, round_id: int, agency_id: int) -> LetterData:
    agency = partnership.get_agency(db, agency_id)
    the_round = s11.get_round(db, round_id)
    the_return = s11.find_return(db, round_id, agency_id)
    if the_return is None:
        raise UserError(f"{agency.name} is not in Section 11 round {the_round.label}.")
    board = s11.compliance_matrix(db, round_id, use_moderated=True)
    own = s11.compliance_matrix(db, round_id, use_moderated=False)
    trend = s11.year_on_year(db, agency_id, until_round_id=round_id)
    logo = partnership.get_logo(db)
    return LetterData(
        partnership.get_partnership(db),
        logo[0] if logo else None,
        agency,
        the_round,
        the_return,
        next((r for r in board.rows if r.agency_id == agency_id), None),
        next((r for r in own.rows if r.agency_id == agency_id), None),
        board.standards,
        {r.standard_number: r.change for r in trend.rows if r.standard_number is not None},
        s11.return_answers(db, the_return.id),
        s11.challenges(db, the_return.id),
        s11.actions_arising(db, the_return.id),
        author_name(db.principal, partnership.get_partnership(db).name),
    )


def check_reviewed(data: LetterData) -> None:
    """Refuse a letter for a return the board has neither validated nor challenged."""
    if data.reviewed:
        return
    r = data.the_return
    raise UserError(
        f"The Section 11 return of {data.agency.name} for round {data.the_round.label} is "
        f"“{r.status.label}”: the board has neither validated nor challenged it, so there is "
        "no feedback to give yet. Record the validation or the challenge session first, or "
        "print a draft (--draft)."
    )


def _badge(cell: s11.MatrixCell | None) -> Any:
    from partnerboard.reports.blocks import Badge  # noqa: PLC0415
    from partnerboard.reports.text import para  # noqa: PLC0415

    if cell is None or cell.rating is None:
        return para("–")
    return Badge(cell.rating.label, cell.rating.swatch)


def ratings_breakdown(data: LetterData) -> Breakdown:
    """How many criteria got each rating: the agency's own, then the board's (moderated)."""
    scale: RatingScale = data.the_round.scale
    own = [sum(1 for a in data.answers if a.rating == o.value) for o in scale.options]
    board = [sum(1 for a in data.answers if a.effective_rating == o.value) for o in scale.options]
    if not data.reviewed:
        return Breakdown(
            categories=("Your rating",),
            series=tuple(o.label for o in scale.options),
            counts=(tuple(own),),
            colours=tuple(o.swatch for o in scale.options),
        )
    return Breakdown(
        categories=("Your rating", "Board's rating"),
        series=tuple(o.label for o in scale.options),
        counts=(tuple(own), tuple(board)),
        colours=tuple(o.swatch for o in scale.options),
        alternatives=True,  # the same criteria twice: no grand total
    )


def _opening(data: LetterData) -> str:
    if not data.reviewed:
        return (
            "This is a draft. Your return has not yet been validated or discussed at a "
            "challenge session, so it shows your own ratings only: the board's feedback will "
            "follow once it has reviewed the return."
        )
    after = "after the challenge session" if data.challenged else "after validating your return"
    return (
        "This letter sets out the partnership's feedback: your ratings beside the board's "
        f"ratings {after}, what the board saw as strengths and areas for development"
        + (", the questions put to you and your responses" if data.challenged else "")
        + ", and the actions agreed."
    )


def build_story(data: LetterData, width: float, today: date) -> list[Any]:
    from reportlab.platypus import Spacer  # noqa: PLC0415

    from partnerboard.reports.blocks import data_table  # noqa: PLC0415
    from partnerboard.reports.charts import figure, stacked_bar_chart  # noqa: PLC0415
    from partnerboard.reports.flow import keep_short  # noqa: PLC0415
    from partnerboard.reports.layout import heading  # noqa: PLC0415
    from partnerboard.reports.styles import report_styles  # noqa: PLC0415
    from partnerboard.reports.text import para, rich  # noqa: PLC0415

    styles = report_styles()
    label = data.the_round.label
    contact = data.agency.contact_name
    story: list[Any] = [
        para(format_date(today)),
        Spacer(1, 4),
        para(contact or "The Section 11 lead"),
        para(data.agency.name),
        Spacer(1, 6),
        heading(
            f"Section 11 self-assessment {label}: {'draft ' if not data.reviewed else ''}feedback"
        ),
        para(f"Dear {contact or 'colleague'},"),
        rich(
            "Thank you for your Section 11 self-assessment for round {} (returned {}). {}",
            label,
            format_date(data.the_return.returned_on) or "not yet returned",
            _opening(data),
        ),
        heading("Ratings by standard", 2),
    ]
    rows = []
    for index, (number, title) in enumerate(data.standards):
        own = data.own_row.cells[index] if data.own_row else None
        board = data.board_row.cells[index] if data.board_row else None
        change = data.changes.get(number, Change.NONE)
        shown = change.label if change not in (Change.NONE, Change.NEW) else "–"
        if data.reviewed:
            rows.append([f"{number}. {title}", _badge(own), _badge(board), shown])
        else:
            rows.append([f"{number}. {title}", _badge(own), shown])
    if data.reviewed:
        story.append(
            data_table(
                ["Standard", "Your rating", "Board's rating", "Since last round"],
                rows,
                (5, 1.6, 1.6, 1.4),
            )
        )
    else:
        story.append(
            data_table(["Standard", "Your rating", "Since last round"], rows, (6, 1.6, 1.4))
        )
    breakdown = ratings_breakdown(data)
    count = len(data.answers)
    caption = breakdown.describe(f"Criteria by rating ({count} criteria, each set counted once)")
    story.append(figure(stacked_bar_chart(breakdown, width), caption))
    if data.reviewed:
        story += [heading("Strengths", 2), para(data.the_return.strengths or "None recorded.")]
        story += [
            heading("Areas for development", 2),
            para(data.the_return.areas_for_development or "None recorded."),
        ]
        moderated = [
            a for a in data.answers if a.moderated_rating and a.moderated_rating != a.rating
        ]
        if moderated:
            story.append(heading("Ratings moderated by the board", 2))
            story.append(
                data_table(
                    ["Criterion", "Your rating", "Board's rating", "Reason"],
                    [
                        [
                            f"{a.code} {a.text}",
                            a.rating_label or "Not rated",
                            a.moderated_label,
                            a.moderation_reason,
                        ]
                        for a in moderated
                    ],
                    (4, 1.4, 1.4, 3),
                )
            )
    if data.challenged:
        story.append(heading("Challenge questions and responses", 2))
        story.append(
            data_table(
                ["Standard", "Question", "Response"],
                [
                    [c.standard_number or "", c.question, c.response or "Response awaited."]
                    for c in data.challenges
                ],
                (1, 4, 4),
            )
        )
    closing = [
        Spacer(1, 10),
        para("Yours sincerely,", styles.body),
        Spacer(1, 18),
        *([para(data.author, styles.body)] if data.author != data.partnership.name else []),
        para(f"On behalf of {data.partnership.name}", styles.body),
    ]
    if data.reviewed:
        # The last section and the closing stay together: a sign-off never sits alone.
        story.append(
            keep_short(
                [
                    heading("Actions agreed", 2),
                    data_table(
                        ["Reference", "Action", "Due"],
                        [
                            [a.reference, labelled(a.text, a.restricted), a.due_on]
                            for a in data.actions
                        ],
                        (1.4, 5, 1.2),
                    ),
                    *closing,
                ],
                limit=400,
            )
        )
    else:
        story.append(keep_short(closing))
    return story


def write_feedback_letter(
    db: Database,
    round_id: int,
    agency_id: int,
    path: Path,
    today: date | None = None,
    *,
    draft: bool = False,
) -> Path:
    """Write the feedback letter of one agency in one round to `path` (PDF).

    Refused (UserError) for a return the board has neither validated nor challenged, unless
    `draft`: then a DRAFT letter with the agency's own ratings only.
    """
    from partnerboard.reports.layout import ReportInfo, build_pdf  # noqa: PLC0415  (reportlab)

    data = gather(db, round_id, agency_id)
    if not draft:
        check_reviewed(data)
    today = today or db.clock.today()
    restricted = sum(1 for a in data.actions if a.restricted) if data.reviewed else 0
    info = ReportInfo(
        title=f"Section 11 feedback {data.the_round.label}: {data.agency.name}"
        + ("" if data.reviewed else " (draft)"),
        partnership=data.partnership.name,
        classification=classify([("action", restricted)], author=data.author),
        subject=f"Feedback on the Section 11 self-assessment of {data.agency.name}",
        draft=draft and not data.reviewed,
        logo=data.logo,
        generated_on=today,
        keywords=("Section 11", data.the_round.label),
    )
    build_pdf(info, build_story(data, info.content_width, today), path)
    return path
