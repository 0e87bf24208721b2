"""Threshold documents, their versions and levels of need.

A document is the series ("Wrenfield Continuum of Need"); each version has its own title,
status (draft → approved → superseded), dates and levels. A new version copies the levels of
the one before (or, for a first version, takes the level names from the partnership's
settings, see `threshold_levels`) and starts every active agency's sign-up at pending;
earlier versions keep theirs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from partnerboard.db.database import Database
from partnerboard.db.models.meetings import Meeting
from partnerboard.db.models.partnership import Agency, Board
from partnerboard.db.models.thresholds import (
    ThresholdDocument,
    ThresholdLevel,
    ThresholdSignup,
    ThresholdVersion,
)
from partnerboard.domain.dates import format_date
from partnerboard.domain.partnership import check_required
from partnerboard.domain.thresholds import SignupStatus, VersionStatus
from partnerboard.errors import FieldError, ValidationFailed
from partnerboard.services.common import check_version, fetch, tidy
from partnerboard.services.threshold_levels import level_names_in

# ---------------------------------------------------------------- documents


@dataclass(frozen=True)
class DocumentRow:
    id: int
    title: str
    description: str | None
    version_count: int
    row_version: int


def list_documents(db: Database) -> list[DocumentRow]:
    with db.reader() as session:
        counts = dict(
            session.execute(
                select(ThresholdVersion.document_id, func.count()).group_by(
                    ThresholdVersion.document_id
                )
            ).all()
        )
        documents = session.scalars(select(ThresholdDocument).order_by(ThresholdDocument.id))
        return [
            DocumentRow(d.id, d.title, d.description, counts.get(d.id, 0), d.row_version)
            for d in documents
        ]


def save_document(
    db: Database,
    title: str,
    description: str | None = None,
    document_id: int | None = None,
    expected_version: int | None = None,
) -> DocumentRow:
    errors = check_required("title", title, "Title", 300)
    if errors:
        raise ValidationFailed(errors)
    with db.session() as session:
        document = (
            fetch(session, ThresholdDocument, document_id, "threshold document")
            if document_id
            else ThresholdDocument()
        )
        check_version(document, expected_version, "threshold document")
        document.title = tidy(title) or ""
        document.description = tidy(description)
        session.add(document)
        session.flush()
        count = session.scalar(
            select(func.count()).where(ThresholdVersion.document_id == document.id)
        )
        return DocumentRow(
            document.id, document.title, document.description, count or 0, document.row_version
        )


# ---------------------------------------------------------------- versions


@dataclass(frozen=True)
class VersionRow:
    id: int
    document_id: int
    version: str
    title: str
    status: VersionStatus
    approved_on: date | None
    approved_meeting_id: int | None
    approved_meeting: str | None  # "Executive Board, 14/05/2026" when linked
    review_due: date | None
    notes: str | None
    agreed: int  # agencies that agreed this version
    is_current: bool  # the version partners are asked to sign up to now
    row_version: int

    @property
    def label(self) -> str:
        return f"Version {self.version}"


@dataclass
class VersionInput:
    version: str
    title: str
    status: str = VersionStatus.DRAFT.value
    approved_on: date | None = None
    review_due: date | None = None
    notes: str | None = None
    approved_meeting_id: int | None = None


def current_version_id(session: Session, document_id: int) -> int | None:
    """The newest approved version; without one, the newest version (a first draft)."""
    versions = session.scalars(
        select(ThresholdVersion).where(ThresholdVersion.document_id == document_id)
    ).all()
    approved = [v for v in versions if v.status == VersionStatus.APPROVED.value]
    if approved:
        return max(approved, key=lambda v: (v.approved_on or date.min, v.id)).id
    return max((v.id for v in versions), default=None)


def _meeting_labels(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.execute(
        select(Meeting.id, Meeting.starts_at, Board.short_name, Board.name)
        .join(Board, Board.id == Meeting.board_id)
        .where(Meeting.id.in_(ids))
    ).all()
    return {i: f"{short or name}, {format_date(starts)}" for i, starts, short, name in rows}


def _version_rows(session: Session, versions: list[ThresholdVersion]) -> list[VersionRow]:
    ids = [v.id for v in versions]
    agreed = dict(
        session.execute(
            select(ThresholdSignup.version_id, func.count())
            .where(
                ThresholdSignup.version_id.in_(ids),
                ThresholdSignup.status == SignupStatus.AGREED.value,
            )
            .group_by(ThresholdSignup.version_id)
        ).all()
    )
    meetings = _meeting_labels(session, {v.approved_meeting_id for v in versions} - {None})
    current = {d: current_version_id(session, d) for d in {v.document_id for v in versions}}
    return [
        VersionRow(
            v.id,
            v.document_id,
            v.version,
            v.title,
            VersionStatus(v.status),
            v.approved_on,
            v.approved_meeting_id,
            meetings.get(v.approved_meeting_id) if v.approved_meeting_id else None,
            v.review_due,
            v.notes,
            agreed.get(v.id, 0),
            current[v.document_id] == v.id,
            v.row_version,
        )
        for v in versions
    ]


def list_versions(db: Database, document_id: int) -> list[VersionRow]:
    """A document's versions, oldest first."""
    with db.reader() as session:
        versions = session.scalars(
            select(ThresholdVersion)
            .where(ThresholdVersion.document_id == document_id)
            .order_by(ThresholdVersion.id)
        ).all()
        return _version_rows(session, list(versions))


