"""Multi-agency training in the yearly report: places, attendance and evaluation in the year.

The training register (courses, sessions, bookings, attendance, evaluations, follow-ups) is
built separately; until it is merged, `training_year` finds none and the report says so on its
first page ("no training evaluations recorded for 2025/26"). To plug it in, make
`training_year` return a `TrainingYear` for the sessions held from `ctx.start` to `ctx.as_at`,
read through `ctx.db` (so a published version reads as the public does).
"""

from __future__ import annotations

from dataclasses import dataclass

from partnerboard.services.yearly_report.context import YearContext, share
from partnerboard.services.yearly_report.document import Figure, Figures, PartData, Table


@dataclass(frozen=True)
class CourseLine:
    course: str
    theme: str | None  # the partnership priority it serves
    sessions: int
    places: int  # offered (capacity of the sessions)
    attended: int
    evaluations: int
    confidence_before: float | None  # mean, on the evaluation's scale
    confidence_after: float | None


@dataclass(frozen=True)
class TrainingYear:
    """What the training register must return for a year (sessions held in it)."""

    courses: tuple[CourseLine, ...]
    places: int
    booked: int
    attended: int
    did_not_attend: int
    late_cancellations: int
    evaluations: int
    confidence_before: float | None
    confidence_after: float | None
    scale: str  # "1 (not confident) to 5 (very confident)"
    follow_ups: int  # follow-ups returned, about three months on
    follow_ups_with_change: int  # of those, saying practice changed
    by_agency: tuple[tuple[str, int], ...]  # (agency, practitioners who attended)


def training_year(ctx: YearContext) -> TrainingYear | None:
    """The year's training figures; None while the training register is not part of the app."""
    return None


def _mean(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def training_part(ctx: YearContext, year: TrainingYear | None = None) -> PartData:
    year = year if year is not None else training_year(ctx)
    if year is None or not (year.booked or year.evaluations):
        return PartData(
            "training",
            gaps=(
                f"no training places recorded for {ctx.label}",
                f"no training evaluations recorded for {ctx.label}",
            ),
        )
    content = [
        Figures(
            f"Key figures: multi-agency training, {ctx.label}",
            (
                Figure("Courses run", str(len(year.courses)), len(year.courses)),
                Figure(
                    "Sessions held",
                    str(sum(c.sessions for c in year.courses)),
                    sum(c.sessions for c in year.courses),
                ),
                Figure("Training places offered", str(year.places), year.places),
                Figure("Places booked", str(year.booked), year.booked),
                Figure(
                    "Practitioners who attended", share(year.attended, year.booked), year.attended
                ),
                Figure(
                    "Did not attend or cancelled late",
                    str(year.did_not_attend + year.late_cancellations),
                    year.did_not_attend + year.late_cancellations,
                ),
                Figure(
                    "Evaluations returned", share(year.evaluations, year.attended), year.evaluations
                ),
                Figure(
                    f"Confidence before and after ({year.scale})",
                    f"{_mean(year.confidence_before)} before, {_mean(year.confidence_after)} after",
                ),
                Figure(
                    "Follow-ups saying practice changed",
                    share(year.follow_ups_with_change, year.follow_ups),
                    year.follow_ups_with_change,
                ),
            ),
        ),  # fmt: skip
        Table(
            f"Courses run during {ctx.label}",
            (
                "Course",
                "Priority",
                "Sessions",
                "Places",
                "Attended",
                "Evaluations",
                "Confidence before",
                "Confidence after",
            ),
            tuple(
                (
                    c.course,
                    c.theme or "",
                    str(c.sessions),
                    str(c.places),
                    str(c.attended),
                    str(c.evaluations),
                    _mean(c.confidence_before),
                    _mean(c.confidence_after),
                )
                for c in year.courses
            ),
            (26, 18, 8, 8, 9, 10, 11, 10),
        ),  # fmt: skip
    ]
    if year.by_agency:
        content.append(
            Table(
                f"Practitioners who attended, by agency, {ctx.label}",
                ("Agency", "Attended"),
                tuple((agency, str(n)) for agency, n in year.by_agency),
                (75, 25),
            )
        )
    gaps = () if year.evaluations else (f"no training evaluations recorded for {ctx.label}",)
    return PartData("training", tuple(content), gaps)
