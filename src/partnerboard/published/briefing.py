"""A learning briefing ("7-minute briefing") on one practice review, for practitioners.

Seven numbered parts, as partnerships circulate learning from reviews: the review, what
happened in brief, what we learned, what to do differently, what the partnership is doing, what
to reflect on as a team, and where to find out more. Its content is the allow-list of
`services.review_briefing`; a review that is still restricted is not published at all.
"""

from __future__ import annotations

from typing import Any

from partnerboard.db.database import Database
from partnerboard.domain.dates import format_date
from partnerboard.errors import UserError
from partnerboard.published.model import (
    Link,
    Notice,
    PublishedDocument,
    Strong,
    badge,
    bullets,
    heading,
    para,
    paragraphs,
    short,
    table,
)
from partnerboard.services.publication import PublicVersion, briefing_version
from partnerboard.services.review_briefing import REFLECT, BriefingContent, briefing_content


def _points(points: tuple[str, ...], empty: str) -> Any:
    return bullets(points) if points else para(empty, tone="note")


def build(
    content: BriefingContent, version: PublicVersion, made_at: Any = None
) -> PublishedDocument:
    if content.not_for_circulation:
        raise UserError(
            f"The review {content.reference} is still restricted: its briefing can be published "
            "once the board lifts the restriction."
        )
    review = f"{content.kind.label} {content.reference}"
    published = (
        f"published {format_date(content.published_on)}"
        if content.published_on
        else "not yet published"
    )
    actions: Any = para("No actions recorded yet.", tone="note")
    if content.actions:
        actions = table(
            "The partnership's actions on the review's recommendations",
            ("Action", "Recommendation", "Lead", "Due", "RAG"),
            [(a.reference, a.text, a.lead_agency, a.due_on, badge(a.rag)) for a in content.actions],
            (0.8, 5.2, 1.6, 1.2, 1.2),
        )
    contact = content.partnership_contact
    more: Any = para(
        "Ask the partnership's business unit for the full review and the training offer."
    )
    if contact:
        url = contact if "://" in contact else f"mailto:{contact}" if "@" in contact else contact
        more = para("The full review and the partnership's training offer: ", Link(contact, url))
    blocks: list[Any] = [
        heading(
            1, f"7-minute briefing: learning from {content.kind.label.lower()} {content.reference}"
        ),
        Notice(version.statement, version.left_out),
        heading(2, "1. The review"),
        para(
            f"{review}, {published}. ",
            Strong("Agencies involved:"),
            " ",
            ", ".join(content.agencies) or "not recorded",
            ".",
        ),  # fmt: skip
        heading(2, "2. What happened, in brief"),
        *(
            paragraphs(content.summary)
            or [para("The summary has not been written yet.", tone="note")]
        ),
        heading(2, "3. What we learned"),
        _points(content.learning_points, "No learning points recorded yet."),
        heading(2, "4. What to do differently"),
        _points(content.do_differently, "Nothing recorded yet."),
        heading(2, "5. What the partnership is doing"),
        actions,
        heading(2, "6. Reflect with your team"),
        bullets(REFLECT),
        heading(2, "7. Find out more"),
        more,
    ]
    return PublishedDocument(
        kind="briefing",
        title=f"7-minute briefing: {content.reference}",
        short_title=short(f"7-minute briefing: {content.reference}"),
        partnership=content.partnership,
        generated_on=content.generated_on,
        version=version,
        blocks=tuple(blocks),
        logo=content.logo,
        contact=content.partnership_contact,
        made_at=made_at,
        subject="Learning from a safeguarding practice review",
        keywords=("7-minute briefing", "practice review", content.reference),
    )


def public_briefing(db: Database, review_id: int) -> PublishedDocument:
    """The briefing on one review (refused while the review is restricted)."""
    content = briefing_content(db, review_id)
    return build(content, briefing_version(content), db.clock.now_utc())
