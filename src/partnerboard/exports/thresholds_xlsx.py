"""The threshold sign-up matrix exported to Excel: matrix, every answer, coverage by sector."""

from __future__ import annotations

from pathlib import Path

from partnerboard.db.database import Database
from partnerboard.domain import palette
from partnerboard.domain.marking import author_name, classify
from partnerboard.domain.partnership import StatutoryPartner
from partnerboard.domain.thresholds import SIGNUP_RAG, coverage_rag
from partnerboard.errors import UserError
from partnerboard.exports.xlsx import (
    about_sheet,
    colour_cell,
    new_workbook,
    save_workbook,
    write_table,
)
from partnerboard.services import partnership
from partnerboard.services import threshold_signups as su
from partnerboard.services import thresholds as th
from partnerboard.spreadsheets.formats import PERCENT


def _statutory(row: su.MatrixRow) -> str | None:
    return None if row.statutory_partner is StatutoryPartner.NONE else row.statutory_partner.label


def export_signup_matrix(db: Database, path: Path, document_id: int | None = None) -> Path:
    """Write the sign-up of every agency to every version of a threshold document."""
    documents = th.list_documents(db)
    if not documents:
        raise UserError("There is no threshold document to export yet.")
    document_id = document_id if document_id is not None else documents[0].id
    matrix = su.signup_matrix(db, document_id)
    workbook = new_workbook()
    current = matrix.current
    name = partnership.get_partnership(db).name
    # Nothing in a threshold sign-up can be restricted: OFFICIAL.
    classification = classify(author=author_name(db.principal, name))
    title = f"Threshold sign-up – {matrix.document_title}"
    about_sheet(
        workbook,
        title,
        [
            ("Partnership", name),
            ("Document", matrix.document_title),
            ("Current version", current.label if current else "None yet"),
            ("Exported on", db.clock.today()),
            ("Exported by", classification.author),
        ],
        classification,
    )
    _matrix_sheet(workbook, matrix)
    _details_sheet(workbook, matrix)
    if current is not None:
        _coverage_sheet(workbook, matrix, current)
    return save_workbook(workbook, path, title=title, classification=classification)


def _matrix_sheet(workbook, matrix: su.SignupMatrix) -> None:
    sheet = workbook.create_sheet("Sign-up matrix")
    header = ["Agency", "Sector", "Statutory partner"] + [
        f"{v.label}{' (current)' if v.is_current else ''}" for v in matrix.versions
    ]
    rows = [
        [row.agency_name, row.sector, _statutory(row)]
        + [cell.status if cell else "Not asked" for cell in row.cells]
        for row in matrix.rows
    ]
    write_table(sheet, header, rows, widths=[48, 22, 20] + [20] * len(matrix.versions))
    for number, row in enumerate(matrix.rows, start=2):
        for position, cell in enumerate(row.cells):
            if cell is not None:
                swatch = palette.named_swatch(SIGNUP_RAG[cell.status]) or palette.GREY
                colour_cell(sheet.cell(row=number, column=4 + position), swatch.fill, swatch.text)


def _details_sheet(workbook, matrix: su.SignupMatrix) -> None:
    sheet = workbook.create_sheet("Sign-up details")
    rows = []
    for version_position, version in enumerate(matrix.versions):
        for row in matrix.rows:
            cell = row.cells[version_position]
            if cell is None:
                continue
            rows.append(
                [
                    version.label,
                    version.status,
                    row.agency_name,
                    row.sector,
                    _statutory(row),
                    cell.status,
                    cell.signatory_name,
                    cell.signatory_role,
                    cell.signed_on,
                    cell.method,
                    cell.note,
                ]
            )
    write_table(
        sheet,
        [
            "Version",
            "Version status",
            "Agency",
            "Sector",
            "Statutory partner",
            "Sign-up",
            "Signed by",
            "Signatory's role",
            "Date",
            "How",
            "Note",
        ],
        rows,
        widths=[14, 14, 48, 22, 18, 12, 26, 30, 12, 14, 50],
    )


def _coverage_sheet(workbook, matrix: su.SignupMatrix, version: su.MatrixVersion) -> None:
    sheet = workbook.create_sheet("Coverage by sector")
    lines = su.coverage_by_sector(matrix, version.id)
    rows = [
        [
            line.label,
            line.in_scope,
            line.agreed,
            line.declined,
            line.pending,
            line.agreed / line.in_scope if line.in_scope else None,
        ]
        for line in lines
    ]
    write_table(
        sheet,
        ["Sector", "Agencies", "Agreed", "Declined", "Pending", f"Agreed % ({version.label})"],
        rows,
        widths=[26, 11, 11, 11, 11, 22],
    )
    for number, line in enumerate(lines, start=2):
        cell = sheet.cell(row=number, column=6)
        PERCENT.show(cell)
        rag = coverage_rag(line.percent_agreed)
        swatch = palette.named_swatch(rag) if rag else None
        if swatch is not None:
            colour_cell(cell, swatch.fill, swatch.text)
