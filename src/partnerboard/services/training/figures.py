"""The training programme's figures for a period, as `domain.training` defines them.

Everything is read from bookings, sessions and evaluations, never from the practitioners'
personal data, so that a member's figures are the same as business support's. The arithmetic
is in `figures_from`, a plain function over plain facts, so that a hand count can check it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import select

from partnerboard.db.database import Database
from partnerboard.db.models.partnership import Agency
from partnerboard.db.models.training import (
    TrainingBooking,
    TrainingCourse,
    TrainingEvaluation,
    TrainingOutcome,
    TrainingRating,
    TrainingSession,
)
from partnerboard.domain import palette
from partnerboard.domain.audits import Share
from partnerboard.domain.breakdown import Breakdown
from partnerboard.domain.marking import Classification, author_name, classify
from partnerboard.domain.partnership import Sector
from partnerboard.domain.public_sector_year import YEAR, Period
from partnerboard.domain.training import BookingStatus, EvaluationKind
from partnerboard.services.partnership import get_partnership
from partnerboard.services.training.courses import list_courses, trained_counts
from partnerboard.services.training.targets import cost_per_place, format_pounds, targets_for

NOT_KNOWN = "Agency not known"


# ---------------------------------------------------------------- plain facts


@dataclass(frozen=True)
class SessionFact:
    id: int
    course: str  # reference
    day: date
    capacity: int
    cancelled: bool = False
    follow_up_sent: bool = False


@dataclass(frozen=True)
class BookingFact:
    session_id: int
    practitioner_id: int
    agency_id: int | None
    status: BookingStatus


@dataclass(frozen=True)
class RatingFact:
    session_id: int
    outcome: tuple[str, int, str]  # (course reference, number, text)
    before: int | None
    after: int | None


@dataclass(frozen=True)
class ResponseFact:
    session_id: int
    kind: EvaluationKind
    theme_tag: str | None = None


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class Tally:
    """Places and what became of them, for the whole programme, a course, an agency, a sector."""

    name: str
    offered: int = 0  # capacity of the sessions held (0 for an agency or sector)
    held: int = 0  # places held at the sessions held
    attended: int = 0
    did_not_attend: int = 0
    cancelled_late: int = 0
    cancelled: int = 0
    waiting: int = 0
    target: int | None = None  # an agency's places for the year
    detail: str = ""  # an agency's sector

    @property
    def fill(self) -> Share:
        return Share(self.held, self.offered)

    @property
    def on_the_day(self) -> int:
        return self.attended + self.did_not_attend + self.cancelled_late

    @property
    def dna_rate(self) -> Share:
        return Share(self.did_not_attend, self.on_the_day)

    @property
    def late_rate(self) -> Share:
        return Share(self.cancelled_late, self.on_the_day)

    @property
    def lost(self) -> int:
        return self.did_not_attend + self.cancelled_late

    @property
    def against_target(self) -> Share | None:
        return Share(self.attended, self.target) if self.target else None


@dataclass(frozen=True)
class OutcomeChange:
    course: str
    number: int
    text: str
    rated: int  # evaluations that rated it both before and after
    mean_before: float | None
    mean_after: float | None
    improved: int
    same: int
    lower: int

    @property
    def change(self) -> float | None:
        if self.mean_before is None or self.mean_after is None:
            return None
        return self.mean_after - self.mean_before

    @property
    def label(self) -> str:
        return f"{self.course} · {self.number}. {self.text}"


@dataclass(frozen=True)
class CourseProgress:
    reference: str
    title: str
    target: int | None
    trained: int  # since the course began, up to the end of the period
    actions: tuple[str, ...]  # "4.1 Train 300 …"; restricted ones labelled "Restricted: …"
    action_ids: tuple[int, ...] = ()
    workstream: str | None = None  # the partnership priority it serves
    restricted_actions: int = 0

    @property
    def text(self) -> str:
        """'Neglect toolkit: 212 of 300 trained (71%)'."""
        if not self.target:
            return f"{self.title}: {self.trained} trained"
        share = Share(self.trained, self.target)
        return f"{self.title}: {self.trained} of {self.target} trained ({share.percent}%)"


@dataclass(frozen=True)
class TrainingFigures:
    period: Period
    today: date
    sessions_held: int
    sessions_to_come: int
    sessions_cancelled: int
    to_come: Tally  # places offered and booked at sessions still to come
    whole: Tally
    by_course: tuple[Tally, ...]
    by_agency: tuple[Tally, ...]
    by_sector: tuple[Tally, ...]
    outcomes: tuple[OutcomeChange, ...]
    evaluations: Share  # course evaluations ÷ attended
    follow_up: Share  # follow-up responses ÷ attendees of sessions whose follow-up was sent
    themes: tuple[tuple[str, int], ...]
    courses: tuple[CourseProgress, ...] = ()
    cost_per_place: Decimal | None = None
    practitioners: int = 0  # different practitioners who attended in the period

    @property
    def cost_of_lost_places(self) -> Decimal | None:
        return None if self.cost_per_place is None else self.cost_per_place * self.whole.lost


def _tally(name: str, bookings: Iterable[BookingFact], offered: int = 0, **extra: object) -> Tally:
    counts = Counter(b.status for b in bookings)
    return Tally(
        name,
        offered=offered,
        held=sum(n for s, n in counts.items() if s.holds_place),
        attended=counts[BookingStatus.ATTENDED],
        did_not_attend=counts[BookingStatus.DID_NOT_ATTEND],
        cancelled_late=counts[BookingStatus.CANCELLED_LATE],
        cancelled=counts[BookingStatus.CANCELLED],
        waiting=counts[BookingStatus.WAITING],
        **extra,  # type: ignore[arg-type]
    )


def _outcomes(ratings: list[RatingFact]) -> list[OutcomeChange]:
    by_outcome: dict[tuple[str, int, str], list[RatingFact]] = defaultdict(list)
    for rating in ratings:
        by_outcome[rating.outcome].append(rating)
    changes = []
    for (course, number, text), found in sorted(by_outcome.items()):
        paired = [
            (r.before, r.after) for r in found if r.before is not None and r.after is not None
        ]
        befores = [b for b, _a in paired]
        afters = [a for _b, a in paired]
        changes.append(
            OutcomeChange(
                course,
                number,
                text,
                len(paired),
                sum(befores) / len(paired) if paired else None,  # type: ignore[arg-type]
                sum(afters) / len(paired) if paired else None,  # type: ignore[arg-type]
                sum(1 for b, a in paired if a > b),  # type: ignore[operator]
                sum(1 for b, a in paired if a == b),
                sum(1 for b, a in paired if a < b),  # type: ignore[operator]
            )  # fmt: skip
        )
    return changes


def figures_from(
    period: Period,
    today: date,
    sessions: list[SessionFact],
    bookings: list[BookingFact],
    ratings: Sequence[RatingFact] = (),
    responses: Sequence[ResponseFact] = (),
    agencies: dict[int, tuple[str, str]] | None = None,  # id -> (name, sector label)
    targets: dict[int, int] | None = None,
) -> TrainingFigures:
    """The figures of the sessions in `period` (already chosen) and their bookings."""
    agencies, targets = agencies or {}, targets or {}
    in_period = {s.id: s for s in sessions if period.start <= s.day <= period.end}
    held = {i: s for i, s in in_period.items() if not s.cancelled and s.day <= today}
    to_come = {i: s for i, s in in_period.items() if not s.cancelled and s.day > today}
    at_held = [b for b in bookings if b.session_id in held]
    whole = _tally("All courses", at_held, sum(s.capacity for s in held.values()))
    courses = sorted({s.course for s in held.values()})
    by_course = tuple(
        _tally(
            course,
            [b for b in at_held if held[b.session_id].course == course],
            sum(s.capacity for s in held.values() if s.course == course),
        )
        for course in courses
    )
    agency_of: dict[int | None, list[BookingFact]] = defaultdict(list)
    for booking in at_held:
        agency_of[booking.agency_id].append(booking)
    by_agency = sorted(
        (
            _tally(
                agencies.get(a, (NOT_KNOWN, ""))[0] if a is not None else NOT_KNOWN,
                found,
                target=targets.get(a) if a is not None else None,
                detail=agencies.get(a, ("", ""))[1] if a is not None else "",
            )
            for a, found in agency_of.items()
        ),
        key=lambda t: (t.name == NOT_KNOWN, -t.attended, t.name.casefold()),
    )
    # Agencies with a target but no booking still show, at nought.
    named = {t.name for t in by_agency}
    for agency_id, target in targets.items():
        name, sector = agencies.get(agency_id, ("", ""))
        if name and name not in named:
            by_agency.append(Tally(name, target=target, detail=sector))
    sector_of: dict[str, list[BookingFact]] = defaultdict(list)
    for booking in at_held:
        sector = (
            agencies.get(booking.agency_id, ("", NOT_KNOWN))[1] if booking.agency_id else NOT_KNOWN
        )
        sector_of[sector or NOT_KNOWN].append(booking)
    sector_targets: Counter[str] = Counter()
    for agency_id, target in targets.items():
        sector_targets[agencies.get(agency_id, ("", NOT_KNOWN))[1]] += target
    by_sector = tuple(
        sorted(
            (
                _tally(s, found, target=sector_targets.get(s) or None)
                for s, found in sector_of.items()
            ),
            key=lambda t: (t.name == NOT_KNOWN, -t.attended, t.name),
        )
    )
    followed = {i for i, s in held.items() if s.follow_up_sent}
    in_responses = [r for r in responses if r.session_id in held]
    course_responses = sum(1 for r in in_responses if r.kind is EvaluationKind.COURSE)
    follow_ups = [r for r in in_responses if r.kind is EvaluationKind.FOLLOW_UP]
    attended_followed = sum(
        1 for b in at_held if b.session_id in followed and b.status is BookingStatus.ATTENDED
    )
    themes = Counter(r.theme_tag for r in follow_ups if r.theme_tag)
    return TrainingFigures(
        period=period,
        today=today,
        sessions_held=len(held),
        sessions_to_come=len(to_come),
        sessions_cancelled=sum(1 for s in in_period.values() if s.cancelled),
        to_come=_tally(
            "Still to come",
            [b for b in bookings if b.session_id in to_come],
            sum(s.capacity for s in to_come.values()),
        ),
        whole=whole,
        by_course=by_course,
        by_agency=tuple(by_agency),
        by_sector=by_sector,
        outcomes=tuple(_outcomes([r for r in ratings if r.session_id in held])),
        evaluations=Share(course_responses, whole.attended),
        follow_up=Share(sum(1 for r in follow_ups if r.session_id in followed), attended_followed),
        themes=tuple(sorted(themes.items(), key=lambda item: (-item[1], item[0]))),
        practitioners=len(
            {b.practitioner_id for b in at_held if b.status is BookingStatus.ATTENDED}
        ),
    )


# ---------------------------------------------------------------- from the database


def _facts(db: Database, period: Period):
    start, end = datetime.combine(period.start, time()), datetime.combine(period.end, time.max)
    with db.reader() as session:
        rows = session.execute(
            select(TrainingSession, TrainingCourse.reference)
            .join(TrainingCourse, TrainingCourse.id == TrainingSession.course_id)
            .where(TrainingSession.starts_at >= start, TrainingSession.starts_at <= end)
        ).all()
        sessions = [
            SessionFact(s.id, ref, s.starts_at.date(), s.capacity, s.cancelled, s.follow_up_sent_on is not None)
            for s, ref in rows
        ]  # fmt: skip
        ids = [s.id for s in sessions]
        bookings = [
            BookingFact(session_id, practitioner, agency, BookingStatus.parse(status) or BookingStatus.BOOKED)
            for session_id, practitioner, agency, status in session.execute(
                select(
                    TrainingBooking.session_id,
                    TrainingBooking.practitioner_id,
                    TrainingBooking.agency_id,
                    TrainingBooking.status,
                ).where(TrainingBooking.session_id.in_(ids))
            )
        ]  # fmt: skip
        ratings = [
            RatingFact(session_id, (reference, number, text), before, after)
            for session_id, reference, number, text, before, after in session.execute(
                select(
                    TrainingEvaluation.session_id, TrainingCourse.reference, TrainingOutcome.number,
                    TrainingOutcome.text, TrainingRating.confidence_before,
                    TrainingRating.confidence_after,
                )
                .join(TrainingEvaluation, TrainingEvaluation.id == TrainingRating.evaluation_id)
                .join(TrainingOutcome, TrainingOutcome.id == TrainingRating.outcome_id)
                .join(TrainingCourse, TrainingCourse.id == TrainingOutcome.course_id)
                .where(
                    TrainingEvaluation.session_id.in_(ids),
                    TrainingEvaluation.kind == EvaluationKind.COURSE.value,
                )
            )
        ]  # fmt: skip
        responses = [
            ResponseFact(session_id, EvaluationKind.parse(kind) or EvaluationKind.COURSE, tag)
            for session_id, kind, tag in session.execute(
                select(
                    TrainingEvaluation.session_id,
                    TrainingEvaluation.kind,
                    TrainingEvaluation.theme_tag,
                ).where(TrainingEvaluation.session_id.in_(ids))
            )
        ]
        agencies = {
            i: (name, (Sector.parse(sector) or Sector.OTHER).label)
            for i, name, sector in session.execute(select(Agency.id, Agency.name, Agency.sector))
        }
        today = session.clock.today()
    return sessions, bookings, ratings, responses, agencies, today


def training_figures(db: Database, period: Period | None = None) -> TrainingFigures:
    """The figures of the sessions that start in `period` (default: this public-sector year)."""
    period = period or Period.containing(db.clock.today(), YEAR)
    sessions, bookings, ratings, responses, agencies, today = _facts(db, period)
    figures = figures_from(
        period, today, sessions, bookings, ratings, responses, agencies,
        targets_for(db, period.year),
    )  # fmt: skip
    planned = [c for c in list_courses(db) if c.target_trained or c.actions]
    with db.reader() as session:
        trained = trained_counts(session, [c.id for c in planned], until=period.end)
    courses = tuple(
        CourseProgress(
            c.reference, c.title, c.target_trained, trained.get(c.id, 0), c.actions,
            c.action_ids, c.workstream, c.restricted_actions,
        )
        for c in planned
    )  # fmt: skip
    return replace(figures, courses=courses, cost_per_place=cost_per_place(db))


# ---------------------------------------------------------------- chart data

_ATTENDANCE = ("Attended", "Did not attend", "Cancelled late")
_ATTENDANCE_COLOURS = (palette.GREEN, palette.RED, palette.AMBER)


def places_breakdown(figures: TrainingFigures) -> Breakdown:
    """One bar per course: attended, did not attend, cancelled late and places not filled."""
    return Breakdown(
        tuple(t.name for t in figures.by_course),
        (*_ATTENDANCE, "Not filled"),
        tuple(
            (t.attended, t.did_not_attend, t.cancelled_late, max(0, t.offered - t.held))
            for t in figures.by_course
        ),
        colours=(*_ATTENDANCE_COLOURS, palette.GREY),
    )


def attendance_breakdown(tallies: Iterable[Tally], limit: int | None = None) -> Breakdown:
    """One bar per agency or sector: attended, did not attend, cancelled late."""
    rows = [t for t in tallies if t.on_the_day]
    if limit is not None:
        rows = rows[:limit]
    return Breakdown(
        tuple(t.name for t in rows),
        _ATTENDANCE,
        tuple((t.attended, t.did_not_attend, t.cancelled_late) for t in rows),
        colours=_ATTENDANCE_COLOURS,
    )


def confidence_breakdown(figures: TrainingFigures, by_course: bool = False) -> Breakdown:
    """One bar per learning outcome (or per course, its outcomes added up): ratings more,
    equally and less confident after the course than before."""
    counts: dict[str, list[int]] = {}
    for o in figures.outcomes:
        if o.rated:
            key = o.course if by_course else f"{o.course} · {o.number}"
            total = counts.setdefault(key, [0, 0, 0])
            for i, n in enumerate((o.improved, o.same, o.lower)):
                total[i] += n
    return Breakdown(
        tuple(counts),
        ("More confident", "No change", "Less confident"),
        tuple(tuple(c) for c in counts.values()),
        colours=(palette.GREEN, palette.GREY, palette.RED),
    )


def course_of(figures: TrainingFigures, reference: str) -> CourseProgress | None:
    return next((c for c in figures.courses if c.reference == reference), None)


def at_a_glance(f: TrainingFigures) -> list[tuple[str, object]]:
    """The key facts, as the report, the page and the export say them."""
    w = f.whole
    cost = f.cost_of_lost_places
    lost = f"{w.lost} ({w.did_not_attend} did not attend, {w.cancelled_late} cancelled late)"
    return [
        ("Sessions held", f"{f.sessions_held} ({f.sessions_cancelled} cancelled)"),
        ("Sessions still to come", f"{f.sessions_to_come} ({f.to_come.held} of {f.to_come.offered} places booked)"),
        ("Places filled", str(w.fill)),
        ("Places attended", w.attended),
        ("Practitioners trained", f"{f.practitioners} different practitioners"),
        ("Did-not-attend rate", str(w.dna_rate)),
        ("Cancelled late", str(w.late_rate)),
        ("Places lost", lost),
        (
            "Cost of places lost",
            f"{format_pounds(cost)} at {format_pounds(f.cost_per_place)} a place"
            if cost is not None
            else "No cost of a place is set",
        ),
        ("Course evaluations returned", str(f.evaluations)),
        ("Follow-up response rate", str(f.follow_up)),
    ]  # fmt: skip


def classification_of(db: Database, figures: TrainingFigures) -> Classification:
    """What the programme's report and export hold (`domain.marking`): figures only, never a
    practitioner's name, so OFFICIAL, unless a course answers a restricted action that the
    person making them may see (its words are in the paper, labelled "Restricted")."""
    restricted = sum(c.restricted_actions for c in figures.courses)
    return classify(
        [("action", restricted)], author=author_name(db.principal, get_partnership(db).name)
    )
