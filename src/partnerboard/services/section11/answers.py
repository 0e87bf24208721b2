"""Answers of Section 11 returns: submissions as imported, the current answers, the history.

Each imported workbook is a submission. A changed re-submission supersedes the current one
(which stays in the history) and becomes the return's answers; the same content again changes
nothing. The board's moderated ratings are kept apart (see `challenge`) and shown beside the
agency's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from types import SimpleNamespace

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from partnerboard.db import bulk
from partnerboard.db.database import Database
from partnerboard.db.models.section11 import (
    S11Answer,
    S11Criterion,
    S11Moderation,
    S11Return,
    S11Round,
    S11Standard,
    S11Submission,
)
from partnerboard.domain.section11 import ReturnStatus, scale
from partnerboard.errors import NotFound
from partnerboard.services.common import fetch
from partnerboard.services.section11.rounds import apply_status


@dataclass(frozen=True)
class AnswerData:
    """One criterion's answer, checked and typed (what an importer hands over)."""

    criterion_id: int
    rating: str | None
    evidence: str | None
    planned_action: str | None
    action_owner: str | None
    target_date: date | None


@dataclass(frozen=True)
class SubmissionData:
    return_id: int
    answers: tuple[AnswerData, ...]
    content_hash: str
    received_at: datetime
    file_name: str | None
    submitted_by: str | None
    submitted_role: str | None
    submitted_email: str | None
    submitted_on: date | None
    template_version: str | None = None
    template_generated_at: datetime | None = None


@dataclass(frozen=True)
class AnswerRow:
    """One criterion of a return: the agency's answer and the board's moderation, if any."""

    criterion_id: int
    code: str
    standard_number: int
    standard_title: str
    text: str
    required: bool
    rating: str | None
    rating_label: str | None
    evidence: str | None
    planned_action: str | None
    action_owner: str | None
    target_date: date | None
    moderated_rating: str | None
    moderated_label: str | None
    moderation_reason: str | None

    @property
    def effective_rating(self) -> str | None:
        """The board's moderated rating where there is one, else the agency's."""
        return self.moderated_rating or self.rating


@dataclass(frozen=True)
class SubmissionRow:
    id: int
    received_at: datetime
    file_name: str | None
    submitted_by: str | None
    submitted_on: date | None
    superseded: bool
    answers: int


def current_submission(session: Session, return_id: int) -> S11Submission | None:
    return session.scalars(
        select(S11Submission)
        .where(S11Submission.return_id == return_id, S11Submission.superseded.is_(False))
        .order_by(S11Submission.id.desc())
    ).first()


# What the import reads of a return before writing; built once (SQLAlchemy then reuses its
# compiled form): importing 60 returns writes ~2,000 answers, and this path is most of that time.
_SUBMISSION = S11Submission.__table__
_RETURN = S11Return.__table__
_RETURN_DATES = ("issued_on", "returned_on", "validated_on", "challenged_on", "feedback_sent_on")
_CURRENT = (
    select(_SUBMISSION.c.id, _SUBMISSION.c.content_hash)
    .where(_SUBMISSION.c.return_id == bindparam("return_id"), _SUBMISSION.c.superseded.is_(False))
    .order_by(_SUBMISSION.c.id.desc())
    .limit(1)
)
_RETURN_STATE = select(
    _RETURN.c.status, _RETURN.c.row_version, *(_RETURN.c[n] for n in _RETURN_DATES)
).where(_RETURN.c.id == bindparam("return_id"))


def record_submission(session: Session, data: SubmissionData, today: date) -> bool:
    """Store a submission in `session`; False (nothing written) when it equals the current one.

    Written through `db.bulk` (Core statements, this is most of an import's time) under the
    same role rules and audit trail as a form: the submission and the return's new status each
    recorded as one change, the answers as one entry holding every row.
    """
    connection = session.connection()
    current = connection.execute(_CURRENT, {"return_id": data.return_id}).first()
    if current is not None and current.content_hash == data.content_hash:
        return False
    if current is not None:
        bulk.update_row(
            session, S11Submission, current.id, {"superseded": True}, current={"superseded": False}
        )
    submission_id = bulk.insert_row(
        session,
        S11Submission,
        {
            "return_id": data.return_id,
            "received_at": data.received_at,
            "file_name": data.file_name,
            "content_hash": data.content_hash,
            "submitted_by": data.submitted_by,
            "submitted_role": data.submitted_role,
            "submitted_email": data.submitted_email,
            "submitted_on": data.submitted_on,
            "template_version": data.template_version,
            "template_generated_at": data.template_generated_at,
            "superseded": False,
        },
    )
    bulk.insert_rows(
        session,
        S11Answer,
        [
            {
                "submission_id": submission_id,
                "criterion_id": a.criterion_id,
                "rating": a.rating,
                "evidence": a.evidence,
                "planned_action": a.planned_action,
                "action_owner": a.action_owner,
                "target_date": a.target_date,
            }
            for a in data.answers
        ],
    )
    _advance_return(session, data.return_id, today)
    return True


