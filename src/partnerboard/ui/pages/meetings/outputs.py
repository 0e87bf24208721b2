"""Printing, exporting and publishing a meeting's papers from the app, off the GUI thread.

The same functions as the command line (`reports.minutes_pdf`, `exports.minutes_docx`,
`published.publish` …) run through `ui.operations`, with progress and Cancel. The public
versions are published documents: a tagged PDF or an accessible HTML page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QWidget

from partnerboard.db.database import Database
from partnerboard.jobs import CancelToken, Progress
from partnerboard.services.meetings.rows import MeetingRow
from partnerboard.ui.pages.meetings import dialogs as meeting_dialogs


def _agenda(db: Database, meeting_id: int, path: Path, progress: Progress, cancel: CancelToken):
    from partnerboard.reports.agenda_pdf import agenda_pdf  # noqa: PLC0415  (reportlab)

    return agenda_pdf(db, meeting_id, path, progress=progress, cancel=cancel)


def _minutes(db: Database, meeting_id: int, path: Path, progress: Progress, cancel: CancelToken):
    from partnerboard.reports.minutes_pdf import minutes_pdf  # noqa: PLC0415  (reportlab)

    return minutes_pdf(db, meeting_id, path, progress=progress, cancel=cancel)


def _public_pdf(
    db: Database, meeting_id: int, path: Path, _progress: Progress, _cancel: CancelToken
):
    from partnerboard.published.files import write_pdf  # noqa: PLC0415  (typst)
    from partnerboard.published.minutes import public_minutes  # noqa: PLC0415

    return write_pdf(public_minutes(db, meeting_id), path)


def _word(db: Database, meeting_id: int, path: Path, _progress: Progress, _cancel: CancelToken):
    from partnerboard.exports.minutes_docx import minutes_docx  # noqa: PLC0415  (python-docx)

    return minutes_docx(db, meeting_id, path)


def _html(db: Database, meeting_id: int, path: Path, _progress: Progress, _cancel: CancelToken):
    from partnerboard.published.files import write_html  # noqa: PLC0415
    from partnerboard.published.minutes import public_minutes  # noqa: PLC0415

    return write_html(public_minutes(db, meeting_id), path)


@dataclass(frozen=True)
class Output:
    label: str  # menu text
    what: str  # "minutes", "public minutes" … for file names and messages
    kinds: str  # file dialog filter
    suffix: str
    write: Callable[[Database, int, Path, Progress, CancelToken], object]


OUTPUTS = (
    Output("&Agenda (PDF)…", "agenda", "PDF files (*.pdf)", ".pdf", _agenda),
    Output("&Minutes (PDF)…", "minutes", "PDF files (*.pdf)", ".pdf", _minutes),
    Output(
        "&Public minutes (tagged PDF)…", "public minutes", "PDF files (*.pdf)", ".pdf", _public_pdf
    ),
    Output("Minutes for comments (&Word)…", "minutes", "Word documents (*.docx)", ".docx", _word),
    Output("Public minutes (&HTML)…", "public minutes", "Web pages (*.html)", ".html", _html),
)


def suggested_name(meeting: MeetingRow, output: Output) -> str:
    board = re.sub(r"[^A-Za-z0-9]+", "-", meeting.board_short_name or meeting.board_name).strip("-")
    return f"{board}-{meeting.starts_at:%Y-%m-%d}-{output.what.replace(' ', '-')}{output.suffix}"


def save_output(page: QWidget, meeting: MeetingRow, output: Output) -> None:
    name = meeting_dialogs.choose_save_path(
        page, f"Save the {output.what}", suggested_name(meeting, output), output.kinds
    )
    if not name:
        return
    path = Path(name)
    if path.suffix.lower() != output.suffix:
        path = path.with_suffix(output.suffix)
    context = page.context  # type: ignore[attr-defined]
    db = context.db
    context.operations.run(
        lambda progress, cancel: output.write(db, meeting.id, path, progress, cancel),
        lambda _result: context.status(f"Saved the {output.what} of {meeting.name} to {path}."),
        label=f"Writing the {output.what}…",
    )


def publish_meeting(page: QWidget, meeting: MeetingRow) -> None:
    """Publish the meeting into a folder: public agenda and minutes, HTML and tagged PDF."""
    folder = meeting_dialogs.choose_folder(page, f"Publish {meeting.name}: choose a folder")
    if not folder:
        return
    context = page.context  # type: ignore[attr-defined]
    db = context.db

    def work(progress: Progress, cancel: CancelToken):
        from partnerboard.published.publish import publish_meeting as publish  # noqa: PLC0415

        return publish(db, meeting.id, folder, progress=progress, cancel=cancel)

    def done(written) -> None:
        names = ", ".join(w.document.kind.replace("-", " ") for w in written)
        context.status(f"Published {meeting.name} ({names}) as HTML and tagged PDF in {folder}.")

    context.operations.run(work, done, label=f"Publishing {meeting.name}…")
