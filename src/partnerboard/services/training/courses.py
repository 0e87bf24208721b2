"""The training programme's courses: theme and priority, level, audience, who delivers it, its
learning outcomes, and the actions (review recommendations, improvement-plan actions) it answers.

A course's outcomes are numbered as evaluations rate them; once an evaluation has rated an
outcome it cannot be taken away (its ratings would lose their meaning), only reworded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from partnerboard.db.database import Database
from partnerboard.db.models.actions import Action, Workstream
from partnerboard.db.models.partnership import Agency
from partnerboard.db.models.training import (
    TrainingBooking,
    TrainingCourse,
    TrainingCourseAction,
    TrainingOutcome,
    TrainingRating,
    TrainingSession,
)
from partnerboard.domain.marking import labelled
from partnerboard.domain.training import BookingStatus, Level, check_course
from partnerboard.errors import FieldError, NotFound, ValidationFailed
from partnerboard.services.common import check_version, fetch, tidy


@dataclass(frozen=True)
class CourseRow:
    id: int
    reference: str
    title: str
    theme: str
    workstream_id: int | None
    workstream: str | None  # "2. Neglect is seen and acted on"
    level: Level
    audience: str | None
    delivering_agency_id: int | None
    delivering_agency: str | None
    trainers: str | None
    duration_minutes: int | None
    target_trained: int | None
    description: str | None
    active: bool
    outcomes: tuple[str, ...]
    action_ids: tuple[int, ...]
    # "4.1 Train 300 practitioners in the neglect toolkit"; "Restricted: …" for a restricted
    # action (only those who may see it get it at all), as every output labels it.
    actions: tuple[str, ...]
    restricted_actions: int  # how many of `actions` are restricted
    sessions: int
    trained: int  # different practitioners who attended a session
    row_version: int

    @property
    def label(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def name(self) -> str:  # what a register page shows as the record's title
        return self.label

    @property
    def progress(self) -> str:
        """'212 of 300 trained (71%)', or '212 trained' without a target."""
        if not self.target_trained:
            return f"{self.trained} trained"
        share = round(100 * self.trained / self.target_trained)
        return f"{self.trained} of {self.target_trained} trained ({share}%)"

    @property
    def length(self) -> str:
        return format_minutes(self.duration_minutes)


def format_minutes(minutes: int | None) -> str:
    """'3 h', '1 h 30 min', '45 min', '' for None."""
    if not minutes:
        return ""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" + (f" {rest} min" if rest else "")


@dataclass
class CourseInput:
    reference: str
    title: str
    theme: str
    level: str | None
    workstream_id: int | None = None
    audience: str | None = None
    delivering_agency_id: int | None = None
    trainers: str | None = None
    duration_minutes: int | None = None
    target_trained: int | None = None
    description: str | None = None
    outcomes: list[str] = field(default_factory=list)
    action_ids: list[int] = field(default_factory=list)


def trained_counts(
    session: Session, course_ids: list[int], until: date | None = None
) -> dict[int, int]:
    """Different practitioners who attended a session of each course since it began (up to
    the end of `until`, if given)."""
    query = (
        select(TrainingSession.course_id, func.count(distinct(TrainingBooking.practitioner_id)))
        .join(TrainingBooking, TrainingBooking.session_id == TrainingSession.id)
        .where(
            TrainingSession.course_id.in_(course_ids),
            TrainingBooking.status == BookingStatus.ATTENDED.value,
        )
        .group_by(TrainingSession.course_id)
    )
    if until is not None:
        next_day = datetime.combine(until + timedelta(days=1), time())
        query = query.where(TrainingSession.starts_at < next_day)
    return dict(session.execute(query).all())


def course_rows(session: Session, courses: list[TrainingCourse]) -> list[CourseRow]:
    ids = [c.id for c in courses]
    outcomes: dict[int, list[str]] = {}
    for o in session.scalars(
        select(TrainingOutcome)
        .where(TrainingOutcome.course_id.in_(ids))
        .order_by(TrainingOutcome.number)
    ):
        outcomes.setdefault(o.course_id, []).append(o.text)
    actions: dict[int, list[tuple[int, str, bool]]] = {}
    # Actions the reader may not see (restricted) are left out by the session's rule.
    for course_id, action_id, reference, text, restricted in session.execute(
        select(
            TrainingCourseAction.course_id,
            Action.id,
            Action.reference,
            Action.text,
            Action.restricted,
        )
        .join(Action, Action.id == TrainingCourseAction.action_id)
        .where(TrainingCourseAction.course_id.in_(ids))
        .order_by(Action.reference_key)
    ):
        line = labelled(f"{reference} {text}", bool(restricted))
        actions.setdefault(course_id, []).append((action_id, line, bool(restricted)))
    sessions = dict(
        session.execute(
            select(TrainingSession.course_id, func.count())
            .where(TrainingSession.course_id.in_(ids))
            .group_by(TrainingSession.course_id)
        ).all()
    )
    trained = trained_counts(session, ids)
    workstreams = {w.id: f"{w.number}. {w.title}" for w in session.scalars(select(Workstream))}
    agencies = dict(session.execute(select(Agency.id, Agency.name)).all())
    return [
        CourseRow(
            c.id,
            c.reference,
            c.title,
            c.theme,
            c.workstream_id,
            workstreams.get(c.workstream_id or 0),
            Level.parse(c.level) or Level.BASIC,
            c.audience,
            c.delivering_agency_id,
            agencies.get(c.delivering_agency_id or 0),
            c.trainers,
            c.duration_minutes,
            c.target_trained,
            c.description,
            c.active,
            tuple(outcomes.get(c.id, [])),
            tuple(i for i, _t, _r in actions.get(c.id, [])),
            tuple(t for _i, t, _r in actions.get(c.id, [])),
            sum(1 for _i, _t, r in actions.get(c.id, []) if r),
            sessions.get(c.id, 0),
            trained.get(c.id, 0),
            c.row_version,
        )  # fmt: skip
        for c in courses
    ]


def list_courses(db: Database, include_inactive: bool = True) -> list[CourseRow]:
    """Every course, by reference."""
    with db.reader() as session:
        query = select(TrainingCourse).order_by(func.lower(TrainingCourse.reference))
        if not include_inactive:
            query = query.where(TrainingCourse.active.is_(True))
        return course_rows(session, list(session.scalars(query)))


def get_course(db: Database, course_id: int) -> CourseRow:
    with db.reader() as session:
        return course_rows(session, [fetch(session, TrainingCourse, course_id, "course")])[0]


def resolve_course(db: Database, text: str) -> CourseRow:
    """The course named on the command line: its reference (NEG-1) or its number."""
    wanted = text.strip()
    with db.reader() as session:
        courses = list(session.scalars(select(TrainingCourse).order_by(TrainingCourse.reference)))
        found = next((c for c in courses if c.reference.casefold() == wanted.casefold()), None)
        if found is None and wanted.isdigit():
            found = next((c for c in courses if c.id == int(wanted)), None)
        if found is None:
            known = ", ".join(c.reference for c in courses[:12]) or "none yet"
            raise NotFound(f"There is no course “{wanted}” (courses: {known}).")
        return course_rows(session, [found])[0]


# ---------------------------------------------------------------- saving


def _outcomes(session: Session, course_id: int, wanted: list[str]) -> None:
    current = {
        o.number: o
        for o in session.scalars(
            select(TrainingOutcome).where(TrainingOutcome.course_id == course_id)
        )
    }
    for number, text in enumerate(wanted, start=1):
        if number in current:
            if current[number].text != text:
                current[number].text = text
        else:
            session.add(TrainingOutcome(course_id=course_id, number=number, text=text))
    leaving = [o for n, o in current.items() if n > len(wanted)]
    rated = set(
        session.scalars(
            select(TrainingRating.outcome_id).where(
                TrainingRating.outcome_id.in_([o.id for o in leaving])
            )
        )
    )
    if rated:
        numbers = ", ".join(str(o.number) for o in leaving if o.id in rated)
        raise ValidationFailed(
            FieldError(
                "outcomes",
                f"Evaluations have rated outcome {numbers}: it can be reworded but not removed.",
            )
        )
    for outcome in leaving:
        session.delete(outcome)


def _actions(session: Session, course_id: int, wanted: list[int]) -> None:
    links = {
        link.action_id: link
        for link in session.scalars(
            select(TrainingCourseAction).where(TrainingCourseAction.course_id == course_id)
        )
    }
    for action_id in sorted(set(wanted) - links.keys()):
        fetch(session, Action, action_id, "action")
        session.add(TrainingCourseAction(course_id=course_id, action_id=action_id))
    for action_id in links.keys() - set(wanted):
        session.delete(links[action_id])


def save_course_in(
    session: Session,
    data: CourseInput,
    course_id: int | None = None,
    expected_version: int | None = None,
) -> TrainingCourse:
    outcomes = [" ".join(o.split()) for o in data.outcomes if o.strip()]
    errors = check_course(data.reference, data.title, data.theme, data.level, outcomes)
    if data.duration_minutes is not None and data.duration_minutes < 0:
        errors.append(FieldError("duration_minutes", "The length cannot be negative."))
    if data.target_trained is not None and data.target_trained < 0:
        errors.append(FieldError("target_trained", "The target cannot be negative."))
    reference = data.reference.strip().upper()
    taken = session.scalar(
        select(TrainingCourse.id).where(
            func.upper(TrainingCourse.reference) == reference,
            TrainingCourse.id != (course_id or 0),
        )
    )
    if reference and taken:
        errors.append(FieldError("reference", f"Another course is {reference}."))
    if errors:
        raise ValidationFailed(errors)
    course = fetch(session, TrainingCourse, course_id, "course") if course_id else TrainingCourse()
    check_version(course, expected_version, "course")
    if data.workstream_id is not None:
        fetch(session, Workstream, data.workstream_id, "workstream")
    if data.delivering_agency_id is not None:
        fetch(session, Agency, data.delivering_agency_id, "agency")
    course.reference = reference
    course.title = " ".join(data.title.split())
    course.theme = " ".join(data.theme.split())
    course.level = (Level.parse(data.level) or Level.BASIC).value
    course.workstream_id = data.workstream_id
    course.audience = tidy(data.audience)
    course.delivering_agency_id = data.delivering_agency_id
    course.trainers = tidy(data.trainers)
    course.duration_minutes = data.duration_minutes
    course.target_trained = data.target_trained
    course.description = tidy(data.description)
    session.add(course)
    session.flush()
    _outcomes(session, course.id, outcomes)
    _actions(session, course.id, list(data.action_ids))
    session.flush()
    return course


def save_course(
    db: Database,
    data: CourseInput,
    course_id: int | None = None,
    expected_version: int | None = None,
) -> CourseRow:
    """Add a course or change it (its outcomes and linked actions are replaced by `data`'s)."""
    with db.session() as session:
        course = save_course_in(session, data, course_id, expected_version)
        return course_rows(session, [course])[0]


def set_course_active(db: Database, course_id: int, active: bool) -> CourseRow:
    """A course no longer run is deactivated, never deleted (its sessions keep their figures)."""
    with db.session() as session:
        course = fetch(session, TrainingCourse, course_id, "course")
        course.active = active
        session.flush()
        return course_rows(session, [course])[0]


def action_options(db: Database) -> list[tuple[int, str]]:
    """Open actions a course can answer, as (id, '4.1 Train 300 practitioners …')."""
    with db.reader() as session:
        rows = session.execute(
            select(Action.id, Action.reference, Action.text)
            .where(Action.status == "open")
            .order_by(Action.reference_key)
        ).all()
    return [(i, f"{ref} {' '.join(text.split())[:90]}") for i, ref, text in rows]
