"""The agenda of a meeting: numbered items with times, presenters and papers, and the action log.

Restricted items carry "Restricted" in the agenda; a public agenda keeps each one's number
with a neutral "Not published" line and no title, time or presenter.
"""

from __future__ import annotations

import os

from reportlab.platypus import Flowable

from partnerboard.db.database import Database
from partnerboard.domain.meetings import WITHHELD_TEXT
from partnerboard.jobs import CancelToken, Progress, no_progress
from partnerboard.reports.blocks import data_table
from partnerboard.reports.flow import kept_with_next
from partnerboard.reports.layout import PageProgress, build_pdf, heading
from partnerboard.reports.meeting_parts import matters_arising_table, meeting_facts, report_info
from partnerboard.reports.styles import report_styles
from partnerboard.reports.text import para
from partnerboard.services.meetings.documents import MeetingDocument, agenda_document


def agenda_pdf(
    db: Database,
    meeting_id: int,
    target: str | os.PathLike[str] | None = None,
    *,
    public: bool = False,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> bytes:
    """Build the agenda PDF (written to `target` if given) and return its bytes."""
    progress(0, 0, "Gathering the agenda…")
    document = agenda_document(db, meeting_id, public=public)
    info = report_info(document, "Agenda", draft=False)
    return build_pdf(info, _story(document), target, on_page=PageProgress(progress, cancel))


def _story(document: MeetingDocument) -> list[Flowable]:
    styles = report_styles()
    meeting = document.meeting
    rows = []
    for item in document.items:
        if item.withheld:
            rows.append((item.number, "", WITHHELD_TEXT, "", ""))
            continue
        title = item.heading.split(". ", 1)[1]
        if item.carried_from:
            title += f"\n{item.carried_from}"
        rows.append(
            (
                item.number,
                item.starts_at.strftime("%H:%M") if item.starts_at else "",
                title,
                item.presenter,
                item.paper_ref,
            )
        )
    story: list[Flowable] = [
        para(f"Agenda{document.version}", styles.title),
        para(meeting.board_name, styles.subtitle),
        meeting_facts(document, []),
        heading("Items"),
        data_table(
            ("No.", "Time", "Item", "Presenter", "Paper"),
            rows,
            widths=(0.6, 0.9, 5.4, 2.4, 1.2),
            empty_text="No items yet.",
        ),
    ]
    if any(item.kind.value == "matters_arising" for item in document.items):
        story += [
            heading("Matters arising: open actions"),
            kept_with_next(
                para(
                    "The board's open actions with their latest update, for review under "
                    "matters arising.",
                    styles.muted,
                )
            ),
            *matters_arising_table(document),
        ]
    return story
