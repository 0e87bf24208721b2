"""Public minutes as one self-contained, accessible HTML page, for publishing on a website.

reportlab cannot tag a PDF, and published council documents must be accessible (WCAG 2.2 AA):
this page has the document language (en-GB), a title, one h1 and nested headings, tables with
captions and header cells (`<th scope>`), the logo inline with alternative text, and every
user string escaped. No scripts, no external files.
"""

from __future__ import annotations

import base64
import os
from html import escape
from pathlib import Path

from partnerboard.db.database import Database
from partnerboard.domain.dates import format_date
from partnerboard.domain.meetings import AgendaItemKind
from partnerboard.exports.text import plain
from partnerboard.services.meetings.documents import Attendee, MinutesDocument, minutes_document

STYLE = """
body { font-family: Arial, Helvetica, sans-serif; color: #0b0c0c; max-width: 50rem;
       margin: 0 auto; padding: 1rem; line-height: 1.5; }
header { border-bottom: 2px solid #b1b4b6; margin-bottom: 1rem; }
header img { float: right; max-height: 3.5rem; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
th, td { border: 1px solid #b1b4b6; padding: 0.3rem 0.5rem; text-align: left;
         vertical-align: top; }
thead th { background: #24466b; color: #ffffff; }
tbody th { font-weight: normal; }
.note { color: #505a5f; }
"""


def _text(value: object) -> str:
    """Escaped text; blank lines start a new paragraph, single line breaks stay."""
    blocks = [b.strip() for b in plain(value).split("\n\n") if b.strip()]
    return "".join(f"<p>{escape(b).replace(chr(10), '<br>')}</p>" for b in blocks)


def _table(caption: str, header: tuple[str, ...], rows: list[tuple[object, ...]]) -> str:
    """A data table: the first cell of each row is its row header (screen readers announce it).
    A line break in a value stays one (shared with the yearly report's HTML)."""
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in header)
    body = []
    for row in rows:
        first, *rest = (escape(plain(v)).replace("\n", "<br>") for v in row)
        body.append(
            f'<tr><th scope="row">{first}</th>' + "".join(f"<td>{c}</td>" for c in rest) + "</tr>"
        )
    return (
        f"<table><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def logo_img(logo: bytes | None, partnership: str) -> str:
    """The partnership's logo inline, with alternative text (empty without a logo)."""
    if not logo:
        return ""
    mime = "image/png" if logo.startswith(b"\x89PNG") else "image/jpeg"
    data = base64.b64encode(logo).decode("ascii")
    return f'<img src="data:{mime};base64,{data}" alt="{escape(plain(partnership))} logo">'


def _people(title: str, people: list[Attendee], note: str | None) -> str:
    if not people:
        return ""
    if note is None:
        return _table(
            title, ("Name", "Role and organisation"), [(p.name, p.described) for p in people]
        )
    return _table(
        title,
        ("Name", "Role and organisation", note),
        [(p.name, p.described, p.note) for p in people],
    )


def render_minutes_html(document: MinutesDocument) -> str:
    meeting = document.meeting
    title = f"Minutes: {document.title}" + (" (draft)" if document.draft else "")
    logo = logo_img(document.logo, document.partnership_name)
    status = (
        "Draft: these minutes have not yet been approved."
        if document.draft
        else f"Approved on {format_date(meeting.minutes_approved_on)}."
    )
    facts = _table(
        "The meeting",
        ("Detail", "Value"),
        [
            ("Date", f"{meeting.starts_at:%A} {format_date(meeting.starts_at)}"),
            ("Time", meeting.time_text),
            ("Where", meeting.where),
            ("Chair", meeting.chair_name or "Not recorded"),
            ("Quorum", document.quorum.summary if document.quorum else ""),
        ],
    )
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(plain(title))}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f"<header>{logo}<p>{escape(plain(document.partnership_name))}</p></header>",
        "<main>",
        f"<h1>Minutes of the {escape(plain(meeting.board_name))}, "
        f"{escape(format_date(meeting.starts_at))}</h1>",
        f'<p class="note">{escape(status)}</p>',
        facts,
        "<h2>Attendance</h2>",
        _people("Present", document.present, "Attended"),
        _people("In attendance", document.in_attendance, None),
        _people("Apologies", document.apologies, "Reason"),
        _people("Absent", document.absent, None),
        "<h2>Items</h2>",
    ]
    for item in document.items:
        parts.append(f"<h3>{escape(plain(item.heading))}</h3>")
        if item.presenter:
            parts.append(f'<p class="note">Presented by {escape(plain(item.presenter))}</p>')
        if item.not_reached:
            parts.append("<p>This item was not reached and is carried forward.</p>")
            continue
        parts.append(_text(item.discussion))
        if item.kind == AgendaItemKind.MATTERS_ARISING and document.matters_arising:
            parts.append(
                _table(
                    "Open actions",
                    ("Ref.", "Action", "Lead", "Due", "RAG", "Latest update"),
                    [
                        (
                            m.reference,
                            m.text,
                            m.lead,
                            m.due_on,
                            (m.rag or "Not rated").title(),
                            m.latest_update,
                        )
                        for m in document.matters_arising
                    ],
                )
            )
        if item.decisions:
            parts.append(f"<p><strong>Decisions:</strong> {escape(plain(item.decisions))}</p>")
    parts.append("<h2>Actions arising</h2>")
    if document.actions:
        parts.append(
            _table(
                "Actions arising",
                ("Ref.", "Action", "Lead", "Due", "Item"),
                [(a.reference, a.text, a.lead, a.due_on, a.item_number) for a in document.actions],
            )
        )
    else:
        parts.append("<p>No actions arose at this meeting.</p>")
    parts += ["</main>", "</body>", "</html>", ""]
    return "\n".join(p for p in parts if p is not None)


def minutes_html(
    db: Database, meeting_id: int, target: str | os.PathLike[str], *, public: bool = True
) -> Path:
    """Write the minutes (public by default) as one HTML page; returns the path written."""
    html = render_minutes_html(minutes_document(db, meeting_id, public=public))
    path = Path(target)
    path.write_text(html, encoding="utf-8")
    return path
