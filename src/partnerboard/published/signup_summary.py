"""The threshold sign-up summary: which agencies have agreed the current version of the
threshold document, by sector, as a chart whose text alternative states every figure and as a
table of the same figures; then the agencies not yet signed up. The notes recorded with each
answer and who signed stay inside the partnership (`services.publication`)."""

from __future__ import annotations

from typing import Any

from partnerboard.db.database import Database
from partnerboard.domain.thresholds import SIGNUP_RAG, coverage_rag
from partnerboard.published.framing import framing
from partnerboard.published.model import (
    Chart,
    Notice,
    PublishedDocument,
    Strong,
    badge,
    heading,
    para,
    short,
    table,
)
from partnerboard.services import threshold_signups as su
from partnerboard.services.publication import PublicVersion, signup_summary_version


def _figures(matrix: su.SignupMatrix, current: su.MatrixVersion) -> list[Any]:
    lines = su.coverage_by_sector(matrix, current.id)
    total = lines[-1]
    approved = (
        f"approved by the board on {current.approved_on:%d/%m/%Y}"
        if current.approved_on
        else "not yet approved"
    )
    chart = su.coverage_breakdown(matrix, current.id)
    return [
        para(
            Strong(current.label),
            f" is the current version, {approved}. ",
            Strong(f"{total.agreed} of {total.in_scope}"),
            f" agencies have agreed it ({total.percent_agreed or 0}%); {total.pending} pending, "
            f"{total.declined} declined.",
        ),
        heading(2, "Coverage by sector"),
        Chart(f"Sign-up to {current.label} by sector", chart),
        table(
            f"Sign-up to {current.label} by sector",
            ("Sector", "Agencies", "Agreed", "Declined", "Pending", "Agreed %"),
            [
                (
                    line.label,
                    line.in_scope,
                    line.agreed,
                    line.declined,
                    line.pending,
                    badge(
                        coverage_rag(line.percent_agreed),
                        "–" if line.percent_agreed is None else f"{line.percent_agreed}%",
                    ),
                )
                for line in lines
            ],
            (3.2, 1.1, 1, 1, 1, 1.2),
        ),
    ]


def _waiting(matrix: su.SignupMatrix, current: su.MatrixVersion) -> list[Any]:
    waiting = matrix.not_signed_current()
    earlier = [v for v in matrix.versions if v.id != current.id]
    previous = earlier[-1] if earlier else None
    blocks: list[Any] = [heading(2, f"Not yet signed up to {current.label} ({len(waiting)})")]
    if not waiting:
        return [*blocks, para("Every agency asked has agreed the current version.")]
    rows = []
    for row in waiting:
        cell = matrix.cell(row, current.id)
        before = matrix.cell(row, previous.id) if previous else None
        status = cell.status if cell else None
        rows.append(
            (
                row.agency_name,
                row.sector,
                badge(SIGNUP_RAG[status], status.label) if status else "",
                before.status.label if before else "–",
            )
        )
    header = (
        "Agency",
        "Sector",
        "Sign-up",
        f"On {previous.label.lower()}" if previous else "Earlier",
    )
    return [*blocks, table("Agencies not yet signed up", header, rows, (3.6, 1.8, 1.2, 1.4))]


def build(matrix: su.SignupMatrix, public: PublicVersion, **frame: Any) -> PublishedDocument:
    current = matrix.current
    blocks: list[Any] = [
        heading(1, f"Threshold sign-up summary: {matrix.document_title}"),
        Notice(public.statement, public.left_out),
    ]
    if current is None:
        blocks.append(para(f"{matrix.document_title} has no versions yet."))
    else:
        blocks += _figures(matrix, current) + _waiting(matrix, current)
    return PublishedDocument(
        kind="threshold-signups",
        title=f"Threshold sign-up summary – {matrix.document_title}",
        short_title=short(f"Threshold sign-up summary – {matrix.document_title}"),
        version=public,
        blocks=tuple(blocks),
        subject="Partner sign-up to the threshold document",
        keywords=("threshold", "sign-up", matrix.document_title),
        **frame,
    )


def public_signup_summary(db: Database, document_id: int) -> PublishedDocument:
    frame = framing(db)
    version = signup_summary_version(frame["partnership"])
    return build(su.signup_matrix(db, document_id), version, **frame)