def _advance_return(session: Session, return_id: int, today: date) -> None:
    """A first return, or a changed one before the challenge session, needs (re)validating;
    a re-submission after challenge or feedback updates the answers but keeps the stage."""
    row = session.connection().execute(_RETURN_STATE, {"return_id": return_id}).first()
    if row is None:
        raise NotFound(f"There is no return with id {return_id}.")
    if ReturnStatus(row.status).rank > ReturnStatus.VALIDATED.rank:
        return
    state = SimpleNamespace(status=row.status, **{n: getattr(row, n) for n in _RETURN_DATES})
    if state.issued_on is None:  # returned without being marked issued
        state.issued_on = today
    apply_status(state, ReturnStatus.RETURNED, today)  # type: ignore[arg-type]
    changes = {"status": state.status, **{n: getattr(state, n) for n in _RETURN_DATES}}
    bulk.update_row(session, S11Return, return_id, changes, current=row._mapping)


def _answers(session: Session, submission_id: int | None) -> dict[int, S11Answer]:
    if submission_id is None:
        return {}
    return {
        a.criterion_id: a
        for a in session.scalars(select(S11Answer).where(S11Answer.submission_id == submission_id))
    }


def latest_moderations(session: Session, return_id: int) -> dict[int, S11Moderation]:
    """The latest moderation of each criterion of a return (earlier ones are the history)."""
    found: dict[int, S11Moderation] = {}
    for m in session.scalars(
        select(S11Moderation)
        .where(S11Moderation.return_id == return_id)
        .order_by(S11Moderation.moderated_on, S11Moderation.id)
    ):
        found[m.criterion_id] = m
    return found


def return_answers(db: Database, return_id: int) -> list[AnswerRow]:
    """Every criterion of the round's framework with the current answer and moderation."""
    with db.reader() as session:
        return answers_in_session(session, return_id)


def answers_in_session(session: Session, return_id: int) -> list[AnswerRow]:
    the_return = fetch(session, S11Return, return_id, "return")
    the_round = session.get(S11Round, the_return.round_id)
    assert the_round is not None
    rating_scale = scale(the_round.rating_scale)
    current = current_submission(session, return_id)
    answers = _answers(session, current.id if current else None)
    moderations = latest_moderations(session, return_id)
    rows = []
    for criterion, standard in session.execute(
        select(S11Criterion, S11Standard)
        .join(S11Standard)
        .where(S11Standard.framework_id == the_round.framework_id)
        .order_by(S11Standard.number, S11Criterion.position, S11Criterion.id)
    ):
        answer = answers.get(criterion.id)
        moderation = moderations.get(criterion.id)
        rating = rating_scale.get(answer.rating) if answer else None
        moderated = rating_scale.get(moderation.rating) if moderation else None
        rows.append(
            AnswerRow(
                criterion.id,
                criterion.code,
                standard.number,
                standard.title,
                criterion.text,
                criterion.required,
                answer.rating if answer else None,
                rating.label if rating else None,
                answer.evidence if answer else None,
                answer.planned_action if answer else None,
                answer.action_owner if answer else None,
                answer.target_date if answer else None,
                moderation.rating if moderation else None,
                moderated.label if moderated else None,
                moderation.reason if moderation else None,
            )  # fmt: skip
        )
    return rows


def submissions(db: Database, return_id: int) -> list[SubmissionRow]:
    """Every submission of a return, newest first (the history of re-submissions)."""
    with db.reader() as session:
        rows = []
        for s in session.scalars(
            select(S11Submission)
            .where(S11Submission.return_id == return_id)
            .order_by(S11Submission.id.desc())
        ):
            rows.append(
                SubmissionRow(
                    s.id,
                    s.received_at,
                    s.file_name,
                    s.submitted_by,
                    s.submitted_on,
                    s.superseded,
                    len(_answers(session, s.id)),
                )  # fmt: skip
            )
        return rows


@dataclass(frozen=True)
class PrefillAnswer:
    code: str
    rating: str | None
    evidence: str | None
    planned_action: str | None
    action_owner: str | None
    target_date: date | None


def latest_answers_by_code(db: Database, agency_id: int, round_id: int) -> dict[str, PrefillAnswer]:
    """The agency's latest answers, by criterion code, to prefill a template of `round_id`.

    Taken from the current submission of this round if there is one, else of the agency's
    latest earlier round that has answers. A rating that the round's scale does not offer (the
    earlier round used another scale) is left out; the text answers are kept.
    """
    with db.reader() as session:
        target = fetch(session, S11Round, round_id, "round")
        rating_scale = scale(target.rating_scale)
        candidates = session.execute(
            select(S11Submission.id, S11Round.id)
            .join(S11Return, S11Return.id == S11Submission.return_id)
            .join(S11Round, S11Round.id == S11Return.round_id)
            .where(S11Return.agency_id == agency_id, S11Submission.superseded.is_(False))
        ).all()
        if not candidates:
            return {}
        rounds = {r.id: r for r in session.scalars(select(S11Round))}

        def order(pair: tuple[int, int]) -> tuple[bool, date, str, int]:
            r = rounds[pair[1]]
            return (r.id == round_id, r.issue_date or date.min, r.label, pair[0])

        submission_id = max(candidates, key=order)[0]
        found = {}
        for answer, code in session.execute(
            select(S11Answer, S11Criterion.code)
            .join(S11Criterion, S11Criterion.id == S11Answer.criterion_id)
            .where(S11Answer.submission_id == submission_id)
        ):
            rating = rating_scale.get(answer.rating)
            found[code] = PrefillAnswer(
                code,
                rating.value if rating else None,
                answer.evidence,
                answer.planned_action,
                answer.action_owner,
                answer.target_date,
            )
        return found
