"""`partnerboard report training --year 2025/26 -o FILE.pdf`: the training programme for a period.

A4 board paper on the shared layout, for a public-sector year or one of its quarters: the
programme at a glance (sessions, places filled, practitioners trained, did-not-attend rate and
its cost, evaluation and follow-up response rates) with how each figure counts; progress
against the courses' targets and the actions they answer ("neglect toolkit: 212 of 300
trained"); places by course; attendance by agency against each agency's target, and by sector;
confidence before and after per learning outcome; and what practitioners did differently three
months on, by theme, with a few of their words (never their names). Every user string is
escaped (`reports.text`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.platypus import Flowable, KeepTogether

from partnerboard.db.database import Database
from partnerboard.domain.audits import Share
from partnerboard.domain.breakdown import Breakdown
from partnerboard.domain.dates import format_date
from partnerboard.domain.public_sector_year import QUARTER, Period
from partnerboard.domain.training import (
    CONFIDENCE_RULE,
    DNA_RULE,
    FILL_RULE,
    FOLLOW_UP_RULE,
    TRAINED_RULE,
    EvaluationKind,
)
from partnerboard.reports.blocks import data_table, facts_table
from partnerboard.reports.charts import stacked_bar_charts
from partnerboard.reports.layout import ReportInfo, build_pdf, heading
from partnerboard.reports.styles import report_styles
from partnerboard.reports.text import para
from partnerboard.services import partnership
from partnerboard.services.training.courses import list_courses
from partnerboard.services.training.evaluations import EvaluationRow, list_evaluations
from partnerboard.services.training.figures import (
    Tally,
    TrainingFigures,
    at_a_glance,
    attendance_breakdown,
    classification_of,
    confidence_breakdown,
    places_breakdown,
    training_figures,
)

QUOTES = 4
NO_NAMES = (
    "Practitioners are counted without their names: the figures come from bookings and "
    "evaluation responses, which hold no name or e-mail."
)


@dataclass(frozen=True)
class TrainingReport:
    path: Path
    pages: int


def _long(day: date) -> str:
    """'1 April 2026' (strftime's unpadded day is not portable)."""
    return f"{day.day} {day:%B %Y}"


def _one(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _change(value: float | None) -> str:
    return "–" if value is None else f"{value:+.1f}"


def _summary(f: TrainingFigures) -> list[Flowable]:
    styles = report_styles()
    ended = f.today > f.period.end
    span = f"{format_date(f.period.start)} to {format_date(f.period.end)}"
    status = "" if ended else f" The period has not ended: figures as at {format_date(f.today)}."
    return [
        para(f"Sessions that started from {span}.{status}"),
        facts_table(at_a_glance(f), 0.36),
        *(para(rule, styles.muted) for rule in (FILL_RULE, DNA_RULE, TRAINED_RULE)),
        para(NO_NAMES, styles.muted),
    ]


def _progress(f: TrainingFigures) -> list[Flowable]:
    rows = [
        (c.reference, c.title, "; ".join(c.actions) or "–", c.trained, c.target or "–",
         f"{round(100 * c.trained / c.target)}%" if c.target else "–")
        for c in f.courses
    ]  # fmt: skip
    return [
        heading("Progress against the plan", 1),
        para(
            "Courses with a target of practitioners to train, or that answer actions of the "
            "action log (improvement-plan actions and review recommendations). Trained counts "
            "since each course began, up to the end of the period."
        ),
        data_table(
            ["Course", "Title", "Answers", "Trained", "Target", "Done"],
            rows,
            (0.9, 2.6, 3.4, 0.9, 0.9, 0.8),
            empty_text="No course has a target or a linked action.",
        ),  # fmt: skip
    ]


def _percent(share: Share | None) -> str:
    return "–" if share is None or share.percent is None else f"{share.percent}%"


def _charts(title: str, data: Breakdown, width: float, lead: list[Flowable]) -> list[Flowable]:
    """`lead` (a heading and its words) kept on the page of the first chart, then the rest;
    each chart with the words of its data underneath."""
    caption = report_styles().caption
    blocks = [
        [drawing, para(part.describe(title), caption)]
        for drawing, part in stacked_bar_charts(data, width)
    ]
    blocks[0] = [*lead, *blocks[0]]
    return [KeepTogether(block) for block in blocks]


def _places(f: TrainingFigures, width: float, titles: dict[str, str]) -> list[Flowable]:
    rows = [
        (f"{t.name} {titles.get(t.name, '')}", t.offered, t.held, _percent(t.fill), t.attended,
         t.did_not_attend, t.cancelled_late, _percent(t.dna_rate))
        for t in f.by_course
    ]  # fmt: skip
    header = ["Course", "Offered", "Held", "Filled", "Attended", "Did not attend", "Late", "DNA"]
    lead: list[Flowable] = [heading("Places by course", 1)]
    return [
        *_charts("Places by course, at sessions held", places_breakdown(f), width, lead),
        data_table(
            header,
            rows,
            (3.4, 0.9, 0.8, 0.8, 1.15, 1.1, 0.7, 0.8),
            empty_text="No session was held in the period.",
        ),  # fmt: skip
    ]


def _tally_rows(tallies: tuple[Tally, ...], sector: bool) -> list[tuple]:
    return [
        (t.name, *((t.detail,) if sector else ()), t.held, t.attended, t.did_not_attend,
         t.cancelled_late, _percent(t.dna_rate) if t.on_the_day else "–", t.target or "–",
         _percent(t.against_target))
        for t in tallies
    ]  # fmt: skip


def _agencies(f: TrainingFigures, width: float) -> list[Flowable]:
    year = f.period.year_period.label
    numbers = ["Held", "Attended", "DNA", "Late", "DNA rate", "Target", "Done"]
    return [
        heading("Attendance by agency", 1),
        para(
            "Places held by each agency's practitioners at the sessions held, and what became "
            f"of them (DNA: did not attend). Each agency's target is the places it aims to have "
            f"attended in {year}; Done is the places attended against it."
        ),
        data_table(
            ["Agency", "Sector", *numbers],
            _tally_rows(f.by_agency, True),
            (3.1, 1.5, 0.75, 1.15, 0.65, 0.65, 0.85, 0.85, 0.75),
            empty_text="No booking at the sessions held.",
        ),  # fmt: skip
        *_charts(
            "Attendance by sector",
            attendance_breakdown(f.by_sector),
            width,
            [heading("Attendance by sector", 2)],
        ),  # fmt: skip
        data_table(
            ["Sector", *numbers],
            _tally_rows(f.by_sector, False),
            (3.4, 0.75, 1.15, 0.65, 0.65, 0.85, 0.85, 0.75),
            empty_text="No booking at the sessions held.",
        ),  # fmt: skip
    ]


def _confidence(f: TrainingFigures, width: float) -> list[Flowable]:
    story: list[Flowable] = [
        heading("Confidence before and after", 1),
        para(
            "From the course evaluations: each practitioner rated their confidence in each "
            f"learning outcome before and after the course, from 1 to 5. {CONFIDENCE_RULE}"
        ),
        data_table(
            ["Course", "Learning outcome", "Rated", "Before", "After", "Change", "More confident"],
            [
                (
                    o.course,
                    f"{o.number}. {o.text}",
                    o.rated,
                    _one(o.mean_before),
                    _one(o.mean_after),
                    _change(o.change),
                    f"{o.improved} of {o.rated}",
                )
                for o in f.outcomes
            ],
            (0.9, 4, 0.7, 0.8, 0.8, 0.9, 1.3),
            empty_text="No course evaluation was returned for the sessions held.",
        ),  # fmt: skip
    ]
    chart = confidence_breakdown(f, by_course=True)
    if not chart.is_empty:
        title = "Practitioners more confident after the course, all outcomes of each course"
        story += _charts(title, chart, width, [])
    return story


def _follow_up(f: TrainingFigures, quotes: list[EvaluationRow]) -> list[Flowable]:
    styles = report_styles()
    intro = (
        "About three months after each session practitioners were asked what they have done "
        f"differently. Response rate: {f.follow_up}. Business support tagged each answer with "
        "a theme."
    )
    themes = data_table(
        ["Theme", "Responses"], list(f.themes), (5, 1),
        empty_text="No follow-up response has been tagged yet.",
    )  # fmt: skip
    lead = [heading("What changed in practice", 1), para(intro), themes]
    story: list[Flowable] = [KeepTogether([*lead, para(FOLLOW_UP_RULE, styles.muted)])]
    if quotes:
        story.append(heading("In their words", 2))
        story += [
            para(f"“{q.comment}” ({q.course_reference}{f', {q.theme_tag}' if q.theme_tag else ''})")
            for q in quotes
        ]
    return story


def pick_quotes(responses: list[EvaluationRow], limit: int = QUOTES) -> list[EvaluationRow]:
    """A few answers, one per theme first, newest first; never a name (responses hold none)."""
    answered = [r for r in responses if r.comment]
    answered.sort(key=lambda r: r.submitted_at or r.session_starts_at, reverse=True)
    chosen, themes = [], set()
    for response in answered:
        if response.theme_tag and response.theme_tag not in themes:
            chosen.append(response)
            themes.add(response.theme_tag)
    chosen += [r for r in answered if r not in chosen]
    return chosen[:limit]


def build_story(
    f: TrainingFigures, quotes: list[EvaluationRow], width: float, titles: dict[str, str]
) -> list[Flowable]:
    styles = report_styles()
    p = f.period
    which = f"Quarter {p.label}" if p.kind == QUARTER else f"Year {p.label}"
    return [
        para("Multi-agency training report", styles.title),
        para(f"{which}: {_long(p.start)} to {_long(p.end)}", styles.subtitle),
        *_summary(f),
        *_progress(f),
        *_places(f, width, titles),
        *_agencies(f, width),
        *_confidence(f, width),
        *_follow_up(f, quotes),
    ]


def write_training_report(
    db: Database,
    period: Period,
    path: Path,
    on_page: Callable[[int], None] | None = None,
) -> TrainingReport:
    """Write the training report of `period` (a year or a quarter) to `path` (PDF)."""
    figures = training_figures(db, period)
    follow_ups = list_evaluations(
        db, EvaluationKind.FOLLOW_UP, since=period.start, until=min(period.end, figures.today)
    )
    details = partnership.get_partnership(db)
    logo = partnership.get_logo(db)
    info = ReportInfo(
        title=f"Multi-agency training {period.label}",
        partnership=details.name,
        subject=f"The multi-agency training programme, {period.label}",
        classification=classification_of(db, figures),
        logo=logo[0] if logo else None,
        generated_on=db.clock.today(),
        keywords=("multi-agency training", period.label),
    )
    pages: list[int] = []

    def count(page: int) -> None:
        pages.append(page)
        if on_page is not None:
            on_page(page)

    titles = {c.reference: c.title for c in list_courses(db)}
    story = build_story(figures, pick_quotes(follow_ups), info.content_width, titles)
    build_pdf(info, story, Path(path), on_page=count)
    return TrainingReport(Path(path), max(pages, default=0))
