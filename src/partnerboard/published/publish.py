"""Publishing: what a meeting, a review, the threshold agreement or a year puts on the website.

    publish_meeting(db, meeting_id, folder)       # the public agenda, and the minutes once held
    publish_briefing(db, review_id, folder)       # the 7-minute briefing on a review
    publish_thresholds(db, folder)                # the threshold document and its sign-up summary
    publish_yearly(db, year, folder)              # the yearly report, once the year is over

Each document is written as an accessible HTML page and a tagged PDF (PDF/UA-1) with the same
content and the same name. Minutes the chair has not approved are published only as a draft:
"Draft" in the title, the first heading and the file name; a yearly report written before it
may be published is a preview, said the same way. These are plain functions taking a
progress callback and a cancel token; the command line and the app call the same ones.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from partnerboard.db.database import Database
from partnerboard.domain.meetings import MeetingStatus
from partnerboard.domain.public_sector_year import Period
from partnerboard.jobs import CancelToken, Progress, no_progress
from partnerboard.published.files import (
    Written,
    check_folder,
    output_folder,
    slug,
    write_document,
)
from partnerboard.published.model import PublishedDocument
from partnerboard.services.meetings.meetings import get_meeting

Folder = str | os.PathLike[str]
# How to make one document, and the words before and after its kind in the file name:
# ("Executive 2026-08-11", make, "") gives Executive-2026-08-11-draft-minutes.html and .pdf.
Maker = tuple[str, Callable[[], PublishedDocument], str]
# The minutes are published once the meeting has been held; before that, only its agenda.
HELD = (MeetingStatus.HELD, MeetingStatus.MINUTES_DRAFT, MeetingStatus.MINUTES_APPROVED)


def _write_all(
    makers: list[Maker],
    folder: Folder,
    progress: Progress,
    cancel: CancelToken | None,
) -> list[Written]:
    target = output_folder(folder)
    written = []
    for done, (before, make, after) in enumerate(makers):
        if cancel is not None:
            cancel.raise_if_cancelled()
        document = make()
        progress(done, len(makers), f"Writing {document.title}…")
        written.append(write_document(document, target, slug(before, document.kind, after)))
    progress(len(makers), len(makers), "Done.")
    return written


def publish_meeting(
    db: Database,
    meeting_id: int,
    folder: Folder,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> list[Written]:
    """The public agenda and, once the meeting has been held, the public minutes."""
    from partnerboard.published.agenda import public_agenda  # noqa: PLC0415
    from partnerboard.published.minutes import public_minutes  # noqa: PLC0415

    meeting = get_meeting(db, meeting_id)
    prefix = f"{meeting.board_short_name or meeting.board_name} {meeting.starts_at:%Y-%m-%d}"
    makers: list[Maker] = [(prefix, lambda: public_agenda(db, meeting_id), "")]
    if meeting.status in HELD:
        makers.append((prefix, lambda: public_minutes(db, meeting_id), ""))
    return _write_all(makers, folder, progress, cancel)


def publish_briefing(
    db: Database,
    review_id: int,
    folder: Folder,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> list[Written]:
    """The learning briefing on one review (refused while the review is restricted)."""
    from partnerboard.published.briefing import public_briefing  # noqa: PLC0415
    from partnerboard.services.reviews import get_review  # noqa: PLC0415

    reference = get_review(db, review_id).reference
    makers: list[Maker] = [("", lambda: public_briefing(db, review_id), reference)]
    return _write_all(makers, folder, progress, cancel)


def publish_thresholds(
    db: Database,
    folder: Folder,
    *,
    document: str | None = None,
    version: str | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> list[Written]:
    """A version of the threshold document (the current one by default) and the sign-up summary."""
    from partnerboard.published import threshold_document as td  # noqa: PLC0415
    from partnerboard.published.signup_summary import public_signup_summary  # noqa: PLC0415

    chosen = td.choose_document(db, document)
    row = td.choose_version(db, chosen.id, version)
    makers: list[Maker] = [
        ("", lambda: td.public_threshold_document(db, row.id), f"version {row.version}"),
        ("", lambda: public_signup_summary(db, chosen.id), f"{db.clock.today():%Y-%m-%d}"),
    ]
    return _write_all(makers, folder, progress, cancel)


def publish_yearly(
    db: Database,
    year: Period,
    folder: Folder,
    *,
    preview: bool = False,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> list[Written]:
    """The yearly report for `year`, refused (and no folder made) until the year has ended and
    the five required sections have narrative; `preview`: written anyway, marked as a preview."""
    from partnerboard.published.yearly import public_yearly_report  # noqa: PLC0415

    check_folder(folder)  # before every register is read: a wrong folder is told at once
    document = public_yearly_report(db, year, preview=preview, progress=progress, cancel=cancel)
    return _write_all([("", lambda: document, year.slug)], folder, progress, cancel)
