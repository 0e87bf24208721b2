"""Pieces the minutes and the agenda share: the meeting's facts, page furniture, matters arising."""

from __future__ import annotations

from reportlab.platypus import Flowable

from partnerboard.domain.dates import format_date
from partnerboard.reports.blocks import data_table, facts_table, rag_badge
from partnerboard.reports.flow import kept_with_next
from partnerboard.reports.layout import ReportInfo
from partnerboard.reports.styles import report_styles
from partnerboard.reports.text import para
from partnerboard.services.meetings.documents import MeetingDocument


def report_info(document: MeetingDocument, what: str, *, draft: bool) -> ReportInfo:
    """The page furniture: the title says draft and public version, the marking and author come
    from the document's classification (`services.meetings.documents`)."""
    title = f"{what}{' (draft)' if draft else ''}: {document.title}{document.version}"
    return ReportInfo(
        title=title,
        partnership=document.partnership_name,
        classification=document.classification,
        subject=f"{what} of the {document.meeting.board_name}",
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


def matters_arising_table(document: MeetingDocument) -> list[Flowable]:
    """The board's open actions with their latest update, as at the day the paper is about."""
    rows = [
        (
            row.reference,
            row.action_text,
            row.lead,
            row.due_text,
            rag_badge(row.rag),
            row.update_text,
        )
        for row in document.matters_arising
    ]
    return [
        kept_with_next(
            para(
                f"As at {format_date(document.matters_as_at)}: overdue means past its due date "
                "on that day and not complete (an action rated Green is complete).",
                report_styles().muted,
            )
        ),
        data_table(
            ("Ref.", "Action", "Lead", "Due", "RAG", "Latest update"),
            rows,
            widths=(0.7, 3.1, 1.8, 1.3, 1.1, 3.1),
            empty_text="No open actions to report.",
        ),
    ]


def presenter_line(presenter: str | None, paper_ref: str | None) -> Flowable | None:
    parts = [
        f"Presented by {presenter}" if presenter else "",
        f"Paper {paper_ref}" if paper_ref else "",
    ]
    text = " · ".join(p for p in parts if p)
    return kept_with_next(para(text, report_styles().muted)) if text else None
