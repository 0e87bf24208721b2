"""Threshold papers: the one-page sign-up summary for the board, and the threshold document itself.

Both are built on the shared board-paper layout; every user string reaches reportlab through
`para`/`rich`/`data_table`, which escape it.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable, KeepTogether, Spacer

from partnerboard.db.database import Database
from partnerboard.domain.marking import author_name, classify
from partnerboard.domain.thresholds import SIGNUP_RAG, SignupStatus, VersionStatus, coverage_rag
from partnerboard.errors import UserError
from partnerboard.reports.blocks import data_table, facts_table, rag_badge
from partnerboard.reports.charts import figure, stacked_bar_chart
from partnerboard.reports.layout import ReportInfo, build_pdf, heading
from partnerboard.reports.styles import report_styles
from partnerboard.reports.text import para, rich
from partnerboard.services import partnership
from partnerboard.services import threshold_levels as tl
from partnerboard.services import threshold_signups as su
from partnerboard.services import thresholds as th


def _document_id(db: Database, document_id: int | None) -> int:
    if document_id is not None:
        return document_id
    documents = th.list_documents(db)
    if not documents:
        raise UserError(
            "There is no threshold document yet; add one on the Threshold documents page."
        )
    return documents[0].id


def _info(db: Database, title: str, subject: str, draft: bool = False) -> ReportInfo:
    details = partnership.get_partnership(db)
    logo = partnership.get_logo(db)
    return ReportInfo(
        title=title,
        partnership=details.name,
        subject=subject,
        # Nothing in a threshold paper can be restricted.
        classification=classify(author=author_name(db.principal, details.name)),
        draft=draft,
        logo=logo[0] if logo else None,
        generated_on=db.clock.today(),
        keywords=("threshold", "levels of need"),
    )


# ---------------------------------------------------------------- the sign-up summary


def signup_summary_story(
    matrix: su.SignupMatrix, width: float, waiting_as_table: bool = True
) -> list[Flowable]:
    """The summary; the agencies not yet signed up are a table, or names per status when
    `waiting_as_table` is False (to keep a long list on the one page)."""
    styles = report_styles()
    story: list[Flowable] = [para("Threshold sign-up summary", styles.title)]
    current = matrix.current
    if current is None:
        return [*story, para(f"{matrix.document_title} has no versions yet.")]
    story.append(para(current.title, styles.subtitle))
    lines = su.coverage_by_sector(matrix, current.id)
    total = lines[-1]
    approved = (
        f"approved by the board on {current.approved_on:%d/%m/%Y}"
        if current.approved_on
        else "not yet approved"
    )
    story.append(
        rich(
            "<b>{}</b> is the current version, {}. <b>{} of {}</b> agencies have agreed it "
            "({}%); {} pending, {} declined.",
            current.label,
            approved,
            total.agreed,
            total.in_scope,
            total.percent_agreed or 0,
            total.pending,
            total.declined,
        )
    )
    chart = su.coverage_breakdown(matrix, current.id, with_percent=True)
    story.append(heading("Coverage by sector"))
    story.append(
        figure(
            stacked_bar_chart(chart, width), chart.describe(f"Sign-up to {current.label} by sector")
        )
    )
    story.append(
        data_table(
            ("", "Agencies", "Agreed", "Declined", "Pending", "Agreed %"),
            [
                (
                    line.label,
                    line.in_scope,
                    line.agreed,
                    line.declined,
                    line.pending,
                    rag_badge(
                        coverage_rag(line.percent_agreed),
                        "–" if line.percent_agreed is None else f"{line.percent_agreed}%",
                    ),
                )
                for line in lines[-2:]  # statutory partners, then all agencies
            ],
            widths=(3.2, 1.1, 1, 1, 1, 1.2),
        )
    )
    waiting = matrix.not_signed_current()
    story.append(heading(f"Not yet signed {current.label} ({len(waiting)})"))
    if not waiting_as_table:
        for status in (SignupStatus.DECLINED, SignupStatus.PENDING):
            names = [
                f"{row.agency_name} ({cell.note})"
                if cell.note and status is SignupStatus.DECLINED
                else row.agency_name
                for row in waiting
                if (cell := matrix.cell(row, current.id)) and cell.status is status
            ]
            if names:
                story.append(rich("<b>{} ({}):</b> {}", status.label, len(names), "; ".join(names)))
        return story
    earlier = [v for v in matrix.versions if v.id != current.id]
    previous = earlier[-1] if earlier else None
    rows = []
    for row in waiting:
        cell = matrix.cell(row, current.id)
        assert cell is not None
        before = matrix.cell(row, previous.id) if previous else None
        rows.append(
            (
                row.agency_name,
                row.sector,
                rag_badge(SIGNUP_RAG[cell.status], cell.status.label),
                before.status.label if before else "–",
                cell.note,
            )
        )
    story.append(
        data_table(
            (
                "Agency",
                "Sector",
                "Sign-up",
                f"On {previous.label.lower()}" if previous else "Earlier",
                "Note",
            ),
            rows,
            widths=(3.4, 1.6, 1.1, 1.1, 2.6),
            empty_text="Every agency asked has agreed the current version.",
        )
    )
    return story


def signup_summary_pdf(db: Database, target: Path, document_id: int | None = None) -> Path:
    """The one-page sign-up summary of a threshold document (the first one by default).

    The agencies not yet signed up are listed as a table when it fits on the page, otherwise
    by name under each status.
    """
    matrix = su.signup_matrix(db, _document_id(db, document_id))
    info = _info(
        db,
        f"Threshold sign-up summary – {matrix.document_title}",
        "Partner sign-up to the threshold document",
    )
    pages: list[int] = []
    build_pdf(info, signup_summary_story(matrix, info.content_width), on_page=pages.append)
    as_table = max(pages, default=1) <= 1
    build_pdf(info, signup_summary_story(matrix, info.content_width, as_table), target)
    return target


# ---------------------------------------------------------------- the document itself


def document_story(
    version: th.VersionRow, levels: list[tl.LevelRow], successor: th.VersionRow | None
) -> list[Flowable]:
    styles = report_styles()
    story: list[Flowable] = [
        para(version.title, styles.title),
        para(f"{version.label} – {version.status.label}", styles.subtitle),
    ]
    facts: list[tuple[str, object]] = [
        ("Approved by the board", version.approved_on or "Not yet approved"),
    ]
    if version.approved_meeting:
        facts.append(("Approved at", version.approved_meeting))
    facts.append(("Review due", version.review_due or "Not set"))
    if version.status is VersionStatus.SUPERSEDED and successor is not None:
        facts.append(("Superseded by", successor.label))
    story.append(facts_table(facts, label_width=0.3))
    if version.notes:
        story.append(para(version.notes))
    story.append(heading("Levels of need"))
    story.append(
        data_table(
            ("Level", "Name"),
            [(level.number, level.name) for level in levels],
            widths=(1, 6),
            empty_text="No levels recorded.",
        )
    )
    for level in levels:
        # A level is kept on one page (a longer one still splits) so no heading is orphaned.
        story.append(
            KeepTogether(
                [
                    heading(f"Level {level.number}: {level.name}", 2),
                    rich("<b>Descriptors</b>"),
                    para(level.descriptors or "None recorded."),
                    rich("<b>Indicators</b>"),
                    para(level.indicators or "None recorded."),
                    Spacer(1, 4),
                ]
            )
        )
    return story


def threshold_document_pdf(db: Database, target: Path, version_id: int | None = None) -> Path:
    """A version of the threshold document with its levels (default: the current version)."""
    if version_id is None:
        document_id = _document_id(db, None)
        rows = th.list_versions(db, document_id)
        current = next((v for v in rows if v.is_current), None)
        if current is None:
            raise UserError("The threshold document has no versions yet.")
        version_id = current.id
    version = th.get_version(db, version_id)
    versions = th.list_versions(db, version.document_id)
    later = [v for v in versions if v.id > version.id and v.status is not VersionStatus.DRAFT]
    info = _info(
        db,
        f"{version.title} – {version.label}",
        "Threshold document: levels of need",
        draft=version.status is VersionStatus.DRAFT,
    )
    story = document_story(version, tl.list_levels(db, version.id), later[0] if later else None)
    build_pdf(info, story, target)
    return target
