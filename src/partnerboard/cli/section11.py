"""Section 11 commands: `template s11`, `export s11`, `report s11-feedback`."""

from __future__ import annotations

from pathlib import Path

from partnerboard.cli.registry import CommandContext, CommandLine
from partnerboard.domain.access import Permission
from partnerboard.errors import NotFound, UserError


def _agency_id(ctx: CommandContext, name: str) -> int:
    from partnerboard.services.partnership import find_agency  # noqa: PLC0415

    agency = find_agency(ctx.db, name)
    if agency is None:
        raise NotFound(f"There is no agency called “{name}”.")
    return agency.id


def run_template(ctx: CommandContext) -> int:
    from partnerboard.services import section11 as s11  # noqa: PLC0415
    from partnerboard.workbooks.section11 import template as templates  # noqa: PLC0415

    args = ctx.args
    the_round = s11.find_round(ctx.db, args.round)
    output = Path(args.output).expanduser()
    if args.all:
        if output.exists() and not output.is_dir():
            raise UserError(f"{output} is a file; with --all, -o names a folder.")
        written = templates.write_templates(ctx.db, the_round.id, output, prefill=args.prefill)
    else:
        agency_id = _agency_id(ctx, args.agency)
        if output.is_dir():
            agency = s11.find_return(ctx.db, the_round.id, agency_id)
            name = agency.agency_name if agency else args.agency
            output = output / templates.template_file_name(the_round.label, name)
        written = []
        context = templates.round_context(ctx.db, the_round.id)
        written.append(
            templates.write_template(ctx.db, context, agency_id, output, prefill=args.prefill)
        )
        s11.mark_issued(ctx.db, the_round.id, [agency_id])
    for path in written:
        ctx.print(path)
    ctx.print(f"{len(written)} template(s) written for Section 11 round {the_round.label}.")
    return 0


def run_export(ctx: CommandContext) -> int:
    from partnerboard.exports.section11_xlsx import export_matrix  # noqa: PLC0415
    from partnerboard.services import section11 as s11  # noqa: PLC0415

    the_round = s11.find_round(ctx.db, ctx.args.round)
    path = export_matrix(ctx.db, the_round.id, Path(ctx.args.output).expanduser())
    ctx.print(f"Section 11 round {the_round.label} exported to {path}.")
    return 0


def run_feedback(ctx: CommandContext) -> int:
    from partnerboard.reports.section11_feedback import write_feedback_letter  # noqa: PLC0415
    from partnerboard.services import section11 as s11  # noqa: PLC0415

    the_round = s11.find_round(ctx.db, ctx.args.round)
    agency_id = _agency_id(ctx, ctx.args.agency)
    path = write_feedback_letter(
        ctx.db, the_round.id, agency_id, Path(ctx.args.output).expanduser(), draft=ctx.args.draft
    )
    ctx.print(f"Feedback letter written to {path}.")
    return 0


def register(cli: CommandLine) -> None:
    template = cli.kind(
        "template",
        "s11",
        "Section 11 return templates, one per agency in a round",
        run_template,
        permission=Permission.GENERATE_TEMPLATES,
    )
    template.set_defaults(output_folders=True)  # -o FOLDER/ is made when missing
    template.add_argument("--round", required=True, metavar="LABEL", help="the round, e.g. 2026")
    which = template.add_mutually_exclusive_group(required=True)
    which.add_argument("--agency", metavar="NAME", help="one agency (name or short name)")
    which.add_argument("--all", action="store_true", help="every agency in the round")
    template.add_argument(
        "--prefill", action="store_true", help="fill in each agency's latest answers"
    )
    template.add_argument(
        "-o", "--output", required=True, metavar="PATH",
        help="the file to write (one agency) or the folder (--all)",
    )  # fmt: skip
    export = cli.kind(
        "export",
        "s11",
        "a Section 11 round's compliance matrix (Excel)",
        run_export,
        permission=Permission.READ,
    )
    export.add_argument("--round", required=True, metavar="LABEL")
    export.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    report = cli.kind(
        "report",
        "s11-feedback",
        "the Section 11 feedback letter to one agency (PDF)",
        run_feedback,
        permission=Permission.READ,
    )
    report.add_argument("--round", required=True, metavar="LABEL")
    report.add_argument("--agency", required=True, metavar="NAME")
    report.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    report.add_argument(
        "--draft",
        action="store_true",
        help="a DRAFT letter (the agency's own ratings only) for a return not yet validated "
        "or challenged; without it such a return is refused",
    )
