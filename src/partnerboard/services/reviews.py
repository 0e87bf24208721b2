"""The practice review register: rapid reviews, local reviews (LCSPRs) and older serious case reviews.

Reviews are restricted by default. Who may see a restricted review is not decided here: the
session leaves it out of every ORM query for anyone it does not admit (`db.visibility`:
business support, the chairs and the review's `restricted_to` audience), so every way out of
the database (this register, the deadline board, recommendations, the Excel export, the
learning briefing, the command line) sees only what the user may see, with the review's
agencies and the actions arising from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from partnerboard.clock import clock_of
from partnerboard.db.database import Database
from partnerboard.db.models.partnership import Agency
from partnerboard.db.models.reviews import PracticeReview, PracticeReviewAgency
from partnerboard.domain.access import stored_audience
from partnerboard.domain.references import check_anonymised_reference, tidy_reference
from partnerboard.domain.reviews import ReviewDecision, ReviewKind, ReviewStatus
from partnerboard.errors import FieldError, NotFound, ValidationFailed
from partnerboard.services.common import check_version, tidy

# ---------------------------------------------------------------- finding one review


def fetch_visible_review(session: Session, review_id: int) -> PracticeReview:
    """The review, or NotFound — also when it exists but is hidden (its existence is not told)."""
    found = session.get(PracticeReview, review_id)
    if found is None:
        raise NotFound(f"There is no practice review with id {review_id}.")
    return found


def find_visible_review(session: Session, reference: str) -> PracticeReview:
    wanted = tidy_reference(reference).casefold()
    found = session.scalars(
        select(PracticeReview).where(func.lower(PracticeReview.reference) == wanted)
    ).first()
    if found is None:
        raise NotFound(f"There is no practice review with the reference “{reference.strip()}”.")
    return found


# ---------------------------------------------------------------- rows and input


@dataclass(frozen=True)
class ReviewRow:
    id: int
    kind: ReviewKind
    reference: str
    aware_on: date
    notified_on: date | None
    rapid_review_on: date | None
    reviewer: str | None
    status: ReviewStatus
    decision: ReviewDecision | None
    decision_reason: str | None
    decision_on: date | None
    decision_by: str | None
    published_on: date | None
    summary: str | None
    learning_points: str | None
    do_differently: str | None
    confidential_notes: str | None
    closed_on: date | None
    closed_by: str | None
    closure_reason: str | None
    restricted: bool
    restricted_to: str | None
    agency_ids: tuple[int, ...]
    agency_names: tuple[str, ...]
    row_version: int

    @property
    def closed(self) -> bool:
        return self.status == ReviewStatus.CLOSED


@dataclass
class ReviewInput:
    kind: str
    reference: str
    aware_on: date | None
    agency_ids: list[int] = field(default_factory=list)
    reviewer: str | None = None
    status: str = ReviewStatus.OPEN.value
    notified_on: date | None = None
    rapid_review_on: date | None = None
    decision: str | None = None
    decision_reason: str | None = None
    decision_on: date | None = None
    decision_by: str | None = None
    published_on: date | None = None
    summary: str | None = None
    learning_points: str | None = None
    do_differently: str | None = None
    confidential_notes: str | None = None
    restricted: bool = True
    restricted_to: str | None = None  # who else sees it while restricted (domain.access.Audience)


def _agencies_of(session: Session, review_ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    rows = session.execute(
        select(PracticeReviewAgency.review_id, Agency.id, Agency.name)
        .join(Agency, Agency.id == PracticeReviewAgency.agency_id)
        .where(PracticeReviewAgency.review_id.in_(review_ids))
        .order_by(Agency.name)
    )
    found: dict[int, list[tuple[int, str]]] = {}
    for review_id, agency_id, name in rows:
        found.setdefault(review_id, []).append((agency_id, name))
    return found


def review_row(review: PracticeReview, agencies: list[tuple[int, str]]) -> ReviewRow:
    return ReviewRow(
        id=review.id,
        kind=ReviewKind(review.kind),
        reference=review.reference,
        aware_on=review.aware_on,
        notified_on=review.notified_on,
        rapid_review_on=review.rapid_review_on,
        reviewer=review.reviewer,
        status=ReviewStatus(review.status),
        decision=ReviewDecision.parse(review.decision),
        decision_reason=review.decision_reason,
        decision_on=review.decision_on,
        decision_by=review.decision_by,
        published_on=review.published_on,
        summary=review.summary,
        learning_points=review.learning_points,
        do_differently=review.do_differently,
        confidential_notes=review.confidential_notes,
        closed_on=review.closed_on,
        closed_by=review.closed_by,
        closure_reason=review.closure_reason,
        restricted=review.restricted,
        restricted_to=review.restricted_to,
        agency_ids=tuple(a for a, _ in agencies),
        agency_names=tuple(n for _, n in agencies),
        row_version=review.row_version,
    )


def rows_of(session: Session, reviews: list[PracticeReview]) -> list[ReviewRow]:
    agencies = _agencies_of(session, [r.id for r in reviews])
    return [review_row(r, agencies.get(r.id, [])) for r in reviews]


# ---------------------------------------------------------------- reading


def list_reviews(db: Database, include_closed: bool = True) -> list[ReviewRow]:
    """The reviews the current user may see, newest first."""
    with db.reader() as session:
        query = select(PracticeReview).order_by(
            PracticeReview.aware_on.desc(), PracticeReview.id.desc()
        )
        if not include_closed:
            query = query.where(PracticeReview.status != ReviewStatus.CLOSED.value)
        return rows_of(session, list(session.scalars(query)))


def get_review(db: Database, review_id: int) -> ReviewRow:
    with db.reader() as session:
        return rows_of(session, [fetch_visible_review(session, review_id)])[0]


def find_review(db: Database, reference: str) -> ReviewRow:
    with db.reader() as session:
        return rows_of(session, [find_visible_review(session, reference)])[0]


# ---------------------------------------------------------------- writing


def _dated(
    errors: list[FieldError], key: str, value: date | None, aware_on: date | None, what: str
) -> None:
    if value is not None and aware_on is not None and value < aware_on:
        errors.append(FieldError(key, f"{what} cannot be before the partnership became aware."))


def validate_review(data: ReviewInput, today: date) -> list[FieldError]:
    errors = [FieldError("reference", m) for m in check_anonymised_reference(data.reference)]
    if ReviewKind.parse(data.kind) is None:
        errors.append(FieldError("kind", "Choose the kind of review."))
    if ReviewStatus.parse(data.status) is None:
        errors.append(FieldError("status", "Choose the status."))
    if data.aware_on is None:
        errors.append(FieldError("aware_on", "Give the date the partnership became aware."))
    elif data.aware_on > today:
        errors.append(FieldError("aware_on", "The date of becoming aware cannot be in the future."))
    _dated(errors, "notified_on", data.notified_on, data.aware_on, "The notification")
    _dated(errors, "rapid_review_on", data.rapid_review_on, data.aware_on, "The rapid review")
    _dated(errors, "decision_on", data.decision_on, data.aware_on, "The decision")
    _dated(errors, "published_on", data.published_on, data.aware_on, "Publication")
    if data.decision and ReviewDecision.parse(data.decision) is None:
        errors.append(FieldError("decision", "Choose the decision from the list."))
    if data.decision:
        if data.decision_on is None:
            errors.append(FieldError("decision_on", "Give the date of the decision."))
        if not tidy(data.decision_by):
            errors.append(FieldError("decision_by", "Say who made the decision."))
    elif data.decision_on is not None or tidy(data.decision_by):
        errors.append(FieldError("decision", "Choose the decision that was made."))
    for key, what, value in (
        ("reviewer", "The reviewer", data.reviewer),
        ("decision_by", "Who made the decision", data.decision_by),
    ):
        if value is not None and len(value.strip()) > 200:
            errors.append(FieldError(key, f"{what} must be at most 200 characters."))
    return errors


def save_review(
    db: Database,
    data: ReviewInput,
    review_id: int | None = None,
    expected_version: int | None = None,
    today: date | None = None,
) -> ReviewRow:
    """Add (`review_id` None) or change a review. Closing goes through `close_review` instead."""
    with db.session() as session:
        review = save_review_in(session, data, review_id, expected_version, today)
        return rows_of(session, [review])[0]


def save_review_in(
    session: Session,
    data: ReviewInput,
    review_id: int | None = None,
    expected_version: int | None = None,
    today: date | None = None,
) -> PracticeReview:
    errors = validate_review(data, today or clock_of(session).today())
    review = fetch_visible_review(session, review_id) if review_id is not None else None
    was_closed = review is not None and review.status == ReviewStatus.CLOSED.value
    if data.status == ReviewStatus.CLOSED.value and not was_closed:
        errors.append(
            FieldError("status", "Close a review with “Close review…”, which checks its actions.")
        )
    reference = tidy_reference(data.reference or "")
    same = select(PracticeReview.id).where(
        func.lower(PracticeReview.reference) == reference.casefold()
    )
    if review_id is not None:
        same = same.where(PracticeReview.id != review_id)
    clash = session.scalar(same)
    if reference and clash is not None:
        errors.append(
            FieldError("reference", f"Another review already has the reference “{reference}”.")
        )
    if errors:
        raise ValidationFailed(errors)
    if review is None:
        review = PracticeReview()
        session.add(review)
    else:
        check_version(review, expected_version, "review")
    if was_closed and data.status != ReviewStatus.CLOSED.value:  # reopened
        review.closed_on = review.closed_by = review.closure_reason = None
    review.kind = ReviewKind.parse(data.kind).value  # type: ignore[union-attr]
    review.reference = reference
    review.aware_on = data.aware_on  # type: ignore[assignment]
    review.status = ReviewStatus.parse(data.status).value  # type: ignore[union-attr]
    review.decision = ReviewDecision.parse(data.decision).value if data.decision else None  # type: ignore[union-attr]
    for name in ("notified_on", "rapid_review_on", "decision_on", "published_on"):
        setattr(review, name, getattr(data, name))
    for name in (
        "reviewer",
        "decision_reason",
        "decision_by",
        "summary",
        "learning_points",
        "do_differently",
        "confidential_notes",
    ):
        setattr(review, name, tidy(getattr(data, name)))
    review.restricted = data.restricted
    review.restricted_to = stored_audience(data.restricted, data.restricted_to)
    session.flush()
    _set_agencies(session, review.id, data.agency_ids)
    return review


def _set_agencies(session: Session, review_id: int, agency_ids: list[int]) -> None:
    wanted = set(agency_ids)
    known = set(session.scalars(select(Agency.id).where(Agency.id.in_(wanted))))
    if wanted - known:
        raise ValidationFailed(FieldError("agency_ids", "One of the agencies no longer exists."))
    links = session.scalars(
        select(PracticeReviewAgency).where(PracticeReviewAgency.review_id == review_id)
    ).all()
    current = {link.agency_id for link in links}
    for link in links:
        if link.agency_id not in wanted:
            session.delete(link)  # through the session, so that the change is announced
    for agency_id in sorted(wanted - current):
        session.add(PracticeReviewAgency(review_id=review_id, agency_id=agency_id))
    session.flush()
