"""Section 11 rounds and the status of each agency's return in them.

A round (labelled e.g. "2026") uses one framework and one rating scale and has a return per
agency in scope. A return moves not issued → issued → returned → validated → challenged →
feedback sent; returning happens by importing the agency's workbook. Overdue: issued, not
returned, past the deadline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from partnerboard.db.database import Database
from partnerboard.db.models.partnership import Agency
from partnerboard.db.models.section11 import (
    S11Framework,
    S11Return,
    S11Round,
    S11Submission,
)
from partnerboard.domain.partnership import check_required
from partnerboard.domain.section11 import (
    SCALES,
    RatingScale,
    ReturnStatus,
    RoundStatus,
    check_move,
    is_overdue,
    scale,
)
from partnerboard.errors import FieldError, NotFound, UserError, ValidationFailed
from partnerboard.services.common import check_version, fetch, tidy


@dataclass(frozen=True)
class RoundRow:
    id: int
    label: str
    framework_id: int
    framework_name: str
    framework_version: str
    rating_scale: str
    issue_date: date | None
    deadline: date | None
    challenge_date: date | None
    status: RoundStatus
    notes: str | None
    agencies_in_scope: int
    returned: int
    row_version: int

    @property
    def scale(self) -> RatingScale:
        return scale(self.rating_scale)

    @property
    def display_name(self) -> str:
        return f"Round {self.label}"


@dataclass
class RoundInput:
    label: str
    framework_id: int
    rating_scale: str = "fpn"
    issue_date: date | None = None
    deadline: date | None = None
    challenge_date: date | None = None
    notes: str | None = None
    agency_ids: list[int] | None = None  # None: every active agency under the Section 11 duty


@dataclass(frozen=True)
class ReturnRow:
    id: int
    round_id: int
    round_label: str
    agency_id: int
    agency_name: str
    agency_short_name: str | None
    status: ReturnStatus
    issued_on: date | None
    returned_on: date | None
    validated_on: date | None
    challenged_on: date | None
    feedback_sent_on: date | None
    deadline: date | None  # the agency's: an agreed extension, else the round's
    extended: bool
    overdue: bool
    days_overdue: int
    late: bool  # returned after the deadline
    submitted_by: str | None
    last_received_at: datetime | None
    submissions: int
    strengths: str | None
    areas_for_development: str | None
    row_version: int


def _round_row(session: Session, r: S11Round) -> RoundRow:
    framework = session.get(S11Framework, r.framework_id)
    assert framework is not None
    counts = dict(
        session.execute(
            select(S11Return.status, func.count())
            .where(S11Return.round_id == r.id)
            .group_by(S11Return.status)
        ).all()
    )
    returned = sum(n for status, n in counts.items() if not ReturnStatus(status).awaiting_return)
    return RoundRow(
        r.id, r.label, r.framework_id, framework.name, framework.version, r.rating_scale,
        r.issue_date, r.deadline, r.challenge_date, RoundStatus.parse(r.status) or RoundStatus.OPEN,
        r.notes, sum(counts.values()), returned, r.row_version,
    )  # fmt: skip


def list_rounds(db: Database) -> list[RoundRow]:
    """Every round, newest first (by issue date, then label)."""
    with db.reader() as session:
        rounds = session.scalars(select(S11Round)).all()
        rows = [_round_row(session, r) for r in rounds]
    return sorted(rows, key=lambda r: (r.issue_date or date.min, r.label), reverse=True)


def get_round(db: Database, round_id: int) -> RoundRow:
    with db.reader() as session:
        return _round_row(session, fetch(session, S11Round, round_id, "round"))


def find_round(db: Database, label: str) -> RoundRow:
    """The round labelled `label` (as typed on the command line); raises NotFound."""
    with db.reader() as session:
        found = session.scalars(
            select(S11Round).where(func.lower(S11Round.label) == label.strip().lower())
        ).first()
        if found is None:
            known = ", ".join(sorted(session.scalars(select(S11Round.label)).all())) or "none yet"
            raise NotFound(f"There is no Section 11 round “{label}” (rounds: {known}).")
        return _round_row(session, found)


def validate_round(data: RoundInput) -> list[FieldError]:
    errors = check_required("label", data.label, "Label", 30)
    if data.rating_scale not in SCALES:
        errors.append(FieldError("rating_scale", "Choose a rating scale."))
    if data.issue_date and data.deadline and data.deadline < data.issue_date:
        errors.append(FieldError("deadline", "The deadline cannot be before the issue date."))
    return errors


def save_round(
    db: Database,
    data: RoundInput,
    round_id: int | None = None,
    expected_version: int | None = None,
) -> RoundRow:
    """Create a round (with its agencies in scope) or change its dates and notes."""
    errors = validate_round(data)
    if errors:
        raise ValidationFailed(errors)
    with db.session() as session:
        label = tidy(data.label) or ""
        clash = session.scalar(
            select(S11Round.id).where(
                func.lower(S11Round.label) == label.lower(), S11Round.id != (round_id or 0)
            )
        )
        if clash is not None:
            raise ValidationFailed(FieldError("label", f"There is already a round “{label}”."))
        fetch(session, S11Framework, data.framework_id, "framework")
        the_round = fetch(session, S11Round, round_id, "round") if round_id else S11Round()
        check_version(the_round, expected_version, "round")
        fixed = (the_round.framework_id, the_round.rating_scale)
        if (
            round_id is not None
            and fixed != (data.framework_id, data.rating_scale)
            and _has_submissions(session, round_id)
        ):
            raise ValidationFailed(
                FieldError(
                    "rating_scale",
                    "Returns have come in for this round: its framework and rating scale "
                    "can no longer change.",
                )
            )
        the_round.label = label
        the_round.framework_id = data.framework_id
        the_round.rating_scale = data.rating_scale
        the_round.issue_date = data.issue_date
        the_round.deadline = data.deadline
        the_round.challenge_date = data.challenge_date
        the_round.notes = tidy(data.notes)
        session.add(the_round)
        session.flush()
        if round_id is None:
            agency_ids = data.agency_ids
            if agency_ids is None:
                agency_ids = list(
                    session.scalars(
                        select(Agency.id).where(
                            Agency.section11_duty.is_(True), Agency.active.is_(True)
                        )
                    )
                )
            _set_scope(session, the_round.id, agency_ids)
        session.flush()
        return _round_row(session, the_round)


def _has_submissions(session: Session, round_id: int) -> bool:
    return bool(
        session.scalar(
            select(func.count())
            .select_from(S11Submission)
            .join(S11Return)
            .where(S11Return.round_id == round_id)
        )
    )


def _set_scope(session: Session, round_id: int, agency_ids: list[int]) -> None:
    wanted = set(agency_ids)
    existing = {
        r.agency_id: r
        for r in session.scalars(select(S11Return).where(S11Return.round_id == round_id))
    }
    for agency_id in wanted - set(existing):
        fetch(session, Agency, agency_id, "agency")
        session.add(S11Return(round_id=round_id, agency_id=agency_id, status="not_issued"))
    for agency_id in set(existing) - wanted:
        the_return = existing[agency_id]
        has_data = session.scalar(
            select(func.count())
            .select_from(S11Submission)
            .where(S11Submission.return_id == the_return.id)
        )
        if has_data or the_return.status != ReturnStatus.NOT_ISSUED.value:
            agency = session.get(Agency, agency_id)
            raise UserError(
                f"{agency.name if agency else 'An agency'} cannot leave the round: its template "
                "was issued or its return has come in."
            )
        session.delete(the_return)


def set_scope(db: Database, round_id: int, agency_ids: list[int]) -> RoundRow:
    """Agencies in scope: adds returns for new ones, removes not-yet-issued ones left out."""
    with db.session() as session:
        the_round = fetch(session, S11Round, round_id, "round")
        _set_scope(session, round_id, agency_ids)
        session.flush()
        return _round_row(session, the_round)


def set_round_status(db: Database, round_id: int, status: RoundStatus) -> None:
    with db.session() as session:
        fetch(session, S11Round, round_id, "round").status = status.value


def _return_rows(session: Session, returns: list[S11Return], today: date) -> list[ReturnRow]:
    if not returns:
        return []
    ids = [r.id for r in returns]
    submissions: dict[int, list] = {}
    for row in session.execute(
        select(
            S11Submission.return_id,
            S11Submission.received_at,
            S11Submission.submitted_by,
            S11Submission.superseded,
        ).where(S11Submission.return_id.in_(ids))
    ):
        submissions.setdefault(row.return_id, []).append(row)
    # The agencies in one query, not one each (a round has dozens; an import reads them all).
    agencies = {
        a.id: a
        for a in session.scalars(
            select(Agency).where(Agency.id.in_({r.agency_id for r in returns}))
        )
    }
    rows = []
    for r in returns:
        the_round = _round_of(session, r.round_id)
        agency = agencies[r.agency_id]
        status = ReturnStatus(r.status)
        deadline = r.extended_to or the_round.deadline
        overdue = is_overdue(status, deadline, today)
        history = submissions.get(r.id, [])
        current = next((h for h in history if not h.superseded), None)
        received = current.received_at if current else None
        submitted_by = current.submitted_by if current else None
        count = len(history)
        rows.append(
            ReturnRow(
                r.id,
                r.round_id,
                the_round.label,
                r.agency_id,
                agency.name,
                agency.short_name,
                status,
                r.issued_on,
                r.returned_on,
                r.validated_on,
                r.challenged_on,
                r.feedback_sent_on,
                deadline,
                r.extended_to is not None,
                overdue,
                (today - deadline).days if overdue and deadline else 0,
                bool(r.returned_on and deadline and r.returned_on > deadline),
                submitted_by,
                received,
                count,
                r.strengths,
                r.areas_for_development,
                r.row_version,
            )
        )
    return sorted(rows, key=lambda row: row.agency_name.casefold())


def _round_of(session: Session, round_id: int) -> S11Round:
    found = session.get(S11Round, round_id)
    assert found is not None
    return found


def round_returns(db: Database, round_id: int, today: date | None = None) -> list[ReturnRow]:
    """Each agency in scope with its return's status, overdue flag and latest submission."""
    with db.reader() as session:
        fetch(session, S11Round, round_id, "round")
        returns = list(session.scalars(select(S11Return).where(S11Return.round_id == round_id)))
        return _return_rows(session, returns, today or db.clock.today())


