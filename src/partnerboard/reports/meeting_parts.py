"""Pieces the minutes and the agenda share: the meeting's facts, page furniture, matters arising."""

from __future__ import annotations

from reportlab.platypus import Flowable

from partnerboard.domain.dates import format_date
from partnerboard.reports.blocks import data_table, facts_table, rag_badge
from partnerboard.reports.layout import ReportInfo
from partnerboard.reports.styles import report_styles
from partnerboard.reports.text import para
from partnerboard.services.meetings.documents import MeetingDocument

# Printed at the top and foot of every page. Restricted items make a paper sensitive; a public
# version has none and carries no marking.
SENSITIVE = "OFFICIAL-SENSITIVE"
OFFICIAL = "OFFICIAL"


def marking(document: MeetingDocument) -> str:
    if document.public:
        return ""
    return SENSITIVE if any(item.restricted for item in document.items) else OFFICIAL


def report_info(document: MeetingDocument, what: str, *, draft: bool) -> ReportInfo:
    title = f"{what}: {document.title}"
    if document.public:
        title += " (public version)"
    return ReportInfo(
        title=title,
        partnership=document.partnership_name,
        subject=f"{what} of the {document.meeting.board_name}",
        author=document.partnership_name,
        marking=marking(document),
        draft=draft,
        logo=document.logo,
        generated_on=document.generated_on,
        keywords=(what.lower(), document.meeting.board_name),
    )


def meeting_facts(document: MeetingDocument, extra: list[tuple[str, object]]) -> Flowable:
    meeting = document.meeting
    facts: list[tuple[str, object]] = [
        ("Date", f"{meeting.starts_at:%A} {format_date(meeting.starts_at)}"),
        ("Time", meeting.time_text),
        ("Where", meeting.where),
    ]
    if meeting.online and meeting.online_link and not document.public:
        facts.append(("Online", meeting.online_link))
    facts.append(("Chair", meeting.chair_name or "Not recorded"))
    return facts_table(facts + extra, label_width=0.22)


def matters_arising_table(document: MeetingDocument) -> Flowable:
    """The board's open actions as they stood on the meeting day, with their latest update."""
    rows = [
        (
            row.reference,
            f"Restricted: {row.text}" if row.restricted else row.text,
            row.lead,
            f"{format_date(row.due_on)}{chr(10)}overdue" if row.overdue else row.due_on,
            rag_badge(row.rag),
            f"{format_date(row.latest_update_on)}: {row.latest_update}"
            if row.latest_update
            else "No update yet",
        )
        for row in document.matters_arising
    ]
    return data_table(
        ("Ref.", "Action", "Lead", "Due", "RAG", "Latest update"),
        rows,
        widths=(0.7, 3.1, 1.8, 1.6, 1.2, 3.1),
        empty_text="No open actions to report.",
    )


def presenter_line(presenter: str | None, paper_ref: str | None) -> Flowable | None:
    parts = [
        f"Presented by {presenter}" if presenter else "",
        f"Paper {paper_ref}" if paper_ref else "",
    ]
    text = " · ".join(p for p in parts if p)
    return para(text, report_styles().muted) if text else None
