"""What a learning briefing on a review may say: only what is meant for circulation.

The briefing ("7-minute briefing") is printed for every practitioner, so it is assembled
from an allow-list of fields: the kind of review, the agencies involved, the summary, the
learning points, what to do differently and the unrestricted actions with their RAG. The
confidential notes, the dates of the incident, names of deciders and restricted actions never
reach it, whoever prints it. A review that is itself still restricted gives a briefing marked
as a draft not for circulation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from partnerboard.db.database import Database
from partnerboard.domain.marking import Classification, author_name, classify
from partnerboard.domain.reviews import ReviewKind
from partnerboard.services.partnership import get_logo, get_partnership
from partnerboard.services.review_actions import RecommendationRow, recommendations_in
from partnerboard.services.reviews import fetch_visible_review, rows_of

# Part 6 of every briefing, the same for each review: what a team asks itself.
REFLECT = (
    "Where could this happen in our own work, and what would we notice?",
    "What one thing will each of us do differently from tomorrow?",
    "Who do we talk to, and how do we escalate, when we are worried and not heard?",
)


@dataclass(frozen=True)
class BriefingContent:
    partnership: str
    partnership_contact: str | None  # website or e-mail, for 'find out more'
    logo: bytes | None
    reference: str
    kind: ReviewKind
    agencies: tuple[str, ...]
    published_on: date | None
    summary: str | None
    learning_points: tuple[str, ...]
    do_differently: tuple[str, ...]
    actions: tuple[RecommendationRow, ...]  # unrestricted ones only
    not_for_circulation: bool  # the review itself is still restricted
    generated_on: date  # the day the briefing is made (the database's clock)
    classification: Classification  # its marking, notice and author (`domain.marking`)


def _lines(text: str | None) -> tuple[str, ...]:
    """One point per line; bullets people typed ('-', '•', '*') are dropped."""
    points = (line.strip().lstrip("-•*").strip() for line in (text or "").splitlines())
    return tuple(point for point in points if point)


def briefing_content(db: Database, review_id: int) -> BriefingContent:
    """The circulation-safe content of a review's briefing (NotFound if the user may not see it)."""
    partnership = get_partnership(db)
    logo = get_logo(db)
    with db.reader() as session:
        review = rows_of(session, [fetch_visible_review(session, review_id)])[0]
        actions = tuple(a for a in recommendations_in(session, review_id) if not a.restricted)
    return BriefingContent(
        partnership=partnership.name,
        partnership_contact=partnership.website or partnership.email,
        logo=logo[0] if logo else None,
        reference=review.reference,
        kind=review.kind,
        agencies=review.agency_names,
        published_on=review.published_on,
        summary=review.summary,
        learning_points=_lines(review.learning_points),
        do_differently=_lines(review.do_differently),
        actions=actions,
        not_for_circulation=review.restricted,
        generated_on=db.clock.today(),
        classification=classify(
            [("review", 1 if review.restricted else 0)],
            author=author_name(db.principal, partnership.name),
        ),
    )