def get_return(db: Database, return_id: int, today: date | None = None) -> ReturnRow:
    with db.reader() as session:
        return _return_rows(
            session, [fetch(session, S11Return, return_id, "return")], today or db.clock.today()
        )[0]


def find_return(db: Database, round_id: int, agency_id: int) -> ReturnRow | None:
    with db.reader() as session:
        found = session.scalars(
            select(S11Return).where(
                S11Return.round_id == round_id, S11Return.agency_id == agency_id
            )
        ).first()
        return _return_rows(session, [found], db.clock.today())[0] if found else None


_DATE_FIELD = {
    ReturnStatus.ISSUED: "issued_on",
    ReturnStatus.RETURNED: "returned_on",
    ReturnStatus.VALIDATED: "validated_on",
    ReturnStatus.CHALLENGED: "challenged_on",
    ReturnStatus.FEEDBACK_SENT: "feedback_sent_on",
}


def set_return_status(
    db: Database,
    return_id: int,
    status: ReturnStatus,
    on: date | None = None,
    expected_version: int | None = None,
) -> ReturnRow:
    """Move a return by hand (e.g. validated after checking); refuses moves that skip steps."""
    status = ReturnStatus(status)  # a form may hand over the stored value
    with db.session() as session:
        the_return = fetch(session, S11Return, return_id, "return")
        check_version(the_return, expected_version, "return")
        current = ReturnStatus(the_return.status)
        errors = check_move(current, status)
        if status == ReturnStatus.RETURNED and current == ReturnStatus.ISSUED:
            errors.append(
                FieldError("status", "A return is marked returned by importing its workbook.")
            )
        if errors:
            raise ValidationFailed(errors)
        apply_status(the_return, status, on or db.clock.today())
        session.flush()
    return get_return(db, return_id)