def get_version(db: Database, version_id: int) -> VersionRow:
    with db.reader() as session:
        return _version_rows(session, [fetch(session, ThresholdVersion, version_id, "version")])[0]


def meeting_options(db: Database) -> list[tuple[int, str]]:
    """Meetings a version can be linked to as approved at, newest first."""
    with db.reader() as session:
        ids = set(session.scalars(select(Meeting.id)))
        labels = _meeting_labels(session, ids)
        starts = dict(session.execute(select(Meeting.id, Meeting.starts_at)).all())
    return sorted(labels.items(), key=lambda item: starts[item[0]], reverse=True)


def validate_version(data: VersionInput) -> list[FieldError]:
    errors = check_required("version", data.version, "Version", 30)
    errors += check_required("title", data.title, "Title", 300)
    status = VersionStatus.parse(data.status)
    if status is None:
        errors.append(FieldError("status", "Choose draft, approved or superseded."))
    elif status is not VersionStatus.DRAFT and data.approved_on is None:
        errors.append(FieldError("approved_on", "Give the date the board approved this version."))
    if data.approved_on and data.review_due and data.review_due <= data.approved_on:
        errors.append(FieldError("review_due", "The review must fall due after the approval."))
    return errors


def create_version(db: Database, document_id: int, data: VersionInput) -> VersionRow:
    """Add a version: levels copied from the newest version (or the settings), all sign-ups pending."""
    errors = validate_version(data)
    if errors:
        raise ValidationFailed(errors)
    with db.session() as session:
        fetch(session, ThresholdDocument, document_id, "threshold document")
        _refuse_duplicate(session, document_id, data.version, None)
        previous = session.scalars(
            select(ThresholdVersion)
            .where(ThresholdVersion.document_id == document_id)
            .order_by(ThresholdVersion.id.desc())
            .limit(1)
        ).first()
        version = ThresholdVersion(document_id=document_id)
        _apply(version, data)
        session.add(version)
        session.flush()
        if previous is not None:
            levels = [
                (lv.name, lv.descriptors, lv.indicators)
                for lv in session.scalars(
                    select(ThresholdLevel)
                    .where(ThresholdLevel.version_id == previous.id)
                    .order_by(ThresholdLevel.number)
                )
            ]
        else:
            levels = [(name, None, None) for name in level_names_in(session)]
        for number, (name, descriptors, indicators) in enumerate(levels, start=1):
            session.add(
                ThresholdLevel(
                    version_id=version.id,
                    number=number,
                    name=name,
                    descriptors=descriptors,
                    indicators=indicators,
                )
            )
        for agency_id in session.scalars(select(Agency.id).where(Agency.active.is_(True))):
            session.add(ThresholdSignup(version_id=version.id, agency_id=agency_id))
        _supersede_older(session, version)
        session.flush()
        return _version_rows(session, [version])[0]


def save_version(
    db: Database, version_id: int, data: VersionInput, expected_version: int | None = None
) -> VersionRow:
    errors = validate_version(data)
    if errors:
        raise ValidationFailed(errors)
    with db.session() as session:
        version = fetch(session, ThresholdVersion, version_id, "version")
        check_version(version, expected_version, "version")
        _refuse_duplicate(session, version.document_id, data.version, version.id)
        if (
            version.status != VersionStatus.DRAFT.value
            and VersionStatus.parse(data.status) is VersionStatus.DRAFT
        ):
            raise ValidationFailed(
                FieldError(
                    "status",
                    "An approved version cannot become a draft again; make a new version instead.",
                )
            )
        _apply(version, data)
        _supersede_older(session, version)
        session.flush()
        return _version_rows(session, [version])[0]


def _apply(version: ThresholdVersion, data: VersionInput) -> None:
    version.version = tidy(data.version) or ""
    version.title = tidy(data.title) or ""
    version.status = VersionStatus.parse(data.status).value  # type: ignore[union-attr]
    version.approved_on = data.approved_on
    version.review_due = data.review_due
    version.notes = tidy(data.notes)
    version.approved_meeting_id = data.approved_meeting_id


def _refuse_duplicate(session: Session, document_id: int, label: str, own_id: int | None) -> None:
    clash = session.scalars(
        select(ThresholdVersion).where(
            ThresholdVersion.document_id == document_id,
            func.lower(ThresholdVersion.version) == (tidy(label) or "").lower(),
            ThresholdVersion.id != (own_id or 0),
        )
    ).first()
    if clash is not None:
        raise ValidationFailed(
            FieldError("version", f"This document already has a version {clash.version}.")
        )


def _supersede_older(session: Session, version: ThresholdVersion) -> None:
    """Approving a version supersedes the approved versions it replaces (approved before it)."""
    if version.status != VersionStatus.APPROVED.value or version.approved_on is None:
        return
    older = session.scalars(
        select(ThresholdVersion).where(
            ThresholdVersion.document_id == version.document_id,
            ThresholdVersion.id != version.id,
            ThresholdVersion.status == VersionStatus.APPROVED.value,
            ThresholdVersion.approved_on <= version.approved_on,
        )
    )
    for other in older:
        other.status = VersionStatus.SUPERSEDED.value
