"""Multi-agency training in the yearly report: places, attendance and evaluation in the year.

The figures are the training register's own (`services.training.figures.training_figures` for
the year, counted by the rules of `domain.training`): the sessions held from 1 April to the day
figures stand on, with their bookings, attendance and evaluations as the register holds them
(it keeps no dated history of a booking's status; follow-ups about three months on arrive after
the year for its last sessions, and count). Courses' progress ("212 of 300 trained") counts up
to 31 March. Figures only: a practitioner's name, e-mail or role never reaches the report, and
linked actions the reader may not see are absent (`ctx.db`), those the draft shows restricted
are labelled.
"""

from __future__ import annotations

from partnerboard.domain.audits import Share
from partnerboard.domain.training import CONFIDENCE_RULE, DNA_RULE, FILL_RULE, FOLLOW_UP_RULE
from partnerboard.services.training.courses import list_courses
from partnerboard.services.training.figures import (
    Tally,
    TrainingFigures,
    at_a_glance,
    training_figures,
)
from partnerboard.services.yearly_report.context import YearContext, percent
from partnerboard.services.yearly_report.document import (
    Content,
    Figure,
    Figures,
    PartData,
    Table,
    Text,
)

STILL_TO_COME = "Sessions still to come"


def _one(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _change(value: float | None) -> str:
    return "–" if value is None else f"{value:+.1f}"


def _rate(share: Share | None) -> str:
    return "–" if share is None or share.percent is None else f"{share.percent}%"


def training_part(ctx: YearContext) -> PartData:
    f = training_figures(ctx.db, ctx.year)
    gaps = []
    if not f.whole.held:
        gaps.append(f"no training places recorded for {ctx.label}")
    if not f.evaluations.part:
        gaps.append(f"no training evaluations recorded for {ctx.label}")
    if not f.sessions_held:
        return PartData("training", gaps=tuple(gaps))
    shown = sum(c.restricted_actions for c in f.courses)  # labelled "Restricted: …" in them
    content: list[Content] = [
        Figures(
            f"Key figures: multi-agency training, {ctx.label}",
            tuple(
                Figure(label, str(value), value if isinstance(value, int) else None)
                for label, value in at_a_glance(f)
                if label != STILL_TO_COME or f.sessions_to_come
            ),
        ),
        Text(f"{FILL_RULE} {DNA_RULE}", "note"),
        _by_course(ctx, f),
        *_by_agency_and_sector(ctx, f),
    ]
    if f.courses:
        content.append(_progress(ctx, f))
    if any(o.rated for o in f.outcomes):
        content += [_confidence(ctx, f), Text(CONFIDENCE_RULE, "note")]
    if f.follow_up.whole or f.themes:
        content += _follow_up(ctx, f)
    return PartData("training", tuple(content), tuple(gaps), restricted=shown)


def _by_course(ctx: YearContext, f: TrainingFigures) -> Table:
    courses = {c.reference: c for c in list_courses(ctx.db)}
    return Table(
        f"Places by course, sessions held during {ctx.label}",
        ("Course", "Priority", "Places offered", "Places filled", "Attended", "Did not attend",
         "Did-not-attend rate"),
        tuple(
            (
                f"{t.name} {courses[t.name].title}" if t.name in courses else t.name,
                (courses[t.name].workstream if t.name in courses else None) or "–",
                str(t.offered), _rate(t.fill), str(t.attended), str(t.did_not_attend),
                _rate(t.dna_rate),
            )
            for t in f.by_course
        ),
        (30, 20, 9, 9, 9, 9, 10),
        total=_total(f.whole),
    )  # fmt: skip


def _total(t: Tally) -> tuple[str, ...]:
    return (
        t.name, "", str(t.offered), _rate(t.fill), str(t.attended), str(t.did_not_attend),
        _rate(t.dna_rate),
    )  # fmt: skip


def _by_agency_and_sector(ctx: YearContext, f: TrainingFigures) -> list[Content]:
    agencies = [t for t in f.by_agency if t.held or t.target]
    tables: list[Content] = []
    if agencies:
        tables.append(
            Table(
                f"Attendance by agency, {ctx.label}",
                (
                    "Agency",
                    "Sector",
                    "Places held",
                    "Attended",
                    "Did-not-attend rate",
                    "Target (places)",
                    "Against target",
                ),
                tuple(
                    (
                        t.name,
                        t.detail or "–",
                        str(t.held),
                        str(t.attended),
                        _rate(t.dna_rate) if t.on_the_day else "–",
                        str(t.target) if t.target else "–",
                        _rate(t.against_target),
                    )
                    for t in agencies
                ),
                (30, 18, 9, 9, 11, 10, 10),
            )  # fmt: skip
        )
    if f.by_sector:
        tables.append(
            Table(
                f"Attendance by sector, {ctx.label}",
                ("Sector", "Places held", "Attended", "Did not attend", "Did-not-attend rate"),
                tuple(
                    (
                        t.name,
                        str(t.held),
                        str(t.attended),
                        str(t.did_not_attend),
                        _rate(t.dna_rate) if t.on_the_day else "–",
                    )
                    for t in f.by_sector
                ),
                (36, 16, 16, 16, 16),
            )  # fmt: skip
        )
    return tables


def _progress(ctx: YearContext, f: TrainingFigures) -> Table:
    return Table(
        f"Courses answering the partnership's priorities and actions: trained by {ctx.at}",
        ("Course", "Priority", "Answers", "Trained"),
        tuple(
            (f"{c.reference} {c.title}", c.workstream or "–",
             "; ".join(c.actions) or "–", c.text.removeprefix(f"{c.title}: "))
            for c in f.courses
        ),
        (28, 20, 34, 18),
    )  # fmt: skip


def _confidence(ctx: YearContext, f: TrainingFigures) -> Table:
    rated = [o for o in f.outcomes if o.rated]
    return Table(
        f"Confidence before and after the course, by learning outcome, {ctx.label}",
        ("Learning outcome", "Rated", "Before (1 to 5)", "After (1 to 5)", "Change",
         "More confident"),
        tuple(
            (o.label, str(o.rated), _one(o.mean_before), _one(o.mean_after), _change(o.change),
             percent(o.improved, o.rated))
            for o in rated
        ),
        (40, 9, 12, 12, 10, 12),
    )  # fmt: skip


def _follow_up(ctx: YearContext, f: TrainingFigures) -> list[Content]:
    blocks: list[Content] = [Text(FOLLOW_UP_RULE, "note")]
    if f.themes:
        blocks.append(
            Table(
                f"What practitioners did differently three months on, by theme, {ctx.label}",
                ("Theme", "Follow-up responses"),
                tuple((theme, str(n)) for theme, n in f.themes),
                (75, 25),
            )
        )
    return blocks
