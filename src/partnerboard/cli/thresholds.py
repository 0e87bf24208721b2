"""Commands over threshold agreements and the escalation log: Excel exports and PDF reports.

partnerboard export thresholds -o signup.xlsx [--document TITLE]
partnerboard export escalations -o log.xlsx [--since 01/04/2026] [--until 31/03/2027]
partnerboard report thresholds -o summary.pdf [--document TITLE] [--levels [--version 3.0]]
"""

from __future__ import annotations

from datetime import date

from partnerboard.cli.registry import CommandContext, CommandLine
from partnerboard.db.database import Database
from partnerboard.domain.access import Permission
from partnerboard.domain.dates import parse_date
from partnerboard.errors import NotFound, UserError
from partnerboard.services import thresholds as th


def _document_id(db: Database, wanted: str | None) -> int | None:
    if wanted is None:
        return None
    for document in th.list_documents(db):
        if wanted.strip().casefold() in (document.title.casefold(), str(document.id)):
            return document.id
    raise NotFound(f"There is no threshold document called “{wanted}”.")


def _date(text: str | None, what: str) -> date | None:
    try:
        return parse_date(text)
    except ValueError as error:
        raise UserError(f"{what}: {error}") from None


def run_export_thresholds(ctx: CommandContext) -> int:
    from partnerboard.exports.thresholds_xlsx import export_signup_matrix  # noqa: PLC0415

    path = ctx.output_file(".xlsx")
    saved = export_signup_matrix(ctx.db, path, _document_id(ctx.db, ctx.args.document))
    ctx.print(f"Sign-up matrix written to {saved}.")
    return 0


def run_export_escalations(ctx: CommandContext) -> int:
    from partnerboard.exports.escalations_xlsx import export_escalation_log  # noqa: PLC0415

    path = ctx.output_file(".xlsx")
    since = _date(ctx.args.since, "--since")
    until = _date(ctx.args.until, "--until")
    if since and until and until < since:
        raise UserError("--until is before --since.")
    saved = export_escalation_log(ctx.db, path, since, until)
    ctx.print(f"Escalation log written to {saved}.")
    return 0


def run_report_thresholds(ctx: CommandContext) -> int:
    from partnerboard.reports import thresholds_pdf  # noqa: PLC0415  (reportlab on demand)

    path = ctx.output_file(".pdf")
    document_id = _document_id(ctx.db, ctx.args.document)
    if not ctx.args.levels:
        if ctx.args.version:
            raise UserError("--version goes with --levels (the document itself).")
        thresholds_pdf.signup_summary_pdf(ctx.db, path, document_id)
        ctx.print(f"Sign-up summary written to {path}.")
        return 0
    version_id = None
    if ctx.args.version:
        documents = [document_id] if document_id else [d.id for d in th.list_documents(ctx.db)]
        found = [
            v
            for d in documents
            for v in th.list_versions(ctx.db, d)
            if v.version.casefold() == ctx.args.version.strip().casefold()
        ]
        if not found:
            raise NotFound(f"There is no version {ctx.args.version} of a threshold document.")
        version_id = found[0].id
    elif document_id is not None:
        current = next((v for v in th.list_versions(ctx.db, document_id) if v.is_current), None)
        version_id = current.id if current else None
    thresholds_pdf.threshold_document_pdf(ctx.db, path, version_id)
    ctx.print(f"Threshold document written to {path}.")
    return 0


def register(cli: CommandLine) -> None:
    export = cli.kind(
        "export",
        "thresholds",
        "the threshold sign-up matrix (agencies × versions), every answer and coverage by sector",
        run_export_thresholds,
        permission=Permission.READ,
    )
    export.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    export.add_argument(
        "--document", metavar="TITLE", help="the threshold document (default: the first)"
    )

    log = cli.kind(
        "export",
        "escalations",
        "the escalation log with the date of each stage, and its figures",
        run_export_escalations,
        permission=Permission.READ,
    )
    log.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    log.add_argument("--since", metavar="DD/MM/YYYY", help="raised on or after this date")
    log.add_argument("--until", metavar="DD/MM/YYYY", help="raised on or before this date")

    report = cli.kind(
        "report",
        "thresholds",
        "the one-page sign-up summary for the board, or with --levels the threshold document",
        run_report_thresholds,
        permission=Permission.READ,
    )
    report.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    report.add_argument(
        "--document", metavar="TITLE", help="the threshold document (default: the first)"
    )
    report.add_argument(
        "--levels",
        action="store_true",
        help="print the threshold document itself: its levels of need with descriptors",
    )
    report.add_argument(
        "--version", metavar="VERSION", help="with --levels: which version (default: current)"
    )