def apply_status(the_return: S11Return, status: ReturnStatus, on: date) -> None:
    """Set the status and its date; moving back clears the dates of the steps undone."""
    the_return.status = status.value
    for step, field in _DATE_FIELD.items():
        if step.rank > status.rank:
            setattr(the_return, field, None)
    field = _DATE_FIELD.get(status)
    if field and getattr(the_return, field) is None:
        setattr(the_return, field, on)


def extend_deadline(
    db: Database, return_id: int, extended_to: date | None, expected_version: int | None = None
) -> ReturnRow:
    """Agree a later deadline with one agency (None: back to the round's deadline)."""
    with db.session() as session:
        the_return = fetch(session, S11Return, return_id, "return")
        check_version(the_return, expected_version, "return")
        deadline = _round_of(session, the_return.round_id).deadline
        if extended_to is not None and deadline is not None and extended_to <= deadline:
            raise ValidationFailed(
                FieldError("extended_to", "An extension must be later than the round's deadline.")
            )
        the_return.extended_to = extended_to
    return get_return(db, return_id)


def mark_issued(db: Database, round_id: int, agency_ids: list[int], on: date | None = None) -> int:
    """Mark the returns of these agencies issued (templates sent); returns how many changed."""
    changed = 0
    with db.session() as session:
        for the_return in session.scalars(
            select(S11Return).where(
                S11Return.round_id == round_id, S11Return.agency_id.in_(agency_ids)
            )
        ):
            if the_return.status == ReturnStatus.NOT_ISSUED.value:
                apply_status(the_return, ReturnStatus.ISSUED, on or db.clock.today())
                changed += 1
    return changed
