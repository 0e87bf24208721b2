"""`partnerboard template action-update (--agency NAME | --all | --due-within DAYS) -o PATH`:
action update templates for partners, one per agency, or chasers for every agency with actions
overdue or due within DAYS days."""

from __future__ import annotations

from pathlib import Path

from partnerboard.cli.actions import date_argument, find_agency_option
from partnerboard.cli.registry import CommandContext, CommandLine
from partnerboard.db.database import Database
from partnerboard.domain.access import Permission


def run_template(ctx: CommandContext) -> int:
    from partnerboard.workbooks.action_update import template as templates  # noqa: PLC0415

    args = ctx.args
    output = Path(args.output).expanduser()
    if args.agency:
        agency_id, name = find_agency_option(ctx.db, args.agency)
        full = _agency_name(ctx.db, agency_id)
        if output.suffix.lower() != ".xlsx":
            output = output / templates.template_file_name(full, ctx.db.clock.today())
        output.parent.mkdir(parents=True, exist_ok=True)
        count = templates.write_template(ctx.db, agency_id, output, reply_by=args.reply_by)
        ctx.print(f"Wrote {output} ({count} open actions of {name}).")
        return 0
    days = args.due_within
    batch = templates.write_templates(ctx.db, output, chaser_days=days, reply_by=args.reply_by)
    for agency, path, count in batch.written:
        ctx.print(f"{path.name}: {count} action(s) of {agency}")
    what = f"due within {days} days or overdue" if days is not None else "open"
    ctx.print(
        f"{len(batch.written)} template(s) written to {output} for agencies with {what} actions."
    )
    return 0


def _agency_name(db: Database, agency_id: int) -> str:
    from partnerboard.services.partnership import get_agency  # noqa: PLC0415

    return get_agency(db, agency_id).name


def register(cli: CommandLine) -> None:
    template = cli.kind(
        "template",
        "action-update",
        "action update templates for agencies to fill in (one per agency), or chasers",
        run_template,
        permission=Permission.GENERATE_TEMPLATES,
    )
    template.set_defaults(output_folders=True)  # -o FOLDER/ is made when missing
    which = template.add_mutually_exclusive_group(required=True)
    which.add_argument("--agency", metavar="NAME", help="one agency (name or short name)")
    which.add_argument("--all", action="store_true", help="every agency leading an open action")
    which.add_argument(
        "--due-within",
        type=int,
        metavar="DAYS",
        help="chasers: every agency with actions overdue or due within DAYS days (e.g. 45)",
    )
    template.add_argument(
        "--reply-by",
        type=date_argument,
        metavar="DATE",
        help="the date (dd/mm/yyyy) agencies are asked to reply by; default two weeks from today",
    )
    template.add_argument(
        "-o", "--output", required=True, metavar="PATH",
        help="a folder (or, with --agency, a .xlsx file)",
    )  # fmt: skip
