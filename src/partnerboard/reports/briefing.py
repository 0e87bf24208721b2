"""`partnerboard report briefing --review REF -o FILE.pdf`: a "7-minute briefing" on one review.

One or two A4 pages in seven numbered parts, as partnerships circulate learning from reviews
to practitioners: the review, what happened in brief, what we learned, what to do
differently, what the partnership is doing (its actions and their RAG), questions to reflect
on as a team, and where to find out more. Content comes from `services.review_briefing`,
which lets nothing restricted through; every user string is escaped by `reports.text`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle

from partnerboard.db.database import Database
from partnerboard.domain.dates import format_date
from partnerboard.domain.marking import labelled
from partnerboard.reports.blocks import data_table, rag_badge
from partnerboard.reports.layout import ReportInfo, build_pdf, heading
from partnerboard.reports.styles import RULE, report_styles
from partnerboard.reports.text import markup, para, rich
from partnerboard.services.review_briefing import REFLECT, BriefingContent, briefing_content


@dataclass(frozen=True)
class BriefingReport:
    path: Path
    pages: int


def _bullets(points: Sequence[str], empty: str) -> list[Flowable]:
    styles = report_styles()
    if not points:
        return [para(empty, styles.muted)]
    style = ParagraphStyle(
        "Bullet",
        parent=styles.body,
        leftIndent=12,
        bulletIndent=2,
        spaceAfter=2,
        bulletFontName=styles.body.fontName,  # reportlab's default, Helvetica, is never embedded
    )
    return [Paragraph(markup(point), style, bulletText="•") for point in points]


def _section(number: int, title: str, body: Sequence[Flowable]) -> list[Flowable]:
    # The heading stays with its first lines (keepWithNext), the rest may flow on.
    return [heading(f"{number}. {title}", 2), *body]


def story(content: BriefingContent) -> list[Flowable]:
    styles = report_styles()
    title = f"Learning from {content.kind.label.lower()} {content.reference}"
    parts: list[Flowable] = [para("7-minute briefing", styles.title), para(title, styles.subtitle)]
    if content.not_for_circulation:
        parts.append(
            para(
                "Draft: this review is still restricted. Do not circulate the briefing until "
                "the board lifts the restriction.",
                ParagraphStyle("Warning", parent=styles.body, fontName=styles.h3.fontName),
            )
        )
    published = (
        f"published {format_date(content.published_on)}"
        if content.published_on
        else "not yet published"
    )
    agencies = ", ".join(content.agencies) or "not recorded"
    parts += _section(
        1,
        "The review",
        [
            rich(
                "{}, {}. <b>Agencies involved:</b> {}.",
                labelled(f"{content.kind.label} {content.reference}", content.not_for_circulation),
                published,
                agencies,
            )
        ],
    )
    parts += _section(
        2,
        "What happened, in brief",
        [para(content.summary or "The summary has not been written yet.", styles.body)],
    )
    parts += _section(
        3, "What we learned", _bullets(content.learning_points, "No learning points recorded yet.")
    )
    parts += _section(
        4,
        "What to do differently",
        _bullets(content.do_differently, "Nothing recorded yet."),
    )
    rows = [
        (a.reference, a.text, a.lead_agency, a.due_on, rag_badge(a.rag)) for a in content.actions
    ]
    parts += _section(
        5,
        "What the partnership is doing",
        [
            data_table(
                ("Action", "Recommendation", "Lead", "Due", "RAG"),
                rows,
                widths=(0.8, 5.2, 1.6, 1.2, 1.4),
                empty_text="No actions recorded yet.",
            )
        ],
    )
    contact = content.partnership_contact
    more = (
        f"The full review and the partnership's training offer:\n{contact}"
        if contact
        else "Ask the partnership's business unit for the full review and training offer."
    )
    # The closing parts sit side by side and travel together: a question left alone on a
    # second page reads badly, and side by side the usual briefing fits on one page.
    closing = Table(
        [
            [
                _section(6, "Reflect with your team", _bullets(REFLECT, "")),
                _section(7, "Find out more", [para(more, styles.body)]),
            ]
        ],
        colWidths=["62%", "38%"],
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), styles.body.fontName),  # not Helvetica
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), 10),
                ("LEFTPADDING", (1, 0), (1, 0), 10),
                ("RIGHTPADDING", (1, 0), (1, 0), 0),
                ("LINEBEFORE", (1, 0), (1, 0), 0.75, RULE),
            ]
        ),
        hAlign="LEFT",
    )
    parts.append(KeepTogether([closing]))
    return parts


def briefing_pdf(
    content: BriefingContent,
    today: date | None = None,
    target: Path | None = None,
    on_page: Callable[[int], None] | None = None,
) -> bytes:
    """The briefing as PDF bytes (also written to `target`, atomically, when given)."""
    info = ReportInfo(
        title=f"7-minute briefing: {content.reference}",
        partnership=content.partnership,
        subject="Learning from a safeguarding practice review",
        classification=content.classification,
        draft=content.not_for_circulation,
        logo=content.logo,
        generated_on=today or content.generated_on,
        keywords=("7-minute briefing", "practice review", content.reference),
    )
    return build_pdf(info, story(content), target, on_page=on_page)


def write_briefing(
    db: Database, review_id: int, path: Path, today: date | None = None
) -> BriefingReport:
    """Write the briefing on one review to `path`; returns the number of pages."""
    pages: list[int] = []
    briefing_pdf(briefing_content(db, review_id), today, Path(path), on_page=pages.append)
    return BriefingReport(Path(path), max(pages, default=0))
