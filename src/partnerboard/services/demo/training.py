"""Demo step: a year's multi-agency training programme.

Twelve courses and about forty sessions from ten months ago (earlier when that would leave the
last complete year less than two months of them) to two months ahead, some 900
bookings from practitioners of the demo agencies (a few come back for a second course), with
attendance recorded for the sessions held, course evaluations for most of them and follow-ups
about three months later for the older ones, tagged by theme; agencies' targets for this year and the last,
the cost of a place, and two courses linked to improvement-plan actions. Every date comes from
the database's clock; the draws from a generator of this step's own.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from partnerboard.db.models.actions import Action, Workstream
from partnerboard.db.models.partnership import Agency, Setting
from partnerboard.db.models.training import (
    TrainingAgencyDomain,
    TrainingBooking,
    TrainingEvaluation,
    TrainingOutcome,
    TrainingPractitioner,
    TrainingRating,
    TrainingSession,
    TrainingTarget,
)
from partnerboard.domain.public_sector_year import YEAR, Period
from partnerboard.domain.reviews import add_months
from partnerboard.domain.training import FOLLOW_UP_MONTHS, BookingStatus, EvaluationKind
from partnerboard.services.demo import training_data as T
from partnerboard.services.demo.partnership import DOMAINS, FIRST, LAST
from partnerboard.services.training.courses import CourseInput, save_course_in
from partnerboard.services.training.sessions import SessionInput, save_session_in
from partnerboard.services.training.targets import COST_SETTING

if TYPE_CHECKING:
    from partnerboard.db.database import BoardSession
    from partnerboard.services.demo.context import DemoContext

FIRST_DAY = -300  # the first session, in days from today
LAST_DAY = 60
IN_LAST_YEAR = 60  # days of the last complete year the programme runs in, at least


def first_day(today) -> int:
    """The first session, in days from today: ten months ago, or earlier where that leaves the
    last complete year (which the yearly report drafts) fewer than two months of sessions."""
    last_year = Period.latest_complete(today, YEAR)
    return min(FIRST_DAY, (last_year.end - today).days - IN_LAST_YEAR)


def _workstream(session: BoardSession, words: str) -> int | None:
    return session.scalar(
        select(Workstream.id)
        .where(Workstream.title.ilike(f"%{words}%"))
        .order_by(Workstream.number)
    )


def _action(session: BoardSession, text: str | None) -> list[int]:
    if text is None:
        return []
    found = session.scalar(select(Action.id).where(Action.text == text))
    return [found] if found else []


def _people(ctx: DemoContext, rng: random.Random, sectors: dict[str, str]) -> list[tuple]:
    """A pool of practitioners: (name, e-mail, role, agency key)."""
    keys = [k for k in T.AGENCY_WEIGHTS if k in ctx.agencies]
    weights = [T.AGENCY_WEIGHTS[k] for k in keys]
    pool, seen = [], set()
    while len(pool) < 700:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        key = rng.choices(keys, weights)[0]
        login = f"{first}.{last}".lower().replace("'", "")
        if login in seen:
            continue
        seen.add(login)
        sector = sectors[key]
        pool.append(
            (f"{first} {last}", f"{login}@{DOMAINS[sector]}", rng.choice(T.ROLES[sector]), key)
        )
    return pool


def _status(rng: random.Random, held: bool) -> BookingStatus:
    draw = rng.random()
    if not held:
        return BookingStatus.CANCELLED if draw < 0.04 else BookingStatus.BOOKED
    if draw < 0.83:
        return BookingStatus.ATTENDED
    if draw < 0.92:
        return BookingStatus.DID_NOT_ATTEND
    if draw < 0.96:
        return BookingStatus.CANCELLED_LATE
    return BookingStatus.CANCELLED


def build(session: BoardSession, ctx: DemoContext) -> None:
    rng = random.Random(21)  # its own generator: other steps' draws never move
    sectors = dict(session.execute(select(Agency.id, Agency.sector)).all())
    sector_of = {key: sectors[i] for key, i in ctx.agencies.items()}
    pool = _people(ctx, rng, sector_of)
    practitioners: dict[int, TrainingPractitioner] = {}
    courses = []
    for spec in T.COURSES:
        (ref, title, theme, stream, level, audience, agency, trainers, minutes, target,
         sessions, places, online, outcomes, action) = spec  # fmt: skip
        course = save_course_in(
            session,
            CourseInput(
                ref, title, theme, level, workstream_id=_workstream(session, stream),
                audience=audience, delivering_agency_id=ctx.agencies.get(agency),
                trainers=trainers, duration_minutes=minutes, target_trained=target,
                outcomes=list(outcomes), action_ids=_action(session, action),
            ),
        )  # fmt: skip
        courses.append((course, sessions, places, online, minutes))
    total = sum(c[1] for c in courses)
    first = first_day(ctx.today)
    slots = sorted(first + round(i * (LAST_DAY - first) / (total - 1)) for i in range(total))
    rng.shuffle(slots)
    cursor = 0
    for course, count, places, online, minutes in courses:
        days = sorted(slots[cursor : cursor + count])
        cursor += count
        outcomes = list(
            session.scalars(
                select(TrainingOutcome)
                .where(TrainingOutcome.course_id == course.id)
                .order_by(TrainingOutcome.number)
            )
        )
        for offset in days:
            day = ctx.today + timedelta(days=offset)
            while day.weekday() >= 5:
                day += timedelta(days=1)
            start = time(9, 30) if rng.random() < 0.6 else time(13, 30)
            end = (datetime.combine(day, start) + timedelta(minutes=minutes)).time()
            follow_up = add_months(day, FOLLOW_UP_MONTHS)[0]
            record = save_session_in(
                session,
                SessionInput(
                    course.id, day, start, end, "online" if online else "venue",
                    T.ONLINE_PLATFORM if online else rng.choice(T.VENUES), places,
                    follow_up_sent_on=follow_up if follow_up <= ctx.today else None,
                ),
            )  # fmt: skip
            _bookings(session, ctx, rng, record, pool, practitioners, outcomes)
    _targets(session, ctx)


def _bookings(
    session: BoardSession,
    ctx: DemoContext,
    rng: random.Random,
    record: TrainingSession,
    pool: list[tuple],
    practitioners: dict[int, TrainingPractitioner],
    outcomes: list[TrainingOutcome],
) -> None:
    day = record.starts_at.date()
    held = day <= ctx.today
    wanted = round(record.capacity * rng.uniform(0.6, 0.92))
    if rng.random() < 0.18:  # a popular session: full, with a waiting list
        wanted = record.capacity + rng.randrange(2, 6)
    chosen = rng.sample(range(len(pool)), wanted)
    bookings = []
    for position, index in enumerate(chosen):
        name, email, role, agency = pool[index]
        person = practitioners.get(index)
        if person is None:
            person = TrainingPractitioner(
                name=name, email=email, job_role=role, agency_id=ctx.agencies[agency]
            )
            session.add(person)
            session.flush()
            practitioners[index] = person
        status = BookingStatus.WAITING if position >= record.capacity else _status(rng, held)
        if not held and position < record.capacity and status is BookingStatus.WAITING:
            status = BookingStatus.BOOKED
        booking = TrainingBooking(
            session_id=record.id, practitioner_id=person.id, agency_id=ctx.agencies[agency],
            status=status.value, booked_on=day - timedelta(days=rng.randrange(5, 60)),
            source="Eventbrite attendee report", external_ref=str(18_440_000_000 + record.id * 1000 + position),
        )  # fmt: skip
        session.add(booking)
        bookings.append((booking, status))
    session.flush()
    if not held:
        return
    _evaluations(session, ctx, rng, record, bookings, outcomes)


def _evaluations(session, ctx, rng, record, bookings, outcomes) -> None:
    attended = [b for b, status in bookings if status is BookingStatus.ATTENDED]
    day = record.starts_at.date()
    for number, booking in enumerate(attended):
        if rng.random() < 0.68:
            evaluation = TrainingEvaluation(
                session_id=record.id, kind=EvaluationKind.COURSE.value, booking_id=booking.id,
                agency_id=booking.agency_id,
                submitted_at=datetime.combine(day, time(16, 0)) + timedelta(hours=rng.randrange(0, 48)),
                comment=rng.choice(T.COMMENTS) if rng.random() < 0.4 else None,
                external_id=str(number + 1), source_file="Course evaluation (Microsoft Forms)",
            )  # fmt: skip
            session.add(evaluation)
            session.flush()
            for outcome in outcomes:
                before = rng.choices((1, 2, 3, 4), (2, 5, 4, 1))[0]
                after = min(5, before + rng.choices((0, 1, 2, 3), (2, 5, 4, 1))[0])
                session.add(
                    TrainingRating(evaluation_id=evaluation.id, outcome_id=outcome.id,
                                   confidence_before=before, confidence_after=after)
                )  # fmt: skip
        if record.follow_up_sent_on is not None and rng.random() < 0.36:
            text, theme = rng.choice(T.FOLLOW_UPS)
            session.add(
                TrainingEvaluation(
                    session_id=record.id, kind=EvaluationKind.FOLLOW_UP.value,
                    booking_id=booking.id, agency_id=booking.agency_id,
                    submitted_at=datetime.combine(record.follow_up_sent_on, time(10, 0))
                    + timedelta(days=rng.randrange(0, 14)),
                    comment=text, theme_tag=theme if rng.random() < 0.85 else None,
                    external_id=str(number + 1), source_file="Follow-up survey (Microsoft Forms)",
                )
            )  # fmt: skip
    session.flush()


def _targets(session: BoardSession, ctx: DemoContext) -> None:
    this_year = Period.containing(ctx.today, YEAR).year
    for key, places in T.TARGETS.items():
        if key in ctx.agencies:  # this year and last (when the programme began in its last months)
            for year, wanted in ((this_year, places), (this_year - 1, places // 4)):
                session.add(TrainingTarget(agency_id=ctx.agencies[key], year=year, places=wanted))
    for key, sector in (("police", "police"), ("homes", "housing")):
        if key in ctx.agencies:
            session.add(TrainingAgencyDomain(agency_id=ctx.agencies[key], domain=DOMAINS[sector]))
    setting = session.get(Setting, COST_SETTING)
    if setting is None:
        session.add(Setting(key=COST_SETTING, value=str(T.COST_PER_PLACE_PENCE)))
    session.flush()
