"""`partnerboard export training [--year 2025/26] -o FILE.xlsx`: the training figures to Excel.

Sheets: About (what, when, for which period, and how each figure counts), Summary (the figures
at a glance), Courses (progress against targets and the actions each answers), Sessions, By
agency (against each agency's target), By sector, Confidence (per learning outcome) and Themes
(what changed in practice). No practitioner's name or e-mail: figures only, so OFFICIAL unless a
course answers a restricted action (`figures.classification_of`). Every sheet prints as every
workbook does (`workbooks.printing`: A4, one page wide, its header row on every page, the marking
in header and footer with the title and the page); rates are real numbers shown as percentages,
so that they sort and chart.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from partnerboard.db.database import Database
from partnerboard.domain.audits import Share
from partnerboard.domain.public_sector_year import Period
from partnerboard.domain.training import (
    CONFIDENCE_RULE,
    DNA_RULE,
    FILL_RULE,
    FOLLOW_UP_RULE,
    TRAINED_RULE,
    BookingStatus,
)
from partnerboard.exports.xlsx import about_sheet, new_workbook, save_workbook, write_table
from partnerboard.services import partnership
from partnerboard.services.training.courses import list_courses
from partnerboard.services.training.figures import (
    TrainingFigures,
    at_a_glance,
    classification_of,
    training_figures,
)
from partnerboard.services.training.sessions import list_sessions
from partnerboard.spreadsheets.formats import AVERAGE, PERCENT


@dataclass(frozen=True)
class TrainingExport:
    path: Path
    sessions: int
    agencies: int


def _rate(share: Share | None) -> float | None:
    return None if share is None or not share.whole else share.part / share.whole


def _percent_columns(sheet: Any, columns: tuple[int, ...], last: int) -> None:
    PERCENT.show_all(sheet, columns, range(2, last + 1))


def _sessions(workbook: Any, db: Database, period: Period) -> int:
    rows = [
        [
            s.course_reference, s.course_title, s.starts_at.date(), f"{s.starts_at:%H:%M}",
            s.mode.label, s.venue, s.capacity, "Cancelled" if s.cancelled else ("Held" if s.held else "To come"),
            s.places_held, s.count(BookingStatus.ATTENDED), s.count(BookingStatus.DID_NOT_ATTEND),
            s.count(BookingStatus.CANCELLED_LATE), s.count(BookingStatus.CANCELLED), s.count(BookingStatus.WAITING),
            s.follow_up_sent_on,
        ]
        for s in list_sessions(db, since=period.start, until=period.end)
    ]  # fmt: skip
    write_table(
        workbook.create_sheet("Sessions"),
        ["Course", "Title", "Date", "Starts", "Where", "Venue", "Places", "State", "Held",
         "Attended", "Did not attend", "Cancelled late", "Cancelled", "Waiting list",
         "Follow-up sent"],
        rows,
        [9, 34, 11, 7, 11, 28, 7, 10, 7, 9, 9, 9, 9, 9, 11],
    )  # fmt: skip
    return len(rows)


def _agencies(workbook: Any, f: TrainingFigures) -> None:
    sheet = workbook.create_sheet("By agency")
    last = write_table(
        sheet,
        ["Agency", "Sector", "Places held", "Attended", "Did not attend", "Cancelled late",
         "Cancelled", "DNA rate", "Target (places)", "Against target"],
        [
            [t.name, t.detail, t.held, t.attended, t.did_not_attend, t.cancelled_late,
             t.cancelled, _rate(t.dna_rate), t.target, _rate(t.against_target)]
            for t in f.by_agency
        ],
        [40, 20, 9, 9, 9, 9, 9, 9, 10, 10],
    )  # fmt: skip
    _percent_columns(sheet, (8, 10), last)
    sheet = workbook.create_sheet("By sector")
    last = write_table(
        sheet,
        ["Sector", "Places held", "Attended", "Did not attend", "Cancelled late", "DNA rate",
         "Target (places)", "Against target"],
        [
            [t.name, t.held, t.attended, t.did_not_attend, t.cancelled_late, _rate(t.dna_rate),
             t.target, _rate(t.against_target)]
            for t in f.by_sector
        ],
        [24, 9, 9, 9, 9, 9, 10, 10],
    )  # fmt: skip
    _percent_columns(sheet, (6, 8), last)


def export_training(db: Database, path: Path, period: Period) -> TrainingExport:
    """Write the training figures of `period` to `path` (.xlsx), atomically."""
    f = training_figures(db, period)
    name = partnership.get_partnership(db).name
    classification = classification_of(db, f)
    title = f"Multi-agency training {period.label}: figures"
    workbook = new_workbook()
    about_sheet(
        workbook,
        title,
        [
            ("Partnership", name),
            ("Period", f"{period.label} ({period.start:%d/%m/%Y} to {period.end:%d/%m/%Y})"),
            ("Exported on", db.clock.today()),
            ("Exported by", classification.author),
            ("Practitioners", "Figures only: no practitioner's name or e-mail."),
            ("Places filled", FILL_RULE),
            ("Did not attend", DNA_RULE),
            ("Trained", TRAINED_RULE),
            ("Confidence", CONFIDENCE_RULE),
            ("Follow-up", FOLLOW_UP_RULE),
        ],
        classification,
    )
    write_table(
        workbook.create_sheet("Summary"),
        ["Figure", "Value"],
        [[label, str(value)] for label, value in at_a_glance(f)],
        [34, 70],
    )
    courses = list_courses(db)
    sheet = workbook.create_sheet("Courses")
    last = write_table(
        sheet,
        ["Course", "Title", "Theme", "Priority", "Level", "Delivered by", "Length", "Sessions",
         "Trained (all time)", "Target", "Done", "Answers actions"],
        [
            [c.reference, c.title, c.theme, c.workstream, c.level.label, c.delivering_agency,
             c.length, c.sessions, c.trained, c.target_trained,
             c.trained / c.target_trained if c.target_trained else None, "; ".join(c.actions)]
            for c in courses
        ],
        [9, 34, 16, 26, 16, 26, 9, 8, 9, 8, 7, 50],
    )  # fmt: skip
    _percent_columns(sheet, (11,), last)
    sessions = _sessions(workbook, db, period)
    _agencies(workbook, f)
    sheet = workbook.create_sheet("Confidence")
    write_table(
        sheet,
        ["Course", "Outcome", "Learning outcome", "Rated", "Before (mean)", "After (mean)",
         "Change", "More confident", "No change", "Less confident"],
        [
            [o.course, o.number, o.text, o.rated, o.mean_before, o.mean_after, o.change,
             o.improved, o.same, o.lower]
            for o in f.outcomes
        ],
        [9, 8, 50, 7, 9, 9, 8, 9, 9, 9],
    )  # fmt: skip
    AVERAGE.show_all(sheet, (5, 6, 7), range(2, len(f.outcomes) + 2))
    write_table(
        workbook.create_sheet("Themes"),
        ["What changed in practice (theme)", "Follow-up responses"],
        [list(t) for t in f.themes],
        [50, 12],
    )
    save_workbook(workbook, Path(path), title=title, classification=classification)
    return TrainingExport(Path(path), sessions, len(f.by_agency))
