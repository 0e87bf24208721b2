"""Multi-agency audit commands: `template ma-audit`, `report audit`, `export audits`.

partnerboard template ma-audit --audit latest --all -o returns/
partnerboard template ma-audit --audit 3 --agency Police -o police.xlsx
partnerboard report audit --audit latest -o audit.pdf
partnerboard export audits -o audits.xlsx

`ID` is the audit's number (as the app shows it), `latest` (the most recent period audited),
or its title.
"""

from __future__ import annotations

from pathlib import Path

from partnerboard.cli.registry import CommandContext, CommandLine
from partnerboard.domain.access import Permission
from partnerboard.errors import NotFound, UserError


def run_template(ctx: CommandContext) -> int:
    from partnerboard.services import audits  # noqa: PLC0415
    from partnerboard.services.partnership import find_agency  # noqa: PLC0415
    from partnerboard.workbooks.ma_audit import template as templates  # noqa: PLC0415

    args = ctx.args
    audit = audits.resolve_audit(ctx.db, args.audit)
    output = Path(args.output).expanduser()
    if args.all:
        if output.exists() and not output.is_dir():
            raise UserError(f"{output} is a file; with --all, -o names a folder.")
        result = templates.write_templates(ctx.db, audit.id, output)
        written = result.paths
        for name in result.without_cases:
            ctx.print(f"No template for {name}: not involved in any case of the sample.")
    else:
        agency = find_agency(ctx.db, args.agency)
        if agency is None:
            raise NotFound(f"There is no agency called “{args.agency}”.")
        if output.is_dir():
            output = output / templates.template_file_name(audit.title, agency.name)
        elif not output.parent.is_dir():
            raise UserError(f"There is no folder {output.parent} to write {output.name} in.")
        context = templates.audit_context(ctx.db, audit.id)
        written = [templates.write_template(ctx.db, context, agency.id, output)]
    for path in written:
        ctx.print(path)
    ctx.print(f"{len(written)} template(s) written for the audit “{audit.title}”.")
    return 0


def run_report(ctx: CommandContext) -> int:
    from partnerboard.reports.audit_report import write_audit_report  # noqa: PLC0415
    from partnerboard.services import audits  # noqa: PLC0415

    audit = audits.resolve_audit(ctx.db, ctx.args.audit)
    report = write_audit_report(ctx.db, audit.id, ctx.output_file(".pdf"))
    ctx.print(
        f"Report of the audit “{audit.title}” written to {report.path} ({report.pages} page(s))."
    )
    return 0


def run_export(ctx: CommandContext) -> int:
    from partnerboard.exports.ma_audit_xlsx import export_audits  # noqa: PLC0415
    from partnerboard.services import audits  # noqa: PLC0415

    wanted = [audits.resolve_audit(ctx.db, ctx.args.audit).id] if ctx.args.audit else None
    report = export_audits(ctx.db, ctx.output_file(".xlsx"), wanted)
    ctx.print(
        f"Wrote {report.audits} audit(s), {report.grades} grade line(s), {report.findings} "
        f"finding(s) and {report.recommendations} recommendation(s) to {report.path}."
    )
    return 0


def register(cli: CommandLine) -> None:
    audit_help = "the audit: its number, 'latest' or its title"
    template = cli.kind(
        "template",
        "ma-audit",
        "multi-agency audit return templates, one per agency",
        run_template,
        permission=Permission.GENERATE_TEMPLATES,
    )
    template.set_defaults(output_folders=True)  # -o FOLDER/ is made when missing
    template.add_argument("--audit", required=True, metavar="ID", help=audit_help)
    which = template.add_mutually_exclusive_group(required=True)
    which.add_argument("--agency", metavar="NAME", help="one agency (name or short name)")
    which.add_argument("--all", action="store_true", help="every agency taking part that has cases")
    template.add_argument(
        "-o", "--output", required=True, metavar="PATH",
        help="the file to write (one agency) or the folder (--all)",
    )  # fmt: skip
    report = cli.kind(
        "report",
        "audit",
        "the report of a multi-agency audit (PDF)",
        run_report,
        permission=Permission.READ,
    )
    report.add_argument("--audit", required=True, metavar="ID", help=audit_help)
    report.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    export = cli.kind(
        "export",
        "audits",
        "grades and findings of multi-agency audits (Excel)",
        run_export,
        permission=Permission.READ,
    )
    export.add_argument("--audit", metavar="ID", help=f"only this audit ({audit_help})")
    export.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
