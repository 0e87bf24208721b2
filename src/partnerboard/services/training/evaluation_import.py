"""`partnerboard import-evaluations FILE --session ID [--follow-up]`: responses from a forms tool.

A course evaluation rates each learning outcome of the course before and after (1 to 5); the
follow-up about three months later asks what the practitioner has done differently. Microsoft
Forms' Excel export is the usual file: ID, Start time, Completion time, Email, Name (the last
two "anonymous" and blank for an anonymous form), then one column per question; a Likert
question asked once for "before" and once for "after" gives one column per outcome each, the
second copy numbered by Forms ("Recognise the signs of neglect2"). Columns are found by the
words of the outcomes; `--map before1=HEADER after1=HEADER comment=HEADER` names the rest.

No name or e-mail is kept: a response is linked to the booking it came from (by e-mail, else
by name) and so to its agency. A file imported again adds only responses not yet imported
(by the tool's response ID).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerboard.db.database import Database
from partnerboard.db.models.training import (
    TrainingBooking,
    TrainingEvaluation,
    TrainingOutcome,
    TrainingPractitioner,
    TrainingRating,
    TrainingSession,
)
from partnerboard.domain.access import Permission
from partnerboard.domain.dates import format_date
from partnerboard.domain.training import EvaluationKind, read_rating
from partnerboard.domain.training_import import (
    EVALUATION_FIELDS,
    EVALUATION_KEYS,
    evaluation_score,
    guess_ratings,
    read_when,
)
from partnerboard.errors import UserError
from partnerboard.jobs import CancelToken, Progress, no_progress
from partnerboard.services.common import fetch
from partnerboard.services.training.importing import (
    ImportResult,
    RowProblem,
    UnplacedList,
    column_date_order,
    column_mapping,
    describe_mapping,
    is_blank,
    read_source,
    text_of,
    values_of,
)
from partnerboard.services.training.placing import AgencyPlacer, Placed

ANONYMOUS = frozenset({"anonymous", "anon", "n/a", "-"})
COMMENT_MAX = 8000


@dataclass(frozen=True)
class PlannedResponse:
    row: int
    external_id: str | None
    submitted_at: datetime | None
    booking_id: int | None
    agency_id: int | None
    comment: str | None
    ratings: dict[int, tuple[int | None, int | None]] = field(default_factory=dict)  # outcome id


@dataclass(frozen=True)
class Outcome:
    id: int
    number: int
    text: str


@dataclass(frozen=True)
class _Context:
    session_id: int
    label: str
    outcomes: list[Outcome]
    known_ids: set[str]
    by_email: dict[str, tuple[int, int | None]]  # e-mail -> (booking, agency)
    by_name: dict[str, tuple[int, int | None]]
    follow_up_sent_on: date | None


def _context(session: Session, session_id: int, kind: EvaluationKind) -> _Context:
    record = fetch(session, TrainingSession, session_id, "training session")
    outcomes = [
        Outcome(*found)
        for found in session.execute(
            select(TrainingOutcome.id, TrainingOutcome.number, TrainingOutcome.text)
            .where(TrainingOutcome.course_id == record.course_id)
            .order_by(TrainingOutcome.number)
        )
    ]
    known = set(
        session.scalars(
            select(TrainingEvaluation.external_id).where(
                TrainingEvaluation.session_id == session_id,
                TrainingEvaluation.kind == kind.value,
                TrainingEvaluation.external_id.is_not(None),
            )
        )
    )
    by_email: dict[str, tuple[int, int | None]] = {}
    names: dict[str, list[tuple[int, int | None]]] = {}
    for booking_id, agency_id, name, email in session.execute(
        select(
            TrainingBooking.id,
            TrainingBooking.agency_id,
            TrainingPractitioner.name,
            TrainingPractitioner.email,
        )
        .join(TrainingPractitioner, TrainingPractitioner.id == TrainingBooking.practitioner_id)
        .where(TrainingBooking.session_id == session_id)
    ):
        if email:
            by_email[email.casefold()] = (booking_id, agency_id)
        names.setdefault(" ".join(name.casefold().split()), []).append((booking_id, agency_id))
    by_name = {n: found[0] for n, found in names.items() if len(found) == 1}
    label = f"session {record.id} ({record.starts_at:%d/%m/%Y})"
    return _Context(session_id, label, outcomes, known, by_email, by_name, record.follow_up_sent_on)


def _ratings(values: dict, mapping: dict[str, int], outcomes: list[Outcome]):
    ratings: dict[int, tuple[int | None, int | None]] = {}
    problems: list[str] = []
    for outcome in outcomes:
        pair: list[int | None] = [None, None]
        for index, when in enumerate(("before", "after")):
            key = f"{when}{outcome.number}"
            if key not in mapping:
                continue
            try:
                pair[index] = read_rating(values.get(key))
            except ValueError as error:
                problems.append(f"Outcome {outcome.number} {when}: {error}")
        if pair != [None, None]:
            ratings[outcome.id] = (pair[0], pair[1])
    return ratings, problems


def plan_evaluations(
    db: Database,
    path: Path | str,
    *,
    session_id: int,
    follow_up: bool = False,
    given: Sequence[str] = (),
    sheet: str | None = None,
    header_row: int | None = None,
) -> tuple[ImportResult, list[PlannedResponse]]:
    kind = EvaluationKind.FOLLOW_UP if follow_up else EvaluationKind.COURSE
    table = read_source(path, sheet, header_row, evaluation_score)
    with db.reader() as session:
        context = _context(session, session_id, kind)
        placer = AgencyPlacer(session)
    outcomes = [o.text for o in context.outcomes]
    extra = {} if follow_up else guess_ratings(table.headers, outcomes)
    mapping = column_mapping(table, EVALUATION_FIELDS, EVALUATION_KEYS, given, extra)
    numbers = {int(k[-1]) for k in mapping if k.startswith(("before", "after"))}
    if numbers - set(range(1, len(outcomes) + 1)):
        raise UserError(
            f"--map names outcome {max(numbers)}, but the course has {len(outcomes)} outcome(s)."
        )
    listed = "; ".join(f"{o.number}. {o.text}" for o in context.outcomes) or "none yet"
    if not follow_up and not numbers:
        raise UserError(
            f"{table.source}: no column rates the course's learning outcomes ({listed}). Name "
            "them with --map before1=HEADER after1=HEADER …, or import with --follow-up."
        )
    if follow_up and "comment" not in mapping:
        raise UserError(
            f"{table.source}: no column asks what the practitioner has done differently. Name "
            "it with --map comment=HEADER."
        )
    what = "follow-up responses" if follow_up else "course evaluations"
    labels = {f.key: f.label for f in EVALUATION_FIELDS}
    labels.update(
        {
            f"{w}{o.number}": f"Outcome {o.number} {w}"
            for o in context.outcomes
            for w in ("before", "after")
        }
    )
    result = ImportResult(
        table.source, what, context.label, describe_mapping(table, mapping, labels)
    )
    order = column_date_order(table, mapping.get("submitted"))
    planned: list[PlannedResponse] = []
    unplaced = UnplacedList()
    seen: dict[str, int] = {}
    for number, row in table.data_rows():
        if is_blank(row):
            continue
        values = values_of(row, mapping)
        response, problems = _read_response(number, values, mapping, context, order)
        external = response.external_id if response else None
        if external and external in seen:
            problems.append(f"The same response ID as row {seen[external]}.")
        elif external:
            seen[external] = number
        result.problems += [RowProblem(number, p) for p in problems]
        if response is None or problems:
            continue
        if external and external in context.known_ids:
            result.unchanged += 1
            continue
        if response.booking_id is None:
            placed = placer.place(text_of(values, "agency"), _email(values))
            response = _with_agency(response, placed)
            if placed.agency_id is None and (text_of(values, "agency") or _email(values)):
                unplaced.add(placed, number)
        planned.append(response)
    result.unplaced = unplaced.result()
    return result, planned


def _email(values: dict) -> str | None:
    email = (text_of(values, "email") or "").casefold()
    return None if not email or email in ANONYMOUS or "@" not in email else email


def _with_agency(response: PlannedResponse, placed: Placed) -> PlannedResponse:
    return PlannedResponse(
        response.row, response.external_id, response.submitted_at, None, placed.agency_id,
        response.comment, response.ratings,
    )  # fmt: skip


def _read_response(
    number: int, values: dict, mapping: dict[str, int], context: _Context, order: str
) -> tuple[PlannedResponse | None, list[str]]:
    problems: list[str] = []
    ratings, rating_problems = _ratings(values, mapping, context.outcomes)
    problems += rating_problems
    try:
        submitted = read_when(values.get("submitted"), order)
    except ValueError as error:
        problems.append(f"Submitted: {error}")
        submitted = None
    comment = text_of(values, "comment")
    if comment and len(comment) > COMMENT_MAX:
        problems.append(f"The answer is longer than {COMMENT_MAX} characters.")
    if problems:
        return None, problems
    email = _email(values)
    name = " ".join((text_of(values, "name") or "").casefold().split())
    booking = context.by_email.get(email or "") or context.by_name.get(name)
    return (
        PlannedResponse(
            number,
            text_of(values, "id"),
            submitted,
            booking[0] if booking else None,
            booking[1] if booking else None,
            comment,
            ratings,
        ),  # fmt: skip
        [],
    )


def write_evaluations(
    db: Database,
    result: ImportResult,
    planned: list[PlannedResponse],
    session_id: int,
    follow_up: bool,
) -> ImportResult:
    if not result.ok:
        return result
    kind = EvaluationKind.FOLLOW_UP if follow_up else EvaluationKind.COURSE
    with db.session() as session:
        for response in planned:
            evaluation = TrainingEvaluation(
                session_id=session_id,
                kind=kind.value,
                booking_id=response.booking_id,
                agency_id=response.agency_id,
                submitted_at=response.submitted_at,
                comment=response.comment,
                external_id=response.external_id,
                source_file=f"{result.source} row {response.row}"[:300],
            )
            session.add(evaluation)
            session.flush()
            for outcome_id, (before, after) in response.ratings.items():
                session.add(
                    TrainingRating(
                        evaluation_id=evaluation.id,
                        outcome_id=outcome_id,
                        confidence_before=before,
                        confidence_after=after,
                    )
                )
            result.added += 1
        record = fetch(session, TrainingSession, session_id, "training session")
        dates = [r.submitted_at.date() for r in planned if r.submitted_at]
        if follow_up and planned and record.follow_up_sent_on is None:
            record.follow_up_sent_on = min(dates) if dates else session.clock.today()
            result.notes.append(
                f"The follow-up is recorded as sent on {format_date(record.follow_up_sent_on)} "
                "(its first response); change it on the session if it went out earlier."
            )
        session.flush()
    result.written = True
    return result


def import_evaluations(
    db: Database,
    path: Path | str,
    *,
    session_id: int,
    follow_up: bool = False,
    given: Sequence[str] = (),
    sheet: str | None = None,
    header_row: int | None = None,
    dry_run: bool = False,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> ImportResult:
    """Import a forms tool's export whole, or nothing with the rows it could not read."""
    db.principal.require(Permission.IMPORT_RETURNS)  # before the file is even opened
    result, planned = plan_evaluations(
        db, path, session_id=session_id, follow_up=follow_up, given=given, sheet=sheet,
        header_row=header_row,
    )  # fmt: skip
    if cancel is not None:
        cancel.raise_if_cancelled()
    progress(0, len(planned), "Recording responses")
    if dry_run or not result.ok:
        result.added = len(planned) if result.ok else 0
        return result
    return write_evaluations(db, result, planned, session_id, follow_up)
