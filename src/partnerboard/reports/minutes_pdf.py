"""The minutes of a meeting as the chair signs them: A4, DRAFT until approved, page X of Y.

    minutes_pdf(db, meeting_id, "minutes.pdf")               # every item the printer may see
    minutes_pdf(db, meeting_id, "public.pdf", public=True)   # restricted items left out entirely

Restricted items carry "Restricted" in their heading; what the public version leaves out is
decided once, in `services.meetings.documents` (see `domain.meetings.shown_in_version`): a
restricted item keeps its number there, as a neutral "Not published" line.
"""

from __future__ import annotations

import os

from reportlab.platypus import Flowable

from partnerboard.db.database import Database
from partnerboard.domain.dates import format_date
from partnerboard.domain.meetings import WITHHELD_TEXT, AgendaItemKind
from partnerboard.jobs import CancelToken, Progress, no_progress
from partnerboard.reports.blocks import data_table, signature_block
from partnerboard.reports.flow import keep_short
from partnerboard.reports.layout import PageProgress, build_pdf, heading
from partnerboard.reports.meeting_parts import (
    matters_arising_table,
    meeting_facts,
    presenter_line,
    report_info,
)
from partnerboard.reports.styles import report_styles
from partnerboard.reports.text import para, rich
from partnerboard.services.meetings.documents import Attendee, MinutesDocument, minutes_document
from partnerboard.services.meetings.rows import AgendaItemRow


def minutes_pdf(
    db: Database,
    meeting_id: int,
    target: str | os.PathLike[str] | None = None,
    *,
    public: bool = False,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> bytes:
    """Build the minutes PDF (written to `target` if given) and return its bytes."""
    progress(0, 0, "Gathering the minutes…")
    document = minutes_document(db, meeting_id, public=public)
    return render_minutes(document, target, progress=progress, cancel=cancel)


def render_minutes(
    document: MinutesDocument,
    target: str | os.PathLike[str] | None = None,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> bytes:
    info = report_info(document, "Minutes", draft=document.draft)
    return build_pdf(info, _story(document), target, on_page=PageProgress(progress, cancel))


def _status_line(document: MinutesDocument) -> str:
    meeting = document.meeting
    if not document.draft:
        by = f" by {meeting.minutes_approved_by}" if meeting.minutes_approved_by else ""
        text = f"Approved{by} on {format_date(meeting.minutes_approved_on)}."
    else:
        text = "Draft minutes: not yet approved by the chair."
    return text


def _people(title: str, people: list[Attendee], note_title: str | None = None) -> list[Flowable]:
    if not people:
        return []
    if note_title is None:
        header: tuple[str, ...] = ("Name", "Role and organisation")
        rows = [(p.name, p.described) for p in people]
        widths: tuple[float, ...] = (2.2, 7.2)
    else:
        header = ("Name", "Role and organisation", note_title)
        rows = [(p.name, p.described, p.note) for p in people]
        widths = (2.2, 4.8, 2.4)
    return [heading(title, 2), data_table(header, rows, widths=widths)]


def _story(document: MinutesDocument) -> list[Flowable]:
    styles = report_styles()
    meeting = document.meeting
    quorum = document.quorum.summary if document.quorum else ""
    story: list[Flowable] = [
        para(f"{'Draft minutes' if document.draft else 'Minutes'}{document.version}", styles.title),
        para(meeting.board_name, styles.subtitle),
        meeting_facts(
            document,
            [("Minutes by", meeting.minute_taker_name or "Not recorded"), ("Quorum", quorum)],
        ),
        para(_status_line(document), styles.muted),
        heading("Attendance"),
        *_people("Present", document.present, "Attended"),
        *_people("In attendance", document.in_attendance),
        *_people("Apologies", document.apologies, "Reason"),
        *_people("Absent", document.absent),
        heading("Items"),
    ]
    for item in document.items:
        story.append(keep_short(_item(document, item)))
    story += [
        heading("Actions arising"),
        data_table(
            ("Item", "Ref.", "Action", "Lead", "Due"),
            [
                (a.item_number or "", a.reference, a.action_text, a.lead, a.due_on)
                for a in document.actions
            ],
            widths=(0.7, 0.8, 5, 2.6, 1.3),
            empty_text="No actions arose at this meeting.",
        ),
    ]
    if document.corrections:
        story += [
            heading("Corrections after approval"),
            data_table(
                ("When", "By", "Reason", "What changed"),
                [(c.made_at, c.corrected_by, c.reason, c.detail) for c in document.corrections],
                widths=(1.6, 1.8, 2.8, 4.2),
            ),
        ]
    story += [
        heading("Signed as a true record"),
        signature_block(meeting.chair_name or "", f"Chair, {meeting.board_name}"),
    ]
    return story


def _item(document: MinutesDocument, item: AgendaItemRow) -> list[Flowable]:
    styles = report_styles()
    parts: list[Flowable] = [heading(item.heading, 2)]
    if item.withheld:
        return [*parts, para(WITHHELD_TEXT, styles.muted)]
    if line := presenter_line(item.presenter, item.paper_ref):
        parts.append(line)
    if item.carried_from:
        parts.append(para(f"{item.carried_from}.", styles.muted))
    if item.not_reached:
        where = (
            f" It was carried forward to the meeting on {format_date(item.carried_to)}."
            if item.carried_to
            else " It is carried forward to the next meeting."
        )
        parts.append(para(f"This item was not reached.{where}"))
        return parts
    if item.kind == AgendaItemKind.PREVIOUS_MINUTES and item.previous_minutes_approved_on:
        parts.append(
            para(
                f"The minutes of the meeting held on {format_date(item.previous_meeting_on)} "
                f"were approved on {format_date(item.previous_minutes_approved_on)}."
            )
        )
    if item.discussion:
        parts.append(para(item.discussion))
    if item.kind == AgendaItemKind.MATTERS_ARISING:
        parts += [heading("Open actions", 3), *matters_arising_table(document)]
    if item.decisions:
        parts.append(rich("<b>Decisions:</b> {}", item.decisions))
    for action in document.actions_for(item):
        due = f", due {format_date(action.due_on)}" if action.due_on else ""
        lead = f" ({action.lead}{due})" if action.lead else f" ({due[2:]})" if due else ""
        parts.append(rich("<b>Action {}:</b> {}{}", action.reference, action.action_text, lead))
    minuted = item.discussion or item.decisions or document.actions_for(item)
    if not minuted and item.kind != AgendaItemKind.MATTERS_ARISING:
        parts.append(para("Nothing was minuted.", styles.muted))
    return parts
