"""The threshold document (levels of need with their descriptors and indicators), as partners
and the public read it. A draft version says so in its title, first heading and file name."""

from __future__ import annotations

from typing import Any

from partnerboard.db.database import Database
from partnerboard.domain.thresholds import VersionStatus
from partnerboard.errors import NotFound, UserError
from partnerboard.published.framing import framing
from partnerboard.published.model import (
    Notice,
    PublishedDocument,
    facts,
    heading,
    para,
    paragraphs,
    short,
    table,
)
from partnerboard.services import threshold_levels as tl
from partnerboard.services import thresholds as th
from partnerboard.services.publication import PublicVersion, threshold_document_version


def choose_document(db: Database, wanted: str | None = None) -> th.DocumentRow:
    """The threshold document called `wanted` (title or number), or the first one."""
    documents = th.list_documents(db)
    if not documents:
        raise UserError(
            "There is no threshold document yet; add one on the Threshold documents page."
        )
    if wanted is None:
        return documents[0]
    key = wanted.strip().casefold()
    for document in documents:
        if key in (document.title.casefold(), str(document.id)):
            return document
    raise NotFound(f"There is no threshold document called “{wanted}”.")


def choose_version(db: Database, document_id: int, wanted: str | None = None) -> th.VersionRow:
    """Version `wanted` ("3.0") of the document, or the current one."""
    versions = th.list_versions(db, document_id)
    if wanted is not None:
        key = wanted.strip().casefold().removeprefix("version").strip()
        found = next((v for v in versions if v.version.casefold() == key), None)
        if found is None:
            raise NotFound(f"There is no version {wanted} of this threshold document.")
        return found
    current = next((v for v in versions if v.is_current), None)
    if current is None:
        raise UserError("The threshold document has no current version yet.")
    return current


def build(
    version: th.VersionRow,
    levels: list[tl.LevelRow],
    successor: th.VersionRow | None,
    public: PublicVersion,
    **frame: Any,
) -> PublishedDocument:
    draft = version.status is VersionStatus.DRAFT
    title = f"Draft: {version.title}" if draft else version.title
    pairs: list[tuple[str, object]] = [
        ("Version", f"{version.version} ({version.status.label.lower()})"),
        ("Approved by the board", version.approved_on or "Not yet approved"),
    ]
    if version.approved_meeting:
        pairs.append(("Approved at", version.approved_meeting))
    pairs.append(("Review due", version.review_due or "Not set"))
    if version.status is VersionStatus.SUPERSEDED and successor is not None:
        pairs.append(("Superseded by", successor.label))
    blocks: list[Any] = [
        heading(1, title),
        Notice(public.statement, public.left_out),
        facts("This version", pairs),
        heading(2, "Levels of need"),
    ]
    if levels:
        blocks.append(
            table(
                "Levels of need", ("Level", "Name"), [(lv.number, lv.name) for lv in levels], (1, 6)
            )
        )
    else:
        blocks.append(para("No levels recorded.", tone="note"))
    for level in levels:
        blocks += [
            heading(2, f"Level {level.number}: {level.name}"),
            heading(3, "Descriptors"),
            *(paragraphs(level.descriptors) or [para("None recorded.", tone="note")]),
            heading(3, "Indicators"),
            *(paragraphs(level.indicators) or [para("None recorded.", tone="note")]),
        ]
    return PublishedDocument(
        kind="draft-threshold-document" if draft else "threshold-document",
        title=f"{title} – {version.label}",
        short_title=short(
            f"{'Draft v' if draft else 'V'}ersion {version.version}: {version.title}"
        ),
        version=public,
        blocks=tuple(blocks),
        draft=draft,
        subject="Threshold document: levels of need",
        keywords=("threshold", "levels of need", version.label),
        **frame,
    )


def public_threshold_document(db: Database, version_id: int) -> PublishedDocument:
    version = th.get_version(db, version_id)
    later = [
        v
        for v in th.list_versions(db, version.document_id)
        if v.id > version.id and v.status is not VersionStatus.DRAFT
    ]
    frame = framing(db)
    return build(
        version,
        tl.list_levels(db, version.id),
        later[0] if later else None,
        threshold_document_version(frame["partnership"]),
        **frame,
    )
